//! The text encoding of an import file.
//!
//! Spreadsheets save CSV in whatever their user's system prefers: UTF-8 (often with a byte order
//! mark), UTF-16 (Excel's "Unicode text") or, on older Windows setups, Windows-1252, the code page
//! that extends Latin-1 with `€`, curly quotes and dashes. The file is turned into UTF-8 here, so
//! the rest of the import reads one kind of text; line ends are kept one for one, so line numbers
//! in messages are those of the original file.

use std::borrow::Cow;
use std::fmt;

/// How the bytes of a file were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 (little-endian)",
            Encoding::Utf16Be => "UTF-16 (big-endian)",
            Encoding::Windows1252 => "Windows-1252 (Latin-1)",
        })
    }
}

/// A problem with a whole import file, at a line of it (the first line is 1).
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    pub line: u64,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for FileError {}

/// What to tell someone whose file cannot be read as text.
pub const SAVE_AS_UTF8: &str =
    "save the file as UTF-8 (in a spreadsheet: Save as / Download → \"CSV UTF-8\")";

/// The file as UTF-8 text (without a byte order mark), how it was read, and how many of its
/// lines were converted from Windows-1252.
///
/// - A UTF-8 or UTF-16 byte order mark decides.
/// - Otherwise valid UTF-8 is UTF-8.
/// - Otherwise each line is looked at on its own (a file may be pasted together from several
///   sources): a valid UTF-8 line stays as it is; a line of bytes that are not UTF-8 is
///   Windows-1252, which is what such a line almost always is (`Müller` saved by an older
///   spreadsheet is `M\xfcller`, and Latin-1 text reads the same in it); but a line with at
///   least as many valid UTF-8 characters as invalid bytes is UTF-8 with damaged bytes, passed on
///   as it is for the cells holding the damage to be refused one by one. (Windows-1252 text can
///   hold a byte pair that happens to be valid UTF-8, such as `ß”`, never mostly such pairs.)
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, FileError> {
    let whole = |text, encoding| Decoded {
        text,
        encoding,
        converted_lines: 0,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(whole(Cow::Borrowed(rest), Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|t| whole(t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|t| whole(t, Encoding::Utf16Be));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(whole(Cow::Borrowed(bytes), Encoding::Utf8));
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut converted_lines = 0;
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if std::str::from_utf8(line).is_ok() || mostly_utf8(line) {
            out.extend_from_slice(line);
        } else {
            windows_1252(line, i as u64 + 1, &mut out)?;
            converted_lines += 1;
        }
    }
    let encoding = if converted_lines > 0 {
        Encoding::Windows1252
    } else {
        Encoding::Utf8
    };
    Ok(Decoded {
        text: Cow::Owned(out),
        encoding,
        converted_lines,
    })
}

/// An import file as UTF-8.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, [u8]>,
    /// How the file was read: Windows-1252 when any line of it was.
    pub encoding: Encoding,
    /// Lines converted from Windows-1252 (the others were UTF-8 already).
    pub converted_lines: usize,
}

/// Whether a line that is not valid UTF-8 still holds at least as many valid UTF-8 characters
/// beyond ASCII as runs of invalid bytes: UTF-8 with damage rather than another encoding.
fn mostly_utf8(line: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0, 0);
    for c in line.utf8_chunks() {
        valid += c.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!c.invalid().is_empty());
    }
    valid > 0 && valid >= invalid
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<Cow<'static, [u8]>, FileError> {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                line += u64::from(c == '\n');
                out.push(c);
            }
            Err(e) => {
                return Err(FileError {
                    line,
                    message: format!(
                        "the file is UTF-16 but holds a broken character (unit {:#06X}); {SAVE_AS_UTF8}",
                        e.unpaired_surrogate()
                    ),
                });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(FileError {
            line,
            message: format!("the file is UTF-16 but ends in half a character; {SAVE_AS_UTF8}"),
        });
    }
    Ok(Cow::Owned(out.into_bytes()))
}

/// Windows-1252 → UTF-8, appended to `out`; `line` is the line number for messages. Bytes below
/// 0x80 are ASCII and 0xA0-0xFF are the Latin-1 characters of the same number; 0x80-0x9F hold
/// the extra characters of the table below. Five bytes of that range mean nothing in
/// Windows-1252: a line holding one is in some other encoding, so it is refused rather than
/// guessed at.
fn windows_1252(bytes: &[u8], line: u64, out: &mut Vec<u8>) -> Result<(), FileError> {
    let mut buf = [0u8; 4];
    for &b in bytes {
        let c = match b {
            0x00..=0x7F | 0xA0..=0xFF => char::from(b),
            _ => HIGH[usize::from(b - 0x80)].ok_or_else(|| FileError {
                line,
                message: format!(
                    "byte {b:#04X} is neither UTF-8 nor Windows-1252 text; {SAVE_AS_UTF8}"
                ),
            })?,
        };
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    Ok(())
}

/// Windows-1252 bytes 0x80-0x9F (from the Unicode consortium's mapping table CP1252.TXT).
const HIGH: [Option<char>; 32] = [
    Some('€'),        // 80
    None,             // 81 undefined
    Some('‚'),        // 82 single low-9 quotation mark
    Some('ƒ'),        // 83
    Some('„'),        // 84 double low-9 quotation mark
    Some('…'),        // 85
    Some('†'),        // 86
    Some('‡'),        // 87
    Some('ˆ'),        // 88 modifier circumflex
    Some('‰'),        // 89
    Some('Š'),        // 8A
    Some('‹'),        // 8B
    Some('Œ'),        // 8C
    None,             // 8D undefined
    Some('Ž'),        // 8E
    None,             // 8F undefined
    None,             // 90 undefined
    Some('\u{2018}'), // 91 left single quotation mark
    Some('\u{2019}'), // 92 right single quotation mark
    Some('\u{201C}'), // 93 left double quotation mark
    Some('\u{201D}'), // 94 right double quotation mark
    Some('•'),        // 95
    Some('–'),        // 96 en dash
    Some('—'),        // 97 em dash
    Some('˜'),        // 98 small tilde
    Some('™'),        // 99
    Some('š'),        // 9A
    Some('›'),        // 9B
    Some('œ'),        // 9C
    None,             // 9D undefined
    Some('ž'),        // 9E
    Some('Ÿ'),        // 9F
];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Encoding) {
        let d = decode(bytes).unwrap();
        (String::from_utf8(d.text.into_owned()).unwrap(), d.encoding)
    }

    #[test]
    fn utf8_passes_through_without_its_byte_order_mark() {
        assert_eq!(text("Zoë".as_bytes()), ("Zoë".into(), Encoding::Utf8));
        assert_eq!(text(b"\xEF\xBB\xBFa,b"), ("a,b".into(), Encoding::Utf8));
        assert!(matches!(decode(b"plain").unwrap().text, Cow::Borrowed(_)));
    }

    #[test]
    fn windows_1252_becomes_the_same_characters() {
        // "café Müller £5 €3 “süß” – ok" as a Windows spreadsheet saves it; `ß”` (0xDF 0x94)
        // happens to be a valid UTF-8 pair, and must not make the line UTF-8.
        let bytes = b"caf\xE9 M\xFCller \xA35 \x803 \x93s\xFC\xDF\x94 \x96 ok";
        assert_eq!(
            text(bytes),
            (
                "café Müller £5 €3 \u{201C}süß\u{201D} – ok".into(),
                Encoding::Windows1252
            )
        );
    }

    #[test]
    fn each_line_is_read_in_its_own_encoding() {
        // A UTF-8 line, then a line pasted in from a Windows-1252 file.
        let d = decode(b"Zo\xC3\xAB\ncaf\xE9\n").unwrap();
        assert_eq!(std::str::from_utf8(&d.text), Ok("Zoë\ncafé\n"));
        assert_eq!((d.encoding, d.converted_lines), (Encoding::Windows1252, 1));
    }

    #[test]
    fn the_high_table_matches_the_code_points_it_names() {
        // Spot checks against CP1252.TXT: 0x80 → U+20AC, 0x8A → U+0160, 0x9F → U+0178.
        assert_eq!(HIGH[0x00], Some('\u{20AC}'));
        assert_eq!(HIGH[0x0A], Some('\u{0160}'));
        assert_eq!(HIGH[0x1F], Some('\u{0178}'));
        assert_eq!(HIGH.iter().filter(|c| c.is_none()).count(), 5);
    }

    #[test]
    fn an_undefined_byte_is_refused_with_its_line() {
        let e = decode(b"a\nb\xE9\nc\x81d\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("byte 0x81"), "{}", e.message);
        assert!(e.message.contains("CSV UTF-8"), "{}", e.message);
    }

    #[test]
    fn a_utf8_line_with_a_damaged_byte_stays_utf8() {
        // "Zoë" in UTF-8, then a stray Latin-1 "é" on the same line.
        let d = decode(b"Zo\xC3\xAB caf\xE9").unwrap();
        assert_eq!((d.encoding, d.converted_lines), (Encoding::Utf8, 0));
        assert!(std::str::from_utf8(&d.text).is_err());
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a;é\n€".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(&le), ("a;é\n€".into(), Encoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("x\ty".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&be), ("x\ty".into(), Encoding::Utf16Be));
        let broken = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let e = decode(&broken).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("broken character"), "{}", e.message);
    }
}
