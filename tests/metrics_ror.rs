//! The ROR index and the report's JSON shape.

mod common;

use common::{Fixture, sentiment};
use ror_tui::metrics::{Figure, RorInputs, ror_index};
use ror_tui::store::{InvestmentKind, Kind, Money};
use serde_json::Value;

fn inputs() -> RorInputs {
    RorInputs {
        engagement_rate: Figure::new(0.5),
        nps: Figure::new(20.0),
        sentiment_average: Figure::new(0.2),
        active: 3,
        churned: 1,
        active_advocates: 1,
        revenue: Money(30_000),
        investment: Money(10_000),
    }
}

fn approx(a: Figure, b: f64) {
    let a = a.value().unwrap();
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn weighted_average_of_five_sub_scores() {
    let r = ror_index(&inputs());
    let scores: Vec<(&str, Option<f64>)> =
        r.parts.iter().map(|p| (p.name, p.score.value())).collect();
    // engagement 0.5 → 50; sentiment: NPS 20 → (20 + 100) / 2 = 60 and average 0.2 →
    // (0.2 + 1) × 50 = 60, mean 60; retention 3 / (3 + 1) = 75; advocacy 1/3 of active is
    // beyond a quarter → 100; value 300 / (300 + 100) = 75.
    let expect = [50.0, 60.0, 75.0, 100.0, 75.0];
    for ((name, got), want) in scores.iter().zip(expect) {
        assert!(
            (got.unwrap() - want).abs() < 1e-9,
            "{name}: {got:?} != {want}"
        );
    }
    // 0.25 × 50 + 0.2 × 60 + 0.2 × 75 + 0.15 × 100 + 0.2 × 75 = 12.5 + 12 + 15 + 15 + 15.
    approx(r.score, 69.5);
    let sum: f64 = r.parts.iter().filter_map(|p| p.contribution.value()).sum();
    assert!((sum - 69.5).abs() < 1e-9);
}

#[test]
fn missing_sub_scores_are_left_out_not_zeroed() {
    let r = ror_index(&RorInputs {
        nps: Figure::NONE,
        sentiment_average: Figure::NONE,
        revenue: Money::ZERO,
        investment: Money::ZERO,
        ..inputs()
    });
    assert_eq!(r.parts[1].score, Figure::NONE);
    assert_eq!(r.parts[4].score, Figure::NONE);
    // (0.25 × 50 + 0.2 × 75 + 0.15 × 100) / (0.25 + 0.2 + 0.15) = 42.5 / 0.6.
    approx(r.score, 42.5 / 0.6);
    let nothing = ror_index(&RorInputs {
        engagement_rate: Figure::NONE,
        nps: Figure::NONE,
        sentiment_average: Figure::NONE,
        active: 0,
        churned: 0,
        active_advocates: 0,
        revenue: Money::ZERO,
        investment: Money::ZERO,
    });
    assert_eq!(nothing.score, Figure::NONE);
}

#[test]
fn advocacy_scales_to_a_quarter_of_active_contacts() {
    // 1 advocate of 8 active = 12.5 % → half of the 25 % that scores 100.
    let r = ror_index(&RorInputs {
        active: 8,
        active_advocates: 1,
        ..inputs()
    });
    approx(r.parts[3].score, 50.0);
}

fn small_store() -> Fixture {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    let b = f.contact("Bob", "2026-03-10");
    f.x(a, "2026-03-05", Kind::Message).sentiment = sentiment(0.5);
    f.x(a, "2026-03-06", Kind::Survey).nps = Some(10);
    f.purchase(b, "2026-03-12", 2_550);
    f.invest(None, "2026-03-01", InvestmentKind::Ads, 1_000, true);
    f
}

#[test]
fn dashboard_headline_is_the_index_of_its_own_figures() {
    let dash = small_store().dash("2026-03-31", "30d");
    let c = &dash.current;
    assert_eq!(c.figures.ror_index, c.details.ror.score);
    // engagement 2/2 → 100; sentiment mean of (100 + 100) / 2 = 100 and (0.5 + 1) × 50 = 75
    // → 87.5; retention 2/2 → 100; advocacy: Ann answered 10 and was last active 25 days ago:
    // 10 × 0.9^(25/30) + 5 × 0.5 + 5 × 0.9^(25/30) = 9.16 + 2.5 + 4.58 = 16.24 ≥ 15, so 1 of 2
    // active is an advocate (≥ 25 %) → 100; value: 25.50 back, nothing invested in the period
    // (the ads were on March 1, the day before it) → 100.
    // 0.25 × 100 + 0.2 × 87.5 + 0.2 × 100 + 0.15 × 100 + 0.2 × 100 = 97.5.
    approx(c.figures.ror_index, 97.5);
}

#[test]
fn the_report_document_holds_the_figures_as_numbers_and_null_for_no_data() {
    let dash = small_store().dash("2026-03-31", "30d");
    let json = serde_json::to_value(ror_tui::metrics::document(&dash, &[], &[])).unwrap();
    // Numbers as numbers, money in major units, null for no data.
    assert_eq!(json["as_of"], "2026-03-31");
    assert_eq!(json["period"]["days"], 30);
    assert_eq!(json["value"]["revenue"], 25.5);
    assert_eq!(json["value"]["aov"], 25.5);
    assert_eq!(json["engagement"]["by_kind"]["message"], 1);
    assert_eq!(json["engagement"]["by_channel"]["email"], 3);
    assert_eq!(json["channels"]["email"]["interactions"], 3);
    assert_eq!(json["previous"]["nps"]["score"], Value::Null);
    assert_eq!(json["previous"]["as_of"], "2026-03-01");
    assert_eq!(json["advocates"][0]["name"], "Ann");
    assert_eq!(json["advocates"][0]["orbit"], 3);
    // Ann's message and survey (4) and Bob's purchase (6) are all Participating.
    assert_eq!(json["orbit"]["levels"]["3"], 2);
    assert_eq!(json["ror_parts"][0]["name"], "engagement");
    // All time has nothing before it.
    let all = small_store().dash("2026-03-31", "all");
    let json = serde_json::to_value(ror_tui::metrics::document(&all, &[], &[])).unwrap();
    assert_eq!(json["previous"], Value::Null);
}

#[test]
fn headline_figures_for_standups() {
    let dash = small_store().dash("2026-03-31", "30d");
    let h = dash.current.figures.headline();
    assert_eq!(h["contacts.total"], 2.0);
    assert_eq!(h["value.revenue"], 25.5);
    assert_eq!(h["nps.score"], 100.0);
    assert_eq!(h["churn.threshold_days"], 90.0);
    assert!((h["ror_index"] - 97.5).abs() < 1e-9);
    // Bob bought once: a repeat rate of 0 is data. No data, no entry: the previous period had
    // no NPS answers. Lists and breakdowns are not headline figures.
    assert_eq!(h["value.repeat_rate"], 0.0);
    assert!(
        !dash
            .previous
            .as_ref()
            .unwrap()
            .figures
            .headline()
            .contains_key("nps.score")
    );
    assert!(h.keys().all(|k| !k.starts_with("advocates")
        && !k.contains("by_kind")
        && !k.starts_with("period")));
}
