//! One figure, one number: what a tile shows (the standup's slides draw the same text) is what
//! the report's headline says, with the same rounding (docs/METRICS.md, "Rounding on screen and in reports").

mod support_dash;

use ror_tui::ui::format;
use support_dash::*;

/// The report's "This period" cell for `label`, as a number.
fn report_value(md: &str, label: &str) -> f64 {
    let row = md
        .lines()
        .find(|l| l.starts_with(&format!("| {label} |")))
        .unwrap_or_else(|| panic!("no {label} row:\n{md}"));
    let cell = row.split('|').nth(2).unwrap().trim();
    cell.trim_end_matches('%').replace(',', "").parse().unwrap()
}

/// A tile's text as a number (`−12.5` → -12.5, `8.1%` → 8.1).
fn shown(text: &str) -> f64 {
    text.replace('−', "-")
        .trim_start_matches('+')
        .trim_end_matches('%')
        .parse()
        .unwrap()
}

#[test]
fn tiles_and_the_report_round_alike() {
    let app = demo_app();
    let out = assert_cmd::Command::cargo_bin("ror-tui")
        .unwrap()
        .env("TZ", "UTC")
        .args([
            "--demo",
            "--as-of",
            &AS_OF.to_string(),
            "report",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    let overview = screen_text(&app, 120, 40);
    let d = app.dashboard();
    for (key, label) in [
        ("ror_index", "ROR index"),
        ("nps", "NPS"),
        ("net_sentiment", "Net sentiment"),
        ("churn_rate", "Churn rate"),
        ("engagement_rate", "Engagement rate"),
        ("active_contacts", "Engaged contacts"),
        ("at_risk", "At risk"),
    ] {
        let tile = d.tile(key).unwrap();
        let text = format::value(tile.unit, tile.value, "$");
        assert!(
            overview.contains(&text),
            "{key} {text} on the overview:\n{overview}"
        );
        assert_eq!(
            shown(&text),
            report_value(&md, label),
            "{key}: tile {text}, report:\n{md}"
        );
        // The change too: the tile's ▲▼ and the report's column, between the shown values.
        let theme = ror_tui::ui::theme::Theme::of(ror_tui::app::ThemeName::Dark);
        let change = format::tile_delta(tile, "$", &theme).content.to_string();
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {label} |")))
            .unwrap();
        let theirs = row.split('|').nth(4).unwrap().trim();
        let number = |s: &str| -> f64 {
            s.trim_start_matches(['▲', '▼', '=', ' ', '+', '−', '-'])
                .trim_end_matches("pts")
                .trim_end_matches("pt")
                .trim()
                .replace(',', "")
                .parse()
                .unwrap_or_else(|_| panic!("{key}: `{s}`"))
        };
        assert_eq!(
            number(&change),
            number(theirs),
            "{key}: tile {change}, report {theirs}"
        );
        if key == "nps" {
            assert!(text.contains('.'), "points to one decimal: {text}");
        }
    }
}
