//! Names with flags, emoji made of several code points, zero-width and combining characters,
//! on every screen at three sizes: each is kept whole or cut before it (never into pieces that
//! draw as something else), every row is exactly as wide as the terminal, and a row that starts
//! inside a frame ends on its border.

mod support_dash;

use ror_tui::app::App;
use support_dash::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Runs long enough that every column cuts a name inside them.
fn prefixes() -> [String; 5] {
    [
        "🇺🇸".repeat(14),
        "👨\u{200d}👩\u{200d}👧\u{200d}👦".repeat(12),
        "Ze\u{200b}ro\u{200b}".repeat(8),
        "e\u{301}\u{301}".repeat(24),
        "👩🏽\u{200d}💻🏳\u{fe0f}\u{200d}🌈".repeat(8),
    ]
}

/// The demo, every contact's name, channel and tag given one of the prefixes.
fn hostile_demo() -> App {
    let mut store = ror_tui::demo::demo_store(AS_OF);
    let prefixes = prefixes();
    for (i, c) in store.contacts.iter_mut().enumerate() {
        let p = &prefixes[i % prefixes.len()];
        c.name = format!("{p}{}", c.name);
        c.tags = c.tags.iter().map(|t| format!("{p}{t}")).collect();
        c.organisation = c.organisation.as_ref().map(|o| format!("{p}{o}"));
    }
    app_with(store)
}

fn is_regional(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

const BORDERS: &[char] = &[
    '┃', '│', '┏', '┓', '╭', '╮', '┗', '┛', '╰', '╯', '┌', '┐', '└', '┘',
];

fn check(what: &str, screen: &str, w: usize, frames: bool) {
    let rows: Vec<&str> = screen.lines().collect();
    for (y, row) in rows.iter().enumerate() {
        let width: usize = row.graphemes(true).map(|g| g.width()).sum();
        assert_eq!(width, w, "{what}: row {y} is {width} wide:\n{screen}");
        for g in row.graphemes(true) {
            let ri = g.chars().filter(|c| is_regional(*c)).count();
            assert!(
                ri == 0 || ri == 2,
                "{what}: a flag cut in half on row {y}:\n{screen}"
            );
            assert!(
                !g.ends_with('\u{200d}'),
                "{what}: an emoji cut after its joiner on row {y}:\n{screen}"
            );
        }
        // Body rows (between the tab row and the hint bar) that start on a frame end on one.
        if frames && y >= 2 && y + 1 < rows.len() {
            let first = row.chars().next().unwrap_or(' ');
            let last = row.chars().last().unwrap_or(' ');
            if BORDERS.contains(&first) {
                assert!(
                    BORDERS.contains(&last),
                    "{what}: row {y} starts in a frame and ends outside it:\n{screen}"
                );
            }
        }
    }
}

#[test]
fn every_screen_keeps_hostile_names_inside_its_frame() {
    let screens: &[(&str, &str)] = &[
        ("overview", ""),
        ("engagement", "1 enter"),
        ("sentiment", "2 enter"),
        ("churn", "3 enter"),
        ("advocates", "4 enter"),
        ("contacts", "c"),
        ("contact page", "c enter"),
        ("log", "l"),
        ("interaction", "l enter"),
        ("follow-ups", "f"),
        ("cohorts", "C"),
        ("investments", "I"),
        ("duplicates", "D"),
        ("segment picker", "F"),
        ("help", "c ?"),
    ];
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60)] {
        for (what, keys) in screens {
            let mut app = hostile_demo();
            press(&mut app, keys);
            let screen = screen_text(&app, w, h);
            check(&format!("{what} at {w}x{h}"), &screen, w as usize, true);
        }
        // Standup slides: big type, no frames to end on.
        let mut app = hostile_demo();
        press(&mut app, "s");
        for slide in 0..7 {
            let screen = screen_text(&app, w, h);
            check(
                &format!("standup slide {slide} at {w}x{h}"),
                &screen,
                w as usize,
                false,
            );
            press(&mut app, "right");
        }
    }
}

#[test]
fn fit_keeps_clusters_whole() {
    use ror_tui::ui::format::fit;
    // Each flag is two columns: three fit with the ellipsis in seven.
    assert_eq!(fit("🇺🇸🇺🇸🇺🇸🇺🇸 x", 7), "🇺🇸🇺🇸🇺🇸…");
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    assert_eq!(fit(&format!("{family}{family}"), 3), format!("{family}…"));
    assert_eq!(fit("e\u{301}\u{301}abc", 3), "e\u{301}\u{301}a…");
}
