//! Import benchmarks: 100k CSV rows (the export of the 100k benchmark store) into an empty store,
//! and the same file again into the store that already holds it (every row a duplicate). Each
//! run is the whole command minus reading the file: parse, find contacts, score notes, dedupe,
//! load and durably save the store.

#[path = "support/slack_export.rs"]
mod slack_export;
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
    write_export(&store, &args, jiff::civil::date(2026, 3, 31), &mut out).unwrap();
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

/// The whole import of a 100k-message Slack export into an empty store, minus reading the
/// files: parse, find people, score notes, durably save.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn slack_export_into_empty_store(bencher: Bencher) {
    let files = slack_export::files();
    let opts = ror_tui::platforms::BringOptions::default();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|dir| {
            let b = ror_tui::cli::import::import_export(
                ror_tui::platforms::Platform::Slack,
                &files,
                &dir.path().join("store.json"),
                &opts,
            )
            .unwrap();
            assert_eq!(
                b.by_kind[&ror_tui::store::Kind::Message]
                    + b.by_kind[&ror_tui::store::Kind::Comment],
                slack_export::MESSAGES
            );
            dir
        });
}
