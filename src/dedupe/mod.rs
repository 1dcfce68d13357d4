//! One person, one contact: finding contacts that are likely the same person, and merging
//! them.

pub mod likely;
pub mod merge;

pub use likely::{Pair, Why, likely};
pub use merge::{Choice, Field, Pick, Plan};
