//! Benchmark stores: generated once by `ror_tui::generator` and cached under
//! `target/bench-data/`, since a million-interaction store takes tens of seconds to make.

#![allow(dead_code)] // each bench uses a different part of this module

use std::path::PathBuf;

use ror_tui::generator::{GenSpec, generate};
use ror_tui::store::{Store, read_store, to_store_json};

/// Interactions per size; contacts are a tenth of that.
pub const SIZES: &[usize] = &[10_000, 100_000, 1_000_000];

/// Sizes small enough to run in a default `cargo bench` without minutes of setup; set
/// `ROR_BENCH_FULL=1` to include a million interactions.
pub fn sizes() -> Vec<usize> {
    if std::env::var_os("ROR_BENCH_FULL").is_some() {
        SIZES.to_vec()
    } else {
        SIZES[..2].to_vec()
    }
}

pub fn path(interactions: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    // Named by schema: a store of an earlier schema cached here would measure the wrong reader.
    let path = dir.join(format!("store-v2-{interactions}.json"));
    if !path.exists() {
        eprintln!("generating {} (once)...", path.display());
        let store = generate(&GenSpec::scale((interactions / 10).max(1), interactions));
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, to_store_json(&store)).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
    path
}

pub fn load(interactions: usize) -> Store {
    read_store(&path(interactions)).unwrap().unwrap()
}
