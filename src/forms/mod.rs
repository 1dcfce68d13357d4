//! Keyboard-driven forms for logging interactions and editing the store.
//!
//! A form is data: typed fields, focus, validation messages and a dirty flag. Keys go in, an
//! outcome comes out; nothing here touches the disk or the terminal, so every behaviour is
//! tested without either.

mod choice;
mod context;
pub mod dates;
mod line_input;
pub mod picker;
mod sentiment_input;

pub use choice::{Choice, Combo};
pub use context::{COMMON_CHANNELS, FormContext};
pub use line_input::{Edit, LineInput};
pub use picker::{ContactEntry, ContactIndex, ContactPicker, Picked};
pub use sentiment_input::{SentimentInput, describe_score, parse_sentiment};
