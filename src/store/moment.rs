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
        if let Some(m) = parse_canonical(s.as_bytes()) {
            return Ok(m);
        }
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

/// The two forms the store itself writes, parsed without the general parser: a store holds one
/// moment per interaction, so this is on the load path a million times for a large community.
/// Anything else (or an impossible date) falls through to the general parser and its messages.
fn parse_canonical(b: &[u8]) -> Option<Moment> {
    fn num(b: &[u8]) -> Option<i32> {
        b.iter().try_fold(0i32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + i32::from(c - b'0'))
        })
    }
    if b.len() != 10 && b.len() != 19 {
        return None;
    }
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date::new(
        num(&b[0..4])? as i16,
        num(&b[5..7])? as i8,
        num(&b[8..10])? as i8,
    )
    .ok()?;
    if b.len() == 10 {
        return Some(Moment::day(date));
    }
    if b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, m, s) = (num(&b[11..13])?, num(&b[14..16])?, num(&b[17..19])?);
    let time = Time::new(h as i8, m as i8, s as i8, 0).ok()?;
    Some(Moment {
        date,
        time: Some(time),
    })
}

/// Writes `YYYY-MM-DD[THH:MM:SS]` into a stack buffer: the store writes a million of these.
fn write_canonical<'a>(m: &Moment, buf: &'a mut [u8; 19]) -> &'a str {
    fn put(buf: &mut [u8], mut v: u32) {
        for slot in buf.iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
    let d = m.date;
    put(&mut buf[0..4], d.year().clamp(0, 9999) as u32);
    buf[4] = b'-';
    put(&mut buf[5..7], d.month() as u32);
    buf[7] = b'-';
    put(&mut buf[8..10], d.day() as u32);
    let len = match m.time {
        None => 10,
        Some(t) => {
            buf[10] = b'T';
            put(&mut buf[11..13], t.hour() as u32);
            buf[13] = b':';
            put(&mut buf[14..16], t.minute() as u32);
            buf[16] = b':';
            put(&mut buf[17..19], t.second() as u32);
            19
        }
    };
    std::str::from_utf8(&buf[..len]).unwrap_or_default()
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
        if (0..=9999).contains(&self.date.year()) {
            let mut buf = [0u8; 19];
            s.serialize_str(write_canonical(self, &mut buf))
        } else {
            s.collect_str(self)
        }
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Moment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM:SS)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Moment, E> {
                Moment::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
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
    fn fast_and_general_paths_agree() {
        for text in [
            "2026-11-20",
            "2026-11-20T14:03:07",
            "0001-01-01",
            "9999-12-31T23:59:59",
        ] {
            let fast = parse_canonical(text.as_bytes()).unwrap();
            assert_eq!(fast.to_string(), text);
            let mut buf = [0u8; 19];
            assert_eq!(write_canonical(&fast, &mut buf), text);
        }
        assert_eq!(
            parse_canonical(b"2026-02-30"),
            None,
            "impossible dates take the slow path"
        );
        assert_eq!(parse_canonical(b"2026-11-20T25:00:00"), None);
        assert_eq!(parse_canonical(b"2026-11-2x"), None);
    }

    #[test]
    fn rejects_impossible_dates_with_what_is_expected() {
        let e = Moment::parse("2026-02-30").unwrap_err();
        assert!(e.contains("YYYY-MM-DD"), "{e}");
        assert!(Moment::parse("yesterday-ish").is_err());
    }
}
