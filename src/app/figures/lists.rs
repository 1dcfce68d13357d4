//! The dashboard's series and lists: buckets, trends, churn by month, at-risk, advocates,
//! follow-ups, cohorts and per-contact figures.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use super::Index;
use crate::app::dashboard::{
    ADVOCACY_PARTS, AdvocateRow, AtRiskRow, ChurnPane, CohortRow, ContactStats, DueRow, NegativeRow,
};
use crate::app::period::{Period, add_days, days_between};
use crate::sentiment::NEGATIVE_AT;
use crate::store::{Direction, Kind, Money};

/// Calendar weeks (Monday first) for periods up to 92 days, months beyond; each cut to the
/// period: (label, from, to).
pub(crate) fn buckets(p: Period) -> Vec<(String, Date, Date)> {
    let mut out = Vec::new();
    if p.days() <= 92 {
        let back = i64::from(p.from.weekday().to_monday_zero_offset());
        let mut start = add_days(p.from, -back);
        while start <= p.to {
            let end = add_days(start, 6);
            out.push((
                start.strftime("%b %-d").to_string(),
                start.max(p.from),
                end.min(p.to),
            ));
            start = add_days(start, 7);
        }
    } else {
        let mut m = month_key(p.from);
        while m <= month_key(p.to) {
            let (a, b) = month_span(m);
            out.push((a.strftime("%b %y").to_string(), a.max(p.from), b.min(p.to)));
            m += 1;
        }
    }
    out
}

pub(crate) fn month_key(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

fn month_span(k: i32) -> (Date, Date) {
    let first = Date::new((k / 12) as i16, (k % 12 + 1) as i8, 1).expect("valid month");
    (first, first.last_of_month())
}

pub(crate) fn sentiment_trend(ix: &Index, p: Period) -> Vec<(String, Option<f64>)> {
    let b = buckets(p);
    let mut sums = vec![(0.0, 0u64); b.len()];
    for &i in &ix.interactions {
        let x = &ix.store.interactions[i];
        let Some(s) = x.sentiment else { continue };
        if let Some(k) = b.iter().position(|b| b.1 <= x.at.date && x.at.date <= b.2) {
            sums[k].0 += s.score;
            sums[k].1 += 1;
        }
    }
    b.into_iter()
        .zip(sums)
        .map(|(b, (s, n))| (b.0, (n > 0).then(|| s / n as f64)))
        .collect()
}

pub(crate) fn average_sentiment(ix: &Index, p: Period) -> Option<f64> {
    let (mut s, mut n) = (0.0, 0u64);
    for &i in &ix.interactions {
        let x = &ix.store.interactions[i];
        if let (true, Some(v)) = (p.contains(x.at.date), x.sentiment) {
            s += v.score;
            n += 1;
        }
    }
    (n > 0).then(|| s / n as f64)
}

pub(crate) fn sentiment_by_channel(ix: &Index, p: Period) -> Vec<(String, f64, u64)> {
    let mut m: BTreeMap<&str, (i64, u64)> = BTreeMap::new();
    for &i in &ix.interactions {
        let x = &ix.store.interactions[i];
        let (true, Some(s)) = (p.contains(x.at.date), x.sentiment) else {
            continue;
        };
        let e = m.entry(x.channel.as_str()).or_default();
        e.0 +=
            i64::from(s.score >= crate::sentiment::POSITIVE_AT) - i64::from(s.score <= NEGATIVE_AT);
        e.1 += 1;
    }
    let mut v: Vec<(String, f64, u64)> = m
        .into_iter()
        .map(|(c, (net, n))| (c.to_string(), net as f64 * 100.0 / n as f64, n))
        .collect();
    v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Monthly churn rate for the months overlapping the period (at least the last 6, at most 12),
/// and the at-risk list as of the period's end.
pub(crate) fn churn(ix: &Index, p: Period) -> ChurnPane {
    let last = month_key(p.to);
    let first = month_key(p.from).clamp(last - 11, last - 5);
    let months = (first..=last)
        .map(|k| {
            let (a, b) = month_span(k);
            let (start, end) = (add_days(a, -1), b.min(ix.as_of));
            let (mut was, mut lost) = (0u64, 0u64);
            for c in ix.contacts() {
                if ix.active_on(c, start) {
                    was += 1;
                    lost += u64::from(!ix.active_on(c, end));
                }
            }
            (
                a.strftime("%b").to_string(),
                (was > 0).then(|| lost as f64 / was as f64),
            )
        })
        .collect();
    let (mut active, mut churned) = (0, 0);
    for c in ix.contacts() {
        if ix.active_on(c, p.to) {
            active += 1;
        } else if ix.last_on_or_before(c, p.to).is_some() {
            churned += 1;
        }
    }
    ChurnPane {
        months,
        active,
        churned,
        at_risk: at_risk(ix, p.to),
    }
}

/// Active contacts silent for at least `at_risk_days` who were among the most active (top
/// quarter over the 90 days before they went quiet), or whose stay-in-touch cadence is overdue.
/// Most silent first.
pub(crate) fn at_risk(ix: &Index, on: Date) -> Vec<AtRiskRow> {
    let s = &ix.store.settings;
    let threshold = i64::from(s.at_risk_days);
    let recent = |c: usize, last: Date| {
        let from = add_days(last, -90);
        ix.activity[c]
            .iter()
            .filter(|d| **d >= from && **d <= last)
            .count()
    };
    let mut counts: Vec<usize> = ix
        .contacts()
        .filter_map(|c| Some(recent(c, ix.last_on_or_before(c, on)?)))
        .collect();
    counts.sort_unstable();
    let top_quarter = counts
        .get(counts.len() * 3 / 4)
        .copied()
        .unwrap_or(usize::MAX)
        .max(2);
    let mut rows = Vec::new();
    for c in ix.contacts() {
        let Some(last) = ix.last_on_or_before(c, on) else {
            continue;
        };
        if !ix.active_on(c, on) {
            continue;
        }
        let silent = days_between(last, on);
        let contact = &ix.store.contacts[c];
        let reason = match contact.cadence_days {
            Some(cad) if silent > i64::from(cad) => {
                format!("cadence {cad}d, {}d overdue", silent - i64::from(cad))
            }
            _ if silent >= threshold && recent(c, last) >= top_quarter => {
                format!("was very active ({} in 90d)", recent(c, last))
            }
            _ => continue,
        };
        rows.push(AtRiskRow {
            contact: contact.id,
            name: contact.name.clone(),
            days_silent: silent,
            reason,
        });
    }
    rows.sort_by(|a, b| b.days_silent.cmp(&a.days_silent).then(a.name.cmp(&b.name)));
    rows
}

/// Orbit level from love: 9-10 → 1, 7-8 → 2, 3-6 → 3, 0-2 → 4.
pub(crate) fn level(love: u8) -> u8 {
    match love {
        9.. => 1,
        7..=8 => 2,
        3..=6 => 3,
        _ => 4,
    }
}

pub(crate) fn contact_stats(ix: &Index, p: Period) -> Vec<ContactStats> {
    let store = ix.store;
    let mut out: Vec<ContactStats> = store
        .contacts
        .iter()
        .map(|c| ContactStats {
            is_team: c.is_team,
            level: 4,
            ..ContactStats::default()
        })
        .collect();
    let year_ago = add_days(ix.as_of, -365);
    let mut nps: HashMap<usize, (Date, u8)> = HashMap::new();
    let mut sentiment: Vec<(f64, u64)> = vec![(0.0, 0); out.len()];
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        let c = ix.pos[&x.contact];
        let st = &mut out[c];
        let d = x.at.date;
        st.interactions += 1;
        st.last_touch = st.last_touch.max(Some(d));
        st.first_touch = Some(st.first_touch.map_or(d, |f| f.min(d)));
        if x.kind == Kind::Purchase {
            st.revenue += x.value.unwrap_or(Money::ZERO);
        }
        if x.direction != Direction::Inbound {
            continue;
        }
        let w = store.settings.weight(x.kind);
        if d >= year_ago {
            st.love = st.love.max(w);
        }
        if p.contains(d) {
            st.engagement += f64::from(w);
        }
        let decay = 0.9f64.powf(days_between(d, ix.as_of) as f64 / 30.0);
        match x.kind {
            Kind::Referral => st.advocacy_parts[0] += 10.0 * decay,
            Kind::Share | Kind::Mention => st.advocacy_parts[1] += 3.0 * decay,
            Kind::Review => st.advocacy_parts[2] += 2.0 * decay,
            _ => {}
        }
        if x.kind == Kind::Referral {
            st.referrals += 1;
        }
        if let Some(n) = x.nps {
            let e = nps.entry(c).or_insert((d, n));
            if d >= e.0 {
                *e = (d, n);
            }
        }
        if let Some(s) = x.sentiment {
            sentiment[c].0 += s.score;
            sentiment[c].1 += 1;
        }
    }
    let mut referred = vec![0u64; out.len()];
    for c in &store.contacts {
        if let Some(&r) = c.referred_by.and_then(|id| ix.pos.get(&id))
            && c.created <= ix.as_of
        {
            referred[r] += 1;
        }
    }
    for v in &store.investments {
        if let Some(&c) = v.contact.and_then(|id| ix.pos.get(&id))
            && v.date <= ix.as_of
        {
            out[c].invested += v.amount;
        }
    }
    for (c, st) in out.iter_mut().enumerate() {
        st.level = level(st.love);
        st.referrals = st.referrals.max(referred[c]);
        if nps.get(&c).is_some_and(|(_, n)| *n >= 9) {
            st.advocacy_parts[3] = 5.0;
        }
        if sentiment[c].1 > 0 {
            st.advocacy_parts[4] = 5.0 * sentiment[c].0 / sentiment[c].1 as f64;
        }
        st.advocacy = st.advocacy_parts.iter().sum::<f64>().max(0.0);
    }
    out
}

pub(crate) fn advocates(ix: &Index, stats: &[ContactStats]) -> Vec<AdvocateRow> {
    let mut rows: Vec<AdvocateRow> = ix
        .contacts()
        .filter(|c| stats[*c].advocacy > 0.0)
        .map(|c| AdvocateRow {
            contact: ix.store.contacts[c].id,
            name: ix.store.contacts[c].name.clone(),
            score: stats[c].advocacy,
            why: why(&stats[c].advocacy_parts),
            level: stats[c].level,
            referrals: stats[c].referrals,
            last_touch: stats[c].last_touch,
        })
        .collect();
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.name.cmp(&b.name)));
    rows.truncate(50);
    rows
}

/// The two largest positive parts of an advocacy score, largest first.
fn why(parts: &[f64; 5]) -> String {
    let mut v: Vec<(usize, f64)> = parts
        .iter()
        .copied()
        .enumerate()
        .filter(|p| p.1 > 0.0)
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    v.iter()
        .take(2)
        .map(|(i, p)| format!("{} {p:.1}", ADVOCACY_PARTS[*i]))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Contacts with a stay-in-touch cadence that is overdue or due within a week, most overdue
/// first. Any logged interaction, either way, counts as a touch.
pub(crate) fn due(ix: &Index) -> Vec<DueRow> {
    let store = ix.store;
    let mut last: Vec<Option<Date>> = vec![None; store.contacts.len()];
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        let c = ix.pos[&x.contact];
        last[c] = last[c].max(Some(x.at.date));
    }
    let mut rows: Vec<DueRow> = ix
        .contacts()
        .filter_map(|c| {
            let contact = &store.contacts[c];
            let cadence = contact.cadence_days?;
            let since = last[c].unwrap_or(contact.created);
            let overdue = days_between(since, ix.as_of) - i64::from(cadence);
            (overdue >= -7 && contact.created <= ix.as_of).then(|| DueRow {
                contact: contact.id,
                name: contact.name.clone(),
                cadence_days: cadence,
                last_touch: last[c],
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

/// Inbound negative feedback not yet answered (resolved by hand, or followed by an outbound
/// interaction with the same contact), oldest first.
pub(crate) fn negative_queue(ix: &Index) -> Vec<NegativeRow> {
    let store = ix.store;
    let mut last_out: Vec<Option<Date>> = vec![None; store.contacts.len()];
    for &i in &ix.interactions {
        let x = &store.interactions[i];
        if x.direction == Direction::Outbound {
            let c = ix.pos[&x.contact];
            last_out[c] = last_out[c].max(Some(x.at.date));
        }
    }
    let mut rows: Vec<NegativeRow> = ix
        .interactions
        .iter()
        .map(|i| &store.interactions[*i])
        .filter(|x| x.direction == Direction::Inbound && !x.resolved)
        .filter_map(|x| {
            let score = x.sentiment?.score;
            let c = ix.pos[&x.contact];
            let answered = last_out[c].is_some_and(|o| o > x.at.date);
            (score <= NEGATIVE_AT && !answered).then(|| NegativeRow {
                interaction: x.id,
                contact: x.contact,
                name: store.contacts[c].name.clone(),
                date: x.at.date,
                days_waiting: days_between(x.at.date, ix.as_of),
                channel: x.channel.clone(),
                score,
                note: x.note.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.cmp(&b.name)));
    rows
}

/// Retention by the month of each contact's first activity, for the last 12 cohorts: the share
/// of each cohort active (≥1 inbound interaction) in each following month.
pub(crate) fn cohorts(ix: &Index) -> Vec<CohortRow> {
    let now = month_key(ix.as_of);
    let mut members: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for c in ix.contacts() {
        if let Some(first) = ix.activity[c].first() {
            let k = month_key(*first);
            if k > now - 12 {
                members.entry(k).or_default().push(c);
            }
        }
    }
    members
        .into_iter()
        .map(|(k, cs)| {
            let retention = (0..=(now - k).min(11))
                .map(|off| {
                    let m = k + off;
                    let kept = cs
                        .iter()
                        .filter(|c| ix.activity[**c].iter().any(|d| month_key(*d) == m))
                        .count();
                    Some(kept as f64 / cs.len() as f64)
                })
                .collect();
            CohortRow {
                month: month_span(k).0.strftime("%Y-%m").to_string(),
                size: cs.len() as u64,
                retention,
            }
        })
        .collect()
}
