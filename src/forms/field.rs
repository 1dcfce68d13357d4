//! One field of a form: its label, its typed input, whether it is required or shown, and the
//! validation message under it. A field checks only itself; rules across fields belong to the
//! form that owns them.

use crossterm::event::{KeyCode, KeyEvent};
use jiff::civil::DateTime;
use ratatui_textarea::{TextArea, WrapMode};

use super::choice::{Choice, Combo};
use super::line_input::{Edit, LineInput};
use super::picker::{ContactPicker, Picked};
use super::sentiment_input::SentimentInput;
use crate::dates::parse_moment;
use crate::sanitize;
use crate::store::{Moment, Money};

/// The typed input a field holds.
#[derive(Clone, Debug)]
pub enum Input {
    Text(LineInput),
    /// Multi-line text; Enter inserts a line break instead of moving on.
    Note(Box<TextArea<'static>>),
    /// A whole number in `min..=max`.
    Number {
        input: LineInput,
        min: u32,
        max: u32,
    },
    /// An amount of money, never negative.
    Money(LineInput),
    /// A date phrase resolved against `now`.
    Date {
        input: LineInput,
        now: DateTime,
        allow_future: bool,
    },
    Choice(Choice),
    Combo(Combo),
    Contact(Box<ContactPicker>),
    Checkbox(bool),
    Sentiment(SentimentInput),
}

#[derive(Clone, Debug)]
pub struct Field {
    /// Stable name the owning form uses to find the field.
    pub key: &'static str,
    pub label: &'static str,
    pub input: Input,
    /// `Some(message)` when the field must be filled in: the message says what to enter.
    pub required: Option<&'static str>,
    /// Hidden fields keep what was typed but are neither checked nor saved.
    pub visible: bool,
    pub error: Option<String>,
    /// Greyed text shown in an empty field, saying what it takes.
    pub placeholder: &'static str,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, input: Input) -> Field {
        Field {
            key,
            label,
            input,
            required: None,
            visible: true,
            error: None,
            placeholder: "",
        }
    }

    pub fn required(mut self, message: &'static str) -> Field {
        self.required = Some(message);
        self
    }

    pub fn placeholder(mut self, text: &'static str) -> Field {
        self.placeholder = text;
        self
    }

    pub fn text_input(text: &str) -> Input {
        Input::Text(LineInput::new(text))
    }

    pub fn note_input(text: &str) -> Input {
        let clean = sanitize::text(text);
        let mut area = TextArea::new(clean.lines().map(String::from).collect());
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        // The terminal cursor marks the position (set by the view), only in the focused field.
        area.set_cursor_style(ratatui::style::Style::default());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Input::Note(Box::new(area))
    }

    pub fn number_input(text: &str, min: u32, max: u32) -> Input {
        Input::Number {
            input: LineInput::new(text),
            min,
            max,
        }
    }

    /// An amount as it is typed back into a field: `1299.50`, no grouping.
    pub fn money_text(m: Money) -> String {
        let sign = if m.cents() < 0 { "-" } else { "" };
        let c = m.cents().unsigned_abs();
        format!("{sign}{}.{:02}", c / 100, c % 100)
    }

    pub fn date_input(text: &str, now: DateTime, allow_future: bool) -> Input {
        Input::Date {
            input: LineInput::prefilled(text),
            now,
            allow_future,
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(self.input, Input::Note(_))
    }

    /// The raw text of a text-like field (empty for choices, checkboxes and pickers).
    pub fn text(&self) -> String {
        match &self.input {
            Input::Text(i)
            | Input::Number { input: i, .. }
            | Input::Money(i)
            | Input::Date { input: i, .. } => i.text().to_string(),
            Input::Combo(c) => c.input.text().to_string(),
            Input::Sentiment(s) => s.input.text().to_string(),
            Input::Note(area) => area.lines().join("\n").trim_end().to_string(),
            Input::Contact(p) => p.query().text().to_string(),
            Input::Choice(c) => c.label().to_string(),
            Input::Checkbox(_) => String::new(),
        }
    }

    fn is_blank(&self) -> bool {
        match &self.input {
            Input::Contact(p) => p.value() == Picked::Nobody,
            Input::Choice(_) | Input::Checkbox(_) => false,
            _ => self.text().trim().is_empty(),
        }
    }

    /// Checks this field alone: required, and whatever its type demands.
    pub fn check(&self) -> Result<(), String> {
        if self.is_blank() {
            return match (self.required, &self.input) {
                (Some(msg), _) => Err(msg.to_string()),
                (None, Input::Contact(p)) if !p.query().text().trim().is_empty() => {
                    Err("no contact matches; clear the field or type another name".into())
                }
                _ => Ok(()),
            };
        }
        match &self.input {
            Input::Number { .. } => self.number().map(|_| ()),
            Input::Money(_) => self.money().map(|_| ()),
            Input::Date { .. } => self.moment().map(|_| ()),
            Input::Sentiment(s) => s.manual().map(|_| ()),
            _ => Ok(()),
        }
    }

    /// The number typed, `None` when empty.
    pub fn number(&self) -> Result<Option<u32>, String> {
        let Input::Number { input, min, max } = &self.input else {
            return Ok(None);
        };
        let t = input.text().trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<u32>() {
            Ok(n) if (*min..=*max).contains(&n) => Ok(Some(n)),
            Ok(n) => Err(format!("{n} is outside {min}-{max}")),
            Err(_) => Err(format!(
                "`{t}` is not a whole number (expected {min}-{max})"
            )),
        }
    }

    pub fn money(&self) -> Result<Option<Money>, String> {
        let Input::Money(input) = &self.input else {
            return Ok(None);
        };
        if input.text().trim().is_empty() {
            return Ok(None);
        }
        match Money::parse(input.text()) {
            Ok(m) if m.cents() < 0 => Err("cannot be negative".into()),
            Ok(m) => Ok(Some(m)),
            Err(e) => Err(e),
        }
    }

    pub fn moment(&self) -> Result<Option<Moment>, String> {
        let Input::Date {
            input,
            now,
            allow_future,
        } = &self.input
        else {
            return Ok(None);
        };
        if input.text().trim().is_empty() {
            return Ok(None);
        }
        let m = parse_moment(input.text(), *now)?;
        let future = match m.time {
            Some(_) => m.datetime() > *now,
            None => m.date > now.date(),
        };
        if future && !allow_future {
            return Err(format!(
                "{m} is in the future (now is {})",
                Moment::at(*now).to_string().replace('T', " ")
            ));
        }
        Ok(Some(m))
    }

    pub fn choice(&self) -> usize {
        match &self.input {
            Input::Choice(c) => c.selected(),
            _ => 0,
        }
    }

    pub fn picked(&self) -> Picked {
        match &self.input {
            Input::Contact(p) => p.value(),
            _ => Picked::Nobody,
        }
    }

    pub fn checked(&self) -> bool {
        matches!(self.input, Input::Checkbox(true))
    }

    /// Text shown beside the input: what the entry resolves to, or what the field offers.
    pub fn hint(&self, focused: bool) -> Option<String> {
        match &self.input {
            Input::Date { .. } => match self.moment() {
                Ok(Some(m)) => Some(format!(
                    "→ {}",
                    match m.time {
                        Some(t) => format!(
                            "{} {:02}:{:02}",
                            m.date.strftime("%a %Y-%m-%d"),
                            t.hour(),
                            t.minute()
                        ),
                        None => m.date.strftime("%a %Y-%m-%d").to_string(),
                    }
                )),
                _ => None,
            },
            Input::Number { min, max, .. } if focused => Some(format!("{min}-{max}")),
            Input::Money(_) => match self.money() {
                Ok(Some(m)) => Some(format!("= {m}")),
                _ => None,
            },
            // While the list is open it shows the choice; afterwards the hint completes it.
            Input::Contact(p) if !p.rows().is_empty() => None,
            Input::Contact(p) => match p.value() {
                Picked::Nobody => None,
                Picked::New(_) => Some("+ new contact".into()),
                Picked::Existing(id) => {
                    let e = p.index().get(id)?;
                    if p.query().text() == e.name {
                        e.details()
                    } else {
                        Some(format!("→ {}", e.describe()))
                    }
                }
            },
            Input::Combo(c) if focused => {
                let m = c.matching();
                (!m.is_empty()).then(|| {
                    let shown: Vec<&str> = m.into_iter().take(4).collect();
                    format!("↑↓ {}", shown.join(", "))
                })
            }
            Input::Choice(c) if focused => {
                Some(format!("←→ or type ({} options)", c.options().len()))
            }
            Input::Checkbox(_) if focused => Some("space toggles".into()),
            Input::Sentiment(s) => Some(s.summary()),
            _ => None,
        }
    }

    /// Hands a key to the input. Enter reaches only multi-line fields (the form handles it
    /// elsewhere); Tab, Esc and Ctrl-S never get here.
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        match &mut self.input {
            Input::Text(i) | Input::Money(i) | Input::Date { input: i, .. } => i.handle_key(key),
            Input::Number { input, min, max } => match key.code {
                KeyCode::Up | KeyCode::Down => {
                    let cur = input.text().trim().parse::<u32>().ok();
                    let next = match (cur, key.code == KeyCode::Up) {
                        (None, _) => *min,
                        (Some(n), true) => n.saturating_add(1).clamp(*min, *max),
                        (Some(n), false) => n.saturating_sub(1).clamp(*min, *max),
                    };
                    if cur == Some(next) {
                        Edit::Moved
                    } else {
                        input.set(&next.to_string());
                        Edit::Changed
                    }
                }
                _ => input.handle_key(key),
            },
            Input::Note(area) => note_key(area, key),
            Input::Choice(c) => c.handle_key(key),
            Input::Combo(c) => c.handle_key(key),
            Input::Contact(p) => p.handle_key(key),
            Input::Sentiment(s) => s.handle_key(key),
            Input::Checkbox(b) => {
                let next = match key.code {
                    KeyCode::Char(' ' | 'x') => !*b,
                    KeyCode::Char('y' | 'Y') => true,
                    KeyCode::Char('n' | 'N') => false,
                    KeyCode::Left | KeyCode::Right => !*b,
                    _ => return Edit::Ignored,
                };
                if next == *b {
                    Edit::Moved
                } else {
                    *b = next;
                    Edit::Changed
                }
            }
        }
    }

    /// Inserts pasted text: line breaks are kept in notes and become spaces elsewhere.
    pub fn paste(&mut self, text: &str) -> Edit {
        match &mut self.input {
            Input::Text(i)
            | Input::Money(i)
            | Input::Date { input: i, .. }
            | Input::Number { input: i, .. } => i.insert(text),
            Input::Combo(c) => c.paste(text),
            Input::Sentiment(s) => s.input.insert(text),
            Input::Contact(p) => p.paste(text),
            Input::Note(area) => {
                let clean = sanitize::text(text);
                // What fits the longest note goes in; the rest is left out, so a file pasted
                // by mistake cannot make every keystroke slow (the form then says so).
                let lines = area.lines();
                let used = lines.iter().map(String::len).sum::<usize>() + lines.len() - 1;
                let room = crate::store::MAX_NOTE_BYTES.saturating_sub(used);
                let mut cut = clean.len().min(room);
                while !clean.is_char_boundary(cut) {
                    cut -= 1;
                }
                if area.insert_str(&clean[..cut]) {
                    Edit::Changed
                } else {
                    Edit::Moved
                }
            }
            Input::Choice(_) | Input::Checkbox(_) => Edit::Ignored,
        }
    }

    /// Called when focus leaves the field: a picker fixes its choice, a choice forgets typing.
    pub fn leave(&mut self) {
        match &mut self.input {
            Input::Contact(p) => p.commit(),
            Input::Choice(c) => c.reset_typing(),
            Input::Combo(c) => {
                c.accept_ghost();
            }
            _ => {}
        }
    }
}

/// Keys for the note. Control characters typed as keys are dropped; everything else is the
/// textarea's own editing (word delete with Ctrl-W and Alt-Backspace, Home/End, undo).
fn note_key(area: &mut TextArea<'static>, key: &KeyEvent) -> Edit {
    if let KeyCode::Char(c) = key.code
        && c.is_control()
    {
        return Edit::Moved;
    }
    let before = area.cursor();
    if area.input(*key) {
        Edit::Changed
    } else if area.cursor() != before {
        Edit::Moved
    } else {
        Edit::Ignored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;
    use jiff::civil::date;

    fn now() -> DateTime {
        date(2026, 11, 20).at(14, 3, 0, 0)
    }

    fn with_text(input: Input, text: &str) -> Field {
        let mut f = Field::new("f", "F", input);
        f.paste(text);
        f
    }

    #[test]
    fn numbers_say_the_expected_range() {
        let nps = |t: &str| with_text(Field::number_input("", 0, 10), t).check();
        assert_eq!(nps("9"), Ok(()));
        assert_eq!(nps(""), Ok(()), "optional when empty");
        assert_eq!(nps("11"), Err("11 is outside 0-10".into()));
        assert_eq!(
            nps("nine"),
            Err("`nine` is not a whole number (expected 0-10)".into())
        );
        assert_eq!(
            nps("-1").unwrap_err(),
            "`-1` is not a whole number (expected 0-10)"
        );
    }

    #[test]
    fn arrows_step_numbers_within_range() {
        let mut f = Field::new("r", "Rating", Field::number_input("", 1, 5));
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        f.handle_key(&up);
        assert_eq!(
            f.number(),
            Ok(Some(1)),
            "an empty field starts at the minimum"
        );
        for _ in 0..10 {
            f.handle_key(&up);
        }
        assert_eq!(f.number(), Ok(Some(5)));
    }

    #[test]
    fn money_is_exact_and_never_negative() {
        let m = with_text(Input::Money(LineInput::default()), "$1,299.5");
        assert_eq!(m.money(), Ok(Some(Money::from_cents(129_950))));
        assert_eq!(m.hint(false).as_deref(), Some("= 1,299.50"));
        let neg = with_text(Input::Money(LineInput::default()), "-5");
        assert_eq!(neg.check(), Err("cannot be negative".into()));
    }

    #[test]
    fn dates_preview_and_refuse_the_future_where_asked() {
        let d = with_text(Field::date_input("", now(), false), "yesterday");
        assert_eq!(d.hint(false).as_deref(), Some("→ Thu 2026-11-19"));
        let later = with_text(Field::date_input("", now(), false), "15:00");
        assert_eq!(
            later.check(),
            Err("2026-11-20T15:00:00 is in the future (now is 2026-11-20 14:03:00)".into())
        );
        let planned = with_text(Field::date_input("", now(), true), "+3d");
        assert_eq!(planned.check(), Ok(()));
    }

    #[test]
    fn required_fields_say_what_to_enter() {
        let f = Field::new("name", "Name", Field::text_input("   ")).required("enter a name");
        assert_eq!(f.check(), Err("enter a name".into()));
    }

    #[test]
    fn notes_keep_line_breaks_and_drop_escapes_from_pastes() {
        let mut f = Field::new("note", "Note", Field::note_input(""));
        f.paste("loved it\r\n\u{1b}[2Jsee you\u{7} soon");
        assert_eq!(f.text(), "loved it\nsee you soon");
        f.handle_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), "loved it\nsee you", "trailing space is not kept");
    }

    #[test]
    fn checkbox_toggles_with_space_and_answers_y_n() {
        let mut f = Field::new("team", "Team", Input::Checkbox(false));
        let k = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(f.handle_key(&k(' ')), Edit::Changed);
        assert!(f.checked());
        assert_eq!(f.handle_key(&k('y')), Edit::Moved);
        f.handle_key(&k('n'));
        assert!(!f.checked());
    }
}
