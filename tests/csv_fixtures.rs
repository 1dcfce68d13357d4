//! One fixture per awkward kind of CSV under `tests/fixtures/csv/`: `NAME.csv` is the file,
//! imported with `ror-tui import` into a store holding one contact (Ada Lovelace, @ada,
//! ada@example.org), and `NAME.expected` says what must happen:
//!
//! - `args: ...` extra arguments for `import`;
//! - `exit: N` the exit status;
//! - `out: ...` / `err: ...` text stdout / stderr must contain (`FILE` stands for the file's path);
//! - `row: ...` every interaction in the store afterwards, in date order, as
//!   `DATE | CONTACT | KIND | CHANNEL | DIRECTION | VALUE | SENTIMENT | NOTE` (value `-` when
//!   none; sentiment `-` when none, `auto` when scored from the note, else the number set by hand;
//!   the note as a quoted Rust string).
//!
//! A refused import (exit status not 0) must leave the store byte for byte as it was.
//! Beside them, the cases too large for a fixture file: a 10 MB note, a file bigger than a store.

#[path = "cli_support/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use common::*;
use predicates::prelude::*;
use ror_tui::store::{SentimentSource, Store};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    v.sort();
    v
}

fn with_ada() -> Store {
    Store {
        contacts: vec![contact(
            "Ada Lovelace",
            Some("ada"),
            Some("ada@example.org"),
        )]
        .into(),
        ..Store::default()
    }
}

fn row(s: &Store, x: &ror_tui::store::Interaction) -> String {
    let sentiment = match x.sentiment {
        None => "-".to_string(),
        Some(v) if v.source == SentimentSource::Auto => "auto".to_string(),
        Some(v) => v.score.to_string(),
    };
    format!(
        "{} | {} | {} | {} | {} | {} | {} | {:?}",
        x.at,
        s.contact(x.contact).unwrap().name,
        x.kind,
        x.channel,
        x.direction.as_str(),
        x.value
            .map_or("-".into(), ror_tui::cli::cells::plain_amount),
        sentiment,
        x.note
    )
}

#[derive(Default)]
struct Expected {
    args: Vec<String>,
    exit: Option<i32>,
    out: Vec<String>,
    err: Vec<String>,
    rows: Vec<String>,
}

fn expected(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path.with_extension("expected"))
        .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
    let mut e = Expected::default();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(": ").expect("`key: value` lines");
        let value = value.to_string();
        match key {
            "args" => e.args = value.split_whitespace().map(String::from).collect(),
            "exit" => e.exit = Some(value.parse().unwrap()),
            "out" => e.out.push(value),
            "err" => e.err.push(value),
            "row" => e.rows.push(value),
            other => panic!("unknown key `{other}` in {}", path.display()),
        }
    }
    e
}

#[test]
fn every_awkward_file_is_imported_or_refused_as_its_fixture_says() {
    let mut seen = 0;
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let want = expected(&path);
        let p = Place::with(&with_ada());
        let before = std::fs::read(&p.store).unwrap();
        let out = p
            .run(&["import"])
            .args(&want.args)
            .arg(&path)
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        let said = format!("{name}\nstdout: {stdout}\nstderr: {stderr}");
        let code = want.exit.unwrap_or_else(|| panic!("{name}: no exit line"));
        assert_eq!(out.status.code(), Some(code), "{said}");
        let file = path.display().to_string();
        for o in &want.out {
            assert!(
                stdout.contains(&o.replace("FILE", &file)),
                "`{o}` in {said}"
            );
        }
        for e in &want.err {
            assert!(
                stderr.contains(&e.replace("FILE", &file)),
                "`{e}` in {said}"
            );
        }
        if code != 0 {
            assert_eq!(
                std::fs::read(&p.store).unwrap(),
                before,
                "{name}: refused, yet the store changed"
            );
            assert!(want.rows.is_empty(), "{name}: rows for a refused file");
        } else if !want.rows.is_empty() || stdout.contains("imported") {
            let s = p.load();
            let got: Vec<String> = s.interactions.iter().map(|x| row(&s, x)).collect();
            assert_eq!(got, want.rows, "{said}");
        }
        seen += 1;
    }
    assert!(seen >= 17, "all fixtures ran ({seen})");
}

#[test]
fn a_ten_megabyte_note_is_refused_with_its_line_and_the_limit() {
    let p = Place::with(&with_ada());
    let before = std::fs::read(&p.store).unwrap();
    let huge = "x".repeat(10 * 1024 * 1024);
    let csv = p.file(
        "huge.csv",
        &format!(
            "date,contact,kind,note\n2026-02-01,@ada,message,fine\n2026-02-02,@ada,message,\"{huge}\"\n"
        ),
    );
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{}:3: note: is 10,485,760 bytes long; a cell holds at most 100,000",
            csv.display()
        )));
    assert_eq!(std::fs::read(&p.store).unwrap(), before);
    // The limit is a documented constant; a cell just inside it goes in whole.
    assert_eq!(ror_tui::cli::import::MAX_CELL_BYTES, 100_000);
    let big = "y".repeat(ror_tui::cli::import::MAX_CELL_BYTES);
    let ok = p.file(
        "big.csv",
        &format!("date,contact,kind,note\n2026-02-03,@ada,message,{big}\n"),
    );
    p.run(&["import"]).arg(&ok).assert().success();
    assert_eq!(p.load().interactions[0].note.len(), 100_000);
}

#[test]
fn a_huge_cell_in_an_ignored_column_is_refused_too() {
    let p = Place::with(&with_ada());
    let huge = "z".repeat(200_000);
    let csv = p.file(
        "h.csv",
        &format!("date,contact,kind,\n2026-02-01,@ada,message,{huge}\n"),
    );
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            ":2: column 4: is 200,000 bytes long",
        ));
}

#[test]
fn a_file_larger_than_any_store_is_refused_before_reading() {
    let p = Place::with(&with_ada());
    let big = p.path("huge.csv");
    // Sparse: gigabytes long, no disk used.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(ror_tui::store::MAX_STORE_BYTES + 1)
        .unwrap();
    p.run(&["import"])
        .arg(&big)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("larger than any store could hold"));
}

/// Rows too wide to be ror-tui files are refused without being read whole, and a header full of
/// unknown names lists a few of them, not all.
#[test]
fn wide_rows_and_long_lists_of_unknown_columns_are_cut_short() {
    let p = Place::with(&with_ada());
    let wide_header: Vec<String> = (0..200_000).map(|i| format!("c{i}")).collect();
    let csv = p.file("wide.csv", &format!("{}\n", wide_header.join(",")));
    let out = p.run(&["import"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the header names 200,000 columns; a file has at most 1,000"),
        "{err}"
    );
    assert!(err.len() < 300, "{} bytes: {err}", err.len());

    let unknown: Vec<String> = (0..500).map(|i| format!("extra{i}")).collect();
    let csv = p.file(
        "unknown.csv",
        &format!("date,contact,kind,{}\n", unknown.join(",")),
    );
    let out = p.run(&["import"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`extra0`, `extra1`"), "{err}");
    assert!(err.contains("… and 490 more"), "{err}");
    assert!(!err.contains("extra10`"), "{err}");
    assert!(err.len() < 600, "{} bytes: {err}", err.len());

    let cells = vec!["x"; 5_000].join(",");
    let csv = p.file(
        "wide-row.csv",
        &format!("date,contact,kind\n2026-02-01,@ada,message\n2026-02-02,@ada,{cells}\n"),
    );
    let out = p.run(&["import"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(":3: has 5,002 cells; a row has at most 1,000"),
        "{err}"
    );
}
