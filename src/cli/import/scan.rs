//! What the CSV reader does not tell: which character separates the columns, where a quote is
//! left open, and the true line of each row.

/// The separators a header row is searched for, in the order ties are settled.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Reads a `--delimiter` value: `,` `;` `tab` (or a tab character) or `|`.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "tab" | "\\t" => Ok(b'\t'),
        "|" | "pipe" => Ok(b'|'),
        _ => Err(format!("`{s}` is not a separator (expected , ; tab or |)")),
    }
}

/// The separator the header row uses: whichever of `,` `;` tab `|` it holds most often outside
/// quotes (a comma when it holds none, or on a tie). The header names the columns and has at
/// least three of them, so its separator shows at least twice, while none of the column names
/// contains one.
pub fn detect_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    let start = text.iter().position(|b| !matches!(b, b'\r' | b'\n'));
    for &b in &text[start.unwrap_or(text.len())..] {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|d| *d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..DELIMITERS.len())
        .rev()
        .max_by_key(|i| counts[*i])
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        DELIMITERS[best]
    }
}

/// Where a quoted cell opens without ever closing: its line and its cell's place in the row
/// (0-based). The CSV reader would silently read the rest of the file into that one cell.
///
/// The states follow the reader's own rules (RFC 4180 with `""` for a quote inside quotes, and a
/// quote in the middle of an unquoted cell taken as text), so the answer agrees with what it
/// reads.
pub fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<(u64, usize)> {
    shape(text, delimiter).open_quote
}

/// What one quick pass tells of a CSV text before it is read row by row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Where a quote that opens a cell is never closed: (line, cell).
    pub open_quote: Option<(u64, usize)>,
    /// The longest cell as written (quotes included), in bytes.
    pub longest_cell: usize,
    /// The most cells a row has.
    pub widest_row: usize,
}

/// Looks at `text` once: an open quote, the longest cell, the widest row. Runs of text that
/// cannot change the state are skipped with memchr, so a file with a huge cell is read at
/// memory speed, not a byte at a time.
pub fn shape(text: &[u8], delimiter: u8) -> Shape {
    let mut out = Shape::default();
    let mut lines = Lines::default();
    let mut cell = 0;
    let mut cell_start = 0;
    let mut i = 0;
    let mut at_cell_start = true;
    let end_cell = |out: &mut Shape, cell: usize, from: usize, to: usize| {
        out.longest_cell = out.longest_cell.max(to - from);
        out.widest_row = out.widest_row.max(cell + 1);
    };
    while i < text.len() {
        let b = text[i];
        if at_cell_start && b == b'"' {
            let opened = (lines.line_of(text, i), cell);
            // Inside quotes only a quote matters; `""` is a quote in the cell.
            let mut j = i + 1;
            loop {
                match memchr::memchr(b'"', &text[j..]) {
                    None => {
                        out.open_quote = Some(opened);
                        end_cell(&mut out, cell, cell_start, text.len());
                        return out;
                    }
                    Some(k) if text.get(j + k + 1) == Some(&b'"') => j += k + 2,
                    Some(k) => {
                        j += k + 1;
                        break;
                    }
                }
            }
            i = j;
            at_cell_start = false;
            continue;
        }
        if b == delimiter {
            end_cell(&mut out, cell, cell_start, i);
            cell += 1;
            cell_start = i + 1;
            at_cell_start = true;
            i += 1;
        } else if b == b'\n' || b == b'\r' {
            end_cell(&mut out, cell, cell_start, i);
            cell = 0;
            cell_start = i + 1;
            at_cell_start = true;
            i += 1;
        } else {
            // The rest of an unquoted cell (a quote inside it is text).
            at_cell_start = false;
            i += memchr::memchr3(delimiter, b'\n', b'\r', &text[i..]).unwrap_or(text.len() - i);
        }
    }
    end_cell(&mut out, cell, cell_start, text.len());
    out
}

/// Counts lines up to increasing byte offsets, in one pass over the file however many rows ask.
/// A line ends with `\n`, `\r\n` or a lone `\r`, as the CSV reader takes them.
#[derive(Default)]
pub struct Lines {
    at: usize,
    line: u64,
}

impl Lines {
    /// The line (1-based) of the byte at `offset`; offsets must not decrease between calls.
    pub fn line_of(&mut self, text: &[u8], offset: usize) -> u64 {
        let offset = offset.min(text.len());
        if offset > self.at {
            for i in memchr::memchr2_iter(b'\n', b'\r', &text[self.at..offset]) {
                let i = self.at + i;
                let ends = text[i] == b'\n' || text.get(i + 1) != Some(&b'\n');
                self.line += u64::from(ends);
            }
        }
        self.at = self.at.max(offset);
        self.line + 1
    }

    /// The line on which a record starts, given the offset the CSV reader reports for it: the
    /// reader's offset is just after the previous record, before any blank lines it skipped.
    pub fn record_line(&mut self, text: &[u8], offset: usize) -> u64 {
        let skip = text[offset.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.line_of(text, offset + skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_decides_the_separator() {
        assert_eq!(detect_delimiter(b"date,contact,kind\n1;2;3;4;5"), b',');
        assert_eq!(detect_delimiter(b"date;contact;kind;note\n"), b';');
        assert_eq!(detect_delimiter(b"\r\n\"date\"\t\"contact\"\tkind"), b'\t');
        assert_eq!(detect_delimiter(b"date|contact|kind"), b'|');
        // Separators inside quotes do not count; nothing at all means a comma.
        assert_eq!(detect_delimiter(b"\"a;b;c;d\",date,contact"), b',');
        assert_eq!(detect_delimiter(b"date"), b',');
        assert_eq!(detect_delimiter(b""), b',');
    }

    #[test]
    fn separators_are_read_from_the_flag() {
        for (name, d) in [
            (",", b','),
            (";", b';'),
            ("tab", b'\t'),
            ("\t", b'\t'),
            ("|", b'|'),
        ] {
            assert_eq!(parse_delimiter(name), Ok(d));
        }
        assert!(
            parse_delimiter(":")
                .unwrap_err()
                .contains("expected , ; tab or |")
        );
    }

    #[test]
    fn an_open_quote_is_found_with_its_line_and_cell() {
        let ok = b"a,b,c\n1,\"two\nlines\",\"say \"\"hi\"\"\"\n4,x\"y,6\n";
        assert_eq!(unclosed_quote(ok, b','), None);
        let open = b"a,b,c\n1,2,3\r\n4,\"five,6\n7,8,9\n";
        assert_eq!(unclosed_quote(open, b','), Some((3, 1)));
        // With another separator, a comma is just text.
        assert_eq!(unclosed_quote(b"a;b\n1;\"x,y", b';'), Some((2, 1)));
        assert_eq!(unclosed_quote(b"a;b\n1;\"x,y\"", b';'), None);
        let s = shape(b"a,b,c\n\"long, \"\"cell\"\"\",2\n1", b',');
        assert_eq!((s.longest_cell, s.widest_row), (16, 3));
    }

    #[test]
    fn lines_count_every_kind_of_line_end() {
        let text = b"h\r\n\r\nrow\rrow\n\nrow";
        let mut l = Lines::default();
        assert_eq!(l.line_of(text, 0), 1);
        assert_eq!(l.line_of(text, 5), 3); // after `h\r\n\r\n`
        assert_eq!(l.line_of(text, 9), 4); // after a lone `\r`
        // The reader reports the offset right after `row\n`; the blank line is skipped.
        assert_eq!(l.record_line(text, 13), 6);
    }
}
