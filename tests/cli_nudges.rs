//! Nudges without a server: `followups` (exit 3 when something is due), `status` (one line for
//! a prompt or tmux), and `report --redact` (figures without personal data, in every format).

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use ror_tui::store::{Direction, Kind, Sentiment, Store};

const AS_OF: &str = "2026-03-31";

/// Ada with a 14-day cadence last touched 20 days ago, Bob's unanswered complaint, and Cy who
/// has no cadence and nothing open.
fn community() -> Store {
    let mut ada = contact("Ada Quill", Some("adaq"), Some("ada.quill@example.org"));
    ada.cadence_days = Some(14);
    ada.notes = "Prefers Thursday calls".into();
    let bob = contact("Bob Vantablack", Some("bobv"), Some("bob.v@example.org"));
    let cy = contact("Cy Nobody", None, None);
    let mut s = Store {
        contacts: vec![ada.clone(), bob.clone(), cy.clone()].into(),
        ..Store::default()
    };
    let mut x = interaction(&ada, "2026-03-11", Kind::Message, "email");
    x.note = "Zanzibar launch plans".into();
    s.interactions.push(x);
    let mut x = interaction(&bob, "2026-03-20", Kind::Support, "forum");
    x.note = "Checkout flamingo broken".into();
    x.sentiment = Some(Sentiment::manual(-0.8));
    s.interactions.push(x);
    let mut x = interaction(&cy, "2026-03-30", Kind::Comment, "forum");
    x.direction = Direction::Inbound;
    s.interactions.push(x);
    s.sort_canonical();
    s
}

#[test]
fn followups_lists_what_is_due_and_exits_3() {
    let p = Place::with(&community());
    let out = p
        .run(&["--as-of", AS_OF, "followups"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("Ada Quill: 6 days overdue (every 14 days)"),
        "{text}"
    );
    assert!(
        text.contains("Bob Vantablack: 11 days waiting, forum on 2026-03-20"),
        "{text}"
    );
    let json = p
        .run(&["--as-of", AS_OF, "followups", "--format", "json"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["stay_in_touch"][0]["name"], "Ada Quill");
    assert_eq!(v["stay_in_touch"][0]["overdue_days"], 6);
    assert_eq!(v["negative_feedback"][0]["days_waiting"], 11);
}

#[test]
fn nothing_due_exits_0() {
    let mut s = community();
    // Answer Bob and drop Ada's cadence: nothing is due.
    s.interactions
        .modify_where(|x| x.sentiment.is_some(), |x| x.resolved = true);
    s.contacts
        .modify_where(|c| c.cadence_days.is_some(), |c| c.cadence_days = None);
    let p = Place::with(&s);
    let text = stdout_of(p.run(&["--as-of", AS_OF, "followups"]));
    assert_eq!(text, format!("Nothing due on {AS_OF}.\n"));
    p.run(&["--as-of", AS_OF, "followups", "--within", "soon"])
        .assert()
        .code(2);
}

#[test]
fn status_is_one_line_with_the_index_and_what_waits() {
    let p = Place::with(&community());
    let line = stdout_of(p.run(&["--as-of", AS_OF, "status"]));
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.starts_with("ROR "), "{line}");
    assert!(line.ends_with("· 1 overdue · 1 waiting\n"), "{line}");
    let tmux = stdout_of(p.run(&["--as-of", AS_OF, "status", "--format", "tmux"]));
    assert!(tmux.contains("#[fg=yellow]1 waiting#[default]"), "{tmux}");
}

#[test]
fn a_redacted_report_holds_no_name_handle_email_or_note_in_any_format() {
    let store = community();
    let p = Place::with(&store);
    let mut secrets: Vec<String> = Vec::new();
    for c in store.contacts.iter() {
        secrets.extend(c.name.split_whitespace().map(str::to_string));
        secrets.extend(c.handle.clone());
        secrets.extend(c.email.clone());
        secrets.extend(c.notes.split_whitespace().map(str::to_string));
    }
    for x in store.interactions.iter() {
        secrets.extend(x.note.split_whitespace().map(str::to_string));
    }
    secrets.retain(|w| w.len() > 3);
    assert!(secrets.contains(&"Vantablack".to_string()));
    for format in ["text", "md", "json"] {
        let out = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", format, "--redact"]));
        for s in &secrets {
            assert!(!out.contains(s.as_str()), "{format}: `{s}` in\n{out}");
        }
        assert!(out.contains("Member "), "{format}: pseudonyms in\n{out}");
    }
    // The same contact keeps its pseudonym from one report to the next.
    let a = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", "md", "--redact"]));
    let b = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", "md", "--redact"]));
    assert_eq!(a, b);
    let bob = store
        .contacts
        .iter()
        .find(|c| c.name.starts_with("Bob"))
        .unwrap();
    let id = bob.id.simple().to_string();
    assert!(
        a.contains(&format!("Member {}", &id[id.len() - 10..])),
        "{a}"
    );
}
