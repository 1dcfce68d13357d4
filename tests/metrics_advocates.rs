//! Advocacy scores with their breakdown, the ranking, new advocates, referral counting and the
//! referral tree. As of 2026-03-31; decay is 0.9^(days/30).

mod common;

use common::{Fixture, d, sentiment};
use ror_tui::metrics::{Index, contact_view, decay};
use ror_tui::store::Kind;

fn approx(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn decay_loses_ten_percent_a_month() {
    approx(decay(0), 1.0);
    approx(decay(30), 0.9);
    approx(decay(60), 0.81);
    approx(decay(90), 0.729);
    approx(decay(-5), 1.0);
    // Beyond the ten-year table the same formula holds: 0.9^(3660/30) = 0.9^122.
    approx(decay(3660), 0.9f64.powi(122));
}

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    let cy = f.contact("Cy", "2026-01-30");
    let di = f.contact("Di", "2025-12-31");
    let eli = f.contact("Eli", "2025-01-01");
    f.edit_contact(cy, |c| c.referred_by = Some(bob));
    f.edit_contact(di, |c| c.referred_by = Some(bob));
    f.x(ann, "2026-03-02", Kind::Referral); // 29 days ago
    f.x(ann, "2026-01-30", Kind::Mention); // 60 days
    f.x(ann, "2026-03-31", Kind::Share).sentiment = sentiment(0.5); // today
    f.x(ann, "2026-03-31", Kind::Survey).nps = Some(10);
    f.x(bob, "2026-03-01", Kind::Survey).nps = Some(5); // a detractor, 30 days ago
    f.x(bob, "2026-03-31", Kind::Referral);
    f.x(eli, "2025-03-31", Kind::Message).sentiment = sentiment(-1.0); // 365 days ago
    f
}

#[test]
fn score_breakdown_explains_the_rank() {
    let f = fixture();
    let dash = f.dash("2026-03-31", "30d");
    let top: Vec<(&str, f64, u32)> = dash
        .current
        .figures
        .advocates
        .iter()
        .map(|a| (a.name.as_str(), a.score, a.referrals))
        .collect();
    // Ann: referral 10 × 0.9^(29/30) = 9.03; shares 3 × 1 + 3 × 0.81 = 5.43; promoter
    // 10 × 1 = 10; sentiment 5 × 0.5 = 2.5; recency 5 × 1 = 5 → 31.96.
    // Bob: 2 referred contacts (Cy joined 60 days ago: 8.10, Di 90 days: 7.29) outnumber his
    // 1 logged referral → 15.39; detractor −10 × 0.9 = −9; recency 5 → 11.39.
    // Eli: the message is exactly 365 days old, outside the sentiment year; recency
    // 5 × 0.9^(365/30) = 1.39. Cy and Di have done nothing: no score, not listed.
    assert_eq!(
        top,
        [("Ann", 31.96, 1), ("Bob", 11.39, 2), ("Eli", 1.39, 0)]
    );

    let ann = &dash.current.figures.advocates[0].why;
    approx(ann.referrals.points, 9.03);
    assert_eq!(ann.shares.count, 2);
    approx(ann.shares.points, 5.43);
    let nps = ann.nps.unwrap();
    assert_eq!((nps.answer, nps.days_ago), (10, 0));
    approx(nps.points, 10.0);
    approx(ann.sentiment.unwrap().points, 2.5);
    approx(ann.recency.unwrap().points, 5.0);
    assert_eq!(
        ann.why(),
        [
            "1 referral: +9.03",
            "2 shares and mentions: +5.43",
            "NPS 10 (today): +10.00",
            "average sentiment +0.50 over 1 note: +2.50",
            "last active today: +5.00",
        ]
    );
    let bob = &dash.current.figures.advocates[1].why;
    approx(bob.nps.unwrap().points, -9.0);
    // Orbit level travels with the advocate: Ann's referral has weight 10 → level 1.
    assert_eq!(dash.current.figures.advocates[0].orbit, 1);
}

#[test]
fn new_advocates_crossed_the_threshold_this_period() {
    let dash = fixture().dash("2026-03-31", "30d");
    // On March 1 Ann had only the mention (3 × 0.9 = 2.7) and recency 5 × 0.9 = 4.5 → 7.2,
    // under 15; now 31.96. Bob stays under 15.
    let names: Vec<&str> = dash
        .lists
        .highlights
        .as_ref()
        .unwrap()
        .new_advocates
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Ann"]);
    assert_eq!(dash.current.details.advocates, 1);
    assert_eq!(dash.previous.as_ref().unwrap().details.advocates, 0);
}

#[test]
fn a_referral_written_down_twice_counts_once() {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let new = f.contact("Nia", "2026-03-10");
    f.edit_contact(new, |c| c.referred_by = Some(ann));
    f.x(ann, "2026-03-10", Kind::Referral); // the same referral, logged on Ann
    f.x(ann, "2026-03-20", Kind::Referral); // and one more logged only as an interaction
    let ix = Index::new(&f.store);
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let v = contact_view(&ix, ann, &p).unwrap();
    // max(1 referred contact, 2 logged referrals) = 2, not 3.
    assert_eq!(v.referrals, 2);
    assert_eq!(v.advocacy.referrals.count, 2);
    assert_eq!(v.referred.len(), 1);
    assert_eq!(v.referred[0].name, "Nia");
}

#[test]
fn on_a_tie_the_referred_contacts_join_dates_decay() {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let nia = f.contact("Nia", "2026-03-01");
    f.edit_contact(nia, |c| c.referred_by = Some(ann));
    // The same referral logged a month late, today.
    f.x(ann, "2026-03-31", Kind::Referral);
    let ix = Index::new(&f.store);
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let v = contact_view(&ix, ann, &p).unwrap();
    // One each: Nia joined 30 days ago, so 10 × 0.9 = 9.00, not the 10.00 of today's log.
    assert_eq!(v.advocacy.referrals.count, 1);
    approx(v.advocacy.referrals.points, 9.0);
}

#[test]
fn referral_tree_with_a_loop() {
    let mut f = Fixture::new();
    let names = ["Rita", "Abe", "Bea", "Cal", "Xan", "Yul", "Zoe", "Ida"];
    let [rita, abe, bea, cal, xan, yul, zoe, _ida] = names.map(|n| f.contact(n, "2025-01-01"));
    for (child, parent) in [
        (abe, rita),
        (bea, rita),
        (cal, abe),
        (xan, yul),
        (yul, xan),
        (zoe, xan),
    ] {
        f.edit_contact(child, |c| c.referred_by = Some(parent));
    }
    let rows = f
        .dash("2026-03-31", "30d")
        .lists
        .highlights
        .unwrap()
        .referral_tree;
    let got: Vec<(&str, u32, u32, u32, bool)> = rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.depth,
                r.referred,
                r.descendants,
                r.in_cycle,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Rita", 0, 2, 3, false),
            ("Abe", 1, 1, 1, false),
            ("Cal", 2, 0, 0, false),
            ("Bea", 1, 0, 0, false),
            // Xan and Yul referred each other: shown once from Xan, the loop cut at Yul.
            ("Xan", 0, 2, 2, true),
            ("Yul", 1, 1, 0, true),
            ("Zoe", 1, 0, 0, false),
        ]
    );
    // Ida, with no referrals either way, is not in the tree.
}

#[test]
fn a_long_referral_chain_does_not_overflow() {
    let mut f = Fixture::new();
    let mut prev = f.contact("c00000", "2025-01-01");
    for i in 1..5_000 {
        let next = f.contact(&format!("c{i:05}"), "2025-01-01");
        f.edit_contact(next, |c| c.referred_by = Some(prev));
        prev = next;
    }
    let rows = ror_tui::metrics::compute(&f.index(), d("2026-03-31"), &"7d".parse().unwrap())
        .lists
        .highlights
        .unwrap()
        .referral_tree;
    assert_eq!(rows.len(), 5_000);
    assert_eq!(rows[0].descendants, 4_999);
    assert_eq!(rows[4_999].depth, 4_999);
}
