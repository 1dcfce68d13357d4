//! Many hands on one store at once: `ror-tui log` from several shells while the file is being
//! compacted, and a reader following the file (as the dashboard does) while others append and
//! compact. Every write that reported success is there afterwards, counted exactly, and the
//! reader ends with exactly what the file holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use jiff::civil::date;
use ror_tui::cli::update::{Outcome, update_store};
use ror_tui::store::{
    Contact, Followed, Interaction, Kind, Moment, Store, StoreFile, Take, apply, diff, read_store,
    to_store_json,
};

fn store_with_ada(dir: &Path) -> PathBuf {
    let path = dir.join("store.json");
    let mut s = Store::default();
    let mut ada = Contact::new("Ada Lovelace", date(2026, 1, 2));
    ada.handle = Some("ada".into());
    s.contacts.push(ada);
    std::fs::write(&path, to_store_json(&s)).unwrap();
    path
}

/// How many times each note is in the store.
fn note_counts(path: &Path) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for x in read_store(path).unwrap().unwrap().interactions.iter() {
        *m.entry(x.note.clone()).or_insert(0) += 1;
    }
    m
}

#[test]
fn three_shells_logging_at_once_while_the_store_is_compacted_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_with_ada(dir.path());
    let per_shell = 100;
    let stop = Arc::new(AtomicBool::new(false));
    let compactor = {
        let (path, stop) = (path.clone(), stop.clone());
        thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(Ordering::SeqCst) {
                let out = Command::new(env!("CARGO_BIN_EXE_ror-tui"))
                    .args(["compact", "--store"])
                    .arg(&path)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                runs += 1;
                thread::sleep(std::time::Duration::from_millis(30));
            }
            runs
        })
    };
    let shells: Vec<_> = (0..3)
        .map(|s| {
            let path = path.clone();
            thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for k in 0..per_shell {
                    let note = format!("shell {s} call {k}");
                    let out = Command::new(env!("CARGO_BIN_EXE_ror-tui"))
                        .args([
                            "log",
                            "--contact",
                            "@ada",
                            "--kind",
                            "message",
                            "--note",
                            &note,
                        ])
                        .arg("--store")
                        .arg(&path)
                        .env("TZ", "UTC")
                        .output()
                        .unwrap();
                    if out.status.success() {
                        acknowledged.push(note);
                    } else {
                        // Refusing is allowed (a busy store); losing a write that said it was
                        // saved is not.
                        let err = String::from_utf8_lossy(&out.stderr);
                        assert!(err.contains("nothing was"), "{err}");
                    }
                }
                acknowledged
            })
        })
        .collect();
    let acknowledged: Vec<String> = shells.into_iter().flat_map(|h| h.join().unwrap()).collect();
    stop.store(true, Ordering::SeqCst);
    let compactions = compactor.join().unwrap();
    assert!(compactions > 0);
    assert!(
        acknowledged.len() >= 3 * per_shell * 9 / 10,
        "most calls went through: {}",
        acknowledged.len()
    );
    let counts = note_counts(&path);
    for note in &acknowledged {
        assert_eq!(counts.get(note), Some(&1), "{note} is there exactly once");
    }
    assert_eq!(counts.len(), acknowledged.len(), "nothing else is there");
    let check = Command::new(env!("CARGO_BIN_EXE_ror-tui"))
        .args(["check", "--store"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// As the dashboard's store worker does: their lines applied to the store held.
fn follow(file: &mut StoreFile, held: &mut Store) -> bool {
    match file.follow(false).unwrap() {
        Followed::Same => false,
        Followed::Appended(lines) => {
            apply(held, lines);
            true
        }
        Followed::Replaced(folded) => {
            let lines = diff(held, &folded.store, None);
            apply(held, lines);
            true
        }
        Followed::Gone => panic!("the store is never removed here"),
    }
}

#[test]
fn a_reader_following_the_file_while_others_append_and_compact_ends_with_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = store_with_ada(dir.path());
    let ada = read_store(&path).unwrap().unwrap().contacts[0].id;
    let writers_done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let path = path.clone();
            thread::spawn(move || {
                for k in 0..150 {
                    update_store(&path, Take::AllButInteractions, |s| {
                        let mut x = Interaction::new(
                            ada,
                            Moment::day(date(2026, 2, 1 + (k % 28) as i8)),
                            "slack",
                            Kind::Comment,
                        );
                        x.note = format!("writer {w} line {k}");
                        s.interactions.push(x);
                        Ok(Outcome::Save(()))
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    let compactor = {
        let (path, done) = (path.clone(), writers_done.clone());
        thread::spawn(move || {
            let mut n = 0;
            while !done.load(Ordering::SeqCst) {
                let mut file = StoreFile::at(&path).unwrap();
                let lock = file.lock().unwrap();
                file.compact(&lock).unwrap();
                drop(lock);
                n += 1;
                thread::sleep(std::time::Duration::from_millis(15));
            }
            n
        })
    };
    let (mut file, folded) = StoreFile::read(&path, Take::Everything).unwrap().unwrap();
    let mut held = folded.store;
    let mut changes = 0;
    while !writers.iter().all(|w| w.is_finished()) {
        if follow(&mut file, &mut held) {
            changes += 1;
        }
    }
    for w in writers {
        w.join().unwrap();
    }
    writers_done.store(true, Ordering::SeqCst);
    let compactions = compactor.join().unwrap();
    follow(&mut file, &mut held);
    let on_disk = read_store(&path).unwrap().unwrap();
    assert_eq!(
        on_disk.interactions.len(),
        450,
        "every write is in the file"
    );
    assert_eq!(
        held, on_disk,
        "the reader holds exactly what the file holds"
    );
    assert!(
        changes > 10,
        "the reader saw the store change as it went: {changes}"
    );
    assert!(compactions > 0);
}
