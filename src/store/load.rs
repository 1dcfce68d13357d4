//! Reading a store file: bytes → schema check → typed store → normalisation → validation.
//! Every failure is a [`LoadError`] naming the file and, where it can, the line and field; a
//! partially understood file is never returned as if it were whole.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{SCHEMA_VERSION, Store};
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
                let bak = super::save::backup_path(path);
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
    let Some(bytes) = read_bytes(path)? else {
        return Ok(None);
    };
    parse_store(path, &bytes).map(Some)
}

/// [`read_store`], with `prepare(&store)` worked out on a second core while the store is
/// validated: what the caller does next with a store that is nearly always sound (the dashboard
/// builds its index), so it no longer waits for the check. What `prepare` made is dropped when
/// the store turns out to be invalid.
pub fn read_store_with<T: Send>(
    path: &Path,
    prepare: impl FnOnce(&Store) -> T + Send,
) -> Result<Option<(Store, T)>, LoadError> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(None);
    };
    let store = parse_unchecked(path, &bytes)?;
    // The file's bytes (a third of the memory at this point) are let go before `prepare` adds
    // its own; a store that fails the check is read again, for the lines of its problems.
    drop(bytes);
    let (problems, prepared) = std::thread::scope(|s| {
        let job = s.spawn(|| prepare(&store));
        let problems = validate(&store);
        (problems, job.join())
    });
    let prepared = prepared.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if problems.is_empty() {
        return Ok(Some((store, prepared)));
    }
    let bytes = read_bytes(path)?;
    checked(path, bytes.as_deref().unwrap_or_default(), store, problems)
        .map(|s| Some((s, prepared)))
}

/// The bytes of the file at `path`, `None` when there is no file.
fn read_bytes(path: &Path) -> Result<Option<super::split::Bytes>, LoadError> {
    let io_err = |message: String| LoadError::Io {
        path: path.to_path_buf(),
        message,
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(e.to_string())),
    };
    if meta.is_dir() {
        return Err(io_err(
            "it is a directory, not a file (give the path of a .json file)".into(),
        ));
    }
    if meta.len() > MAX_STORE_BYTES {
        return Err(io_err(format!(
            "it is {} MB, larger than any store this version reads ({} MB)",
            meta.len() / 1_000_000,
            MAX_STORE_BYTES / 1_000_000
        )));
    }
    std::fs::File::open(path)
        .and_then(|f| super::split::read_all(f, meta.len()))
        .map(Some)
        .map_err(|e| io_err(e.to_string()))
}

/// Parses and validates store text. `path` only names the source in messages.
pub fn parse_store(path: &Path, bytes: &[u8]) -> Result<Store, LoadError> {
    let store = parse_unchecked(path, bytes)?;
    let problems = validate(&store);
    checked(path, bytes, store, problems)
}

/// The store in `problems`' light: itself when there are none, else the error listing them.
fn checked(
    path: &Path,
    bytes: &[u8],
    store: Store,
    mut problems: Vec<Problem>,
) -> Result<Store, LoadError> {
    if problems.is_empty() {
        return Ok(store);
    }
    // Parsing succeeded, so the text is UTF-8.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    locate(&mut problems, &String::from_utf8_lossy(body));
    Err(LoadError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

/// Parses store text, normalised and brought up to this schema, but not yet validated.
fn parse_unchecked(path: &Path, bytes: &[u8]) -> Result<Store, LoadError> {
    // Editors on some systems start UTF-8 files with a byte-order mark; it carries no data.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: "the file is empty (a new store starts as `{\"schema\": 1}`)".into(),
        });
    }
    // The pieces normalise their own channels as they go.
    let mut store = match super::split::parse(body) {
        Some(store) => store,
        None => {
            let mut store = parse_whole(path, body)?;
            store
                .interactions
                .iter_mut()
                .for_each(|x| x.normalise_channel());
            store
        }
    };
    if store.schema > SCHEMA_VERSION {
        return Err(LoadError::NewerSchema {
            path: path.to_path_buf(),
            found: u64::from(store.schema),
            detail: None,
        });
    }
    migrate(&mut store);
    Ok(store)
}

/// Parses the whole text in one go: the ordinary route, and the one that explains errors.
fn parse_whole(path: &Path, body: &[u8]) -> Result<Store, LoadError> {
    // Validate UTF-8 once for the whole file, then parse from `str`, which skips the per-string
    // check (about a tenth of the load time on a large store).
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let good = &body[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column =
                good.len() - good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
            return Err(LoadError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message: "the file is not UTF-8 text (re-save it as UTF-8)".into(),
            });
        }
    };
    match serde_json::from_str(text) {
        Ok(s) => Ok(s),
        Err(e) => {
            // An unknown field in a file from a newer version is a version problem, not a typo.
            if let Some(found) = peek_schema(body)
                && found > u64::from(SCHEMA_VERSION)
            {
                return Err(LoadError::NewerSchema {
                    path: path.to_path_buf(),
                    found,
                    detail: Some(format!("line {}: {}", e.line(), strip_position(&e))),
                });
            }
            Err(LoadError::Syntax {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column().max(1), // serde_json says 0 at the start of a line
                message: with_field(text, describe(&e)),
            })
        }
    }
}

/// Brings an older schema up to [`SCHEMA_VERSION`]. Schema 1 is the first; later versions add
/// their steps here, each taking the store one version forward.
fn migrate(store: &mut Store) {
    store.schema = SCHEMA_VERSION;
}

/// Prefixes a message with the path of the field it is about (`contacts[3].name: ...`). Found by
/// parsing again with path tracking, which costs nothing on the normal, successful load.
fn with_field(text: &str, message: String) -> String {
    let de = &mut serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Store>(de) {
        Err(e) => {
            // A `?` segment is where the parser stopped knowing which field it was in.
            let path = e.path().to_string();
            let path = path.split(".?").next().unwrap_or_default().to_string();
            if path.is_empty() || path == "." || message.starts_with("the file") {
                message
            } else {
                format!("{path}: {message}")
            }
        }
        Ok(_) => message,
    }
}

fn peek_schema(bytes: &[u8]) -> Option<u64> {
    #[derive(Deserialize)]
    struct Peek {
        schema: Option<u64>,
    }
    serde_json::from_slice::<Peek>(bytes).ok()?.schema
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// serde_json's message without its position (reported separately), with hints for the
/// mistakes people make when editing a store by hand.
fn describe(e: &serde_json::Error) -> String {
    let msg = strip_position(e);
    match e.classify() {
        serde_json::error::Category::Eof => {
            format!("{msg}: the file ends early (truncated, or a bracket is missing)")
        }
        _ if msg.contains("recursion limit") => {
            "nested deeper than any store can be (is this the right file?)".into()
        }
        _ if msg.contains("missing field `schema`") => {
            "missing field `schema` (a store starts with `{\"schema\": 1, ...`)".into()
        }
        _ => msg,
    }
}
