//! Writing a store in its file layout (see [`Layout`]: one record per line), with the interactions
//! (nearly all of a large store) serialised in pieces on every core and written as they come, so
//! a million interactions neither wait for one core nor sit in memory as one 300 MB buffer
//! before they reach the disk. The result is byte for byte what serialising the whole store in
//! one go with [`Layout`] writes, plus a final newline.

use std::io::{self, Write};
use std::sync::mpsc;

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use super::Blocks;
use super::model::{Contact, Interaction, Investment, Settings, Standup, Store};

/// Interactions per piece: about 1.5 MB of text (a block of the store), small enough to keep a
/// few in flight at once.
const PIECE: usize = super::BLOCK;

/// The store without its interactions, in the model's field order; `interactions` is written as
/// `[]` and the real array goes where that stands.
#[derive(Serialize)]
struct Outline<'a> {
    schema: u32,
    settings: &'a Settings,
    contacts: &'a Blocks<Contact>,
    interactions: [(); 0],
    investments: &'a [Investment],
    standups: &'a [Standup],
}

/// Where the interactions stand in the outline. A line break and two spaces cannot be inside a
/// JSON string (a string holds its line breaks escaped), so this is found only where the outline
/// put it.
const SLOT: &[u8] = b"\n  \"interactions\": []";

/// Writes `store` to `out` as the store file holds it.
pub fn write_store(store: &Store, out: &mut impl Write) -> io::Result<()> {
    // Listing every field makes a new one a compile error here, not a field silently not saved.
    let Store {
        schema,
        settings,
        contacts,
        interactions,
        investments,
        standups,
    } = store;
    let mut outline = Vec::with_capacity(4096 + contacts.len() * 300);
    let outline_of = Outline {
        schema: *schema,
        settings,
        contacts,
        interactions: [],
        investments,
        standups,
    };
    outline_of
        .serialize(&mut Serializer::with_formatter(&mut outline, Layout::at(0)))
        .map_err(io::Error::other)?;
    let at = memchr::memmem::find(&outline, SLOT).expect("the outline holds the interactions")
        + SLOT.len()
        - 2;
    out.write_all(&outline[..at])?;
    write_interactions(interactions, out)?;
    out.write_all(&outline[at + 2..])?;
    out.write_all(b"\n")
}

/// The interactions array as it stands in the store object (its elements two levels deep).
fn write_interactions(all: &Blocks<Interaction>, out: &mut impl Write) -> io::Result<()> {
    if all.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    let workers = crate::cores();
    let pieces = all.len().div_ceil(PIECE);
    let piece = |k: usize| all.slices(k * PIECE..(k + 1) * PIECE);
    if workers < 2 || pieces < 2 {
        let mut buf = Vec::with_capacity(all.len().min(PIECE) * 400);
        for k in 0..pieces {
            buf.clear();
            serialise_piece(piece(k), k == 0, &mut buf);
            out.write_all(&buf)?;
        }
    } else {
        // Worker w serialises pieces w, w + n, w + 2n, ... and hands each over through a channel
        // that holds one: the writer takes them in order, and no worker runs far ahead of it.
        let n = workers.min(pieces);
        std::thread::scope(|s| -> io::Result<()> {
            let receivers: Vec<mpsc::Receiver<Vec<u8>>> = (0..n)
                .map(|w| {
                    let (tx, rx) = mpsc::sync_channel(1);
                    s.spawn(move || {
                        for k in (w..pieces).step_by(n) {
                            let mut buf = Vec::with_capacity(PIECE * 400);
                            serialise_piece(piece(k), k == 0, &mut buf);
                            // The writer hung up (a write failed): stop.
                            if tx.send(buf).is_err() {
                                return;
                            }
                        }
                    });
                    rx
                })
                .collect();
            for k in 0..pieces {
                let buf = receivers[k % n]
                    .recv()
                    .expect("a serialising worker sends every piece it has");
                out.write_all(&buf)?;
            }
            Ok(())
        })?;
    }
    out.write_all(b"\n  ]")
}

/// One run of interactions as array elements: each on a line of its own (after a comma unless it
/// opens the array), indented two levels, as [`Layout`] puts them.
fn serialise_piece<'a>(
    piece: impl Iterator<Item = &'a [Interaction]>,
    opens_array: bool,
    buf: &mut Vec<u8>,
) {
    for (i, x) in piece.flatten().enumerate() {
        buf.extend_from_slice(if opens_array && i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        let mut ser = Serializer::with_formatter(&mut *buf, Layout::at(2));
        x.serialize(&mut ser)
            .expect("an interaction always serialises");
    }
}

/// The store's layout: the top-level object and the objects and lists directly in it (settings,
/// the record lists) are written one entry per line, indented two spaces a level; anything
/// deeper (each record, and what it holds) on one line, as `{"id": "…", "kind": "share"}`.
///
/// One record per line is what makes a store good to keep in git and to search: a change to a
/// record is a change to its line, and `grep` finds a whole record. It is also a fifth smaller
/// than indenting every field, and that much quicker to read and write.
struct Layout {
    /// Containers open around what is written next.
    open: usize,
    /// Whether the innermost open container has a value yet (set as each value ends, so the
    /// container around a nested one is marked when the nested one ends).
    has_value: bool,
}

/// Containers opened this many levels in (or deeper) are written on one line.
const INLINE_FROM: usize = 2;

impl Layout {
    /// The layout for a value that stands `open` containers deep in the whole document.
    fn at(open: usize) -> Layout {
        Layout {
            open,
            has_value: false,
        }
    }

    /// Whether the innermost open container is written on one line.
    fn inline(&self) -> bool {
        self.open > INLINE_FROM
    }

    /// What goes before an entry of the innermost container.
    fn entry<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if self.inline() {
            return if first { Ok(()) } else { w.write_all(b", ") };
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w, self.open)
    }

    fn indent<W: ?Sized + Write>(&self, w: &mut W, levels: usize) -> io::Result<()> {
        for _ in 0..levels {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.open += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        let inline = self.inline();
        self.open -= 1;
        if self.has_value && !inline {
            w.write_all(b"\n")?;
            self.indent(w, self.open)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.entry(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.entry(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};

    /// The whole store serialised in one go, on one core, in the file layout.
    fn reference(store: &Store) -> Vec<u8> {
        let mut out = Vec::new();
        store
            .serialize(&mut Serializer::with_formatter(&mut out, Layout::at(0)))
            .unwrap();
        out.push(b'\n');
        out
    }

    fn written(store: &Store) -> Vec<u8> {
        let mut out = Vec::new();
        write_store(store, &mut out).unwrap();
        out
    }

    #[test]
    fn the_same_bytes_as_one_serialisation_at_every_size() {
        let big = generate(&GenSpec::scale(300, 2 * PIECE + 17));
        for n in [0, 1, 2, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 17] {
            let mut store = big.clone();
            store.interactions.truncate(n);
            assert_eq!(store.interactions.len(), n);
            let (ours, theirs) = (written(&store), reference(&store));
            assert!(ours == theirs, "{n} interactions: the bytes differ");
        }
    }

    /// The layout a person sees in the file: settings and the lists one entry per line, each
    /// record on one line.
    #[test]
    fn one_record_per_line() {
        let day = |d: &str| d.parse::<jiff::civil::Date>().unwrap();
        let mut store = Store::default();
        store.settings.weights.clear();
        store.settings.weights.insert(crate::store::Kind::Share, 7);
        let mut ada = Contact::new("Ada", day("2026-01-02"));
        ada.id = "01940000-0000-7000-8000-000000000001".parse().unwrap();
        ada.tags = vec!["beta".into(), "vip".into()];
        let mut x = Interaction::new(
            ada.id,
            crate::store::Moment::parse("2026-01-03T14:05:00").unwrap(),
            "LinkedIn",
            crate::store::Kind::Share,
        );
        x.id = "01940000-0000-7000-8000-000000000002".parse().unwrap();
        x.sentiment = Some(crate::store::Sentiment::manual(0.5));
        store.contacts.push(ada);
        store.interactions.push(x);
        let text = String::from_utf8(written(&store)).unwrap();
        let expected = r#"{
  "schema": 1,
  "settings": {
    "currency": "USD",
    "churn_days": 90,
    "at_risk_days": 30,
    "weights": {"share": 7},
    "auto_sentiment": true
  },
  "contacts": [
    {"id": "01940000-0000-7000-8000-000000000001", "name": "Ada", "tags": ["beta", "vip"], "source": "organic", "created": "2026-01-02"}
  ],
  "interactions": [
    {"id": "01940000-0000-7000-8000-000000000002", "contact": "01940000-0000-7000-8000-000000000001", "at": "2026-01-03T14:05:00", "channel": "linkedin", "kind": "share", "direction": "inbound", "sentiment": {"score": 0.5, "source": "manual"}}
  ],
  "investments": [],
  "standups": []
}
"#;
        assert_eq!(text, expected);
    }

    /// Every line between a list's brackets is one whole record, so a change to a record is a
    /// change to one line.
    #[test]
    fn every_line_of_a_list_is_a_whole_record() {
        let mut store = generate(&GenSpec::scale(40, 300));
        store.interactions[7].note = "line one\nline two, with \"quotes\" },\n{".into();
        let text = String::from_utf8(written(&store)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let open = lines
            .iter()
            .position(|l| *l == "  \"interactions\": [")
            .unwrap();
        let records = &lines[open + 1..open + 1 + store.interactions.len()];
        for (line, x) in records.iter().zip(store.interactions.iter()) {
            let record = line.trim_start().trim_end_matches(',');
            let back: Interaction = serde_json::from_str(record).unwrap();
            assert_eq!(&back, x);
        }
        assert_eq!(lines[open + 1 + store.interactions.len()], "  ],");
    }

    #[test]
    fn an_empty_store_and_a_store_of_only_interactions() {
        let mut store = Store::default();
        assert_eq!(written(&store), reference(&store));
        let big = generate(&GenSpec::scale(10, 40));
        store.interactions = big.interactions;
        assert_eq!(written(&store), reference(&store));
    }

    #[test]
    fn text_that_looks_like_the_slot_stays_in_its_string() {
        let mut store = generate(&GenSpec::scale(5, 20));
        store.contacts[0].notes = "\n  \"interactions\": []".into();
        store.contacts[1].name = "\"interactions\": []".into();
        assert_eq!(written(&store), reference(&store));
    }

    /// A failed write stops the workers instead of leaving them blocked forever.
    #[test]
    fn a_failed_write_ends_the_save() {
        struct Full(usize);
        impl Write for Full {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let store = generate(&GenSpec::scale(100, 4 * PIECE));
        // Room for about a piece and a half (some 360 bytes a record) of the four.
        let e = write_store(&store, &mut Full(PIECE * 540)).unwrap_err();
        assert_eq!(e.to_string(), "disk full");
    }
}
