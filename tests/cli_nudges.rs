//! Nudges without a server: `followups` (exit 3 when something is due), `status` (one line for
//! a prompt or tmux), and `report --redact` (figures without personal data, in every format).

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use ror_tui::store::{CommitReason, Commitment, Direction, Kind, Sentiment, Standup, Store};

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
    let store = with_commitments(community());
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
    for c in store.standups.iter().flat_map(|s| &s.commitments) {
        secrets.extend(c.intent.split_whitespace().map(str::to_string));
    }
    secrets.retain(|w| w.len() > 3);
    assert!(secrets.contains(&"Marzipan".to_string()));
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

/// A standup on the 25th picked Bob (his complaint, with an intent) and Cy; we wrote to Cy on
/// the 27th.
fn with_commitments(mut s: Store) -> Store {
    let id = |name: &str| {
        s.contacts
            .iter()
            .find(|c| c.name.starts_with(name))
            .unwrap()
            .id
    };
    let (bob, cy) = (id("Bob"), id("Cy"));
    let complaint = s.interactions.iter().find(|x| x.contact == bob).unwrap().id;
    let mut standup = Standup::new(day("2026-03-25"), Default::default());
    standup.commitments = vec![
        Commitment {
            contact: bob,
            reason: CommitReason::Feedback,
            intent: "Marzipan voucher apology".into(),
            feedback: Some(complaint),
        },
        Commitment {
            contact: cy,
            reason: CommitReason::AtRisk,
            intent: String::new(),
            feedback: None,
        },
    ];
    s.standups.push(standup);
    let cy_contact = s.contacts.iter().find(|c| c.id == cy).unwrap().clone();
    let mut x = interaction(&cy_contact, "2026-03-27", Kind::Message, "email");
    x.direction = Direction::Outbound;
    s.interactions.push(x);
    s.sort_canonical();
    s
}

#[test]
fn followups_lists_commitments_nobody_acted_on() {
    let mut s = with_commitments(community());
    // Nothing else due: only the commitment to Bob keeps the exit at 3.
    s.interactions
        .modify_where(|x| x.sentiment.is_some(), |x| x.resolved = true);
    s.contacts
        .modify_where(|c| c.cadence_days.is_some(), |c| c.cadence_days = None);
    let p = Place::with(&s);
    let out = p
        .run(&["--as-of", AS_OF, "followups"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(
            "Standup commitments not acted on (1, from the standup of 2026-03-25, 6 days ago)\n  \
             Bob Vantablack, feedback waiting: “Marzipan voucher apology”\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Cy Nobody"), "Cy was written to: {text}");
    let json = p
        .run(&["--as-of", AS_OF, "followups", "--format", "json"])
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["commitments"].as_array().unwrap().len(), 1);
    assert_eq!(v["commitments"][0]["name"], "Bob Vantablack");
    assert_eq!(v["commitments"][0]["reason"], "feedback");
    assert_eq!(v["commitments"][0]["standup"], "2026-03-25");
    // Once Bob is written to, nothing is due.
    p.run(&[
        "log",
        "--contact",
        "Bob Vantablack",
        "--kind",
        "email_sent",
        "--channel",
        "email",
        "--date",
        "2026-03-30",
    ])
    .assert()
    .success();
    p.run(&["--as-of", AS_OF, "followups"]).assert().code(0);
}

#[test]
fn reports_give_the_last_standups_follow_through() {
    let p = Place::with(&with_commitments(community()));
    let line = "Commitments of the standup of 2026-03-25: 1 of 2 kept · follow-through 50.0%";
    let text = stdout_of(p.run(&["--as-of", AS_OF, "report"]));
    assert!(text.contains(line), "{text}");
    let md = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", "md"]));
    assert!(
        md.contains(
            "**Commitments** of the standup of 2026-03-25: 1 of 2 kept · follow-through 50.0%"
        ),
        "{md}"
    );
    let json = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["follow_through"],
        serde_json::json!({"standup": "2026-03-25", "made": 2, "kept": 1, "rate": 0.5})
    );
    // A segment's report has none: commitments are the whole community's.
    let json = stdout_of(p.run(&[
        "--as-of",
        AS_OF,
        "report",
        "--format",
        "json",
        "--segment",
        "channel:forum",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["follow_through"].is_null());
    // On the standup's own day there is nothing to review yet.
    let json = stdout_of(p.run(&["--as-of", "2026-03-25", "report", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["follow_through"].is_null());
}
