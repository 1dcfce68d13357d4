//! Edge cases: nothing to measure must give "no data", never NaN, a panic or a made-up zero rate.

mod common;

use common::{Fixture, d};
use ror_tui::metrics::{Figure, Status, compute, compute_store, document};
use ror_tui::store::{Kind, Money, Store};

#[test]
fn empty_store_has_no_rates_and_serialises_nulls() {
    let store = Store::default();
    let dash = compute_store(&store, d("2026-03-31"), &"30d".parse().unwrap());
    let f = &dash.current.figures;
    assert_eq!(f.contacts.total, 0);
    assert_eq!(f.engagement.interactions, 0);
    assert_eq!(f.engagement.engagement_rate, Figure::NONE);
    assert_eq!(f.sentiment.average, Figure::NONE);
    assert_eq!(f.nps.score, Figure::NONE);
    assert_eq!(f.churn.churn_rate, Figure::NONE);
    assert_eq!(f.value.aov, None);
    assert_eq!(f.value.cac, None);
    assert_eq!(f.ror_index, Figure::NONE);
    let json = serde_json::to_value(document(&dash, &[], &[])).unwrap();
    assert_eq!(
        json["engagement"]["engagement_rate"],
        serde_json::Value::Null
    );
    assert_eq!(json["nps"]["score"], serde_json::Value::Null);
    assert_eq!(json["previous"]["value"]["revenue"], 0);
    // No NaN or infinity can hide anywhere in the JSON: serde_json would have written them as
    // null, so check the text holds no such word either.
    let text = serde_json::to_string(&dash).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"));
}

#[test]
fn all_team_members_count_as_nobody() {
    let mut f = Fixture::new();
    let a = f.team("Ann", "2026-01-01");
    let b = f.team("Bob", "2026-01-01");
    f.x(a, "2026-03-10", Kind::Message);
    f.purchase(b, "2026-03-11", 5_000);
    f.x(b, "2026-03-12", Kind::Survey).nps = Some(10);
    let dash = f.dash("2026-03-31", "30d");
    let c = &dash.current.figures;
    assert_eq!(c.contacts.total, 0);
    assert_eq!(c.engagement.interactions, 0);
    assert_eq!(c.value.revenue, Money::ZERO);
    assert_eq!(c.nps.responses, 0);
    assert!(c.advocates.is_empty());
    assert_eq!(f.index().first_interaction(), None);
}

#[test]
fn one_contact_one_message() {
    let mut f = Fixture::new();
    // The 30 days ending 2026-03-31 start on 2026-03-02.
    let a = f.contact("Ann", "2026-03-05");
    f.x(a, "2026-03-20", Kind::Message);
    let dash = f.dash("2026-03-31", "30d");
    let c = &dash.current.figures;
    // 1 active of 1 existing contact: rate 1/1 = 1.
    assert_eq!(c.contacts.total, 1);
    assert_eq!(c.contacts.new, 1);
    assert_eq!(c.engagement.active_contacts, 1);
    assert_eq!(c.engagement.engagement_rate.value(), Some(1.0));
    assert_eq!(c.churn.active, 1);
    // Nobody was active on 2026-03-01 (the day before the period), so no churn rate.
    assert_eq!(c.churn.churn_rate, Figure::NONE);
    // No purchases: revenue 0, ratios n/a.
    assert_eq!(c.value.purchases, 0);
    assert_eq!(c.value.repeat_rate, Figure::NONE);
    assert_eq!(c.value.clv, None);
    let p = &dash.previous.as_ref().unwrap().figures;
    assert_eq!(p.contacts.total, 0);
    assert_eq!(p.engagement.engagement_rate, Figure::NONE);
}

#[test]
fn a_period_without_data_among_periods_with_data() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    f.x(a, "2025-01-05", Kind::Message).sentiment = common::sentiment(0.5);
    f.x(a, "2025-01-06", Kind::Survey).nps = Some(9);
    // As of a year later, the last 7 days hold nothing.
    let dash = f.dash("2026-01-31", "7d");
    let c = &dash.current.figures;
    assert_eq!(c.engagement.interactions, 0);
    assert_eq!(c.engagement.active_contacts, 0);
    assert_eq!(c.engagement.engagement_rate.value(), Some(0.0)); // 0 of 1 existing contact
    assert_eq!(c.sentiment.scored, 0);
    assert_eq!(c.sentiment.average, Figure::NONE);
    assert_eq!(c.sentiment.net, Figure::NONE);
    assert_eq!(c.nps.score, Figure::NONE);
    assert_eq!(c.churn.lapsed, 1);
    assert!(dash.series.interactions.iter().all(|n| *n == 0));
    assert!(dash.series.sentiment_average.iter().all(|s| s.is_none()));
}

#[test]
fn future_interactions_do_not_leak_into_earlier_periods() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2026-01-01");
    f.x(a, "2026-01-10", Kind::Message);
    f.purchase(a, "2026-05-01", 10_000);
    let dash = f.dash("2026-01-31", "30d");
    assert_eq!(dash.current.figures.value.revenue, Money::ZERO);
    assert_eq!(dash.current.figures.engagement.interactions, 1);
}

#[test]
fn all_period_starts_at_the_first_interaction() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-06-01");
    f.x(a, "2025-07-15", Kind::Message);
    let ix = f.index();
    let dash = compute(&ix, d("2025-07-24"), &"all".parse().unwrap());
    // 2025-07-15 ..= 2025-07-24 is 10 days, and nothing before it to compare with.
    assert_eq!(dash.current.figures.period.from, d("2025-07-15"));
    assert_eq!(dash.current.figures.period.days(), 10);
    assert!(dash.previous.is_none());
    assert_eq!(
        ror_tui::metrics::contact_rows(&ix, &dash.current.figures.period)[0]
            .figures
            .status,
        Status::Active
    );
}
