//! Turning the rows of an import file into interactions: one pass over the file, every problem
//! of a row collected (not just the first), contacts found through an index built once.

use std::collections::HashSet;

use anyhow::Result;
use csv::ByteRecord;

use super::bounded::{Row, Rows};
use jiff::civil::Date;
use uuid::Uuid;

use super::decode::{self, Encoding, FileError, decode};
use super::header::{self, Columns};
use super::scan;
use crate::cli::UsageError;
use crate::cli::cells::{TAG_SEPARATOR, unescape, was_escaped};
use crate::cli::contacts::{ContactIndex, Found, contact_from_text};
use crate::cli::fields;
use crate::store::{Blocks, Contact, Interaction, Moment, Sentiment, new_id};

/// Ids for the records of one import: one random uuid v7, then its random tail counted up. A
/// 100k-row import then asks the system for randomness once instead of 100k times; every id is
/// still a valid v7 uuid, distinct within the import, and as unlikely to meet anyone else's as
/// the random one it started from.
pub struct IdSeq {
    base: u128,
    n: u128,
}

impl IdSeq {
    /// The 62 random bits after the variant field.
    const TAIL: u128 = (1 << 62) - 1;

    pub fn new() -> IdSeq {
        IdSeq {
            base: new_id().as_u128(),
            n: 0,
        }
    }

    pub fn next_id(&mut self) -> Uuid {
        let tail = self.base.wrapping_add(self.n) & Self::TAIL;
        self.n += 1;
        Uuid::from_u128((self.base & !Self::TAIL) | tail)
    }
}

/// One bad row: its line in the file (the header is line 1) and everything wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub line: u64,
    pub reasons: Vec<String>,
}

/// The rows of a file, read against the contacts of a store.
pub struct Parsed {
    /// Data rows read (valid or not).
    pub rows: usize,
    pub valid: Vec<Interaction>,
    pub invalid: Vec<RowError>,
    /// Contacts the file names that are not in the store yet, each created on the earliest day
    /// of its valid rows; contacts named only by invalid rows are left out.
    pub new_contacts: Vec<Contact>,
    /// Store contacts the valid rows refer to (only their interactions can be duplicates).
    pub touched: HashSet<Uuid>,
    /// How the file's bytes were read.
    pub encoding: Encoding,
    /// Lines read as Windows-1252.
    pub converted_lines: usize,
    /// The column separator used.
    pub delimiter: u8,
}

/// Moves a progress bar over the bytes of the rows read (see `progress`).
pub struct Progress {
    /// Hidden unless the import is worth a bar and stderr is a terminal.
    pub bar: indicatif::ProgressBar,
}

impl Progress {
    const EVERY: usize = 1 << 12;

    /// Moves the bar to `byte` of the text every few thousand rows (drawing costs).
    fn tick(&self, rows: usize, byte: usize) {
        if rows.is_multiple_of(Self::EVERY) {
            self.bar.set_position(byte as u64);
        }
    }
}

/// The longest cell a row may have, in bytes: a hundred times a long email. A larger one is
/// refused with its line rather than carried into the store, where every screen that shows the
/// note and every save would pay for it.
pub const MAX_CELL_BYTES: usize = 100_000;

/// The most cells a row (the header included) may have: ror-tui reads 13 columns, and a file
/// with thousands is not one of its files. A wider row is refused without being read whole.
pub const MAX_ROW_CELLS: usize = 1_000;

/// Reads the file: its encoding, its separator (`delimiter`, else detected from the header), its
/// header, then each row against `contacts`.
pub fn parse(
    bytes: &[u8],
    contacts: &Blocks<Contact>,
    delimiter: Option<u8>,
    progress: &Progress,
) -> Result<Parsed> {
    let decoded = decode(bytes)?;
    let text: &[u8] = &decoded.text;
    let delimiter = delimiter.unwrap_or_else(|| scan::detect_delimiter(text));
    let open_quote = scan::unclosed_quote(text, delimiter);
    let mut rdr = Rows::new(text, delimiter, MAX_CELL_BYTES, MAX_ROW_CELLS);
    let mut head = ByteRecord::new();
    let head_row = rdr.next_row(&mut head)?.unwrap_or_default();
    if head_row.cells > MAX_ROW_CELLS {
        return Err(UsageError(format!(
            "the header names {} columns; a file has at most {} (is this the right file?)",
            crate::store::group_digits(head_row.cells as u64),
            crate::store::group_digits(MAX_ROW_CELLS as u64)
        ))
        .into());
    }
    if let Some((_, len)) = head_row.oversized(MAX_CELL_BYTES).next() {
        return Err(UsageError(format!(
            "a column name in the header is {} bytes long (is this the right file?)",
            crate::store::group_digits(len as u64)
        ))
        .into());
    }
    if head.is_empty() || head.iter().all(|h| h.iter().all(u8::is_ascii_whitespace)) {
        return Err(UsageError(
            "the file is empty; its first row must name the columns (date, contact, kind, ...)"
                .into(),
        )
        .into());
    }
    let names = head
        .iter()
        .map(std::str::from_utf8)
        .collect::<Result<Vec<&str>, _>>()
        .map_err(|_| {
            UsageError(format!(
                "the header row is not valid UTF-8 text; {}",
                decode::SAVE_AS_UTF8
            ))
        })?;
    let cols = header::columns(&names);
    if let Some((line, cell)) = open_quote {
        let label = cols
            .as_ref()
            .map_or_else(|_| format!("column {}", cell + 1), |c| c.label(cell));
        return Err(FileError {
            line,
            message: format!(
                "{label}: the quote that opens this cell is never closed, so the rest of the \
                 file would be read into it; close it (a quote inside a quoted cell is written \
                 twice: \"\")"
            ),
        }
        .into());
    }
    let cols = cols.map_err(|e| {
        if names.len() == 1 {
            // One long heading: the columns are separated by something else.
            UsageError(format!(
                "{}; the columns must be separated by , ; tab or | (or name the separator \
                 with --delimiter)",
                e.0
            ))
        } else {
            e
        }
    })?;

    let mut ids = IdSeq::new();
    let mut resolver = Resolver::new(contacts);
    let mut out = Parsed {
        rows: 0,
        valid: Vec::with_capacity(text.len() / 80),
        invalid: Vec::new(),
        new_contacts: Vec::new(),
        touched: HashSet::new(),
        encoding: decoded.encoding,
        converted_lines: decoded.converted_lines,
        delimiter,
    };
    // The reader's own line count misses blank lines; the byte offset it reports does not.
    let mut lines = scan::Lines::default();
    let mut rec = ByteRecord::new();
    while let Some(read) = rdr.next_row(&mut rec)? {
        // A row of empty cells is what spreadsheets write for an empty line (`,,,`): skipped
        // like a blank line.
        if rec.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        out.rows += 1;
        progress.tick(out.rows, read.start);
        let line = lines.record_line(text, read.start);
        match too_large(&read, &cols).map_or_else(|| row(&rec, &cols, &mut resolver, &mut ids), Err)
        {
            Ok((x, pos)) => {
                resolver.used(pos, x.at.date, cols.tags.and_then(|t| rec.get(t)));
                if pos < contacts.len() {
                    out.touched.insert(x.contact);
                }
                out.valid.push(x);
            }
            Err(reasons) => out.invalid.push(RowError { line, reasons }),
        }
    }
    progress.bar.set_position(text.len() as u64);
    out.new_contacts = resolver
        .added
        .into_iter()
        .filter_map(|p| {
            p.first.map(|d| Contact {
                created: d,
                ..p.contact
            })
        })
        .collect();
    Ok(out)
}

/// A row whose cells were cut while it was read (see [`BoundedRows`]): what was too large, with
/// the sizes it had.
fn too_large(read: &Row, cols: &Columns) -> Option<Vec<String>> {
    if read.cells > MAX_ROW_CELLS {
        return Some(vec![format!(
            "has {} cells; a row has at most {} (the header has {})",
            crate::store::group_digits(read.cells as u64),
            crate::store::group_digits(MAX_ROW_CELLS as u64),
            cols.width
        )]);
    }
    let why: Vec<String> = read
        .oversized(MAX_CELL_BYTES)
        .map(|(i, len)| {
            let name = if i < cols.width {
                cols.label(i)
            } else {
                format!("column {}", i + 1)
            };
            format!(
                "{name}: is {} bytes long; a cell holds at most {}",
                crate::store::group_digits(len as u64),
                crate::store::group_digits(MAX_CELL_BYTES as u64)
            )
        })
        .collect();
    (!why.is_empty()).then_some(why)
}

/// A text cell: size and UTF-8 checked, spreadsheet apostrophe removed. `None` (with the
/// reason noted) when it cannot be read.
fn cell<'r>(rec: &'r ByteRecord, i: usize, name: &str, why: &mut Vec<String>) -> Option<&'r str> {
    let bytes = rec.get(i).unwrap_or_default();
    if bytes.len() > MAX_CELL_BYTES {
        why.push(format!(
            "{name}: is {} bytes long; a cell holds at most {}",
            crate::store::group_digits(bytes.len() as u64),
            crate::store::group_digits(MAX_CELL_BYTES as u64)
        ));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(unescape(s)),
        Err(e) => {
            let bad = bytes[e.valid_up_to()];
            why.push(format!(
                "{name}: byte {bad:#04X} (after `{}`) is not UTF-8 text; {}",
                crate::sanitize::line(&String::from_utf8_lossy(&bytes[..e.valid_up_to()])),
                decode::SAVE_AS_UTF8
            ));
            None
        }
    }
}

/// A cell that must be filled: `None` when it cannot be read or is blank.
fn required<'r>(
    rec: &'r ByteRecord,
    i: usize,
    name: &str,
    why: &mut Vec<String>,
) -> Option<&'r str> {
    let s = cell(rec, i, name, why)?;
    if s.trim().is_empty() {
        why.push(format!("{name}: is empty"));
        return None;
    }
    Some(s)
}

/// An optional cell: `None` when the column is absent or the cell blank.
fn opt<'r>(
    rec: &'r ByteRecord,
    i: Option<usize>,
    name: &str,
    why: &mut Vec<String>,
) -> Option<&'r str> {
    let s = cell(rec, i?, name, why)?;
    (!s.trim().is_empty()).then_some(s)
}

/// Checks a field, noting the problem under the column's name.
fn check<T>(name: &str, r: Result<T, String>, why: &mut Vec<String>) -> Option<T> {
    r.map_err(|e| why.push(format!("{name}: {e}"))).ok()
}

/// One row → an interaction and the position of its contact (store first, then new ones).
fn row(
    rec: &ByteRecord,
    cols: &Columns,
    res: &mut Resolver,
    ids: &mut IdSeq,
) -> Result<(Interaction, usize), Vec<String>> {
    let mut why = Vec::new();
    if rec.len() != cols.width {
        return Err(vec![format!(
            "has {} cell{}, but the header has {}",
            rec.len(),
            if rec.len() == 1 { "" } else { "s" },
            cols.width
        )]);
    }
    // Cells of ignored columns are not read, but a huge one is still refused.
    for (i, c) in rec.iter().enumerate() {
        if c.len() > MAX_CELL_BYTES && cols.is_ignored(i) {
            cell(rec, i, &cols.label(i), &mut why);
        }
    }
    let at = required(rec, cols.date, "date", &mut why)
        .and_then(|d| check("date", Moment::parse(d), &mut why));
    let kind = required(rec, cols.kind, "kind", &mut why)
        .and_then(|k| check("kind", fields::kind(k), &mut why));
    let channel = opt(rec, cols.channel, "channel", &mut why).unwrap_or(fields::DEFAULT_CHANNEL);
    let direction = opt(rec, cols.direction, "direction", &mut why)
        .and_then(|s| check("direction", fields::direction(s), &mut why));
    let value = opt(rec, cols.value, "value", &mut why)
        .and_then(|s| check("value", fields::value(s), &mut why));
    let nps =
        opt(rec, cols.nps, "nps", &mut why).and_then(|s| check("nps", fields::nps(s), &mut why));
    let rating = opt(rec, cols.rating, "rating", &mut why)
        .and_then(|s| check("rating", fields::rating(s), &mut why));
    let sentiment = opt(rec, cols.sentiment, "sentiment", &mut why)
        .and_then(|s| check("sentiment", fields::sentiment(s), &mut why));
    let note = cols
        .note
        .and_then(|i| cell(rec, i, "note", &mut why))
        .unwrap_or("");

    let handle = opt(rec, cols.handle, "handle", &mut why).unwrap_or("");
    let email = opt(rec, cols.email, "email", &mut why).unwrap_or("");
    // Read for new contacts only, after the row is known to be valid; checked here.
    opt(rec, cols.tags, "tags", &mut why);
    // `@` alone names nobody: it would make a contact with an empty name.
    let contact = match cell(rec, cols.contact, "contact", &mut why) {
        None => None,
        Some(name) if name.trim().trim_start_matches('@').trim().is_empty() => {
            why.push("contact: is empty".into());
            None
        }
        Some(name) => {
            // `'@home`, as `export` writes a name starting with `@`: a name, not a handle.
            let literal = std::str::from_utf8(rec.get(cols.contact).unwrap_or_default())
                .is_ok_and(was_escaped);
            let day = at.map(|m| m.date);
            check(
                "contact",
                res.resolve(name, literal, handle, email, day, ids),
                &mut why,
            )
        }
    };

    match (at, kind, contact) {
        (Some(at), Some(kind), Some(pos)) if why.is_empty() => {
            let x = Interaction {
                id: ids.next_id(),
                contact: res.contact(pos).id,
                at,
                channel: crate::store::Channel::normal(channel),
                kind,
                direction: direction.unwrap_or_else(|| kind.default_direction()),
                note: one_kind_of_line_end(note),
                sentiment: sentiment.map(Sentiment::manual),
                language: None,
                value,
                nps,
                rating,
                resolved: false,
                source: None,
                updated: None,
            };
            Ok((x, pos))
        }
        _ => Err(why),
    }
}

/// Line ends inside a note as `\n`, whichever the file used (`\r\n` from Windows tools), as the
/// dashboard writes them; so the same note imported from two files is the same note.
fn one_kind_of_line_end(note: &str) -> String {
    if note.contains('\r') {
        note.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        note.to_string()
    }
}

struct Pending {
    contact: Contact,
    /// The earliest day of the contact's valid rows; `None` while it has none.
    first: Option<Date>,
}

/// Finds the contact a row names, creating it when no contact matches.
struct Resolver<'s> {
    existing: &'s Blocks<Contact>,
    added: Vec<Pending>,
    ix: ContactIndex,
}

impl<'s> Resolver<'s> {
    fn new(existing: &'s Blocks<Contact>) -> Self {
        Resolver {
            existing,
            added: Vec::new(),
            ix: ContactIndex::new(existing),
        }
    }

    fn contact(&self, pos: usize) -> &Contact {
        match pos.checked_sub(self.existing.len()) {
            None => &self.existing[pos],
            Some(i) => &self.added[i].contact,
        }
    }

    /// The `handle` and `email` cells identify a contact outright; otherwise the `contact` cell
    /// is matched as a handle, an email, then a name (only as a name when `literal`: the cell was
    /// marked as text). A contact whose handle or email differs from the row's is a different
    /// person of the same name, and does not match.
    fn resolve(
        &mut self,
        name: &str,
        literal: bool,
        handle: &str,
        email: &str,
        day: Option<Date>,
        ids: &mut IdSeq,
    ) -> Result<usize, String> {
        if let Some(i) = self.ix.by_handle(handle) {
            return Ok(i);
        }
        if let Some(i) = self.ix.by_email(email) {
            return Ok(i);
        }
        let fits = |c: &Contact| {
            let differs = |mine: Option<&str>, theirs: &str, norm: fn(&str) -> &str| {
                !theirs.is_empty()
                    && mine.is_some_and(|m| !norm(m).eq_ignore_ascii_case(norm(theirs)))
            };
            !differs(c.handle.as_deref(), handle, fields::handle)
                && !differs(c.email.as_deref(), email, str::trim)
        };
        let found = if literal {
            match self.ix.by_name(name) {
                [] => Found::None,
                [i] => Found::One(*i),
                many => Found::Many(many.to_vec()),
            }
        } else {
            self.ix.find(name)
        };
        match found {
            Found::One(i) if fits(self.contact(i)) => return Ok(i),
            Found::Many(all) => {
                let fitting: Vec<usize> =
                    all.into_iter().filter(|i| fits(self.contact(*i))).collect();
                match fitting.as_slice() {
                    [i] => return Ok(*i),
                    [] => {}
                    many => {
                        return Err(format!(
                            "`{}` matches {} contacts; add a handle or email column to tell them apart",
                            crate::sanitize::line(name.trim()),
                            many.len()
                        ));
                    }
                }
            }
            _ => {}
        }
        let created = day.unwrap_or(Date::MIN);
        let mut c = if literal {
            Contact::new(name.trim(), created)
        } else {
            contact_from_text(name, created)
        };
        c.id = ids.next_id();
        if !handle.is_empty() {
            c.handle = Some(fields::handle(handle).to_string());
        }
        if !email.is_empty() {
            c.email = Some(email.trim().to_string());
        }
        let pos = self.existing.len() + self.added.len();
        self.ix.add(pos, &c);
        self.added.push(Pending {
            contact: c,
            first: None,
        });
        Ok(pos)
    }

    /// Records a valid row of the contact at `pos`: a new contact starts on its earliest row and
    /// collects the row's tags.
    fn used(&mut self, pos: usize, day: Date, tags: Option<&[u8]>) {
        let Some(i) = pos.checked_sub(self.existing.len()) else {
            return;
        };
        let p = &mut self.added[i];
        p.first = Some(p.first.map_or(day, |f| f.min(day)));
        // Cleaned before it is split: an escape sequence can hold the separator (an OSC 52
        // sequence's `;`), and its payload must not become a tag of its own.
        let tags = tags
            .and_then(|t| std::str::from_utf8(t).ok())
            .map(|t| crate::sanitize::line(unescape(t)));
        for t in tags.iter().flat_map(|t| t.split(TAG_SEPARATOR)) {
            let t = t.trim();
            if !t.is_empty() && !p.contact.tags.iter().any(|have| have == t) {
                p.contact.tags.push(t.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequential_ids_are_distinct_version_7_uuids() {
        let mut ids = IdSeq::new();
        // Start just below the tail's wrap-around, to check it stays inside the tail.
        ids.n = IdSeq::TAIL
            .wrapping_sub(ids.base & IdSeq::TAIL)
            .wrapping_sub(2);
        let made: Vec<Uuid> = (0..6).map(|_| ids.next_id()).collect();
        let distinct: HashSet<_> = made.iter().collect();
        assert_eq!(distinct.len(), 6);
        for id in &made {
            assert_eq!(id.get_version_num(), 7);
            assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
            assert_eq!(
                id.as_u128() >> 62,
                ids.base >> 62,
                "timestamp and version kept"
            );
        }
    }
}
