//! Read-modify-write of the store for commands that change it (`log`, `import`).
//!
//! These commands never take the dashboard's editor lock, so they work while a dashboard is open.
//! They take the short write lock first, then read the store, make their change and append it,
//! all under that lock: no other writer of ours can come in between, so the change always builds
//! on everything written before it. A program that ignores the lock and replaces the file
//! meanwhile (an editor, `git pull`) is noticed by the write, and the change is made again on
//! what it wrote.

use std::path::Path;

use anyhow::{Result, bail};

use crate::store::{SaveError, Store, StoreFile, Take};

/// How many times a change is redone after another program replaced the store in between.
const ATTEMPTS: usize = 4;

/// What a change decided: write the store, or leave the file alone (a dry run, nothing to add).
pub enum Outcome<T> {
    Save(T),
    Keep(T),
}

/// Loads the store at `path` (missing: empty), applies `change`, and saves if it asks to.
/// `change` may run more than once and must start from the store it is given each time. With
/// [`Take::AllButInteractions`] the store it is given holds no interactions (and the change
/// may only add some).
pub fn update_store<T>(
    path: &Path,
    take: Take,
    change: impl FnMut(&mut Store) -> Result<Outcome<T>>,
) -> Result<T> {
    update_store_keeping(path, take, change).map(|(t, _)| t)
}

/// [`update_store`], handing back the store as changed: a command about to end lets it go
/// with [`crate::store::release_at_exit`] rather than free a large store record by record.
pub fn update_store_keeping<T>(
    path: &Path,
    take: Take,
    mut change: impl FnMut(&mut Store) -> Result<Outcome<T>>,
) -> Result<(T, Store)> {
    let mut file = StoreFile::at(path)?;
    let lock = file.lock()?;
    for _ in 0..ATTEMPTS {
        let base = match file.load(take, |_| ())? {
            Some((folded, ())) => folded.store,
            None => Store::default(),
        };
        let mut new = base.clone();
        let t = match change(&mut new)? {
            Outcome::Keep(t) => return Ok((t, new)),
            Outcome::Save(t) => t,
        };
        match file.write_change(&lock, &base, &new, crate::store::stamp_now()) {
            Ok(()) => {
                // The change is on disk; a compaction that fails leaves it there, and the next
                // write tries again.
                if file.wants_compaction() {
                    let _ = file.compact(&lock);
                }
                return Ok((t, new));
            }
            Err(SaveError::ChangedUnderneath { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    bail!(
        "{} kept changing while this command ran (another program is writing it); nothing was \
         written — try again",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Contact, to_store_json};
    use jiff::civil::date;

    #[test]
    fn a_file_replaced_by_another_program_in_between_is_kept_and_the_change_redone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        std::fs::write(&path, to_store_json(&Store::default())).unwrap();
        let mut calls = 0;
        let seen = update_store(&path, Take::Everything, |store| {
            calls += 1;
            if calls == 1 {
                // An editor saves a new contact while this command works (it takes no lock).
                let mut theirs = Store::default();
                theirs
                    .contacts
                    .push(Contact::new("From the editor", date(2026, 1, 1)));
                let tmp = dir.path().join("editor.tmp");
                std::fs::write(&tmp, to_store_json(&theirs)).unwrap();
                std::fs::rename(&tmp, &path).unwrap();
            }
            let seen = store.contacts.len();
            store
                .contacts
                .push(Contact::new("From the command", date(2026, 1, 2)));
            Ok(Outcome::Save(seen))
        })
        .unwrap();
        assert_eq!(calls, 2, "redone once");
        assert_eq!(seen, 1, "the second attempt started from the editor's save");
        let (_, s) = StoreFile::open(&path).unwrap();
        let names: Vec<_> = s.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["From the editor", "From the command"]);
    }

    #[test]
    fn keep_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        let n = update_store(&path, Take::Everything, |store| {
            store.contacts.push(Contact::new("x", date(2026, 1, 1)));
            Ok(Outcome::Keep(7))
        })
        .unwrap();
        assert_eq!(n, 7);
        assert!(!path.exists());
    }
}
