//! Overlays drawn over the screen: the top one receives keys before anything else.
//!
//! A form is one more overlay: its bindings (the `form` context of the keymap) move focus, save
//! and cancel; every other key is typed into it (`app/forms.rs`). A form with typed input makes
//! quitting ask first ([`Overlay::is_dirty`]).

use super::keymap::Context;
use crate::forms::ActiveForm;

#[derive(Clone, Debug)]
pub enum Overlay {
    /// The keys of the contexts that were in force when it opened.
    Help {
        contexts: Vec<Context>,
        scroll: usize,
    },
    Confirm(Confirm),
    /// A form: logging an interaction, a quick log, a contact, an investment.
    Form(Box<ActiveForm>),
    /// Which part of the community the figures are for.
    Segment(Box<super::segment_picker::SegmentPicker>),
    /// Contacts about to be merged, each differing field's value chosen.
    Merge(Box<super::merging::MergeState>),
    /// One interaction in full.
    Detail(super::detail::DetailState),
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
    /// Take the other program's value for the field of `App::conflicts[k]`.
    TakeTheirs(usize),
    /// Close the form under the question, dropping what was typed in it.
    DiscardForm,
    /// Delete this contact, their interactions and the references to them.
    DeleteContact(uuid::Uuid),
    DeleteInteraction(uuid::Uuid),
    DeleteInvestment(uuid::Uuid),
    /// Open a log form for the reply to this (just resolved) interaction.
    LogReply(uuid::Uuid),
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help { .. } => Context::Help,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Form(_) => Context::Form,
            Overlay::Segment(_) => Context::Segment,
            Overlay::Merge(_) => Context::Merge,
            Overlay::Detail(_) => Context::Detail,
        }
    }

    pub fn is_dirty(&self) -> bool {
        match self {
            Overlay::Help { .. }
            | Overlay::Confirm(_)
            | Overlay::Segment(_)
            | Overlay::Merge(_)
            | Overlay::Detail(_) => false,
            Overlay::Form(f) => f.is_dirty(),
        }
    }
}
