//! `ror-tui check`: validate a store and list every problem.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::sanitize;
use crate::store::{Format, LoadError, StoreFile, Take};

/// Prints a verdict on stdout; returns whether the store is sound. Load errors are the verdict,
/// so they go to stdout with the summary, and the exit code says the rest. Everything printed is
/// sanitised: the path may hold anything, and a parse error quotes the store's own text.
pub fn run(path: &Path, out: &mut impl Write) -> Result<bool> {
    run_as(path, path, out)
}

/// [`run`], naming the store `shown` (`demo` for the bundled demo's temporary copy).
pub fn run_as(path: &Path, shown: &Path, out: &mut impl Write) -> Result<bool> {
    let mut text = Vec::new();
    let ok = verdict(path, shown, &mut text)?;
    out.write_all(sanitize::text(&String::from_utf8_lossy(&text)).as_bytes())?;
    Ok(ok)
}

fn verdict(read: &Path, path: &Path, out: &mut impl Write) -> Result<bool> {
    match StoreFile::read(read, Take::Everything) {
        Ok(None) => {
            writeln!(
                out,
                "{}: no store yet (it is created on the first save)",
                path.display()
            )?;
            Ok(true)
        }
        Ok(Some((_, folded))) => {
            let store = &folded.store;
            let team = store.contacts.iter().filter(|c| c.is_team).count();
            let schema = match folded.format {
                Format::Lines => "schema 2",
                Format::Object => "schema 1",
            };
            writeln!(
                out,
                "{}: ok — {schema}, {} contacts ({} team), {} interactions, {} investments, {} standups",
                path.display(),
                store.contacts.len(),
                team,
                store.interactions.len(),
                store.investments.len(),
                store.standups.len()
            )?;
            // Notes on the file itself: none of them is a problem with the store.
            if folded.format == Format::Object {
                writeln!(
                    out,
                    "  note: written by an earlier ror-tui as one JSON object; the next save \
                     rewrites it as one record per line and keeps this file as {}",
                    crate::store::v1_backup_path(path).display()
                )?;
            }
            if let Some(torn) = folded.torn {
                writeln!(
                    out,
                    "{}:{}: note: a write cut short ({} bytes, never reported as saved) ends the \
                     file; it is left out, and the next save removes it",
                    path.display(),
                    torn.line,
                    torn.bytes
                )?;
            }
            if folded.format == Format::Lines && folded.tail > 0 {
                writeln!(
                    out,
                    "  note: {} of its {} lines were appended since it was last compacted \
                     (`ror-tui compact` rewrites it in order)",
                    folded.tail, folded.lines
                )?;
            }
            crate::store::release_at_exit(folded);
            Ok(true)
        }
        Err(LoadError::Invalid { path, problems }) => {
            for p in &problems {
                writeln!(out, "{}:{p}", path.display())?;
            }
            let n = problems.len();
            writeln!(
                out,
                "{}: {n} problem{} found",
                path.display(),
                if n == 1 { "" } else { "s" }
            )?;
            Ok(false)
        }
        Err(e) => {
            writeln!(out, "{e}")?;
            Ok(false)
        }
    }
}
