//! The Churn and Advocates panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format::{self, currency_sign};
use super::lists::table;
use super::panes::bars;
use super::theme::Theme;
use crate::app::dashboard::Unit;
use crate::app::{App, Screen};

pub fn churn(app: &App, f: &mut Frame, area: Rect, t: &Theme, detail: bool) {
    let d = app.dashboard();
    let c = &d.churn;
    let sign = currency_sign(&app.store.settings.currency);
    let rate = d.tile("churn_rate");
    let summary = Line::from(vec![
        Span::styled("Churn ", t.muted),
        Span::styled(
            format::value(Unit::Percent, rate.and_then(|r| r.value), &sign),
            t.text.add_modifier(Modifier::BOLD),
        ),
        Span::raw(" "),
        rate.map_or(Span::raw(""), |r| format::tile_delta(r, &sign, t)),
        Span::styled(
            format!(
                " in the period: {} of the {} members at its start",
                c.churned, c.active_at_start
            ),
            t.muted,
        ),
    ]);
    let chart_h = if detail || area.height >= 24 {
        9
    } else {
        (area.height.saturating_sub(1) / 2).clamp(2, 5)
    };
    let [head, chart, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(chart_h),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(summary), head);
    let series: Vec<(String, u64, String)> = c
        .months
        .iter()
        .map(|(m, r)| {
            let pct = r.map_or(0, |r| (r * 1000.0).round() as u64);
            let text = r.map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
            (m.clone(), pct, text)
        })
        .collect();
    let chart = if chart_h > 5 {
        let [title, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(chart);
        f.render_widget(
            Paragraph::new(Line::styled("Monthly churn rate", t.muted)),
            title,
        );
        rest
    } else {
        chart
    };
    // The peak month and the latest are named under the chart, whatever its width.
    let peak = series
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, v, _))| (*v, *i))
        .map(|(i, _)| i);
    let marks: Vec<usize> = peak
        .into_iter()
        .chain(series.len().checked_sub(1))
        .collect();
    // The current month is cut short by the as-of date: its rate covers fewer days.
    let mut partial = vec![false; series.len()];
    if let Some(last) = partial.last_mut() {
        *last = app.as_of != app.as_of.last_of_month();
    }
    bars(f, chart, &series, &partial, &marks, t.warning, t);
    if list.height < 2 {
        return;
    }
    let selected =
        (detail && app.screen == Screen::Pane(crate::app::PaneId::Churn)).then_some(&app.pane_list);
    let title = Line::from(vec![
        Span::styled("At risk ", t.text.add_modifier(Modifier::BOLD)),
        Span::styled(format!("({})", c.at_risk.len()), t.warning),
        Span::styled(
            format!(" · {} members · {} lapsed", c.active, c.lapsed),
            t.muted,
        ),
    ]);
    let [title_area, rows_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(list);
    f.render_widget(Paragraph::new(title), title_area);
    table(
        f,
        rows_area,
        &["Name", "Silent", "Why"],
        &[
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Fill(3),
        ],
        c.at_risk.len(),
        selected,
        t,
        &|i, w| {
            let r = &c.at_risk[i];
            Row::new(vec![
                Cell::from(format::fit(&r.name, w[0])),
                Cell::from(Span::styled(format!("{:>4}d", r.days_silent), t.warning)),
                Cell::from(Span::styled(format::fit(&r.reason, w[2]), t.muted)),
            ])
        },
    );
}

pub fn advocates(app: &App, f: &mut Frame, area: Rect, t: &Theme, detail: bool) {
    let d = app.dashboard();
    let rows = &d.advocates;
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No advocates yet: referrals, shares and promoters show up here.",
                t.muted,
            )),
            area,
        );
        return;
    }
    let today = app.as_of;
    let selected =
        (detail && app.screen == Screen::Pane(crate::app::PaneId::Advocates) && !app.tree.focused)
            .then_some(&app.pane_list);
    let mut header = vec!["#", "Name", "Score", "Orbit", "Refs", "Last touch"];
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(10),
    ];
    if !detail && area.width < 44 {
        header.pop();
        widths.pop();
    }
    let wide = area.width >= 90;
    if wide {
        // Room for the reasons: the name stops growing and "why" takes the rest.
        widths[1] = Constraint::Max(28);
        header.push("Why");
        widths.push(Constraint::Fill(1));
    }
    let cols = header.len();
    table(
        f,
        area,
        &header,
        &widths,
        rows.len(),
        selected,
        t,
        &|i, w| {
            let r = &rows[i];
            let mut cells = vec![
                Cell::from(Span::styled(format!("{:>2}", i + 1), t.muted)),
                Cell::from(format::fit(&r.name, w[1])),
                Cell::from(Span::styled(
                    format!("{:>5.1}", r.score),
                    t.text.add_modifier(Modifier::BOLD),
                )),
                Cell::from(Span::styled(
                    format!("  L{}", r.level),
                    if r.level <= 2 { t.positive } else { t.muted },
                )),
                Cell::from(format!("{:>4}", r.referrals)),
                Cell::from(Span::styled(format::ago(r.last_touch, today), t.muted)),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(format::fit(&r.why, w[6]), t.muted)));
            }
            cells.truncate(cols);
            Row::new(cells)
        },
    );
}
