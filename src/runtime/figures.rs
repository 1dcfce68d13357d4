//! The figures worker: one thread that computes the dashboard's figures (see
//! `app::background`), so the event loop keeps answering keys while a large store is indexed.
//! Only the newest job waiting is run: figures for a period the user has already left are
//! never computed.

use std::sync::mpsc;
use std::thread;

use crate::app::{Figures, FiguresJob};

pub struct FiguresWorker {
    tx: mpsc::Sender<FiguresJob>,
    /// `Err` when a computation panicked: the panic hook has already given the terminal back
    /// and written a crash report, so the dashboard must end rather than draw on.
    rx: mpsc::Receiver<Result<Figures, ()>>,
}

impl FiguresWorker {
    pub fn start() -> FiguresWorker {
        let (tx, jobs) = mpsc::channel::<FiguresJob>();
        let (done, rx) = mpsc::channel();
        thread::spawn(move || {
            while let Ok(mut job) = jobs.recv() {
                while let Ok(newer) = jobs.try_recv() {
                    job = newer;
                }
                let fig = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()));
                let failed = fig.is_err();
                if done.send(fig.map_err(|_| ())).is_err() || failed {
                    break;
                }
            }
        });
        FiguresWorker { tx, rx }
    }

    /// Queues a job; `false` if the worker is gone (the caller then computes inline).
    pub fn compute(&self, job: FiguresJob) -> Result<(), FiguresJob> {
        self.tx.send(job).map_err(|e| e.0)
    }

    pub fn try_result(&self) -> Option<Result<Figures, ()>> {
        self.rx.try_recv().ok()
    }
}
