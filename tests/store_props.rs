//! Property: any valid store survives a save and a load unchanged.

use std::path::Path;

use jiff::civil::{Date, DateTime, Time};
use proptest::prelude::*;
use ror_tui::store::{
    CommitReason, Commitment, Contact, Direction, Interaction, Investment, InvestmentKind, Kind,
    Moment, Money, Sentiment, SentimentSource, Source, Standup, Store, parse_store, to_store_json,
};
use uuid::Uuid;

fn day(n: u32) -> Date {
    Date::constant(2020, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(n)))
        .unwrap()
}

fn text() -> impl Strategy<Value = String> {
    // Any Unicode, including quotes, backslashes and control characters: the file must keep them.
    proptest::string::string_regex("(?s).{0,24}").unwrap()
}

/// A name `check` takes: anything, as long as something of it shows once control characters
/// and escape sequences are left out.
fn name() -> impl Strategy<Value = String> {
    text().prop_map(|s| {
        if ror_tui::sanitize::line(&s).trim().is_empty() {
            format!("n{s}x")
        } else {
            s
        }
    })
}

fn moment() -> impl Strategy<Value = Moment> {
    (
        0u32..3000,
        proptest::option::of((0i8..24, 0i8..60, 0i8..60)),
    )
        .prop_map(|(d, t)| match t {
            None => Moment::day(day(d)),
            Some((h, m, s)) => Moment::at(DateTime::from_parts(day(d), Time::constant(h, m, s, 0))),
        })
}

fn store() -> impl Strategy<Value = Store> {
    let contacts = proptest::collection::vec(
        (
            name(),
            proptest::option::of(text()),
            any::<bool>(),
            0u32..3000,
            proptest::option::of(1u32..400),
            0usize..5,
        ),
        1..8,
    );
    (
        contacts,
        proptest::collection::vec(any::<u64>(), 0..30),
        proptest::collection::vec((0u64..1_000_000_000, any::<bool>()), 0..5),
    )
        .prop_map(|(cs, xs, invs)| {
            let mut s = Store::default();
            for (i, (n, handle, team, created, cadence, src)) in cs.into_iter().enumerate() {
                let mut c = Contact::new(n, day(created));
                c.id = Uuid::from_u128(i as u128 + 1);
                c.handle = handle;
                c.is_team = team;
                c.cadence_days = cadence;
                c.source = Source::ALL[src % Source::ALL.len()];
                if i > 0 {
                    c.referred_by = Some(Uuid::from_u128(1));
                }
                c.tags = vec![format!("t{i}")];
                s.contacts.push(c);
            }
            let n = s.contacts.len() as u64;
            for (i, seed) in xs.into_iter().enumerate() {
                let kind = Kind::ALL[(seed % Kind::ALL.len() as u64) as usize];
                let at = Moment::day(day((seed % 3000) as u32));
                let mut x =
                    Interaction::new(Uuid::from_u128(u128::from(seed % n) + 1), at, "Email", kind);
                x.id = Uuid::from_u128(1000 + i as u128);
                x.direction = if seed % 2 == 0 {
                    Direction::Inbound
                } else {
                    Direction::Outbound
                };
                x.note = format!("note \"{seed}\" \\ ünï");
                x.value = (seed % 3 == 0).then(|| Money::from_cents((seed % 10_000_000) as i64));
                x.nps = (seed % 5 == 0).then_some((seed % 11) as u8);
                x.rating = (seed % 7 == 0).then_some((seed % 5) as u8 + 1);
                x.sentiment = (seed % 4 == 0).then(|| Sentiment {
                    score: ((seed % 20001) as f64 - 10000.0) / 10000.0,
                    source: if seed % 8 == 0 {
                        SentimentSource::Manual
                    } else {
                        SentimentSource::Auto
                    },
                });
                x.resolved = seed % 9 == 0;
                s.interactions.push(x);
            }
            for (i, (cents, acq)) in invs.into_iter().enumerate() {
                s.investments.push(Investment {
                    id: Uuid::from_u128(5000 + i as u128),
                    date: day(i as u32),
                    contact: acq.then(|| Uuid::from_u128(1)),
                    kind: InvestmentKind::ALL[i % InvestmentKind::ALL.len()],
                    amount: Money::from_cents(cents as i64),
                    acquisition: acq,
                    note: String::new(),
                    updated: None,
                });
            }
            let mut standup = Standup::new(
                day(5),
                [("ror_index".to_string(), 61.25), ("nps".to_string(), -12.5)].into(),
            );
            standup.commitments.push(Commitment {
                contact: Uuid::from_u128(1),
                reason: CommitReason::Feedback,
                intent: "call about the \"outage\" ünï".into(),
                feedback: Some(Uuid::from_u128(1000)),
            });
            s.standups.push(standup);
            s
        })
}

proptest! {
    #[test]
    fn save_then_load_is_identity(s in store(), moment in moment()) {
        let mut s = s;
        if let Some(x) = s.interactions.first_mut() {
            x.at = moment;
        }
        // A store is written, and read, in canonical order.
        s.sort_canonical();
        let bytes = to_store_json(&s);
        let back = parse_store(Path::new("p.json"), &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Channels are normalised on the way in ("Email" was written by the constructor as "email").
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(to_store_json(&back), bytes);
    }
}
