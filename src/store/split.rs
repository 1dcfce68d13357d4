//! Reading a large store on every core. A store is mostly its `interactions` array, so that array
//! is cut at record boundaries into pieces, which the cores parse side by side, each taking the
//! next piece as it finishes one; the contacts that come before the array are one more such job,
//! read record by record as the interactions are (see `record`). Settings, investments and
//! standups are then parsed as a store whose two lists are `[]`. A large file is mapped, not
//! read (see [`read_all`]).
//!
//! This is only ever a faster route to the same result as parsing the file in one go: whenever
//! the file does not have the expected shape, or any piece fails, [`parse`] returns `None` and
//! the caller parses the whole text the ordinary way, which also gives the exact error message.
//!
//! Why a cut is safe: a JSON string cannot hold a raw line break, so a `,` and a `{` with a line
//! break between them lie outside every string. Inside the interactions array the only place a
//! `,` is followed by an object is between two records (a record's nested objects follow a
//! `:`), and each piece must parse as whole records ending exactly at the next cut, so a cut in
//! the wrong place makes its piece fail rather than parse differently. The other parts are
//! checked the same way: the rest of the file must parse as a store, and every byte of the file
//! belongs to a part, each checked as UTF-8 by whoever parses it.

use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use serde::Deserialize;

use super::Blocks;
use super::model::{Contact, Interaction, Store};

/// Below this size one core reads and parses a store faster than starting threads would save.
const PARALLEL_FROM: usize = 4 << 20;
/// Files this size and larger are mapped rather than read (see [`read_all`]); for a smaller
/// one, mapping's system calls and page-table set-up cost about what the copy saves.
const MAP_FROM: usize = 4 << 20;
/// About how many bytes of interactions make a piece (see [`parse_in`]): at 100k interactions,
/// twenty-seven pieces of a millisecond or two each. The smaller the pieces, the less one core
/// waits for the other to finish its last one: with pieces of 2 MB, the parse took 39.0 ms
/// instead of 37.1 (median of 41 alternating).
const PIECE: usize = 1 << 20;
/// More pieces than this would only add their overheads.
const MAX_PIECES: usize = 256;
/// How far past its target a cut may be looked for before giving up on splitting.
const CUT_SEARCH: usize = 1 << 20;

/// A store file's bytes: mapped when the file is large, read when it is small.
pub(super) enum Bytes {
    Read(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Read(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// Reads `file` (of `len` bytes) whole. A large file is mapped rather than read: its pages are
/// the ones already in the page cache, so nothing is copied and no fresh memory has to be
/// faulted in and zeroed (at 100k interactions that was a third of the load's CPU time).
///
/// The map is read-only and lives only while the store is loaded. The file is never written in
/// place by ror-tui (a save writes a new file and renames it over), so a store replaced by a
/// save while we read is still read as the one version we opened. A program that truncated
/// the file in place during those milliseconds would end the process with SIGBUS; no data can
/// be lost that way, as nothing is being written.
pub(super) fn read_all(mut file: File, len: u64) -> io::Result<Bytes> {
    let len = usize::try_from(len).map_err(io::Error::other)?;
    if len >= MAP_FROM {
        // SAFETY: see above; the bytes are only read, and only while this map is alive.
        if let Ok(map) = unsafe { memmap2::MmapOptions::new().populate().map(&file) } {
            return Ok(Bytes::Mapped(map));
        }
    }
    // Small files, and filesystems that cannot map.
    let mut bytes = Vec::with_capacity(len + 1);
    file.read_to_end(&mut bytes)?;
    Ok(Bytes::Read(bytes))
}

/// Parses store text on several cores; `None` when it cannot (see the module comment) and the
/// text must be parsed in one go.
pub(super) fn parse(bytes: &[u8]) -> Option<Store> {
    let threads = crate::cores();
    if bytes.len() < PARALLEL_FROM || threads < 2 {
        return None;
    }
    let pieces = (bytes.len() / PIECE).clamp(2 * threads, MAX_PIECES);
    parse_in(bytes, pieces, threads)
}

/// [`parse`] with the interactions cut into `pieces`, parsed by `threads` threads.
///
/// The work is handed out a job at a time, each thread taking the next as it finishes one: first
/// the contacts (the largest job), then the pieces in order. With one fixed piece per core, the
/// load waited for the slower core, and a core that other work slowed down, or that had the
/// contacts too, finished up to 15 ms after the other at 100k interactions.
fn parse_in(bytes: &[u8], pieces: usize, threads: usize) -> Option<Store> {
    let open = interactions_array(bytes)?;
    // Pieces of about the same size, assuming the array runs to the end of the file, as it
    // nearly does in a large store; when the array is shorter, the cuts are looked for again
    // in half the span. Pieces that start past the array are ignored (see below).
    let mut span = bytes.len() - open;
    let mut cuts = vec![open + 1];
    while cuts.len() < 2 && span >= 2 * pieces {
        for k in 1..pieces {
            let prev = *cuts.last()?;
            match next_cut(bytes, (open + k * span / pieces).max(prev + 1)) {
                Some(c) => cuts.push(c),
                None => break,
            }
        }
        span /= 2;
    }
    if cuts.len() < 2 {
        return None;
    }
    // Job 0 reads the contacts, job `k` the records from `cuts[k - 1]` to the next cut.
    let jobs = cuts.len() + 1;
    let next = AtomicUsize::new(0);
    let run = |job: usize| match job {
        0 => Done::Contacts(leading_contacts(bytes, open)),
        k => Done::Piece(records(bytes, cuts[k - 1], cuts.get(k).copied())),
    };
    let take_jobs = || {
        let mut done = Vec::new();
        loop {
            let job = next.fetch_add(1, Ordering::Relaxed);
            if job >= jobs {
                return done;
            }
            done.push((job, run(job)));
        }
    };
    let mut done: Vec<(usize, Done)> = thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(take_jobs)).collect();
        let mut done = take_jobs();
        for h in helpers {
            done.extend(h.join().ok()?);
        }
        Some(done)
    })?;
    done.sort_unstable_by_key(|(job, _)| *job);
    let mut done = done.into_iter().map(|(_, d)| d);
    let Some(Done::Contacts(lead)) = done.next() else {
        return None;
    };
    let lead = lead?;
    // The pieces up to the one that meets the `]` closing the array (the last, unless the array
    // ended before a cut) must all have been read; later ones started past the array.
    let mut interactions = Blocks::new();
    let mut close = None;
    for d in done {
        let Done::Piece(piece) = d else { return None };
        let piece = piece?;
        interactions.append(piece.records);
        if piece.closed {
            close = Some(piece.end);
            break;
        }
    }
    let mut store = rest_of_store(bytes, open, close?, lead)?;
    if !store.interactions.is_empty() {
        return None;
    }
    store.interactions = interactions;
    Some(store)
}

/// What a job of [`parse_in`] read; `None` inside when its text must be parsed in one go.
enum Done {
    Contacts(Option<Option<Contacts>>),
    Piece(Option<Piece>),
}

struct Piece {
    records: Blocks<Interaction>,
    /// Whether the piece ends with the `]` that closes the array.
    closed: bool,
    /// Where the piece ends: its cut, or just past the `]`.
    end: usize,
}

/// The contacts array that comes before the interactions, as a large store has it.
struct Contacts {
    records: Blocks<Contact>,
    /// Where the array opens (its `[`) and where it ends (just past its `]`).
    from: usize,
    end: usize,
}

/// Where the top-level `"interactions": [` opens: the position of its `[`.
fn interactions_array(bytes: &[u8]) -> Option<usize> {
    array(bytes, b"\"interactions\"")
}

/// Where the array under `key` (a field name with its quotes) opens: the position of its `[`.
/// The key must start its line, which puts it outside any string.
fn array(bytes: &[u8], key: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + memchr::memmem::find(&bytes[from..], key)?;
        from = at + key.len();
        let before = &bytes[..at];
        let indent = before
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t'))
            .map(|i| before[i]);
        if indent != Some(b'\n') && indent != Some(b'\r') {
            continue;
        }
        let mut i = skip_ws(bytes, from);
        if bytes.get(i) != Some(&b':') {
            continue;
        }
        i = skip_ws(bytes, i + 1);
        return (bytes.get(i) == Some(&b'[')).then_some(i);
    }
}

/// The first record start at or after `target`: a `{` preceded by a `,` with a line break
/// between them.
fn next_cut(bytes: &[u8], target: usize) -> Option<usize> {
    let limit = (target + CUT_SEARCH).min(bytes.len());
    let mut i = target;
    while i < limit {
        let nl = i + memchr::memchr(b'\n', &bytes[i..limit])?;
        let comma = bytes[..nl]
            .iter()
            .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r'))
            .map(|p| bytes[p]);
        let brace = skip_ws(bytes, nl);
        if comma == Some(b',') && bytes.get(brace) == Some(&b'{') {
            return Some(brace);
        }
        i = nl + 1;
    }
    None
}

/// Parses the records from `start` up to the cut `end` (or the end of the text), stopping early
/// at the `]` that closes the array.
fn records(bytes: &[u8], start: usize, end: Option<usize>) -> Option<Piece> {
    let stop = end.unwrap_or(bytes.len());
    let text = std::str::from_utf8(&bytes[start..stop]).ok()?;
    let b = text.as_bytes();
    let mut out = Blocks::new();
    let mut channels = super::record::Channels::default();
    let closed = |records, at: usize| Piece {
        records,
        closed: true,
        end: start + at + 1,
    };
    let mut at = skip_ws(b, 0);
    // An empty array: only possible for the first piece.
    if b.get(at) == Some(&b']') {
        return Some(closed(out, at));
    }
    loop {
        // Nearly every record is read directly, its channel normalised as it is read; serde_json
        // reads the rest (see `record`), whose channels are normalised after.
        let (record, next) = next_record(
            text,
            at,
            |text, at| super::record::interaction(text, at, &mut channels),
            Interaction::normalise_channel,
        )?;
        out.push(record);
        at = skip_ws(b, next);
        match b.get(at) {
            Some(b',') => {
                at = skip_ws(b, at + 1);
                if Some(start + at) == end {
                    return Some(Piece {
                        records: out,
                        closed: false,
                        end: stop,
                    });
                }
            }
            Some(b']') => return Some(closed(out, at)),
            _ => return None,
        }
    }
}

/// The contacts array before the interactions (`[`, at `open`), read record by record as the
/// interactions are: `Some(None)` when the contacts come later in the file (they are then read
/// with the rest of the store), `None` when they must be parsed in one go.
fn leading_contacts(bytes: &[u8], open: usize) -> Option<Option<Contacts>> {
    let before = std::str::from_utf8(&bytes[..open]).ok()?;
    let Some(from) = array(before.as_bytes(), b"\"contacts\"") else {
        return Some(None);
    };
    let (records, end) = contacts(before, from + 1)?;
    Some(Some(Contacts { records, from, end }))
}

/// The store around the interactions array (`open` is its `[`, `close` just past its `]`),
/// parsed by serde_json with `[]` in its place and in the place of the contacts already read
/// (`lead`): settings, investments and standups.
fn rest_of_store(bytes: &[u8], open: usize, close: usize, lead: Option<Contacts>) -> Option<Store> {
    let before = std::str::from_utf8(&bytes[..open]).ok()?;
    let after = std::str::from_utf8(&bytes[close..]).ok()?;
    let mut text = String::with_capacity(before.len() + after.len() + 4);
    match &lead {
        Some(c) => {
            text.push_str(&before[..c.from]);
            text.push_str("[]");
            text.push_str(&before[c.end..]);
        }
        None => text.push_str(before),
    }
    text.push_str("[]");
    text.push_str(after);
    let mut de = serde_json::Deserializer::from_str(&text);
    let mut store = Store::deserialize(&mut de).ok()?;
    de.end().ok()?;
    if let Some(c) = lead {
        // The array cut out must have been the store's only list of contacts.
        if !store.contacts.is_empty() {
            return None;
        }
        store.contacts = c.records;
    }
    Some(store)
}

/// The contacts from `text[start..]` (just inside their array's `[`) to the `]` that closes it,
/// and where that `]` ends.
fn contacts(text: &str, start: usize) -> Option<(Blocks<Contact>, usize)> {
    let b = text.as_bytes();
    let mut out = Blocks::new();
    let mut at = skip_ws(b, start);
    if b.get(at) == Some(&b']') {
        return Some((out, at + 1));
    }
    loop {
        let (record, next) = next_record(text, at, super::record::contact, |_| {})?;
        out.push(record);
        at = skip_ws(b, next);
        match b.get(at) {
            Some(b',') => at = skip_ws(b, at + 1),
            Some(b']') => return Some((out, at + 1)),
            _ => return None,
        }
    }
}

/// The record at `text[at]` (its `{`) and where it ends: read directly by `direct` when it can,
/// else by serde_json (see `record`) and then made what `direct` would have read by `loaded`.
fn next_record<'t, T: serde::de::DeserializeOwned>(
    text: &'t str,
    at: usize,
    mut direct: impl FnMut(&'t str, usize) -> Option<(T, usize)>,
    loaded: impl FnOnce(&mut T),
) -> Option<(T, usize)> {
    if text.as_bytes().get(at) != Some(&b'{') {
        return None;
    }
    if let Some(read) = direct(text, at) {
        return Some(read);
    }
    let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<T>();
    let mut record = stream.next()?.ok()?;
    loaded(&mut record);
    Some((record, at + stream.byte_offset()))
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};
    use crate::store::to_store_json;
    use proptest::prelude::*;

    /// The store read in one go, as the ordinary route reads it (channels normalised).
    fn sequential(bytes: &[u8]) -> Option<Store> {
        let mut store: Store = serde_json::from_slice(bytes).ok()?;
        store
            .interactions
            .iter_mut()
            .for_each(Interaction::normalise_channel);
        Some(store)
    }

    fn generated() -> String {
        String::from_utf8(to_store_json(&generate(&GenSpec::scale(40, 400)))).unwrap()
    }

    #[test]
    fn pieces_put_together_are_the_store_read_in_one_go() {
        let text = generated();
        let whole = sequential(text.as_bytes()).unwrap();
        assert_eq!(whole.interactions.len(), 400);
        for pieces in 2..=8 {
            for threads in 1..=3 {
                let split = parse_in(text.as_bytes(), pieces, threads)
                    .expect("a store in its file layout splits");
                assert_eq!(split, whole, "{pieces} pieces on {threads} threads");
            }
        }
    }

    #[test]
    fn keys_in_any_order_and_tricky_notes_split_the_same() {
        let mut store = generate(&GenSpec::scale(10, 60));
        // Notes holding what the cutter looks for, and an escaped line break.
        store.interactions[5].note = "x },\n  { \"interactions\": [ ".into();
        store.interactions[30].note = "\"interactions\":[{}]\n,\n{".into();
        let pretty = String::from_utf8(to_store_json(&store)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&pretty).unwrap();
        // Interactions first, then the rest, with tabs for indentation.
        let obj = v.as_object().unwrap();
        let mut reordered = String::from("{\n\t\"interactions\": ");
        reordered += &serde_json::to_string_pretty(&obj["interactions"]).unwrap();
        for (k, val) in obj.iter().filter(|(k, _)| *k != "interactions") {
            let val = serde_json::to_string_pretty(val).unwrap();
            reordered += &format!(",\n\t{}: {val}", serde_json::to_string(k).unwrap());
        }
        reordered += "\n}\n";
        for text in [pretty, reordered] {
            let whole = sequential(text.as_bytes()).unwrap();
            assert_eq!(whole, store);
            for n in 2..=5 {
                assert_eq!(
                    parse_in(text.as_bytes(), n, 2).as_ref(),
                    Some(&whole),
                    "{n} {}",
                    &text[..40]
                );
            }
        }
    }

    #[test]
    fn a_large_file_is_mapped_and_a_small_one_read_with_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let big: Vec<u8> = (0..MAP_FROM + 4097).map(|i| (i * 7 % 251) as u8).collect();
        for (len, mapped) in [(big.len(), true), (1000, false), (0, false)] {
            let path = dir.path().join(format!("{len}.json"));
            std::fs::write(&path, &big[..len]).unwrap();
            let bytes = read_all(File::open(&path).unwrap(), len as u64).unwrap();
            assert_eq!(matches!(bytes, Bytes::Mapped(_)), mapped, "{len} bytes");
            assert_eq!(&bytes[..], &big[..len], "{len} bytes");
        }
    }

    /// Read directly or left to serde_json (record 30, for the escapes in its note), a record's
    /// channel comes out in its normal spelling.
    #[test]
    fn channels_come_out_of_the_pieces_in_their_normal_spelling() {
        let mut store = generate(&GenSpec::scale(10, 60));
        store.interactions[3].channel = " LinkedIn".into();
        store.interactions[30].channel = "LinkedIn".into();
        store.interactions[30].note = "a \"quoted\" word".into();
        store.interactions[50].channel = "Café Talk".into();
        let text = to_store_json(&store);
        let split = parse_in(&text, 3, 2).expect("a store in its file layout splits");
        let whole = crate::store::parse_store(std::path::Path::new("s.json"), &text).unwrap();
        // The ordinary route agrees.
        for read in [&split, &whole] {
            assert_eq!(read.interactions[3].channel, "linkedin");
            assert_eq!(read.interactions[30].channel, "linkedin");
            assert_eq!(read.interactions[50].channel, "café talk");
        }
    }

    #[test]
    fn text_it_cannot_cut_is_left_to_the_ordinary_parser() {
        let store = generate(&GenSpec::scale(10, 60));
        let minified = serde_json::to_string(&store).unwrap();
        assert_eq!(parse_in(minified.as_bytes(), 4, 2), None);
        let pretty = String::from_utf8(to_store_json(&store)).unwrap();
        // A second interactions key: the ordinary parser refuses it, and so must the pieces.
        let twice = pretty.replacen("{\n", "{\n  \"interactions\": [],\n", 1);
        assert!(sequential(twice.as_bytes()).is_none());
        assert_eq!(parse_in(twice.as_bytes(), 4, 2), None);
        // A record broken in the middle of the array.
        let mid = pretty.len() / 2;
        let at = mid + pretty[mid..].find("\"kind\"").unwrap();
        let broken = format!("{}\"kynd\"{}", &pretty[..at], &pretty[at + 6..]);
        assert!(sequential(broken.as_bytes()).is_none());
        assert_eq!(parse_in(broken.as_bytes(), 3, 2), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
        ))]
        /// Whatever the damage, the pieces never accept text the ordinary parser refuses, nor
        /// read it differently.
        #[test]
        fn pieces_never_disagree_with_the_ordinary_parser(
            edits in prop::collection::vec(
                (0.0f64..1.0, prop::sample::select(vec![
                    &b","[..], b"{", b"}", b"[", b"]", b"\"", b"\\", b"\n", b",\n{",
                    b"},\n  {", b" ", b"", b"\"interactions\": [", b"\xc3", b"1e999", b"null",
                ]), 0usize..4),
                1..4,
            ),
            n in 2usize..12,
        ) {
            let text = generated();
            let mut bytes = text.into_bytes();
            for (at, put, cut) in edits {
                let i = ((bytes.len() as f64) * at) as usize;
                let end = (i + cut).min(bytes.len());
                bytes.splice(i..end, put.iter().copied());
            }
            if let Some(split) = parse_in(&bytes, n, 2) {
                prop_assert_eq!(Some(split), sequential(&bytes));
            }
        }
    }
}
