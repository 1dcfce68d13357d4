//! The quick-log prompt: one line, its parsed preview (or what is wrong) kept current as it is
//! typed; Enter saves once the line parses. The parsing itself is in [`super::quick`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::context::FormContext;
use super::form::{Guard, Outcome, guard};
use super::line_input::{Edit, LineInput};
use super::log::LoggedInteraction;
use super::quick::{QUICK_EXAMPLE, describe, parse_quick};

/// The quick-log prompt.
#[derive(Clone, Debug)]
pub struct QuickLogForm {
    input: LineInput,
    ctx: FormContext,
    parsed: Result<LoggedInteraction, String>,
    /// Set when Enter was pressed on a line that does not parse, so the error shows as one.
    tried: bool,
    confirming_discard: bool,
    status: Option<String>,
}

impl QuickLogForm {
    pub fn new(ctx: &FormContext) -> QuickLogForm {
        let mut f = QuickLogForm {
            input: LineInput::default(),
            ctx: ctx.clone(),
            parsed: Err(String::new()),
            tried: false,
            confirming_discard: false,
            status: None,
        };
        f.reparse();
        f
    }

    pub fn input(&self) -> &LineInput {
        &self.input
    }

    pub fn parsed(&self) -> &Result<LoggedInteraction, String> {
        &self.parsed
    }

    /// The preview line: what will be saved, or why it cannot be yet.
    pub fn preview(&self) -> Result<String, String> {
        if self.input.text().trim().is_empty() {
            return Err(format!("e.g. {QUICK_EXAMPLE}"));
        }
        match &self.parsed {
            Ok(entry) => Ok(describe(entry, &self.ctx)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Whether the last Enter found the line wrong (the preview then reads as an error).
    pub fn shows_error(&self) -> bool {
        self.tried && self.parsed.is_err()
    }

    pub fn is_dirty(&self) -> bool {
        !self.input.text().trim().is_empty()
    }

    /// Types a line back in (from a draft), as if it had just been typed.
    pub fn restore_line(&mut self, text: &str) {
        self.input.set(text);
        self.reparse();
    }

    pub fn is_confirming_discard(&self) -> bool {
        self.confirming_discard
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    pub fn set_status(&mut self, status: Option<String>) {
        self.status = status;
    }

    fn reparse(&mut self) {
        self.parsed = parse_quick(self.input.text(), &self.ctx);
    }

    fn submit(&mut self) -> Outcome<LoggedInteraction> {
        self.reparse();
        match &self.parsed {
            Ok(entry) => Outcome::Submit(entry.clone()),
            Err(_) => {
                self.tried = true;
                Outcome::Invalid {
                    field: "line",
                    errors: 1,
                }
            }
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome<LoggedInteraction> {
        match guard(&key, &mut self.confirming_discard) {
            Guard::Ignored => return Outcome::Ignored,
            Guard::Consumed => return Outcome::Consumed,
            Guard::Cancel => return Outcome::Cancel,
            Guard::Continue => {}
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => self.submit(),
            KeyCode::Char('s') if ctrl => self.submit(),
            KeyCode::Esc if self.is_dirty() => {
                self.confirming_discard = true;
                Outcome::ConfirmDiscard
            }
            KeyCode::Esc => Outcome::Cancel,
            _ => {
                let edit = self.input.handle_key(&key);
                self.edited(edit)
            }
        }
    }

    pub fn handle_paste(&mut self, text: &str) -> Outcome<LoggedInteraction> {
        if self.confirming_discard {
            return Outcome::Consumed;
        }
        let edit = self.input.insert(text);
        self.edited(edit)
    }

    fn edited(&mut self, edit: Edit) -> Outcome<LoggedInteraction> {
        match edit {
            Edit::Changed => {
                self.reparse();
                self.status = None;
                if self.parsed.is_ok() {
                    self.tried = false;
                }
                Outcome::Consumed
            }
            Edit::Moved => Outcome::Consumed,
            Edit::Ignored => Outcome::Ignored,
        }
    }
}
