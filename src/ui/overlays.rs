//! Overlays: help and confirm, each a cleared box over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::{centered, pane_block};
use crate::app::overlay::Confirm;
use crate::app::{App, Context, Overlay};

pub fn render(app: &App, o: &Overlay, f: &mut Frame, area: Rect, t: &Theme) {
    match o {
        Overlay::Help { contexts, scroll } => help(app, contexts, *scroll, f, area, t),
        Overlay::Confirm(c) => confirm(c, f, area, t),
    }
}

fn help(app: &App, contexts: &[Context], scroll: usize, f: &mut Frame, area: Rect, t: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    for ctx in contexts {
        let rows: Vec<_> = app.keymap.of(*ctx).collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(ctx.title().to_string(), t.title));
        for b in rows {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            let keys = keys.join(" ");
            let pad = 16usize.saturating_sub(keys.width());
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}"), t.accent),
                Span::raw(" ".repeat(pad)),
                Span::styled(b.description.to_string(), t.text),
            ]));
        }
    }
    let rect = centered(area, 84, area.height.saturating_sub(2));
    let inner_h = rect.height.saturating_sub(2) as usize;
    let max_scroll = lines.len().saturating_sub(inner_h);
    let scroll = scroll.min(max_scroll);
    let more = if max_scroll > 0 {
        format!(" j/k scroll ({}/{}) ", scroll, max_scroll)
    } else {
        String::new()
    };
    let title = Line::from(vec![
        Span::styled(" Keys ", t.title),
        Span::styled(
            "· Esc closes · every key is listed in docs/KEYS.md ",
            t.muted,
        ),
        Span::styled(more, t.muted),
    ]);
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(pane_block(title, true, t))
            .scroll((scroll as u16, 0)),
        rect,
    );
}

fn confirm(c: &Confirm, f: &mut Frame, area: Rect, t: &Theme) {
    let rect = centered(area, 56, 7);
    let lines = vec![
        Line::styled(c.message.clone(), t.text),
        Line::raw(""),
        Line::from(vec![
            Span::styled(" y ", t.accent.add_modifier(Modifier::REVERSED)),
            Span::styled(" yes    ", t.text),
            Span::styled(" n ", t.accent.add_modifier(Modifier::REVERSED)),
            Span::styled(" no", t.text),
        ]),
    ];
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines)
            .block(pane_block(
                Line::styled(format!(" {} ", c.title), t.warning),
                true,
                t,
            ))
            .wrap(Wrap { trim: true }),
        rect,
    );
}
