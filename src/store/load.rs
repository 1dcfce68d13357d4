//! Reading a store file: bytes → format (schema 2, one record per line, or the single JSON
//! object of schema 1) → typed store → validation. Every failure is a [`LoadError`] naming the
//! file and, where it can, the line and field; a partially understood file is never returned
//! as if it were whole.

use std::fmt;
use std::path::{Path, PathBuf};

use super::model::{SCHEMA_VERSION, Store};
use super::read::{Folded, Take};
use super::validate::{Problem, locate, validate};

/// A store bigger than this is refused before it is read: far past any real community (a million
/// interactions is about 300 MB), and reading it would exhaust memory instead of failing clearly.
pub const MAX_STORE_BYTES: u64 = 2 * 1024 * 1024 * 1024;

#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all (permissions, a directory, too large).
    Io { path: PathBuf, message: String },
    /// The text is not a store: bad JSON, wrong types, unknown fields.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Written by a newer ror-tui; reading it could drop what this version does not know.
    NewerSchema {
        path: PathBuf,
        found: u64,
        detail: Option<String>,
    },
    /// Parsed, but the content is inconsistent.
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::NewerSchema { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, message } => {
                write!(f, "cannot read store {}: {message}", path.display())
            }
            LoadError::Syntax {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{}:{line}:{column}: {message}", path.display())?;
                write!(f, "\n  the file was not changed; fix it and try again")?;
                let bak = super::write::backup_path(path);
                if bak.is_file() {
                    write!(f, " (the previous version is in {})", bak.display())?;
                }
                Ok(())
            }
            LoadError::NewerSchema {
                path,
                found,
                detail,
            } => {
                write!(
                    f,
                    "{} uses store schema {found}, but this ror-tui reads schema {SCHEMA_VERSION}; \
                     upgrade ror-tui to open it (the file was not changed)",
                    path.display()
                )?;
                if let Some(d) = detail {
                    write!(f, "\n  {d}")?;
                }
                Ok(())
            }
            LoadError::Invalid { path, problems } => {
                let n = problems.len();
                write!(
                    f,
                    "{} has {n} problem{}; it was not changed:",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                )?;
                for p in problems.iter().take(20) {
                    write!(f, "\n  {}:{p}", path.display())?;
                }
                if n > 20 {
                    write!(
                        f,
                        "\n  ... and {} more (run `ror-tui check` to list all)",
                        n - 20
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and validates the store at `path`. A missing file is `Ok(None)`: a new store.
pub fn read_store(path: &Path) -> Result<Option<Store>, LoadError> {
    Ok(super::StoreFile::read(path, Take::Everything)?.map(|(_, f)| f.store))
}

/// [`read_store`], with `prepare(&store)` worked out on a second core while the store is
/// validated: what the caller does next with a store that is nearly always sound (the dashboard
/// builds its index), so it no longer waits for the check. What `prepare` made is dropped when
/// the store turns out to be invalid.
pub fn read_store_with<T: Send>(
    path: &Path,
    prepare: impl FnOnce(&Store) -> T + Send,
) -> Result<Option<(Store, T)>, LoadError> {
    Ok(
        super::StoreFile::read_with(path, Take::Everything, prepare)?
            .map(|(_, f, prepared)| (f.store, prepared)),
    )
}

/// Parses and validates store text of either schema. `path` only names the source in messages.
pub fn parse_store(path: &Path, bytes: &[u8]) -> Result<Store, LoadError> {
    parse(path, bytes, Take::Everything, |_| ()).map(|(f, ())| f.store)
}

/// Which of the two layouts a store file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Schema 2: a header line, then one record per line, changes appended.
    Lines,
    /// Schema 1: one JSON object; rewritten as schema 2 by the first save.
    Object,
}

/// Parses and validates store text, with `prepare` worked out beside the validation.
pub(crate) fn parse<T: Send>(
    path: &Path,
    bytes: &[u8],
    take: Take,
    prepare: impl FnOnce(&Store) -> T + Send,
) -> Result<(Folded, T), LoadError> {
    let folded = parse_unchecked(path, bytes, take)?;
    checked(path, folded, prepare, || Ok(bytes.to_vec()))
}

/// Parses and validates the store file read through `file` (`len` bytes long). A store of one
/// record per line is read a piece at a time and never held whole; one of schema 1 is read whole.
pub(crate) fn parse_file<T: Send>(
    path: &Path,
    file: &std::fs::File,
    len: u64,
    take: Take,
    prepare: impl FnOnce(&Store) -> T + Send,
) -> Result<(Folded, T), LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let len = usize::try_from(len).map_err(|e| io(std::io::Error::other(e)))?;
    let mut head = vec![0u8; len.min(64 << 10)];
    let n = super::file::read_at(file, &mut head, 0).map_err(io)?;
    head.truncate(n);
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let whole = || super::file::read_all(file, len as u64).map_err(io);
    if len <= head.len() || format_of(&head[bom..]) == Format::Object {
        let bytes = if len <= head.len() { head } else { whole()? };
        return parse(path, &bytes, take, prepare);
    }
    let mut folded = super::read::fold_file(path, file, len, bom, take)?;
    folded.end += bom;
    // The text is read again only to say on which line each problem is.
    checked(path, folded, prepare, whole)
}

/// `folded` once validated, with `prepare` worked out beside the validation; else the error
/// listing the problems, located in the `text` of the file.
fn checked<T: Send>(
    path: &Path,
    folded: Folded,
    prepare: impl FnOnce(&Store) -> T + Send,
    text: impl FnOnce() -> Result<Vec<u8>, LoadError>,
) -> Result<(Folded, T), LoadError> {
    let (problems, prepared) = std::thread::scope(|s| {
        let job = s.spawn(|| prepare(&folded.store));
        let problems = validate(&folded.store);
        (problems, job.join())
    });
    let prepared = prepared.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if problems.is_empty() {
        return Ok((folded, prepared));
    }
    Err(invalid(path, &text()?, problems))
}

/// The error listing `problems`, each with the line of its record.
fn invalid(path: &Path, bytes: &[u8], mut problems: Vec<Problem>) -> LoadError {
    // Parsing succeeded, so the text is UTF-8.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    locate(&mut problems, &String::from_utf8_lossy(body));
    LoadError::Invalid {
        path: path.to_path_buf(),
        problems,
    }
}

/// Parses store text of either schema, not yet validated.
fn parse_unchecked(path: &Path, bytes: &[u8], take: Take) -> Result<Folded, LoadError> {
    // Editors on some systems start UTF-8 files with a byte-order mark; it carries no data.
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is empty (a new store starts as \
                      `{\"type\": \"header\", \"schema\": 2}`)"
                .into(),
        });
    }
    let mut folded = match format_of(body) {
        Format::Lines => super::read::fold(path, body, take)?,
        Format::Object => super::v1::parse(path, body)?,
    };
    // Offsets are in the file, mark and all.
    folded.end += bom;
    Ok(folded)
}

/// Schema 2 starts with a header line naming its type; anything else is read as schema 1.
pub(crate) fn format_of(body: &[u8]) -> Format {
    let first = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.trim_ascii();
    if first.starts_with(b"{\"type\"") || first.starts_with(b"{ \"type\"") {
        return Format::Lines;
    }
    // A line written by another tool may put `type` later; a long first line is a whole
    // schema-1 store on one line, not a header.
    if first.len() < 1 << 16
        && let Ok(serde_json::Value::Object(o)) = serde_json::from_slice(first)
        && o.get("type").is_some_and(|t| t == "header")
    {
        return Format::Lines;
    }
    Format::Object
}
