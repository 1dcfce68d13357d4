//! Changes made in this session beyond the forms: deleting a contact or an interaction, and
//! undo / redo of every change (forms included).
//!
//! Undo keeps, for each change, the records it touched as they were before it (see
//! [`snapshot`](super::snapshot)): a change may touch several records at once (a contact and
//! everything that points to it). Each undo and redo is itself written to the store file.

use uuid::Uuid;

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::screens::Screen;
use super::snapshot::{Moved, Snapshot, Touch, Where, deleted_with};
use super::{App, Effect, StatusKind};

/// How many changes can be undone; older ones are dropped.
pub const UNDO_DEPTH: usize = 50;

/// Records all the kept changes may hold together, so deleting contacts with very long
/// histories cannot fill memory; the last change can always be undone.
pub const UNDO_RECORDS: usize = 2_000_000;

/// The store as it was before a change, with words for that change ("logged call with Ada").
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(String, Snapshot)>,
    redo: Vec<(String, Snapshot)>,
}

impl History {
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything: the store was replaced by the one on disk, and restoring an older
    /// copy would write over what another program saved.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Drops the oldest changes beyond the depth and the record budget, keeping the last.
    fn trim(&mut self) {
        let mut held = 0;
        let mut keep = 0;
        for (_, s) in self.undo.iter().rev() {
            held += s.records();
            if keep > 0 && (keep == UNDO_DEPTH || held > UNDO_RECORDS) {
                break;
            }
            keep += 1;
        }
        let drop = self.undo.len() - keep;
        self.undo.drain(..drop);
    }
}

impl App {
    /// Remembers the records a change described by `what` is about to touch, as they are now;
    /// a new change ends what could be redone.
    pub(crate) fn remember(&mut self, what: &str, touch: &Touch) {
        let snapshot = Snapshot::take(&self.store, touch);
        self.edits.undo.push((what.to_string(), snapshot));
        self.edits.trim();
        self.edits.redo.clear();
    }

    /// After the store changed under the screens: a contact page whose contact is gone closes,
    /// and so does an open interaction that is gone.
    pub(crate) fn after_edit(&mut self) {
        let store = &self.store;
        self.overlays.retain(|o| match o {
            Overlay::Detail(d) => d.position(store).is_some(),
            _ => true,
        });
        if let Some(v) = &self.contact
            && !self.store.contacts.iter().any(|c| c.id == v.id)
        {
            self.contact = None;
            if self.screen == Screen::Contact {
                self.back();
            }
        }
    }
}

pub(crate) fn undo(app: &mut App, fx: &mut Vec<Effect>) {
    let Some((what, before)) = app.edits.undo.pop() else {
        app.status = Some((StatusKind::Info, "nothing to undo".into()));
        return;
    };
    let after = before.restore(app.store_mut());
    app.edits.redo.push((what.clone(), after));
    let msg = format!("undone: {what}");
    app.status = Some((StatusKind::Info, msg.clone()));
    fx.extend(app.commit(&msg));
    app.after_edit();
}

pub(crate) fn redo(app: &mut App, fx: &mut Vec<Effect>) {
    let Some((what, after)) = app.edits.redo.pop() else {
        app.status = Some((StatusKind::Info, "nothing to redo".into()));
        return;
    };
    let before = after.restore(app.store_mut());
    app.edits.undo.push((what.clone(), before));
    let msg = format!("redone: {what}");
    app.status = Some((StatusKind::Info, msg.clone()));
    fx.extend(app.commit(&msg));
    app.after_edit();
}

/// `d` on a contact: asks first, saying what goes with it.
pub(crate) fn ask_delete_contact(app: &mut App, id: Uuid) {
    let Some(c) = app.store.contacts.iter().find(|c| c.id == id) else {
        return;
    };
    let n = app
        .store
        .interactions
        .iter()
        .filter(|x| x.contact == id)
        .count();
    let name = crate::sanitize::line(&app.dashboard().namesakes.label(c)).into_owned();
    let message = match n {
        0 => format!("Delete {name}? They have no interactions."),
        1 => format!("Delete {name} and their 1 interaction?"),
        n => format!("Delete {name} and their {n} interactions?"),
    };
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Delete contact?".into(),
        message,
        on_yes: ConfirmAction::DeleteContact(id),
    }));
}

/// `d` on an interaction: asks first, naming it.
pub(crate) fn ask_delete_interaction(app: &mut App, id: Uuid) {
    let Some(x) = app.store.interactions.iter().find(|x| x.id == id) else {
        return;
    };
    let who = app.dashboard().name(&app.store, x.contact);
    let message = format!(
        "Delete the {} with {} on {}?",
        x.kind,
        crate::sanitize::line(&who),
        x.at.date
    );
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Delete interaction?".into(),
        message,
        on_yes: ConfirmAction::DeleteInteraction(id),
    }));
}

/// Removes a contact, their interactions, and every reference to them (who they referred
/// stays, without the referrer; an investment for them stays, for no one in particular; a
/// standup's commitment to them goes).
pub(crate) fn delete_contact(app: &mut App, id: Uuid, fx: &mut Vec<Effect>) {
    let Some(c) = app.store.contacts.iter().find(|c| c.id == id) else {
        return;
    };
    let what = format!(
        "deleted {}",
        crate::sanitize::line(&app.dashboard().namesakes.label(c))
    );
    let touch = Touch {
        contacts: std::iter::once(id)
            .chain(
                app.store
                    .contacts
                    .iter()
                    .filter(|c| c.referred_by == Some(id))
                    .map(|c| c.id),
            )
            .collect(),
        interactions: deleted_with(&app.store, id),
        investments: app
            .store
            .investments
            .iter()
            .filter(|i| i.contact == Some(id))
            .map(|i| i.id)
            .collect(),
        standups: app
            .store
            .standups
            .iter()
            .filter(|s| s.commitments.iter().any(|c| c.contact == id))
            .map(|s| s.date)
            .collect(),
    };
    app.remember(&what, &touch);
    let s = app.store_mut();
    for st in &mut s.standups {
        st.commitments.retain(|c| c.contact != id);
    }
    s.contacts.retain(|c| c.id != id);
    s.interactions.retain(|x| x.contact != id);
    s.contacts
        .modify_where(|c| c.referred_by == Some(id), |c| c.referred_by = None);
    for inv in &mut s.investments {
        if inv.contact == Some(id) {
            inv.contact = None;
        }
    }
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
    app.after_edit();
}

pub(crate) fn delete_interaction(app: &mut App, id: Uuid, fx: &mut Vec<Effect>) {
    let Some(index) = app.store.interaction_position(id, None) else {
        return;
    };
    let what = "deleted an interaction".to_string();
    let touch = Touch {
        interactions: vec![Moved {
            id,
            before: Where::At(app.store.interactions[index].at),
            after: Where::Absent,
        }],
        ..Touch::default()
    };
    app.remember(&what, &touch);
    app.store_mut().place_interaction(Some(index), None);
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
    app.after_edit();
}

/// `r` on the negative-feedback list: marks the item resolved (saved, undoable), then offers to
/// log the reply.
pub(crate) fn resolve_feedback(app: &mut App, fx: &mut Vec<Effect>) {
    if app.screen != Screen::FollowUps || app.followups.focus != 1 {
        app.status = Some((
            StatusKind::Info,
            "r resolves negative feedback: Tab to that list first".into(),
        ));
        return;
    }
    let Some(row) = app.dashboard.negative.get(app.followups.negative.selected) else {
        return;
    };
    let id = row.interaction;
    resolve(app, id, fx);
}

/// Marks interaction `id` answered (saved, undoable), then offers to log the reply; says why
/// not when it is not negative feedback waiting for an answer.
pub(crate) fn resolve(app: &mut App, id: Uuid, fx: &mut Vec<Effect>) {
    let Some(x) = app
        .store
        .interaction_position(id, None)
        .map(|i| &app.store.interactions[i])
    else {
        return;
    };
    let negative = x
        .sentiment
        .is_some_and(|s| s.score <= crate::sentiment::NEGATIVE_AT);
    if !negative || x.resolved {
        let why = if x.resolved {
            "already answered"
        } else {
            "not negative feedback"
        };
        app.status = Some((StatusKind::Info, format!("nothing to resolve: {why}")));
        return;
    }
    let name = crate::sanitize::line(&app.dashboard.name(&app.store, x.contact)).into_owned();
    let what = format!("resolved feedback from {name}");
    if !change_interaction(app, id, &what, |x| x.resolved = true) {
        return;
    }
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Log the reply?".into(),
        message: format!("Resolved. Log your reply to {name} now?"),
        on_yes: ConfirmAction::LogReply(id),
    }));
}

/// `d` on an investment: asks first, naming it.
pub(crate) fn ask_delete_investment(app: &mut App, id: Uuid) {
    let Some(inv) = app.store.investments.iter().find(|i| i.id == id) else {
        return;
    };
    let whom = inv
        .contact
        .map(|c| {
            format!(
                " for {}",
                crate::sanitize::line(&app.dashboard.name(&app.store, c))
            )
        })
        .unwrap_or_default();
    let message = format!(
        "Delete the {} of {} {}{whom} on {}?",
        inv.kind, inv.amount, app.store.settings.currency, inv.date
    );
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Delete investment?".into(),
        message,
        on_yes: ConfirmAction::DeleteInvestment(id),
    }));
}

pub(crate) fn delete_investment(app: &mut App, id: Uuid, fx: &mut Vec<Effect>) {
    if !app.store.investments.iter().any(|i| i.id == id) {
        return;
    }
    let what = "deleted an investment".to_string();
    let touch = Touch {
        investments: vec![id],
        ..Touch::default()
    };
    app.remember(&what, &touch);
    app.store_mut().investments.retain(|i| i.id != id);
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
}

/// Scores the note selected in the follow-ups screen's "not scored" list by hand (`score` in
/// -1..1): the note counts in the sentiment figures from then on, and a negative one joins the
/// negative feedback waiting for an answer.
pub(crate) fn score_waiting(app: &mut App, score: f64, fx: &mut Vec<Effect>) {
    if app.screen != Screen::FollowUps || app.followups.focus != 2 {
        app.status = Some((
            StatusKind::Info,
            "+ = - score notes in other languages: Tab to the \"not scored\" list first".into(),
        ));
        return;
    }
    let Some(row) = app.dashboard.waiting.get(app.followups.waiting.selected) else {
        return;
    };
    let (id, name) = (
        row.interaction,
        crate::sanitize::line(&row.name).into_owned(),
    );
    let words = crate::forms::describe_score(score);
    let what = format!("scored {name}'s note {words}");
    let manual = Some(crate::store::Sentiment::manual(score));
    if !change_interaction(app, id, &what, |x| x.sentiment = manual) {
        return;
    }
    let joins = if score <= crate::sentiment::NEGATIVE_AT {
        "; it now waits in negative feedback"
    } else {
        ""
    };
    app.status = Some((StatusKind::Info, format!("{what}{joins} (u undoes)")));
    fx.extend(app.commit(&what));
}

/// Changes one interaction in place (its date unchanged), remembered for undo; `false` when
/// the store no longer has it. The caller commits.
fn change_interaction(
    app: &mut App,
    id: Uuid,
    what: &str,
    change: impl FnOnce(&mut crate::store::Interaction),
) -> bool {
    let Some(index) = app.store.interaction_position(id, None) else {
        return false;
    };
    let at = Where::At(app.store.interactions[index].at);
    let touch = Touch {
        interactions: vec![Moved {
            id,
            before: at,
            after: at,
        }],
        ..Touch::default()
    };
    app.remember(what, &touch);
    change(&mut app.store_mut().interactions[index]);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::snapshot::{Slot, Snapshot, Where};
    use uuid::Uuid;

    fn slot() -> Slot {
        Slot {
            id: Uuid::nil(),
            was: None,
            now: Where::Absent,
        }
    }

    #[test]
    fn a_long_history_keeps_the_depth_and_the_record_budget() {
        let mut h = History::default();
        let one = || Snapshot {
            interactions: vec![slot()],
            ..Snapshot::default()
        };
        for i in 0..UNDO_DEPTH + 5 {
            h.undo.push((format!("change {i}"), one()));
            h.trim();
        }
        assert_eq!(h.undo.len(), UNDO_DEPTH);
        assert_eq!(h.undo[0].0, "change 5", "the oldest go first");
        // One change bigger than the whole budget is still kept, alone.
        let huge = Snapshot {
            interactions: vec![slot(); UNDO_RECORDS],
            ..Snapshot::default()
        };
        h.undo.push(("huge".into(), huge));
        h.trim();
        assert_eq!(h.undo.len(), 1);
    }
}
