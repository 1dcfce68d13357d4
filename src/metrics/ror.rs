//! The ROR index: one 0-100 figure for the health of the community's relationships, the weighted
//! average of five sub-scores that are each 0-100. A sub-score without data is left out and the
//! remaining weights are scaled up, so the index never pretends a missing figure was zero.

use serde::Serialize;

use super::figure::Figure;
use crate::store::Money;

/// Sub-score weights (sum 1). Engagement weighs most because it moves first and feeds the rest;
/// advocacy least because it is the rarest signal and the noisiest in small communities.
pub const ROR_WEIGHTS: [(&str, f64); 5] = [
    ("engagement", 0.25),
    ("sentiment", 0.20),
    ("retention", 0.20),
    ("advocacy", 0.15),
    ("value", 0.20),
];

/// Advocates making up this share of the active contacts (or more) score 100 for advocacy.
pub const ADVOCACY_FULL_SHARE: f64 = 0.25;

/// What the index is computed from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RorInputs {
    pub engagement_rate: Figure,
    pub nps: Figure,
    pub sentiment_average: Figure,
    /// Active and lapsed contacts on the period's last day (`churn.active`, `churn.lapsed`).
    pub active: u64,
    pub churned: u64,
    /// Active contacts whose advocacy score reaches the advocate threshold.
    pub active_advocates: u64,
    pub revenue: Money,
    pub investment: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RorIndex {
    pub score: Figure,
    pub parts: Vec<RorPart>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RorPart {
    pub name: &'static str,
    pub weight: f64,
    /// 0-100, or no data.
    pub score: Figure,
    /// Points this part adds to the index (the parts' contributions sum to the index).
    pub contribution: Figure,
}

/// The five sub-scores, each 0-100:
/// - engagement: engagement rate × 100;
/// - sentiment: the mean of (NPS + 100) / 2 and (average sentiment + 1) × 50, of those present;
/// - retention: active / (active + churned) × 100;
/// - advocacy: active advocates / active contacts ÷ 0.25 × 100, at most 100;
/// - value: revenue / (revenue + investment) × 100 (50 is break-even).
pub fn ror_index(x: &RorInputs) -> RorIndex {
    let sentiment_parts: Vec<f64> = [
        x.nps.map(|n| (n + 100.0) / 2.0).value(),
        x.sentiment_average.map(|s| (s + 1.0) * 50.0).value(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let sentiment = Figure::mean(sentiment_parts.iter().sum(), sentiment_parts.len() as u64);
    let retention = Figure::rate(x.active, x.active + x.churned).map(|r| r * 100.0);
    let advocacy = Figure::rate(x.active_advocates, x.active)
        .map(|s| (s / ADVOCACY_FULL_SHARE * 100.0).min(100.0));
    let money_in = x.revenue.cents().max(0) as f64;
    let money_out = x.investment.cents().max(0) as f64;
    let value = Figure::ratio(100.0 * money_in, money_in + money_out);
    let scores = [
        x.engagement_rate.map(|r| r * 100.0),
        sentiment,
        retention,
        advocacy,
        value,
    ]
    .map(|s| s.map(|v| v.clamp(0.0, 100.0)));

    let present: f64 = ROR_WEIGHTS
        .iter()
        .zip(scores)
        .filter(|(_, s)| !s.is_none())
        .map(|((_, w), _)| w)
        .sum();
    let parts: Vec<RorPart> = ROR_WEIGHTS
        .iter()
        .zip(scores)
        .map(|(&(name, weight), score)| RorPart {
            name,
            weight,
            score,
            contribution: score.map(|s| s * weight / present),
        })
        .collect();
    let score = if present > 0.0 {
        Figure::new(parts.iter().filter_map(|p| p.contribution.value()).sum())
    } else {
        Figure::NONE
    };
    RorIndex { score, parts }
}
