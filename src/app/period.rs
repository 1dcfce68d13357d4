//! The period the dashboard shows: the N days ending on the as-of date, or everything.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::Date;

/// The presets `[` and `]` step through.
pub const PRESET_DAYS: [u32; 4] = [7, 30, 90, 365];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodSpec {
    /// The N days ending on the as-of date, inclusive.
    Days(u32),
    /// From the first interaction to the as-of date.
    All,
}

impl Default for PeriodSpec {
    fn default() -> Self {
        PeriodSpec::Days(30)
    }
}

impl PeriodSpec {
    /// 7d → 30d → 90d → 365d → all, stopping at all.
    pub fn next(self) -> PeriodSpec {
        match self {
            PeriodSpec::All => PeriodSpec::All,
            PeriodSpec::Days(n) => PRESET_DAYS
                .iter()
                .find(|d| **d > n)
                .map_or(PeriodSpec::All, |d| PeriodSpec::Days(*d)),
        }
    }

    /// all → 365d → 90d → 30d → 7d, stopping at 7d.
    pub fn prev(self) -> PeriodSpec {
        match self {
            PeriodSpec::All => PeriodSpec::Days(PRESET_DAYS[PRESET_DAYS.len() - 1]),
            PeriodSpec::Days(n) => PRESET_DAYS
                .iter()
                .rev()
                .find(|d| **d < n)
                .map_or(PeriodSpec::Days(PRESET_DAYS[0]), |d| PeriodSpec::Days(*d)),
        }
    }

    /// Concrete inclusive dates; `all` starts at the first interaction (or the as-of day).
    pub fn resolve(self, as_of: Date, first: Option<Date>) -> Period {
        match self {
            PeriodSpec::Days(n) => Period {
                from: add_days(as_of, 1 - i64::from(n.max(1))),
                to: as_of,
            },
            PeriodSpec::All => Period {
                from: first.filter(|f| *f <= as_of).unwrap_or(as_of),
                to: as_of,
            },
        }
    }
}

impl fmt::Display for PeriodSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodSpec::Days(n) => write!(f, "{n}d"),
            PeriodSpec::All => f.write_str("all"),
        }
    }
}

/// Inclusive dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn days(&self) -> i64 {
        days_between(self.from, self.to) + 1
    }

    /// The period of the same length ending the day before this one starts.
    pub fn previous(&self) -> Period {
        Period {
            from: add_days(self.from, -self.days()),
            to: add_days(self.from, -1),
        }
    }

    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(n.days()).unwrap_or(d)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn presets_step_and_stop_at_the_ends() {
        let mut p = PeriodSpec::Days(7);
        let mut seen = vec![p.to_string()];
        for _ in 0..5 {
            p = p.next();
            seen.push(p.to_string());
        }
        assert_eq!(seen, ["7d", "30d", "90d", "365d", "all", "all"]);
        assert_eq!(PeriodSpec::Days(7).prev(), PeriodSpec::Days(7));
        assert_eq!(PeriodSpec::All.prev(), PeriodSpec::Days(365));
    }

    #[test]
    fn thirty_days_end_on_the_as_of_date_and_the_previous_period_abuts() {
        let p = PeriodSpec::Days(30).resolve(date(2026, 3, 31), None);
        assert_eq!((p.from, p.to), (date(2026, 3, 2), date(2026, 3, 31)));
        assert_eq!(p.days(), 30);
        let q = p.previous();
        assert_eq!((q.from, q.to), (date(2026, 1, 31), date(2026, 3, 1)));
    }
}
