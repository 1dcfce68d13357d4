//! Fields that pick from a list: a fixed choice (kind, direction, source) with type-ahead, and a
//! free-text entry with completion from known values (channels, tags).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line_input::{Edit, LineInput};

/// One of a fixed list of options. Arrows and Space step through it; typing jumps to the first
/// option starting with what was typed (`ca` → `call`), so a long list costs two keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    options: Vec<String>,
    selected: usize,
    typed: String,
}

impl Choice {
    pub fn new<S: ToString>(options: impl IntoIterator<Item = S>, selected: usize) -> Choice {
        let options: Vec<String> = options.into_iter().map(|s| s.to_string()).collect();
        let selected = selected.min(options.len().saturating_sub(1));
        Choice {
            options,
            selected,
            typed: String::new(),
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn label(&self) -> &str {
        self.options.get(self.selected).map_or("", String::as_str)
    }

    pub fn options(&self) -> &[String] {
        &self.options
    }

    pub fn select(&mut self, i: usize) {
        if i < self.options.len() {
            self.selected = i;
        }
    }

    /// Forgets the type-ahead prefix (on leaving the field).
    pub fn reset_typing(&mut self) {
        self.typed.clear();
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let n = self.options.len();
        if n == 0 {
            return Edit::Ignored;
        }
        let before = self.selected;
        let ctrl_alt = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                self.selected = (self.selected + 1) % n;
                self.typed.clear();
            }
            KeyCode::Left | KeyCode::Up => {
                self.selected = (self.selected + n - 1) % n;
                self.typed.clear();
            }
            KeyCode::Home => self.selected = 0,
            KeyCode::End => self.selected = n - 1,
            KeyCode::Backspace => {
                self.typed.clear();
                return Edit::Moved;
            }
            KeyCode::Char(c) if !ctrl_alt && !c.is_control() => {
                self.typed.push(c);
                if !self.jump_to_prefix() {
                    self.typed = c.to_string();
                    if !self.jump_to_prefix() {
                        self.typed.clear();
                    }
                }
            }
            _ => return Edit::Ignored,
        }
        if self.selected == before {
            Edit::Moved
        } else {
            Edit::Changed
        }
    }

    fn jump_to_prefix(&mut self) -> bool {
        let t = self.typed.to_lowercase();
        // Stay on the current option while it still fits what is typed.
        if self.label().to_lowercase().starts_with(&t) {
            return true;
        }
        match self
            .options
            .iter()
            .position(|o| o.to_lowercase().starts_with(&t))
        {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }
}

/// Free text with completion from known values. With `multi`, the text is a comma-separated
/// list (tags) and completion applies to the last item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Combo {
    pub input: LineInput,
    suggestions: Vec<String>,
    multi: bool,
    /// While Up/Down step through suggestions: the prefix they were filtered by, and the step.
    cycling: Option<(String, usize)>,
}

impl Combo {
    pub fn new(text: &str, suggestions: Vec<String>, multi: bool) -> Combo {
        Combo {
            // A single value given in advance (the last channel) is typed over; a list (tags)
            // is added to.
            input: if multi {
                LineInput::new(text)
            } else {
                LineInput::prefilled(text)
            },
            suggestions,
            multi,
            cycling: None,
        }
    }

    /// The item being typed: the whole text, or the last comma-separated item.
    fn current(&self) -> &str {
        let t = self.input.text();
        if self.multi {
            t.rsplit(',').next().unwrap_or("").trim_start()
        } else {
            t.trim_start()
        }
    }

    /// Items already in the list, so completion does not offer them twice.
    pub fn items(&self) -> Vec<String> {
        if self.multi {
            let mut out: Vec<String> = Vec::new();
            for item in self.input.text().split(',') {
                let item = item.trim();
                if !item.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
                    out.push(item.to_string());
                }
            }
            out
        } else {
            vec![self.input.text().trim().to_string()]
        }
    }

    /// Known values that complete the current item, best first.
    pub fn matching(&self) -> Vec<&str> {
        let cur = self.current().to_lowercase();
        let taken = if self.multi { self.items() } else { Vec::new() };
        self.suggestions
            .iter()
            .filter(|s| s.to_lowercase().starts_with(&cur))
            .filter(|s| !taken.iter().any(|t| t.eq_ignore_ascii_case(s)) || !self.multi)
            .map(String::as_str)
            .collect()
    }

    /// The rest of the first matching value, shown greyed after the cursor (`lin` → `kedin`).
    pub fn ghost(&self) -> Option<String> {
        let cur = self.current();
        if cur.is_empty() || !self.input.at_end() {
            return None;
        }
        let m = self
            .matching()
            .into_iter()
            .find(|m| m.len() > cur.len() && m.is_char_boundary(cur.len()))?;
        Some(m[cur.len()..].to_string())
    }

    pub fn suggestions(&self) -> &[String] {
        &self.suggestions
    }

    /// Takes the suggestion shown after what was typed (Tab or Enter leaving the field, as `→`
    /// does): `li` becomes `linkedin`.
    pub fn accept_ghost(&mut self) -> bool {
        match self.ghost() {
            Some(rest) => {
                self.input.keep();
                self.input.insert(&rest);
                self.cycling = None;
                true
            }
            None => false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        match key.code {
            KeyCode::Right | KeyCode::End if key.modifiers.is_empty() => {
                if let Some(rest) = self.ghost() {
                    self.input.keep();
                    self.input.insert(&rest);
                    self.cycling = None;
                    return Edit::Changed;
                }
            }
            KeyCode::Down => return self.cycle(1),
            KeyCode::Up => return self.cycle(-1),
            _ => {}
        }
        let edit = self.input.handle_key(key);
        if edit == Edit::Changed {
            self.cycling = None;
        }
        edit
    }

    pub fn paste(&mut self, text: &str) -> Edit {
        self.cycling = None;
        self.input.insert(text)
    }

    /// Steps through known values (those starting with what was typed before stepping began),
    /// replacing the current item with each in turn.
    fn cycle(&mut self, step: isize) -> Edit {
        let (prefix, at) = match &self.cycling {
            Some((p, i)) => (p.clone(), Some(*i)),
            None => (self.current().to_string(), None),
        };
        let lower = prefix.to_lowercase();
        let pool: Vec<String> = self
            .suggestions
            .iter()
            .filter(|s| s.to_lowercase().starts_with(&lower))
            .cloned()
            .collect();
        if pool.is_empty() {
            return Edit::Moved;
        }
        let n = pool.len() as isize;
        let next = match at {
            None if step > 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + step).rem_euclid(n),
        } as usize;
        let keep = if self.multi {
            let t = self.input.text();
            match t.rfind(',') {
                Some(i) => format!("{}, ", t[..i].trim_end()),
                None => String::new(),
            }
        } else {
            String::new()
        };
        self.input.set(&format!("{keep}{}", pool[next]));
        self.cycling = Some((prefix, next));
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn kinds() -> Choice {
        Choice::new(["message", "comment", "call", "meeting", "email_sent"], 0)
    }

    #[test]
    fn type_ahead_jumps_by_prefix() {
        let mut c = kinds();
        c.handle_key(&key(KeyCode::Char('c')));
        assert_eq!(c.label(), "comment");
        c.handle_key(&key(KeyCode::Char('a')));
        assert_eq!(c.label(), "call");
        // A letter that extends no option starts a new prefix.
        c.handle_key(&key(KeyCode::Char('e')));
        assert_eq!(c.label(), "email_sent");
        // A letter nothing starts with leaves the choice alone.
        assert_eq!(c.handle_key(&key(KeyCode::Char('z'))), Edit::Moved);
        assert_eq!(c.label(), "email_sent");
    }

    #[test]
    fn arrows_and_space_cycle_with_wraparound() {
        let mut c = kinds();
        c.handle_key(&key(KeyCode::Left));
        assert_eq!(c.label(), "email_sent");
        c.handle_key(&key(KeyCode::Char(' ')));
        assert_eq!(c.label(), "message");
        assert_eq!(c.handle_key(&key(KeyCode::Down)), Edit::Changed);
        assert_eq!(c.label(), "comment");
        assert_eq!(c.handle_key(&key(KeyCode::Tab)), Edit::Ignored);
    }

    fn channels(text: &str) -> Combo {
        Combo::new(
            text,
            vec![
                "linkedin".into(),
                "email".into(),
                "slack".into(),
                "line".into(),
            ],
            false,
        )
    }

    #[test]
    fn ghost_completion_is_accepted_with_right_or_end() {
        let mut c = channels("lin");
        assert_eq!(c.ghost().as_deref(), Some("kedin"));
        c.handle_key(&key(KeyCode::End));
        assert_eq!(c.input.text(), "linkedin");
        assert_eq!(c.ghost(), None);
    }

    #[test]
    fn up_down_cycle_through_recent_values_matching_the_prefix() {
        let mut c = channels("");
        c.handle_key(&key(KeyCode::Down));
        assert_eq!(c.input.text(), "linkedin");
        c.handle_key(&key(KeyCode::Down));
        assert_eq!(c.input.text(), "email");
        let mut d = channels("li");
        d.handle_key(&key(KeyCode::Down));
        d.handle_key(&key(KeyCode::Down));
        assert_eq!(d.input.text(), "line");
        d.handle_key(&key(KeyCode::Down));
        assert_eq!(d.input.text(), "linkedin", "wraps within the prefix");
    }

    #[test]
    fn tags_complete_the_last_item_and_skip_those_already_listed() {
        let mut t = Combo::new(
            "vip, vol",
            vec!["volunteer".into(), "vip".into(), "speaker".into()],
            true,
        );
        assert_eq!(t.ghost().as_deref(), Some("unteer"));
        t.handle_key(&key(KeyCode::Right));
        assert_eq!(t.input.text(), "vip, volunteer");
        t.input.insert(", v");
        // vip and volunteer are both listed already.
        assert_eq!(t.ghost(), None);
        assert_eq!(t.items(), vec!["vip", "volunteer", "v"]);
        t.input.set("vip, ");
        t.handle_key(&key(KeyCode::Down));
        assert_eq!(t.input.text(), "vip, volunteer");
    }
}
