//! Standup commitments and what became of them: a commitment is **kept** once the person was
//! touched, that is once any outbound interaction with them is dated on or after the standup's
//! day; follow-through is the share of a standup's commitments kept by a later day. The
//! formulas and a worked example are in docs/METRICS.md, *Follow-through*.

use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

use super::churn::{Status, status};
use super::days::{self, Day};
use super::figure::Figure;
use super::index::Index;
use crate::store::{CommitReason, Standup};

/// Days before a standup whose scored activities give a person's sentiment "before".
pub const SENTIMENT_BEFORE_DAYS: i64 = 90;

/// One commitment, reviewed on a later day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reviewed {
    pub contact: Uuid,
    pub name: String,
    pub reason: CommitReason,
    pub intent: String,
    /// The day of the first outbound interaction with the person on or after the standup's
    /// day (and not after the review's); `None`: not touched yet.
    pub touched: Option<Date>,
    /// What changed for the person since the standup, in a fixed order.
    pub changes: Vec<Change>,
}

impl Reviewed {
    pub fn kept(&self) -> bool {
        self.touched.is_some()
    }
}

/// Something that changed for a committed person between the standup and the review.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Picked as at risk, and no longer at risk while still a member.
    BackFromAtRisk,
    /// Picked as at risk, and still at risk.
    StillAtRisk,
    /// Picked as at risk, and silent past the churn threshold since: lapsed.
    Lapsed,
    /// The feedback they were picked for was answered (an outbound reply, or marked answered).
    FeedbackAnswered,
    /// The feedback they were picked for still waits.
    FeedbackWaiting,
    /// Average sentiment of their scored activities in the 90 days before the standup (none
    /// when nothing was scored then) and since the standup.
    Sentiment { before: Option<f64>, since: f64 },
    /// Activities (inbound interactions) by them since the standup.
    Active { activities: u32 },
}

impl Change {
    /// A few words for a slide or a list, e.g. `sentiment −0.40 → +0.50`.
    pub fn describe(&self) -> String {
        let signed = |x: f64| {
            let s = format!("{:+.2}", x);
            s.replace('-', "−")
        };
        match self {
            Change::BackFromAtRisk => "back from at risk".into(),
            Change::StillAtRisk => "still at risk".into(),
            Change::Lapsed => "lapsed (churned)".into(),
            Change::FeedbackAnswered => "feedback answered".into(),
            Change::FeedbackWaiting => "feedback still waiting".into(),
            Change::Sentiment {
                before: Some(b),
                since,
            } => format!("sentiment {} → {}", signed(*b), signed(*since)),
            Change::Sentiment {
                before: None,
                since,
            } => format!("sentiment {}", signed(*since)),
            Change::Active { activities: 1 } => "1 activity".into(),
            Change::Active { activities } => format!("{activities} activities"),
        }
    }
}

/// A standup's commitments reviewed on a later day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowThrough {
    /// The standup's day.
    pub standup: Date,
    /// The day of the review.
    pub as_of: Date,
    /// Commitments to people the store still knows.
    pub made: u64,
    pub kept: u64,
    /// `kept / made`; none without commitments.
    pub rate: Figure,
    pub rows: Vec<Reviewed>,
}

impl FollowThrough {
    /// `1 of 3 kept · follow-through 33.3%`: the one way the figure is written, on the
    /// standup slide and in every report.
    pub fn words(&self) -> String {
        self.figure().words()
    }

    pub fn figure(&self) -> FollowThroughFigure {
        FollowThroughFigure {
            standup: self.standup,
            made: self.made,
            kept: self.kept,
            rate: self.rate,
        }
    }
}

/// The follow-through of a standup without who it was about: what a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FollowThroughFigure {
    pub standup: Date,
    pub made: u64,
    pub kept: u64,
    /// `kept / made`, 0..1.
    pub rate: Figure,
}

impl FollowThroughFigure {
    pub fn words(&self) -> String {
        let pct = self
            .rate
            .value()
            .map_or("n/a".to_string(), |r| format!("{:.1}%", r * 100.0));
        format!("{} of {} kept · follow-through {pct}", self.kept, self.made)
    }
}

/// The follow-through of the last standup before `as_of` that made commitments, as of
/// `as_of`: what a report on `as_of` shows.
pub fn follow_through(
    ix: &Index,
    standups: &[Standup],
    as_of: Date,
) -> Option<FollowThroughFigure> {
    let s = previous(standups, as_of).filter(|s| !s.commitments.is_empty())?;
    Some(review(ix, s, as_of, &|_| false).figure())
}

/// The last standup before `as_of`: the one a standup on `as_of` looks back at.
pub fn previous(standups: &[Standup], as_of: Date) -> Option<&Standup> {
    standups
        .iter()
        .filter(|s| s.date < as_of)
        .max_by_key(|s| s.date)
}

/// The last standup on or before `as_of`: its commitments are the ones open until the next.
pub fn latest(standups: &[Standup], as_of: Date) -> Option<&Standup> {
    standups
        .iter()
        .filter(|s| s.date <= as_of)
        .max_by_key(|s| s.date)
}

/// Reviews the commitments of `standup` on `as_of`; `at_risk_now` tells the contacts at risk on
/// `as_of` (the churn list of that day). Commitments to contacts the store no longer has (or
/// that became team members) are left out.
pub fn review(
    ix: &Index,
    standup: &Standup,
    as_of: Date,
    at_risk_now: &dyn Fn(Uuid) -> bool,
) -> FollowThrough {
    let from = days::day(standup.date);
    let to = days::day(as_of);
    let rows: Vec<Reviewed> = standup
        .commitments
        .iter()
        .filter_map(|c| {
            let at = *ix.by_id.get(&c.contact)? as usize;
            let events = ix.of_contact.row(at);
            let touched = events
                .iter()
                .find(|e| !e.inbound() && e.day >= from && e.day <= to)
                .map(|e| days::date(e.day));
            let mut changes = Vec::new();
            match c.reason {
                CommitReason::AtRisk if at_risk_now(c.contact) => changes.push(Change::StillAtRisk),
                CommitReason::AtRisk if status(ix, at, to) == Status::Churned => {
                    changes.push(Change::Lapsed)
                }
                CommitReason::AtRisk => changes.push(Change::BackFromAtRisk),
                CommitReason::Feedback => {
                    if let Some(answered) = c.feedback.and_then(|id| answered(ix, id, to)) {
                        changes.push(if answered {
                            Change::FeedbackAnswered
                        } else {
                            Change::FeedbackWaiting
                        });
                    }
                }
                CommitReason::NewAdvocate | CommitReason::StayInTouch => {}
            }
            let since: Vec<_> = events
                .iter()
                .filter(|e| e.inbound() && e.day >= from && e.day <= to)
                .collect();
            let since_activities = since.iter().filter(|e| e.activity()).count() as u32;
            if let Some(after) = mean(since.iter().filter_map(|e| e.sentiment())) {
                let start = days::add_days(from, -SENTIMENT_BEFORE_DAYS);
                let before = mean(
                    events
                        .iter()
                        .filter(|e| e.inbound() && e.day >= start && e.day < from)
                        .filter_map(|e| e.sentiment()),
                );
                changes.push(Change::Sentiment {
                    before,
                    since: after,
                });
            }
            if since_activities > 0 {
                changes.push(Change::Active {
                    activities: since_activities,
                });
            }
            Some(Reviewed {
                contact: c.contact,
                name: ix.name(at).into_owned(),
                reason: c.reason,
                intent: c.intent.clone(),
                touched,
                changes,
            })
        })
        .collect();
    let made = rows.len() as u64;
    let kept = rows.iter().filter(|r| r.kept()).count() as u64;
    FollowThrough {
        standup: standup.date,
        as_of,
        made,
        kept,
        rate: Figure::rate(kept, made),
        rows,
    }
}

/// The commitments of the last standup on or before `as_of` not kept yet: what is due until
/// the next standup reviews them.
pub fn open(ix: &Index, standups: &[Standup], as_of: Date) -> Option<FollowThrough> {
    let s = latest(standups, as_of).filter(|s| !s.commitments.is_empty())?;
    let mut f = review(ix, s, as_of, &|_| false);
    f.rows.retain(|r| !r.kept());
    // Only whether each was touched matters here; the rest is for the review.
    for r in &mut f.rows {
        r.changes.clear();
    }
    Some(f)
}

/// Whether negative feedback `id` was answered by day `to`: `None` when the store does not
/// hold it as negative feedback.
fn answered(ix: &Index, id: Uuid, to: Day) -> Option<bool> {
    let neg = ix.negatives.iter().find(|n| n.id == id)?;
    let e = &ix.events[neg.event as usize];
    Some(e.resolved() || neg.reply.is_some_and(|r| r <= to))
}

fn mean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = xs.fold((0.0, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::store::{
        Commitment, Contact, Direction, Interaction, Kind, Moment, Sentiment, SentimentSource,
        Store,
    };

    fn touch(s: &mut Store, who: Uuid, on: Date, dir: Direction, score: Option<f64>) -> Uuid {
        let mut x = Interaction::new(who, Moment::day(on), "email", Kind::Message);
        x.direction = dir;
        x.sentiment = score.map(|score| Sentiment {
            score,
            source: SentimentSource::Manual,
        });
        let id = x.id;
        s.interactions.push(x);
        id
    }

    fn commit(contact: Uuid, reason: CommitReason, feedback: Option<Uuid>) -> Commitment {
        Commitment {
            contact,
            reason,
            intent: String::new(),
            feedback,
        }
    }

    /// The worked example of docs/METRICS.md, *Follow-through*: a standup on 10 March picks
    /// Ada (her complaint of 2 March), Bo (at risk) and Cy (stay in touch); by 17 March Ada
    /// had a reply on the 11th and Bo a call on the standup's own day, Cy nothing outbound.
    #[test]
    fn follow_through_counts_people_touched_on_or_after_the_standup_day() {
        let mut s = Store::default();
        let [ada, bo, cy] = ["Ada", "Bo", "Cy"].map(|n| {
            let c = Contact::new(n, date(2026, 1, 5));
            let id = c.id;
            s.contacts.push(c);
            id
        });
        let complaint = touch(
            &mut s,
            ada,
            date(2026, 3, 2),
            Direction::Inbound,
            Some(-0.6),
        );
        touch(&mut s, ada, date(2026, 3, 11), Direction::Outbound, None);
        touch(
            &mut s,
            ada,
            date(2026, 3, 14),
            Direction::Inbound,
            Some(0.4),
        );
        // Before the standup: does not keep the commitment.
        touch(&mut s, cy, date(2026, 3, 9), Direction::Outbound, None);
        // Inbound after it: activity, not a touch.
        touch(&mut s, cy, date(2026, 3, 12), Direction::Inbound, None);
        touch(&mut s, bo, date(2026, 3, 10), Direction::Outbound, None);
        // After the review's day: not counted yet.
        touch(&mut s, cy, date(2026, 3, 18), Direction::Outbound, None);
        s.sort_canonical();
        let mut standup = Standup::new(date(2026, 3, 10), Default::default());
        standup.commitments = vec![
            commit(ada, CommitReason::Feedback, Some(complaint)),
            commit(bo, CommitReason::AtRisk, None),
            commit(cy, CommitReason::StayInTouch, None),
        ];
        s.standups.push(standup.clone());
        let ix = Index::new(&s);
        let f = review(&ix, &standup, date(2026, 3, 17), &|c| c == bo);
        assert_eq!((f.made, f.kept), (3, 2));
        assert_eq!(f.words(), "2 of 3 kept · follow-through 66.7%");
        let touched: Vec<Option<Date>> = f.rows.iter().map(|r| r.touched).collect();
        assert_eq!(
            touched,
            [Some(date(2026, 3, 11)), Some(date(2026, 3, 10)), None]
        );
        assert_eq!(
            f.rows[0].changes,
            [
                Change::FeedbackAnswered,
                Change::Sentiment {
                    before: Some(-0.6),
                    since: 0.4
                },
                Change::Active { activities: 1 },
            ]
        );
        assert_eq!(f.rows[1].changes, [Change::StillAtRisk]);
        assert_eq!(f.rows[2].changes, [Change::Active { activities: 1 }]);
        // The report's figure is the same review's, on the day after the standup or later.
        let fig = follow_through(&ix, &s.standups, date(2026, 3, 17)).unwrap();
        assert_eq!(fig, f.figure());
        assert_eq!(follow_through(&ix, &s.standups, date(2026, 3, 10)), None);
        // Open until touched: only Cy, and by the 18th nobody.
        let open_now = open(&ix, &s.standups, date(2026, 3, 17)).unwrap();
        let open_ids: Vec<Uuid> = open_now.rows.iter().map(|r| r.contact).collect();
        assert_eq!(open_ids, [cy]);
        assert!(
            open(&ix, &s.standups, date(2026, 3, 18))
                .unwrap()
                .rows
                .is_empty()
        );
        // A later standup that picked nobody closes the list: it reviewed these.
        s.standups
            .push(Standup::new(date(2026, 3, 17), Default::default()));
        let ix = Index::new(&s);
        assert_eq!(open(&ix, &s.standups, date(2026, 3, 17)), None);
    }

    #[test]
    fn at_risk_people_come_back_or_lapse_and_unknown_people_are_left_out() {
        let mut s = Store::default();
        s.settings.churn_days = 30;
        let [back, gone] = ["Back", "Gone"].map(|n| {
            let c = Contact::new(n, date(2026, 1, 5));
            let id = c.id;
            s.contacts.push(c);
            id
        });
        touch(&mut s, back, date(2026, 3, 1), Direction::Inbound, None);
        touch(&mut s, back, date(2026, 4, 20), Direction::Inbound, None);
        touch(&mut s, gone, date(2026, 3, 1), Direction::Inbound, None);
        s.sort_canonical();
        let mut standup = Standup::new(date(2026, 3, 25), Default::default());
        standup.commitments = vec![
            commit(back, CommitReason::AtRisk, None),
            commit(gone, CommitReason::AtRisk, None),
            commit(Uuid::from_u128(7), CommitReason::AtRisk, None),
        ];
        let ix = Index::new(&s);
        let f = review(&ix, &standup, date(2026, 4, 21), &|_| false);
        assert_eq!(
            f.made, 2,
            "a commitment to nobody the store knows is left out"
        );
        assert_eq!(f.kept, 0);
        assert_eq!(f.rate.value(), Some(0.0));
        assert_eq!(f.rows[0].changes[0], Change::BackFromAtRisk);
        assert_eq!(f.rows[1].changes, [Change::Lapsed]);
    }
}
