//! `ror-tui report`: the figures of a period against the previous one, as a terminal digest, a
//! Markdown digest for the team chat, or the JSON document of `metrics::report`.

pub mod digest;
pub mod markdown;
pub mod text;

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use jiff::civil::Date;

use crate::dates;
use crate::metrics::{Dashboard, Index, PeriodSpec, Report, compute, figures_of_both, report};
use crate::sanitize;
use crate::store::{read_store_with, release_at_exit};

pub use digest::Digest;

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui report
  ror-tui report --format md --period 7d
  ror-tui report --as-of yesterday --period 90d
  ror-tui report --period 2026-01-01..2026-03-31 --format json > q1.json
  ror-tui report --format json | jq '.nps.score'

A period of N days ends on the as-of date, inclusive; `all` starts at the first interaction;
FROM..TO is explicit (its figures are taken on TO). Every figure is also worked out for the
period of the same length just before, for the changes.

text and md show a headline table (this period, previous, change with ▲/▼), the top advocates,
contacts at risk, open negative feedback (oldest first) and notable moments (new advocates,
returning members). json is the full document with stable keys, numbers as numbers and null
where a figure has no data (docs/METRICS.md defines every figure). A figure without data shows
as n/a.

Exit status: 0 printed, 1 no store or it cannot be read, 2 a flag value is invalid.";

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Take the figures as of this day: YYYY-MM-DD, today, yesterday, -3d, -2w (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// 7d, 30d, 90d, 365d (ending on the as-of date), all, or FROM..TO
    #[arg(long, value_name = "PERIOD", default_value_t = PeriodSpec::Days(30))]
    pub period: PeriodSpec,
    /// text for a terminal, md to paste into a chat, json for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Md,
    Json,
}

/// An as-of day: `YYYY-MM-DD`, `today`, `yesterday`, `-3d`, `-2w`.
pub fn parse_as_of(s: &str) -> Result<Date, String> {
    dates::parse_day(s, super::today())
}

/// Loads the store at `store_path` and prints the report of `args.period` as of `as_of`.
pub fn run(args: &ReportArgs, as_of: Date, store_path: &Path, out: &mut impl Write) -> Result<()> {
    // The index is built while the store is validated.
    let (store, index) = match read_store_with(store_path, Index::new)? {
        Some(read) => read,
        None => bail!(
            "there is no store at {} yet (log or import something first, or pass --store)",
            store_path.display()
        ),
    };
    let mut w = BufWriter::new(out);
    if args.format == Format::Json {
        // Only the figures are printed: the lists and series are not worked out.
        let (current, previous) = figures_of_both(&index, as_of, &args.period);
        write_json(
            &Report {
                current: &current.figures,
                previous: &previous.figures,
            },
            &mut w,
        )?;
        w.flush()?;
        release_at_exit((store, index, current, previous));
        return Ok(());
    }
    let dashboard = compute(&index, as_of, &args.period);
    write_report(&dashboard, args.format, &mut w)?;
    w.flush()?;
    release_at_exit((store, index, dashboard));
    Ok(())
}

/// Sanitises every string of a JSON document, keys included: the figures carry names (the
/// advocates) and channels (the keys of `by_channel`) straight from the store, and a JSON escape
/// such as `\u001b` becomes a real escape again in whatever reads the document (`jq -r`).
fn clean_strings(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(c) = sanitize::line(s) {
                *s = c;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(clean_strings),
        Value::Object(o) => {
            let fields = std::mem::take(o);
            for (k, mut v) in fields {
                clean_strings(&mut v);
                o.insert(sanitize::line(&k).into_owned(), v);
            }
        }
        _ => {}
    }
}

/// Writes the JSON report, its strings sanitised, ending with a newline.
fn write_json(r: &Report<'_>, w: &mut impl Write) -> Result<()> {
    let mut doc = serde_json::to_value(r)?;
    clean_strings(&mut doc);
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// Writes `d` in `format`, ending with a newline.
pub fn write_report(d: &Dashboard, format: Format, w: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => write_json(&report(d), w)?,
        Format::Md => w.write_all(markdown::render(&Digest::new(d)).as_bytes())?,
        Format::Text => w.write_all(text::render(&Digest::new(d)).as_bytes())?,
    }
    Ok(())
}
