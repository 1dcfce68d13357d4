//! The Investments screen's state: gifts, events, ads and the rest, newest first, narrowed by a
//! filter, with totals per kind for the period on show.

use super::list::{ListState, SearchBox};
use crate::metrics::Period;
use crate::store::{InvestmentKind, Money, Store};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InvestmentsState {
    pub list: ListState,
    pub search: SearchBox,
    /// Indices into `store.investments`, newest first, that pass the filter.
    pub rows: Vec<usize>,
    /// The rows are out of date: rebuilt when the screen is next shown.
    pub stale: bool,
}

impl InvestmentsState {
    /// Filter words: `@name` (the contact), `kind:gift`, `acq` (counted in CAC only), anything
    /// else matched against the note, kind and contact's name.
    pub fn rebuild(&mut self, store: &Store) {
        let words = self.search.words();
        let names: crate::hash::FxMap<uuid::Uuid, String> = if words.is_empty() {
            Default::default()
        } else {
            store
                .contacts
                .iter()
                .map(|c| (c.id, c.name.to_lowercase()))
                .collect()
        };
        let mut rows: Vec<usize> = (0..store.investments.len())
            .filter(|&i| {
                let inv = &store.investments[i];
                let name = inv.contact.and_then(|c| names.get(&c)).map_or("", |n| n);
                words.iter().all(|w| {
                    if let Some(n) = w.strip_prefix('@') {
                        name.contains(n)
                    } else if let Some(k) = w.strip_prefix("kind:") {
                        inv.kind.as_str().contains(k)
                    } else if w == "acq" || w == "acquisition" {
                        inv.acquisition
                    } else {
                        inv.note.to_lowercase().contains(w.as_str())
                            || inv.kind.as_str().contains(w.as_str())
                            || name.contains(w.as_str())
                    }
                })
            })
            .collect();
        // The store keeps investments by date: newest first is that order reversed.
        rows.reverse();
        self.rows = rows;
        self.list.clamp(self.rows.len());
        self.stale = false;
    }
}

/// Money spent per kind in `period` among `rows`, biggest first, and the total.
pub fn totals(
    store: &Store,
    rows: &[usize],
    period: &Period,
) -> (Vec<(InvestmentKind, Money)>, Money) {
    let mut by: Vec<(InvestmentKind, i64)> = Vec::new();
    for &i in rows {
        let inv = &store.investments[i];
        if !(period.everything || (period.from..=period.to).contains(&inv.date)) {
            continue;
        }
        match by.iter_mut().find(|(k, _)| *k == inv.kind) {
            Some((_, c)) => *c = c.saturating_add(inv.amount.cents()),
            None => by.push((inv.kind, inv.amount.cents())),
        }
    }
    by.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total = by.iter().fold(0i64, |t, (_, c)| t.saturating_add(*c));
    (
        by.into_iter()
            .map(|(k, c)| (k, Money::from_cents(c)))
            .collect(),
        Money::from_cents(total),
    )
}
