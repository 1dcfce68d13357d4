//! Saving a change to the store: under the write lock, after looking at the file again, the
//! records that changed are appended and flushed to disk; a store still in schema 1, or none
//! yet, is written whole. A save never writes over what it has not read: when another program
//! changed the file meanwhile, it says so ([`Saved::Behind`]) with what changed, and writes
//! nothing.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;

use super::diff::diff;
use super::file::{Compacted, Followed, StoreFile};
use super::load::{Format, LoadError};
use super::model::Store;
use super::read::Take;

/// How long a save waits for another writer (a `ror-tui log` from another shell) to finish.
pub const WRITE_LOCK_PATIENCE: Duration = Duration::from_secs(3);

#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is not the one that was read.
    ChangedUnderneath { path: PathBuf },
    /// Another writer held the lock for longer than we wait.
    Busy { path: PathBuf },
    /// The file changed and what it holds now cannot be read.
    Unreadable(Box<LoadError>),
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::ChangedUnderneath { path } => write!(
                f,
                "{} changed on disk while this change was being written (another program \
                 replaced it); nothing was overwritten",
                path.display()
            ),
            SaveError::Busy { path } => write!(
                f,
                "{} is being written by another ror-tui (its write lock was held for more than \
                 {} s); nothing was saved — try again in a moment, and if it keeps happening, \
                 look for a ror-tui that is stuck writing it",
                path.display(),
                WRITE_LOCK_PATIENCE.as_secs()
            ),
            SaveError::Unreadable(e) => write!(f, "{e}"),
            SaveError::Io {
                path,
                action,
                source,
            } => {
                write!(f, "cannot save {}: {action}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for SaveError {}

impl From<LoadError> for SaveError {
    fn from(e: LoadError) -> Self {
        SaveError::Unreadable(Box::new(e))
    }
}

/// How a save went.
#[derive(Debug)]
pub enum Saved {
    /// Written and flushed to disk; compacted after, when the file had grown a long tail.
    Written { compacted: Option<Compacted> },
    /// Another program changed the file since it was last read here: nothing was written, and
    /// this is what changed. The change must be made again on top of it.
    Behind(Followed),
}

impl StoreFile {
    /// Loads the store at `path`; a missing file is an empty store, created on first save.
    pub fn open(path: &std::path::Path) -> Result<(StoreFile, Store), LoadError> {
        match StoreFile::read(path, Take::Everything)? {
            Some((file, folded)) => Ok((file, folded.store)),
            None => Ok((
                StoreFile::at(path).map_err(|e| LoadError::Io {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                })?,
                Store::default(),
            )),
        }
    }

    /// Writes the change from `base` (the store as last read or written here, under `lock`)
    /// to `new`: appended, or the whole store written when the file is new or of schema 1.
    pub fn write_change(
        &mut self,
        lock: &super::file::WriteLock,
        base: &Store,
        new: &Store,
        now: Option<Timestamp>,
    ) -> Result<(), SaveError> {
        let whole = self.seen().is_none_or(|s| s.format() == Format::Object);
        if whole {
            if self.seen().is_none() && new == base && base.is_empty() {
                return Ok(());
            }
            let mut stamped = new.clone();
            super::diff::apply(&mut stamped, diff(base, new, now));
            return self.rewrite(lock, &stamped);
        }
        let lines = diff(base, new, now);
        self.append(lock, &lines)
    }

    /// Saves the change from `base` (the store as this process last read or wrote it) to `new`,
    /// each changed record stamped `now`.
    pub fn save(
        &mut self,
        base: &Store,
        new: &Store,
        now: Option<Timestamp>,
    ) -> Result<Saved, SaveError> {
        let lock = self.lock()?;
        match self.follow(true)? {
            Followed::Same => {}
            other => return Ok(Saved::Behind(other)),
        }
        self.write_change(&lock, base, new, now)?;
        // The change is on disk; a compaction that fails leaves it there.
        let compacted = if self.wants_compaction() {
            self.compact(&lock).ok()
        } else {
            None
        };
        Ok(Saved::Written { compacted })
    }
}

/// A store file and the store it holds as written here, for a program that saves successive
/// versions of a store: each save writes the change from the last one.
#[derive(Debug)]
pub struct Writer {
    file: StoreFile,
    held: Store,
}

impl Writer {
    /// The store at `path` (missing: empty), ready to save new versions of it.
    pub fn open(path: &std::path::Path) -> Result<(Writer, Store), LoadError> {
        let (file, store) = StoreFile::open(path)?;
        Ok((
            Writer {
                file,
                held: store.clone(),
            },
            store,
        ))
    }

    /// Saves `store` as the new version. When another program changed the file since it was
    /// last read or written here, nothing is written: [`SaveError::ChangedUnderneath`].
    pub fn save(&mut self, store: &Store) -> Result<Option<Compacted>, SaveError> {
        match self.file.save(&self.held, store, super::stamp_now())? {
            Saved::Written { compacted } => {
                self.held = store.clone();
                Ok(compacted)
            }
            Saved::Behind(_) => Err(SaveError::ChangedUnderneath {
                path: self.file.path.clone(),
            }),
        }
    }

    /// Rewrites the file in canonical order (see [`StoreFile::compact`]).
    pub fn compact(&mut self) -> Result<Compacted, super::file::CompactError> {
        let lock = self.file.lock()?;
        self.file.compact(&lock)
    }

    pub fn file(&self) -> &StoreFile {
        &self.file
    }
}
