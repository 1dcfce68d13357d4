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
        set_up()?;
        let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                restore();
                return Err(e).context("cannot set up the terminal");
            }
        };
        Ok(TerminalGuard { terminal })
    }

    /// Suspends the dashboard as other terminal programs do on Ctrl-Z: gives the terminal back,
    /// stops the process (the shell's job control takes over), and once it is continued (`fg`,
    /// SIGCONT) sets the terminal up again and redraws everything. What the app holds (an open
    /// form's input included) is untouched.
    pub fn suspend(&mut self) -> Result<()> {
        restore();
        #[cfg(unix)]
        {
            // SIGTSTP's own default action: stop here, resume here on SIGCONT. (The dashboard
            // listens for SIGTSTP, so raising it would only ask for a suspension again.)
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
        }
        set_up()?;
        // The screen behind the alternate one may hold anything by now: draw it all again.
        self.terminal.clear().context("cannot redraw")
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

/// Raw mode, the alternate screen, bracketed paste and focus reports, the cursor hidden.
fn set_up() -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Err(e) = execute!(
        io::stdout(),
        EnterAlternateScreen,
        event::EnableBracketedPaste,
        event::EnableFocusChange,
        cursor::Hide
    ) {
        restore();
        return Err(e).context("cannot set up the terminal");
    }
    Ok(())
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
