//! How figures, changes, dates and user text are written on screen.

use jiff::civil::Date;
use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::dashboard::{Tile, Unit};
use crate::app::period::days_between;
use crate::sanitize;

/// The currency sign for the store's ISO code, or the code and a space.
pub fn currency_sign(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        other => format!("{} ", sanitize::line(other)),
    }
}

/// Compact money: `$950`, `$12.4k`, `$3.1M` (display only: the cents stay exact in the store).
pub fn money(cents: f64, sign: &str) -> String {
    let units = cents / 100.0;
    let (v, suffix) = match units.abs() {
        a if a >= 1e6 => (units / 1e6, "M"),
        a if a >= 1e4 => (units / 1e3, "k"),
        _ => (units, ""),
    };
    let minus = if v < 0.0 { "−" } else { "" };
    if suffix.is_empty() {
        format!(
            "{minus}{sign}{}",
            crate::store::group_digits(v.abs().round() as u64)
        )
    } else {
        format!("{minus}{sign}{:.1}{suffix}", v.abs())
    }
}

/// A figure in its unit; `n/a` when there is no data. One rounding per unit, the same as the
/// report's (docs/METRICS.md, "Rounding on screen and in reports"): points (NPS, net sentiment)
/// and percentages to one decimal, counts and the ROR index whole, ratios to one decimal; money
/// whole (or in k/M) here, where a tile is nine columns wide, to the cent in reports.
pub fn value(unit: Unit, v: Option<f64>, sign: &str) -> String {
    let Some(v) = v else { return "n/a".into() };
    match unit {
        Unit::Count => format!("{v:.0}"),
        Unit::Percent => format!("{:.1}%", v * 100.0),
        Unit::Signed => signed(v, 1),
        Unit::Money => money(v, sign),
        Unit::Ratio => format!("{v:.1}×"),
        Unit::Score => format!("{v:.0}"),
        Unit::Decimal => format!("{v:.2}"),
    }
}

/// Whole percentages of the parts of one whole that add up to 100 (see
/// [`crate::metrics::whole_percents`]).
pub fn shares<const N: usize>(parts: [u64; N]) -> [u64; N] {
    let v = crate::metrics::whole_percents(&parts);
    std::array::from_fn(|i| v[i])
}

/// `+12`, `−3`, `0` with a real minus sign.
pub fn signed(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if zero {
        s
    } else if v > 0.0 {
        format!("+{s}")
    } else {
        format!("−{s}")
    }
}

/// The change of a figure: `▲ 12`, `▼ 1.5pt`, `= 0`, or `–` with nothing to compare. The
/// glyph says the direction; the style says whether that direction is good news.
pub fn delta<'a>(
    unit: Unit,
    now: Option<f64>,
    before: Option<f64>,
    better_up: bool,
    sign: &str,
    t: &Theme,
) -> Span<'a> {
    let (Some(a), Some(b)) = (now, before) else {
        return Span::styled("–", t.muted);
    };
    // The change between the values as shown (as the report computes it), so a tile never says
    // 32.1 against 44.4 and a change of 12.2.
    let shown = |v: f64| match unit {
        Unit::Count | Unit::Score => v.round(),
        Unit::Signed | Unit::Ratio => (v * 10.0).round() / 10.0,
        Unit::Decimal => (v * 100.0).round() / 100.0,
        Unit::Percent => (v * 1000.0).round() / 1000.0,
        Unit::Money => v,
    };
    let d = shown(a) - shown(b);
    let text = match unit {
        Unit::Count | Unit::Score => format!("{:.0}", d.abs()),
        Unit::Signed => format!("{:.1}", d.abs()),
        Unit::Percent => format!("{:.1}pt", d.abs() * 100.0),
        Unit::Money => money(d.abs(), sign),
        Unit::Ratio => format!("{:.1}×", d.abs()),
        Unit::Decimal => format!("{:.2}", d.abs()),
    };
    let rounds_to_zero = match unit {
        Unit::Count | Unit::Score => d.abs() < 0.5,
        Unit::Signed => d.abs() < 0.05,
        Unit::Percent => d.abs() * 100.0 < 0.05,
        Unit::Money => d.abs() < 50.0,
        Unit::Ratio => d.abs() < 0.05,
        Unit::Decimal => d.abs() < 0.005,
    };
    if rounds_to_zero {
        return Span::styled("= 0", t.muted);
    }
    let (glyph, good) = if d > 0.0 {
        ("▲", better_up)
    } else {
        ("▼", !better_up)
    };
    let style = if good { t.positive } else { t.negative };
    Span::styled(format!("{glyph} {text}"), style)
}

pub fn tile_delta<'a>(tile: &Tile, sign: &str, t: &Theme) -> Span<'a> {
    delta(
        tile.unit,
        tile.value,
        tile.previous,
        tile.higher_is_better,
        sign,
        t,
    )
}

/// `today`, `3d ago`, `5w ago`, `4mo ago`, `2y ago`.
pub fn ago(d: Option<Date>, today: Date) -> String {
    let Some(d) = d else { return "never".into() };
    let n = days_between(d, today);
    match n {
        i64::MIN..=-1 => d.to_string(),
        0 => "today".into(),
        1..=13 => format!("{n}d ago"),
        14..=62 => format!("{}w ago", n / 7),
        63..=729 => format!("{}mo ago", n / 30),
        _ => format!("{}y ago", n / 365),
    }
}

/// User text made safe (no escape sequences) and cut to `width` display columns with `…`.
/// Measured and cut by grapheme cluster, each as wide as the terminal draws it: a flag, an emoji
/// made of several (👩‍💻) or a letter with its accents is kept whole or left out whole, never cut
/// into pieces that would draw as something else or spill into the next column.
pub fn fit(s: &str, width: usize) -> String {
    let clean = sanitize::line(s);
    if clean.width() <= width {
        return clean.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in clean.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// [`fit`], then padded with spaces to exactly `width` display columns (for aligned columns).
pub fn cell(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Sentiment score with its sign and a word, so it reads without colour: `+0.52 pos`.
pub fn sentiment(score: Option<f64>) -> String {
    match score {
        None => "".into(),
        Some(s) if s >= crate::sentiment::POSITIVE_AT => format!("{} +", signed(s, 2)),
        Some(s) if s <= crate::sentiment::NEGATIVE_AT => format!("{} −", signed(s, 2)),
        Some(s) => format!("{} =", signed(s, 2)),
    }
}

/// An interaction's sentiment cell: its score, or `? fr` for a note in another language that
/// waits for a person's score (listed on the follow-ups screen).
pub fn interaction_sentiment(x: &crate::store::Interaction, t: &Theme) -> (String, Style) {
    match (&x.language, x.sentiment) {
        (Some(code), None) => (format!("? {}", fit(code, 3)), t.warning),
        (_, s) => {
            let score = s.map(|s| s.score);
            (sentiment(score), sentiment_style(score, t))
        }
    }
}

/// An interaction's note as a list shows it, after what the row has no column for: a
/// purchase's value, a survey's NPS, a review's rating, a note waiting for a person's score.
pub fn interaction_note(x: &crate::store::Interaction, sign: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(v) = x.value {
        parts.push(money(v.cents() as f64, sign));
    }
    if let Some(n) = x.nps {
        parts.push(format!("NPS {n}"));
    }
    if let Some(r) = x.rating {
        parts.push(format!("rating {r}/5"));
    }
    if let (Some(code), None) = (&x.language, x.sentiment) {
        parts.push(format!("not scored: {code}"));
    }
    if !x.note.is_empty() {
        parts.push(x.note.clone());
    }
    parts.join(" · ")
}

pub fn sentiment_style(score: Option<f64>, t: &Theme) -> Style {
    match score {
        Some(s) if s >= crate::sentiment::POSITIVE_AT => t.positive,
        Some(s) if s <= crate::sentiment::NEGATIVE_AT => t.negative,
        _ => t.muted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_of_one_whole_add_to_a_hundred() {
        // 57.5 / 31.9 / 10.6 each rounded would read 58 + 32 + 11 = 101.
        assert_eq!(shares([575, 319, 106]), [57, 32, 11]);
        assert_eq!(shares([1, 1, 1]), [34, 33, 33]);
        assert_eq!(shares([0, 0, 0]), [0, 0, 0]);
        assert_eq!(shares([2, 0, 0]), [100, 0, 0]);
        for parts in [[3u64, 7, 11], [999, 1, 1], [5, 5, 90], [1, 2, 3]] {
            assert_eq!(shares(parts).iter().sum::<u64>(), 100, "{parts:?}");
        }
    }

    #[test]
    fn fit_cuts_by_display_width_and_sanitises() {
        assert_eq!(fit("Ada Lovelace", 20), "Ada Lovelace");
        assert_eq!(fit("Ada Lovelace", 6), "Ada L…");
        // CJK characters are two columns wide: three of them and the ellipsis take 7.
        assert_eq!(fit("東京大学病院", 8), "東京大…");
        assert_eq!(fit("\u{1b}[31mEvil\u{1b}[0m", 10), "Evil");
    }

    #[test]
    fn values_and_changes_read_without_colour() {
        let t = Theme::of(crate::app::ThemeName::Mono);
        assert_eq!(value(Unit::Percent, Some(0.2934), "$"), "29.3%");
        assert_eq!(value(Unit::Signed, Some(-12.4), "$"), "−12.4");
        assert_eq!(value(Unit::Money, Some(1_234_567.0), "$"), "$12.3k");
        assert_eq!(value(Unit::Money, Some(525_600.0), "$"), "$5,256");
        assert_eq!(value(Unit::Money, Some(-95_000.0), "$"), "−$950");
        assert_eq!(value(Unit::Count, None, "$"), "n/a");
        let up = delta(Unit::Count, Some(12.0), Some(9.0), true, "$", &t);
        assert_eq!(up.content, "▲ 3");
        let down = delta(Unit::Percent, Some(0.04), Some(0.05), false, "$", &t);
        assert_eq!(down.content, "▼ 1.0pt");
        assert_eq!(
            delta(Unit::Count, Some(3.0), Some(3.0), true, "$", &t).content,
            "= 0"
        );
        assert_eq!(
            delta(Unit::Count, Some(3.0), None, true, "$", &t).content,
            "–"
        );
    }

    #[test]
    fn without_colour_bad_news_is_underlined_and_good_news_is_not() {
        use ratatui::style::Modifier;
        let t = Theme::of(crate::app::ThemeName::Mono);
        // Churn up is bad; at-risk down is good; active up is good.
        let churn_up = delta(Unit::Percent, Some(0.09), Some(0.08), false, "$", &t);
        let at_risk_down = delta(Unit::Count, Some(3.0), Some(4.0), false, "$", &t);
        let active_up = delta(Unit::Count, Some(5.0), Some(4.0), true, "$", &t);
        assert!(churn_up.style.add_modifier.contains(Modifier::UNDERLINED));
        assert!(
            !at_risk_down
                .style
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
        assert!(!active_up.style.add_modifier.contains(Modifier::UNDERLINED));
        for s in [churn_up, at_risk_down, active_up] {
            assert_eq!(s.style.fg, None, "no colour in mono");
        }
    }
}
