//! The Advocates screen's Orbit distribution, its movers and the referral tree.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format;
use super::lists::table;
use super::pane_block;
use super::theme::Theme;
use crate::app::App;

/// Orbit levels with a bar each, the movers, and the tree.
pub fn extras(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let o = &app.dashboard().orbit;
    let [dist, tree] = Layout::vertical([Constraint::Length(9), Constraint::Fill(1)]).areas(area);
    let [levels, movers] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(dist);
    let block = pane_block(Line::styled(" Orbit levels ", t.title), false, t);
    let inner = block.inner(levels);
    f.render_widget(block, levels);
    let most = o.levels.iter().copied().max().unwrap_or(0).max(1);
    let mut lines = Vec::new();
    for (i, n) in o.levels.iter().enumerate() {
        let label = format!("Orbit {} ", i + 1);
        let count = format!(" {n}");
        let room = (inner.width as usize).saturating_sub(label.len() + count.len() + 1);
        let bar = (*n as usize * room).div_ceil(most as usize).min(room);
        lines.push(Line::from(vec![
            Span::styled(label, t.text),
            Span::styled("█".repeat(bar), t.accent),
            Span::styled(count, t.text),
        ]));
        let level = u8::try_from(i + 1).unwrap_or(4);
        lines.push(Line::styled(
            format!("  {}", crate::metrics::level_name(level)),
            t.muted,
        ));
    }
    f.render_widget(Paragraph::new(lines), inner);

    let up = o.movers.iter().filter(|m| m.moved_up()).count();
    let down = o.movers.len() - up;
    let block = pane_block(
        Line::from(vec![
            Span::styled(" Movers ", t.title),
            Span::styled(format!("▲ {up} closer · ▼ {down} further "), t.muted),
        ]),
        false,
        t,
    );
    let inner = block.inner(movers);
    f.render_widget(block, movers);
    if o.movers.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "Nobody changed level since the previous period.",
                t.muted,
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
    } else {
        let lines: Vec<Line> = o
            .movers
            .iter()
            .take(inner.height as usize)
            .map(|m| {
                let (glyph, style) = if m.moved_up() {
                    ("▲", t.positive)
                } else {
                    ("▼", t.negative)
                };
                let w = (inner.width as usize).saturating_sub(10);
                Line::from(vec![
                    Span::styled(format!("{glyph} {}→{} ", m.from_level, m.to_level), style),
                    Span::styled(format::fit(&m.name, w), t.text),
                ])
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }
    referral_tree(app, f, tree, t);
}

pub fn referral_tree(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let o = &app.dashboard().orbit;
    let st = &app.tree;
    let rows = o.visible(&st.collapsed);
    let hint = if st.focused {
        "↑↓ move · space folds · Enter opens · r back "
    } else {
        "r to move in it "
    };
    let block = pane_block(
        Line::from(vec![
            Span::styled(" Referral tree ", t.title),
            Span::styled(format!("{} people · {hint}", o.referrals.len()), t.muted),
        ]),
        st.focused,
        t,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "No referrals yet: `referred_by` on a contact, or a referral logged, grows it.",
                t.muted,
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let selected = st.focused.then_some(&st.list);
    table(
        f,
        inner,
        &["Who brought whom", "Brought"],
        &[Constraint::Fill(1), Constraint::Length(7)],
        rows.len(),
        selected,
        t,
        &|i, w| {
            let r = rows[i];
            let fold = if r.descendants == 0 {
                "  "
            } else if st.collapsed.contains(&r.contact) {
                "▸ "
            } else {
                "▾ "
            };
            let indent = "  ".repeat(r.depth.min(12) as usize);
            let cycle = if r.in_cycle { " (loop)" } else { "" };
            let label = format!("{indent}{fold}{}{cycle}", r.name);
            Row::new(vec![
                Cell::from(format::fit(&label, w[0])),
                Cell::from(Span::styled(
                    format!("{:>w$}", r.descendants, w = w[1]),
                    t.muted,
                )),
            ])
        },
    );
}
