//! Value: revenue from purchases, customer lifetime value, acquisition cost and what was
//! invested. Amounts stay in integer cents; a ratio becomes a float only at the final division.

use serde::Serialize;

use super::churn::MonthChurn;
use super::days::Day;
use super::figure::{Figure, money_per, money_ratio};
use super::index::Index;
use super::period::Period;
use crate::store::{Kind, Money};

/// The `value` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueFigures {
    /// Sum of the values of purchase interactions in the period.
    pub revenue: Money,
    /// Purchase interactions in the period (with or without a value).
    pub purchases: u64,
    pub purchasing_contacts: u64,
    /// Average order value: `revenue / purchases`.
    pub aov: Option<Money>,
    /// Contacts with ≥ 2 purchases / purchasing contacts.
    pub repeat_rate: Figure,
    /// Historical customer lifetime value: `revenue / purchasing_contacts` (over `all`: lifetime).
    pub clv: Option<Money>,
    /// Everything invested in the period (gifts, events, ads, content, tooling, time, other).
    pub investment: Money,
    /// Customer acquisition cost: acquisition investments / new contacts.
    pub cac: Option<Money>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueDetail {
    /// Purchases per purchasing contact.
    pub frequency: Figure,
    /// Investments marked as acquisition, in the period.
    pub acquisition_investment: Money,
    /// AOV × purchases per contact per year × expected lifespan in years, over the 365 days
    /// up to the period's end.
    pub predictive_clv: Option<Money>,
    /// `1 / average monthly churn rate` of the last 12 months, at most 60 months.
    pub expected_lifespan_months: Figure,
    /// `predictive_clv / cac`.
    pub clv_cac: Figure,
    /// Revenue / investment in the period.
    pub revenue_per_invested: Figure,
}

/// Expected lifespans are capped at five years: beyond that a forecast is guesswork, and a month
/// with no churn would otherwise promise forever.
pub const MAX_LIFESPAN_MONTHS: f64 = 60.0;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Purchases {
    pub revenue: i64,
    pub purchases: u64,
    pub contacts: u64,
    pub repeaters: u64,
}

pub(crate) fn purchases(ix: &Index, from: Day, to: Day) -> Purchases {
    let mut per = vec![0u32; ix.contacts.len()];
    let mut p = Purchases::default();
    for e in ix
        .events_in(from, to)
        .iter()
        .filter(|e| e.kind == Kind::Purchase)
    {
        p.revenue += e.cents;
        p.purchases += 1;
        let n = &mut per[e.contact as usize];
        *n += 1;
        match *n {
            1 => p.contacts += 1,
            2 => p.repeaters += 1,
            _ => {}
        }
    }
    p
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
) -> (ValueFigures, ValueDetail) {
    let (from, to) = p.span();
    let b = purchases(ix, from, to);
    let revenue = Money(b.revenue);
    let (all, acquisition) = spent(ix, from, to);
    let cac = money_per(Money(acquisition), new_contacts);

    // Predictive CLV over the trailing year: AOV × purchases per contact per year is revenue
    // per purchasing contact in that year; times the expected lifespan in years.
    let year = purchases(ix, to - 364, to);
    let lifespan = lifespan_months(monthly);
    let predictive_clv = match (
        money_per(Money(year.revenue), year.contacts),
        lifespan.value(),
    ) {
        (Some(per_year), Some(months)) => {
            let cents = (per_year.cents() as f64 * months / 12.0).round();
            cents.is_finite().then_some(Money(cents as i64))
        }
        _ => None,
    };
    let clv_cac = match (predictive_clv, cac) {
        (Some(clv), Some(cac)) => money_ratio(clv, cac),
        _ => Figure::NONE,
    };
    (
        ValueFigures {
            revenue,
            purchases: b.purchases,
            purchasing_contacts: b.contacts,
            aov: money_per(revenue, b.purchases),
            repeat_rate: Figure::rate(b.repeaters, b.contacts),
            clv: money_per(revenue, b.contacts),
            investment: Money(all),
            cac,
        },
        ValueDetail {
            frequency: Figure::rate(b.purchases, b.contacts),
            acquisition_investment: Money(acquisition),
            predictive_clv,
            expected_lifespan_months: lifespan,
            clv_cac,
            revenue_per_invested: money_ratio(revenue, Money(all)),
        },
    )
}
