//! Builds the [`Dashboard`] view model from the store.
//!
//! Definitions follow the project's metric definitions: team members are excluded everywhere;
//! activity is an inbound interaction; a contact is active while its last activity is at most
//! `churn_days` old; NPS counts each contact's latest answer in the period.

mod lists;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use uuid::Uuid;

use super::dashboard::{Dashboard, Engagement, SentimentPane, Tile, Unit};
use super::period::{Period, PeriodSpec, add_days, days_between};
use crate::sentiment::{Polarity, polarity};
use crate::store::{Direction, Kind, Money, Store};

/// The store reorganised per contact, built once per computation.
pub(crate) struct Index<'a> {
    pub store: &'a Store,
    pub as_of: Date,
    pub pos: HashMap<Uuid, usize>,
    /// Inbound interaction dates per contact, sorted, up to the as-of date.
    pub activity: Vec<Vec<Date>>,
    /// Interactions (any direction) up to the as-of date, by index into `store.interactions`.
    pub interactions: Vec<usize>,
}

impl<'a> Index<'a> {
    fn new(store: &'a Store, as_of: Date) -> Index<'a> {
        let pos: HashMap<Uuid, usize> = store
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let mut activity = vec![Vec::new(); store.contacts.len()];
        let mut interactions = Vec::new();
        for (i, x) in store.interactions.iter().enumerate() {
            let Some(&c) = pos.get(&x.contact) else {
                continue;
            };
            if store.contacts[c].is_team || x.at.date > as_of {
                continue;
            }
            interactions.push(i);
            if x.direction == Direction::Inbound {
                activity[c].push(x.at.date);
            }
        }
        for a in &mut activity {
            a.sort_unstable();
        }
        Index {
            store,
            as_of,
            pos,
            activity,
            interactions,
        }
    }

    pub fn is_team(&self, c: usize) -> bool {
        self.store.contacts[c].is_team
    }

    /// The contact's last activity on or before `d`.
    pub fn last_on_or_before(&self, c: usize, d: Date) -> Option<Date> {
        let a = &self.activity[c];
        let n = a.partition_point(|x| *x <= d);
        n.checked_sub(1).map(|i| a[i])
    }

    /// Active on `d`: some activity at most `churn_days` before it.
    pub fn active_on(&self, c: usize, d: Date) -> bool {
        let churn = i64::from(self.store.settings.churn_days);
        self.last_on_or_before(c, d)
            .is_some_and(|l| days_between(l, d) <= churn)
    }

    pub fn contacts(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.store.contacts.len()).filter(|c| !self.is_team(*c))
    }
}

/// Figures of one period, computed the same way for the current and the previous one.
#[derive(Default)]
struct PeriodFigures {
    active: u64,
    contacts: u64,
    positive: u64,
    neutral: u64,
    negative: u64,
    nps: Option<f64>,
    promoters: u64,
    passives: u64,
    detractors: u64,
    csat: Option<f64>,
    revenue: Money,
    churn_rate: Option<f64>,
    at_risk: u64,
    clv_cac: Option<f64>,
}

impl PeriodFigures {
    fn engagement_rate(&self) -> Option<f64> {
        (self.contacts > 0).then(|| self.active as f64 / self.contacts as f64)
    }

    fn net_sentiment(&self) -> Option<f64> {
        let n = self.positive + self.neutral + self.negative;
        (n > 0).then(|| (self.positive as f64 - self.negative as f64) * 100.0 / n as f64)
    }
}

fn period_figures(ix: &Index, p: Period) -> PeriodFigures {
    let store = ix.store;
    let mut f = PeriodFigures::default();
    let mut active = vec![false; store.contacts.len()];
    let mut latest_nps: HashMap<usize, (Date, u8)> = HashMap::new();
    let (mut happy, mut rated) = (0u64, 0u64);
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        if !p.contains(x.at.date) {
            continue;
        }
        let c = ix.pos[&x.contact];
        if x.direction == Direction::Inbound {
            active[c] = true;
        }
        if let Some(s) = x.sentiment {
            match polarity(s.score) {
                Polarity::Positive => f.positive += 1,
                Polarity::Neutral => f.neutral += 1,
                Polarity::Negative => f.negative += 1,
            }
        }
        if let Some(n) = x.nps {
            let e = latest_nps.entry(c).or_insert((x.at.date, n));
            if x.at.date >= e.0 {
                *e = (x.at.date, n);
            }
        }
        if let Some(r) = x.rating {
            rated += 1;
            happy += u64::from(r >= 4);
        }
        if x.kind == Kind::Purchase {
            f.revenue += x.value.unwrap_or(Money::ZERO);
        }
    }
    f.active = active.iter().filter(|a| **a).count() as u64;
    f.contacts = ix
        .contacts()
        .filter(|c| store.contacts[*c].created <= p.to)
        .count() as u64;
    for (_, n) in latest_nps.values() {
        match n {
            9..=10 => f.promoters += 1,
            7..=8 => f.passives += 1,
            _ => f.detractors += 1,
        }
    }
    let answers = f.promoters + f.passives + f.detractors;
    f.nps =
        (answers > 0).then(|| (f.promoters as f64 - f.detractors as f64) * 100.0 / answers as f64);
    f.csat = (rated > 0).then(|| happy as f64 / rated as f64);
    // Churn over the period: active the day before it started, churned at its end.
    let start = add_days(p.from, -1);
    let (mut was, mut lost) = (0u64, 0u64);
    for c in ix.contacts() {
        if ix.active_on(c, start) {
            was += 1;
            lost += u64::from(!ix.active_on(c, p.to));
        }
    }
    f.churn_rate = (was > 0).then(|| lost as f64 / was as f64);
    f.at_risk = lists::at_risk(ix, p.to).len() as u64;
    f.clv_cac = clv_cac(ix, p);
    f
}

/// Historical CLV (revenue per purchasing contact, up to the period's end) over CAC (acquisition
/// spend in the period per contact created in it).
fn clv_cac(ix: &Index, p: Period) -> Option<f64> {
    let store = ix.store;
    let mut revenue = 0i64;
    let mut buyers = std::collections::HashSet::new();
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        if x.kind == Kind::Purchase && x.at.date <= p.to {
            revenue += x.value.map_or(0, Money::cents);
            buyers.insert(x.contact);
        }
    }
    let spend: i64 = store
        .investments
        .iter()
        .filter(|v| v.acquisition && p.contains(v.date))
        .map(|v| v.amount.cents())
        .sum();
    let new = ix
        .contacts()
        .filter(|c| p.contains(store.contacts[*c].created))
        .count();
    if buyers.is_empty() || new == 0 || spend == 0 {
        return None;
    }
    let clv = revenue as f64 / buyers.len() as f64;
    let cac = spend as f64 / new as f64;
    Some(clv / cac)
}

/// Computes the whole dashboard for a period ending on `as_of`.
pub fn compute(store: &Store, as_of: Date, spec: PeriodSpec) -> Dashboard {
    let ix = Index::new(store, as_of);
    let first = ix
        .interactions
        .iter()
        .map(|i| store.interactions[*i].at.date)
        .min();
    let period = spec.resolve(as_of, first);
    let previous = period.previous();
    let cur = period_figures(&ix, period);
    let prev = period_figures(&ix, previous);
    let contacts = lists::contact_stats(&ix, period);
    let negative = lists::negative_queue(&ix);
    let tile = |key, label, unit, better, f: &dyn Fn(&PeriodFigures) -> Option<f64>| Tile {
        key,
        label,
        value: f(&cur),
        previous: f(&prev),
        unit,
        higher_is_better: better,
    };
    let tiles = vec![
        tile("active_contacts", "Active", Unit::Count, true, &|f| {
            Some(f.active as f64)
        }),
        tile("engagement_rate", "Engaged", Unit::Percent, true, &|f| {
            f.engagement_rate()
        }),
        tile("net_sentiment", "Sentiment", Unit::Signed, true, &|f| {
            f.net_sentiment()
        }),
        tile("nps", "NPS", Unit::Signed, true, &|f| f.nps),
        tile("churn_rate", "Churn", Unit::Percent, false, &|f| {
            f.churn_rate
        }),
        tile("at_risk", "At risk", Unit::Count, false, &|f| {
            Some(f.at_risk as f64)
        }),
        tile("revenue", "Revenue", Unit::Money, true, &|f| {
            Some(f.revenue.cents() as f64)
        }),
        tile("clv_cac", "CLV:CAC", Unit::Ratio, true, &|f| f.clv_cac),
    ];
    let ror_index = tile("ror_index", "ROR index", Unit::Score, true, &ror_index);
    let sentiment = SentimentPane {
        trend: lists::sentiment_trend(&ix, period),
        positive: cur.positive,
        neutral: cur.neutral,
        negative: cur.negative,
        average: lists::average_sentiment(&ix, period),
        nps: cur.nps,
        promoters: cur.promoters,
        passives: cur.passives,
        detractors: cur.detractors,
        csat: cur.csat,
        open_negative: negative.len() as u64,
        by_channel: lists::sentiment_by_channel(&ix, period),
    };
    Dashboard {
        period,
        previous,
        ror_index,
        tiles,
        engagement: engagement(&ix, period, &cur),
        sentiment,
        churn: lists::churn(&ix, period),
        advocates: lists::advocates(&ix, &contacts),
        due: lists::due(&ix),
        negative,
        cohorts: lists::cohorts(&ix),
        contacts,
        contact_pos: ix.pos,
    }
}

/// A 0-100 composite: the mean of the engagement rate, net sentiment and retention, each on
/// 0-100, over the sub-scores that have data.
fn ror_index(f: &PeriodFigures) -> Option<f64> {
    let subs: Vec<f64> = [
        f.engagement_rate().map(|r| r * 100.0),
        f.net_sentiment().map(|n| (n + 100.0) / 2.0),
        f.nps.map(|n| (n + 100.0) / 2.0),
        f.churn_rate.map(|r| (1.0 - r) * 100.0),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!subs.is_empty()).then(|| subs.iter().sum::<f64>() / subs.len() as f64)
}

fn engagement(ix: &Index, p: Period, cur: &PeriodFigures) -> Engagement {
    let store = ix.store;
    let buckets = lists::buckets(p);
    let mut series: Vec<(String, u64)> = buckets.iter().map(|b| (b.0.clone(), 0)).collect();
    let mut channels: BTreeMap<&str, u64> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, u64> = BTreeMap::new();
    let mut n = 0;
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        if x.direction != Direction::Inbound || !p.contains(x.at.date) {
            continue;
        }
        n += 1;
        if let Some(b) = buckets
            .iter()
            .position(|b| b.1 <= x.at.date && x.at.date <= b.2)
        {
            series[b].1 += 1;
        }
        *channels.entry(x.channel.as_str()).or_default() += 1;
        *kinds.entry(x.kind.as_str()).or_default() += 1;
    }
    Engagement {
        series,
        interactions: n,
        active: cur.active,
        contacts: cur.contacts,
        channels: most_first(channels),
        kinds: most_first(kinds),
    }
}

fn most_first(m: BTreeMap<&str, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
