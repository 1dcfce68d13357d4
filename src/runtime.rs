//! The terminal side of the dashboard: a guard that always gives the terminal back, and a
//! synchronous loop that sleeps until a key arrives, applies every queued event, then draws once.
//! Saves run on a worker thread so the screen never waits for the disk.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use crossterm::event::{self, Event, KeyEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{self, App, Config, Effect, Mode, Msg};
use crate::store::{LockFile, LockKind, Store, StoreFile};

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Options {
    /// The store file; ignored for the demo.
    pub store: PathBuf,
    pub demo: bool,
    pub as_of: Date,
    pub read_only: bool,
    /// The config folder (holding `config.json`), when there is one.
    pub config_dir: Option<PathBuf>,
}

/// Runs the dashboard until the user quits. Errors are returned after the terminal is restored.
pub fn run(opts: Options) -> Result<()> {
    if !io::stdout().is_terminal() {
        bail!(
            "the dashboard needs a terminal, and standard output is not one \
             (for text output try `ror-tui check`, or run it in a terminal window)"
        );
    }
    let config = load_config(opts.config_dir.as_deref());
    let (mut app, saver, _lock) = open(&opts, config)?;
    let mut guard = TerminalGuard::enter()?;
    let result = event_loop(&mut guard, &mut app, &saver);
    drop(guard);
    // Wait for saves still on their way to disk, so none is cut off and none fails unseen.
    for late in saver.finish() {
        let _ = app::update(&mut app, Msg::Saved(late));
    }
    result?;
    match app.unsaved {
        Some(why) => bail!("the last changes were not saved: {why}"),
        None => Ok(()),
    }
}

fn load_config(dir: Option<&Path>) -> Config {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let Some(path) = dir.map(|d| d.join("config.json")) else {
        return Config::defaults(no_color);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::from_json(&text, no_color),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Config::defaults(no_color),
        Err(e) => {
            let mut c = Config::defaults(no_color);
            c.problems
                .push(format!("cannot read {}: {e}", path.display()));
            c
        }
    }
}

/// Loads the store (or the demo) and takes the editor lock; a store already open in another
/// dashboard opens read-only.
fn open(opts: &Options, config: Config) -> Result<(App, Saver, Option<LockFile>)> {
    if opts.demo {
        let store = crate::demo::demo_store(opts.as_of);
        let mode = Mode {
            demo: true,
            read_only: None,
        };
        return Ok((
            App::new(store, "demo", mode, opts.as_of, config),
            Saver::none(),
            None,
        ));
    }
    let (file, store) = StoreFile::open(&opts.store).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut read_only = opts
        .read_only
        .then(|| "opened with --read-only".to_string());
    let mut lock = None;
    if read_only.is_none() {
        if let Some(dir) = opts.store.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        match LockFile::try_acquire(&opts.store, LockKind::Editor) {
            Ok(Some(l)) => lock = Some(l),
            Ok(None) => read_only = Some("another ror-tui has this store open".into()),
            Err(e) => read_only = Some(format!("cannot lock the store: {e}")),
        }
    }
    let mode = Mode {
        demo: false,
        read_only: read_only.clone(),
    };
    let name = opts.store.display().to_string();
    let mut app = App::new(store, &name, mode, opts.as_of, config);
    if let Some(reason) = read_only
        && app.status.is_none()
    {
        app.status = Some((app::StatusKind::Info, format!("read-only: {reason}")));
    }
    let saver = if app.mode.can_write() {
        Saver::start(file)
    } else {
        Saver::none()
    };
    Ok((app, saver, lock))
}

fn event_loop(guard: &mut TerminalGuard, app: &mut App, saver: &Saver) -> Result<()> {
    guard.draw(app)?;
    loop {
        // Block until something happens; while a save is on its way, wake up now and then to
        // report how it went.
        let ready = if app.saves_in_flight > 0 {
            event::poll(Duration::from_millis(100))?
        } else {
            true
        };
        let mut changed = false;
        if ready {
            let first = event::read()?;
            changed |= handle(app, first, saver);
            while !app.quit && event::poll(Duration::ZERO)? {
                changed |= handle(app, event::read()?, saver);
            }
        }
        while let Some(result) = saver.try_result() {
            for fx in app::update(app, Msg::Saved(result)) {
                run_effect(app, fx, saver);
            }
            changed = true;
        }
        if app.quit {
            return Ok(());
        }
        if changed {
            guard.draw(app)?;
        }
    }
}

/// Applies one terminal event; returns whether the screen may have changed.
fn handle(app: &mut App, ev: Event, saver: &Saver) -> bool {
    let msg = match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
        Event::Resize(w, h) => Msg::Resize(w, h),
        Event::Paste(text) => Msg::Paste(text),
        _ => return false,
    };
    for fx in app::update(app, msg) {
        run_effect(app, fx, saver);
    }
    true
}

fn run_effect(app: &mut App, fx: Effect, saver: &Saver) {
    match fx {
        Effect::Quit => app.quit = true,
        Effect::Save(store) => {
            if !saver.save(*store) {
                let _ = app::update(app, Msg::Saved(Err("the store cannot be written".into())));
            }
        }
    }
}

/// The save worker: one thread that writes stores in order and reports each result.
struct Saver {
    tx: Option<mpsc::Sender<Store>>,
    rx: Option<mpsc::Receiver<Result<(), String>>>,
    worker: Option<thread::JoinHandle<()>>,
}

impl Saver {
    fn none() -> Saver {
        Saver {
            tx: None,
            rx: None,
            worker: None,
        }
    }

    fn start(mut file: StoreFile) -> Saver {
        let (tx, jobs) = mpsc::channel::<Store>();
        let (done, rx) = mpsc::channel();
        let worker = thread::spawn(move || {
            for store in jobs {
                let r = file.save(&store).map_err(|e| e.to_string());
                if done.send(r).is_err() {
                    break;
                }
            }
        });
        Saver {
            tx: Some(tx),
            rx: Some(rx),
            worker: Some(worker),
        }
    }

    fn save(&self, store: Store) -> bool {
        self.tx.as_ref().is_some_and(|tx| tx.send(store).is_ok())
    }

    fn try_result(&self) -> Option<Result<(), String>> {
        self.rx.as_ref()?.try_recv().ok()
    }

    /// Closes the queue, waits for the last save, and returns the results not yet reported.
    fn finish(mut self) -> Vec<Result<(), String>> {
        self.tx = None;
        if let Some(w) = self.worker.take()
            && w.join().is_err()
        {
            return vec![Err("the save worker stopped unexpectedly".into())];
        }
        self.rx
            .take()
            .map_or_else(Vec::new, |rx| rx.try_iter().collect())
    }
}

/// Raw mode and the alternate screen for as long as it lives; restored on drop and on panic.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<io::Stdout>>,
}

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
        let mut out = io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            event::EnableBracketedPaste,
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

    fn draw(&mut self, app: &App) -> Result<()> {
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

/// Gives the terminal back exactly as the shell expects it. Safe to call more than once.
fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        event::DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}
