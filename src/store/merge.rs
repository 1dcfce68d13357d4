//! Three-way merge of stores by record: two versions that both changed since a common one (the
//! dashboard's unsaved edits and what another program wrote meanwhile; two clones of a store in
//! git) become one, losing neither side's work.
//!
//! - A record changed on one side only takes that side's version.
//! - A record changed on both sides is merged field by field: a field changed on one side takes
//!   that side's value; a field changed on both to different values is a conflict, settled by
//!   the [`Policy`].
//! - An edit beats a deletion, and a contact deleted on one side but still named by the other
//!   (an interaction logged with them meanwhile) is kept: nothing is silently lost.

use serde_json::{Map, Value};

use super::diff::{Delta, diff};
use super::line::{Line, fields, value_text};
use super::model::{Contact, Interaction, Investment, Settings, Standup, Store};
use super::record::{Key, Record};
use crate::hash::{FxMap, FxSet};

/// How a field changed to different values on both sides is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// The version written last wins (its record's `updated`); equal moments take the greater
    /// value, so the result does not depend on which side is which.
    Newer,
    /// Ours is kept for now, and the conflict is listed for a person to settle.
    Ask,
}

/// A field both sides changed, to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// `contact`, `interaction`, `investment`, `standup` or `settings`.
    pub record: &'static str,
    pub key: Option<Key>,
    /// What the record is, for people (`Ada Lovelace`, `call with Ada on 2026-11-20`).
    pub label: String,
    pub field: String,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
    /// Which value the merged store holds.
    pub took_theirs: bool,
}

impl Conflict {
    /// A value as the store file writes it, `(none)` for a field left out.
    pub fn show(v: &Option<Value>) -> String {
        v.as_ref().map_or_else(|| "(none)".to_string(), value_text)
    }
}

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merged {
    /// Their changes taken as they were.
    pub taken: usize,
    /// Records both sides changed, merged field by field.
    pub combined: usize,
    pub conflicts: Vec<Conflict>,
    /// What was settled by the rules, in words (an edit kept over a deletion).
    pub notes: Vec<String>,
}

/// Their changes since `base` (as lines, as `diff` writes them) merged into `ours`, which
/// changed since `base` too.
pub fn merge_into(base: &Store, ours: &mut Store, theirs: Vec<Line>, policy: Policy) -> Merged {
    let mine = Delta::between(base, ours);
    let their = Delta::of_lines(theirs);
    let mut m = Merged::default();
    let mut out: Vec<Line> = Vec::new();
    let names = Names::of(base, ours);
    if let Some(t) = their.settings {
        match &mine.settings {
            None => {
                m.taken += 1;
                out.push(Line::Settings(t));
            }
            Some(o) if *o == t => {}
            Some(o) => {
                let mut conflicts = Vec::new();
                let merged = combine(
                    Some(&base.settings),
                    o,
                    &t,
                    (None, None),
                    policy,
                    &mut conflicts,
                );
                for mut c in conflicts {
                    c.record = "settings";
                    c.label = "settings".into();
                    m.conflicts.push(c);
                }
                m.combined += 1;
                out.push(Line::Settings(merged));
            }
        }
    }
    // The common versions of the records both sides changed, for the field-by-field merge.
    let base_contacts = common_versions(&base.contacts, &mine.contacts, &their.contacts);
    let base_interactions =
        common_versions(&base.interactions, &mine.interactions, &their.interactions);
    let d = &mine.deleted;
    out.extend(one_type(
        &base_contacts,
        &mine.contacts,
        d,
        their.contacts,
        policy,
        &names,
        &mut m,
    ));
    out.extend(one_type(
        &base_interactions,
        &mine.interactions,
        d,
        their.interactions,
        policy,
        &names,
        &mut m,
    ));
    out.extend(one_type(
        &base.investments,
        &mine.investments,
        d,
        their.investments,
        policy,
        &names,
        &mut m,
    ));
    out.extend(one_type(
        &base.standups,
        &mine.standups,
        d,
        their.standups,
        policy,
        &names,
        &mut m,
    ));
    out.extend(deletions(&mine, &their.deleted, ours, &mut m));
    super::diff::apply(ours, out);
    keep_named_contacts(base, ours, &mut m);
    m
}

/// The versions in `list` of the records both sides changed: a pass over the list only when
/// there are any.
fn common_versions<T: Record>(
    list: &super::Blocks<T>,
    mine: &FxMap<Key, T>,
    theirs: &FxMap<Key, T>,
) -> Vec<T> {
    let both: FxSet<Key> = mine
        .keys()
        .filter(|k| theirs.contains_key(*k))
        .copied()
        .collect();
    if both.is_empty() {
        return Vec::new();
    }
    list.iter()
        .filter(|r| both.contains(&r.key()))
        .cloned()
        .collect()
}

/// Contacts' names, for the labels of conflicts.
struct Names(FxMap<uuid::Uuid, String>);

impl Names {
    fn of(base: &Store, ours: &Store) -> Names {
        let mut m = FxMap::default();
        for c in base.contacts.iter().chain(ours.contacts.iter()) {
            m.insert(c.id, crate::sanitize::line(&c.name).into_owned());
        }
        Names(m)
    }

    fn name(&self, id: uuid::Uuid) -> &str {
        self.0.get(&id).map_or("someone", String::as_str)
    }
}

/// How a record is named in a conflict.
trait Labelled: Record {
    fn label(&self, names: &Names) -> String;
    fn line(self) -> Line;
}

impl Labelled for Contact {
    fn label(&self, _: &Names) -> String {
        crate::sanitize::line(&self.name).into_owned()
    }
    fn line(self) -> Line {
        Line::Contact(self)
    }
}

impl Labelled for Interaction {
    fn label(&self, names: &Names) -> String {
        format!(
            "{} with {} on {}",
            self.kind,
            names.name(self.contact),
            self.at.date
        )
    }
    fn line(self) -> Line {
        Line::Interaction(self)
    }
}

impl Labelled for Investment {
    fn label(&self, _: &Names) -> String {
        format!("{} investment on {}", self.kind, self.date)
    }
    fn line(self) -> Line {
        Line::Investment(self)
    }
}

impl Labelled for Standup {
    fn label(&self, _: &Names) -> String {
        format!("standup of {}", self.date)
    }
    fn line(self) -> Line {
        Line::Standup(self)
    }
}

/// Merges one type's changes: the lines that bring theirs into ours. `base_list` holds at
/// least the common versions of the records both sides changed.
fn one_type<T: Labelled>(
    base_list: &[T],
    mine: &FxMap<Key, T>,
    mine_deleted: &FxSet<Key>,
    theirs: FxMap<Key, T>,
    policy: Policy,
    names: &Names,
    m: &mut Merged,
) -> Vec<Line> {
    let base: FxMap<Key, &T> = base_list.iter().map(|r| (r.key(), r)).collect();
    let mut theirs: Vec<(Key, T)> = theirs.into_iter().collect();
    theirs.sort_unstable_by_key(|(k, _)| *k);
    let mut lines = Vec::new();
    for (key, t) in theirs {
        if mine_deleted.contains(&key) {
            m.notes.push(format!(
                "kept {}: deleted on one side, changed on the other",
                t.label(names)
            ));
            lines.push(t.line());
            continue;
        }
        let Some(o) = mine.get(&key) else {
            m.taken += 1;
            lines.push(t.line());
            continue;
        };
        if o.same(&t) {
            // The same change on both sides: it was last written when the later one was.
            if t.updated() > o.updated() {
                lines.push(t.line());
            }
            continue;
        }
        let mut conflicts = Vec::new();
        let merged = combine(
            base.get(&key).copied(),
            o,
            &t,
            (o.updated(), t.updated()),
            policy,
            &mut conflicts,
        );
        let label = o.label(names);
        for mut c in conflicts {
            c.record = T::TYPE;
            c.key = Some(key);
            c.label = label.clone();
            m.conflicts.push(c);
        }
        m.combined += 1;
        lines.push(merged.line());
    }
    lines
}

/// Their deletions: taken, unless ours changed the record (an edit beats a deletion).
fn deletions(
    mine: &super::diff::Delta,
    theirs: &FxSet<Key>,
    ours: &Store,
    m: &mut Merged,
) -> Vec<Line> {
    let mut keys: Vec<&Key> = theirs.iter().collect();
    keys.sort_unstable();
    let mut lines = Vec::new();
    for key in keys {
        if mine.deleted.contains(key) {
            continue;
        }
        if mine.touches(key) {
            let what = match key {
                Key::Id(id) => ours
                    .contact(*id)
                    .map(|c| crate::sanitize::line(&c.name).into_owned())
                    .unwrap_or_else(|| "a record".into()),
                Key::Standup(day) => format!("the standup of {day}"),
            };
            m.notes.push(format!(
                "kept {what}: deleted on one side, changed on the other"
            ));
            continue;
        }
        m.taken += 1;
        lines.push(Line::Deleted(super::line::Deleted::of(*key, None)));
    }
    lines
}

/// `ours` and `theirs`, both changed from `base`, merged field by field; conflicts settled by
/// `policy` and listed in `conflicts` (record, key and label left for the caller to fill in).
fn combine<T: serde::Serialize + serde::de::DeserializeOwned + Clone>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    (ours_at, theirs_at): (super::Updated, super::Updated),
    policy: Policy,
    conflicts: &mut Vec<Conflict>,
) -> T {
    let b = base.map(fields).unwrap_or_default();
    let o = fields(ours);
    let t = fields(theirs);
    let mut out: Map<String, Value> = o.clone();
    let mut names: Vec<&String> = o.keys().chain(t.keys()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        if name == "updated" {
            continue;
        }
        let (bv, ov, tv) = (b.get(name), o.get(name), t.get(name));
        if ov == tv || tv == bv {
            continue;
        }
        let take_theirs = if ov == bv {
            true
        } else {
            let theirs_wins = match policy {
                Policy::Ask => false,
                Policy::Newer => match theirs_at.cmp(&ours_at) {
                    std::cmp::Ordering::Greater => true,
                    std::cmp::Ordering::Less => false,
                    std::cmp::Ordering::Equal => {
                        let show = |v: Option<&Value>| v.map(value_text).unwrap_or_default();
                        show(tv) > show(ov)
                    }
                },
            };
            conflicts.push(Conflict {
                record: "",
                key: None,
                label: String::new(),
                field: name.clone(),
                ours: ov.cloned(),
                theirs: tv.cloned(),
                took_theirs: theirs_wins,
            });
            theirs_wins
        };
        if take_theirs {
            match tv {
                Some(v) => {
                    out.insert(name.clone(), v.clone());
                }
                None => {
                    out.remove(name);
                }
            }
        }
    }
    let newest = ours_at.max(theirs_at);
    match newest {
        Some(at) => {
            out.insert("updated".into(), Value::String(at.to_string()));
        }
        None => {
            out.remove("updated");
        }
    }
    serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| ours.clone())
}

/// Puts back a contact one side deleted while the other still names them (an interaction,
/// investment or referral added or kept there): from the common version.
fn keep_named_contacts(base: &Store, ours: &mut Store, m: &mut Merged) {
    let present: FxSet<uuid::Uuid> = ours.contacts.iter().map(|c| c.id).collect();
    if present.len() == ours.contacts.len()
        && ours
            .interactions
            .iter()
            .all(|x| present.contains(&x.contact))
        && ours
            .investments
            .iter()
            .all(|i| i.contact.is_none_or(|c| present.contains(&c)))
        && ours
            .contacts
            .iter()
            .all(|c| c.referred_by.is_none_or(|r| present.contains(&r)))
    {
        return;
    }
    let named: FxSet<uuid::Uuid> = ours
        .interactions
        .iter()
        .map(|x| x.contact)
        .chain(ours.investments.iter().filter_map(|i| i.contact))
        .chain(ours.contacts.iter().filter_map(|c| c.referred_by))
        .filter(|id| !present.contains(id))
        .collect();
    let mut back = Vec::new();
    for id in named {
        if let Some(c) = base.contact(id) {
            m.notes.push(format!(
                "kept {}: deleted on one side, but the other still refers to them",
                crate::sanitize::line(&c.name)
            ));
            back.push(Line::Contact(c.clone()));
        }
    }
    super::diff::apply(ours, back);
}

/// Sets `field` of the record `key` of type `record` in `store` to `value` (`None`: left out),
/// as a person settling a conflict chose. Returns whether the record was found and took it.
pub fn set_field(
    store: &mut Store,
    record: &str,
    key: Option<Key>,
    field: &str,
    value: Option<&Value>,
) -> bool {
    fn with<T: Record>(r: &T, field: &str, value: Option<&Value>) -> Option<T> {
        let mut f = fields(r);
        match value {
            Some(v) => f.insert(field.to_string(), v.clone()),
            None => f.remove(field),
        };
        serde_json::from_value(Value::Object(f)).ok()
    }
    let line = match (record, key) {
        ("settings", _) => {
            let mut f = fields(&store.settings);
            match value {
                Some(v) => f.insert(field.to_string(), v.clone()),
                None => f.remove(field),
            };
            serde_json::from_value::<Settings>(Value::Object(f))
                .ok()
                .map(Line::Settings)
        }
        ("contact", Some(Key::Id(id))) => store
            .contact(id)
            .and_then(|r| with(r, field, value))
            .map(Line::Contact),
        ("interaction", Some(Key::Id(id))) => store
            .interaction_position(id, None)
            .and_then(|i| with(&store.interactions[i], field, value))
            .map(Line::Interaction),
        ("investment", Some(Key::Id(id))) => store
            .investments
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| with(r, field, value))
            .map(Line::Investment),
        ("standup", Some(Key::Standup(day))) => store
            .standups
            .iter()
            .find(|r| r.date == day)
            .and_then(|r| with(r, field, value))
            .map(Line::Standup),
        _ => None,
    };
    match line {
        Some(l) => {
            super::diff::apply(store, [l]);
            true
        }
        None => false,
    }
}

/// Merges three whole stores, as git's merge driver does: `ours` with what `theirs` changed
/// since `base`, a field changed on both sides taking the version written last.
pub fn merge_stores(base: &Store, ours: &Store, theirs: &Store) -> (Store, Merged) {
    let mut out = ours.clone();
    let merged = merge_into(base, &mut out, diff(base, theirs, None), Policy::Newer);
    (out, merged)
}
