//! Writing a whole store in canonical order (compaction, the first save of a schema-1 store, a
//! merge), and putting the new file in place of the old one atomically: a temporary file in the
//! same folder (mode 0600), flushed to disk, renamed over the store, and the folder flushed. The
//! file it replaces is kept as `<name>.bak`, also 0600, once the new one is in place.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::line::{Header, Line};
use super::model::{Interaction, SCHEMA_VERSION, Store};

/// Interactions per piece serialised on a core: about 1.5 MB of text.
const PIECE: usize = super::BLOCK;

/// The store as compaction writes it: the header, then contacts, interactions, investments and
/// standups, each in canonical order, one line each.
pub fn write_canonical(store: &Store, out: &mut impl Write) -> io::Result<()> {
    // Listing every field makes a new one a compile error here, not a field silently not saved.
    let Store {
        schema: _,
        settings,
        contacts,
        interactions,
        investments,
        standups,
    } = store;
    let mut buf = Vec::with_capacity(4096 + contacts.len() * 300);
    Line::Header(Header {
        schema: SCHEMA_VERSION,
        settings: settings.clone(),
    })
    .write(&mut buf);
    for c in contacts.iter() {
        Line::Contact(c.clone()).write(&mut buf);
        if buf.len() > 1 << 20 {
            out.write_all(&buf)?;
            buf.clear();
        }
    }
    out.write_all(&buf)?;
    write_interactions(interactions, out)?;
    buf.clear();
    for x in investments {
        Line::Investment(x.clone()).write(&mut buf);
    }
    for s in standups {
        Line::Standup(s.clone()).write(&mut buf);
    }
    out.write_all(&buf)
}

/// The store's text as [`write_canonical`] writes it.
pub fn to_store_json(store: &Store) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        4096 + store.interactions.len() * 400
            + store.contacts.len() * 300
            + store.investments.len() * 250,
    );
    write_canonical(store, &mut out).expect("writing to memory does not fail");
    out
}

/// The interactions, serialised in pieces on every core and written in order as they come, so a
/// million of them neither wait for one core nor sit in memory as one 300 MB buffer.
fn write_interactions(all: &super::Blocks<Interaction>, out: &mut impl Write) -> io::Result<()> {
    let pieces = all.len().div_ceil(PIECE);
    let piece = |k: usize, buf: &mut Vec<u8>| {
        for run in all.slices(k * PIECE..(k + 1) * PIECE) {
            for x in run {
                Line::Interaction(x.clone()).write(buf);
            }
        }
    };
    let workers = crate::cores().min(pieces);
    if workers < 2 {
        let mut buf = Vec::new();
        for k in 0..pieces {
            buf.clear();
            piece(k, &mut buf);
            out.write_all(&buf)?;
        }
        return Ok(());
    }
    // Worker w serialises pieces w, w + n, ... and hands each over through a channel that holds
    // one: the writer takes them in order, and no worker runs far ahead of it.
    std::thread::scope(|s| {
        let receivers: Vec<mpsc::Receiver<Vec<u8>>> = (0..workers)
            .map(|w| {
                let (tx, rx) = mpsc::sync_channel(1);
                s.spawn(move || {
                    for k in (w..pieces).step_by(workers) {
                        let mut buf = Vec::with_capacity(PIECE * 400);
                        piece(k, &mut buf);
                        // The writer hung up (a write failed): stop.
                        if tx.send(buf).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        for k in 0..pieces {
            let buf = receivers[k % workers]
                .recv()
                .expect("a serialising worker sends every piece it has");
            out.write_all(&buf)?;
        }
        Ok(())
    })
}

/// Writes `store` as the whole file at `path`, in canonical order, atomically, with no backup
/// (for a file that is not a store in use: git's side of a merge).
pub fn write_whole(path: &Path, store: &Store) -> io::Result<()> {
    let tmp = prepare(path, |out| write_canonical(store, out)).map_err(|(_, e)| e)?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&folder_of(path))
}

/// `store.json` → `store.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// `store.json` → `store.json.v1.bak`: a schema-1 store as it was before its first save.
pub fn v1_backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".v1.bak")
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The folder a store file is in.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The prefix of this store's temporary files: `.store.json.save-`. Named after the store, so
/// that removing those a killed save left behind never touches another store's.
fn temp_prefix(target: &Path) -> String {
    format!(
        ".{}.save-",
        target.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// A new file in the store's folder with the whole text `write` puts in it, flushed to disk,
/// not yet in place.
pub(crate) fn prepare(
    target: &Path,
    write: impl FnOnce(&mut io::BufWriter<&fs::File>) -> io::Result<()>,
) -> Result<tempfile::NamedTempFile, (&'static str, io::Error)> {
    let dir = folder_of(target);
    fs::create_dir_all(&dir).map_err(|e| ("creating its folder", e))?;
    let tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(".tmp")
        .permissions(private_permissions())
        .tempfile_in(&dir)
        .map_err(|e| ("creating a temporary file", e))?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 20, tmp.as_file());
        write(&mut out).map_err(|e| ("writing", e))?;
        out.flush().map_err(|e| ("writing", e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| ("flushing to disk", e))?;
    Ok(tmp)
}

/// Puts `tmp` in place of `target`, keeping the file it replaces (if any) as `.bak`, and
/// `.v1.bak` too when `first_of_schema_2`. `.bak` is only replaced once the new store is in
/// place: a save that fails leaves the last backup as it was.
pub(crate) fn put_in_place(
    tmp: tempfile::NamedTempFile,
    target: &Path,
    replacing: bool,
    first_of_schema_2: bool,
) -> Result<(), (&'static str, io::Error)> {
    let dir = folder_of(target);
    let bak = backup_path(target);
    let staged = with_suffix(&bak, ".tmp");
    if replacing {
        // Settled before the store is replaced: a backup that cannot take its place fails the
        // save with the store as it was.
        if fs::symlink_metadata(&bak).is_ok_and(|m| m.is_dir()) {
            return Err((
                "keeping the backup",
                io::Error::other(format!("{} is a directory", bak.display())),
            ));
        }
        let _ = fs::remove_file(&staged);
        private_copy(target, &staged).map_err(|e| ("keeping the backup", e))?;
        if first_of_schema_2 {
            let v1 = v1_backup_path(target);
            if !v1.exists() {
                private_copy(target, &v1).map_err(|e| ("keeping the schema-1 original", e))?;
            }
        }
    }
    if let Err(e) = tmp.persist(target) {
        let _ = fs::remove_file(&staged);
        return Err(("replacing the file", e.error));
    }
    if replacing && let Err(e) = fs::rename(&staged, &bak) {
        let _ = fs::remove_file(&staged);
        return Err(("keeping the backup", e));
    }
    sync_dir(&dir).map_err(|e| ("flushing the folder", e))
}

/// A second name for the store file at `from`, which is about to be replaced, private (0600)
/// whatever its own mode: the file is made private first (the store that replaces it is
/// anyway) and linked, so a backup of hundreds of megabytes costs no copy; a copy where links
/// are not supported.
fn private_copy(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if fs::metadata(from)?.permissions().mode() & 0o077 != 0 {
            fs::set_permissions(from, private_permissions())?;
        }
        if fs::hard_link(from, to).is_ok() {
            return Ok(());
        }
    }
    let mut src = fs::File::open(from)?;
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut dst = opts.open(to)?;
    io::copy(&mut src, &mut dst)?;
    dst.sync_all()
}

/// Removes the temporary files a killed save of this store left in its folder, by name.
pub(crate) fn remove_leftovers(target: &Path) {
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix)
            && name.ends_with(".tmp")
            && e.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(unix)]
pub(crate) fn private_permissions() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o600)
}

#[cfg(not(unix))]
pub(crate) fn private_permissions() -> fs::Permissions {
    fs::metadata(".")
        .map(|m| m.permissions())
        .unwrap_or_else(|_| unreachable!())
}

pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};

    /// The pieces written on several cores are, byte for byte, the lines written one by one.
    #[test]
    fn the_same_bytes_as_writing_line_by_line_at_every_size() {
        let big = generate(&GenSpec::scale(300, 2 * PIECE + 17));
        for n in [0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 17] {
            let mut store = big.clone();
            store.interactions.truncate(n);
            let mut one_by_one = Vec::new();
            Line::Header(Header {
                schema: SCHEMA_VERSION,
                settings: store.settings.clone(),
            })
            .write(&mut one_by_one);
            for c in store.contacts.iter() {
                Line::Contact(c.clone()).write(&mut one_by_one);
            }
            for x in store.interactions.iter() {
                Line::Interaction(x.clone()).write(&mut one_by_one);
            }
            for x in &store.investments {
                Line::Investment(x.clone()).write(&mut one_by_one);
            }
            for s in &store.standups {
                Line::Standup(s.clone()).write(&mut one_by_one);
            }
            assert!(to_store_json(&store) == one_by_one, "{n} interactions");
        }
    }

    /// A failed write stops the workers instead of leaving them blocked forever.
    #[test]
    fn a_failed_write_ends_the_save() {
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let store = generate(&GenSpec::scale(100, 4 * PIECE));
        let e = write_canonical(&store, &mut Full(PIECE * 540)).unwrap_err();
        assert_eq!(e.to_string(), "disk full");
    }
}
