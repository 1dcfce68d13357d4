//! Reading a store of schema 1: one JSON object holding settings and the lists of records. This
//! build writes schema 2 (see `line`); a schema-1 store is read whole, and its first save
//! rewrites it, keeping the original beside it as `<name>.v1.bak`.

use std::path::Path;

use serde::Deserialize;

use super::load::{Format, LoadError};
use super::model::{SCHEMA_VERSION, Store};
use super::read::Folded;

/// The schema this module reads.
const SCHEMA: u32 = 1;

pub(super) fn parse(path: &Path, body: &[u8]) -> Result<Folded, LoadError> {
    let mut store = parse_whole(path, body)?;
    if store.schema != SCHEMA {
        let found = u64::from(store.schema);
        if found > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::NewerSchema {
                path: path.to_path_buf(),
                found,
                detail: None,
            });
        }
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "schema {found} in a store written as one JSON object, which is schema 1 \
                 (a schema-2 store starts with the line `{{\"type\": \"header\", \"schema\": 2}}`)"
            ),
        });
    }
    // Brought up to this build's schema in memory; the file changes only when it is saved.
    store.schema = SCHEMA_VERSION;
    let lines = body.iter().filter(|b| **b == b'\n').count() + 1;
    Ok(Folded {
        store,
        format: Format::Object,
        lines,
        end: body.len(),
        unterminated: false,
        torn: None,
        tail: lines,
    })
}

/// Parses the whole text in one go, with the exact error message when it fails.
fn parse_whole(path: &Path, body: &[u8]) -> Result<Store, LoadError> {
    // Validate UTF-8 once for the whole file, then parse from `str`, which skips the per-string
    // check.
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
    let mut store: Store = match serde_json::from_str(text) {
        Ok(s) => s,
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
            return Err(LoadError::Syntax {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column().max(1), // serde_json says 0 at the start of a line
                message: with_field(text, describe(&e)),
            });
        }
    };
    // Records written in this schema carry no `updated`; one that does was written by hand.
    store.sort_canonical();
    Ok(store)
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
            if path.is_empty() || path == "." || path == "?" || message.starts_with("the file") {
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
        _ if msg.contains("key must be a string") => {
            "expected a key in double quotes: JSON has no comments (is there a `//` or `/*` \
             here?), and every key is quoted"
                .into()
        }
        _ => msg,
    }
}
