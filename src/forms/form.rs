//! The form engine shared by every form: fields in order, focus, the dirty flag, validation
//! messages and the keys common to all forms. Key handling returns an [`Outcome`]; a form never
//! does I/O, so the app decides what a submitted record means (save, undo history, errors).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::field::Field;
use super::line_input::Edit;

/// What a key did, for the app to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome<T> {
    /// The form has no use for the key (Ctrl-C, function keys): the app may handle it.
    Ignored,
    /// The form used the key; redraw.
    Consumed,
    /// Saving was asked for but some fields are wrong: focus is on the first of them and every
    /// message is shown. Nothing typed was lost.
    Invalid { field: &'static str, errors: usize },
    /// The record to save. The form stays as it is, so a failed save loses nothing.
    Submit(T),
    /// Esc with unsaved input: the form now asks "discard?" and takes `y` / `n`.
    ConfirmDiscard,
    /// Close the form without saving.
    Cancel,
}

/// What the engine made of a key, before the owning form adds its own rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Ignored,
    Consumed,
    /// The value of the focused field changed.
    Edited,
    /// Focus left the field at this index.
    Left(usize),
    Submit,
    ConfirmDiscard,
    Cancel,
}

/// What every form does with a key before its own handling.
pub(crate) enum Guard {
    Ignored,
    Consumed,
    Cancel,
    /// The form handles the key itself.
    Continue,
}

/// Ignores key releases, leaves Ctrl-C to the app (it quits from anywhere), and answers the
/// "discard what you typed?" question while it is being asked (y discards, n or Esc goes back).
pub(crate) fn guard(key: &KeyEvent, confirming_discard: &mut bool) -> Guard {
    if key.kind == KeyEventKind::Release {
        return Guard::Ignored;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Guard::Ignored;
    }
    if !*confirming_discard {
        return Guard::Continue;
    }
    match key.code {
        KeyCode::Char('y' | 'Y') => Guard::Cancel,
        KeyCode::Char('n' | 'N') | KeyCode::Esc => {
            *confirming_discard = false;
            Guard::Consumed
        }
        _ => Guard::Consumed,
    }
}

#[derive(Clone, Debug)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    focus: usize,
    dirty: bool,
    confirming_discard: bool,
    /// A message from outside the form, such as why the last save failed.
    status: Option<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            dirty: false,
            confirming_discard: false,
            status: None,
        }
    }

    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    pub fn focused_key(&self) -> &'static str {
        self.fields[self.focus].key
    }

    /// Whether anything was typed since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Marks the form as holding input (a draft typed back in), so closing it asks first.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Shows a message at the foot of the form (a failed save: "retry with Ctrl-S").
    pub fn set_status(&mut self, status: Option<String>) {
        self.status = status;
    }

    pub fn index(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// The field with this key. Keys are fixed by each form's code, so a miss is a bug caught by
    /// that form's tests.
    pub fn field(&self, key: &str) -> &Field {
        let i = self
            .index(key)
            .unwrap_or_else(|| panic!("no field `{key}`"));
        &self.fields[i]
    }

    pub fn field_mut(&mut self, key: &str) -> &mut Field {
        let i = self
            .index(key)
            .unwrap_or_else(|| panic!("no field `{key}`"));
        &mut self.fields[i]
    }

    pub fn set_visible(&mut self, key: &str, visible: bool) {
        let f = self.field_mut(key);
        f.visible = visible;
        if !visible {
            f.error = None;
        }
    }

    /// Moves focus to the field with this key (if shown), as when saving finds it wrong.
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.index(key)
            && self.fields[i].visible
        {
            self.focus = i;
        }
    }

    fn visible(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.fields.len()).filter(|i| self.fields[*i].visible)
    }

    fn is_last(&self, i: usize) -> bool {
        self.visible().last() == Some(i)
    }

    /// Moves focus forward or back through the shown fields, wrapping around.
    fn step_focus(&mut self, forward: bool) -> Step {
        let shown: Vec<usize> = self.visible().collect();
        let Some(at) = shown.iter().position(|i| *i == self.focus) else {
            return Step::Consumed;
        };
        let n = shown.len();
        let next = if forward {
            shown[(at + 1) % n]
        } else {
            shown[(at + n - 1) % n]
        };
        let left = self.focus;
        self.fields[left].leave();
        self.focus = next;
        Step::Left(left)
    }

    pub(crate) fn handle_key(&mut self, key: &KeyEvent) -> Step {
        match guard(key, &mut self.confirming_discard) {
            Guard::Ignored => return Step::Ignored,
            Guard::Consumed => return Step::Consumed,
            Guard::Cancel => return Step::Cancel,
            Guard::Continue => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('s') if ctrl => Step::Submit,
            KeyCode::Esc if self.dirty => {
                self.confirming_discard = true;
                Step::ConfirmDiscard
            }
            KeyCode::Esc => Step::Cancel,
            KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => self.step_focus(false),
            KeyCode::BackTab => self.step_focus(false),
            KeyCode::Tab => self.step_focus(true),
            KeyCode::Enter if !self.focused().is_multiline() => {
                if self.is_last(self.focus) {
                    Step::Submit
                } else {
                    self.step_focus(true)
                }
            }
            _ => {
                let focus = self.focus;
                let edit = self.fields[focus].handle_key(key);
                self.after_edit(edit)
            }
        }
    }

    pub(crate) fn handle_paste(&mut self, text: &str) -> Step {
        if self.confirming_discard {
            return Step::Consumed;
        }
        let focus = self.focus;
        let edit = self.fields[focus].paste(text);
        self.after_edit(edit)
    }

    fn after_edit(&mut self, edit: Edit) -> Step {
        match edit {
            Edit::Changed => {
                self.dirty = true;
                self.status = None;
                Step::Edited
            }
            Edit::Moved => Step::Consumed,
            Edit::Ignored => Step::Ignored,
        }
    }
}

/// A concrete form: the engine plus the rules and the record it makes.
pub trait FormSpec {
    type Output;

    fn form(&self) -> &Form;
    fn form_mut(&mut self) -> &mut Form;

    /// Checks the field at `i`, including rules that involve other fields.
    fn check(&self, i: usize) -> Result<(), String> {
        self.form().fields[i].check()
    }

    /// Brings derived state up to date after a change: which fields are shown, live previews.
    fn refresh(&mut self) {}

    /// Makes the record. Called only when every shown field checks out; an error names the field
    /// to blame.
    fn build(&self) -> Result<Self::Output, (&'static str, String)>;

    fn handle_key(&mut self, key: KeyEvent) -> Outcome<Self::Output>
    where
        Self: Sized,
    {
        let step = self.form_mut().handle_key(&key);
        drive(self, step)
    }

    /// Bracketed paste into the focused field.
    fn handle_paste(&mut self, text: &str) -> Outcome<Self::Output>
    where
        Self: Sized,
    {
        let step = self.form_mut().handle_paste(text);
        drive(self, step)
    }

    /// Checks every shown field and, when all are right, makes the record (as Ctrl-S does).
    fn submit(&mut self) -> Outcome<Self::Output>
    where
        Self: Sized,
    {
        drive(self, Step::Submit)
    }

    fn is_dirty(&self) -> bool {
        self.form().is_dirty()
    }
}

fn recheck_shown_errors<F: FormSpec>(f: &mut F) {
    let results: Vec<(usize, Option<String>)> = (0..f.form().fields.len())
        .filter(|i| f.form().fields[*i].error.is_some())
        .map(|i| (i, f.check(i).err()))
        .collect();
    for (i, e) in results {
        f.form_mut().fields[i].error = e;
    }
}

pub(crate) fn drive<F: FormSpec>(f: &mut F, step: Step) -> Outcome<F::Output> {
    match step {
        Step::Ignored => Outcome::Ignored,
        Step::Consumed => Outcome::Consumed,
        Step::ConfirmDiscard => Outcome::ConfirmDiscard,
        Step::Cancel => Outcome::Cancel,
        Step::Edited => {
            f.refresh();
            // Messages already shown follow the edit (and vanish once fixed); new ones wait
            // until the field is left, so nobody is scolded halfway through typing.
            recheck_shown_errors(f);
            Outcome::Consumed
        }
        Step::Left(i) => {
            f.refresh();
            let e = if f.form().fields[i].visible {
                f.check(i).err()
            } else {
                None
            };
            f.form_mut().fields[i].error = e;
            recheck_shown_errors(f);
            Outcome::Consumed
        }
        Step::Submit => {
            let focus = f.form().focus;
            f.form_mut().fields[focus].leave();
            f.refresh();
            let n = f.form().fields.len();
            let results: Vec<(usize, Option<String>)> = (0..n)
                .map(|i| {
                    let e = if f.form().fields[i].visible {
                        f.check(i).err()
                    } else {
                        None
                    };
                    (i, e)
                })
                .collect();
            let bad: Vec<usize> = results
                .iter()
                .filter(|(_, e)| e.is_some())
                .map(|(i, _)| *i)
                .collect();
            for (i, e) in results {
                f.form_mut().fields[i].error = e;
            }
            if let Some(&first) = bad.first() {
                let form = f.form_mut();
                form.focus = first;
                return Outcome::Invalid {
                    field: form.fields[first].key,
                    errors: bad.len(),
                };
            }
            match f.build() {
                Ok(out) => Outcome::Submit(out),
                Err((key, message)) => {
                    let form = f.form_mut();
                    form.focus_on(key);
                    form.field_mut(key).error = Some(message);
                    Outcome::Invalid {
                        field: key,
                        errors: 1,
                    }
                }
            }
        }
    }
}
