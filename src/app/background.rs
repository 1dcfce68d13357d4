//! Figures computed off the UI thread. On a large store, rebuilding the metrics index and every
//! figure after an edit or a period switch takes tens of milliseconds (hundreds at a million
//! interactions); the dashboard hands that work to the runtime as an [`Effect::Compute`] and
//! keeps answering keys, showing the figures it has, marked as updating, until the new ones
//! arrive as a [`Msg::Computed`]. The edit itself is on screen at once: the lists read the
//! store, not the figures.
//!
//! Tests and benchmarks leave [`App::background`] off, and the same work runs inline.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use super::dashboard::Dashboard;
use super::figures;
use super::period::PeriodSpec;
use super::{App, Effect};
use crate::metrics::{Index, ScoreCache, Segment};
use crate::store::Store;

/// What figures are computed for: the store version, the period, the as-of date, the
/// segment's version, and whether with the lists of the Value, Channels and Advocates screens.
pub type FiguresKey = (u64, PeriodSpec, Date, u64, bool);

/// The figures to compute for `key`, with the store (shared, not copied) and the index when it
/// is still the store's.
#[derive(Clone)]
pub struct FiguresJob {
    pub key: FiguresKey,
    store: Arc<Store>,
    /// The part of the community the figures are for.
    segment: Segment,
    /// The index, with the scores already worked out from it, when it is still the store's
    /// (and the segment's).
    index: Option<(Arc<Index>, ScoreCache)>,
}

impl FiguresJob {
    /// Runs the job: pure, and safe on any thread.
    pub fn run(self) -> Figures {
        let segment = &self.segment;
        let (index, mut scores) = self.index.unwrap_or_else(|| {
            // A segment's figures are those of the store with everyone else left out.
            let index = if segment.is_everyone() {
                Index::new(&self.store)
            } else {
                Index::new(&segment.apply(&self.store))
            };
            (Arc::new(index), ScoreCache::default())
        });
        let (_, period, as_of, _, screens) = self.key;
        let dashboard = figures::compute(&self.store, &index, as_of, period, &mut scores, screens);
        Figures {
            key: self.key,
            index,
            scores,
            dashboard,
        }
    }
}

impl fmt::Debug for FiguresJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FiguresJob {:?}", self.key)
    }
}

impl PartialEq for FiguresJob {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// Computed figures, and the index they were computed from.
#[derive(Clone)]
pub struct Figures {
    pub key: FiguresKey,
    index: Arc<Index>,
    scores: ScoreCache,
    dashboard: Dashboard,
}

impl fmt::Debug for Figures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Figures {:?}", self.key)
    }
}

impl PartialEq for Figures {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl App {
    /// What the figures on screen should be computed for now.
    pub(crate) fn figures_key(&self) -> FiguresKey {
        (
            self.store_version,
            self.period,
            self.as_of,
            self.segment_version,
            self.screens_shown,
        )
    }

    /// Whether the figures on screen are older than the store, period or date.
    pub fn figures_pending(&self) -> bool {
        self.cache_key != self.figures_key()
    }

    /// Brings the figures up to date: inline, or by asking the runtime for a background job
    /// (once per key).
    pub(crate) fn refresh(&mut self) -> Option<Effect> {
        let key = self.figures_key();
        if key == self.cache_key || (self.background && self.computing == Some(key)) {
            self.rows_on_show();
            return None;
        }
        let job = FiguresJob {
            key,
            store: Arc::clone(&self.store),
            segment: self.segment.clone(),
            index: (self.index_version == (key.0, key.3))
                .then(|| (Arc::clone(&self.index), self.scores.clone())),
        };
        if !self.background {
            self.install(job.run());
            return None;
        }
        // A changed store shows in the lists (which read the store) at once; the figures beside
        // them follow.
        if self.computing.map_or(self.cache_key.0, |k| k.0) != key.0 {
            self.rebuild_rows();
        }
        self.computing = Some(key);
        Some(Effect::Compute(Box::new(job)))
    }

    /// Takes figures computed for `fig.key`; ones for a key that is no longer wanted are
    /// dropped (the job for the current key is already on its way).
    pub(crate) fn install(&mut self, fig: Figures) {
        if self.computing == Some(fig.key) {
            self.computing = None;
        }
        if fig.key != self.figures_key() {
            // Figures no longer wanted (the period was switched again meanwhile) still leave
            // their scores for the next period to use.
            if Arc::ptr_eq(&fig.index, &self.index) {
                self.scores = fig.scores;
            }
            return;
        }
        self.index = fig.index;
        self.scores = fig.scores;
        self.index_version = (fig.key.0, fig.key.3);
        self.dashboard = fig.dashboard;
        self.cache_key = fig.key;
        self.computations += 1;
        self.rebuild_rows();
    }
}
