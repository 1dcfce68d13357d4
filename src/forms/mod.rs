//! Keyboard-driven forms for logging interactions and editing the store.
//!
//! A form is data: typed fields, focus, validation messages and a dirty flag. Keys go in, an
//! [`Outcome`] comes out (`Submit(record)`, `Cancel`, ...); nothing here touches the disk or the
//! terminal, so every behaviour is tested without either. Rendering lives in [`view`].

mod active;
mod choice;
pub mod contact;
mod context;
pub mod draft;
mod field;
mod form;
pub mod intent;
pub mod investment;
mod line_input;
pub mod log;
pub mod picker;
pub mod quick;
mod quick_form;
mod sentiment_input;
pub mod tag;
pub mod view;

pub use active::{ActiveForm, Submission};
pub use choice::{Choice, Combo};
pub use contact::ContactForm;
pub use context::{COMMON_CHANNELS, FormContext};
pub use draft::{DraftForm, FieldDraft, FormDraft};
pub use field::{Field, Input};
pub use form::{Form, FormSpec, Outcome};
pub use intent::{CommitmentChange, IntentForm};
pub use investment::InvestmentForm;
pub use line_input::{Edit, LineInput};
pub use log::{LogForm, LoggedInteraction};
pub use picker::{ContactEntry, ContactIndex, ContactPicker, Picked};
pub use quick::parse_quick;
pub use quick_form::QuickLogForm;
pub use sentiment_input::{SentimentInput, describe_score, parse_sentiment};
pub use tag::{TagChange, TagForm};
pub use view::{FormTheme, FormView, Themed, draw};
