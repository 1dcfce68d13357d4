//! Reading a store file of schema 2 (JSON Lines) into a store: its lines parsed on every core,
//! then folded in file order, a later line for a record replacing an earlier one and a
//! `deleted` line taking it out.
//!
//! The end of a file may hold a write that was cut short (a process killed while appending):
//! a last line without its line break that does not read, or a `batch` whose lines do not all
//! follow. Neither was ever reported as saved, so both are left out ([`Folded::torn`]) and the
//! next write removes them. Any other line that does not read is an error naming its line.

use super::Blocks;
use super::line::{Batch, Line};
use super::load::LoadError;
use super::model::{Contact, Interaction, Investment, SCHEMA_VERSION, Settings, Standup, Store};
use super::pieces::Pieces;
use super::record::{Key, Record};
use crate::hash::FxMap;

/// What a read keeps of the file's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    Everything,
    /// Settings, contacts, investments and standups; interaction lines are counted, not read
    /// (`ror-tui log` needs only the contacts, and a store is mostly interactions).
    AllButInteractions,
}

/// A store file's records, folded, and what the file looked like.
#[derive(Debug)]
pub struct Folded {
    pub store: Store,
    pub format: super::load::Format,
    /// Lines read, the header included; a torn end is not counted.
    pub lines: usize,
    /// Where the lines taken end: the next write goes here.
    pub end: usize,
    /// The last line taken has no line break after it (a file edited by hand): the next write
    /// starts with one.
    pub unterminated: bool,
    /// A write cut short at the end of the file, left out.
    pub torn: Option<Torn>,
    /// Lines from the first that compaction would drop or move, to the end (see
    /// `docs/STORE.md`, "Compaction").
    pub tail: usize,
}

/// The part of a file left out as a write that was cut short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Torn {
    /// Its first line.
    pub line: usize,
    pub bytes: usize,
}

/// What one piece of the file held, its lines numbered from the piece's first.
#[derive(Default)]
struct Parsed {
    lines: u32,
    contacts: (Vec<Contact>, Vec<u32>),
    interactions: (Vec<Interaction>, Vec<u32>),
    investments: (Vec<Investment>, Vec<u32>),
    standups: (Vec<Standup>, Vec<u32>),
    /// Settings, deletions, batches, headers after the first line: with where each starts in
    /// the file.
    others: Vec<(u32, usize, Line)>,
    /// The first line that does not read: its number in the piece, column and message.
    error: Option<(u32, usize, String)>,
    /// Interaction lines counted but not read (see [`Take::AllButInteractions`]), by number.
    skipped: Vec<u32>,
    /// Whether the piece's last line has no line break and does not read.
    last_unreadable: bool,
    /// Where the piece's last line starts in the file, and where the piece ends.
    last_line: usize,
    end: usize,
    /// Whether the piece ends with a line break.
    ends_line: bool,
}

/// Reads `body` (a schema-2 file without its byte-order mark); `path` names it in messages.
pub fn fold(path: &std::path::Path, body: &[u8], take: Take) -> Result<Folded, LoadError> {
    fold_pieces(path, &Pieces::of_bytes(body, 0), take)
}

/// Reads a schema-2 file of `len` bytes through `file`, its text starting at `start` (past a
/// byte-order mark), a piece at a time.
pub fn fold_file(
    path: &std::path::Path,
    file: &std::fs::File,
    len: usize,
    start: usize,
    take: Take,
) -> Result<Folded, LoadError> {
    fold_pieces(path, &Pieces::of_file(file, len, start), take)
}

fn fold_pieces(path: &std::path::Path, pieces: &Pieces, take: Take) -> Result<Folded, LoadError> {
    let syntax = |line: usize, column: usize, message: String| LoadError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let io = |e: std::io::Error| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let Some(first) = pieces.next().map_err(io)? else {
        return Err(syntax(1, 1, "the file is empty".into()));
    };
    let first_end = memchr::memchr(b'\n', &first).unwrap_or(first.len());
    let text = std::str::from_utf8(&first[..first_end]).map_err(|_| {
        syntax(
            1,
            1,
            "the file is not UTF-8 text (re-save it as UTF-8)".into(),
        )
    })?;
    let header = match Line::parse(text.trim_end_matches('\r')) {
        Ok(Line::Header(h)) => h,
        Ok(other) => {
            return Err(syntax(
                1,
                1,
                format!(
                    "the first line is a {} line; a store starts with its header \
                     (`{{\"type\": \"header\", \"schema\": 2}}`)",
                    other.type_name()
                ),
            ));
        }
        Err(e) => return Err(syntax(1, e.column().max(1), strip_position(&e))),
    };
    if header.schema > SCHEMA_VERSION {
        return Err(LoadError::NewerSchema {
            path: path.to_path_buf(),
            found: u64::from(header.schema),
            detail: None,
        });
    }
    if header.schema != SCHEMA_VERSION {
        return Err(syntax(
            1,
            1,
            format!(
                "schema {} in a store of one record per line, which is schema {SCHEMA_VERSION}",
                header.schema
            ),
        ));
    }
    // The rest of the first piece, then the others as each core asks for one.
    let rest = (first_end + 1).min(first.len());
    let mut head = read_piece(&first[rest..], first.offset + rest, take);
    if rest == first.len() {
        head.ends_line = first_end < first.len();
    }
    pieces.give_back(first);
    let work = || -> Result<Vec<(usize, Parsed)>, LoadError> {
        let mut done = Vec::new();
        while let Some(p) = pieces.next().map_err(io)? {
            done.push((p.index, read_piece(&p, p.offset, take)));
            pieces.give_back(p);
        }
        Ok(done)
    };
    let mut parsed = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..crate::cores()).map(|_| s.spawn(work)).collect();
        let mut all = work()?;
        for h in helpers {
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))?);
        }
        Ok::<_, LoadError>(all)
    })?;
    parsed.sort_unstable_by_key(|(k, _)| *k);
    let all = std::iter::once(head)
        .chain(parsed.into_iter().map(|(_, p)| p))
        .collect();
    assemble(path, all, header.settings)
}

/// The type a line of ours names first, without reading the rest.
fn written_type(line: &[u8]) -> Option<&[u8]> {
    let rest = line
        .strip_prefix(b"{\"type\": \"")
        .or_else(|| line.strip_prefix(b"{\"type\":\""))?;
    let end = memchr::memchr(b'"', rest)?;
    Some(&rest[..end])
}

/// Parses the lines of `bytes`, which start `offset` bytes into the file.
fn read_piece(bytes: &[u8], offset: usize, take: Take) -> Parsed {
    let mut p = Parsed {
        end: offset + bytes.len(),
        last_line: offset,
        ends_line: bytes.last() == Some(&b'\n'),
        ..Parsed::default()
    };
    let mut at = 0;
    while at < bytes.len() {
        let nl = memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i);
        let raw = &bytes[at..nl.unwrap_or(bytes.len())];
        let starts = offset + at;
        p.last_line = starts;
        at = nl.map_or(bytes.len(), |i| i + 1);
        p.lines += 1;
        let n = p.lines;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if take == Take::AllButInteractions && written_type(raw) == Some(b"interaction") {
            p.skipped.push(n);
            continue;
        }
        let parsed = std::str::from_utf8(raw)
            .map_err(|e| {
                (
                    e.valid_up_to() + 1,
                    "the line is not UTF-8 text".to_string(),
                )
            })
            .and_then(|text| {
                Line::parse(text).map_err(|e| (e.column().max(1), describe(text, &e)))
            });
        match parsed {
            Ok(Line::Contact(r)) => push(&mut p.contacts, r, n),
            Ok(Line::Interaction(r)) => push(&mut p.interactions, r, n),
            Ok(Line::Investment(r)) => push(&mut p.investments, r, n),
            Ok(Line::Standup(r)) => push(&mut p.standups, r, n),
            Ok(other) => p.others.push((n, starts, other)),
            Err((column, message)) => {
                if nl.is_none() {
                    p.last_unreadable = true;
                } else if p.error.is_none() {
                    p.error = Some((n, column, message));
                }
            }
        }
    }
    p
}

fn push<T>(list: &mut (Vec<T>, Vec<u32>), record: T, line: u32) {
    list.0.push(record);
    list.1.push(line);
}

/// The records of one type from every piece, with their line numbers in the file, kept in the
/// pieces they were read in: each becomes a block of the store as it is, without a copy.
struct Stream<T> {
    parts: Vec<(Vec<T>, Vec<u32>)>,
}

impl<T> Default for Stream<T> {
    fn default() -> Self {
        Stream { parts: Vec::new() }
    }
}

impl<T: Clone> Stream<T> {
    /// Adds a piece's records, whose lines are numbered from `offset` + 1.
    fn extend(&mut self, (records, mut lines): (Vec<T>, Vec<u32>), offset: u32) {
        if records.is_empty() {
            return;
        }
        lines.iter_mut().for_each(|l| *l += offset);
        self.parts.push((records, lines));
    }

    fn len(&self) -> usize {
        self.parts.iter().map(|(r, _)| r.len()).sum()
    }

    fn lines(&self) -> impl Iterator<Item = u32> + '_ {
        self.parts.iter().flat_map(|(_, l)| l.iter().copied())
    }

    fn records(&self) -> impl Iterator<Item = (&T, u32)> + '_ {
        self.parts
            .iter()
            .flat_map(|(r, l)| r.iter().zip(l.iter().copied()))
    }

    /// Leaves out the records from line `from` on.
    fn cut_at(&mut self, from: u32) {
        for (records, lines) in &mut self.parts {
            let keep = lines.partition_point(|l| *l < from);
            records.truncate(keep);
            lines.truncate(keep);
        }
        self.parts.retain(|(r, _)| !r.is_empty());
    }

    /// Leaves out the records on the lines `gone` (sorted).
    fn drop_lines(&mut self, gone: &[u32]) {
        for (records, lines) in &mut self.parts {
            if lines.iter().all(|l| gone.binary_search(l).is_err()) {
                continue;
            }
            let mut flags = lines.iter().map(|l| gone.binary_search(l).is_err());
            records.retain(|_| flags.next().expect("a line number per record"));
            lines.retain(|l| gone.binary_search(l).is_err());
        }
        self.parts.retain(|(r, _)| !r.is_empty());
    }

    /// The first record after line `after`, by line.
    fn first_after(&self, after: u32) -> Option<u32> {
        self.lines().find(|l| *l > after)
    }

    fn into_blocks(self) -> Blocks<T> {
        Blocks::from_blocks(self.parts.into_iter().map(|(r, _)| r))
    }

    fn into_vec(self) -> Vec<T> {
        self.parts.into_iter().flat_map(|(r, _)| r).collect()
    }
}

/// The four kinds of record, in the order compaction writes them.
const RANKS: [&str; 4] = ["contact", "interaction", "investment", "standup"];

fn assemble(
    path: &std::path::Path,
    pieces: Vec<Parsed>,
    mut settings: Settings,
) -> Result<Folded, LoadError> {
    let syntax = |line: u32, column: usize, message: String| LoadError::Syntax {
        path: path.to_path_buf(),
        line: line as usize,
        column,
        message,
    };
    // Line numbers in the file: the header is line 1, a piece's first line `offset` + 1.
    let mut total = 1u32;
    let mut contacts = Stream::default();
    let mut interactions = Stream::default();
    let mut investments = Stream::default();
    let mut standups = Stream::default();
    let mut others: Vec<(u32, usize, Line)> = Vec::new();
    let mut errors: Vec<(u32, usize, String)> = Vec::new();
    let mut skipped: Vec<u32> = Vec::new();
    let (mut last_unreadable, mut last_line, mut len, mut ends_line) = (false, 0, 0, true);
    for p in pieces {
        let offset = total;
        total += p.lines;
        contacts.extend(p.contacts, offset);
        interactions.extend(p.interactions, offset);
        investments.extend(p.investments, offset);
        standups.extend(p.standups, offset);
        others.extend(p.others.into_iter().map(|(l, b, x)| (l + offset, b, x)));
        errors.extend(p.error.map(|(l, c, m)| (l + offset, c, m)));
        skipped.extend(p.skipped.into_iter().map(|l| l + offset));
        // A piece may hold no line (its stretch of the file is inside a longer line).
        if p.lines > 0 {
            last_unreadable = p.last_unreadable;
            last_line = p.last_line;
            ends_line = p.ends_line;
        }
        len = len.max(p.end);
    }

    // Where a write cut short begins: an unreadable last line without its line break, or the
    // last batch when the file ends before its last line.
    let complete = if last_unreadable { total - 1 } else { total };
    // The first line left out, and where it starts.
    let mut torn_from = last_unreadable.then_some((total, last_line));
    if let Some((line, at, Line::Batch(Batch { lines }))) = others
        .iter()
        .rev()
        .find(|(_, _, x)| matches!(x, Line::Batch(_)))
        && u64::from(*line) + u64::from(*lines) > u64::from(complete)
    {
        torn_from = Some((*line, *at));
    }
    let (torn_from, end) = match torn_from {
        Some((line, at)) => (Some(line), at),
        None => (None, len),
    };
    let keep_before = torn_from.unwrap_or(u32::MAX);
    if let Some((line, column, message)) = errors.into_iter().find(|(l, ..)| *l < keep_before) {
        return Err(syntax(line, column, message));
    }
    if let Some(from) = torn_from {
        others.retain(|(l, ..)| *l < from);
        skipped.retain(|l| *l < from);
        contacts.cut_at(from);
        interactions.cut_at(from);
        investments.cut_at(from);
        standups.cut_at(from);
    }

    // Compaction leaves out every line but the last version of each record, in canonical
    // order: the first line it would drop or move starts the tail.
    let mut first_moved = u32::MAX;
    for (line, _, other) in &others {
        match other {
            Line::Settings(s) => settings = s.clone(),
            Line::Deleted(d) if d.key().is_none() => {
                return Err(syntax(
                    *line,
                    1,
                    "a deleted line names either an \"id\" or a \"standup\" day".into(),
                ));
            }
            Line::Header(_) => {
                return Err(syntax(
                    *line,
                    1,
                    "a second header; the header is the first line only".into(),
                ));
            }
            _ => {}
        }
        first_moved = first_moved.min(*line);
    }
    // Which version of each record is the last, and whether a deletion comes after it.
    let gone = fold_versions(
        &others,
        (&contacts, &interactions),
        (&investments, &standups),
    )
    .map_err(|(line, rank, other, key)| {
        syntax(
            line,
            1,
            format!(
                "id {key} is already the id of the {} on line {other}; an id names one record",
                RANKS[rank as usize]
            ),
        )
    })?;
    if let Some(first) = gone.first() {
        first_moved = first_moved.min(*first);
        contacts.drop_lines(&gone);
        interactions.drop_lines(&gone);
        investments.drop_lines(&gone);
        standups.drop_lines(&gone);
    }
    // A record after one of a type that compaction writes later.
    let firsts = [
        contacts.lines().next(),
        interactions
            .lines()
            .next()
            .into_iter()
            .chain(skipped.first().copied())
            .min(),
        investments.lines().next(),
        standups.lines().next(),
    ];
    let later = |rank: usize| firsts[rank + 1..].iter().flatten().min().copied();
    if let Some(l) = later(0).and_then(|f| contacts.first_after(f)) {
        first_moved = first_moved.min(l);
    }
    if let Some(f) = later(1) {
        let skipped_after = skipped.iter().copied().find(|l| *l > f);
        for l in interactions.first_after(f).into_iter().chain(skipped_after) {
            first_moved = first_moved.min(l);
        }
    }
    if let Some(l) = later(2).and_then(|f| investments.first_after(f)) {
        first_moved = first_moved.min(l);
    }

    let lines = torn_from.map_or(total, |t| t - 1) as usize;
    let mut store = Store {
        schema: SCHEMA_VERSION,
        settings,
        contacts: contacts.into_blocks(),
        interactions: interactions.into_blocks(),
        investments: investments.into_vec(),
        standups: standups.into_vec(),
    };
    store.sort_canonical();
    Ok(Folded {
        store,
        format: super::load::Format::Lines,
        lines,
        end,
        unterminated: torn_from.is_none() && !ends_line,
        torn: torn_from.map(|t| Torn {
            line: t as usize,
            bytes: len - end,
        }),
        tail: (lines + 1).saturating_sub(first_moved as usize),
    })
}

/// The lines of records that a later line replaces or deletes, sorted; or an id on records of
/// two types: (the later line, the earlier record's type and line, the id).
fn fold_versions(
    others: &[(u32, usize, Line)],
    (first, second): (&Stream<Contact>, &Stream<Interaction>),
    (third, fourth): (&Stream<Investment>, &Stream<Standup>),
) -> Result<Vec<u32>, (u32, u8, u32, Key)> {
    // Every record's key and where it was last seen, its type in the top bits of the line: a
    // pass over every record of the store on the way to the first frame, so kept lean.
    const RANK: u32 = 30;
    let n = [first.len(), second.len(), third.len(), fourth.len()]
        .iter()
        .sum();
    let mut last: FxMap<Key, u32> = FxMap::default();
    last.reserve(n);
    let mut gone: Vec<u32> = Vec::new();
    let mut clash: Option<(u32, u8, u32, Key)> = None;
    let mut note = |key: Key, rank: u8, line: u32| {
        let tagged = line | (u32::from(rank) << RANK);
        if let Some(other) = last.insert(key, tagged) {
            let (r, other) = ((other >> RANK) as u8, other & ((1 << RANK) - 1));
            if r == rank {
                gone.push(other.min(line));
            } else {
                let (first, later) = if other < line {
                    ((r, other), line)
                } else {
                    ((rank, line), other)
                };
                if clash.is_none_or(|(l, ..)| later < l) {
                    clash = Some((later, first.0, first.1, key));
                }
            }
        }
    };
    note_all(first, 0, &mut note);
    note_all(second, 1, &mut note);
    note_all(third, 2, &mut note);
    note_all(fourth, 3, &mut note);
    if let Some(c) = clash {
        return Err(c);
    }
    // A record whose last version comes before a deletion of it is gone.
    for (at, _, other) in others {
        if let Line::Deleted(d) = other
            && let Some(key) = d.key()
            && let Some(line) = last.get(&key).map(|t| t & ((1 << RANK) - 1))
            && line < *at
        {
            gone.push(line);
        }
    }
    gone.sort_unstable();
    gone.dedup();
    Ok(gone)
}

fn note_all<T: Record>(s: &Stream<T>, rank: u8, note: &mut impl FnMut(Key, u8, u32)) {
    for (r, l) in s.records() {
        note(r.key(), rank, l);
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// serde_json's message for a line, prefixed with the record type and field it is about
/// (`interaction.nps: invalid value ...`), found by reading the line again with path tracking.
fn describe(text: &str, e: &serde_json::Error) -> String {
    let msg = strip_position(e);
    if e.classify() == serde_json::error::Category::Eof {
        return format!("{msg}: the line ends early");
    }
    let t = text.trim_start();
    if t.starts_with("//") || t.starts_with("/*") || t.starts_with('#') {
        return "a comment, which JSON does not have: remove the line (a note belongs in \
                a record's `note`)"
            .into();
    }
    let ty = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_string));
    let de = &mut serde_json::Deserializer::from_str(text);
    let field = match serde_path_to_error::deserialize::<_, Line>(de) {
        Err(e) => {
            let p = e.path().to_string();
            let p = p.split(".?").next().unwrap_or_default().to_string();
            (!p.is_empty() && p != "." && p != "?").then_some(p)
        }
        Ok(_) => None,
    };
    match (ty, field) {
        (Some(t), Some(f)) => format!("{}.{f}: {msg}", crate::sanitize::line(&t)),
        _ => msg,
    }
}

/// Lines another program appended, as [`tail`] read them.
#[derive(Debug)]
pub struct Tail {
    /// The changes, in order (batch lines left out).
    pub lines: Vec<Line>,
    /// Bytes taken: the lines read end here.
    pub end: usize,
    /// Lines taken (blank ones and batch lines included).
    pub count: usize,
    /// The last line taken has no line break after it.
    pub unterminated: bool,
}

/// Reads the lines appended to a store file since it was last read: `bytes` start at the end of
/// the lines read, on line `first_line`, right after a line without its line break when
/// `after_unterminated`. Only whole changes are taken: a batch whose lines are not all there
/// yet, and a last line without its line break, wait for the rest, unless `settled` (the write
/// lock is held, so nothing more is coming), when a last line that reads is taken and what
/// does not read is a write cut short, left out.
pub fn tail(
    path: &std::path::Path,
    bytes: &[u8],
    first_line: usize,
    after_unterminated: bool,
    settled: bool,
) -> Result<Tail, LoadError> {
    let mut out = Tail {
        lines: Vec::new(),
        end: 0,
        count: 0,
        unterminated: false,
    };
    let mut at = 0;
    if after_unterminated && bytes.first() == Some(&b'\n') {
        at = 1;
        out.end = 1;
    }
    // Lines read but not taken yet: those of a batch still waiting for its last line.
    let mut pending: Vec<Line> = Vec::new();
    let mut waiting = 0u32;
    let mut pending_count = 0;
    let mut n = first_line;
    while at < bytes.len() {
        let nl = memchr::memchr(b'\n', &bytes[at..]).map(|i| at + i);
        if nl.is_none() && !settled {
            break;
        }
        let raw = &bytes[at..nl.unwrap_or(bytes.len())];
        let next = nl.map_or(bytes.len(), |i| i + 1);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line_no = n;
        n += 1;
        let parsed = if raw.iter().all(u8::is_ascii_whitespace) {
            None
        } else {
            let read = std::str::from_utf8(raw)
                .map_err(|e| {
                    (
                        e.valid_up_to() + 1,
                        "the line is not UTF-8 text".to_string(),
                    )
                })
                .and_then(|t| Line::parse(t).map_err(|e| (e.column().max(1), describe(t, &e))));
            match read {
                Ok(line) => Some(line),
                // The unfinished last line of a write cut short.
                Err(_) if nl.is_none() => break,
                Err((column, message)) => {
                    return Err(LoadError::Syntax {
                        path: path.to_path_buf(),
                        line: line_no,
                        column,
                        message,
                    });
                }
            }
        };
        at = next;
        pending_count += 1;
        match parsed {
            Some(Line::Batch(b)) if waiting == 0 => waiting = b.lines,
            Some(Line::Header(_)) => {
                return Err(LoadError::Syntax {
                    path: path.to_path_buf(),
                    line: line_no,
                    column: 1,
                    message: "a second header; the header is the first line only".into(),
                });
            }
            Some(line) => {
                pending.push(line);
                waiting = waiting.saturating_sub(1);
            }
            None => {}
        }
        if waiting == 0 {
            out.lines.append(&mut pending);
            out.count += pending_count;
            pending_count = 0;
            out.end = at;
            out.unterminated = nl.is_none();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::write::to_store_json;
    use crate::store::{Contact, Interaction, Kind, Moment};
    use std::path::Path;

    fn sample() -> Store {
        let mut s = Store::default();
        let mut ada = Contact::new("Ada", "2026-01-02".parse().unwrap());
        ada.id = "01940000-0000-7000-8000-000000000001".parse().unwrap();
        let mut x = Interaction::new(
            ada.id,
            Moment::parse("2026-01-03").unwrap(),
            "email",
            Kind::Message,
        );
        x.id = "01940000-0000-7000-8000-000000000002".parse().unwrap();
        s.contacts.push(ada);
        s.interactions.push(x);
        s
    }

    fn lines(ls: &[Line]) -> Vec<u8> {
        let mut out = Vec::new();
        for l in ls {
            l.write(&mut out);
        }
        out
    }

    fn read(bytes: &[u8]) -> Result<Folded, LoadError> {
        fold(Path::new("s.json"), bytes, Take::Everything)
    }

    #[test]
    fn a_compacted_file_has_no_tail_and_reads_as_written() {
        let s = sample();
        let text = to_store_json(&s);
        let f = read(&text).unwrap();
        assert_eq!(f.store, s);
        assert_eq!((f.lines, f.tail, f.end, f.torn), (3, 0, text.len(), None));
    }

    #[test]
    fn later_lines_replace_and_delete_earlier_ones() {
        let s = sample();
        let mut text = to_store_json(&s);
        let mut x = s.interactions[0].clone();
        x.note = "changed".into();
        let key = s.contacts[0].key();
        let mut bob = Contact::new("Bob", "2026-01-04".parse().unwrap());
        bob.id = "01940000-0000-7000-8000-000000000003".parse().unwrap();
        text.extend(lines(&[
            Line::Interaction(x.clone()),
            Line::Contact(bob.clone()),
            Line::Deleted(super::super::line::Deleted::of(bob.key(), None)),
        ]));
        let f = read(&text).unwrap();
        assert_eq!(f.store.interactions[0].note, "changed");
        assert_eq!(f.store.contacts.len(), 1);
        assert_eq!(f.store.contacts[0].key(), key);
        // The superseded interaction on line 3 starts the tail: lines 3 to 6.
        assert_eq!((f.lines, f.tail), (6, 4));
        // A record added back after its deletion is there.
        text.extend(lines(&[Line::Contact(bob)]));
        assert_eq!(read(&text).unwrap().store.contacts.len(), 2);
    }

    #[test]
    fn a_write_cut_short_is_left_out_and_anything_else_is_an_error() {
        let s = sample();
        let text = to_store_json(&s);
        let mut x = s.interactions[0].clone();
        x.note = "second".into();
        let change = lines(&[
            Line::Batch(Batch { lines: 2 }),
            Line::Interaction(x.clone()),
            Line::Contact(s.contacts[0].clone()),
        ]);
        // Every cut inside the change leaves it out whole...
        for cut in 1..change.len() - 1 {
            let mut t = text.clone();
            t.extend(&change[..cut]);
            let f = read(&t).unwrap();
            assert_eq!(f.store, s, "cut at {cut}");
            assert_eq!(f.end, text.len(), "cut at {cut}");
            assert_eq!(f.torn.map(|t| t.line), Some(4), "cut at {cut}");
        }
        // ...but one that only misses the last line break: every line of it reads.
        let mut whole = text.clone();
        whole.extend(&change[..change.len() - 1]);
        assert_eq!(read(&whole).unwrap().store.interactions[0].note, "second");
        let mut whole = text.clone();
        whole.extend(&change);
        assert_eq!(read(&whole).unwrap().store.interactions[0].note, "second");
        // A broken line followed by another is not a cut: it is named.
        let mut bad = text.clone();
        bad.extend(b"{\"type\": \"interaction\", \"id\": 7}\n");
        bad.extend(lines(&[Line::Contact(s.contacts[0].clone())]));
        let e = read(&bad).unwrap_err().to_string();
        assert!(e.starts_with("s.json:4:"), "{e}");
        assert!(e.contains("interaction.id"), "{e}");
    }

    #[test]
    fn an_id_on_two_kinds_of_record_is_refused_naming_both_lines() {
        let s = sample();
        let mut text = to_store_json(&s);
        let mut x = s.interactions[0].clone();
        x.id = s.contacts[0].id;
        x.at = Moment::parse("2026-01-05").unwrap();
        text.extend(lines(&[Line::Interaction(x)]));
        let e = read(&text).unwrap_err().to_string();
        assert!(
            e.contains(":4:1: id 01940000-0000-7000-8000-000000000001 is already the id of the contact on line 2"),
            "{e}"
        );
    }

    #[test]
    fn the_tail_is_read_a_whole_change_at_a_time() {
        let s = sample();
        let mut x = s.interactions[0].clone();
        x.note = "n".into();
        let change = lines(&[
            Line::Batch(Batch { lines: 2 }),
            Line::Interaction(x.clone()),
            Line::Contact(s.contacts[0].clone()),
        ]);
        let p = Path::new("s.json");
        for cut in 0..change.len() {
            let t = tail(p, &change[..cut], 4, false, false).unwrap();
            assert!(t.lines.is_empty() && t.end == 0, "cut at {cut}");
        }
        let t = tail(p, &change, 4, false, false).unwrap();
        assert_eq!((t.lines.len(), t.count, t.end), (2, 3, change.len()));
        // A last line without its break waits, unless nothing more is coming.
        let single = lines(&[Line::Interaction(x)]);
        let open = &single[..single.len() - 1];
        assert_eq!(tail(p, open, 4, false, false).unwrap().end, 0);
        let t = tail(p, open, 4, false, true).unwrap();
        assert_eq!((t.lines.len(), t.unterminated), (1, true));
        // Its line break, when it comes, is not a line of its own.
        let t = tail(p, b"\n", 5, true, false).unwrap();
        assert_eq!((t.count, t.end), (0, 1));
    }
}
