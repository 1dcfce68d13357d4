//! Puts an [`Export`] into a store, one rule for every platform: a person is the contact with
//! one of their identities, else with their email, else with exactly their name (when the
//! store has one such contact and nothing tells them apart); never two people merged on a name
//! when an identity or email says they differ. An event already in the store (by its source
//! reference) is not added again. Amounts in another currency than the store's are refused
//! unless a rate is given.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Result, bail};
use jiff::civil::Date;
use uuid::Uuid;

use super::{Export, Problem};
use crate::store::{Contact, Interaction, Kind, MAX_NOTE_BYTES, Money, Store};

#[derive(Clone, Debug, Default)]
pub struct BringOptions {
    pub dry_run: bool,
    /// Bring in the readable records even when some could not be read.
    pub skip_invalid: bool,
    /// Currency → how many of the store's currency one of it is worth, as written (`1.08`).
    pub rates: BTreeMap<String, String>,
    /// The day new contacts without a date of their own are created on.
    pub today: Option<Date>,
}

/// What bringing in did (or, in a dry run or when refused, would do).
#[derive(Clone, Debug, Default)]
pub struct Brought {
    pub contacts_created: usize,
    pub contacts_matched: usize,
    /// Interactions added, by kind.
    pub by_kind: BTreeMap<Kind, usize>,
    /// Events the store already holds (from an earlier import of the same or an overlapping
    /// export).
    pub already: usize,
    pub skipped: BTreeMap<String, usize>,
    pub problems: Vec<Problem>,
    pub written: bool,
    /// The first interactions as they would be saved, for a dry run.
    pub preview: Vec<String>,
    /// The currency an empty store took from this import.
    pub currency_taken: Option<String>,
    /// The rate amounts were converted at: (currency, rate).
    pub converted: Option<(String, String)>,
}

impl Brought {
    pub fn added(&self) -> usize {
        self.by_kind.values().sum()
    }
}

/// Brings `export` into `store` (unless it is a dry run, or records could not be read and
/// `skip_invalid` is not set: then nothing changes).
pub fn bring_in(export: &Export, store: &mut Store, opts: &BringOptions) -> Result<Brought> {
    let mut b = Brought {
        skipped: export.skipped.clone(),
        problems: export.problems.clone(),
        ..Brought::default()
    };
    let rate = currency(export, store, opts, &mut b)?;
    let today = opts.today.unwrap_or_else(|| jiff::Zoned::now().date());

    // Who is who.
    let mut first_event: Vec<Option<Date>> = vec![None; export.people.len()];
    for e in &export.events {
        let d = &mut first_event[e.person];
        *d = Some(d.map_or(e.at.date, |x| x.min(e.at.date)));
    }
    let mut ids = Matcher::of(store);
    let mut new_contacts: Vec<Contact> = Vec::new();
    let mut changed: HashMap<Uuid, usize> = HashMap::new();
    let mut who: Vec<Uuid> = Vec::with_capacity(export.people.len());
    for (i, p) in export.people.iter().enumerate() {
        match ids.find(p, export.platform.name()) {
            Some(id) => {
                who.push(id);
                changed.entry(id).or_insert(i);
            }
            None => {
                let created = p.since.or(first_event[i]).unwrap_or(today);
                let mut c = Contact::new(p.name.trim(), created);
                c.email = p.email.clone();
                c.organisation = p.organisation.clone();
                c.tags = p.tags.clone();
                c.identities = p.identities.clone();
                ids.add(&c);
                who.push(c.id);
                new_contacts.push(c);
            }
        }
    }
    b.contacts_created = new_contacts.len();
    b.contacts_matched = changed.len();

    // What is new.
    let mut known: HashSet<&str> = store
        .interactions
        .iter()
        .filter_map(|x| x.source.as_deref())
        .collect();
    let mut added: Vec<Interaction> = Vec::new();
    for e in &export.events {
        if !known.insert(e.source.as_str()) {
            b.already += 1;
            continue;
        }
        let mut x = Interaction::new(who[e.person], e.at, &e.channel, e.kind);
        x.direction = e.direction;
        x.note = crate::sanitize::text(&e.note).into_owned();
        if x.note.len() > MAX_NOTE_BYTES {
            let mut cut = MAX_NOTE_BYTES;
            while !x.note.is_char_boundary(cut) {
                cut -= 1;
            }
            x.note.truncate(cut);
        }
        x.value = match (e.value, &rate) {
            (Some(v), Some((num, den))) => Some(convert(v, *num, *den)?),
            (v, _) => v,
        };
        x.source = Some(e.source.clone());
        *b.by_kind.entry(e.kind).or_default() += 1;
        added.push(x);
    }
    drop(known);
    score(&mut added, &store.settings);
    let names: HashMap<Uuid, &str> = store
        .contacts
        .iter()
        .chain(&new_contacts)
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let currency = b
        .currency_taken
        .as_deref()
        .unwrap_or(&store.settings.currency);
    b.preview = preview(&added, &names, currency);

    let refused = !b.problems.is_empty() && !opts.skip_invalid;
    let anything = !added.is_empty() || !new_contacts.is_empty() || !changed.is_empty();
    if opts.dry_run || refused || !anything {
        return Ok(b);
    }
    if let Some(c) = &b.currency_taken {
        store.settings.currency = c.clone();
    }
    // What the export adds to contacts already there: identities, and an email or an
    // organisation where they had none; tags joined.
    store.contacts.modify_where(
        |c| changed.contains_key(&c.id),
        |c| {
            let p = &export.people[changed[&c.id]];
            for (k, v) in &p.identities {
                c.identities.entry(k.clone()).or_insert_with(|| v.clone());
            }
            if c.email.is_none() {
                c.email = p.email.clone();
            }
            // A contact known only by its address so far (a newsletter's) takes the name an
            // export gives it (a shop's billing name).
            let by_address = c
                .email
                .as_deref()
                .is_some_and(|e| c.name.eq_ignore_ascii_case(e));
            if by_address && super::email_key(&p.name).is_none() && !p.name.trim().is_empty() {
                c.name = p.name.trim().to_string();
            }
            if c.organisation.is_none() {
                c.organisation = p.organisation.clone();
            }
            for t in &p.tags {
                if !c.tags.iter().any(|h| h.eq_ignore_ascii_case(t)) {
                    c.tags.push(t.clone());
                }
            }
        },
    );
    let (contacts, interactions) = (store.contacts.len(), store.interactions.len());
    store.contacts.extend(new_contacts);
    store.interactions.extend(added);
    if let Some(p) = crate::store::validate(store).first() {
        let message = format!("the import would make the store invalid ({p}); nothing was written");
        store.contacts.truncate(contacts);
        store.interactions.truncate(interactions);
        bail!(message);
    }
    store.sort_canonical();
    b.written = true;
    Ok(b)
}

/// The rate amounts are converted at, as a fraction, or the currency the store takes.
fn currency(
    export: &Export,
    store: &Store,
    opts: &BringOptions,
    b: &mut Brought,
) -> Result<Option<(i128, i128)>> {
    let Some(theirs) = &export.currency else {
        return Ok(None);
    };
    let has_amounts = export.events.iter().any(|e| e.value.is_some());
    let ours = store.settings.currency.to_ascii_uppercase();
    if !has_amounts || theirs.eq_ignore_ascii_case(&ours) {
        return Ok(None);
    }
    if let Some((cur, rate)) = opts
        .rates
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(theirs))
    {
        b.converted = Some((cur.to_ascii_uppercase(), rate.clone()));
        return Ok(Some(parse_rate(rate)?));
    }
    let store_has_money =
        store.interactions.iter().any(|x| x.value.is_some()) || !store.investments.is_empty();
    if store_has_money {
        bail!(
            "the amounts are in {theirs} and the store's are in {ours}: pass --rate \
             {theirs}=N (N {ours} for one {theirs}) to convert them, or import into a store \
             kept in {theirs}"
        );
    }
    b.currency_taken = Some(theirs.to_ascii_uppercase());
    Ok(None)
}

/// `1.08` as 108/100: amounts are converted exactly, then rounded once to the cent.
fn parse_rate(s: &str) -> Result<(i128, i128)> {
    let t = s.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let ok = !t.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 9
        && whole.len() <= 9;
    if !ok {
        bail!("`{s}` is not a rate (expected a number like 1.08)");
    }
    let den = 10i128.pow(frac.len() as u32);
    let num: i128 = format!("{whole}{frac}").parse().unwrap_or(0);
    if num == 0 {
        bail!("a rate of 0 would make every amount nothing");
    }
    Ok((num, den))
}

/// `v × num / den`, rounded half away from zero to the cent.
fn convert(v: Money, num: i128, den: i128) -> Result<Money> {
    let x = i128::from(v.cents()) * num;
    let q = (2 * x + den.signum() * x.signum() * den) / (2 * den);
    match i64::try_from(q) {
        Ok(c) if c.abs() <= crate::store::MAX_CENTS => Ok(Money::from_cents(c)),
        _ => bail!("{v} converted is too large"),
    }
}

/// Scores notes as the dashboard does, shared over the cores for a large import.
fn score(rows: &mut [Interaction], settings: &crate::store::Settings) {
    let threads = crate::cores();
    if threads < 2 || rows.len() < 4096 {
        for x in rows {
            crate::sentiment::rescore(x, settings);
        }
        return;
    }
    let per = rows.len().div_ceil(threads);
    std::thread::scope(|s| {
        for chunk in rows.chunks_mut(per) {
            s.spawn(move || {
                for x in chunk {
                    crate::sentiment::rescore(x, settings);
                }
            });
        }
    });
}

/// The first interactions of `rows` by time, one line each as they would be saved, for a dry
/// run: `2024-01-15T10:50:00 · Ada Lovelace · purchase via stripe, inbound · 52.92 USD · “…”`.
pub fn preview<'a>(
    rows: impl IntoIterator<Item = &'a Interaction>,
    names: &HashMap<Uuid, &str>,
    currency: &str,
) -> Vec<String> {
    let mut first: Vec<&Interaction> = rows.into_iter().collect();
    first.sort_by_key(|x| x.at);
    first
        .into_iter()
        .take(PREVIEW_ROWS)
        .map(|x| {
            let mut line = format!(
                "{} · {} · {} via {}, {}",
                x.at,
                crate::sanitize::line(names.get(&x.contact).copied().unwrap_or("?")),
                x.kind,
                x.channel.as_str(),
                x.direction,
            );
            if let Some(v) = x.value {
                line.push_str(&format!(" · {v} {currency}"));
            }
            // One line of the note: its words, not the line breaks and runs of spaces of a
            // title and body joined.
            let words: Vec<&str> = x.note.split_whitespace().collect();
            let note = crate::sanitize::line(&words.join(" ")).into_owned();
            if !note.is_empty() {
                line.push_str(&format!(" · “{}”", crate::ui::format::fit(&note, 60)));
            }
            line
        })
        .collect()
}

/// How many interactions a dry run shows.
const PREVIEW_ROWS: usize = 5;

/// Contacts by identity, email and name.
struct Matcher {
    identity: HashMap<(String, String), Uuid>,
    email: HashMap<String, Vec<Uuid>>,
    name: HashMap<String, Vec<Uuid>>,
    /// What each contact is known by, to tell whether a name match is the same person.
    facts: HashMap<Uuid, (Option<String>, BTreeMap<String, String>)>,
}

impl Matcher {
    fn of(store: &Store) -> Matcher {
        let mut m = Matcher {
            identity: HashMap::new(),
            email: HashMap::new(),
            name: HashMap::new(),
            facts: HashMap::new(),
        };
        for c in store.contacts.iter() {
            m.add(c);
        }
        m
    }

    fn add(&mut self, c: &Contact) {
        for (k, v) in &c.identities {
            self.identity.insert((k.clone(), v.clone()), c.id);
        }
        let email = c.email.as_deref().and_then(super::email_key);
        if let Some(e) = &email {
            self.email.entry(e.clone()).or_default().push(c.id);
        }
        self.name
            .entry(c.name.trim().to_string())
            .or_default()
            .push(c.id);
        self.facts.insert(c.id, (email, c.identities.clone()));
    }

    /// The contact `p` is, if any: by identity, else by the one contact with their email,
    /// else by the one contact with exactly their name that `platform` already knows (holds an
    /// identity there) and nothing says is someone else. A name alone never joins a person to a
    /// contact from another source: they stay apart and the Duplicates screen offers them.
    fn find(&self, p: &super::Person, platform: &str) -> Option<Uuid> {
        for (k, v) in &p.identities {
            if let Some(id) = self.identity.get(&(k.clone(), v.clone())) {
                return Some(*id);
            }
        }
        let email = p.email.as_deref().and_then(super::email_key);
        if let Some(e) = &email
            && let Some([one]) = self.email.get(e).map(Vec::as_slice)
        {
            return Some(*one);
        }
        let [one] = self.name.get(p.name.trim())?.as_slice() else {
            return None;
        };
        let (their_email, theirs) = &self.facts[one];
        let same_platform = theirs.contains_key(platform);
        let other_email = matches!((&email, their_email), (Some(a), Some(b)) if a != b);
        let other_id = p
            .identities
            .iter()
            .any(|(k, v)| theirs.get(k).is_some_and(|t| t != v));
        (same_platform && !other_email && !other_id).then_some(*one)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_convert_exactly_and_round_once() {
        let (n, d) = parse_rate("1.08").unwrap();
        assert_eq!(
            convert(Money::from_cents(4900), n, d).unwrap().cents(),
            5292
        );
        assert_eq!(convert(Money::from_cents(5), n, d).unwrap().cents(), 5);
        assert_eq!(
            convert(Money::from_cents(-1000), n, d).unwrap().cents(),
            -1080
        );
        let (n, d) = parse_rate("0.5").unwrap();
        assert_eq!(convert(Money::from_cents(1), n, d).unwrap().cents(), 1);
        assert!(parse_rate("1,08").is_err());
        assert!(parse_rate("0").is_err());
        assert!(parse_rate("-2").is_err());
    }
}
