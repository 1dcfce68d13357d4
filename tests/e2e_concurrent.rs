//! End to end: the dashboard open in tmux while other programs write the store. An import from a
//! shell shows up without restarting or a key pressed, and an edit made after it keeps both; a
//! `log` that finds the write lock held waits, succeeds and shows up; a dashboard save that waits
//! longer than its patience says so, keeps the change and retries; edits in the dashboard while
//! shells keep logging. No write is lost in any of them.

mod support_dash;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ror_tui::store::{LockFile, LockKind};
use support_dash::term::*;

fn open_dashboard() -> (Term, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = ada_store_file(dir.path());
    let t = Term::start_in(
        dir,
        &["--store", "store.json", "--as-of", "2026-03-31"],
        120,
        30,
    );
    t.wait_for("Advocates");
    (t, path)
}

/// Waits until the store on disk holds every one of `expected` notes.
fn wait_notes(path: &Path, expected: &[&str]) {
    let start = Instant::now();
    while !expected
        .iter()
        .all(|n| notes(path).contains(&n.to_string()))
    {
        assert!(
            start.elapsed() < DEADLINE,
            "the store never held {expected:?}: {:?}",
            notes(path)
        );
        std::thread::sleep(Duration::from_millis(40));
    }
}

fn ror(path: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--store")
        .arg(path)
        .args(args)
        .env("TZ", "UTC")
        .env_remove("ROR_TUI_STORE");
    c
}

fn quick_log(t: &Term, line: &str) {
    t.keys(&[":"]);
    t.wait_for("Quick log");
    t.keys(&["-l", line]);
    t.keys(&["Enter"]);
}

#[test]
fn an_import_from_a_shell_shows_up_and_an_edit_made_after_it_keeps_both() {
    if !tmux_available() {
        return;
    }
    let (t, path) = open_dashboard();
    t.keys(&["l"]);
    t.wait_for("Interaction log 1");
    let csv = t.path().join("history.csv");
    std::fs::write(
        &csv,
        "date,contact,kind,channel,note\n2026-03-25,Grace Hopper,call,phone,Imported from a shell\n",
    )
    .unwrap();
    let out = ror(&path, &["import"]).arg(&csv).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // No key is pressed: the dashboard follows the file.
    t.wait_for("Grace Hopper");
    t.wait_for("Interaction log 2");
    // An edit made here now builds on the imported store.
    quick_log(&t, "@ada call phone \"Logged after the import\"");
    t.wait_for("logged call with Ada Lovelace");
    wait_notes(
        &path,
        &[
            "Love the release",
            "Imported from a shell",
            "Logged after the import",
        ],
    );
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
    assert_eq!(notes(&path).len(), 3);
}

#[test]
fn a_log_that_finds_the_lock_held_waits_succeeds_and_shows_up() {
    if !tmux_available() {
        return;
    }
    let (t, path) = open_dashboard();
    t.keys(&["l"]);
    t.wait_for("Interaction log 1");
    let lock = LockFile::try_acquire(&path, LockKind::Write)
        .unwrap()
        .expect("the write lock is free");
    let mut log = ror(
        &path,
        &[
            "log",
            "--contact",
            "Grace Hopper",
            "--create",
            "--kind",
            "call",
            "--channel",
            "phone",
            "--date",
            "2026-03-30",
            "--note",
            "Waited for the lock",
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    assert!(log.try_wait().unwrap().is_none(), "it waits for the lock");
    drop(lock);
    let out = log.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.wait_for("Grace Hopper");
    t.wait_for("Interaction log 2");
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
    wait_notes(&path, &["Love the release", "Waited for the lock"]);
}

#[test]
fn a_dashboard_save_that_waits_past_its_patience_says_so_and_retries() {
    if !tmux_available() {
        return;
    }
    let (t, path) = open_dashboard();
    let before = std::fs::read(&path).unwrap();
    let lock = LockFile::try_acquire(&path, LockKind::Write)
        .unwrap()
        .expect("the write lock is free");
    quick_log(&t, "@ada call phone \"Saved on the second try\"");
    let screen = t.wait_for("not saved");
    assert!(
        screen.contains("is being written by another ror-tui"),
        "{screen}"
    );
    assert!(screen.contains("UNSAVED"), "{screen}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drop(lock);
    t.keys(&["C-s"]);
    t.wait_gone("UNSAVED");
    wait_notes(&path, &["Love the release", "Saved on the second try"]);
    t.keys(&["q"]);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);
}

#[test]
fn edits_in_the_dashboard_while_a_shell_keeps_logging_lose_nothing() {
    if !tmux_available() {
        return;
    }
    let (t, path) = open_dashboard();
    t.keys(&["l"]);
    t.wait_for("Interaction log 1");
    let shell = {
        let path = path.clone();
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            for k in 0..40 {
                let note = format!("from the shell {k}");
                let out = ror(
                    &path,
                    &[
                        "log",
                        "--contact",
                        "Ada Lovelace",
                        "--kind",
                        "message",
                        "--note",
                    ],
                )
                .arg(&note)
                .output()
                .unwrap();
                if out.status.success() {
                    acknowledged.push(note);
                }
            }
            acknowledged
        })
    };
    let mine: Vec<String> = (0..5).map(|k| format!("from the dashboard {k}")).collect();
    for note in &mine {
        quick_log(&t, &format!("@ada call phone \"{note}\""));
        wait_notes(&path, &[note]);
    }
    let theirs = shell.join().unwrap();
    assert!(
        theirs.len() >= 36,
        "the shell's calls went through: {}",
        theirs.len()
    );
    let all: Vec<&str> = std::iter::once("Love the release")
        .chain(theirs.iter().map(String::as_str))
        .chain(mine.iter().map(String::as_str))
        .collect();
    wait_notes(&path, &all);
    // The dashboard shows them all too, without a key.
    t.wait_for(&format!("Interaction log {}", all.len()));
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
    let on_disk = notes(&path);
    assert_eq!(on_disk.len(), all.len(), "each write once: {on_disk:?}");
}
