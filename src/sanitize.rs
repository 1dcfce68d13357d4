//! Makes user text safe to show in a terminal or a report.
//!
//! Names, notes and tags come from anywhere (a CSV export, a hand-edited store, a pasted message).
//! Before any of it reaches the screen or an output file, escape sequences (CSI, OSC, DCS, ...),
//! C0/C1 control characters (BEL, backspace, carriage return, ...) and bidirectional overrides are
//! removed, so a hostile name can neither drive the terminal nor disguise itself.

use std::borrow::Cow;

/// For one-line places (table cells, titles): removes dangerous characters; newlines and tabs
/// become spaces.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// For multi-line places (a note's full text): as [`line`], but newlines are kept.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

fn is_safe(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' => keep_newlines,
        '\t' => false,
        c if c.is_control() => false, // C0, DEL and C1
        // Bidirectional embeddings, overrides and isolates, which can reorder what is shown.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => false,
        '\u{061C}' => false,
        _ => true,
    }
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if s.chars().all(|c| is_safe(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    // First drop whole escape sequences (so their parameters do not survive as visible junk),
    // then any control character that was not part of one.
    // C1 introducers (single code points) are spelled as their ESC forms first, so the escape
    // parser recognises the whole sequence; tabs become spaces before it would drop them.
    let mut spelled = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\u{9b}' => spelled.push_str("\u{1b}["),
            '\u{9d}' => spelled.push_str("\u{1b}]"),
            '\u{90}' => spelled.push_str("\u{1b}P"),
            '\u{9c}' => spelled.push_str("\u{1b}\\"),
            '\u{98}' => spelled.push_str("\u{1b}X"),
            '\u{9e}' => spelled.push_str("\u{1b}^"),
            '\u{9f}' => spelled.push_str("\u{1b}_"),
            '\t' => spelled.push(' '),
            c => spelled.push(c),
        }
    }
    let stripped = strip_ansi_escapes::strip_str(&spelled);
    let mut out = String::with_capacity(stripped.len());
    for c in stripped.chars() {
        if is_safe(c, keep_newlines) {
            out.push(c);
        } else if c == '\n' || c == '\t' {
            out.push(' ');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        assert!(matches!(line("Ada Lovelace 😀 東京"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_and_controls_are_removed() {
        assert_eq!(line("\u{1b}[31mRed\u{1b}[0m"), "Red");
        assert_eq!(line("\u{1b}]0;pwned\u{7}Ada"), "Ada");
        assert_eq!(line("Ev\u{8}\u{8}il\r"), "Evil");
        assert_eq!(line("a\u{9b}31mb"), "ab");
        assert_eq!(line("abc\u{202E}fed"), "abcfed");
    }

    #[test]
    fn every_kind_of_sequence_goes_whole() {
        let cases = [
            ("a\u{1b}]52;c;SGVsbG8=\u{7}b", "ab"), // OSC 52: set the clipboard
            ("a\u{1b}]0;title\u{1b}\\b", "ab"),    // OSC ended by ST
            ("a\u{1b}]8;;http://x\u{1b}\\b", "ab"), // OSC 8 hyperlink
            ("a\u{1b}P1$r0m\u{1b}\\b", "ab"),      // DCS (DECRQSS)
            ("a\u{1b}_apc data\u{1b}\\b", "ab"),   // APC
            ("a\u{1b}^pm data\u{1b}\\b", "ab"),    // PM
            ("a\u{1b}Xsos data\u{1b}\\b", "ab"),   // SOS
            ("a\u{1b}cb", "ab"),                   // RIS: reset the terminal
            ("a\u{1b}(0b", "ab"),                  // line-drawing character set
            ("a\u{1b}[?1049hb", "ab"),             // alternate screen
            ("a\u{1b}[6nb", "ab"),                 // asks the terminal to answer
            ("ab\u{1b}", "ab"),                    // a lone escape at the end
            ("a\u{9d}0;t\u{9c}b", "ab"),           // 8-bit OSC and ST
            ("a\u{90}q\u{9c}b", "ab"),             // 8-bit DCS
            ("a\u{98}sos\u{9c}b", "ab"),           // 8-bit SOS
            ("a\u{9e}pm\u{9c}b", "ab"),            // 8-bit PM
            ("a\u{9f}apc\u{9c}b", "ab"),           // 8-bit APC
            ("a\u{0}\u{7f}\u{85}\u{8d}b", "ab"),   // NUL, DEL, NEL, RI
            ("a\u{2066}b\u{2069}\u{200f}\u{61c}", "ab"), // isolates and marks
        ];
        for (input, want) in cases {
            assert_eq!(line(input), want, "{input:?}");
            assert_eq!(text(input), want, "{input:?}");
        }
    }

    #[test]
    fn newlines_are_spaces_in_lines_and_kept_in_text() {
        assert_eq!(line("one\ntwo\tthree"), "one two three");
        assert_eq!(text("one\ntwo"), "one\ntwo");
    }
}
