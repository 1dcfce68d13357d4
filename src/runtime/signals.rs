//! Ending on a signal the way `q` ends: SIGTERM, SIGHUP (sent when the terminal window closes),
//! SIGINT and SIGQUIT give the terminal back, wait for the saves already queued, keep what an open
//! form holds as a draft beside the store, and exit with 128 + the signal's number. SIGTSTP (a
//! `kill -TSTP`, or a shell's suspend) suspends the dashboard as Ctrl-Z does: the loop gives the
//! terminal back before the process stops, and sets it up again when it is continued.
//!
//! How the loop hears of it: the loop is synchronous and sleeps in crossterm's `event::read`,
//! which only terminal input wakes, and a timer tick to look at a flag would wake it all day for
//! nothing. So the signal thread records the signal and raises SIGWINCH. crossterm already
//! listens for SIGWINCH (through signal-hook-mio, on the self-pipe its poll sleeps on), so the
//! blocked read returns a Resize event at once; the loop looks for a recorded signal after
//! every batch of events and ends cleanly. SIGWINCH is raised again every 25 ms until the loop
//! takes the signal, because the first one may come before crossterm has set up its listener
//! (a signal during start-up), and raising it costs nothing when nobody listens (its default
//! action is to be ignored).
//!
//! Why a fallback: when the terminal itself is gone (window closed, ssh dropped), crossterm
//! 0.29's reader spins on the dead tty inside `event::read` and never returns. If the loop has
//! not taken the signal within [`GRACE`], the signal thread ends the process itself: it keeps
//! the form input the loop last published, waits for the queued saves, gives the terminal back
//! (if there still is one) and exits. Which of the two ends the process is settled by one
//! compare-and-swap, so they never both do.

use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::forms::FormDraft;

/// How long the loop has to take a signal before the signal thread ends the process itself. The
/// loop answers within milliseconds (it never computes for long: figures and saves run on
/// workers); a loop that does not has lost its terminal and spins on it, so the wait is short.
pub const GRACE: Duration = Duration::from_millis(500);
/// How long an ending waits for saves already queued (each waits at most a few seconds for the
/// write lock, so this is only reached when the disk hangs).
pub const SAVE_WAIT: Duration = Duration::from_secs(30);

const RUNNING: u8 = 0;
const SIGNALLED: u8 = 1;
/// The loop is ending the dashboard (after `q`, or having taken the signal).
const LOOP_ENDS: u8 = 2;
/// The signal thread is ending the process: the loop did not answer in time.
const THREAD_ENDS: u8 = 3;

/// Wakes the loop from another thread, as a signal does (see the module comment): for a worker
/// with news the loop must hear without waiting for a key.
pub fn wake() {
    #[cfg(unix)]
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// What the signal thread would keep if it had to end the process: the store the draft belongs
/// beside, and the open form's input, as the loop last saw them.
pub type Published = Option<(PathBuf, FormDraft)>;

struct Shared {
    state: AtomicU8,
    /// A SIGTSTP came and the loop has not suspended yet.
    suspend: std::sync::atomic::AtomicBool,
    signal: AtomicI32,
    draft: Mutex<Published>,
    /// Store-worker jobs queued and not finished.
    pending: Arc<AtomicUsize>,
}

/// The signal handlers of a running dashboard, and the one decision of who ends it.
pub struct Shutdown {
    shared: Arc<Shared>,
}

impl Shutdown {
    /// Installs the handlers (before the terminal goes raw, so no signal finds it raw and
    /// unguarded) and starts the thread that wakes the loop.
    pub fn install(pending: Arc<AtomicUsize>) -> std::io::Result<Shutdown> {
        let shared = Arc::new(Shared {
            state: AtomicU8::new(RUNNING),
            suspend: std::sync::atomic::AtomicBool::new(false),
            signal: AtomicI32::new(0),
            draft: Mutex::new(None),
            pending,
        });
        imp::start(shared.clone())?;
        Ok(Shutdown { shared })
    }

    /// The signal to end on, if one came: from now on the loop ends the process.
    pub fn take_signal(&self) -> Option<i32> {
        let s = &self.shared;
        s.state
            .compare_exchange(SIGNALLED, LOOP_ENDS, Ordering::SeqCst, Ordering::SeqCst)
            .ok()
            .map(|_| s.signal.load(Ordering::SeqCst))
    }

    /// Whether a SIGTSTP asked the dashboard to suspend (once per signal).
    pub fn take_suspend(&self) -> bool {
        self.shared.suspend.swap(false, Ordering::SeqCst)
    }

    /// The loop ends for its own reasons (`q`): a signal coming now changes nothing. `false` when
    /// the signal thread is already ending the process; the caller must then leave it to it.
    pub fn end_by_loop(&self) -> bool {
        let state = &self.shared.state;
        for from in [RUNNING, SIGNALLED] {
            if state
                .compare_exchange(from, LOOP_ENDS, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                return true;
            }
        }
        state.load(Ordering::SeqCst) == LOOP_ENDS
    }

    /// Records what to keep should the signal thread have to end the process.
    pub fn publish(&self, draft: Published) {
        let mut slot = self.shared.draft.lock().unwrap_or_else(|e| e.into_inner());
        *slot = draft;
    }
}

/// A signal's usual name (`SIGTERM`), for messages.
pub fn name(signal: i32) -> String {
    imp::name(signal)
}

/// Makes a write past the file-size limit (`ulimit -f`) fail with an error (EFBIG) that the
/// save reports, instead of SIGXFSZ killing the process with the terminal still raw.
pub fn survive_file_size_limit() {
    imp::survive_file_size_limit();
}

/// Waits until no store-worker job is left, or `limit` passes; whether all finished.
fn wait_for_saves(pending: &AtomicUsize, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while pending.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

#[cfg(unix)]
mod imp {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH, SIGXFSZ};
    use signal_hook::iterator::Signals;
    use signal_hook::low_level::{raise, signal_name};

    use super::{GRACE, RUNNING, SAVE_WAIT, SIGNALLED, Shared, THREAD_ENDS, wait_for_saves};

    pub fn start(shared: Arc<Shared>) -> std::io::Result<()> {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    if signal == SIGTSTP {
                        // The loop suspends at its next turn; the SIGWINCH wakes it.
                        shared.suspend.store(true, Ordering::SeqCst);
                        let _ = raise(SIGWINCH);
                    } else {
                        on_signal(&shared, signal);
                    }
                }
            })?;
        Ok(())
    }

    fn on_signal(shared: &Shared, signal: i32) {
        let _ = shared
            .signal
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
        if shared
            .state
            .compare_exchange(RUNNING, SIGNALLED, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return; // already ending
        }
        let deadline = Instant::now() + GRACE;
        while shared.state.load(Ordering::SeqCst) == SIGNALLED && Instant::now() < deadline {
            let _ = raise(SIGWINCH);
            std::thread::sleep(Duration::from_millis(25));
        }
        if shared
            .state
            .compare_exchange(SIGNALLED, THREAD_ENDS, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            end_without_the_loop(shared, signal);
        }
    }

    /// The loop is stuck (a dead terminal): keep the published draft, let queued saves finish,
    /// give the terminal back if it is there, and exit, whatever goes wrong on the way.
    fn end_without_the_loop(shared: &Shared, signal: i32) -> ! {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            keep_and_wait(shared, signal);
        }));
        std::process::exit(128 + signal)
    }

    fn keep_and_wait(shared: &Shared, signal: i32) {
        let name = name(signal);
        let mut lines = vec![format!(
            "stopped by {name} (the screen did not answer, so the dashboard was ended without it)"
        )];
        let published = shared
            .draft
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some((store, draft)) = published {
            lines.push(crate::runtime::draft_outcome(
                crate::runtime::drafts::keep(&store, &draft, &name),
                None,
            ));
        }
        if !wait_for_saves(&shared.pending, SAVE_WAIT) {
            lines.push(format!(
                "saves still queued after {} s were abandoned; the store holds the last one that finished",
                SAVE_WAIT.as_secs()
            ));
        }
        // A terminal that is frozen rather than gone blocks writes, and the loop may hold
        // stdout while blocked in one: give the terminal back from another thread and wait a
        // second at most, so nothing here keeps the process from exiting.
        let (done, finished) = std::sync::mpsc::channel();
        let _ = std::thread::Builder::new().spawn(move || {
            crate::runtime::terminal::restore();
            crate::runtime::tell(&lines);
            let _ = done.send(());
        });
        let _ = finished.recv_timeout(Duration::from_secs(1));
    }

    pub fn name(signal: i32) -> String {
        signal_name(signal).map_or_else(|| format!("signal {signal}"), String::from)
    }

    pub fn survive_file_size_limit() {
        let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
    }
}

#[cfg(not(unix))]
mod imp {
    use std::sync::Arc;

    use super::Shared;

    pub fn start(_shared: Arc<Shared>) -> std::io::Result<()> {
        Ok(())
    }

    pub fn name(signal: i32) -> String {
        format!("signal {signal}")
    }

    pub fn survive_file_size_limit() {}
}
