//! Writing a store durably: never half-written, never over someone else's changes.
//!
//! A save writes the whole store to a temporary file in the same folder (mode 0600), fsyncs it,
//! keeps the current file as `<name>.bak` (a hard link, so no copy), renames the new file over the
//! old one and fsyncs the folder. A crash at any point leaves either the old or the new store.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::lock::{LockFile, LockKind};
use super::model::Store;
use super::serialise::write_store;

/// How long a save waits for another writer (a `ror-tui log` from another shell) to finish.
pub const WRITE_LOCK_PATIENCE: Duration = Duration::from_secs(3);

/// What identifies the file we loaded, to notice when something else replaced or edited it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    ino: u64,
}

impl Fingerprint {
    /// `Ok(None)` when the file does not exist.
    pub fn of(path: &Path) -> io::Result<Option<Fingerprint>> {
        match fs::metadata(path) {
            Ok(m) => Ok(Some(Fingerprint {
                len: m.len(),
                modified: m.modified().ok(),
                #[cfg(unix)]
                ino: std::os::unix::fs::MetadataExt::ino(&m),
            })),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is not the one that was loaded.
    ChangedUnderneath { path: PathBuf },
    /// Another writer held the lock for longer than we wait.
    Busy { path: PathBuf },
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
                "{} changed on disk since it was loaded (another program wrote it); not saved, \
                 so nothing was overwritten — reload to see the changes, then redo the edit",
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

/// Serialises a store as it is written to disk: one record per line, fields in model order,
/// final newline.
pub fn to_store_json(store: &Store) -> Vec<u8> {
    // At most about 400 bytes per interaction and 300 per contact: one allocation.
    let mut out = Vec::with_capacity(
        4096 + store.interactions.len() * 400
            + store.contacts.len() * 300
            + store.investments.len() * 250,
    );
    write_store(store, &mut out).expect("a store always serialises");
    out
}

/// Saves `store` to `path` if the file still matches `expected` (None: must not exist yet).
/// Returns the fingerprint of the file written, to expect next time.
///
/// The store is serialised straight into the new file, on every core (see [`write_store`]), so
/// no copy of the whole text is held in memory; the write lock is held meanwhile.
pub fn save_store(
    path: &Path,
    store: &Store,
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    save_with(path, expected, |file| {
        let mut out = io::BufWriter::with_capacity(1 << 20, file);
        write_store(store, &mut out)?;
        out.flush()
    })
}

/// As [`save_store`], for text already serialised.
pub fn save_bytes(
    path: &Path,
    bytes: &[u8],
    expected: Option<Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    save_with(path, expected, |mut file| file.write_all(bytes))
}

/// The durable save around `write`, which puts the whole new text into the file it is given.
fn save_with(
    path: &Path,
    expected: Option<Fingerprint>,
    write: impl FnOnce(&fs::File) -> io::Result<()>,
) -> Result<Fingerprint, SaveError> {
    let io = |action: &'static str| {
        let path = path.to_path_buf();
        move |source: io::Error| SaveError::Io {
            path,
            action,
            source,
        }
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(io("creating its folder"))?;

    let _lock = LockFile::acquire_within(path, LockKind::Write, WRITE_LOCK_PATIENCE)
        .map_err(io("taking the write lock"))?
        .ok_or_else(|| SaveError::Busy {
            path: path.to_path_buf(),
        })?;

    let current = Fingerprint::of(path).map_err(io("checking the file"))?;
    if current != expected {
        return Err(SaveError::ChangedUnderneath {
            path: path.to_path_buf(),
        });
    }

    let tmp = tempfile::Builder::new()
        .prefix(".ror-tui-save-")
        .suffix(".tmp")
        .permissions(private_permissions())
        .tempfile_in(&dir)
        .map_err(io("creating a temporary file"))?;
    write(tmp.as_file()).map_err(io("writing"))?;
    tmp.as_file().sync_all().map_err(io("flushing to disk"))?;

    if current.is_some() {
        keep_backup(path).map_err(io("keeping the backup"))?;
    }
    tmp.persist(path).map_err(|e| SaveError::Io {
        path: path.to_path_buf(),
        action: "replacing the file",
        source: e.error,
    })?;
    sync_dir(&dir).map_err(io("flushing the folder"))?;
    Fingerprint::of(path)
        .map_err(io("checking the saved file"))?
        .ok_or_else(|| SaveError::Io {
            path: path.to_path_buf(),
            action: "checking the saved file",
            source: io::Error::new(io::ErrorKind::NotFound, "vanished after saving"),
        })
}

pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Makes `<path>.bak` the current file, atomically: link it under a temporary name, then rename
/// that over the old backup. Falls back to a copy where hard links are not supported.
fn keep_backup(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    let mut tmp_name = bak.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = bak.with_file_name(tmp_name);
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(path, &tmp).is_err() {
        fs::copy(path, &tmp)?;
        fs::set_permissions(&tmp, private_permissions())?;
    }
    // A backup that cannot take its place leaves no second name for the store behind.
    fs::rename(&tmp, &bak).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

#[cfg(unix)]
fn private_permissions() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o600)
}

#[cfg(not(unix))]
fn private_permissions() -> fs::Permissions {
    fs::metadata(".")
        .map(|m| m.permissions())
        .unwrap_or_else(|_| unreachable!())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
