//! A process killed (SIGKILL) at any moment while saving (appending a change, or compacting the
//! file after one) leaves a store that loads, passes `check`, and holds every save the process
//! reported done: one whole version, never a mix and never nothing.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use jiff::civil::date;
use ror_tui::store::{Contact, Interaction, Kind, Moment, Store, Writer, read_store};

/// A version of the store that says which it is: one contact named after it, and an interaction
/// per version so far, the latest of which changed each time. Each save appends a change of a
/// few records; every few hundred lines the file is compacted after the save.
fn generation(base: &Store, n: usize) -> Store {
    let mut s = base.clone();
    if s.contacts.is_empty() {
        s.contacts.push(Contact::new("gen 0", date(2026, 1, 1)));
    }
    let c = s.contacts[0].id;
    s.contacts[0].name = format!("gen {n}");
    let mut x = Interaction::new(c, Moment::day(date(2026, 1, 2)), "forum", Kind::Comment);
    x.note = format!("generation {n}, with some text to give the line some length");
    s.interactions.push(x);
    if let Some(first) = s.interactions.first_mut() {
        first.note = format!("first, as of generation {n}");
    }
    s
}

/// Child mode: save generation after generation until killed, saying on stdout which saves
/// returned.
#[test]
#[ignore = "run by kill_during_save_never_loses_an_acknowledged_write as a child process"]
fn save_loop_child() {
    let Some(path) = std::env::var_os("ROR_TUI_CRASH_STORE") else {
        return;
    };
    let path = PathBuf::from(path);
    let (mut w, mut store) = Writer::open(&path).unwrap();
    let start: usize = store
        .contacts
        .first()
        .and_then(|c| c.name.strip_prefix("gen ")?.parse().ok())
        .unwrap_or(0);
    let mut out = std::io::stdout().lock();
    for n in start + 1.. {
        let next = generation(&store, n);
        w.save(&next).unwrap();
        store = next;
        writeln!(out, "saved {n}").unwrap();
        out.flush().unwrap();
    }
}

/// The generation the store on disk is, after checking it is exactly that generation.
fn check(path: &Path) -> usize {
    let store = read_store(path)
        .expect("the store loads after a kill")
        .expect("the store exists");
    let n: usize = store.contacts[0].name["gen ".len()..].parse().unwrap();
    assert_eq!(
        store.interactions.len(),
        n,
        "one interaction per generation"
    );
    assert_eq!(
        store.interactions[0].note,
        format!("first, as of generation {n}"),
        "the change of generation {n} is there whole"
    );
    n
}

#[test]
fn kill_during_save_never_loses_an_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let exe = std::env::current_exe().unwrap();
    let mut compactions = 0;
    let mut last_size = 0;
    for round in 0..30u64 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "save_loop_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("ROR_TUI_CRASH_STORE", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Vary the moment of the kill across rounds (pseudo-random, reproducible).
        std::thread::sleep(Duration::from_millis(40 + (round * 37) % 90));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let acknowledged = BufReader::new(child.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("saved ")?.parse::<usize>().ok())
            .max();
        if !path.exists() {
            assert_eq!(acknowledged, None, "a save reported done left no file");
            continue;
        }
        let n = check(&path);
        if let Some(a) = acknowledged {
            assert!(
                n >= a,
                "round {round}: save {a} was reported done, the file holds {n}"
            );
        }
        let ok = Command::new(env!("CARGO_BIN_EXE_ror-tui"))
            .args(["check", "--store"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stdout)
        );
        let size = std::fs::metadata(&path).unwrap().len();
        if size < last_size {
            compactions += 1;
        }
        last_size = size;
        // The next child starts from whatever is on disk, as a restarted app would.
    }
    assert!(
        compactions > 0,
        "the rounds went through at least one compaction"
    );
}
