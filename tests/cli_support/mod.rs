//! Helpers for the command-line tests: the binary with a clean environment, and stores in a
//! temporary folder (never the user's own).

#![allow(dead_code)] // each test binary uses a different part of this module

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use jiff::civil::Date;
use ror_tui::store::{Contact, Interaction, Kind, Moment, Store, read_store, to_store_json};
use tempfile::TempDir;

/// `ror-tui` with TZ=UTC and no store from the environment.
pub fn ror() -> Command {
    let mut c = Command::cargo_bin("ror-tui").unwrap();
    c.env_remove("ROR_TUI_STORE").env("TZ", "UTC");
    c
}

/// A temporary folder with a store path in it (the file itself may not exist yet).
pub struct Place {
    pub dir: TempDir,
    pub store: PathBuf,
}

impl Place {
    pub fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store.json");
        Place { dir, store }
    }

    pub fn with(store: &Store) -> Place {
        let p = Place::new();
        p.write(store);
        p
    }

    pub fn write(&self, store: &Store) {
        std::fs::write(&self.store, to_store_json(store)).unwrap();
    }

    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn load(&self) -> Store {
        load(&self.store)
    }

    /// A contact typed by hand, as `log --create` makes one: `name` with a call on `date`.
    pub fn typed_contact(&self, name: &str, date: &str) {
        self.run(&[
            "log",
            "--contact",
            name,
            "--create",
            "--kind",
            "call",
            "--date",
            date,
        ])
        .assert()
        .success();
    }

    /// `ror-tui --store <this store> <args>`; more arguments may follow.
    pub fn run(&self, args: &[&str]) -> Command {
        let mut c = ror();
        c.arg("--store").arg(&self.store).args(args);
        c
    }
}

pub fn load(path: &Path) -> Store {
    read_store(path).unwrap().expect("store exists")
}

pub fn day(s: &str) -> Date {
    s.parse().unwrap()
}

pub fn contact(name: &str, handle: Option<&str>, email: Option<&str>) -> Contact {
    let mut c = Contact::new(name, day("2026-01-01"));
    c.handle = handle.map(str::to_string);
    c.email = email.map(str::to_string);
    c
}

pub fn interaction(c: &Contact, date: &str, kind: Kind, channel: &str) -> Interaction {
    Interaction::new(c.id, Moment::parse(date).unwrap(), channel, kind)
}

/// Today in UTC, the zone every test runs the binary in.
pub fn today_utc() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Runs a command that must succeed and returns its stdout.
pub fn stdout_of(mut c: impl std::borrow::BorrowMut<Command>) -> String {
    let out = c
        .borrow_mut()
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

// Platform exports: the import tests' fixtures and how they read a store back.

/// A file or folder under `tests/fixtures/platforms`.
pub fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/platforms")
        .join(p)
}

/// `ror-tui import ARGS…`: exit code, stdout, stderr.
pub fn import(place: &Place, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = place.run(&all).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A contact as the tests compare it: name, email, organisation, created, identities as
/// `platform=id`.
pub type Seen = (String, Option<String>, Option<String>, String, Vec<String>);

/// Every contact, by name.
pub fn contacts(s: &Store) -> Vec<Seen> {
    let mut v: Vec<_> = s
        .contacts
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.email.clone(),
                c.organisation.clone(),
                c.created.to_string(),
                c.identities
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
            )
        })
        .collect();
    v.sort();
    v
}

/// `when name kind channel direction [value] note` of every interaction, in store order.
pub fn interactions(s: &Store) -> Vec<String> {
    s.interactions
        .iter()
        .map(|x| {
            let name = &s.contacts.iter().find(|c| c.id == x.contact).unwrap().name;
            let value = x.value.map_or(String::new(), |v| format!(" {v}"));
            format!(
                "{} {name} {} {} {}{value} {:?}",
                x.at,
                x.kind,
                x.channel.as_str(),
                x.direction,
                x.note
            )
        })
        .collect()
}
