//! What the dashboard does with news from the store file: a save written or not, and changes
//! another program made (a `ror-tui log` from another shell, a `git pull`), merged with the
//! changes made here that the file does not hold yet.

use std::sync::Arc;

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::snapshot::{Moved, Touch, Where};
use super::{App, Effect, SaveOutcome, StatusKind, Theirs};
use crate::store::{Conflict, Key, Policy, merge_into, set_field};

/// A save finished.
pub(super) fn saved(app: &mut App, outcome: SaveOutcome) {
    app.saves_in_flight = app.saves_in_flight.saturating_sub(1);
    match outcome {
        SaveOutcome::Done(store) => {
            let last = Arc::ptr_eq(&store, &app.sent);
            app.on_disk = store;
            if last {
                app.unsaved = None;
                if app
                    .status
                    .as_ref()
                    .is_some_and(|s| s.1.starts_with("not saved"))
                {
                    app.status = None;
                }
            }
        }
        // Another program wrote first; its changes come as news, and ours are saved again on
        // top of them.
        SaveOutcome::Stale => {}
        SaveOutcome::Failed(e) => {
            let key = app
                .keymap
                .key_for(super::Context::Global, super::Action::Save)
                .map_or(String::new(), |k| format!(" ({} retries)", k.label()));
            app.status = Some((StatusKind::Error, format!("not saved: {e}{key}")));
            app.unsaved = Some(e);
            // The next save writes everything the file does not hold.
            app.sent = Arc::clone(&app.on_disk);
        }
    }
}

/// Another program changed the store file: its changes come in, merged with ours.
pub(super) fn take_theirs(app: &mut App, theirs: Theirs, fx: &mut Vec<Effect>) {
    let n = theirs.lines.len();
    let ours_pending = !Arc::ptr_eq(&app.store, &app.on_disk);
    if !ours_pending {
        app.store = Arc::clone(&theirs.store);
        app.on_disk = Arc::clone(&theirs.store);
        app.sent = theirs.store;
        app.store_changed();
        app.after_edit();
        // News from elsewhere does not hide what the user was just told about their own work.
        let quiet = app
            .status
            .as_ref()
            .is_none_or(|(_, m)| m.ends_with("from another program"));
        if quiet {
            app.status = Some((
                StatusKind::Info,
                format!("{} from another program", changes(n)),
            ));
        }
        return;
    }
    let base = Arc::clone(&app.on_disk);
    let merged = merge_into(&base, app.store_mut(), theirs.lines, Policy::Ask);
    app.on_disk = Arc::clone(&theirs.store);
    app.sent = theirs.store;
    app.store_changed();
    app.after_edit();
    app.status = Some((
        StatusKind::Info,
        format!(
            "{} from another program, merged with yours{}",
            changes(n),
            match merged.conflicts.len() {
                0 => String::new(),
                1 => "; one field was changed on both sides".into(),
                k => format!("; {k} fields were changed on both sides"),
            }
        ),
    ));
    // Ours, which the file does not hold yet, go on top of theirs.
    fx.extend(app.save_effect("your changes"));
    ask(app, merged.conflicts);
}

fn changes(n: usize) -> String {
    match n {
        1 => "1 change".into(),
        n => format!("{n} changes"),
    }
}

/// One question per field changed on both sides, the first on top.
fn ask(app: &mut App, conflicts: Vec<Conflict>) {
    let first = app.conflicts.len();
    app.conflicts.extend(conflicts);
    for k in (first..app.conflicts.len()).rev() {
        let c = &app.conflicts[k];
        app.overlays.push(Overlay::Confirm(Confirm {
            title: "Changed on both sides".into(),
            message: format!(
                "{} · {}: another program set {}, you set {}. Kept yours; take theirs?",
                crate::sanitize::line(&c.label),
                c.field,
                crate::sanitize::line(&Conflict::show(&c.theirs)),
                crate::sanitize::line(&Conflict::show(&c.ours)),
            ),
            on_yes: ConfirmAction::TakeTheirs(k),
        }));
    }
}

/// The user took their value for conflict `k`: an edit like any other, saved and undoable.
pub(super) fn take_their_value(app: &mut App, k: usize, fx: &mut Vec<Effect>) {
    let Some(c) = app.conflicts.get(k).cloned() else {
        return;
    };
    let touch = match c.key {
        Some(Key::Id(id)) if c.record == "contact" => Touch {
            contacts: vec![id],
            ..Touch::default()
        },
        Some(Key::Id(id)) if c.record == "investment" => Touch {
            investments: vec![id],
            ..Touch::default()
        },
        Some(Key::Id(id)) if c.record == "interaction" => Touch {
            interactions: vec![Moved {
                id,
                before: Where::Unknown,
                after: Where::Unknown,
            }],
            ..Touch::default()
        },
        Some(Key::Standup(day)) => Touch {
            standups: vec![day],
            ..Touch::default()
        },
        _ => Touch::default(),
    };
    let what = format!(
        "took their {} of {}",
        c.field,
        crate::sanitize::line(&c.label)
    );
    app.remember(&what, &touch);
    if set_field(
        app.store_mut(),
        c.record,
        c.key,
        &c.field,
        c.theirs.as_ref(),
    ) {
        app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
        fx.extend(app.commit(&what));
        app.after_edit();
    }
    settle(app);
}

/// The user kept ours for the conflict on top: nothing to change.
pub(super) fn keep_ours(app: &mut App) {
    settle(app);
}

/// Forgets the conflicts once no question about them is open.
fn settle(app: &mut App) {
    let asking = app.overlays.iter().any(|o| {
        matches!(
            o,
            Overlay::Confirm(Confirm {
                on_yes: ConfirmAction::TakeTheirs(_),
                ..
            })
        )
    });
    if !asking {
        app.conflicts.clear();
    }
}
