//! `ror-tui import FILE|DIR [--from PLATFORM]`: bring in history exported from other tools: a
//! platform's own export (LinkedIn, Slack, Mailchimp, Stripe; see `crate::platforms`), or a CSV
//! in ror-tui's columns.

mod bounded;
mod contacts;
mod decode;
mod header;
mod mapping;
mod platform;
mod progress;
mod rows;
mod scan;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

pub use decode::{Encoding, FileError};
pub use platform::{import_export, read_files};
pub use rows::{MAX_CELL_BYTES, RowError};

use super::update::{Outcome, update_store};
use crate::sanitize;
use crate::sentiment;
use crate::store::{
    Direction, Interaction, Kind, MAX_STORE_BYTES, Moment, Money, SentimentSource, Settings, Store,
};
use rows::{Parsed, Progress};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui import ~/Downloads/slack-export/     a platform's export, recognised (docs/IMPORT.md)
  ror-tui import orders_export_1.csv --rate EUR=1.08
  ror-tui import history.csv
  ror-tui import --dry-run history.csv          show what would happen, write nothing
  ror-tui import --skip-invalid history.csv     import the good rows, list the bad ones
  ror-tui import --delimiter ';' export.csv     columns separated by semicolons
  other-tool export | ror-tui import -

The first row names the columns, in any order and any case:
  date (required; YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or RFC 3339), contact (required), kind
  (required), channel (default other), direction (in/out), value, note, sentiment (-1..1), nps
  (0-10), rating (1-5), handle, email, tags (`;`-separated, for new contacts).
Columns are separated by whichever of , ; tab or | the first row uses (or --delimiter). The file
may be UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark, or, line by line,
Windows-1252 (Latin-1), as older spreadsheets save it; the summary says when it was not UTF-8.
Amounts and sentiments may use a decimal comma (49,90). Blank lines and rows of empty cells are
skipped; line numbers in messages are those of the file. A cell holds at most 100,000 bytes.
A contact is matched by the handle and email columns, then the contact column as a handle, an
email or a name (ignoring case); otherwise it is created, starting on its earliest row.
All or nothing: one invalid row and nothing is imported; a quote left open is refused outright.
Rows already in the store are skipped, so importing a file twice adds nothing; identical rows
within one file are all kept (two equal purchases on one day are two purchases). A note's
sentiment is scored automatically unless the sentiment column gives one. A cell starting with an
apostrophe before = + - @ ' (as written by `ror-tui export` to keep spreadsheets from running it)
loses that apostrophe; a contact cell so marked is a name (`'@home`), never a handle.

Works while a dashboard has the store open. The summary goes to stdout, bad rows to stderr.
Exit status: 0 imported (or nothing to import, or --skip-invalid), 1 invalid rows or an unreadable
file or store (nothing written), 2 the header is wrong (unknown, repeated or missing columns).";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export to read: a file, a zip archive or a folder (a Slack or LinkedIn export); `-` for
    /// a CSV on standard input
    pub file: PathBuf,
    /// The platform that wrote it: linkedin, slack, discord, mailchimp, sendgrid, substack,
    /// beehiiv, shopify, stripe, github, or csv for ror-tui's own columns (default: recognised
    /// from the files)
    #[arg(long, value_name = "PLATFORM")]
    pub from: Option<String>,
    /// Convert amounts in another currency to the store's: `--rate EUR=1.08` (1 EUR is 1.08 of
    /// the store's currency); may be repeated
    #[arg(long, value_name = "CUR=N")]
    pub rate: Vec<String>,
    /// Any CSV: which of its columns is which field, `'Connected On=date(%d %b %Y),Email
    /// Address=email,Name=contact'` (a date's format in parentheses); other columns are left out
    #[arg(long, value_name = "COLUMN=FIELD,...")]
    pub map: Option<String>,
    /// A value for every row, for a field the file has no column for: `--set kind=connect`;
    /// may be repeated
    #[arg(long, value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// Use the mapping saved as NAME (`--map` and `--set` add to it)
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// Save this import's `--map` and `--set` as NAME, for `--profile NAME` next time
    #[arg(long, value_name = "NAME")]
    pub save_profile: Option<String>,
    /// A list of people, no interactions: each row updates the contact with its email (else
    /// handle) or adds one; columns name, email, handle, organisation, tags, cadence,
    /// referred_by, source, created, notes
    #[arg(long)]
    pub contacts: bool,
    /// Import the valid rows and list the invalid ones, instead of importing nothing
    #[arg(long)]
    pub skip_invalid: bool,
    /// Report what would be imported without writing anything
    #[arg(long)]
    pub dry_run: bool,
    /// The column separator: , ; tab or | (default: the one the header row uses)
    #[arg(long, value_name = "SEP", value_parser = scan::parse_delimiter)]
    pub delimiter: Option<u8>,
}

/// What an import did (or, in a dry run or when refused, would do).
#[derive(Debug)]
pub struct Summary {
    pub rows: usize,
    /// Interactions added (or that would be).
    pub added: usize,
    pub new_contacts: usize,
    /// Rows already in the store.
    pub duplicates: usize,
    pub invalid: Vec<RowError>,
    /// Whether the store was written.
    pub written: bool,
    /// How the file's bytes were read.
    pub encoding: Encoding,
    /// Lines read as Windows-1252 (when `encoding` is that).
    pub converted_lines: usize,
    /// The column separator used.
    pub delimiter: u8,
    /// Interactions added (or that would be), by kind.
    pub by_kind: std::collections::BTreeMap<Kind, usize>,
    /// Contacts already in the store that gained interactions.
    pub matched: usize,
    /// The first interactions as they would be saved, for a dry run.
    pub preview: Vec<String>,
}

/// Imports `args.file` into the store at `store_path`. The summary goes to `out`, bad rows to
/// `err`. Returns whether the import succeeded (`false`: invalid rows refused the whole file).
pub fn run(
    args: &ImportArgs,
    store_path: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<bool> {
    let name = args.file.display().to_string();
    if let Some(done) = from_platform(args, store_path, out, err)? {
        return Ok(done);
    }
    let too_big = |len: u64| {
        anyhow::anyhow!(
            "{name} is {} MB, larger than any store could hold; split it into smaller files",
            len / 1_000_000
        )
    };
    let bytes = if args.file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .take(MAX_STORE_BYTES + 1)
            .read_to_end(&mut b)
            .context("cannot read standard input")?;
        if b.len() as u64 > MAX_STORE_BYTES {
            return Err(too_big(b.len() as u64));
        }
        b
    } else {
        let len = std::fs::metadata(&args.file).map_or(0, |m| m.len());
        if len > MAX_STORE_BYTES {
            return Err(too_big(len));
        }
        std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?
    };
    let profile = mapping_of(args)?;
    if args.contacts {
        let decoded = decode::decode(&bytes)
            .map_err(|f| anyhow::anyhow!("{name}:{}: {}", f.line, f.message))?;
        let delimiter = args
            .delimiter
            .unwrap_or_else(|| scan::detect_delimiter(&decoded.text));
        let empty = mapping::Profile::default();
        let text = mapping::rewrite(&decoded.text, delimiter, profile.as_ref().unwrap_or(&empty))?;
        let (text, delimiter) = match profile {
            Some(_) => (&text[..], b','),
            None => (&decoded.text[..], delimiter),
        };
        let ok = contacts::run(
            text,
            delimiter,
            &sanitize::line(&name),
            store_path,
            (args.skip_invalid, args.dry_run),
            out,
            err,
        )?;
        if let (true, Some(save), Some(p)) = (ok, &args.save_profile, &profile) {
            let at = mapping::save_profile(save, p)?;
            writeln!(out, "saved this mapping as `{save}` in {}", at.display())?;
        }
        return Ok(ok);
    }
    let (bytes, delimiter) = match &profile {
        Some(p) => {
            let decoded = decode::decode(&bytes)
                .map_err(|f| anyhow::anyhow!("{name}:{}: {}", f.line, f.message))?;
            let delimiter = args
                .delimiter
                .unwrap_or_else(|| scan::detect_delimiter(&decoded.text));
            (mapping::rewrite(&decoded.text, delimiter, p)?, Some(b','))
        }
        None => (bytes, args.delimiter),
    };
    let opts = Options {
        skip_invalid: args.skip_invalid,
        dry_run: args.dry_run,
        progress: true,
        delimiter,
    };
    let s = import_bytes(&bytes, store_path, &opts).map_err(|e| {
        // A problem with the whole file is told as `FILE:LINE: ...`, like a bad row.
        match e.downcast::<FileError>() {
            Ok(f) => anyhow::anyhow!("{name}:{}: {}", f.line, f.message),
            Err(e) => e,
        }
    })?;
    report(&s, &sanitize::line(&name), args, out, err)?;
    let ok = s.invalid.is_empty() || args.skip_invalid;
    if let (true, Some(save), Some(p)) = (ok, &args.save_profile, &profile) {
        let at = mapping::save_profile(save, p)?;
        writeln!(out, "saved this mapping as `{save}` in {}", at.display())?;
    }
    Ok(ok)
}

/// The mapping `--profile`, `--map` and `--set` make together; `None` for a CSV in ror-tui's
/// own columns.
fn mapping_of(args: &ImportArgs) -> Result<Option<mapping::Profile>> {
    let mut p = match &args.profile {
        Some(name) => mapping::load_profile(name)?,
        None => mapping::Profile::default(),
    };
    let fields: &[&str] = if args.contacts {
        &contacts::CONTACT_COLUMNS
    } else {
        &crate::cli::cells::INTERACTION_COLUMNS
    };
    if let Some(spec) = &args.map {
        for m in mapping::parse_map(spec, fields)? {
            p.map.retain(|o| o.field != m.field);
            p.map.push(m);
        }
    }
    p.set.extend(mapping::parse_set(&args.set, fields)?);
    if args.save_profile.is_some() && p.is_empty() {
        return Err(super::UsageError("--save-profile keeps a --map: give one".into()).into());
    }
    Ok((!p.is_empty()).then_some(p))
}

/// Imports a platform's export when `--from` names a platform, or when the file (or folder)
/// is recognised as one; `None`: a CSV in ror-tui's own columns, for [`run`] to read.
fn from_platform(
    args: &ImportArgs,
    store_path: &Path,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<Option<bool>> {
    let mapped = args.map.is_some() || !args.set.is_empty() || args.profile.is_some();
    let named = match args.from.as_deref().map(str::trim) {
        Some(f) if f.eq_ignore_ascii_case("csv") => return Ok(None),
        None if mapped => return Ok(None),
        Some(_) if mapped => {
            return Err(super::UsageError(
                "--map, --set and --profile are for any other CSV (--from csv); a platform's \
                 export is read as it is"
                    .into(),
            )
            .into());
        }
        Some(f) => Some(crate::platforms::Platform::parse(f).map_err(super::UsageError)?),
        None => None,
    };
    if args.file.as_os_str() == "-" {
        if named.is_some() {
            bail!("a platform's export is read from a file or a folder, not standard input");
        }
        return Ok(None);
    }
    // Rates are read before the bar is drawn: a bad one ends the import with nothing on screen.
    let mut rates = std::collections::BTreeMap::new();
    for r in &args.rate {
        let Some((cur, n)) = r.split_once('=') else {
            return Err(super::UsageError(format!(
                "`{r}` is not a rate (expected CUR=N, e.g. EUR=1.08)"
            ))
            .into());
        };
        rates.insert(cur.trim().to_ascii_uppercase(), n.trim().to_string());
    }
    let bar = progress::for_path(&args.file);
    bar.set_message(format!(
        "reading {}",
        sanitize::line(&args.file.display().to_string())
    ));
    let files = platform::read_files_shown(&args.file, &bar);
    let files = match files {
        Ok(f) => f,
        Err(e) => {
            bar.finish_and_clear();
            return Err(e);
        }
    };
    let platform = match named.or_else(|| crate::platforms::Platform::detect(&files)) {
        Some(p) => p,
        None if files.root.ends_with('/') => {
            bar.finish_and_clear();
            let all: Vec<&str> = crate::platforms::Platform::ALL
                .iter()
                .map(|p| p.name())
                .collect();
            return Err(super::UsageError(format!(
                "cannot tell which platform wrote {}: pass --from ({})",
                sanitize::line(&files.root),
                all.join(", ")
            ))
            .into());
        }
        None => {
            bar.finish_and_clear();
            return Ok(None);
        }
    };
    let opts = crate::platforms::BringOptions {
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        rates,
        today: None,
    };
    platform::run(platform, files, &opts, store_path, &bar, out, err).map(Some)
}

/// How an import goes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Import the valid rows even when some are invalid.
    pub skip_invalid: bool,
    /// Work everything out, write nothing.
    pub dry_run: bool,
    /// Show a progress bar on stderr when the file is large and stderr a terminal.
    pub progress: bool,
    /// The column separator; `None`: detected from the header row.
    pub delimiter: Option<u8>,
}

/// The import itself, without reading the file or printing: for tests and benchmarks.
pub fn import_bytes(bytes: &[u8], store_path: &Path, opts: &Options) -> Result<Summary> {
    let bar = if opts.progress {
        progress::for_bytes(bytes.len())
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_message("reading rows");
    let done = update_store(store_path, crate::store::Take::Everything, |store| {
        let s = apply_shown(bytes, store, opts, &bar)?;
        Ok(if s.written {
            bar.set_message(format!("saving {} interactions", s.added));
            Outcome::Save(s)
        } else {
            Outcome::Keep(s)
        })
    });
    bar.finish_and_clear();
    done
}

/// Reads the file against `store` and, when the import goes ahead, adds its rows to `store`.
pub fn apply(bytes: &[u8], store: &mut Store, opts: &Options) -> Result<Summary> {
    apply_shown(bytes, store, opts, &indicatif::ProgressBar::hidden())
}

/// [`apply`], moving `bar` on as rows are read.
fn apply_shown(
    bytes: &[u8],
    store: &mut Store,
    opts: &Options,
    bar: &indicatif::ProgressBar,
) -> Result<Summary> {
    let Parsed {
        rows,
        mut valid,
        invalid,
        new_contacts,
        touched,
        encoding,
        converted_lines,
        delimiter,
    } = rows::parse(
        bytes,
        &store.contacts,
        opts.delimiter,
        &Progress { bar: bar.clone() },
    )?;
    progress::spinner(bar);
    bar.set_message(format!("scoring {} notes", valid.len()));
    score_notes(&mut valid, &store.settings);
    let keep = not_in_store(&valid, store, &touched);
    let added = keep.iter().filter(|k| **k).count();
    let kept = || valid.iter().zip(&keep).filter_map(|(x, k)| k.then_some(x));
    let mut by_kind = std::collections::BTreeMap::new();
    for x in kept() {
        *by_kind.entry(x.kind).or_default() += 1;
    }
    let created: std::collections::HashSet<uuid::Uuid> =
        new_contacts.iter().map(|c| c.id).collect();
    let matched = kept()
        .map(|x| x.contact)
        .filter(|id| !created.contains(id))
        .collect::<std::collections::HashSet<_>>()
        .len();
    let preview = if opts.dry_run {
        let names: HashMap<uuid::Uuid, &str> = store
            .contacts
            .iter()
            .chain(&new_contacts)
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        crate::platforms::preview(kept(), &names, &store.settings.currency)
    } else {
        Vec::new()
    };
    let go = !opts.dry_run && (invalid.is_empty() || opts.skip_invalid) && added > 0;
    let summary = Summary {
        rows,
        added,
        new_contacts: new_contacts.len(),
        duplicates: valid.len() - added,
        invalid,
        written: go,
        encoding,
        converted_lines,
        delimiter,
        by_kind,
        matched,
        preview,
    };
    if go {
        let (contacts, interactions) = (store.contacts.len(), store.interactions.len());
        store.contacts.extend(new_contacts);
        store.interactions.extend(
            valid
                .into_iter()
                .zip(keep)
                .filter_map(|(x, k)| k.then_some(x)),
        );
        // Checked before sorting, so that a refusal can take the new records off the end and
        // leave the store exactly as it was.
        let problems = crate::store::validate(store);
        if let Some(p) = problems.first() {
            let message =
                format!("the import would make the store invalid ({p}); nothing was written");
            store.contacts.truncate(contacts);
            store.interactions.truncate(interactions);
            bail!(message);
        }
        store.sort_canonical();
    }
    Ok(summary)
}

/// Sentiment as the dashboard scores it. A sentiment cell equal to what the note scores anyway
/// (as `export` writes it) stays automatic, so it follows later edits of the note; any other
/// value counts as set by hand. Scoring is the slow part of a large import, so it is shared out
/// over the available cores.
fn score_notes(rows: &mut [Interaction], settings: &Settings) {
    let score = |chunk: &mut [Interaction]| {
        for x in chunk {
            match x.sentiment {
                Some(s)
                    if settings.auto_sentiment
                        && sentiment::score_text(&x.note) == Some(s.score) =>
                {
                    x.sentiment = Some(crate::store::Sentiment {
                        source: SentimentSource::Auto,
                        ..s
                    });
                }
                Some(_) => {}
                None => sentiment::rescore(x, settings),
            }
        }
    };
    let threads = crate::cores();
    if threads < 2 || rows.len() < 4096 {
        score(rows);
        return;
    }
    let per = rows.len().div_ceil(threads);
    std::thread::scope(|s| {
        for chunk in rows.chunks_mut(per) {
            s.spawn(move || score(chunk));
        }
    });
}

/// What makes two interactions the same event, for recognising rows already imported.
type Key<'a> = (
    uuid::Uuid,
    Moment,
    Kind,
    &'a str,
    Direction,
    &'a str,
    Option<Money>,
    Option<u8>,
    Option<u8>,
);

fn key(x: &Interaction) -> Key<'_> {
    (
        x.contact,
        x.at,
        x.kind,
        &x.channel,
        x.direction,
        &x.note,
        x.value,
        x.nps,
        x.rating,
    )
}

/// Which rows to add: each row the store already holds is matched off against one stored copy,
/// so a file imported twice adds nothing while equal rows within one file are all kept (the
/// multiset difference between the file and the store).
fn not_in_store(
    rows: &[Interaction],
    store: &Store,
    touched: &std::collections::HashSet<uuid::Uuid>,
) -> Vec<bool> {
    let mut have: HashMap<Key<'_>, u32> = HashMap::new();
    if !touched.is_empty() {
        for x in store
            .interactions
            .iter()
            .filter(|x| touched.contains(&x.contact))
        {
            *have.entry(key(x)).or_default() += 1;
        }
    }
    rows.iter()
        .map(|x| match have.get_mut(&key(x)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

fn report(
    s: &Summary,
    file: &str,
    args: &ImportArgs,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<()> {
    for e in &s.invalid {
        let reasons: Vec<_> = e.reasons.iter().map(|r| sanitize::line(r)).collect();
        writeln!(err, "{file}:{}: {}", e.line, reasons.join("; "))?;
    }
    let bad = s.invalid.len();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if bad > 0 && !args.skip_invalid {
        writeln!(
            err,
            "{file}: {} — nothing {} imported (fix {}, or pass --skip-invalid to import the other {})",
            plural(bad, "invalid row", "invalid rows"),
            if args.dry_run { "would be" } else { "was" },
            if bad == 1 { "it" } else { "them" },
            plural(s.rows - bad, "row", "rows"),
        )?;
        return Ok(());
    }
    if s.added == 0 && bad == 0 {
        let why = if s.duplicates == 1 {
            "its one row is already in the store".to_string()
        } else if s.duplicates > 1 {
            format!("all {} rows are already in the store", s.duplicates)
        } else {
            "it has no rows".to_string()
        };
        writeln!(out, "nothing to import from {file}: {why}{}", how_read(s))?;
        return Ok(());
    }
    let mut line = if args.dry_run {
        format!(
            "dry run: would import {} from {file}",
            plural(s.added, "interaction", "interactions")
        )
    } else {
        format!(
            "imported {} from {file}",
            plural(s.added, "interaction", "interactions")
        )
    };
    line.push_str(&format!(
        " ({})",
        plural(s.new_contacts, "new contact", "new contacts")
    ));
    if s.duplicates > 0 {
        line.push_str(&format!(
            "; {} already in the store, skipped",
            plural(s.duplicates, "row", "rows")
        ));
    }
    if bad > 0 {
        line.push_str(&format!(
            "; {} left out",
            plural(bad, "invalid row", "invalid rows")
        ));
    }
    line.push_str(&how_read(s));
    if args.dry_run {
        line.push_str("; nothing was written");
    }
    writeln!(out, "{line}")?;
    let kinds: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    writeln!(
        out,
        "  by kind: {}; contacts: {} created, {} matched",
        kinds.join(", "),
        s.new_contacts,
        s.matched
    )?;
    for p in &s.preview {
        writeln!(out, "  {p}")?;
    }
    Ok(())
}

/// How the file was read, when it was not the usual comma-separated UTF-8, so that a guess the
/// user did not expect shows.
fn how_read(s: &Summary) -> String {
    let mut out = String::new();
    match s.encoding {
        Encoding::Utf8 => {}
        Encoding::Windows1252 => out.push_str(&format!(
            "; {} read as {} text, not UTF-8",
            if s.converted_lines == 1 {
                "1 line".to_string()
            } else {
                format!("{} lines", s.converted_lines)
            },
            s.encoding
        )),
        e => out.push_str(&format!("; read as {e} text")),
    }
    if s.delimiter != b',' {
        let by = match s.delimiter {
            b';' => "semicolons",
            b'\t' => "tabs",
            _ => "pipes",
        };
        out.push_str(&format!("; columns separated by {by}"));
    }
    out
}
