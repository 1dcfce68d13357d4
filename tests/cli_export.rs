//! `ror-tui export`: CSV that re-imports to the same figures, JSON with numbers as numbers, and
//! nothing a terminal or a spreadsheet would run.

#[path = "cli_support/mod.rs"]
mod common;

use std::collections::BTreeMap;

use common::*;
use predicates::prelude::*;
use ror_tui::store::{
    Contact, Direction, Investment, InvestmentKind, Kind, Money, Sentiment, SentimentSource, Store,
    new_id,
};

/// A small community with the awkward cases an export must carry: formulas, commas, quotes and
/// newlines in notes, two people with one name, a time of day, a hand-set sentiment, two equal
/// purchases on one day, amounts that floats get wrong.
fn community() -> Store {
    let ada = contact("Ada Lovelace", Some("ada"), Some("ada@example.org"));
    let mut sam1 = contact("Sam Lee", Some("sam1"), None);
    sam1.tags = vec!["vip".into(), "beta".into()];
    let sam2 = contact("Sam Lee", Some("sam2"), Some("sam2@example.org"));
    let mut xs = Vec::new();
    let mut add = |c: &Contact,
                   date: &str,
                   kind: Kind,
                   channel: &str,
                   f: &dyn Fn(&mut ror_tui::store::Interaction)| {
        let mut x = interaction(c, date, kind, channel);
        f(&mut x);
        ror_tui::sentiment::rescore(&mut x, &Default::default());
        xs.push(x);
    };
    add(&ada, "2026-01-05", Kind::Purchase, "web", &|x| {
        x.value = Some(Money::from_cents(10));
        x.note = "=HYPERLINK(\"http://evil\",\"click\")".into();
    });
    add(&ada, "2026-01-05", Kind::Purchase, "web", &|x| {
        x.value = Some(Money::from_cents(10))
    });
    add(&ada, "2026-01-05", Kind::Purchase, "web", &|x| {
        x.value = Some(Money::from_cents(10))
    });
    add(&ada, "2026-01-06T14:30:00", Kind::Survey, "email", &|x| {
        x.nps = Some(9);
        x.note = "Great, \"really\" great,\nthanks".into();
    });
    add(&sam1, "2026-01-07", Kind::Review, "forum", &|x| {
        x.rating = Some(2);
        x.note = "-not good, slow support".into();
        x.sentiment = Some(Sentiment {
            score: -0.6,
            source: SentimentSource::Manual,
        });
    });
    add(&sam2, "2026-01-08", Kind::EmailSent, "email", &|x| {
        x.direction = Direction::Outbound
    });
    add(&sam2, "2026-01-09", Kind::Purchase, "web", &|x| {
        x.value = Some(Money::from_cents(1_234_599))
    });
    add(&sam1, "2026-01-10", Kind::Message, "slack", &|x| {
        x.note = "@channel 'hello' — ünïcödé".into()
    });
    let mut store = Store {
        contacts: vec![ada.clone(), sam1, sam2].into(),
        interactions: xs.into(),
        investments: vec![Investment {
            id: new_id(),
            date: day("2026-01-15"),
            contact: Some(ada.id),
            kind: InvestmentKind::Gift,
            amount: Money::from_cents(4550),
            acquisition: false,
            note: "+hoodie".into(),
            updated: None,
        }],
        ..Store::default()
    };
    store.sort_canonical();
    store
}

/// What the figures are made of, per contact (by handle): every interaction's content.
fn content(s: &Store) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for x in &s.interactions {
        let c = s.contact(x.contact).unwrap();
        out.entry(format!("{} @{}", c.name, c.handle.as_deref().unwrap_or("")))
            .or_default()
            .push(format!(
                "{} {} {} {} {:?} {:?} {:?} {:?} {:?}",
                x.at, x.kind, x.channel, x.direction, x.note, x.value, x.nps, x.rating, x.sentiment
            ));
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

#[test]
fn csv_export_reimports_into_an_empty_store_to_the_same_records_and_figures() {
    let original = community();
    let p = Place::with(&original);
    let csv = p.path("out.csv");
    p.run(&["export", "-o"])
        .arg(&csv)
        .assert()
        .success()
        .stdout("");

    let copy = Place::new();
    copy.run(&["import"]).arg(&csv).assert().success().stdout(
        predicate::str::contains("imported 8 interactions")
            .and(predicate::str::contains("(3 new contacts)")),
    );
    let back = copy.load();
    assert_eq!(content(&back), content(&original));

    // The figures, worked out by hand from `community()`:
    // revenue 0.10 × 3 + 12,345.99 = 12,346.29 over 4 purchases; one NPS answer of 9.
    let revenue: Money = back.interactions.iter().filter_map(|x| x.value).sum();
    assert_eq!(revenue, Money::from_cents(1_234_629));
    assert_eq!(
        back.interactions
            .iter()
            .filter(|x| x.kind == Kind::Purchase)
            .count(),
        4
    );
    assert_eq!(
        back.interactions
            .iter()
            .filter_map(|x| x.nps)
            .collect::<Vec<_>>(),
        vec![9]
    );
    let sam1 = back
        .contacts
        .iter()
        .find(|c| c.handle.as_deref() == Some("sam1"))
        .unwrap();
    assert_eq!(sam1.tags, vec!["vip", "beta"]);
    assert_eq!(
        sam1.created,
        day("2026-01-07"),
        "created on its earliest interaction"
    );

    // Exporting the copy gives the same file, and re-importing it into the original adds nothing.
    let again = stdout_of(copy.run(&["export"]));
    assert_eq!(again, std::fs::read_to_string(&csv).unwrap());
    p.run(&["import"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "all 8 rows are already in the store",
        ));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_guarded() {
    let p = Place::with(&community());
    let out = stdout_of(p.run(&["export"]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "date,contact,handle,email,kind,channel,direction,value,nps,rating,sentiment,note,tags"
        )
    );
    assert!(
        out.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","),
        "{out}"
    );
    assert!(out.contains(",\"'-not good, slow support\","), "{out}");
    assert!(out.contains(",'@channel 'hello' — ünïcödé,"), "{out}");
    // Numbers stay numbers, the negative sentiment included.
    assert!(out.contains(",2,-0.6,"), "{out}");
    assert!(out.contains(",12345.99,"), "{out}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    for row in rdr.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t']),
                "unguarded cell {cell:?}"
            );
        }
    }
}

#[test]
fn json_and_jsonl_records_carry_numbers_as_numbers_and_null_when_empty() {
    let p = Place::with(&community());
    let out = stdout_of(p.run(&["export", "--format", "json"]));
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(all.len(), 8);
    let first = &all[0];
    for key in [
        "date",
        "contact",
        "channel",
        "kind",
        "direction",
        "note",
        "sentiment",
        "value",
        "nps",
        "rating",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert_eq!(first["date"], "2026-01-05");
    assert_eq!(first["contact"], "Ada Lovelace");
    assert_eq!(first["value"], serde_json::json!(0.1));
    assert!(first["nps"].is_null() && first["rating"].is_null());
    let big = all
        .iter()
        .find(|r| r["value"] == serde_json::json!(12345.99))
        .unwrap();
    assert_eq!(big["handle"], "sam2");

    let lines = stdout_of(p.run(&["export", "--format", "jsonl"]));
    let parsed: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        parsed, all,
        "JSON Lines holds the same records, one per line"
    );
    let review = parsed.iter().find(|r| r["kind"] == "review").unwrap();
    assert_eq!(review["sentiment"], serde_json::json!(-0.6));
    assert_eq!(review["rating"], serde_json::json!(2));
    assert_eq!(
        review["note"], "-not good, slow support",
        "JSON needs no formula guard"
    );
}

#[test]
fn contacts_and_investments_export_too() {
    let p = Place::with(&community());
    let out = stdout_of(p.run(&["export", "--what", "contacts"]));
    assert!(out.starts_with("name,handle,email,organisation,tags,source,referred_by,cadence_days,team,created,notes\n"), "{out}");
    assert!(
        out.contains("Sam Lee,sam1,,,vip;beta,organic,,,false,2026-01-01,"),
        "{out}"
    );
    let inv = stdout_of(p.run(&["export", "--what", "investments", "--format", "jsonl"]));
    let r: serde_json::Value = serde_json::from_str(inv.trim()).unwrap();
    assert_eq!(r["amount"], serde_json::json!(45.5));
    assert_eq!(r["contact"], "Ada Lovelace");
    assert_eq!(r["note"], "+hoodie");
    let inv_csv = stdout_of(p.run(&["export", "--what", "investments"]));
    assert!(
        inv_csv.contains("2026-01-15,Ada Lovelace,gift,45.50,false,'+hoodie"),
        "{inv_csv}"
    );
}

#[test]
fn period_keeps_the_records_dated_in_it() {
    let p = Place::with(&community());
    let out = stdout_of(p.run(&[
        "export",
        "--period",
        "2026-01-06..2026-01-08",
        "--format",
        "jsonl",
    ]));
    let dates: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["date"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        dates,
        vec!["2026-01-06T14:30:00", "2026-01-07", "2026-01-08"]
    );

    // `7d` is the seven days ending today: yesterday is in, eight days ago is not.
    let mut s = Store::default();
    let c = contact("Ada", None, None);
    let today = today_utc();
    for back in [1, 6, 7] {
        let d = today.checked_sub(jiff::Span::new().days(back)).unwrap();
        s.interactions
            .push(interaction(&c, &d.to_string(), Kind::Visit, "web"));
    }
    s.contacts.push(c);
    let q = Place::with(&s);
    let out = stdout_of(q.run(&["export", "--period", "7d", "--format", "jsonl"]));
    assert_eq!(out.lines().count(), 2, "{out}");
    let all = stdout_of(q.run(&["export", "--period", "all", "--format", "jsonl"]));
    assert_eq!(all.lines().count(), 3);
}

#[test]
fn period_all_exports_everything_even_before_the_first_interaction() {
    // In the figures `all` starts at the first interaction (2026-01-05 here); an export of `all`
    // still carries Bea, created on 2025-06-01 and never active, and an investment of 2025-12-01.
    let mut s = community();
    let mut bea = contact("Bea Early", Some("bea"), None);
    bea.created = day("2025-06-01");
    s.contacts.push(bea);
    s.investments.push(Investment {
        date: day("2025-12-01"),
        ..s.investments[0].clone()
    });
    s.investments.last_mut().unwrap().id = new_id();
    let p = Place::with(&s);
    let contacts = stdout_of(p.run(&["export", "--what", "contacts", "--period", "all"]));
    assert!(contacts.contains("Bea Early"), "{contacts}");
    let invested = stdout_of(p.run(&["export", "--what", "investments", "--period", "all"]));
    assert!(invested.contains("2025-12-01,"), "{invested}");
    // An explicit range is kept to its dates.
    let range = stdout_of(p.run(&[
        "export",
        "--what",
        "contacts",
        "--period",
        "2026-01-01..2026-12-31",
    ]));
    assert!(!range.contains("Bea Early"), "{range}");
}

#[test]
fn control_characters_never_reach_the_output() {
    let mut s = community();
    s.contacts[0].name = "Ada\u{1b}[31m Lovelace\u{7}".into();
    s.interactions[0].note = "hi\u{1b}]0;title\u{7} there\r\nbye".into();
    let p = Place::with(&s);
    for format in ["csv", "json", "jsonl"] {
        let out = stdout_of(p.run(&["export", "--format", format]));
        assert!(
            !out.chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\r'),
            "{format}: {out:?}"
        );
        assert!(out.contains("Ada Lovelace"), "{format}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let p = Place::new();
    p.run(&["export"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no store at"));
    let q = Place::with(&community());
    q.run(&["export", "--period", "fortnight"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected 7d, 30d, 90d, 365d, all or FROM..TO",
        ));
    q.run(&["export", "--period", "2026-02-01..2026-01-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ends before it starts"));
    q.run(&["export", "--period", "0d"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1 to 36525 days"));
    q.run(&["export", "--format", "xml"]).assert().code(2);
    q.run(&["export", "-o"])
        .arg(q.path("missing-dir/out.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
}
