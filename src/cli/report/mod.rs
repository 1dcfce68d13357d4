//! `ror-tui report`: the figures of a period against the previous one, as a terminal digest, a
//! Markdown digest for the team chat, or the JSON document of `metrics::report`.

pub mod digest;
mod json;
pub mod markdown;
pub mod redact;
pub mod text;

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use jiff::civil::Date;

use crate::dates;
use crate::metrics::{
    Dashboard, Index, PeriodSpec, Rule, Segment, compute, document, stay_in_touch,
};
use crate::store::{read_store_with, release_at_exit};

pub use digest::Digest;
pub use json::write_clean as write_json_clean;

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui report
  ror-tui report --format md --period 7d
  ror-tui report --as-of yesterday --period 90d
  ror-tui report --period 2026-01-01..2026-03-31 --format json > q1.json
  ror-tui report --format json | jq '.nps.score'
  ror-tui report --format md --redact        # to share outside the team

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
    /// Only this part of the community: tag:NAME, source:NAME, org:NAME or channel:NAME
    /// (repeat it: all must hold)
    #[arg(long = "segment", value_name = "RULE", value_parser = parse_rule)]
    pub segment: Vec<Rule>,
    /// Names become pseudonyms (the same contact keeps its own in every report of this store);
    /// handles, emails and notes are left out: figures to share outside the team
    #[arg(long)]
    pub redact: bool,
}

fn parse_rule(s: &str) -> Result<Rule, String> {
    s.parse()
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
    let segment = Segment(args.segment.clone());
    // The index is built while the store is validated (for the whole community; a segment is
    // worked out from the store once it is read).
    let build =
        |s: &crate::store::Store| (segment.is_everyone() && !args.redact).then(|| Index::new(s));
    let (store, index) = match read_store_with(store_path, build)? {
        Some(read) => read,
        None => bail!(
            "there is no store at {} yet (log or import something first, or pass --store)",
            store_path.display()
        ),
    };
    let (store, index) = match index {
        Some(ix) => (store, ix),
        None => {
            let mut part = segment.apply(&store);
            release_at_exit(store);
            if args.redact {
                redact::redact(&mut part);
            }
            let ix = Index::new(&part);
            (part, ix)
        }
    };
    let dashboard = compute(&index, as_of, &args.period);
    // Commitments are the whole community's.
    let follow_through = segment.is_everyone().then(|| {
        crate::metrics::commitments::follow_through(
            &index,
            &store.standups,
            dashboard.current.figures.as_of,
        )
    });
    let follow_through = follow_through.flatten();
    let mut w = BufWriter::new(out);
    match args.format {
        Format::Json => {
            let due = stay_in_touch(&index, dashboard.current.figures.as_of);
            let labels: Vec<String> = segment.0.iter().map(ToString::to_string).collect();
            let mut doc = document(&dashboard, &due, &labels);
            doc.follow_through = follow_through;
            json::write_clean(&doc, &mut w)?;
        }
        format => {
            let mut digest = Digest::new(&dashboard, &segment);
            digest.follow_through = follow_through;
            write_digest(&digest, format, &mut w)?;
        }
    }
    w.flush()?;
    release_at_exit((store, index, dashboard));
    Ok(())
}

/// Writes `d` (the figures of `segment`) as a digest in `format`, ending with a newline. JSON
/// needs the stay-in-touch list too: see [`run`].
pub fn write_report(
    d: &Dashboard,
    segment: &Segment,
    format: Format,
    w: &mut impl Write,
) -> Result<()> {
    write_digest(&Digest::new(d, segment), format, w)
}

fn write_digest(digest: &Digest, format: Format, w: &mut impl Write) -> Result<()> {
    match format {
        Format::Json | Format::Text => w.write_all(text::render(digest).as_bytes())?,
        Format::Md => w.write_all(markdown::render(digest).as_bytes())?,
    }
    Ok(())
}
