//! `ror-tui log` and `ror-tui import` while another program writes the store: a write lock held
//! briefly is waited for and the command succeeds; one held longer than the patience fails the
//! command with exit 1 and a message that names the store and says what to do, and nothing is
//! written.

#[path = "cli_support/mod.rs"]
mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;
use ror_tui::store::{LockFile, LockKind, Store, WRITE_LOCK_PATIENCE};

fn ada_store() -> Store {
    Store {
        contacts: vec![contact("Ada Lovelace", Some("ada"), None)].into(),
        ..Store::default()
    }
}

const CSV: &str =
    "date,contact,kind,channel,note\n2026-03-02,Grace Hopper,call,phone,Imported while locked\n";

#[test]
fn a_lock_held_past_the_patience_fails_log_and_import_clearly_and_writes_nothing() {
    let p = Place::with(&ada_store());
    let csv = p.file("history.csv", CSV);
    let before = std::fs::read(&p.store).unwrap();
    let _other_writer = LockFile::try_acquire(&p.store, LockKind::Write)
        .unwrap()
        .expect("the write lock is free");
    let store = p.store.display().to_string();
    for args in [
        vec!["log", "--contact", "@ada", "--kind", "call", "--note", "x"],
        vec!["import", csv.to_str().unwrap()],
    ] {
        let start = Instant::now();
        let out = p.run(&args).output().unwrap();
        assert!(
            start.elapsed() >= WRITE_LOCK_PATIENCE,
            "{} waited for the lock first",
            args[0]
        );
        assert_eq!(out.status.code(), Some(1), "{}", args[0]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&store), "names the store: {err}");
        assert!(
            err.contains("is being written by another ror-tui"),
            "says why: {err}"
        );
        assert!(err.contains("nothing was saved"), "{err}");
        assert!(
            err.contains("try again in a moment"),
            "says what to do: {err}"
        );
        assert_eq!(std::fs::read(&p.store).unwrap(), before, "{}", args[0]);
    }
}

#[test]
fn log_and_import_wait_for_a_short_write_and_then_succeed() {
    let p = Place::with(&ada_store());
    let csv = p.file("history.csv", CSV);
    for args in [
        vec![
            "log",
            "--contact",
            "@ada",
            "--kind",
            "call",
            "--note",
            "Logged after the wait",
        ],
        vec!["import", csv.to_str().unwrap()],
    ] {
        let lock = LockFile::try_acquire(&p.store, LockKind::Write)
            .unwrap()
            .expect("the write lock is free");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ror-tui"))
            .arg("--store")
            .arg(&p.store)
            .args(&args)
            .env("TZ", "UTC")
            .env_remove("ROR_TUI_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(800));
        assert!(
            child.try_wait().unwrap().is_none(),
            "{} waits while the lock is held",
            args[0]
        );
        drop(lock);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            args[0],
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let notes: Vec<String> = p.load().interactions.into_iter().map(|x| x.note).collect();
    assert!(notes.contains(&"Logged after the wait".to_string()));
    assert!(notes.contains(&"Imported while locked".to_string()));
}
