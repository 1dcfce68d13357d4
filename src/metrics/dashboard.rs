//! Putting it together: every figure of a period and of the previous one, the series and the
//! lists the dashboard draws, computed in one call from an [`Index`].

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::advocates::{
    ADVOCATE_AT, ADVOCATE_LIST_LEN, Advocacy, Advocate, ContactRef, TOP_ADVOCATES, advocacy,
    new_advocates, ranking, returning,
};
use super::churn::{self, AtRisk, ChurnFigures, CohortRow, MonthChurn, Status, churns_and_returns};
use super::contact::{ContactRow, scored_rows, unscored_rows};
use super::days::Day;
use super::engagement::{self, ContactCounts, Engagement, EngagementDetail};
use super::figure::Figure;
use super::index::Index;
use super::ledger::{GiftImpact, Ledger, gift_impact, ledger};
use super::orbit::{Mover, Orbit, OrbitSummary, movers, orbit, summary};
use super::period::{Granularity, Period, PeriodSpec};
use super::referrals::{ReferralRow, referral_tree};
use super::ror::{RorIndex, RorInputs, ror_index};
use super::sentiment::{self, NpsFigures, OpenFeedback, SentimentDetail, SentimentFigures};
use super::series::{Series, series_with};
use super::value::{self, ValueDetail, ValueFigures};

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
    pub value: ValueDetail,
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

/// Lists for the current period (people to act on, notable moments, grids).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lists {
    /// The contacts with the highest positive advocacy scores (at most 100), best first.
    pub advocates: Vec<Advocate>,
    /// Contacts who reached the advocate threshold since the previous period.
    pub new_advocates: Vec<ContactRef>,
    /// Contacts who came back in the period after churning.
    pub returning: Vec<ContactRef>,
    pub movers: Vec<Mover>,
    pub at_risk: Vec<AtRisk>,
    /// Open negative feedback, oldest first.
    pub open_feedback: Vec<OpenFeedback>,
    pub monthly_churn: Vec<MonthChurn>,
    pub cohorts: Vec<CohortRow>,
    pub referral_tree: Vec<ReferralRow>,
    pub ledger: Ledger,
    pub gift_impact: GiftImpact,
}

/// Everything the dashboard shows for one (store, as-of date, period spec).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dashboard {
    pub as_of: Date,
    pub spec: PeriodSpec,
    pub current: PeriodMetrics,
    /// The period of the same length just before, for ▲▼ deltas.
    pub previous: PeriodMetrics,
    pub series: Series,
    pub lists: Lists,
}

/// What a period's computation leaves behind for the lists.
struct Work {
    metrics: PeriodMetrics,
    advocacy: Vec<Advocacy>,
    orbits: Vec<Orbit>,
    at_risk: Vec<AtRisk>,
    open: Vec<OpenFeedback>,
    monthly: Vec<MonthChurn>,
    churns: Vec<Day>,
    returns: Vec<(u32, Day)>,
    ranking: Vec<Advocate>,
}

/// The figures of period `p`; with `lists`, also the lists only the current period shows.
fn work(ix: &Index, p: &Period, lists: bool) -> Work {
    let (from, to) = p.span();
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
    let at_risk = churn::at_risk(ix, to);
    let churn = churn::churn_figures(ix, p, at_risk.len() as u64);
    let monthly = churn::monthly_churn(ix, p);
    let (value, value_detail) = value::value(ix, p, contacts.new, &monthly);
    // Both read each contact's history: one contact at a time keeps it in cache for the second.
    let (orbits, advocacy): (Vec<Orbit>, Vec<Advocacy>) = (0..ix.contacts.len())
        .map(|c| (orbit(ix, c, to), advocacy(ix, c, to)))
        .unzip();
    let ranking = ranking(ix, &advocacy, &orbits, to, ADVOCATE_LIST_LEN);

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
    let ror = ror_index(&RorInputs {
        engagement_rate: engagement.engagement_rate,
        nps: nps.score,
        sentiment_average: sentiment.average,
        active: churn.active,
        churned: churn.churned,
        active_advocates,
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
        advocates: ranking.iter().take(TOP_ADVOCATES).cloned().collect(),
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
        value: value_detail,
        orbit: summary(ix, &orbits, to),
        advocates,
        ror,
    };
    Work {
        metrics: PeriodMetrics { figures, details },
        advocacy,
        orbits,
        at_risk,
        open,
        monthly,
        churns,
        returns,
        ranking,
    }
}

/// The figures of one period alone (no previous period, series or lists).
pub fn period_metrics(ix: &Index, p: &Period) -> PeriodMetrics {
    work(ix, p, false).metrics
}

/// Everything for the period `spec` ending on `as_of`, and for the period before it.
///
/// Pure: the same index, date and spec always give the same dashboard, so callers can cache it
/// per (store version, as-of date, spec) and recompute only when one of those changes.
pub fn compute(ix: &Index, as_of: Date, spec: &PeriodSpec) -> Dashboard {
    compute_both(ix, as_of, spec, false).0
}

/// [`compute`], and the contact list's rows ([`contact_rows`](super::contact_rows)) for the
/// same period, which share the work of scoring every contact.
pub fn compute_with_rows(
    ix: &Index,
    as_of: Date,
    spec: &PeriodSpec,
) -> (Dashboard, Vec<ContactRow>) {
    compute_both(ix, as_of, spec, true)
}

fn compute_both(
    ix: &Index,
    as_of: Date,
    spec: &PeriodSpec,
    with_rows: bool,
) -> (Dashboard, Vec<ContactRow>) {
    let p = ix.period(spec, as_of);
    let prev = p.previous();
    let (_, to) = p.span();
    // The previous period and the lists that do not depend on this one are independent of the
    // rest: a second core works them out meanwhile (a period switch waits for both halves).
    let ((before, cohorts, referral_tree, gift_impact, rows), now) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            (
                work(ix, &prev, false),
                churn::cohorts(ix, to),
                referral_tree(ix),
                gift_impact(ix, &p),
                with_rows.then(|| unscored_rows(ix, &p)),
            )
        });
        let now = work(ix, &p, true);
        (other.join().expect("metrics of the previous period"), now)
    });
    let series = series_with(ix, &p, Granularity::for_period(&p), &now.churns);
    let lists = Lists {
        new_advocates: new_advocates(ix, &now.advocacy, &before.advocacy),
        returning: returning(ix, &now.returns),
        movers: movers(ix, &now.orbits, &before.orbits, prev.span().1),
        cohorts,
        referral_tree,
        ledger: ledger(ix, &p, &now.advocacy),
        gift_impact,
        advocates: now.ranking,
        at_risk: now.at_risk,
        open_feedback: now.open,
        monthly_churn: now.monthly,
    };
    let rows = rows.map_or_else(Vec::new, |r| scored_rows(r, &now.orbits, &now.advocacy));
    let dashboard = Dashboard {
        as_of,
        spec: *spec,
        current: now.metrics,
        previous: before.metrics,
        series,
        lists,
    };
    (dashboard, rows)
}

/// The `report --format json` document: the current period's figures, then `previous` with the
/// same keys for the period before.
#[derive(Clone, Debug, Serialize)]
pub struct Report<'a> {
    #[serde(flatten)]
    pub current: &'a Figures,
    pub previous: &'a Figures,
}

pub fn report(d: &Dashboard) -> Report<'_> {
    Report {
        current: &d.current.figures,
        previous: &d.previous.figures,
    }
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
            let (dash, rows) = compute_with_rows(&ix, as_of, &spec);
            let alone = contact_rows(&ix, &ix.period(&spec, as_of));
            assert!(!alone.is_empty() && alone.iter().any(|r| r.advocacy > 0.0));
            assert_eq!(rows, alone, "{spec:?}");
            assert_eq!(dash, compute(&ix, as_of, &spec));
        }
    }
}
