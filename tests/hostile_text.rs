//! Hostile text through the front door: names, handles, notes, tags and channels holding escape
//! sequences (CSI, OSC, OSC 52, DCS), C0 and C1 controls, BEL, backspace, carriage return and
//! bidirectional overrides are imported with the real binary, and then no screen of the dashboard
//! and no output of any command carries one of them. The store keeps the text as imported (it is
//! the user's data; JSON escapes its control characters); everything that shows it cleans it.

#[path = "cli_support/mod.rs"]
mod cli;
mod support_dash;

use std::path::Path;

use cli::{Place, stdout_of};
use ratatui::buffer::Buffer;
use ror_tui::store::{Investment, InvestmentKind, Money, Store, new_id};

/// Each attack, as it would sit inside otherwise ordinary text.
const ATTACKS: [&str; 14] = [
    "\u{1b}[31m",                    // CSI: red
    "\u{1b}[2J\u{1b}[1;1H",          // CSI: clear the screen, home the cursor
    "\u{1b}]0;pwned-title\u{7}",     // OSC: window title, ended by BEL
    "\u{1b}]52;c;cHduZWQ=\u{7}",     // OSC 52: write the clipboard
    "\u{1b}]8;;http://evil\u{1b}\\", // OSC 8: hyperlink, ended by ST
    "\u{1b}P1$rqqq\u{1b}\\",         // DCS
    "\u{9b}33m",                     // 8-bit CSI
    "\u{9d}0;c1-title\u{9c}",        // 8-bit OSC and ST
    "\u{7}\u{8}\u{8}",               // BEL, backspaces
    "\r",                            // carriage return: overwrite the start of the line
    "\u{0}\u{1}\u{7f}\u{85}",        // NUL, SOH, DEL, NEL
    "\u{202e}",                      // right-to-left override
    "\u{2066}\u{202b}",              // isolate, embedding
    "\u{200f}\u{61c}",               // marks
];

/// Text of the attacks that must not survive as visible junk either: the sequences go whole.
const LEFTOVERS: [&str; 8] = [
    "[31m",
    "[2j",
    "[1;1h",
    "pwned-title",
    "52;c",
    "http://evil",
    "$rqqq",
    "c1-title",
];

fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Asserts `text` (an output meant for a terminal or a file) is clean.
fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| forbidden(*c)) {
        panic!("{what}: holds {c:?}:\n{text:?}");
    }
    let lower = text.to_lowercase();
    for junk in LEFTOVERS {
        assert!(!lower.contains(junk), "{what}: `{junk}` left over:\n{text}");
    }
}

/// A JSON output: clean as text, and no string in it holds an escaped control either.
fn assert_clean_json(what: &str, text: &str) {
    assert_clean(what, text);
    fn walk(what: &str, v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => assert_clean(what, s),
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(what, v)),
            // Keys too: channels are keys of `by_channel` and `channels`.
            serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
                assert_clean(what, k);
                walk(what, v)
            }),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(doc) => walk(what, &doc),
        // JSON Lines: one document per line.
        Err(_) => {
            for line in text.lines() {
                walk(what, &serde_json::from_str(line).unwrap());
            }
        }
    }
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One row per attack, in March 2026 (inside the dashboard's 30 days to 31 March): the attack in
/// the contact's name, handle, channel, note and tags. Some notes are negative (they show as open
/// feedback), some purchases (value figures), and each contact has two rows (advocates).
fn hostile_csv() -> String {
    let mut s = String::from("date,contact,handle,kind,channel,value,note,tags\n");
    for (i, a) in ATTACKS.iter().enumerate() {
        for (day, kind, value, note) in [
            (
                1 + i,
                "purchase",
                "25.00",
                format!("Great{a} product, love it"),
            ),
            (
                15 + i,
                "support",
                "",
                format!("Terrible{a} awful, broken\nsecond line"),
            ),
        ] {
            s.push_str(
                &[
                    format!("2026-03-{day:02}"),
                    csv_cell(&format!("Eve{i}{a}Evil")),
                    csv_cell(&format!("eve{i}{a}x")),
                    kind.to_string(),
                    csv_cell(&format!("for{a}um")),
                    value.to_string(),
                    csv_cell(&note),
                    // `;` separates tags; inside a tag the attack keeps its shape with `,`.
                    csv_cell(&format!("vip{}tag;other", a.replace(';', ","))),
                ]
                .join(","),
            );
            s.push('\n');
        }
    }
    s
}

/// The store after importing `hostile_csv()` with the real binary, plus what import cannot
/// carry (an organisation, contact notes, an investment), set as a hand-edited store would.
fn imported() -> (Place, Store) {
    let p = Place::new();
    let csv = p.file("hostile.csv", &hostile_csv());
    let out = p.run(&["import"]).arg(&csv).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_clean("import summary", &String::from_utf8(out.stdout).unwrap());
    assert_clean("import stderr", &String::from_utf8(out.stderr).unwrap());
    let mut s = p.load();
    assert_eq!(s.contacts.len(), ATTACKS.len());
    for (c, a) in s.contacts.iter_mut().zip(ATTACKS.iter().cycle()) {
        c.organisation = Some(format!("Org{a}anisation"));
        c.notes = format!("Met{a} at\nthe conference");
    }
    s.investments.push(Investment {
        id: new_id(),
        date: "2026-03-10".parse().unwrap(),
        contact: Some(s.contacts[0].id),
        kind: InvestmentKind::Gift,
        amount: Money::from_cents(1000),
        acquisition: false,
        note: format!("hoodie{}", ATTACKS.concat()),
        updated: None,
    });
    p.write(&s);
    (p, s)
}

#[test]
fn the_store_keeps_what_was_imported() {
    let (_p, s) = imported();
    // The user's data is kept as given (only line ends are made `\n`): the cleaning is done
    // where text is shown, so nothing is lost if the rules change. Tags are the exception: a
    // tag cell is split at `;`, which an escape sequence can hold, so it is cleaned first.
    let eve = s
        .contacts
        .iter()
        .find(|c| c.name.starts_with("Eve2"))
        .unwrap();
    assert_eq!(eve.name, format!("Eve2{}Evil", ATTACKS[2]));
    assert!(
        s.interactions
            .iter()
            .any(|x| x.note.contains("\u{1b}]52;c;"))
    );
    assert!(
        s.contacts
            .iter()
            .any(|c| c.tags.iter().any(|t| t == "viptag"))
    );
}

fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn no_screen_of_the_dashboard_shows_any_of_it() {
    let (_p, store) = imported();
    let n = store.contacts.len();
    let mut visits: Vec<String> = [
        "",
        "1 enter",
        "2 enter",
        "3 enter",
        "4 enter",
        "c",
        "l",
        "l G",
        "f",
        "C",
        "s",
        "s j",
        "?",
        "c / e v e",
        "c e",
        "c enter a",
        "a",
        "n",
        "i",
        ":",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    // Every contact's own page, and its edit form.
    for i in 0..n {
        let down = " j".repeat(i);
        visits.push(format!("c{down} enter"));
        visits.push(format!("c{down} enter e"));
    }
    let mut seen_names = false;
    for keys in &visits {
        let mut app = support_dash::app_with(store.clone());
        support_dash::press(&mut app, keys);
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let t = support_dash::draw(&app, w, h);
            let text = buffer_text(t.backend().buffer());
            assert_clean(&format!("after `{keys}` at {w}x{h}"), &text);
            seen_names |= text.contains("Eve0Evil");
        }
    }
    assert!(seen_names, "the names were shown, cleaned");
}

fn run_clean(p: &Place, args: &[&str]) -> String {
    let out = stdout_of(p.run(args));
    assert_clean(&args.join(" "), &out);
    out
}

#[test]
fn no_command_output_carries_any_of_it() {
    let (p, _) = imported();
    for period in ["30d", "all"] {
        let base = ["report", "--as-of", "2026-03-31", "--period", period];
        let text = run_clean(&p, &[&base[..], &["--format", "text"]].concat());
        assert!(text.contains("Eve"), "names are in the report:\n{text}");
        run_clean(&p, &[&base[..], &["--format", "md"]].concat());
        let json = run_clean(&p, &[&base[..], &["--format", "json"]].concat());
        assert_clean_json("report json", &json);
    }
    for what in ["interactions", "contacts", "investments"] {
        for format in ["csv", "json", "jsonl"] {
            let out = run_clean(&p, &["export", "--what", what, "--format", format]);
            if format != "csv" {
                assert_clean_json(&format!("export {what} {format}"), &out);
            }
        }
    }
    run_clean(&p, &["check"]);
    // `log` prints the saved record, with the contact's name.
    let out = run_clean(
        &p,
        &[
            "log",
            "--contact",
            "@eve2\u{1b}]0;pwned-title\u{7}x",
            "--kind",
            "call",
        ],
    );
    assert!(out.contains("Eve2Evil"), "{out}");
}

fn assert_failure_clean(what: &str, out: std::process::Output) {
    assert!(!out.status.success(), "{what} should fail");
    assert_clean(what, &String::from_utf8(out.stdout).unwrap());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.is_empty(), "{what} says why");
    assert_clean(what, &err);
}

#[test]
fn error_messages_quoting_hostile_text_are_clean() {
    let (p, _) = imported();
    // Bad rows quote their cells; a hostile file name is quoted on every line.
    let bad = p.file(
        "bad\u{1b}[2J.csv",
        "date,contact,kind,value\n\
         \u{1b}[2J2026-03-01,Eve,\u{1b}]0;pwned-title\u{7}tweet,\u{202e}12\n\
         2026-03-02,Eve0\u{9b}33mEvi,message,\n",
    );
    assert_failure_clean(
        "import with bad rows",
        p.run(&["import"]).arg(&bad).output().unwrap(),
    );
    // An unknown column is quoted too.
    let head = p.file("head.csv", "date,contact,kind,\u{1b}]52;c;cHduZWQ=\u{7}x\n");
    assert_failure_clean(
        "import with a bad header",
        p.run(&["import"]).arg(&head).output().unwrap(),
    );
    // An unknown contact: `log` suggests the close matches, which are hostile names.
    assert_failure_clean(
        "log with an unknown contact",
        p.run(&["log", "--contact", "Eve1 Evi", "--kind", "call"])
            .output()
            .unwrap(),
    );
}

#[test]
fn check_of_a_broken_store_does_not_echo_it() {
    let p = Place::new();
    // A store whose invalid value is an escape sequence: the parser's message quotes it.
    let eve = cli::contact("Eve", None, None);
    let x = cli::interaction(&eve, "2026-03-01", ror_tui::store::Kind::Message, "forum");
    let good = String::from_utf8(ror_tui::store::to_store_json(&Store {
        contacts: vec![eve].into(),
        interactions: vec![x].into(),
        ..Store::default()
    }))
    .unwrap();
    let hostile = serde_json::to_string("\u{1b}]0;pwned-title\u{7}tweet").unwrap();
    let bad = good.replace("\"message\"", &hostile);
    assert_ne!(bad, good);
    std::fs::write(&p.store, bad).unwrap();
    let out = p.run(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_clean("check stdout", &String::from_utf8(out.stdout).unwrap());
    // And a store path holding one.
    let dir = p.dir.path().join("d\u{1b}[2Jir");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("store.json");
    std::fs::copy(Path::new(&p.store), &path).unwrap();
    let out = cli::ror()
        .arg("--store")
        .arg(&path)
        .arg("check")
        .output()
        .unwrap();
    assert_clean(
        "check with a hostile path",
        &String::from_utf8(out.stdout).unwrap(),
    );
}
