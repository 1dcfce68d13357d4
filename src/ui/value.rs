//! The Value screen (returns against investments) and the Channels screen (where the community
//! talks, how far it reaches, how it grows).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::format::{self, currency_sign};
use super::lists::table;
use super::overview::tiles_row;
use super::pane_block;
use super::theme::Theme;
use crate::app::App;
use crate::app::dashboard::{Tile, Unit};

/// `$1,234.50` exactly: the ledger is where amounts are compared.
fn exact(m: crate::store::Money, sign: &str) -> String {
    if m.cents() < 0 {
        format!("−{sign}{}", crate::store::Money::from_cents(-m.cents()))
    } else {
        format!("{sign}{m}")
    }
}

pub fn value(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let v = &d.value;
    let sign = currency_sign(&app.store.settings.currency);
    let [tiles, rest] = Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(area);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(3), Constraint::Length(3)]).areas(tiles);
    let half = v.tiles.len().div_ceil(2);
    tiles_row(&v.tiles[..half], &sign, f, top, t);
    tiles_row(&v.tiles[half..], &sign, f, bottom, t);
    let wide = rest.width >= 110;
    let (ledger_area, side) = if wide {
        let [a, b] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(rest);
        (a, Some(b))
    } else {
        let [a, b] = Layout::vertical([Constraint::Fill(3), Constraint::Length(6)]).areas(rest);
        (a, Some(b))
    };
    ledger(app, f, ledger_area, t, &sign);
    if let Some(side) = side {
        gifts(app, f, side, t, &sign);
    }
}

fn ledger(app: &App, f: &mut Frame, area: Rect, t: &Theme, sign: &str) {
    let d = app.dashboard();
    let st = &app.value;
    let rows = st.rows(&d.value);
    let order = if st.reversed {
        "worst first"
    } else {
        "best first"
    };
    let of = if st.by_tag { "by tag" } else { "by contact" };
    let title = Line::from(vec![
        Span::styled(" Ledger ", t.title),
        Span::styled(
            format!(
                "{of} · returns against investments · {} {order} ",
                st.sort.label()
            ),
            t.muted,
        ),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled(
                "Nothing returned or invested in this period: purchases, referrals and \
                 investments (i) fill the ledger.",
                t.muted,
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let who = if st.by_tag { "Tag" } else { "Contact" };
    let header = [who, "Revenue", "Refs", "Invested", "Net", "Return"];
    let widths = [
        Constraint::Fill(2),
        Constraint::Length(11),
        Constraint::Length(4),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Length(6),
    ];
    table(
        f,
        inner,
        &header,
        &widths,
        rows.len(),
        Some(&st.list),
        t,
        &|i, w| {
            let r = rows[i];
            let net_style = if r.net.cents() < 0 {
                t.negative
            } else {
                t.positive
            };
            Row::new(vec![
                Cell::from(format::fit(&r.name, w[0])),
                Cell::from(format!("{:>w$}", exact(r.revenue, sign), w = w[1])),
                Cell::from(format!("{:>w$}", r.referrals, w = w[2])),
                Cell::from(format!("{:>w$}", exact(r.invested, sign), w = w[3])),
                Cell::from(Span::styled(
                    format!("{:>w$}", exact(r.net, sign), w = w[4]),
                    net_style,
                )),
                Cell::from(Span::styled(
                    format!(
                        "{:>w$}",
                        r.return_per_invested
                            .map_or("–".into(), |x| format!("{x:.1}×")),
                        w = w[5]
                    ),
                    t.muted,
                )),
            ])
        },
    );
}

fn gifts(app: &App, f: &mut Frame, area: Rect, t: &Theme, sign: &str) {
    let v = &app.dashboard().value;
    let block = pane_block(
        Line::styled(" Gift impact · invested by kind ", t.title),
        false,
        t,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lift = v
        .gift_lift
        .map_or("n/a".to_string(), |l| format!("{:+.0}%", l * 100.0));
    let mut lines = vec![Line::from(vec![
        Span::styled("Gift impact ", t.text),
        Span::styled(
            format!(
                "{} activities before, {} after (closed windows) · lift {lift}",
                v.gift_before, v.gift_after
            ),
            t.muted,
        ),
    ])];
    let kinds: Vec<String> = v
        .invested_by_kind
        .iter()
        .map(|(k, m)| format!("{k} {}", exact(*m, sign)))
        .collect();
    lines.push(Line::from(vec![
        Span::styled("Invested ", t.text),
        Span::styled(
            if kinds.is_empty() {
                "nothing in this period".to_string()
            } else {
                kinds.join(" · ")
            },
            t.muted,
        ),
    ]));
    for g in &v.gifts {
        let open = if g.complete { "" } else { " (still counting)" };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", g.date), t.muted),
            Span::styled(format::fit(&g.name, 24), t.text),
            Span::styled(
                format!(
                    " {}: {} → {}{open}",
                    exact(g.amount, sign),
                    g.before,
                    g.after
                ),
                t.muted,
            ),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        inner,
    );
}

pub fn channels(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let c = &d.channels;
    let sign = currency_sign(&app.store.settings.currency);
    let figure = |key, label, unit, value: Option<f64>| Tile {
        key,
        label,
        value,
        previous: None,
        unit,
        higher_is_better: true,
    };
    let reach = [
        figure("open_rate", "Open rate", Unit::Percent, c.open_rate),
        figure("click_rate", "Click rate", Unit::Percent, c.click_rate),
        figure(
            "email_sent",
            "Emails sent",
            Unit::Count,
            Some(c.email_sent as f64),
        ),
        figure("visits", "Visits", Unit::Count, Some(c.visits as f64)),
        figure(
            "returning_visitors",
            "Returning",
            Unit::Count,
            Some(c.returning_visitors as f64),
        ),
        figure(
            "organic_sharing",
            "Organic sharing",
            Unit::Decimal,
            c.organic_sharing,
        ),
    ];
    let [tiles, rest] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    tiles_row(&reach, &sign, f, tiles, t);
    let [list, growth] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(rest);
    let block = pane_block(
        Line::from(vec![
            Span::styled(" Channels ", t.title),
            Span::styled(
                format!(
                    "{} · inbound interactions in the period, most first ",
                    c.rows.len()
                ),
                t.muted,
            ),
        ]),
        true,
        t,
    );
    let inner = block.inner(list);
    f.render_widget(block, list);
    if c.rows.is_empty() {
        f.render_widget(
            Paragraph::new(Line::styled("No interactions in this period.", t.muted)),
            inner,
        );
    } else {
        let header = [
            "Channel",
            "Inbound",
            "Share",
            "Engaged",
            "Return",
            "Sentiment",
        ];
        let widths = [
            Constraint::Fill(2),
            Constraint::Length(7),
            Constraint::Length(5),
            Constraint::Length(7),
            Constraint::Length(6),
            Constraint::Length(9),
        ];
        table(
            f,
            inner,
            &header,
            &widths,
            c.rows.len(),
            Some(&app.channels_list),
            t,
            &|i, w| {
                let r = &c.rows[i];
                Row::new(vec![
                    Cell::from(format::fit(&r.name, w[0])),
                    Cell::from(format!("{:>w$}", r.interactions, w = w[1])),
                    Cell::from(format!("{:>w$}", format!("{}%", r.share), w = w[2])),
                    Cell::from(format!("{:>w$}", r.active, w = w[3])),
                    Cell::from(format!(
                        "{:>w$}",
                        format::value(Unit::Percent, r.return_rate, ""),
                        w = w[4]
                    )),
                    Cell::from(Span::styled(
                        format::sentiment(r.sentiment),
                        format::sentiment_style(r.sentiment, t),
                    )),
                ])
            },
        );
    }
    growth_table(app, f, growth, t);
}

fn growth_table(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let c = &app.dashboard().channels;
    let (new, churned): (u64, u64) = c
        .growth
        .iter()
        .fold((0, 0), |(n, ch), g| (n + g.1, ch + g.2));
    let block = pane_block(
        Line::from(vec![
            Span::styled(" Growth ", t.title),
            Span::styled(
                format!(
                    "connected {} ({}) ",
                    c.connected,
                    format::value(Unit::Percent, c.connection_growth, "")
                ),
                t.text,
            ),
            Span::styled(
                format!(
                    "· {new} new · {churned} churned · net {} · members (not lapsed) at each end · * cut short ",
                    format::signed(new as f64 - churned as f64, 0)
                ),
                t.muted,
            ),
        ]),
        false,
        t,
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let header = ["From", "New", "Churned", "Net", "Members", ""];
    let widths = [
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    // The members line as bars, from just under the smallest count, so a change of a few contacts shows.
    let least = c.growth.iter().map(|g| g.4).min().unwrap_or(0) - 1;
    let most = c
        .growth
        .iter()
        .map(|g| g.4)
        .max()
        .unwrap_or(1)
        .max(least + 1);
    table(
        f,
        inner,
        &header,
        &widths,
        c.growth.len(),
        None,
        t,
        &|i, w| {
            let g = &c.growth[i];
            let span = (most - least) as usize;
            // Nothing changed over the period: no bars to compare.
            let flat = c.growth.iter().all(|h| h.4 == g.4);
            let bar = if flat {
                0
            } else {
                ((g.4 - least).max(0) as usize * w[5])
                    .div_ceil(span)
                    .min(w[5])
            };
            Row::new(vec![
                Cell::from(Span::styled(g.0.clone(), t.muted)),
                Cell::from(format!("{:>w$}", g.1, w = w[1])),
                Cell::from(format!("{:>w$}", g.2, w = w[2])),
                Cell::from(format!("{:>w$}", format::signed(g.3 as f64, 0), w = w[3])),
                Cell::from(format!("{:>w$}", g.4, w = w[4])),
                Cell::from(Span::styled("▆".repeat(bar), t.accent)),
            ])
        },
    );
}
