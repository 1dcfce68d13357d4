//! Per-contact figures for the contact page and the contact list.

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::advocates::{Advocacy, ContactRef, advocacy};
use super::churn::{AtRiskReason, Status, at_risk, status};
use super::days::{self, Day};
use super::index::Index;
use super::orbit::{Orbit, orbit};
use super::period::Period;
use super::referrals::referrals_until;
use crate::store::{InvestmentKind, Kind, Money};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContactView {
    pub contact: Uuid,
    pub name: String,
    /// When the contact joined (its creation or first interaction, whichever is earlier).
    pub since: Date,
    pub status: Status,
    pub last_activity: Option<Date>,
    pub days_silent: Option<u32>,
    /// Last interaction in either direction.
    pub last_touch: Option<Date>,
    /// Engagement score (Orbit).
    pub orbit: Orbit,
    pub advocacy: Advocacy,
    pub at_risk: Vec<AtRiskReason>,
    /// Activities in the period.
    pub interactions: u64,
    /// Activities up to the period's end.
    pub interactions_total: u64,
    pub latest_nps: Option<u8>,
    pub revenue: Money,
    pub purchases: u64,
    pub lifetime_revenue: Money,
    pub lifetime_purchases: u64,
    pub invested: Money,
    pub lifetime_invested: Money,
    /// Investments made in this contact up to the period's end, newest first.
    pub investments: Vec<InvestmentRow>,
    /// Referrals made, all time.
    pub referrals: u32,
    pub referred_by: Option<ContactRef>,
    /// Contacts it referred.
    pub referred: Vec<ContactRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InvestmentRow {
    pub date: Date,
    pub kind: InvestmentKind,
    pub amount: Money,
    pub acquisition: bool,
    pub note: String,
}

fn reference(ix: &Index, c: u32) -> ContactRef {
    let p = &ix.contacts[c as usize];
    ContactRef {
        contact: p.id,
        name: p.name.clone(),
        date: Some(days::date(p.since)),
    }
}

/// The contact page of `id` for period `p`; `None` for an unknown contact or a team member.
pub fn contact_view(ix: &Index, id: Uuid, p: &Period) -> Option<ContactView> {
    let c = *ix.by_id.get(&id)? as usize;
    let (from, to) = p.span();
    let person = &ix.contacts[c];
    let last = ix.last_activity(c, to);
    let (mut interactions, mut interactions_total) = (0u64, 0u64);
    let (mut revenue, mut purchases, mut lifetime_revenue, mut lifetime_purchases) =
        (0i64, 0u64, 0i64, 0u64);
    let mut latest_nps = None;
    for e in ix.contact_events_until(c, to) {
        let in_period = e.day >= from;
        if e.activity() {
            interactions_total += 1;
            interactions += u64::from(in_period);
        }
        if e.kind == Kind::Purchase {
            lifetime_revenue += e.cents;
            lifetime_purchases += 1;
            if in_period {
                revenue += e.cents;
                purchases += 1;
            }
        }
        if e.nps().is_some() {
            latest_nps = e.nps();
        }
    }
    let mut investments = Vec::new();
    let (mut invested, mut lifetime_invested) = (0i64, 0i64);
    for s in ix
        .spends
        .iter()
        .filter(|s| s.contact == Some(c as u32) && s.day <= to)
    {
        lifetime_invested += s.cents;
        if s.day >= from {
            invested += s.cents;
        }
        investments.push(InvestmentRow {
            date: days::date(s.day),
            kind: s.kind,
            amount: Money(s.cents),
            acquisition: s.acquisition,
            note: s.note.clone(),
        });
    }
    investments.reverse();
    let mut referred: Vec<ContactRef> = ix
        .referred
        .row(c)
        .iter()
        .map(|&r| reference(ix, r))
        .collect();
    referred.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
    let risk = at_risk(ix, to)
        .into_iter()
        .find(|r| r.contact == id)
        .map(|r| r.reasons)
        .unwrap_or_default();
    Some(ContactView {
        contact: id,
        name: person.name.clone(),
        since: days::date(person.since),
        status: status(ix, c, to),
        last_activity: last.map(days::date),
        days_silent: last.map(|l| (to - l) as u32),
        last_touch: ix.last_touch(c, to).map(days::date),
        orbit: orbit(ix, c, to),
        advocacy: advocacy(ix, c, to),
        at_risk: risk,
        interactions,
        interactions_total,
        latest_nps,
        revenue: Money(revenue),
        purchases,
        lifetime_revenue: Money(lifetime_revenue),
        lifetime_purchases,
        invested: Money(invested),
        lifetime_invested: Money(lifetime_invested),
        investments,
        referrals: referrals_until(ix, c, to),
        referred_by: person.referred_by.map(|r| reference(ix, r)),
        referred,
    })
}

/// One line of the contact list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContactRow {
    pub contact: Uuid,
    pub name: String,
    pub status: Status,
    pub last_touch: Option<Date>,
    pub days_silent: Option<u32>,
    pub level: u8,
    pub advocacy: f64,
    pub lifetime_revenue: Money,
    /// Activity score of the period: Σ activity weights of the contact's inbound interactions
    /// in it (docs/METRICS.md, "Contact activity score"); the contact list sorts by it.
    pub activity: f64,
}

/// Every contact that exists at the end of period `p`, by name.
pub fn contact_rows(ix: &Index, p: &Period) -> Vec<ContactRow> {
    let d = p.span().1;
    let mut rows = unscored_rows(ix, p);
    for (c, row) in &mut rows {
        row.level = orbit(ix, *c, d).level;
        row.advocacy = advocacy(ix, *c, d).score;
    }
    by_name(rows)
}

/// [`contact_rows`], with the Orbit levels and advocacy scores of every contact at the end of
/// the period already worked out (by the dashboard's figures), instead of working them out again.
/// `by_name` is [`name_order`], which does not change with the period: kept, it spares
/// sorting every contact by name at each period switch.
pub(crate) fn scored_rows(
    rows: Vec<(usize, ContactRow)>,
    orbits: &[Orbit],
    scores: &[Advocacy],
    by_name: &[u32],
) -> Vec<ContactRow> {
    let mut slots: Vec<Option<ContactRow>> = Vec::new();
    slots.resize_with(orbits.len(), || None);
    for (c, mut row) in rows {
        row.level = orbits[c].level;
        row.advocacy = scores[c].score;
        slots[c] = Some(row);
    }
    by_name
        .iter()
        .filter_map(|c| slots[*c as usize].take())
        .collect()
}

/// Every contact's number, in the order of the contact list's rows: by name, then id.
pub(crate) fn name_order(ix: &Index) -> Vec<u32> {
    by_name_then_id(ix.contacts.iter().map(|p| (p.name.as_str(), p.id)))
}

/// The positions of `people` sorted by name, then id. They are sorted first by each name's
/// first eight bytes, as a number, which decide most places without reaching into the names;
/// only names alike that far are then compared in full (at 10k contacts, where many share a
/// first name, 10 M instructions became 4 M). Ids are unique in the index, so the order is total and unstable sorts
/// give the one result.
fn by_name_then_id<'a>(people: impl Iterator<Item = (&'a str, Uuid)>) -> Vec<u32> {
    let people: Vec<(&str, Uuid)> = people.collect();
    let mut keyed: Vec<(u64, u32)> = people
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (prefix(name), i as u32))
        .collect();
    keyed.sort_unstable();
    for alike in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
        if alike.len() > 1 {
            alike.sort_unstable_by_key(|k| people[k.1 as usize]);
        }
    }
    keyed.into_iter().map(|k| k.1).collect()
}

/// The first eight bytes of `s`, zero-padded, as a big-endian number: ordered as the strings
/// are wherever two differ, and equal only if the strings may still differ further on (or by
/// a trailing NUL, which the full comparison then settles).
fn prefix(s: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

fn by_name(rows: Vec<(usize, ContactRow)>) -> Vec<ContactRow> {
    let mut rows: Vec<ContactRow> = rows.into_iter().map(|(_, r)| r).collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.contact.cmp(&b.contact)));
    rows
}

/// The rows, by contact index, without level and advocacy score.
pub(crate) fn unscored_rows(ix: &Index, p: &Period) -> Vec<(usize, ContactRow)> {
    let (from, d) = p.span();
    let mut revenue = vec![0i64; ix.contacts.len()];
    let mut activity = vec![0u64; ix.contacts.len()];
    for e in ix.events_in(Day::MIN, d) {
        if e.kind == Kind::Purchase {
            revenue[e.contact as usize] += e.cents;
        }
        if e.inbound() && e.day >= from {
            activity[e.contact as usize] += u64::from(ix.weight(e.kind));
        }
    }
    (0..ix.contacts.len())
        .filter(|&c| ix.exists(c, d))
        .map(|c| {
            let last = ix.last_activity(c, d);
            let row = ContactRow {
                contact: ix.contacts[c].id,
                name: ix.contacts[c].name.clone(),
                status: status(ix, c, d),
                last_touch: ix.last_touch(c, d).map(days::date),
                days_silent: last.map(|l| (d - l) as u32),
                level: 0,
                advocacy: 0.0,
                lifetime_revenue: Money(revenue[c]),
                activity: activity[c] as f64,
            };
            (c, row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The order is the plain one, by name then id, whatever the names share: long common
        /// beginnings, names that are the start of others, non-ASCII text and NUL bytes.
        #[test]
        fn by_name_then_id_is_the_plain_order(
            people in proptest::collection::vec(
                ("(Ann|Anna|Annabel|Zoë|Émile|a\\x00| |Bo){0,4}", 0u128..4),
                0..60,
            ),
        ) {
            let people: Vec<(String, Uuid)> = people
                .into_iter()
                .enumerate()
                .map(|(i, (name, n))| (name, Uuid::from_u128(n << 64 | i as u128)))
                .collect();
            let mut plain: Vec<u32> = (0..people.len() as u32).collect();
            plain.sort_by(|a, b| {
                let (a, b) = (&people[*a as usize], &people[*b as usize]);
                a.0.cmp(&b.0).then(a.1.cmp(&b.1))
            });
            let fast = by_name_then_id(people.iter().map(|(n, id)| (n.as_str(), *id)));
            prop_assert_eq!(fast, plain);
        }
    }
}
