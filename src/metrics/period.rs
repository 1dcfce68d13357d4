//! Periods: which days a figure covers, the previous period of the same length (for ▲▼ deltas),
//! and the week or month buckets of a time series.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::days::{self, Day};
use crate::store::Store;

/// What the user asked for: the last N days, everything, or explicit dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodSpec {
    /// The N days ending on the as-of date, inclusive.
    Days(u32),
    /// From the first interaction to the as-of date.
    All,
    /// Explicit dates, both inclusive; the as-of date does not move it.
    Range { from: Date, to: Date },
}

/// Longest `Nd` period accepted when parsing: a century is far beyond any real question, and the
/// bound keeps date arithmetic well inside the calendar.
pub const MAX_PERIOD_DAYS: u32 = 36_525;

/// The presets the dashboard cycles through with `[` and `]`.
pub const PRESET_DAYS: [u32; 4] = [7, 30, 90, 365];

impl Default for PeriodSpec {
    fn default() -> Self {
        PeriodSpec::Days(30)
    }
}

impl PeriodSpec {
    /// The next longer preset: 7d → 30d → 90d → 365d → all → 7d. A custom length moves to the
    /// next preset above it, an explicit range to 7d.
    pub fn next(self) -> PeriodSpec {
        match self {
            PeriodSpec::All | PeriodSpec::Range { .. } => PeriodSpec::Days(PRESET_DAYS[0]),
            PeriodSpec::Days(n) => PRESET_DAYS
                .iter()
                .find(|d| **d > n)
                .map_or(PeriodSpec::All, |d| PeriodSpec::Days(*d)),
        }
    }

    /// The next shorter preset: all → 365d → 90d → 30d → 7d → all. An explicit range goes to all.
    pub fn prev(self) -> PeriodSpec {
        match self {
            PeriodSpec::All => PeriodSpec::Days(PRESET_DAYS[PRESET_DAYS.len() - 1]),
            PeriodSpec::Range { .. } => PeriodSpec::All,
            PeriodSpec::Days(n) => PRESET_DAYS
                .iter()
                .rev()
                .find(|d| **d < n)
                .map_or(PeriodSpec::All, |d| PeriodSpec::Days(*d)),
        }
    }

    /// The concrete dates for an as-of date. `first_interaction` is where `all` starts; without
    /// one (an empty store), or when it lies after the as-of date, `all` is the as-of day alone.
    pub fn resolve(&self, as_of: Date, first_interaction: Option<Date>) -> Period {
        let to = days::day(as_of);
        match *self {
            PeriodSpec::Days(n) => {
                let from = days::add_days(to, 1 - i64::from(n.max(1)));
                Period::from_days(from, to)
            }
            PeriodSpec::All => {
                let from = first_interaction
                    .map(days::day)
                    .filter(|f| *f <= to)
                    .unwrap_or(to);
                Period {
                    everything: true,
                    ..Period::from_days(from, to)
                }
            }
            PeriodSpec::Range { from, to } => Period::new(from, to),
        }
    }
}

impl fmt::Display for PeriodSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodSpec::Days(n) => write!(f, "{n}d"),
            PeriodSpec::All => f.write_str("all"),
            PeriodSpec::Range { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

impl FromStr for PeriodSpec {
    type Err = String;

    /// `7d`, `30d`, `90d`, `365d` (any `Nd`), `all`, or `FROM..TO` such as
    /// `2026-01-01..2026-03-31`.
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let expected = || {
            format!(
                "`{}` is not a period (expected 7d, 30d, 90d, 365d, all or FROM..TO such as \
                 2026-01-01..2026-03-31)",
                s.trim()
            )
        };
        if t == "all" {
            return Ok(PeriodSpec::All);
        }
        if let Some((a, b)) = t.split_once("..") {
            let parse = |x: &str| {
                let x = x.trim();
                if x.is_empty() {
                    return Err(format!(
                        "`{}`: FROM..TO needs both days, such as 2026-01-01..2026-03-31",
                        s.trim()
                    ));
                }
                let d = x
                    .parse::<Date>()
                    .map_err(|_| format!("`{x}` is not a valid date (expected YYYY-MM-DD)"))?;
                // As everywhere a day is typed: other years are typing mistakes.
                if !(1900..=2999).contains(&d.year()) {
                    return Err(format!(
                        "`{x}`: the year {} looks mistyped (expected 1900-2999)",
                        d.year()
                    ));
                }
                Ok(d)
            };
            let (from, to) = (parse(a)?, parse(b)?);
            if from > to {
                return Err(format!("the period {from}..{to} ends before it starts"));
            }
            return Ok(PeriodSpec::Range { from, to });
        }
        let n: u32 = t
            .strip_suffix('d')
            .ok_or_else(expected)?
            .trim()
            .parse()
            .map_err(|_| expected())?;
        if n == 0 || n > MAX_PERIOD_DAYS {
            return Err(format!(
                "a period is 1 to {MAX_PERIOD_DAYS} days long, not {n}"
            ));
        }
        Ok(PeriodSpec::Days(n))
    }
}

impl Serialize for PeriodSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PeriodSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Concrete dates, both inclusive. Point-in-time figures of a period (active, churned, at risk,
/// levels) are taken as of its last day `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    /// All time (`all`): what happened before `from` counts too (investments made before the
    /// first interaction), and there is no previous period to compare with.
    pub everything: bool,
}

impl Period {
    /// The dates in order, whichever way round they were given.
    pub fn new(a: Date, b: Date) -> Period {
        Period {
            from: a.min(b),
            to: a.max(b),
            everything: false,
        }
    }

    /// Resolves a spec against a store: `all` starts at the store's first interaction of a
    /// contact who is not a team member.
    pub fn resolve(spec: &PeriodSpec, as_of: Date, store: &Store) -> Period {
        let team: std::collections::HashSet<_> = store
            .contacts
            .iter()
            .filter(|c| c.is_team)
            .map(|c| c.id)
            .collect();
        let first = store
            .interactions
            .iter()
            .filter(|x| !team.contains(&x.contact))
            .map(|x| x.at.date)
            .min();
        spec.resolve(as_of, first)
    }

    pub(crate) fn from_days(from: Day, to: Day) -> Period {
        Period::new(days::date(from), days::date(to))
    }

    /// Day numbers `(from, to)`, inclusive.
    pub(crate) fn span(&self) -> (Day, Day) {
        (days::day(self.from), days::day(self.to))
    }

    /// Number of days covered, counting both ends (7 for `7d`).
    pub fn days(&self) -> u32 {
        let (a, b) = self.span();
        (b - a + 1) as u32
    }

    /// The period of the same length ending the day before this one starts.
    pub fn previous(&self) -> Period {
        let (a, _) = self.span();
        let len = i64::from(self.days());
        Period::from_days(days::add_days(a, -len), days::add_days(a, -1))
    }

    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }

    /// The calendar weeks (Monday to Sunday) or months overlapping the period, each cut to the
    /// period, so that bucket totals add up to the period's total.
    pub fn buckets(&self, g: Granularity) -> Vec<Bucket> {
        let map = BucketMap::new(self, g);
        (0..map.len).map(|i| map.bucket(i)).collect()
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Period", 3)?;
        st.serialize_field("from", &self.from)?;
        st.serialize_field("to", &self.to)?;
        st.serialize_field("days", &self.days())?;
        st.end()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.from, self.to)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Week,
    Month,
}

impl Granularity {
    /// Weeks up to 92 days (at most 15 bars), months beyond.
    pub fn for_period(p: &Period) -> Granularity {
        if p.days() <= 92 {
            Granularity::Week
        } else {
            Granularity::Month
        }
    }
}

/// One bar of a time series: a calendar week (`2026-W12`) or month (`2026-03`), cut to the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub from: Date,
    pub to: Date,
    /// The period cuts this week or month short (its first or last bucket): its counts cover
    /// fewer days than the others', and a chart must not read them as a drop.
    pub partial: bool,
}

/// Finds the bucket of a day in O(1), for filling series in one pass over the interactions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BucketMap {
    g: Granularity,
    from: Day,
    to: Day,
    /// The Monday of the first week, or the key of the first month.
    origin: i32,
    pub(crate) len: usize,
}

impl BucketMap {
    pub(crate) fn new(p: &Period, g: Granularity) -> BucketMap {
        let (from, to) = p.span();
        let (origin, last) = match g {
            Granularity::Week => (days::week_start(from), days::week_start(to)),
            Granularity::Month => (days::month_key(from), days::month_key(to)),
        };
        let len = match g {
            Granularity::Week => (last - origin) / 7 + 1,
            Granularity::Month => last - origin + 1,
        } as usize;
        BucketMap {
            g,
            from,
            to,
            origin,
            len,
        }
    }

    /// The bucket holding `d`, which must lie in the period.
    pub(crate) fn index(&self, d: Day) -> usize {
        match self.g {
            Granularity::Week => ((days::week_start(d) - self.origin) / 7) as usize,
            Granularity::Month => (days::month_key(d) - self.origin) as usize,
        }
    }

    pub(crate) fn bucket(&self, i: usize) -> Bucket {
        let (start, end, label) = match self.g {
            Granularity::Week => {
                let s = self.origin + 7 * i as i32;
                (s, s + 6, days::week_label(s))
            }
            Granularity::Month => {
                let k = self.origin + i as i32;
                (
                    days::month_start(k),
                    days::month_end(k),
                    days::month_label(k),
                )
            }
        };
        Bucket {
            label,
            from: days::date(start.max(self.from)),
            to: days::date(end.min(self.to)),
            partial: start < self.from || end > self.to,
        }
    }
}
