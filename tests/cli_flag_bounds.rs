//! The edges of every number and date flag: out-of-range numbers, impossible dates, dates out of
//! the years a record can have, empty required values. Each is a usage error (exit 2) naming the
//! flag and what it takes, and nothing is written. (The commonest mistakes are in cli_log.rs.)

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;
use ror_tui::store::{Money, Store};

fn with_ada() -> Place {
    Place::with(&Store {
        contacts: vec![contact("Ada Lovelace", Some("ada"), None)].into(),
        ..Store::default()
    })
}

#[test]
fn log_refuses_numbers_and_dates_out_of_range() {
    let p = with_ada();
    let before = std::fs::read(&p.store).unwrap();
    let cases: &[(&[&str], &str)] = &[
        // Ten billion is the largest amount; one cent more, or more digits than an i64 holds,
        // is refused as too large rather than wrapped or read as something else.
        (&["--value", "10000000000.01"], "is too large"),
        (&["--value", "99999999999999999999"], "is too large"),
        (&["--value", "1,2345"], "is not an amount"),
        (&["--nps", "256"], "is not an NPS answer (0-10)"),
        (&["--nps=-1"], "is not an NPS answer (0-10)"),
        (&["--rating", "6"], "is not a rating (1-5)"),
        (&["--sentiment", "1.0001"], "a number from -1 to 1"),
        (&["--sentiment", "NaN"], "a number from -1 to 1"),
        (&["--sentiment", "inf"], "a number from -1 to 1"),
        (&["--date", "2026-13-01"], "is not a date"),
        (&["--date", "2026-04-31"], "is not a date"),
        (&["--date", "2026-02-29"], "is not a date"),
        (&["--date", "2026-01-01 25:00"], "is not a date"),
        (&["--date", "1899-12-31"], "expected 1900-2999"),
        (&["--date", "3000-01-01"], "expected 1900-2999"),
        // Like the dashboard's log form: an interaction is logged once it has happened.
        (&["--date", "2999-01-01"], "is in the future"),
        (&["--date", "tomorrow"], "is in the future"),
        (&["--kind", ""], "is not a kind"),
        (&["--contact", "   "], "--contact is empty"),
        (&["--channel", ""], "--channel is empty"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["log"];
        if !extra.iter().any(|a| a.starts_with("--contact")) {
            args.extend(["--contact", "@ada"]);
        }
        if !extra.contains(&"--kind") {
            args.extend(["--kind", "purchase"]);
        }
        args.extend(extra.iter());
        p.run(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
    }
    assert_eq!(std::fs::read(&p.store).unwrap(), before, "nothing written");
}

#[test]
fn log_takes_the_edges_and_a_decimal_comma() {
    let p = with_ada();
    for extra in [
        ["--value", "10000000000"],
        ["--value", "49,90"],
        ["--date", "1900-01-01"],
        ["--date", "2024-02-29"],
    ] {
        p.run(&["log", "--contact", "@ada", "--kind", "purchase"])
            .args(extra)
            .assert()
            .success();
    }
    let values: Vec<Option<Money>> = p.load().interactions.iter().map(|x| x.value).collect();
    assert!(values.contains(&Some(Money::from_cents(1_000_000_000_000))));
    // 49,90 is forty-nine ninety, never four thousand nine hundred and ninety.
    assert!(
        values.contains(&Some(Money::from_cents(4990))),
        "{values:?}"
    );
}

#[test]
fn report_and_export_refuse_impossible_days_and_periods() {
    let p = with_ada();
    let cases: &[(&[&str], &str)] = &[
        (&["report", "--as-of", "2026-02-30"], "is not a date"),
        (&["report", "--as-of", "1899-12-31"], "1900-2999"),
        (&["report", "--period", "36526d"], "1 to 36525 days"),
        (&["report", "--period", "0d"], "1 to 36525 days"),
        (
            &["report", "--period", "2026-02-30..2026-03-01"],
            "is not a valid date",
        ),
        (&["report", "--period", ".."], "FROM..TO needs both days"),
        (
            &["report", "--period", "2026-01-01.."],
            "FROM..TO needs both days",
        ),
        (
            &["report", "--period", "0000-01-01..9999-12-31"],
            "the year 0 looks mistyped (expected 1900-2999)",
        ),
        (
            &["export", "--period", "2026-13-01..2026-12-31"],
            "is not a valid date",
        ),
        // The global flag reads days as `report --as-of` does, with the same message.
        (&["--as-of", "2026-02-30", "report"], "is not a date"),
        (&["--as-of", "", "report"], "enter a date"),
    ];
    for (args, message) in cases {
        p.run(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
    }
    // And takes the same phrases.
    p.run(&["--as-of", "-3d", "report", "--format", "json"])
        .assert()
        .success();
}

#[test]
fn import_refuses_an_unknown_separator() {
    let p = with_ada();
    let csv = p.file("a.csv", "date,contact,kind\n2026-01-01,@ada,message\n");
    p.run(&["import", "--delimiter", ":"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected , ; tab or |"));
    p.run(&["import", "--delimiter", "tab"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown column `date,contact,kind`",
        ));
}
