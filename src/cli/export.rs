//! `ror-tui export`: interactions, contacts or investments as CSV, JSON or JSON Lines.
//!
//! Every text field is sanitised (no escape sequences or control characters reach a terminal or a
//! file someone will `cat`), and CSV cells that a spreadsheet would run as a formula are guarded.
//! The interactions CSV has exactly the columns `import` reads, so an export re-imports into an
//! empty store to the same figures.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::cells::{INTERACTION_COLUMNS, TAG_SEPARATOR, escape, plain_amount};
use crate::metrics::{Period, PeriodSpec};
use crate::sanitize;
use crate::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Moment, Money, Source,
    Store, read_store,
};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui export -o interactions.csv
  ror-tui export --format json --what contacts
  ror-tui export --format jsonl --period 30d | jq .note
  ror-tui export --what investments --period 2026-01-01..2026-03-31 -o q1.csv

The interactions CSV has the columns `ror-tui import` reads (date, contact, handle, email, kind,
channel, direction, value, nps, rating, sentiment, note, tags), so it re-imports into an empty
store to the same figures. Team membership, contacts without interactions and the contacts'
other details are not part of it: export contacts for those. Cells that a spreadsheet would run
as a formula (starting with = + - @, a tab, or spaces before one of them) get a leading
apostrophe, which import removes again.
JSON and JSON Lines carry numbers as numbers and null where a field is empty. Control characters
and escape sequences are removed from all text.

--period keeps interactions and investments dated in the period, and contacts created in it.
Exit status: 0 written, 1 no store or it cannot be read or the output cannot be written, 2 a flag
value is invalid.";

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Which records
    #[arg(long, value_enum, default_value_t = What::Interactions)]
    pub what: What,
    /// Only records in this period: 7d, 30d, 90d, 365d (ending today), all, or FROM..TO
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<PeriodSpec>,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    Interactions,
    Contacts,
    Investments,
}

/// Writes the export to `-o FILE` (replaced atomically) or to `stdout`.
pub fn run(args: &ExportArgs, store_path: &Path, stdout: &mut impl Write) -> Result<()> {
    let store = match read_store(store_path)? {
        Some(s) => s,
        None => bail!(
            "there is no store at {} yet (log or import something first, or pass --store)",
            store_path.display()
        ),
    };
    match &args.output {
        None => {
            let mut w = BufWriter::with_capacity(1 << 16, stdout);
            write_export(&store, args, super::today(), &mut w)?;
            w.flush()?;
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            {
                let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
                write_export(&store, args, super::today(), &mut w)?;
                w.flush()?;
            }
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    crate::store::release_at_exit(store);
    Ok(())
}

/// Writes the records `args` select from `store` in `args.format`; an `Nd` period ends on `today`.
pub fn write_export(
    store: &Store,
    args: &ExportArgs,
    today: Date,
    w: &mut impl Write,
) -> Result<()> {
    let window = match &args.period {
        // In the figures `all` starts at the first interaction; an export of everything also
        // carries the contacts created and the investments made before it, and anything dated
        // after today.
        None | Some(PeriodSpec::All) => None,
        Some(spec) => Some(Period::resolve(spec, today, store)),
    };
    let keep = |d: Date| window.is_none_or(|p| p.contains(d));
    let by_id: HashMap<Uuid, &Contact> = store.contacts.iter().map(|c| (c.id, c)).collect();
    match args.what {
        What::Interactions => {
            let rows = store
                .interactions
                .iter()
                .filter(|x| keep(x.at.date))
                .map(|x| InteractionRecord::new(x, by_id.get(&x.contact).copied()));
            emit(rows, args.format, &INTERACTION_COLUMNS, w)
        }
        What::Contacts => {
            let rows = store
                .contacts
                .iter()
                .filter(|c| keep(c.created))
                .map(|c| ContactRecord::new(c, &by_id));
            emit(rows, args.format, &CONTACT_COLUMNS, w)
        }
        What::Investments => {
            let rows = store
                .investments
                .iter()
                .filter(|i| keep(i.date))
                .map(|i| InvestmentRecord::new(i, &by_id));
            emit(rows, args.format, &INVESTMENT_COLUMNS, w)
        }
    }
}

/// A record that can also be a CSV row, in the order of its columns, with text cells guarded
/// against spreadsheet formulas (numbers are left as numbers).
trait Record: Serialize {
    fn cells(&self) -> Vec<Cow<'_, str>>;
}

fn emit<R: Record>(
    rows: impl Iterator<Item = R>,
    format: Format,
    columns: &[&str],
    w: &mut impl Write,
) -> Result<()> {
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(w);
            csv.write_record(columns)?;
            for r in rows {
                csv.write_record(r.cells().iter().map(|c| c.as_bytes()))?;
            }
            csv.flush()?;
        }
        Format::Json => {
            // One record per line inside the array: valid JSON that still diffs and greps well.
            w.write_all(b"[")?;
            for (i, r) in rows.enumerate() {
                w.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *w, &r)?;
            }
            w.write_all(b"\n]\n")?;
        }
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *w, &r)?;
                w.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}

fn line(s: &str) -> Cow<'_, str> {
    sanitize::line(s)
}

fn opt_line(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().filter(|s| !s.is_empty()).map(line)
}

fn name_of<'a>(id: Option<Uuid>, by_id: &HashMap<Uuid, &'a Contact>) -> Option<Cow<'a, str>> {
    id.and_then(|id| by_id.get(&id)).map(|c| line(&c.name))
}

fn num<T: ToString>(v: Option<T>) -> Cow<'static, str> {
    v.map_or(Cow::Borrowed(""), |v| Cow::Owned(v.to_string()))
}

#[derive(Serialize)]
struct InteractionRecord<'a> {
    date: Moment,
    contact: Cow<'a, str>,
    handle: Option<Cow<'a, str>>,
    email: Option<Cow<'a, str>>,
    channel: Cow<'a, str>,
    kind: Kind,
    direction: Direction,
    note: Cow<'a, str>,
    sentiment: Option<f64>,
    value: Option<Money>,
    nps: Option<u8>,
    rating: Option<u8>,
    #[serde(skip)]
    tags: String,
    resolved: bool,
    id: Uuid,
}

impl<'a> InteractionRecord<'a> {
    fn new(x: &'a Interaction, c: Option<&'a Contact>) -> Self {
        InteractionRecord {
            date: x.at,
            contact: c.map_or(Cow::Borrowed(""), |c| line(&c.name)),
            handle: c.and_then(|c| opt_line(&c.handle)),
            email: c.and_then(|c| opt_line(&c.email)),
            channel: line(&x.channel),
            kind: x.kind,
            direction: x.direction,
            note: sanitize::text(&x.note),
            sentiment: x.sentiment.map(|s| s.score),
            value: x.value,
            nps: x.nps,
            rating: x.rating,
            tags: c.map_or(String::new(), |c| join_tags(&c.tags)),
            resolved: x.resolved,
            id: x.id,
        }
    }
}

impl Record for InteractionRecord<'_> {
    fn cells(&self) -> Vec<Cow<'_, str>> {
        let b = |s: &'static str| Cow::Borrowed(s);
        vec![
            Cow::Owned(self.date.to_string()),
            escape(&self.contact),
            self.handle.as_deref().map_or(b(""), escape),
            self.email.as_deref().map_or(b(""), escape),
            b(self.kind.as_str()),
            escape(&self.channel),
            b(self.direction.as_str()),
            self.value.map_or(b(""), |v| Cow::Owned(plain_amount(v))),
            num(self.nps),
            num(self.rating),
            // Rust prints the shortest text that reads back as the same f64: exact round trip.
            num(self.sentiment),
            escape(&self.note),
            escape(&self.tags),
        ]
    }
}

fn join_tags(tags: &[String]) -> String {
    let parts: Vec<Cow<'_, str>> = tags.iter().map(|t| line(t)).collect();
    parts.join(&TAG_SEPARATOR.to_string())
}

const CONTACT_COLUMNS: [&str; 11] = [
    "name",
    "handle",
    "email",
    "organisation",
    "tags",
    "source",
    "referred_by",
    "cadence_days",
    "team",
    "created",
    "notes",
];

#[derive(Serialize)]
struct ContactRecord<'a> {
    name: Cow<'a, str>,
    handle: Option<Cow<'a, str>>,
    email: Option<Cow<'a, str>>,
    organisation: Option<Cow<'a, str>>,
    tags: Vec<Cow<'a, str>>,
    source: Source,
    referred_by: Option<Cow<'a, str>>,
    cadence_days: Option<u32>,
    team: bool,
    created: Date,
    notes: Cow<'a, str>,
    id: Uuid,
}

impl<'a> ContactRecord<'a> {
    fn new(c: &'a Contact, by_id: &HashMap<Uuid, &'a Contact>) -> Self {
        ContactRecord {
            name: line(&c.name),
            handle: opt_line(&c.handle),
            email: opt_line(&c.email),
            organisation: opt_line(&c.organisation),
            tags: c.tags.iter().map(|t| line(t)).collect(),
            source: c.source,
            referred_by: name_of(c.referred_by, by_id),
            cadence_days: c.cadence_days,
            team: c.is_team,
            created: c.created,
            notes: sanitize::text(&c.notes),
            id: c.id,
        }
    }
}

impl Record for ContactRecord<'_> {
    fn cells(&self) -> Vec<Cow<'_, str>> {
        let opt = |s: &Option<Cow<'_, str>>| escape(s.as_deref().unwrap_or("")).into_owned();
        vec![
            escape(&self.name),
            Cow::Owned(opt(&self.handle)),
            Cow::Owned(opt(&self.email)),
            Cow::Owned(opt(&self.organisation)),
            Cow::Owned(escape(&self.tags.join(&TAG_SEPARATOR.to_string())).into_owned()),
            Cow::Borrowed(self.source.as_str()),
            Cow::Owned(opt(&self.referred_by)),
            num(self.cadence_days),
            Cow::Borrowed(if self.team { "true" } else { "false" }),
            Cow::Owned(self.created.to_string()),
            escape(&self.notes),
        ]
    }
}

const INVESTMENT_COLUMNS: [&str; 6] = ["date", "contact", "kind", "amount", "acquisition", "note"];

#[derive(Serialize)]
struct InvestmentRecord<'a> {
    date: Date,
    contact: Option<Cow<'a, str>>,
    kind: InvestmentKind,
    amount: Money,
    acquisition: bool,
    note: Cow<'a, str>,
    id: Uuid,
}

impl<'a> InvestmentRecord<'a> {
    fn new(i: &'a Investment, by_id: &HashMap<Uuid, &'a Contact>) -> Self {
        InvestmentRecord {
            date: i.date,
            contact: name_of(i.contact, by_id),
            kind: i.kind,
            amount: i.amount,
            acquisition: i.acquisition,
            note: sanitize::text(&i.note),
            id: i.id,
        }
    }
}

impl Record for InvestmentRecord<'_> {
    fn cells(&self) -> Vec<Cow<'_, str>> {
        vec![
            Cow::Owned(self.date.to_string()),
            Cow::Owned(escape(self.contact.as_deref().unwrap_or("")).into_owned()),
            Cow::Borrowed(self.kind.as_str()),
            Cow::Owned(plain_amount(self.amount)),
            Cow::Borrowed(if self.acquisition { "true" } else { "false" }),
            escape(&self.note),
        ]
    }
}
