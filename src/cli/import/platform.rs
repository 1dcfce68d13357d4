//! `ror-tui import EXPORT --from PLATFORM`: reads a platform's export (a file or a folder) and
//! brings it into the store through `platforms::bring_in`, printing what it did.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use indicatif::ProgressBar;

use super::super::update::{Outcome, update_store};
use crate::platforms::{BringOptions, Brought, Files, Platform};
use crate::sanitize;
use crate::store::MAX_STORE_BYTES;

/// Reads `path`: the file, every file of a zip archive, or every file under the folder (hidden
/// ones left out), with paths relative to it.
pub fn read_files(path: &Path) -> Result<Files> {
    read_files_shown(path, &ProgressBar::hidden())
}

/// [`read_files`], moving `bar` on over the bytes read.
pub fn read_files_shown(path: &Path, bar: &ProgressBar) -> Result<Files> {
    let root = path.display().to_string();
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {root}"))?;
    let mut files = Files {
        root: if meta.is_dir() {
            format!("{}/", root.trim_end_matches('/'))
        } else {
            root.clone()
        },
        ..Files::default()
    };
    if !meta.is_dir() && is_zip(path)? {
        return read_zip(path, files, bar);
    }
    if !meta.is_dir() {
        if meta.len() > MAX_STORE_BYTES {
            bail!(
                "{root} is {} MB, larger than any store could hold",
                meta.len() / 1_000_000
            );
        }
        let name = path
            .file_name()
            .map_or(root.clone(), |n| n.to_string_lossy().into_owned());
        bar.set_length(meta.len());
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {root}"))?;
        bar.set_position(meta.len());
        files.entries.push((name, bytes));
        return Ok(files);
    }
    // The folder is walked first, so that the bar knows how much there is to read.
    let mut found: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut total = 0u64;
    let mut stack = vec![(path.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .collect::<Result<_, _>>()?;
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let kind = e.file_type()?;
            if kind.is_dir() {
                stack.push((e.path(), format!("{rel}/")));
            } else if kind.is_file() {
                total += e.metadata()?.len();
                if total > MAX_STORE_BYTES {
                    bail!("{root} holds more than any store could: import it in parts");
                }
                found.push((rel, e.path()));
            }
        }
    }
    bar.set_length(total);
    for (rel, at) in found {
        let bytes = std::fs::read(&at).with_context(|| format!("cannot read {rel}"))?;
        bar.inc(bytes.len() as u64);
        files.entries.push((rel, bytes));
    }
    files.entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Whether the file is a zip archive, by its first bytes (an export renamed, or saved without
/// its extension, is still one).
fn is_zip(path: &Path) -> Result<bool> {
    use std::io::Read as _;
    let mut head = [0u8; 4];
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let n = f.read(&mut head)?;
    Ok(n == 4 && head == *b"PK\x03\x04")
}

/// Every file of a zip archive, by its path inside it (`/` separators, even when the archive
/// was made on Windows with `\`); folders, hidden files and macOS's `__MACOSX` copies left out.
/// What it would unpack to is bounded like any other import, before anything is unpacked.
fn read_zip(path: &Path, mut files: Files, bar: &ProgressBar) -> Result<Files> {
    use std::io::Read as _;
    let name = path.display().to_string();
    let f = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f))
        .with_context(|| format!("{name} is not a zip archive that can be read"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .with_context(|| format!("{name}: entry {i} cannot be read"))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_STORE_BYTES {
        bail!(
            "{name} unpacks to {} MB, more than any store could hold: import it in parts",
            total / 1_000_000
        );
    }
    bar.set_length(total);
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .with_context(|| format!("{name}: entry {i} cannot be read"))?;
        if entry.is_dir() {
            continue;
        }
        let inner = entry
            .name()
            .with_context(|| format!("{name}: entry {i} has a name that is not text"))?
            .replace('\\', "/");
        let hidden = inner
            .split('/')
            .any(|part| part.starts_with('.') || part == "__MACOSX");
        if hidden {
            continue;
        }
        let mut bytes = Vec::with_capacity(entry.size().min(MAX_STORE_BYTES) as usize);
        entry
            .by_ref()
            .take(MAX_STORE_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{name}: {inner} cannot be unpacked"))?;
        bar.inc(bytes.len() as u64);
        files.entries.push((inner, bytes));
    }
    files.root = format!("{name}/");
    files.entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Imports `files` as `platform`'s export. Returns whether it succeeded (`false`: records that
/// could not be read refused the whole export).
pub fn run(
    platform: Platform,
    mut files: Files,
    opts: &BringOptions,
    store_path: &Path,
    bar: &ProgressBar,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<bool> {
    let size: usize = files.entries.iter().map(|(_, b)| b.len()).sum();
    bar.reset();
    bar.set_length(size as u64);
    bar.set_message(format!(
        "reading the {platform} export ({} files)",
        files.entries.len()
    ));
    files.progress = Some(bar.clone());
    let export = platform.read(&files).map_err(|p| anyhow::anyhow!("{p}"));
    let export = match export {
        Ok(e) => e,
        Err(e) => {
            bar.finish_and_clear();
            return Err(e);
        }
    };
    // The export holds what it needs of them: the files' bytes go before the store is read.
    files.entries = Vec::new();
    files.progress = None;
    super::progress::spinner(bar);
    bar.set_message(format!(
        "bringing in {} records of {} people (scoring notes, saving)",
        export.events.len(),
        export.people.len()
    ));
    let brought = bring(&export, store_path, opts);
    bar.finish_and_clear();
    let brought = brought?;
    drop(export);
    report(platform, &files, &brought, opts, out, err)?;
    Ok(brought.problems.is_empty() || opts.skip_invalid)
}

/// The import itself, without reading the files or printing: for tests and benchmarks.
pub fn import_export(
    platform: Platform,
    files: &Files,
    store_path: &Path,
    opts: &BringOptions,
) -> Result<Brought> {
    let export = platform.read(files).map_err(|p| anyhow::anyhow!("{p}"))?;
    bring(&export, store_path, opts)
}

fn bring(
    export: &crate::platforms::Export,
    store_path: &Path,
    opts: &BringOptions,
) -> Result<Brought> {
    update_store(store_path, crate::store::Take::Everything, |store| {
        let b = crate::platforms::bring_in(export, store, opts)?;
        Ok(if b.written {
            Outcome::Save(b)
        } else {
            Outcome::Keep(b)
        })
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn report(
    platform: Platform,
    files: &Files,
    b: &Brought,
    opts: &BringOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    let from = sanitize::line(&files.root).into_owned();
    for p in &b.problems {
        writeln!(err, "{}", sanitize::line(&p.to_string()))?;
    }
    let bad = b.problems.len();
    if bad > 0 && !opts.skip_invalid {
        writeln!(
            err,
            "{from}: {} — nothing {} imported (fix {}, or pass --skip-invalid to import the rest)",
            plural(bad, "record could not be read", "records could not be read"),
            if opts.dry_run { "would be" } else { "was" },
            if bad == 1 { "it" } else { "them" },
        )?;
        return Ok(());
    }
    if !opts.dry_run && b.added() == 0 && b.contacts_created == 0 {
        writeln!(
            out,
            "nothing new to import from {platform} export {from}: {} already in the store ({} matched)",
            plural(b.already, "record", "records"),
            plural(b.contacts_matched, "contact", "contacts"),
        )?;
    }
    let lead = if opts.dry_run {
        "dry run: would import"
    } else {
        "imported"
    };
    let kinds: Vec<String> = b.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let mut line = format!(
        "{lead} from {platform} export {from}: {}",
        plural(b.added(), "interaction", "interactions")
    );
    if !kinds.is_empty() {
        line.push_str(&format!(" ({})", kinds.join(", ")));
    }
    line.push_str(&format!(
        "; contacts: {} created, {} matched",
        b.contacts_created, b.contacts_matched
    ));
    if b.already > 0 {
        line.push_str(&format!(
            "; {} already in the store",
            plural(b.already, "record", "records")
        ));
    }
    if opts.dry_run || b.added() > 0 || b.contacts_created > 0 {
        writeln!(out, "{line}")?;
    }
    if !b.skipped.is_empty() {
        let skipped: Vec<String> = b
            .skipped
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        writeln!(out, "left out: {}", skipped.join(", "))?;
    }
    if bad > 0 {
        writeln!(
            out,
            "left out: {} (listed on stderr)",
            plural(
                bad,
                "record that could not be read",
                "records that could not be read"
            )
        )?;
    }
    if let Some(c) = &b.currency_taken {
        writeln!(
            out,
            "the store's currency is now {c}, as this export's amounts are"
        )?;
    }
    if let Some((c, rate)) = &b.converted {
        writeln!(out, "amounts in {c} converted at {rate}")?;
    }
    if opts.dry_run {
        for p in &b.preview {
            writeln!(out, "  {p}")?;
        }
        writeln!(out, "nothing was written")?;
    }
    Ok(())
}
