//! Date phrases people type when logging: `now`, `today`, `yesterday`, `-3d`, `-2w`, `14:30`,
//! `2026-11-20`, `2026-11-20 14:30`. Relative phrases resolve against an injected "now", so tests
//! (and a dashboard pinned to an as-of date) get the same answer on any day.

use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, ToSpan};

use crate::store::Moment;

/// What every date message offers as examples, so a wrong entry teaches the right one.
pub const DATE_EXAMPLES: &str = "now, today, yesterday, -3d, -2w, 14:30 or 2026-11-20";

/// Parses a date phrase relative to `now`. Phrases naming a day give a plain date; `now`, a time
/// of day or an explicit date-time keep the time.
pub fn parse_moment(text: &str, now: DateTime) -> Result<Moment, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let today = now.date();
    match lower.as_str() {
        "" => return Err(format!("enter a date ({DATE_EXAMPLES})")),
        "now" => {
            let time = Time::new(now.hour(), now.minute(), now.second(), 0).unwrap_or_default();
            return Ok(Moment::at(today.to_datetime(time)));
        }
        "today" | "t" => return Ok(Moment::day(today)),
        "yesterday" | "y" => return shift(t, today, -1.days()),
        "tomorrow" => return shift(t, today, 1.days()),
        _ => {}
    }
    if let Some(span) = relative(&lower) {
        return shift(t, today, span);
    }
    if let Some(time) = time_of_day(&lower) {
        return Ok(Moment::at(today.to_datetime(time)));
    }
    // `2026-11-20 14:30` reads naturally; the store's own form has a `T` there.
    let spelled = if t.len() > 10 && t.as_bytes()[10] == b' ' {
        format!("{}T{}", &t[..10], t[11..].trim())
    } else {
        t.to_string()
    };
    let spelled = match spelled.len() {
        16 if spelled.as_bytes()[10] == b'T' => format!("{spelled}:00"), // no seconds given
        _ => spelled,
    };
    Moment::parse(&spelled).map_err(|_| format!("`{t}` is not a date (expected {DATE_EXAMPLES})"))
}

/// Parses a phrase naming a day (no time kept), for records dated by day such as investments.
pub fn parse_date(text: &str, now: DateTime) -> Result<Date, String> {
    parse_moment(text, now).map(|m| m.date)
}

fn shift(text: &str, today: Date, span: Span) -> Result<Moment, String> {
    today
        .checked_add(span)
        .map(Moment::day)
        .map_err(|_| format!("`{text}` is too far from today"))
}

/// `-3d`, `3d`, `3d ago`, `-2w`, `+1d`: whole days or weeks from today; a bare count looks back.
fn relative(s: &str) -> Option<Span> {
    let s = s.strip_suffix("ago").map_or(s, str::trim_end);
    let (sign, rest) = match s.as_bytes().first()? {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (-1, s),
    };
    let rest = rest.trim();
    let unit_at = rest.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = rest.split_at(unit_at);
    let n: i64 = n.parse().ok()?;
    // Bounded well inside jiff's range, so the span itself cannot fail to build.
    if n > 100_000 {
        return None;
    }
    let days = match unit.trim() {
        "d" | "day" | "days" => n,
        "w" | "wk" | "week" | "weeks" => n * 7,
        _ => return None,
    };
    Some((sign * days).days())
}

/// `14:30` or `9:05`: today at that time.
fn time_of_day(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    // Friday 20 November 2026, 14:03:07.
    fn now() -> DateTime {
        date(2026, 11, 20).at(14, 3, 7, 500)
    }

    fn moment(s: &str) -> String {
        parse_moment(s, now())
            .map(|m| m.to_string())
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn phrases_resolve_against_now() {
        let table = [
            ("now", "2026-11-20T14:03:07"), // fraction of a second dropped
            ("today", "2026-11-20"),
            ("Yesterday", "2026-11-19"),
            ("y", "2026-11-19"),
            ("-3d", "2026-11-17"),
            ("3d ago", "2026-11-17"),
            ("-2w", "2026-11-06"),
            ("-30d", "2026-10-21"), // across a month end: 20 Nov minus 30 days
            ("+1d", "2026-11-21"),
            ("14:30", "2026-11-20T14:30:00"),
            ("9:05", "2026-11-20T09:05:00"),
            ("2026-02-28", "2026-02-28"),
            ("2026-11-01 08:15", "2026-11-01T08:15:00"),
            ("2026-11-01T08:15", "2026-11-01T08:15:00"),
            ("2026-11-01T08:15:09", "2026-11-01T08:15:09"),
        ];
        for (input, want) in table {
            assert_eq!(moment(input), want, "input {input:?}");
        }
    }

    #[test]
    fn mistakes_say_what_is_expected() {
        for bad in [
            "",
            "last tuesday",
            "2026-02-30",
            "25:00",
            "-3x",
            "2026-13-01",
        ] {
            let e = parse_moment(bad, now()).unwrap_err();
            assert!(
                e.contains("-3d") && e.contains("2026-11-20"),
                "{bad:?}: {e}"
            );
        }
        assert!(parse_moment("-999999999d", now()).is_err());
    }

    #[test]
    fn day_phrases_drop_the_time_for_dated_records() {
        assert_eq!(parse_date("now", now()), Ok(date(2026, 11, 20)));
        assert_eq!(parse_date("-1w", now()), Ok(date(2026, 11, 13)));
    }
}
