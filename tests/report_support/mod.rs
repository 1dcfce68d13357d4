//! The hand-computed community of the report tests, and helpers to run `report` on it.

#![allow(dead_code)] // each test binary uses a different part of this module

use ror_tui::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Money, Sentiment,
    SentimentSource, Store, new_id,
};
use serde_json::Value;

use super::common::*;

pub const AS_OF: &str = "2026-03-31";

/// A community of five contacts and a team member, reported as of 2026-03-31 over 30d.
///
/// Period 2026-03-02..2026-03-31 (31 − 30 + 1 = 2); previous 2026-01-31..2026-03-01; the day
/// before the period is March 1. Churn threshold 90 days (default). Every act below is inbound
/// unless said otherwise.
///
/// - Ann (created 2025-12-01): message on slack 02-10 (sentiment 0.5); outbound email_sent 03-03;
///   purchases on web 03-05 (100.00) and 03-20 (50.00); survey on email 03-25 (NPS 10); message
///   on slack 03-26 (sentiment 0.6). A 20.00 gift to her on 03-10.
/// - Bob (created 2025-12-01): purchase on web 02-15 (80.00); survey on email 02-20 (NPS 3);
///   message on email 03-12 (sentiment −0.4, never answered); survey on email 03-28 (NPS 6).
/// - Cat (created 2026-03-10, stay in touch every 14 days): comment on forum 03-10 (sentiment
///   0.2); purchase on web 03-15 (30.00).
/// - Dan (created 2025-10-01): message on slack 2025-12-15, then silence: 76 days on March 1
///   (16 + 31 + 28 + 1, active), 106 on March 31 (churned; he churns on Dec 15 + 91 = Mar 16).
/// - Fay (created 2025-06-01): message on slack 2025-07-01, then on 2026-03-20 after 262 silent
///   days: churned on March 1, back (returning) on March 20.
/// - Eve, a team member: a message (sentiment −0.9) and a 999.00 purchase on 03-15. Excluded.
/// - Investments: ads 50.00 on 02-01 (acquisition), an event 100.00 on 03-05 (acquisition), the
///   gift to Ann.
///
/// This period:
/// - contacts: total 5 (Ann, Bob, Cat, Dan, Fay), new 1 (Cat);
/// - interactions: Ann 4 (2 purchases, survey, message; the email_sent is ours), Bob 2, Cat 2,
///   Fay 1 = 9; by channel web 3, email 3, slack 2, forum 1; by kind purchase 3, message 3,
///   survey 2, comment 1;
/// - active 4 (Ann, Bob, Cat, Fay) → engagement rate 4 / 5 = 0.8;
/// - sentiment: 0.6, −0.4, 0.2 → scored 3, average 0.4 / 3 = 0.1333…, positive 2, negative 1,
///   net 100 × (2 − 1) / 3 = 33.33…;
/// - NPS: Ann 10 (promoter), Bob 6 (detractor) → responses 2, score 0;
/// - churn on March 31: active Ann, Bob, Cat, Fay = 4, churned Dan = 1; active on March 1: Ann,
///   Bob, Dan (Cat had done nothing, Fay was churned) and of those Dan has churned → 1 / 3;
/// - at risk: nobody silent 30 days; Cat's 14-day cadence: 16 days since 03-15 → 1;
/// - value: 100 + 50 + 30 = 180.00 over 3 purchases by 2 buyers → AOV 60.00, repeat rate 1 / 2
///   (Ann), CLV 90.00; invested 100 + 20 = 120.00; CAC 100.00 / 1 new = 100.00;
/// - advocacy (each part rounded to the cent, decay 0.9^(days / 30)): Ann NPS 10 six days ago
///   10 × 0.9^0.2 = 9.79, sentiment 5 × (0.5 + 0.6) / 2 = 2.75, recency five days 5 × 0.9^(1/6)
///   = 4.91 → 17.45, an advocate (≥ 15). Cat: sentiment 1.00 + recency 16 days 4.73 = 5.73.
///   Fay: recency 11 days 5 × 0.9^(11/30) = 4.81. Dan: recency 106 days 5 × 0.9^(106/30) = 3.45.
///   Bob: −9.90 (detractor) − 2.00 + 4.95 < 0, not listed. On March 1 Ann had 2.50 + 4.68 (19
///   days) = 7.18, so she is a new advocate. Orbit levels: Ann and Cat bought (6, Participating
///   I), Dan and Fay only messaged (4, Participating III) → all 3;
/// - ROR index: engagement 80; sentiment mean((0 + 100) / 2, (0.1333 + 1) × 50) = 53.33;
///   retention 4 / 5 = 80; advocacy 1 active advocate of 4 active = a quarter → 100; value
///   180 / (180 + 120) = 60 → 0.25 × 80 + 0.2 × 53.33 + 0.2 × 80 + 0.15 × 100 + 0.2 × 60
///   = 73.67.
///
/// Previous period (Jan 31 – Mar 1):
/// - total 4 (Cat did not exist yet), new 0; interactions 3 (Ann's message, Bob's purchase and
///   survey), active 2 → rate 0.5; sentiment 0.5 alone → average 0.5, net 100; NPS Bob 3 →
///   −100;
/// - churn on March 1: active Ann, Bob, Dan = 3, churned Fay = 1; active on Jan 30: Dan alone,
///   not churned by March 1 → rate 0; at risk 0;
/// - value: 80.00, 1 purchase, 1 buyer → AOV 80.00, repeat rate 0, CLV 80.00; invested 50.00;
///   no new contact → CAC null;
/// - ROR index: 50, mean(0, 75) = 37.5, 75, 0 (no advocate), 80 / 130 × 100 = 61.54 →
///   12.5 + 7.5 + 15 + 0 + 12.31 = 47.31.
pub fn community() -> Store {
    let mut ann = contact("Ann Archer", Some("ann"), None);
    ann.created = day("2025-12-01");
    let mut bob = contact("Bob Baker", Some("bob"), None);
    bob.created = day("2025-12-01");
    let mut cat = contact("Cat Cole", Some("cat"), None);
    cat.created = day("2026-03-10");
    cat.cadence_days = Some(14);
    let mut dan = contact("Dan Dale", Some("dan"), None);
    dan.created = day("2025-10-01");
    let mut fay = contact("Fay Ford", Some("fay"), None);
    fay.created = day("2025-06-01");
    let mut eve = contact("Eve Team", Some("eve"), None);
    eve.is_team = true;

    let mut xs = Vec::new();
    let mut add =
        |c: &Contact, date: &str, kind: Kind, channel: &str, f: &dyn Fn(&mut Interaction)| {
            let mut x = interaction(c, date, kind, channel);
            f(&mut x);
            xs.push(x);
        };
    let felt = |score: f64| {
        move |x: &mut Interaction| {
            x.sentiment = Some(Sentiment {
                score,
                source: SentimentSource::Manual,
            })
        }
    };
    let paid = |cents: i64| move |x: &mut Interaction| x.value = Some(Money::from_cents(cents));
    let answered = |nps: u8| move |x: &mut Interaction| x.nps = Some(nps);
    let none = |_: &mut Interaction| {};

    add(&ann, "2026-02-10", Kind::Message, "slack", &felt(0.5));
    add(&ann, "2026-03-03", Kind::EmailSent, "email", &|x| {
        x.direction = Direction::Outbound
    });
    add(&ann, "2026-03-05", Kind::Purchase, "web", &paid(10_000));
    add(&ann, "2026-03-20", Kind::Purchase, "web", &paid(5_000));
    add(&ann, "2026-03-25", Kind::Survey, "email", &answered(10));
    add(&ann, "2026-03-26", Kind::Message, "slack", &felt(0.6));
    add(&bob, "2026-02-15", Kind::Purchase, "web", &paid(8_000));
    add(&bob, "2026-02-20", Kind::Survey, "email", &answered(3));
    add(&bob, "2026-03-12", Kind::Message, "email", &|x| {
        felt(-0.4)(x);
        x.note = "Checkout is broken again, second time this month".into();
    });
    add(&bob, "2026-03-28", Kind::Survey, "email", &answered(6));
    add(&cat, "2026-03-10", Kind::Comment, "forum", &felt(0.2));
    add(&cat, "2026-03-15", Kind::Purchase, "web", &paid(3_000));
    add(&dan, "2025-12-15", Kind::Message, "slack", &none);
    add(&fay, "2025-07-01", Kind::Message, "slack", &none);
    add(&fay, "2026-03-20", Kind::Message, "slack", &none);
    add(&eve, "2026-03-15", Kind::Message, "slack", &felt(-0.9));
    add(&eve, "2026-03-15", Kind::Purchase, "web", &paid(99_900));

    let invest = |date: &str, kind, cents, contact: Option<&Contact>, acquisition| Investment {
        id: new_id(),
        date: day(date),
        contact: contact.map(|c| c.id),
        kind,
        amount: Money::from_cents(cents),
        acquisition,
        note: String::new(),
        updated: None,
    };
    let investments = vec![
        invest("2026-02-01", InvestmentKind::Ads, 5_000, None, true),
        invest("2026-03-05", InvestmentKind::Event, 10_000, None, true),
        invest("2026-03-10", InvestmentKind::Gift, 2_000, Some(&ann), false),
    ];
    let mut store = Store {
        contacts: vec![ann, bob, cat, dan, fay, eve].into(),
        interactions: xs.into(),
        investments,
        ..Store::default()
    };
    store.sort_canonical();
    store
}

pub fn report_json(p: &Place, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let out = stdout_of(p.run(&args));
    assert!(out.ends_with("}\n"), "a trailing newline: {out:?}");
    serde_json::from_str(&out).unwrap()
}

/// Floats to compare with hand-worked values.
pub fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

#[track_caller]
pub fn assert_close(v: &Value, expected: f64) {
    assert!(close(v, expected), "{v} is not {expected}");
}

pub fn report(p: &Place, format: &str) -> String {
    stdout_of(p.run(&["report", "--as-of", AS_OF, "--format", format]))
}
