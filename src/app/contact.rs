//! A contact's page: profile, timeline, and the reasons behind the scores.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::dashboard::{ADVOCACY_PARTS, Dashboard};
use super::list::ListState;
use crate::store::{Direction, Kind, Store};

#[derive(Clone, Debug, PartialEq)]
pub struct ContactView {
    pub id: Uuid,
    /// Position in `store.contacts` (and `dashboard.contacts`).
    pub index: usize,
    /// The contact's interactions, newest first, by index into `store.interactions`.
    pub timeline: Vec<usize>,
    pub list: ListState,
    /// Engagement in the period: (kind, count, weight), largest share first.
    pub engagement_why: Vec<(Kind, u64, u8)>,
    /// Advocacy score by source: (label, points), in a fixed order.
    pub advocacy_why: Vec<(&'static str, f64)>,
}

impl ContactView {
    pub fn open(id: Uuid, store: &Store, dash: &Dashboard) -> Option<ContactView> {
        let mut v = ContactView {
            id,
            index: 0,
            timeline: Vec::new(),
            list: ListState::default(),
            engagement_why: Vec::new(),
            advocacy_why: Vec::new(),
        };
        v.rebuild(store, dash);
        store.contact(id).map(|_| v)
    }

    /// Recomputes after the store or the period changed. A deleted contact leaves an empty page.
    pub fn rebuild(&mut self, store: &Store, dash: &Dashboard) {
        let Some(index) = store.contacts.iter().position(|c| c.id == self.id) else {
            self.timeline.clear();
            return;
        };
        self.index = index;
        let mut timeline: Vec<usize> = (0..store.interactions.len())
            .filter(|i| store.interactions[*i].contact == self.id)
            .collect();
        timeline.sort_by(|a, b| {
            let (xa, xb) = (&store.interactions[*a], &store.interactions[*b]);
            (xb.at, xb.id).cmp(&(xa.at, xa.id))
        });
        self.timeline = timeline;
        self.list.clamp(self.timeline.len());

        let mut kinds: BTreeMap<Kind, u64> = BTreeMap::new();
        for &i in &self.timeline {
            let x = &store.interactions[i];
            if x.direction == Direction::Inbound && dash.period.contains(x.at.date) {
                *kinds.entry(x.kind).or_default() += 1;
            }
        }
        let mut why: Vec<(Kind, u64, u8)> = kinds
            .into_iter()
            .map(|(k, n)| (k, n, store.settings.weight(k)))
            .collect();
        why.sort_by_key(|(k, n, w)| (std::cmp::Reverse(n * u64::from(*w)), *k));
        self.engagement_why = why;
        let parts = dash
            .contacts
            .get(index)
            .map(|s| s.advocacy_parts)
            .unwrap_or_default();
        self.advocacy_why = ADVOCACY_PARTS.iter().copied().zip(parts).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::figures::compute;
    use crate::app::period::PeriodSpec;
    use crate::store::{Contact, Interaction, Moment, Sentiment, SentimentSource};
    use jiff::civil::date;

    #[test]
    fn the_score_breakdowns_match_the_hand_computed_parts() {
        let today = date(2026, 3, 31);
        let mut s = Store::default();
        let ada = Contact::new("Ada", date(2026, 1, 1));
        let id = ada.id;
        s.contacts.push(ada);
        let mut add = |d, kind, nps: Option<u8>, score: Option<f64>| {
            let mut x = Interaction::new(id, Moment::day(d), "forum", kind);
            x.nps = nps;
            x.sentiment = score.map(|score| Sentiment {
                score,
                source: SentimentSource::Manual,
            });
            s.interactions.push(x);
        };
        add(date(2026, 3, 1), Kind::Referral, None, Some(0.6));
        add(date(2026, 3, 20), Kind::Share, None, None);
        add(date(2026, 3, 30), Kind::Survey, Some(10), Some(-0.2));
        let dash = compute(&s, today, PeriodSpec::Days(90));
        let v = ContactView::open(id, &s, &dash).unwrap();
        let parts: f64 = v.advocacy_why.iter().map(|(_, p)| p).sum();
        assert!((parts - dash.contacts[0].advocacy).abs() < 1e-9);
        // Referral 30 days ago: 10 × 0.9 = 9; share 11 days ago: 3 × 0.9^(11/30);
        // promoter: 5; sentiment: 5 × (0.6 − 0.2) / 2 = 1.
        assert!((v.advocacy_why[0].1 - 9.0).abs() < 1e-9);
        assert_eq!(v.advocacy_why[3].1, 5.0);
        assert!((v.advocacy_why[4].1 - 1.0).abs() < 1e-9);
        // Engagement in the 90 days: referral 10, share 7, survey 4, largest first.
        let kinds: Vec<Kind> = v.engagement_why.iter().map(|w| w.0).collect();
        assert_eq!(kinds, [Kind::Referral, Kind::Share, Kind::Survey]);
        assert_eq!(dash.contacts[0].engagement, 21.0);
        assert_eq!(v.timeline.len(), 3);
    }
}
