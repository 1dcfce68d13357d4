//! Standup mode: the headline figures in big text with their change since the last standup,
//! then one slide per overview pane.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_big_text::{BigText, PixelSize};

use super::format::{self, currency_sign};
use super::panes;
use super::theme::Theme;
use crate::app::App;
use crate::app::standup::{Slide, StandupState};

/// The figures of the first slide, in reading order.
const HEADLINES: [&str; 6] = [
    "ror_index",
    "active_contacts",
    "nps",
    "churn_rate",
    "net_sentiment",
    "revenue",
];

pub fn render(app: &App, st: &StandupState, f: &mut Frame, area: Rect, t: &Theme) {
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let since = match &st.previous {
        Some(p) => format!("changes since the standup of {}", p.date),
        None => "vs previous period (first standup)".to_string(),
    };
    let badge = if app.mode.demo {
        " DEMO "
    } else if app.mode.read_only.is_some() {
        " READ-ONLY "
    } else {
        ""
    };
    let mut head = vec![
        Span::styled(" STANDUP ", t.title.add_modifier(Modifier::REVERSED)),
        Span::styled(
            format!("  {}  ", app.as_of.strftime("%A %b %-d, %Y")),
            t.title,
        ),
        Span::styled(format!("period {} · {since}", app.period), t.muted),
        Span::raw("  "),
    ];
    if !app.segment.is_everyone() {
        head.push(Span::styled(
            format!(" {} ", crate::sanitize::line(&app.segment.label())),
            t.accent.add_modifier(Modifier::REVERSED),
        ));
        head.push(Span::raw("  "));
    }
    head.push(Span::styled(
        badge,
        t.warning.add_modifier(Modifier::REVERSED),
    ));
    f.render_widget(Paragraph::new(Line::from(head)), top);
    match st.current() {
        Slide::Since => super::commitments::since(app, f, body, t),
        Slide::Headlines => headlines(app, st, f, body, t),
        Slide::Pane(p) => panes::full(app, p, f, body, t),
        Slide::Value => super::value::value(app, f, body, t),
        Slide::Channels => super::value::channels(app, f, body, t),
        Slide::Commitments => super::commitments::pick(app, st, f, body, t),
    }
    // What the last key did (a commitment saved, say) before how the standup is kept.
    let recorded = if let Some((_, msg)) = &app.status {
        msg.as_str()
    } else if st.recorded {
        "figures recorded for the next standup"
    } else if !app.segment.is_everyone() {
        "not recorded (figures for a segment)"
    } else if app.mode.demo {
        "not recorded (demo)"
    } else {
        "not recorded (read-only)"
    };
    let dots: String = (0..st.slides.len())
        .map(|i| if i == st.slide { '●' } else { '○' })
        .collect();
    let mut spans = vec![
        Span::styled(format!(" {dots} "), t.accent),
        Span::styled(
            format!(
                " {}/{} {}  ",
                st.slide + 1,
                st.slides.len(),
                st.current().title()
            ),
            t.text,
        ),
    ];
    // A message takes the keys' place when the line is too short for both.
    let used = Line::from(spans.clone()).width();
    let keys = "← → slides · Esc leave · ";
    let room = usize::from(bottom.width).saturating_sub(used);
    if app.status.is_none() || room >= keys.chars().count() + recorded.chars().count() {
        spans.push(Span::styled(keys, t.muted));
    }
    let room = usize::from(bottom.width).saturating_sub(Line::from(spans.clone()).width());
    spans.push(Span::styled(format::fit(recorded, room), t.muted));
    f.render_widget(Paragraph::new(Line::from(spans)), bottom);
}

fn headlines(app: &App, st: &StandupState, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let sign = currency_sign(&app.store.settings.currency);
    // What the ROR index is made of, on the last line when there is room for it.
    let area = if area.height >= 20 && !d.ror_parts.is_empty() {
        let [grid, parts] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let mut spans = vec![Span::styled("  ROR index = ", t.muted)];
        for (i, (name, weight, score)) in d.ror_parts.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(" + ", t.muted));
            }
            let score = score.map_or("n/a".to_string(), |s| format!("{s:.0}"));
            spans.push(Span::styled(format!("{name} {score}"), t.text));
            spans.push(Span::styled(format!(" ×{weight:.2}"), t.muted));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), parts);
        grid
    } else {
        area
    };
    let cols = if area.width >= 150 { 3 } else { 2 };
    let rows = HEADLINES.len().div_ceil(cols);
    let row_areas = Layout::vertical((0..rows).map(|_| Constraint::Fill(1))).split(area);
    for (r, row) in row_areas.iter().enumerate() {
        let cells = Layout::horizontal((0..cols).map(|_| Constraint::Fill(1))).split(*row);
        for (c, cell) in cells.iter().enumerate() {
            let Some(tile) = HEADLINES.get(r * cols + c).and_then(|k| d.tile(k)) else {
                continue;
            };
            let value = format::value(tile.unit, tile.value, &sign);
            // The standup figure is compared with the last standup when there was one.
            let before = match &st.previous {
                Some(_) => st.before(tile.key),
                None => tile.previous,
            };
            let delta = format::delta(
                tile.unit,
                tile.value,
                before,
                tile.higher_is_better,
                &sign,
                t,
            );
            let inner = Rect {
                x: cell.x + 2,
                width: cell.width.saturating_sub(4),
                ..*cell
            };
            let big_h = 4;
            let [label, big, change] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(big_h.min(inner.height.saturating_sub(2))),
                Constraint::Length(1),
            ])
            .flex(ratatui::layout::Flex::Center)
            .areas(inner);
            f.render_widget(
                Paragraph::new(Line::styled(tile.label.to_uppercase(), t.muted)),
                label,
            );
            let ascii: String = value
                .chars()
                .map(|ch| match ch {
                    '−' => '-',
                    '×' => 'x',
                    c => c,
                })
                .collect();
            let fits = big.height >= 4 && ascii.chars().count() as u16 * 4 <= big.width;
            if fits {
                let text = BigText::builder()
                    .pixel_size(PixelSize::Quadrant)
                    .style(t.text.add_modifier(Modifier::BOLD))
                    .lines(vec![Line::from(ascii)])
                    .build();
                f.render_widget(text, big);
            } else {
                f.render_widget(
                    Paragraph::new(Line::styled(value, t.text.add_modifier(Modifier::BOLD))),
                    big,
                );
            }
            let since = if st.previous.is_some() {
                " since last standup"
            } else {
                " vs previous period"
            };
            f.render_widget(
                Paragraph::new(Line::from(vec![delta, Span::styled(since, t.muted)]))
                    .alignment(Alignment::Left),
                change,
            );
        }
    }
}
