//! Contacts that are likely one person entered twice (by hand and by an import, or by two
//! imports): the same email, the same handle, the same name and organisation, or names a typo
//! or a swapped word apart. Found in O(n log n): groups by key, and for similar names each name
//! is compared with its neighbours in sorted order (forwards, and by its reversed spelling so a
//! typo in the first letters is found too), not with every other contact.

use std::collections::HashMap;

use uuid::Uuid;

use crate::store::{Blocks, Contact};

/// Why two contacts look like one person, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    SameEmail,
    SameHandle,
    SameNameAndOrganisation,
    SimilarNames,
}

impl Why {
    pub fn words(self) -> &'static str {
        match self {
            Why::SameEmail => "same email",
            Why::SameHandle => "same handle",
            Why::SameNameAndOrganisation => "same name and organisation",
            Why::SimilarNames => "very similar names",
        }
    }
}

/// Two contacts that look like one person: `a` was created first (the default survivor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub a: Uuid,
    pub b: Uuid,
    pub why: Why,
}

/// What groups contacts for one reason (`None`: the contact has nothing to group by).
type KeyOf = fn(&Contact) -> Option<String>;

/// How many neighbours in sorted order each name is compared with.
const NEIGHBOURS: usize = 4;

/// A group bigger than this (a shared team address, a placeholder name) says nothing about
/// who is who, and would list its square in pairs: it is skipped.
const GROUP_MAX: usize = 12;

/// The likely duplicates among `contacts` (team members excluded), strongest reason first,
/// then by name. A pair is listed once, with its strongest reason.
pub fn likely(contacts: &Blocks<Contact>) -> Vec<Pair> {
    let people: Vec<&Contact> = contacts.iter().filter(|c| !c.is_team).collect();
    let mut found: HashMap<(Uuid, Uuid), Why> = HashMap::new();
    let mut add = |x: &Contact, y: &Contact, why: Why| {
        let (a, b) = if (x.created, x.id) <= (y.created, y.id) {
            (x.id, y.id)
        } else {
            (y.id, x.id)
        };
        let e = found.entry((a, b)).or_insert(why);
        *e = (*e).min(why);
    };
    let keyed: [(Why, KeyOf); 3] = [
        (Why::SameEmail, |c| some(c.email.as_deref())),
        (Why::SameHandle, |c| {
            some(
                c.handle
                    .as_deref()
                    .map(|h| h.trim().trim_start_matches('@')),
            )
        }),
        (Why::SameNameAndOrganisation, |c| {
            let name = name_key(&c.name);
            (!name.is_empty()).then(|| {
                let org = c
                    .organisation
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .to_lowercase();
                format!("{name}\u{0}{org}")
            })
        }),
    ];
    for (why, key) in keyed {
        let mut groups: HashMap<String, Vec<&Contact>> = HashMap::new();
        for c in &people {
            if let Some(k) = key(c) {
                groups.entry(k).or_default().push(c);
            }
        }
        for g in groups
            .values()
            .filter(|g| g.len() > 1 && g.len() <= GROUP_MAX)
        {
            for (i, x) in g.iter().enumerate() {
                for y in &g[i + 1..] {
                    // Two different emails say two people, whatever else they share.
                    if why != Why::SameEmail && emails_differ(x, y) {
                        continue;
                    }
                    add(x, y, why);
                }
            }
        }
    }
    let keys: Vec<(Vec<char>, &Contact)> = people
        .iter()
        .map(|c| (name_key(&c.name).chars().collect(), *c))
        .filter(|(k, _): &(Vec<char>, _)| k.len() >= 5)
        .collect();
    for reversed in [false, true] {
        let mut sorted: Vec<(Vec<char>, &Contact)> = keys
            .iter()
            .map(|(k, c)| {
                let k = if reversed {
                    k.iter().rev().copied().collect()
                } else {
                    k.clone()
                };
                (k, *c)
            })
            .collect();
        sorted.sort_by(|x, y| x.0.cmp(&y.0));
        for i in 0..sorted.len() {
            for j in i + 1..(i + 1 + NEIGHBOURS).min(sorted.len()) {
                let (kx, x) = &sorted[i];
                let (ky, y) = &sorted[j];
                let allowed = (kx.len().min(ky.len()) / 8).max(1);
                if kx != ky && crate::typos::distance(kx, ky) <= allowed && !emails_differ(x, y) {
                    add(x, y, Why::SimilarNames);
                }
            }
        }
    }
    let name_of: HashMap<Uuid, &str> = people.iter().map(|c| (c.id, c.name.as_str())).collect();
    let mut out: Vec<Pair> = found
        .into_iter()
        .map(|((a, b), why)| Pair { a, b, why })
        .collect();
    out.sort_by(|x, y| (x.why, name_of[&x.a], x.a, x.b).cmp(&(y.why, name_of[&y.a], y.a, y.b)));
    out
}

/// The name in lower case, its words in order, so "Lovelace Ada" and "ada  lovelace" meet.
fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

fn some(s: Option<&str>) -> Option<String> {
    s.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty())
}

fn emails_differ(x: &Contact, y: &Contact) -> bool {
    matches!(
        (some(x.email.as_deref()), some(y.email.as_deref())),
        (Some(a), Some(b)) if a != b
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn c(name: &str, email: Option<&str>, handle: Option<&str>, org: Option<&str>) -> Contact {
        let mut c = Contact::new(name, date(2026, 1, 1));
        c.email = email.map(str::to_string);
        c.handle = handle.map(str::to_string);
        c.organisation = org.map(str::to_string);
        c
    }

    fn why(pairs: &[Pair], x: &Contact, y: &Contact) -> Option<Why> {
        pairs
            .iter()
            .find(|p| (p.a, p.b) == (x.id, y.id) || (p.a, p.b) == (y.id, x.id))
            .map(|p| p.why)
    }

    #[test]
    fn each_reason_is_found_and_different_emails_are_two_people() {
        let people = vec![
            c("Ada Lovelace", Some("ada@x.org"), None, None),
            c("A. Lovelace", Some("ADA@x.org "), None, None),
            c("Grace Hopper", None, Some("@grace"), None),
            c("G Hopper", None, Some("grace"), None),
            c("Linus Torvalds", None, None, Some("Linux")),
            c("linus torvalds", None, None, Some("linux")),
            c("Margaret Hamilton", None, None, None),
            c("Margret Hamilton", None, None, None),
            c("Hamilton Margaret", None, None, None),
            c("Dev Schmidt", Some("dev@a.org"), None, None),
            c("Dev Schmidt", Some("dev@b.org"), None, None),
            c("Barbara Liskov", None, None, None),
        ];
        let pairs = likely(&people.clone().into());
        assert_eq!(why(&pairs, &people[0], &people[1]), Some(Why::SameEmail));
        assert_eq!(why(&pairs, &people[2], &people[3]), Some(Why::SameHandle));
        assert_eq!(
            why(&pairs, &people[4], &people[5]),
            Some(Why::SameNameAndOrganisation)
        );
        assert_eq!(why(&pairs, &people[6], &people[7]), Some(Why::SimilarNames));
        assert_eq!(
            why(&pairs, &people[6], &people[8]),
            Some(Why::SameNameAndOrganisation),
            "swapped words are the same name"
        );
        assert_eq!(
            why(&pairs, &people[9], &people[10]),
            None,
            "two emails: two people"
        );
        assert!(
            pairs
                .iter()
                .all(|p| p.a != people[11].id && p.b != people[11].id)
        );
        assert_eq!(pairs[0].why, Why::SameEmail, "strongest first");
    }

    #[test]
    fn a_typo_at_the_start_of_a_word_is_found_by_the_reversed_pass() {
        let people = vec![
            c("Xargaret Hamilton", None, None, None),
            // Between the two in sorted order: too far apart for the forward pass alone.
            c("Nora Hamilton", None, None, None),
            c("Olga Hamilton", None, None, None),
            c("Pia Hamilton", None, None, None),
            c("Quinn Hamilton", None, None, None),
            c("Rita Hamilton", None, None, None),
            c("Margaret Hamilton", None, None, None),
        ];
        let pairs = likely(&people.clone().into());
        assert_eq!(why(&pairs, &people[0], &people[6]), Some(Why::SimilarNames));
    }
}
