//! The report as one document (`report --format json`): every figure the dashboard and the
//! digests show and every figure `docs/METRICS.md` defines, by section, for a script or a
//! warehouse. Its shape is described by `docs/report.schema.json`, which the tests hold real
//! reports to.
//!
//! This is a view of a [`Dashboard`]: nothing is computed here, figures are only gathered, so
//! the document and the screens cannot disagree.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::advocates::ContactRef;
use super::churn::{AtRisk, ChurnFigures, CohortRow, DueTouch};
use super::dashboard::{Dashboard, PeriodMetrics};
use super::engagement::{ContactCounts, EmailFigures, WebsiteFigures};
use super::figure::Figure;
use super::ledger::{GiftImpact, Ledger};
use super::orbit::Mover;
use super::period::{Granularity, Period};
use super::referrals::ReferralRow;
use super::ror::RorPart;
use super::sentiment::{Csat, NpsFigures, OpenFeedback, SentimentFigures, WaitingScore};
use super::value::ValueFigures;
use crate::store::{Kind, Money};

/// The whole report: the current period's figures, the lists of people to act on, the series,
/// and `previous` with the same figures for the period before (`null` for all time).
#[derive(Clone, Debug, Serialize)]
pub struct ReportDocument<'a> {
    /// What was asked for: `30d`, `all`, `2026-01-01..2026-03-31`.
    pub spec: String,
    /// The segment the figures are restricted to (`tag:vip`, `channel:discord`), empty for the
    /// whole community.
    pub segment: Vec<String>,
    #[serde(flatten)]
    pub figures: Section<'a>,
    pub at_risk: &'a [AtRisk],
    pub stay_in_touch: &'a [DueTouch],
    pub new_advocates: &'a [ContactRef],
    pub returning_contacts: &'a [ContactRef],
    /// Who brought whom, depth first.
    pub referrals: &'a [ReferralRow],
    pub ledger: Option<&'a Ledger>,
    pub gift_impact: Option<&'a GiftImpact>,
    pub cohorts: &'a [CohortRow],
    pub series: SeriesDoc,
    pub previous: Option<Section<'a>>,
    /// The last standup's commitments kept by the as-of day (none for a segment, or when the
    /// last standup made none).
    pub follow_through: Option<super::commitments::FollowThroughFigure>,
}

/// The figures of one period.
#[derive(Clone, Debug, Serialize)]
pub struct Section<'a> {
    /// The period's last day: point-in-time figures are taken on it.
    pub as_of: Date,
    pub period: Period,
    pub ror_index: Figure,
    /// Each sub-score of the ROR index, its weight and what it adds to the index.
    pub ror_parts: &'a [RorPart],
    pub contacts: &'a ContactCounts,
    pub engagement: EngagementDoc<'a>,
    pub channels: BTreeMap<&'a str, ChannelDoc>,
    pub email: &'a EmailFigures,
    pub web: &'a WebsiteFigures,
    pub sentiment: &'a SentimentFigures,
    pub nps: &'a NpsFigures,
    pub csat: &'a Csat,
    pub feedback: FeedbackDoc<'a>,
    pub churn: &'a ChurnFigures,
    pub value: &'a ValueFigures,
    pub orbit: OrbitDoc<'a>,
    pub advocates: Vec<AdvocateDoc<'a>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EngagementDoc<'a> {
    pub interactions: u64,
    pub active_contacts: u64,
    pub engagement_rate: Figure,
    pub by_channel: &'a BTreeMap<String, u64>,
    pub by_kind: &'a BTreeMap<Kind, u64>,
    /// Shares and mentions in the period.
    pub shares_and_mentions: u64,
    /// `shares_and_mentions / active_contacts`.
    pub organic_sharing_rate: Figure,
    /// Contacts whose activity in the period followed a silence longer than the churn
    /// threshold.
    pub returning_contacts: u64,
    /// Churn events in the period (a contact can churn, return and churn again).
    pub churn_events: u64,
    /// `contacts.new − churn_events`.
    pub net_growth: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChannelDoc {
    /// Activities on the channel in the period.
    pub interactions: u64,
    /// Contacts active on the channel in the period.
    pub active_contacts: u64,
    /// Of those, the share active on it before the period.
    pub return_rate: Figure,
    pub sentiment_average: Figure,
}

#[derive(Clone, Debug, Serialize)]
pub struct FeedbackDoc<'a> {
    /// Negative activities in the period.
    pub received: u64,
    /// Negative feedback still waiting for an answer on the period's last day.
    pub open: u64,
    /// Median days from negative feedback received in the period to our reply.
    pub median_days_to_respond: Figure,
    /// The open items, oldest first (the current period only; `null` in `previous`).
    pub open_items: Option<&'a [OpenFeedback]>,
    /// Notes in another language that nobody has scored, up to the period's last day, newest
    /// first (the current period only; `null` in `previous`). See `sentiment.unscored`.
    pub waiting_score: Option<&'a [WaitingScore]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrbitDoc<'a> {
    /// Contacts per Orbit level, `"1"` (the closest) to `"4"`.
    pub levels: BTreeMap<&'static str, u64>,
    pub gravity: u64,
    /// Contacts whose level changed since the previous period (the current period only).
    pub movers: Option<&'a [Mover]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AdvocateDoc<'a> {
    pub contact: Uuid,
    pub name: &'a str,
    pub score: f64,
    pub orbit: u8,
    pub referrals: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeriesDoc {
    pub granularity: Granularity,
    pub buckets: Vec<BucketDoc>,
}

/// One week or month of the period.
#[derive(Clone, Debug, Serialize)]
pub struct BucketDoc {
    pub label: String,
    pub from: Date,
    pub to: Date,
    /// Cut short by the period (its first or last bucket).
    pub partial: bool,
    pub interactions: u64,
    /// Distinct contacts active in the bucket.
    pub active: u64,
    pub new: u64,
    /// Churn events in the bucket.
    pub churned: u64,
    pub net_growth: i64,
    pub sentiment: Figure,
    pub revenue: Money,
}

impl<'a> Section<'a> {
    fn of(
        m: &'a PeriodMetrics,
        lists: Option<(&'a [OpenFeedback], &'a [Mover], &'a [WaitingScore])>,
    ) -> Self {
        let f = &m.figures;
        let d = &m.details;
        let e = &d.engagement;
        let channels = f
            .engagement
            .by_channel
            .iter()
            .map(|(name, n)| {
                let back = e.channel_return.get(name);
                (
                    name.as_str(),
                    ChannelDoc {
                        interactions: *n,
                        active_contacts: back.map_or(0, |r| r.active),
                        return_rate: back.map_or(Figure::NONE, |r| r.rate),
                        sentiment_average: d
                            .sentiment
                            .by_channel
                            .get(name)
                            .map_or(Figure::NONE, |s| s.average),
                    },
                )
            })
            .collect();
        let o = &d.orbit;
        Section {
            as_of: f.as_of,
            period: f.period,
            ror_index: f.ror_index,
            ror_parts: &d.ror.parts,
            contacts: &f.contacts,
            engagement: EngagementDoc {
                interactions: f.engagement.interactions,
                active_contacts: f.engagement.active_contacts,
                engagement_rate: f.engagement.engagement_rate,
                by_channel: &f.engagement.by_channel,
                by_kind: &f.engagement.by_kind,
                shares_and_mentions: e.shares_and_mentions,
                organic_sharing_rate: e.sharing_per_active,
                returning_contacts: e.returning_contacts,
                churn_events: e.churned,
                net_growth: e.net_growth,
            },
            channels,
            email: &e.email,
            web: &e.website,
            sentiment: &f.sentiment,
            nps: &f.nps,
            csat: &d.sentiment.csat,
            feedback: FeedbackDoc {
                received: d.sentiment.negative_feedback,
                open: d.sentiment.open_feedback,
                median_days_to_respond: d.sentiment.median_days_to_respond,
                open_items: lists.map(|(open, _, _)| open),
                waiting_score: lists.map(|(_, _, waiting)| waiting),
            },
            churn: &f.churn,
            value: &f.value,
            orbit: OrbitDoc {
                levels: BTreeMap::from([
                    ("1", o.level_1),
                    ("2", o.level_2),
                    ("3", o.level_3),
                    ("4", o.level_4),
                ]),
                gravity: o.gravity,
                movers: lists.map(|(_, movers, _)| movers),
            },
            advocates: f
                .advocates
                .iter()
                .map(|a| AdvocateDoc {
                    contact: a.contact,
                    name: &a.name,
                    score: a.score,
                    orbit: a.orbit,
                    referrals: a.referrals,
                })
                .collect(),
        }
    }
}

/// The report of `d` (computed with its highlights, by [`super::compute`]), restricted to
/// `segment`, with the stay-in-touch list of its last day.
pub fn document<'a>(
    d: &'a Dashboard,
    due: &'a [DueTouch],
    segment: &[String],
) -> ReportDocument<'a> {
    let h = d.lists.highlights.as_ref();
    let empty_movers: &[Mover] = &[];
    let now = Section::of(
        &d.current,
        Some((
            d.lists.open_feedback.as_slice(),
            h.map_or(empty_movers, |h| h.movers.as_slice()),
            d.lists.waiting_score.as_slice(),
        )),
    );
    let s = &d.series;
    let buckets = s
        .buckets
        .iter()
        .enumerate()
        .map(|(i, b)| BucketDoc {
            label: b.label.clone(),
            from: b.from,
            to: b.to,
            partial: b.partial,
            interactions: s.interactions[i],
            active: s.active_contacts[i],
            new: s.new_contacts[i],
            churned: s.churned[i],
            net_growth: s.net_growth[i],
            sentiment: s.sentiment_average[i],
            revenue: s.revenue[i],
        })
        .collect();
    ReportDocument {
        spec: d.spec.to_string(),
        segment: segment.to_vec(),
        figures: now,
        at_risk: &d.lists.at_risk,
        stay_in_touch: due,
        new_advocates: h.map_or(&[][..], |h| &h.new_advocates),
        returning_contacts: h.map_or(&[][..], |h| &h.returning),
        referrals: h.map_or(&[][..], |h| &h.referral_tree),
        ledger: h.map(|h| &h.ledger),
        gift_impact: h.map(|h| &h.gift_impact),
        cohorts: &d.lists.cohorts,
        series: SeriesDoc {
            granularity: s.granularity,
            buckets,
        },
        previous: d.previous.as_ref().map(|p| Section::of(p, None)),
        follow_through: None,
    }
}
