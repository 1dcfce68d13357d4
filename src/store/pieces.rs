//! A store file's text handed out a piece of whole lines at a time: from memory, or read from
//! the file as the pieces are asked for. Read this way, a large store never sits in memory
//! whole, and the cores read and parse side by side: each claims the next stretch of about 1 MB
//! of the file, reads it (without waiting for the others), and parses the lines that start in
//! it, the last one read on past the stretch's end.

use std::fs::File;
use std::io;
use std::ops::Deref;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// About how many bytes a piece holds; a store of 100k interactions is some thirty pieces, so
/// both cores stay busy to the end.
pub const PIECE: usize = 1 << 20;

/// One piece: whole lines (the last piece may end without a line break), where it starts in
/// the file, and its place in the order of pieces.
pub struct Piece<'a> {
    pub index: usize,
    pub offset: usize,
    text: Text<'a>,
}

enum Text<'a> {
    Borrowed(&'a [u8]),
    /// Read from the file: the lines are `buf[from..to]` (a buffer keeps its length from one
    /// piece to the next, so that it is not cleared to zeros before every read).
    Owned {
        buf: Vec<u8>,
        from: usize,
        to: usize,
    },
}

impl Deref for Piece<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.text {
            Text::Borrowed(b) => b,
            Text::Owned { buf, from, to } => &buf[*from..*to],
        }
    }
}

pub struct Pieces<'a> {
    source: Source<'a>,
    /// Where the text starts (past a byte-order mark, or a header already read).
    start: usize,
    next: AtomicUsize,
    /// Buffers given back, for the next pieces read from the file.
    spare: Mutex<Vec<Vec<u8>>>,
}

enum Source<'a> {
    Memory(&'a [u8]),
    File { file: &'a File, len: usize },
}

impl<'a> Pieces<'a> {
    /// The text `body`, from `start` on.
    pub fn of_bytes(body: &'a [u8], start: usize) -> Pieces<'a> {
        Pieces::new(Source::Memory(body), start)
    }

    /// The file's text from `start` on (`len` bytes in all), read through `file` as the pieces
    /// are asked for.
    pub fn of_file(file: &'a File, len: usize, start: usize) -> Pieces<'a> {
        Pieces::new(Source::File { file, len }, start)
    }

    fn new(source: Source<'a>, start: usize) -> Pieces<'a> {
        Pieces {
            source,
            start,
            next: AtomicUsize::new(0),
            spare: Mutex::new(Vec::new()),
        }
    }

    fn len(&self) -> usize {
        match self.source {
            Source::Memory(b) => b.len(),
            Source::File { len, .. } => len,
        }
    }

    /// The next piece not yet handed out, `None` past the end of the text. A piece holds the
    /// lines that start in its stretch, so it may be empty (one line longer than a stretch).
    pub fn next(&self) -> io::Result<Option<Piece<'a>>> {
        let len = self.len();
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        let from = self.start + index * PIECE;
        if from >= len {
            return Ok(None);
        }
        let to = (from + PIECE).min(len);
        match self.source {
            Source::Memory(body) => {
                let first = line_at_or_after(body, from, self.start);
                let end = end_of_line_from(body, to);
                let (first, end) = if first >= to {
                    (from, from)
                } else {
                    (first, end)
                };
                Ok(Some(Piece {
                    index,
                    offset: first,
                    text: Text::Borrowed(&body[first..end]),
                }))
            }
            Source::File { file, len } => {
                // From the byte before the stretch (to know whether a line starts at it), to a
                // little past its end (the end of its last line), more when that is not enough.
                let at = if from > self.start { from - 1 } else { from };
                let mut buf = self.spare_buffer();
                let mut filled = 0;
                let mut want = (to - at + 4096).min(len - at);
                loop {
                    if buf.len() < want {
                        buf.resize(want, 0);
                    }
                    let n =
                        super::file::read_at(file, &mut buf[filled..want], (at + filled) as u64)?;
                    filled += n;
                    if n == 0
                        || at + filled >= len
                        || memchr::memchr(b'\n', &buf[(to - at).min(filled)..filled]).is_some()
                    {
                        break;
                    }
                    // A line longer than what was read: read on.
                    want = (filled + PIECE).min(len - at);
                }
                let text = &buf[..filled];
                let local_start = self.start.saturating_sub(at).min(filled);
                let first = line_at_or_after(text, from - at, local_start);
                let end = end_of_line_from(text, (to - at).min(filled));
                let (first, end) = if first + at >= to {
                    (from - at, from - at)
                } else {
                    (first, end)
                };
                Ok(Some(Piece {
                    index,
                    offset: at + first,
                    text: Text::Owned {
                        buf,
                        from: first,
                        to: end,
                    },
                }))
            }
        }
    }

    /// Gives a piece's buffer back, for a later piece.
    pub fn give_back(&self, piece: Piece<'a>) {
        if let Text::Owned { buf, .. } = piece.text {
            let mut spare = self.spare.lock().unwrap_or_else(|p| p.into_inner());
            if spare.len() < 4 {
                spare.push(buf);
            }
        }
    }

    fn spare_buffer(&self) -> Vec<u8> {
        self.spare
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(PIECE + 8192))
    }
}

/// Where the first line that starts at or after `at` starts: at `at` itself when a line
/// ends just before it (or the text starts there, at `start`).
fn line_at_or_after(text: &[u8], at: usize, start: usize) -> usize {
    if at <= start || text.get(at - 1) == Some(&b'\n') {
        return at;
    }
    memchr::memchr(b'\n', &text[at.min(text.len())..]).map_or(text.len(), |i| at + i + 1)
}

/// Where the line under way at `at` ends (just past its line break), or the end of the text.
fn end_of_line_from(text: &[u8], at: usize) -> usize {
    if at == 0 || at >= text.len() || text[at - 1] == b'\n' {
        return at.min(text.len());
    }
    memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece, in order, with where each starts.
    fn all(p: &Pieces, start: usize) -> (Vec<u8>, Vec<usize>) {
        let mut pieces = Vec::new();
        while let Some(piece) = p.next().unwrap() {
            pieces.push((piece.index, piece.offset, piece.to_vec()));
            p.give_back(piece);
        }
        pieces.sort_by_key(|(k, ..)| *k);
        let mut text = Vec::new();
        let mut offsets = Vec::new();
        for (_, offset, piece) in pieces {
            if piece.is_empty() {
                continue;
            }
            assert_eq!(offset, start + text.len(), "pieces follow on");
            offsets.push(offset);
            text.extend(piece);
        }
        (text, offsets)
    }

    /// From memory or from the file, the pieces are whole lines that together are the text,
    /// whatever the lengths of the lines (one longer than a piece too), and every piece but
    /// the last ends with a line break.
    #[test]
    fn pieces_from_memory_and_from_the_file_are_the_same_whole_lines() {
        let mut body = b"abc\n".to_vec();
        for k in 0..40_000usize {
            body.extend(format!("line {k} {}\n", "x".repeat(k % 97)).as_bytes());
        }
        body.extend(vec![b'y'; 3 * PIECE]);
        body.extend(b"\nshort\n");
        body.extend(b"last without a break");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        std::fs::write(&path, &body).unwrap();
        let file = File::open(&path).unwrap();
        for start in [0, 2, 4] {
            let (a, sa) = all(&Pieces::of_bytes(&body, start), start);
            let (b, sb) = all(&Pieces::of_file(&file, body.len(), start), start);
            assert!(a == body[start..], "from memory, from {start}");
            assert!(b == body[start..], "from the file, from {start}");
            assert_eq!(sa, sb);
            assert!(sa.len() > 3);
            for s in &sa[1..] {
                assert_eq!(body[s - 1], b'\n', "a piece starts a line");
            }
        }
    }
}
