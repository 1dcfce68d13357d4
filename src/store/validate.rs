//! Checks a parsed store for what JSON types alone cannot: ranges, unique ids, references that
//! point somewhere. Every problem is reported, with where to find it, so `ror-tui check` can list
//! them all at once instead of making the user fix one and run again.

use std::fmt;

use uuid::Uuid;

use super::Blocks;
use super::model::{Interaction, MAX_WEIGHT, SCHEMA_VERSION, Store};
use super::money::MAX_CENTS;
use crate::hash::FxSet;

/// One thing wrong in a store, located by record and (when the text is at hand) by line.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// e.g. `interactions[41]`.
    pub record: String,
    /// The record's id, used to find its line in the file.
    pub id: Option<Uuid>,
    pub field: &'static str,
    pub message: String,
    /// 1-based line of the record in the file, filled in by [`locate`].
    pub line: Option<usize>,
}

impl Problem {
    fn new(record: String, id: Option<Uuid>, field: &'static str, message: String) -> Problem {
        Problem {
            record,
            id,
            field,
            message,
            line: None,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "{}", self.record)?;
        if !self.field.is_empty() {
            write!(f, ".{}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Returns every problem found; an empty list means the store is sound.
pub fn validate(store: &Store) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |record: String, id: Option<Uuid>, field: &'static str, message: String| {
        out.push(Problem::new(record, id, field, message));
    };

    if store.schema == 0 || store.schema > SCHEMA_VERSION {
        push(
            "store".into(),
            None,
            "schema",
            format!("unsupported schema {}", store.schema),
        );
    }
    let s = &store.settings;
    if s.churn_days == 0 {
        push(
            "settings".into(),
            None,
            "churn_days",
            "must be at least 1 day".into(),
        );
    }
    if s.at_risk_days == 0 || s.at_risk_days >= s.churn_days.max(1) {
        push(
            "settings".into(),
            None,
            "at_risk_days",
            format!(
                "{} must be at least 1 and below churn_days ({})",
                s.at_risk_days, s.churn_days
            ),
        );
    }
    for (kind, w) in &s.weights {
        if !(1..=MAX_WEIGHT).contains(w) {
            push(
                "settings".into(),
                None,
                "weights",
                format!("weight of {kind} is {w}, expected 1-{MAX_WEIGHT}"),
            );
        }
    }

    let mut contact_ids = FxSet::with_capacity_and_hasher(store.contacts.len(), Default::default());
    for (i, c) in store.contacts.iter().enumerate() {
        let rec = || format!("contacts[{i}]");
        if !contact_ids.insert(c.id) {
            push(rec(), Some(c.id), "id", format!("duplicate id {}", c.id));
        }
        if c.name.trim().is_empty() {
            push(rec(), Some(c.id), "name", "is empty".into());
        } else if crate::sanitize::line(&c.name).trim().is_empty() {
            // Shown blank everywhere, since escape sequences and controls are never shown.
            push(
                rec(),
                Some(c.id),
                "name",
                "has nothing to show: only escape sequences, control or direction characters"
                    .into(),
            );
        }
        if c.cadence_days == Some(0) {
            push(
                rec(),
                Some(c.id),
                "cadence_days",
                "must be at least 1 day".into(),
            );
        }
    }
    for (i, c) in store.contacts.iter().enumerate() {
        if let Some(r) = c.referred_by {
            if r == c.id {
                push(
                    format!("contacts[{i}]"),
                    Some(c.id),
                    "referred_by",
                    "refers to itself".into(),
                );
            } else if !contact_ids.contains(&r) {
                push(
                    format!("contacts[{i}]"),
                    Some(c.id),
                    "referred_by",
                    format!("no contact has id {r}"),
                );
            }
        }
    }

    // Duplicate ids need one set of every id, the other checks only look at each record: a
    // second core does the first while this one does the rest (a tenth of a large store's load).
    let xs = &store.interactions;
    let ((duplicates, interaction_ids), others) = std::thread::scope(|s| {
        let duplicates = s.spawn(|| duplicate_interactions(xs, &contact_ids));
        let others = interaction_problems(xs, &contact_ids);
        (duplicates.join().expect("the duplicate check"), others)
    });
    // In record order, a record's duplicate id before its other problems.
    let mut duplicates = duplicates.into_iter().peekable();
    for (i, p) in others {
        while let Some((_, dup)) = duplicates.next_if(|(d, _)| *d <= i) {
            out.push(dup);
        }
        out.push(p);
    }
    out.extend(duplicates.map(|(_, p)| p));
    let mut push = |record: String, id: Option<Uuid>, field: &'static str, message: String| {
        out.push(Problem::new(record, id, field, message));
    };

    let mut inv_ids = FxSet::with_capacity_and_hasher(store.investments.len(), Default::default());
    for (i, inv) in store.investments.iter().enumerate() {
        let rec = || format!("investments[{i}]");
        let id = Some(inv.id);
        if !inv_ids.insert(inv.id) {
            push(rec(), id, "id", format!("duplicate id {}", inv.id));
        } else if contact_ids.contains(&inv.id) || interaction_ids.contains(&inv.id) {
            push(
                rec(),
                id,
                "id",
                format!("id {} is another record's too", inv.id),
            );
        }
        if let Some(c) = inv.contact
            && !contact_ids.contains(&c)
        {
            push(rec(), id, "contact", format!("no contact has id {c}"));
        }
        if !(0..=MAX_CENTS).contains(&inv.amount.cents()) {
            push(
                rec(),
                id,
                "amount",
                format!("{} is negative or too large", inv.amount),
            );
        }
    }

    let mut days = FxSet::default();
    for (i, st) in store.standups.iter().enumerate() {
        if !days.insert(st.date) {
            push(
                format!("standups[{i}]"),
                None,
                "date",
                format!("second standup on {}", st.date),
            );
        }
        let mut picked = FxSet::default();
        for c in &st.commitments {
            if !picked.insert(c.contact) {
                push(
                    format!("standups[{i}]"),
                    None,
                    "commitments",
                    format!("a second commitment to contact {}", c.contact),
                );
            }
        }
        for (name, v) in &st.figures {
            if !v.is_finite() {
                push(
                    format!("standups[{i}]"),
                    None,
                    "figures",
                    format!("{name} is not a number"),
                );
            }
        }
    }
    out
}

fn problem(i: usize, id: Uuid, field: &'static str, message: String) -> (usize, Problem) {
    let record = format!("interactions[{i}]");
    (i, Problem::new(record, Some(id), field, message))
}

/// Interactions whose id an earlier one (or a contact) already has, by position; and the
/// interactions' ids.
fn duplicate_interactions(
    xs: &Blocks<Interaction>,
    contact_ids: &FxSet<Uuid>,
) -> (Vec<(usize, Problem)>, FxSet<Uuid>) {
    let mut ids = FxSet::with_capacity_and_hasher(xs.len(), Default::default());
    let found = xs
        .iter()
        .enumerate()
        .filter_map(|(i, x)| {
            if !ids.insert(x.id) {
                Some(problem(i, x.id, "id", format!("duplicate id {}", x.id)))
            } else if contact_ids.contains(&x.id) {
                Some(problem(
                    i,
                    x.id,
                    "id",
                    format!("id {} is a contact's too", x.id),
                ))
            } else {
                None
            }
        })
        .collect();
    (found, ids)
}

/// What is wrong with each interaction on its own, or with the contact it names, by position.
fn interaction_problems(
    xs: &Blocks<Interaction>,
    contact_ids: &FxSet<Uuid>,
) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        let mut push = |field, message| out.push(problem(i, x.id, field, message));
        if !contact_ids.contains(&x.contact) {
            push("contact", format!("no contact has id {}", x.contact));
        }
        if x.channel.trim().is_empty() {
            push("channel", "is empty".into());
        }
        if let Some(sent) = x.sentiment
            && !(sent.score.is_finite() && (-1.0..=1.0).contains(&sent.score))
        {
            push("sentiment", format!("{} is outside -1..1", sent.score));
        }
        if let Some(code) = &x.language
            && !(matches!(code.len(), 2 | 3) && code.bytes().all(|b| b.is_ascii_lowercase()))
        {
            push(
                "language",
                format!("`{code}` is not a language code (two letters, as `fr`)"),
            );
        }
        if let Some(n) = x.nps
            && n > 10
        {
            push("nps", format!("{n} is outside 0-10"));
        }
        if let Some(r) = x.rating
            && !(1..=5).contains(&r)
        {
            push("rating", format!("{r} is outside 1-5"));
        }
        if let Some(v) = x.value
            && !(0..=MAX_CENTS).contains(&v.cents())
        {
            push("value", format!("{v} is negative or too large"));
        }
    }
    out
}

/// Fills in each problem's line from the file text by finding where its record's id is declared.
pub fn locate(problems: &mut [Problem], text: &str) {
    for p in problems.iter_mut() {
        let Some(id) = p.id else { continue };
        let needle = id.to_string();
        // The last match wins for duplicates (the second copy is the one reported); for other
        // problems ids are unique as declarations, so any `"id": "<uuid>"` match is the record.
        let mut found = None;
        let mut from = 0;
        while let Some(pos) = text[from..].find(&needle) {
            let at = from + pos;
            let before = text[..at].trim_end_matches([' ', '\t', '\n', '\r', '"']);
            let before = before.strip_suffix(':').unwrap_or(before).trim_end();
            if before.ends_with("\"id\"") {
                found = Some(at);
                if p.field != "id" {
                    break;
                }
            }
            from = at + needle.len();
        }
        p.line = found.map(|at| text[..at].bytes().filter(|b| *b == b'\n').count() + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};

    /// The two halves of the interaction checks come back as one list in record order, each
    /// record's duplicate id before its other problems, as `check` prints them.
    #[test]
    fn problems_come_in_record_order_whichever_half_found_them() {
        let mut store = generate(&GenSpec::scale(20, 200));
        assert_eq!(validate(&store), []);
        let first = store.interactions[0].id;
        store.interactions[10].nps = Some(11);
        store.interactions[40].id = first;
        store.interactions[40].rating = Some(9);
        store.interactions[41].id = first;
        store.interactions[120].channel = " ".into();
        store.interactions[150].language = Some("French".into());
        store.interactions[160].id = store.contacts[3].id;
        store.contacts[5].name = "\u{1b}[31m\u{202e}".into();
        store.interactions[199].id = first;
        let found: Vec<(String, &str)> = validate(&store)
            .into_iter()
            .map(|p| (p.record, p.field))
            .collect();
        let want = [
            (10, "nps"),
            (40, "id"),
            (40, "rating"),
            (41, "id"),
            (120, "channel"),
            (150, "language"),
            (160, "id"),
            (199, "id"),
        ]
        .map(|(i, f)| (format!("interactions[{i}]"), f));
        let contact = ("contacts[5]".to_string(), "name");
        assert_eq!(found, [&[contact][..], &want].concat());
    }

    #[test]
    fn a_standup_commits_to_a_person_once() {
        use crate::store::{CommitReason, Commitment, Standup};
        let mut store = generate(&GenSpec::scale(20, 200));
        let who = store.contacts[2].id;
        let mut st = Standup::new(jiff::civil::date(2026, 3, 3), Default::default());
        let commit = |reason| Commitment {
            contact: who,
            reason,
            intent: String::new(),
            feedback: None,
        };
        st.commitments = vec![commit(CommitReason::AtRisk)];
        store.standups.push(st);
        assert_eq!(validate(&store), []);
        store.standups[0]
            .commitments
            .push(commit(CommitReason::StayInTouch));
        let found: Vec<(String, &str)> = validate(&store)
            .into_iter()
            .map(|p| (p.record, p.field))
            .collect();
        assert_eq!(found, [("standups[0]".to_string(), "commitments")]);
    }
}
