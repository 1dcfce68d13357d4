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
        name: ix.name(c as usize).to_string(),
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
        name: ix.name(c).to_string(),
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
    pub name: String,
    #[serde(flatten)]
    pub figures: ContactFigures,
}

/// A contact's figures in the contact list, without its name: what the dashboard keeps of
/// each contact (by id), which never needs the names copied or sorted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContactFigures {
    pub contact: Uuid,
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

/// Every contact that exists at the end of period `p`, by name, then id.
pub fn contact_rows(ix: &Index, p: &Period) -> Vec<ContactRow> {
    let d = p.span().1;
    let mut rows: Vec<ContactRow> = unscored_rows(ix, p)
        .into_iter()
        .map(|(c, mut figures)| {
            figures.level = orbit(ix, c, d).level;
            figures.advocacy = advocacy(ix, c, d).score;
            ContactRow {
                name: ix.name(c).to_string(),
                figures,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.figures.contact.cmp(&b.figures.contact))
    });
    rows
}

/// [`contact_rows`]' figures, in the index's order, with the Orbit levels and advocacy scores
/// of every contact at the end of the period already worked out (by the dashboard's figures)
/// instead of working them out again.
pub(crate) fn scored_rows(
    rows: Vec<(usize, ContactFigures)>,
    orbits: &[Orbit],
    scores: &[Advocacy],
) -> Vec<ContactFigures> {
    rows.into_iter()
        .map(|(c, mut row)| {
            row.level = orbits[c].level;
            row.advocacy = scores[c].score;
            row
        })
        .collect()
}

/// The rows, by contact index, without level and advocacy score.
pub(crate) fn unscored_rows(ix: &Index, p: &Period) -> Vec<(usize, ContactFigures)> {
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
            let row = ContactFigures {
                contact: ix.contacts[c].id,
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
