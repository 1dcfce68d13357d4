//! ror-tui: measure the Return on Relationship of a community from a local JSON store.
//!
//! The library holds everything the binary does, so tests and benchmarks drive it without a
//! terminal.

pub mod app;
pub mod cli;
pub mod crash;
pub mod dates;
pub mod demo;
pub mod forms;
pub mod generator;
mod hash;
pub mod metrics;
pub mod paths;
pub mod runtime;
pub mod sanitize;
pub mod sentiment;
pub mod store;
pub mod ui;
