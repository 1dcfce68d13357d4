//! Churn and retention with the default thresholds (churned after 90 silent days, at risk from
//! 30) unless a test sets its own.

mod common;

use common::{Fixture, d};
use ror_tui::metrics::{AtRiskReason, Figure};
use ror_tui::store::Kind;

/// As of 2026-06-30 over 30 days: the period is June 1-30, the day before it May 31.
fn community() -> Fixture {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    let cat = f.contact("Cat", "2025-01-01");
    let dan = f.contact("Dan", "2026-06-10");
    let eve = f.contact("Eve", "2025-01-01");
    // Ann: last active March 15. May 31 is 77 days later (active); June 30 is 107 (churned).
    // She churns on March 15 + 91 = June 14.
    f.x(ann, "2026-01-10", Kind::Message);
    f.x(ann, "2026-03-15", Kind::Message);
    // Bob: active all along.
    f.x(bob, "2026-02-01", Kind::Message);
    f.x(bob, "2026-05-01", Kind::Message);
    f.x(bob, "2026-06-20", Kind::Message);
    // Cat: last active 2025-12-01, churned on 2026-03-02 (+91 days).
    f.x(cat, "2025-12-01", Kind::Message);
    // Dan: first active in June.
    f.x(dan, "2026-06-10", Kind::Message);
    // Eve: churned after October, back on June 5.
    f.x(eve, "2025-10-01", Kind::Message);
    f.x(eve, "2026-06-05", Kind::Message);
    f
}

#[test]
fn active_churned_and_churn_rate() {
    let dash = community().dash("2026-06-30", "30d");
    let c = &dash.current.figures.churn;
    assert_eq!(c.threshold_days, 90);
    // June 30: active Bob, Dan, Eve; lapsed Ann and Cat (Cat since March).
    assert_eq!((c.active, c.lapsed), (3, 2));
    // Active on May 31: Ann, Bob (Cat lapsed, Dan not yet, Eve lapsed). Of those, Ann is
    // churned on June 30: the rate's 1 of 2.
    assert_eq!((c.active_at_start, c.churned), (2, 1));
    assert_eq!(c.churn_rate.value(), Some(0.5));
    // 30 days: the monthly rate is the period's own.
    assert_eq!(c.monthly_churn_rate.value(), Some(0.5));
    let e = &dash.current.details.engagement;
    // One churn event (Ann, June 14) and one new contact (Dan): net growth 0.
    assert_eq!((e.churned, e.net_growth), (1, 0));
    assert_eq!(e.returning_contacts, 1);
    let back: Vec<(&str, Option<jiff::civil::Date>)> = dash
        .lists
        .highlights
        .as_ref()
        .unwrap()
        .returning
        .iter()
        .map(|r| (r.name.as_str(), r.date))
        .collect();
    assert_eq!(back, [("Eve", Some(d("2026-06-05")))]);
    // The churn lands in the week of June 8-14 (weeks start Monday June 1).
    assert_eq!(dash.series.churned, [0, 1, 0, 0, 0]);
}

#[test]
fn monthly_churn_rates() {
    let dash = community().dash("2026-06-30", "30d");
    let months = &dash.lists.monthly_churn;
    // At least the last twelve months: July 2025 to June 2026.
    assert_eq!(months.len(), 12);
    assert_eq!(months[0].month, "2025-07");
    let m = |label: &str| months.iter().find(|m| m.month == label).unwrap();
    // March: active on Feb 28 are Ann (49 days), Bob (27), Cat (89 days: Dec 1 → Feb 28);
    // Cat churns on March 2 → 1/3.
    let mar = m("2026-03");
    assert_eq!((mar.active_at_start, mar.churned), (3, 1));
    assert!(common::close(mar.rate.value(), 1.0 / 3.0));
    // May: Ann and Bob active on April 30, both still active on May 31 → 0.
    assert_eq!(m("2026-05").rate.value(), Some(0.0));
    // June: same as the period's churn rate, 1/2.
    assert_eq!(m("2026-06").rate.value(), Some(0.5));
    // July 2025: nobody active on June 30, 2025 → no rate.
    assert_eq!(m("2025-07").rate, Figure::NONE);
    assert_eq!(m("2026-06").to, d("2026-06-30"));
}

#[test]
fn at_risk_reasons() {
    let mut f = Fixture::new();
    let [a, b, c, dd, e, ff, g, h] = ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"]
        .map(|n| f.contact(n, "2025-01-01"));
    // Ann: 8 activities up to May 20, silent 41 days on June 30.
    for day in [
        "2026-04-01",
        "2026-04-05",
        "2026-04-10",
        "2026-04-15",
        "2026-04-20",
        "2026-05-01",
        "2026-05-10",
        "2026-05-20",
    ] {
        f.x(a, day, Kind::Message);
    }
    // Bob: 2 recent; Cat: silent 29 days; Dan: 1 activity, silent 60 days.
    f.x(b, "2026-06-20", Kind::Message);
    f.x(b, "2026-06-25", Kind::Message);
    f.x(c, "2026-06-01", Kind::Message);
    f.x(dd, "2026-05-01", Kind::Message);
    // Eve: stay in touch every 14 days; last touch our message of June 10 (20 days).
    f.edit_contact(e, |c| c.cadence_days = Some(14));
    f.x(e, "2026-04-15", Kind::Message);
    f.out(e, "2026-06-10", Kind::Message);
    // Fay: cadence 30, created May 1, never touched: 60 days.
    f.edit_contact(ff, |c| {
        c.cadence_days = Some(30);
        c.created = d("2026-05-01");
    });
    // Gus: churned (last active in January) — lost, not at risk, whatever his cadence.
    f.edit_contact(g, |c| c.cadence_days = Some(7));
    f.x(g, "2026-01-01", Kind::Message);
    // Hal: cadence 30, touched 10 days ago.
    f.edit_contact(h, |c| c.cadence_days = Some(30));
    f.x(h, "2026-06-20", Kind::Message);

    let dash = f.dash("2026-06-30", "30d");
    // Active contacts' activity in the 90 days up to their last: Ann 8, Bob 2, Cat 1, Dan 1,
    // Eve 1, Hal 1. Ann is more active than 5 of 6 (≥ 3/4): top quarter. Bob beats 4 of 6
    // (< 3/4). Dan and Eve are silent long enough but beat nobody.
    let got: Vec<(&str, Option<u32>, Vec<AtRiskReason>)> = dash
        .lists
        .at_risk
        .iter()
        .map(|r| (r.name.as_str(), r.days_silent, r.reasons.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Eve",
                Some(76), // April 15 → June 30
                vec![AtRiskReason::CadenceOverdue {
                    cadence_days: 14,
                    days_since_touch: 20
                }]
            ),
            (
                "Ann",
                Some(41),
                vec![AtRiskReason::WasVeryActive {
                    interactions_90d: 8,
                    days_silent: 41
                }]
            ),
            (
                "Fay",
                None,
                vec![AtRiskReason::CadenceOverdue {
                    cadence_days: 30,
                    days_since_touch: 60
                }]
            ),
        ]
    );
    assert_eq!(dash.current.figures.churn.at_risk, 3);
    assert_eq!(
        dash.lists.at_risk[1].reasons[0].to_string(),
        "among the most active (8 interactions in the 90 days before going quiet)"
    );
}

#[test]
fn cohort_retention_grid() {
    let mut f = Fixture::new();
    f.store.settings.churn_days = 30;
    f.store.settings.at_risk_days = 10;
    let [a, b, c] = ["Ann", "Bob", "Cat"].map(|n| f.contact(n, "2025-01-01"));
    f.x(a, "2026-01-05", Kind::Message); // January cohort: silent in February, back in March
    f.x(a, "2026-03-03", Kind::Message);
    f.x(b, "2026-01-20", Kind::Message); // January cohort: active in February only
    f.x(b, "2026-02-25", Kind::Message);
    f.x(c, "2026-02-10", Kind::Message); // February cohort: nothing in March
    f.x(c, "2026-03-20", Kind::Message); // after the as-of date: does not count
    let rows = f.dash("2026-03-15", "30d").lists.cohorts;
    assert_eq!(rows.len(), 12);
    assert_eq!(
        (rows[0].month.as_str(), rows[11].month.as_str()),
        ("2025-04", "2026-03")
    );
    let jan = &rows[9];
    assert_eq!((jan.month.as_str(), jan.size), ("2026-01", 2));
    // January: both (2/2); February: Bob only (1/2); March up to the 15th: Ann only (1/2).
    // (Counting "not yet churned" instead would give 2/2 in March: Bob is 18 days silent.)
    let v: Vec<Option<f64>> = jan.retained.iter().map(|r| r.value()).collect();
    assert_eq!(v, [Some(1.0), Some(0.5), Some(0.5)]);
    let feb: Vec<Option<f64>> = rows[10].retained.iter().map(|r| r.value()).collect();
    assert_eq!(feb, [Some(1.0), Some(0.0)]);
    // An empty cohort has no retention, not 0 %.
    assert_eq!(rows[11].size, 0);
    assert_eq!(rows[11].retained, [Figure::NONE]);
    assert_eq!(rows[0].retained.len(), 12);
}

#[test]
fn stay_in_touch_lists_overdue_and_due_within_a_week() {
    let mut f = Fixture::new();
    let cad = |f: &mut Fixture, name: &str, created: &str, days: u32| {
        let id = f.contact(name, created);
        f.edit_contact(id, |c| c.cadence_days = Some(days));
        id
    };
    // As of 2026-06-30:
    let ann = cad(&mut f, "Ann", "2026-01-01", 30); // touched by us Jun 10: 20 days, due in 10 → not listed
    f.out(ann, "2026-06-10", Kind::Message);
    let bob = cad(&mut f, "Bob", "2026-01-01", 30); // his own message May 26: 35 days → 5 overdue
    f.x(bob, "2026-05-26", Kind::Message);
    let cy = cad(&mut f, "Cy", "2026-06-05", 30); // never touched, joined Jun 5: 25 days → due in 5
    let _ = cy;
    f.contact("Di", "2026-01-01"); // no cadence → not listed
    let team = f.team("Tess", "2026-01-01"); // team members are left out
    f.edit_contact(team, |c| c.cadence_days = Some(7));
    cad(&mut f, "Eve", "2026-07-15", 7); // joins after the as-of date → not listed

    let rows = ror_tui::metrics::stay_in_touch(&f.index(), d("2026-06-30"));
    let got: Vec<(&str, i64, Option<String>)> = rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.overdue_days,
                r.last_touch.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("Bob", 5, Some("2026-05-26".to_string())), ("Cy", -5, None)]
    );
}

/// Rates of periods of different lengths compare as rates per 30 days:
/// `1 − (1 − rate)^(30 / days)`.
#[test]
fn the_monthly_churn_rate_makes_periods_of_any_length_compare() {
    use ror_tui::metrics::churn::monthly_rate;
    // Half lost over 90 days is 1 − 0.5^(1/3) = 20.6 % a month; a quarter over 7 days is
    // 1 − 0.75^(30/7) = 70.8 % a month.
    let r = monthly_rate(Figure::new(0.5), 90).value().unwrap();
    assert!((r - (1.0 - 0.5f64.powf(1.0 / 3.0))).abs() < 1e-12, "{r}");
    assert!((r - 0.2063).abs() < 1e-4);
    let r = monthly_rate(Figure::new(0.25), 7).value().unwrap();
    assert!((r - 0.7086).abs() < 1e-4, "{r}");
    assert_eq!(monthly_rate(Figure::new(1.0), 365).value(), Some(1.0));
    assert_eq!(monthly_rate(Figure::NONE, 30), Figure::NONE);
    let dash = community().dash("2026-06-30", "90d");
    let c = &dash.current.figures.churn;
    let want = 1.0 - (1.0 - c.churn_rate.value().unwrap()).powf(30.0 / 90.0);
    assert!((c.monthly_churn_rate.value().unwrap() - want).abs() < 1e-12);
}
