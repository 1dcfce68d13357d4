//! Read-modify-write of the store for commands that change it (`log`, `import`).
//!
//! These commands never take the dashboard's editor lock, so they work while a dashboard is open.
//! The save takes the short write lock and refuses if the file changed since it was read (the
//! dashboard saved in between); then the change is worked out again on the new file, a few times,
//! rather than overwriting what the other program wrote.

use std::path::Path;

use anyhow::{Result, bail};

use crate::store::{SaveError, Store, StoreFile};

/// How many times a change is redone after another program saved the store in between.
const ATTEMPTS: usize = 4;

/// What a change decided: write the store, or leave the file alone (a dry run, nothing to add).
pub enum Outcome<T> {
    Save(T),
    Keep(T),
}

/// Loads the store at `path` (missing: empty), applies `change`, and saves if it asks to.
/// `change` may run more than once and must start from the store it is given each time.
pub fn update_store<T>(
    path: &Path,
    mut change: impl FnMut(&mut Store) -> Result<Outcome<T>>,
) -> Result<T> {
    for _ in 0..ATTEMPTS {
        let (mut file, mut store) = StoreFile::open(path)?;
        match change(&mut store)? {
            Outcome::Keep(t) => return Ok(t),
            Outcome::Save(t) => match file.save(&store) {
                Ok(()) => return Ok(t),
                Err(SaveError::ChangedUnderneath { .. }) => continue,
                Err(e) => return Err(e.into()),
            },
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
    fn a_save_by_another_program_in_between_is_kept_and_the_change_redone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        std::fs::write(&path, to_store_json(&Store::default())).unwrap();
        let mut calls = 0;
        let seen = update_store(&path, |store| {
            calls += 1;
            if calls == 1 {
                // A dashboard saves a new contact while this command works.
                let mut theirs = Store::default();
                theirs
                    .contacts
                    .push(Contact::new("From the dashboard", date(2026, 1, 1)));
                std::thread::sleep(std::time::Duration::from_millis(20));
                std::fs::write(&path, to_store_json(&theirs)).unwrap();
            }
            let seen = store.contacts.len();
            store
                .contacts
                .push(Contact::new("From the command", date(2026, 1, 2)));
            Ok(Outcome::Save(seen))
        })
        .unwrap();
        assert_eq!(calls, 2, "redone once");
        assert_eq!(
            seen, 1,
            "the second attempt started from the dashboard's save"
        );
        let (_, s) = StoreFile::open(&path).unwrap();
        let names: Vec<_> = s.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["From the dashboard", "From the command"]);
    }

    #[test]
    fn keep_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        let n = update_store(&path, |store| {
            store.contacts.push(Contact::new("x", date(2026, 1, 1)));
            Ok(Outcome::Keep(7))
        })
        .unwrap();
        assert_eq!(n, 7);
        assert!(!path.exists());
    }
}
