//! The CSV shape shared by `import` and `export`: the interaction columns, formula-safe cells and
//! plain amounts, so an exported file re-imports to exactly the same records.

use std::borrow::Cow;

use crate::store::Money;

/// Interaction columns, in the order `export` writes them; `import` accepts them in any order.
pub const INTERACTION_COLUMNS: [&str; 13] = [
    "date",
    "contact",
    "handle",
    "email",
    "kind",
    "channel",
    "direction",
    "value",
    "nps",
    "rating",
    "sentiment",
    "note",
    "tags",
];

/// Separates tags in the `tags` column.
pub const TAG_SEPARATOR: char = ';';

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some treat a
/// leading tab or carriage return the same way, or skip leading spaces first), so a hostile note
/// could run in the reader's spreadsheet. Such cells get a leading apostrophe, the spreadsheet
/// convention for "text" (OWASP's advice for CSV injection). A cell that already starts with an
/// apostrophe gets one more, so [`unescape`] can always take exactly one off and the round trip
/// is exact.
pub fn escape(s: &str) -> Cow<'_, str> {
    if needs_guard(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Undoes [`escape`]: one leading apostrophe is dropped when what follows needed it. An
/// apostrophe before anything else (`'90s music`) is part of the text and stays.
pub fn unescape(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => s,
    }
}

/// Whether [`unescape`] took an apostrophe off: the cell was marked as text, to be read
/// literally (a name `@home` written so is a name, not the handle `home`).
pub fn was_escaped(s: &str) -> bool {
    unescape(s).len() != s.len()
}

fn needs_guard(s: &str) -> bool {
    match s.chars().next() {
        None => false,
        Some('\'' | '\t' | '\r') => true,
        // What a spreadsheet sees first once it has skipped what shows as nothing: spaces of
        // every kind, line breaks, zero-width characters and a byte order mark.
        Some(_) => s
            .chars()
            .find(|c| !shows_as_nothing(*c))
            .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@')),
    }
}

fn shows_as_nothing(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// `1234.5` → `1234.50`: no grouping, so the cell is a number to a spreadsheet and to `import`.
pub fn plain_amount(m: Money) -> String {
    let c = m.cents();
    let sign = if c < 0 { "-" } else { "" };
    let a = c.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for s in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "'quoted",
            "''twice",
            "'=already",
            "plain",
            "",
            "'",
            " =1+1",
            "  @x",
            " plain",
            "' =x",
            "\n=1+1",
            "\u{a0}=1+1",
            "\u{3000}+1",
            "\u{2028}-1",
            "\u{200b}@SUM(A1)",
            "\u{feff}=1",
            "\u{200b} \u{a0}\n=cmd",
            "\u{a0}plain",
        ] {
            let e = escape(s);
            let visible = e.chars().find(|c| !shows_as_nothing(*c));
            assert!(
                e.starts_with('\'') || !matches!(visible, Some('=' | '+' | '-' | '@' | '\t')),
                "{s:?} -> {e:?}"
            );
            assert_eq!(unescape(&e), s, "round trip of {s:?}");
        }
    }

    #[test]
    fn apostrophes_in_hand_written_files_are_kept() {
        assert_eq!(unescape("'90s music"), "'90s music");
        assert_eq!(unescape("'=1+1"), "=1+1");
    }

    #[test]
    fn amounts_are_plain_numbers() {
        assert_eq!(plain_amount(Money::from_cents(123450)), "1234.50");
        assert_eq!(plain_amount(Money::from_cents(5)), "0.05");
        assert_eq!(plain_amount(Money::from_cents(-5)), "-0.05");
    }
}
