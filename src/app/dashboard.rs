//! The dashboard's view model: every figure the screens draw, computed once per (store version,
//! period, as-of date) and kept until one of those changes. Widgets read only from here and from
//! the app's selection state, never from raw arithmetic of their own.

use std::collections::BTreeMap;

use jiff::civil::Date;
use uuid::Uuid;

use super::period::Period;
use crate::store::Money;

/// How a figure is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// A 0..1 rate written as a percentage.
    Percent,
    /// A score written with its sign (`+24`), e.g. NPS or net sentiment in -100..100.
    Signed,
    /// Cents.
    Money,
    /// A multiple, `3.2×`.
    Ratio,
    /// A 0..100 score.
    Score,
    /// A plain number with two decimals (purchases per customer).
    Decimal,
}

/// A headline figure with its value in the previous period.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// Stable name, used for standups recorded in the store.
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<f64>,
    pub previous: Option<f64>,
    pub unit: Unit,
    /// Whether a rise is good news (churn and at-risk are not).
    pub higher_is_better: bool,
}

impl Tile {
    pub fn delta(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Engagement {
    /// Inbound interactions per week (or month for long periods): (label, count).
    pub series: Vec<(String, u64)>,
    /// Which of `series`' buckets the period cuts short (its first or last): fewer days, so a
    /// smaller bar that is no fall.
    pub partial: Vec<bool>,
    pub interactions: u64,
    pub active: u64,
    pub contacts: u64,
    /// Channels by inbound interactions in the period, most first.
    pub channels: Vec<(String, u64)>,
    /// Interactions per kind in the period, most first.
    pub kinds: Vec<(String, u64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentimentPane {
    /// Average sentiment (-1..1) per bucket; `None` where nothing was scored.
    pub trend: Vec<(String, Option<f64>)>,
    pub positive: u64,
    pub neutral: u64,
    pub negative: u64,
    pub average: Option<f64>,
    pub nps: Option<f64>,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub csat: Option<f64>,
    pub open_negative: u64,
    /// Activities of the period whose note is in another language and nobody has scored.
    pub unscored: u64,
    /// Average sentiment per channel, most scored first: (channel, average -1..1, scored).
    pub by_channel: Vec<(String, f64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AtRiskRow {
    pub contact: Uuid,
    pub name: String,
    pub days_silent: i64,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChurnPane {
    /// Monthly churn rate (0..1): (label `2026-03`, rate); `None` when nobody was active.
    pub months: Vec<(String, Option<f64>)>,
    pub active: u64,
    /// Active the day before the period, and of those churned on its last day: the churn
    /// rate's own numbers.
    pub active_at_start: u64,
    pub churned: u64,
    /// Churned on the last day, whenever they lapsed.
    pub lapsed: u64,
    pub at_risk: Vec<AtRiskRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AdvocateRow {
    pub contact: Uuid,
    pub name: String,
    pub score: f64,
    /// The largest parts of the score, e.g. "referrals 9.0 · promoter (NPS 9-10) 5.0".
    pub why: String,
    /// Orbit level 1 (ambassadors) to 4 (observers).
    pub level: u8,
    pub referrals: u64,
    pub last_touch: Option<Date>,
}

/// Per-contact figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContactStats {
    pub last_touch: Option<Date>,
    /// Orbit level 1 (ambassadors) to 4 (observers).
    pub level: u8,
    /// Σ activity weights of the contact's inbound interactions in the period.
    pub engagement: f64,
    pub advocacy: f64,
    /// Lifetime revenue up to the as-of date.
    pub revenue: Money,
    pub is_team: bool,
}

impl Default for ContactStats {
    /// A contact the figures do not know yet (added since they were computed) or a team member.
    fn default() -> Self {
        ContactStats {
            last_touch: None,
            level: 4,
            engagement: 0.0,
            advocacy: 0.0,
            revenue: Money::default(),
            is_team: false,
        }
    }
}

/// A row of the stay-in-touch list, as the metrics engine computes it.
pub type DueRow = crate::metrics::DueTouch;

/// A note in another language waiting for a person's score, as the metrics engine lists it.
pub type WaitingRow = crate::metrics::WaitingScore;

#[derive(Clone, Debug, PartialEq)]
pub struct NegativeRow {
    pub interaction: Uuid,
    pub contact: Uuid,
    pub name: String,
    pub date: Date,
    pub days_waiting: i64,
    pub channel: String,
    pub score: f64,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CohortRow {
    /// `2026-03`
    pub month: String,
    pub size: u64,
    /// Share of the cohort active in each following month (0 = the first month).
    pub retention: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub period: Period,
    /// The period the ▲▼ compare with; none for all time.
    pub previous: Option<Period>,
    pub ror_index: Tile,
    /// The parts of the ROR index: (name, weight, 0-100 score or no data).
    pub ror_parts: Vec<(String, f64, Option<f64>)>,
    pub tiles: Vec<Tile>,
    pub engagement: Engagement,
    pub sentiment: SentimentPane,
    pub churn: ChurnPane,
    pub advocates: Vec<AdvocateRow>,
    /// Per-contact figures by id: read through [`Dashboard::stats`]. By id, not by position,
    /// because figures computed in the background may be a store version behind the lists.
    pub(crate) contacts: crate::hash::FxMap<Uuid, ContactStats>,
    pub due: Vec<DueRow>,
    pub negative: Vec<NegativeRow>,
    /// Notes in another language waiting for a score, newest first.
    pub waiting: Vec<WaitingRow>,
    pub cohorts: Vec<CohortRow>,
    /// Contact id → position in `store.contacts` when the figures were computed.
    pub(crate) contact_pos: crate::hash::FxMap<Uuid, usize>,
    /// The names several contacts share, so rows can tell those contacts apart.
    pub namesakes: crate::names::Namesakes,
    pub value: ValuePane,
    pub channels: ChannelsPane,
    pub orbit: OrbitPane,
    /// Contacts who became advocates since the previous period (with the screens' lists).
    pub new_advocates: Vec<crate::metrics::ContactRef>,
    /// The last standup before the as-of date, its commitments reviewed on that date: what a
    /// standup opens with. None without commitments (or for a segment).
    pub since_standup: Option<crate::metrics::commitments::FollowThrough>,
    /// The commitments of the last standup on or before the as-of date not kept yet.
    pub open_commitments: Option<crate::metrics::commitments::FollowThrough>,
}

impl Dashboard {
    /// The figures a standup records: every tile with a value, plus the ROR index.
    pub fn standup_figures(&self) -> BTreeMap<String, f64> {
        std::iter::once(&self.ror_index)
            .chain(&self.tiles)
            .filter_map(|t| Some((t.key.to_string(), t.value?)))
            .collect()
    }

    /// The figures of a contact; defaults for one they do not know.
    pub fn stats(&self, id: Uuid) -> ContactStats {
        self.contacts.get(&id).copied().unwrap_or_default()
    }

    /// The name of a contact as shown (with its handle when another contact shares the
    /// name), for rows that hold only its id.
    pub fn name<'a>(&self, store: &'a crate::store::Store, id: Uuid) -> std::borrow::Cow<'a, str> {
        self.contact_pos
            .get(&id)
            .and_then(|i| store.contacts.get(*i))
            .filter(|c| c.id == id)
            .or_else(|| store.contacts.iter().find(|c| c.id == id))
            .map_or("?".into(), |c| self.namesakes.label(c))
    }

    /// Everything the follow-ups screen lists (stay in touch due or overdue, negative feedback
    /// waiting, notes waiting for a score, standup commitments not kept yet): the count its tab
    /// carries.
    pub fn followups_count(&self) -> usize {
        self.due.len() + self.negative.len() + self.waiting.len() + self.commitments().len()
    }

    /// The commitments not kept yet (see [`Dashboard::open_commitments`]).
    pub fn commitments(&self) -> &[crate::metrics::commitments::Reviewed] {
        self.open_commitments
            .as_ref()
            .map_or(&[], |f| f.rows.as_slice())
    }

    pub fn tile(&self, key: &str) -> Option<&Tile> {
        std::iter::once(&self.ror_index)
            .chain(&self.tiles)
            .find(|t| t.key == key)
    }
}

/// The Value screen: what the relationships returned, against what was put into them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValuePane {
    /// Revenue, AOV, purchase frequency, repeat rate, CLV, CAC, CLV:CAC, cost per new contact,
    /// revenue per invested, invested: each with the previous period's value.
    pub tiles: Vec<Tile>,
    /// The ROR ledger by contact, best net return first.
    pub ledger: Vec<LedgerLine>,
    /// The ledger by tag (`None`: contacts without a tag), best net first.
    pub by_tag: Vec<LedgerLine>,
    /// Revenue of purchases by nobody known (not in the ledger's rows).
    pub unattributed: Money,
    /// Gifts of the period: the activity of each receiver in the window before and after.
    pub gifts: Vec<crate::metrics::GiftRow>,
    /// Receivers' activities before and after, over gifts whose window has closed.
    pub gift_before: u64,
    pub gift_after: u64,
    pub gift_lift: Option<f64>,
    /// Money invested in the period per kind, most first.
    pub invested_by_kind: Vec<(String, Money)>,
}

/// One row of the ROR ledger: returns (revenue, referrals) against investments.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerLine {
    pub contact: Option<Uuid>,
    pub name: String,
    pub revenue: Money,
    pub referrals: u32,
    pub invested: Money,
    pub net: Money,
    pub return_per_invested: Option<f64>,
}

/// The Channels screen: where the community talks, and how far it reaches.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChannelsPane {
    pub rows: Vec<ChannelLine>,
    pub email_sent: u64,
    pub open_rate: Option<f64>,
    pub click_rate: Option<f64>,
    pub visits: u64,
    pub visitors: u64,
    pub returning_visitors: u64,
    /// Shares and mentions per engaged contact.
    pub organic_sharing: Option<f64>,
    pub shares_and_mentions: u64,
    /// Connection growth: connections made in the period (docs/METRICS.md), and that as a
    /// share of those made before it.
    pub connected: u64,
    pub connection_growth: Option<f64>,
    /// Per bucket: (label, new contacts, churned, net, members at its end: contacts not lapsed).
    pub growth: Vec<(String, u64, u64, i64, i64)>,
}

/// One channel's figures in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelLine {
    pub name: String,
    /// Inbound interactions.
    pub interactions: u64,
    /// Contacts active on the channel in the period.
    pub active: u64,
    /// Of those, the share that came back on it after their first time there.
    pub return_rate: Option<f64>,
    pub sentiment: Option<f64>,
    /// The channel's share of the period's inbound interactions, whole percent of 100.
    pub share: u64,
}

/// The Advocates screen's Orbit distribution, movers and referral tree.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrbitPane {
    /// Contacts per Orbit level on the period's last day: levels 1 (closest) to 4.
    pub levels: [u64; 4],
    /// Contacts whose level changed since the previous period's last day, up first.
    pub movers: Vec<crate::metrics::Mover>,
    /// Who brought whom, depth first.
    pub referrals: Vec<crate::metrics::ReferralRow>,
}

impl OrbitPane {
    /// The tree's rows on show: those under a collapsed one are left out.
    pub fn visible(
        &self,
        collapsed: &std::collections::BTreeSet<Uuid>,
    ) -> Vec<&crate::metrics::ReferralRow> {
        let mut out = Vec::new();
        let mut hide_below: Option<u32> = None;
        for r in &self.referrals {
            if let Some(d) = hide_below {
                if r.depth > d {
                    continue;
                }
                hide_below = None;
            }
            if collapsed.contains(&r.contact) && r.descendants > 0 {
                hide_below = Some(r.depth);
            }
            out.push(r);
        }
        out
    }
}
