//! Two contacts with one name never read as one person: wherever a name is shown and another
//! contact shares it, what tells them apart (the handle, else the email, …) is shown beside it;
//! and a name two contacts share is never guessed on the quick-log line.

mod support_dash;

use jiff::civil::date;
use ror_tui::app::Effect;
use ror_tui::forms::ActiveForm;
use ror_tui::store::{Kind, Store};
use support_dash::*;

/// The small store plus two members called Dev Schmidt, each with activity in March.
fn with_namesakes() -> Store {
    let mut s = small_store();
    let a = contact(&mut s, "Dev Schmidt", date(2026, 1, 3));
    let b = contact(&mut s, "Dev Schmidt", date(2026, 1, 4));
    s.contacts.iter_mut().find(|c| c.id == a).unwrap().handle = Some("devs".into());
    s.contacts.iter_mut().find(|c| c.id == b).unwrap().email = Some("dev@acme.test".into());
    interaction(
        &mut s,
        a,
        date(2026, 3, 10),
        "slack",
        Kind::Referral,
        "Brought two friends",
        Some(0.8),
    );
    interaction(
        &mut s,
        b,
        date(2026, 3, 11),
        "email",
        Kind::Support,
        "Still broken",
        Some(-0.6),
    );
    s.sort_canonical();
    s
}

fn saved(fx: &[Effect]) -> usize {
    fx.iter().filter(|e| matches!(e, Effect::Save(_))).count()
}

#[test]
fn namesakes_show_their_handle_or_email_on_every_list() {
    let mut app = app_with(with_namesakes());
    press(&mut app, "l"); // the interaction log
    let log = screen_text(&app, 120, 30);
    assert!(log.contains("Dev Schmidt (@devs)"), "{log}");
    assert!(log.contains("Dev Schmidt (dev@acme.test)"), "{log}");
    assert!(
        !log.contains("Ada Lovelace ("),
        "a name nobody shares stays as it is: {log}"
    );
    // The follow-ups screen's negative feedback comes from the metrics engine's rows.
    press(&mut app, "esc f");
    let followups = screen_text(&app, 120, 30);
    assert!(
        followups.contains("Dev Schmidt (dev@acme.test)"),
        "{followups}"
    );
    // The contact list has a handle column; the one without a handle shows its email.
    press(&mut app, "esc c");
    let people = screen_text(&app, 120, 30);
    assert!(people.contains("Dev Schmidt (dev@acme"), "{people}");
}

#[test]
fn a_shared_name_on_the_quick_log_line_is_picked_not_guessed() {
    let mut app = app_with(with_namesakes());
    let before = app.store.interactions.len();
    press(&mut app, ":");
    type_text(&mut app, r#"@"dev schmidt" call slack "checked in""#);
    let screen = screen_text(&app, 100, 24);
    assert!(screen.contains("is 2 contacts"), "{screen}");
    assert!(screen.contains("Dev Schmidt (@devs)"), "{screen}");
    assert!(screen.contains("Dev Schmidt (dev@acme.test)"), "{screen}");
    assert!(
        !screen.contains("new contact"),
        "both fit: no new contact offered: {screen}"
    );
    let fx = press(&mut app, "enter");
    assert_eq!(saved(&fx), 0, "nothing saved without a choice");
    assert!(matches!(app.form(), Some(ActiveForm::Quick(_))));
    // The second row is the one with the email.
    let fx = press(&mut app, "down down enter");
    assert_eq!(saved(&fx), 1);
    assert_eq!(app.store.interactions.len(), before + 1);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.note == "checked in")
        .unwrap();
    let who = app.store.contact(x.contact).unwrap();
    assert_eq!(who.email.as_deref(), Some("dev@acme.test"));
}

/// Without a channel, the quick log waits for the pick and takes that contact's own channel.
#[test]
fn a_shared_name_without_a_channel_takes_the_picked_contacts_own() {
    let mut app = app_with(with_namesakes());
    press(&mut app, ":");
    type_text(&mut app, r#"@"dev schmidt" dm +"#);
    let screen = screen_text(&app, 100, 24);
    assert!(
        screen.contains("is 2 contacts"),
        "not a channel error: {screen}"
    );
    let fx = press(&mut app, "down down enter"); // the one with the email, last on email
    assert_eq!(saved(&fx), 1);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.kind == Kind::Message && x.channel == "email")
        .expect("logged on her own channel");
    let who = app.store.contact(x.contact).unwrap();
    assert_eq!(who.email.as_deref(), Some("dev@acme.test"));
}

#[test]
fn reports_tell_namesakes_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::write(&path, ror_tui::store::to_store_json(&with_namesakes())).unwrap();
    let out = assert_cmd::Command::cargo_bin("ror-tui")
        .unwrap()
        .env("TZ", "UTC")
        .args(["--store", path.to_str().unwrap(), "--as-of", "2026-03-31"])
        .args(["report", "--format", "md", "--period", "30d"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Dev Schmidt (dev@acme.test)"), "{md}");
    assert!(!md.contains("Dev Schmidt**"), "no bare shared name: {md}");
}
