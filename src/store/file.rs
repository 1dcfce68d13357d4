//! A store file as this process last saw it, and the ways it changes: a change appended at the
//! end, a whole store written in its place, the lines other programs appended read as they come.
//!
//! Every write is made under the write lock, after the writer has looked at the file again
//! under that lock ([`StoreFile::follow`]), so it builds on everything written before it. The
//! file is known by its identity (device and inode, taken from the open file, never from a
//! second look at the path) and by where its lines end: a file replaced meanwhile (an editor, a
//! `git pull`, a compaction elsewhere) is noticed, and never written as if it were the one read.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use super::line::{Batch, Line};
use super::load::{Format, LoadError, MAX_STORE_BYTES, parse_file};
use super::lock::{LockFile, LockKind};
use super::model::Store;
use super::read::{Folded, Take};
use super::save::{SaveError, WRITE_LOCK_PATIENCE};
use super::write::{prepare, put_in_place, remove_leftovers, write_canonical};

/// What this process knows of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seen {
    dev: u64,
    ino: u64,
    /// Where the lines read end: the next line goes here.
    end: u64,
    /// The file's length and last change when it was read or written.
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Lines read, the header included.
    lines: usize,
    format: Format,
    /// The last line read has no line break after it.
    unterminated: bool,
    /// Lines after the compacted body (see [`Folded::tail`]).
    pub tail: usize,
}

/// A store file, by its path and by the file that path leads to.
#[derive(Debug)]
pub struct StoreFile {
    /// The path as given, for messages.
    pub path: PathBuf,
    /// The file itself: the path with a symbolic link at its end followed. Writes, locks and
    /// backups go beside it, so a store reached through a link stays a link.
    target: PathBuf,
    seen: Option<Seen>,
}

/// What changed on disk since the file was last read or written here.
#[derive(Debug)]
pub enum Followed {
    Same,
    /// Another program appended these lines.
    Appended(Vec<Line>),
    /// The file was replaced or rewritten: the store it now holds.
    Replaced(Box<Folded>),
    /// There is no file any more.
    Gone,
}

/// The write lock on a store, held while a change is read, made and written.
pub struct WriteLock(#[allow(dead_code)] LockFile);

/// When the tail is over this many lines and over one in this many of the file's lines, the
/// store is compacted after the write (see `docs/STORE.md`).
pub const COMPACT_LINES: usize = 1000;
pub const COMPACT_SHARE: usize = 50;

impl StoreFile {
    /// The store at `path`, not read yet.
    pub fn at(path: &Path) -> io::Result<StoreFile> {
        Ok(StoreFile {
            path: path.to_path_buf(),
            target: resolve(path)?,
            seen: None,
        })
    }

    /// Where writes go (the store's path with a link at its end followed).
    pub fn target(&self) -> &Path {
        &self.target
    }

    pub fn seen(&self) -> Option<Seen> {
        self.seen
    }

    /// Reads and validates the store at `path`: `None` when there is no file yet.
    pub fn read(path: &Path, take: Take) -> Result<Option<(StoreFile, Folded)>, LoadError> {
        Ok(Self::read_with(path, take, |_| ())?.map(|(f, folded, ())| (f, folded)))
    }

    /// [`StoreFile::read`], with `prepare` worked out beside the validation.
    pub fn read_with<T: Send>(
        path: &Path,
        take: Take,
        prepare: impl FnOnce(&Store) -> T + Send,
    ) -> Result<Option<(StoreFile, Folded, T)>, LoadError> {
        let mut file = StoreFile::at(path).map_err(|e| io_error(path, &e))?;
        match file.load(take, prepare)? {
            Some((folded, t)) => Ok(Some((file, folded, t))),
            None => Ok(None),
        }
    }

    /// Reads the whole file again; `None` when there is none.
    pub fn load<T: Send>(
        &mut self,
        take: Take,
        prepare: impl FnOnce(&Store) -> T + Send,
    ) -> Result<Option<(Folded, T)>, LoadError> {
        let Some((file, meta)) = self.open_read()? else {
            self.seen = None;
            return Ok(None);
        };
        let (folded, t) = parse_file(&self.path, &file, meta.len(), take, prepare)?;
        self.seen = Some(Seen::of(&meta, &folded));
        Ok(Some((folded, t)))
    }

    /// The store file opened for reading with what it is; `None` when there is none. Anything
    /// but a regular file (a folder, a device, a pipe) is refused before a byte is read.
    fn open_read(&self) -> Result<Option<(File, fs::Metadata)>, LoadError> {
        let io_err = |message: String| LoadError::Io {
            path: self.path.clone(),
            message,
        };
        // A pipe opened for reading waits for a writer: look before opening.
        match fs::metadata(&self.target) {
            Ok(m) if !m.is_file() => return Err(io_err(not_a_file(&m))),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(e.to_string())),
        }
        let file = match File::open(&self.target) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_err(e.to_string())),
        };
        let meta = file.metadata().map_err(|e| io_err(e.to_string()))?;
        if !meta.is_file() {
            return Err(io_err(not_a_file(&meta)));
        }
        if meta.len() > MAX_STORE_BYTES {
            return Err(io_err(format!(
                "it is {} MB, larger than any store this version reads ({} MB)",
                meta.len() / 1_000_000,
                MAX_STORE_BYTES / 1_000_000
            )));
        }
        Ok(Some((file, meta)))
    }

    /// Takes the write lock, waiting a little for another writer to finish. The store's folder
    /// is made first, for a store not created yet.
    pub fn lock(&self) -> Result<WriteLock, SaveError> {
        fs::create_dir_all(super::write::folder_of(&self.target)).map_err(|source| {
            SaveError::Io {
                path: self.path.clone(),
                action: "creating its folder",
                source,
            }
        })?;
        LockFile::acquire_within(&self.target, LockKind::Write, WRITE_LOCK_PATIENCE)
            .map_err(|source| SaveError::Io {
                path: self.path.clone(),
                action: "taking the write lock",
                source,
            })?
            .map(WriteLock)
            .ok_or_else(|| SaveError::Busy {
                path: self.path.clone(),
            })
    }

    /// What changed on disk since this process last read or wrote the file. `settled` (the
    /// write lock is held, so nobody of ours is half-way through a write) takes a last line
    /// without its line break as written; otherwise it waits for it to end.
    pub fn follow(&mut self, settled: bool) -> Result<Followed, LoadError> {
        let io_err = |e: io::Error| io_error(&self.path, &e);
        let Some(seen) = self.seen else {
            return match self.load(Take::Everything, |_| ())? {
                Some((folded, ())) => Ok(Followed::Replaced(Box::new(folded))),
                None => Ok(Followed::Same),
            };
        };
        let (file, meta) = match self.open_read()? {
            Some(f) => f,
            None => {
                self.seen = None;
                return Ok(Followed::Gone);
            }
        };
        let untouched =
            seen.is(&meta) && meta.len() == seen.len && meta.modified().ok() == seen.modified;
        if untouched {
            return Ok(Followed::Same);
        }
        // Replaced, cut shorter, or changed in place (a schema-1 file is never appended to):
        // read it all again.
        let appended = seen.is(&meta) && meta.len() >= seen.end && seen.format == Format::Lines;
        if !appended {
            let (folded, ()) = parse_file(&self.path, &file, meta.len(), Take::Everything, |_| ())?;
            self.seen = Some(Seen::of(&meta, &folded));
            return Ok(Followed::Replaced(Box::new(folded)));
        }
        let mut bytes = vec![0; (meta.len() - seen.end) as usize];
        let n = read_at(&file, &mut bytes, seen.end).map_err(io_err)?;
        bytes.truncate(n);
        let tail = super::read::tail(
            &self.path,
            &bytes,
            seen.lines + 1,
            seen.unterminated,
            settled,
        )?;
        let seen = self.seen.as_mut().expect("checked above");
        seen.len = meta.len();
        seen.modified = meta.modified().ok();
        if tail.end == 0 {
            return Ok(Followed::Same);
        }
        seen.end += tail.end as u64;
        seen.lines += tail.count;
        seen.tail += tail.count;
        seen.unterminated = tail.unterminated;
        if tail.lines.is_empty() {
            return Ok(Followed::Same);
        }
        Ok(Followed::Appended(tail.lines))
    }

    /// Appends `lines` (one change: a reader takes all or none) under `lock`, after
    /// [`StoreFile::follow`] under the same lock found nothing new. Durable when it returns.
    /// A file that is not the one read (replaced meanwhile) is [`SaveError::ChangedUnderneath`],
    /// and nothing was written to the store.
    pub fn append(&mut self, _lock: &WriteLock, lines: &[Line]) -> Result<(), SaveError> {
        let io = |action: &'static str| {
            let path = self.path.clone();
            move |source: io::Error| SaveError::Io {
                path,
                action,
                source,
            }
        };
        let changed = || SaveError::ChangedUnderneath {
            path: self.path.clone(),
        };
        if lines.is_empty() {
            return Ok(());
        }
        let Some(seen) = self.seen else {
            return Err(changed());
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.target)
            .map_err(|e| {
                if e.kind() == io::ErrorKind::NotFound {
                    changed()
                } else {
                    io("opening the file")(e)
                }
            })?;
        let meta = file.metadata().map_err(io("checking the file"))?;
        if !seen.is(&meta) || meta.len() != seen.len || meta.modified().ok() != seen.modified {
            return Err(changed());
        }
        // What lies past the lines read is the write cut short that the last look at the file
        // (under this lock) left out: it goes.
        if meta.len() > seen.end {
            file.set_len(seen.end)
                .map_err(io("removing a write cut short"))?;
        }
        let mut buf = Vec::with_capacity(lines.len() * 300 + 32);
        if seen.unterminated {
            buf.push(b'\n');
        }
        if lines.len() > 1 {
            Line::Batch(Batch {
                lines: u32::try_from(lines.len()).unwrap_or(u32::MAX),
            })
            .write(&mut buf);
        }
        for l in lines {
            l.write(&mut buf);
        }
        let written = write_at(&file, &buf, seen.end).and_then(|()| file.sync_data());
        if let Err(e) = written {
            // Leave the file as it was: a part of the change must not stay behind.
            let _ = file.set_len(seen.end);
            return Err(io("writing")(e));
        }
        // The path must still lead to this file, or the lines went to one nobody reads.
        let now = fs::metadata(&self.target).map_err(io("checking the saved file"))?;
        if !seen.is(&now) {
            return Err(changed());
        }
        let after = file.metadata().map_err(io("checking the saved file"))?;
        let seen = self.seen.as_mut().expect("checked above");
        let n = lines.len() + usize::from(lines.len() > 1);
        seen.end += buf.len() as u64;
        seen.len = after.len();
        seen.modified = after.modified().ok();
        seen.lines += n;
        seen.tail += n;
        seen.unterminated = false;
        remove_leftovers(&self.target);
        Ok(())
    }

    /// Writes `store` as the whole file, in canonical order, in place of the one read (or of
    /// none), under `lock`. Keeps the file it replaces as `.bak` (and a schema-1 original as
    /// `.v1.bak`).
    pub fn rewrite(&mut self, _lock: &WriteLock, store: &Store) -> Result<(), SaveError> {
        let err = |action: &'static str| {
            let path = self.path.clone();
            move |(_, source): (&'static str, io::Error)| SaveError::Io {
                path,
                action,
                source,
            }
        };
        let tmp = prepare(&self.target, |out| write_canonical(store, out))
            .map_err(|(action, source)| err(action)((action, source)))?;
        // The file must still be the one read (or still be absent).
        let now = match fs::metadata(&self.target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(SaveError::Io {
                    path: self.path.clone(),
                    action: "checking the file",
                    source: e,
                });
            }
        };
        let same = match (&self.seen, &now) {
            (None, None) => true,
            (Some(seen), Some(m)) => seen.is(m) && m.len() == seen.len,
            _ => false,
        };
        if !same {
            return Err(SaveError::ChangedUnderneath {
                path: self.path.clone(),
            });
        }
        let first_of_schema_2 = self.seen.is_some_and(|s| s.format == Format::Object);
        put_in_place(tmp, &self.target, now.is_some(), first_of_schema_2)
            .map_err(|(action, source)| err(action)((action, source)))?;
        let meta = fs::metadata(&self.target).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            action: "checking the saved file",
            source,
        })?;
        let lines = 1
            + store.contacts.len()
            + store.interactions.len()
            + store.investments.len()
            + store.standups.len();
        self.seen = Some(Seen {
            dev: dev_of(&meta),
            ino: ino_of(&meta),
            end: meta.len(),
            len: meta.len(),
            modified: meta.modified().ok(),
            lines,
            format: Format::Lines,
            unterminated: false,
            tail: 0,
        });
        remove_leftovers(&self.target);
        Ok(())
    }

    /// Whether the file should be compacted after a write: its tail has outgrown the threshold,
    /// or it is still schema 1.
    pub fn wants_compaction(&self) -> bool {
        self.seen.is_some_and(|s| {
            s.format == Format::Object
                || (s.tail > COMPACT_LINES && s.tail > s.lines / COMPACT_SHARE)
        })
    }

    /// Whether changes were appended to the file since it was last compacted. (A schema-1 file
    /// is rewritten by its first save, not before.)
    pub fn has_tail(&self) -> bool {
        self.seen
            .is_some_and(|s| s.format == Format::Lines && (s.tail > 0 || s.unterminated))
    }

    /// Rewrites the file in canonical order from what it holds now, under `lock`: every line
    /// it holds is read again (with its `updated` moments), so nothing anyone appended is lost.
    pub fn compact(&mut self, lock: &WriteLock) -> Result<Compacted, CompactError> {
        let Some((folded, ())) = self.load(Take::Everything, |_| ())? else {
            return Ok(Compacted::default());
        };
        let (lines, bytes) = (folded.lines, folded.end as u64);
        self.rewrite(lock, &folded.store)?;
        let after = self.seen.map(|s| (s.lines, s.end)).unwrap_or_default();
        Ok(Compacted {
            lines_before: lines,
            bytes_before: bytes,
            lines_after: after.0,
            bytes_after: after.1,
        })
    }
}

/// What a compaction did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Compacted {
    pub lines_before: usize,
    pub bytes_before: u64,
    pub lines_after: usize,
    pub bytes_after: u64,
}

#[derive(Debug)]
pub enum CompactError {
    Load(LoadError),
    Save(SaveError),
}

impl From<LoadError> for CompactError {
    fn from(e: LoadError) -> Self {
        CompactError::Load(e)
    }
}

impl From<SaveError> for CompactError {
    fn from(e: SaveError) -> Self {
        CompactError::Save(e)
    }
}

impl std::fmt::Display for CompactError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompactError::Load(e) => e.fmt(f),
            CompactError::Save(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CompactError {}

impl Seen {
    pub fn format(&self) -> Format {
        self.format
    }

    fn of(meta: &fs::Metadata, folded: &Folded) -> Seen {
        Seen {
            dev: dev_of(meta),
            ino: ino_of(meta),
            end: folded.end as u64,
            len: meta.len(),
            modified: meta.modified().ok(),
            lines: folded.lines,
            format: folded.format,
            unterminated: folded.unterminated,
            tail: folded.tail,
        }
    }

    /// Whether `meta` is of the file this was seen in.
    fn is(&self, meta: &fs::Metadata) -> bool {
        dev_of(meta) == self.dev && ino_of(meta) == self.ino
    }
}

/// Follows a symbolic link at the end of `path` (links to links too), so writes go to the file
/// and the link stays a link. A link to a store not created yet leads to where it will be.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    super::write::folder_of(&p).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many symbolic links",
        path.display()
    )))
}

fn not_a_file(meta: &fs::Metadata) -> String {
    let ft = meta.file_type();
    let what = if ft.is_dir() {
        "a directory"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                "a named pipe"
            } else if ft.is_char_device() || ft.is_block_device() {
                "a device"
            } else if ft.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        "not a regular file"
    };
    format!("it is {what}, not a store file (give the path of a .json file)")
}

fn io_error(path: &Path, e: &io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

#[cfg(unix)]
fn dev_of(m: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::dev(m)
}
#[cfg(unix)]
fn ino_of(m: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}
#[cfg(not(unix))]
fn dev_of(_: &fs::Metadata) -> u64 {
    0
}
#[cfg(not(unix))]
fn ino_of(m: &fs::Metadata) -> u64 {
    m.len()
}

/// The whole file, read through `file` (never by a second look at its path). A large file is
/// read by every core, each into its part of one buffer.
pub(super) fn read_all(file: &File, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).map_err(io::Error::other)?;
    // Fresh zeroed memory of this size comes straight from the system, already zero, so the
    // pages are first touched by the reads below, on the core doing each.
    let mut buf = vec![0u8; len];
    let cores = crate::cores();
    if len < 8 << 20 || cores < 2 {
        let n = read_at(file, &mut buf, 0)?;
        buf.truncate(n);
        return Ok(buf);
    }
    let part = len.div_ceil(cores);
    let got: io::Result<Vec<usize>> = std::thread::scope(|s| {
        let jobs: Vec<_> = buf
            .chunks_mut(part)
            .enumerate()
            .map(|(k, chunk)| s.spawn(move || read_at(file, chunk, (k * part) as u64)))
            .collect();
        jobs.into_iter()
            .map(|j| j.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    // A file that shrank while it was read: what is there is the start of it.
    let got = got?;
    let mut total = 0;
    for (k, n) in got.iter().enumerate() {
        total = k * part + n;
        if *n < part {
            break;
        }
    }
    buf.truncate(total);
    Ok(buf)
}

/// Reads into `buf` from `offset` until it is full or the file ends; how much was read.
pub(super) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(file, &mut buf[done..], offset + done as u64);
        #[cfg(not(unix))]
        let n = {
            use std::io::{Read, Seek};
            let mut f = file;
            f.seek(io::SeekFrom::Start(offset + done as u64))
                .and_then(|_| f.read(&mut buf[done..]))
        };
        match n {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

fn write_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Seek, Write};
        let mut f = file;
        f.seek(io::SeekFrom::Start(offset))?;
        f.write_all(buf)
    }
}
