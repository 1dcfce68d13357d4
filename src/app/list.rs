//! Selection and scrolling of one list, and the filter box above it.

use std::cell::Cell;

/// The selected row and the first visible row. The offset and page height are cells because
/// only drawing knows how tall the list is; drawing keeps the selection in view and records the
/// height for PageUp/PageDown.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    pub selected: usize,
    offset: Cell<usize>,
    page: Cell<usize>,
}

impl PartialEq for ListState {
    fn eq(&self, other: &Self) -> bool {
        self.selected == other.selected
    }
}

impl ListState {
    pub fn down(&mut self, len: usize) {
        if len > 0 {
            self.selected = (self.selected + 1).min(len - 1);
        }
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    pub fn page_down(&mut self, len: usize) {
        let page = self.page.get().max(1);
        self.selected = (self.selected + page).min(len.saturating_sub(1));
    }

    pub fn page_up(&mut self) {
        let page = self.page.get().max(1);
        self.selected = self.selected.saturating_sub(page);
    }

    /// Keeps the selection inside a list that may have shrunk.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The first row to draw in a viewport `height` rows tall, scrolling only as far as needed to
    /// keep the selection visible.
    pub fn visible_from(&self, height: usize) -> usize {
        self.page.set(height.max(1));
        let mut off = self.offset.get();
        if self.selected < off {
            off = self.selected;
        } else if height > 0 && self.selected >= off + height {
            off = self.selected + 1 - height;
        }
        self.offset.set(off);
        off
    }
}

/// A filter typed after `/`. While `editing`, printable keys go into the text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchBox {
    pub editing: bool,
    pub text: String,
}

impl SearchBox {
    /// Adds typed text, dropping control characters so nothing can reach the terminal.
    pub fn insert(&mut self, s: &str) {
        self.text
            .extend(s.chars().filter(|c| !c.is_control()).take(200));
    }

    pub fn backspace(&mut self) {
        self.text.pop();
    }

    /// Deletes the word before the end, as Ctrl-W does in a shell.
    pub fn delete_word(&mut self) {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        let cut = self.text.rfind(' ').map_or(0, |i| i + 1);
        self.text.truncate(cut);
    }

    /// Lower-cased words; a row matches when every word matches.
    pub fn words(&self) -> Vec<String> {
        self.text
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_in_bounds() {
        let mut l = ListState::default();
        l.up();
        assert_eq!(l.selected, 0);
        for _ in 0..10 {
            l.down(3);
        }
        assert_eq!(l.selected, 2);
        l.clamp(1);
        assert_eq!(l.selected, 0);
        l.bottom(0);
        assert_eq!(l.selected, 0);
    }

    #[test]
    fn scrolling_follows_the_selection_both_ways() {
        let mut l = ListState::default();
        l.bottom(20);
        assert_eq!(l.visible_from(5), 15);
        l.selected = 14;
        // Moving up inside the window does not scroll...
        assert_eq!(l.visible_from(5), 14);
        l.selected = 16;
        assert_eq!(l.visible_from(5), 14);
        // ...and a page is the last drawn height.
        l.page_up();
        assert_eq!(l.selected, 11);
    }

    #[test]
    fn search_text_drops_controls_and_deletes_words() {
        let mut s = SearchBox::default();
        s.insert("ada\u{1b}[31m lovelace");
        assert_eq!(s.text, "ada[31m lovelace");
        s.delete_word();
        assert_eq!(s.text, "ada[31m ");
        assert_eq!(s.words(), ["ada[31m"]);
    }
}
