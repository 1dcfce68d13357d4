//! The quick-log prompt: one line, its parsed preview (or what is wrong) kept current as it is
//! typed; Enter saves once the line parses. The parsing itself is in [`super::quick`].

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::context::FormContext;
use super::form::{Guard, Outcome, guard};
use super::line_input::{Edit, LineInput};
use super::log::LoggedInteraction;
use super::quick::{QUICK_EXAMPLE, describe, parse_quick_line};

/// How many close matches are offered for a name that fits nobody.
const CLOSE_MATCHES: usize = 5;

/// A name that fits no contact (the closest contacts and a new one), or several equally (those
/// contacts, namesakes told apart by their handles), to choose from. Nothing is saved until one
/// is chosen: a typo must not make a contact, nor a shared name log against the wrong person.
#[derive(Clone, Debug, PartialEq)]
pub struct Who {
    /// What was typed after `@`.
    pub typed: String,
    /// The contacts offered, then, for a name that fits nobody, `None`: a new contact from what
    /// was typed.
    pub options: Vec<Option<uuid::Uuid>>,
    pub selected: Option<usize>,
    /// Whether the name fits several contacts (rather than none).
    pub several: bool,
}

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
    who: Option<Who>,
    /// No channel was typed and the contact is still to be picked: theirs is taken then.
    channel_pending: bool,
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
            who: None,
            channel_pending: false,
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
        if let Some(w) = &self.who {
            return match w.selected.and_then(|i| w.options.get(i)) {
                Some(_) => match self.chosen() {
                    Some(entry) => Ok(describe(&entry, &self.ctx)),
                    None => Err(format!(
                        "{} has no usual channel: say the channel",
                        self.who_label(*w.options.get(w.selected.unwrap_or(0)).unwrap_or(&None))
                    )),
                },
                None if w.several => Err(format!(
                    "`{}` is {} contacts: pick one with ↑↓ and Enter",
                    w.typed,
                    w.options.len()
                )),
                None => Err(format!(
                    "no contact is `{}`: pick one with ↑↓ and Enter, or the new contact",
                    w.typed
                )),
            };
        }
        match &self.parsed {
            Ok(entry) => Ok(describe(entry, &self.ctx)),
            Err(e) => Err(e.clone()),
        }
    }

    /// Whether the last Enter found the line wrong (the preview then reads as an error).
    pub fn shows_error(&self) -> bool {
        self.tried && (self.parsed.is_err() || self.chosen().is_none())
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

    /// The choice offered for a name that fits nobody, if any.
    pub fn who(&self) -> Option<&Who> {
        self.who.as_ref()
    }

    /// A row of the choice, as shown: `Grace Hopper (@grace)` or `new contact grcae`.
    pub fn who_label(&self, option: Option<uuid::Uuid>) -> String {
        match option.and_then(|id| self.ctx.contacts.get(id)) {
            Some(e) => e.describe(),
            None => format!(
                "new contact “{}”",
                self.who.as_ref().map_or("", |w| w.typed.as_str())
            ),
        }
    }

    fn reparse(&mut self) {
        let (parsed, several) = match parse_quick_line(self.input.text(), &self.ctx) {
            Ok(p) => {
                self.channel_pending = p.channel_pending;
                let several = (!p.choose_from.is_empty()).then_some((p.typed, p.choose_from));
                (Ok(p.entry), several)
            }
            Err(e) => (Err(e), None),
        };
        self.parsed = parsed;
        let earlier = self.who.take();
        // The same name as before keeps the row chosen while the rest is typed.
        let keep = |typed: &str, several: bool| {
            earlier
                .clone()
                .filter(|w| w.typed == typed && w.several == several)
        };
        if let Some((typed, ids)) = several {
            self.who = keep(&typed, true).or(Some(Who {
                typed,
                options: ids.into_iter().map(Some).collect(),
                selected: None,
                several: true,
            }));
            return;
        }
        let typed = match &self.parsed {
            Ok(entry) => entry
                .new_contact
                .as_ref()
                .map(|c| c.handle.clone().unwrap_or_else(|| c.name.clone())),
            Err(_) => None,
        };
        self.who = typed.map(|typed| {
            if let Some(w) = keep(&typed, false) {
                return w;
            }
            let mut options: Vec<Option<uuid::Uuid>> = self
                .ctx
                .contacts
                .close_to(&typed, CLOSE_MATCHES)
                .into_iter()
                .map(|i| Some(self.ctx.contacts.entries[i].id))
                .collect();
            options.push(None);
            Who {
                typed,
                options,
                selected: None,
                several: false,
            }
        });
    }

    /// The record the line makes with the contact chosen from [`Who`] (`None` until one is).
    fn chosen(&self) -> Option<LoggedInteraction> {
        let entry = self.parsed.as_ref().ok()?;
        let Some(w) = &self.who else {
            return Some(entry.clone());
        };
        match *w.options.get(w.selected?)? {
            None => Some(entry.clone()),
            Some(id) => {
                let mut e = entry.clone();
                e.new_contact = None;
                e.interaction.contact = id;
                if self.channel_pending {
                    let theirs = self.ctx.channel_of.get(&id)?;
                    e.interaction.channel = crate::store::Channel::from(theirs.clone());
                }
                Some(e)
            }
        }
    }

    fn submit(&mut self) -> Outcome<LoggedInteraction> {
        self.reparse();
        if self.who.is_some() {
            return match self.chosen() {
                Some(entry) => Outcome::Submit(entry),
                None => {
                    self.tried = true;
                    Outcome::Invalid {
                        field: "contact",
                        errors: 1,
                    }
                }
            };
        }
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
        if let Some(w) = &mut self.who
            && matches!(key.code, KeyCode::Up | KeyCode::Down)
        {
            let last = w.options.len() - 1;
            w.selected = Some(match (w.selected, key.code) {
                (None, KeyCode::Down) => 0,
                (None, _) => last,
                (Some(i), KeyCode::Down) => (i + 1).min(last),
                (Some(i), _) => i.saturating_sub(1),
            });
            self.tried = false;
            return Outcome::Consumed;
        }
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
