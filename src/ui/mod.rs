//! Drawing: `render(&App, &mut Frame)` reads the app's view model and selection state and draws
//! it. Nothing here computes a figure or changes the app.

mod chrome;
mod commitments;
mod contact;
mod detail;
mod followups;
pub mod format;
mod lists;
mod orbit;
mod overlays;
mod overview;
mod panes;
mod people;
mod records;
mod standup;
pub mod theme;
mod value;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::{App, PaneId, Screen};
use theme::Theme;

/// Below this the dashboard shows a "terminal too small" message instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    let t = Theme::of(app.theme);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        chrome::too_small(f, area, &t);
        return;
    }
    if let Some(st) = &app.standup {
        standup::render(app, st, f, area, &t);
    } else {
        let [header, tabs, body, hint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        chrome::header(app, f, header, &t);
        chrome::tabs(app, f, tabs, &t);
        if app.first_run() && app.screen == Screen::Overview {
            chrome::first_run(app, f, body, &t);
        } else {
            screen(app, f, body, &t);
        }
        chrome::hint_bar(app, f, hint, &t);
    }
    let last = app.overlays.len().saturating_sub(1);
    for (i, o) in app.overlays.iter().enumerate() {
        overlays::render(app, o, i == last, f, area, &t);
    }
}

fn screen(app: &App, f: &mut Frame, area: Rect, t: &Theme) {
    match app.screen {
        Screen::Overview => overview::render(app, f, area, t),
        Screen::Pane(p) => panes::full(app, p, f, area, t),
        Screen::Contacts => lists::contacts(app, f, area, t),
        Screen::Contact => contact::render(app, f, area, t),
        Screen::Interactions => lists::interactions(app, f, area, t),
        Screen::FollowUps => followups::render(app, f, area, t),
        Screen::Cohorts => lists::cohorts(app, f, area, t),
        Screen::Investments => records::investments(app, f, area, t),
        Screen::Duplicates => records::duplicates(app, f, area, t),
        Screen::Value => value::value(app, f, area, t),
        Screen::Channels => value::channels(app, f, area, t),
    }
}

/// A bordered pane. The focused one has a thick border and a marker, not only a colour.
pub(crate) fn pane_block<'a>(title: Line<'a>, focused: bool, t: &Theme) -> Block<'a> {
    let (border, kind) = if focused {
        (t.focus_border, BorderType::Thick)
    } else {
        (t.border, BorderType::Rounded)
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(kind)
        .border_style(border)
        .title(title)
}

pub(crate) fn pane_title<'a>(p: PaneId, focused: bool, t: &Theme) -> Line<'a> {
    let n = p.index() + 1;
    let style: Style = if focused { t.title } else { t.text };
    let marker = if focused { "▶ " } else { "" };
    Line::from(vec![
        ratatui::text::Span::styled(format!(" {marker}{n} "), t.muted),
        ratatui::text::Span::styled(format!("{} ", p.title()), style),
    ])
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
