//! `update`: the only place the app's state changes. Keys are looked up in the keymap for the
//! contexts in force (top overlay, then search box, then the screen, then global), and the action
//! found is carried out for the context that bound it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::forms::{FormKind, open};
use super::key::Key;
use super::keymap::{Action, Context};
use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::screens::{PaneId, Screen};
use super::standup::{Slide, StandupState};
use super::{App, Effect, Msg, StatusKind};

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if app
                .status
                .as_ref()
                .is_some_and(|s| s.0 != StatusKind::Error)
            {
                app.status = None;
            }
            on_key(app, Key::from_event(&ev), &mut fx);
        }
        Msg::Resize(..) => {}
        Msg::Computed(fig) => app.install(*fig),
        Msg::StoreChanged(Ok(theirs)) => super::disk::take_theirs(app, theirs, &mut fx),
        Msg::StoreChanged(Err(e)) => {
            app.status = Some((
                StatusKind::Error,
                format!("the store changed on disk and cannot be read: {e}"),
            ));
        }
        Msg::Paste(text) => {
            if app.form().is_some() {
                super::forms::paste(app, &text, &mut fx);
            } else if let Some(Overlay::Segment(p)) = app.overlays.last_mut() {
                p.insert(&text.replace(['\n', '\r'], " "));
            } else if let Some(s) = app.search_box_mut().filter(|s| s.editing) {
                s.insert(&text.replace(['\n', '\r'], " "));
                filters_changed(app);
            }
        }
        Msg::Saved(outcome) => super::disk::saved(app, outcome),
    }
    fx.extend(app.refresh());
    fx
}

fn on_key(app: &mut App, key: Key, fx: &mut Vec<Effect>) {
    // Ctrl-C leaves from anywhere, even a form or a search box; Ctrl-Z suspends from anywhere.
    match app.keymap.lookup(&[Context::Global], key) {
        Some((Context::Global, Action::ForceQuit)) => {
            quit(app, fx);
            return;
        }
        Some((Context::Global, Action::Suspend)) => {
            app.suspend = true;
            return;
        }
        _ => {}
    }
    let contexts = app.contexts();
    let found = app.keymap.lookup(&contexts, key);
    if !app.overlays.is_empty() && found.is_none() {
        overlay_input(app, key, fx);
        return;
    }
    if contexts == [Context::Search] && found.is_none() {
        edit_search(app, key);
        return;
    }
    if let Some((ctx, action)) = found {
        perform(app, ctx, action, fx);
    }
}

/// Keys the top overlay's bindings do not claim: typed text for forms and the segment picker.
/// Help and confirm are modal and ignore them.
fn overlay_input(app: &mut App, key: Key, fx: &mut Vec<Effect>) {
    match app.overlays.last_mut() {
        Some(Overlay::Form(_)) => super::forms::input(app, key, fx),
        Some(Overlay::Segment(p)) => p.handle_key(&KeyEvent::new(key.code, key.mods)),
        Some(
            Overlay::Help { .. } | Overlay::Confirm(_) | Overlay::Merge(_) | Overlay::Detail(_),
        )
        | None => {}
    }
}

fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    app.quit = true;
    fx.push(Effect::Quit);
}

fn edit_search(app: &mut App, key: Key) {
    let Some(search) = app.search_box_mut() else {
        return;
    };
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('w') if ctrl => search.delete_word(),
        KeyCode::Char('u') if ctrl => search.text.clear(),
        KeyCode::Char(c) if !ctrl => search.insert(c.encode_utf8(&mut [0; 4])),
        KeyCode::Backspace => search.backspace(),
        _ => return,
    }
    filters_changed(app);
}

fn filters_changed(app: &mut App) {
    match app.screen {
        Screen::Contacts => {
            app.contacts.list.top();
            app.contacts.rebuild(&app.store, &app.dashboard);
        }
        Screen::Interactions => {
            app.interactions.list.top();
            app.interactions.rebuild(&app.store, app.store_version);
        }
        Screen::Investments => {
            app.investments.list.top();
            app.investments.rebuild(&app.store);
        }
        _ => {}
    }
}

fn perform(app: &mut App, ctx: Context, action: Action, fx: &mut Vec<Effect>) {
    match ctx {
        Context::Help => help(app, action),
        Context::Confirm => confirm(app, action, fx),
        Context::Form => match action {
            Action::Quit | Action::Help => screen_or_global(app, action, fx),
            _ => super::forms::action(app, action, fx),
        },
        Context::Search => {
            if action == Action::Close
                && let Some(s) = app.search_box_mut()
            {
                s.text.clear();
            }
            if let Some(s) = app.search_box_mut() {
                s.editing = false;
            }
            filters_changed(app);
        }
        Context::Standup => standup(app, action, fx),
        Context::Segment => segment(app, action),
        Context::Merge => super::merging::key(app, action, fx),
        Context::Detail => super::detail::key(app, action, fx),
        Context::List => list(app, action),
        _ => screen_or_global(app, action, fx),
    }
}

/// The keys of what is in force, over whatever is open.
pub(crate) fn open_help(app: &mut App) {
    let contexts = app.contexts();
    app.overlays.push(Overlay::Help {
        contexts,
        scroll: 0,
    });
}

/// Keys of the segment picker (typed text narrows it: see `overlay_input`).
fn segment(app: &mut App, action: Action) {
    let Some(Overlay::Segment(p)) = app.overlays.last_mut() else {
        return;
    };
    match action {
        Action::Up => p.up(),
        Action::Down => p.down(),
        Action::Close => {
            app.overlays.pop();
        }
        Action::Accept => {
            let Some(choice) = p.selected().cloned() else {
                return;
            };
            app.overlays.pop();
            app.set_segment(choice.segment, choice.contacts);
        }
        _ => {}
    }
}

fn help(app: &mut App, action: Action) {
    let Some(Overlay::Help { scroll, .. }) = app.overlays.last_mut() else {
        return;
    };
    match action {
        Action::Down => *scroll += 1,
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Close => {
            app.overlays.pop();
        }
        _ => {}
    }
}

fn confirm(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(Overlay::Confirm(c)) = app.overlays.pop() else {
        return;
    };
    if action == Action::Yes {
        match c.on_yes {
            ConfirmAction::Quit => quit(app, fx),
            ConfirmAction::DeleteContact(id) => super::edits::delete_contact(app, id, fx),
            ConfirmAction::DeleteInteraction(id) => super::edits::delete_interaction(app, id, fx),
            ConfirmAction::DeleteInvestment(id) => super::edits::delete_investment(app, id, fx),
            ConfirmAction::LogReply(id) => {
                open(app, FormKind::Reply(id));
            }
            ConfirmAction::DiscardForm => {
                if matches!(app.overlays.last(), Some(Overlay::Form(_))) {
                    app.overlays.pop();
                }
            }
            ConfirmAction::TakeTheirs(k) => super::disk::take_their_value(app, k, fx),
        }
    } else if let ConfirmAction::TakeTheirs(_) = c.on_yes {
        super::disk::keep_ours(app);
    }
}

fn standup(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(s) = &mut app.standup else { return };
    let on_commitments = s.current() == Slide::Commitments;
    match action {
        Action::SlideNext => s.slide = (s.slide + 1).min(s.slides.len() - 1),
        Action::SlidePrev => s.slide = s.slide.saturating_sub(1),
        Action::LeaveStandup => app.standup = None,
        Action::Commit | Action::Intent if !on_commitments => s.go(Slide::Commitments),
        Action::Down | Action::Up if on_commitments => {
            let n = super::standup::candidates(
                &app.dashboard,
                super::standup::committed(&app.store, app.as_of),
                &app.store,
            )
            .len();
            let Some(s) = &mut app.standup else { return };
            if action == Action::Down {
                s.pick.down(n);
            } else {
                s.pick.up();
            }
        }
        Action::Commit => commit(app, false, fx),
        Action::Intent => commit(app, true, fx),
        _ => {}
    }
}

/// On the Commitments slide: picks the selected person (with `intent`, opens the form for
/// what the team means to do), or drops one already picked.
fn commit(app: &mut App, intent: bool, fx: &mut Vec<Effect>) {
    let Some(s) = &app.standup else { return };
    if !app.segment.is_everyone() {
        app.status = Some((
            StatusKind::Info,
            "commitments are the whole community's: clear the segment (g) to make them".into(),
        ));
        return;
    }
    let today = app.as_of;
    let committed = super::standup::committed(&app.store, today);
    let list = super::standup::candidates(&app.dashboard, committed, &app.store);
    let Some(c) = list.get(s.pick.selected.min(list.len().saturating_sub(1))) else {
        app.status = Some((StatusKind::Info, "nobody to commit to".into()));
        return;
    };
    let had = committed.iter().find(|k| k.contact == c.contact).cloned();
    let change = crate::forms::CommitmentChange {
        date: today,
        contact: c.contact,
        commitment: match (&had, intent) {
            (Some(_), false) => None,
            (Some(k), true) => Some(k.clone()),
            (None, _) => Some(c.commitment(String::new())),
        },
        figures: app.dashboard.standup_figures(),
    };
    if intent {
        let form = crate::forms::IntentForm::new(&c.name, change);
        app.overlays
            .push(Overlay::Form(Box::new(crate::forms::ActiveForm::Intent(
                Box::new(form),
            ))));
        return;
    }
    super::forms::submit(app, crate::forms::Submission::Commitment(change), fx);
}

/// List movement on whichever list the screen shows.
fn list(app: &mut App, action: Action) {
    let dash = &app.dashboard;
    let (state, len) = match app.screen {
        Screen::Contacts => (&mut app.contacts.list, app.contacts.rows.len()),
        Screen::Interactions => (&mut app.interactions.list, app.interactions.rows.len()),
        Screen::FollowUps => app.followups.focused(dash),
        Screen::Pane(PaneId::Churn) => (&mut app.pane_list, dash.churn.at_risk.len()),
        Screen::Pane(PaneId::Advocates) if app.tree.focused => {
            let n = dash.orbit.visible(&app.tree.collapsed).len();
            (&mut app.tree.list, n)
        }
        Screen::Pane(PaneId::Advocates) => (&mut app.pane_list, dash.advocates.len()),
        Screen::Investments => (&mut app.investments.list, app.investments.rows.len()),
        Screen::Duplicates => (&mut app.duplicates.list, app.duplicates.pairs.len()),
        Screen::Value => {
            let n = app.value.rows(&dash.value).len();
            (&mut app.value.list, n)
        }
        Screen::Channels => (&mut app.channels_list, dash.channels.rows.len()),
        _ => return,
    };
    match action {
        Action::Down => state.down(len),
        Action::Up => state.up(),
        Action::Top => state.top(),
        Action::Bottom => state.bottom(len),
        Action::PageDown => state.page_down(len),
        Action::PageUp => state.page_up(),
        Action::Open if app.screen == Screen::Duplicates => {
            super::merging::merge_selected_pair(app)
        }
        Action::Open => {
            if let Some(id) = selected_contact(app) {
                app.open_contact(id);
            }
        }
        _ => {}
    }
}

/// The contact behind the selected row of the current list.
pub(crate) fn selected_contact(app: &App) -> Option<uuid::Uuid> {
    let dash = &app.dashboard;
    match app.screen {
        Screen::Contacts => {
            let i = *app.contacts.rows.get(app.contacts.list.selected)?;
            Some(app.store.contacts[i].id)
        }
        Screen::Interactions => {
            let i = app.interactions.rows.get(app.interactions.list.selected)?;
            Some(app.store.interactions[i].contact)
        }
        Screen::FollowUps if app.followups.focus == 0 => {
            Some(dash.due.get(app.followups.due.selected)?.contact)
        }
        Screen::FollowUps if app.followups.focus == 1 => {
            Some(dash.negative.get(app.followups.negative.selected)?.contact)
        }
        Screen::FollowUps if app.followups.focus == 2 => {
            Some(dash.waiting.get(app.followups.waiting.selected)?.contact)
        }
        Screen::FollowUps => Some(
            dash.commitments()
                .get(app.followups.commitments.selected)?
                .contact,
        ),
        Screen::Pane(PaneId::Churn) => {
            Some(dash.churn.at_risk.get(app.pane_list.selected)?.contact)
        }
        Screen::Pane(PaneId::Advocates) if app.tree.focused => Some(
            dash.orbit
                .visible(&app.tree.collapsed)
                .get(app.tree.list.selected)?
                .contact,
        ),
        Screen::Pane(PaneId::Advocates) => {
            Some(dash.advocates.get(app.pane_list.selected)?.contact)
        }
        Screen::Investments => {
            let i = app.investments.rows.get(app.investments.list.selected)?;
            app.store.investments[*i].contact
        }
        Screen::Duplicates => Some(app.duplicates.pairs.get(app.duplicates.list.selected)?.a),
        Screen::Value => {
            app.value
                .rows(&dash.value)
                .get(app.value.list.selected)?
                .contact
        }
        _ => None,
    }
}

fn screen_or_global(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Quit => {
            if app.has_unsaved_input() {
                app.overlays.push(Overlay::Confirm(Confirm {
                    title: "Quit?".into(),
                    message: "A form holds input that has not been saved. Quit anyway?".into(),
                    on_yes: ConfirmAction::Quit,
                }));
            } else if let Some(why) = &app.unsaved {
                let message =
                    format!("The last changes could not be written ({why}). Quit and lose them?");
                app.overlays.push(Overlay::Confirm(Confirm {
                    title: "Quit without saving?".into(),
                    message,
                    on_yes: ConfirmAction::Quit,
                }));
            } else {
                quit(app, fx);
            }
        }
        Action::ForceQuit => quit(app, fx),
        Action::Save => fx.extend(app.retry_effect()),
        Action::Reload => fx.push(Effect::CheckDisk),
        Action::Help => open_help(app),
        Action::PeriodPrev => app.period = super::period::shorter(app.period),
        Action::PeriodNext => app.period = super::period::longer(app.period),
        Action::Standup => start_standup(app, fx),
        Action::GoOverview => app.go(Screen::Overview),
        Action::GoContacts => app.go(Screen::Contacts),
        Action::GoInteractions => app.go(Screen::Interactions),
        Action::GoFollowUps => app.go(Screen::FollowUps),
        Action::GoCohorts => app.go(Screen::Cohorts),
        Action::GoInvestments => app.go(Screen::Investments),
        Action::GoDuplicates => app.go(Screen::Duplicates),
        Action::GoValue => app.go(Screen::Value),
        Action::GoChannels => app.go(Screen::Channels),
        Action::Merge if app.screen == Screen::Duplicates => {
            super::merging::merge_selected_pair(app);
        }
        Action::Merge => super::merging::merge_marked(app),
        Action::Open if matches!(app.screen, Screen::Interactions | Screen::Contact) => {
            let i = super::forms::selected_interaction(app);
            super::detail::open(app, i);
        }
        Action::Back => app.back(),
        Action::FocusNext | Action::FocusPrev => {
            let by = if action == Action::FocusNext { 1 } else { -1 };
            match app.screen {
                Screen::Overview => app.overview_focus = app.overview_focus.step(by),
                Screen::Pane(p) => {
                    app.overview_focus = p.step(by);
                    app.screen = Screen::Pane(app.overview_focus);
                    app.screens_shown |= app.overview_focus == PaneId::Advocates;
                    app.pane_list = Default::default();
                }
                Screen::FollowUps => app.followups.step(by),
                _ => {}
            }
        }
        Action::Focus1 | Action::Focus2 | Action::Focus3 | Action::Focus4 => {
            let i = [
                Action::Focus1,
                Action::Focus2,
                Action::Focus3,
                Action::Focus4,
            ]
            .iter()
            .position(|a| *a == action)
            .unwrap_or(0);
            app.overview_focus = PaneId::ALL[i];
        }
        Action::Open if app.screen == Screen::Overview => {
            app.pane_list = Default::default();
            app.go(Screen::Pane(app.overview_focus));
        }
        Action::Search => {
            if let Some(s) = app.search_box_mut() {
                s.editing = true;
            }
        }
        Action::ClearSearch => {
            if let Some(s) = app.search_box_mut() {
                s.text.clear();
            }
            filters_changed(app);
        }
        Action::SortNext if app.screen == Screen::Value => {
            app.value.sort = app.value.sort.next();
            app.value.list.top();
        }
        Action::SortReverse if app.screen == Screen::Value => {
            app.value.reversed = !app.value.reversed;
            app.value.list.top();
        }
        Action::FocusTree => {
            app.tree.focused = !app.tree.focused;
            if app.tree.focused && app.dashboard.orbit.referrals.is_empty() {
                app.tree.focused = false;
                app.status = Some((StatusKind::Info, "no referrals to show yet".into()));
            }
        }
        Action::Fold if app.tree.focused => {
            let rows = app.dashboard.orbit.visible(&app.tree.collapsed);
            if let Some(r) = rows.get(app.tree.list.selected)
                && r.descendants > 0
            {
                let id = r.contact;
                if !app.tree.collapsed.remove(&id) {
                    app.tree.collapsed.insert(id);
                }
            }
        }
        Action::ByTag => {
            app.value.by_tag = !app.value.by_tag;
            app.value.list.top();
        }
        Action::SortNext => {
            app.contacts.sort = app.contacts.sort.next();
            app.contacts.list.top();
            app.contacts.rebuild(&app.store, &app.dashboard);
        }
        Action::SortReverse => {
            app.contacts.reversed = !app.contacts.reversed;
            app.contacts.list.top();
            app.contacts.rebuild(&app.store, &app.dashboard);
        }
        Action::SentimentFilter => {
            app.interactions.sentiment = app.interactions.sentiment.next();
            filters_changed(app);
        }
        Action::Down | Action::Up | Action::Top | Action::Bottom => scroll_page(app, action),
        Action::LogInteraction => {
            open(app, FormKind::Log);
        }
        Action::QuickLog => {
            open(app, FormKind::Quick);
        }
        Action::NewContact => {
            open(app, FormKind::NewContact);
        }
        Action::NewInvestment => {
            open(app, FormKind::Investment);
        }
        Action::Edit if edits_interactions(app) && !open(app, FormKind::EditInteraction) => {
            app.status = Some((StatusKind::Info, "no interaction selected to edit".into()));
        }
        Action::Edit if edits_interactions(app) => {}
        Action::Edit
            if app.screen == Screen::Investments && !open(app, FormKind::EditInvestment) =>
        {
            app.status = Some((StatusKind::Info, "no investment selected to edit".into()));
        }
        Action::Edit if app.screen == Screen::Investments => {}
        Action::Edit if !open(app, FormKind::EditContact) => {
            app.status = Some((StatusKind::Info, "no contact selected to edit".into()));
        }
        Action::Delete => match app.screen {
            Screen::Investments => {
                if let Some(&i) = app.investments.rows.get(app.investments.list.selected) {
                    let id = app.store.investments[i].id;
                    super::edits::ask_delete_investment(app, id);
                }
            }
            Screen::Interactions => {
                if let Some(i) = super::forms::selected_interaction(app) {
                    let id = app.store.interactions[i].id;
                    super::edits::ask_delete_interaction(app, id);
                }
            }
            _ => {
                if let Some(id) = selected_contact(app) {
                    super::edits::ask_delete_contact(app, id);
                }
            }
        },
        Action::Resolve => super::edits::resolve_feedback(app, fx),
        Action::ScorePositive => super::edits::score_waiting(app, 0.5, fx),
        Action::ScoreNeutral => super::edits::score_waiting(app, 0.0, fx),
        Action::ScoreNegative => super::edits::score_waiting(app, -0.5, fx),
        Action::Mark => {
            if let Some(id) = selected_contact(app) {
                if !app.contacts.marked.remove(&id) {
                    app.contacts.marked.insert(id);
                }
                app.contacts.list.down(app.contacts.rows.len());
            }
        }
        Action::Tag => {
            open(app, FormKind::Tag);
        }
        Action::PickSegment => {
            let picker = super::segment_picker::SegmentPicker::new(&app.store, &app.segment);
            app.overlays.push(Overlay::Segment(Box::new(picker)));
        }
        Action::Undo => super::edits::undo(app, fx),
        Action::Redo => super::edits::redo(app, fx),
        _ => {}
    }
}

/// Whether `e` edits the selected interaction (rather than a contact): in the log, and on the
/// follow-ups screen's lists of notes.
fn edits_interactions(app: &App) -> bool {
    app.screen == Screen::Interactions
        || (app.screen == Screen::FollowUps && matches!(app.followups.focus, 1 | 2))
}

/// Scrolling on screens that are read rather than selected from (contact timeline, cohorts).
fn scroll_page(app: &mut App, action: Action) {
    match app.screen {
        Screen::Contact => {
            if let Some(v) = &mut app.contact {
                let len = v.timeline.len();
                match action {
                    Action::Down => v.list.down(len),
                    Action::Up => v.list.up(),
                    Action::Top => v.list.top(),
                    _ => v.list.bottom(len),
                }
            }
        }
        Screen::Cohorts => {
            let max = app.dashboard.cohorts.len().saturating_sub(1);
            app.cohorts_scroll = match action {
                Action::Down => (app.cohorts_scroll + 1).min(max),
                _ => app.cohorts_scroll.saturating_sub(1),
            };
        }
        _ => {}
    }
}

fn start_standup(app: &mut App, fx: &mut Vec<Effect>) {
    // Its slides include Advocates, Value and Channels.
    app.screens_shown = true;
    let figures = app.dashboard.standup_figures();
    // A standup records the whole community's figures, and compares with the last one: a
    // segment's figures are neither recorded nor compared with them.
    let whole = app.segment.is_everyone();
    let record = app.mode.can_write() && whole;
    let as_of = app.as_of;
    let mut state = StandupState::start(app.store_mut(), as_of, figures, record);
    if !whole {
        state.previous = None;
    }
    if record {
        // Standups do not feed any figure, so the store version (and the cache) stays.
        fx.extend(app.save_effect("the standup"));
    }
    app.standup = Some(state);
}
