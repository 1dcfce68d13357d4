//! The terminal guard: raw mode, the alternate screen, bracketed paste and focus reports for as
//! long as it lives; everything restored on drop, on error and on panic.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};
use crossterm::event;
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::App;

/// Whether the terminal is set up for the dashboard, so it is given back exactly once: leaving the
/// alternate screen a second time would move the cursor back over what was printed meanwhile
/// (a panic's message, printed between the panic hook's restore and the guard's drop).
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl TerminalGuard {
    pub fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            event::EnableBracketedPaste,
            event::EnableFocusChange,
            cursor::Hide
        ) {
            restore();
            return Err(e).context("cannot set up the terminal");
        }
        let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e).context("cannot set up the terminal");
            }
        };
        Ok(TerminalGuard { terminal })
    }

    pub fn draw(&mut self, app: &App) -> Result<()> {
        // Synchronized output: the terminal shows the frame whole, never half drawn.
        let _ = execute!(io::stdout(), terminal::BeginSynchronizedUpdate);
        let r = self.terminal.draw(|f| crate::ui::render(app, f));
        let _ = execute!(io::stdout(), terminal::EndSynchronizedUpdate);
        r.map(|_| ()).context("cannot draw")
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back exactly as the shell expects it. Safe to call more than once (only the
/// first call does anything), and from any thread.
pub(super) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        event::DisableFocusChange,
        event::DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}
