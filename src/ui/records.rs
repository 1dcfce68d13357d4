//! The Investments screen (what was spent, with totals per kind for the period) and the
//! Duplicates screen (contacts that look like one person, with why).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format::{self, currency_sign};
use super::lists::{search_line, table, with_search};
use super::pane_block;
use super::theme::Theme;
use crate::app::App;
use crate::app::investments::totals;

pub fn investments(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let st = &app.investments;
    let sign = currency_sign(&app.store.settings.currency);
    let area = with_search(
        f,
        area,
        search_line(&st.search, st.rows.len(), app.store.investments.len(), t),
    );
    let period = &app.dashboard().period;
    let (by_kind, total) = totals(&app.store, &st.rows, period);
    let when = if period.everything {
        "all time".to_string()
    } else {
        format!("{} – {}", period.from, period.to)
    };
    let title = Line::from(vec![
        Span::styled(" Investments ", t.title),
        Span::styled(format!("{} ", st.rows.len()), t.text),
        Span::styled("· newest first ", t.muted),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let [sums, rest] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    let mut line = vec![
        Span::styled(format!("{when}: "), t.muted),
        Span::styled(format!("{sign}{total} "), t.title),
    ];
    // Exact to the cent, as entered: this screen is where amounts are checked.
    for (kind, m) in &by_kind {
        line.push(Span::styled(format!("· {kind} {sign}{m} "), t.text));
    }
    f.render_widget(
        Paragraph::new(Line::from(line)).wrap(ratatui::widgets::Wrap { trim: true }),
        sums,
    );
    if st.rows.is_empty() {
        let msg = if st.search.text.is_empty() {
            "No investments yet: i records a gift, an event, ads or time spent."
        } else {
            "No investment matches the filter (x clears it)."
        };
        f.render_widget(Paragraph::new(Line::styled(msg, t.muted)), rest);
        return;
    }
    let header = ["Date", "Kind", "Contact", "Amount", "CAC", "Note"];
    let widths = [
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Fill(2),
        Constraint::Length(10),
        Constraint::Length(3),
        Constraint::Fill(3),
    ];
    let d = app.dashboard();
    table(
        f,
        rest,
        &header,
        &widths,
        st.rows.len(),
        Some(&st.list),
        t,
        &|i, w| {
            let inv = &app.store.investments[st.rows[i]];
            let who = inv
                .contact
                .map(|c| d.name(&app.store, c).into_owned())
                .unwrap_or_default();
            // Exact to the cent: this is where amounts are checked.
            let amount = format!("{sign}{}", inv.amount);
            Row::new(vec![
                Cell::from(Span::styled(inv.date.to_string(), t.muted)),
                Cell::from(inv.kind.as_str()),
                Cell::from(format::fit(&who, w[2])),
                Cell::from(format!("{amount:>width$}", width = w[3])),
                Cell::from(Span::styled(
                    if inv.acquisition { "yes" } else { "" },
                    t.muted,
                )),
                Cell::from(format::fit(&inv.note, w[5])),
            ])
        },
    );
}

pub fn duplicates(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let st = &app.duplicates;
    let title = Line::from(vec![
        Span::styled(" Likely duplicates ", t.title),
        Span::styled(format!("{} ", st.pairs.len()), t.text),
        Span::styled("· Enter merges the pair, choosing each field ", t.muted),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if st.pairs.is_empty() {
        f.render_widget(
            Paragraph::new(vec![
                Line::styled("No likely duplicates.", t.text),
                Line::styled(
                    "Pairs show here when two contacts share an email or a handle, a name and \
                     organisation, or names a typo apart.",
                    t.muted,
                ),
                Line::styled(
                    "To merge any contacts: space selects them on the contact list, M merges.",
                    t.muted,
                ),
            ])
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let header = ["Older (survives)", "Newer", "Why"];
    let widths = [
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Length(26),
    ];
    table(
        f,
        inner,
        &header,
        &widths,
        st.pairs.len(),
        Some(&st.list),
        t,
        &|i, w| {
            let p = &st.pairs[i];
            let show = |id| {
                app.store
                    .contact(id)
                    .map_or_else(|| "?".to_string(), crate::cli::contacts::describe_apart)
            };
            Row::new(vec![
                Cell::from(format::fit(&show(p.a), w[0])),
                Cell::from(format::fit(&show(p.b), w[1])),
                Cell::from(Span::styled(p.why.words(), t.accent)),
            ])
        },
    );
}
