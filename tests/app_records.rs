//! Reviewing and mending records in the dashboard: one interaction in full, the Investments
//! screen, and merging contacts that are one person (from the Duplicates screen or the
//! contact list), each change saved once and undoable.

mod support_dash;

use jiff::civil::date;
use ror_tui::app::{App, Effect, Overlay, Screen};
use ror_tui::forms::ActiveForm;
use ror_tui::store::{Investment, InvestmentKind, Kind, Money, Store};
use support_dash::*;

fn saves(fx: &[Effect]) -> Vec<&Store> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save(s) => Some(s.to.as_ref()),
            _ => None,
        })
        .collect()
}

fn investment(s: &mut Store, on: jiff::civil::Date, kind: InvestmentKind, cents: i64, note: &str) {
    s.investments.push(Investment {
        id: ror_tui::store::new_id(),
        date: on,
        contact: s.contacts.first().map(|c| c.id),
        kind,
        amount: Money::from_cents(cents),
        acquisition: kind == InvestmentKind::Ads,
        note: note.into(),
        updated: None,
    });
    s.investments.sort_by_key(|i| (i.date, i.id));
}

#[test]
fn enter_on_a_log_row_shows_the_whole_interaction_and_acts_on_it() {
    let mut s = small_store();
    let long = "The export is broken again and ".repeat(6) + "the end.";
    let ada = s.contacts[0].id;
    interaction(
        &mut s,
        ada,
        date(2026, 3, 30),
        "forum",
        Kind::Support,
        &long,
        Some(-0.7),
    );
    s.sort_canonical();
    let mut app = app_with(s);
    press(&mut app, "l enter"); // the newest row: the long note
    assert!(matches!(app.overlays.last(), Some(Overlay::Detail(_))));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("the end."), "the note in full: {screen}");
    assert!(screen.contains("set by hand"), "{screen}");
    assert!(screen.contains("waiting for an answer"), "{screen}");

    // r marks it answered (one save) and offers to log the reply.
    let fx = press(&mut app, "r");
    assert_eq!(saves(&fx).len(), 1);
    press(&mut app, "n"); // not now
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("answered (no reply logged)"), "{screen}");

    // e edits this interaction, d deletes it (asked first) and the box closes with it.
    press(&mut app, "e");
    assert!(matches!(app.form(), Some(ActiveForm::Log(_))));
    press(&mut app, "esc");
    let before = app.store.interactions.len();
    let fx = press(&mut app, "d y");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.interactions.len(), before - 1);
    assert!(
        app.overlays.is_empty(),
        "the deleted interaction's box closed"
    );
}

#[test]
fn enter_on_a_contact_timeline_row_opens_that_interaction() {
    let mut app = app_with(small_store());
    press(&mut app, "c");
    let grace = app
        .contacts
        .rows
        .iter()
        .position(|&i| app.store.contacts[i].name == "Grace Hopper")
        .unwrap();
    for _ in 0..grace {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert_eq!(app.screen, Screen::Contact);
    press(&mut app, "enter"); // the newest: the referral of Linus
    let screen = screen_text(&app, 100, 30);
    assert!(screen.contains("Introduced Linus"), "{screen}");
    assert!(screen.contains("referral"), "{screen}");
    press(&mut app, "esc");
    assert!(app.overlays.is_empty());
    assert_eq!(
        app.screen,
        Screen::Contact,
        "Esc closes the box, not the page"
    );
}

#[test]
fn investments_are_listed_totalled_filtered_edited_and_deleted() {
    let mut s = small_store();
    investment(
        &mut s,
        date(2026, 3, 5),
        InvestmentKind::Gift,
        2500,
        "Swag box",
    );
    investment(
        &mut s,
        date(2026, 3, 20),
        InvestmentKind::Ads,
        12000,
        "Spring campaign",
    );
    investment(
        &mut s,
        date(2026, 3, 25),
        InvestmentKind::Gift,
        1050,
        "Book",
    );
    investment(
        &mut s,
        date(2025, 1, 5),
        InvestmentKind::Event,
        90000,
        "Old meetup",
    );
    let mut app = app_with(s);
    press(&mut app, "I");
    assert_eq!(app.screen, Screen::Investments);
    let screen = screen_text(&app, 100, 24);
    // The period (30 days to 31 March) holds three: $25 + $120 + $10.50.
    assert!(screen.contains("$155.50"), "the period's total: {screen}");
    assert!(screen.contains("ads $120.00"), "{screen}");
    assert!(screen.contains("gift $35.50"), "{screen}");
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Ada Lovelace"))
        .collect();
    assert!(rows[0].contains("2026-03-25"), "newest first: {rows:?}");
    assert!(rows[0].contains("$10.50"), "amounts to the cent: {rows:?}");

    press(&mut app, "/");
    type_text(&mut app, "kind:gift");
    press(&mut app, "enter");
    assert_eq!(app.investments.rows.len(), 2);
    press(&mut app, "x");
    assert_eq!(app.investments.rows.len(), 4);

    // e: the selected (newest) investment in its form; a new amount replaces it.
    press(&mut app, "e");
    assert!(matches!(app.form(), Some(ActiveForm::Investment(_))));
    press(&mut app, "tab ctrl-u");
    type_text(&mut app, "12.75");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.investments.len(), 4, "edited, not added");
    assert!(
        app.store
            .investments
            .iter()
            .any(|i| i.note == "Book" && i.amount == Money::from_cents(1275))
    );

    let fx = press(&mut app, "d y");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.investments.len(), 3);
    press(&mut app, "u");
    assert_eq!(app.store.investments.len(), 4, "u brings it back");
}

/// Ada entered by hand and again by an import (same email), with a gift and a referral.
fn twice() -> Store {
    let mut s = small_store();
    s.contacts[0].email = Some("ada@example.org".into());
    let ada = s.contacts[0].id;
    let copy = contact(&mut s, "A. Lovelace", date(2025, 12, 1));
    {
        let c = s.contacts.iter_mut().find(|c| c.id == copy).unwrap();
        c.email = Some("ADA@example.org".into());
        c.organisation = Some("Analytical Engines".into());
        c.tags = vec!["speaker".into()];
    }
    interaction(
        &mut s,
        copy,
        date(2026, 3, 12),
        "email",
        Kind::Message,
        "From the import",
        None,
    );
    // Linus was referred by the imported copy.
    let linus = s
        .contacts
        .iter()
        .find(|c| c.name == "Linus Torvalds")
        .unwrap()
        .id;
    s.contacts
        .iter_mut()
        .find(|c| c.id == linus)
        .unwrap()
        .referred_by = Some(copy);
    let _ = ada;
    s.sort_canonical();
    s
}

fn merged(app: &App) -> bool {
    !app.store.contacts.iter().any(|c| c.name == "A. Lovelace")
        || !app.store.contacts.iter().any(|c| c.name == "Ada Lovelace")
}

#[test]
fn the_duplicates_screen_merges_a_pair_in_one_undoable_save() {
    let mut app = app_with(twice());
    let before = (*app.store).clone();
    press(&mut app, "D");
    assert_eq!(app.screen, Screen::Duplicates);
    let screen = screen_text(&app, 120, 24);
    assert!(screen.contains("same email"), "{screen}");
    press(&mut app, "enter");
    let Some(Overlay::Merge(m)) = app.overlays.last() else {
        panic!("the merge overlay opens");
    };
    // The older contact (the import's, created in December) survives.
    assert_eq!(m.plan.members[0].name, "A. Lovelace");
    let screen = screen_text(&app, 80, 24);
    // Ada's two interactions move; Linus's referrer is the survivor already.
    assert!(screen.contains("moves 2 interactions"), "{screen}");
    // The name: take Ada Lovelace (the second value) instead of the survivor's own.
    press(&mut app, "right");
    let fx = press(&mut app, "enter");
    assert_eq!(saves(&fx).len(), 1, "one save");
    assert!(merged(&app));
    assert_eq!(app.store.contacts.len(), 3);
    let ada = app
        .store
        .contacts
        .iter()
        .find(|c| c.name == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada.tags, vec!["speaker", "beta"]);
    assert_eq!(ada.organisation.as_deref(), Some("Analytical Engines"));
    assert_eq!(
        app.store
            .interactions
            .iter()
            .filter(|x| x.contact == ada.id)
            .count(),
        3
    );
    let linus = app
        .store
        .contacts
        .iter()
        .find(|c| c.name == "Linus Torvalds")
        .unwrap();
    assert_eq!(linus.referred_by, Some(ada.id));
    assert!(
        app.duplicates.pairs.is_empty(),
        "the pair is gone from the list"
    );

    let fx = press(&mut app, "u");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(*app.store, before, "undo puts every record back");
    press(&mut app, "ctrl-r");
    assert!(merged(&app), "redo merges again");
}

#[test]
fn selected_contacts_merge_with_m_and_esc_changes_nothing() {
    let mut app = app_with(twice());
    press(&mut app, "c M");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .1
            .contains("select two or more"),
        "{:?}",
        app.status
    );
    // Sort by name: A. Lovelace, Ada Lovelace, Grace Hopper, Linus Torvalds.
    press(&mut app, "S S S S");
    press(&mut app, "g space space");
    press(&mut app, "M");
    assert!(matches!(app.overlays.last(), Some(Overlay::Merge(_))));
    let fx = press(&mut app, "esc");
    assert!(saves(&fx).is_empty() && app.overlays.is_empty());
    assert_eq!(app.store.contacts.len(), 4);
    press(&mut app, "M enter");
    assert_eq!(app.store.contacts.len(), 3);
    assert!(
        app.contacts.marked.len() <= 1,
        "the merged contact is no longer selected"
    );
}
