//! All metrics over generated stores of 10k and 100k interactions (1M with ROR_BENCH_FULL=1).
//!
//! Run with `cargo bench --bench metrics`. Stores come from the project's generator (the one
//! behind the demo), cached in target/bench-data by `support`.

mod support;

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use divan::Bencher;
use jiff::civil::Date;
use ror_tui::generator::DEMO_END;
use ror_tui::metrics::{Index, PeriodSpec, ScoreCache, compute, compute_with_rows, contact_view};
use ror_tui::store::Store;

fn main() {
    divan::main();
}

/// The generated histories end on the demo's end date.
fn as_of() -> Date {
    DEMO_END
}

/// Each size is loaded and indexed once, whichever bench asks first.
fn data(n: usize) -> &'static (Store, Index) {
    static CACHE: LazyLock<Mutex<HashMap<usize, &'static (Store, Index)>>> =
        LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        let store = support::load(n);
        let index = Index::new(&store);
        Box::leak(Box::new((store, index)))
    })
}

#[divan::bench(args = support::sizes(), sample_count = 20)]
fn build_index(b: Bencher, n: usize) {
    let (store, _) = data(n);
    b.bench(|| Index::new(store));
}

/// Everything the dashboard shows, current and previous period, series and lists: what a
/// period switch costs.
#[divan::bench(consts = [7, 30, 90, 365, 0], args = support::sizes(), sample_count = 20)]
fn compute_dashboard<const DAYS: u32>(b: Bencher, n: usize) {
    let (_, ix) = data(n);
    let spec = if DAYS == 0 {
        PeriodSpec::All
    } else {
        PeriodSpec::Days(DAYS)
    };
    b.bench(|| compute(ix, as_of(), &spec));
}

/// A period switch as the dashboard makes it (with the contact list's rows), from the last 30
/// days to the last 90: with the scores the 30-day figures left (those of today; the previous
/// period's last day is new), and with none kept, as after an edit.
#[divan::bench(consts = [true, false], args = support::sizes(), sample_count = 20)]
fn switch_30d_to_90d<const KEPT: bool>(b: Bencher, n: usize) {
    let (_, ix) = data(n);
    b.with_inputs(|| {
        let mut cache = ScoreCache::default();
        if KEPT {
            compute_with_rows(ix, as_of(), &PeriodSpec::Days(30), &mut cache, false);
        }
        cache
    })
    .bench_local_refs(|cache| compute_with_rows(ix, as_of(), &PeriodSpec::Days(90), cache, false));
}

#[divan::bench(args = support::sizes())]
fn contact_page(b: Bencher, n: usize) {
    let (store, ix) = data(n);
    let id = store.contacts[store.contacts.len() / 2].id;
    let p = ix.period(&PeriodSpec::Days(30), as_of());
    b.bench(|| contact_view(ix, id, &p));
}
