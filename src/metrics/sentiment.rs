//! Sentiment metrics: how the community feels (from the stored sentiment of each activity, never
//! rescored here), NPS, CSAT and the queue of negative feedback waiting for an answer.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::days::{self, Day};
use super::figure::{Figure, median};
use super::index::{Event, Index};
use super::period::Period;
use crate::sentiment::{Polarity, polarity};

/// The `sentiment` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentimentFigures {
    /// Activities in the period that carry a sentiment.
    pub scored: u64,
    /// Mean sentiment, -1..1.
    pub average: Figure,
    /// Scores ≥ 0.05.
    pub positive: u64,
    pub neutral: u64,
    /// Scores ≤ -0.05.
    pub negative: u64,
    /// Percentage of positive − percentage of negative, -100..100.
    pub net: Figure,
}

/// The `nps` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NpsFigures {
    /// Contacts who answered in the period (each counted once, by their latest answer).
    pub responses: u64,
    /// Answers 9-10.
    pub promoters: u64,
    /// Answers 7-8.
    pub passives: u64,
    /// Answers 0-6.
    pub detractors: u64,
    /// Percentage of promoters − percentage of detractors, -100..100.
    pub score: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentimentDetail {
    pub by_channel: BTreeMap<String, ChannelSentiment>,
    pub csat: Csat,
    /// Activities with negative sentiment in the period.
    pub negative_feedback: u64,
    /// Negative feedback still waiting for an answer on the last day of the period.
    pub open_feedback: u64,
    /// Median days from negative feedback received in the period to our reply.
    pub median_days_to_respond: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelSentiment {
    pub scored: u64,
    pub average: Figure,
}

/// Customer satisfaction: the share of ratings that are 4 or 5.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Csat {
    pub ratings: u64,
    pub satisfied: u64,
    pub score: Figure,
}

/// Negative feedback nobody has answered yet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenFeedback {
    pub interaction: Uuid,
    pub contact: Uuid,
    pub name: String,
    pub date: Date,
    pub channel: String,
    pub score: f64,
    pub note: String,
    pub days_waiting: u32,
}

pub(crate) fn sentiment(ix: &Index, p: &Period) -> (SentimentFigures, NpsFigures, Csat) {
    let (from, to) = p.span();
    let (mut scored, mut sum, mut pos, mut neu, mut neg) = (0u64, 0f64, 0u64, 0u64, 0u64);
    let mut latest: HashMap<u32, u8> = HashMap::new();
    let (mut ratings, mut satisfied) = (0u64, 0u64);
    for e in ix.events_in(from, to) {
        if let Some(n) = e.nps {
            // Events are in time order, so the last answer seen is the contact's latest.
            latest.insert(e.contact, n);
        }
        if let Some(r) = e.rating {
            ratings += 1;
            if r >= 4 {
                satisfied += 1;
            }
        }
        let Some(s) = e.sentiment.filter(|_| e.activity) else {
            continue;
        };
        scored += 1;
        sum += s;
        match polarity(s) {
            Polarity::Positive => pos += 1,
            Polarity::Neutral => neu += 1,
            Polarity::Negative => neg += 1,
        }
    }
    let (mut promoters, mut passives, mut detractors) = (0u64, 0u64, 0u64);
    for n in latest.values() {
        match n {
            9.. => promoters += 1,
            7..=8 => passives += 1,
            _ => detractors += 1,
        }
    }
    let responses = latest.len() as u64;
    (
        SentimentFigures {
            scored,
            average: Figure::mean(sum, scored),
            positive: pos,
            neutral: neu,
            negative: neg,
            net: Figure::ratio(100.0 * (pos as f64 - neg as f64), scored as f64),
        },
        NpsFigures {
            responses,
            promoters,
            passives,
            detractors,
            score: Figure::ratio(
                100.0 * (promoters as f64 - detractors as f64),
                responses as f64,
            ),
        },
        Csat {
            ratings,
            satisfied,
            score: Figure::rate(satisfied, ratings),
        },
    )
}

pub(crate) fn by_channel(ix: &Index, p: &Period) -> BTreeMap<String, ChannelSentiment> {
    let (from, to) = p.span();
    let mut acc: HashMap<u32, (u64, f64)> = HashMap::new();
    for e in ix.events_in(from, to).iter().filter(|e| e.activity) {
        if let Some(s) = e.sentiment {
            let a = acc.entry(e.channel).or_default();
            a.0 += 1;
            a.1 += s;
        }
    }
    acc.into_iter()
        .map(|(ch, (n, s))| {
            (
                ix.channels[ch as usize].clone(),
                ChannelSentiment {
                    scored: n,
                    average: Figure::mean(s, n),
                },
            )
        })
        .collect()
}

/// The first outbound interaction with the contact that answers `e`, if one happened by day `d`:
/// on a later day, or on the same day unless both times are known and the reply's is earlier.
fn reply_day(ix: &Index, e: &Event, d: Day) -> Option<Day> {
    let out = ix.outbound.row(e.contact as usize);
    let start = out.partition_point(|o| o.0 < e.day);
    out[start..]
        .iter()
        .find(|o| o.0 > e.day || o.1 < 0 || e.minute < 0 || o.1 >= e.minute)
        .map(|o| o.0)
        .filter(|day| *day <= d)
}

/// Negative feedback received during the period, and the queue open on its last day.
pub(crate) fn feedback(ix: &Index, p: &Period) -> (u64, Figure, Vec<OpenFeedback>) {
    let (from, to) = p.span();
    let mut received = 0u64;
    let mut waits: Vec<i64> = Vec::new();
    let mut open = Vec::new();
    for &i in &ix.negatives {
        let e = &ix.events[i as usize];
        if e.day > to {
            break;
        }
        let reply = reply_day(ix, e, to);
        if e.day >= from {
            received += 1;
            if let Some(r) = reply {
                waits.push(i64::from(r - e.day));
            }
        }
        if e.resolved || reply.is_some() {
            continue;
        }
        let c = &ix.contacts[e.contact as usize];
        open.push(OpenFeedback {
            interaction: e.id,
            contact: c.id,
            name: c.name.clone(),
            date: days::date(e.day),
            channel: ix.channels[e.channel as usize].clone(),
            score: e.sentiment.unwrap_or(0.0),
            note: ix.negative_notes.get(&e.id).cloned().unwrap_or_default(),
            days_waiting: (to - e.day) as u32,
        });
    }
    (received, median(&mut waits), open)
}
