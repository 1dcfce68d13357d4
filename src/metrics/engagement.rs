//! Engagement: how much the community does, on which channels, who is active, who is new, and
//! email and website signals.

use std::collections::BTreeMap;

use serde::Serialize;

use super::days::Day;
use super::figure::Figure;
use super::index::Index;
use super::period::Period;
use crate::store::Kind;

/// The `contacts` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContactCounts {
    /// Contacts (not team members) that exist on the last day of the period.
    pub total: u64,
    /// Contacts who joined during the period.
    pub new: u64,
    /// Connection growth: connections made during the period: each contact's first `connect`
    /// on each channel, or, for a contact with none, the day it joined.
    pub connected: u64,
    /// `connected / connections made before the period`; none when there were none.
    pub connection_growth: Figure,
}

/// The `engagement` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Engagement {
    /// Activities in the period: inbound interactions other than emails we sent.
    pub interactions: u64,
    /// Contacts with at least one activity in the period.
    pub active_contacts: u64,
    /// `active_contacts / contacts.total`.
    pub engagement_rate: Figure,
    pub by_channel: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<Kind, u64>,
}

/// More engagement figures for the dashboard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EngagementDetail {
    /// Churn events in the period (a contact can churn, return and churn again).
    pub churned: u64,
    /// New contacts − churn events.
    pub net_growth: i64,
    /// Contacts whose activity in the period followed a silence longer than the churn threshold.
    pub returning_contacts: u64,
    /// Shares and mentions in the period.
    pub shares_and_mentions: u64,
    /// `shares_and_mentions / active_contacts`.
    pub sharing_per_active: Figure,
    /// Per channel: of the contacts active on it in the period, the share active on it before.
    pub channel_return: BTreeMap<String, ChannelReturn>,
    pub email: EmailFigures,
    pub website: WebsiteFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelReturn {
    pub active: u64,
    pub returning: u64,
    pub rate: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmailFigures {
    pub sent: u64,
    pub opened: u64,
    pub clicked: u64,
    /// Opens / emails sent, counting per contact at most as many opens as emails sent to it.
    pub open_rate: Figure,
    /// Clicks / emails sent, counted the same way.
    pub click_rate: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WebsiteFigures {
    pub visits: u64,
    pub visitors: u64,
    /// Visitors in the period who had visited before it.
    pub returning_visitors: u64,
}

/// One channel's figures in a period, for the Channels screen and the report's section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChannelRow {
    pub channel: String,
    /// Inbound interactions (activities) on it.
    pub interactions: u64,
    /// Its share of the period's activities, whole percent; the rows' shares add to 100.
    pub share: u64,
    /// Contacts with an activity on it in the period.
    pub active: u64,
    /// Of those, the share that came back to it after their first time there.
    pub return_rate: Figure,
    /// Average sentiment of its scored activities.
    pub sentiment: Figure,
}

/// Every channel of the period, most activities first (then by name).
pub fn channel_rows(
    e: &Engagement,
    d: &EngagementDetail,
    s: &super::sentiment::SentimentDetail,
) -> Vec<ChannelRow> {
    let counts: Vec<u64> = e.by_channel.values().copied().collect();
    let shares = super::figure::whole_percents(&counts);
    let mut rows: Vec<ChannelRow> = e
        .by_channel
        .iter()
        .zip(shares)
        .map(|((name, n), share)| {
            let back = d.channel_return.get(name);
            ChannelRow {
                channel: name.clone(),
                interactions: *n,
                share,
                active: back.map_or(0, |b| b.active),
                return_rate: back.map_or(Figure::NONE, |b| b.rate),
                sentiment: s.by_channel.get(name).map_or(Figure::NONE, |c| c.average),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.interactions
            .cmp(&a.interactions)
            .then(a.channel.cmp(&b.channel))
    });
    rows
}

pub(crate) fn contact_counts(ix: &Index, p: &Period) -> ContactCounts {
    let (from, to) = p.span();
    let mut total = 0;
    let mut new = 0;
    let (mut connected, mut before) = (0u64, 0u64);
    for (i, c) in ix.contacts.iter().enumerate() {
        if c.since <= to {
            total += 1;
            if c.since >= from {
                new += 1;
            }
        }
        let mut count = |on| {
            if on < from {
                before += 1;
            } else if on <= to {
                connected += 1;
            }
        };
        match ix.connections.row(i) {
            [] => count(c.since),
            days => days.iter().copied().for_each(count),
        }
    }
    ContactCounts {
        total,
        new,
        connected,
        connection_growth: Figure::rate(connected, before),
    }
}

pub(crate) fn engagement(
    ix: &Index,
    p: &Period,
    contacts: &ContactCounts,
    churns: &[Day],
    returns: usize,
) -> (Engagement, EngagementDetail) {
    let (from, to) = p.span();
    let mut interactions = 0u64;
    let mut by_channel_ix = vec![0u64; ix.channels.len()];
    let mut by_kind: BTreeMap<Kind, u64> = BTreeMap::new();
    let mut active = vec![false; ix.contacts.len()];
    let mut active_contacts = 0u64;
    let mut shares = 0u64;
    // (contact, channel) pairs as one sortable word: sorting and deduplicating beats hashing.
    let mut on_channel: Vec<u64> = Vec::new();
    let mut channels_seen = vec![0u64; ix.contacts.len()];
    let mut email = vec![[0u64; 3]; ix.contacts.len()];
    let mut visits = 0u64;
    let mut visitor = vec![false; ix.contacts.len()];
    let (mut visitors, mut returning_visitors) = (0u64, 0u64);

    for e in ix.events_in(from, to) {
        let c = e.contact as usize;
        match e.kind {
            Kind::EmailSent => email[c][0] += 1,
            Kind::EmailOpen => email[c][1] += 1,
            Kind::EmailClick => email[c][2] += 1,
            _ => {}
        }
        if !e.activity() {
            continue;
        }
        interactions += 1;
        by_channel_ix[e.channel as usize] += 1;
        *by_kind.entry(e.kind).or_default() += 1;
        if !active[c] {
            active[c] = true;
            active_contacts += 1;
        }
        // Each (contact, channel) once: the first 64 channels are remembered in a bit mask per
        // contact, so the list to sort stays small.
        let bit = 1u64.checked_shl(e.channel).unwrap_or(0);
        if channels_seen[c] & bit == 0 || bit == 0 {
            channels_seen[c] |= bit;
            on_channel.push(u64::from(e.contact) << 32 | u64::from(e.channel));
        }
        match e.kind {
            Kind::Share | Kind::Mention => shares += 1,
            Kind::Visit => {
                visits += 1;
                if !visitor[c] {
                    visitor[c] = true;
                    visitors += 1;
                    if ix.first_visit[c].is_some_and(|f| f < from) {
                        returning_visitors += 1;
                    }
                }
            }
            _ => {}
        }
    }

    on_channel.sort_unstable();
    on_channel.dedup();
    let mut per_channel = vec![(0u64, 0u64); ix.channels.len()];
    for pair in on_channel {
        let (c, ch) = ((pair >> 32) as u32, pair as u32);
        let r = &mut per_channel[ch as usize];
        r.0 += 1;
        if ix.first_on_channel.get(&(c, ch)).is_some_and(|f| *f < from) {
            r.1 += 1;
        }
    }
    let channel_return: BTreeMap<String, ChannelReturn> = per_channel
        .into_iter()
        .enumerate()
        .filter(|(_, (active, _))| *active > 0)
        .map(|(ch, (active, returning))| {
            (
                ix.channels[ch].clone(),
                ChannelReturn {
                    active,
                    returning,
                    rate: Figure::rate(returning, active),
                },
            )
        })
        .collect();

    let (mut sent, mut opened, mut clicked, mut opened_capped, mut clicked_capped) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    for [s, o, k] in &email {
        sent += s;
        opened += o;
        clicked += k;
        opened_capped += o.min(s);
        clicked_capped += k.min(s);
    }

    let by_channel = by_channel_ix
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .map(|(ch, n)| (ix.channels[ch].clone(), n))
        .collect();
    let churned = churns.len() as u64;
    (
        Engagement {
            interactions,
            active_contacts,
            engagement_rate: Figure::rate(active_contacts, contacts.total),
            by_channel,
            by_kind,
        },
        EngagementDetail {
            churned,
            net_growth: contacts.new as i64 - churned as i64,
            returning_contacts: returns as u64,
            shares_and_mentions: shares,
            sharing_per_active: Figure::rate(shares, active_contacts),
            channel_return,
            email: EmailFigures {
                sent,
                opened,
                clicked,
                open_rate: Figure::rate(opened_capped, sent),
                click_rate: Figure::rate(clicked_capped, sent),
            },
            website: WebsiteFigures {
                visits,
                visitors,
                returning_visitors,
            },
        },
    )
}
