//! Periods: parsing what users type, the dashboard's preset cycle, resolving dates, the previous
//! period for deltas, and time-series buckets.

mod common;

use common::d;
use ror_tui::metrics::{Granularity, Period, PeriodSpec};

#[test]
fn parses_presets_ranges_and_all() {
    assert_eq!("7d".parse(), Ok(PeriodSpec::Days(7)));
    assert_eq!(" 30D ".parse(), Ok(PeriodSpec::Days(30)));
    assert_eq!("45d".parse(), Ok(PeriodSpec::Days(45)));
    assert_eq!("all".parse(), Ok(PeriodSpec::All));
    assert_eq!(
        "2026-01-01..2026-03-31".parse(),
        Ok(PeriodSpec::Range {
            from: d("2026-01-01"),
            to: d("2026-03-31")
        })
    );
}

#[test]
fn rejects_nonsense_with_what_is_expected() {
    let e = "fortnight".parse::<PeriodSpec>().unwrap_err();
    assert!(
        e.contains("expected 7d, 30d, 90d, 365d, all or FROM..TO"),
        "{e}"
    );
    assert!("0d".parse::<PeriodSpec>().unwrap_err().contains("1 to"));
    assert!("36526d".parse::<PeriodSpec>().is_err());
    let e = "2026-03-31..2026-01-01".parse::<PeriodSpec>().unwrap_err();
    assert!(e.contains("ends before it starts"), "{e}");
    let e = "2026-02-30..2026-03-01".parse::<PeriodSpec>().unwrap_err();
    assert!(e.contains("2026-02-30"), "{e}");
}

#[test]
fn display_round_trips() {
    for s in ["7d", "30d", "365d", "all", "2026-01-01..2026-03-31"] {
        let spec: PeriodSpec = s.parse().unwrap();
        assert_eq!(spec.to_string(), s);
        assert_eq!(serde_json::to_string(&spec).unwrap(), format!("\"{s}\""));
    }
}

#[test]
fn brackets_cycle_through_the_presets_both_ways() {
    let mut spec = PeriodSpec::Days(7);
    let mut seen = vec![spec.to_string()];
    for _ in 0..5 {
        spec = spec.next();
        seen.push(spec.to_string());
    }
    assert_eq!(seen, ["7d", "30d", "90d", "365d", "all", "7d"]);
    let mut back = vec![];
    for _ in 0..5 {
        spec = spec.prev();
        back.push(spec.to_string());
    }
    assert_eq!(back, ["all", "365d", "90d", "30d", "7d"]);
    // A custom length joins the cycle at its neighbours; a range leaves it at either end.
    assert_eq!(PeriodSpec::Days(45).next(), PeriodSpec::Days(90));
    assert_eq!(PeriodSpec::Days(45).prev(), PeriodSpec::Days(30));
    assert_eq!(PeriodSpec::Days(400).next(), PeriodSpec::All);
    let range: PeriodSpec = "2026-01-01..2026-01-31".parse().unwrap();
    assert_eq!(range.next(), PeriodSpec::Days(7));
    assert_eq!(range.prev(), PeriodSpec::All);
}

#[test]
fn n_days_end_on_the_as_of_date_inclusive() {
    // 30 days ending 2026-03-31: March 2 to 31 (31 − 30 + 1 = 2).
    let p = PeriodSpec::Days(30).resolve(d("2026-03-31"), None);
    assert_eq!((p.from, p.to), (d("2026-03-02"), d("2026-03-31")));
    assert_eq!(p.days(), 30);
    // Across a month end: 7 days ending March 4 are Feb 26, 27, 28 and March 1-4.
    let p = PeriodSpec::Days(7).resolve(d("2026-03-04"), None);
    assert_eq!(p.from, d("2026-02-26"));
    assert!(p.contains(d("2026-02-26")) && p.contains(d("2026-03-04")));
    assert!(!p.contains(d("2026-02-25")) && !p.contains(d("2026-03-05")));
}

#[test]
fn previous_period_has_the_same_length_and_ends_the_day_before() {
    // March 2-31 (30 days) → the 30 days ending March 1: Jan 31 (1) + Feb (28) + Mar 1 (1).
    let p = PeriodSpec::Days(30).resolve(d("2026-03-31"), None);
    let prev = p.previous();
    assert_eq!((prev.from, prev.to), (d("2026-01-31"), d("2026-03-01")));
    assert_eq!(prev.days(), 30);
    // An explicit January (31 days) → December.
    let jan = Period::new(d("2026-01-01"), d("2026-01-31"));
    assert_eq!(
        jan.previous(),
        Period::new(d("2025-12-01"), d("2025-12-31"))
    );
    // At the start of the calendar the previous period clamps instead of panicking.
    let first = Period::new(jiff::civil::Date::MIN, jiff::civil::Date::MIN);
    assert_eq!(first.previous().days(), 1);
}

#[test]
fn all_starts_at_the_first_interaction_or_is_one_day() {
    let p = PeriodSpec::All.resolve(d("2026-03-31"), Some(d("2025-01-10")));
    assert_eq!(p.from, d("2025-01-10"));
    // No interactions, or only later ones: the as-of day alone.
    assert_eq!(PeriodSpec::All.resolve(d("2026-03-31"), None).days(), 1);
    let later = PeriodSpec::All.resolve(d("2026-03-31"), Some(d("2026-04-10")));
    assert_eq!((later.from, later.to), (d("2026-03-31"), d("2026-03-31")));
    assert!(later.everything && !Period::new(later.from, later.to).everything);
    // An explicit range ignores the as-of date.
    let r: PeriodSpec = "2025-01-01..2025-01-31".parse().unwrap();
    assert_eq!(r.resolve(d("2026-03-31"), None).to, d("2025-01-31"));
}

#[test]
fn period_serialises_with_its_length() {
    let p = Period::new(d("2026-03-02"), d("2026-03-31"));
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"from":"2026-03-02","to":"2026-03-31","days":30}"#
    );
}

#[test]
fn weekly_buckets_are_iso_weeks_cut_to_the_period() {
    // 2026-03-02 is a Monday (2026-01-01 was a Thursday; +59 days). The 30 days to March 31
    // hold four whole weeks and the Monday-Tuesday start of ISO week 14.
    let p = Period::new(d("2026-03-02"), d("2026-03-31"));
    let b = p.buckets(Granularity::Week);
    let labels: Vec<&str> = b.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"]
    );
    assert_eq!((b[0].from, b[0].to), (d("2026-03-02"), d("2026-03-08")));
    assert_eq!((b[4].from, b[4].to), (d("2026-03-30"), d("2026-03-31")));
    // A period starting mid-week cuts its first bucket too.
    let p = Period::new(d("2026-03-04"), d("2026-03-10"));
    let b = p.buckets(Granularity::Week);
    assert_eq!(b.len(), 2);
    assert_eq!((b[0].from, b[0].to), (d("2026-03-04"), d("2026-03-08")));
}

#[test]
fn monthly_buckets_cover_partial_months() {
    let p = Period::new(d("2026-01-15"), d("2026-03-10"));
    let b = p.buckets(Granularity::Month);
    let got: Vec<(&str, String, String)> = b
        .iter()
        .map(|b| (b.label.as_str(), b.from.to_string(), b.to.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-01", "2026-01-15".into(), "2026-01-31".into()),
            ("2026-02", "2026-02-01".into(), "2026-02-28".into()),
            ("2026-03", "2026-03-01".into(), "2026-03-10".into()),
        ]
    );
    // Bucket lengths add up to the period: 17 + 28 + 10 = 55 days.
    assert_eq!(p.days(), 55);
}

#[test]
fn charts_use_weeks_up_to_a_quarter_and_months_beyond() {
    let q = PeriodSpec::Days(90).resolve(d("2026-03-31"), None);
    let y = PeriodSpec::Days(365).resolve(d("2026-03-31"), None);
    assert_eq!(Granularity::for_period(&q), Granularity::Week);
    assert_eq!(Granularity::for_period(&y), Granularity::Month);
}

#[test]
fn all_ignores_team_members_history() {
    let mut f = common::Fixture::new();
    let tom = f.team("Tom", "2024-01-01");
    let ann = f.contact("Ann", "2025-01-01");
    f.x(tom, "2024-02-01", ror_tui::store::Kind::Message);
    f.x(ann, "2025-05-01", ror_tui::store::Kind::Message);
    let p = Period::resolve(&PeriodSpec::All, d("2025-06-30"), &f.store);
    assert_eq!(p.from, d("2025-05-01"));
    assert_eq!(f.index().period(&PeriodSpec::All, d("2025-06-30")), p);
}
