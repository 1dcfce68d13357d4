//! The store worker: one thread that owns the store file, writes the changes in the order they
//! come, and follows the file for changes other programs make (a `ror-tui log` from another
//! shell, a `git pull`), so neither the disk nor a reload ever holds up the screen.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use crate::app::{SaveJob, SaveOutcome, Theirs};
use crate::store::{Followed, Saved, Store, StoreFile, apply, diff, validate};

enum Job {
    Save(SaveJob),
    /// Look whether another program changed the file since we last read or wrote it.
    Check,
}

/// What the worker tells the loop.
pub enum Report {
    Saved(SaveOutcome),
    /// The file changed on disk: their changes, or why they cannot be read.
    Changed(Result<Theirs, String>),
}

pub struct StoreWorker {
    tx: Option<mpsc::Sender<Job>>,
    rx: Option<mpsc::Receiver<Report>>,
    worker: Option<thread::JoinHandle<()>>,
    /// Jobs queued and not finished yet, so an ending on a signal can wait for the saves.
    pending: Arc<AtomicUsize>,
}

/// The file and the store it holds, as this worker last read or wrote it.
struct Disk {
    file: StoreFile,
    store: Arc<Store>,
    /// Whether this dashboard may write the file (not read-only): only then does it compact.
    writes: bool,
}

impl StoreWorker {
    /// No file behind the store (the demo): saves are refused, nothing is watched.
    pub fn none() -> StoreWorker {
        StoreWorker {
            tx: None,
            rx: None,
            worker: None,
            pending: Arc::default(),
        }
    }

    /// Starts the worker on `file`, which holds `store` (the very store the app starts with,
    /// so the first change shares its blocks). Every `every`, it looks whether another program
    /// changed the file; `wake` wakes the loop when it has something to tell.
    pub fn start(
        file: StoreFile,
        store: Arc<Store>,
        writes: bool,
        every: Duration,
        wake: impl Fn() + Send + 'static,
    ) -> StoreWorker {
        let (tx, jobs) = mpsc::channel::<Job>();
        let (done, rx) = mpsc::channel();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = pending.clone();
        let work = move || {
            let mut disk = Disk {
                file,
                store,
                writes,
            };
            loop {
                let reports = match jobs.recv_timeout(every) {
                    Ok(job) => {
                        let reports = disk.run(job);
                        left.fetch_sub(1, Ordering::SeqCst);
                        reports
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => disk.run(Job::Check),
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                };
                if reports.is_empty() {
                    continue;
                }
                for report in reports {
                    if done.send(report).is_err() {
                        return;
                    }
                }
                wake();
            }
            // The queue is closed: the dashboard is ending. A file with changes appended is
            // written out in canonical order, so the next start reads it as one piece.
            if disk.writes && disk.file.has_tail() {
                let _ = disk.file.lock().map(|lock| disk.file.compact(&lock));
            }
        };
        let worker = thread::Builder::new()
            .name("store-worker".into())
            .spawn(work)
            .expect("the store worker thread starts");
        StoreWorker {
            tx: Some(tx),
            rx: Some(rx),
            worker: Some(worker),
            pending,
        }
    }

    /// The count of jobs queued and not finished, shared with whoever must wait for them.
    pub fn pending(&self) -> Arc<AtomicUsize> {
        self.pending.clone()
    }

    /// Queues a save; `false` when there is no file to write.
    pub fn save(&self, job: SaveJob) -> bool {
        self.send(Job::Save(job))
    }

    pub fn check(&self) {
        self.send(Job::Check);
    }

    fn send(&self, job: Job) -> bool {
        let Some(tx) = &self.tx else { return false };
        self.pending.fetch_add(1, Ordering::SeqCst);
        let sent = tx.send(job).is_ok();
        if !sent {
            self.pending.fetch_sub(1, Ordering::SeqCst);
        }
        sent
    }

    pub fn try_report(&self) -> Option<Report> {
        self.rx.as_ref()?.try_recv().ok()
    }

    /// Closes the queue, waits for the last job (and the compaction that follows it), and
    /// returns the save results not yet reported.
    pub fn finish(mut self) -> Vec<SaveOutcome> {
        self.tx = None;
        if let Some(w) = self.worker.take()
            && w.join().is_err()
        {
            return vec![SaveOutcome::Failed(
                "the save worker stopped unexpectedly".into(),
            )];
        }
        self.rx.take().map_or_else(Vec::new, |rx| {
            rx.try_iter()
                .filter_map(|r| match r {
                    Report::Saved(r) => Some(r),
                    Report::Changed(_) => None,
                })
                .collect()
        })
    }
}

impl Disk {
    fn run(&mut self, job: Job) -> Vec<Report> {
        match job {
            Job::Check => self.follow(false).into_iter().collect(),
            Job::Save(job) => self.save(job),
        }
    }

    fn save(&mut self, job: SaveJob) -> Vec<Report> {
        // A save built on a version of the file this worker no longer holds (another program
        // wrote since, or an earlier save failed) is made again by the app on the new one.
        if !Arc::ptr_eq(&job.from, &self.store) {
            return vec![Report::Saved(SaveOutcome::Stale)];
        }
        match self
            .file
            .save(&job.from, &job.to, crate::store::stamp_now())
        {
            Ok(Saved::Written { .. }) => {
                self.store = Arc::clone(&job.to);
                vec![Report::Saved(SaveOutcome::Done(job.to))]
            }
            Ok(Saved::Behind(followed)) => {
                let mut out: Vec<Report> = self.theirs(followed).into_iter().collect();
                out.push(Report::Saved(SaveOutcome::Stale));
                out
            }
            Err(e) => vec![Report::Saved(SaveOutcome::Failed(e.to_string()))],
        }
    }

    fn follow(&mut self, settled: bool) -> Option<Report> {
        match self.file.follow(settled) {
            Ok(followed) => self.theirs(followed),
            Err(e) => Some(Report::Changed(Err(e.to_string()))),
        }
    }

    /// Their changes on top of the store this worker holds; `None` when there are none.
    fn theirs(&mut self, followed: Followed) -> Option<Report> {
        let lines = match followed {
            Followed::Same => return None,
            Followed::Appended(lines) => lines,
            Followed::Replaced(folded) => diff(&self.store, &folded.store, None),
            Followed::Gone => {
                return Some(Report::Changed(Err(format!(
                    "{} was removed or renamed by another program; the next save writes it again",
                    self.file.path.display()
                ))));
            }
        };
        if lines.is_empty() {
            return None;
        }
        // Built on the store held, so the two share every block the change did not touch.
        let mut store = (*self.store).clone();
        apply(&mut store, lines.clone());
        let problems = validate(&store);
        if let Some(p) = problems.first() {
            return Some(Report::Changed(Err(format!(
                "{}: another program wrote a change that does not fit the store: {p}",
                self.file.path.display()
            ))));
        }
        self.store = Arc::new(store);
        Some(Report::Changed(Ok(Theirs {
            store: Arc::clone(&self.store),
            lines,
        })))
    }
}
