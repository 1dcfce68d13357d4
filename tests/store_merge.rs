//! Three-way merge of stores by record (git's merge driver, and the dashboard when another
//! program wrote meanwhile): properties over random edits on both sides, and worked cases.

use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::date;
use proptest::prelude::*;
use ror_tui::store::{Contact, Interaction, Kind, Moment, Store, merge_stores, validate};
use uuid::Uuid;

fn base() -> Store {
    let mut s = Store::default();
    for i in 0..4u128 {
        let mut c = Contact::new(format!("Person {i}"), date(2026, 1, 1 + i as i8));
        c.id = Uuid::from_u128(1 + i);
        c.email = Some(format!("p{i}@example.org"));
        s.contacts.push(c);
    }
    for i in 0..8u128 {
        let mut x = Interaction::new(
            Uuid::from_u128(1 + i % 4),
            Moment::day(date(2026, 2, 1 + i as i8)),
            "email",
            Kind::Message,
        );
        x.id = Uuid::from_u128(100 + i);
        x.note = format!("note {i}");
        s.interactions.push(x);
    }
    s.sort_canonical();
    s
}

/// One edit a side may make, on a record chosen by number.
#[derive(Clone, Debug)]
enum Edit {
    Rename(usize, String),
    Email(usize, Option<String>),
    Note(usize, String),
    DeleteInteraction(usize),
    AddInteraction(usize, u128),
    AddContact(u128),
    DeleteContact(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..6usize, "[A-Z][a-z]{1,6}").prop_map(|(i, n)| Edit::Rename(i, n)),
        (0..6usize, proptest::option::of("[a-z]{1,5}@x\\.org"))
            .prop_map(|(i, e)| Edit::Email(i, e)),
        (0..12usize, "[a-z ]{1,12}").prop_map(|(i, n)| Edit::Note(i, n)),
        (0..12usize).prop_map(Edit::DeleteInteraction),
        (0..6usize, 0..1000u128).prop_map(|(i, k)| Edit::AddInteraction(i, k)),
        (0..1000u128).prop_map(Edit::AddContact),
        (0..6usize).prop_map(Edit::DeleteContact),
    ]
}

/// `base` with `edits` made on one side (`side` keeps the two sides' new ids apart), each
/// record it changes stamped with a moment from `clock`.
fn apply(base: &Store, edits: &[Edit], side: u128, clock: &mut i64) -> Store {
    let mut s = base.clone();
    let mut tick = || {
        *clock += 1;
        Some(Timestamp::from_second(1_780_000_000 + *clock).unwrap())
    };
    for e in edits {
        let nc = s.contacts.len();
        let nx = s.interactions.len();
        match e {
            Edit::Rename(i, n) if nc > 0 => {
                let c = &mut s.contacts[i % nc];
                c.name = n.clone();
                c.updated = tick();
            }
            Edit::Email(i, m) if nc > 0 => {
                let c = &mut s.contacts[i % nc];
                c.email = m.clone();
                c.updated = tick();
            }
            Edit::Note(i, n) if nx > 0 => {
                let x = &mut s.interactions[i % nx];
                x.note = n.clone();
                x.updated = tick();
            }
            Edit::DeleteInteraction(i) if nx > 0 => {
                s.place_interaction(Some(i % nx), None);
            }
            Edit::AddInteraction(i, k) if nc > 0 => {
                let c = s.contacts[i % nc].id;
                let mut x =
                    Interaction::new(c, Moment::day(date(2026, 3, 1)), "slack", Kind::Comment);
                x.id = Uuid::from_u128(side * 1_000_000 + 10_000 + k);
                x.updated = tick();
                if s.interaction_position(x.id, None).is_none() {
                    s.place_interaction(None, Some(x));
                }
            }
            Edit::AddContact(k) => {
                let mut c = Contact::new(format!("New {k}"), date(2026, 3, 2));
                c.id = Uuid::from_u128(side * 1_000_000 + 20_000 + k);
                c.updated = tick();
                if s.contact_position(c.id).is_none() {
                    s.place_contact(None, Some(c));
                }
            }
            Edit::DeleteContact(i) if nc > 0 => {
                // As the dashboard deletes one: with their interactions and the references.
                let id = s.contacts[i % nc].id;
                s.contacts.retain(|c| c.id != id);
                s.interactions.retain(|x| x.contact != id);
                s.contacts
                    .modify_where(|c| c.referred_by == Some(id), |c| c.referred_by = None);
            }
            _ => {}
        }
    }
    // A store is kept in canonical order (a renamed contact moves).
    s.sort_canonical();
    s
}

fn ids(s: &Store) -> BTreeSet<Uuid> {
    s.contacts
        .iter()
        .map(|c| c.id)
        .chain(s.interactions.iter().map(|x| x.id))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    /// Merging with a side that changed nothing gives the other side.
    #[test]
    fn merging_with_an_unchanged_side_gives_the_other(edits in prop::collection::vec(edit(), 0..8)) {
        let b = base();
        let mut clock = 0;
        let changed = apply(&b, &edits, 1, &mut clock);
        prop_assert_eq!(&merge_stores(&b, &b, &changed).0, &changed);
        prop_assert_eq!(&merge_stores(&b, &changed, &b).0, &changed);
    }

    /// Which side is ours does not matter: a field changed on both sides goes to the version
    /// written last, whichever side it is on.
    #[test]
    fn the_merge_is_the_same_from_either_side(
        mine in prop::collection::vec(edit(), 0..8),
        theirs in prop::collection::vec(edit(), 0..8),
    ) {
        let b = base();
        let mut clock = 0;
        let o = apply(&b, &mine, 1, &mut clock);
        let t = apply(&b, &theirs, 2, &mut clock);
        let (one, _) = merge_stores(&b, &o, &t);
        let (two, _) = merge_stores(&b, &t, &o);
        prop_assert_eq!(one, two);
    }

    /// No record is lost: whatever either side added is there, whatever both kept is there, and
    /// the result is a sound store.
    #[test]
    fn no_record_is_lost_and_the_result_is_sound(
        mine in prop::collection::vec(edit(), 0..10),
        theirs in prop::collection::vec(edit(), 0..10),
    ) {
        let b = base();
        let mut clock = 0;
        let o = apply(&b, &mine, 1, &mut clock);
        let t = apply(&b, &theirs, 2, &mut clock);
        let (m, _) = merge_stores(&b, &o, &t);
        prop_assert_eq!(validate(&m), vec![]);
        let (bi, oi, ti, mi) = (ids(&b), ids(&o), ids(&t), ids(&m));
        for id in oi.difference(&bi).chain(ti.difference(&bi)) {
            prop_assert!(mi.contains(id), "{id} was added on one side and is gone");
        }
        for id in oi.intersection(&ti) {
            prop_assert!(mi.contains(id), "{id} was kept on both sides and is gone");
        }
        // A record changed on one side and deleted on the other is kept, changed.
        for x in o.interactions.iter().filter(|x| x.updated.is_some()) {
            if bi.contains(&x.id) && !ti.contains(&x.id) {
                prop_assert!(mi.contains(&x.id), "an edit of {} lost to a deletion", x.id);
            }
        }
    }
}

#[test]
fn a_field_changed_on_both_sides_takes_the_version_written_last_and_others_combine() {
    let b = base();
    let at = |s: i64| Some(Timestamp::from_second(1_780_000_000 + s).unwrap());
    let mut o = b.clone();
    o.contacts[0].email = Some("ours@example.org".into());
    o.contacts[0].organisation = Some("Analytical Engines".into());
    o.contacts[0].updated = at(10);
    let mut t = b.clone();
    t.contacts[0].email = Some("theirs@example.org".into());
    t.contacts[0].name = "Person Zero".into();
    t.contacts[0].updated = at(20);
    let (m, how) = merge_stores(&b, &o, &t);
    let c = &m.contacts[0];
    assert_eq!(
        c.email.as_deref(),
        Some("theirs@example.org"),
        "theirs is later"
    );
    assert_eq!(
        c.organisation.as_deref(),
        Some("Analytical Engines"),
        "ours alone"
    );
    assert_eq!(c.name, "Person Zero", "theirs alone");
    assert_eq!(c.updated, at(20));
    assert_eq!(how.combined, 1);
    assert_eq!(how.conflicts.len(), 1);
    assert_eq!(how.conflicts[0].field, "email");
    assert!(how.conflicts[0].took_theirs);
}

#[test]
fn a_contact_deleted_on_one_side_while_the_other_logged_with_them_is_kept() {
    let b = base();
    let gone = b.contacts[2].id;
    let mut o = b.clone();
    o.contacts.retain(|c| c.id != gone);
    o.interactions.retain(|x| x.contact != gone);
    let mut t = b.clone();
    let mut x = Interaction::new(gone, Moment::day(date(2026, 3, 5)), "phone", Kind::Call);
    x.note = "called about the outage".into();
    t.place_interaction(None, Some(x.clone()));
    let (m, how) = merge_stores(&b, &o, &t);
    assert_eq!(validate(&m), vec![]);
    assert!(m.contact(gone).is_some(), "kept: they are still named");
    assert!(m.interactions.iter().any(|y| y.id == x.id));
    assert!(
        how.notes.iter().any(|n| n.contains("Person 2")),
        "{:?}",
        how.notes
    );
}
