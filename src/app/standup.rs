//! Standup mode: full-screen slides of the headline figures, compared with the last standup.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::store::{Standup, Store};

/// Headline figures first, then one slide per overview pane, then Value and Channels.
pub const SLIDES: usize = 7;

#[derive(Clone, Debug, PartialEq)]
pub struct StandupState {
    pub slide: usize,
    /// The last standup before today, for "since last standup".
    pub previous: Option<Standup>,
    /// Whether today's figures were written to the store.
    pub recorded: bool,
}

impl StandupState {
    /// Starts a standup on `today`; records `figures` in the store when `record` is set,
    /// replacing a standup already recorded today.
    pub fn start(
        store: &mut Store,
        today: Date,
        figures: BTreeMap<String, f64>,
        record: bool,
    ) -> StandupState {
        let previous = store
            .standups
            .iter()
            .filter(|s| s.date < today)
            .max_by_key(|s| s.date)
            .cloned();
        if record {
            store.standups.retain(|s| s.date != today);
            store.standups.push(Standup {
                date: today,
                figures,
                updated: None,
            });
            store.standups.sort_by_key(|s| s.date);
        }
        StandupState {
            slide: 0,
            previous,
            recorded: record,
        }
    }

    /// The value of a figure at the previous standup.
    pub fn before(&self, key: &str) -> Option<f64> {
        self.previous.as_ref()?.figures.get(key).copied()
    }
}
