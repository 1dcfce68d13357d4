//! The store worker: one thread that owns the store file, writes stores in the order they come,
//! and looks for changes other programs made (a `ror-tui log` from another shell), so neither
//! the disk nor a reload ever holds up the screen.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use crate::store::{Fingerprint, Store, StoreFile};

enum Job {
    Save(Arc<Store>),
    /// Read the store if another program changed the file since we last read or wrote it.
    Check,
    /// The app took the store read from disk: later saves build on that file.
    Adopt(Option<Fingerprint>),
}

/// The store another program left on disk, and the fingerprint of the file it came from.
pub type Changed = Result<(Box<Store>, Option<Fingerprint>), String>;

/// What the worker tells the loop.
pub enum Report {
    Saved(Result<(), String>),
    /// The file changed on disk: the store as it is now, or why it cannot be read.
    Changed(Changed),
}

pub struct StoreWorker {
    tx: Option<mpsc::Sender<Job>>,
    rx: Option<mpsc::Receiver<Report>>,
    worker: Option<thread::JoinHandle<()>>,
    /// Jobs queued and not finished yet, so an ending on a signal can wait for the saves.
    pending: Arc<AtomicUsize>,
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

    pub fn start(mut file: StoreFile) -> StoreWorker {
        let (tx, jobs) = mpsc::channel::<Job>();
        let (done, rx) = mpsc::channel();
        let pending = Arc::new(AtomicUsize::new(0));
        let left = pending.clone();
        let work = move || {
            // Each version of the file on disk is reported once, not at every check. The file
            // we build on only moves when the app adopts what it was told about, so a save can
            // never silently overwrite changes the app has not taken.
            let mut reported = None;
            for job in jobs {
                let report = do_job(&mut file, &mut reported, job);
                left.fetch_sub(1, Ordering::SeqCst);
                let Some(report) = report else { continue };
                if done.send(report).is_err() {
                    break;
                }
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
    pub fn save(&self, store: Arc<Store>) -> bool {
        self.send(Job::Save(store))
    }

    pub fn check(&self) {
        self.send(Job::Check);
    }

    pub fn adopt(&self, fingerprint: Option<Fingerprint>) {
        self.send(Job::Adopt(fingerprint));
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

    /// Closes the queue, waits for the last job, and returns the save results not yet reported.
    pub fn finish(mut self) -> Vec<Result<(), String>> {
        self.tx = None;
        if let Some(w) = self.worker.take()
            && w.join().is_err()
        {
            return vec![Err("the save worker stopped unexpectedly".into())];
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

/// Carries out one job; `None` when there is nothing to tell the loop.
fn do_job(file: &mut StoreFile, reported: &mut Option<Fingerprint>, job: Job) -> Option<Report> {
    match job {
        Job::Save(store) => Some(Report::Saved(file.save(&store).map_err(|e| e.to_string()))),
        Job::Adopt(fingerprint) => {
            file.set_fingerprint(fingerprint);
            None
        }
        Job::Check => {
            let now = Fingerprint::of(&file.path).ok().flatten();
            if !file.changed_on_disk() || now == *reported {
                return None;
            }
            *reported = now;
            Some(match StoreFile::open(&file.path) {
                Ok((fresh, store)) => Report::Changed(Ok((Box::new(store), fresh.fingerprint()))),
                Err(e) => Report::Changed(Err(e.to_string())),
            })
        }
    }
}
