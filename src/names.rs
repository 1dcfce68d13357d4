//! Telling namesakes apart: wherever a contact's name is shown and another contact has the same
//! name (compared without regard to case or surrounding spaces), the handle is shown beside it,
//! else the email, else the organisation, else the end of the id, so two "Dev Schmidt" never
//! read as one person on a screen, a slide or a report.

use std::borrow::Cow;
use std::hash::Hasher;

use crate::hash::{FxHasher, FxMap};
use crate::store::Contact;

/// The names that more than one contact shares, found once per store version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Namesakes {
    /// How many contacts have each name, by a hash of the name in lower case (a collision
    /// only adds a handle to a label, never hides one).
    counts: FxMap<u64, u32>,
}

impl Namesakes {
    pub fn of<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Namesakes {
        let mut counts: FxMap<u64, u32> = FxMap::default();
        for c in contacts {
            *counts.entry(key(&c.name)).or_default() += 1;
        }
        counts.retain(|_, n| *n > 1);
        Namesakes { counts }
    }

    /// Whether another contact has `c`'s name.
    pub fn is_shared(&self, c: &Contact) -> bool {
        !self.counts.is_empty() && self.counts.contains_key(&key(&c.name))
    }

    /// The name as shown: `Dev Schmidt (@dev)` when the name is shared, else the name alone.
    pub fn label<'a>(&self, c: &'a Contact) -> Cow<'a, str> {
        if self.is_shared(c) {
            Cow::Owned(format!("{} ({})", c.name, apart(c)))
        } else {
            Cow::Borrowed(&c.name)
        }
    }
}

/// What tells a contact apart from another of the same name: `@handle`, else the email, else
/// the organisation, else `#` and the last six digits of its id.
pub fn apart(c: &Contact) -> String {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(h) = clean(&c.handle) {
        return format!("@{}", h.trim_start_matches('@'));
    }
    clean(&c.email)
        .or_else(|| clean(&c.organisation))
        .unwrap_or_else(|| {
            let id = c.id.simple().to_string();
            format!("#{}", &id[id.len() - 6..])
        })
}

/// The name in lower case without surrounding spaces, hashed without a copy for ASCII names.
fn key(name: &str) -> u64 {
    let mut h = FxHasher::default();
    let name = name.trim();
    if name.is_ascii() {
        for b in name.bytes() {
            h.write_u8(b.to_ascii_lowercase());
        }
    } else {
        for ch in name.chars().flat_map(char::to_lowercase) {
            h.write_u32(ch as u32);
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn only_shared_names_gain_what_tells_them_apart() {
        let mut a = Contact::new("Dev Schmidt", date(2026, 1, 1));
        a.handle = Some("@dev".into());
        let mut b = Contact::new("dev schmidt ", date(2026, 1, 2));
        b.email = Some("d.schmidt@example.org".into());
        let mut c = Contact::new("Dev Schmidt", date(2026, 1, 3));
        c.organisation = Some("Acme".into());
        let d = Contact::new("Dev Schmidt", date(2026, 1, 4));
        let ada = Contact::new("Ada Lovelace", date(2026, 1, 1));
        let all = [a, b, c, d, ada];
        let n = Namesakes::of(&all);
        assert_eq!(n.label(&all[0]), "Dev Schmidt (@dev)");
        assert_eq!(n.label(&all[1]), "dev schmidt  (d.schmidt@example.org)");
        assert_eq!(n.label(&all[2]), "Dev Schmidt (Acme)");
        let tail = &all[3].id.simple().to_string()[26..];
        assert_eq!(n.label(&all[3]), format!("Dev Schmidt (#{tail})"));
        assert_eq!(n.label(&all[4]), "Ada Lovelace");
        assert!(matches!(n.label(&all[4]), Cow::Borrowed(_)));
    }

    #[test]
    fn names_in_other_scripts_compare_without_case() {
        let all = [
            Contact::new("Élodie Ünal", date(2026, 1, 1)),
            Contact::new("élodie ünal", date(2026, 1, 2)),
        ];
        assert!(Namesakes::of(&all).is_shared(&all[0]));
    }
}
