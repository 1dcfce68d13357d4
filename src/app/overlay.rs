//! Overlays drawn over the screen: the top one receives keys before anything else.
//!
//! Forms join this stack as further variants; [`Overlay::is_dirty`] tells whether quitting or
//! closing would throw away typed input.

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
