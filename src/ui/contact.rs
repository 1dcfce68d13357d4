//! A contact's page: profile, scores with "why this score", value, and the timeline.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Wrap};

use super::format::{self, currency_sign};
use super::lists::table;
use super::pane_block;
use super::theme::Theme;
use crate::app::App;
use crate::sanitize;
use crate::store::Direction;

pub fn render(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let Some(v) = &app.contact else { return };
    let Some(c) = app.store.contacts.get(v.index).filter(|c| c.id == v.id) else {
        f.render_widget(
            Paragraph::new(Line::styled("This contact no longer exists.", t.muted)),
            area,
        );
        return;
    };
    let d = app.dashboard();
    let s = d.stats(c.id);
    let sign = currency_sign(&app.store.settings.currency);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Fill(1)]).areas(area);

    // Profile and scores.
    let value_w = (left.width as usize).saturating_sub(2 + 9);
    let field = |k: &str, val: String| {
        Line::from(vec![
            Span::styled(format!("{k:<9}"), t.muted),
            Span::styled(format::fit(&val, value_w), t.text),
        ])
    };
    let mut lines = vec![Line::from(Span::styled(format::fit(&c.name, 60), t.title))];
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "–".into());
    lines.push(field("Handle", opt(&c.handle)));
    lines.push(field("Email", opt(&c.email)));
    lines.push(field("Org", opt(&c.organisation)));
    if !c.tags.is_empty() {
        lines.push(field("Tags", c.tags.join(", ")));
    }
    let referrer = c
        .referred_by
        .and_then(|id| app.store.contact(id))
        .map(|r| format!(" by {}", r.name))
        .unwrap_or_default();
    lines.push(field("Source", format!("{}{referrer}", c.source)));
    lines.push(field("Since", c.created.to_string()));
    lines.push(field("Last", format::ago(s.last_touch, app.as_of)));
    if let Some(cad) = c.cadence_days {
        lines.push(field("Cadence", format!("stay in touch every {cad} days")));
    }
    if c.is_team {
        lines.push(field("Team", "yes: left out of every figure".into()));
    }
    lines.push(Line::raw(""));
    let bold = t.text.add_modifier(Modifier::BOLD);
    if let Some(d) = &v.detail {
        let o = &d.orbit;
        lines.push(Line::from(vec![
            Span::styled("Orbit ", t.title),
            Span::styled(format!("L{} {}", o.level, o.label()), bold),
            Span::styled(format!(" (love {})", o.love), t.muted),
        ]));
        // Love is the higher of two placements; showing both says why the contact sits here.
        lines.push(Line::styled(
            format!("  weight {} · presence {}", o.commitment, o.presence),
            t.muted,
        ));
        lines.push(Line::styled(
            format!("  reach {} · gravity {}", o.reach, o.gravity),
            t.muted,
        ));
        lines.push(Line::from(vec![
            Span::styled("Advocacy ", t.title),
            Span::styled(format!("{:.1}", d.advocacy.score), bold),
            Span::styled(
                format!(
                    " · {} referral{}",
                    d.referrals,
                    if d.referrals == 1 { "" } else { "s" }
                ),
                t.muted,
            ),
        ]));
        for why in d.advocacy.why() {
            lines.push(Line::styled(
                format!("  {}", format::fit(&why, value_w + 7)),
                t.text,
            ));
        }
        for r in &d.at_risk {
            lines.push(Line::from(vec![
                Span::styled("  at risk: ", t.warning),
                Span::styled(format::fit(&r.to_string(), value_w), t.text),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled("Lifetime ", t.title),
            Span::styled(
                format::money(d.lifetime_revenue.cents() as f64, &sign),
                bold,
            ),
            Span::styled(
                format!(
                    " in · {} out",
                    format::money(d.lifetime_invested.cents() as f64, &sign)
                ),
                t.muted,
            ),
        ]));
        // Investments in this contact, newest first (gifts, event tickets, time).
        for i in d.investments.iter().take(4) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {} {:<8}", i.date, i.kind.as_str()), t.muted),
                Span::styled(
                    format!("{:>7} ", format::money(i.amount.cents() as f64, &sign)),
                    t.text,
                ),
                Span::styled(format::fit(&i.note, value_w), t.muted),
            ]));
        }
        if d.investments.len() > 4 {
            lines.push(Line::styled(
                format!("  … and {} more", d.investments.len() - 4),
                t.muted,
            ));
        }
        if !d.referred.is_empty() {
            let names: Vec<&str> = d.referred.iter().map(|r| r.name.as_str()).collect();
            lines.push(field("Brought", names.join(", ")));
        }
    }
    lines.push(Line::from(vec![
        Span::styled("Activity ", t.title),
        Span::styled(format!("{:.0}", s.engagement), bold),
        Span::styled(format!(" in {} (count × weight)", app.period), t.muted),
    ]));
    if v.engagement_why.is_empty() {
        lines.push(Line::styled(
            "  no inbound interactions in the period",
            t.muted,
        ));
    }
    for (kind, n, w) in &v.engagement_why {
        lines.push(Line::from(vec![
            Span::styled(format!("  {n:>3} × {:<11}", kind.as_str()), t.text),
            Span::styled(format!(" ({w:>2}) "), t.muted),
            Span::styled(format!("{:>4}", n * u64::from(*w)), t.text),
        ]));
    }
    if !c.notes.is_empty() {
        lines.push(Line::raw(""));
        for l in sanitize::text(&c.notes).lines() {
            lines.push(Line::styled(l.to_string(), t.muted));
        }
    }
    let block = pane_block(Line::styled(" Profile ", t.title), false, t);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        left,
    );

    // Timeline.
    let title = Line::from(vec![
        Span::styled(" Timeline ", t.title),
        Span::styled(
            format!("{} interactions, newest first ", v.timeline.len()),
            t.muted,
        ),
    ]);
    let block = pane_block(title, true, t);
    let inner = block.inner(right);
    f.render_widget(block, right);
    // Below 72 columns channel and direction give way, so the note (what was said) stays.
    let narrow = inner.width < 72;
    let (widths, header): (Vec<Constraint>, &[&str]) = if narrow {
        (
            vec![
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(7),
                Constraint::Fill(1),
            ],
            &["Date", "Kind", "Sentmt", "Note"],
        )
    } else {
        (
            vec![
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(10),
                Constraint::Length(3),
                Constraint::Length(8),
                Constraint::Fill(1),
            ],
            &["Date", "Channel", "Kind", "Dir", "Sentmt", "Note"],
        )
    };
    table(
        f,
        inner,
        header,
        &widths,
        v.timeline.len(),
        Some(&v.list),
        t,
        &|i, w| {
            let x = &app.store.interactions[v.timeline[i]];
            let note = format::interaction_note(x, &sign);
            let date = Cell::from(Span::styled(x.at.date.to_string(), t.muted));
            let (sentiment, style) = format::interaction_sentiment(x, t);
            let sentiment = Cell::from(Span::styled(sentiment, style));
            let last = w[w.len() - 1];
            if narrow {
                return Row::new(vec![
                    date,
                    Cell::from(format::fit(x.kind.as_str(), w[1])),
                    sentiment,
                    Cell::from(format::fit(&note, last)),
                ]);
            }
            let dir = if x.direction == Direction::Inbound {
                "in"
            } else {
                "out"
            };
            Row::new(vec![
                date,
                Cell::from(format::fit(&x.channel, w[1])),
                Cell::from(format::fit(x.kind.as_str(), w[2])),
                Cell::from(Span::styled(dir, t.muted)),
                sentiment,
                Cell::from(format::fit(&note, last)),
            ])
        },
    );
}
