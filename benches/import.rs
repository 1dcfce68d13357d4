//! Import benchmarks: 100k CSV rows (the export of the 100k benchmark store) into an empty store,
//! and the same file again into the store that already holds it (every row a duplicate). Each
//! run is the whole command minus reading the file: parse, find contacts, score notes, dedupe,
//! load and durably save the store.

mod support;

use divan::Bencher;
use ror_tui::cli::export::{ExportArgs, Format, What, write_export};
use ror_tui::cli::import::{Options, import_bytes};

fn main() {
    divan::main();
}

const ROWS: usize = 100_000;

fn csv() -> Vec<u8> {
    let store = support::load(ROWS);
    let args = ExportArgs {
        format: Format::Csv,
        what: What::Interactions,
        period: None,
        output: None,
    };
    let mut out = Vec::new();
    write_export(&store, &args, &mut out).unwrap();
    out
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn into_empty_store(bencher: Bencher) {
    let csv = csv();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let s =
                import_bytes(&csv, &dir.path().join("store.json"), &Options::default()).unwrap();
            assert_eq!(s.added, ROWS);
            dir
        });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn all_duplicates(bencher: Bencher) {
    let csv = csv();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    import_bytes(&csv, &path, &Options::default()).unwrap();
    bencher.bench_local(|| {
        let s = import_bytes(&csv, &path, &Options::default()).unwrap();
        assert_eq!(s.duplicates, ROWS);
    });
}
