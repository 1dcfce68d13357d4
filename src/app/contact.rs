//! A contact's page: profile, timeline, and the reasons behind the scores.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::dashboard::Dashboard;
use super::list::ListState;
use crate::metrics;
use crate::store::{Direction, Kind, Store};

#[derive(Clone, Debug, PartialEq)]
pub struct ContactView {
    pub id: Uuid,
    /// Position in `store.contacts` (and `dashboard.contacts`).
    pub index: usize,
    /// The contact's interactions, newest first, by index into `store.interactions`.
    pub timeline: Vec<usize>,
    pub list: ListState,
    /// Activity in the period: (kind, count, weight), largest share first.
    pub engagement_why: Vec<(Kind, u64, u8)>,
    /// The metrics engine's view of the contact (Orbit, advocacy with its reasons, value,
    /// investments, referrals); `None` for team members, whom no figure counts.
    pub detail: Option<metrics::ContactView>,
}

impl ContactView {
    pub fn open(
        id: Uuid,
        store: &Store,
        dash: &Dashboard,
        ix: &metrics::Index,
    ) -> Option<ContactView> {
        store.contact(id)?;
        let mut v = ContactView {
            id,
            index: 0,
            timeline: Vec::new(),
            list: ListState::default(),
            engagement_why: Vec::new(),
            detail: None,
        };
        v.rebuild(store, dash, ix);
        Some(v)
    }

    /// Recomputes after the store or the period changed. A deleted contact leaves an empty page.
    pub fn rebuild(&mut self, store: &Store, dash: &Dashboard, ix: &metrics::Index) {
        let Some(index) = store.contacts.iter().position(|c| c.id == self.id) else {
            self.timeline.clear();
            self.detail = None;
            return;
        };
        self.index = index;
        let mut timeline: Vec<usize> = store
            .interactions
            .iter()
            .enumerate()
            .filter(|(_, x)| x.contact == self.id)
            .map(|(i, _)| i)
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
        let period = metrics::Period::new(dash.period.from, dash.period.to);
        self.detail = metrics::contact_view(ix, self.id, &period);
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
    fn the_page_explains_activity_and_advocacy() {
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
        add(date(2026, 1, 10), Kind::Referral, None, Some(0.6));
        add(date(2026, 3, 20), Kind::Share, None, None);
        add(date(2026, 3, 30), Kind::Survey, Some(10), Some(-0.2));
        let ix = metrics::Index::new(&s);
        let dash = compute(
            &s,
            &ix,
            today,
            PeriodSpec::Days(30),
            &mut Default::default(),
            false,
        );
        let v = ContactView::open(id, &s, &dash, &ix).unwrap();
        // Activity in the 30 days (Mar 2-31): share (weight 7) and survey (4), largest first;
        // the January referral is outside the period.
        let kinds: Vec<Kind> = v.engagement_why.iter().map(|w| w.0).collect();
        assert_eq!(kinds, [Kind::Share, Kind::Survey]);
        assert_eq!(dash.stats(id).engagement, 11.0);
        assert_eq!(v.timeline.len(), 3);
        // Advocacy counts every referral and share, all time, and the latest NPS answer.
        let d = v.detail.as_ref().expect("a contact who is not on the team");
        assert_eq!(d.advocacy.referrals.count, 1);
        assert_eq!(d.advocacy.shares.count, 1);
        assert_eq!(d.advocacy.nps.map(|n| n.answer), Some(10));
        assert_eq!(d.latest_nps, Some(10));
    }
}
