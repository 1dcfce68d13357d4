//! All metrics over a generated store of 100,000 interactions.
//!
//! Run with `cargo bench --bench metrics`. The store comes from a small deterministic generator
//! below (a fixed-seed linear congruential generator, so every run measures the same data).

use std::sync::LazyLock;

use divan::Bencher;
use jiff::ToSpan;
use jiff::civil::Date;
use ror_tui::metrics::{Index, PeriodSpec, compute, contact_view};
use ror_tui::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Moment, Money, Sentiment,
    SentimentSource, Store, new_id,
};

fn main() {
    divan::main();
}

const INTERACTIONS: usize = 100_000;
const CONTACTS: usize = 5_000;
const SPAN_DAYS: i64 = 3 * 365;

fn as_of() -> Date {
    Date::constant(2026, 6, 30)
}

/// Knuth's MMIX constants; plenty for spreading synthetic records around.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generate() -> Store {
    let mut rng = Lcg(42);
    let start = as_of().checked_sub(SPAN_DAYS.days()).unwrap();
    let day = |n: u64| start.checked_add((n as i64).days()).unwrap();
    let mut store = Store::default();
    for i in 0..CONTACTS {
        let mut c = Contact::new(format!("Contact {i:05}"), day(rng.below(SPAN_DAYS as u64)));
        c.is_team = i < 10;
        c.tags = vec![["dev", "design", "ops", "founder"][i % 4].to_string()];
        if i % 7 == 0 && i > 20 {
            c.referred_by = Some(store.contacts[rng.below(i as u64) as usize].id);
        }
        if i % 25 == 0 {
            c.cadence_days = Some(30);
        }
        store.contacts.push(c);
    }
    let channels = [
        "email", "slack", "twitter", "linkedin", "discord", "website",
    ];
    for _ in 0..INTERACTIONS {
        // Skew activity toward a core of frequent contacts, as real communities are.
        let c = if rng.below(3) == 0 {
            rng.below(CONTACTS as u64 / 10)
        } else {
            rng.below(CONTACTS as u64)
        } as usize;
        let contact = &store.contacts[c];
        let first = (contact.created - start).get_days().max(0) as u64;
        let on = day(first + rng.below(SPAN_DAYS as u64 + 1 - first));
        let kind = Kind::ALL[rng.below(Kind::ALL.len() as u64) as usize];
        let mut x = Interaction::new(
            contact.id,
            Moment::day(on),
            channels[rng.below(channels.len() as u64) as usize],
            kind,
        );
        if rng.below(5) == 0 || kind == Kind::EmailSent || kind == Kind::Gift {
            x.direction = Direction::Outbound;
        }
        if rng.below(5) < 2 {
            x.sentiment = Some(Sentiment {
                score: (rng.below(2001) as f64 - 1000.0) / 1000.0,
                source: SentimentSource::Auto,
            });
        }
        match kind {
            Kind::Purchase => x.value = Some(Money(500 + rng.below(50_000) as i64)),
            Kind::Survey => x.nps = Some(rng.below(11) as u8),
            Kind::Review => x.rating = Some(1 + rng.below(5) as u8),
            _ => {}
        }
        store.interactions.push(x);
    }
    for _ in 0..2_000 {
        let c = &store.contacts[rng.below(CONTACTS as u64) as usize];
        store.investments.push(Investment {
            id: new_id(),
            date: day(rng.below(SPAN_DAYS as u64)),
            contact: (rng.below(2) == 0).then_some(c.id),
            kind: InvestmentKind::ALL[rng.below(InvestmentKind::ALL.len() as u64) as usize],
            amount: Money(1_000 + rng.below(100_000) as i64),
            acquisition: rng.below(3) == 0,
            note: String::new(),
        });
    }
    store
}

static STORE: LazyLock<Store> = LazyLock::new(generate);
static INDEX: LazyLock<Index> = LazyLock::new(|| Index::new(&STORE));

#[divan::bench]
fn build_index(b: Bencher) {
    let store = &*STORE;
    b.bench(|| Index::new(store));
}

/// Everything the dashboard shows, current and previous period, series and lists.
#[divan::bench(args = ["7d", "30d", "90d", "365d", "all"])]
fn compute_dashboard(b: Bencher, spec: &str) {
    let ix = &*INDEX;
    let spec: PeriodSpec = spec.parse().unwrap();
    b.bench(|| compute(ix, as_of(), &spec));
}

#[divan::bench]
fn contact_page(b: Bencher) {
    let ix = &*INDEX;
    let id = STORE.contacts[100].id;
    let p = ix.period(&PeriodSpec::Days(30), as_of());
    b.bench(|| contact_view(ix, id, &p));
}
