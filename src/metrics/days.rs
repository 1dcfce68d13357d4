//! Calendar arithmetic on day numbers (days since 1970-01-01).
//!
//! Metrics compare and subtract dates millions of times over a large store; an `i32` day number
//! makes each of those one integer operation. Conversions use the proleptic Gregorian algorithms
//! from Howard Hinnant's "chrono-compatible low-level date algorithms", checked against jiff in
//! the tests below.

use jiff::civil::Date;

/// Days since 1970-01-01 (negative before it).
pub(crate) type Day = i32;

pub(crate) fn day(d: Date) -> Day {
    days_from_civil(i32::from(d.year()), d.month() as u32, d.day() as u32)
}

/// The date of a day number, clamped to the range jiff can represent so that arithmetic near
/// the ends of the calendar (a "previous period" before year -9999) cannot panic.
pub(crate) fn date(n: Day) -> Date {
    let n = n.clamp(first_day(), last_day());
    let (y, m, d) = civil_from_days(n);
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::MIN)
}

pub(crate) fn first_day() -> Day {
    days_from_civil(-9999, 1, 1)
}

pub(crate) fn last_day() -> Day {
    days_from_civil(9999, 12, 31)
}

/// Adds a (possibly large) number of days without overflowing, clamped to the calendar.
pub(crate) fn add_days(n: Day, delta: i64) -> Day {
    (i64::from(n) + delta).clamp(i64::from(first_day()), i64::from(last_day())) as Day
}

/// Monday = 0 … Sunday = 6. Day 0 (1970-01-01) was a Thursday.
pub(crate) fn weekday(n: Day) -> i32 {
    (n + 3).rem_euclid(7)
}

/// The Monday starting the ISO week that holds `n`.
pub(crate) fn week_start(n: Day) -> Day {
    n - weekday(n)
}

/// A month as one integer, `year * 12 + (month - 1)`, so months can be counted and stepped.
pub(crate) fn month_key(n: Day) -> i32 {
    let (y, m, _) = civil_from_days(n);
    y * 12 + (m as i32 - 1)
}

pub(crate) fn month_start(key: i32) -> Day {
    days_from_civil(key.div_euclid(12), key.rem_euclid(12) as u32 + 1, 1)
}

pub(crate) fn month_end(key: i32) -> Day {
    month_start(key + 1) - 1
}

/// `2026-03`.
pub(crate) fn month_label(key: i32) -> String {
    format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1)
}

/// `2026-W12`, the ISO week-numbering year and week of the day.
pub(crate) fn week_label(n: Day) -> String {
    let w = date(n).iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn days_from_civil(y: i32, m: u32, d: u32) -> Day {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32; // [0, 399]
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: Day) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe as i32 + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn day_numbers_match_jiff_across_centuries_and_leap_days() {
        let epoch = d("1970-01-01");
        for s in [
            "1970-01-01",
            "1969-12-31",
            "2000-02-29",
            "1900-03-01",
            "2024-02-29",
            "2026-12-31",
            "0001-01-01",
            "-000001-12-31",
        ] {
            let date_ = d(s);
            let expected = (date_ - epoch).get_days();
            assert_eq!(day(date_), expected, "{s}");
            assert_eq!(date(day(date_)), date_, "{s}");
        }
        // Every day of four years, crossing a leap year and a century rule.
        let mut x = d("1899-12-01");
        for _ in 0..(4 * 366) {
            assert_eq!(date(day(x)), x);
            assert_eq!(day(x.checked_add(1.day()).unwrap()), day(x) + 1);
            x = x.checked_add(1.day()).unwrap();
        }
    }

    #[test]
    fn ends_of_the_calendar_clamp_instead_of_panicking() {
        assert_eq!(date(first_day() - 400), Date::MIN);
        assert_eq!(date(last_day() + 400), Date::MAX);
        assert_eq!(add_days(last_day(), i64::from(i32::MAX)), last_day());
    }

    #[test]
    fn weeks_start_on_monday_and_months_step() {
        // 2026-03-19 is a Thursday; its ISO week starts on Monday 2026-03-16.
        assert_eq!(weekday(day(d("2026-03-16"))), 0);
        assert_eq!(date(week_start(day(d("2026-03-19")))), d("2026-03-16"));
        assert_eq!(week_label(day(d("2026-03-19"))), "2026-W12");
        // 2027-01-01 (a Friday) belongs to ISO week 53 of 2026.
        assert_eq!(week_label(day(d("2027-01-01"))), "2026-W53");
        let k = month_key(day(d("2024-02-10")));
        assert_eq!(month_label(k), "2024-02");
        assert_eq!(date(month_start(k)), d("2024-02-01"));
        assert_eq!(date(month_end(k)), d("2024-02-29"));
        assert_eq!(month_label(k - 2), "2023-12");
    }
}
