//! `ror-tui merge-contacts`: one person entered twice becomes one contact, from a shell.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;
use ror_tui::store::{Kind, Store};

/// Ada by hand (@ada) and again from an import (her email), plus Grace whom the import's Ada
/// referred, and a namesake pair with neither handle nor email.
fn twice() -> (Store, [ror_tui::store::Contact; 3]) {
    let ada = contact("Ada Lovelace", Some("ada"), None);
    let mut ada2 = contact("A. Lovelace", None, Some("ada@example.org"));
    ada2.created = day("2025-01-10");
    ada2.tags = vec!["speaker".into()];
    let mut grace = contact("Grace Hopper", Some("grace"), None);
    grace.referred_by = Some(ada2.id);
    let mut store = Store {
        contacts: vec![ada.clone(), ada2.clone(), grace.clone()].into(),
        ..Store::default()
    };
    for (who, date) in [
        (&ada, "2026-03-01"),
        (&ada2, "2026-03-02"),
        (&ada2, "2026-03-03"),
    ] {
        store
            .interactions
            .push(interaction(who, date, Kind::Message, "slack"));
    }
    store.sort_canonical();
    (store, [ada, ada2, grace])
}

#[test]
fn a_dry_run_shows_the_plan_and_writes_nothing() {
    let (store, _) = twice();
    let p = Place::with(&store);
    let before = std::fs::read(p.path("store.json")).unwrap();
    let out = stdout_of(p.run(&["merge-contacts", "@ada", "ada@example.org", "--dry-run"]));
    assert!(
        out.starts_with("would merge 1 contact into [1] Ada Lovelace (@ada)"),
        "{out}"
    );
    assert!(out.contains("moves 2 interactions and 1 referral"), "{out}");
    assert!(out.contains("email         [2] ada@example.org"), "{out}");
    assert!(
        out.contains("created       [2] 2025-01-10"),
        "the older: {out}"
    );
    assert!(out.contains("nothing written"), "{out}");
    assert_eq!(std::fs::read(p.path("store.json")).unwrap(), before);
}

#[test]
fn merging_moves_everything_to_the_survivor() {
    let (store, [ada, ada2, grace]) = twice();
    let p = Place::with(&store);
    let out = stdout_of(p.run(&["merge-contacts", "@ada", "A. Lovelace", "--take", "name=1"]));
    assert!(out.starts_with("merged 1 contact into"), "{out}");
    let s = p.load();
    assert_eq!(s.contacts.len(), 2);
    assert!(s.contact(ada2.id).is_none());
    let kept = s.contact(ada.id).unwrap();
    assert_eq!(kept.name, "Ada Lovelace");
    assert_eq!(kept.email.as_deref(), Some("ada@example.org"));
    assert_eq!(kept.tags, vec!["speaker"]);
    assert_eq!(kept.created, day("2025-01-10"));
    assert!(s.interactions.iter().all(|x| x.contact == ada.id));
    assert_eq!(s.contact(grace.id).unwrap().referred_by, Some(ada.id));
    ror()
        .args(["--store", p.path("store.json").to_str().unwrap(), "check"])
        .assert()
        .success();
}

#[test]
fn take_picks_the_other_value_and_bad_requests_say_why() {
    let (store, [ada, ..]) = twice();
    let p = Place::with(&store);
    stdout_of(p.run(&[
        "merge-contacts",
        "@ada",
        "ada@example.org",
        "--take",
        "name=2",
    ]));
    assert_eq!(p.load().contact(ada.id).unwrap().name, "A. Lovelace");

    let (store, _) = twice();
    let p = Place::with(&store);
    p.run(&["merge-contacts", "@ada", "@ada"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("named twice"));
    p.run(&["merge-contacts", "@ada", "Grase Hopper"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean Grace Hopper"));
    p.run(&["merge-contacts", "@ada", "@grace", "--take", "email=7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only 2 contacts are named"));
    p.run(&["merge-contacts", "@ada", "@grace", "--take", "colour=1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a field"));
    p.run(&["merge-contacts", "@ada"]).assert().code(2);
    assert_eq!(
        p.load().contacts.len(),
        3,
        "nothing written by a refused merge"
    );
}

#[test]
fn namesakes_without_handle_or_email_are_named_by_id() {
    let mut store = Store::default();
    let a = contact("Sam Lee", None, None);
    let b = contact("Sam Lee", None, None);
    store.contacts = vec![a.clone(), b.clone()].into();
    let p = Place::with(&store);
    p.run(&["merge-contacts", "Sam Lee", "Sam Lee"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(a.id.to_string()))
        .stderr(predicate::str::contains("name one by handle, email or id"));
    let (ida, idb) = (a.id.to_string(), b.id.to_string());
    stdout_of(p.run(&["merge-contacts", &ida, &idb]));
    assert_eq!(p.load().contacts.len(), 1);
}
