//! Editing and deleting from the lists, and undo / redo of the session's changes, each one
//! written to the store file like any other change.

mod support_dash;

use ror_tui::app::{App, Effect, Overlay, Screen};
use ror_tui::forms::contact::CREATED;
use ror_tui::forms::log::{DATE, NOTE};
use ror_tui::forms::{ActiveForm, FormSpec};
use ror_tui::store::{InvestmentKind, Money, Store};
use support_dash::*;

fn saved(fx: &[Effect]) -> Option<&Store> {
    fx.iter().find_map(|e| match e {
        Effect::Save(s) => Some(s.to.as_ref()),
        _ => None,
    })
}

fn confirm_message(app: &App) -> String {
    match app.overlays.last() {
        Some(Overlay::Confirm(c)) => c.message.clone(),
        other => panic!("expected a question, found {other:?}"),
    }
}

fn id_of(app: &App, name: &str) -> uuid::Uuid {
    app.store
        .contacts
        .iter()
        .find(|c| c.name == name)
        .unwrap()
        .id
}

#[test]
fn deleting_a_contact_says_what_goes_with_it_and_takes_it_all() {
    let mut store = small_store();
    let ada = store.contacts[0].id;
    // Grace was referred by Ada; a gift was for Ada.
    store.contacts[1].referred_by = Some(ada);
    store.investments.push(ror_tui::store::Investment {
        id: ror_tui::store::new_id(),
        date: jiff::civil::date(2026, 3, 1),
        contact: Some(ada),
        kind: InvestmentKind::Gift,
        amount: Money::from_cents(2500),
        acquisition: false,
        note: String::new(),
        updated: None,
    });
    let mut app = app_with(store);
    press(&mut app, "c G"); // Ada is last by last touch
    press(&mut app, "d");
    assert_eq!(
        confirm_message(&app),
        "Delete Ada Lovelace and their 2 interactions?"
    );
    let fx = press(&mut app, "n");
    assert!(
        saved(&fx).is_none() && app.store.contacts.len() == 3,
        "no keeps her"
    );
    press(&mut app, "d");
    let fx = press(&mut app, "y");
    let on_disk = saved(&fx).expect("the deletion is written");
    assert_eq!(on_disk, &*app.store);
    assert_eq!(app.store.contacts.len(), 2);
    assert_eq!(
        app.store.interactions.len(),
        3,
        "her two interactions went too"
    );
    assert!(app.store.interactions.iter().all(|x| x.contact != ada));
    assert_eq!(
        app.store.contacts[0].referred_by, None,
        "no reference left to her"
    );
    assert_eq!(
        app.store.investments[0].contact, None,
        "the gift stays, for no one"
    );
    assert_eq!(ror_tui::store::validate(&app.store), vec![]);
    assert_eq!(app.contacts.rows.len(), 2);
}

#[test]
fn undo_and_redo_restore_and_reapply_and_each_is_saved() {
    let mut app = app_with(small_store());
    let original = (*app.store).clone();
    press(&mut app, "c G d y"); // delete Ada
    let after_delete = (*app.store).clone();
    assert_eq!(after_delete.contacts.len(), 2);

    let fx = press(&mut app, "u");
    assert_eq!(*app.store, original, "everything back, ids and all");
    assert_eq!(saved(&fx), Some(&original), "the undo is written");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .1
            .contains("undone: deleted Ada Lovelace")
    );
    assert_eq!(app.contacts.rows.len(), 3);

    let fx = press(&mut app, "ctrl-r");
    assert_eq!(*app.store, after_delete);
    assert_eq!(saved(&fx), Some(&after_delete));

    // Undo past the start says so and changes nothing.
    press(&mut app, "u");
    let fx = press(&mut app, "u");
    assert!(saved(&fx).is_none());
    assert_eq!(*app.store, original);
    assert!(app.status.as_ref().unwrap().1.contains("nothing to undo"));
}

#[test]
fn a_form_save_is_undone_too_and_a_new_change_ends_redo() {
    let mut app = app_with(small_store());
    let original = (*app.store).clone();
    press(&mut app, "n");
    type_text(&mut app, "Barbara Liskov");
    press(&mut app, "ctrl-s");
    assert_eq!(app.store.contacts.len(), 4);
    press(&mut app, "u");
    assert_eq!(*app.store, original);
    press(&mut app, "i tab");
    type_text(&mut app, "10");
    press(&mut app, "ctrl-s");
    let fx = press(&mut app, "ctrl-r");
    assert!(
        saved(&fx).is_none(),
        "the new change replaced what could be redone"
    );
    assert_eq!(app.store.contacts.len(), 3);
    assert_eq!(app.store.investments.len(), 1);
}

#[test]
fn interactions_are_edited_and_deleted_from_the_log() {
    let mut app = app_with(small_store());
    press(&mut app, "l"); // newest first: Grace's referral on 30 March
    press(&mut app, "e");
    let Some(ActiveForm::Log(f)) = app.form() else {
        panic!("the log form")
    };
    assert_eq!(f.form().title, "Edit interaction");
    assert_eq!(f.form().field(NOTE).text(), "Introduced Linus");
    let id = app.store.interactions[app.interactions.rows.get(0).unwrap()].id;
    press(&mut app, "tab tab tab tab tab"); // to the note
    press(&mut app, "end");
    type_text(&mut app, " and Ken");
    let fx = press(&mut app, "ctrl-s");
    assert!(saved(&fx).is_some());
    assert_eq!(app.store.interactions.len(), 5, "edited in place");
    let x = app.store.interactions.iter().find(|x| x.id == id).unwrap();
    assert_eq!(x.note, "Introduced Linus and Ken");

    press(&mut app, "d");
    assert_eq!(
        confirm_message(&app),
        "Delete the referral with Grace Hopper on 2026-03-30?"
    );
    let fx = press(&mut app, "y");
    assert!(saved(&fx).is_some());
    assert!(!app.store.interactions.iter().any(|x| x.id == id));
    assert_eq!(app.interactions.rows.len(), 4);
}

/// A change made while a save (or the figures) still holds the store as it was leaves that
/// version untouched; a contact whose edit moves it in the store's order (by the date they
/// joined) goes back to its place on undo.
#[test]
fn a_change_while_the_last_version_is_held_leaves_that_version_as_it_was() {
    let mut app = app_with(small_store());
    let original = (*app.store).clone();
    let held = app.store.clone();
    press(&mut app, "c G e"); // Ada, the first to join
    for _ in 0..20 {
        match app.form() {
            Some(ActiveForm::Contact(f)) if f.form().focused_key() == CREATED => break,
            Some(ActiveForm::Contact(_)) => press(&mut app, "tab"),
            other => panic!("the contact form, found {other:?}"),
        };
    }
    press(&mut app, "end ctrl-u");
    type_text(&mut app, "2026-03-01");
    let fx = press(&mut app, "ctrl-s");
    assert!(saved(&fx).is_some(), "{:?}", app.status);
    let names = |s: &Store| -> Vec<String> { s.contacts.iter().map(|c| c.name.clone()).collect() };
    assert_eq!(
        names(&app.store),
        ["Grace Hopper", "Linus Torvalds", "Ada Lovelace"],
        "Ada now joined last"
    );
    assert_eq!(*held, original, "the version held elsewhere is as it was");
    let edited = (*app.store).clone();
    let held = app.store.clone();
    press(&mut app, "u");
    assert_eq!(*app.store, original, "undo puts her back first");
    assert_eq!(*held, edited);
    press(&mut app, "ctrl-r");
    assert_eq!(*app.store, edited);
}

/// Editing the date moves the interaction to its place among the others (the store stays in
/// the order it is written in), and undo and redo move it back and forth.
#[test]
fn an_interaction_moved_to_another_date_takes_its_place_and_undo_moves_it_back() {
    let mut app = app_with(small_store());
    let before = app.store.as_ref().clone();
    press(&mut app, "l"); // newest first: Grace's referral on 30 March
    let id = app.store.interactions[app.interactions.rows.get(0).unwrap()].id;
    press(&mut app, "e");
    let Some(ActiveForm::Log(f)) = app.form() else {
        panic!("the log form")
    };
    assert_eq!(f.form().field(DATE).text(), "2026-03-30");
    press(&mut app, "tab tab tab end ctrl-u");
    type_text(&mut app, "2026-01-02");
    let fx = press(&mut app, "ctrl-s");
    assert!(saved(&fx).is_some(), "{:?}", app.status);
    let order = |app: &App| -> Vec<_> {
        app.store
            .interactions
            .iter()
            .map(|x| (x.at, x.id))
            .collect()
    };
    let dates = order(&app);
    assert!(dates.is_sorted(), "the store stays in its order: {dates:?}");
    let moved = app
        .store
        .interactions
        .iter()
        .position(|x| x.id == id)
        .unwrap();
    assert_eq!(
        app.store.interactions[moved].at.date.to_string(),
        "2026-01-02"
    );
    let newest = app.interactions.rows.get(0).unwrap();
    assert_ne!(
        app.store.interactions[newest].id, id,
        "no longer the newest in the log"
    );
    let edited = app.store.as_ref().clone();

    press(&mut app, "u");
    assert_eq!(*app.store, before, "undo puts it back where it was");
    press(&mut app, "ctrl-r");
    assert_eq!(*app.store, edited, "redo moves it again");
}

#[test]
fn undoing_a_new_contact_while_on_their_page_goes_back() {
    let mut app = app_with(small_store());
    press(&mut app, "n");
    type_text(&mut app, "Barbara Liskov");
    press(&mut app, "ctrl-s c");
    let row = app
        .contacts
        .rows
        .iter()
        .position(|i| app.store.contacts[*i].name == "Barbara Liskov")
        .unwrap();
    app.contacts.list.selected = row;
    press(&mut app, "enter");
    assert_eq!(app.screen, Screen::Contact);
    press(&mut app, "u");
    assert_ne!(app.screen, Screen::Contact, "her page is gone with her");
    assert!(app.contact.is_none());
    assert!(
        app.store
            .contacts
            .iter()
            .all(|c| c.name != "Barbara Liskov")
    );
    screen_text(&app, 80, 24); // draws without a stale index
}

#[test]
fn the_contact_page_edits_with_e() {
    let mut app = app_with(small_store());
    let ada = id_of(&app, "Ada Lovelace");
    press(&mut app, "c G enter e");
    let Some(ActiveForm::Contact(f)) = app.form() else {
        panic!("the contact form")
    };
    assert_eq!(f.form().field("name").text(), "Ada Lovelace");
    press(&mut app, "ctrl-u");
    type_text(&mut app, "Ada King");
    press(&mut app, "ctrl-s");
    assert_eq!(id_of(&app, "Ada King"), ada);
}

#[test]
fn resolving_negative_feedback_then_logging_the_reply() {
    let mut app = app_with(small_store());
    press(&mut app, "f");
    press(&mut app, "r");
    assert!(
        app.overlays.is_empty(),
        "the stay-in-touch list has nothing to resolve"
    );
    assert!(app.status.as_ref().unwrap().1.contains("Tab"));
    press(&mut app, "tab");
    // Ada's "The export is broken again" (20 March, -0.5) is the only open negative item.
    assert_eq!(app.dashboard().negative.len(), 1);
    let id = app.dashboard().negative[0].interaction;
    let fx = press(&mut app, "r");
    assert!(saved(&fx).is_some(), "resolving is written");
    assert!(
        app.store
            .interactions
            .iter()
            .find(|x| x.id == id)
            .unwrap()
            .resolved
    );
    assert!(app.dashboard().negative.is_empty(), "gone from the queue");
    assert_eq!(
        confirm_message(&app),
        "Resolved. Log your reply to Ada Lovelace now?"
    );
    press(&mut app, "y");
    let Some(ActiveForm::Log(f)) = app.form() else {
        panic!("the reply form")
    };
    assert_eq!(f.form().field("contact").text(), "Ada Lovelace");
    assert_eq!(f.form().field("channel").text(), "forum");
    assert_eq!(f.form().field("direction").text(), "outbound");
    press(&mut app, "tab tab tab tab"); // kind → channel → date → direction → note
    type_text(&mut app, "Fixed in 2.1, sorry about that");
    let fx = press(&mut app, "ctrl-s");
    assert!(saved(&fx).is_some());
    let reply = app
        .store
        .interactions
        .iter()
        .find(|x| x.note.starts_with("Fixed in 2.1"))
        .expect("the reply is logged");
    assert_eq!(reply.direction, ror_tui::store::Direction::Outbound);
    assert_eq!(reply.contact, id_of(&app, "Ada Lovelace"));
    assert_eq!(reply.channel, "forum");
    // Undo takes back the reply, then the resolution.
    press(&mut app, "u u");
    assert!(
        !app.store
            .interactions
            .iter()
            .find(|x| x.id == id)
            .unwrap()
            .resolved
    );
    assert_eq!(app.dashboard().negative.len(), 1);
}

/// A complaint in French is not scored by the machine; on the follow-ups screen a person scores
/// it with one key, and a negative score sends it to the feedback queue. Undo takes it back.
#[test]
fn a_note_in_another_language_is_scored_by_hand_from_the_follow_ups() {
    let mut store = small_store();
    let grace = store.contacts[1].id;
    let id = interaction(
        &mut store,
        grace,
        jiff::civil::date(2026, 3, 25),
        "email",
        ror_tui::store::Kind::Message,
        "C'est nul, je suis très déçu",
        None,
    );
    for x in &mut store.interactions {
        ror_tui::sentiment::rescore(x, &store.settings);
    }
    let mut app = app_with(store);
    press(&mut app, "f");
    assert_eq!(app.dashboard().waiting.len(), 1);
    assert_eq!(app.dashboard().negative.len(), 1, "Ada's complaint only");
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.contains("Not scored 1 in another language"),
        "{screen}"
    );
    assert!(screen.contains("C'est nul"), "{screen}");
    // On the wrong list, the key says where to go.
    press(&mut app, "-");
    assert!(app.status.as_ref().unwrap().1.contains("Tab"));
    assert_eq!(app.dashboard().waiting.len(), 1);

    let fx = press(&mut app, "tab tab -");
    assert!(saved(&fx).is_some(), "the score is written");
    let x = app.store.interactions.iter().find(|x| x.id == id).unwrap();
    assert_eq!(x.sentiment, Some(ror_tui::store::Sentiment::manual(-0.5)));
    assert_eq!(x.language.as_deref(), Some("fr"), "the language is kept");
    assert!(app.dashboard().waiting.is_empty());
    let queue: Vec<&str> = app
        .dashboard()
        .negative
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(queue, ["Ada Lovelace", "Grace Hopper"]);
    assert!(app.status.as_ref().unwrap().1.contains("negative feedback"));

    press(&mut app, "u");
    let x = app.store.interactions.iter().find(|x| x.id == id).unwrap();
    assert_eq!(x.sentiment, None);
    assert_eq!(app.dashboard().waiting.len(), 1);
    // `=` (or 0) scores it neutral: it leaves the list and joins no queue.
    press(&mut app, "=");
    assert!(app.dashboard().waiting.is_empty());
    assert_eq!(app.dashboard().negative.len(), 1);
}

#[test]
fn space_selects_contacts_and_t_tags_them_all() {
    let mut app = app_with(small_store());
    press(&mut app, "c space space"); // Grace and Linus; the cursor moves on each time
    assert_eq!(app.contacts.marked.len(), 2);
    assert!(screen_text(&app, 120, 40).contains("✓ Grace Hopper"));
    press(&mut app, "t");
    let Some(ActiveForm::Tag(f)) = app.form() else {
        panic!("the tag form")
    };
    assert_eq!(f.form().title, "Tag 2 contacts");
    type_text(&mut app, "vip");
    let fx = press(&mut app, "ctrl-s");
    assert!(saved(&fx).is_some());
    let tags = |app: &App, name: &str| {
        app.store
            .contacts
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .tags
            .clone()
    };
    assert_eq!(tags(&app, "Grace Hopper"), ["vip"]);
    assert_eq!(tags(&app, "Linus Torvalds"), ["vip"]);
    assert_eq!(
        tags(&app, "Ada Lovelace"),
        ["beta"],
        "not selected, not tagged"
    );
    assert!(app.contacts.marked.is_empty(), "the selection is used up");

    // With nothing selected, t works on the contact under the cursor; `remove` takes it off.
    press(&mut app, "G t");
    type_text(&mut app, "beta");
    press(&mut app, "tab");
    type_text(&mut app, "r"); // remove
    press(&mut app, "ctrl-s");
    assert!(tags(&app, "Ada Lovelace").is_empty());
    press(&mut app, "u");
    assert_eq!(tags(&app, "Ada Lovelace"), ["beta"]);
}

#[test]
fn space_again_unselects() {
    let mut app = app_with(small_store());
    press(&mut app, "c space k space");
    assert!(app.contacts.marked.is_empty());
}

#[test]
fn going_back_skips_the_page_of_a_deleted_contact() {
    let mut app = app_with(small_store());
    press(&mut app, "c G enter"); // Ada's page
    press(&mut app, "c G d y"); // delete her from the list
    assert!(app.contact.is_none());
    press(&mut app, "esc");
    assert_eq!(app.screen, Screen::Contacts, "her page is skipped");
}
