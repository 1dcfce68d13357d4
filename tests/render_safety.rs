//! User text on screen: escape sequences never reach the terminal, and wide characters are cut
//! by display width, so columns stay aligned.

mod support_dash;

use jiff::civil::date;
use ror_tui::store::Kind;
use support_dash::*;

fn hostile_store() -> ror_tui::store::Store {
    let mut s = ror_tui::store::Store::default();
    let eve = contact(
        &mut s,
        "\u{1b}]0;owned\u{7}Eve\u{1b}[31m Evil\u{1b}[0m",
        date(2026, 1, 5),
    );
    s.contacts[0].handle = Some("eve\u{8}\u{8}\u{8}admin".into());
    s.contacts[0].tags = vec!["\u{202e}gnp.exe".into()];
    let wide = contact(&mut s, "東京大学病院の山田太郎さん", date(2026, 1, 5));
    interaction(
        &mut s,
        eve,
        date(2026, 3, 20),
        "for\u{1b}[2Jum",
        Kind::Comment,
        "hi\u{1b}[1;1H there\nsecond line",
        Some(0.5),
    );
    interaction(
        &mut s,
        wide,
        date(2026, 3, 21),
        "line",
        Kind::Message,
        "😀 很好",
        Some(0.6),
    );
    s
}

#[test]
fn no_control_character_reaches_the_screen() {
    for keys in ["", "c", "c enter", "l", "4 enter", "f"] {
        let mut app = app_with(hostile_store());
        press(&mut app, keys);
        for (w, h) in [(80, 24), (120, 40)] {
            let text = screen_text(&app, w, h);
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)),
                "after `{keys}` at {w}x{h}:\n{text}"
            );
        }
    }
    let mut app = app_with(hostile_store());
    press(&mut app, "l");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Eve Evil"), "{text}");
    // The sequences went whole, parameters included, not just their escape character.
    assert!(
        !text.contains("owned") && !text.contains("[31m") && !text.contains("[2J"),
        "{text}"
    );
    assert!(text.contains("forum"), "{text}");
    assert!(text.contains("hi there second line"), "{text}");
}

#[test]
fn wide_names_are_cut_by_display_width_and_keep_columns_aligned() {
    let mut app = app_with(hostile_store());
    press(&mut app, "c");
    let text = screen_text(&app, 80, 24);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Eve") || l.contains("東京"))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    // Both rows end with the same border at the same column: wide characters took two cells.
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    assert_eq!(width(rows[0]), width(rows[1]), "{rows:?}");
    assert!(
        rows.iter().any(|r| r.contains('…')),
        "the long name was cut: {rows:?}"
    );
}
