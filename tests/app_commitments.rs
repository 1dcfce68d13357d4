//! Standup commitments in the dashboard: picked with one key on the Commitments slide, an intent
//! typed in a form, recorded with the standup; reviewed by the next standup's first slide; the
//! ones nobody acted on listed on the follow-ups screen.

mod support_dash;

use jiff::civil::date;
use ror_tui::app::standup::Slide;
use ror_tui::app::{App, Effect, Screen};
use ror_tui::store::{CommitReason, Commitment, Direction, Kind, Standup, Store};
use support_dash::*;

fn saved(fx: &[Effect]) -> Option<&Store> {
    fx.iter().find_map(|e| match e {
        Effect::Save(s) => Some(s.to.as_ref()),
        _ => None,
    })
}

fn id_of(store: &Store, name: &str) -> uuid::Uuid {
    store.contacts.iter().find(|c| c.name == name).unwrap().id
}

/// Today's (31 March) commitments, as (name, reason, intent).
fn today(app: &App) -> Vec<(String, CommitReason, String)> {
    let Some(s) = app.store.standups.iter().find(|s| s.date == AS_OF) else {
        return Vec::new();
    };
    s.commitments
        .iter()
        .map(|c| {
            let name = app.store.contacts.iter().find(|o| o.id == c.contact);
            (name.unwrap().name.clone(), c.reason, c.intent.clone())
        })
        .collect()
}

/// Ada's complaint of 20 March waits for an answer; Linus (every 2 days, last touched on the
/// 28th, by us) is overdue, which puts him at risk; Grace became an advocate.
fn store() -> Store {
    let mut s = small_store();
    let linus = id_of(&s, "Linus Torvalds");
    s.contacts
        .iter_mut()
        .find(|c| c.id == linus)
        .unwrap()
        .cadence_days = Some(2);
    s
}

#[test]
fn commitments_are_picked_with_one_key_and_kept_with_the_standup() {
    let mut app = app_with(store());
    press(&mut app, "s");
    assert_eq!(app.standup.as_ref().unwrap().current(), Slide::Headlines);
    // `c` from any slide goes to the Commitments slide; there it picks.
    press(&mut app, "c");
    assert_eq!(app.standup.as_ref().unwrap().current(), Slide::Commitments);
    // At risk first (Linus: a cadence of 2 days, last touched on the 28th), then new
    // advocates, feedback waiting, stay in touch.
    let text = screen_text(&app, 120, 30);
    let rows: Vec<&str> = text.lines().skip(4).take(3).collect();
    assert!(
        rows[0].contains("Linus Torvalds") && rows[0].contains("at risk"),
        "{text}"
    );
    assert!(
        rows[1].contains("Grace Hopper") && rows[1].contains("new advocate"),
        "{text}"
    );
    assert!(
        rows[2].contains("Ada Lovelace") && rows[2].contains("feedback waiting"),
        "{text}"
    );
    let fx = press(&mut app, "c");
    let on_disk = saved(&fx).expect("the commitment is saved at once");
    let s = on_disk.standups.iter().find(|s| s.date == AS_OF).unwrap();
    assert_eq!(
        s.commitments,
        [Commitment {
            contact: id_of(&app.store, "Linus Torvalds"),
            reason: CommitReason::AtRisk,
            intent: String::new(),
            feedback: None,
        }]
    );
    // An intent: `i` opens a one-line form; what is typed is kept with the commitment, and a
    // commitment about feedback names the feedback.
    press(&mut app, "j j i");
    type_text(&mut app, "call about the outage");
    press(&mut app, "enter");
    assert_eq!(
        today(&app),
        [
            ("Linus Torvalds".into(), CommitReason::AtRisk, String::new()),
            (
                "Ada Lovelace".into(),
                CommitReason::Feedback,
                "call about the outage".into()
            ),
        ]
    );
    let complaint = app
        .store
        .interactions
        .iter()
        .find(|x| x.note == "The export is broken again")
        .unwrap()
        .id;
    let s = app.store.standups.iter().find(|s| s.date == AS_OF).unwrap();
    assert_eq!(s.commitments[1].feedback, Some(complaint));
    assert!(screen_text(&app, 120, 30).contains("2 picked"));
    // `c` again drops; `u` undoes the drop.
    press(&mut app, "c");
    assert_eq!(today(&app).len(), 1);
    press(&mut app, "u");
    assert_eq!(today(&app).len(), 2);
    assert_eq!(today(&app)[1].2, "call about the outage");
    // Leaving and starting again the same day records the figures again, keeping the picks.
    press(&mut app, "esc s");
    assert!(app.standup.as_ref().unwrap().recorded);
    assert_eq!(today(&app).len(), 2);
}

#[test]
fn an_intent_longer_than_a_line_is_refused_with_its_length() {
    let mut app = app_with(store());
    press(&mut app, "s c i");
    type_text(&mut app, &"x".repeat(201));
    press(&mut app, "enter");
    assert!(app.form().is_some(), "the form stays open");
    assert!(today(&app).is_empty());
    let text = screen_text(&app, 120, 30);
    assert!(text.contains("201 characters"), "{text}");
}

/// A standup on the 24th picked Ada (her complaint) and Grace; we answered Ada on the 26th.
fn reviewed_store() -> Store {
    let mut s = store();
    let ada = id_of(&s, "Ada Lovelace");
    let grace = id_of(&s, "Grace Hopper");
    let complaint = s
        .interactions
        .iter()
        .find(|x| x.note == "The export is broken again")
        .unwrap()
        .id;
    let reply = interaction(
        &mut s,
        ada,
        date(2026, 3, 26),
        "forum",
        Kind::Message,
        "Fixed in 2.1, sorry!",
        None,
    );
    s.interactions
        .iter_mut()
        .find(|x| x.id == reply)
        .unwrap()
        .direction = Direction::Outbound;
    s.sort_canonical();
    let mut standup = Standup::new(date(2026, 3, 24), Default::default());
    standup.commitments = vec![
        Commitment {
            contact: ada,
            reason: CommitReason::Feedback,
            intent: "answer about the export".into(),
            feedback: Some(complaint),
        },
        Commitment {
            contact: grace,
            reason: CommitReason::NewAdvocate,
            intent: String::new(),
            feedback: None,
        },
    ];
    s.standups.push(standup);
    s
}

#[test]
fn the_next_standup_opens_with_what_happened_since() {
    let mut app = app_with(reviewed_store());
    press(&mut app, "s");
    let st = app.standup.as_ref().unwrap();
    assert_eq!(st.current(), Slide::Since);
    let review = app.dashboard().since_standup.as_ref().unwrap();
    assert_eq!((review.made, review.kept), (2, 1));
    let text = screen_text(&app, 120, 30);
    assert!(
        text.contains("1 of 2 kept · follow-through 50.0%"),
        "{text}"
    );
    assert!(text.contains("answer about the export"), "{text}");
    assert!(text.contains("feedback answered"), "{text}");
    assert!(
        text.contains("✓ 5d ago") && text.contains("✗ not yet"),
        "{text}"
    );
    // The headlines come next, compared with that standup.
    press(&mut app, "l");
    assert_eq!(app.standup.as_ref().unwrap().current(), Slide::Headlines);
}

#[test]
fn commitments_nobody_acted_on_wait_on_the_follow_ups_screen() {
    let mut app = app_with(reviewed_store());
    let before = app.dashboard().followups_count();
    let open: Vec<&str> = app
        .dashboard()
        .commitments()
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(open, ["Grace Hopper"]);
    press(&mut app, "f");
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Commitments 1 not acted on, from the standup of 2026-03-24"),
        "{text}"
    );
    // Tab to the list, Enter opens the person.
    press(&mut app, "tab tab tab enter");
    assert_eq!(app.screen, Screen::Contact);
    assert_eq!(
        app.contact.as_ref().unwrap().id,
        id_of(&app.store, "Grace Hopper")
    );
    // A touch takes them off the list and the tab's count.
    let grace = id_of(&app.store, "Grace Hopper");
    let mut store = (*app.store).clone();
    let x = interaction(
        &mut store,
        grace,
        AS_OF,
        "email",
        Kind::EmailSent,
        "Checking in",
        None,
    );
    store
        .interactions
        .iter_mut()
        .find(|i| i.id == x)
        .unwrap()
        .direction = Direction::Outbound;
    store.sort_canonical();
    let app = app_with(store);
    assert!(app.dashboard().commitments().is_empty());
    assert!(app.dashboard().followups_count() < before);
}

#[test]
fn deleting_a_person_drops_their_commitments_and_undo_brings_them_back() {
    let mut app = app_with(reviewed_store());
    press(&mut app, "c");
    let row = app
        .contacts
        .rows
        .iter()
        .position(|i| app.store.contacts[*i].name == "Grace Hopper")
        .unwrap();
    for _ in 0..row {
        press(&mut app, "j");
    }
    press(&mut app, "d y");
    let s = &app.store.standups[0];
    assert_eq!(s.commitments.len(), 1, "Ada's stays");
    press(&mut app, "u");
    assert_eq!(app.store.standups[0].commitments.len(), 2);
}
