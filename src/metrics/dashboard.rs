//! Putting it together: every figure of a period and of the previous one, the series and the
//! lists the dashboard draws, computed in one call from an [`Index`].

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;

use super::advocates::{
    ADVOCATE_AT, ADVOCATE_LIST_LEN, Advocacy, Advocate, ContactRef, TOP_ADVOCATES, advocacy,
    new_advocates, ranking, returning,
};
use super::churn::{self, AtRisk, ChurnFigures, CohortRow, MonthChurn, Status, churns_and_returns};
use super::contact::{ContactFigures, scored_rows, unscored_rows};
use super::days::Day;
use super::engagement::{self, ContactCounts, Engagement, EngagementDetail};
use super::figure::Figure;
use super::index::Index;
use super::ledger::{GiftImpact, Ledger, gift_impact, ledger};
use super::orbit::{Mover, Orbit, OrbitSummary, movers, orbit, summary};
use super::period::{Granularity, Period, PeriodSpec};
use super::referrals::{ReferralRow, referral_tree};
use super::ror::{RorIndex, RorInputs, ror_index};
use super::sentiment::{
    self, NpsFigures, OpenFeedback, SentimentDetail, SentimentFigures, WaitingScore,
};
use super::series::{Series, series_with};
use super::value::{self, ValueFigures};

/// The headline figures of one period, with exactly the keys of `report --format json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// The period's last day: every point-in-time figure (active, churned, at risk, levels,
    /// advocacy) is taken on it.
    pub as_of: Date,
    pub period: Period,
    pub ror_index: Figure,
    pub contacts: ContactCounts,
    pub engagement: Engagement,
    pub sentiment: SentimentFigures,
    pub nps: NpsFigures,
    pub churn: ChurnFigures,
    pub value: ValueFigures,
    /// The top advocates (at most ten).
    pub advocates: Vec<Advocate>,
}

impl Figures {
    /// The numeric figures by dotted name (`engagement.engagement_rate`, `value.revenue`, …),
    /// figures without data left out: what a standup records so the next one can say what
    /// changed since. Lists and per-channel or per-kind breakdowns are not headline figures.
    pub fn headline(&self) -> BTreeMap<String, f64> {
        fn walk(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, f64>) {
            match v {
                serde_json::Value::Number(n) => {
                    if let Some(x) = n.as_f64() {
                        out.insert(prefix.to_string(), x);
                    }
                }
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        if matches!(
                            k.as_str(),
                            "period" | "advocates" | "by_channel" | "by_kind"
                        ) {
                            continue;
                        }
                        let name = if prefix.is_empty() {
                            k.clone()
                        } else {
                            format!("{prefix}.{k}")
                        };
                        walk(&name, v, out);
                    }
                }
                _ => {}
            }
        }
        let mut out = BTreeMap::new();
        if let Ok(v) = serde_json::to_value(self) {
            walk("", &v, &mut out);
        }
        out
    }
}

/// The rest of a period's figures, for the dashboard's panes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Details {
    pub engagement: EngagementDetail,
    pub sentiment: SentimentDetail,
    pub orbit: OrbitSummary,
    /// Contacts whose advocacy score reaches the advocate threshold.
    pub advocates: u64,
    pub ror: RorIndex,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodMetrics {
    pub figures: Figures,
    pub details: Details,
}

/// Lists for the current period (people to act on, grids): those the dashboard's panes show,
/// and the highlights a report adds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lists {
    /// The contacts with the highest positive advocacy scores (at most 100), best first.
    pub advocates: Vec<Advocate>,
    pub at_risk: Vec<AtRisk>,
    /// Open negative feedback, oldest first.
    pub open_feedback: Vec<OpenFeedback>,
    /// Notes in another language waiting for a person's score, newest first.
    pub waiting_score: Vec<WaitingScore>,
    pub monthly_churn: Vec<MonthChurn>,
    pub cohorts: Vec<CohortRow>,
    /// Worked out for a report, and for the dashboard once its Value or Advocates screen is
    /// shown ([`compute_with_rows`] with `screens`).
    pub highlights: Option<Highlights>,
}

/// What changed and what it was worth: the lists a report adds to the dashboard's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Highlights {
    /// Contacts who reached the advocate threshold since the previous period.
    pub new_advocates: Vec<ContactRef>,
    /// Contacts who came back in the period after churning.
    pub returning: Vec<ContactRef>,
    pub movers: Vec<Mover>,
    pub referral_tree: Vec<ReferralRow>,
    pub ledger: Ledger,
    pub gift_impact: GiftImpact,
}

/// Whom a computation is for: the dashboard (the lists its panes show, the contact list's rows,
/// and with `screens` the lists of its Value and Advocates screens) or a report (every list).
#[derive(Clone, Copy, PartialEq)]
enum For {
    Dashboard { screens: bool },
    Report,
}

/// Everything the dashboard shows for one (store, as-of date, period spec).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dashboard {
    pub as_of: Date,
    pub spec: PeriodSpec,
    pub current: PeriodMetrics,
    /// The period of the same length just before, for ▲▼ deltas; none for `all`, which has
    /// nothing before it.
    pub previous: Option<PeriodMetrics>,
    pub series: Series,
    pub lists: Lists,
}

/// Every contact scored on one day, and what follows from those scores and that day alone:
/// the part of a period's figures that depends on its last day but not on its length. Periods
/// that end on the same day (the last 7 days, 30 days, all time) share it, so switching
/// between them scores nobody again.
#[derive(Debug)]
struct Scores {
    on: Day,
    orbits: Vec<Orbit>,
    advocacy: Vec<Advocacy>,
    ranking: Vec<Advocate>,
    at_risk: Vec<AtRisk>,
    summary: OrbitSummary,
    /// Contacts at the advocate threshold, and those of them still active.
    advocates: u64,
    active_advocates: u64,
}

fn scores(ix: &Index, to: Day) -> Scores {
    // Both read each contact's history: one contact at a time keeps it in cache for the second.
    let (orbits, advocacy): (Vec<Orbit>, Vec<Advocacy>) = (0..ix.contacts.len())
        .map(|c| (orbit(ix, c, to), advocacy(ix, c, to)))
        .unzip();
    let mut advocates = 0u64;
    let mut active_advocates = 0u64;
    for (c, a) in advocacy.iter().enumerate() {
        if a.score >= ADVOCATE_AT && ix.exists(c, to) {
            advocates += 1;
            if churn::status(ix, c, to) == Status::Active {
                active_advocates += 1;
            }
        }
    }
    Scores {
        on: to,
        ranking: ranking(ix, &advocacy, &orbits, to, ADVOCATE_LIST_LEN),
        at_risk: churn::at_risk(ix, to),
        summary: summary(ix, &orbits, to),
        orbits,
        advocacy,
        advocates,
        active_advocates,
    }
}

/// Scores worked out from one index, for the last few days asked for, and the lists that do
/// not depend on the period's length. Pure data: the caller keeps it with the index it came
/// from and hands it back with that index only (a new store version starts a new one).
#[derive(Clone, Debug, Default)]
pub struct ScoreCache {
    days: Vec<Arc<Scores>>,
    cohorts: Option<(Day, i32, Arc<Vec<CohortRow>>)>,
}

/// Days of scores kept: the current period's last day, its previous period's, and the previous
/// period's of the period switched from, so switching back and forth between two periods
/// scores nobody (each day is some 10 MB for 100k contacts).
const CACHED_DAYS: usize = 3;

impl ScoreCache {
    fn day(&self, on: Day) -> Option<Arc<Scores>> {
        self.days.iter().find(|s| s.on == on).cloned()
    }

    fn keep(&mut self, s: &Arc<Scores>) {
        self.days.retain(|k| k.on != s.on);
        self.days.insert(0, Arc::clone(s));
        self.days.truncate(CACHED_DAYS);
    }

    fn cohorts(&self, on: Day, months: i32) -> Option<Arc<Vec<CohortRow>>> {
        self.cohorts
            .as_ref()
            .filter(|(d, m, _)| *d == on && *m == months)
            .map(|(_, _, c)| Arc::clone(c))
    }
}

/// What a period's computation leaves behind for the lists.
struct Work {
    metrics: PeriodMetrics,
    scores: Arc<Scores>,
    open: Vec<OpenFeedback>,
    monthly: Vec<MonthChurn>,
    churns: Vec<Day>,
    returns: Vec<(u32, Day)>,
}

/// The figures of period `p`, with its last day's scores when they are known; with `lists`,
/// also the lists only the current period shows.
fn work(ix: &Index, p: &Period, lists: bool, known: Option<Arc<Scores>>) -> Work {
    let (from, to) = p.span();
    let scored = known.unwrap_or_else(|| Arc::new(scores(ix, to)));
    let contacts = engagement::contact_counts(ix, p);
    let (churns, returns) = churns_and_returns(ix, from, to);
    let (engagement, engagement_detail) =
        engagement::engagement(ix, p, &contacts, &churns, returns.len());
    let sentiment::SentimentPass {
        figures: sentiment,
        nps,
        csat,
        by_channel,
    } = sentiment::sentiment(ix, p);
    let (negative_feedback, median_days_to_respond, open_feedback, open) =
        sentiment::feedback(ix, p, lists);
    let churn = churn::churn_figures(ix, p, scored.at_risk.len() as u64);
    let monthly = churn::monthly_churn(ix, p);
    let value = value::value(ix, p, contacts.new, &monthly);
    let ror = ror_index(&RorInputs {
        engagement_rate: engagement.engagement_rate,
        nps: nps.score,
        sentiment_average: sentiment.average,
        active: churn.active,
        churned: churn.lapsed,
        active_advocates: scored.active_advocates,
        revenue: value.revenue,
        investment: value.investment,
    });
    let figures = Figures {
        as_of: p.to,
        period: *p,
        ror_index: ror.score,
        contacts,
        engagement,
        sentiment,
        nps,
        churn,
        value,
        advocates: scored.ranking.iter().take(TOP_ADVOCATES).cloned().collect(),
    };
    let details = Details {
        engagement: engagement_detail,
        sentiment: SentimentDetail {
            by_channel,
            csat,
            negative_feedback,
            open_feedback,
            median_days_to_respond,
        },
        orbit: scored.summary.clone(),
        advocates: scored.advocates,
        ror,
    };
    Work {
        metrics: PeriodMetrics { figures, details },
        scores: scored,
        open,
        monthly,
        churns,
        returns,
    }
}

/// The figures of one period alone (no previous period, series or lists).
pub fn period_metrics(ix: &Index, p: &Period) -> PeriodMetrics {
    work(ix, p, false, None).metrics
}

/// The figures of the period `spec` ending on `as_of` and of the period before it (none for
/// `all`), each on a core of its own, without the series and lists of [`compute`]: what
/// `report --format json` prints.
pub fn figures_of_both(
    ix: &Index,
    as_of: Date,
    spec: &PeriodSpec,
) -> (PeriodMetrics, Option<PeriodMetrics>) {
    let p = ix.period(spec, as_of);
    std::thread::scope(|s| {
        let before = (!p.everything).then(|| s.spawn(|| period_metrics(ix, &p.previous())));
        let now = period_metrics(ix, &p);
        (
            now,
            before.map(|b| b.join().expect("metrics of the previous period")),
        )
    })
}

/// Everything for the period `spec` ending on `as_of`, and for the period before it.
///
/// Pure: the same index, date and spec always give the same dashboard, so callers can cache it
/// per (store version, as-of date, spec) and recompute only when one of those changes.
pub fn compute(ix: &Index, as_of: Date, spec: &PeriodSpec) -> Dashboard {
    compute_both(ix, as_of, spec, For::Report, &mut ScoreCache::default()).0
}

/// [`compute`] for the dashboard: the [`Highlights`] only with `screens` (the Value and
/// Advocates screens show them; the overview does not wait for them), and with the figures of the contact list's rows ([`contact_rows`](super::contact_rows)) for the same
/// period, in the index's order, which share the work of scoring every contact. `cache` holds
/// what earlier calls with the same index worked out, and keeps what this one does.
pub fn compute_with_rows(
    ix: &Index,
    as_of: Date,
    spec: &PeriodSpec,
    cache: &mut ScoreCache,
    screens: bool,
) -> (Dashboard, Vec<ContactFigures>) {
    compute_both(ix, as_of, spec, For::Dashboard { screens }, cache)
}

fn compute_both(
    ix: &Index,
    as_of: Date,
    spec: &PeriodSpec,
    whom: For,
    cache: &mut ScoreCache,
) -> (Dashboard, Vec<ContactFigures>) {
    let report = whom == For::Report;
    let highlighted = report || whom == For::Dashboard { screens: true };
    let p = ix.period(spec, as_of);
    let prev = p.previous();
    let (_, to) = p.span();
    let (known_now, known_before) = (cache.day(to), cache.day(prev.span().1));
    let months = churn::cohort_months(ix, to, p.everything);
    let known_cohorts = cache.cohorts(to, months);
    // The previous period and the lists that do not depend on this one are independent of the
    // rest: a second core works them out meanwhile (a period switch waits for both halves).
    // Those lists go with the half that has its scores already, when only one has; the contact
    // list's rows stay with this period, whose half is the lighter one without them (at 100k
    // interactions, with them on the other core the first figures waited 50 M instructions
    // for that core against 25 M on this one).
    let extras_here = known_now.is_some() && known_before.is_none();
    let extras = || {
        (
            known_cohorts
                .clone()
                .unwrap_or_else(|| Arc::new(churn::cohorts(ix, to, months))),
            highlighted.then(|| (referral_tree(ix), gift_impact(ix, &p))),
        )
    };
    let ((before, beside), (now, here, rows)) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            (
                (!p.everything).then(|| work(ix, &prev, false, known_before)),
                (!extras_here).then(extras),
            )
        });
        let now = work(ix, &p, true, known_now);
        let here = extras_here.then(extras);
        let rows = (!report).then(|| unscored_rows(ix, &p));
        (
            other.join().expect("metrics of the previous period"),
            (now, here, rows),
        )
    });
    let (cohorts, reported) = beside.or(here).expect("the lists went with one half");
    if let Some(before) = &before {
        cache.keep(&before.scores);
    }
    cache.keep(&now.scores);
    cache.cohorts = Some((to, months, Arc::clone(&cohorts)));
    let series = series_with(ix, &p, Granularity::for_period(&p), &now.churns);
    let sn = &now.scores;
    // All time has nothing before it: no one is new to it, and no one moved.
    let highlights = reported.map(|(tree, gift_impact)| Highlights {
        new_advocates: before.as_ref().map_or_else(Vec::new, |b| {
            new_advocates(ix, &sn.advocacy, &b.scores.advocacy, to)
        }),
        returning: returning(ix, &now.returns),
        movers: before.as_ref().map_or_else(Vec::new, |b| {
            movers(ix, &sn.orbits, &b.scores.orbits, prev.span().1)
        }),
        referral_tree: tree,
        ledger: ledger(ix, &p, &sn.advocacy),
        gift_impact,
    });
    let lists = Lists {
        cohorts: cohorts.as_ref().clone(),
        advocates: sn.ranking.clone(),
        at_risk: sn.at_risk.clone(),
        open_feedback: now.open,
        waiting_score: sentiment::waiting_score(ix, &p),
        monthly_churn: now.monthly,
        highlights,
    };
    let rows = rows.map_or_else(Vec::new, |r| scored_rows(r, &sn.orbits, &sn.advocacy));
    let dashboard = Dashboard {
        as_of,
        spec: *spec,
        current: now.metrics,
        previous: before.map(|b| b.metrics),
        series,
        lists,
    };
    (dashboard, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::contact_rows;
    use jiff::civil::date;

    /// The rows made with the dashboard's scores are the rows made on their own.
    #[test]
    fn contact_rows_from_the_dashboard_are_the_contact_rows() {
        let as_of = date(2026, 11, 20);
        let store = crate::demo::demo_store(as_of);
        let ix = Index::new(&store);
        for spec in ["7d", "30d", "90d", "365d", "all"] {
            let spec: PeriodSpec = spec.parse().unwrap();
            let (dash, mut rows) =
                compute_with_rows(&ix, as_of, &spec, &mut ScoreCache::default(), true);
            let mut alone: Vec<_> = contact_rows(&ix, &ix.period(&spec, as_of))
                .into_iter()
                .map(|r| r.figures)
                .collect();
            assert!(!alone.is_empty() && alone.iter().any(|r| r.advocacy > 0.0));
            rows.sort_by_key(|r| r.contact);
            alone.sort_by_key(|r| r.contact);
            assert_eq!(rows, alone, "{spec:?}");
            let reported = compute(&ix, as_of, &spec);
            assert!(
                dash.lists.highlights.is_some(),
                "the Value screen shows the ledger"
            );
            assert_eq!(dash, reported);
        }
    }

    /// What `report --format json` computes is what the dashboard shows.
    #[test]
    fn the_figures_alone_are_the_dashboards_figures() {
        let as_of = date(2026, 11, 20);
        let ix = Index::new(&crate::demo::demo_store(as_of));
        for spec in ["7d", "30d", "365d", "all"] {
            let spec: PeriodSpec = spec.parse().unwrap();
            let d = compute(&ix, as_of, &spec);
            assert_eq!(figures_of_both(&ix, as_of, &spec), (d.current, d.previous));
        }
    }

    /// Switching periods and dates with the scores of earlier switches at hand gives exactly
    /// what computing each afresh gives, and the scores of the days just used are kept.
    #[test]
    fn figures_made_with_kept_scores_are_the_figures_made_afresh() {
        let store = crate::demo::demo_store(date(2026, 11, 20));
        let ix = Index::new(&store);
        let mut cache = ScoreCache::default();
        let steps = [
            ("30d", date(2026, 11, 20)),
            ("7d", date(2026, 11, 20)),
            ("all", date(2026, 11, 20)),
            ("30d", date(2026, 11, 20)),
            ("90d", date(2026, 10, 1)),
            ("7d", date(2026, 11, 20)),
            ("365d", date(2026, 10, 1)),
        ];
        for (spec, as_of) in steps {
            let spec: PeriodSpec = spec.parse().unwrap();
            let fresh = compute_with_rows(&ix, as_of, &spec, &mut ScoreCache::default(), false);
            let kept = compute_with_rows(&ix, as_of, &spec, &mut cache, false);
            assert_eq!(kept, fresh, "{spec:?} to {as_of}");
            let p = ix.period(&spec, as_of);
            assert!(cache.day(p.span().1).is_some());
            assert_eq!(
                cache.day(p.previous().span().1).is_some(),
                !p.everything,
                "all time has no previous period to score"
            );
            assert!(cache.days.len() <= CACHED_DAYS);
        }
    }
}
