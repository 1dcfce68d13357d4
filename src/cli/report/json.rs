//! Writes the JSON report straight from its figures, every string sanitised on the way out.
//!
//! The figures carry names (the advocates) and channels (the keys of `by_channel`) straight from
//! the store, and a JSON escape such as `\u001b` becomes a real escape again in whatever reads
//! the document (`jq -r`). Cleaning while serialising, rather than building a `serde_json::Value`
//! of the whole document first, keeps a report of a million interactions (tens of megabytes of
//! JSON) to one pass and no copy.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter, PrettyFormatter};

use crate::sanitize;

/// Writes `value` as pretty JSON with every string (keys included) passed through
/// [`sanitize::line`], ending with a newline.
pub fn write_clean<T: Serialize + ?Sized>(value: &T, w: &mut impl Write) -> anyhow::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *w, Cleaning::default());
    value.serialize(&mut ser)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// A pretty formatter that collects each string's characters, cleans them, and only then writes
/// them: an escape sequence arrives split into an escaped `ESC` and plain fragments, and only the
/// whole string shows where the sequence ends.
#[derive(Default)]
struct Cleaning {
    pretty: PrettyFormatter<'static>,
    string: String,
}

impl Formatter for Cleaning {
    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.string.clear();
        w.write_all(b"\"")
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, _: &mut W, s: &str) -> io::Result<()> {
        self.string.push_str(s);
        Ok(())
    }

    fn write_char_escape<W: ?Sized + Write>(&mut self, _: &mut W, e: CharEscape) -> io::Result<()> {
        self.string.push(match e {
            CharEscape::Quote => '"',
            CharEscape::ReverseSolidus => '\\',
            CharEscape::Solidus => '/',
            CharEscape::Backspace => '\u{8}',
            CharEscape::FormFeed => '\u{c}',
            CharEscape::LineFeed => '\n',
            CharEscape::CarriageReturn => '\r',
            CharEscape::Tab => '\t',
            CharEscape::AsciiControl(b) => char::from(b),
        });
        Ok(())
    }

    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        write_escaped(w, &sanitize::line(&self.string))?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.pretty.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(w)
    }
}

/// The inside of a JSON string: a clean string still holds quotes and backslashes.
fn write_escaped<W: ?Sized + Write>(w: &mut W, s: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            // Cleaning removes every control character; this keeps the document valid whatever
            // the cleaner lets through.
            0..0x20 => {
                w.write_all(&s.as_bytes()[start..i])?;
                write!(w, "\\u{b:04x}")?;
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        w.write_all(&s.as_bytes()[start..i])?;
        w.write_all(escape)?;
        start = i + 1;
    }
    w.write_all(&s.as_bytes()[start..])
}

#[cfg(test)]
mod tests {
    use super::write_clean;

    fn written(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_clean(v, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A store written by another tool can hold a channel with an escape in it; as a key of
    /// `by_channel` it is cleaned like any value.
    #[test]
    fn keys_and_values_are_cleaned_alike() {
        let v = serde_json::json!({
            "by_channel": {"slack\u{1b}[31m": 2, "email": 1},
            "advocates": [{"name": "Eve\u{1b}]0;pwned\u{7}"}],
        });
        let text = written(&v);
        assert!(
            !text.contains("\\u001b") && !text.contains("\\u0007"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["by_channel"]["slack"], 2);
        assert_eq!(back["by_channel"]["email"], 1);
        assert_eq!(back["advocates"][0]["name"], "Eve");
    }

    /// Quotes, backslashes and non-ASCII text survive cleaning exactly, and the output is the
    /// same pretty JSON serde_json writes for a clean document.
    #[test]
    fn clean_text_is_written_as_serde_json_writes_it() {
        let v = serde_json::json!({
            "note": "said \"great\" \\o/ — très bien 👍",
            "n": [1, 2.5, null, true],
            "empty": {},
        });
        let text = written(&v);
        assert_eq!(text, serde_json::to_string_pretty(&v).unwrap() + "\n");
    }
}
