//! The bundled demo community, opened with `ror-tui --demo`.
//!
//! The store in `assets/demo-store.json` is produced by [`crate::generator::generate`] with
//! [`GenSpec::demo`](crate::generator::GenSpec::demo) (regenerate it with
//! `cargo run -- generate --demo -o assets/demo-store.json`). Its history ends on
//! [`DEMO_END`]; [`demo_store`] moves every date so that it ends on the day the demo is opened,
//! so the demo always looks alive.

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::generator::DEMO_END;
use crate::store::{Store, parse_store};

pub const DEMO_JSON: &[u8] = include_bytes!("../assets/demo-store.json");

/// The demo store with its dates shifted so that its history ends on `today`.
pub fn demo_store(today: Date) -> Store {
    let mut store = parse_store(Path::new("assets/demo-store.json"), DEMO_JSON)
        .expect("the bundled demo store is valid (checked by the test suite)");
    let days = DEMO_END.until(today).map(|s| s.get_days()).unwrap_or(0);
    shift_dates(&mut store, days);
    store
}

/// Moves every date in the store by `days` (negative: into the past).
pub fn shift_dates(store: &mut Store, days: i32) {
    if days == 0 {
        return;
    }
    let shift = |d: Date| d.checked_add(days.days()).unwrap_or(d);
    for c in &mut store.contacts {
        c.created = shift(c.created);
    }
    for x in &mut store.interactions {
        x.at.date = shift(x.at.date);
    }
    for inv in &mut store.investments {
        inv.date = shift(inv.date);
    }
    for s in &mut store.standups {
        s.date = shift(s.date);
    }
}
