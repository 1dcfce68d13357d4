//! What changed between two versions of a store, as the lines that turn the one into the other:
//! the records added or changed, and a `deleted` line for each record taken out.
//!
//! The dashboard changes a copy of its store that shares every untouched block of records with
//! the version on disk (see `Blocks`), so only the blocks the change copied are looked into: a
//! diff costs what the change touched, not the size of the store.

use jiff::Timestamp;

use super::Blocks;
use super::line::{Deleted, Line};
use super::model::{Contact, Interaction, Investment, Standup, Store};
use super::record::{Key, Record};
use crate::hash::{FxMap, FxSet};

/// The lines that turn `old` into `new`, each added or changed record stamped `updated: now`.
/// In an order in which every prefix is a sound store: contacts first, deletions of the records
/// that point to a contact before the contact's own.
pub fn diff(old: &Store, new: &Store, now: Option<Timestamp>) -> Vec<Line> {
    let contacts = changes(old.contacts.shared_blocks(), new.contacts.shared_blocks());
    let interactions = changes(
        old.interactions.shared_blocks(),
        new.interactions.shared_blocks(),
    );
    let investments = changes_in(&old.investments, &new.investments);
    let standups = changes_in(&old.standups, &new.standups);
    let mut out = Vec::new();
    if old.settings != new.settings {
        out.push(Line::Settings(new.settings.clone()));
    }
    let stamp = |mut r| {
        set_now(&mut r, now);
        r
    };
    out.extend(
        contacts
            .upserts
            .into_iter()
            .map(|r| Line::Contact(stamp_record(r, now))),
    );
    out.extend(
        interactions
            .upserts
            .into_iter()
            .map(|r| Line::Interaction(stamp_record(r, now))),
    );
    out.extend(
        investments
            .upserts
            .into_iter()
            .map(|r| Line::Investment(stamp_record(r, now))),
    );
    out.extend(
        standups
            .upserts
            .into_iter()
            .map(|r| Line::Standup(stamp_record(r, now))),
    );
    for key in interactions
        .deleted
        .into_iter()
        .chain(investments.deleted)
        .chain(standups.deleted)
        .chain(contacts.deleted)
    {
        out.push(Line::Deleted(stamp(Deleted::of(key, None))));
    }
    out
}

fn set_now(d: &mut Deleted, now: Option<Timestamp>) {
    d.updated = now;
}

fn stamp_record<T: Record>(mut r: T, now: Option<Timestamp>) -> T {
    if now.is_some() {
        r.set_updated(now);
    }
    r
}

/// Records added or changed, and the keys of those taken out.
pub(crate) struct Changes<T> {
    pub upserts: Vec<T>,
    pub deleted: Vec<Key>,
}

/// The changes between two lists kept in blocks: the records of the blocks only one of them
/// holds, matched by key.
fn changes<T: Record>(
    old: &[std::sync::Arc<Vec<T>>],
    new: &[std::sync::Arc<Vec<T>>],
) -> Changes<T> {
    let ptr = |b: &std::sync::Arc<Vec<T>>| std::sync::Arc::as_ptr(b) as usize;
    let old_blocks: FxSet<usize> = old.iter().map(ptr).collect();
    let new_blocks: FxSet<usize> = new.iter().map(ptr).collect();
    let gone: Vec<&T> = old
        .iter()
        .filter(|b| !new_blocks.contains(&ptr(b)))
        .flat_map(|b| b.iter())
        .collect();
    let came: Vec<&T> = new
        .iter()
        .filter(|b| !old_blocks.contains(&ptr(b)))
        .flat_map(|b| b.iter())
        .collect();
    matched(gone, came)
}

/// The changes between two short lists, record by record.
fn changes_in<T: Record>(old: &[T], new: &[T]) -> Changes<T> {
    matched(old.iter().collect(), new.iter().collect())
}

fn matched<T: Record>(gone: Vec<&T>, came: Vec<&T>) -> Changes<T> {
    let mut before: FxMap<Key, &T> = gone.into_iter().map(|r| (r.key(), r)).collect();
    let mut upserts = Vec::new();
    for r in came {
        match before.remove(&r.key()) {
            Some(old) if old.same(r) => {}
            _ => upserts.push(r.clone()),
        }
    }
    // A record in a block only the old list holds, and in no block only the new one holds, is
    // in no block of the new list at all: a record is in one block.
    let mut deleted: Vec<Key> = before.into_keys().collect();
    deleted.sort_unstable();
    Changes { upserts, deleted }
}

/// What changed, as the merge reads it: the new version of each record added or changed, by
/// key, and the keys of the records taken out.
pub(crate) struct Delta {
    pub contacts: FxMap<Key, Contact>,
    pub interactions: FxMap<Key, Interaction>,
    pub investments: FxMap<Key, Investment>,
    pub standups: FxMap<Key, Standup>,
    pub deleted: FxSet<Key>,
    pub settings: Option<super::Settings>,
}

impl Delta {
    /// The change from `old` to `new`.
    pub fn between(old: &Store, new: &Store) -> Delta {
        Delta::of_lines(diff(old, new, None))
    }

    /// The change these lines make.
    pub fn of_lines(lines: impl IntoIterator<Item = Line>) -> Delta {
        let mut d = Delta {
            contacts: FxMap::default(),
            interactions: FxMap::default(),
            investments: FxMap::default(),
            standups: FxMap::default(),
            deleted: FxSet::default(),
            settings: None,
        };
        for line in lines {
            let key = line.key();
            match line {
                Line::Contact(r) => {
                    d.contacts.insert(r.key(), r);
                }
                Line::Interaction(r) => {
                    d.interactions.insert(r.key(), r);
                }
                Line::Investment(r) => {
                    d.investments.insert(r.key(), r);
                }
                Line::Standup(r) => {
                    d.standups.insert(r.key(), r);
                }
                Line::Settings(s) => d.settings = Some(s),
                Line::Deleted(_) => {
                    if let Some(k) = key {
                        d.contacts.remove(&k);
                        d.interactions.remove(&k);
                        d.investments.remove(&k);
                        d.standups.remove(&k);
                        d.deleted.insert(k);
                    }
                    continue;
                }
                Line::Header(_) | Line::Batch(_) => {}
            }
            if let Some(k) = key {
                d.deleted.remove(&k);
            }
        }
        d
    }

    /// Whether the change touches the record `key`.
    pub fn touches(&self, key: &Key) -> bool {
        self.deleted.contains(key)
            || self.contacts.contains_key(key)
            || self.interactions.contains_key(key)
            || self.investments.contains_key(key)
            || self.standups.contains_key(key)
    }
}

/// `store` with `lines` applied: each record replaces the one with its key (or is added), each
/// `deleted` line takes its record out, in order. The store stays in canonical order.
pub fn apply(store: &mut Store, lines: impl IntoIterator<Item = Line>) {
    let lines: Vec<Line> = lines.into_iter().collect();
    // Few changes go in place; many are cheaper as one rebuild of each list.
    if lines.len() > 64 {
        return apply_many(store, lines);
    }
    for line in lines {
        match line {
            Line::Settings(s) => store.settings = s,
            Line::Contact(c) => {
                let at = store.contact_position(c.id);
                store.place_contact(at, Some(c));
            }
            Line::Interaction(x) => {
                let at = store.interaction_position(x.id, None);
                store.place_interaction(at, Some(x));
            }
            Line::Investment(i) => {
                store.investments.retain(|o| o.id != i.id);
                let at = store
                    .investments
                    .partition_point(|o| (o.date, o.id) < (i.date, i.id));
                store.investments.insert(at, i);
            }
            Line::Standup(s) => {
                store.standups.retain(|o| o.date != s.date);
                let at = store.standups.partition_point(|o| o.date < s.date);
                store.standups.insert(at, s);
            }
            Line::Deleted(d) => match d.key() {
                Some(Key::Id(id)) => {
                    if let Some(at) = store.contact_position(id) {
                        store.place_contact(Some(at), None);
                    } else if let Some(at) = store.interaction_position(id, None) {
                        store.place_interaction(Some(at), None);
                    } else {
                        store.investments.retain(|o| o.id != id);
                    }
                }
                Some(Key::Standup(day)) => store.standups.retain(|o| o.date != day),
                None => {}
            },
            Line::Header(_) | Line::Batch(_) => {}
        }
    }
}

/// [`apply`] for many lines: each list filtered of the records the lines name, the new
/// versions added, and put back in canonical order.
fn apply_many(store: &mut Store, lines: Vec<Line>) {
    let d = Delta::of_lines(lines);
    if let Some(s) = d.settings {
        store.settings = s;
    }
    rebuild(&mut store.contacts, d.contacts, &d.deleted);
    rebuild(&mut store.interactions, d.interactions, &d.deleted);
    let mut inv = Blocks::from(std::mem::take(&mut store.investments));
    rebuild(&mut inv, d.investments, &d.deleted);
    store.investments = inv.into_vec();
    let mut st = Blocks::from(std::mem::take(&mut store.standups));
    rebuild(&mut st, d.standups, &d.deleted);
    store.standups = st.into_vec();
    store.sort_canonical();
}

fn rebuild<T: Record>(list: &mut Blocks<T>, changed: FxMap<Key, T>, deleted: &FxSet<Key>) {
    if changed.is_empty() && !list.iter().any(|r| deleted.contains(&r.key())) {
        return;
    }
    list.retain(|r| !changed.contains_key(&r.key()) && !deleted.contains(&r.key()));
    let mut added: Vec<T> = changed.into_values().collect();
    added.sort_by_key(|r| r.key());
    list.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};

    /// Applying the diff of two stores to the first gives the second, whatever was changed, and
    /// a copy that changed one record has a diff of one line.
    #[test]
    fn the_diff_applied_gives_the_new_store() {
        let old = generate(&GenSpec::scale(50, 20_000));
        let mut new = old.clone();
        assert!(diff(&old, &new, None).is_empty());
        new.interactions[7].note = "changed".into();
        assert_eq!(diff(&old, &new, None).len(), 1);
        let gone = new.interactions[9000].id;
        new.place_interaction(Some(9000), None);
        let c = new.contacts[3].clone();
        new.place_contact(Some(3), None);
        new.interactions.retain(|x| x.contact != c.id);
        new.contacts
            .modify_where(|o| o.referred_by == Some(c.id), |o| o.referred_by = None);
        new.investments.retain(|i| i.contact != Some(c.id));
        new.settings.churn_days = 120;
        let mut x = new.interactions[100].clone();
        x.id = crate::store::new_id();
        new.place_interaction(None, Some(x));
        let lines = diff(&old, &new, None);
        assert!(lines.iter().any(|l| l.key() == Some(Key::Id(gone))));
        for many in [false, true] {
            let mut applied = old.clone();
            if many {
                apply_many(&mut applied, lines.clone());
            } else {
                for l in lines.clone() {
                    apply(&mut applied, [l]);
                }
            }
            assert_eq!(applied, new, "many: {many}");
        }
    }

    /// Every prefix of a diff is a sound store: a contact's deletion comes after the deletions
    /// of what points to it.
    #[test]
    fn every_prefix_of_a_diff_is_a_sound_store() {
        let old = generate(&GenSpec::scale(20, 300));
        let mut new = old.clone();
        let c = new.contacts[5].id;
        new.interactions.retain(|x| x.contact != c);
        new.contacts.retain(|o| o.id != c);
        new.contacts
            .modify_where(|o| o.referred_by == Some(c), |o| o.referred_by = None);
        new.investments.retain(|i| i.contact != Some(c));
        let lines = diff(&old, &new, None);
        for k in 0..=lines.len() {
            let mut s = old.clone();
            apply(&mut s, lines[..k].to_vec());
            assert_eq!(
                crate::store::validate(&s),
                [],
                "after {k} of {} lines",
                lines.len()
            );
        }
    }

    #[test]
    fn changed_records_are_stamped_and_the_stamp_alone_is_no_change() {
        let old = generate(&GenSpec::scale(5, 20));
        let mut new = old.clone();
        let now: Timestamp = "2026-12-04T10:00:00Z".parse().unwrap();
        new.contacts[0].updated = Some(now);
        assert!(diff(&old, &new, Some(now)).is_empty());
        new.contacts[0].name = "Someone else".into();
        match &diff(&old, &new, Some(now))[..] {
            [Line::Contact(c)] => assert_eq!(c.updated, Some(now)),
            other => panic!("{other:?}"),
        }
    }
}
