//! Advocacy: who speaks for the community, by how much, and why.
//!
//! The score adds points for what an advocate does (refers people, shares, mentions), says (a
//! promoter's NPS answer), feels (average sentiment) and how recently they were around. Acts lose
//! weight with age: each is worth `0.9^(days / 30)` of its points, so an act a month old counts
//! 90 %, a year old about 28 %.

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::days::{self, Day};
use super::index::Index;
use super::orbit::Orbit;
use crate::store::Kind;

pub const REFERRAL_POINTS: f64 = 10.0;
pub const SHARE_POINTS: f64 = 3.0;
/// For the latest NPS answer of a promoter (9-10); a detractor (0-6) gets the negative.
pub const PROMOTER_POINTS: f64 = 10.0;
/// Multiplied by the average sentiment (-1..1) of the last 365 days.
pub const SENTIMENT_POINTS: f64 = 5.0;
/// For activity today, decaying with the days since the last activity.
pub const RECENCY_POINTS: f64 = 5.0;
/// Weight kept per 30 days of age.
pub const MONTHLY_DECAY: f64 = 0.9;
pub const DECAY_MONTH_DAYS: f64 = 30.0;
/// A score from which a contact counts as an advocate: e.g. a recent promoter who was active
/// lately (10 + 5), or a recent referral plus recent activity.
pub const ADVOCATE_AT: f64 = 15.0;
/// The advocates listed in a period's figures.
pub const TOP_ADVOCATES: usize = 10;
/// The advocates listed on the dashboard's advocates pane.
pub const ADVOCATE_LIST_LEN: usize = 100;

/// Ages (in days) whose decay is looked up instead of computed: ten years.
const DECAY_TABLE_DAYS: usize = 3_653;

/// `0.9^(days / 30)`. Scores add up hundreds of thousands of these, so the first ten years come
/// from a table computed once.
pub fn decay(days: i32) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..DECAY_TABLE_DAYS)
            .map(|d| decay_exact(d as i32))
            .collect()
    });
    let days = days.max(0);
    table
        .get(days as usize)
        .copied()
        .unwrap_or_else(|| decay_exact(days))
}

fn decay_exact(days: i32) -> f64 {
    MONTHLY_DECAY.powf(f64::from(days) / DECAY_MONTH_DAYS)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A contact's advocacy score with the reasons for it: "why is this person here".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Advocacy {
    /// The sum of the points below, not below 0, to two decimals.
    pub score: f64,
    pub referrals: Part,
    /// Shares and mentions.
    pub shares: Part,
    pub nps: Option<NpsPart>,
    pub sentiment: Option<SentimentPart>,
    pub recency: Option<RecencyPart>,
}

/// Acts of one kind, all time, with their decayed points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Part {
    pub count: u32,
    pub points: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NpsPart {
    pub answer: u8,
    pub days_ago: u32,
    pub points: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SentimentPart {
    pub average: f64,
    pub scored: u32,
    pub points: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RecencyPart {
    pub days_silent: u32,
    pub points: f64,
}

impl Advocacy {
    /// One line per part that scored, for the "why is this person here" view.
    pub fn why(&self) -> Vec<String> {
        let mut out = Vec::new();
        let plural = |n: u32, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if self.referrals.count > 0 {
            out.push(format!(
                "{}: {:+.2}",
                plural(self.referrals.count, "referral", "referrals"),
                self.referrals.points
            ));
        }
        if self.shares.count > 0 {
            out.push(format!(
                "{}: {:+.2}",
                plural(self.shares.count, "share or mention", "shares and mentions"),
                self.shares.points
            ));
        }
        if let Some(n) = self.nps {
            out.push(format!(
                "NPS {} ({}): {:+.2}",
                n.answer,
                ago(n.days_ago),
                n.points
            ));
        }
        if let Some(s) = self.sentiment {
            out.push(format!(
                "average sentiment {:+.2} over {}: {:+.2}",
                s.average,
                plural(s.scored, "note", "notes"),
                s.points
            ));
        }
        if let Some(r) = self.recency {
            out.push(format!(
                "last active {}: {:+.2}",
                ago(r.days_silent),
                r.points
            ));
        }
        out
    }
}

/// Contact `c`'s advocacy score on day `d`, with its breakdown.
pub(crate) fn advocacy(ix: &Index, c: usize, d: Day) -> Advocacy {
    let mut a = Advocacy::default();
    // Referred contacts, one record of referrals; `referral` interactions, the other.
    let (mut brought, mut brought_points) = (0u32, 0f64);
    for &r in ix.referred.row(c) {
        let since = ix.contacts[r as usize].since;
        if since <= d {
            brought += 1;
            brought_points += REFERRAL_POINTS * decay(d - since);
        }
    }
    let (mut logged, mut logged_points) = (0u32, 0f64);
    let (mut shares, mut share_points) = (0u32, 0f64);
    let mut latest_nps: Option<(u8, Day)> = None;
    let (mut scored, mut sentiment_sum) = (0u32, 0f64);
    let mut last_active: Option<Day> = None;
    for e in ix.contact_events_until(c, d) {
        if let Some(n) = e.nps() {
            latest_nps = Some((n, e.day));
        }
        if !e.activity() {
            continue;
        }
        last_active = Some(e.day);
        match e.kind {
            Kind::Share | Kind::Mention => {
                shares += 1;
                share_points += SHARE_POINTS * decay(d - e.day);
            }
            Kind::Referral => {
                logged += 1;
                logged_points += REFERRAL_POINTS * decay(d - e.day);
            }
            _ => {}
        }
        if let Some(s) = e.sentiment()
            && d - e.day < 365
        {
            scored += 1;
            sentiment_sum += s;
        }
    }
    // The longer record wins (see `referrals`): each referral counts once.
    a.referrals = if logged > brought {
        Part {
            count: logged,
            points: round2(logged_points),
        }
    } else {
        Part {
            count: brought,
            points: round2(brought_points),
        }
    };
    a.shares = Part {
        count: shares,
        points: round2(share_points),
    };
    a.nps = latest_nps.map(|(answer, day)| {
        let sign = match answer {
            9.. => 1.0,
            7..=8 => 0.0,
            _ => -1.0,
        };
        NpsPart {
            answer,
            days_ago: (d - day) as u32,
            points: round2(sign * PROMOTER_POINTS * decay(d - day)),
        }
    });
    if scored > 0 {
        let average = sentiment_sum / f64::from(scored);
        a.sentiment = Some(SentimentPart {
            average,
            scored,
            points: round2(SENTIMENT_POINTS * average),
        });
    }
    a.recency = last_active.map(|l| RecencyPart {
        days_silent: (d - l) as u32,
        points: round2(RECENCY_POINTS * decay(d - l)),
    });
    let total = a.referrals.points
        + a.shares.points
        + a.nps.map_or(0.0, |n| n.points)
        + a.sentiment.map_or(0.0, |s| s.points)
        + a.recency.map_or(0.0, |r| r.points);
    a.score = round2(total.max(0.0));
    a
}

/// A ranked advocate. In the report's JSON: name, score, orbit (level) and referrals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advocate {
    #[serde(skip)]
    pub contact: Uuid,
    pub name: String,
    pub score: f64,
    /// Orbit level, 1-4.
    pub orbit: u8,
    /// Referrals made, all time.
    pub referrals: u32,
    #[serde(skip)]
    pub why: Advocacy,
}

/// The `limit` best contacts existing on day `d` with a positive score, best first (ties by
/// name).
pub(crate) fn ranking(
    ix: &Index,
    adv: &[Advocacy],
    orbits: &[Orbit],
    d: Day,
    limit: usize,
) -> Vec<Advocate> {
    // Sort positions, not the (large) rows themselves.
    let mut order: Vec<usize> = (0..ix.contacts.len())
        .filter(|&c| ix.exists(c, d) && adv[c].score > 0.0)
        .collect();
    let person = |c: usize| &ix.contacts[c];
    let best_first = |a: &usize, b: &usize| {
        adv[*b]
            .score
            .total_cmp(&adv[*a].score)
            .then_with(|| ix.sort_name(*a).cmp(ix.sort_name(*b)))
            .then(person(*a).id.cmp(&person(*b).id))
    };
    // Only the first `limit` are shown: pick them, then sort just those.
    if order.len() > limit && limit > 0 {
        order.select_nth_unstable_by(limit - 1, best_first);
        order.truncate(limit);
    }
    order.sort_by(best_first);
    order
        .into_iter()
        .take(limit)
        .map(|c| Advocate {
            contact: ix.contacts[c].id,
            name: ix.name(c).to_string(),
            score: adv[c].score,
            orbit: orbits[c].level,
            referrals: adv[c].referrals.count,
            why: adv[c].clone(),
        })
        .collect()
}

/// A contact named in a list of notable moments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContactRef {
    pub contact: Uuid,
    pub name: String,
    /// When it happened, where that is one day (a return); none for a state (a new advocate).
    pub date: Option<Date>,
}

/// Contacts at or above [`ADVOCATE_AT`] now who were not at the end of the previous period.
/// Contacts who are advocates on day `to` (they exist, and score at least the threshold) and
/// were not on the previous period's last day: a subset of the period's advocates.
pub(crate) fn new_advocates(
    ix: &Index,
    now: &[Advocacy],
    before: &[Advocacy],
    to: Day,
) -> Vec<ContactRef> {
    let mut out: Vec<ContactRef> = (0..ix.contacts.len())
        .filter(|&c| {
            now[c].score >= ADVOCATE_AT && ix.exists(c, to) && before[c].score < ADVOCATE_AT
        })
        .map(|c| ContactRef {
            contact: ix.contacts[c].id,
            name: ix.name(c).to_string(),
            date: None,
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

pub(crate) fn returning(ix: &Index, returns: &[(u32, Day)]) -> Vec<ContactRef> {
    let mut out: Vec<ContactRef> = returns
        .iter()
        .map(|&(c, day)| ContactRef {
            contact: ix.contacts[c as usize].id,
            name: ix.name(c as usize).to_string(),
            date: Some(days::date(day)),
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
    out
}

/// `0` → "today", `1` → "1 day ago", `n` → "n days ago".
fn ago(days: impl Into<i64>) -> String {
    match days.into() {
        0 => "today".into(),
        1 => "1 day ago".into(),
        n => format!("{n} days ago"),
    }
}
