//! Property: any store's interactions survive CSV export → import into an empty store, whatever
//! their notes contain (formulas, quotes, commas, newlines, apostrophes, any script), and
//! importing the export again adds nothing.

use proptest::prelude::*;
use ror_tui::cli::export::{ExportArgs, Format, What, write_export};
use ror_tui::cli::import::{Options, apply};
use ror_tui::store::{
    Contact, Direction, Interaction, Kind, Moment, Money, Sentiment, SentimentSource, Store,
};

/// Text a person could type: printable characters of several scripts, the characters CSV and
/// spreadsheets treat specially, and newlines (control characters are removed on export by
/// design, so they are not generated).
fn note() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('='),
            Just('+'),
            Just('-'),
            Just('@'),
            Just('\''),
            Just('"'),
            Just(','),
            Just(';'),
            Just('\n'),
            Just(' '),
            prop::char::range('a', 'z'),
            prop::char::range('À', 'ÿ'),
            prop::char::range('あ', 'ん'),
            Just('😀'),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn name() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{0,6}( [A-Z][a-z]{0,6})?".prop_map(|s| s)
}

#[derive(Clone, Debug)]
struct Row {
    who: usize,
    day: i16,
    minute: Option<u16>,
    kind: usize,
    channel: usize,
    outbound: bool,
    note: String,
    cents: Option<i64>,
    nps: Option<u8>,
    rating: Option<u8>,
    manual: Option<i8>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        (
            0usize..4,
            0i16..400,
            prop::option::of(0u16..1440),
            0..Kind::ALL.len(),
        ),
        (0usize..3, any::<bool>(), note()),
        (
            prop::option::of(0i64..10_000_000),
            prop::option::of(0u8..=10),
            prop::option::of(1u8..=5),
            prop::option::of(-100i8..=100),
        ),
    )
        .prop_map(
            |(
                (who, day, minute, kind),
                (channel, outbound, note),
                (cents, nps, rating, manual),
            )| {
                Row {
                    who,
                    day,
                    minute,
                    kind,
                    channel,
                    outbound,
                    note,
                    cents,
                    nps,
                    rating,
                    manual,
                }
            },
        )
}

fn build(names: &[String], rows: &[Row]) -> Store {
    let start = jiff::civil::date(2025, 1, 1);
    let contacts: Vec<Contact> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let mut c = Contact::new(n.clone(), start);
            // Some contacts share a name; their handles tell them apart.
            c.handle = Some(format!("h{i}"));
            c
        })
        .collect();
    let mut store = Store::default();
    for r in rows {
        let c = &contacts[r.who % contacts.len()];
        let date = start
            .checked_add(jiff::Span::new().days(i64::from(r.day)))
            .unwrap();
        let at = match r.minute {
            None => Moment::day(date),
            Some(m) => Moment::at(date.at((m / 60) as i8, (m % 60) as i8, 0, 0)),
        };
        let mut x = Interaction::new(
            c.id,
            at,
            ["web", "email", "slack"][r.channel],
            Kind::ALL[r.kind],
        );
        x.direction = if r.outbound {
            Direction::Outbound
        } else {
            Direction::Inbound
        };
        x.note = r.note.clone();
        x.value = r.cents.map(Money::from_cents);
        x.nps = r.nps;
        x.rating = r.rating;
        x.sentiment = r.manual.map(|m| Sentiment {
            score: f64::from(m) / 100.0,
            source: SentimentSource::Manual,
        });
        ror_tui::sentiment::rescore(&mut x, &store.settings);
        store.interactions.push(x);
    }
    store.contacts = contacts.into();
    store.sort_canonical();
    store
}

fn csv_of(store: &Store) -> Vec<u8> {
    let args = ExportArgs {
        format: Format::Csv,
        what: What::Interactions,
        period: None,
        output: None,
    };
    let mut out = Vec::new();
    write_export(store, &args, jiff::civil::date(2026, 3, 31), &mut out).unwrap();
    out
}

/// Every interaction's content, by contact handle, in a canonical order. The sentiment is the
/// score and whether it was set by hand, except that a hand-set score equal to what the note
/// scores anyway comes back automatic (the documented import rule; the figures are the same).
fn content(s: &Store) -> Vec<String> {
    let mut out: Vec<String> = s
        .interactions
        .iter()
        .map(|x| {
            let c = s.contact(x.contact).unwrap();
            format!(
                "{} {:?} {} {} {} {} {:?} {:?} {:?} {:?} {:?}",
                c.name,
                c.handle,
                x.at,
                x.kind,
                x.channel,
                x.direction,
                x.note,
                x.value,
                x.nps,
                x.rating,
                x.sentiment.map(|m| {
                    let same_as_auto = ror_tui::sentiment::score_text(&x.note) == Some(m.score);
                    (
                        m.score,
                        m.source == SentimentSource::Manual && !same_as_auto,
                    )
                })
            )
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_then_import_gives_back_the_same_interactions(
        names in prop::collection::vec(name(), 1..4),
        rows in prop::collection::vec(row(), 0..30),
    ) {
        let original = build(&names, &rows);
        let csv = csv_of(&original);
        let mut copy = Store::default();
        let s = apply(&csv, &mut copy, &Options::default()).unwrap();
        prop_assert!(s.invalid.is_empty(), "{:?}", s.invalid);
        prop_assert_eq!(s.added, original.interactions.len());
        prop_assert_eq!(content(&copy), content(&original));
        prop_assert_eq!(csv_of(&copy), csv.clone(), "the copy exports to the same file");

        let again = apply(&csv, &mut copy, &Options::default()).unwrap();
        prop_assert_eq!(again.added, 0);
        prop_assert_eq!(again.duplicates, original.interactions.len());
    }
}
