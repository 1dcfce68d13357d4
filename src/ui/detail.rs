//! Two overlays about records: one interaction in full, and contacts about to be merged.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::format;
use super::theme::Theme;
use super::{centered, pane_block};
use crate::app::App;
use crate::app::detail::DetailState;
use crate::app::merging::MergeState;
use crate::dedupe::Pick;
use crate::store::{Direction, Interaction, SentimentSource, Store};

/// Every field of an interaction, the note wrapped in full.
pub fn interaction(app: &App, d: &DetailState, f: &mut Frame, area: Rect, t: &Theme) {
    let Some(i) = d.position(&app.store) else {
        return;
    };
    let x = &app.store.interactions[i];
    let sign = format::currency_sign(&app.store.settings.currency);
    let who = app.dashboard().name(&app.store, x.contact);
    let w = area.width.saturating_sub(4).min(84);
    let label = |l: &str| Span::styled(format!("{l:<11}"), t.muted);
    let mut lines: Vec<Line> = vec![
        Line::from(vec![label("When"), Span::styled(when(x), t.text)]),
        Line::from(vec![
            label("Contact"),
            Span::styled(format::fit(&who, w as usize - 14), t.text),
        ]),
        Line::from(vec![
            label("Kind"),
            Span::styled(
                format!(
                    "{} · {} · {}",
                    x.kind,
                    format::fit(&x.channel, 30),
                    x.direction
                ),
                t.text,
            ),
        ]),
    ];
    let (score, style) = format::interaction_sentiment(x, t);
    let how = match (x.sentiment, &x.language) {
        (Some(s), _) if s.source == SentimentSource::Manual => "set by hand".to_string(),
        (Some(_), _) => "automatic, from the note (VADER)".to_string(),
        (None, Some(lang)) => {
            format!(
                "waiting for a person's score: the note is in `{}`",
                format::fit(lang, 8)
            )
        }
        (None, None) if x.note.trim().is_empty() => "none: no note".to_string(),
        (None, None) => "none".to_string(),
    };
    lines.push(Line::from(vec![
        label("Sentiment"),
        Span::styled(score, style),
        Span::styled(format!("  {how}"), t.muted),
    ]));
    if let Some(n) = x.nps {
        let group = match n {
            9..=10 => "promoter",
            7..=8 => "passive",
            _ => "detractor",
        };
        lines.push(Line::from(vec![
            label("NPS"),
            Span::styled(format!("{n} ({group})"), t.text),
        ]));
    }
    if let Some(r) = x.rating {
        lines.push(Line::from(vec![
            label("Rating"),
            Span::styled(format!("{r} of 5"), t.text),
        ]));
    }
    if let Some(v) = x.value {
        lines.push(Line::from(vec![
            label("Value"),
            Span::styled(format!("{sign}{v} {}", app.store.settings.currency), t.text),
        ]));
    }
    if let Some(answer) = feedback(&app.store, i, x) {
        lines.push(Line::from(vec![
            label("Feedback"),
            Span::styled(answer, t.warning),
        ]));
    }
    if let Some(u) = x.updated {
        let local = u.to_zoned(jiff::tz::TimeZone::system()).datetime();
        lines.push(Line::from(vec![
            label("Changed"),
            Span::styled(local.strftime("%Y-%m-%d %H:%M").to_string(), t.muted),
        ]));
    }
    lines.push(Line::styled("Note", t.muted));
    let note = crate::sanitize::text(&x.note);
    if note.trim().is_empty() {
        lines.push(Line::styled("  (none)", t.muted));
    } else {
        lines.extend(note.lines().map(|l| Line::styled(format!("  {l}"), t.text)));
    }
    let inner_w = w.saturating_sub(2).max(1);
    // Lines as wrapped at the box's width, to size the box and bound the scroll.
    let tall: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_w as usize))
        .sum();
    let h = (tall as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    let title = Line::from(vec![
        Span::styled(format!(" {} ", x.kind), t.title),
        Span::styled(
            "· e edit · d delete · r resolve · Enter contact · Esc ",
            t.muted,
        ),
    ]);
    let block = pane_block(title, true, t);
    let visible = h.saturating_sub(2) as usize;
    let scroll = d.scroll.min(tall.saturating_sub(visible));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        rect,
    );
}

/// `Tue 2026-03-31 13:36` (the time when one was recorded).
fn when(x: &Interaction) -> String {
    let day = x.at.date.strftime("%a %Y-%m-%d").to_string();
    match x.at.time {
        Some(t) => format!("{day} {}", t.strftime("%H:%M")),
        None => day,
    }
}

/// Whether negative feedback was answered, and by what: the first thing sent to the contact
/// after it. `None` for an interaction that is not negative feedback.
fn feedback(store: &Store, at: usize, x: &Interaction) -> Option<String> {
    let negative = x
        .sentiment
        .is_some_and(|s| s.score <= crate::sentiment::NEGATIVE_AT);
    if !negative || x.direction == Direction::Outbound {
        return None;
    }
    if !x.resolved {
        return Some("negative, waiting for an answer (r marks it answered)".into());
    }
    let reply = store
        .interactions
        .iter()
        .skip(at + 1)
        .find(|r| r.contact == x.contact && r.direction == Direction::Outbound);
    Some(match reply {
        Some(r) => format!(
            "answered: {} via {} on {}",
            r.kind,
            format::fit(&r.channel, 20),
            r.at.date
        ),
        None => "answered (no reply logged)".into(),
    })
}

/// The merge overlay: who survives, what moves, and each field that differs with the value
/// taken.
pub fn merge(app: &App, m: &MergeState, f: &mut Frame, area: Rect, t: &Theme) {
    let plan = &m.plan;
    let w = area.width.saturating_sub(4).min(90);
    let text_w = w.saturating_sub(4) as usize;
    let describe = crate::cli::contacts::describe_apart;
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled("[1] ", t.accent),
        Span::styled(
            format::fit(&describe(&plan.members[0]), text_w - 14),
            t.text,
        ),
        Span::styled("  survives", t.muted),
    ])];
    for (i, c) in plan.members.iter().enumerate().skip(1) {
        lines.push(Line::from(vec![
            Span::styled(format!("[{}] ", i + 1), t.accent),
            Span::styled(format::fit(&describe(c), text_w - 14), t.text),
            Span::styled("  goes into it", t.muted),
        ]));
    }
    let survivor = plan.survivor();
    let mut moves = plan.moves();
    if plan.members.iter().any(|c| c.tags != survivor.tags) && !survivor.tags.is_empty() {
        moves.push_str(&format!(" · tags joined: {}", survivor.tags.join(", ")));
    }
    lines.push(Line::styled(format::fit(&moves, text_w), t.muted));
    lines.push(Line::raw(""));
    if plan.choices.is_empty() {
        lines.push(Line::styled(
            "Every field is the same: nothing to choose.",
            t.muted,
        ));
    }
    for (k, c) in plan.choices.iter().enumerate() {
        let on = k == m.selected;
        let pick = c.options[c.chosen];
        let value = plan.show(c, pick, &app.store).replace('\n', " ");
        let value = if value.trim().is_empty() {
            "(none)".to_string()
        } else {
            value
        };
        let from = match pick {
            Pick::From(i) => format!("[{}]", i + 1),
            Pick::Joined => "[joined]".into(),
        };
        let style = if on { t.selected } else { t.text };
        lines.push(Line::from(vec![
            Span::styled(if on { "▶ " } else { "  " }, style),
            Span::styled(
                format!("{:<13}", c.field.key()),
                if on { style } else { t.muted },
            ),
            Span::styled("‹ ", t.muted),
            Span::styled(format::fit(&value, text_w.saturating_sub(32)), style),
            Span::styled(" › ", t.muted),
            Span::styled(format!("{from} of {}", c.options.len()), t.muted),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "↑↓ field · ←→ value · Enter merges (u undoes) · Esc cancels",
        t.muted,
    ));
    let h = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, w, h);
    f.render_widget(Clear, rect);
    let n = plan.members.len();
    let block = pane_block(
        Line::styled(format!(" Merge {n} contacts into one "), t.title),
        true,
        t,
    );
    // Keep the selected field in view on a short terminal.
    let visible = h.saturating_sub(2) as usize;
    let row = plan.members.len() + 2 + m.selected;
    let scroll = (row + 1).saturating_sub(visible);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((scroll as u16, 0)),
        rect,
    );
}
