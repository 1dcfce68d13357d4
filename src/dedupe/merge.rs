//! Merging contacts that are one person: the survivor keeps its id; the others' interactions,
//! investments and the contacts they referred move to it; for each field whose values differ
//! the person merging picks one (the defaults: the survivor's value unless it is empty, then the
//! first non-empty one; the oldest `created`; notes joined; tags always joined). The same plan
//! serves the dashboard's merge overlay and `ror-tui merge-contacts`.

use uuid::Uuid;

use crate::store::{Contact, Source, Store};

/// A contact field a merge may have to choose for. Tags are not here: they are always joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Handle,
    Email,
    Organisation,
    Source,
    ReferredBy,
    Cadence,
    Team,
    Created,
    Notes,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::Handle,
        Field::Email,
        Field::Organisation,
        Field::Source,
        Field::ReferredBy,
        Field::Cadence,
        Field::Team,
        Field::Created,
        Field::Notes,
    ];

    /// The field's name as the store and `--take` spell it.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Handle => "handle",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::Source => "source",
            Field::ReferredBy => "referred_by",
            Field::Cadence => "cadence_days",
            Field::Team => "is_team",
            Field::Created => "created",
            Field::Notes => "notes",
        }
    }

    pub fn from_key(s: &str) -> Option<Field> {
        let s = s.trim().to_ascii_lowercase();
        let s = match s.as_str() {
            "organization" | "org" => "organisation",
            "cadence" => "cadence_days",
            "team" => "is_team",
            "referrer" => "referred_by",
            other => other,
        };
        Field::ALL.into_iter().find(|f| f.key() == s)
    }

    /// The field's value in `c`, as shown (empty for none); `store` names a referrer.
    pub fn show(self, c: &Contact, store: &Store) -> String {
        match self {
            Field::Name => c.name.clone(),
            Field::Handle => c.handle.clone().unwrap_or_default(),
            Field::Email => c.email.clone().unwrap_or_default(),
            Field::Organisation => c.organisation.clone().unwrap_or_default(),
            Field::Source => c.source.to_string(),
            Field::ReferredBy => c
                .referred_by
                .map(|r| {
                    store
                        .contact(r)
                        .map_or_else(|| r.to_string(), |r| r.name.clone())
                })
                .unwrap_or_default(),
            Field::Cadence => c.cadence_days.map(|d| format!("{d}d")).unwrap_or_default(),
            Field::Team => if c.is_team { "team" } else { "" }.to_string(),
            Field::Created => c.created.to_string(),
            Field::Notes => c.notes.clone(),
        }
    }

    /// Whether `c` has nothing in this field (the default source counts as nothing).
    fn is_empty(self, c: &Contact) -> bool {
        match self {
            Field::Source => c.source == Source::default(),
            Field::Team => !c.is_team,
            Field::Created => false,
            _ => self.show_plain(c).trim().is_empty(),
        }
    }

    /// [`Field::show`] without the store, for the fields that do not need it.
    fn show_plain(self, c: &Contact) -> String {
        match self {
            Field::ReferredBy => c.referred_by.map(|r| r.to_string()).unwrap_or_default(),
            _ => self.show(c, &Store::default()),
        }
    }

    /// Copies this field from `from` into `to`.
    fn copy(self, from: &Contact, to: &mut Contact) {
        match self {
            Field::Name => to.name = from.name.clone(),
            Field::Handle => to.handle = from.handle.clone(),
            Field::Email => to.email = from.email.clone(),
            Field::Organisation => to.organisation = from.organisation.clone(),
            Field::Source => to.source = from.source,
            Field::ReferredBy => to.referred_by = from.referred_by,
            Field::Cadence => to.cadence_days = from.cadence_days,
            Field::Team => to.is_team = from.is_team,
            Field::Created => to.created = from.created,
            Field::Notes => to.notes = from.notes.clone(),
        }
    }
}

/// One value a field may take in the merged contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// The value of the merged contact at this position (0 is the survivor).
    From(usize),
    /// Every contact's notes, one after another (notes only).
    Joined,
}

/// A field whose values differ among the contacts merged, and the value chosen for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub field: Field,
    /// The distinct values, in the order of the contacts (then "joined" for notes).
    pub options: Vec<Pick>,
    /// Which of `options` the merge takes.
    pub chosen: usize,
}

/// A merge as planned: who survives, who goes into it, what moves and what is chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The survivor first, then the contacts merged into it.
    pub members: Vec<Contact>,
    pub choices: Vec<Choice>,
    /// Interactions, investments and contacts referred that move to the survivor.
    pub interactions: usize,
    pub investments: usize,
    pub referrals: usize,
}

impl Plan {
    /// Plans merging `others` into `keep`. Refused: a contact named twice, one not in the store,
    /// or nothing to merge.
    pub fn new(store: &Store, keep: Uuid, others: &[Uuid]) -> Result<Plan, String> {
        if others.is_empty() {
            return Err("name at least one contact to merge into the first".into());
        }
        let mut ids = vec![keep];
        for id in others {
            if ids.contains(id) {
                let who = store.contact(*id).map_or_else(|| id.to_string(), describe);
                return Err(format!("{who} is named twice"));
            }
            ids.push(*id);
        }
        let members: Vec<Contact> = ids
            .iter()
            .map(|id| {
                store
                    .contact(*id)
                    .cloned()
                    .ok_or_else(|| format!("no contact has the id {id}"))
            })
            .collect::<Result<_, _>>()?;
        let gone = &ids[1..];
        let interactions = store
            .interactions
            .iter()
            .filter(|x| gone.contains(&x.contact))
            .count();
        let investments = store
            .investments
            .iter()
            .filter(|i| i.contact.is_some_and(|c| gone.contains(&c)))
            .count();
        let referrals = store
            .contacts
            .iter()
            .filter(|c| !ids.contains(&c.id))
            .filter(|c| c.referred_by.is_some_and(|r| gone.contains(&r)))
            .count();
        let choices = Field::ALL
            .into_iter()
            .filter_map(|f| choice(f, &members, &ids))
            .collect();
        Ok(Plan {
            members,
            choices,
            interactions,
            investments,
            referrals,
        })
    }

    pub fn keep(&self) -> Uuid {
        self.members[0].id
    }

    /// The contacts merged into the survivor.
    pub fn others(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.members[1..].iter().map(|c| c.id)
    }

    /// Chooses option `option` of `field`; false when the field has no such choice.
    pub fn choose(&mut self, field: Field, option: usize) -> bool {
        match self.choices.iter_mut().find(|c| c.field == field) {
            Some(c) if option < c.options.len() => {
                c.chosen = option;
                true
            }
            _ => false,
        }
    }

    /// Chooses, for `field`, the value of the member at `position` (0 is the survivor); false
    /// when that member's value is not one of the field's options (it is the same as another's,
    /// or the field does not differ).
    pub fn take_from(&mut self, field: Field, position: usize) -> bool {
        let Some(c) = self.choices.iter_mut().find(|c| c.field == field) else {
            return false;
        };
        match c.options.iter().position(|p| *p == Pick::From(position)) {
            Some(i) => {
                c.chosen = i;
                true
            }
            None => false,
        }
    }

    /// A value of a choice, as shown.
    pub fn show(&self, choice: &Choice, pick: Pick, store: &Store) -> String {
        match pick {
            Pick::From(i) => choice.field.show(&self.members[i], store),
            Pick::Joined => joined_notes(&self.members),
        }
    }

    /// The survivor as it will be: its own record with the chosen values, every member's tags,
    /// and no referrer among the merged.
    pub fn survivor(&self) -> Contact {
        let mut out = self.members[0].clone();
        for c in &self.choices {
            match c.options[c.chosen] {
                Pick::From(i) => c.field.copy(&self.members[i], &mut out),
                Pick::Joined => out.notes = joined_notes(&self.members),
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for t in self.members.iter().flat_map(|m| &m.tags) {
            if !tags.iter().any(|k| k.eq_ignore_ascii_case(t)) {
                tags.push(t.clone());
            }
        }
        out.tags = tags;
        // Identities are joined too: the survivor is each of them on its platform (the kept
        // contact's own first, where two differ).
        for m in &self.members[1..] {
            for (k, v) in &m.identities {
                out.identities.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        if out
            .referred_by
            .is_some_and(|r| self.members.iter().any(|m| m.id == r))
        {
            out.referred_by = None;
        }
        out
    }

    /// Makes the merge in `store`: the survivor as [`Plan::survivor`] says, everything that
    /// pointed to a merged contact pointing to it, the merged contacts gone. The store stays in
    /// canonical order.
    pub fn apply(&self, store: &mut Store) {
        let keep = self.keep();
        let gone: Vec<Uuid> = self.others().collect();
        let survivor = self.survivor();
        store
            .interactions
            .modify_where(|x| gone.contains(&x.contact), |x| x.contact = keep);
        for inv in &mut store.investments {
            if inv.contact.is_some_and(|c| gone.contains(&c)) {
                inv.contact = Some(keep);
            }
        }
        store.contacts.modify_where(
            |c| c.referred_by.is_some_and(|r| gone.contains(&r)),
            |c| c.referred_by = Some(keep),
        );
        // A standup's commitment to one of them is to the survivor; one per person, the
        // first kept.
        for st in &mut store.standups {
            if !st.commitments.iter().any(|c| gone.contains(&c.contact)) {
                continue;
            }
            let mut seen = false;
            st.commitments.retain_mut(|c| {
                if c.contact == keep || gone.contains(&c.contact) {
                    c.contact = keep;
                    !std::mem::replace(&mut seen, true)
                } else {
                    true
                }
            });
        }
        store.contacts.retain(|c| !gone.contains(&c.id));
        let at = store.contact_position(keep);
        store.place_contact(at, Some(survivor));
    }

    /// `moves 3 interactions, 1 investment and 2 referrals` (or `moves nothing else`).
    pub fn moves(&self) -> String {
        let count = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        let parts: Vec<String> = [
            (self.interactions, "interaction"),
            (self.investments, "investment"),
            (self.referrals, "referral"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, one)| count(n, one))
        .collect();
        match parts.as_slice() {
            [] => "moves nothing else".into(),
            [one] => format!("moves {one}"),
            [first @ .., last] => format!("moves {} and {last}", first.join(", ")),
        }
    }
}

/// The choice for `field`, when the members' values differ.
fn choice(field: Field, members: &[Contact], ids: &[Uuid]) -> Option<Choice> {
    let mut options: Vec<Pick> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        // A referrer among the merged would make the survivor refer itself.
        if field == Field::ReferredBy && m.referred_by.is_some_and(|r| ids.contains(&r)) {
            continue;
        }
        let v = field.show_plain(m);
        if !seen.contains(&v) {
            seen.push(v);
            options.push(Pick::From(i));
        }
    }
    if options.len() < 2 {
        return None;
    }
    let non_empty: Vec<usize> = options
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Pick::From(i) if !field.is_empty(&members[*i])))
        .map(|(o, _)| o)
        .collect();
    let chosen = match field {
        Field::Created => options
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| match p {
                Pick::From(i) => members[*i].created,
                Pick::Joined => jiff::civil::Date::MAX,
            })
            .map_or(0, |(o, _)| o),
        Field::Notes if non_empty.len() > 1 => {
            options.push(Pick::Joined);
            options.len() - 1
        }
        _ => non_empty.first().copied().unwrap_or(0),
    };
    Some(Choice {
        field,
        options,
        chosen,
    })
}

/// Every member's notes that has any, one paragraph each.
fn joined_notes(members: &[Contact]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for m in members {
        let n = m.notes.trim();
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    out.join("\n\n")
}

fn describe(c: &Contact) -> String {
    crate::cli::contacts::describe_apart(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Interaction, Investment, InvestmentKind, Kind, Moment, Money};
    use jiff::civil::date;

    /// Ada twice (an import made a second one), and Grace, whom the second Ada referred.
    fn store() -> (Store, Uuid, Uuid, Uuid) {
        let mut s = Store::default();
        let mut ada = Contact::new("Ada Lovelace", date(2026, 2, 1));
        ada.handle = Some("ada".into());
        ada.tags = vec!["beta".into()];
        let mut ada2 = Contact::new("Ada Lovelace", date(2025, 6, 1));
        ada2.email = Some("ada@example.org".into());
        ada2.tags = vec!["Beta".into(), "speaker".into()];
        ada2.notes = "Met at the meetup".into();
        ada.identities
            .insert("linkedin".into(), "https://www.linkedin.com/in/ada".into());
        ada2.identities.insert(
            "linkedin".into(),
            "https://www.linkedin.com/in/other".into(),
        );
        ada2.identities.insert("slack".into(), "U02".into());
        let mut grace = Contact::new("Grace Hopper", date(2026, 3, 1));
        grace.referred_by = Some(ada2.id);
        let (a, b, g) = (ada.id, ada2.id, grace.id);
        s.contacts = vec![ada, ada2, grace].into();
        for (who, day) in [(a, 3), (b, 4), (b, 5), (g, 6)] {
            s.interactions.push(Interaction::new(
                who,
                Moment::day(date(2026, 3, day)),
                "slack",
                Kind::Message,
            ));
        }
        s.investments.push(Investment {
            id: crate::store::new_id(),
            date: date(2026, 3, 1),
            contact: Some(b),
            kind: InvestmentKind::Gift,
            amount: Money::from_cents(2500),
            acquisition: false,
            note: String::new(),
            updated: None,
        });
        s.sort_canonical();
        (s, a, b, g)
    }

    #[test]
    fn everything_moves_to_the_survivor_and_the_defaults_keep_what_is_known() {
        let (mut s, a, b, g) = store();
        let plan = Plan::new(&s, a, &[b]).unwrap();
        assert_eq!(
            (plan.interactions, plan.investments, plan.referrals),
            (2, 1, 1)
        );
        assert_eq!(
            plan.moves(),
            "moves 2 interactions, 1 investment and 1 referral"
        );
        let fields: Vec<Field> = plan.choices.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![Field::Handle, Field::Email, Field::Created, Field::Notes],
            "the name is the same; the rest differ"
        );
        plan.apply(&mut s);
        assert_eq!(s.contacts.len(), 2);
        let ada = s.contact(a).unwrap();
        assert_eq!(ada.handle.as_deref(), Some("ada"), "the survivor's own");
        assert_eq!(
            ada.email.as_deref(),
            Some("ada@example.org"),
            "the non-empty one"
        );
        assert_eq!(ada.created, date(2025, 6, 1), "the older created");
        assert_eq!(ada.notes, "Met at the meetup");
        assert_eq!(
            ada.tags,
            vec!["beta", "speaker"],
            "joined, without case twins"
        );
        assert_eq!(
            ada.identities
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
            ["linkedin=https://www.linkedin.com/in/ada", "slack=U02"],
            "identities joined, the survivor's own first"
        );
        assert!(s.interactions.iter().take(3).all(|x| x.contact == a));
        assert_eq!(s.investments[0].contact, Some(a));
        assert_eq!(s.contact(g).unwrap().referred_by, Some(a));
        assert!(
            s.is_canonical(),
            "the survivor moved to where its new created puts it"
        );
    }

    /// A standup picked both Adas (one from each list) and Grace: the survivor keeps one
    /// commitment, the first made; another standup's commitment to the second Ada moves.
    #[test]
    fn standup_commitments_move_to_the_survivor_once_per_standup() {
        use crate::store::{CommitReason, Commitment, Standup};
        let (mut s, a, b, g) = store();
        let commit = |contact, reason, intent: &str| Commitment {
            contact,
            reason,
            intent: intent.into(),
            feedback: None,
        };
        let mut first = Standup::new(date(2026, 3, 10), Default::default());
        first.commitments = vec![
            commit(b, CommitReason::AtRisk, "call her"),
            commit(g, CommitReason::NewAdvocate, ""),
            commit(a, CommitReason::StayInTouch, "coffee"),
        ];
        let mut second = Standup::new(date(2026, 3, 17), Default::default());
        second.commitments = vec![commit(b, CommitReason::Feedback, "")];
        s.standups = vec![first, second];
        Plan::new(&s, a, &[b]).unwrap().apply(&mut s);
        assert_eq!(
            s.standups[0].commitments,
            [
                commit(a, CommitReason::AtRisk, "call her"),
                commit(g, CommitReason::NewAdvocate, ""),
            ]
        );
        assert_eq!(
            s.standups[1].commitments,
            [commit(a, CommitReason::Feedback, "")]
        );
    }

    #[test]
    fn a_choice_takes_the_other_value_and_a_referrer_among_the_merged_is_dropped() {
        let (mut s, a, b, _) = store();
        // The first Ada says the second referred her: after the merge that would be herself.
        s.contacts
            .modify_where(|c| c.id == a, |c| c.referred_by = Some(b));
        let mut plan = Plan::new(&s, a, &[b]).unwrap();
        assert!(
            plan.take_from(Field::Handle, 1),
            "the second Ada's empty handle"
        );
        assert!(!plan.take_from(Field::Name, 1), "the name does not differ");
        let survivor = plan.survivor();
        assert_eq!(survivor.handle, None);
        assert_eq!(survivor.referred_by, None);
    }

    #[test]
    fn bad_requests_are_refused_with_a_reason() {
        let (s, a, b, _) = store();
        assert!(Plan::new(&s, a, &[]).is_err());
        assert!(
            Plan::new(&s, a, &[b, b])
                .unwrap_err()
                .contains("named twice")
        );
        assert!(Plan::new(&s, a, &[a]).unwrap_err().contains("named twice"));
        assert!(
            Plan::new(&s, a, &[Uuid::nil()])
                .unwrap_err()
                .contains("no contact")
        );
    }

    #[test]
    fn notes_of_both_are_joined_by_default() {
        let (mut s, a, b, _) = store();
        s.contacts
            .modify_where(|c| c.id == a, |c| c.notes = "Speaker 2025".into());
        let plan = Plan::new(&s, a, &[b]).unwrap();
        assert_eq!(plan.survivor().notes, "Speaker 2025\n\nMet at the meetup");
    }
}
