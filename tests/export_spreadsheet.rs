//! A CSV export is safe to open in a spreadsheet and still re-imports to the same data: names,
//! notes, tags and channels that look like formulas (`=HYPERLINK(...)`, `+1`, `-5 stars`,
//! `@home`, ` =SUM(...)`) are written so no cell starts a formula, and export → import into an
//! empty store → export gives the same file and the same records.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use ror_tui::store::{Contact, Kind, Money, Sentiment, SentimentSource, Store};

/// Contacts and interactions whose text a spreadsheet would run as a formula.
fn formula_like() -> Store {
    let mut hyper = contact("=HYPERLINK(\"http://evil\",\"x\")", None, None);
    hyper.tags = vec!["-beta".into(), "=vip".into(), "@team".into()];
    let plus = contact("+1 Plus", Some("plus"), None);
    let stars = contact("-5 stars", None, Some("stars@example.org"));
    // A name starting with `@` and no handle: a name, not the handle `home`.
    let home = contact("@home", None, None);
    let quoted = contact("'quoted' Quinn", None, None);
    let mut xs = Vec::new();
    let mut add = |c: &Contact, date: &str, kind: Kind, channel: &str, note: &str| {
        let mut x = interaction(c, date, kind, channel);
        x.note = note.into();
        ror_tui::sentiment::rescore(&mut x, &Default::default());
        xs.push(x);
    };
    add(
        &hyper,
        "2026-01-05",
        Kind::Message,
        "=web",
        "=HYPERLINK(\"http://evil\",\"click\")",
    );
    add(&plus, "2026-01-06", Kind::Comment, "+forum", "+1");
    // Behind what shows as nothing (a line break, a no-break or ideographic space, a line
    // separator, a zero-width space, a byte order mark), a formula still runs.
    for (day, note) in [
        ("2026-01-11", "\n=1+1"),
        ("2026-01-12", "\u{a0}=1+1"),
        ("2026-01-13", "\u{3000}+cmd"),
        ("2026-01-14", "\u{2028}-2"),
        ("2026-01-15", "\u{200b}@SUM(A1)"),
        ("2026-01-16", "\u{feff}=1"),
    ] {
        add(&plus, day, Kind::Comment, "forum", note);
    }
    add(
        &stars,
        "2026-01-07",
        Kind::Review,
        "@store",
        "-5 stars, would not buy again",
    );
    add(
        &home,
        "2026-01-08",
        Kind::Message,
        "slack",
        "@home is where the heart is",
    );
    add(
        &quoted,
        "2026-01-09",
        Kind::Message,
        "email",
        " =SUM(A1:A9) with a space first",
    );
    add(
        &quoted,
        "2026-01-10",
        Kind::Message,
        "email",
        "'=already guarded by hand",
    );
    add(&home, "2026-01-11", Kind::Purchase, "web", "-");
    // Numbers stay numbers: a negative hand-set sentiment, and amounts (never negative: a value
    // below zero is refused by `log`, the forms and `import`).
    xs[2].sentiment = Some(Sentiment {
        score: -0.75,
        source: SentimentSource::Manual,
    });
    xs[6].value = Some(Money::from_cents(1_234_599));
    let mut s = Store {
        contacts: vec![hyper, plus, stars, home, quoted].into(),
        interactions: xs.into(),
        ..Store::default()
    };
    s.sort_canonical();
    s
}

/// Each interaction with its contact's name, handle, email and tags: all the CSV carries.
fn records(s: &Store) -> Vec<String> {
    let mut v: Vec<String> = s
        .interactions
        .iter()
        .map(|x| {
            let c = s.contact(x.contact).unwrap();
            format!(
                "{} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?}",
                x.at,
                c.name,
                c.handle,
                c.email,
                c.tags,
                x.kind,
                x.channel,
                x.note,
                x.value,
                x.sentiment.map(|s| (s.score, s.source)),
            )
        })
        .collect();
    v.sort();
    v
}

fn is_number(cell: &str) -> bool {
    cell.parse::<f64>().is_ok()
}

#[test]
fn no_exported_cell_starts_a_formula() {
    let p = Place::with(&formula_like());
    for what in ["interactions", "contacts"] {
        let out = stdout_of(p.run(&["export", "--what", what]));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        let mut cells = 0;
        for row in rdr.records() {
            for cell in row.unwrap().iter().filter(|c| !is_number(c)) {
                // Spaces first do not help: some spreadsheets skip them, and whatever else
                // shows as nothing.
                let start = cell.trim_start_matches(|c: char| {
                    c.is_whitespace() && c != '\t' && c != '\r'
                        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
                });
                assert!(
                    !start.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{what}: a spreadsheet would run {cell:?}"
                );
                cells += 1;
            }
        }
        assert!(cells > 20, "{what}: {out}");
    }
    let out = stdout_of(p.run(&["export"]));
    // The guard is one apostrophe, the spreadsheet convention for "text".
    for guarded in [
        "'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")",
        ",'+1,",
        "'-5 stars, would not buy again",
        ",'@home,",
        "' =SUM(A1:A9) with a space first",
        ",''=already guarded by hand,",
        ",'-beta;=vip;@team",
        ",'=web,",
        ",'-,",
    ] {
        assert!(out.contains(guarded), "missing {guarded:?} in\n{out}");
    }
    // Numbers are left as numbers, the negative sentiment included.
    assert!(out.contains(",-0.75,"), "{out}");
    assert!(out.contains(",12345.99,"), "{out}");
}

#[test]
fn export_import_export_gives_the_same_file_and_records() {
    let original = formula_like();
    let p = Place::with(&original);
    let csv = p.path("out.csv");
    p.run(&["export", "-o"]).arg(&csv).assert().success();

    let copy = Place::new();
    let imported = stdout_of(copy.run(&["import"]).arg(&csv));
    assert!(
        imported.contains("imported 13 interactions") && imported.contains("(5 new contacts)"),
        "{imported}"
    );
    let back = copy.load();
    assert_eq!(records(&back), records(&original));
    let home = back.contacts.iter().find(|c| c.name == "@home").unwrap();
    assert_eq!(home.handle, None, "a name, not a handle");

    let again = stdout_of(copy.run(&["export"]));
    assert_eq!(again, std::fs::read_to_string(&csv).unwrap());
    // And into the original store: every row is already there.
    let dup = stdout_of(p.run(&["import"]).arg(&csv));
    assert!(
        dup.contains("all 13 rows are already in the store"),
        "{dup}"
    );
}

#[test]
fn a_hand_written_at_name_is_still_a_handle() {
    // Only the apostrophe `export` writes makes `@home` a name; typed as `@ada` it is a handle.
    let p = Place::new();
    let csv = p.file(
        "h.csv",
        "date,contact,kind\n2026-01-01,@ada,message\n2026-01-02,'@home,message\n",
    );
    p.run(&["import"]).arg(&csv).assert().success();
    let s = p.load();
    let ada = s.contacts.iter().find(|c| c.name == "ada").unwrap();
    assert_eq!(ada.handle.as_deref(), Some("ada"));
    let home = s.contacts.iter().find(|c| c.name == "@home").unwrap();
    assert_eq!(home.handle, None);
}
