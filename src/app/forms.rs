//! Forms on the overlay stack: opening them from the dashboard, the keys of the `form` context,
//! typed text and pastes, and what a submitted record does to the store.
//!
//! A submitted record goes into the store in memory at once and the form closes; the save runs
//! on the runtime's worker. If it fails the change stays in memory, the status line says why
//! and Ctrl-S retries, so nothing typed is lost.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::DateTime;

use super::key::Key;
use super::keymap::Action;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::screens::Screen;
use super::{App, Effect, StatusKind};
use crate::forms::{
    ActiveForm, ContactForm, InvestmentForm, LogForm, Outcome, QuickLogForm, Submission, TagForm,
};
use crate::sanitize;

/// Which form a key opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Log,
    Quick,
    NewContact,
    EditContact,
    /// The interaction selected in the log.
    EditInteraction,
    Investment,
    /// The investment selected on the Investments screen.
    EditInvestment,
    /// An outbound reply to this interaction: same contact and channel.
    Reply(uuid::Uuid),
    /// A tag for the marked contacts, or the one under the cursor.
    Tag,
}

impl App {
    /// "Now" for forms: the clock when the dashboard shows today, otherwise noon of the as-of
    /// day, so a dashboard pinned to a past date logs on that date and tests get the same
    /// answer on any day.
    pub fn form_now(&self) -> DateTime {
        if let Some(now) = self.now {
            return now;
        }
        let clock = jiff::Zoned::now().datetime();
        if clock.date() == self.as_of {
            clock
        } else {
            self.as_of.at(12, 0, 0, 0)
        }
    }

    /// The open form, if a form is the top overlay.
    pub fn form(&self) -> Option<&ActiveForm> {
        match self.overlays.last() {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    fn form_mut(&mut self) -> Option<&mut ActiveForm> {
        match self.overlays.last_mut() {
            Some(Overlay::Form(f)) => Some(f),
            _ => None,
        }
    }

    /// The contact a new log is for: the one whose page is open, or the one selected on the
    /// contacts list.
    fn contact_in_view(&self) -> Option<uuid::Uuid> {
        match self.screen {
            Screen::Contact => {
                let id = self.contact.as_ref()?.id;
                self.store.contacts.iter().any(|c| c.id == id).then_some(id)
            }
            Screen::Contacts => super::update::selected_contact(self),
            _ => None,
        }
    }
}

/// Opens a form over whatever is on screen. `false` when there is nothing to open it for
/// (editing with no contact selected).
pub(crate) fn open(app: &mut App, kind: FormKind) -> bool {
    let ctx = app.form_context();
    let form = match kind {
        FormKind::Log => {
            let f = LogForm::new(&ctx);
            let f = match app.contact_in_view() {
                Some(id) => f.with_contact(id),
                None => f,
            };
            ActiveForm::Log(Box::new(f))
        }
        FormKind::Quick => ActiveForm::Quick(Box::new(QuickLogForm::new(&ctx))),
        FormKind::NewContact => ActiveForm::Contact(Box::new(ContactForm::new(&ctx))),
        FormKind::EditContact => {
            let Some(c) = app
                .contact_in_view()
                .and_then(|id| app.store.contacts.iter().find(|c| c.id == id))
            else {
                return false;
            };
            ActiveForm::Contact(Box::new(ContactForm::edit(&ctx, c)))
        }
        FormKind::EditInteraction => {
            let Some(x) = selected_interaction(app).map(|i| &app.store.interactions[i]) else {
                return false;
            };
            ActiveForm::Log(Box::new(LogForm::edit(&ctx, x)))
        }
        FormKind::Investment => ActiveForm::Investment(Box::new(InvestmentForm::new(&ctx))),
        FormKind::EditInvestment => {
            let Some(inv) = app
                .investments
                .rows
                .get(app.investments.list.selected)
                .and_then(|i| app.store.investments.get(*i))
            else {
                return false;
            };
            ActiveForm::Investment(Box::new(InvestmentForm::edit(&ctx, inv)))
        }
        FormKind::Tag => {
            let mut ids: Vec<uuid::Uuid> = app
                .contacts
                .marked
                .iter()
                .copied()
                .filter(|id| app.store.contacts.iter().any(|c| c.id == *id))
                .collect();
            if ids.is_empty() {
                ids.extend(super::update::selected_contact(app));
            }
            if ids.is_empty() {
                return false;
            }
            ActiveForm::Tag(Box::new(TagForm::new(&ctx, ids)))
        }
        FormKind::Reply(id) => {
            let Some(x) = app.store.interactions.iter().find(|x| x.id == id) else {
                return false;
            };
            let f = LogForm::new(&ctx)
                .with_contact(x.contact)
                .with_channel(&x.channel)
                .with_direction(crate::store::Direction::Outbound);
            ActiveForm::Log(Box::new(f))
        }
    };
    app.overlays.push(Overlay::Form(Box::new(form)));
    true
}

/// The interaction selected in the log, by index into `store.interactions`.
pub(crate) fn selected_interaction(app: &App) -> Option<usize> {
    let dash = &app.dashboard;
    let f = &app.followups;
    if let Some(at) = super::detail::shown(app) {
        return at;
    }
    let id = match app.screen {
        Screen::Interactions => return app.interactions.rows.get(app.interactions.list.selected),
        Screen::Contact => {
            let v = app.contact.as_ref()?;
            return v.timeline.get(v.list.selected).copied();
        }
        Screen::FollowUps if f.focus == 1 => dash.negative.get(f.negative.selected)?.interaction,
        Screen::FollowUps if f.focus == 2 => dash.waiting.get(f.waiting.selected)?.interaction,
        _ => return None,
    };
    app.store.interaction_position(id, None)
}

/// A key the `form` context binds.
pub(crate) fn action(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let key = match action {
        Action::FocusNext => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        Action::FocusPrev => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        Action::Save => KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
        Action::Close => {
            close(app);
            return;
        }
        _ => return,
    };
    if let Some(f) = app.form_mut() {
        let outcome = f.handle_key(key);
        settle(app, outcome, fx);
    }
}

/// Esc: closes a form with nothing typed; otherwise asks first.
fn close(app: &mut App) {
    let Some(f) = app.form() else { return };
    if f.is_dirty() {
        let message = format!("Discard what was typed in {}?", f.title());
        app.overlays.push(Overlay::Confirm(Confirm {
            title: "Discard?".into(),
            message,
            on_yes: ConfirmAction::DiscardForm,
        }));
    } else {
        app.overlays.pop();
    }
}

/// Any other key: typed into the focused field.
pub(crate) fn input(app: &mut App, key: Key, fx: &mut Vec<Effect>) {
    // `?` on an empty quick-log line asks how to write one (F1 does anywhere).
    if key.code == crossterm::event::KeyCode::Char('?')
        && matches!(app.form(), Some(ActiveForm::Quick(q)) if q.input().text().is_empty())
    {
        super::update::open_help(app);
        return;
    }
    if let Some(f) = app.form_mut() {
        let outcome = f.handle_key(KeyEvent::new(key.code, key.mods));
        settle(app, outcome, fx);
    }
}

/// Bracketed paste: into the focused field (the field strips control characters).
pub(crate) fn paste(app: &mut App, text: &str, fx: &mut Vec<Effect>) {
    if let Some(f) = app.form_mut() {
        let outcome = f.handle_paste(text);
        settle(app, outcome, fx);
    }
}

fn settle(app: &mut App, outcome: Outcome<Submission>, fx: &mut Vec<Effect>) {
    match outcome {
        Outcome::Submit(sub) => {
            app.overlays.pop();
            submit(app, sub, fx);
        }
        // The form's own discard question (reached only with rebound keys) ends here.
        Outcome::Cancel => {
            app.overlays.pop();
        }
        Outcome::Ignored
        | Outcome::Consumed
        | Outcome::Invalid { .. }
        | Outcome::ConfirmDiscard => {}
    }
}

/// Puts what a form (or a one-key change made as a form would) submitted into the store, as
/// one change that `u` undoes, and saves it.
pub(crate) fn submit(app: &mut App, sub: Submission, fx: &mut Vec<Effect>) {
    let what = describe(app, &sub);
    if matches!(sub, Submission::Tags(_)) {
        app.contacts.marked.clear();
    }
    app.remember(&what, &sub.touches());
    sub.apply_to(app.store_mut());
    app.status = Some((StatusKind::Info, what.clone()));
    fx.extend(app.commit(&what));
    app.after_edit();
}

/// A few words on what was saved, for the status line.
fn describe(app: &App, sub: &Submission) -> String {
    let name_of = |id: uuid::Uuid| {
        app.store
            .contacts
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
    };
    let edit_of = |exists: bool| if exists { "edited" } else { "new" };
    let text = match sub {
        Submission::Interaction(x) => {
            let i = &x.interaction;
            let who = x
                .new_contact
                .as_ref()
                .map(|c| format!("{} (new contact)", c.name))
                .or_else(|| name_of(i.contact))
                .unwrap_or_default();
            let verb = if x.was_at.is_some() {
                "edited"
            } else {
                "logged"
            };
            format!("{verb} {} with {who}", i.kind)
        }
        Submission::Contact(c) => {
            let exists = app.store.contacts.iter().any(|o| o.id == c.id);
            format!("{} contact {}", edit_of(exists), c.name)
        }
        Submission::Investment(inv) => {
            let exists = app.store.investments.iter().any(|o| o.id == inv.id);
            format!(
                "{} investment: {} {}",
                edit_of(exists),
                inv.kind,
                inv.amount
            )
        }
        Submission::Tags(t) => {
            let n = t.contacts.len();
            let who = if n == 1 {
                "1 contact".to_string()
            } else {
                format!("{n} contacts")
            };
            if t.remove {
                format!("removed tag {} from {who}", t.tag)
            } else {
                format!("added tag {} to {who}", t.tag)
            }
        }
        Submission::Commitment(c) => {
            let who = name_of(c.contact).unwrap_or_default();
            match &c.commitment {
                None => format!("dropped the commitment to {who}"),
                Some(k) if k.intent.is_empty() => format!("committed to {who}"),
                Some(k) => format!("committed to {who}: {}", k.intent),
            }
        }
    };
    sanitize::line(&text).into_owned()
}
