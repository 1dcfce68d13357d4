//! Churn and retention: who is active or churned on a day, the churn rate of a period and of each
//! month, who is at risk and why, and cohort retention.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::days::{self, Day};
use super::figure::Figure;
use super::index::Index;
use super::period::Period;

/// Where a contact stands on a day, from its own activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Did something within the churn threshold.
    Active,
    /// Silent for more than the churn threshold.
    Churned,
    /// Has never done anything yet (only created, or only contacted by us).
    NoActivity,
}

pub(crate) fn status(ix: &Index, c: usize, d: Day) -> Status {
    status_of(ix.last_activity(c, d), d, ix.churn_days)
}

/// How many members (contacts not lapsed: an activity within the churn threshold) there are on
/// each of the days `on`: the Channels screen's growth line.
pub fn members_on(ix: &Index, on: &[Date]) -> Vec<u64> {
    on.iter()
        .map(|d| {
            let d = days::day(*d);
            (0..ix.contacts.len())
                .filter(|&c| status(ix, c, d) == Status::Active)
                .count() as u64
        })
        .collect()
}

fn status_of(last: Option<Day>, d: Day, churn_days: i32) -> Status {
    match last {
        None => Status::NoActivity,
        Some(l) if d - l > churn_days => Status::Churned,
        Some(_) => Status::Active,
    }
}

/// The `churn` block of a period's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChurnFigures {
    pub threshold_days: u32,
    /// Contacts active on the last day of the period (did something within the threshold).
    pub active: u64,
    /// Contacts active on the day before the period starts: the churn rate's base.
    pub active_at_start: u64,
    /// Of those, the ones churned on the period's last day: the churn rate's numerator.
    pub churned: u64,
    /// Contacts lapsed on the period's last day, whenever they lapsed (silent for more than the
    /// threshold).
    pub lapsed: u64,
    /// Contacts at risk on the last day of the period (see [`AtRisk`]).
    pub at_risk: u64,
    /// `churned / active_at_start`.
    pub churn_rate: Figure,
    /// The churn rate as a rate per 30 days, `1 − (1 − churn_rate)^(30 / days)`, so periods of
    /// different lengths compare.
    pub monthly_churn_rate: Figure,
}

pub(crate) fn churn_figures(ix: &Index, p: &Period, at_risk: u64) -> ChurnFigures {
    let (from, to) = p.span();
    let (mut active, mut lapsed, mut base, mut lost) = (0u64, 0u64, 0u64, 0u64);
    for c in 0..ix.contacts.len() {
        let now = status(ix, c, to);
        match now {
            Status::Active => active += 1,
            Status::Churned => lapsed += 1,
            Status::NoActivity => continue,
        }
        if status(ix, c, from - 1) == Status::Active {
            base += 1;
            if now == Status::Churned {
                lost += 1;
            }
        }
    }
    let churn_rate = Figure::rate(lost, base);
    ChurnFigures {
        threshold_days: ix.churn_days as u32,
        active,
        active_at_start: base,
        churned: lost,
        lapsed,
        at_risk,
        churn_rate,
        monthly_churn_rate: monthly_rate(churn_rate, p.days()),
    }
}

/// A churn rate over `days` as a rate per 30 days: the share that would churn in 30 days at
/// the same pace, `1 − (1 − rate)^(30 / days)`.
pub fn monthly_rate(rate: Figure, days: u32) -> Figure {
    rate.map(|r| 1.0 - (1.0 - r).powf(30.0 / f64::from(days.max(1))))
}

/// Days on which contacts churned within `from..=to` (a churn happens the day after the silence
/// exceeds the threshold), and for each contact who came back after churning, its first return
/// in the window.
pub(crate) fn churns_and_returns(ix: &Index, from: Day, to: Day) -> (Vec<Day>, Vec<(u32, Day)>) {
    let t = ix.churn_days;
    let mut churns = Vec::new();
    let mut returns = Vec::new();
    for c in 0..ix.contacts.len() {
        let acts = ix.activity_until(c, to);
        // Only gaps ending in the window or starting late enough to churn in it matter: start
        // at the last activity before `from - t - 1`.
        let skip = acts
            .partition_point(|d| *d < from - t - 1)
            .saturating_sub(1);
        let mut returned = false;
        for w in acts[skip..].windows(2) {
            if w[1] - w[0] > t {
                let churn_day = w[0] + t + 1;
                if churn_day >= from {
                    churns.push(churn_day);
                }
                if w[1] >= from && !returned {
                    returns.push((c as u32, w[1]));
                    returned = true;
                }
            }
        }
        if let Some(&last) = acts.last() {
            let churn_day = last + t + 1;
            if (from..=to).contains(&churn_day) {
                churns.push(churn_day);
            }
        }
    }
    (churns, returns)
}

/// An active contact who may be slipping away.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AtRisk {
    pub contact: Uuid,
    pub name: String,
    pub last_activity: Option<Date>,
    /// Days since the contact last did something (none if it never has).
    pub days_silent: Option<u32>,
    pub reasons: Vec<AtRiskReason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum AtRiskReason {
    /// Silent for at least the at-risk threshold after being more active than three quarters of
    /// the active contacts (counted over the 90 days up to its last activity).
    WasVeryActive {
        interactions_90d: u32,
        days_silent: u32,
    },
    /// Its stay-in-touch cadence has passed since the last interaction in either direction.
    CadenceOverdue {
        cadence_days: u32,
        days_since_touch: u32,
    },
}

impl fmt::Display for AtRiskReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The row this is written in already says how long the contact has been silent;
            // the reason adds only what that does not say, each day count named by its clock.
            AtRiskReason::WasVeryActive {
                interactions_90d, ..
            } => write!(
                f,
                "among the most active ({interactions_90d} interactions in the 90 days before \
                 going quiet)"
            ),
            AtRiskReason::CadenceOverdue {
                cadence_days,
                days_since_touch,
            } => write!(
                f,
                "stay in touch every {cadence_days} days; last touched (either way) \
                 {days_since_touch} days ago"
            ),
        }
    }
}

/// Window before going quiet over which "very active" is judged.
pub const AT_RISK_LOOKBACK_DAYS: i32 = 90;

/// Contacts at risk on day `d`, longest silent first (then by name).
pub(crate) fn at_risk(ix: &Index, d: Day) -> Vec<AtRisk> {
    let lookback = AT_RISK_LOOKBACK_DAYS;
    // Activity in the 90 days up to the last activity of every active contact.
    let mut recent: Vec<(usize, Day, u32)> = Vec::new();
    for c in 0..ix.contacts.len() {
        let acts = ix.activity_until(c, d);
        let Some(&last) = acts.last() else { continue };
        if d - last > ix.churn_days {
            continue;
        }
        let n = acts.len() - acts.partition_point(|x| *x <= last - lookback);
        recent.push((c, last, n as u32));
    }
    let mut sorted: Vec<u32> = recent.iter().map(|r| r.2).collect();
    sorted.sort_unstable();
    let active = sorted.len() as u64;

    let mut out: Vec<(usize, Vec<AtRiskReason>)> = Vec::new();
    let mut push = |c: usize, r: AtRiskReason| match out.last_mut() {
        Some((last, reasons)) if *last == c => reasons.push(r),
        _ => out.push((c, vec![r])),
    };
    let mut next = recent.iter().peekable();
    for c in 0..ix.contacts.len() {
        if !ix.exists(c, d) {
            continue;
        }
        if let Some(&(_, last, n)) = next.next_if(|r| r.0 == c) {
            let silent = d - last;
            let less = sorted.partition_point(|x| *x < n) as u64;
            if silent >= ix.at_risk_days && 4 * less >= 3 * active {
                push(
                    c,
                    AtRiskReason::WasVeryActive {
                        interactions_90d: n,
                        days_silent: silent as u32,
                    },
                );
            }
        } else if status(ix, c, d) == Status::Churned {
            continue;
        }
        if let Some(cadence) = ix.contacts[c].cadence_days {
            let touched = ix.last_touch(c, d).unwrap_or(ix.contacts[c].since);
            let since = (d - touched) as u32;
            if since > cadence {
                push(
                    c,
                    AtRiskReason::CadenceOverdue {
                        cadence_days: cadence,
                        days_since_touch: since,
                    },
                );
            }
        }
    }
    let mut list: Vec<AtRisk> = out
        .into_iter()
        .map(|(c, reasons)| {
            let last = ix.last_activity(c, d);
            AtRisk {
                contact: ix.contacts[c].id,
                name: ix.name(c).to_string(),
                last_activity: last.map(days::date),
                days_silent: last.map(|l| (d - l) as u32),
                reasons,
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.days_silent
            .cmp(&a.days_silent)
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

/// Churn within one calendar month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthChurn {
    /// `2026-03`.
    pub month: String,
    pub from: Date,
    /// The month's last day, or the as-of date for the current month.
    pub to: Date,
    /// Contacts active on the day before the month starts.
    pub active_at_start: u64,
    /// Of those, the ones churned on `to`.
    pub churned: u64,
    pub rate: Figure,
}

/// Months shown in the churn chart at least: a year gives seasonal context even for `7d`.
pub const MONTHLY_CHURN_MIN_MONTHS: i32 = 12;

/// Monthly churn for the months overlapping the period, and at least the last twelve months.
pub(crate) fn monthly_churn(ix: &Index, p: &Period) -> Vec<MonthChurn> {
    let (from, to) = p.span();
    let last_key = days::month_key(to);
    let first_key = days::month_key(from).min(last_key - (MONTHLY_CHURN_MIN_MONTHS - 1));
    let months: Vec<(Day, Day)> = (first_key..=last_key)
        .map(|k| (days::month_start(k), days::month_end(k).min(to)))
        .collect();
    let mut base = vec![0u64; months.len()];
    let mut lost = vec![0u64; months.len()];
    for c in 0..ix.contacts.len() {
        let acts = ix.activity_until(c, to);
        if acts.is_empty() {
            continue;
        }
        // Both cut points only move forward, so one walk over the activity days serves all months.
        let (mut a, mut b) = (0usize, 0usize);
        for (i, &(s, e)) in months.iter().enumerate() {
            while a < acts.len() && acts[a] < s {
                a += 1;
            }
            while b < acts.len() && acts[b] <= e {
                b += 1;
            }
            let before = a.checked_sub(1).map(|j| acts[j]);
            if status_of(before, s - 1, ix.churn_days) != Status::Active {
                continue;
            }
            base[i] += 1;
            let at_end = b.checked_sub(1).map(|j| acts[j]);
            if status_of(at_end, e, ix.churn_days) == Status::Churned {
                lost[i] += 1;
            }
        }
    }
    months
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| MonthChurn {
            month: days::month_label(first_key + i as i32),
            from: days::date(s),
            to: days::date(e),
            active_at_start: base[i],
            churned: lost[i],
            rate: Figure::rate(lost[i], base[i]),
        })
        .collect()
}

/// Contacts who first did something in one month, and how many of them are active at the end
/// of each following month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CohortRow {
    /// `2026-03`.
    pub month: String,
    pub size: u64,
    /// `retained[k]`: the share of the cohort with at least one activity in the k-th calendar
    /// month after its first (month 0 is its first, so 100 %); the current month counts up to
    /// the as-of date.
    pub retained: Vec<Figure>,
}

/// Cohorts of the twelve months up to the as-of date (all of them for the period `all`).
pub const COHORT_MONTHS: i32 = 12;

/// How many monthly cohorts a period shows up to day `d`: twelve, or for `all` every month
/// from the first activity on (at least one).
pub(crate) fn cohort_months(ix: &Index, d: Day, everything: bool) -> i32 {
    match (everything, ix.events.first()) {
        (true, Some(e)) => (days::month_key(d) - days::month_key(e.day) + 1).max(1),
        _ => COHORT_MONTHS,
    }
}

pub(crate) fn cohorts(ix: &Index, d: Day, months: i32) -> Vec<CohortRow> {
    let last_key = days::month_key(d);
    let first_key = last_key - (months.max(1) - 1);
    let ends: Vec<Day> = (first_key..=last_key)
        .map(|k| days::month_end(k).min(d))
        .collect();
    let n = ends.len();
    let mut size = vec![0u64; n];
    let mut kept = vec![vec![0u64; n]; n];
    for c in 0..ix.contacts.len() {
        let acts = ix.activity_until(c, d);
        let Some(&first) = acts.first() else { continue };
        let row = days::month_key(first) - first_key;
        if row < 0 {
            continue;
        }
        let row = row as usize;
        size[row] += 1;
        for (k, &end) in ends[row..].iter().enumerate() {
            // Retention by activity in the month itself: "still not churned" would read 100 %
            // for as many months as the churn threshold lasts, whatever people did.
            let start = days::month_start(first_key + (row + k) as i32);
            let from = acts.partition_point(|x| *x < start);
            if acts.get(from).is_some_and(|x| *x <= end) {
                kept[row][k] += 1;
            }
        }
    }
    (0..n)
        .map(|row| CohortRow {
            month: days::month_label(first_key + row as i32),
            size: size[row],
            retained: (0..n - row)
                .map(|k| Figure::rate(kept[row][k], size[row]))
                .collect(),
        })
        .collect()
}

/// A contact whose stay-in-touch cadence is overdue or due within a week.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DueTouch {
    pub contact: Uuid,
    pub name: String,
    pub cadence_days: u32,
    /// The last interaction in either direction; `None` when there has been none yet.
    pub last_touch: Option<Date>,
    /// Days past the due date; negative when due soon.
    pub overdue_days: i64,
}

/// How far ahead the stay-in-touch list looks: contacts due within a week are listed too.
pub const DUE_SOON_DAYS: i64 = 7;

/// The stay-in-touch list on day `as_of`, most overdue first (then by name). Any interaction,
/// either way, counts as a touch; a contact never touched counts from when it joined.
pub fn stay_in_touch(ix: &Index, as_of: Date) -> Vec<DueTouch> {
    stay_in_touch_within(ix, as_of, DUE_SOON_DAYS)
}

/// [`stay_in_touch`] looking `ahead` days ahead instead of a week (`followups --within`).
pub fn stay_in_touch_within(ix: &Index, as_of: Date, ahead: i64) -> Vec<DueTouch> {
    let d = days::day(as_of);
    let mut rows: Vec<DueTouch> = (0..ix.contacts.len())
        .filter(|&c| ix.exists(c, d))
        .filter_map(|c| {
            let p = &ix.contacts[c];
            let cadence = p.cadence_days?;
            let last = ix.last_touch(c, d);
            let overdue = i64::from(d - last.unwrap_or(p.since)) - i64::from(cadence);
            (overdue >= -ahead).then(|| DueTouch {
                contact: p.id,
                name: ix.name(c).to_string(),
                cadence_days: cadence,
                last_touch: last.map(days::date),
                overdue_days: overdue,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then(a.name.cmp(&b.name))
    });
    rows
}
