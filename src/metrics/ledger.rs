//! The ROR ledger: what each contact (and each tag) returned — revenue, referrals, advocacy —
//! against what was invested in them; and whether gifts changed how much people engage.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::advocates::Advocacy;
use super::days::{self, Day};
use super::figure::{Figure, money_ratio};
use super::index::Index;
use super::period::Period;
use super::referrals::referrals_between;
use crate::store::{InvestmentKind, Kind, Money};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LedgerRow {
    pub contact: Uuid,
    pub name: String,
    pub revenue: Money,
    pub purchases: u64,
    pub referrals: u32,
    /// Advocacy score on the period's last day.
    pub advocacy: f64,
    pub invested: Money,
    /// `revenue − invested`.
    pub net: Money,
    /// `revenue / invested`.
    pub return_per_invested: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TagLedgerRow {
    /// `None` for contacts without tags. A contact with several tags counts under each.
    pub tag: Option<String>,
    pub contacts: u64,
    pub revenue: Money,
    pub referrals: u32,
    pub invested: Money,
    pub net: Money,
    pub return_per_invested: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ledger {
    /// Contacts with revenue, referrals or investment in the period, best net return first.
    pub contacts: Vec<LedgerRow>,
    /// Tags in name order, untagged last.
    pub tags: Vec<TagLedgerRow>,
    /// Investments in the period not made in any one contact (ads, tooling, …).
    pub unattributed: Money,
}

impl Ledger {
    /// The contacts' rows, best net return first (then by name): the order the Value screen
    /// and the report show them in.
    pub fn by_net(&self) -> Vec<&LedgerRow> {
        let mut rows: Vec<&LedgerRow> = self.contacts.iter().collect();
        rows.sort_by(|a, b| b.net.cmp(&a.net).then(a.name.cmp(&b.name)));
        rows
    }
}

pub(crate) fn ledger(ix: &Index, p: &Period, adv: &[Advocacy]) -> Ledger {
    let (from, to) = p.span();
    let n = ix.contacts.len();
    let mut revenue = vec![0i64; n];
    let mut purchases = vec![0u64; n];
    let mut invested = vec![0i64; n];
    let mut unattributed = 0i64;
    for e in ix
        .events_in(from, to)
        .iter()
        .filter(|e| e.kind == Kind::Purchase)
    {
        revenue[e.contact as usize] += e.cents;
        purchases[e.contact as usize] += 1;
    }
    let lo = ix.spends.partition_point(|s| s.day < from);
    for s in ix.spends[lo..].iter().take_while(|s| s.day <= to) {
        match s.contact {
            Some(c) => invested[c as usize] += s.cents,
            None => unattributed += s.cents,
        }
    }
    let mut rows = Vec::new();
    let mut tags: BTreeMap<Option<String>, (u64, i64, u32, i64)> = BTreeMap::new();
    for c in 0..n {
        let referrals = referrals_between(ix, c, from, to);
        if revenue[c] == 0 && invested[c] == 0 && referrals == 0 && purchases[c] == 0 {
            continue;
        }
        let person = &ix.contacts[c];
        rows.push(LedgerRow {
            contact: person.id,
            name: ix.name(c).to_string(),
            revenue: Money(revenue[c]),
            purchases: purchases[c],
            referrals,
            advocacy: adv.get(c).map_or(0.0, |a| a.score),
            invested: Money(invested[c]),
            net: Money(revenue[c] - invested[c]),
            return_per_invested: money_ratio(Money(revenue[c]), Money(invested[c])),
        });
        let keys: Vec<Option<String>> = if ix.tags(c).is_empty() {
            vec![None]
        } else {
            ix.tags(c).iter().cloned().map(Some).collect()
        };
        for k in keys {
            let t = tags.entry(k).or_default();
            t.0 += 1;
            t.1 += revenue[c];
            t.2 += referrals;
            t.3 += invested[c];
        }
    }
    rows.sort_by(|a, b| b.net.cmp(&a.net).then_with(|| a.name.cmp(&b.name)));
    let mut tag_rows: Vec<TagLedgerRow> = tags
        .into_iter()
        .map(|(tag, (contacts, rev, referrals, inv))| TagLedgerRow {
            tag,
            contacts,
            revenue: Money(rev),
            referrals,
            invested: Money(inv),
            net: Money(rev - inv),
            return_per_invested: money_ratio(Money(rev), Money(inv)),
        })
        .collect();
    // BTreeMap puts `None` first; untagged reads better last.
    let untagged_first = tag_rows.first().is_some_and(|t| t.tag.is_none());
    tag_rows.rotate_left(usize::from(untagged_first));
    Ledger {
        contacts: rows,
        tags: tag_rows,
        unattributed: Money(unattributed),
    }
}

/// Days before and after a gift compared by gift impact.
pub const GIFT_WINDOW_DAYS: i32 = 60;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GiftRow {
    pub contact: Uuid,
    pub name: String,
    pub date: Date,
    pub amount: Money,
    /// The contact's activities in the 60 days before the gift day.
    pub before: u64,
    /// Its activities in the 60 days after the gift day, up to the period's end.
    pub after: u64,
    /// Whether all 60 days after the gift have passed by the period's end.
    pub complete: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GiftImpact {
    /// Gifts (investments of kind gift made in one contact) dated in the period.
    pub gifts: Vec<GiftRow>,
    /// Gifts whose 60 days after have passed; only these enter the totals.
    pub complete: u64,
    pub before: u64,
    pub after: u64,
    /// `(after − before) / before` over complete gifts.
    pub lift: Figure,
}

pub(crate) fn gift_impact(ix: &Index, p: &Period) -> GiftImpact {
    let (from, to) = p.span();
    let w = GIFT_WINDOW_DAYS;
    let lo = ix.spends.partition_point(|s| s.day < from);
    let count = |c: usize, a: Day, b: Day| -> u64 {
        let acts = ix.activity.row(c);
        (acts.partition_point(|d| *d <= b) - acts.partition_point(|d| *d < a)) as u64
    };
    let mut gifts = Vec::new();
    let (mut complete, mut before, mut after) = (0u64, 0u64, 0u64);
    for s in ix.spends[lo..].iter().take_while(|s| s.day <= to) {
        let (InvestmentKind::Gift, Some(c)) = (s.kind, s.contact) else {
            continue;
        };
        let c = c as usize;
        let row = GiftRow {
            contact: ix.contacts[c].id,
            name: ix.name(c).to_string(),
            date: days::date(s.day),
            amount: Money(s.cents),
            before: count(c, s.day - w, s.day - 1),
            after: count(c, s.day + 1, (s.day + w).min(to)),
            complete: s.day + w <= to,
        };
        if row.complete {
            complete += 1;
            before += row.before;
            after += row.after;
        }
        gifts.push(row);
    }
    GiftImpact {
        gifts,
        complete,
        before,
        after,
        lift: Figure::ratio(after as f64 - before as f64, before as f64),
    }
}
