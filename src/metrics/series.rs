//! Time series for charts: the period cut into calendar weeks or months.
//!
//! Every counted series adds up, over its buckets, to the period's figure of the same name
//! (interactions, new contacts, churned, revenue, purchases, scored sentiment).

use std::collections::BTreeMap;

use serde::Serialize;

use super::churn::churns_and_returns;
use super::days::{self, Day};
use super::figure::Figure;
use super::index::Index;
use super::period::{Bucket, BucketMap, Granularity, Period};
use crate::store::{Kind, Money};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub granularity: Granularity,
    pub buckets: Vec<Bucket>,
    pub interactions: Vec<u64>,
    /// Distinct active contacts per bucket (these do not add up: one person can be active in
    /// several buckets).
    pub active_contacts: Vec<u64>,
    pub new_contacts: Vec<u64>,
    /// Churn events per bucket.
    pub churned: Vec<u64>,
    /// `new_contacts − churned`.
    pub net_growth: Vec<i64>,
    pub sentiment_scored: Vec<u64>,
    pub sentiment_average: Vec<Figure>,
    pub revenue: Vec<Money>,
    pub purchases: Vec<u64>,
    /// Interactions per bucket for each channel.
    pub by_channel: BTreeMap<String, Vec<u64>>,
    /// Interactions per bucket for each kind.
    pub by_kind: BTreeMap<Kind, Vec<u64>>,
}

/// The period's series at the given granularity.
pub fn series(ix: &Index, p: &Period, g: Granularity) -> Series {
    let (from, to) = p.span();
    let (churns, _) = churns_and_returns(ix, from, to);
    series_with(ix, p, g, &churns)
}

pub(crate) fn series_with(ix: &Index, p: &Period, g: Granularity, churns: &[Day]) -> Series {
    let (from, to) = p.span();
    let map = BucketMap::new(p, g);
    let n = map.len;
    let mut s = Series {
        granularity: g,
        buckets: (0..n).map(|i| map.bucket(i)).collect(),
        interactions: vec![0; n],
        active_contacts: vec![0; n],
        new_contacts: vec![0; n],
        churned: vec![0; n],
        net_growth: vec![0; n],
        sentiment_scored: vec![0; n],
        sentiment_average: vec![Figure::NONE; n],
        revenue: vec![Money::ZERO; n],
        purchases: vec![0; n],
        by_channel: BTreeMap::new(),
        by_kind: BTreeMap::new(),
    };
    let mut sentiment_sum = vec![0f64; n];
    // The bucket in which each contact was last counted active; buckets only move forward.
    let mut seen_in = vec![usize::MAX; ix.contacts.len()];
    let mut channel: Vec<Vec<u64>> = vec![Vec::new(); ix.channels.len()];
    let mut kind: Vec<Vec<u64>> = vec![Vec::new(); Kind::ALL.len()];
    // Events come in day order, so the bucket only moves forward: step it at each boundary
    // instead of working out the calendar week or month of every event.
    let ends: Vec<Day> = s.buckets.iter().map(|b| days::day(b.to)).collect();
    let mut b = 0;
    for e in ix.events_in(from, to) {
        while e.day > ends[b] {
            b += 1;
        }
        if e.kind == Kind::Purchase {
            s.revenue[b] += Money(e.cents);
            s.purchases[b] += 1;
        }
        if !e.activity() {
            continue;
        }
        s.interactions[b] += 1;
        let per = &mut channel[e.channel as usize];
        if per.is_empty() {
            per.resize(n, 0);
        }
        per[b] += 1;
        let per = &mut kind[e.kind as usize];
        if per.is_empty() {
            per.resize(n, 0);
        }
        per[b] += 1;
        let c = e.contact as usize;
        if seen_in[c] != b {
            seen_in[c] = b;
            s.active_contacts[b] += 1;
        }
        if let Some(x) = e.sentiment() {
            s.sentiment_scored[b] += 1;
            sentiment_sum[b] += x;
        }
    }
    for c in &ix.contacts {
        if (from..=to).contains(&c.since) {
            s.new_contacts[map.index(c.since)] += 1;
        }
    }
    for &d in churns {
        s.churned[map.index(d)] += 1;
    }
    for (b, sum) in sentiment_sum.into_iter().enumerate() {
        s.net_growth[b] = s.new_contacts[b] as i64 - s.churned[b] as i64;
        s.sentiment_average[b] = Figure::mean(sum, s.sentiment_scored[b]);
    }
    s.by_kind = kind
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (Kind::ALL[k], v))
        .collect();
    s.by_channel = channel
        .into_iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(ch, v)| (ix.channels[ch].clone(), v))
        .collect();
    s
}
