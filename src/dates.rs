//! Date phrases people type, wherever they type them (`ror-tui log --date`, the dashboard's
//! forms, the quick-log line): `now`, `today`, `yesterday`, `-3d`, `-2w`, `3d ago`, `+1d`, `14:30`,
//! `2026-11-20`, `2026-11-20 14:30`, `2026-11-20T14:30` or an RFC 3339 timestamp.
//!
//! One grammar, so a date means the same thing on the command line and in a form. Relative
//! phrases resolve against a "now" the caller passes in, so tests and a dashboard pinned to an
//! as-of date get the same answer on any day.

use jiff::civil::{Date, DateTime, Time};
use jiff::{Span, ToSpan};

use crate::store::Moment;

/// What every date message offers as examples, so a wrong entry teaches the right one.
pub const DATE_EXAMPLES: &str = "today, yesterday, -3d, -2w, mon, last fri, now, 14:30, \
     yesterday 16:00, 2026-11-20, 2026-11-20 14:30 or RFC 3339";

/// Furthest a relative phrase may reach: a century covers any real history and keeps the
/// arithmetic well inside the calendar.
pub const MAX_DAYS_BACK: i64 = 36_525;

/// Parses a date phrase relative to `now`. Phrases naming a day give a plain date; `now`, a time
/// of day or an explicit date-time keep the time.
pub fn parse_moment(text: &str, now: DateTime) -> Result<Moment, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let today = now.date();
    // A day phrase and a time: `yesterday 16:00`, `-2d 09:30`, `last fri 14:00`.
    if let Some((day, time)) = lower.rsplit_once(' ')
        && let Some(time) = time_of_day(time.trim())
        && !day.trim().is_empty()
        && !day.trim().contains(':')
        && day.trim().len() != 10
    {
        let d = parse_moment(day, now)?;
        return Ok(Moment::at(d.date.to_datetime(time)));
    }
    if let Some(d) = weekday(&lower, today) {
        return Ok(Moment::day(d));
    }
    match lower.as_str() {
        "" => return Err(format!("enter a date (expected {DATE_EXAMPLES})")),
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
        return shift(t, today, span.map_err(|e| format!("`{t}` {e}"))?);
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
    // jiff reads a date out of a longer text too; a bare date must be exactly ten characters,
    // and anything longer must be a whole date-time.
    if spelled.len() < 10 {
        return Err(not_a_date(t));
    }
    let m = Moment::parse(&spelled).map_err(|_| not_a_date(t))?;
    // A typed year outside this range is a slip of the keyboard (`0026-11-20`), not history.
    if !(1900..=2999).contains(&m.date.year()) {
        return Err(format!(
            "`{t}`: the year {} looks mistyped (expected 1900-2999)",
            m.date.year()
        ));
    }
    Ok(m)
}

/// The day a phrase names, the time of day dropped: for records dated by day, such as
/// investments.
pub fn parse_date(text: &str, now: DateTime) -> Result<Date, String> {
    parse_moment(text, now).map(|m| m.date)
}

/// As [`parse_date`] for callers that only know the day (`today` stands in for now, at noon).
pub fn parse_day(text: &str, today: Date) -> Result<Date, String> {
    parse_date(text, today.at(12, 0, 0, 0))
}

fn not_a_date(t: &str) -> String {
    format!("`{t}` is not a date (expected {DATE_EXAMPLES})")
}

fn shift(text: &str, today: Date, span: Span) -> Result<Moment, String> {
    today
        .checked_add(span)
        .map(Moment::day)
        .map_err(|_| format!("`{text}` is before the first date the calendar knows"))
}

/// `-3d`, `3d ago`, `-2w`, `+1d`: whole days or weeks from today. A sign or `ago` is required,
/// so a bare `3d` is not silently read as a date. `None` when the text is not of this shape;
/// `Some(Err)` when it is but reaches too far.
fn relative(s: &str) -> Option<Result<Span, String>> {
    let (s, ago) = match s.strip_suffix("ago") {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (sign, rest) = match s.as_bytes().first()? {
        b'-' if !ago => (-1, &s[1..]),
        b'+' if !ago => (1, &s[1..]),
        b'0'..=b'9' if ago => (-1, s),
        _ => return None,
    };
    let rest = rest.trim();
    let unit_at = rest.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = rest.split_at(unit_at);
    // Digits only (`--3d` must not count forwards); a number too long for i64 is too far anyway.
    if n.is_empty() {
        return None;
    }
    let per = match unit.trim() {
        "d" | "day" | "days" => 1,
        "w" | "wk" | "week" | "weeks" => 7,
        _ => return None,
    };
    let n = n.parse::<i64>().unwrap_or(i64::MAX);
    Some(match n.checked_mul(per) {
        Some(days) if days <= MAX_DAYS_BACK => Ok((sign * days).days()),
        _ => Err(format!("reaches further than {MAX_DAYS_BACK} days")),
    })
}

/// `14:30` or `9:05`: today at that time.
/// `mon`, `monday`: the latest such day up to today (today itself on that day); `last mon`:
/// the latest one before today.
fn weekday(s: &str, today: Date) -> Option<Date> {
    let (name, strictly_before) = match s.strip_prefix("last ") {
        Some(rest) => (rest.trim(), true),
        None => (s, false),
    };
    const NAMES: [(&str, jiff::civil::Weekday); 7] = [
        ("monday", jiff::civil::Weekday::Monday),
        ("tuesday", jiff::civil::Weekday::Tuesday),
        ("wednesday", jiff::civil::Weekday::Wednesday),
        ("thursday", jiff::civil::Weekday::Thursday),
        ("friday", jiff::civil::Weekday::Friday),
        ("saturday", jiff::civil::Weekday::Saturday),
        ("sunday", jiff::civil::Weekday::Sunday),
    ];
    let (_, wd) = NAMES
        .iter()
        .find(|(full, _)| name.len() >= 3 && full.starts_with(name))?;
    let back = (i16::from(today.weekday().to_monday_zero_offset())
        - i16::from(wd.to_monday_zero_offset()))
    .rem_euclid(7);
    let back = if back == 0 && strictly_before {
        7
    } else {
        back
    };
    today.checked_sub(i64::from(back).days()).ok()
}

/// `14:30` or `9:05`, the time of day alone.
pub fn time_of_day(s: &str) -> Option<Time> {
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

    const TODAY: Date = date(2026, 3, 2);

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
            "next tuesday",
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

    #[test]
    fn words_and_offsets_count_back_from_today() {
        assert_eq!(parse_day("today", TODAY), Ok(TODAY));
        assert_eq!(parse_day(" Yesterday ", TODAY), Ok(date(2026, 3, 1)));
        // 2026 is not a leap year: three days before 2 March is 27 February.
        assert_eq!(parse_day("-3d", TODAY), Ok(date(2026, 2, 27)));
        assert_eq!(parse_day("-2w", TODAY), Ok(date(2026, 2, 16)));
        assert_eq!(parse_day("-0d", TODAY), Ok(TODAY));
        assert_eq!(parse_day("2025-12-31", TODAY), Ok(date(2025, 12, 31)));
    }

    #[test]
    fn nonsense_says_what_is_expected() {
        for bad in [
            "",
            "tomorrowish",
            "-3",
            "-d",
            "-3y",
            "3d",
            "2026-02-30",
            "--3d",
            "2026",
        ] {
            let e = parse_day(bad, TODAY).unwrap_err();
            assert!(e.contains("expected today, yesterday"), "{bad}: {e}");
        }
        let e = parse_day("-99999999999999d", TODAY).unwrap_err();
        assert!(e.contains("further"), "{e}");
        assert!(parse_day("-36525d", TODAY).is_ok());
        assert!(parse_day("-36526d", TODAY).is_err());
    }

    #[test]
    fn moments_also_take_times() {
        let noon = TODAY.at(12, 0, 0, 0);
        assert_eq!(parse_moment("-1d", noon), Ok(Moment::day(date(2026, 3, 1))));
        let m = parse_moment("2026-03-01T09:30", noon).unwrap();
        assert_eq!(m.to_string(), "2026-03-01T09:30:00");
        let e = parse_moment("2026-03-01T25:00", noon).unwrap_err();
        assert!(e.contains("RFC 3339"), "{e}");
        let e = parse_moment("soon", noon).unwrap_err();
        assert!(e.contains("-3d"), "{e}");
    }

    /// Weekdays count back from today (a Friday): `fri` is today, `last fri` the week before,
    /// `mon` this Monday; a day phrase takes a time after it.
    #[test]
    fn weekdays_and_a_day_with_a_time() {
        let now = jiff::civil::date(2026, 11, 20).at(14, 3, 0, 0);
        let day = |s: &str| parse_moment(s, now).unwrap().to_string();
        assert_eq!(day("fri"), "2026-11-20");
        assert_eq!(day("Friday"), "2026-11-20");
        assert_eq!(day("last fri"), "2026-11-13");
        assert_eq!(day("mon"), "2026-11-16");
        assert_eq!(day("last mon"), "2026-11-16");
        assert_eq!(day("sat"), "2026-11-14");
        assert_eq!(day("yesterday 16:00"), "2026-11-19T16:00:00");
        assert_eq!(day("-2d 9:30"), "2026-11-18T09:30:00");
        assert_eq!(day("2026-11-02 14:30"), "2026-11-02T14:30:00");
        assert!(parse_moment("fr", now).is_err(), "too short to be sure");
        assert!(parse_moment("last", now).is_err());
    }
}
