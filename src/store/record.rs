//! What every kind of record shares: a type name on its line, a key that identifies it across
//! versions of the store, and the moment it was last written. Diffs, merges and the store file's
//! fold work on any record through this.

use jiff::civil::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::model::{Contact, Interaction, Investment, Standup, Updated};

/// What identifies a record across versions: its id, or a standup's day (one standup a day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Id(Uuid),
    Standup(Date),
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Id(id) => write!(f, "{id}"),
            Key::Standup(d) => write!(f, "standup {d}"),
        }
    }
}

pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The record's `type` on its line of the store file.
    const TYPE: &'static str;
    fn key(&self) -> Key;
    fn updated(&self) -> Updated;
    fn set_updated(&mut self, updated: Updated);

    /// Whether two versions hold the same data, whenever each was written.
    fn same(&self, other: &Self) -> bool {
        if self.updated() == other.updated() {
            return self == other;
        }
        let mut other = other.clone();
        other.set_updated(self.updated());
        *self == other
    }
}

macro_rules! record {
    ($t:ty, $name:literal, |$r:ident| $key:expr) => {
        impl Record for $t {
            const TYPE: &'static str = $name;
            fn key(&self) -> Key {
                let $r = self;
                $key
            }
            fn updated(&self) -> Updated {
                self.updated
            }
            fn set_updated(&mut self, updated: Updated) {
                self.updated = updated;
            }
        }
    };
}

record!(Contact, "contact", |r| Key::Id(r.id));
record!(Interaction, "interaction", |r| Key::Id(r.id));
record!(Investment, "investment", |r| Key::Id(r.id));
record!(Standup, "standup", |r| Key::Standup(r.date));
