//! `Moment`: when an interaction happened, as a local calendar date with an optional time of day.
//!
//! The store speaks in local calendar dates (a community manager thinks "Tuesday", not "an instant
//! in UTC"), so a moment is a civil date plus an optional civil time. A plain date (`2026-11-20`)
//! is kept as a date, so a store written by hand round-trips unchanged. RFC 3339 timestamps with an
//! offset (`2026-11-20T14:03:00Z`) are accepted and converted to the local zone once, when read.

use std::fmt;

use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub date: Date,
    pub time: Option<Time>,
}

impl Moment {
    pub fn day(date: Date) -> Self {
        Moment { date, time: None }
    }

    pub fn at(dt: DateTime) -> Self {
        Moment {
            date: dt.date(),
            time: Some(dt.time()),
        }
    }

    /// The civil date-time, a plain date counting as its first instant.
    pub fn datetime(&self) -> DateTime {
        self.date.to_datetime(self.time.unwrap_or(Time::midnight()))
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` (local) or RFC 3339 with an offset.
    pub fn parse(s: &str) -> Result<Moment, String> {
        let s = s.trim();
        if s.len() == 10 {
            return s
                .parse::<Date>()
                .map(Moment::day)
                .map_err(|_| format!("`{s}` is not a valid date (expected YYYY-MM-DD)"));
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            // A civil date-time parses from text with an offset too, silently ignoring it, so only
            // accept it here when no offset or zone follows the time.
            if !has_offset(s) {
                return Ok(Moment::at(truncate_seconds(dt)));
            }
        }
        if let Ok(ts) = s.parse::<jiff::Timestamp>() {
            let local = ts.to_zoned(jiff::tz::TimeZone::system()).datetime();
            return Ok(Moment::at(truncate_seconds(local)));
        }
        Err(format!(
            "`{s}` is not a valid date or time (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or RFC 3339)"
        ))
    }
}

fn has_offset(s: &str) -> bool {
    let Some(t) = s.find(['T', 't', ' ']) else {
        return false;
    };
    let rest = &s[t..];
    rest.ends_with(['Z', 'z'])
        || rest.contains('+')
        || rest[1..].contains('-')
        || rest.contains('[')
}

/// Sub-second precision carries no meaning for a logged interaction; dropping it keeps files tidy.
fn truncate_seconds(dt: DateTime) -> DateTime {
    dt.date()
        .to_datetime(Time::constant(dt.hour(), dt.minute(), dt.second(), 0))
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.time {
            None => write!(f, "{}", self.date),
            Some(t) => write!(
                f,
                "{}T{:02}:{:02}:{:02}",
                self.date,
                t.hour(),
                t.minute(),
                t.second()
            ),
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Moment::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_date_round_trips_as_a_date() {
        let m = Moment::parse("2026-11-20").unwrap();
        assert_eq!(m.time, None);
        assert_eq!(m.to_string(), "2026-11-20");
    }

    #[test]
    fn local_time_keeps_seconds_and_drops_fractions() {
        let m = Moment::parse("2026-11-20T14:03:07.250").unwrap();
        assert_eq!(m.to_string(), "2026-11-20T14:03:07");
    }

    #[test]
    fn offsets_are_not_mistaken_for_local_times() {
        assert!(has_offset("2026-11-20T14:03:00Z"));
        assert!(has_offset("2026-11-20T14:03:00+02:00"));
        assert!(has_offset("2026-11-20T14:03:00-05:00"));
        assert!(!has_offset("2026-11-20T14:03:00"));
    }

    #[test]
    fn rejects_impossible_dates_with_what_is_expected() {
        let e = Moment::parse("2026-02-30").unwrap_err();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert!(Moment::parse("yesterday-ish").is_err());
    }
}
