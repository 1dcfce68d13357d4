//! The start screen: KPI tiles with their change, then the four panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::format::{self, currency_sign};
use super::theme::Theme;
use super::{pane_block, pane_title, panes};
use crate::app::{App, PaneId};

pub fn render(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let [tiles, grid] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    render_tiles(app, f, tiles, t);
    let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(grid);
    let [a, b] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(top);
    let [c, d] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
    for (pane, rect) in PaneId::ALL.into_iter().zip([a, b, c, d]) {
        let focused = app.overview_focus == pane;
        let block = pane_block(pane_title(pane, focused, t), focused, t);
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        panes::compact(app, pane, f, inner, t);
    }
}

fn render_tiles(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let sign = currency_sign(&app.store.settings.currency);
    let n = d.tiles.len() as u32;
    let cells = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(area);
    for (tile, cell) in d.tiles.iter().zip(cells.iter()) {
        let w = cell.width.saturating_sub(1) as usize;
        let lines = vec![
            Line::styled(format!(" {}", format::fit(tile.label, w)), t.muted),
            Line::from(Span::styled(
                format!(" {}", format::value(tile.unit, tile.value, &sign)),
                t.text.add_modifier(Modifier::BOLD),
            )),
            Line::from(vec![Span::raw(" "), format::tile_delta(tile, &sign, t)]),
        ];
        f.render_widget(Paragraph::new(lines), *cell);
    }
}
