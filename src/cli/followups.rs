//! `ror-tui followups` and `ror-tui status`: what is due, for cron, a script, a shell prompt or
//! a tmux status bar, without opening the dashboard.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;

use crate::metrics::{
    AtRisk, DueTouch, Index, OpenFeedback, PeriodSpec, compute, figures_of_both,
    stay_in_touch_within,
};
use crate::sanitize;
use crate::store::{read_store_with, release_at_exit};

/// The exit status of `followups` when something is due (0 when nothing is).
pub const SOMETHING_DUE: u8 = 3;

pub const FOLLOWUPS_HELP: &str = "\
Examples:
  ror-tui followups
  ror-tui followups --within 14d --format json | jq '.stay_in_touch[].name'
  0 9 * * 1-5  ror-tui followups || notify-send \"ror-tui: follow-ups due\"

Lists what is due on the as-of date (today by default): stay-in-touch cadences overdue or due
within --within (default 7d), members at risk with why, and negative feedback waiting for an
answer, oldest first with the days it has waited.

Exit status: 0 nothing is due, 3 something is (so cron and scripts can act on it), 1 the store
cannot be read, 2 a flag value is invalid.";

pub const STATUS_HELP: &str = "\
Examples:
  ror-tui status                      # ROR 56 ▼7 · 3 overdue · 2 waiting
  set -g status-right '#(ror-tui status --format tmux)'   # in ~/.tmux.conf
  PS1='$(ror-tui status) \\$ '           # in a shell prompt

One line: the ROR index of the last 30 days and its change against the 30 before, how many
stay-in-touch cadences are overdue, and how much negative feedback waits for an answer.
--format tmux colours the change and the counts with tmux's #[fg=…] marks.

Exit status: 0 printed, 1 the store cannot be read.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct FollowupsArgs {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// List stay-in-touch cadences due within this many days too (e.g. 7d, 14d, 0d)
    #[arg(long, value_name = "DAYS", default_value = "7d", value_parser = parse_within)]
    pub within: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Plain,
    Tmux,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value_t = StatusFormat::Plain)]
    pub format: StatusFormat,
}

fn parse_within(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let n = t.strip_suffix('d').unwrap_or(t);
    n.parse::<i64>()
        .ok()
        .filter(|n| (0..=3650).contains(n))
        .ok_or_else(|| format!("`{t}`: a number of days from 0 to 3650, e.g. 7d"))
}

/// Everything due on one day.
#[derive(Debug, Serialize)]
pub struct Due {
    pub as_of: Date,
    pub stay_in_touch: Vec<DueTouch>,
    pub at_risk: Vec<AtRisk>,
    /// Oldest first.
    pub negative_feedback: Vec<OpenFeedback>,
    /// The last standup's commitments nobody has acted on yet (no outbound interaction with
    /// the person since), in the order they were made.
    pub commitments: Vec<OpenCommitment>,
}

/// A standup commitment not acted on yet.
#[derive(Debug, Serialize)]
pub struct OpenCommitment {
    pub contact: uuid::Uuid,
    pub name: String,
    pub reason: crate::store::CommitReason,
    pub intent: String,
    /// The day of the standup that made it.
    pub standup: Date,
    pub days_since: i64,
}

impl Due {
    pub fn is_empty(&self) -> bool {
        self.stay_in_touch.is_empty()
            && self.at_risk.is_empty()
            && self.negative_feedback.is_empty()
            && self.commitments.is_empty()
    }
}

/// Reads the store and works out what is due on `as_of`, looking `within` days ahead for
/// cadences.
fn due(path: &Path, as_of: Date, within: i64) -> Result<Due> {
    let Some((store, ix)) = read_store_with(path, Index::new)? else {
        bail!(
            "there is no store at {} yet (log or import something first, or pass --store)",
            path.display()
        );
    };
    let d = compute(&ix, as_of, &PeriodSpec::Days(30));
    let due = Due {
        as_of,
        stay_in_touch: stay_in_touch_within(&ix, as_of, within),
        at_risk: d.lists.at_risk.clone(),
        negative_feedback: d.lists.open_feedback.clone(),
        commitments: crate::metrics::commitments::open(&ix, &store.standups, as_of)
            .map(|f| {
                f.rows
                    .into_iter()
                    .map(|r| OpenCommitment {
                        contact: r.contact,
                        name: r.name,
                        reason: r.reason,
                        intent: r.intent,
                        standup: f.standup,
                        days_since: (as_of - f.standup).get_days().into(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    release_at_exit((store, ix, d));
    Ok(due)
}

/// `ror-tui followups`: prints what is due; returns whether anything is.
pub fn run_followups(
    args: &FollowupsArgs,
    as_of: Date,
    path: &Path,
    out: &mut impl Write,
) -> Result<bool> {
    let due = due(path, as_of, args.within)?;
    match args.format {
        ListFormat::Json => {
            let mut w = std::io::BufWriter::new(&mut *out);
            super::report::write_json_clean(&due, &mut w)?;
            w.flush()?;
        }
        ListFormat::Text => out.write_all(text(&due, args.within).as_bytes())?,
    }
    Ok(!due.is_empty())
}

fn text(due: &Due, within: i64) -> String {
    let mut s = String::new();
    let name = |n: &str| sanitize::line(n).into_owned();
    if due.is_empty() {
        s.push_str(&format!("Nothing due on {}.\n", due.as_of));
        return s;
    }
    s.push_str(&format!(
        "Stay in touch ({}, overdue or due within {within} days)\n",
        due.stay_in_touch.len()
    ));
    for r in &due.stay_in_touch {
        let when = match r.overdue_days {
            n if n > 0 => format!("{n} days overdue"),
            0 => "due today".into(),
            n => format!("due in {} days", -n),
        };
        s.push_str(&format!(
            "  {}: {when} (every {} days)\n",
            name(&r.name),
            r.cadence_days
        ));
    }
    s.push_str(&format!("At risk ({})\n", due.at_risk.len()));
    for r in &due.at_risk {
        let silent = r
            .days_silent
            .map_or("never active".to_string(), |d| format!("{d} days silent"));
        let why: Vec<String> = r.reasons.iter().map(ToString::to_string).collect();
        s.push_str(&format!(
            "  {}: {silent}; {}\n",
            name(&r.name),
            why.join("; ")
        ));
    }
    s.push_str(&format!(
        "Negative feedback waiting ({}, oldest first)\n",
        due.negative_feedback.len()
    ));
    for f in &due.negative_feedback {
        s.push_str(&format!(
            "  {}: {} days waiting, {} on {}: “{}”\n",
            name(&f.name),
            f.days_waiting,
            name(&f.channel),
            f.date,
            super::report::digest::excerpt(&f.note, 60)
        ));
    }
    if let Some(first) = due.commitments.first() {
        s.push_str(&format!(
            "Standup commitments not acted on ({}, from the standup of {}, {} days ago)\n",
            due.commitments.len(),
            first.standup,
            first.days_since
        ));
        for c in &due.commitments {
            let intent = match c.intent.is_empty() {
                true => String::new(),
                false => format!(": “{}”", name(&c.intent)),
            };
            s.push_str(&format!(
                "  {}, {}{intent}\n",
                name(&c.name),
                c.reason.label()
            ));
        }
    }
    s
}

/// `ror-tui status`: one line. Only the figures of the two periods are worked out (not the
/// lists a report or `followups` needs): it runs every few seconds in a status bar.
pub fn run_status(args: &StatusArgs, as_of: Date, path: &Path, out: &mut impl Write) -> Result<()> {
    let Some((store, ix)) = read_store_with(path, Index::new)? else {
        bail!(
            "there is no store at {} yet (log or import something first, or pass --store)",
            path.display()
        );
    };
    let (now, before) = figures_of_both(&ix, as_of, &PeriodSpec::Days(30));
    let overdue = stay_in_touch_within(&ix, as_of, 0)
        .iter()
        .filter(|r| r.overdue_days > 0)
        .count();
    let waiting = now.details.sentiment.open_feedback as usize;
    let line = status_line(
        now.figures.ror_index.value(),
        before.and_then(|b| b.figures.ror_index.value()),
        overdue,
        waiting,
        args.format,
    );
    writeln!(out, "{line}")?;
    release_at_exit((store, ix));
    Ok(())
}

/// `ROR 56 ▼7 · 3 overdue · 2 waiting`, the index and its change rounded as on screen.
pub fn status_line(
    ror: Option<f64>,
    before: Option<f64>,
    overdue: usize,
    waiting: usize,
    format: StatusFormat,
) -> String {
    let tmux = format == StatusFormat::Tmux;
    let paint = |colour: &str, text: String| {
        if tmux {
            format!("#[fg={colour}]{text}#[default]")
        } else {
            text
        }
    };
    let mut s = match ror {
        Some(v) => format!("ROR {v:.0}"),
        None => "ROR n/a".to_string(),
    };
    if let (Some(a), Some(b)) = (ror, before) {
        let d = a.round() - b.round();
        if d > 0.0 {
            s.push_str(&format!(" {}", paint("green", format!("▲{d:.0}"))));
        } else if d < 0.0 {
            s.push_str(&format!(" {}", paint("red", format!("▼{:.0}", -d))));
        } else {
            s.push_str(" =");
        }
    }
    let count = |n: usize, what: &str| {
        let text = format!("{n} {what}");
        if n > 0 { paint("yellow", text) } else { text }
    };
    format!(
        "{s} · {} · {}",
        count(overdue, "overdue"),
        count(waiting, "waiting")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_reads_as_documented() {
        let plain = status_line(Some(56.4), Some(63.0), 3, 2, StatusFormat::Plain);
        assert_eq!(plain, "ROR 56 ▼7 · 3 overdue · 2 waiting");
        let tmux = status_line(Some(56.4), Some(63.0), 0, 2, StatusFormat::Tmux);
        assert_eq!(
            tmux,
            "ROR 56 #[fg=red]▼7#[default] · 0 overdue · #[fg=yellow]2 waiting#[default]"
        );
        assert_eq!(
            status_line(None, None, 0, 0, StatusFormat::Plain),
            "ROR n/a · 0 overdue · 0 waiting"
        );
    }

    #[test]
    fn within_takes_days() {
        assert_eq!(parse_within("14d"), Ok(14));
        assert_eq!(parse_within("0"), Ok(0));
        assert!(parse_within("-1d").is_err());
        assert!(parse_within("soon").is_err());
    }
}
