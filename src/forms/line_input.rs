//! A one-line text input that edits by grapheme and measures by display width, so CJK text and
//! emoji (two columns, several code points) behave like any other character.
//!
//! Everything typed or pasted goes through the sanitiser first: a pasted escape sequence or a
//! stray control character never reaches the stored text, so it can never reach the screen.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor, always on a grapheme boundary.
    cursor: usize,
    /// The text was put there for the user (a pre-filled channel, `now`), shown selected: the
    /// first character typed replaces it, Backspace clears it, a cursor key keeps it to edit.
    prefilled: bool,
}

/// What a key did to the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved (or the key was a no-op the input owns, such as Backspace at 0).
    Moved,
    /// The key means nothing to a text input; the caller may use it.
    Ignored,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let text = sanitize::line(text).into_owned();
        LineInput {
            cursor: text.len(),
            text,
            prefilled: false,
        }
    }

    /// Text put there for the user to accept or type over (see `prefilled`).
    pub fn prefilled(text: &str) -> LineInput {
        let mut input = LineInput::new(text);
        input.prefilled = !input.text.is_empty();
        input
    }

    /// Whether the text is still the pre-filled one, untouched.
    pub fn is_prefilled(&self) -> bool {
        self.prefilled
    }

    /// Takes the pre-filled text as the user's own (completing it, say): what is typed next
    /// adds to it.
    pub fn keep(&mut self) {
        self.prefilled = false;
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn cursor_byte(&self) -> usize {
        self.cursor
    }

    /// Display columns before the cursor: where the terminal cursor goes, before scrolling.
    pub fn cursor_width(&self) -> usize {
        self.text[..self.cursor].width()
    }

    pub fn at_end(&self) -> bool {
        self.cursor == self.text.len()
    }

    /// Inserts text at the cursor, as typed or pasted: escape sequences and control characters
    /// are dropped and line breaks become spaces.
    pub fn insert(&mut self, s: &str) -> Edit {
        let clean = sanitize::line(s);
        if clean.is_empty() {
            return Edit::Moved;
        }
        if std::mem::take(&mut self.prefilled) {
            self.text.clear();
            self.cursor = 0;
        }
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
        Edit::Changed
    }

    /// Handles the editing keys of a one-line input (emacs-style control keys included).
    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        if self.prefilled {
            match key.code {
                // Typing replaces the pre-filled text (see `insert`); deleting clears it.
                KeyCode::Char(_) if !ctrl && !alt => {}
                KeyCode::Backspace | KeyCode::Delete => {
                    self.prefilled = false;
                    return self.delete_range(0, self.text.len());
                }
                _ => self.prefilled = false,
            }
        }
        match key.code {
            KeyCode::Char('w') if ctrl => self.delete_word_back(),
            KeyCode::Char('h') if ctrl => self.backspace(),
            KeyCode::Backspace if ctrl || alt => self.delete_word_back(),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete if ctrl || alt => self.delete_word_forward(),
            KeyCode::Char('d') if alt => self.delete_word_forward(),
            KeyCode::Char('d') if ctrl => self.delete(),
            KeyCode::Delete => self.delete(),
            KeyCode::Char('u') if ctrl => self.delete_range(0, self.cursor),
            KeyCode::Char('k') if ctrl => self.delete_range(self.cursor, self.text.len()),
            KeyCode::Left if ctrl || alt => self.move_to(self.word_start_before()),
            KeyCode::Char('b') if alt => self.move_to(self.word_start_before()),
            KeyCode::Right if ctrl || alt => self.move_to(self.word_end_after()),
            KeyCode::Char('f') if alt => self.move_to(self.word_end_after()),
            KeyCode::Left => self.move_to(self.prev_boundary()),
            KeyCode::Char('b') if ctrl => self.move_to(self.prev_boundary()),
            KeyCode::Right => self.move_to(self.next_boundary()),
            KeyCode::Char('f') if ctrl => self.move_to(self.next_boundary()),
            KeyCode::Home => self.move_to(0),
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::End => self.move_to(self.text.len()),
            KeyCode::Char('e') if ctrl => self.move_to(self.text.len()),
            KeyCode::Char(c) if !ctrl && !alt => {
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf))
            }
            _ => Edit::Ignored,
        }
    }

    fn move_to(&mut self, at: usize) -> Edit {
        self.cursor = at;
        Edit::Moved
    }

    fn backspace(&mut self) -> Edit {
        self.delete_range(self.prev_boundary(), self.cursor)
    }

    fn delete(&mut self) -> Edit {
        self.delete_range(self.cursor, self.next_boundary())
    }

    fn delete_word_back(&mut self) -> Edit {
        self.delete_range(self.word_start_before(), self.cursor)
    }

    fn delete_word_forward(&mut self) -> Edit {
        self.delete_range(self.cursor, self.word_end_after())
    }

    fn delete_range(&mut self, from: usize, to: usize) -> Edit {
        if from >= to {
            return Edit::Moved;
        }
        self.text.replace_range(from..to, "");
        self.cursor = from;
        Edit::Changed
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// Start of the word before the cursor, skipping spaces first (as shells do for Ctrl-W).
    fn word_start_before(&self) -> usize {
        let before = &self.text[..self.cursor];
        let mut at = self.cursor;
        let mut seen_word = false;
        for (i, g) in before.grapheme_indices(true).rev() {
            let space = is_separator(g);
            if space && seen_word {
                break;
            }
            seen_word |= !space;
            at = i;
        }
        at
    }

    fn word_end_after(&self) -> usize {
        let mut at = self.cursor;
        let mut seen_word = false;
        for g in self.text[self.cursor..].graphemes(true) {
            let space = is_separator(g);
            if space && seen_word {
                break;
            }
            seen_word |= !space;
            at += g.len();
        }
        at
    }

    /// The part of the text that fits in `width` columns with the cursor visible, and the
    /// cursor's column within it. The view scrolls only as far as needed to show the cursor, so
    /// it is a pure function of the state (nothing to remember between frames).
    pub fn visible(&self, width: usize) -> (String, usize) {
        if width == 0 {
            return (String::new(), 0);
        }
        let cursor_col = self.cursor_width();
        // Keep one column for the cursor itself when it sits at the end.
        let scroll = (cursor_col + 1).saturating_sub(width);
        let mut out = String::new();
        let mut col = 0;
        let mut used = 0;
        for g in self.text.graphemes(true) {
            let w = g.width();
            if col < scroll {
                col += w;
                if col > scroll {
                    // A wide character cut by the left edge: show the visible half as blank.
                    out.push_str(&" ".repeat(col - scroll));
                    used += col - scroll;
                }
                continue;
            }
            if used + w > width {
                break;
            }
            out.push_str(g);
            used += w;
            col += w;
        }
        (out, cursor_col - scroll)
    }
}

fn is_separator(g: &str) -> bool {
    g.chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '/' | '-' | '.' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn with(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn typed(s: &str) -> LineInput {
        let mut i = LineInput::default();
        for c in s.chars() {
            i.handle_key(&key(KeyCode::Char(c)));
        }
        i
    }

    #[test]
    fn typing_and_backspace_work_by_grapheme() {
        // 👍🏽 is two code points (thumbs up + skin tone): one Backspace removes both.
        let mut i = typed("ok 👍🏽");
        assert_eq!(i.text(), "ok 👍🏽");
        i.handle_key(&key(KeyCode::Backspace));
        assert_eq!(i.text(), "ok ");
    }

    #[test]
    fn cursor_column_counts_display_width() {
        let mut i = typed("東京a");
        assert_eq!(i.cursor_width(), 5); // two wide characters (2 each) and one narrow
        i.handle_key(&key(KeyCode::Left));
        assert_eq!(i.cursor_width(), 4);
        i.handle_key(&key(KeyCode::Home));
        assert_eq!(i.cursor_width(), 0);
        i.handle_key(&key(KeyCode::Right));
        assert_eq!(i.cursor_width(), 2);
        i.handle_key(&key(KeyCode::End));
        assert_eq!(i.cursor_width(), 5);
    }

    #[test]
    fn insertion_happens_at_the_cursor() {
        let mut i = typed("ac");
        i.handle_key(&key(KeyCode::Left));
        i.handle_key(&key(KeyCode::Char('b')));
        assert_eq!(i.text(), "abc");
        i.handle_key(&key(KeyCode::Delete));
        assert_eq!(i.text(), "ab");
    }

    #[test]
    fn word_delete_with_ctrl_w_and_alt_backspace() {
        let mut i = typed("loved the  webinar");
        i.handle_key(&with(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "loved the  ");
        // Trailing spaces go with the word before them.
        i.handle_key(&with(KeyCode::Backspace, KeyModifiers::ALT));
        assert_eq!(i.text(), "loved ");
        i.handle_key(&key(KeyCode::Home));
        i.handle_key(&with(KeyCode::Char('d'), KeyModifiers::ALT));
        assert_eq!(i.text(), " ");
    }

    #[test]
    fn kill_to_start_and_end() {
        let mut i = typed("hello world");
        for _ in 0..5 {
            i.handle_key(&key(KeyCode::Left));
        }
        i.handle_key(&with(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "hello ");
        i.handle_key(&with(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "");
    }

    #[test]
    fn pasted_escapes_and_controls_are_stripped() {
        let mut i = LineInput::default();
        assert_eq!(
            i.insert("\u{1b}[31mAda\u{1b}[0m\r\nLovelace\u{7}"),
            Edit::Changed
        );
        assert_eq!(i.text(), "Ada Lovelace");
        // A bare control character typed as a key is ignored.
        assert_eq!(i.handle_key(&key(KeyCode::Char('\u{1b}'))), Edit::Moved);
        assert_eq!(i.text(), "Ada Lovelace");
    }

    #[test]
    fn visible_part_scrolls_to_keep_the_cursor_in_view() {
        let i = typed("abcdefgh");
        // Width 5: the cursor at column 8 needs a free cell, so "efgh" shows, cursor at 4.
        assert_eq!(i.visible(5), ("efgh".to_string(), 4));
        let mut j = typed("abcdefgh");
        j.handle_key(&key(KeyCode::Home));
        assert_eq!(j.visible(5), ("abcde".to_string(), 0));
    }

    #[test]
    fn a_wide_character_cut_at_the_left_edge_shows_as_blank() {
        let i = typed("a東京");
        // Text is 5 columns; width 4 scrolls by 2: "a" and the first half of 東 go, its other
        // half is a blank, then 京 (2 columns) and the cursor cell.
        assert_eq!(i.visible(4), (" 京".to_string(), 3));
    }

    #[test]
    fn unknown_keys_are_left_to_the_caller() {
        let mut i = LineInput::default();
        assert_eq!(i.handle_key(&key(KeyCode::Tab)), Edit::Ignored);
        assert_eq!(i.handle_key(&key(KeyCode::Up)), Edit::Ignored);
        assert_eq!(
            i.handle_key(&with(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Edit::Ignored
        );
    }
}
