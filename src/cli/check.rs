//! `ror-tui check`: validate a store and list every problem.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::sanitize;
use crate::store::{LoadError, read_store};

/// Prints a verdict on stdout; returns whether the store is sound. Load errors are the verdict,
/// so they go to stdout with the summary, and the exit code says the rest. Everything printed is
/// sanitised: the path may hold anything, and a parse error quotes the store's own text.
pub fn run(path: &Path, out: &mut impl Write) -> Result<bool> {
    let mut text = Vec::new();
    let ok = verdict(path, &mut text)?;
    out.write_all(sanitize::text(&String::from_utf8_lossy(&text)).as_bytes())?;
    Ok(ok)
}

fn verdict(path: &Path, out: &mut impl Write) -> Result<bool> {
    match read_store(path) {
        Ok(None) => {
            writeln!(
                out,
                "{}: no store yet (it is created on the first save)",
                path.display()
            )?;
            Ok(true)
        }
        Ok(Some(store)) => {
            let team = store.contacts.iter().filter(|c| c.is_team).count();
            writeln!(
                out,
                "{}: ok — schema {}, {} contacts ({} team), {} interactions, {} investments, {} standups",
                path.display(),
                store.schema,
                store.contacts.len(),
                team,
                store.interactions.len(),
                store.investments.len(),
                store.standups.len()
            )?;
            crate::store::release_at_exit(store);
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
