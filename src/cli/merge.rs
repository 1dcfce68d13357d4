//! `ror-tui merge BASE OURS THEIRS`: git's merge driver for a store kept in a repository. Two
//! clones that both changed the store since their common version are merged by record, not by
//! line, and the result is written to OURS, as git asks of a driver.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;

use crate::sanitize;
use crate::store::{Conflict, Store, merge_stores, parse_store, validate, write_whole};

pub const AFTER_HELP: &str = "\
Set-up, once per clone (the driver is not in the repository, as git wants):
  echo 'store.json merge=ror-tui' >> .gitattributes
  git config merge.ror-tui.driver 'ror-tui merge %O %A %B'

Then `git pull` and `git merge` merge the store themselves. A record added on either side is
kept; a record changed on one side takes that side's version; a record changed on both sides is
merged field by field, and a field changed on both takes the version written last (its
`updated`); an edit beats a deletion, so nothing is silently lost. The result is written to OURS
in canonical order, and what was settled is printed.

Exit status: 0 merged; 1 one of the three cannot be read, or the merge is not a sound store (git
then leaves the file to you, marked as a conflict).";

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O; may be empty)
    pub base: PathBuf,
    /// Our version (git's %A); the merge is written here
    pub ours: PathBuf,
    /// Their version (git's %B)
    pub theirs: PathBuf,
}

/// A store file for the merge: an empty or missing file is an empty store (git gives an empty
/// ancestor when both sides added the file).
fn read(path: &Path) -> Result<Store> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Store::default()),
        Err(e) => bail!("cannot read {}: {e}", path.display()),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Store::default());
    }
    Ok(parse_store(path, &bytes)?)
}

pub fn run(args: &MergeArgs, out: &mut impl Write) -> Result<()> {
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let (merged, how) = merge_stores(&base, &ours, &theirs);
    let problems = validate(&merged);
    if let Some(p) = problems.first() {
        bail!(
            "the merge of {} is not a sound store ({p}{}); the file was left as it was",
            args.ours.display(),
            if problems.len() > 1 {
                format!(", and {} more", problems.len() - 1)
            } else {
                String::new()
            }
        );
    }
    write_whole(&args.ours, &merged)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", args.ours.display()))?;
    writeln!(
        out,
        "ror-tui merged the store: {} of their changes taken, {} records changed on both sides \
         merged field by field",
        how.taken, how.combined
    )?;
    for c in &how.conflicts {
        writeln!(out, "  {}", settled(c))?;
    }
    for n in &how.notes {
        writeln!(out, "  {}", sanitize::line(n))?;
    }
    Ok(())
}

/// `Ada Lovelace · email: kept "ada@new.example" (theirs, written later) over "ada@old.example"`
fn settled(c: &Conflict) -> String {
    let (kept, over, side) = if c.took_theirs {
        (&c.theirs, &c.ours, "theirs")
    } else {
        (&c.ours, &c.theirs, "ours")
    };
    sanitize::line(&format!(
        "{} · {}: changed on both sides; kept {} ({side}, written later) over {}",
        c.label,
        c.field,
        Conflict::show(kept),
        Conflict::show(over)
    ))
    .into_owned()
}
