//! `ror-tui compact`: rewrite the store file in canonical order, without the lines that later
//! ones replaced or deleted.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::store::{StoreFile, backup_path};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui compact
  ror-tui compact --store ~/community/store.json

Every change is appended to the store as it is saved. Compacting writes the store again in its
canonical order (contacts, interactions, investments, standups, each by date), one line per
record, so the file is as small as it can be and diffs well in git. The dashboard does it when
it quits, and any save does it once the appended lines outgrow 1,000 lines and 2% of the file.
The file is replaced atomically; the previous one is kept as store.json.bak. Safe while a
dashboard has the store open: it reads the new file.

Exit status: 0 compacted (or nothing to do), 1 the store cannot be read or written.";

/// Compacts the store at `path` and says what it did on `out`.
pub fn run(path: &Path, out: &mut impl Write) -> Result<()> {
    let mut file = StoreFile::at(path)?;
    if !file.target().exists() {
        writeln!(out, "{}: no store yet, nothing to compact", path.display())?;
        return Ok(());
    }
    let lock = file.lock()?;
    let done = file.compact(&lock)?;
    writeln!(
        out,
        "compacted {}: {} lines ({}) → {} lines ({}); the previous file is {}",
        path.display(),
        done.lines_before,
        size(done.bytes_before),
        done.lines_after,
        size(done.bytes_after),
        backup_path(path).display()
    )?;
    Ok(())
}

fn size(bytes: u64) -> String {
    if bytes >= 10_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else if bytes >= 10_000 {
        format!("{} kB", bytes / 1000)
    } else {
        format!("{bytes} bytes")
    }
}
