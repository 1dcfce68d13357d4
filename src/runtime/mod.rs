//! The terminal side of the dashboard: a guard that always gives the terminal back, and a
//! synchronous loop that sleeps until a key arrives, applies every queued event, then draws once.
//! Saves and reloads run on a worker thread so the screen never waits for the disk.

mod terminal;
mod worker;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};
use crossterm::event::{self, Event, KeyEventKind};
use jiff::civil::Date;

use crate::app::{self, App, Config, Effect, Mode, Msg};
use crate::store::{LockFile, LockKind, StoreFile};
use terminal::TerminalGuard;
use worker::{Report, StoreWorker};

/// How often, at most, input wakes the worker to look for changes made by other programs.
const CHECK_EVERY: Duration = Duration::from_secs(1);

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
    let unsaved = app.unsaved.take();
    crate::store::release_at_exit(app);
    match unsaved {
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
fn open(opts: &Options, config: Config) -> Result<(App, StoreWorker, Option<LockFile>)> {
    if opts.demo {
        let store = crate::demo::demo_store(opts.as_of);
        let mode = Mode {
            demo: true,
            read_only: None,
        };
        return Ok((
            App::new(store, "demo", mode, opts.as_of, config),
            StoreWorker::none(),
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
    // Read-only dashboards get a worker too: they never save, but they follow the file.
    let saver = StoreWorker::start(file);
    Ok((app, saver, lock))
}

fn event_loop(guard: &mut TerminalGuard, app: &mut App, worker: &StoreWorker) -> Result<()> {
    guard.draw(app)?;
    let mut last_check = Instant::now();
    loop {
        // Block until something happens; while the worker has something on its way, wake up
        // now and then to hear how it went.
        let ready = if app.saves_in_flight > 0 || last_check.elapsed() < CHECK_EVERY / 2 {
            event::poll(Duration::from_millis(100))?
        } else {
            true
        };
        let mut changed = false;
        if ready {
            let first = event::read()?;
            let mut check = matches!(first, Event::FocusGained);
            changed |= handle(app, first, worker);
            while !app.quit && event::poll(Duration::ZERO)? {
                let ev = event::read()?;
                check |= matches!(ev, Event::FocusGained);
                changed |= handle(app, ev, worker);
            }
            if check || last_check.elapsed() >= CHECK_EVERY {
                worker.check();
                last_check = Instant::now();
            }
        }
        while let Some(report) = worker.try_report() {
            let msg = match report {
                Report::Saved(r) => Msg::Saved(r),
                Report::Changed(r) => Msg::StoreChanged(r),
            };
            for fx in app::update(app, msg) {
                run_effect(app, fx, worker);
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
fn handle(app: &mut App, ev: Event, worker: &StoreWorker) -> bool {
    let msg = match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
        Event::Resize(w, h) => Msg::Resize(w, h),
        Event::Paste(text) => Msg::Paste(text),
        _ => return false,
    };
    for fx in app::update(app, msg) {
        run_effect(app, fx, worker);
    }
    true
}

fn run_effect(app: &mut App, fx: Effect, worker: &StoreWorker) {
    match fx {
        Effect::Quit => app.quit = true,
        Effect::Save(store) => {
            if !worker.save(*store) {
                let _ = app::update(app, Msg::Saved(Err("the store cannot be written".into())));
            }
        }
        Effect::CheckDisk => worker.check(),
        Effect::Adopt(fingerprint) => worker.adopt(fingerprint),
    }
}
