//! The dashboard's state and its one way of changing: `update(&mut App, Msg) -> Vec<Effect>`.
//!
//! Nothing here touches the terminal or the disk: keys come in as messages, and whatever must
//! happen outside (saving, quitting) goes out as effects that the runtime carries out. Tests drive
//! the whole dashboard through [`update`] and draw it with a test backend.

mod background;
pub mod config;
pub mod contact;
pub mod dashboard;
pub mod detail;
mod disk;
pub mod drafts;
pub mod edits;
pub mod figures;
pub mod forms;
pub mod investments;
pub mod key;
pub mod keymap;
pub mod list;
pub mod merging;
pub mod overlay;
pub mod period;
pub mod screens;
pub mod segment_picker;
mod snapshot;
pub mod standup;
mod update;
pub mod value;

use std::sync::Arc;

use jiff::civil::Date;

pub use background::{Figures, FiguresJob, FiguresKey};
pub use config::{Config, ThemeName};
pub use dashboard::Dashboard;

pub use keymap::{Action, Context, Keymap};
pub use overlay::{ConfirmAction, Overlay};
pub use period::PeriodSpec;
pub use screens::{ContactsState, FollowUpsState, InteractionsState, PaneId, Screen};
pub use snapshot::{Moved, Touch, Where};
pub use update::update;

use crate::store::Store;
use contact::ContactView;
use standup::StandupState;

/// The referral tree on the Advocates screen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeState {
    /// The tree has the keys (↑↓ Enter), not the advocates' table.
    pub focused: bool,
    pub list: list::ListState,
    pub collapsed: std::collections::BTreeSet<uuid::Uuid>,
}

/// Something that happened: a key, a resize, the end of a background save.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Key(crossterm::event::KeyEvent),
    Resize(u16, u16),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// A save started by [`Effect::Save`] finished.
    Saved(SaveOutcome),
    /// Another program changed the store file: what it changed, or why it cannot be read.
    StoreChanged(Result<Theirs, String>),
    /// Figures asked for with [`Effect::Compute`].
    Computed(Box<Figures>),
}

/// How a save went.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Written: the file now holds this store.
    Done(Arc<Store>),
    /// Not written, because the file is no longer the one the change was made on; its news
    /// ([`Msg::StoreChanged`]) comes too, and the change is saved again on top of it.
    Stale,
    /// Not written: the message to show.
    Failed(String),
}

/// What another program changed in the store file: the lines it wrote (relative to the store
/// the file held when this dashboard last read or wrote it), and the store the file now holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Theirs {
    pub store: Arc<Store>,
    pub lines: Vec<crate::store::Line>,
}

/// A change to write: from the store the file is expected to hold to this one.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveJob {
    pub from: Arc<Store>,
    pub to: Arc<Store>,
}

/// Something the runtime must do for the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Quit,
    /// Write this change to the store file (never emitted in demo or read-only mode).
    Save(SaveJob),
    /// Look now whether another program changed the store file.
    CheckDisk,
    /// Compute these figures off the UI thread, then send back [`Msg::Computed`].
    Compute(Box<FiguresJob>),
}

/// Why the store may not be written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mode {
    /// The bundled demo community, in memory only.
    pub demo: bool,
    /// `Some(reason)` when nothing may be written (the flag, or another dashboard has the store).
    pub read_only: Option<String>,
}

impl Mode {
    pub fn can_write(&self) -> bool {
        !self.demo && self.read_only.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    /// Gone at the next key.
    Info,
    /// Gone at the next key, shown as a warning.
    Warning,
    /// Stays until what caused it is fixed.
    Error,
}

pub struct App {
    /// Shared with the save worker: a save takes a reference, not a copy, so the screen never
    /// waits for a large store to be copied; a change while a save is on its way copies first.
    /// Change it through [`App::store_mut`].
    pub store: Arc<Store>,
    /// Bumped on every change to the store's contents that figures depend on.
    pub store_version: u64,
    /// The store's file name (or "demo"), shown in the header.
    pub store_name: String,
    pub mode: Mode,
    pub as_of: Date,
    pub period: PeriodSpec,
    pub screen: Screen,
    history: Vec<Screen>,
    pub overview_focus: PaneId,
    pub pane_list: list::ListState,
    pub contacts: ContactsState,
    pub contact: Option<ContactView>,
    pub interactions: InteractionsState,
    pub followups: FollowUpsState,
    pub investments: investments::InvestmentsState,
    pub duplicates: merging::DuplicatesState,
    pub value: value::ValueState,
    /// The Channels screen's selected channel row.
    pub channels_list: list::ListState,
    /// The Advocates screen's referral tree: whether it has the keys, its selection, and the
    /// contacts whose referrals are folded away.
    pub tree: TreeState,
    pub cohorts_scroll: usize,
    pub standup: Option<StandupState>,
    pub overlays: Vec<Overlay>,
    pub keymap: Keymap,
    pub theme: ThemeName,
    pub status: Option<(StatusKind, String)>,
    /// Saves sent to the runtime and not yet reported back.
    pub saves_in_flight: usize,
    /// Why the last save failed, while the store in memory holds changes the file does not.
    pub unsaved: Option<String>,
    /// The store the file holds, as the last save or the last news from disk said: what the
    /// changes made here since are merged from, when another program writes too.
    pub on_disk: Arc<Store>,
    /// The store the file will hold once the saves sent are written: the next save goes on
    /// from it.
    sent: Arc<Store>,
    /// Fields both this dashboard and another program changed, the merge kept ours for, and
    /// the user is being asked about (one question each).
    pub conflicts: Vec<crate::store::Conflict>,
    pub quit: bool,
    /// Ctrl-Z was pressed: the runtime gives the terminal back and stops until continued.
    pub suspend: bool,
    dashboard: Dashboard,
    /// The metrics engine's index of the store (of the segment's part of it), rebuilt when the
    /// store version or the segment changes.
    index: Arc<crate::metrics::Index>,
    /// The store and segment versions `index` was built for.
    index_version: (u64, u64),
    /// The part of the community the figures are for (everyone by default).
    pub segment: crate::metrics::Segment,
    /// Bumped whenever `segment` changes.
    segment_version: u64,
    /// Scores worked out from `index`, for the next period switch to reuse.
    scores: crate::metrics::ScoreCache,
    /// What the figures on screen were computed for.
    cache_key: FiguresKey,
    /// Compute figures in the background (the runtime does; tests compute inline).
    pub background: bool,
    /// The figures asked for and not back yet.
    computing: Option<FiguresKey>,
    /// A screen that shows the ledger, gift impact, movers or referral tree (Value, Channels,
    /// Advocates, standup) has been opened: from then on the figures come with their lists.
    screens_shown: bool,
    /// How many times the figures were computed, so tests can prove a keystroke did not.
    pub computations: u64,
    /// The records each change of this session touched, as they were, for undo and redo.
    pub edits: edits::History,
    /// What forms offer (contacts, recent channels, tags), for the store version it was read
    /// from: a pass over every interaction, done once per version rather than per form.
    form_ctx: Option<(u64, crate::forms::FormContext)>,
    /// A fixed "now" for forms (tests); `None` reads the clock (see [`App::form_now`]).
    pub now: Option<jiff::civil::DateTime>,
}

impl App {
    pub fn new(store: Store, store_name: &str, mode: Mode, as_of: Date, config: Config) -> App {
        App::with_index(store, None, store_name, mode, as_of, config)
    }

    /// [`App::new`] with the store's index already built (while the store was validated), for a
    /// store already in canonical order: see [`Index::of_canonical`](crate::metrics::Index::of_canonical).
    pub fn with_index(
        mut store: Store,
        index: Option<crate::metrics::Index>,
        store_name: &str,
        mode: Mode,
        as_of: Date,
        config: Config,
    ) -> App {
        let index = match index {
            Some(index) => {
                debug_assert!(
                    store.is_canonical(),
                    "an index given with an unsorted store"
                );
                index
            }
            None => {
                // Kept in canonical order (as it is written), so that putting back the records
                // a change touched restores the store exactly (see `edits`). Already true of a
                // saved store, where this costs one pass.
                store.sort_canonical();
                crate::metrics::Index::new(&store)
            }
        };
        let period = PeriodSpec::default();
        let mut scores = crate::metrics::ScoreCache::default();
        let dashboard = figures::compute(&store, &index, as_of, period, &mut scores, false);
        let status = (!config.problems.is_empty()).then(|| {
            (
                StatusKind::Warning,
                format!("config.json: {}", config.problems.join("; ")),
            )
        });
        let store = Arc::new(store);
        let mut app = App {
            on_disk: Arc::clone(&store),
            sent: Arc::clone(&store),
            conflicts: Vec::new(),
            store,
            store_version: 0,
            store_name: store_name.to_string(),
            mode,
            as_of,
            period,
            screen: Screen::Overview,
            history: Vec::new(),
            overview_focus: PaneId::Engagement,
            pane_list: list::ListState::default(),
            contacts: ContactsState::default(),
            contact: None,
            interactions: InteractionsState::default(),
            followups: FollowUpsState::default(),
            investments: Default::default(),
            duplicates: Default::default(),
            value: Default::default(),
            channels_list: Default::default(),
            tree: Default::default(),
            cohorts_scroll: 0,
            standup: None,
            overlays: Vec::new(),
            keymap: config.keymap,
            theme: config.theme,
            status,
            saves_in_flight: 0,
            unsaved: None,
            quit: false,
            suspend: false,
            cache_key: (0, period, as_of, 0, false),
            dashboard,
            index: Arc::new(index),
            index_version: (0, 0),
            segment: crate::metrics::Segment::default(),
            segment_version: 0,
            scores,
            background: false,
            computing: None,
            screens_shown: false,
            computations: 1,
            edits: edits::History::default(),
            form_ctx: None,
            now: None,
        };
        app.rebuild_rows();
        app
    }

    /// What a form opened now offers: read from the store once per store version.
    pub(crate) fn form_context(&mut self) -> crate::forms::FormContext {
        let now = self.form_now();
        let version = self.store_version;
        let mut ctx = match self.form_ctx.take() {
            Some((v, ctx)) if v == version => ctx,
            _ => crate::forms::FormContext::from_store(&self.store, now),
        };
        ctx.now = now;
        self.form_ctx = Some((version, ctx.clone()));
        ctx
    }

    /// The store, to change: copied first only if a save (or the figures worker) still holds
    /// the current version. The copy shares the records' blocks, and a change then copies only
    /// the blocks it touches (see `store::Blocks`).
    pub fn store_mut(&mut self) -> &mut Store {
        Arc::make_mut(&mut self.store)
    }

    /// The figures for the current store version, period and as-of date.
    /// Shows the figures for `segment` (of `contacts` contacts) from now on.
    pub fn set_segment(&mut self, segment: crate::metrics::Segment, contacts: usize) {
        let label = crate::sanitize::line(&segment.label()).into_owned();
        if segment == self.segment {
            self.status = Some((StatusKind::Info, format!("already showing {label}")));
            return;
        }
        self.segment = segment;
        self.segment_version += 1;
        // Rows of the lists belonged to the other segment.
        self.pane_list = list::ListState::default();
        self.followups = FollowUpsState::default();
        let what = if self.segment.is_everyone() {
            format!("figures for everyone ({contacts} contacts)")
        } else {
            format!("figures for {label}: {contacts} contacts (F changes it)")
        };
        self.status = Some((StatusKind::Info, what));
    }

    pub fn dashboard(&self) -> &Dashboard {
        &self.dashboard
    }

    /// Re-filters and re-sorts the lists after their inputs changed.
    pub(crate) fn rebuild_rows(&mut self) {
        // The contacts and interactions lists are the costly ones (a filter over every contact,
        // a sort of every interaction): they are rebuilt when their screen is on show, so
        // starting up or switching the period never waits for a list nobody is looking at.
        self.contacts.stale = true;
        self.interactions.stale = true;
        self.investments.stale = true;
        self.followups.clamp(&self.dashboard);
        if let Some(v) = &mut self.contact {
            v.rebuild(&self.store, &self.dashboard, &self.index);
        }
        self.rows_on_show();
    }

    /// Rebuilds the list of the screen on show if its inputs changed while it was hidden.
    pub(crate) fn rows_on_show(&mut self) {
        match self.screen {
            Screen::Contacts if self.contacts.stale => {
                self.contacts.rebuild(&self.store, &self.dashboard);
            }
            Screen::Interactions if self.interactions.stale => {
                self.interactions.rebuild(&self.store, self.store_version);
            }
            Screen::Investments if self.investments.stale => {
                self.investments.rebuild(&self.store);
            }
            Screen::Duplicates => self.duplicates.refresh(&self.store, self.store_version),
            _ => {}
        }
    }

    /// Marks the store as changed; the figures follow on the next refresh.
    pub fn store_changed(&mut self) {
        self.store_version += 1;
    }

    /// Call after changing `self.store` (a form's save, a delete, an undo): the figures follow,
    /// and the store is written when it may be. Returns the effect to hand to the runtime; in
    /// the demo or read-only the change stays in memory and the status line says so.
    pub fn commit(&mut self, what: &str) -> Option<Effect> {
        self.store_changed();
        self.save_effect(what)
    }

    /// A save of the store as it is now, or `None` (with a status message) when the store
    /// may not be written.
    pub fn save_effect(&mut self, what: &str) -> Option<Effect> {
        if self.mode.can_write() {
            self.saves_in_flight += 1;
            let job = SaveJob {
                from: Arc::clone(&self.sent),
                to: Arc::clone(&self.store),
            };
            self.sent = Arc::clone(&self.store);
            return Some(Effect::Save(job));
        }
        let msg = if self.mode.demo {
            format!("demo: {what} kept in memory only, never written")
        } else {
            let why = self.mode.read_only.as_deref().unwrap_or("read-only");
            format!("read-only ({why}): {what} not saved")
        };
        self.status = Some((StatusKind::Info, msg));
        None
    }

    /// A save of everything the file does not hold yet, after a save failed.
    pub fn retry_effect(&mut self) -> Option<Effect> {
        self.sent = Arc::clone(&self.on_disk);
        self.save_effect("the store")
    }

    /// The app's store for the one the runtime started its store worker with, so both hold
    /// the very same version (a change then shares its untouched blocks with it).
    pub fn store_on_disk(&self) -> Arc<Store> {
        Arc::clone(&self.on_disk)
    }

    /// An empty store outside the demo: the overview shows how to begin instead of figures.
    pub fn first_run(&self) -> bool {
        self.store.is_empty() && !self.mode.demo
    }

    /// Whether an open form holds input that quitting would lose.
    pub fn has_unsaved_input(&self) -> bool {
        self.overlays.iter().any(Overlay::is_dirty)
    }

    /// The key contexts in force, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if let Some(o) = self.overlays.last() {
            return vec![o.context()];
        }
        if self.standup.is_some() {
            return vec![Context::Standup, Context::Global];
        }
        if self.search_box().is_some_and(|s| s.editing) {
            return vec![Context::Search];
        }
        if self.first_run() && self.screen == Screen::Overview {
            return vec![Context::Global];
        }
        let mut v = match self.screen {
            Screen::Overview => vec![Context::Overview],
            Screen::Pane(PaneId::Advocates) => {
                vec![Context::Advocates, Context::Pane, Context::List]
            }
            Screen::Pane(PaneId::Churn) => vec![Context::Pane, Context::List],
            Screen::Pane(_) => vec![Context::Pane],
            Screen::Contacts => vec![Context::Contacts, Context::List],
            Screen::Contact => vec![Context::Contact],
            Screen::Interactions => vec![Context::Interactions, Context::List],
            Screen::FollowUps => vec![Context::FollowUps, Context::List],
            Screen::Cohorts => vec![Context::Cohorts],
            Screen::Investments => vec![Context::Investments, Context::List],
            Screen::Duplicates => vec![Context::Duplicates, Context::List],
            Screen::Value => vec![Context::Value, Context::List],
            Screen::Channels => vec![Context::List],
        };
        v.push(Context::Global);
        v
    }

    /// The filter box of the current screen, if it has one.
    pub fn search_box(&self) -> Option<&list::SearchBox> {
        match self.screen {
            Screen::Contacts => Some(&self.contacts.search),
            Screen::Interactions => Some(&self.interactions.search),
            Screen::Investments => Some(&self.investments.search),
            _ => None,
        }
    }

    pub(crate) fn search_box_mut(&mut self) -> Option<&mut list::SearchBox> {
        match self.screen {
            Screen::Contacts => Some(&mut self.contacts.search),
            Screen::Interactions => Some(&mut self.interactions.search),
            Screen::Investments => Some(&mut self.investments.search),
            _ => None,
        }
    }

    pub(crate) fn go(&mut self, to: Screen) {
        if matches!(
            to,
            Screen::Value | Screen::Channels | Screen::Pane(PaneId::Advocates)
        ) {
            self.screens_shown = true;
        }
        if self.screen != to {
            self.history.push(self.screen);
            if self.history.len() > 32 {
                self.history.remove(0);
            }
            self.screen = to;
        }
    }

    pub(crate) fn back(&mut self) {
        // A contact page whose contact was deleted has nothing to go back to.
        while self.contact.is_none() && self.history.last() == Some(&Screen::Contact) {
            self.history.pop();
        }
        if let Some(s) = self.history.pop() {
            self.screen = s;
        } else if self.screen != Screen::Overview {
            self.screen = Screen::Overview;
        }
    }

    /// Opens a contact's page.
    pub(crate) fn open_contact(&mut self, id: uuid::Uuid) {
        if let Some(v) = ContactView::open(id, &self.store, &self.dashboard, &self.index) {
            self.contact = Some(v);
            self.go(Screen::Contact);
        }
    }
}
