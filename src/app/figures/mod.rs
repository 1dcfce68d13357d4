//! Builds the dashboard's view model from the metrics engine (`crate::metrics`): the engine
//! computes every figure; this module only picks what the screens show and shapes it for them.

use jiff::civil::Date;
use uuid::Uuid;

use super::dashboard::{
    AdvocateRow, AtRiskRow, ChurnPane, CohortRow, ContactStats, Dashboard, Engagement, NegativeRow,
    SentimentPane, Tile, Unit,
};
use super::period::PeriodSpec;
use crate::hash::FxMap;
use crate::metrics::{self, Index};
use crate::store::Store;

mod screens;

/// Computes the whole dashboard for a period ending on `as_of`, from an index of the store;
/// the Value, Channels and Advocates screens' lists only `with_screens`.
pub fn compute(
    store: &Store,
    ix: &Index,
    as_of: Date,
    spec: PeriodSpec,
    scores: &mut metrics::ScoreCache,
    with_screens: bool,
) -> Dashboard {
    // The stay-in-touch list and the contacts by id need nothing else computed here: a thread
    // of their own works them out beside the metrics.
    let ((m, rows), (due, pos)) = std::thread::scope(|s| {
        let side = s.spawn(|| {
            let mut pos = FxMap::default();
            pos.reserve(store.contacts.len());
            pos.extend(store.contacts.iter().enumerate().map(|(i, c)| (c.id, i)));
            (metrics::stay_in_touch(ix, as_of), pos)
        });
        let m = metrics::compute_with_rows(ix, as_of, &spec, scores, with_screens);
        (m, side.join().expect("the stay-in-touch list"))
    });
    let contacts = contact_stats(store, &rows);
    let (cur, prev) = (&m.current, m.previous.as_ref());
    let period = cur.figures.period;
    let tile =
        |key, label, unit, better, f: &dyn Fn(&metrics::PeriodMetrics) -> Option<f64>| Tile {
            key,
            label,
            value: f(cur),
            previous: prev.and_then(f),
            unit,
            higher_is_better: better,
        };
    let tiles = vec![
        tile("active_contacts", "Engaged", Unit::Count, true, &|p| {
            Some(p.figures.engagement.active_contacts as f64)
        }),
        tile("engagement_rate", "Eng. rate", Unit::Percent, true, &|p| {
            p.figures.engagement.engagement_rate.value()
        }),
        tile("net_sentiment", "Sentiment", Unit::Signed, true, &|p| {
            p.figures.sentiment.net.value()
        }),
        tile("nps", "NPS", Unit::Signed, true, &|p| {
            p.figures.nps.score.value()
        }),
        tile("churn_rate", "Churn", Unit::Percent, false, &|p| {
            p.figures.churn.churn_rate.value()
        }),
        tile("at_risk", "At risk", Unit::Count, false, &|p| {
            Some(p.figures.churn.at_risk as f64)
        }),
        tile("revenue", "Revenue", Unit::Money, true, &|p| {
            Some(p.figures.value.revenue.cents() as f64)
        }),
        tile("clv_cac", "CLV:CAC", Unit::Ratio, true, &|p| {
            p.figures.value.clv_cac.value()
        }),
    ];
    let ror_index = tile("ror_index", "ROR index", Unit::Score, true, &|p| {
        p.figures.ror_index.value()
    });
    let ror_parts = cur
        .details
        .ror
        .parts
        .iter()
        .map(|p| (p.name.to_string(), p.weight, p.score.value()))
        .collect();

    let last_touch = |id: &Uuid| contacts.get(id).and_then(|s| s.last_touch);

    let e = &cur.figures.engagement;
    let engagement = Engagement {
        series: m
            .series
            .buckets
            .iter()
            .zip(&m.series.interactions)
            .map(|(b, n)| (short_label(b.from, b.to, m.series.granularity), *n))
            .collect(),
        partial: m.series.buckets.iter().map(|b| b.partial).collect(),
        interactions: e.interactions,
        active: e.active_contacts,
        contacts: cur.figures.contacts.total,
        channels: most_first(e.by_channel.iter().map(|(k, v)| (k.clone(), *v))),
        kinds: most_first(e.by_kind.iter().map(|(k, v)| (k.as_str().to_string(), *v))),
    };
    let s = &cur.figures.sentiment;
    let nps = &cur.figures.nps;
    let mut by_channel: Vec<(String, f64, u64)> = cur
        .details
        .sentiment
        .by_channel
        .iter()
        .filter_map(|(ch, c)| Some((ch.clone(), c.average.value()?, c.scored)))
        .collect();
    by_channel.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let sentiment = SentimentPane {
        trend: m
            .series
            .buckets
            .iter()
            .zip(&m.series.sentiment_average)
            .map(|(b, v)| (short_label(b.from, b.to, m.series.granularity), v.value()))
            .collect(),
        positive: s.positive,
        neutral: s.neutral,
        negative: s.negative,
        average: s.average.value(),
        nps: nps.score.value(),
        promoters: nps.promoters,
        passives: nps.passives,
        detractors: nps.detractors,
        csat: cur.details.sentiment.csat.score.value(),
        open_negative: m.lists.open_feedback.len() as u64,
        unscored: s.unscored,
        by_channel,
    };
    let churn = ChurnPane {
        months: m
            .lists
            .monthly_churn
            .iter()
            .map(|mc| (mc.from.strftime("%b").to_string(), mc.rate.value()))
            .collect(),
        active: cur.figures.churn.active,
        active_at_start: cur.figures.churn.active_at_start,
        churned: cur.figures.churn.churned,
        lapsed: cur.figures.churn.lapsed,
        at_risk: m
            .lists
            .at_risk
            .iter()
            .map(|r| AtRiskRow {
                contact: r.contact,
                name: r.name.clone(),
                days_silent: r.days_silent.map_or(0, i64::from),
                reason: r
                    .reasons
                    .iter()
                    .map(short_reason)
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect(),
    };
    let advocates = m
        .lists
        .advocates
        .iter()
        .map(|a| AdvocateRow {
            contact: a.contact,
            name: a.name.clone(),
            score: a.score,
            why: short_why(&a.why),
            level: a.orbit,
            referrals: u64::from(a.referrals),
            last_touch: last_touch(&a.contact),
        })
        .collect();
    let negative = m
        .lists
        .open_feedback
        .iter()
        .map(|o| NegativeRow {
            interaction: o.interaction,
            contact: o.contact,
            name: o.name.clone(),
            date: o.date,
            days_waiting: i64::from(o.days_waiting),
            channel: o.channel.clone(),
            score: o.score,
            note: o.note.clone(),
        })
        .collect();
    // A month nobody first came in has no row: nine rows of `0 · · ·` say nothing.
    let cohorts = m
        .lists
        .cohorts
        .iter()
        .filter(|c| c.size > 0)
        .map(|c| CohortRow {
            month: c.month.clone(),
            size: c.size,
            retention: c.retained.iter().map(|f| f.value()).collect(),
        })
        .collect();
    // Commitments are the whole community's: a segment's figures review none.
    let whole = ix.store_contacts() == store.contacts.len();
    let (since_standup, open_commitments) = if whole {
        let at_risk: crate::hash::FxSet<Uuid> = m.lists.at_risk.iter().map(|r| r.contact).collect();
        (
            metrics::commitments::previous(&store.standups, as_of)
                .filter(|s| !s.commitments.is_empty())
                .map(|s| metrics::commitments::review(ix, s, as_of, &|c| at_risk.contains(&c))),
            metrics::commitments::open(ix, &store.standups, as_of),
        )
    } else {
        (None, None)
    };
    Dashboard {
        since_standup,
        open_commitments,
        new_advocates: m
            .lists
            .highlights
            .as_ref()
            .map(|h| h.new_advocates.clone())
            .unwrap_or_default(),
        period,
        previous: prev.map(|p| p.figures.period),
        ror_index,
        ror_parts,
        tiles,
        engagement,
        sentiment,
        churn,
        advocates,
        due,
        negative,
        waiting: m.lists.waiting_score.clone(),
        cohorts,
        contacts,
        contact_pos: pos,
        // Found once, by the index, unless it is a segment's: the lists that read the whole
        // store (the log) must tell apart namesakes the segment leaves out.
        namesakes: if whole {
            ix.namesakes().clone()
        } else {
            crate::names::Namesakes::of(store.contacts.iter())
        },
        // The Value, Channels and Advocates screens' lists: once one of them has been shown
        // (the overview, and so the first frame, never waits for them).
        value: if with_screens {
            screens::value(&m, cur, prev, invested_by_kind(store, &period))
        } else {
            Default::default()
        },
        orbit: if with_screens {
            screens::orbit(&m, cur)
        } else {
            Default::default()
        },
        channels: if with_screens {
            screens::channels(&m, cur, ix, &|b| {
                short_label(b.from, b.to, m.series.granularity)
            })
        } else {
            Default::default()
        },
    }
}

/// Money invested in `period` per kind, most first.
fn invested_by_kind(store: &Store, period: &metrics::Period) -> Vec<(String, crate::store::Money)> {
    let all: Vec<usize> = (0..store.investments.len()).collect();
    crate::app::investments::totals(store, &all, period)
        .0
        .into_iter()
        .map(|(k, m)| (k.as_str().to_string(), m))
        .collect()
}

/// The two biggest parts of an advocacy score, biggest first: "42 shares +84.4 · NPS 9 +9.8".
/// The contact page lists every part in full.
fn short_why(a: &metrics::Advocacy) -> String {
    let count = |n: u32, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut parts: Vec<(String, f64)> = Vec::new();
    if a.referrals.count > 0 {
        parts.push((count(a.referrals.count, "referral"), a.referrals.points));
    }
    if a.shares.count > 0 {
        parts.push((count(a.shares.count, "share"), a.shares.points));
    }
    if let Some(n) = a.nps {
        parts.push((format!("NPS {}", n.answer), n.points));
    }
    if let Some(s) = a.sentiment {
        parts.push(("sentiment".to_string(), s.points));
    }
    if let Some(r) = a.recency {
        parts.push(("recent".to_string(), r.points));
    }
    parts.sort_by(|x, y| y.1.total_cmp(&x.1));
    parts
        .iter()
        .filter(|p| p.1 > 0.0)
        .take(2)
        .map(|(label, pts)| format!("{label} +{pts:.1}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "among the most active (...)" is long for a table cell; the full text is on the contact page.
fn short_reason(r: &metrics::AtRiskReason) -> String {
    match r {
        metrics::AtRiskReason::WasVeryActive {
            interactions_90d, ..
        } => format!("was very active ({interactions_90d} in 90d)"),
        metrics::AtRiskReason::CadenceOverdue {
            cadence_days,
            days_since_touch,
        } => format!("cadence {cadence_days}d, last touch {days_since_touch}d ago"),
    }
}

/// `Mar 2` for a week, `Mar '26` for a month.
fn short_label(from: Date, _to: Date, g: metrics::Granularity) -> String {
    match g {
        metrics::Granularity::Week => from.strftime("%b %-d").to_string(),
        // `Dec '25`, not `Dec 25`, which reads as a day.
        metrics::Granularity::Month => from.strftime("%b '%y").to_string(),
    }
}

fn most_first(items: impl Iterator<Item = (String, u64)>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = items.filter(|(_, n)| *n > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Per-contact figures by id, from the engine's contact rows (team members, who have none, and
/// contacts who have not joined yet keep the defaults).
fn contact_stats(store: &Store, rows: &[metrics::ContactFigures]) -> FxMap<Uuid, ContactStats> {
    let mut out: FxMap<Uuid, ContactStats> = FxMap::default();
    out.reserve(store.contacts.len());
    for c in &store.contacts {
        let stats = ContactStats {
            is_team: c.is_team,
            ..ContactStats::default()
        };
        out.insert(c.id, stats);
    }
    for r in rows {
        if let Some(st) = out.get_mut(&r.contact) {
            st.last_touch = r.last_touch;
            st.level = r.level;
            st.advocacy = r.advocacy;
            st.revenue = r.lifetime_revenue;
            st.engagement = r.activity;
        }
    }
    out
}
