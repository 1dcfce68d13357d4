//! A small builder for metric fixtures: contacts and interactions on fixed dates, so each test
//! states only what its arithmetic depends on.
#![allow(dead_code)]

use jiff::civil::Date;
use ror_tui::metrics::{Dashboard, Index, PeriodSpec, compute};
use ror_tui::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Moment, Money, Sentiment,
    SentimentSource, Store, new_id,
};
use uuid::Uuid;

pub fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[derive(Default)]
pub struct Fixture {
    pub store: Store,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::default()
    }

    /// A contact created on `created`.
    pub fn contact(&mut self, name: &str, created: &str) -> Uuid {
        let c = Contact::new(name, d(created));
        let id = c.id;
        self.store.contacts.push(c);
        id
    }

    pub fn team(&mut self, name: &str, created: &str) -> Uuid {
        let id = self.contact(name, created);
        self.edit_contact(id, |c| c.is_team = true);
        id
    }

    pub fn edit_contact(&mut self, id: Uuid, f: impl FnOnce(&mut Contact)) {
        f(self.store.contacts.iter_mut().find(|c| c.id == id).unwrap());
    }

    /// An inbound interaction on the "email" channel; returns it for further setting.
    pub fn x(&mut self, contact: Uuid, on: &str, kind: Kind) -> &mut Interaction {
        self.on(contact, on, "email", kind)
    }

    pub fn on(&mut self, contact: Uuid, on: &str, channel: &str, kind: Kind) -> &mut Interaction {
        let x = Interaction::new(contact, Moment::parse(on).unwrap(), channel, kind);
        self.store.interactions.push(x);
        self.store.interactions.last_mut().unwrap()
    }

    pub fn out(&mut self, contact: Uuid, on: &str, kind: Kind) -> &mut Interaction {
        let x = self.x(contact, on, kind);
        x.direction = Direction::Outbound;
        x
    }

    pub fn purchase(&mut self, contact: Uuid, on: &str, cents: i64) {
        self.x(contact, on, Kind::Purchase).value = Some(Money(cents));
    }

    pub fn invest(
        &mut self,
        contact: Option<Uuid>,
        on: &str,
        kind: InvestmentKind,
        cents: i64,
        acquisition: bool,
    ) {
        self.store.investments.push(Investment {
            id: new_id(),
            date: d(on),
            contact,
            kind,
            amount: Money(cents),
            acquisition,
            note: String::new(),
            updated: None,
        });
    }

    pub fn index(&self) -> Index {
        Index::new(&self.store)
    }

    pub fn dash(&self, as_of: &str, spec: &str) -> Dashboard {
        compute(
            &self.index(),
            d(as_of),
            &spec.parse::<PeriodSpec>().unwrap(),
        )
    }
}

pub fn sentiment(score: f64) -> Option<Sentiment> {
    Some(Sentiment {
        score,
        source: SentimentSource::Manual,
    })
}

/// Approximate equality for floats computed from fractions.
pub fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}
