//! Finding a contact from what a person types: a handle (`@ada`), an email, or a name, compared
//! without regard to case. Built once per command, so an import of 100k rows does one hash lookup
//! per row instead of a scan of every contact.

use std::collections::HashMap;

use super::fields;
use crate::store::{Blocks, Contact};

/// What a piece of text refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    One(usize),
    /// Several contacts share the name; the text cannot say which.
    Many(Vec<usize>),
    None,
}

/// Lower-cased handle, email and name → positions in a contact list.
#[derive(Debug, Default)]
pub struct ContactIndex {
    by_handle: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Reused for lower-casing lookups, so a lookup does not allocate.
    buf: String,
}

impl ContactIndex {
    pub fn new(contacts: &Blocks<Contact>) -> ContactIndex {
        let mut ix = ContactIndex {
            by_handle: HashMap::with_capacity(contacts.len()),
            by_email: HashMap::with_capacity(contacts.len()),
            by_name: HashMap::with_capacity(contacts.len()),
            buf: String::new(),
        };
        for (i, c) in contacts.iter().enumerate() {
            ix.add(i, c);
        }
        ix
    }

    /// Registers the contact at position `i` (the first of two equal handles or emails wins).
    pub fn add(&mut self, i: usize, c: &Contact) {
        if let Some(h) = c
            .handle
            .as_deref()
            .map(fields::handle)
            .filter(|h| !h.is_empty())
        {
            self.by_handle.entry(h.to_lowercase()).or_insert(i);
        }
        if let Some(e) = c.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            self.by_email.entry(e.to_lowercase()).or_insert(i);
        }
        let ids = self
            .by_name
            .entry(c.name.trim().to_lowercase())
            .or_default();
        if !ids.contains(&i) {
            ids.push(i);
        }
    }

    /// The contact whose handle is `text` (with or without `@`).
    pub fn by_handle(&mut self, text: &str) -> Option<usize> {
        let key = lower(&mut self.buf, fields::handle(text));
        if key.is_empty() {
            return None;
        }
        self.by_handle.get(key).copied()
    }

    pub fn by_email(&mut self, text: &str) -> Option<usize> {
        let key = lower(&mut self.buf, text.trim());
        if key.is_empty() {
            return None;
        }
        self.by_email.get(key).copied()
    }

    pub fn by_name(&mut self, text: &str) -> &[usize] {
        let key = lower(&mut self.buf, text.trim());
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    /// Matches `text` as a handle, then as an email, then as a name.
    pub fn find(&mut self, text: &str) -> Found {
        if let Some(i) = self.by_handle(text) {
            return Found::One(i);
        }
        if let Some(i) = self.by_email(text) {
            return Found::One(i);
        }
        match self.by_name(text) {
            [] => Found::None,
            [i] => Found::One(*i),
            many => Found::Many(many.to_vec()),
        }
    }
}

/// What `text` refers to among `contacts`, as [`ContactIndex::find`] says, with one pass and
/// no index: for a command that looks up one contact (`log`), where building the index costs
/// more than the lookup (70 ms for 100k contacts).
pub fn find_one(contacts: &Blocks<Contact>, text: &str) -> Found {
    let mut buf = String::new();
    let handle = lower(&mut buf, fields::handle(text)).to_string();
    let text = text.trim();
    // `b` is in lower case already; most text is ASCII, compared without a copy.
    let same = |a: &str, b: &str| {
        if a.is_ascii() {
            a.eq_ignore_ascii_case(b)
        } else {
            lower(&mut String::new(), a) == b
        }
    };
    let email = lower(&mut buf, text).to_string();
    let (mut by_email, mut by_name) = (None, Vec::new());
    for (i, c) in contacts.iter().enumerate() {
        if !handle.is_empty()
            && let Some(h) = c.handle.as_deref().map(fields::handle)
            && same(h, &handle)
        {
            // The first contact with the handle wins, as in the index.
            return Found::One(i);
        }
        if by_email.is_none()
            && !email.is_empty()
            && let Some(e) = c.email.as_deref().map(str::trim)
            && same(e, &email)
        {
            by_email = Some(i);
        }
        if same(c.name.trim(), &email) {
            by_name.push(i);
        }
    }
    if let Some(i) = by_email {
        return Found::One(i);
    }
    match by_name[..] {
        [] => Found::None,
        [i] => Found::One(i),
        _ => Found::Many(by_name),
    }
}

/// A new contact from the text that named it: `@ada` becomes handle `ada` (named `ada` until
/// someone edits the name), an email address becomes the email (and the name), anything else
/// is the name.
pub fn contact_from_text(text: &str, created: jiff::civil::Date) -> Contact {
    let t = text.trim();
    if t.starts_with('@') {
        let h = fields::handle(t);
        let mut c = Contact::new(h, created);
        c.handle = Some(h.to_string());
        c
    } else if fields::looks_like_email(t) {
        let mut c = Contact::new(t, created);
        c.email = Some(t.to_string());
        c
    } else {
        Contact::new(t, created)
    }
}

/// `Ada Lovelace (@ada, ada@example.org)`, sanitised, for messages.
pub fn describe(c: &Contact) -> String {
    describe_with(c, false)
}

/// [`describe`] for a list of contacts that share a name: one with neither handle nor email
/// shows what else tells it apart (its organisation, or the end of its id).
pub fn describe_apart(c: &Contact) -> String {
    describe_with(c, true)
}

fn describe_with(c: &Contact, apart: bool) -> String {
    let mut ids = Vec::new();
    if let Some(h) = c.handle.as_deref().filter(|h| !h.is_empty()) {
        ids.push(format!("@{}", crate::sanitize::line(fields::handle(h))));
    }
    if let Some(e) = c.email.as_deref().filter(|e| !e.is_empty()) {
        ids.push(crate::sanitize::line(e).into_owned());
    }
    let name = crate::sanitize::line(&c.name);
    if ids.is_empty() && apart {
        format!(
            "{name} ({})",
            crate::sanitize::line(&crate::names::apart(c))
        )
    } else if ids.is_empty() {
        name.into_owned()
    } else {
        format!("{name} ({})", ids.join(", "))
    }
}

fn lower<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
    buf
}

/// Up to `limit` contacts whose name, handle or email is close to `query` (a typo or a part),
/// closest first, for "did you mean" hints.
pub fn suggestions(contacts: &Blocks<Contact>, query: &str, limit: usize) -> Vec<usize> {
    let candidates = contacts.iter().map(|c| {
        let keys = [
            Some(c.name.as_str()),
            c.handle.as_deref().map(fields::handle),
            c.email.as_deref(),
        ];
        (c.name.as_str(), keys.into_iter().flatten())
    });
    crate::typos::closest(candidates, query, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn people() -> Blocks<Contact> {
        let mut ada = Contact::new("Ada Lovelace", date(2026, 1, 1));
        ada.handle = Some("ada".into());
        ada.email = Some("Ada@Example.org".into());
        let grace = Contact::new("Grace Hopper", date(2026, 1, 1));
        let other_ada = Contact::new("ada lovelace", date(2026, 1, 2));
        vec![ada, grace, other_ada].into()
    }

    #[test]
    fn handle_then_email_then_name_ignoring_case() {
        let people = people();
        let mut ix = ContactIndex::new(&people);
        assert_eq!(ix.find("@ADA"), Found::One(0));
        assert_eq!(ix.find("ada@example.ORG"), Found::One(0));
        assert_eq!(ix.find("grace hopper"), Found::One(1));
        assert_eq!(ix.find("Ada Lovelace"), Found::Many(vec![0, 2]));
        assert_eq!(ix.find("Alan Turing"), Found::None);
        assert_eq!(ix.find(""), Found::None);
    }

    /// The one-pass lookup `log` uses says what the index says, for every way of naming.
    #[test]
    fn the_lookup_without_an_index_agrees_with_the_index() {
        let mut people = people();
        let mut zoe = Contact::new("Zoë Ñúñez", date(2026, 1, 3));
        zoe.handle = Some("@Zoe".into());
        zoe.email = Some(" zoe@EXAMPLE.org ".into());
        people.push(zoe);
        let mut twin = Contact::new("Twin", date(2026, 1, 4));
        twin.handle = Some("ada".into());
        people.push(twin);
        let mut ix = ContactIndex::new(&people);
        for text in [
            "@ADA",
            "ada",
            " @ada ",
            "ada@example.ORG",
            "grace hopper",
            "Ada Lovelace",
            "Alan Turing",
            "",
            "@",
            "zoë ñúñez",
            "ZOË ÑÚÑEZ",
            "@zoe",
            "zoe@example.org",
            "twin",
        ] {
            assert_eq!(find_one(&people, text), ix.find(text), "{text:?}");
        }
    }

    #[test]
    fn suggestions_find_typos_and_parts() {
        let people = people();
        let s = suggestions(&people, "Grace Hoper", 3);
        assert_eq!(s, vec![1]);
        let s = suggestions(&people, "lovelace", 3);
        assert_eq!(s.len(), 2);
        assert!(suggestions(&people, "Zebedee", 3).is_empty());
    }

    #[test]
    fn transpositions_are_one_edit() {
        let a: Vec<char> = "grace".chars().collect();
        let b: Vec<char> = "garce".chars().collect();
        assert_eq!(crate::typos::distance(&a, &b), 1);
        let c: Vec<char> = "".chars().collect();
        assert_eq!(crate::typos::distance(&c, &c), 0);
    }
}
