//! Store benchmarks: load (read + parse + fold + validate), serialise, a durable edit (one
//! changed record appended and flushed), `ror-tui log`'s work in process, compaction.

mod support;

use divan::Bencher;
use ror_tui::cli::log::{LogArgs, run as log};
use ror_tui::store::{Kind, StoreFile, Writer, read_store, to_store_json};

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

/// A copy of the benchmark store in a fresh folder, to write to.
fn copy(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::copy(support::path(n), &path).unwrap();
    (dir, path)
}

/// What the user waits for after an edit in the dashboard is durable: the changed record
/// appended under the write lock and flushed to disk.
#[divan::bench(args = support::sizes(), sample_count = 20, sample_size = 1)]
fn durable_edit(bencher: Bencher, n: usize) {
    let (_dir, path) = copy(n);
    let (mut w, mut store) = Writer::open(&path).unwrap();
    let mut k = 0u64;
    bencher.bench_local(|| {
        k += 1;
        store.contacts[0].notes = format!("edit {k}");
        w.save(&store).unwrap();
    });
}

/// `ror-tui log` in process: the contacts read, one interaction appended and flushed.
#[divan::bench(args = support::sizes(), sample_count = 20, sample_size = 1)]
fn log_one(bencher: Bencher, n: usize) {
    let (_dir, path) = copy(n);
    let store = support::load(n);
    let handle = store
        .contacts
        .iter()
        .find_map(|c| c.handle.clone())
        .unwrap();
    let args = LogArgs {
        contact: format!("@{handle}"),
        kind: Kind::Message,
        channel: "slack".into(),
        date: None,
        note: Some("Thanks for the help with the release".into()),
        value: None,
        nps: None,
        rating: None,
        sentiment: None,
        direction: None,
        create: false,
    };
    bencher.bench_local(|| log(&args, &path, &mut std::io::sink()).unwrap());
}

/// A store with changes appended, rewritten in canonical order (off the dashboard's screen).
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn compact(bencher: Bencher, n: usize) {
    bencher
        .with_inputs(|| {
            let (dir, path) = copy(n);
            let (mut w, mut store) = Writer::open(&path).unwrap();
            for k in 0..50 {
                store.contacts[k].notes = format!("edit {k}");
                w.save(&store).unwrap();
            }
            (dir, path)
        })
        .bench_local_values(|(dir, path)| {
            let mut file = StoreFile::at(&path).unwrap();
            let lock = file.lock().unwrap();
            file.compact(&lock).unwrap();
            (dir, lock)
        });
}

/// The Duplicates screen's pass over every contact (a tenth of `n`), run when it opens on a
/// store version it has not seen.
#[divan::bench(args = support::sizes(), sample_count = 10, sample_size = 1)]
fn likely_duplicates(bencher: Bencher, n: usize) {
    let store = support::load(n);
    bencher.bench_local(|| ror_tui::dedupe::likely(&store.contacts));
}
