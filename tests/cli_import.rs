//! `ror-tui import`: CSV history in, all or nothing, duplicates recognised, bad rows named.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;
use ror_tui::sentiment::score_text;
use ror_tui::store::{Direction, Kind, LockFile, LockKind, Money, SentimentSource, Store};

fn with_ada() -> (Store, ror_tui::store::Contact) {
    let ada = contact("Ada Lovelace", Some("ada"), Some("ada@example.org"));
    let store = Store {
        contacts: vec![ada.clone()].into(),
        ..Store::default()
    };
    (store, ada)
}

#[test]
fn columns_in_any_order_and_case_become_interactions() {
    let (store, ada) = with_ada();
    let p = Place::with(&store);
    let csv = p.file(
        "h.csv",
        "Note,KIND,Date,contact,Value,channel,direction,nps,rating,handle,tags\n\
         Great talk,event,2026-02-03,Grace Hopper,,Meetup,in,,,grace,speaker;navy\n\
         ,purchase,2026-02-01T10:30:00,grace hopper,49.90,web,,,5,,vip\n\
         ,survey,2026-02-05,@ADA,,email,out,10,,,\n",
    );
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(
            "imported 3 interactions from ".to_string()
                + &csv.display().to_string()
                + " (1 new contact)\n"
                + "  by kind: 1 purchase, 1 event, 1 survey; contacts: 1 created, 1 matched\n",
        )
        .stderr("");
    let s = p.load();
    assert_eq!(s.contacts.len(), 2);
    let grace = s
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    // Created on its earliest row (1 February), not the first row of the file (3 February).
    assert_eq!(grace.created, day("2026-02-01"));
    assert_eq!(grace.handle.as_deref(), Some("grace"));
    assert_eq!(grace.tags, vec!["speaker", "navy", "vip"]);
    let of = |k: Kind| s.interactions.iter().find(|x| x.kind == k).unwrap();
    let buy = of(Kind::Purchase);
    assert_eq!(buy.contact, grace.id);
    assert_eq!(buy.value, Some(Money::from_cents(4990)));
    assert_eq!(buy.rating, Some(5));
    assert_eq!(buy.at.to_string(), "2026-02-01T10:30:00");
    assert_eq!(of(Kind::Event).channel, "meetup");
    let survey = of(Kind::Survey);
    assert_eq!((survey.contact, survey.nps), (ada.id, Some(10)));
    assert_eq!(survey.direction, Direction::Outbound);
    let talk = of(Kind::Event).sentiment.unwrap();
    assert_eq!(talk.source, SentimentSource::Auto);
    assert_eq!(Some(talk.score), score_text("Great talk"));
}

#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let csv = p.file(
        "a.csv",
        "date,contact,kind,value,note\n\
         2026-02-01,@ada,purchase,10.00,first\n\
         2026-02-02,@ada,message,,hello\n",
    );
    p.run(&["import"]).arg(&csv).assert().success();
    let after_first = std::fs::read(&p.store).unwrap();
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "all 2 rows are already in the store",
        ));
    assert_eq!(
        std::fs::read(&p.store).unwrap(),
        after_first,
        "not rewritten"
    );
}

#[test]
fn identical_rows_in_one_file_are_separate_events() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let two = "date,contact,kind,value\n\
               2026-02-01,@ada,purchase,25.00\n\
               2026-02-01,@ada,purchase,25.00\n";
    let csv = p.file("two.csv", two);
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2 interactions"));
    // Both purchases count: 2 × 25.00.
    let total: Money = p.load().interactions.iter().filter_map(|x| x.value).sum();
    assert_eq!(total, Money::from_cents(5000));
    // Again: both are recognised, one stored copy each.
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("all 2 rows are already"));
    // A file with three of them adds only the third (the store holds two).
    let three = p.file(
        "three.csv",
        &format!("{two}2026-02-01,@ada,purchase,25.00\n"),
    );
    p.run(&["import"]).arg(&three).assert().success().stdout(
        predicate::str::contains("imported 1 interaction ").and(predicate::str::contains(
            "2 rows already in the store, skipped",
        )),
    );
    assert_eq!(p.load().interactions.len(), 3);
}

const WITH_BAD_ROWS: &str = "date,contact,kind,nps,note\n\
    2026-02-01,@ada,message,,ok\n\
    2026-02-31,@ada,tweet,11,bad date kind and nps\n\
    2026-02-02,Grace Hopper,survey,9,\"a note\non two lines\"\n\
    2026-02-03,,message,,no contact\n\
    2026-02-04,@ada,message\n";

#[test]
fn one_invalid_row_and_nothing_is_imported_with_every_problem_listed() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let before = std::fs::read(&p.store).unwrap();
    let csv = p.file("bad.csv", WITH_BAD_ROWS);
    let f = csv.display().to_string();
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!("{f}:3: date: `2026-02-31` is not a valid date")))
        .stderr(predicate::str::contains("kind: `tweet` is not a kind"))
        .stderr(predicate::str::contains("nps: `11` is not an NPS answer (0-10)"))
        // Line numbers count the lines of the file: the note on row 4 spans two.
        .stderr(predicate::str::contains(format!("{f}:6: contact: is empty")))
        .stderr(predicate::str::contains(format!("{f}:7: has 3 cells, but the header has 5")))
        .stderr(predicate::str::contains(
            "3 invalid rows — nothing was imported (fix them, or pass --skip-invalid to import the other 2 rows)",
        ));
    assert_eq!(std::fs::read(&p.store).unwrap(), before);
}

#[test]
fn skip_invalid_imports_the_good_rows_and_lists_the_rest() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let csv = p.file("bad.csv", WITH_BAD_ROWS);
    p.run(&["import", "--skip-invalid"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 2 interactions"))
        .stdout(predicate::str::contains(
            "(1 new contact); 3 invalid rows left out",
        ))
        .stderr(predicate::str::contains(":3: date:"));
    let s = p.load();
    assert_eq!(s.interactions.len(), 2);
    let note = &s
        .interactions
        .iter()
        .find(|x| x.kind == Kind::Survey)
        .unwrap()
        .note;
    assert_eq!(note, "a note\non two lines");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let before = std::fs::read(&p.store).unwrap();
    let good = p.file(
        "good.csv",
        "date,contact,kind\n2026-02-01,@ada,message\n2026-02-01,Zed,visit\n",
    );
    p.run(&["import", "--dry-run"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "dry run: would import 2 interactions from",
        ))
        .stdout(predicate::str::contains(
            "(1 new contact); nothing was written",
        ));
    let bad = p.file("bad.csv", WITH_BAD_ROWS);
    // A dry run predicts the real outcome, exit status included.
    p.run(&["import", "--dry-run"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing would be imported"));
    p.run(&["import", "--dry-run", "--skip-invalid"])
        .arg(&bad)
        .assert()
        .success()
        .stdout(predicate::str::contains("would import 2 interactions"));
    assert_eq!(std::fs::read(&p.store).unwrap(), before);
}

#[test]
fn header_problems_are_usage_errors_listing_the_accepted_columns() {
    let p = Place::new();
    let unknown = p.file(
        "u.csv",
        "date,contact,kind,amount\n2026-01-01,Ada,purchase,3\n",
    );
    p.run(&["import"])
        .arg(&unknown)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown column `amount`"))
        .stderr(predicate::str::contains(
            "accepted columns are: date, contact, handle, email, kind, channel, direction, value, nps, rating, sentiment, note, tags",
        ));
    let missing = p.file("m.csv", "date,note\n2026-01-01,hi\n");
    p.run(&["import"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no contact, kind columns"));
    let empty = p.file("e.csv", "");
    p.run(&["import"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the file is empty"));
    assert!(!p.store.exists(), "nothing was written");
}

#[test]
fn an_unreadable_file_exits_1() {
    let p = Place::new();
    p.run(&["import"])
        .arg(p.path("nope.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read").and(predicate::str::contains("nope.csv")));
}

#[test]
fn a_name_shared_by_two_contacts_needs_a_handle_or_email() {
    let a = contact("Sam Lee", Some("sam1"), None);
    let b = contact("Sam Lee", Some("sam2"), None);
    let p = Place::with(&Store {
        contacts: vec![a.clone(), b.clone()].into(),
        ..Store::default()
    });
    let csv = p.file(
        "s.csv",
        "date,contact,kind,handle\n2026-01-05,Sam Lee,message,\n2026-01-06,Sam Lee,message,sam2\n",
    );
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            ":2: contact: `Sam Lee` matches 2 contacts",
        ));
    p.run(&["import", "--skip-invalid"])
        .arg(&csv)
        .assert()
        .success();
    let s = p.load();
    assert_eq!(s.interactions.len(), 1);
    assert_eq!(
        s.interactions[0].contact, b.id,
        "the handle column picks the contact"
    );
    assert_eq!(s.contacts.len(), 2, "no contact was created");
}

#[test]
fn given_sentiment_is_manual_unless_it_is_what_the_note_scores() {
    let p = Place::new();
    let auto = score_text("I love it").unwrap();
    let csv = p.file(
        "s.csv",
        &format!(
            "date,contact,kind,note,sentiment\n\
             2026-01-01,Ada,message,I love it,{auto}\n\
             2026-01-02,Ada,message,I love it,-0.3\n\
             2026-01-03,Ada,message,I love it,\n"
        ),
    );
    p.run(&["import"]).arg(&csv).assert().success();
    let s = p.load();
    let got: Vec<_> = s
        .interactions
        .iter()
        .map(|x| {
            let s = x.sentiment.unwrap();
            (s.score, s.source)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (auto, SentimentSource::Auto),
            (-0.3, SentimentSource::Manual),
            (auto, SentimentSource::Auto)
        ]
    );
}

#[test]
fn spreadsheet_apostrophes_are_removed_and_amounts_stay_exact() {
    let p = Place::new();
    let csv = p.file(
        "f.csv",
        "date,contact,kind,value,note\n\
         2026-01-01,Ada,purchase,0.10,'=1+1\n\
         2026-01-02,Ada,purchase,0.10,'90s music\n\
         2026-01-03,Ada,purchase,0.10,''quoted\n",
    );
    p.run(&["import"]).arg(&csv).assert().success();
    let s = p.load();
    let notes: Vec<_> = s.interactions.iter().map(|x| x.note.as_str()).collect();
    assert_eq!(notes, vec!["=1+1", "'90s music", "'quoted"]);
    let total: Money = s.interactions.iter().filter_map(|x| x.value).sum();
    assert_eq!(total, Money::from_cents(30));
}

#[test]
fn reads_standard_input_and_works_while_a_dashboard_is_open() {
    let (store, _) = with_ada();
    let p = Place::with(&store);
    let _dashboard = LockFile::try_acquire(&p.store, LockKind::Editor)
        .unwrap()
        .unwrap();
    p.run(&["import", "-"])
        .write_stdin("date,contact,kind\n2026-01-01,@ada,visit\n")
        .assert()
        .success()
        // Progress is only for terminals; a pipe gets the summary alone.
        .stderr("")
        .stdout(predicate::str::contains(
            "imported 1 interaction from - (0 new contacts)",
        ));
    assert_eq!(p.load().interactions.len(), 1);
}
