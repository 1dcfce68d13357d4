//! Tests of the direct record reader: it agrees with serde_json or leaves a record to it.

use super::*;
use crate::generator::{GenSpec, generate};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What serde_json reads from the record at the start of `text`, and where it ends.
fn serde<T: DeserializeOwned>(text: &str) -> Option<(T, usize)> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<T>();
    let record = stream.next()?.ok()?;
    Some((record, stream.byte_offset()))
}

/// What loading does to a record after serde_json has read it, which the direct reader does as
/// it reads: an interaction's channel is given its normal spelling.
trait Loaded {
    fn loaded(self) -> Self;
}

impl Loaded for Interaction {
    fn loaded(mut self) -> Self {
        self.normalise_channel();
        self
    }
}

impl Loaded for Contact {
    fn loaded(self) -> Self {
        self
    }
}

/// The direct reader agrees with serde_json whenever it answers: the same record (as loading
/// leaves it), ending at the same place, and written back the same (`-0.0` equals `0.0` but is
/// not it).
fn agrees<T>(
    text: &str,
    direct: fn(&str, usize) -> Option<(T, usize)>,
) -> Result<bool, TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Loaded,
{
    let ours = direct(text, 0);
    if let Some(ours) = &ours {
        let theirs = serde::<T>(text).map(|(t, end)| (t.loaded(), end));
        prop_assert_eq!(Some(ours), theirs.as_ref(), "{}", text);
        let back = |x: &T| serde_json::to_string(x).unwrap();
        prop_assert_eq!(back(&ours.0), back(&theirs.unwrap().0));
    }
    Ok(ours.is_some())
}

static INTERACTIONS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
static CONTACTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

fn interactions() -> Vec<String> {
    let mut store = generate(&GenSpec::scale(30, 400));
    store.interactions[3].value = Some(Money::from_cents(12_999));
    store.interactions[4].value = Some(Money::from_cents(-5));
    store.interactions[5].nps = Some(0);
    store.interactions[6].rating = Some(5);
    store.interactions[7].resolved = true;
    store.interactions[8].note = "ünïcödé, \"quoted\" and a\nbreak".into();
    store.interactions[9].sentiment = Some(Sentiment::manual(-0.0001));
    store.interactions[10].sentiment = Some(Sentiment::manual(1e-9));
    store
        .interactions
        .iter()
        .map(|x| serde_json::to_string(x).unwrap())
        .collect()
}

fn contacts() -> Vec<String> {
    let mut store = generate(&GenSpec::scale(300, 10));
    let referrer = store.contacts[0].id;
    let c = &mut store.contacts[1];
    c.referred_by = Some(referrer);
    c.cadence_days = Some(30);
    c.is_team = true;
    c.tags = vec!["beta".into(), "ünï".into(), String::new()];
    c.notes = "met at the Berlin meetup, 東京 too".into();
    store.contacts[2].name = "Ada \"the countess\" Lovelace".into();
    store
        .contacts
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect()
}

/// Reads every record `texts` holds, as written and pretty-printed (as older stores were),
/// agreeing with serde_json; returns how many it read itself.
fn read_all<T>(texts: &[String], direct: fn(&str, usize) -> Option<(T, usize)>) -> usize
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Loaded,
{
    let mut read = 0;
    for text in texts {
        read += usize::from(agrees(text, direct).unwrap());
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        agrees(&serde_json::to_string_pretty(&v).unwrap(), direct).unwrap();
    }
    read
}

#[test]
fn reads_what_the_store_writes_as_serde_json_does() {
    let all = interactions();
    // Only escaped text and the score written with an exponent are left to serde_json.
    let escaped = all.iter().filter(|t| t.contains('\\')).count();
    assert!(escaped >= 1);
    let direct = |t: &str, at| interaction(t, at, &mut Channels::default());
    assert_eq!(read_all(&all, direct), all.len() - escaped - 1);

    let all = contacts();
    let escaped = all.iter().filter(|t| t.contains('\\')).count();
    assert!(escaped >= 1);
    assert_eq!(read_all(&all, contact), all.len() - escaped);
}

#[test]
fn anything_unsure_is_left_to_serde_json() {
    let base = r#"{"id": "01940000-0000-7000-8000-000000000002", "contact": "01940000-0000-7000-8000-000000000001", "at": "2026-01-03", "channel": "web", "kind": "visit""#;
    assert!(interaction(&format!("{base}}}"), 0, &mut Channels::default()).is_some());
    for tail in [
        r#", "kind": "visit"}"#,           // a field twice
        r#", "colour": "red"}"#,           // a field the model does not have
        r#", "nps": 07}"#,                 // a leading zero
        r#", "nps": 300}"#,                // out of a byte
        r#", "nps": -1}"#,                 // negative
        r#", "nps": null}"#,               // null
        r#", "note": "a\u0062c"}"#,        // an escape
        r#", "resolved": tru}"#,           // not a word
        r#", "direction": "in"}"#,         // not a spelling serde accepts
        r#", "sentiment": {"score": 1}}"#, // missing its source
        r#", "sentiment": {"score": 1, "source": "auto", "x": 1}}"#,
        r#" "nps": 3}"#, // a missing comma
        r#","#,          // cut short
    ] {
        let text = format!("{base}{tail}");
        assert!(
            interaction(&text, 0, &mut Channels::default()).is_none(),
            "{text}"
        );
    }
    // Missing required fields.
    assert!(
        interaction(
            r#"{"id": "01940000-0000-7000-8000-000000000002"}"#,
            0,
            &mut Channels::default()
        )
        .is_none()
    );
    assert!(interaction("{}", 0, &mut Channels::default()).is_none());

    let base =
        r#"{"id": "01940000-0000-7000-8000-000000000001", "name": "Ada", "created": "2026-01-02""#;
    assert!(contact(&format!("{base}}}"), 0).is_some());
    for tail in [
        r#", "name": "Bea"}"#,              // a field twice
        r#", "tags": ["a", 1]}"#,           // not text
        r#", "tags": ["a",]}"#,             // a trailing comma
        r#", "cadence_days": 4294967296}"#, // past a u32
        r#", "handle": null}"#,             // null
        r#", "source": "Organic"}"#,        // not a spelling serde accepts
        r#", "is_team": 1}"#,               // not a word
    ] {
        let text = format!("{base}{tail}");
        assert!(contact(&text, 0).is_none(), "{text}");
    }
    assert!(contact(r#"{"id": "01940000-0000-7000-8000-000000000001", "name": "Ada", "created": "2026-02-30"}"#, 0).is_none());
    assert!(contact(r#"{"name": "Ada", "created": "2026-01-02"}"#, 0).is_none());
}

/// The eight-at-a-time search finds what a byte-by-byte one does, wherever it falls.
#[test]
fn plain_len_is_the_first_quote_before_any_escape_or_control() {
    let slow = |b: &[u8]| {
        let i = b
            .iter()
            .position(|c| *c == b'"' || *c == b'\\' || *c < 0x20)?;
        (b[i] == b'"').then_some(i)
    };
    let bytes: Vec<u8> = (0u8..=255).collect();
    for len in 0..40 {
        for at in 0..len {
            for &special in &[b'"', b'\\', 0x00, 0x1f, b'\n', 0x20, 0x7f, 0x80, 0xe3] {
                let mut b: Vec<u8> =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN".as_bytes()[..len].to_vec();
                b[at] = special;
                b.push(b'"');
                assert_eq!(plain_len(&b), slow(&b), "{b:?}");
            }
        }
    }
    // Every byte value, in every position of a word.
    for at in 0..8 {
        for &v in &bytes {
            let mut b = b"xxxxxxxxxxxxxxxx\"".to_vec();
            b[at] = v;
            assert_eq!(plain_len(&b), slow(&b), "{v} at {at}");
        }
    }
}

/// `text` with `cut` bytes at `at` replaced by `insert`, when those are character boundaries.
fn changed(text: &str, at: usize, cut: usize, insert: &str) -> Option<String> {
    let at = at.min(text.len());
    let end = (at + cut).min(text.len());
    (text.is_char_boundary(at) && text.is_char_boundary(end))
        .then(|| format!("{}{}{}", &text[..at], insert, &text[end..]))
}

fn inserts() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        " ",
        "\n",
        "\"",
        "\\",
        ",",
        "}",
        "{",
        "[",
        "]",
        ":",
        "0",
        "-",
        ".",
        "e",
        "null",
        "é",
        "\"id\": \"x\",",
        "1e5",
        "true",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A number as a store writes it has, bit for bit, the value the standard parser gives,
    /// however many digits it has on either side of the point.
    #[test]
    fn a_decimal_is_what_the_standard_parser_reads(
        negative in any::<bool>(),
        whole in "(0|[1-9][0-9]{0,9})",
        fraction in proptest::option::of("[0-9]{1,12}"),
    ) {
        let text = format!(
            "{}{whole}{}",
            if negative { "-" } else { "" },
            fraction.map(|f| format!(".{f}")).unwrap_or_default()
        );
        let ours = decimal(&text).map(f64::to_bits);
        prop_assert_eq!(ours, text.parse::<f64>().ok().map(f64::to_bits), "{}", text);
    }

    /// Whatever is done to a record's text, the direct reader never reads it differently
    /// from serde_json: it agrees, or it leaves the record to serde_json.
    #[test]
    fn never_reads_differently_from_serde_json(
        which in 0usize..400,
        at in 0usize..400,
        cut in 0usize..4,
        insert in inserts(),
    ) {
        let all = INTERACTIONS.get_or_init(interactions);
        if let Some(text) = changed(&all[which], at, cut, insert) {
            agrees(&text, |t, at| interaction(t, at, &mut Channels::default()))?;
        }
        let all = CONTACTS.get_or_init(contacts);
        if let Some(text) = changed(&all[which % all.len()], at, cut, insert) {
            agrees(&text, contact)?;
        }
    }
}

/// The records of a piece that name one channel share its name, in its normal spelling, however
/// it was written.
#[test]
fn records_on_one_channel_share_its_name() {
    let text = r#"{"id": "01940000-0000-7000-8000-000000000001", "contact": "01940000-0000-7000-8000-0000000000c1", "at": "2025-01-02", "channel": "LinkedIn", "kind": "comment"}"#;
    let mut channels = Channels::default();
    let read = |channels: &mut Channels<'_>| interaction(text, 0, channels).unwrap().0.channel;
    let (a, b) = (read(&mut channels), read(&mut channels));
    assert_eq!(a, "linkedin");
    assert!(a.shares(&b));
}

/// Each field name, written as a store writes it, is recognised whole by its own key and by no
/// other (`"note":` is not `"notes":`, `"id":` not the start of `"is_team":`), and a name written
/// any other way is still read.
#[test]
fn a_field_name_is_recognised_by_its_own_key_only() {
    for keys in [
        &INTERACTION_KEYS[..],
        &CONTACT_KEYS[..],
        &SENTIMENT_KEYS[..],
    ] {
        for (k, key) in keys.iter().enumerate() {
            let text = format!("\"{}\":  \"padding to sixteen bytes\"", key.name);
            let word = u128::from_le_bytes(text.as_bytes()[..16].try_into().unwrap());
            let matching: Vec<usize> = (0..keys.len())
                .filter(|&j| word & keys[j].mask == keys[j].text)
                .collect();
            assert_eq!(matching, [k], "{text}");
            for text in [
                text.clone(),
                text.replace("\":", "\" :"),
                format!("\n\t{text}"),
            ] {
                let mut r = Reader::at(&text, 0);
                let mut fields = Fields::default();
                assert_eq!(r.field(keys, &mut fields), Some(k), "{text}");
                assert_eq!(r.b[r.i], b'"', "{text}: the value comes next");
                // Given again: serde_json reports it.
                let mut again = Reader::at(&text, 0);
                assert_eq!(again.field(keys, &mut fields), None, "{text}");
            }
        }
    }
    // A name read before the last one is found too, and an unknown one is not.
    let mut fields = Fields {
        seen: 0b100,
        next: 3,
    };
    let text = r#""id": "01940000-0000-7000-8000-000000000001""#;
    assert_eq!(
        Reader::at(text, 0).field(&INTERACTION_KEYS, &mut fields),
        Some(0)
    );
    let text = r#""colour": "red""#;
    assert_eq!(
        Reader::at(text, 0).field(&INTERACTION_KEYS, &mut Fields::default()),
        None
    );
}
