//! A direct reader for one interaction or contact record in the shape nearly every record of a
//! store has: unescaped strings, plain numbers, known fields. A large store is mostly these
//! records, and reading them through serde_json's general machinery (a visitor per field, a
//! scan per string, the same field names compared again and again) was two thirds of opening
//! it.
//!
//! It only ever takes a shorter route to what serde_json would read. Anything it is not sure
//! of (an escape in a string, an unknown or repeated field, `null`, an exponent, a malformed
//! value) makes it answer `None`, and the caller reads that record with serde_json, which
//! either reads it or says exactly what is wrong. Values are converted by the same functions
//! the model's `Deserialize` implementations use (`Uuid::parse_str`, `Moment::parse`, the enum
//! spellings), and amounts by serde_json itself. A channel is given its normal spelling as it is
//! read (which loading does to every record anyway), and shared by the records that name it.

use jiff::civil::Date;
use uuid::Uuid;

use super::model::{
    Channel, Contact, Direction, Interaction, Kind, Sentiment, SentimentSource, Source,
};
use super::{Moment, Money};
use crate::hash::FxMap;

/// The channels one piece of a file names, each read once: the records on a channel then share
/// its name, where each record allocated a copy (100k allocations, and 3.2 MB, at 100k
/// interactions). Keyed by the text as written, which is normalised once, on first sight.
#[derive(Default)]
pub(super) struct Channels<'t>(FxMap<&'t str, Channel>);

impl<'t> Channels<'t> {
    fn get(&mut self, written: &'t str) -> Channel {
        if let Some(c) = self.0.get(written) {
            return c.clone();
        }
        let c = Channel::normal(written);
        self.0.insert(written, c.clone());
        c
    }
}

/// Reads the record that starts at `text[at]` (its `{`): the record and the position just past
/// its `}`, or `None` when serde_json must read it (see the module comment).
pub(super) fn interaction<'t>(
    text: &'t str,
    at: usize,
    channels: &mut Channels<'t>,
) -> Option<(Interaction, usize)> {
    let mut r = Reader::at(text, at);
    r.expect(b'{')?;
    let mut seen = 0u16;
    let (mut id, mut contact, mut when, mut channel, mut kind) = (None, None, None, None, None);
    let mut x = InteractionFields::default();
    if r.peek_ws()? == b'}' {
        return None; // missing the required fields: serde_json says which
    }
    loop {
        // The name is read here, not with `Reader::key`: through that call, reading a store of
        // 100k interactions took 484 M instructions instead of 445 M (the same in `contact`).
        r.ws();
        let key = r.raw()?;
        r.ws();
        r.expect(b':')?;
        r.ws();
        let field = interaction_field(key)?;
        // A field given twice is an error serde_json reports.
        if seen & (1 << field) != 0 {
            return None;
        }
        seen |= 1 << field;
        match field {
            0 => id = Some(r.id()?),
            1 => contact = Some(r.id()?),
            2 => when = Some(Moment::parse(r.string()?).ok()?),
            3 => channel = Some(channels.get(r.string()?)),
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
        if !r.more(b'}')? {
            break;
        }
    }
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

/// Reads the contact that starts at `text[at]` (its `{`), as [`interaction`] reads an
/// interaction.
pub(super) fn contact(text: &str, at: usize) -> Option<(Contact, usize)> {
    let mut r = Reader::at(text, at);
    r.expect(b'{')?;
    let mut seen = 0u16;
    let (mut id, mut name, mut created) = (None, None, None);
    let mut c = ContactFields::default();
    if r.peek_ws()? == b'}' {
        return None;
    }
    loop {
        r.ws();
        let key = r.raw()?;
        r.ws();
        r.expect(b':')?;
        r.ws();
        let field = contact_field(key)?;
        if seen & (1 << field) != 0 {
            return None;
        }
        seen |= 1 << field;
        match field {
            0 => id = Some(r.id()?),
            1 => name = Some(r.string()?.to_string()),
            2 => c.handle = Some(r.string()?.to_string()),
            3 => c.email = Some(r.string()?.to_string()),
            4 => c.organisation = Some(r.string()?.to_string()),
            5 => c.tags = r.strings()?,
            6 => {
                let s = r.raw()?;
                c.source = *Source::ALL.iter().find(|v| v.as_str() == s)?;
            }
            7 => c.referred_by = Some(r.id()?),
            8 => c.cadence_days = Some(r.whole()?.try_into().ok()?),
            9 => c.is_team = r.boolean()?,
            // jiff's `Deserialize` for a date is this same parser.
            10 => created = Some(r.string()?.parse::<Date>().ok()?),
            _ => c.notes = r.string()?.to_string(),
        }
        if !r.more(b'}')? {
            break;
        }
    }
    let record = Contact {
        id: id?,
        name: name?,
        handle: c.handle,
        email: c.email,
        organisation: c.organisation,
        tags: c.tags,
        source: c.source,
        referred_by: c.referred_by,
        cadence_days: c.cadence_days,
        is_team: c.is_team,
        created: created?,
        notes: c.notes,
    };
    Some((record, r.i))
}

/// The position of a contact's field in the model's order (its bit in `seen`).
fn contact_field(name: &str) -> Option<usize> {
    Some(match name {
        "id" => 0,
        "name" => 1,
        "handle" => 2,
        "email" => 3,
        "organisation" => 4,
        "tags" => 5,
        "source" => 6,
        "referred_by" => 7,
        "cadence_days" => 8,
        "is_team" => 9,
        "created" => 10,
        "notes" => 11,
        _ => return None,
    })
}

/// A contact's optional fields, at their defaults until read.
#[derive(Default)]
struct ContactFields {
    handle: Option<String>,
    email: Option<String>,
    organisation: Option<String>,
    tags: Vec<String>,
    source: Source,
    referred_by: Option<Uuid>,
    cadence_days: Option<u32>,
    is_team: bool,
    notes: String,
}

/// The position of an interaction's field in the model's order (its bit in `seen`).
fn interaction_field(name: &str) -> Option<usize> {
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

/// An interaction's optional fields, at their defaults until read.
#[derive(Default)]
struct InteractionFields {
    direction: Direction,
    note: String,
    sentiment: Option<Sentiment>,
    value: Option<Money>,
    nps: Option<u8>,
    rating: Option<u8>,
    resolved: bool,
}

/// Where the `"` ending a string is in `b` (which starts just inside the string), or `None`
/// when a `\\` or a control character comes first. Eight bytes at a time: most strings are
/// short, and a byte-by-byte loop or a search per string costs more than the text.
fn plain_len(b: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of each byte of `x` that is zero. Only the lowest such bit is exact (a
    // borrow can mark a byte above it), and only the lowest is used.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let hits = zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20 (a byte of 0x80 or more is part of a character, not a control).
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH);
        if hits != 0 {
            at += (hits.trailing_zeros() / 8) as usize;
            return (b[at] == b'"').then_some(at);
        }
        at += 8;
    }
    let rest = b[at..]
        .iter()
        .position(|c| *c == b'"' || *c == b'\\' || *c < 0x20)?;
    (b[at + rest] == b'"').then_some(at + rest)
}

/// How long an id is: `01940000-0000-7000-8000-000000000002`.
const ID_LEN: usize = 36;

struct Reader<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Reader<'a> {
    fn at(text: &'a str, at: usize) -> Reader<'a> {
        Reader {
            b: text.as_bytes(),
            text,
            i: at,
        }
    }

    /// A field's name and the `:` after it.
    fn key(&mut self) -> Option<&'a str> {
        self.ws();
        let key = self.raw()?;
        self.ws();
        self.expect(b':')?;
        self.ws();
        Some(key)
    }

    /// After an entry of an object or list closed by `close`: whether another entry follows
    /// (a `,`, taken) or the container ends (`close`, taken).
    fn more(&mut self, close: u8) -> Option<bool> {
        match self.peek_ws()? {
            b',' => {
                self.i += 1;
                Some(true)
            }
            c if c == close => {
                self.i += 1;
                Some(false)
            }
            _ => None,
        }
    }

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

    /// A string's raw text: everything up to the next `"`. Only for values then read by a
    /// parser that takes exact spellings (a field name, an enum's value, an id): an escape or a
    /// control character there, or a string cut short at an escaped quote, fails that parser.
    /// Text a parser might trim or read loosely (a date) is read with [`Reader::string`].
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

    /// A list of free text: `["beta", "vip"]`.
    fn strings(&mut self) -> Option<Vec<String>> {
        self.expect(b'[')?;
        let mut out = Vec::new();
        if self.peek_ws()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            self.ws();
            out.push(self.string()?.to_string());
            if !self.more(b']')? {
                return Some(out);
            }
        }
    }

    /// Free text (a name, a channel, a note) or a date: a string with no escapes and no control
    /// characters, both of which serde_json handles.
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.i;
        let len = plain_len(&self.b[start..])?;
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
        self.whole()?.try_into().ok()
    }

    /// A whole number that is not negative.
    fn whole(&mut self) -> Option<u64> {
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
            match self.key()? {
                "score" if score.is_none() => {
                    score = Some(self.number()?.parse::<f64>().ok()?);
                }
                "source" if source.is_none() => {
                    source = Some(match self.raw()? {
                        "auto" => SentimentSource::Auto,
                        "manual" => SentimentSource::Manual,
                        _ => return None,
                    });
                }
                _ => return None,
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(Sentiment {
            score: score?,
            source: source?,
        })
    }
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
