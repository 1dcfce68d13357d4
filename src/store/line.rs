//! One line of a store file (schema 2, JSON Lines): the header, a record, a deletion, new
//! settings, or the start of a change made of several lines.
//!
//! ```text
//! {"type": "header", "schema": 2, "settings": {"currency": "USD", ...}}
//! {"type": "contact", "id": "…", "name": "Ada Lovelace", "created": "2026-01-02"}
//! {"type": "interaction", "id": "…", "contact": "…", "at": "2026-01-03T14:05:00", ...}
//! {"type": "deleted", "id": "…", "updated": "2026-12-04T10:00:00.123Z"}
//! {"type": "batch", "lines": 2}
//! ```
//!
//! `type` is written first, so a line is read by one pass of serde_json: the type picks the
//! record, whose own `Deserialize` reads the rest of the same object. A line written by another
//! tool with `type` elsewhere is read too, through a `serde_json::Value`.

use std::io::{self, Write};

use jiff::civil::Date;
use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde_json::ser::{Formatter, Serializer};
use uuid::Uuid;

use super::model::{Contact, Interaction, Investment, Settings, Standup, Updated};
use super::record::{Key, Record};

/// The first line of a store file.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub schema: u32,
    #[serde(default)]
    pub settings: Settings,
}

/// A record taken out of the store.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deleted {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// A standup is known by its day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standup: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Updated,
}

impl Deleted {
    pub fn of(key: Key, updated: Updated) -> Deleted {
        let (id, standup) = match key {
            Key::Id(id) => (Some(id), None),
            Key::Standup(day) => (None, Some(day)),
        };
        Deleted {
            id,
            standup,
            updated,
        }
    }

    /// What it deletes; `None` for a line that names neither an id nor a standup.
    pub fn key(&self) -> Option<Key> {
        match (self.id, self.standup) {
            (Some(id), None) => Some(Key::Id(id)),
            (None, Some(day)) => Some(Key::Standup(day)),
            _ => None,
        }
    }
}

/// The next `lines` lines are one change: a reader takes all of them or, when the file ends
/// before the last of them (a write cut short), none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batch {
    pub lines: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    Header(Header),
    Settings(Settings),
    Contact(Contact),
    Interaction(Interaction),
    Investment(Investment),
    Standup(Standup),
    Deleted(Deleted),
    Batch(Batch),
}

/// Every `type` a line may have, in the order the messages list them.
pub const TYPES: &[&str] = &[
    "header",
    "contact",
    "interaction",
    "investment",
    "standup",
    "deleted",
    "settings",
    "batch",
];

impl Line {
    pub fn type_name(&self) -> &'static str {
        match self {
            Line::Header(_) => "header",
            Line::Settings(_) => "settings",
            Line::Contact(_) => Contact::TYPE,
            Line::Interaction(_) => Interaction::TYPE,
            Line::Investment(_) => Investment::TYPE,
            Line::Standup(_) => Standup::TYPE,
            Line::Deleted(_) => "deleted",
            Line::Batch(_) => "batch",
        }
    }

    /// The record a line adds, changes or deletes.
    pub fn key(&self) -> Option<Key> {
        match self {
            Line::Contact(r) => Some(r.key()),
            Line::Interaction(r) => Some(r.key()),
            Line::Investment(r) => Some(r.key()),
            Line::Standup(r) => Some(r.key()),
            Line::Deleted(d) => d.key(),
            Line::Header(_) | Line::Settings(_) | Line::Batch(_) => None,
        }
    }

    /// Reads one line (without its line break).
    pub fn parse(text: &str) -> Result<Line, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let line = Line::deserialize(&mut de)?;
        de.end()?;
        Ok(line)
    }

    /// Appends the line and its line break to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        let ty = self.type_name();
        let written = match self {
            Line::Header(h) => put(out, ty, h),
            Line::Settings(s) => put(out, ty, s),
            Line::Contact(r) => put(out, ty, r),
            Line::Interaction(r) => put(out, ty, r),
            Line::Investment(r) => put(out, ty, r),
            Line::Standup(r) => put(out, ty, r),
            Line::Deleted(d) => put(out, ty, d),
            Line::Batch(b) => put(out, ty, b),
        };
        written.expect("a line always serialises");
        out.push(b'\n');
    }
}

/// `value`'s object with `"type": ty` written first.
fn put<T: Serialize>(out: &mut Vec<u8>, ty: &'static str, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut Serializer::with_formatter(
        out,
        LineFormat { depth: 0, ty },
    ))
}

/// One line, spaced as people write JSON by hand (`{"id": "…", "kind": "share"}`), with the
/// record's `type` as the first key of the outer object.
struct LineFormat {
    depth: usize,
    ty: &'static str,
}

impl Formatter for LineFormat {
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        if self.depth == 1 {
            // Record types are plain words, written as they are.
            write!(w, "{{\"type\": \"{}\"", self.ty)
        } else {
            w.write_all(b"{")
        }
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        // The outer object's first key follows `type`.
        if first && self.depth > 1 {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
}

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Line, D::Error> {
        d.deserialize_map(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Line;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object with a \"type\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line, A::Error> {
        let Some(first) = map.next_key::<std::borrow::Cow<'de, str>>()? else {
            return Err(de::Error::custom("the line has no \"type\""));
        };
        if first == "type" {
            let ty = map.next_value::<std::borrow::Cow<'de, str>>()?;
            // The rest of the object is the record itself.
            return of_type(&ty, de::value::MapAccessDeserializer::new(map));
        }
        // Written by another tool: gather the object, then read it without its `type`.
        let mut object = serde_json::Map::new();
        object.insert(first.into_owned(), map.next_value()?);
        while let Some(k) = map.next_key::<String>()? {
            object.insert(k, map.next_value()?);
        }
        let ty = match object.remove("type") {
            Some(serde_json::Value::String(t)) => t,
            Some(_) => return Err(de::Error::custom("\"type\" must be a string")),
            None => return Err(de::Error::custom("the line has no \"type\"")),
        };
        of_type(&ty, serde_json::Value::Object(object).into_deserializer())
            .map_err(de::Error::custom)
    }
}

fn of_type<'de, D: Deserializer<'de>>(ty: &str, d: D) -> Result<Line, D::Error> {
    Ok(match ty {
        "header" => Line::Header(Header::deserialize(d)?),
        "settings" => Line::Settings(Settings::deserialize(d)?),
        "contact" => Line::Contact(Contact::deserialize(d)?),
        "interaction" => Line::Interaction(Interaction::deserialize(d)?),
        "investment" => Line::Investment(Investment::deserialize(d)?),
        "standup" => Line::Standup(Standup::deserialize(d)?),
        "deleted" => Line::Deleted(Deleted::deserialize(d)?),
        "batch" => Line::Batch(Batch::deserialize(d)?),
        other => {
            return Err(de::Error::custom(format_args!(
                "unknown record type `{}` (expected one of: {})",
                crate::sanitize::line(other),
                TYPES.join(", ")
            )));
        }
    })
}

/// `value` as a line would hold it, without its `type`: for the fields of a record, one by one.
pub fn fields<T: Serialize>(value: &T) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// Writes a `serde_json::Value` on one line in the store's spacing (for messages).
pub fn value_text(v: &serde_json::Value) -> String {
    let mut out = Vec::new();
    let mut ser = Serializer::with_formatter(&mut out, Inline);
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// `{"a": 1, "b": [1, 2]}`: JSON spaced as people write it.
struct Inline;

impl Formatter for Inline {
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Kind, Moment, Sentiment};

    fn ada() -> Contact {
        let mut c = Contact::new("Ada", "2026-01-02".parse().unwrap());
        c.id = "01940000-0000-7000-8000-000000000001".parse().unwrap();
        c.tags = vec!["beta".into(), "vip".into()];
        c
    }

    #[test]
    fn a_record_is_one_line_with_its_type_first() {
        let mut x = Interaction::new(
            ada().id,
            Moment::parse("2026-01-03T14:05:00").unwrap(),
            "LinkedIn",
            Kind::Share,
        );
        x.id = "01940000-0000-7000-8000-000000000002".parse().unwrap();
        x.sentiment = Some(Sentiment::manual(0.5));
        let mut out = Vec::new();
        Line::Contact(ada()).write(&mut out);
        Line::Interaction(x.clone()).write(&mut out);
        Line::Batch(Batch { lines: 2 }).write(&mut out);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            r#"{"type": "contact", "id": "01940000-0000-7000-8000-000000000001", "name": "Ada", "tags": ["beta", "vip"], "source": "organic", "created": "2026-01-02"}
{"type": "interaction", "id": "01940000-0000-7000-8000-000000000002", "contact": "01940000-0000-7000-8000-000000000001", "at": "2026-01-03T14:05:00", "channel": "linkedin", "kind": "share", "direction": "inbound", "sentiment": {"score": 0.5, "source": "manual"}}
{"type": "batch", "lines": 2}
"#
        );
        let back: Vec<Line> = text.lines().map(|l| Line::parse(l).unwrap()).collect();
        assert_eq!(
            back,
            vec![
                Line::Contact(ada()),
                Line::Interaction(x),
                Line::Batch(Batch { lines: 2 })
            ]
        );
    }

    /// `jq -c` and other tools sort keys or drop the spaces: the line reads the same.
    #[test]
    fn type_anywhere_and_any_spacing_read_the_same() {
        let a = r#"{"created":"2026-01-02","id":"01940000-0000-7000-8000-000000000001","name":"Ada","source":"organic","tags":["beta","vip"],"type":"contact"}"#;
        assert_eq!(Line::parse(a).unwrap(), Line::Contact(ada()));
    }

    #[test]
    fn unknown_types_and_fields_are_refused_with_what_is_expected() {
        let e = Line::parse(r#"{"type": "contract", "id": "x"}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown record type `contract` (expected one of: header, contact"),
            "{e}"
        );
        let e = Line::parse(r#"{"type": "batch", "lines": 2, "extra": 1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `extra`"), "{e}");
        let e = Line::parse(r#"{"id": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("no \"type\""), "{e}");
        assert!(Line::parse(r#"{"type": "batch", "lines": 2} {}"#).is_err());
    }

    #[test]
    fn a_deletion_names_an_id_or_a_standup_day() {
        let id: Uuid = "01940000-0000-7000-8000-000000000009".parse().unwrap();
        let day: Date = "2026-03-04".parse().unwrap();
        for key in [Key::Id(id), Key::Standup(day)] {
            let line = Line::Deleted(Deleted::of(key, None));
            let mut out = Vec::new();
            line.write(&mut out);
            let back = Line::parse(std::str::from_utf8(&out).unwrap().trim_end()).unwrap();
            assert_eq!(back.key(), Some(key));
        }
        let both = Line::parse(&format!(
            r#"{{"type": "deleted", "id": "{id}", "standup": "2026-03-04"}}"#
        ))
        .unwrap();
        assert_eq!(both.key(), None);
    }
}
