//! Date phrases people type: `today`, `yesterday`, `-3d`, `-2w`, `2026-11-20`.
//!
//! Shared by the command line (`ror-tui log --date`) and the dashboard forms, so a date means the
//! same thing wherever it is typed. Relative phrases count local calendar days back from `today`,
//! which the caller passes in, so tests and the dashboard's injected clock agree.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::store::Moment;

/// Furthest back a relative phrase may reach: a century covers any real history and keeps the
/// arithmetic well inside the calendar.
pub const MAX_DAYS_BACK: i64 = 36_525;

const EXPECTED: &str = "expected today, yesterday, -3d, -2w or YYYY-MM-DD";

/// Parses a calendar date phrase relative to `today`.
pub fn parse_day(text: &str, today: Date) -> Result<Date, String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "today" | "now" => return Ok(today),
        "yesterday" => return back(today, 1, t),
        _ => {}
    }
    if let Some(rest) = lower.strip_prefix('-') {
        let (number, per) = if let Some(n) = rest.strip_suffix('d') {
            (n, 1)
        } else if let Some(n) = rest.strip_suffix('w') {
            (n, 7)
        } else {
            return Err(format!("`{t}` is not a date ({EXPECTED})"));
        };
        // Digits only: `--3d` must not count forwards.
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("`{t}` is not a date ({EXPECTED})"));
        }
        let n = number.parse::<i64>().unwrap_or(i64::MAX);
        return match n.checked_mul(per) {
            Some(days) if days <= MAX_DAYS_BACK => back(today, days, t),
            _ => Err(format!(
                "`{t}` reaches further back than {MAX_DAYS_BACK} days"
            )),
        };
    }
    // jiff reads a date out of a longer date-time too; only a bare date is a day here.
    if t.len() != 10 {
        return Err(format!("`{t}` is not a date ({EXPECTED})"));
    }
    t.parse::<Date>()
        .map_err(|_| format!("`{t}` is not a date ({EXPECTED})"))
}

/// As [`parse_day`], and also a local date-time (`2026-11-20T14:30`) or an RFC 3339 timestamp,
/// for places where the time of day may matter.
pub fn parse_moment(text: &str, today: Date) -> Result<Moment, String> {
    match parse_day(text, today) {
        Ok(d) => Ok(Moment::day(d)),
        Err(e) => {
            if text.trim().len() > 10 {
                Moment::parse(text).map_err(|_| {
                    format!(
                        "`{}` is not a date ({EXPECTED}, a local date-time such as \
                         2026-11-20T14:30, or RFC 3339)",
                        text.trim()
                    )
                })
            } else {
                Err(e)
            }
        }
    }
}

fn back(today: Date, days: i64, text: &str) -> Result<Date, String> {
    today
        .checked_sub(days.days())
        .map_err(|_| format!("`{text}` is before the first date the calendar knows"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 3, 2);

    #[test]
    fn words_and_offsets_count_back_from_today() {
        assert_eq!(parse_day("today", TODAY), Ok(TODAY));
        assert_eq!(parse_day(" Yesterday ", TODAY), Ok(date(2026, 3, 1)));
        // 2026 is not a leap year: three days before 2 March is 27 February.
        assert_eq!(parse_day("-3d", TODAY), Ok(date(2026, 2, 27)));
        assert_eq!(parse_day("-2w", TODAY), Ok(date(2026, 2, 16)));
        assert_eq!(parse_day("-0d", TODAY), Ok(TODAY));
    }

    #[test]
    fn iso_dates_are_taken_as_they_are() {
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
        ] {
            let e = parse_day(bad, TODAY).unwrap_err();
            assert!(e.contains("expected today, yesterday"), "{bad}: {e}");
        }
        let e = parse_day("-99999999999999d", TODAY).unwrap_err();
        assert!(e.contains("further back"), "{e}");
        assert!(parse_day("-36525d", TODAY).is_ok());
        assert!(parse_day("-36526d", TODAY).is_err());
    }

    #[test]
    fn moments_also_take_times() {
        assert_eq!(
            parse_moment("-1d", TODAY),
            Ok(Moment::day(date(2026, 3, 1)))
        );
        let m = parse_moment("2026-03-01T09:30", TODAY).unwrap();
        assert_eq!(m.to_string(), "2026-03-01T09:30:00");
        let e = parse_moment("2026-03-01T25:00", TODAY).unwrap_err();
        assert!(e.contains("RFC 3339"), "{e}");
        let e = parse_moment("soon", TODAY).unwrap_err();
        assert!(e.contains("-3d"), "{e}");
    }
}
