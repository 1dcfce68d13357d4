//! Sentiment metrics: how the community feels (from the stored sentiment of each activity, never
//! rescored here), NPS, CSAT and the queue of negative feedback waiting for an answer.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::days;
use super::figure::{Figure, median};
use super::index::Index;
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
    /// Activities in the period whose note is in another language and nobody has scored yet:
    /// left out of every figure above (never counted as neutral) until a person scores them.
    pub unscored: u64,
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

/// A note in another language that waits for a person's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaitingScore {
    pub interaction: Uuid,
    pub contact: Uuid,
    pub name: String,
    pub date: Date,
    pub channel: String,
    /// ISO 639-1 code of the note's language.
    pub language: String,
    pub note: String,
}

/// Notes in another language up to the period's last day that nobody has scored, newest first.
pub(crate) fn waiting_score(ix: &Index, p: &Period) -> Vec<WaitingScore> {
    let (_, to) = p.span();
    ix.unscored
        .iter()
        .rev()
        .map(|u| (u, &ix.events[u.event as usize]))
        .skip_while(|(_, e)| e.day > to)
        .map(|(u, e)| {
            let c = e.contact as usize;
            WaitingScore {
                interaction: u.id,
                contact: ix.contacts[c].id,
                name: ix.name(c).to_string(),
                date: days::date(e.day),
                channel: ix.channels[e.channel as usize].clone(),
                language: u.language.clone(),
                note: u.note.clone(),
            }
        })
        .collect()
}

/// What one pass over a period's interactions gives: sentiment, NPS, CSAT and sentiment per
/// channel.
pub(crate) struct SentimentPass {
    pub figures: SentimentFigures,
    pub nps: NpsFigures,
    pub csat: Csat,
    pub by_channel: BTreeMap<String, ChannelSentiment>,
}

pub(crate) fn sentiment(ix: &Index, p: &Period) -> SentimentPass {
    let (from, to) = p.span();
    let (mut scored, mut sum, mut pos, mut neu, mut neg) = (0u64, 0f64, 0u64, 0u64, 0u64);
    // Latest answer per contact (NO_ANSWER when none); events are in time order.
    const NO_ANSWER: u8 = u8::MAX;
    let mut latest = vec![NO_ANSWER; ix.contacts.len()];
    let (mut ratings, mut satisfied) = (0u64, 0u64);
    let mut per_channel: Vec<(u64, f64)> = vec![(0, 0.0); ix.channels.len()];
    for e in ix.events_in(from, to) {
        if let Some(n) = e.nps() {
            latest[e.contact as usize] = n;
        }
        if let Some(r) = e.rating() {
            ratings += 1;
            if r >= 4 {
                satisfied += 1;
            }
        }
        let Some(s) = e.sentiment().filter(|_| e.activity()) else {
            continue;
        };
        scored += 1;
        sum += s;
        let ch = &mut per_channel[e.channel as usize];
        ch.0 += 1;
        ch.1 += s;
        match polarity(s) {
            Polarity::Positive => pos += 1,
            Polarity::Neutral => neu += 1,
            Polarity::Negative => neg += 1,
        }
    }
    let (mut promoters, mut passives, mut detractors) = (0u64, 0u64, 0u64);
    for n in latest.iter().filter(|n| **n != NO_ANSWER) {
        match n {
            9.. => promoters += 1,
            7..=8 => passives += 1,
            _ => detractors += 1,
        }
    }
    let responses = promoters + passives + detractors;
    let by_channel = per_channel
        .into_iter()
        .enumerate()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(ch, (n, s))| {
            (
                ix.channels[ch].clone(),
                ChannelSentiment {
                    scored: n,
                    average: Figure::mean(s, n),
                },
            )
        })
        .collect();
    SentimentPass {
        figures: SentimentFigures {
            scored,
            average: Figure::mean(sum, scored),
            positive: pos,
            neutral: neu,
            negative: neg,
            net: Figure::ratio(100.0 * (pos as f64 - neg as f64), scored as f64),
            unscored: ix
                .unscored
                .iter()
                .map(|u| ix.events[u.event as usize].day)
                .filter(|d| (from..=to).contains(d))
                .count() as u64,
        },
        nps: NpsFigures {
            responses,
            promoters,
            passives,
            detractors,
            score: Figure::ratio(
                100.0 * (promoters as f64 - detractors as f64),
                responses as f64,
            ),
        },
        csat: Csat {
            ratings,
            satisfied,
            score: Figure::rate(satisfied, ratings),
        },
        by_channel,
    }
}

/// Negative feedback received during the period, the median days to reply, and the queue open
/// on the period's last day: its length, and the items themselves when `list` is set.
pub(crate) fn feedback(
    ix: &Index,
    p: &Period,
    list: bool,
) -> (u64, Figure, u64, Vec<OpenFeedback>) {
    let (from, to) = p.span();
    let mut received = 0u64;
    let mut waits: Vec<i64> = Vec::new();
    let mut open = Vec::new();
    let mut open_count = 0u64;
    for neg in &ix.negatives {
        let e = &ix.events[neg.event as usize];
        if e.day > to {
            break;
        }
        let reply = neg.reply.filter(|r| *r <= to);
        if e.day >= from {
            received += 1;
            if let Some(r) = reply {
                waits.push(i64::from(r - e.day));
            }
        }
        if e.resolved() || reply.is_some() {
            continue;
        }
        open_count += 1;
        if !list {
            continue;
        }
        let c = e.contact as usize;
        open.push(OpenFeedback {
            interaction: neg.id,
            contact: ix.contacts[c].id,
            name: ix.name(c).to_string(),
            date: days::date(e.day),
            channel: ix.channels[e.channel as usize].clone(),
            score: e.sentiment().unwrap_or(0.0),
            note: neg.note.clone(),
            days_waiting: (to - e.day) as u32,
        });
    }
    (received, median(&mut waits), open_count, open)
}
