//! Rows of a CSV text with every cell cut at the size limit while it is read, so an oversized
//! cell (a 1 GB note) costs no more memory than the limit and is refused with the length it
//! had. `csv::Reader` would copy the whole cell into its record first.

use csv::ByteRecord;
use csv_core::{ReadFieldResult, Reader, ReaderBuilder};

/// Reads rows out of `text`, each cell kept to at most `max_cell + 1` bytes (enough to tell it
/// was too long) and each row to `max_cells + 1` cells.
pub struct BoundedRows<'t> {
    text: &'t [u8],
    at: usize,
    rdr: Reader,
    max_cell: usize,
    max_cells: usize,
    field: Vec<u8>,
    /// Where the reader writes a cell's bytes, a stretch at a time (made once, not per row).
    out: Box<[u8]>,
}

/// What a row was before it was cut.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Byte offset in the text just after the previous row (blank lines may come first).
    pub start: usize,
    /// Each cell's length in bytes, as it was in the file (for the cells kept).
    pub lens: Vec<usize>,
    /// How many cells the row had.
    pub cells: usize,
}

impl Row {
    /// The cells longer than the limit: (position, length).
    pub fn oversized(&self, max_cell: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.lens
            .iter()
            .copied()
            .enumerate()
            .filter(move |(_, n)| *n > max_cell)
    }
}

impl<'t> BoundedRows<'t> {
    pub fn new(text: &'t [u8], delimiter: u8, max_cell: usize, max_cells: usize) -> Self {
        BoundedRows {
            text,
            at: 0,
            rdr: ReaderBuilder::new().delimiter(delimiter).build(),
            max_cell,
            max_cells,
            field: Vec::new(),
            out: vec![0; 16 * 1024].into_boxed_slice(),
        }
    }

    /// Reads the next row into `rec`; `None` at the end of the text.
    pub fn next_row(&mut self, rec: &mut ByteRecord) -> Option<Row> {
        rec.clear();
        self.field.clear();
        let mut row = Row {
            start: self.at,
            ..Row::default()
        };
        let mut len = 0usize;
        loop {
            let input = &self.text[self.at..];
            let (result, read, wrote) = self.rdr.read_field(input, &mut self.out);
            self.at += read;
            let room = (self.max_cell + 1).saturating_sub(self.field.len());
            self.field.extend_from_slice(&self.out[..wrote.min(room)]);
            len += wrote;
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    row.cells += 1;
                    if row.cells <= self.max_cells + 1 {
                        rec.push_field(&self.field);
                        row.lens.push(len);
                    }
                    self.field.clear();
                    len = 0;
                    if record_end {
                        return Some(row);
                    }
                }
                ReadFieldResult::End => return None,
            }
        }
    }
}

/// The rows of a file: read by the `csv` crate when one quick pass found every cell and row
/// within the limits (the common case, and the faster reader), else cut while read.
pub enum Rows<'t> {
    Whole(Box<csv::Reader<&'t [u8]>>),
    Cut(Box<BoundedRows<'t>>),
}

impl<'t> Rows<'t> {
    pub fn new(text: &'t [u8], delimiter: u8, max_cell: usize, max_cells: usize) -> Rows<'t> {
        let shape = super::scan::shape(text, delimiter);
        if shape.longest_cell <= max_cell && shape.widest_row <= max_cells {
            Rows::Whole(Box::new(
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delimiter)
                    .from_reader(text),
            ))
        } else {
            Rows::Cut(Box::new(BoundedRows::new(
                text, delimiter, max_cell, max_cells,
            )))
        }
    }

    /// Reads the next row into `rec`; `None` at the end of the text.
    pub fn next_row(&mut self, rec: &mut ByteRecord) -> csv::Result<Option<Row>> {
        match self {
            Rows::Cut(r) => Ok(r.next_row(rec)),
            Rows::Whole(r) => {
                let start = r.position().byte();
                if !r.read_byte_record(rec)? {
                    return Ok(None);
                }
                Ok(Some(Row {
                    start: usize::try_from(start).unwrap_or(usize::MAX),
                    lens: rec.iter().map(<[u8]>::len).collect(),
                    cells: rec.len(),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, max_cell: usize, max_cells: usize) -> Vec<(Vec<String>, Row)> {
        let mut r = BoundedRows::new(text.as_bytes(), b',', max_cell, max_cells);
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        while let Some(row) = r.next_row(&mut rec) {
            let cells = rec
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            out.push((cells, row));
        }
        out
    }

    /// Within the limits the rows are what the `csv` crate reads: quotes, doubled quotes,
    /// line breaks in a cell, every kind of line end, blank lines skipped.
    #[test]
    fn rows_within_the_limits_read_as_the_csv_crate_reads_them() {
        let text = "a,b,c\r\n1,\"two, \"\"2\"\"\",3\n\n\"multi\nline\",x,\r4,5,6";
        let mine: Vec<Vec<String>> = rows(text, 100, 10).into_iter().map(|r| r.0).collect();
        let theirs: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        assert_eq!(mine, theirs);
    }

    #[test]
    fn a_long_cell_is_cut_and_keeps_its_length() {
        let long = "x".repeat(50_000);
        let text = format!("date,note\n2026-01-05,\"{long}\"\n2026-01-06,ok\n");
        let got = rows(&text, 10, 10);
        assert_eq!(got[1].0, ["2026-01-05", "xxxxxxxxxxx"]);
        assert_eq!(got[1].1.lens, [10, 50_000]);
        assert_eq!(got[1].1.oversized(10).collect::<Vec<_>>(), [(1, 50_000)]);
        assert_eq!(got[2].0, ["2026-01-06", "ok"]);
        // The next row starts after the long one.
        assert_eq!(&text[got[2].1.start..got[2].1.start + 11], "2026-01-06,");
    }

    #[test]
    fn a_wide_row_keeps_one_cell_past_the_limit_and_counts_them_all() {
        let text = format!("{}\n", vec!["h"; 1000].join(","));
        let got = rows(&text, 10, 5);
        assert_eq!(got[0].0.len(), 6);
        assert_eq!(got[0].1.cells, 1000);
    }

    /// Every row a reader gives, with its cells.
    fn read(mut rows: Rows) -> Vec<(Vec<Vec<u8>>, Row)> {
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        while let Some(row) = rows.next_row(&mut rec).unwrap() {
            out.push((rec.iter().map(<[u8]>::to_vec).collect(), row));
        }
        out
    }

    /// Both readers give the same rows, with the same places, for text within the limits.
    #[test]
    fn the_two_readers_agree() {
        let text = "a,b\r\n\n1,\"x\ny\"\r2,3\n\n\n4,\"\"\"q\"\"\"";
        let whole = read(Rows::new(text.as_bytes(), b',', 100, 10));
        assert!(matches!(
            Rows::new(text.as_bytes(), b',', 100, 10),
            Rows::Whole(_)
        ));
        let cut = read(Rows::Cut(Box::new(BoundedRows::new(
            text.as_bytes(),
            b',',
            100,
            10,
        ))));
        assert_eq!(whole, cut);
        assert!(matches!(
            Rows::new(text.as_bytes(), b',', 3, 10),
            Rows::Cut(_)
        ));
    }

    proptest::proptest! {
        /// On any text made of the characters that shape a CSV file, the reader that cuts cells
        /// reads the same rows, at the same places, as the csv crate.
        #[test]
        fn the_cutting_reader_reads_what_the_csv_crate_reads(
            text in "[ab,\"\r\n;é]{0,60}",
        ) {
            let whole = read(Rows::Whole(Box::new(
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(text.as_bytes()),
            )));
            let cut = read(Rows::Cut(Box::new(BoundedRows::new(text.as_bytes(), b',', 100, 100))));
            proptest::prop_assert_eq!(whole, cut);
        }
    }
}
