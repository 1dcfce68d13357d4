//! Value: revenue, AOV, frequency, repeat rate, CLV (historical and predictive), CAC, the ROR
//! ledger and gift impact. As of 2026-03-31 over 30 days (March 2-31).

mod common;

use common::{Fixture, close, d};
use ror_tui::metrics::{Figure, contact_view};
use ror_tui::store::{InvestmentKind, Kind, Money};

fn shop() -> Fixture {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-06-01");
    let bob = f.contact("Bob", "2026-03-08"); // new in the period
    let cat = f.contact("Cat", "2026-03-14"); // new in the period
    let dan = f.contact("Dan", "2025-11-01");
    f.edit_contact(ann, |c| c.tags = vec!["vip".into(), "dev".into()]);
    f.edit_contact(bob, |c| c.tags = vec!["dev".into()]);
    f.purchase(ann, "2026-03-05", 10_000);
    f.purchase(ann, "2026-03-20", 5_000);
    f.purchase(bob, "2026-03-10", 3_000);
    f.x(cat, "2026-03-15", Kind::Purchase); // no value given: a purchase of 0
    f.purchase(dan, "2026-02-15", 8_000); // previous period
    f.invest(None, "2026-03-03", InvestmentKind::Ads, 50_000, true);
    f.invest(Some(ann), "2026-03-06", InvestmentKind::Gift, 2_000, false);
    f.invest(None, "2026-03-25", InvestmentKind::Event, 10_000, true);
    f
}

#[test]
fn revenue_aov_frequency_customers_and_cac() {
    let dash = shop().dash("2026-03-31", "30d");
    let v = &dash.current.figures.value;
    // 100 + 50 + 30 = 180.00 over 4 purchases (Cat's without a value) by 3 contacts.
    assert_eq!(v.revenue, Money(18_000));
    assert_eq!(
        (v.purchases, v.purchases_with_value, v.purchasing_contacts),
        (4, 3, 3)
    );
    // AOV over the purchases that carry a value: 180 / 3 = 60.00 (Cat's is unknown, not 0).
    assert_eq!(v.aov, Some(Money(6_000)));
    assert!(close(v.purchase_frequency.value(), 4.0 / 3.0));
    assert_eq!(v.revenue_per_customer, Some(Money(6_000)));
    // First purchases ever in March: Ann, Bob and Cat (Dan's was in February).
    assert_eq!(v.new_customers, 3);
    // Lifetime repeat rate up to March 31: of Ann, Bob, Cat and Dan, Ann bought twice.
    assert!(close(v.repeat_rate.value(), 0.25));
    // Investment 500 + 20 + 100 = 620.00, of it 600.00 acquisition: CAC 600 / 3 new customers
    // = 200.00; per new contact (Bob, Cat) 300.00.
    assert_eq!(v.investment, Money(62_000));
    assert_eq!(v.acquisition_spend, Money(60_000));
    assert_eq!(v.cac, Some(Money(20_000)));
    assert_eq!(v.cost_per_new_contact, Some(Money(30_000)));
    assert!(close(v.revenue_per_invested.value(), 180.0 / 620.0));
    // Previous period: Dan's 80.00, his first purchase; no spend → CAC 0.00; no new contact.
    let p = &dash.previous.as_ref().unwrap().figures.value;
    assert_eq!(
        (p.revenue, p.aov, p.revenue_per_customer, p.new_customers),
        (Money(8_000), Some(Money(8_000)), Some(Money(8_000)), 1)
    );
    assert_eq!(p.repeat_rate.value(), Some(0.0));
    assert_eq!(p.cac, Some(Money::ZERO));
    assert_eq!(p.cost_per_new_contact, None);
}

#[test]
fn predictive_clv_and_clv_to_cac() {
    let dash = shop().dash("2026-03-31", "30d");
    let v = &dash.current.figures.value;
    // Monthly churn over the last year: only March has anyone active at its start (Dan,
    // since Feb 15), and nobody churned → rate 0 → lifespan capped at 60 months.
    assert_eq!(v.expected_lifespan_months.value(), Some(60.0));
    // Trailing year: 100 + 50 + 30 + 80 = 260.00 over the 4 purchases with a value → AOV 65.00;
    // 5 purchases by 4 buyers → 1.25 a year; × 60/12 years → 65 × 1.25 × 5 = 406.25.
    assert_eq!(v.clv, Some(Money(40_625)));
    // The tile's CLV:CAC is clv / cac: 406.25 / 200 = 2.03125.
    assert!(close(v.clv_cac.value(), 406.25 / 200.0));
}

#[test]
fn lifespan_follows_the_churn_rate() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    let b = f.contact("Bob", "2025-01-01");
    // Both active on Jan 31; Ann's last activity (Jan 1) turns 91 days old on April 2,
    // so she churns in April; Bob stays active. April: 1 of 2 churned = 0.5.
    f.x(a, "2026-01-01", Kind::Message);
    f.x(b, "2026-01-01", Kind::Message);
    f.x(b, "2026-03-01", Kind::Message);
    f.purchase(b, "2026-04-10", 12_000);
    let dash = f.dash("2026-04-30", "30d");
    let m: Vec<(String, Option<f64>)> = dash
        .lists
        .monthly_churn
        .iter()
        .map(|m| (m.month.clone(), m.rate.value()))
        .filter(|m| m.1.is_some())
        .collect();
    // Feb (2 active on Jan 31, none lost), Mar (2, none), Apr (2, Ann lost).
    assert_eq!(
        m,
        [
            ("2026-02".to_string(), Some(0.0)),
            ("2026-03".to_string(), Some(0.0)),
            ("2026-04".to_string(), Some(0.5))
        ]
    );
    let v = &dash.current.figures.value;
    // Mean monthly churn (0 + 0 + 0.5) / 3 = 1/6 → 6 months expected.
    assert!(close(v.expected_lifespan_months.value(), 6.0));
    // AOV 120.00 × 1 purchase a year × 6/12 = 60.00.
    assert_eq!(v.clv, Some(Money(6_000)));
}

#[test]
fn no_purchases_means_no_value_ratios() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2026-03-10");
    f.x(a, "2026-03-11", Kind::Message);
    let dash = f.dash("2026-03-31", "30d");
    let v = &dash.current.figures.value;
    assert_eq!(v.revenue, Money::ZERO);
    assert_eq!((v.aov, v.revenue_per_customer, v.clv), (None, None, None));
    assert_eq!(v.repeat_rate, Figure::NONE);
    // No new customer: no CAC; a new contact at no acquisition spend cost 0.00.
    assert_eq!(v.cac, None);
    assert_eq!(v.cost_per_new_contact, Some(Money::ZERO));
    assert_eq!(v.clv_cac, Figure::NONE);
}

/// A week-long window holds no second purchase of anybody, yet a customer who bought twice in
/// their life is a repeat customer: the repeat rate is a lifetime figure.
#[test]
fn the_repeat_rate_counts_every_purchase_up_to_the_last_day() {
    let dash = shop().dash("2026-03-31", "7d");
    let v = &dash.current.figures.value;
    assert_eq!(v.purchases, 0);
    assert!(close(v.repeat_rate.value(), 0.25));
}

/// All time counts what was invested before the first interaction, and has no previous period.
#[test]
fn all_time_counts_every_investment_and_compares_with_nothing() {
    let mut f = shop();
    f.invest(None, "2025-01-10", InvestmentKind::Ads, 7_000, true);
    let dash = f.dash("2026-03-31", "all");
    let v = &dash.current.figures.value;
    assert_eq!(v.investment, Money(62_000 + 7_000));
    assert_eq!(v.acquisition_spend, Money(67_000));
    assert!(dash.previous.is_none());
    assert!(
        dash.lists
            .highlights
            .as_ref()
            .unwrap()
            .new_advocates
            .is_empty(),
        "nobody is new to all time"
    );
}

#[test]
fn ledger_per_contact_and_per_tag() {
    let l = shop()
        .dash("2026-03-31", "30d")
        .lists
        .highlights
        .unwrap()
        .ledger;
    type Row<'a> = (&'a str, i64, u64, i64, i64, Option<f64>);
    let rows: Vec<Row> = l
        .contacts
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.revenue.cents(),
                r.purchases,
                r.invested.cents(),
                r.net.cents(),
                r.return_per_invested.value(),
            )
        })
        .collect();
    // Ann: 150.00 back on a 20.00 gift → net 130.00, 7.5 per 1 invested. Bob: 30.00, nothing
    // invested → no ratio. Cat: a purchase without a value. Best net first.
    assert_eq!(
        rows,
        [
            ("Ann", 15_000, 2, 2_000, 13_000, Some(7.5)),
            ("Bob", 3_000, 1, 0, 3_000, None),
            ("Cat", 0, 1, 0, 0, None),
        ]
    );
    assert_eq!(l.unattributed, Money(60_000));
    let tags: Vec<(Option<&str>, u64, i64, i64)> = l
        .tags
        .iter()
        .map(|t| {
            (
                t.tag.as_deref(),
                t.contacts,
                t.revenue.cents(),
                t.net.cents(),
            )
        })
        .collect();
    // dev: Ann + Bob = 180.00 − 20.00; vip: Ann; untagged (Cat) last.
    assert_eq!(
        tags,
        [
            (Some("dev"), 2, 18_000, 16_000),
            (Some("vip"), 1, 15_000, 13_000),
            (None, 1, 0, 0)
        ]
    );
}

#[test]
fn gift_impact_compares_60_days_either_side() {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    let cat = f.contact("Cat", "2025-01-01");
    // Gift to Ann on March 1: before = Dec 31 … Feb 28, after = March 2 … April 30.
    f.invest(Some(ann), "2026-03-01", InvestmentKind::Gift, 5_000, false);
    for day in ["2025-12-30", "2026-01-15", "2026-02-20"] {
        f.x(ann, day, Kind::Message); // Dec 30 is 61 days before: outside
    }
    f.x(ann, "2026-03-01", Kind::Message); // the gift day itself counts on neither side
    for day in [
        "2026-03-05",
        "2026-03-10",
        "2026-04-01",
        "2026-04-30",
        "2026-05-01",
    ] {
        f.x(ann, day, Kind::Message); // May 1 is 61 days after: outside
    }
    // Gift to Bob ten days before the end: its after-window is not complete yet.
    f.invest(Some(bob), "2026-06-20", InvestmentKind::Gift, 1_000, false);
    f.x(bob, "2026-05-01", Kind::Message);
    f.x(bob, "2026-06-25", Kind::Message);
    // Not gifts to a contact: ignored.
    f.invest(Some(cat), "2026-03-01", InvestmentKind::Event, 9_000, false);
    f.invest(None, "2026-03-01", InvestmentKind::Gift, 9_000, false);

    let g = f
        .dash("2026-06-30", "365d")
        .lists
        .highlights
        .unwrap()
        .gift_impact;
    let rows: Vec<(&str, u64, u64, bool)> = g
        .gifts
        .iter()
        .map(|r| (r.name.as_str(), r.before, r.after, r.complete))
        .collect();
    assert_eq!(rows, [("Ann", 2, 4, true), ("Bob", 1, 1, false)]);
    // Only Ann's gift is complete: (4 − 2) / 2 = +100 %.
    assert_eq!((g.complete, g.before, g.after), (1, 2, 4));
    assert_eq!(g.lift.value(), Some(1.0));
}

#[test]
fn contact_page_figures() {
    let f = shop();
    let ix = f.index();
    let ann = f.store.contacts[0].id;
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let v = contact_view(&ix, ann, &p).unwrap();
    assert_eq!(v.name, "Ann");
    assert_eq!((v.revenue, v.purchases), (Money(15_000), 2));
    assert_eq!(
        (v.lifetime_revenue, v.lifetime_purchases),
        (Money(15_000), 2)
    );
    assert_eq!(
        (v.invested, v.lifetime_invested),
        (Money(2_000), Money(2_000))
    );
    assert_eq!(v.investments.len(), 1);
    assert_eq!(v.investments[0].kind, InvestmentKind::Gift);
    assert_eq!(v.last_activity, Some(d("2026-03-20")));
    assert_eq!(v.days_silent, Some(11));
    assert_eq!(v.last_touch, Some(d("2026-03-20")));
    assert_eq!(v.interactions, 2);
    // Unknown ids and team members have no page.
    assert!(contact_view(&ix, uuid::Uuid::nil(), &p).is_none());
}

#[test]
fn contact_list_rows() {
    let f = shop();
    let ix = f.index();
    let period = |spec: &str, on: &str| ix.period(&spec.parse().unwrap(), d(on));
    let rows = ror_tui::metrics::contact_rows(&ix, &period("30d", "2026-03-31"));
    let got: Vec<(&str, i64, Option<u32>, f64)> = rows
        .iter()
        .map(|r| {
            let f = &r.figures;
            (
                r.name.as_str(),
                f.lifetime_revenue.cents(),
                f.days_silent,
                f.activity,
            )
        })
        .collect();
    // By name; Dan's last purchase (Feb 15) was 44 days before March 31. Activity score of
    // Mar 2-31, a purchase weighing 6: Ann 2 × 6, Bob 6, Cat 6 (a purchase without a value is
    // still an act), Dan 0 (his purchase was in February).
    assert_eq!(
        got,
        [
            ("Ann", 15_000, Some(11), 12.0),
            ("Bob", 3_000, Some(21), 6.0),
            ("Cat", 0, Some(16), 6.0),
            ("Dan", 8_000, Some(44), 0.0)
        ]
    );
    // Before Bob and Cat joined, only Ann and Dan are listed; over `all`, Dan's purchase counts.
    assert_eq!(
        ror_tui::metrics::contact_rows(&ix, &period("30d", "2026-03-01")).len(),
        2
    );
    let all = ror_tui::metrics::contact_rows(&ix, &period("all", "2026-03-31"));
    assert_eq!(all[3].figures.activity, 6.0);
}
