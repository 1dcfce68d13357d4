//! Drawing forms. Each form is a widget (`frame.render_widget(&form, area)`) that clears its
//! area and draws a bordered box; [`draw`] also places the terminal cursor in the focused field.
//!
//! Layout, top to bottom: one row per field (label, input, a hint on the right), the picker's
//! matches under a focused contact field, the validation message under a field that has one,
//! then a footer with the keys or the question being asked. The layout is computed by one
//! function used for drawing, for the cursor and for the height, so they always agree.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Widget};
use unicode_width::UnicodeWidthStr;

use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::picker::Row;
use super::{ContactForm, IntentForm, InvestmentForm, LogForm, QuickLogForm, TagForm};
use crate::sanitize;

/// Rows given to a note.
pub const NOTE_ROWS: u16 = 3;

/// Styles by role. The dashboard passes its own theme; the default reads on dark and light
/// terminals alike, and meaning never rests on colour alone (glyphs mark focus and errors).
#[derive(Clone, Debug, PartialEq)]
pub struct FormTheme {
    pub border: Style,
    pub title: Style,
    pub label: Style,
    pub focused_label: Style,
    pub muted: Style,
    pub error: Style,
    pub warning: Style,
    pub selected: Style,
}

impl Default for FormTheme {
    fn default() -> Self {
        FormTheme {
            border: Style::default().fg(Color::Cyan),
            title: Style::default().add_modifier(Modifier::BOLD),
            label: Style::default(),
            focused_label: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            muted: Style::default().fg(Color::DarkGray),
            error: Style::default().fg(Color::Red),
            warning: Style::default().fg(Color::Yellow),
            selected: Style::default().add_modifier(Modifier::REVERSED),
        }
    }
}

impl FormTheme {
    /// No colours at all (`NO_COLOR`, mono theme): emphasis by weight and reverse video only.
    pub fn mono() -> FormTheme {
        let plain = Style::default();
        FormTheme {
            border: plain,
            title: plain.add_modifier(Modifier::BOLD),
            label: plain,
            focused_label: plain.add_modifier(Modifier::BOLD),
            muted: plain.add_modifier(Modifier::DIM),
            error: plain.add_modifier(Modifier::BOLD),
            warning: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
        }
    }
}

/// Where one field is drawn.
struct Slot {
    field: usize,
    label: Rect,
    input: Rect,
    /// Picker rows (empty unless the picker is focused and searching).
    list: Rect,
    error: Option<Rect>,
}

fn label_width(form: &Form) -> u16 {
    let widest = form
        .fields
        .iter()
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0);
    widest as u16 + 3 // focus mark, space, label, space
}

/// Greedy word wrap by display width; a word wider than the line is cut where it must be.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if line.width() + w > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn error_lines(field: &Field, width: u16) -> Vec<String> {
    match &field.error {
        // A hanging indent keeps the message's later lines clear of the ✗.
        Some(e) => wrap(&sanitize::line(e), (width as usize).saturating_sub(2))
            .into_iter()
            .enumerate()
            .map(|(i, l)| format!("{}{l}", if i == 0 { "✗ " } else { "  " }))
            .collect(),
        None => Vec::new(),
    }
}

/// Rows of a field: its input, the picker's list, its message.
fn field_rows(field: &Field, focused: bool, input_width: u16) -> (u16, u16, u16) {
    let main = if field.is_multiline() { NOTE_ROWS } else { 1 };
    let list = match &field.input {
        Input::Contact(p) if focused => p.rows().len() as u16,
        _ => 0,
    };
    (main, list, error_lines(field, input_width).len() as u16)
}

fn footer_rows(status: Option<&str>) -> u16 {
    1 + u16::from(status.is_some())
}

/// The area inside the border and padding.
fn inner_of(area: Rect) -> Rect {
    frame_block("", &FormTheme::default()).inner(area)
}

/// The height the form would like at this width, borders included.
pub fn form_height(form: &Form, width: u16) -> u16 {
    let inner = inner_of(Rect::new(0, 0, width, u16::MAX / 2));
    let input_width = inner
        .width
        .saturating_sub(label_width(form).min(inner.width / 3));
    let body: u16 = form
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.visible)
        .map(|(i, f)| {
            let (a, b, c) = field_rows(f, i == form.focus(), input_width);
            a + b + c
        })
        .sum();
    body + footer_rows(form.status()) + 2
}

/// Places the shown fields in `inner`, scrolling so the focused field is on screen.
fn layout(form: &Form, inner: Rect) -> Vec<Slot> {
    let avail = inner.height.saturating_sub(footer_rows(form.status()));
    let lw = label_width(form).min(inner.width / 3);
    let input_width = inner.width.saturating_sub(lw);
    let shown: Vec<(usize, (u16, u16, u16))> = form
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.visible)
        .map(|(i, f)| (i, field_rows(f, i == form.focus(), input_width)))
        .collect();
    let total =
        |s: &[(usize, (u16, u16, u16))]| -> u16 { s.iter().map(|(_, r)| r.0 + r.1 + r.2).sum() };
    // Drop fields from the top until everything up to the focused one fits.
    let focus_at = shown
        .iter()
        .position(|(i, _)| *i == form.focus())
        .unwrap_or(0);
    let mut start = 0;
    while start < focus_at && total(&shown[start..=focus_at]) > avail {
        start += 1;
    }
    let mut y = inner.y;
    let bottom = inner.y + avail;
    let mut out = Vec::new();
    for &(i, (main, list, error)) in &shown[start..] {
        if y + main > bottom {
            break;
        }
        let label = Rect::new(inner.x, y, lw, 1);
        let input = Rect::new(inner.x + lw, y, inner.width.saturating_sub(lw), main);
        y += main;
        let list_h = list.min(bottom - y);
        let list_rect = Rect::new(input.x, y, input.width, list_h);
        y += list_h;
        let err = (error > 0 && y < bottom).then(|| {
            let r = Rect::new(input.x, y, input.width, error.min(bottom - y));
            y += r.height;
            r
        });
        out.push(Slot {
            field: i,
            label,
            input,
            list: list_rect,
            error: err,
        });
    }
    out
}

/// Splits an input row into the input and the hint on its right. The input keeps room for its
/// text; a hint that does not fit whole is left out rather than cut (a cut date misleads).
fn split_hint(input: Rect, field: &Field, hint: Option<&str>) -> (Rect, Option<Rect>) {
    let Some(h) = hint else {
        return (input, None);
    };
    let typed = line_text(field).map_or(0, |i| i.text().width()) as u16;
    let need = typed.max(8) + 1;
    let w = h.width() as u16;
    if w + 1 + need > input.width {
        return (input, None);
    }
    let text = Rect::new(input.x, input.y, input.width - w - 1, 1);
    let hint = Rect::new(input.x + input.width - w, input.y, w, 1);
    (text, Some(hint))
}

fn line_text(field: &Field) -> Option<&super::LineInput> {
    match &field.input {
        Input::Text(i)
        | Input::Money(i)
        | Input::Number { input: i, .. }
        | Input::Date { input: i, .. } => Some(i),
        Input::Combo(c) => Some(&c.input),
        Input::Sentiment(s) => Some(&s.input),
        Input::Contact(p) => Some(p.query()),
        _ => None,
    }
}

fn render_field(field: &Field, slot: &Slot, focused: bool, theme: &FormTheme, buf: &mut Buffer) {
    let (mark, label_style) = if focused {
        ("› ", theme.focused_label)
    } else {
        ("  ", theme.label)
    };
    buf.set_stringn(
        slot.label.x,
        slot.label.y,
        format!("{mark}{}", field.label),
        slot.label.width as usize,
        label_style,
    );
    let hint = field.hint(focused);
    let row = Rect::new(slot.input.x, slot.input.y, slot.input.width, 1);
    let (text_rect, hint_rect) = if field.is_multiline() {
        (row, None)
    } else {
        split_hint(row, field, hint.as_deref())
    };
    if let (Some(r), Some(h)) = (hint_rect, &hint) {
        buf.set_stringn(r.x, r.y, sanitize::line(h), r.width as usize, theme.muted);
    }
    match &field.input {
        Input::Note(area) => {
            let block = Block::new()
                .borders(Borders::LEFT)
                .border_style(theme.muted);
            let inner = block.inner(slot.input);
            block.render(slot.input, buf);
            if area.is_empty() && !focused {
                buf.set_stringn(
                    inner.x,
                    inner.y,
                    field.placeholder,
                    inner.width as usize,
                    theme.muted,
                );
            } else {
                area.as_ref().render(inner, buf);
            }
        }
        Input::Choice(c) => {
            let text = if focused {
                format!("◂ {} ▸", c.label())
            } else {
                c.label().to_string()
            };
            buf.set_stringn(
                text_rect.x,
                text_rect.y,
                text,
                text_rect.width as usize,
                Style::default(),
            );
        }
        Input::Checkbox(on) => {
            let text = if *on { "[x] yes" } else { "[ ] no" };
            buf.set_stringn(
                text_rect.x,
                text_rect.y,
                text,
                text_rect.width as usize,
                Style::default(),
            );
        }
        _ => {
            if let Some(input) = line_text(field) {
                let width = text_rect.width as usize;
                if input.is_empty() {
                    buf.set_stringn(
                        text_rect.x,
                        text_rect.y,
                        field.placeholder,
                        width,
                        theme.muted,
                    );
                } else {
                    let (visible, _) = input.visible(width);
                    // Pre-filled text shows selected while focused: typing replaces it.
                    let style = if focused && input.is_prefilled() {
                        theme.selected
                    } else {
                        Style::default()
                    };
                    let (x, _) = buf.set_stringn(text_rect.x, text_rect.y, &visible, width, style);
                    if let (true, Input::Combo(c)) = (focused, &field.input)
                        && let Some(ghost) = c.ghost()
                    {
                        let used = x - text_rect.x;
                        let room = text_rect.width.saturating_sub(used) as usize;
                        buf.set_stringn(x, text_rect.y, sanitize::line(&ghost), room, theme.muted);
                    }
                }
            }
        }
    }
    if let Input::Contact(p) = &field.input {
        for (n, row) in p.rows().iter().enumerate().take(slot.list.height as usize) {
            let y = slot.list.y + n as u16;
            let highlighted = n == p.highlight();
            let (mark, style) = if highlighted {
                ("▸ ", theme.selected)
            } else {
                ("  ", Style::default())
            };
            let text = match row {
                Row::Match(i) => p.index().entries[*i].describe(),
                Row::Create => format!("+ create new contact “{}”", p.query().text().trim()),
            };
            buf.set_stringn(
                slot.list.x,
                y,
                format!("{mark}{}", sanitize::line(&text)),
                slot.list.width as usize,
                style,
            );
        }
    }
    if let Some(r) = slot.error {
        let lines = error_lines(field, r.width);
        for (n, line) in lines.iter().enumerate().take(r.height as usize) {
            buf.set_stringn(r.x, r.y + n as u16, line, r.width as usize, theme.error);
        }
    }
}

fn frame_block<'a>(title: &'a str, theme: &FormTheme) -> Block<'a> {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

fn render_footer(
    form_status: Option<&str>,
    confirming: bool,
    area: Rect,
    buf: &mut Buffer,
    theme: &FormTheme,
    keys: &str,
) {
    let mut y = area.y + area.height.saturating_sub(footer_rows(form_status));
    if let Some(s) = form_status {
        buf.set_stringn(
            area.x,
            y,
            format!("! {}", sanitize::line(s)),
            area.width as usize,
            theme.error,
        );
        y += 1;
    }
    let line = if confirming {
        Line::from(vec![
            Span::styled("Discard what you typed? ", theme.warning),
            Span::raw("y discard · n keep editing"),
        ])
    } else if keys.width() as u16 > area.width {
        Line::from(Span::styled(SHORT_KEYS, theme.muted))
    } else {
        Line::from(Span::styled(keys.to_string(), theme.muted))
    };
    buf.set_line(area.x, y, &line, area.width);
}

const FORM_KEYS: &str = "Tab next · Shift-Tab back · Ctrl-S save · Esc cancel";
const SHORT_KEYS: &str = "Tab · S-Tab · ^S save · Esc";

/// Draws a form into `area` (clearing it first).
pub fn render_form(form: &Form, area: Rect, buf: &mut Buffer, theme: &FormTheme) {
    Clear.render(area, buf);
    let block = frame_block(&form.title, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    for slot in layout(form, inner) {
        let f = slot.field;
        render_field(&form.fields[f], &slot, f == form.focus(), theme, buf);
    }
    render_footer(
        form.status(),
        form.is_confirming_discard(),
        inner,
        buf,
        theme,
        FORM_KEYS,
    );
}

/// Where the terminal cursor goes for the focused field (`None` for choices and checkboxes,
/// and while the form asks whether to discard).
pub fn form_cursor(form: &Form, area: Rect) -> Option<Position> {
    if form.is_confirming_discard() {
        return None;
    }
    let inner = inner_of(area);
    let slot = layout(form, inner)
        .into_iter()
        .find(|s| s.field == form.focus())?;
    let field = &form.fields[slot.field];
    if let Input::Note(area) = &field.input {
        let text = Block::new().borders(Borders::LEFT).inner(slot.input);
        let c = area.screen_cursor();
        let (top_row, top_col) = area.scroll_offset();
        let x = text.x + (c.col as u16).saturating_sub(top_col);
        let y = text.y + (c.row as u16).saturating_sub(top_row);
        return (x < text.right() && y < text.bottom()).then_some(Position::new(x, y));
    }
    let input = line_text(field)?;
    let hint = field.hint(true);
    let row = Rect::new(slot.input.x, slot.input.y, slot.input.width, 1);
    let (text_rect, _) = split_hint(row, field, hint.as_deref());
    let (_, col) = input.visible(text_rect.width as usize);
    Some(Position::new(text_rect.x + col as u16, text_rect.y))
}

/// A form drawn with a given theme: `frame.render_widget(Themed { form: &f, theme: &t }, area)`.
pub struct Themed<'a, F> {
    pub form: &'a F,
    pub theme: &'a FormTheme,
}

/// What every drawable form offers, so the app draws whichever form is open the same way.
pub trait FormView {
    fn render_themed(&self, area: Rect, buf: &mut Buffer, theme: &FormTheme);
    fn cursor(&self, area: Rect) -> Option<Position>;
    /// The height the form would like at this width, borders included.
    fn height(&self, width: u16) -> u16;
}

macro_rules! engine_view {
    ($($t:ty),+) => {$(
        impl FormView for $t {
            fn render_themed(&self, area: Rect, buf: &mut Buffer, theme: &FormTheme) {
                render_form(self.form(), area, buf, theme);
            }
            fn cursor(&self, area: Rect) -> Option<Position> {
                form_cursor(self.form(), area)
            }
            fn height(&self, width: u16) -> u16 {
                form_height(self.form(), width)
            }
        }

        impl Widget for &$t {
            fn render(self, area: Rect, buf: &mut Buffer) {
                self.render_themed(area, buf, &FormTheme::default());
            }
        }
    )+};
}

engine_view!(LogForm, ContactForm, InvestmentForm, TagForm, IntentForm);

impl FormView for QuickLogForm {
    fn render_themed(&self, area: Rect, buf: &mut Buffer, theme: &FormTheme) {
        Clear.render(area, buf);
        let block = frame_block("Quick log", theme);
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width < 4 || inner.height < 2 {
            return;
        }
        buf.set_stringn(inner.x, inner.y, "› ", 2, theme.focused_label);
        let (visible, _) = self.input().visible(inner.width.saturating_sub(2) as usize);
        buf.set_stringn(
            inner.x + 2,
            inner.y,
            visible,
            inner.width as usize - 2,
            Style::default(),
        );
        let (text, style) = match self.preview() {
            Ok(p) => (format!("→ {p}"), Style::default()),
            Err(e) if self.shows_error() => (format!("✗ {e}"), theme.error),
            Err(e) => (e, theme.muted),
        };
        let rows = inner.height.saturating_sub(1 + footer_rows(self.status()));
        let mut lines: Vec<(String, Style)> = wrap(&sanitize::line(&text), inner.width as usize)
            .into_iter()
            .map(|l| (l, style))
            .collect();
        if let Some(w) = self.who() {
            for (i, option) in w.options.iter().enumerate() {
                let on = w.selected == Some(i);
                let label = format!(
                    "{} {}",
                    if on { "▶" } else { " " },
                    sanitize::line(&self.who_label(*option))
                );
                lines.push((label, if on { theme.selected } else { theme.label }));
            }
        }
        for (n, (line, style)) in lines.iter().enumerate().take(rows as usize) {
            let y = inner.y + 1 + n as u16;
            buf.set_stringn(inner.x, y, line, inner.width as usize, *style);
        }
        render_footer(
            self.status(),
            self.is_confirming_discard(),
            inner,
            buf,
            theme,
            "Enter save · Esc cancel · @who kind channel \"note\" +1",
        );
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        if self.is_confirming_discard() {
            return None;
        }
        let inner = inner_of(area);
        let (_, col) = self.input().visible(inner.width.saturating_sub(2) as usize);
        Some(Position::new(inner.x + 2 + col as u16, inner.y))
    }

    fn height(&self, width: u16) -> u16 {
        // Border, the line, the preview as wrapped (at least two rows), the footer.
        let inner = inner_of(Rect::new(0, 0, width, 10));
        let preview = match self.preview() {
            Ok(p) => format!("→ {p}"),
            Err(e) => format!("✗ {e}"),
        };
        let rows = wrap(&preview, inner.width as usize).len().max(2) as u16;
        let choices = self.who().map_or(0, |w| w.options.len() as u16);
        2 + 1 + rows + choices + footer_rows(self.status())
    }
}

impl Widget for &QuickLogForm {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_themed(area, buf, &FormTheme::default());
    }
}

impl<F: FormView> Widget for Themed<'_, F> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.form.render_themed(area, buf, self.theme);
    }
}

/// Draws a form and puts the terminal cursor in its focused field.
pub fn draw<F: FormView>(frame: &mut Frame, form: &F, area: Rect, theme: &FormTheme) {
    form.render_themed(area, frame.buffer_mut(), theme);
    if let Some(p) = form.cursor(area) {
        frame.set_cursor_position(p);
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_only_overlong_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // Wide characters count two columns: 東京 fills a width of 4.
        assert_eq!(wrap("東京 大阪", 4), ["東京", "大阪"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
