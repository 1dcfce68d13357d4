//! The frame around every screen: header, tabs, hint bar; and the screens shown instead of the
//! dashboard (terminal too small, empty store).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::format::{self, currency_sign};
use super::theme::Theme;
use super::{MIN_HEIGHT, MIN_WIDTH, centered, pane_block};
use crate::app::{Action, App, Context, Screen, StatusKind};

pub fn header(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let d = app.dashboard();
    let sign = currency_sign(&app.store.settings.currency);
    let p = d.period;
    let range = if p.from.year() == p.to.year() {
        format!(
            "{} – {}",
            p.from.strftime("%b %-d"),
            p.to.strftime("%b %-d %Y")
        )
    } else {
        format!(
            "{} – {}",
            p.from.strftime("%b %-d %Y"),
            p.to.strftime("%b %-d %Y")
        )
    };
    let mut left = vec![
        Span::styled(" ROR ", t.title.add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
        Span::styled(format::fit(&store_label(&app.store_name), 24), t.title),
        Span::styled("  period ", t.muted),
        Span::styled(
            app.period.to_string(),
            t.accent.add_modifier(Modifier::BOLD),
        ),
        Span::styled(format!("  {range}"), t.text),
    ];
    // What the ▲▼ compare with (all time has nothing before it); the first thing dropped on a
    // narrow screen.
    if d.previous.is_some() {
        left.push(Span::styled(
            format!("  ▲▼ vs the {} before", app.period),
            t.muted,
        ));
    }
    let ror = &d.ror_index;
    let mut right = Vec::new();
    // Figures for part of the community say so wherever they are shown, never dropped.
    if !app.segment.is_everyone() {
        right.push(Span::styled(
            format!(" {} ", format::fit(&app.segment.label(), 28)),
            t.accent.add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw("  "));
    }
    right.extend([
        Span::styled("ROR index ", t.muted),
        Span::styled(
            format::value(ror.unit, ror.value, &sign),
            t.title.remove_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
        format::tile_delta(ror, &sign, t),
        Span::raw(" "),
    ]);
    if app.figures_pending() {
        // Figures computed in the background are on their way; those shown are the last ones.
        right.push(Span::styled("updating… ", t.muted));
    }
    if app.mode.demo {
        right.push(Span::styled(
            " DEMO ",
            t.warning.add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw(" "));
    }
    if app.unsaved.is_some() {
        right.push(Span::styled(
            " UNSAVED ",
            t.negative.add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw(" "));
    }
    if app.mode.read_only.is_some() {
        right.push(Span::styled(
            " READ-ONLY ",
            t.warning.add_modifier(Modifier::REVERSED),
        ));
        right.push(Span::raw(" "));
    }
    let width = |v: &[Span]| v.iter().map(|s| s.content.width()).sum::<usize>();
    // Drop the date range first, then the store name, when the line is too narrow.
    while width(&left) + width(&right) > area.width as usize && left.len() > 2 {
        left.pop();
    }
    let gap = (area.width as usize).saturating_sub(width(&left) + width(&right));
    left.push(Span::raw(" ".repeat(gap)));
    left.extend(right);
    f.render_widget(Paragraph::new(Line::from(left)), area);
}

/// The file name of a store path, or the label as given ("demo").
fn store_label(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_string(), |n| n.to_string_lossy().into_owned())
}

const TABS: [(Screen, &str, &str); 9] = [
    (Screen::Overview, "o", "Overview"),
    (Screen::Value, "v", "Value"),
    (Screen::Channels, "h", "Channels"),
    (Screen::Contacts, "c", "Contacts"),
    (Screen::Interactions, "l", "Log"),
    (Screen::FollowUps, "f", "Follow-ups"),
    (Screen::Cohorts, "C", "Cohorts"),
    (Screen::Investments, "I", "Invest"),
    (Screen::Duplicates, "D", "Dupes"),
];

pub fn tabs(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let current = match app.screen {
        Screen::Pane(_) => Screen::Overview,
        Screen::Contact => Screen::Contacts,
        s => s,
    };
    // Follow-ups carry a count: every item its screen lists.
    let waiting = app.dashboard().followups_count();
    // Names for every tab when they fit; on a narrow terminal the last tabs but the one on show
    // drop their names first (their keys stay), so the first ones keep reading as words.
    let mut named = [true; TABS.len()];
    let width = |named: &[bool]| -> usize {
        TABS.iter()
            .zip(named)
            .map(|((_, k, n), on)| k.len() + 2 + if *on { n.width() + 2 } else { 0 })
            .sum::<usize>()
            + 5
    };
    for i in (0..TABS.len()).rev() {
        if width(&named) <= area.width as usize {
            break;
        }
        named[i] = TABS[i].0 == current;
    }
    let named = |screen: Screen| {
        TABS.iter()
            .zip(named)
            .any(|((s, ..), on)| *s == screen && on)
    };
    let mut spans = vec![Span::raw(" ")];
    for (screen, key, name) in TABS {
        let on = screen == current;
        let style = if on {
            t.selected.add_modifier(Modifier::BOLD)
        } else {
            t.text
        };
        spans.push(Span::styled(
            format!(" {key} "),
            if on { style } else { t.muted },
        ));
        if named(screen) {
            spans.push(Span::styled(format!("{name} "), style));
        }
        if screen == Screen::FollowUps && waiting > 0 {
            spans.push(Span::styled(
                format!("{waiting} "),
                if on { style } else { t.warning },
            ));
        }
        spans.push(Span::raw(if named(screen) { " " } else { "" }));
    }
    let extra = match app.screen {
        Screen::Pane(p) => format!("› {}", p.title()),
        Screen::Contact => app
            .contact
            .as_ref()
            .and_then(|v| app.store.contacts.get(v.index))
            .map(|c| format!("› {}", format::fit(&c.name, 30)))
            .unwrap_or_default(),
        _ => String::new(),
    };
    spans.push(Span::styled(extra, t.accent));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn hint_bar(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let line = match &app.status {
        Some((StatusKind::Error, msg)) => Line::from(vec![
            Span::styled(" ✗ ", t.negative.add_modifier(Modifier::REVERSED)),
            Span::styled(
                format!(" {}", format::fit(msg, area.width as usize - 4)),
                t.negative,
            ),
        ]),
        Some((kind, msg)) => {
            let (glyph, style) = match kind {
                StatusKind::Warning => (" ! ", t.warning),
                _ => (" i ", t.accent),
            };
            Line::from(vec![
                Span::styled(glyph, style.add_modifier(Modifier::REVERSED)),
                Span::styled(
                    format!(" {}", format::fit(msg, area.width as usize - 4)),
                    t.text,
                ),
            ])
        }
        None => {
            let mut spans = vec![Span::raw(" ")];
            let mut used = 1;
            // While changes are only in memory, the key that retries the save comes first (in a
            // form the same key saves the form, which writes the whole store too).
            let retry = app
                .unsaved
                .as_ref()
                .filter(|_| app.overlays.is_empty())
                .and_then(|_| app.keymap.key_for(Context::Global, Action::Save))
                .map(|k| (k.label(), "retry save"));
            for (keys, label) in retry.into_iter().chain(app.keymap.hints(&app.contexts())) {
                let w = keys.width() + label.width() + 4;
                if used + w > area.width as usize {
                    break;
                }
                used += w;
                spans.push(Span::styled(keys, t.accent));
                spans.push(Span::styled(format!(" {label}"), t.muted));
                spans.push(Span::styled("  ", t.muted));
            }
            Line::from(spans)
        }
    };
    f.render_widget(Paragraph::new(line), area);
}

pub fn too_small(f: &mut Frame, area: Rect, t: &Theme) {
    let lines = vec![
        Line::styled("Terminal too small", t.title),
        Line::raw(""),
        Line::raw(format!("This window is {}×{}.", area.width, area.height)),
        Line::raw(format!("ror-tui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.")),
        Line::raw(""),
        Line::styled("Enlarge the window, or press q to quit.", t.muted),
    ];
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    let rect = Rect {
        y,
        height: h,
        ..area
    };
    f.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

pub fn first_run(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    let key = |s: &str| Span::styled(s.to_string(), t.accent);
    let lines = vec![
        Line::styled("Welcome to ror-tui", t.title),
        Line::raw(""),
        Line::raw("Nothing is logged in this store yet:"),
        Line::styled(format::fit(&app.store_name, 60), t.muted),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Press "),
            key("a"),
            Span::raw(" to log your first interaction (or "),
            key(":"),
            Span::raw(" for a one-line quick log),"),
        ]),
        Line::raw("or from a shell:"),
        Line::from(key(
            "  ror-tui log --contact \"Ada Lovelace\" --kind message --create",
        )),
        Line::raw("Bring in history exported from another tool:"),
        Line::from(key("  ror-tui import history.csv")),
        Line::raw("Or look around a bundled community of 300 contacts:"),
        Line::from(key("  ror-tui --demo")),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Press ", t.muted),
            key("?"),
            Span::styled(" for keys, ", t.muted),
            key("q"),
            Span::styled(" to quit.", t.muted),
        ]),
    ];
    let rect = centered(area, 72, lines.len() as u16 + 2);
    f.render_widget(
        Paragraph::new(lines)
            .block(pane_block(Line::from(" First run "), false, t))
            .wrap(Wrap { trim: false }),
        rect,
    );
}
