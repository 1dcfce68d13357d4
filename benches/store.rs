//! Store benchmarks: load (read + parse + validate), serialise, durable save.

mod support;

use divan::Bencher;
use ror_tui::store::{Fingerprint, read_store, save_bytes, to_store_json};

fn main() {
    divan::main();
}

#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn load(bencher: Bencher, n: usize) {
    let path = support::path(n);
    bencher.bench(|| read_store(&path).unwrap().unwrap());
}

#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn serialise(bencher: Bencher, n: usize) {
    let store = support::load(n);
    bencher.bench(|| to_store_json(&store));
}

/// What the user waits for after an edit is durable: serialise, write, fsync, rename, fsync.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn durable_save(bencher: Bencher, n: usize) {
    let store = support::load(n);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let mut fp: Option<Fingerprint> = None;
    bencher.bench_local(|| {
        let bytes = to_store_json(&store);
        fp = Some(save_bytes(&path, &bytes, fp).unwrap());
    });
}
