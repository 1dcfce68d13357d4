//! Colours named by what they mean. Meaning is never carried by colour alone: every role that
//! colours a figure also comes with a glyph (▲▼, +/−) or a modifier, so mono loses nothing.

use ratatui::style::{Color, Modifier, Style};

use crate::app::ThemeName;

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub muted: Style,
    pub accent: Style,
    pub positive: Style,
    pub negative: Style,
    pub warning: Style,
    pub selected: Style,
    pub border: Style,
    pub focus_border: Style,
    /// Cohort heat, from cold to hot; mono uses no background at all.
    pub heat: [Style; 5],
}

impl Theme {
    pub fn of(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => dark(),
            ThemeName::Light => light(),
            ThemeName::Mono => mono(),
        }
    }
}

fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

fn dark() -> Theme {
    Theme {
        text: Style::new(),
        title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        muted: fg(Color::DarkGray),
        accent: fg(Color::Yellow),
        positive: fg(Color::Green),
        negative: fg(Color::Red),
        warning: fg(Color::Yellow),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        border: fg(Color::DarkGray),
        focus_border: fg(Color::Cyan),
        heat: [
            Style::new(),
            Style::new().bg(Color::Indexed(23)),
            Style::new().bg(Color::Indexed(29)),
            Style::new().bg(Color::Indexed(35)).fg(Color::Black),
            Style::new().bg(Color::Indexed(41)).fg(Color::Black),
        ],
    }
}

fn light() -> Theme {
    Theme {
        text: Style::new(),
        title: fg(Color::Blue).add_modifier(Modifier::BOLD),
        muted: fg(Color::Indexed(244)),
        accent: fg(Color::Magenta),
        positive: fg(Color::Indexed(28)),
        negative: fg(Color::Indexed(124)),
        warning: fg(Color::Indexed(130)),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        border: fg(Color::Indexed(248)),
        focus_border: fg(Color::Blue),
        heat: [
            Style::new(),
            Style::new().bg(Color::Indexed(194)),
            Style::new().bg(Color::Indexed(157)),
            Style::new().bg(Color::Indexed(120)),
            Style::new().bg(Color::Indexed(77)),
        ],
    }
}

fn mono() -> Theme {
    let plain = Style::new();
    Theme {
        text: plain,
        title: plain.add_modifier(Modifier::BOLD),
        muted: plain.add_modifier(Modifier::DIM),
        accent: plain.add_modifier(Modifier::BOLD),
        positive: plain,
        // Bad news is underlined, so "▲ churn" reads as bad without red.
        negative: plain.add_modifier(Modifier::UNDERLINED),
        warning: plain.add_modifier(Modifier::BOLD),
        selected: plain.add_modifier(Modifier::REVERSED),
        border: plain,
        focus_border: plain.add_modifier(Modifier::BOLD),
        heat: [
            plain,
            plain,
            plain,
            plain,
            plain.add_modifier(Modifier::BOLD),
        ],
    }
}
