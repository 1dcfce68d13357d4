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
