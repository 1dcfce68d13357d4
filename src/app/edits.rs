//! Changes made in this session beyond the forms: deleting a contact or an interaction, and
//! undo / redo of every change (forms included).
//!
//! Undo keeps, for each change, the records it touched as they were before it (or that they
//! did not exist): a change may touch several records at once (a contact and everything that
//! points to it), and putting those records back restores the store exactly, since the store is
//! kept in its canonical order. Copies of the whole store would cost a second of copying and
//! gigabytes of memory on a large community. Each undo and redo is itself written to the store
//! file.

use std::hash::Hash;

use uuid::Uuid;

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::screens::Screen;
use super::{App, Effect, StatusKind};
use crate::hash::{FxMap, FxSet};
use crate::store::{Contact, Interaction, Investment, Store};

/// How many changes can be undone; older ones are dropped.
pub const UNDO_DEPTH: usize = 50;

/// Records all the kept changes may hold together, so deleting contacts with very long
/// histories cannot fill memory; the last change can always be undone.
pub const UNDO_RECORDS: usize = 2_000_000;

/// The records a change is about to touch, by id.
#[derive(Clone, Debug, Default)]
pub struct Touch {
    pub contacts: Vec<Uuid>,
    pub interactions: Vec<Uuid>,
    pub investments: Vec<Uuid>,
}

/// Records as they were: `None` for one that did not exist.
#[derive(Clone, Debug, Default)]
struct Snapshot {
    contacts: Vec<(Uuid, Option<Contact>)>,
    interactions: Vec<(Uuid, Option<Interaction>)>,
    investments: Vec<(Uuid, Option<Investment>)>,
}

impl Snapshot {
    fn take(store: &Store, touch: &Touch) -> Snapshot {
        Snapshot {
            contacts: copies(&store.contacts, &touch.contacts, |c| c.id),
            interactions: copies(&store.interactions, &touch.interactions, |x| x.id),
            investments: copies(&store.investments, &touch.investments, |i| i.id),
        }
    }

    fn records(&self) -> usize {
        self.contacts.len() + self.interactions.len() + self.investments.len() + 1
    }

    /// Puts these records back into `store` and returns what was there instead: the change
    /// that takes the store forward again.
    fn restore(self, store: &mut Store) -> Snapshot {
        let inverse = Snapshot {
            contacts: swap(&mut store.contacts, self.contacts, |c| c.id),
            interactions: swap(&mut store.interactions, self.interactions, |x| x.id),
            investments: swap(&mut store.investments, self.investments, |i| i.id),
        };
        store.sort_canonical();
        inverse
    }
}

fn copies<T: Clone, K: Copy + Eq + Hash>(
    list: &[T],
    ids: &[K],
    id: impl Fn(&T) -> K,
) -> Vec<(K, Option<T>)> {
    if ids.is_empty() {
        return Vec::new();
    }
    let wanted: FxSet<K> = ids.iter().copied().collect();
    let mut found: FxMap<K, T> = list
        .iter()
        .filter(|x| wanted.contains(&id(x)))
        .map(|x| (id(x), x.clone()))
        .collect();
    let mut seen = FxSet::default();
    ids.iter()
        .filter(|k| seen.insert(**k))
        .map(|k| (*k, found.remove(k)))
        .collect()
}

fn swap<T, K: Copy + Eq + Hash>(
    list: &mut Vec<T>,
    records: Vec<(K, Option<T>)>,
    id: impl Fn(&T) -> K,
) -> Vec<(K, Option<T>)> {
    if records.is_empty() {
        return Vec::new();
    }
    let keys: FxSet<K> = records.iter().map(|(k, _)| *k).collect();
    let mut now: FxMap<K, T> = list
        .extract_if(.., |x| keys.contains(&id(x)))
        .map(|x| (id(&x), x))
        .collect();
    let mut inverse = Vec::with_capacity(records.len());
    for (k, before) in records {
        inverse.push((k, now.remove(&k)));
        list.extend(before);
    }
    inverse
}

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
        interactions: app
            .store
            .interactions
            .iter()
            .filter(|x| x.contact == id)
            .map(|x| x.id)
            .collect(),
        investments: app
            .store
            .investments
            .iter()
            .filter(|i| i.contact == Some(id))
            .map(|i| i.id)
            .collect(),
    };
    app.remember(&what, &touch);
    let s = app.store_mut();
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
    let touch = Touch {
        interactions: vec![id],
        ..Touch::default()
    };
    app.remember(&what, &touch);
    app.store_mut().interactions.retain(|x| x.id != id);
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
    let touch = Touch {
        interactions: vec![id],
        ..Touch::default()
    };
    app.remember(&what, &touch);
    if let Some(x) = app.store_mut().interactions.iter_mut().find(|x| x.id == id) {
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
    use crate::store::{Kind, Moment};
    use jiff::civil::date;

    fn store() -> Store {
        let mut s = Store::default();
        let ada = Contact::new("Ada", date(2026, 1, 1));
        let bob = Contact::new("Bob", date(2026, 1, 2));
        for (i, c) in [&ada, &bob].into_iter().enumerate() {
            for d in 1..=3 {
                let at = Moment::day(date(2026, 2, d + i as i8 * 3));
                s.interactions
                    .push(Interaction::new(c.id, at, "forum", Kind::Comment));
            }
        }
        s.contacts = vec![ada, bob];
        s.sort_canonical();
        s
    }

    #[test]
    fn restoring_a_snapshot_gives_back_the_store_and_the_way_forward() {
        let before = store();
        let ada = before.contacts[0].id;
        let mut s = before.clone();
        let touch = Touch {
            contacts: vec![ada],
            interactions: s.interactions[..3].iter().map(|x| x.id).collect(),
            ..Touch::default()
        };
        let snap = Snapshot::take(&s, &touch);
        // The change: Ada renamed, one of her interactions gone, a new one added (touched as
        // absent before it).
        s.contacts[0].name = "Ada L.".into();
        s.interactions.remove(1);
        let new = Interaction::new(ada, Moment::day(date(2026, 2, 9)), "email", Kind::Message);
        let mut snap2 = snap.clone();
        snap2.interactions.push((new.id, None));
        s.interactions.push(new);
        s.sort_canonical();
        let after = s.clone();
        let forward = snap2.restore(&mut s);
        assert_eq!(
            s, before,
            "undo restores every touched record and drops the new one"
        );
        forward.restore(&mut s);
        assert_eq!(s, after, "redo takes the store forward again");
    }

    #[test]
    fn a_long_history_keeps_the_depth_and_the_record_budget() {
        let mut h = History::default();
        let one = || Snapshot {
            interactions: vec![(Uuid::nil(), None)],
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
            interactions: vec![(Uuid::nil(), None); UNDO_RECORDS],
            ..Snapshot::default()
        };
        h.undo.push(("huge".into(), huge));
        h.trim();
        assert_eq!(h.undo.len(), 1);
    }
}
