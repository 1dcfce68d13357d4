//! The contact picker: type part of a name, handle or organisation, pick from the best fuzzy
//! matches, or create a new contact from what was typed when nobody fits.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use uuid::Uuid;

use super::line_input::{Edit, LineInput};
use crate::store::{Contact, Store};

/// How many matches the picker lists under the query.
pub const SHOWN_MATCHES: usize = 5;

/// What the picker needs to know about a contact, copied from the store when a form opens.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactEntry {
    pub id: Uuid,
    pub name: String,
    pub handle: Option<String>,
    pub organisation: Option<String>,
    /// Shown only for a contact with neither handle nor organisation, to tell namesakes apart.
    pub email: Option<String>,
    /// `name @handle organisation`: what the fuzzy matcher searches.
    haystack: String,
    /// The name, and the handle without its `@`, in lower case: made once per store version so
    /// that matching a typed name against every contact, at each keystroke, allocates nothing.
    name_lower: String,
    handle_lower: Option<String>,
}

impl ContactEntry {
    pub fn new(c: &Contact) -> ContactEntry {
        let mut haystack = c.name.clone();
        if let Some(h) = &c.handle {
            haystack.push_str(" @");
            haystack.push_str(h.trim_start_matches('@'));
        }
        if let Some(o) = &c.organisation {
            haystack.push(' ');
            haystack.push_str(o);
        }
        ContactEntry {
            id: c.id,
            name: c.name.clone(),
            handle: c.handle.clone(),
            organisation: c.organisation.clone(),
            email: c.email.clone().filter(|e| !e.trim().is_empty()),
            haystack,
            name_lower: c.name.to_lowercase(),
            handle_lower: c
                .handle
                .as_deref()
                .map(|h| h.trim_start_matches('@').to_lowercase()),
        }
    }

    /// The name in lower case.
    pub fn name_lower(&self) -> &str {
        &self.name_lower
    }

    /// The handle without its `@`, in lower case.
    pub fn handle_lower(&self) -> Option<&str> {
        self.handle_lower.as_deref()
    }

    /// `@ada, Analytical Engines`: what tells namesakes apart.
    pub fn details(&self) -> Option<String> {
        let mut extra = Vec::new();
        if let Some(h) = &self.handle {
            extra.push(format!("@{}", h.trim_start_matches('@')));
        }
        if let Some(o) = &self.organisation {
            extra.push(o.clone());
        }
        if extra.is_empty()
            && let Some(e) = &self.email
        {
            extra.push(e.clone());
        }
        (!extra.is_empty()).then(|| extra.join(", "))
    }

    /// `Ada Lovelace (@ada, Analytical Engines)`.
    pub fn describe(&self) -> String {
        match self.details() {
            Some(d) => format!("{} ({d})", self.name),
            None => self.name.clone(),
        }
    }
}

/// Every contact a picker can offer, shared by the pickers of all open forms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactIndex {
    pub entries: Vec<ContactEntry>,
}

impl ContactIndex {
    pub fn from_store(store: &Store) -> ContactIndex {
        ContactIndex {
            entries: store.contacts.iter().map(ContactEntry::new).collect(),
        }
    }

    pub fn get(&self, id: Uuid) -> Option<&ContactEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Entries matching `query`, best first: a name or handle starting with the query beats a
    /// scattered fuzzy match, then nucleo's score, then the name alphabetically (stable order).
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        let q = query.trim().trim_start_matches('@');
        if q.is_empty() {
            return Vec::new();
        }
        let pattern = Pattern::new(
            q,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let lower = q.to_lowercase();
        let mut hits: Vec<(bool, u32, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let score = pattern.score(Utf32Str::new(&e.haystack, &mut buf), &mut matcher)?;
                let prefix = e.name_lower.starts_with(&lower)
                    || e.handle_lower().is_some_and(|h| h.starts_with(&lower));
                Some((prefix, score, i))
            })
            .collect();
        hits.sort_by(|a, b| {
            (b.0, b.1)
                .cmp(&(a.0, a.1))
                .then_with(|| self.entries[a.2].name.cmp(&self.entries[b.2].name))
        });
        hits.truncate(limit);
        hits.into_iter().map(|(_, _, i)| i).collect()
    }

    /// Up to `limit` entries whose name, handle or a word of the name is a few letters from
    /// `query` (`grcae` → Grace Hopper), or holds it, closest first: for a name typed in a
    /// hurry, as `ror-tui log` suggests them.
    pub fn close_to(&self, query: &str, limit: usize) -> Vec<usize> {
        let candidates = self.entries.iter().map(|e| {
            let keys = std::iter::once(e.name_lower.as_str())
                .chain(e.name_lower.split_whitespace())
                .chain(e.handle_lower());
            (e.name.as_str(), keys)
        });
        crate::typos::closest(candidates, query, limit)
    }

    /// Whether a contact already has exactly this name or handle (so "create new" would
    /// probably make a duplicate).
    pub fn has_exact(&self, typed: &str) -> bool {
        let t = typed.trim();
        let bare = t.trim_start_matches('@');
        self.entries.iter().any(|e| {
            e.name.eq_ignore_ascii_case(t)
                || e.handle
                    .as_ref()
                    .is_some_and(|h| h.trim_start_matches('@').eq_ignore_ascii_case(bare))
        })
    }
}

/// The picker's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Nobody,
    Existing(Uuid),
    /// A contact to create, from the text typed (`@zed` gives name and handle `zed`).
    New(String),
}

/// Builds the contact that "create new contact" makes from what was typed.
pub fn new_contact_from_typed(typed: &str, created: jiff::civil::Date) -> Contact {
    let t = typed.trim();
    match t.strip_prefix('@') {
        Some(handle) => {
            let mut c = Contact::new(handle.trim(), created);
            c.handle = Some(handle.trim().to_string());
            c
        }
        None => Contact::new(t, created),
    }
}

/// One row of the list under the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Match(usize),
    Create,
}

#[derive(Clone, Debug)]
pub struct ContactPicker {
    query: LineInput,
    index: Arc<ContactIndex>,
    matches: Vec<usize>,
    highlight: usize,
    /// Offer "create new contact" (the log form does; referred-by and investments do not).
    pub allow_create: bool,
    /// A contact that must not be picked (a contact cannot refer itself).
    exclude: Option<Uuid>,
    /// The choice made when the field was left or prefilled; typing again reopens the search.
    committed: Option<Picked>,
}

impl ContactPicker {
    pub fn new(index: Arc<ContactIndex>, allow_create: bool) -> ContactPicker {
        ContactPicker {
            query: LineInput::default(),
            index,
            matches: Vec::new(),
            highlight: 0,
            allow_create,
            exclude: None,
            committed: None,
        }
    }

    pub fn excluding(mut self, id: Uuid) -> ContactPicker {
        self.exclude = Some(id);
        self
    }

    /// Preselects a contact (editing a record, or logging from a contact's page).
    pub fn select(&mut self, id: Uuid) {
        if let Some(e) = self.index.get(id) {
            self.query.set(&e.name);
            self.matches.clear();
            self.highlight = 0;
            self.committed = Some(Picked::Existing(id));
        }
    }

    /// Puts back a query and choice kept in a draft: an existing contact is chosen again if it is
    /// still there, a new one if this picker may create; otherwise the text is searched again.
    pub fn restore(&mut self, text: &str, picked: Picked) {
        match picked {
            Picked::Existing(id) if self.index.get(id).is_some() && self.exclude != Some(id) => {
                self.select(id);
            }
            Picked::New(name) if self.allow_create && !name.trim().is_empty() => {
                self.query.set(text);
                self.matches.clear();
                self.highlight = 0;
                self.committed = Some(Picked::New(name));
            }
            _ => {
                self.query.set(text);
                self.research();
            }
        }
    }

    pub fn query(&self) -> &LineInput {
        &self.query
    }

    pub fn index(&self) -> &ContactIndex {
        &self.index
    }

    /// The rows listed under the query while it is being edited (empty once a choice is made).
    pub fn rows(&self) -> Vec<Row> {
        if self.committed.is_some() || self.query.text().trim().is_empty() {
            return Vec::new();
        }
        let mut rows: Vec<Row> = self.matches.iter().map(|&i| Row::Match(i)).collect();
        if self.offers_create() {
            rows.push(Row::Create);
        }
        rows
    }

    pub fn highlight(&self) -> usize {
        self.highlight
    }

    fn offers_create(&self) -> bool {
        let t = self.query.text().trim().trim_start_matches('@');
        self.allow_create && !t.is_empty() && !self.index.has_exact(self.query.text())
    }

    /// The current choice: the committed one, else the highlighted row.
    pub fn value(&self) -> Picked {
        if let Some(p) = &self.committed {
            return p.clone();
        }
        match self.rows().get(self.highlight) {
            Some(Row::Match(i)) => Picked::Existing(self.index.entries[*i].id),
            Some(Row::Create) => Picked::New(self.query.text().trim().to_string()),
            None => Picked::Nobody,
        }
    }

    /// What the chosen value reads as, for the field's summary.
    pub fn describe(&self) -> Option<String> {
        match self.value() {
            Picked::Nobody => None,
            Picked::Existing(id) => self.index.get(id).map(ContactEntry::describe),
            Picked::New(name) => Some(format!("new contact “{name}”")),
        }
    }

    /// Fixes the highlighted choice, as when focus leaves the field: the query then reads as the
    /// chosen name, so what is shown is what will be saved.
    pub fn commit(&mut self) {
        let value = self.value();
        if let Picked::Existing(id) = value
            && let Some(e) = self.index.get(id)
        {
            self.query.set(&e.name);
        }
        self.committed = match value {
            Picked::Nobody => None,
            v => Some(v),
        };
        self.matches.clear();
        self.highlight = 0;
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let rows = self.rows().len();
        match key.code {
            KeyCode::Down if rows > 0 => {
                self.highlight = (self.highlight + 1) % rows;
                return Edit::Changed;
            }
            KeyCode::Char('n') if ctrl && rows > 0 => {
                self.highlight = (self.highlight + 1) % rows;
                return Edit::Changed;
            }
            KeyCode::Up if rows > 0 => {
                self.highlight = (self.highlight + rows - 1) % rows;
                return Edit::Changed;
            }
            KeyCode::Char('p') if ctrl && rows > 0 => {
                self.highlight = (self.highlight + rows - 1) % rows;
                return Edit::Changed;
            }
            _ => {}
        }
        let edit = self.query.handle_key(key);
        if edit == Edit::Changed {
            self.research();
        }
        edit
    }

    pub fn paste(&mut self, text: &str) -> Edit {
        let edit = self.query.insert(text);
        if edit == Edit::Changed {
            self.research();
        }
        edit
    }

    fn research(&mut self) {
        self.committed = None;
        self.highlight = 0;
        let exclude = self.exclude;
        let mut found = self.index.search(self.query.text(), SHOWN_MATCHES + 1);
        found.retain(|&i| Some(self.index.entries[i].id) != exclude);
        found.truncate(SHOWN_MATCHES);
        self.matches = found;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn contact(name: &str, handle: Option<&str>, org: Option<&str>) -> Contact {
        let mut c = Contact::new(name, date(2026, 1, 1));
        c.handle = handle.map(String::from);
        c.organisation = org.map(String::from);
        c
    }

    fn index() -> Arc<ContactIndex> {
        let store = Store {
            contacts: vec![
                contact("Ada Lovelace", Some("ada"), Some("Analytical Engines")),
                contact("Grace Hopper", Some("grace"), Some("Navy")),
                contact("Adam Smith", None, None),
                contact("Alan Turing", Some("alan"), Some("Bletchley")),
                contact("Bob Ada", None, None),
            ]
            .into(),
            ..Store::default()
        };
        Arc::new(ContactIndex::from_store(&store))
    }

    fn names(ix: &ContactIndex, q: &str) -> Vec<String> {
        ix.search(q, 10)
            .into_iter()
            .map(|i| ix.entries[i].name.clone())
            .collect()
    }

    fn typed(p: &mut ContactPicker, s: &str) {
        for c in s.chars() {
            p.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn prefix_matches_come_before_scattered_ones() {
        let ix = index();
        // "ada" starts Ada's name and handle and Adam's name; it also appears inside "Bob Ada".
        assert_eq!(names(&ix, "ada"), ["Ada Lovelace", "Adam Smith", "Bob Ada"]);
    }

    #[test]
    fn matches_handle_and_organisation_too() {
        let ix = index();
        assert_eq!(names(&ix, "@grace"), ["Grace Hopper"]);
        assert_eq!(names(&ix, "bletch"), ["Alan Turing"]);
        // Words can come from different fields: name and organisation.
        assert_eq!(names(&ix, "ada engines"), ["Ada Lovelace"]);
        assert!(names(&ix, "zzz").is_empty());
    }

    #[test]
    fn highlighted_row_is_the_value_and_arrows_move_it() {
        let mut p = ContactPicker::new(index(), true);
        assert_eq!(p.value(), Picked::Nobody);
        typed(&mut p, "ada");
        let ix = p.index().clone();
        let id_of = |n: &str| ix.entries.iter().find(|e| e.name == n).unwrap().id;
        assert_eq!(p.value(), Picked::Existing(id_of("Ada Lovelace")));
        p.handle_key(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(p.value(), Picked::Existing(id_of("Adam Smith")));
        // Nobody is named exactly "ada" (only a handle is), so no create row: three matches.
        assert_eq!(p.rows().len(), 3);
    }

    #[test]
    fn create_is_offered_when_no_name_is_exact_and_is_the_only_row_when_nothing_matches() {
        let mut p = ContactPicker::new(index(), true);
        typed(&mut p, "Zed Shaw");
        assert_eq!(p.rows(), vec![Row::Create]);
        assert_eq!(p.value(), Picked::New("Zed Shaw".into()));
        let mut q = ContactPicker::new(index(), true);
        typed(&mut q, "Ad");
        assert_eq!(q.rows().last(), Some(&Row::Create));
        // Without creation allowed, an unmatched query picks nobody.
        let mut r = ContactPicker::new(index(), false);
        typed(&mut r, "Zed");
        assert_eq!(r.value(), Picked::Nobody);
    }

    #[test]
    fn committing_shows_the_chosen_name_and_typing_searches_again() {
        let mut p = ContactPicker::new(index(), true);
        typed(&mut p, "turing");
        p.commit();
        assert_eq!(p.query().text(), "Alan Turing");
        assert!(p.rows().is_empty());
        typed(&mut p, "x");
        assert!(matches!(p.value(), Picked::New(ref n) if n == "Alan Turingx"));
    }

    #[test]
    fn an_excluded_contact_is_never_offered() {
        let ix = index();
        let ada = ix.entries[0].id;
        let mut p = ContactPicker::new(ix, false).excluding(ada);
        typed(&mut p, "ada");
        assert!(!matches!(p.value(), Picked::Existing(id) if id == ada));
        assert_eq!(p.rows().len(), 2);
    }

    #[test]
    fn new_contacts_from_a_handle_get_the_handle() {
        let c = new_contact_from_typed("@zed", date(2026, 11, 20));
        assert_eq!((c.name.as_str(), c.handle.as_deref()), ("zed", Some("zed")));
        let d = new_contact_from_typed("  Zed Shaw ", date(2026, 11, 20));
        assert_eq!((d.name.as_str(), d.handle), ("Zed Shaw", None));
    }
}
