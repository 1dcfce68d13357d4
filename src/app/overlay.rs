//! Overlays drawn over the screen: the top one receives keys before anything else.
//!
//! Forms join this stack as further variants: give the variant a key context (its bindings go
//! in the keymap table, so help and the hint bar list them), take the keys no binding claims in
//! `overlay_input` (`app/update.rs`, for typed text), report typed input from
//! [`Overlay::is_dirty`] (quitting then asks first), and when a form changes the store call
//! [`App::commit`](super::App::commit) and return the effect it gives.

use super::keymap::Context;

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// The keys of the contexts that were in force when it opened.
    Help {
        contexts: Vec<Context>,
        scroll: usize,
    },
    Confirm(Confirm),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    pub on_yes: ConfirmAction,
}

/// What a confirmed question does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfirmAction {
    Quit,
    /// Replace the store in memory with the one on disk, dropping unsaved changes.
    Reload,
    /// Write the store in memory over changes another program made on disk.
    Overwrite,
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Confirm(_) => Context::Confirm,
        }
    }

    pub fn is_dirty(&self) -> bool {
        match self {
            Overlay::Help { .. } | Overlay::Confirm(_) => false,
        }
    }
}
