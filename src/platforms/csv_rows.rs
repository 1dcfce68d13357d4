//! The CSV files platforms write, read by column name: a byte order mark or a preamble before
//! the header (LinkedIn's "Notes:") is passed over, quoted cells may hold commas and line breaks,
//! and every row keeps the line it starts on for messages.

/// A CSV file's header and rows.
pub struct Table {
    pub header: Vec<String>,
    /// Each row with the line of the file it starts on.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The column named `name` (any case, surrounding spaces ignored).
    pub fn col(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    }

    /// The first of `names` the header has.
    pub fn col_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.col(n))
    }
}

/// A row's cell, trimmed; empty when the row is short.
pub fn cell(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c)).map_or("", |s| s.trim())
}

/// The text of a file (UTF-8, a byte order mark dropped; bytes that are not UTF-8 replaced).
pub fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(b)
}

/// The first `n` lines of a file, for recognising it.
pub fn first_lines(bytes: &[u8], n: usize) -> String {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    text(head).lines().take(n).collect::<Vec<_>>().join("\n")
}

/// Reads a CSV file whose header is the first row `is_header` accepts (rows before it are a
/// preamble). `Err` names what is wrong with the file as a whole.
pub fn read(bytes: &[u8], is_header: impl Fn(&[String]) -> bool) -> Result<Table, String> {
    let text = text(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // Lines are counted here from each record's byte offset: the reader's own count is one
    // short in a file with CRLF line ends, as Windows tools and several platforms write them.
    let mut lines = LineCount::default();
    for rec in reader.records() {
        let rec = rec.map_err(|e| match e.position() {
            Some(p) => format!("line {}: {e}", lines.at(text.as_bytes(), p.byte())),
            None => e.to_string(),
        })?;
        let line = rec
            .position()
            .map_or(0, |p| lines.at(text.as_bytes(), p.byte()));
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        match &header {
            None if is_header(&cells) => header = Some(cells),
            None => {}
            Some(_) if cells.iter().all(|c| c.trim().is_empty()) => {}
            Some(_) => rows.push((line, cells)),
        }
    }
    let header = header.ok_or("no header row found")?;
    Ok(Table { header, rows })
}

/// The line of a byte offset, counted on from the last offset asked about (offsets only grow).
#[derive(Default)]
pub(crate) struct LineCount {
    byte: usize,
    newlines: u64,
}

impl LineCount {
    pub(crate) fn at(&mut self, text: &[u8], byte: u64) -> u64 {
        // The reader may place a record before the line ends (and blank lines) it passes over
        // on the way to it: its first cell starts after them.
        let mut byte = (byte as usize).min(text.len());
        while matches!(text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > self.byte {
            let seen = &text[self.byte..byte];
            self.newlines += seen.iter().filter(|b| **b == b'\n').count() as u64;
            self.byte = byte;
        }
        self.newlines + 1
    }
}

/// Whether a header row has every one of `names` (any case).
pub fn has_all(cells: &[String], names: &[&str]) -> bool {
    names
        .iter()
        .all(|n| cells.iter().any(|c| c.trim().eq_ignore_ascii_case(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_line_they_start_on_whatever_the_line_ends() {
        for end in ["\n", "\r\n"] {
            let text = ["Notes:", "", "a,b", "1,\"two", "lines\"", "3,4", ""].join(end);
            let t = read(text.as_bytes(), |c| has_all(c, &["a", "b"])).unwrap();
            let lines: Vec<u64> = t.rows.iter().map(|(l, _)| *l).collect();
            assert_eq!(lines, [4, 6], "{end:?}");
            assert_eq!(t.rows[0].1[1], format!("two{end}lines"));
        }
    }
}
