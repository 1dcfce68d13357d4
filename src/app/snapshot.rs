//! What undo keeps of a change: the records it touched as they were before it (or that they
//! did not exist), and how they are put back. The store is kept in its canonical order, so
//! putting those records back where that order has them restores it exactly; copies of the
//! whole store would cost a second of copying and gigabytes of memory on a large community.

use std::hash::Hash;

use uuid::Uuid;

use crate::hash::{FxMap, FxSet};
use crate::store::{Contact, Interaction, Investment, Moment, Standup, Store};

/// The records a change is about to touch, by id.
#[derive(Clone, Debug, Default)]
pub struct Touch {
    pub contacts: Vec<Uuid>,
    pub interactions: Vec<Moved>,
    pub investments: Vec<Uuid>,
    /// Standups, by day (a commitment made, changed or dropped; a merge moving one).
    pub standups: Vec<jiff::civil::Date>,
}

/// An interaction a change touches, and where it stands before and after the change when that
/// is known: the store keeps a million of them in canonical order, where one of known date is
/// found by a binary search instead of a pass over them all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moved {
    pub id: Uuid,
    pub before: Where,
    pub after: Where,
}

/// Where an interaction stands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Where {
    /// Not in the store: a new record before the change, a deleted one after it.
    Absent,
    /// Dated this (looked for everywhere if it is not found there after all).
    At(Moment),
    /// Looked for everywhere.
    Unknown,
}

impl Where {
    fn of(x: Option<&Interaction>) -> Where {
        x.map_or(Where::Absent, |x| Where::At(x.at))
    }

    fn find(self, store: &Store, id: Uuid) -> Option<usize> {
        match self {
            Where::Absent => None,
            Where::At(at) => store.interaction_position(id, Some(at)),
            Where::Unknown => store.interaction_position(id, None),
        }
    }
}

/// The interactions of `contact`, as a change that deletes them with the contact touches them.
pub(super) fn deleted_with(store: &Store, contact: Uuid) -> Vec<Moved> {
    store
        .interactions
        .iter()
        .filter(|x| x.contact == contact)
        .map(|x| Moved {
            id: x.id,
            before: Where::At(x.at),
            after: Where::Absent,
        })
        .collect()
}

/// More interactions than this in one change are put back with a sort, not one by one. Each
/// placed one moves at most a block of the store's records (see `Blocks`); a sort copies them
/// all.
const PLACE_ONE_BY_ONE: usize = 2048;

/// An interaction as it was (`None`: it did not exist), and where it stands now.
#[derive(Clone, Debug)]
pub(super) struct Slot {
    pub(super) id: Uuid,
    pub(super) was: Option<Interaction>,
    pub(super) now: Where,
}

/// Records as they were: `None` for one that did not exist.
#[derive(Clone, Debug, Default)]
pub(super) struct Snapshot {
    pub(super) contacts: Vec<(Uuid, Option<Contact>)>,
    pub(super) interactions: Vec<Slot>,
    pub(super) investments: Vec<(Uuid, Option<Investment>)>,
    pub(super) standups: Vec<(jiff::civil::Date, Option<Standup>)>,
}

impl Snapshot {
    pub(super) fn take(store: &Store, touch: &Touch) -> Snapshot {
        let mut seen = FxSet::default();
        let interactions = touch
            .interactions
            .iter()
            .filter(|m| seen.insert(m.id))
            .map(|m| Slot {
                id: m.id,
                was: m
                    .before
                    .find(store, m.id)
                    .map(|i| store.interactions[i].clone()),
                now: m.after,
            })
            .collect();
        Snapshot {
            contacts: copies(&store.contacts, &touch.contacts, |c| c.id),
            interactions,
            investments: copies(&store.investments, &touch.investments, |i| i.id),
            standups: copies(&store.standups, &touch.standups, |s| s.date),
        }
    }

    pub(super) fn records(&self) -> usize {
        self.contacts.len()
            + self.interactions.len()
            + self.investments.len()
            + self.standups.len()
            + 1
    }

    /// Puts these records back into `store` and returns what was there instead: the change
    /// that takes the store forward again.
    pub(super) fn restore(self, store: &mut Store) -> Snapshot {
        let inverse = Snapshot {
            contacts: put_back_contacts(store, self.contacts),
            interactions: put_back(store, self.interactions),
            investments: swap(&mut store.investments, self.investments, |i| i.id),
            standups: swap(&mut store.standups, self.standups, |s| s.date),
        };
        store.sort_contacts();
        store.investments.sort_by_key(|x| (x.date, x.id));
        store.standups.sort_by_key(|s| s.date);
        inverse
    }
}

/// Puts interactions back as they were, keeping the store in canonical order; returns them as
/// they are now.
fn put_back(store: &mut Store, slots: Vec<Slot>) -> Vec<Slot> {
    if slots.len() <= PLACE_ONE_BY_ONE {
        return slots
            .into_iter()
            .map(|s| {
                let at = s.now.find(store, s.id);
                let now = Where::of(s.was.as_ref());
                let was = store.place_interaction(at, s.was);
                Slot { id: s.id, was, now }
            })
            .collect();
    }
    let nows: Vec<Where> = slots.iter().map(|s| Where::of(s.was.as_ref())).collect();
    let records = slots.into_iter().map(|s| (s.id, s.was)).collect();
    let mut all = std::mem::take(&mut store.interactions).into_vec();
    let inverse = swap(&mut all, records, |x| x.id);
    all.sort_by_key(|x| (x.at, x.id));
    store.interactions = all.into();
    inverse
        .into_iter()
        .zip(nows)
        .map(|((id, was), now)| Slot { id, was, now })
        .collect()
}

/// Puts contacts back as they were, keeping the store in canonical order; returns them as they
/// are now. One whose place in that order is the same as now's (a tag added, an email changed)
/// takes its place; the others are taken out and put where they belong. Either way only the
/// blocks holding them are copied.
fn put_back_contacts(
    store: &mut Store,
    records: Vec<(Uuid, Option<Contact>)>,
) -> Vec<(Uuid, Option<Contact>)> {
    if records.is_empty() {
        return Vec::new();
    }
    let order: Vec<Uuid> = records.iter().map(|(id, _)| *id).collect();
    let ids: FxSet<Uuid> = order.iter().copied().collect();
    let mut was: FxMap<Uuid, Option<Contact>> = records.into_iter().collect();
    let mut now: FxMap<Uuid, Contact> = FxMap::default();
    store.contacts.modify_where(
        |c| ids.contains(&c.id),
        |c| {
            let same_place =
                matches!(was.get(&c.id), Some(Some(w)) if w.order_key() == c.order_key());
            if same_place && let Some(Some(w)) = was.remove(&c.id) {
                now.insert(c.id, std::mem::replace(c, w));
            }
        },
    );
    if !was.is_empty() {
        store.contacts.retain(|c| match was.contains_key(&c.id) {
            true => {
                now.insert(c.id, c.clone());
                false
            }
            false => true,
        });
        for w in was.into_values().flatten() {
            store.place_contact(None, Some(w));
        }
    }
    order.into_iter().map(|id| (id, now.remove(&id))).collect()
}

fn copies<'a, T: Clone + 'a, K: Copy + Eq + Hash>(
    list: impl IntoIterator<Item = &'a T>,
    ids: &[K],
    id: impl Fn(&T) -> K,
) -> Vec<(K, Option<T>)> {
    if ids.is_empty() {
        return Vec::new();
    }
    let wanted: FxSet<K> = ids.iter().copied().collect();
    let mut found: FxMap<K, T> = list
        .into_iter()
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
        s.contacts = vec![ada, bob].into();
        s.sort_canonical();
        s
    }

    /// The change of the test below: Ada renamed, one of her interactions gone, one moved to
    /// another date, a new one added. `hint` says whether the touch knows where they stand.
    fn change(hint: bool) {
        let before = store();
        let ada = before.contacts[0].id;
        let mut s = before.clone();
        let new = Interaction::new(ada, Moment::day(date(2026, 2, 9)), "email", Kind::Message);
        let (gone, moved) = (s.interactions[1].clone(), s.interactions[2].clone());
        let moved_to = Moment::day(date(2026, 1, 15));
        let place = |w: Where| if hint { w } else { Where::Unknown };
        let touch = Touch {
            contacts: vec![ada],
            interactions: vec![
                Moved {
                    id: gone.id,
                    before: place(Where::At(gone.at)),
                    after: place(Where::Absent),
                },
                Moved {
                    id: moved.id,
                    before: place(Where::At(moved.at)),
                    after: place(Where::At(moved_to)),
                },
                Moved {
                    id: new.id,
                    before: place(Where::Absent),
                    after: place(Where::At(new.at)),
                },
            ],
            ..Touch::default()
        };
        let snap = Snapshot::take(&s, &touch);
        s.contacts[0].name = "Ada L.".into();
        let i = s.interaction_position(gone.id, None);
        s.place_interaction(i, None);
        let i = s.interaction_position(moved.id, None);
        let mut m = moved.clone();
        m.at = moved_to;
        s.place_interaction(i, Some(m));
        s.place_interaction(None, Some(new));
        let mut sorted = s.clone();
        sorted.sort_canonical();
        assert_eq!(s, sorted, "placing keeps the canonical order");
        let after = s.clone();
        let forward = snap.restore(&mut s);
        assert_eq!(
            s, before,
            "undo restores every touched record and drops the new one"
        );
        let back = forward.clone().restore(&mut s);
        assert_eq!(s, after, "redo takes the store forward again");
        back.restore(&mut s);
        assert_eq!(s, before, "and undo again goes back");
    }

    #[test]
    fn restoring_a_snapshot_gives_back_the_store_and_the_way_forward() {
        change(true);
    }

    #[test]
    fn records_whose_place_is_not_known_are_looked_for() {
        change(false);
    }

    /// A stale date (the record moved since the form read it) still finds the record.
    #[test]
    fn a_record_not_where_it_was_said_to_be_is_still_found() {
        let s = store();
        let x = &s.interactions[4];
        let stale = Moment::day(date(2020, 1, 1));
        assert_eq!(s.interaction_position(x.id, Some(stale)), Some(4));
        assert_eq!(s.interaction_position(x.id, Some(x.at)), Some(4));
        assert_eq!(s.interaction_position(Uuid::nil(), Some(x.at)), None);
    }

    /// Deleting a contact with a long history puts it back with one sort.
    #[test]
    fn many_records_at_once_go_back_in_order() {
        let mut before = store();
        let ada = before.contacts[0].id;
        for d in 0..(PLACE_ONE_BY_ONE + 10) {
            let at = Moment::day(date(2026, 3, 1 + (d % 28) as i8));
            before
                .interactions
                .push(Interaction::new(ada, at, "forum", Kind::Comment));
        }
        before.sort_canonical();
        let mut s = before.clone();
        let touch = Touch {
            interactions: deleted_with(&s, ada),
            ..Touch::default()
        };
        assert!(touch.interactions.len() > PLACE_ONE_BY_ONE);
        let snap = Snapshot::take(&s, &touch);
        s.interactions.retain(|x| x.contact != ada);
        let after = s.clone();
        let forward = snap.restore(&mut s);
        assert_eq!(s, before);
        forward.restore(&mut s);
        assert_eq!(s, after);
    }
}
