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
    let mut fields = Fields::default();
    let (mut id, mut contact, mut when, mut channel, mut kind) = (None, None, None, None, None);
    let mut x = InteractionFields::default();
    if r.peek_ws()? == b'}' {
        return None; // missing the required fields: serde_json says which
    }
    loop {
        match r.field(&INTERACTION_KEYS, &mut fields)? {
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
    let mut fields = Fields::default();
    let (mut id, mut name, mut created) = (None, None, None);
    let mut c = ContactFields::default();
    if r.peek_ws()? == b'}' {
        return None;
    }
    loop {
        match r.field(&CONTACT_KEYS, &mut fields)? {
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

/// A contact's fields, in the model's order: the order a store writes them in.
const CONTACT_KEYS: [Key; 12] = [
    Key::new("id"),
    Key::new("name"),
    Key::new("handle"),
    Key::new("email"),
    Key::new("organisation"),
    Key::new("tags"),
    Key::new("source"),
    Key::new("referred_by"),
    Key::new("cadence_days"),
    Key::new("is_team"),
    Key::new("created"),
    Key::new("notes"),
];

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

/// An interaction's fields, in the model's order: the order a store writes them in.
const INTERACTION_KEYS: [Key; 12] = [
    Key::new("id"),
    Key::new("contact"),
    Key::new("at"),
    Key::new("channel"),
    Key::new("kind"),
    Key::new("direction"),
    Key::new("note"),
    Key::new("sentiment"),
    Key::new("value"),
    Key::new("nps"),
    Key::new("rating"),
    Key::new("resolved"),
];

/// A sentiment's fields.
const SENTIMENT_KEYS: [Key; 2] = [Key::new("score"), Key::new("source")];

/// A field's name as a store writes it, `"name":`, in the first bytes of a 16-byte word, so
/// that one comparison of the text's next 16 bytes (masked to its length) recognises it.
struct Key {
    name: &'static str,
    text: u128,
    mask: u128,
    len: usize,
}

impl Key {
    const fn new(name: &'static str) -> Key {
        let b = name.as_bytes();
        let len = b.len() + 3;
        assert!(len <= 16, "a field name of at most 13 bytes");
        let mut text = b'"' as u128;
        let mut i = 0;
        while i < b.len() {
            text |= (b[i] as u128) << (8 * (i + 1));
            i += 1;
        }
        text |= (b'"' as u128) << (8 * (len - 2));
        text |= (b':' as u128) << (8 * (len - 1));
        let mask = if len == 16 {
            u128::MAX
        } else {
            (1 << (8 * len)) - 1
        };
        Key {
            name,
            text,
            mask,
            len,
        }
    }
}

/// The fields of one object read so far: which (a field given twice is an error serde_json
/// reports), and the one after the last, where the next is looked for first.
#[derive(Default)]
struct Fields {
    seen: u16,
    next: usize,
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

/// The value of a number [`Reader::number`] read (`-?digits(.digits)?`), exactly the `f64`
/// that `str::parse` gives. A store's sentiment scores have a few decimals: their digits make
/// an integer below 2^53, exact in an `f64` as is a power of ten up to 10^22, and one division
/// of the two is correctly rounded, so it is the nearest `f64` to the decimal (the fast path
/// the standard parser takes too, after work that cost 185 instructions a score). Longer
/// numbers go to the standard parser.
fn decimal(text: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.len() + fraction.len() > 15 {
        return text.parse().ok();
    }
    let mut digits = 0u64;
    for b in whole.bytes().chain(fraction.bytes()) {
        if !b.is_ascii_digit() {
            return text.parse().ok();
        }
        digits = digits * 10 + u64::from(b - b'0');
    }
    let value = digits as f64 / POW10[fraction.len()];
    Some(if negative { -value } else { value })
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

    /// The next field of an object whose fields are `keys`, with the `:` after it: its
    /// position in `keys`, or `None` when it is not one of them or was given already.
    ///
    /// A store writes an object's fields in the order of `keys`, leaving out some, and writes
    /// each name exactly as `"name":`; so the names after the last one read are first compared
    /// whole with the text, sixteen bytes at a time (at 100k interactions, reading each name
    /// and looking it up took a quarter of the parse). Anything else is read and looked up.
    fn field(&mut self, keys: &[Key], fields: &mut Fields) -> Option<usize> {
        self.ws();
        let word = self
            .b
            .get(self.i..self.i + 16)
            .map(|w| u128::from_le_bytes(w.try_into().expect("sixteen bytes")));
        let written = word.and_then(|w| {
            let later = keys.get(fields.next..)?;
            Some(fields.next + later.iter().position(|k| w & k.mask == k.text)?)
        });
        let field = match written {
            Some(k) => {
                self.i += keys[k].len;
                self.ws();
                k
            }
            None => {
                let name = self.raw()?;
                self.ws();
                self.expect(b':')?;
                self.ws();
                keys.iter().position(|k| k.name == name)?
            }
        };
        if fields.seen & (1 << field) != 0 {
            return None;
        }
        fields.seen |= 1 << field;
        fields.next = field + 1;
        Some(field)
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
        let mut fields = Fields::default();
        loop {
            match self.field(&SENTIMENT_KEYS, &mut fields)? {
                0 => score = Some(decimal(self.number()?)?),
                _ => {
                    source = Some(match self.raw()? {
                        "auto" => SentimentSource::Auto,
                        "manual" => SentimentSource::Manual,
                        _ => return None,
                    });
                }
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
