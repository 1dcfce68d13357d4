//! The local JSON store: its model, loading and validation, atomic saves and locking.

mod blocks;
mod load;
pub mod lock;
mod model;
mod moment;
mod money;
mod record;
mod save;
mod serialise;
mod split;
mod validate;

use std::path::{Path, PathBuf};

pub use blocks::{BLOCK, Blocks};
pub use load::{LoadError, MAX_STORE_BYTES, parse_store, read_store, read_store_with};
pub use lock::{LockFile, LockKind};
pub use model::*;
pub use moment::Moment;
pub use money::{MAX_CENTS, Money, group_digits};
pub use save::{
    Fingerprint, SaveError, WRITE_LOCK_PATIENCE, backup_path, save_bytes, save_store, to_store_json,
};
pub use serialise::write_store;
pub use validate::{Problem, locate, validate};

/// Lets a large value go without freeing it, for a process about to exit: the operating system
/// takes the memory back at once, while freeing a million records one by one takes a tenth of a
/// second that the user would wait for.
pub fn release_at_exit<T>(value: T) {
    std::mem::forget(value);
}

/// A store on disk, as this process last saw it.
#[derive(Debug)]
pub struct StoreFile {
    pub path: PathBuf,
    /// The file as loaded or last saved; `None` while it does not exist yet.
    fingerprint: Option<Fingerprint>,
}

impl StoreFile {
    /// Loads the store at `path`; a missing file is an empty store, created on first save.
    pub fn open(path: &Path) -> Result<(StoreFile, Store), LoadError> {
        let store = read_store(path)?;
        let file = StoreFile::after_reading(path)?;
        Ok((file, store.unwrap_or_default()))
    }

    /// [`StoreFile::open`], with `prepare` worked out beside the validation (see
    /// [`read_store_with`]); `None` for a new store, which there was nothing to prepare from.
    pub fn open_with<T: Send>(
        path: &Path,
        prepare: impl FnOnce(&Store) -> T + Send,
    ) -> Result<(StoreFile, Store, Option<T>), LoadError> {
        let read = read_store_with(path, prepare)?;
        let file = StoreFile::after_reading(path)?;
        Ok(match read {
            Some((store, prepared)) => (file, store, Some(prepared)),
            None => (file, Store::default(), None),
        })
    }

    fn after_reading(path: &Path) -> Result<StoreFile, LoadError> {
        // Fingerprint after reading: if the file changes between the two, the next save refuses,
        // which is the safe direction to be wrong in.
        let fingerprint = Fingerprint::of(path).map_err(|e| LoadError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(StoreFile {
            path: path.to_path_buf(),
            fingerprint,
        })
    }

    /// Writes `store`, refusing if the file changed since it was loaded or last saved here.
    pub fn save(&mut self, store: &Store) -> Result<(), SaveError> {
        self.fingerprint = Some(save_store(&self.path, store, self.fingerprint)?);
        Ok(())
    }

    /// Whether the file on disk is no longer the one this process loaded or saved.
    pub fn changed_on_disk(&self) -> bool {
        Fingerprint::of(&self.path)
            .map(|f| f != self.fingerprint)
            .unwrap_or(true)
    }

    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.fingerprint
    }

    /// Records that the file now on disk is the one this process holds (after a background save).
    pub fn set_fingerprint(&mut self, fingerprint: Option<Fingerprint>) {
        self.fingerprint = fingerprint;
    }
}
