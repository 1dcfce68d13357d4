//! The four overview panes, compact (in the grid, in standup slides) and full-screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, Chart, Dataset, GraphType, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::format::{self, currency_sign};
use super::theme::Theme;
use super::{pane_block, pane_title, people};
use crate::app::dashboard::{Dashboard, Unit};
use crate::app::{App, PaneId};

pub fn compact(app: &App, pane: PaneId, f: &mut Frame, area: Rect, t: &Theme) {
    match pane {
        PaneId::Engagement => engagement(app, f, area, t, false),
        PaneId::Sentiment => sentiment(app, f, area, t, false),
        PaneId::Churn => people::churn(app, f, area, t, false),
        PaneId::Advocates => people::advocates(app, f, area, t, false),
    }
}

/// One pane full-screen, with more detail and (for lists) a selection.
pub fn full(app: &App, pane: PaneId, f: &mut Frame, area: Rect, t: &Theme) {
    let block = pane_block(pane_title(pane, true, t), true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    match pane {
        PaneId::Engagement => engagement(app, f, inner, t, true),
        PaneId::Sentiment => sentiment(app, f, inner, t, true),
        PaneId::Churn => people::churn(app, f, inner, t, true),
        PaneId::Advocates => {
            // The table, then the Orbit levels, movers and the referral tree: beside it on a
            // wide terminal, under it on a narrow one.
            // On a narrow terminal the tree takes the screen while it has the keys.
            if inner.width < 110 && app.tree.focused {
                super::orbit::referral_tree(app, f, inner, t);
                return;
            }
            let (table, extras) = if inner.width >= 110 {
                let [a, b] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(inner);
                (a, b)
            } else {
                let [a, b] =
                    Layout::vertical([Constraint::Fill(1), Constraint::Fill(2)]).areas(inner);
                (a, b)
            };
            people::advocates(app, f, table, t, true);
            super::orbit::extras(app, f, extras, t);
        }
    }
}

/// A vertical bar chart that keeps the latest bars when they do not all fit, with labels under
/// the bars when they are wide enough for them, else an axis under the chart naming the first,
/// middle and last bars. Bars the period cuts short (`partial`, aligned with `data`; empty for
/// none) are drawn dimmer and their labels marked `*`, so a short week does not read as a fall.
/// `marks` (positions in `data`) names those bars on the axis with their values instead (the
/// churn pane's peak and latest month).
#[allow(clippy::too_many_arguments)]
pub(crate) fn bars(
    f: &mut Frame,
    area: Rect,
    data: &[(String, u64, String)],
    partial: &[bool],
    marks: &[usize],
    style: Style,
    t: &Theme,
) {
    if data.is_empty() || area.height < 2 || area.width < 2 {
        return;
    }
    let fit = area.width.div_ceil(2).max(1) as usize;
    let from = data.len().saturating_sub(fit);
    let shown = &data[from..];
    let cut = |i: usize| partial.get(from + i).copied().unwrap_or(false);
    let n = shown.len() as u16;
    let width = ((area.width + 1) / n).saturating_sub(1).clamp(1, 7);
    let label_of = |i: usize| {
        let l = &shown[i].0;
        if cut(i) { format!("{l}*") } else { l.clone() }
    };
    let per_bar =
        area.height >= 4 && (0..shown.len()).all(|i| label_of(i).width() <= width as usize);
    // Without room for a label under each bar, one row under the chart names a few.
    let axis = (!per_bar || !marks.is_empty()) && area.height >= 3;
    let per_bar = per_bar && marks.is_empty();
    let chart_area = if axis {
        Rect {
            height: area.height - 1,
            ..area
        }
    } else {
        area
    };
    let list: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, (_, v, text))| {
            let bar_style = if cut(i) { t.muted } else { style };
            let mut b = Bar::new(*v)
                .style(bar_style)
                .value_style(bar_style.add_modifier(Modifier::REVERSED))
                .text_value(if text.width() <= width as usize {
                    text.clone()
                } else {
                    String::new()
                });
            if per_bar {
                b = b.label(Line::from(label_of(i)));
            }
            b
        })
        .collect();
    let chart = BarChart::new(list)
        .bar_width(width)
        .bar_gap(1)
        .bar_style(style)
        .value_style(style.add_modifier(Modifier::REVERSED))
        .label_style(t.muted);
    f.render_widget(chart, chart_area);
    if axis {
        let row = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let shown_marks: Vec<usize> = marks
            .iter()
            .filter_map(|m| m.checked_sub(from))
            .filter(|m| *m < shown.len())
            .collect();
        let text = if shown_marks.is_empty() {
            axis_line(shown.len(), width, row.width, &[], &label_of)
        } else {
            let with_value = |i: usize| format!("{} {}", label_of(i), shown[i].2);
            axis_line(shown.len(), width, row.width, &shown_marks, &with_value)
        };
        f.render_widget(Paragraph::new(text).style(t.muted), row);
    }
}

/// The axis under a bar chart: the labels of `marks`, or of the first, middle and last bars,
/// each where its bar starts (one past the middle ends where its bar ends), as many as fit
/// without touching, the later marks first.
fn axis_line(
    n: usize,
    width: u16,
    room: u16,
    marks: &[usize],
    label_of: &dyn Fn(usize) -> String,
) -> String {
    let mut line: Vec<char> = vec![' '; room as usize];
    let step = (width + 1) as usize;
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut place = |start: usize, text: &str| {
        let w = text.width();
        let end = start + w;
        if end > line.len() || taken.iter().any(|(a, b)| start < b + 1 && *a < end + 1) {
            return;
        }
        for (k, ch) in text.chars().enumerate() {
            line[start + k] = ch;
        }
        taken.push((start, end));
    };
    if n == 0 {
        return String::new();
    }
    if !marks.is_empty() {
        let mut order = marks.to_vec();
        order.sort_unstable_by(|a, b| b.cmp(a));
        for i in order {
            let text = label_of(i);
            let start = if i > n / 2 {
                ((i * step) + width as usize).saturating_sub(text.width())
            } else {
                i * step
            };
            place(
                start.min((room as usize).saturating_sub(text.width())),
                &text,
            );
        }
        return line.into_iter().collect();
    }
    let last = label_of(n - 1);
    let last_end = ((n - 1) * step + width as usize).min(room as usize);
    place(0, &label_of(0));
    if n > 1 {
        place(last_end.saturating_sub(last.width()), &last);
    }
    if n > 2 {
        place((n / 2) * step, &label_of(n / 2));
    }
    line.into_iter().collect()
}

/// `name ███████ 120` rows for the biggest items.
pub(crate) fn ranked(items: &[(String, u64)], area: Rect, t: &Theme) -> Vec<Line<'static>> {
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let w = area.width as usize;
    let name_w = (w / 3).clamp(4, 16);
    let num_w = items
        .iter()
        .map(|i| i.1.to_string().len())
        .max()
        .unwrap_or(1);
    let bar_w = w.saturating_sub(name_w + num_w + 2);
    items
        .iter()
        .take(area.height as usize)
        .map(|(name, n)| {
            let len = ((*n as f64 / max as f64) * bar_w as f64).round().max(1.0) as usize;
            Line::from(vec![
                Span::styled(format!("{} ", format::cell(name, name_w)), t.text),
                Span::styled("█".repeat(len.min(bar_w)), t.accent),
                Span::styled(
                    format!("{:>pad$}", n, pad = bar_w - len.min(bar_w) + num_w + 1),
                    t.text,
                ),
            ])
        })
        .collect()
}

/// A big enough pane shows the detail even in the overview grid.
fn roomy(area: Rect) -> bool {
    area.width >= 90 && area.height >= 20
}

fn engagement(app: &App, f: &mut Frame, area: Rect, t: &Theme, detail: bool) {
    let detail = detail || roomy(area);
    let d = app.dashboard();
    let e = &d.engagement;
    let rate = format::value(Unit::Percent, tile_value(d, "engagement_rate"), "");
    let summary = Line::from(vec![
        Span::styled(
            format!("{}", e.interactions),
            t.text.add_modifier(Modifier::BOLD),
        ),
        Span::styled(" inbound · ", t.muted),
        Span::styled(
            format!("{}/{}", e.active, e.contacts),
            t.text.add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!(" engaged ({rate})"), t.muted),
    ]);
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    f.render_widget(Paragraph::new(summary), head);
    if e.interactions == 0 {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No inbound interactions in this period.",
                t.muted,
            )),
            body,
        );
        return;
    }
    let series: Vec<(String, u64, String)> = e
        .series
        .iter()
        .map(|(l, n)| (l.clone(), *n, n.to_string()))
        .collect();
    let split = if detail { 60 } else { 55 };
    let [chart, side] =
        Layout::horizontal([Constraint::Percentage(split), Constraint::Fill(1)]).areas(body);
    let chart_area = if detail {
        let [title, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(chart);
        f.render_widget(
            Paragraph::new(Line::styled("Inbound interactions per bucket", t.muted)),
            title,
        );
        rest
    } else {
        chart
    };
    // A bar chart taller than this says nothing more.
    let [chart_area, _] =
        Layout::vertical([Constraint::Max(14), Constraint::Fill(1)]).areas(chart_area);
    bars(f, chart_area, &series, &e.partial, &[], t.accent, t);
    let side = Rect {
        x: side.x + 1,
        width: side.width.saturating_sub(1),
        ..side
    };
    if detail {
        let [ch, kinds] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(side);
        list_with_title(f, ch, "Top channels", &e.channels, t);
        list_with_title(f, kinds, "By kind", &e.kinds, t);
    } else {
        f.render_widget(Paragraph::new(ranked(&e.channels, side, t)), side);
    }
}

fn list_with_title(f: &mut Frame, area: Rect, title: &str, items: &[(String, u64)], t: &Theme) {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(title.to_string(), t.muted)),
        head,
    );
    f.render_widget(Paragraph::new(ranked(items, body, t)), body);
}

fn tile_value(d: &Dashboard, key: &str) -> Option<f64> {
    d.tile(key).and_then(|t| t.value)
}

/// The positive / neutral / negative split as a bar of three different glyphs, so the parts
/// are told apart without colour.
fn distribution(pos: u64, neu: u64, neg: u64, width: usize, t: &Theme) -> Line<'static> {
    let total = (pos + neu + neg).max(1) as f64;
    let share = |n: u64| ((n as f64 / total) * width as f64).round() as usize;
    let (p, n) = (share(pos), share(neg));
    let m = width.saturating_sub(p + n);
    Line::from(vec![
        Span::styled("█".repeat(p), t.positive),
        Span::styled("▒".repeat(m), t.muted),
        Span::styled("░".repeat(n), t.negative),
    ])
}

fn sentiment(app: &App, f: &mut Frame, area: Rect, t: &Theme, detail: bool) {
    let detail = detail || roomy(area);
    let d = app.dashboard();
    let s = &d.sentiment;
    let sign = currency_sign(&app.store.settings.currency);
    let net = d.tile("net_sentiment");
    let nps = d.tile("nps");
    let total = s.positive + s.neutral + s.negative;
    let bold = t.text.add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(vec![
        Span::styled("Net ", t.muted),
        Span::styled(
            format::value(Unit::Signed, net.and_then(|n| n.value), &sign),
            bold,
        ),
        Span::raw(" "),
        net.map_or(Span::raw(""), |n| format::tile_delta(n, &sign, t)),
        Span::styled("  avg ", t.muted),
        Span::styled(
            s.average.map_or("n/a".into(), |a| format::signed(a, 2)),
            t.text,
        ),
    ])];
    if total > 0 {
        lines.push(distribution(
            s.positive,
            s.neutral,
            s.negative,
            area.width.saturating_sub(1) as usize,
            t,
        ));
        let [pos, neu, neg] = format::shares([s.positive, s.neutral, s.negative]);
        lines.push(Line::from(vec![
            Span::styled(format!("+ {pos}% positive  "), t.positive),
            Span::styled(format!("= {neu}%  "), t.muted),
            Span::styled(format!("− {neg}% negative"), t.negative),
        ]));
    } else {
        lines.push(Line::styled(
            "No scored interactions in this period.",
            t.muted,
        ));
    }
    lines.push(Line::from(vec![
        Span::styled("NPS ", t.muted),
        Span::styled(format::value(Unit::Signed, s.nps, &sign), bold),
        Span::raw(" "),
        nps.map_or(Span::raw(""), |n| format::tile_delta(n, &sign, t)),
        Span::styled(
            if area.width >= 60 {
                format!(
                    "  {} promoters · {} passives · {} detractors",
                    s.promoters, s.passives, s.detractors
                )
            } else {
                format!(
                    "  {} pro · {} pas · {} det",
                    s.promoters, s.passives, s.detractors
                )
            },
            t.muted,
        ),
    ]));
    let open = if s.open_negative > 0 {
        t.warning
    } else {
        t.muted
    };
    let mut waiting = vec![
        Span::styled(
            format!("{}", s.open_negative),
            open.add_modifier(Modifier::BOLD),
        ),
        Span::styled(" negative waiting", t.muted),
    ];
    // Notes in another language are in no figure above until someone scores them.
    if s.unscored > 0 {
        waiting.push(Span::styled(" · ", t.muted));
        waiting.push(Span::styled(
            format!("{}", s.unscored),
            t.warning.add_modifier(Modifier::BOLD),
        ));
        waiting.push(Span::styled(" not scored", t.muted));
    }
    waiting.push(Span::styled(" (f: follow-ups)", t.muted));
    lines.push(Line::from(waiting));
    if detail {
        lines.push(Line::from(vec![
            Span::styled("CSAT ", t.muted),
            Span::styled(format::value(Unit::Percent, s.csat, &sign), bold),
            Span::styled("  (ratings of 4-5 out of all ratings)", t.muted),
        ]));
    }
    let used = lines.len() as u16;
    let [top, rest] = Layout::vertical([Constraint::Length(used), Constraint::Fill(1)]).areas(area);
    f.render_widget(Paragraph::new(lines), top);
    if rest.height == 0 {
        return;
    }
    let (trend_area, channels) = if detail {
        let [a, b] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(rest);
        (a, Some(b))
    } else {
        (rest, None)
    };
    let [trend_area, _] =
        Layout::vertical([Constraint::Max(14), Constraint::Fill(1)]).areas(trend_area);
    trend(f, trend_area, &s.trend, t);
    if let Some(area) = channels {
        let area = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(1),
            ..area
        };
        let mut rows = vec![Line::styled("Average sentiment by channel", t.muted)];
        for (ch, avg, n) in s
            .by_channel
            .iter()
            .take(area.height.saturating_sub(1) as usize)
        {
            rows.push(Line::from(vec![
                Span::styled(format::cell(ch, 14), t.text),
                Span::styled(
                    format!("{:>6}", format::sentiment(Some(*avg))),
                    format::sentiment_style(Some(*avg), t),
                ),
                Span::styled(format!("  ({n} scored)"), t.muted),
            ]));
        }
        f.render_widget(Paragraph::new(rows), area);
    }
}

/// Average sentiment per bucket as a line between −1 and +1, with the zero line dotted.
fn trend(f: &mut Frame, area: Rect, buckets: &[(String, Option<f64>)], t: &Theme) {
    if area.height < 3 || buckets.is_empty() {
        return;
    }
    let points: Vec<(f64, f64)> = buckets
        .iter()
        .enumerate()
        .filter_map(|(i, (_, v))| Some((i as f64, (*v)?)))
        .collect();
    if points.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No scored notes in this period: nothing to draw.",
                t.muted,
            )),
            area,
        );
        return;
    }
    let last = (buckets.len().max(2) - 1) as f64;
    let zero = [(0.0, 0.0), (last, 0.0)];
    let kind = if points.len() > 1 {
        GraphType::Line
    } else {
        GraphType::Scatter
    };
    let data = vec![
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(t.muted)
            .data(&zero),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(kind)
            .style(t.accent)
            .data(&points),
    ];
    let first_label = buckets.first().map_or(String::new(), |b| b.0.clone());
    let last_label = buckets.last().map_or(String::new(), |b| b.0.clone());
    let chart = Chart::new(data)
        .x_axis(Axis::default().bounds([0.0, last]).labels([
            Line::styled(first_label, t.muted),
            Line::styled(last_label, t.muted),
        ]))
        .y_axis(Axis::default().bounds([-1.0, 1.0]).labels([
            Line::styled("−1", t.muted),
            Line::styled(" 0", t.muted),
            Line::styled("+1", t.muted),
        ]));
    f.render_widget(chart, area);
}

#[cfg(test)]
mod axis_tests {
    use super::axis_line;

    #[test]
    fn the_axis_names_the_first_middle_and_last_bars_where_they_fit() {
        let labels = ["Nov 5*", "Nov 9", "Nov 16", "Nov 23", "Nov 30*"];
        let of = |i: usize| labels[i].to_string();
        // Five bars three wide with a gap: 19 columns; the middle label would touch the last.
        let line = axis_line(5, 3, 19, &[], &of);
        assert!(line.starts_with("Nov 5*"), "{line:?}");
        assert!(line.trim_end().ends_with("Nov 30*"), "{line:?}");
        assert!(!line.contains("Nov 16"), "no room for the middle: {line:?}");
        // With room, the middle one is named where its bar starts.
        let line = axis_line(5, 6, 35, &[], &of);
        assert_eq!(line.find("Nov 16"), Some(14), "{line:?}");
        assert!(line.chars().count() == 35);
    }

    #[test]
    fn marks_name_the_bars_asked_for_with_their_values() {
        let of = |i: usize| format!("M{i} {}%", i * 2);
        let line = axis_line(12, 2, 36, &[4, 11], &of);
        assert_eq!(
            line.find("M4 8%"),
            Some(12),
            "the peak where its bar starts: {line:?}"
        );
        assert!(
            line.trim_end().ends_with("M11 22%"),
            "the latest ends at its bar: {line:?}"
        );
    }
}
