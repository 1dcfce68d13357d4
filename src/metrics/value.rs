//! Value: revenue from purchases, customer lifetime value, acquisition cost and what was
//! invested. Amounts stay in integer cents; a ratio becomes a float only at the final division.

use serde::Serialize;

use super::churn::MonthChurn;
use super::days::Day;
use super::figure::{Figure, money_per, money_ratio};
use super::index::Index;
use super::period::Period;
use crate::store::{Kind, Money};

/// The `value` block of a period's figures: what customers bring, and what was invested to win
/// and keep them. Definitions and sources in `docs/METRICS.md`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueFigures {
    /// Sum of the values of the purchases in the period.
    pub revenue: Money,
    /// Purchases in the period, with or without a value.
    pub purchases: u64,
    /// Of those, the ones logged with a value (a purchase without one is of unknown value).
    pub purchases_with_value: u64,
    /// Contacts with at least one purchase in the period.
    pub purchasing_contacts: u64,
    /// Contacts whose first purchase ever falls in the period.
    pub new_customers: u64,
    /// Average order value: `revenue / purchases_with_value`.
    pub aov: Option<Money>,
    /// `purchases / purchasing_contacts`.
    pub purchase_frequency: Figure,
    /// Of the contacts who bought at least once up to the period's last day, the share who
    /// bought at least twice (a lifetime figure).
    pub repeat_rate: Figure,
    /// Historical value per customer: `revenue / purchasing_contacts`.
    pub revenue_per_customer: Option<Money>,
    /// Predictive customer lifetime value: AOV × purchases per buyer per year × expected
    /// lifespan in years, over the 365 days up to the period's last day.
    pub clv: Option<Money>,
    /// `1 / mean monthly churn rate` of the last 12 months, at most 60 months.
    pub expected_lifespan_months: Figure,
    /// Everything invested in the period (gifts, events, ads, content, tooling, time, other).
    pub investment: Money,
    /// Investments marked as acquisition in the period: what CAC divides.
    pub acquisition_spend: Money,
    /// Customer acquisition cost: `acquisition_spend / new_customers`.
    pub cac: Option<Money>,
    /// `acquisition_spend / contacts.new`: what it cost to bring in a contact, buyer or not.
    pub cost_per_new_contact: Option<Money>,
    /// `clv / cac`, the figure the CLV:CAC tile shows (3 is the usual healthy benchmark).
    pub clv_cac: Figure,
    /// `revenue / investment`.
    pub revenue_per_invested: Figure,
}

/// Expected lifespans are capped at five years: beyond that a forecast is guesswork, and a month
/// with no churn would otherwise promise forever.
pub const MAX_LIFESPAN_MONTHS: f64 = 60.0;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Purchases {
    pub revenue: i64,
    pub purchases: u64,
    pub valued: u64,
    pub contacts: u64,
}

pub(crate) fn purchases(ix: &Index, from: Day, to: Day) -> Purchases {
    let mut per = vec![false; ix.contacts.len()];
    let mut p = Purchases::default();
    for e in ix
        .events_in(from, to)
        .iter()
        .filter(|e| e.kind == Kind::Purchase)
    {
        p.revenue += e.cents;
        p.purchases += 1;
        p.valued += u64::from(e.valued());
        let seen = &mut per[e.contact as usize];
        if !*seen {
            *seen = true;
            p.contacts += 1;
        }
    }
    p
}

/// Customers up to `to`: those who bought at least once, those who bought at least twice, and
/// those whose first purchase ever falls on or after `from`.
pub(crate) fn customers(ix: &Index, from: Day, to: Day) -> (u64, u64, u64) {
    let mut count = vec![0u8; ix.contacts.len()];
    let (mut once, mut twice, mut new) = (0u64, 0u64, 0u64);
    for e in ix
        .events_in(Day::MIN, to)
        .iter()
        .filter(|e| e.kind == Kind::Purchase)
    {
        let n = &mut count[e.contact as usize];
        match *n {
            0 => {
                once += 1;
                if e.day >= from {
                    new += 1;
                }
            }
            1 => twice += 1,
            _ => continue,
        }
        *n += 1;
    }
    (once, twice, new)
}
pub(crate) fn spent(ix: &Index, from: Day, to: Day) -> (i64, i64) {
    let lo = ix.spends.partition_point(|s| s.day < from);
    let (mut all, mut acquisition) = (0i64, 0i64);
    for s in ix.spends[lo..].iter().take_while(|s| s.day <= to) {
        all += s.cents;
        if s.acquisition {
            acquisition += s.cents;
        }
    }
    (all, acquisition)
}

/// Expected months a contact stays, from the average monthly churn rate of the last 12 months
/// that had anyone active at their start.
pub(crate) fn lifespan_months(monthly: &[MonthChurn]) -> Figure {
    let rates: Vec<f64> = monthly
        .iter()
        .rev()
        .take(12)
        .filter_map(|m| m.rate.value())
        .collect();
    if rates.is_empty() {
        return Figure::NONE;
    }
    let mean = rates.iter().sum::<f64>() / rates.len() as f64;
    if mean <= 0.0 {
        Figure::new(MAX_LIFESPAN_MONTHS)
    } else {
        Figure::new((1.0 / mean).min(MAX_LIFESPAN_MONTHS))
    }
}

pub(crate) fn value(
    ix: &Index,
    p: &Period,
    new_contacts: u64,
    monthly: &[MonthChurn],
) -> ValueFigures {
    let (from, to) = p.span();
    let b = purchases(ix, from, to);
    let revenue = Money(b.revenue);
    // All time counts what was invested before the first interaction too.
    let spend_from = if p.everything { Day::MIN } else { from };
    let (all, acquisition) = spent(ix, spend_from, to);
    let (buyers, repeaters, new_customers) = customers(ix, from, to);
    let cac = money_per(Money(acquisition), new_customers);

    // Predictive CLV over the trailing year: AOV × purchases per buyer × lifespan in years.
    let year = purchases(ix, to - 364, to);
    let lifespan = lifespan_months(monthly);
    let clv = match (
        Figure::ratio(year.revenue as f64, year.valued as f64).value(),
        Figure::rate(year.purchases, year.contacts).value(),
        lifespan.value(),
    ) {
        (Some(aov_cents), Some(frequency), Some(months)) => {
            let cents = (aov_cents * frequency * months / 12.0).round();
            cents.is_finite().then_some(Money(cents as i64))
        }
        _ => None,
    };
    let clv_cac = match (clv, cac) {
        (Some(clv), Some(cac)) => money_ratio(clv, cac),
        _ => Figure::NONE,
    };
    ValueFigures {
        revenue,
        purchases: b.purchases,
        purchases_with_value: b.valued,
        purchasing_contacts: b.contacts,
        new_customers,
        aov: money_per(revenue, b.valued),
        purchase_frequency: Figure::rate(b.purchases, b.contacts),
        repeat_rate: Figure::rate(repeaters, buyers),
        revenue_per_customer: money_per(revenue, b.contacts),
        clv,
        expected_lifespan_months: lifespan,
        investment: Money(all),
        acquisition_spend: Money(acquisition),
        cac,
        cost_per_new_contact: money_per(Money(acquisition), new_contacts),
        clv_cac,
        revenue_per_invested: money_ratio(revenue, Money(all)),
    }
}
