//! ror-tui: measure the Return on Relationship of a community from a local JSON store.
//!
//! The library holds everything the binary does, so tests and benchmarks drive it without a
//! terminal.

pub mod app;
pub mod cli;
pub mod crash;
pub mod dates;
pub mod dedupe;
pub mod demo;
pub mod forms;
pub mod generator;
mod hash;
pub mod language;
pub mod metrics;
pub mod names;
pub mod paths;
pub mod platforms;
pub mod runtime;
pub mod sanitize;
pub mod sentiment;
pub mod store;
pub mod typos;
pub mod ui;

/// How many cores to spread a large piece of work over (loading, saving, indexing, scoring an
/// import): what the system offers, at most eight, as more gain nothing at a community's scale.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}
