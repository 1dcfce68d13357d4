//! Standup mode: full-screen slides of the headline figures, compared with the last standup;
//! what became of that standup's commitments; and the Commitments slide, where the people to act
//! on before the next standup are picked.

use std::collections::BTreeMap;

use jiff::civil::Date;
use uuid::Uuid;

use super::dashboard::Dashboard;
use super::list::ListState;
use super::screens::PaneId;
use crate::store::{CommitReason, Commitment, Standup, Store};

/// One slide of a standup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    /// What became of the last standup's commitments (only when it made some).
    Since,
    Headlines,
    Pane(PaneId),
    Value,
    Channels,
    Commitments,
}

impl Slide {
    pub fn title(self) -> &'static str {
        match self {
            Slide::Since => "Since last standup",
            Slide::Headlines => "Headlines",
            Slide::Pane(p) => p.title(),
            Slide::Value => "Value",
            Slide::Channels => "Channels",
            Slide::Commitments => "Commitments",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StandupState {
    pub slides: Vec<Slide>,
    pub slide: usize,
    /// The last standup before today, for "since last standup".
    pub previous: Option<Standup>,
    /// Whether today's figures were written to the store.
    pub recorded: bool,
    /// The person selected on the Commitments slide.
    pub pick: ListState,
}

impl StandupState {
    /// Starts a standup on `today`; records `figures` in the store when `record` is set,
    /// replacing the figures of a standup already recorded today (its commitments stay). The
    /// last standup's commitments, when it made some, have the first slide.
    pub fn start(
        store: &mut Store,
        today: Date,
        figures: BTreeMap<String, f64>,
        record: bool,
    ) -> StandupState {
        let previous = crate::metrics::commitments::previous(&store.standups, today).cloned();
        if record {
            let mut standup = Standup::new(today, figures);
            if let Some(at) = store.standups.iter().position(|s| s.date == today) {
                standup.commitments = store.standups.remove(at).commitments;
            }
            store.standups.push(standup);
            store.standups.sort_by_key(|s| s.date);
        }
        let since = previous.as_ref().is_some_and(|p| !p.commitments.is_empty());
        let slides = since
            .then_some(Slide::Since)
            .into_iter()
            .chain([Slide::Headlines])
            .chain(PaneId::ALL.map(Slide::Pane))
            .chain([Slide::Value, Slide::Channels, Slide::Commitments])
            .collect();
        StandupState {
            slides,
            slide: 0,
            previous,
            recorded: record,
            pick: ListState::default(),
        }
    }

    /// The value of a figure at the previous standup.
    pub fn before(&self, key: &str) -> Option<f64> {
        self.previous.as_ref()?.figures.get(key).copied()
    }

    pub fn current(&self) -> Slide {
        self.slides[self.slide.min(self.slides.len() - 1)]
    }

    /// Shows `slide`, if the standup has it.
    pub fn go(&mut self, slide: Slide) {
        if let Some(i) = self.slides.iter().position(|s| *s == slide) {
            self.slide = i;
        }
    }
}

/// Someone the Commitments slide offers to act on.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub contact: Uuid,
    pub name: String,
    pub reason: CommitReason,
    /// Why they are listed, e.g. `silent 41d` or `waiting 6d: "the export broke"`.
    pub why: String,
    pub feedback: Option<Uuid>,
}

impl Candidate {
    pub fn commitment(&self, intent: String) -> Commitment {
        Commitment {
            contact: self.contact,
            reason: self.reason,
            intent,
            feedback: self.feedback,
        }
    }
}

/// The people to pick from, once each, in the order the slide lists them: at risk, new
/// advocates, negative feedback waiting (oldest first), stay in touch due today or overdue;
/// then anyone already committed today who is no longer on those lists, so they can be dropped.
pub fn candidates(d: &Dashboard, committed: &[Commitment], store: &Store) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut push = |c: Candidate| {
        if !out.iter().any(|o| o.contact == c.contact) {
            out.push(c);
        }
    };
    for r in &d.churn.at_risk {
        push(Candidate {
            contact: r.contact,
            name: r.name.clone(),
            reason: CommitReason::AtRisk,
            why: r.reason.clone(),
            feedback: None,
        });
    }
    for r in &d.new_advocates {
        push(Candidate {
            contact: r.contact,
            name: r.name.clone(),
            reason: CommitReason::NewAdvocate,
            why: "became an advocate this period".into(),
            feedback: None,
        });
    }
    for r in &d.negative {
        push(Candidate {
            contact: r.contact,
            name: r.name.clone(),
            reason: CommitReason::Feedback,
            why: format!("waiting {}d: {}", r.days_waiting, r.note),
            feedback: Some(r.interaction),
        });
    }
    for r in d.due.iter().filter(|r| r.overdue_days >= 0) {
        let why = match r.overdue_days {
            0 => "stay in touch: due today".to_string(),
            n => format!("stay in touch: {n}d overdue"),
        };
        push(Candidate {
            contact: r.contact,
            name: r.name.clone(),
            reason: CommitReason::StayInTouch,
            why,
            feedback: None,
        });
    }
    for c in committed {
        push(Candidate {
            contact: c.contact,
            name: d.name(store, c.contact).into_owned(),
            reason: c.reason,
            why: "committed; no longer listed".into(),
            feedback: c.feedback,
        });
    }
    out
}

/// Today's commitments in `store` (none when no standup is recorded today).
pub fn committed(store: &Store, today: Date) -> &[Commitment] {
    store
        .standups
        .iter()
        .find(|s| s.date == today)
        .map_or(&[], |s| s.commitments.as_slice())
}
