//! The start screen: KPI tiles with their change, then the four panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::format::{self, currency_sign};
use super::theme::Theme;
use super::{pane_block, pane_title, panes};
use crate::app::dashboard::Tile;
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
    let sign = currency_sign(&app.store.settings.currency);
    tiles_row(&app.dashboard().tiles, &sign, f, area, t);
}

/// Figures side by side, each its label, its value and its change (three rows).
pub(crate) fn tiles_row(tiles: &[Tile], sign: &str, f: &mut Frame, area: Rect, t: &Theme) {
    for (tile, cell) in tiles.iter().zip(even_columns(area, tiles.len())) {
        let w = cell.width.saturating_sub(1) as usize;
        let lines = vec![
            Line::styled(format!(" {}", format::fit(tile.label, w)), t.muted),
            Line::from(Span::styled(
                format!(" {}", format::value(tile.unit, tile.value, sign)),
                t.text.add_modifier(Modifier::BOLD),
            )),
            Line::from(vec![Span::raw(" "), format::tile_delta(tile, sign, t)]),
        ];
        f.render_widget(Paragraph::new(lines), cell);
    }
}

/// `area` cut into `n` columns whose widths differ by one at most, the wider ones spread along
/// the row. Worked out directly: the layout solver took a quarter of the first frame's drawing
/// for these eight ratios (the next frames find them in ratatui's layout cache).
fn even_columns(area: Rect, n: usize) -> impl Iterator<Item = Rect> {
    let n = u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    let edge = move |i: u32| area.x + (u32::from(area.width) * i / n) as u16;
    (0..n).map(move |i| Rect {
        x: edge(i),
        width: edge(i + 1) - edge(i),
        ..area
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns cover the row exactly, side by side, none more than one wider than another.
    #[test]
    fn even_columns_share_the_row() {
        for width in 0..=250u16 {
            for n in 1..=9 {
                let area = Rect::new(3, 1, width, 3);
                let cols: Vec<Rect> = even_columns(area, n).collect();
                assert_eq!(cols.len(), n);
                assert_eq!(cols[0].x, 3);
                for pair in cols.windows(2) {
                    assert_eq!(pair[0].right(), pair[1].x);
                }
                assert_eq!(cols[n - 1].right(), area.right());
                let (lo, hi) = (
                    cols.iter().map(|c| c.width).min().unwrap(),
                    cols.iter().map(|c| c.width).max().unwrap(),
                );
                assert!(hi - lo <= 1, "{width} / {n}: {cols:?}");
                assert!(cols.iter().all(|c| c.y == 1 && c.height == 3));
            }
        }
    }
}
