//! `ror-tui log`: one interaction from a shell, saved and printed on one line.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;
use ror_tui::sentiment::score_text;
use ror_tui::store::{Direction, Kind, LockFile, LockKind, Money, SentimentSource, Store};

fn community() -> (Store, [ror_tui::store::Contact; 3]) {
    let ada = contact("Ada Lovelace", Some("ada"), Some("ada@example.org"));
    let grace = contact("Grace Hopper", Some("grace"), None);
    let other_grace = contact("Grace Hopper", Some("ghopper2"), None);
    let store = Store {
        contacts: vec![ada.clone(), grace.clone(), other_grace.clone()].into(),
        ..Store::default()
    };
    (store, [ada, grace, other_grace])
}

#[test]
fn logs_a_purchase_and_prints_it_on_one_line() {
    let (store, [ada, ..]) = community();
    let p = Place::with(&store);
    let out = stdout_of(p.run(&[
        "log",
        "--contact",
        "@ADA",
        "--kind",
        "purchase",
        "--channel",
        "Web",
        "--value",
        "129.99",
        "--date",
        "2026-03-01",
        "--note",
        "Love the new plan, thank you!",
    ]));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("logged 2026-03-01 · Ada Lovelace (@ada, ada@example.org)"),
        "{out}"
    );
    assert!(
        out.contains("purchase via web, inbound · value 129.99 USD"),
        "{out}"
    );

    let s = p.load();
    assert_eq!(s.interactions.len(), 1);
    let x = &s.interactions[0];
    assert_eq!(x.contact, ada.id);
    assert_eq!(x.kind, Kind::Purchase);
    assert_eq!(x.channel, "web", "channels are stored in lower case");
    assert_eq!(x.value, Some(Money::from_cents(12999)));
    assert_eq!(x.at.to_string(), "2026-03-01");
    // Scored exactly as the dashboard scores a note.
    let sent = x.sentiment.expect("the note is scored");
    assert_eq!(sent.source, SentimentSource::Auto);
    assert_eq!(
        Some(sent.score),
        score_text("Love the new plan, thank you!")
    );
    assert!(
        out.contains(&format!("sentiment {:+.2} (from the note)", sent.score)),
        "{out}"
    );
}

#[test]
fn contacts_match_by_email_and_name_ignoring_case() {
    let (store, [ada, grace, _]) = community();
    let p = Place::with(&store);
    p.run(&["log", "--contact", "ADA@example.org", "--kind", "message"])
        .assert()
        .success();
    p.run(&["log", "--contact", "ada lovelace", "--kind", "message"])
        .assert()
        .success();
    p.run(&["log", "--contact", "@grace", "--kind", "call"])
        .assert()
        .success();
    let s = p.load();
    let who: Vec<_> = s.interactions.iter().map(|x| x.contact).collect();
    assert_eq!(who.iter().filter(|c| **c == ada.id).count(), 2);
    assert_eq!(who.iter().filter(|c| **c == grace.id).count(), 1);
}

#[test]
fn an_unknown_contact_suggests_close_matches_and_saves_nothing() {
    let (store, _) = community();
    let p = Place::with(&store);
    let before = std::fs::read(&p.store).unwrap();
    p.run(&["log", "--contact", "Ada Lovlace", "--kind", "message"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no contact matches `Ada Lovlace`"))
        .stderr(predicate::str::contains("did you mean Ada Lovelace (@ada"))
        .stderr(predicate::str::contains("--create"));
    assert_eq!(std::fs::read(&p.store).unwrap(), before);
}

#[test]
fn a_shared_name_is_ambiguous_and_lists_who_it_could_be() {
    let (store, _) = community();
    let p = Place::with(&store);
    p.run(&["log", "--contact", "Grace Hopper", "--kind", "message"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("matches 2 contacts"))
        .stderr(predicate::str::contains("@grace"))
        .stderr(predicate::str::contains("@ghopper2"));
    assert!(p.load().interactions.is_empty());
}

#[test]
fn create_adds_the_contact_on_the_day_of_the_interaction() {
    let p = Place::new();
    p.run(&[
        "log",
        "--contact",
        "@alan",
        "--create",
        "--kind",
        "event",
        "--date",
        "2026-02-10",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("alan (@alan) [new contact]"));
    p.run(&[
        "log",
        "--contact",
        "alan",
        "--kind",
        "message",
        "--date",
        "2026-02-11",
    ])
    .assert()
    .success();
    let s = p.load();
    assert_eq!(s.contacts.len(), 1, "the second log finds the new contact");
    assert_eq!(s.contacts[0].handle.as_deref(), Some("alan"));
    assert_eq!(s.contacts[0].created, day("2026-02-10"));
    assert_eq!(s.interactions.len(), 2);
}

#[test]
fn date_phrases_count_back_from_today() {
    let (store, _) = community();
    let p = Place::with(&store);
    let today = today_utc();
    for phrase in ["today", "yesterday", "-3d", "-1w"] {
        p.run(&[
            "log",
            "--contact",
            "@ada",
            "--kind",
            "visit",
            "--date",
            phrase,
        ])
        .assert()
        .success();
    }
    p.run(&["log", "--contact", "@ada", "--kind", "visit"])
        .assert()
        .success();
    let mut got: Vec<_> = p.load().interactions.iter().map(|x| x.at.date).collect();
    got.sort();
    let back = |n: i64| today.checked_sub(jiff::Span::new().days(n)).unwrap();
    assert_eq!(got, vec![back(7), back(3), back(1), today, today]);
}

#[test]
fn manual_sentiment_direction_nps_and_rating_are_kept() {
    let (store, _) = community();
    let p = Place::with(&store);
    p.run(&[
        "log",
        "--contact",
        "@ada",
        "--kind",
        "survey",
        "--nps",
        "9",
        "--rating",
        "4",
        "--sentiment",
        "-0.25",
        "--direction",
        "out",
        "--note",
        "Wonderful!",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("sentiment -0.25 (set by hand)"));
    let x = p.load().interactions.remove(0);
    assert_eq!((x.nps, x.rating), (Some(9), Some(4)));
    assert_eq!(x.direction, Direction::Outbound);
    let s = x.sentiment.unwrap();
    assert_eq!((s.score, s.source), (-0.25, SentimentSource::Manual));
}

#[test]
fn what_we_send_defaults_to_outbound() {
    let (store, _) = community();
    let p = Place::with(&store);
    p.run(&["log", "--contact", "@ada", "--kind", "email_sent"])
        .assert()
        .success();
    p.run(&["log", "--contact", "@ada", "--kind", "message"])
        .assert()
        .success();
    let s = p.load();
    let dir = |k: Kind| {
        s.interactions
            .iter()
            .find(|x| x.kind == k)
            .unwrap()
            .direction
    };
    assert_eq!(dir(Kind::EmailSent), Direction::Outbound);
    assert_eq!(dir(Kind::Message), Direction::Inbound);
    assert_eq!(s.interactions[0].channel, "other", "the default channel");
}

#[test]
fn money_stays_exact_over_many_logs() {
    let (store, _) = community();
    let p = Place::with(&store);
    for _ in 0..3 {
        p.run(&[
            "log",
            "--contact",
            "@ada",
            "--kind",
            "purchase",
            "--value",
            "0.10",
        ])
        .assert()
        .success();
    }
    let total: Money = p.load().interactions.iter().filter_map(|x| x.value).sum();
    assert_eq!(total, Money::from_cents(30));
}

#[test]
fn bad_flag_values_are_usage_errors() {
    let (store, _) = community();
    let p = Place::with(&store);
    let cases: &[(&[&str], &str)] = &[
        (&["--date", "someday"], "expected today, yesterday, -3d"),
        (&["--date", "2026-02-30"], "not a date"),
        (&["--nps", "11"], "0-10"),
        (&["--rating", "0"], "1-5"),
        (&["--sentiment", "-1.5"], "-1 to 1"),
        (&["--value", "-5"], "negative"),
        (&["--value", "1.999"], "two decimals"),
        (&["--direction", "sideways"], "not a direction"),
        (&["--kind", "tweet"], "expected one of: message"),
        (&["--channel", " "], "--channel is empty"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["log", "--contact", "@ada"];
        if !extra.contains(&"--kind") {
            args.extend(["--kind", "message"]);
        }
        args.extend(extra.iter());
        p.run(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
    }
    assert!(p.load().interactions.is_empty());
}

#[test]
fn works_while_a_dashboard_holds_the_store() {
    let (store, _) = community();
    let p = Place::with(&store);
    let _dashboard = LockFile::try_acquire(&p.store, LockKind::Editor)
        .unwrap()
        .expect("editor lock free");
    p.run(&["log", "--contact", "@ada", "--kind", "message"])
        .assert()
        .success();
    assert_eq!(p.load().interactions.len(), 1);
}

#[test]
fn names_with_escape_sequences_never_reach_the_terminal() {
    let p = Place::new();
    let out = stdout_of(p.run(&[
        "log",
        "--contact",
        "Evil\u{1b}]0;pwned\u{7}\u{1b}[31mName",
        "--create",
        "--kind",
        "message",
        "--note",
        "hi\u{1b}[2J there",
    ]));
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("EvilName") && out.contains("hi there"),
        "{out:?}"
    );
}

#[test]
fn creating_a_contact_needs_a_name() {
    let (store, _) = community();
    let p = Place::with(&store);
    p.run(&["log", "--contact", "@", "--kind", "message", "--create"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a name"));
    assert_eq!(p.load(), store, "nothing was written");
}
