//! Changes made in this session beyond the forms: deleting a contact or an interaction, and
//! undo / redo of every change (forms included).
//!
//! Undo keeps whole copies of the store from before each change: a change may touch several
//! records at once (a contact and everything that points to it), and a copy restores them all
//! exactly. Each undo and redo is itself written to the store file.

use uuid::Uuid;

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::screens::Screen;
use super::{App, Effect, StatusKind};
use crate::store::Store;

/// How many changes can be undone; older copies are dropped.
pub const UNDO_DEPTH: usize = 50;

/// Records (contacts, interactions, investments) all the kept copies may hold together, so a
/// very large store keeps fewer copies instead of filling memory; the last change can always
/// be undone.
pub const UNDO_RECORDS: usize = 2_000_000;

fn records(s: &Store) -> usize {
    s.contacts.len() + s.interactions.len() + s.investments.len() + 1
}

/// How many copies of a store of `per_copy` records are kept.
fn copies_allowed(per_copy: usize) -> usize {
    (UNDO_RECORDS / per_copy.max(1)).clamp(1, UNDO_DEPTH)
}

/// A store as it was before a change, with words for that change ("logged call with Ada").
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<(String, Store)>,
    redo: Vec<(String, Store)>,
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
}

impl App {
    /// Remembers the store as it is now, before a change described by `what`; a new change
    /// ends what could be redone.
    pub(crate) fn remember(&mut self, what: &str) {
        self.edits.undo.push((what.to_string(), self.store.clone()));
        let keep = copies_allowed(records(&self.store));
        if self.edits.undo.len() > keep {
            let drop = self.edits.undo.len() - keep;
            self.edits.undo.drain(..drop);
        }
        self.edits.redo.clear();
    }

    /// After the store changed under the screens: a contact page whose contact is gone closes.
    pub(crate) fn after_edit(&mut self) {
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
    let now = std::mem::replace(&mut app.store, before);
    app.edits.redo.push((what.clone(), now));
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
    let now = std::mem::replace(&mut app.store, after);
    app.edits.undo.push((what.clone(), now));
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
    let name = crate::sanitize::line(&c.name).into_owned();
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
    let who = app
        .store
        .contacts
        .iter()
        .find(|c| c.id == x.contact)
        .map_or("?", |c| c.name.as_str());
    let message = format!(
        "Delete the {} with {} on {}?",
        x.kind,
        crate::sanitize::line(who),
        x.at.date
    );
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Delete interaction?".into(),
        message,
        on_yes: ConfirmAction::DeleteInteraction(id),
    }));
}

/// Removes a contact, their interactions, and every reference to them (who they referred
/// stays, without the referrer; an investment for them stays, for no one in particular).
pub(crate) fn delete_contact(app: &mut App, id: Uuid, fx: &mut Vec<Effect>) {
    let Some(c) = app.store.contacts.iter().find(|c| c.id == id) else {
        return;
    };
    let what = format!("deleted {}", crate::sanitize::line(&c.name));
    app.remember(&what);
    let s = &mut app.store;
    s.contacts.retain(|c| c.id != id);
    s.interactions.retain(|x| x.contact != id);
    for c in &mut s.contacts {
        if c.referred_by == Some(id) {
            c.referred_by = None;
        }
    }
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
    if !app.store.interactions.iter().any(|x| x.id == id) {
        return;
    }
    let what = "deleted an interaction".to_string();
    app.remember(&what);
    app.store.interactions.retain(|x| x.id != id);
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
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
    let (id, name) = (
        row.interaction,
        crate::sanitize::line(&row.name).into_owned(),
    );
    if !app.store.interactions.iter().any(|x| x.id == id) {
        return;
    }
    let what = format!("resolved feedback from {name}");
    app.remember(&what);
    if let Some(x) = app.store.interactions.iter_mut().find(|x| x.id == id) {
        x.resolved = true;
    }
    app.status = Some((StatusKind::Info, format!("{what} (u undoes)")));
    fx.extend(app.commit(&what));
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Log the reply?".into(),
        message: format!("Resolved. Log your reply to {name} now?"),
        on_yes: ConfirmAction::LogReply(id),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_store_keeps_fewer_copies_but_always_the_last() {
        // 10k records: 2M / 10k = 200 copies would fit, the depth caps it at 50.
        assert_eq!(copies_allowed(10_000), UNDO_DEPTH);
        // 700k records: two copies are 1.4M, three would be 2.1M.
        assert_eq!(copies_allowed(700_000), 2);
        // Larger than the whole budget: the last change can still be undone.
        assert_eq!(copies_allowed(5_000_000), 1);
    }
}
