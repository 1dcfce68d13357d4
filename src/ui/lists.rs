//! Table screens: contacts, the interaction log, cohorts; and the table helper they share.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use super::format::{self, currency_sign};
use super::pane_block;
use super::theme::Theme;
use crate::app::App;
use crate::app::list::{ListState, SearchBox};
use crate::app::screens::SortKey;
use crate::store::Direction;

/// Draws rows `offset..offset+height` of a `len`-row table; only those rows are built, so a
/// list of a million interactions costs no more to draw than a screenful. `row(i, widths)`
/// builds row `i` given each column's width in columns.
#[allow(clippy::too_many_arguments)]
pub(crate) fn table(
    f: &mut Frame,
    area: Rect,
    header: &[&str],
    widths: &[Constraint],
    len: usize,
    selected: Option<&ListState>,
    t: &Theme,
    row: &dyn Fn(usize, &[usize]) -> Row<'static>,
) {
    if area.height < 2 {
        return;
    }
    let marker = if selected.is_some() { 2 } else { 0 };
    let inner = Rect {
        x: area.x + marker,
        width: area.width.saturating_sub(marker),
        ..area
    };
    let cols: Vec<usize> = Layout::horizontal(widths.to_vec())
        .spacing(1)
        .split(inner)
        .iter()
        .map(|r| r.width as usize)
        .collect();
    let height = area.height as usize - 1;
    let offset = selected.map_or(0, |s| s.visible_from(height));
    let rows: Vec<Row> = (offset..len.min(offset + height))
        .map(|i| row(i, &cols))
        .collect();
    let head = Row::new(header.iter().map(|h| Cell::from(h.to_string())))
        .style(t.muted.add_modifier(Modifier::BOLD));
    let mut table = Table::new(rows, widths.to_vec())
        .header(head)
        .column_spacing(1);
    let mut state = TableState::default();
    if let Some(s) = selected {
        table = table
            .row_highlight_style(t.selected)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always);
        if len > 0 {
            state.select(Some(s.selected - offset));
        }
    }
    f.render_stateful_widget(table, area, &mut state);
}

/// The filter line above a list: shown while typing, or while a filter is applied.
pub(crate) fn search_line(
    s: &SearchBox,
    shown: usize,
    total: usize,
    t: &Theme,
) -> Option<Line<'static>> {
    if !s.editing && s.text.is_empty() {
        return None;
    }
    let cursor = if s.editing { "▏" } else { "" };
    Some(Line::from(vec![
        Span::styled(" / ", t.accent.add_modifier(Modifier::REVERSED)),
        Span::styled(format!(" {}{cursor}", format::fit(&s.text, 60)), t.text),
        Span::styled(format!("   {shown} of {total}"), t.muted),
    ]))
}

/// Splits off a line for the filter when there is one.
pub(crate) fn with_search(f: &mut Frame, area: Rect, line: Option<Line<'static>>) -> Rect {
    match line {
        Some(l) => {
            let [top, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
            f.render_widget(Paragraph::new(l), top);
            rest
        }
        None => area,
    }
}

pub fn contacts(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let st = &app.contacts;
    let d = app.dashboard();
    let sign = currency_sign(&app.store.settings.currency);
    let area = with_search(
        f,
        area,
        search_line(&st.search, st.rows.len(), app.store.contacts.len(), t),
    );
    let arrow = if st.reversed { "▲" } else { "▼" };
    let title = Line::from(vec![
        Span::styled(" Contacts ", t.title),
        Span::styled(format!("{} ", st.rows.len()), t.text),
        Span::styled(format!("· sorted by {} {arrow} ", st.sort.label()), t.muted),
    ]);
    let mut title = title;
    if !st.marked.is_empty() {
        title.push_span(Span::styled(
            format!("· {} selected (t tags them) ", st.marked.len()),
            t.accent,
        ));
    }
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if st.rows.is_empty() {
        let msg = if st.search.text.is_empty() {
            "No contacts yet."
        } else {
            "No contact matches the filter (x clears it)."
        };
        f.render_widget(Paragraph::new(Line::styled(msg, t.muted)), inner);
        return;
    }
    let wide = inner.width >= 100;
    // The sorted column carries the direction of the sort.
    let arrow = if st.reversed { "▲" } else { "▼" };
    let sorted = match st.sort {
        SortKey::Name => 0,
        SortKey::LastTouch => 2,
        SortKey::Engagement => 3,
        SortKey::Advocacy => 5,
        SortKey::Value => 6,
    };
    let mut names: Vec<String> = [
        "Name",
        "Handle",
        "Last touch",
        "Engmt",
        "Orbit",
        "Advoc",
        "Value",
    ]
    .iter()
    .enumerate()
    .map(|(i, h)| {
        if i == sorted {
            format!("{h}{arrow}")
        } else {
            h.to_string()
        }
    })
    .collect();
    let mut widths = vec![
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(11),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(8),
    ];
    if wide {
        names.extend(["Organisation".to_string(), "Tags".to_string()]);
        widths.extend([Constraint::Fill(2), Constraint::Fill(2)]);
    }
    let header: Vec<&str> = names.iter().map(String::as_str).collect();
    let today = app.as_of;
    table(
        f,
        inner,
        &header,
        &widths,
        st.rows.len(),
        Some(&st.list),
        t,
        &|i, w| {
            let ci = st.rows[i];
            let c = &app.store.contacts[ci];
            let s = d.stats(c.id);
            // A handle column shows at every width, so only a namesake without one needs
            // more beside the name.
            let name = if d.namesakes.is_shared(c)
                && c.handle.as_deref().is_none_or(|h| h.trim().is_empty())
            {
                d.namesakes.label(c).into_owned()
            } else {
                c.name.clone()
            };
            let name = if c.is_team {
                format!("{name} (team)")
            } else {
                name
            };
            // A mark, not only a colour, says the row is selected.
            let name = if st.marked.contains(&c.id) {
                format!("✓ {name}")
            } else {
                name
            };
            let mut cells = vec![
                Cell::from(format::fit(&name, w[0])),
                Cell::from(Span::styled(
                    format::fit(c.handle.as_deref().map_or("", |h| h), w[1]),
                    t.muted,
                )),
                Cell::from(format::ago(s.last_touch, today)),
                Cell::from(format!("{:>5.0}", s.engagement)),
                Cell::from(Span::styled(
                    format!("  L{}", s.level),
                    if s.level <= 2 { t.positive } else { t.muted },
                )),
                Cell::from(format!("{:>5.1}", s.advocacy)),
                Cell::from(format!(
                    "{:>8}",
                    format::money(s.revenue.cents() as f64, &sign)
                )),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(
                    format::fit(c.organisation.as_deref().unwrap_or(""), w[7]),
                    t.muted,
                )));
                cells.push(Cell::from(Span::styled(
                    format::fit(&c.tags.join(", "), w[8]),
                    t.accent,
                )));
            }
            Row::new(cells)
        },
    );
}

pub fn interactions(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let sign = currency_sign(&app.store.settings.currency);
    let st = &app.interactions;
    let area = with_search(
        f,
        area,
        search_line(&st.search, st.rows.len(), app.store.interactions.len(), t),
    );
    let title = Line::from(vec![
        Span::styled(" Interaction log ", t.title),
        Span::styled(format!("{} ", st.rows.len()), t.text),
        Span::styled(
            format!("· newest first · sentiment: {} ", st.sentiment.label()),
            t.muted,
        ),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if st.rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled("No interaction matches.", t.muted)),
            inner,
        );
        return;
    }
    let header = [
        "Date",
        "Contact",
        "Channel",
        "Kind",
        "Dir",
        "Sentiment",
        "Note",
    ];
    let widths = [
        Constraint::Length(10),
        Constraint::Fill(2),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Length(3),
        Constraint::Length(9),
        Constraint::Fill(3),
    ];
    table(
        f,
        inner,
        &header,
        &widths,
        st.rows.len(),
        Some(&st.list),
        t,
        &|i, w| {
            let row = st.rows.get(i).expect("the table asks only for rows it has");
            let x = &app.store.interactions[row];
            let (sentiment, style) = format::interaction_sentiment(x, t);
            let dir = match x.direction {
                Direction::Inbound => "in",
                Direction::Outbound => "out",
            };
            Row::new(vec![
                Cell::from(Span::styled(x.at.date.to_string(), t.muted)),
                Cell::from(format::fit(
                    &app.dashboard().name(&app.store, x.contact),
                    w[1],
                )),
                Cell::from(format::fit(&x.channel, w[2])),
                Cell::from(format::fit(x.kind.as_str(), w[3])),
                Cell::from(Span::styled(dir, t.muted)),
                Cell::from(Span::styled(sentiment, style)),
                Cell::from(Span::styled(
                    format::fit(&format::interaction_note(x, &sign), w[6]),
                    t.muted,
                )),
            ])
        },
    );
}

pub fn cohorts(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let rows = &app.dashboard().cohorts;
    let title = Line::from(vec![
        Span::styled(" Cohorts ", t.title),
        Span::styled(
            "· active again N months after the first · * this month so far ",
            t.muted,
        ),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled("No cohorts in the last 12 months.", t.muted)),
            inner,
        );
        return;
    }
    let months = rows.iter().map(|r| r.retention.len()).max().unwrap_or(1);
    let fit = ((inner.width.saturating_sub(16)) / 5) as usize;
    let shown = months.min(fit.max(1));
    let mut header: Vec<String> = vec!["Cohort".into(), "Size".into()];
    header.extend((0..shown).map(|m| format!("+{m}")));
    let mut widths = vec![Constraint::Length(8), Constraint::Length(5)];
    widths.extend((0..shown).map(|_| Constraint::Length(4)));
    let head: Vec<&str> = header.iter().map(String::as_str).collect();
    let start = app.cohorts_scroll.min(rows.len().saturating_sub(1));
    let body = rows[start..].to_vec();
    // The as-of month has not ended: its cells (one per cohort, the last of each row) count
    // only the days so far, and are marked.
    let this_month = app.as_of.strftime("%Y-%m").to_string();
    let partial = app.as_of != app.as_of.last_of_month();
    table(f, inner, &head, &widths, body.len(), None, t, &|i, _| {
        let r = &body[i];
        let label = if partial && r.month == this_month {
            format!("{}*", r.month)
        } else {
            r.month.clone()
        };
        // The last cell of each row is the as-of month.
        let last = r.retention.len().saturating_sub(1);
        let mut cells = vec![
            Cell::from(Span::styled(label, t.text)),
            Cell::from(Span::styled(format!("{:>4}", r.size), t.muted)),
        ];
        for (k, v) in r.retention.iter().enumerate().take(shown) {
            let mark = if partial && k == last { "*" } else { "%" };
            cells.push(match v {
                Some(v) => {
                    let level = ((v * 4.0).round() as usize).min(4);
                    Cell::from(format!("{:>3.0}{mark}", v * 100.0)).style(t.heat[level])
                }
                None => Cell::from("   ·"),
            });
        }
        Row::new(cells)
    });
}
