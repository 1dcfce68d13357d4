//! The terminal side of the dashboard: a guard that always gives the terminal back, and a
//! synchronous loop that sleeps until a key arrives, applies every queued event, then draws once.
//! Saves and reloads run on a worker thread so the screen never waits for the disk. A signal
//! (SIGTERM, SIGHUP, SIGINT) ends it like `q` does; see [`signals`].

pub mod drafts;
mod figures;
mod signals;
mod terminal;
mod worker;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use crossterm::event::{self, Event, KeyEventKind};
use jiff::civil::Date;

use crate::app::{self, App, Config, Effect, Mode, Msg};
use crate::store::{LockFile, LockKind, StoreFile, Take};
use figures::FiguresWorker;
use signals::Shutdown;
pub use signals::survive_file_size_limit;
use terminal::TerminalGuard;
use worker::{Report, StoreWorker};

/// How often the store worker looks at the file for changes other programs made: what they
/// append shows within this (and the time to read it). The loop itself sleeps meanwhile.
const CHECK_EVERY: Duration = Duration::from_millis(500);

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

/// How the dashboard ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it (its number); what happened was said on stderr.
    Signal(i32),
}

impl Ending {
    /// The exit status: 0 after quitting, 128 + the signal's number after a signal, as shells do.
    pub fn exit_status(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(n) => u8::try_from(128 + n).unwrap_or(u8::MAX),
        }
    }
}

/// Runs the dashboard until the user quits or a signal ends it. Errors are returned after the
/// terminal is restored.
pub fn run(opts: Options) -> Result<Ending> {
    if !io::stdout().is_terminal() {
        bail!(
            "the dashboard needs a terminal, and standard output is not one \
             (for text output try `ror-tui check`, or run it in a terminal window)"
        );
    }
    // Read once: makes the dashboard panic at the first key, to test crash reports end to end.
    let crash_test = std::env::var_os(crate::crash::CRASH_TEST_ENV)
        .is_some_and(|v| v.as_encoded_bytes() == b"1");
    let config = load_config(opts.config_dir.as_deref());
    let (mut app, saver, _lock) = open(&opts, config)?;
    app.background = true;
    // Drafts belong to the dashboard that may write the store; the demo has none.
    let draft_store = (!opts.demo && app.mode.can_write()).then_some(opts.store.as_path());
    if !opts.demo {
        drafts::reopen(&mut app, &opts.store);
    }
    let shutdown = Shutdown::install(saver.pending()).context("cannot set up signal handling")?;
    let workers = Workers {
        store: saver,
        figures: FiguresWorker::start(),
    };
    let mut guard = TerminalGuard::enter()?;
    let looped = event_loop(
        &mut guard,
        &mut app,
        &workers,
        &shutdown,
        draft_store,
        crash_test,
    );
    // A signal wins over an error it caused (a draw on a terminal that has gone away).
    let signal = match looped {
        Ok(Some(signal)) => Some(signal),
        Ok(None) => None,
        Err(e) => match shutdown.take_signal() {
            Some(signal) => Some(signal),
            None => {
                settle(&shutdown);
                return Err(e);
            }
        },
    };
    if signal.is_none() {
        settle(&shutdown);
    }
    drop(guard);
    if let Some(signal) = signal {
        return Ok(end_on_signal(app, workers, signal, draft_store));
    }
    let saver = workers.store;
    // Wait for saves still on their way to disk, so none is cut off and none fails unseen.
    for late in saver.finish() {
        let _ = app::update(&mut app, Msg::Saved(late));
    }
    let unsaved = app.unsaved.take();
    crate::store::release_at_exit(app);
    match unsaved {
        Some(why) => bail!("the last changes were not saved: {why}"),
        None => Ok(Ending::Quit),
    }
}

/// The loop ends for its own reasons; if the signal thread is already ending the process (the
/// loop answered too late), leave it to it rather than race it to the exit.
fn settle(shutdown: &Shutdown) {
    if !shutdown.end_by_loop() {
        loop {
            std::thread::park();
        }
    }
}

/// After a signal, with the terminal already given back: one more try at changes a failed save
/// left in memory (the fault may have passed), the open form's input kept as a draft, the
/// queued saves waited for, and what happened said on stderr.
fn end_on_signal(
    mut app: App,
    workers: Workers,
    signal: i32,
    draft_store: Option<&Path>,
) -> Ending {
    let name = signals::name(signal);
    let mut lines = vec![format!("stopped by {name}")];
    if app.unsaved.is_some()
        && let Some(fx) = app.save_effect("the store")
    {
        run_effect(&mut app, fx, &workers);
    }
    let title = app.overlays.iter().rev().find_map(|o| match o {
        app::Overlay::Form(f) if f.is_dirty() => Some(f.title().to_string()),
        _ => None,
    });
    match (draft_store, app.form_draft()) {
        (Some(store), Some(draft)) => lines.push(draft_outcome(
            drafts::keep(store, &draft, &name),
            title.as_deref(),
        )),
        (None, Some(_)) => lines.push(
            "what was typed in the open form is lost: this dashboard does not write the store \
             (demo or read-only)"
                .into(),
        ),
        (_, None) => {}
    }
    for late in workers.store.finish() {
        let _ = app::update(&mut app, Msg::Saved(late));
    }
    match &app.unsaved {
        Some(why) => lines.push(format!("the last changes were NOT saved: {why}")),
        None if app.mode.can_write() => {
            lines.push(format!(
                "every change made here is saved in {}",
                app.store_name
            ));
        }
        None => {}
    }
    tell(&lines);
    Ending::Signal(signal)
}

/// Writes lines to stderr, sanitised. Errors are ignored: after a hang-up stderr may be a
/// terminal that is gone, and `eprintln!` would panic there.
fn tell(lines: &[String]) {
    use std::io::Write as _;
    let mut err = io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "ror-tui: {}", crate::sanitize::text(line));
    }
}

/// What to tell the user about a draft kept (or not) at an ending.
fn draft_outcome(kept: io::Result<PathBuf>, title: Option<&str>) -> String {
    let form = title.map_or_else(|| "the open form".to_string(), |t| format!("the {t} form"));
    match kept {
        Ok(path) => format!(
            "what was typed in {form} is kept in {}; the form reopens with it the next time the \
             dashboard opens this store",
            path.display()
        ),
        Err(e) => format!("what was typed in {form} could not be kept: {e}"),
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
    // The index is built while the store is validated: the first frame waits for neither alone.
    let (file, store, index) = match StoreFile::read_with(
        &opts.store,
        Take::Everything,
        crate::metrics::Index::of_canonical,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        Some((file, folded, index)) => (file, folded.store, index),
        None => (
            StoreFile::at(&opts.store)
                .map_err(|e| anyhow::anyhow!("{}: {e}", opts.store.display()))?,
            crate::store::Store::default(),
            None,
        ),
    };
    let mut read_only = opts
        .read_only
        .then(|| "opened with --read-only".to_string());
    let mut lock = None;
    if read_only.is_none() {
        if let Some(dir) = opts.store.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        // On the file itself: a dashboard opened through a link sees one opened on the file.
        match LockFile::try_acquire(file.target(), LockKind::Editor) {
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
    let writes = mode.can_write();
    let mut app = App::with_index(store, index, &name, mode, opts.as_of, config);
    if let Some(reason) = read_only
        && app.status.is_none()
    {
        app.status = Some((app::StatusKind::Info, format!("read-only: {reason}")));
    }
    // Read-only dashboards get a worker too: they never save, but they follow the file.
    let saver = StoreWorker::start(
        file,
        app.store_on_disk(),
        writes,
        CHECK_EVERY,
        signals::wake,
    );
    Ok((app, saver, lock))
}

/// The threads that do the slow work: the store file, and the figures.
struct Workers {
    store: StoreWorker,
    figures: FiguresWorker,
}

/// How often the loop looks for figures while a computation is on its way: they are shown as
/// soon as they come, and the wait lasts only as long as the computation.
const FIGURES_POLL: Duration = Duration::from_millis(2);

/// Runs until the user quits (`None`) or a signal comes (`Some(signal)`).
fn event_loop(
    guard: &mut TerminalGuard,
    app: &mut App,
    workers: &Workers,
    shutdown: &Shutdown,
    draft_store: Option<&Path>,
    crash_test: bool,
) -> Result<Option<i32>> {
    let worker = &workers.store;
    // What the signal thread keeps if the terminal dies before the first key (a form reopened
    // from a draft at start-up holds input whose file is already gone).
    let publish = |app: &App| {
        shutdown.publish(
            draft_store.and_then(|store| app.form_draft().map(|d| (store.to_path_buf(), d))),
        );
    };
    publish(app);
    guard.draw(app)?;
    loop {
        if let Some(signal) = shutdown.take_signal() {
            return Ok(Some(signal));
        }
        // Block until something happens: a key, a signal, or news from a worker (the store
        // worker wakes the loop itself, see `worker`); while a save or figures are on their
        // way, wake up now and then to hear how they went.
        let ready = if app.figures_pending() {
            event::poll(FIGURES_POLL)?
        } else if app.saves_in_flight > 0 {
            event::poll(Duration::from_millis(100))?
        } else {
            true
        };
        let mut changed = false;
        if ready {
            let first = event::read()?;
            if crash_test && matches!(first, Event::Key(_)) {
                crash_test_panic(app);
            }
            let mut check = matches!(first, Event::FocusGained);
            changed |= handle(app, first, workers);
            while !app.quit && event::poll(Duration::ZERO)? {
                let ev = event::read()?;
                check |= matches!(ev, Event::FocusGained);
                changed |= handle(app, ev, workers);
            }
            if check {
                worker.check();
            }
        }
        // A signal wakes the read above with a Resize; end before drawing again.
        if let Some(signal) = shutdown.take_signal() {
            return Ok(Some(signal));
        }
        // Ctrl-Z here, or a SIGTSTP from outside: back to the shell until `fg`.
        if std::mem::take(&mut app.suspend) | shutdown.take_suspend() {
            publish(app);
            guard.suspend()?;
            changed = true;
        }
        while let Some(report) = worker.try_report() {
            let msg = match report {
                Report::Saved(r) => Msg::Saved(r),
                Report::Changed(r) => Msg::StoreChanged(r),
            };
            for fx in app::update(app, msg) {
                run_effect(app, fx, workers);
            }
            changed = true;
        }
        while let Some(fig) = workers.figures.try_result() {
            let Ok(fig) = fig else {
                bail!("working out the figures failed unexpectedly (a crash report was written)");
            };
            for fx in app::update(app, Msg::Computed(Box::new(fig))) {
                run_effect(app, fx, workers);
            }
            changed = true;
        }
        if app.quit {
            return Ok(None);
        }
        if changed {
            publish(app);
            guard.draw(app)?;
        }
    }
}

/// Applies one terminal event; returns whether the screen may have changed.
fn handle(app: &mut App, ev: Event, workers: &Workers) -> bool {
    let msg = match ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => Msg::Key(k),
        Event::Resize(w, h) => Msg::Resize(w, h),
        Event::Paste(text) => Msg::Paste(text),
        _ => return false,
    };
    for fx in app::update(app, msg) {
        run_effect(app, fx, workers);
    }
    true
}

fn run_effect(app: &mut App, fx: Effect, workers: &Workers) {
    let worker = &workers.store;
    match fx {
        Effect::Quit => app.quit = true,
        Effect::Save(job) => {
            if !worker.save(job) {
                let _ = app::update(
                    app,
                    Msg::Saved(app::SaveOutcome::Failed(
                        "the store cannot be written".into(),
                    )),
                );
            }
        }
        Effect::CheckDisk => worker.check(),
        Effect::Compute(job) => {
            if let Err(job) = workers.figures.compute(*job) {
                let _ = app::update(app, Msg::Computed(Box::new(job.run())));
            }
        }
    }
}

/// The crash test: a panic whose message quotes a contact's name on purpose, so the test can
/// check that the crash report leaves formatted messages out.
fn crash_test_panic(app: &App) -> ! {
    let first = app
        .store
        .contacts
        .first()
        .map_or("nobody", |c| c.name.as_str());
    panic!(
        "crash test ({}=1); the first contact is {first}",
        crate::crash::CRASH_TEST_ENV
    );
}
