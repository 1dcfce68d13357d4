//! Overlays: help, confirm and forms, each a cleared box over the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::format;
use super::theme::Theme;
use super::{centered, pane_block};
use crate::app::overlay::Confirm;
use crate::app::segment_picker::SegmentPicker;
use crate::app::{App, Context, Overlay};
use crate::forms::{ActiveForm, FormTheme, FormView};

/// `top` is whether this overlay is the one taking keys (only it shows the text cursor).
pub fn render(app: &App, o: &Overlay, top: bool, f: &mut Frame, area: Rect, t: &Theme) {
    match o {
        Overlay::Help { contexts, scroll } => help(app, contexts, *scroll, f, area, t),
        Overlay::Confirm(c) => confirm(c, f, area, t),
        Overlay::Form(form) => form_box(form, top, f, area, t),
        Overlay::Segment(p) => segment_box(p, f, area, t),
        Overlay::Merge(m) => super::detail::merge(app, m, f, area, t),
        Overlay::Detail(d) => super::detail::interaction(app, d, f, area, t),
    }
}

/// The segment picker: the query, then the segments that match it with their contacts.
fn segment_box(p: &SegmentPicker, f: &mut Frame, area: Rect, t: &Theme) {
    let w = area.width.saturating_sub(4).min(60);
    let rows = p.shown.len().max(1) as u16;
    let h = (rows + 3).min(area.height.saturating_sub(2)).max(4);
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    let block = pane_block(
        Line::from(vec![
            Span::styled(" Figures for ", t.title),
            Span::styled(
                format!(
                    "{} of {} · type to narrow ",
                    (p.selected + 1).min(p.shown.len()),
                    p.shown.len()
                ),
                t.muted,
            ),
        ]),
        true,
        t,
    );
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let width = inner.width as usize;
    let (text, cursor) = p.query.visible(width.saturating_sub(2));
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", t.accent),
        Span::styled(text, t.text),
    ])];
    let list_height = inner.height.saturating_sub(1) as usize;
    // Keep the selected row in view.
    let first = p.selected.saturating_sub(list_height.saturating_sub(1));
    if p.shown.is_empty() {
        lines.push(Line::styled(
            "No segment matches; Backspace to widen.",
            t.muted,
        ));
    }
    for (i, c) in p.rows().enumerate().skip(first).take(list_height) {
        let count = format!("{} contacts", c.contacts);
        let label_width = width.saturating_sub(count.width() + 3);
        let label = format::cell(&c.label, label_width);
        let style = if i == p.selected { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(if i == p.selected { "▶ " } else { "  " }, style),
            Span::styled(label, style),
            Span::styled(format!(" {count}"), t.muted),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
    f.set_cursor_position((inner.x + 2 + cursor as u16, inner.y));
}

/// The form's roles in the dashboard's theme (mono and `NO_COLOR` included).
fn form_theme(t: &Theme) -> FormTheme {
    FormTheme {
        border: t.focus_border,
        title: t.title,
        label: t.text,
        focused_label: t.accent.add_modifier(Modifier::BOLD),
        muted: t.muted,
        error: t.negative,
        warning: t.warning,
        selected: t.selected,
    }
}

/// A form centred over the screen, as tall as its fields need (cut to the screen when it is
/// small; the focused field is kept in view by the form itself).
fn form_box(form: &ActiveForm, top: bool, f: &mut Frame, area: Rect, t: &Theme) {
    let w = area.width.saturating_sub(4).min(84);
    let h = form.height(w).min(area.height);
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    let theme = form_theme(t);
    if top {
        crate::forms::draw(f, form, rect, &theme);
    } else {
        form.render_themed(rect, f.buffer_mut(), &theme);
    }
}

fn help(app: &App, contexts: &[Context], scroll: usize, f: &mut Frame, area: Rect, t: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    // Over the quick-log line, its grammar comes first: that is what a user looks for there.
    let under = app.overlays.len().checked_sub(2).map(|i| &app.overlays[i]);
    if let Some(Overlay::Form(form)) = under
        && matches!(**form, ActiveForm::Quick(_))
    {
        lines.push(Line::styled("Quick log: words in any order", t.title));
        for (typed, means) in crate::forms::quick::GRAMMAR {
            let pad = 34usize.saturating_sub(typed.width());
            lines.push(Line::from(vec![
                Span::styled(format!("  {typed}"), t.accent),
                Span::raw(" ".repeat(pad)),
                Span::styled(*means, t.text),
            ]));
        }
        lines.push(Line::styled("Examples", t.title));
        for example in crate::forms::quick::GRAMMAR_EXAMPLES {
            lines.push(Line::styled(format!("  {example}"), t.text));
        }
    }
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
