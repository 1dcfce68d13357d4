//! A direct reader for one interaction record, the shape nearly every record of a store has:
//! unescaped strings, plain numbers, known fields. A large store is mostly interactions, and
//! reading them through serde_json's general machinery (a visitor per field, a scan per string,
//! the same field names compared again and again) was two thirds of opening it.
//!
//! It only ever takes a shorter route to what serde_json would read. Anything it is not sure
//! of (an escape in a string, an unknown or repeated field, `null`, an exponent, a malformed
//! value) makes it answer `None`, and the caller reads that record with serde_json, which
//! either reads it or says exactly what is wrong. Values are converted by the same functions
//! the model's `Deserialize` implementations use (`Uuid::parse_str`, `Moment::parse`, the enum
//! spellings), and amounts by serde_json itself.

use uuid::Uuid;

use super::model::{Direction, Interaction, Kind, Sentiment, SentimentSource};
use super::{Moment, Money};

/// Reads the record that starts at `text[at]` (its `{`): the record and the position just past
/// its `}`, or `None` when serde_json must read it (see the module comment).
pub(super) fn interaction(text: &str, at: usize) -> Option<(Interaction, usize)> {
    let mut r = Reader {
        b: text.as_bytes(),
        text,
        i: at,
    };
    r.expect(b'{')?;
    let mut seen = 0u16;
    let (mut id, mut contact, mut when, mut channel, mut kind) = (None, None, None, None, None);
    let mut x = Fields::default();
    if r.peek_ws()? == b'}' {
        return None; // missing the required fields: serde_json says which
    }
    loop {
        r.ws();
        let key = r.raw()?;
        r.ws();
        r.expect(b':')?;
        r.ws();
        let field = field(key)?;
        // A field given twice is an error serde_json reports.
        if seen & (1 << field) != 0 {
            return None;
        }
        seen |= 1 << field;
        match field {
            0 => id = Some(r.id()?),
            1 => contact = Some(r.id()?),
            2 => when = Some(Moment::parse(r.raw()?).ok()?),
            3 => channel = Some(r.string()?.to_string()),
            4 => {
                let s = r.raw()?;
                kind = Some(*Kind::ALL.iter().find(|k| k.as_str() == s)?);
            }
            5 => {
                let s = r.raw()?;
                x.direction = *Direction::ALL.iter().find(|d| d.as_str() == s)?;
            }
            6 => x.note = r.string()?.to_string(),
            7 => x.sentiment = Some(r.sentiment()?),
            8 => x.value = Some(r.money()?),
            9 => x.nps = Some(r.small()?),
            10 => x.rating = Some(r.small()?),
            _ => x.resolved = r.boolean()?,
        }
        match r.peek_ws()? {
            b',' => r.i += 1,
            b'}' => break,
            _ => return None,
        }
    }
    r.i += 1;
    let record = Interaction {
        id: id?,
        contact: contact?,
        at: when?,
        channel: channel?,
        kind: kind?,
        direction: x.direction,
        note: x.note,
        sentiment: x.sentiment,
        value: x.value,
        nps: x.nps,
        rating: x.rating,
        resolved: x.resolved,
    };
    Some((record, r.i))
}

/// How long an id is: `01940000-0000-7000-8000-000000000002`.
const ID_LEN: usize = 36;

/// The position of a record's field in the model's order (its bit in `seen`).
fn field(name: &str) -> Option<usize> {
    Some(match name {
        "id" => 0,
        "contact" => 1,
        "at" => 2,
        "channel" => 3,
        "kind" => 4,
        "direction" => 5,
        "note" => 6,
        "sentiment" => 7,
        "value" => 8,
        "nps" => 9,
        "rating" => 10,
        "resolved" => 11,
        _ => return None,
    })
}

/// The optional fields, at their defaults until read.
#[derive(Default)]
struct Fields {
    direction: Direction,
    note: String,
    sentiment: Option<Sentiment>,
    value: Option<Money>,
    nps: Option<u8>,
    rating: Option<u8>,
    resolved: bool,
}

struct Reader<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// The next byte that is not white space (not taken).
    fn peek_ws(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.b.get(self.i) == Some(&byte)).then(|| self.i += 1)
    }

    /// A string's raw text: everything up to the next `"`. Only for values that are then read
    /// by a parser accepting no `\\` (a field name, a date, a spelling): an escape there, or a
    /// string cut short at an escaped quote, then fails that parser.
    fn raw(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.i;
        let len = self.b[start..].iter().position(|c| *c == b'"')?;
        self.i = start + len + 1;
        // The text is UTF-8 and a `"` is one byte of it, so these are character boundaries.
        Some(&self.text[start..start + len])
    }

    /// An id. Its string is nearly always the 36 characters of the hyphenated form, and then
    /// its end is known without a search; if those 36 hold a `"` or anything else out of
    /// place, the uuid parser refuses them.
    fn id(&mut self) -> Option<Uuid> {
        if self.b.get(self.i) == Some(&b'"') && self.b.get(self.i + 1 + ID_LEN) == Some(&b'"') {
            let start = self.i + 1;
            self.i = start + ID_LEN + 1;
            return Uuid::parse_str(&self.text[start..start + ID_LEN]).ok();
        }
        Uuid::parse_str(self.raw()?).ok()
    }

    /// Free text (a channel, a note): a string with no escapes and no control characters, both
    /// of which serde_json handles.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.i;
        let len = memchr::memchr(b'"', &self.b[start..])?;
        if self.b[start..start + len]
            .iter()
            .any(|c| *c < 0x20 || *c == b'\\')
        {
            return None;
        }
        self.i = start + len + 1;
        Some(&self.text[start..start + len])
    }

    /// A JSON number without an exponent, as text: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
    fn number(&mut self) -> Option<&'a str> {
        let start = self.i;
        if self.b.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int = self.digits();
        if int == 0 || (int > 1 && self.b[self.i - int] == b'0') {
            return None;
        }
        if self.b.get(self.i) == Some(&b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E')) {
            return None;
        }
        Some(&self.text[start..self.i])
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.b.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        self.i - start
    }

    /// A whole number 0-255 (NPS, rating); range checks are validation's.
    fn small(&mut self) -> Option<u8> {
        let n = self.number()?;
        if n.contains(['-', '.']) {
            return None;
        }
        n.parse().ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        for (word, value) in [(&b"true"[..], true), (&b"false"[..], false)] {
            if self.b[self.i..].starts_with(word) {
                self.i += word.len();
                return Some(value);
            }
        }
        None
    }

    /// An amount: a number, read by serde_json as the model reads it (its integer and decimal
    /// routes differ).
    fn money(&mut self) -> Option<Money> {
        serde_json::from_str(self.number()?).ok()
    }

    /// `{"score": number, "source": "auto" | "manual"}`, in either order.
    fn sentiment(&mut self) -> Option<Sentiment> {
        self.expect(b'{')?;
        let (mut score, mut source) = (None, None);
        loop {
            self.ws();
            match self.raw()? {
                "score" if score.is_none() => {
                    self.ws();
                    self.expect(b':')?;
                    self.ws();
                    score = Some(self.number()?.parse::<f64>().ok()?);
                }
                "source" if source.is_none() => {
                    self.ws();
                    self.expect(b':')?;
                    self.ws();
                    source = Some(match self.raw()? {
                        "auto" => SentimentSource::Auto,
                        "manual" => SentimentSource::Manual,
                        _ => return None,
                    });
                }
                _ => return None,
            }
            match self.peek_ws()? {
                b',' => self.i += 1,
                b'}' => break,
                _ => return None,
            }
        }
        self.i += 1;
        Some(Sentiment {
            score: score?,
            source: source?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};
    use proptest::prelude::*;

    /// What serde_json reads from the record at the start of `text`, and where it ends.
    fn serde(text: &str) -> Option<(Interaction, usize)> {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Interaction>();
        let record = stream.next()?.ok()?;
        Some((record, stream.byte_offset()))
    }

    /// The direct reader agrees with serde_json whenever it answers: the same record, ending at
    /// the same place.
    fn agrees(text: &str) -> Result<bool, TestCaseError> {
        let ours = interaction(text, 0);
        if let Some(ours) = &ours {
            let theirs = serde(text);
            prop_assert_eq!(Some(ours), theirs.as_ref(), "{}", text);
            // Equal as values, and written back the same (`-0.0` equals `0.0` but is not it).
            let back = |x: &Interaction| serde_json::to_string(x).unwrap();
            prop_assert_eq!(back(&ours.0), back(&theirs.unwrap().0));
        }
        Ok(ours.is_some())
    }

    static RECORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

    fn records() -> Vec<String> {
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

    #[test]
    fn reads_what_the_store_writes_as_serde_json_does() {
        let all = records();
        let mut read = 0;
        for text in &all {
            read += usize::from(agrees(text).unwrap());
            // Pretty-printed, as older stores were written.
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            agrees(&serde_json::to_string_pretty(&v).unwrap()).unwrap();
        }
        // Only escaped text and the score written with an exponent are left to serde_json.
        let escaped = all.iter().filter(|t| t.contains('\\')).count();
        assert!(escaped >= 1);
        assert_eq!(read, all.len() - escaped - 1);
    }

    #[test]
    fn anything_unsure_is_left_to_serde_json() {
        let base = r#"{"id": "01940000-0000-7000-8000-000000000002", "contact": "01940000-0000-7000-8000-000000000001", "at": "2026-01-03", "channel": "web", "kind": "visit""#;
        assert!(interaction(&format!("{base}}}"), 0).is_some());
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
            assert!(interaction(&text, 0).is_none(), "{text}");
        }
        // Missing required fields.
        assert!(interaction(r#"{"id": "01940000-0000-7000-8000-000000000002"}"#, 0).is_none());
        assert!(interaction("{}", 0).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever is done to a record's text, the direct reader never reads it differently
        /// from serde_json: it agrees, or it leaves the record to serde_json.
        #[test]
        fn never_reads_differently_from_serde_json(
            which in 0usize..400,
            at in 0usize..400,
            cut in 0usize..4,
            insert in prop::sample::select(vec![
                "", " ", "\n", "\"", "\\", ",", "}", "{", ":", "0", "-", ".", "e", "null",
                "é", "\"id\": \"x\",", "1e5", "true",
            ]),
        ) {
            let all = RECORDS.get_or_init(records);
            let text = &all[which];
            let at = at.min(text.len());
            if !text.is_char_boundary(at) || !text.is_char_boundary((at + cut).min(text.len())) {
                return Ok(());
            }
            let end = (at + cut).min(text.len());
            let changed = format!("{}{}{}", &text[..at], insert, &text[end..]);
            agrees(&changed)?;
        }
    }
}
