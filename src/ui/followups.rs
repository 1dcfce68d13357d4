//! Follow-ups: stay-in-touch due or overdue, negative feedback waiting for an answer, notes in
//! another language waiting for a person's score, and the last standup's commitments nobody has
//! acted on yet.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format;
use super::lists::table;
use super::pane_block;
use super::theme::Theme;
use crate::app::App;

/// A list's frame: its name and count in the title, the focus marked. Returns the inside, or
/// `None` after drawing `empty` there when the list has nothing.
#[allow(clippy::too_many_arguments)]
fn list_frame(
    f: &mut Frame,
    area: Rect,
    focused: bool,
    name: &str,
    count: String,
    is_empty: bool,
    empty: &str,
    t: &Theme,
) -> Option<Rect> {
    let title = Line::from(vec![
        Span::styled(if focused { " ▶ " } else { " " }, t.muted),
        Span::styled(format!("{name} "), if focused { t.title } else { t.text }),
        Span::styled(format!("{count} "), t.muted),
    ]);
    let block = pane_block(title, focused, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if is_empty {
        f.render_widget(
            Paragraph::new(Line::styled(empty.to_string(), t.muted)),
            inner,
        );
        return None;
    }
    Some(inner)
}

pub fn render(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let st = &app.followups;
    // The last two lists are a line each until something waits in them.
    let line_or_fill = |empty: bool| match empty {
        true => Constraint::Length(3),
        false => Constraint::Fill(1),
    };
    let (third, fourth) = if d.waiting.is_empty() && d.commitments().is_empty() {
        // Both empty: side by side on one line of boxes.
        let [top, bottom, last] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(3),
        ])
        .areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(last);
        ((top, bottom), (left, right))
    } else {
        let [top, bottom, third, fourth] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Fill(1),
            line_or_fill(d.waiting.is_empty()),
            line_or_fill(d.commitments().is_empty()),
        ])
        .areas(area);
        ((top, bottom), (third, fourth))
    };
    let ((top, bottom), (third, fourth)) = (third, fourth);
    waiting(app, f, third, t);
    commitments(app, f, fourth, t);

    let focused = st.focus == 0;
    if let Some(inner) = list_frame(
        f,
        top,
        focused,
        "Stay in touch",
        format!("{} due or overdue", d.due.len()),
        d.due.is_empty(),
        "Nobody is due. Contacts with a stay-in-touch cadence appear here a week before.",
        t,
    ) {
        let today = app.as_of;
        table(
            f,
            inner,
            &["Name", "Cadence", "Last touch", "Due"],
            &[
                Constraint::Fill(2),
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Fill(1),
            ],
            d.due.len(),
            focused.then_some(&st.due),
            t,
            &|i, w| {
                let r = &d.due[i];
                let (due, style) = match r.overdue_days {
                    n if n > 0 => (format!("▲ {n}d overdue"), t.negative),
                    0 => ("due today".to_string(), t.warning),
                    n => (format!("in {}d", -n), t.muted),
                };
                Row::new(vec![
                    Cell::from(format::fit(&r.name, w[0])),
                    Cell::from(Span::styled(format!("{:>4}d", r.cadence_days), t.muted)),
                    Cell::from(format::ago(r.last_touch, today)),
                    Cell::from(Span::styled(due, style)),
                ])
            },
        );
    }

    let focused = st.focus == 1;
    let Some(inner) = list_frame(
        f,
        bottom,
        focused,
        "Negative feedback",
        format!("{} waiting, oldest first", d.negative.len()),
        d.negative.is_empty(),
        "No negative feedback is waiting for an answer.",
        t,
    ) else {
        return;
    };
    table(
        f,
        inner,
        &["Date", "Waiting", "Name", "Channel", "Score", "Note"],
        &[
            Constraint::Length(10),
            Constraint::Length(7),
            Constraint::Fill(2),
            Constraint::Length(9),
            Constraint::Length(7),
            Constraint::Fill(3),
        ],
        d.negative.len(),
        focused.then_some(&st.negative),
        t,
        &|i, w| {
            let r = &d.negative[i];
            Row::new(vec![
                Cell::from(Span::styled(r.date.to_string(), t.muted)),
                Cell::from(Span::styled(format!("{:>5}d", r.days_waiting), t.warning)),
                Cell::from(format::fit(&r.name, w[2])),
                Cell::from(format::fit(&r.channel, w[3])),
                Cell::from(Span::styled(
                    format::sentiment(Some(r.score)),
                    format::sentiment_style(Some(r.score), t),
                )),
                Cell::from(Span::styled(format::fit(&r.note, w[5]), t.muted)),
            ])
        },
    );
}

/// Notes in another language, which automatic sentiment leaves to a person.
fn waiting(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let st = &app.followups;
    let focused = st.focus == 2;
    let Some(inner) = list_frame(
        f,
        area,
        focused,
        "Not scored",
        format!("{} in another language, newest first", d.waiting.len()),
        d.waiting.is_empty(),
        "Every note is scored. Notes not in English wait here for + = - (a score by hand).",
        t,
    ) else {
        return;
    };
    table(
        f,
        inner,
        &["Date", "Name", "Channel", "Lang", "Note"],
        &[
            Constraint::Length(10),
            Constraint::Fill(2),
            Constraint::Length(9),
            Constraint::Length(4),
            Constraint::Fill(4),
        ],
        d.waiting.len(),
        focused.then_some(&st.waiting),
        t,
        &|i, w| {
            let r = &d.waiting[i];
            Row::new(vec![
                Cell::from(Span::styled(r.date.to_string(), t.muted)),
                Cell::from(format::fit(&r.name, w[1])),
                Cell::from(format::fit(&r.channel, w[2])),
                Cell::from(Span::styled(format::fit(&r.language, w[3]), t.warning)),
                Cell::from(Span::styled(format::fit(&r.note, w[4]), t.muted)),
            ])
        },
    );
}

/// The last standup's commitments with no outbound interaction since.
fn commitments(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let st = &app.followups;
    let focused = st.focus == 3;
    let rows = d.commitments();
    let count = match &d.open_commitments {
        Some(o) if !rows.is_empty() => format!(
            "{} not acted on, from the standup of {}",
            rows.len(),
            o.standup
        ),
        _ => "none waiting".into(),
    };
    let Some(inner) = list_frame(
        f,
        area,
        focused,
        "Commitments",
        count,
        rows.is_empty(),
        "Nobody picked at the last standup waits for a touch.",
        t,
    ) else {
        return;
    };
    table(
        f,
        inner,
        &["Name", "Picked as", "Intent"],
        &[
            Constraint::Fill(2),
            Constraint::Length(16),
            Constraint::Fill(4),
        ],
        rows.len(),
        focused.then_some(&st.commitments),
        t,
        &|i, w| {
            let r = &rows[i];
            Row::new(vec![
                Cell::from(format::fit(&r.name, w[0])),
                Cell::from(Span::styled(r.reason.label(), t.muted)),
                Cell::from(Span::styled(format::fit(&r.intent, w[2]), t.muted)),
            ])
        },
    );
}
