//! Advisory locks beside the store, with `std::fs::File::try_lock`.
//!
//! Two locks, because two different things must be exclusive:
//! - the **editor lock** is held by a dashboard for as long as it runs, so a second dashboard on
//!   the same store opens read-only instead of two people editing one file;
//! - the **write lock** is held only while a store is read-modified-written (a dashboard's save,
//!   `ror-tui log`, `ror-tui import`), so short command-line writes can still go through while a
//!   dashboard is open, one at a time.
//!
//! The locks are on side files, not the store itself, because a compaction replaces the store's
//! inode by renaming over it, and a lock on the old inode would protect nothing. They sit beside
//! the file a store path leads to (a link followed), so a dashboard opened through a link and
//! one opened on the file itself see each other's locks; a lock file that is itself a link is
//! never followed.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct LockFile {
    _file: File,
    pub path: PathBuf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockKind {
    Editor,
    Write,
}

/// `store.json` → `.store.json.editor.lock` / `.store.json.lock` in the same folder.
pub fn lock_path(store: &Path, kind: LockKind) -> PathBuf {
    let name = store
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = match kind {
        LockKind::Editor => format!(".{name}.editor.lock"),
        LockKind::Write => format!(".{name}.lock"),
    };
    store.with_file_name(file)
}

impl LockFile {
    /// Takes the lock if it is free; `Ok(None)` when another process holds it.
    pub fn try_acquire(store: &Path, kind: LockKind) -> io::Result<Option<LockFile>> {
        let path = lock_path(store, kind);
        let file = open_lock_file(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(LockFile { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// Waits up to `patience` for the lock, polling: writers hold it for milliseconds.
    pub fn acquire_within(
        store: &Path,
        kind: LockKind,
        patience: Duration,
    ) -> io::Result<Option<LockFile>> {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(l) = Self::try_acquire(store, kind)? {
                return Ok(Some(l));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    opts.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return io::Error::other(format!(
                "{} is a symbolic link; a lock file never is (remove it)",
                path.display()
            ));
        }
        e
    })
}
