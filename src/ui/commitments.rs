//! The standup's commitment slides: what became of the last standup's commitments (the first
//! slide), and the people to pick for the next one (the last).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format;
use super::lists::table;
use super::theme::Theme;
use crate::app::App;
use crate::app::standup::{StandupState, candidates, committed};

/// What became of the last standup's commitments, one person a row.
pub fn since(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let Some(review) = &app.dashboard().since_standup else {
        f.render_widget(
            Paragraph::new(Line::styled(
                "  The last standup made no commitments.",
                t.muted,
            )),
            head,
        );
        return;
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("  Commitments of the standup of {}: ", review.standup),
                t.title,
            ),
            Span::styled(review.words(), t.text.add_modifier(Modifier::BOLD)),
            Span::styled("  · kept: anything outbound since", t.muted),
        ])),
        head,
    );
    let today = app.as_of;
    let body = Rect {
        x: body.x + 2,
        width: body.width.saturating_sub(2),
        ..body
    };
    table(
        f,
        body,
        &["Name", "Picked as", "Intent", "Touched", "What changed"],
        &[
            Constraint::Fill(2),
            Constraint::Length(16),
            Constraint::Fill(2),
            Constraint::Length(14),
            Constraint::Fill(3),
        ],
        review.rows.len(),
        None,
        t,
        &|i, w| {
            let r = &review.rows[i];
            let (touched, style) = match r.touched {
                Some(d) => (format!("✓ {}", format::ago(Some(d), today)), t.positive),
                None => ("✗ not yet".to_string(), t.warning),
            };
            let changes: Vec<String> = r.changes.iter().map(|c| c.describe()).collect();
            Row::new(vec![
                Cell::from(format::fit(&r.name, w[0])),
                Cell::from(Span::styled(r.reason.label(), t.muted)),
                Cell::from(format::fit(&r.intent, w[2])),
                Cell::from(Span::styled(touched, style)),
                Cell::from(Span::styled(
                    format::fit(&changes.join(" · "), w[4]),
                    t.muted,
                )),
            ])
        },
    );
}

/// The people to act on before the next standup: picked with one key, an intent with another.
pub fn pick(app: &App, st: &StandupState, f: &mut Frame, area: Rect, t: &Theme) {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    let done = committed(&app.store, app.as_of);
    let list = candidates(app.dashboard(), done, &app.store);
    let picked = list
        .iter()
        .filter(|c| done.iter().any(|k| k.contact == c.contact))
        .count();
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("  Who do we act on before the next standup?  ", t.title),
            Span::styled(
                format!("{picked} picked"),
                t.text.add_modifier(Modifier::BOLD),
            ),
            Span::styled(" · c pick/drop · i intent", t.muted),
        ])),
        head,
    );
    if list.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "  Nobody is at risk, newly an advocate, waiting for an answer or due a touch.",
                t.muted,
            )),
            body,
        );
        return;
    }
    table(
        f,
        body,
        &["", "Name", "Listed as", "Why", "Intent"],
        &[
            Constraint::Length(1),
            Constraint::Fill(2),
            Constraint::Length(16),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ],
        list.len(),
        Some(&st.pick),
        t,
        &|i, w| {
            let c = &list[i];
            let made = done.iter().find(|k| k.contact == c.contact);
            let mark = if made.is_some() {
                Span::styled("✓", t.positive)
            } else {
                Span::styled("·", t.muted)
            };
            let intent = made.map_or("", |k| k.intent.as_str());
            Row::new(vec![
                Cell::from(mark),
                Cell::from(format::fit(&c.name, w[1])),
                Cell::from(Span::styled(c.reason.label(), t.muted)),
                Cell::from(Span::styled(format::fit(&c.why, w[3]), t.muted)),
                Cell::from(format::fit(intent, w[4])),
            ])
        },
    );
}
