//! Shared fixtures for the form tests: a small community, a fixed "now", and key helpers.
#![allow(dead_code)] // each test file uses its own share of these

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{DateTime, date};
use ror_tui::forms::{FormContext, FormSpec, Outcome, QuickLogForm};
use ror_tui::store::{Contact, Interaction, Kind, Moment, Store};
use uuid::Uuid;

/// Friday 20 November 2026, 14:03 local time.
pub fn now() -> DateTime {
    date(2026, 11, 20).at(14, 3, 0, 0)
}

/// Contacts get fixed ids (1, 2, ...) so every call to [`store`] describes the same community.
fn contact(n: u128, name: &str, handle: Option<&str>, org: Option<&str>, tags: &[&str]) -> Contact {
    let mut c = Contact::new(name, date(2026, 1, 5));
    c.id = Uuid::from_u128(n);
    c.handle = handle.map(String::from);
    c.organisation = org.map(String::from);
    c.tags = tags.iter().map(|t| t.to_string()).collect();
    c
}

/// Five contacts (two sharing "Ada"), and messages on linkedin (most recent), slack and email.
pub fn store() -> Store {
    let contacts = vec![
        contact(
            1,
            "Ada Lovelace",
            Some("ada"),
            Some("Analytical Engines"),
            &["vip", "speaker"],
        ),
        contact(
            2,
            "Ada Yonath",
            Some("yonath"),
            Some("Weizmann"),
            &["speaker"],
        ),
        contact(
            3,
            "Grace Hopper",
            Some("grace"),
            Some("Navy"),
            &["volunteer"],
        ),
        contact(4, "Alan Turing", Some("alan"), Some("Bletchley"), &[]),
        contact(5, "Linus Pauling", None, None, &[]),
    ];
    let mut s = Store {
        contacts: contacts.into(),
        ..Store::default()
    };
    let ada = s.contacts[0].id;
    for (day, ch) in [(2, "email"), (18, "linkedin"), (10, "slack")] {
        s.interactions.push(Interaction::new(
            ada,
            Moment::day(date(2026, 11, day)),
            ch,
            Kind::Message,
        ));
    }
    s
}

pub fn ctx() -> FormContext {
    FormContext::from_store(&store(), now())
}

pub fn id_of(ctx: &FormContext, name: &str) -> Uuid {
    ctx.contacts
        .entries
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no contact {name}"))
        .id
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn tab() -> KeyEvent {
    key(KeyCode::Tab)
}

pub fn backtab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

pub fn enter() -> KeyEvent {
    key(KeyCode::Enter)
}

pub fn esc() -> KeyEvent {
    key(KeyCode::Esc)
}

/// Types each character as a key press; every key must be used by the form.
pub fn typ<F: FormSpec>(f: &mut F, text: &str)
where
    F::Output: std::fmt::Debug,
{
    for c in text.chars() {
        let out = f.handle_key(key(KeyCode::Char(c)));
        assert!(matches!(out, Outcome::Consumed), "typing {c:?}: {out:?}");
    }
}

/// Presses keys, returning the last outcome.
pub fn press<F: FormSpec>(f: &mut F, keys: &[KeyEvent]) -> Outcome<F::Output> {
    let mut last = Outcome::Consumed;
    for k in keys {
        last = f.handle_key(*k);
    }
    last
}

pub fn quick(line: &str) -> QuickLogForm {
    let mut q = QuickLogForm::new(&ctx());
    q.handle_paste(line);
    q
}
