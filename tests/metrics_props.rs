//! Properties over random small stores: rates stay within 0..1, scores within their ranges,
//! series add up to their period's totals, team members change nothing, and the same input
//! always gives the same dashboard.

mod common;

use common::d;
use jiff::ToSpan;
use proptest::prelude::*;
use ror_tui::metrics::{
    Dashboard, Figure, Index, PeriodMetrics, PeriodSpec, Rule, Segment, compute, document, level_of,
};
use ror_tui::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Moment, Money, Sentiment,
    SentimentSource, Store, new_id,
};

const DAYS: i64 = 500;

#[derive(Clone, Debug)]
struct C {
    created: i64,
    team: bool,
    cadence: Option<u32>,
    referred_by: Option<usize>,
}

#[derive(Clone, Debug)]
struct X {
    contact: usize,
    day: i64,
    hour: Option<i8>,
    kind: usize,
    outbound: bool,
    sentiment: Option<i32>,
    nps: Option<u8>,
    rating: Option<u8>,
    cents: Option<i64>,
    resolved: bool,
}

#[derive(Clone, Debug)]
struct I {
    contact: Option<usize>,
    day: i64,
    kind: usize,
    cents: i64,
    acquisition: bool,
}

fn contact() -> impl Strategy<Value = C> {
    (
        0..DAYS,
        prop::bool::weighted(0.15),
        prop::option::of(1u32..60),
        prop::option::of(0usize..12),
    )
        .prop_map(|(created, team, cadence, referred_by)| C {
            created,
            team,
            cadence,
            referred_by,
        })
}

fn interaction() -> impl Strategy<Value = X> {
    (
        (
            0usize..12,
            0..DAYS,
            prop::option::of(0i8..24),
            0..Kind::ALL.len(),
        ),
        (
            prop::bool::weighted(0.25),
            prop::option::of(-100i32..=100),
            prop::option::weighted(0.2, 0u8..=10),
            prop::option::weighted(0.1, 1u8..=5),
            prop::option::weighted(0.2, 0i64..50_000),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |((contact, day, hour, kind), (outbound, sentiment, nps, rating, cents, resolved))| X {
                contact,
                day,
                hour,
                kind,
                outbound,
                sentiment,
                nps,
                rating,
                cents,
                resolved,
            },
        )
}

fn investment() -> impl Strategy<Value = I> {
    (
        prop::option::of(0usize..12),
        0..DAYS,
        0..InvestmentKind::ALL.len(),
        0i64..100_000,
        any::<bool>(),
    )
        .prop_map(|(contact, day, kind, cents, acquisition)| I {
            contact,
            day,
            kind,
            cents,
            acquisition,
        })
}

fn build(cs: &[C], xs: &[X], is: &[I]) -> Store {
    let start = d("2025-01-01");
    let day = |n: i64| start.checked_add(n.days()).unwrap();
    let mut store = Store::default();
    for (i, c) in cs.iter().enumerate() {
        let mut k = Contact::new(format!("c{i}"), day(c.created));
        k.is_team = c.team;
        k.cadence_days = c.cadence;
        store.contacts.push(k);
    }
    for (i, c) in cs.iter().enumerate() {
        if let Some(r) = c.referred_by.map(|r| r % cs.len()).filter(|r| *r != i) {
            store.contacts[i].referred_by = Some(store.contacts[r].id);
        }
    }
    if !cs.is_empty() {
        for x in xs {
            let who = store.contacts[x.contact % cs.len()].id;
            let at = match x.hour {
                Some(h) => Moment::at(day(x.day).at(h, 0, 0, 0)),
                None => Moment::day(day(x.day)),
            };
            let mut y = Interaction::new(
                who,
                at,
                ["email", "slack", "web"][x.day as usize % 3],
                Kind::ALL[x.kind],
            );
            if x.outbound {
                y.direction = Direction::Outbound;
            }
            y.sentiment = x.sentiment.map(|s| Sentiment {
                score: f64::from(s) / 100.0,
                source: SentimentSource::Manual,
            });
            y.nps = x.nps;
            y.rating = x.rating;
            y.value = x.cents.map(Money);
            y.resolved = x.resolved;
            store.interactions.push(y);
        }
    }
    for inv in is {
        store.investments.push(Investment {
            id: new_id(),
            date: day(inv.day),
            contact: inv
                .contact
                .filter(|_| !cs.is_empty())
                .map(|c| store.contacts[c % cs.len()].id),
            kind: InvestmentKind::ALL[inv.kind],
            amount: Money(inv.cents),
            acquisition: inv.acquisition,
            note: String::new(),
            updated: None,
        });
    }
    store
}

fn stores() -> impl Strategy<Value = (Store, PeriodSpec, i64)> {
    (
        prop::collection::vec(contact(), 0..12),
        prop::collection::vec(interaction(), 0..80),
        prop::collection::vec(investment(), 0..8),
        prop::sample::select(vec![
            "7d",
            "30d",
            "90d",
            "365d",
            "all",
            "2025-03-01..2025-05-15",
        ]),
        200i64..DAYS + 30,
    )
        .prop_map(|(cs, xs, is, spec, as_of)| (build(&cs, &xs, &is), spec.parse().unwrap(), as_of))
}

fn as_of(n: i64) -> jiff::civil::Date {
    d("2025-01-01").checked_add(n.days()).unwrap()
}

/// Every figure that is a rate, by name, for both periods and the lists.
fn rates(dash: &Dashboard) -> Vec<(String, Figure)> {
    let mut out = Vec::new();
    let both = [
        ("current", Some(&dash.current)),
        ("previous", dash.previous.as_ref()),
    ];
    for (which, m) in both.into_iter().filter_map(|(w, m)| Some((w, m?))) {
        let f = &m.figures;
        let e = &m.details.engagement;
        let mut push = |name: &str, x: Figure| out.push((format!("{which}.{name}"), x));
        push("engagement_rate", f.engagement.engagement_rate);
        push("repeat_rate", f.value.repeat_rate);
        push("churn_rate", f.churn.churn_rate);
        push("csat", m.details.sentiment.csat.score);
        push("open_rate", e.email.open_rate);
        push("click_rate", e.email.click_rate);
        for (ch, r) in &e.channel_return {
            push(&format!("channel_return.{ch}"), r.rate);
        }
    }
    for m in &dash.lists.monthly_churn {
        out.push((format!("monthly_churn.{}", m.month), m.rate));
    }
    for row in &dash.lists.cohorts {
        for (k, r) in row.retained.iter().enumerate() {
            out.push((format!("cohort.{}.{k}", row.month), *r));
        }
    }
    out
}

fn within(x: Figure, lo: f64, hi: f64) -> bool {
    x.value()
        .is_none_or(|v| v.is_finite() && lo - 1e-9 <= v && v <= hi + 1e-9)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn figures_stay_in_their_ranges((store, spec, day) in stores()) {
        let dash = compute(&Index::new(&store), as_of(day), &spec);
        for (name, r) in rates(&dash) {
            prop_assert!(within(r, 0.0, 1.0), "{name} = {r}");
        }
        for m in std::iter::once(&dash.current).chain(dash.previous.as_ref()) {
            let f = &m.figures;
            prop_assert!(within(f.nps.score, -100.0, 100.0), "nps {}", f.nps.score);
            prop_assert!(within(f.sentiment.net, -100.0, 100.0));
            prop_assert!(within(f.sentiment.average, -1.0, 1.0));
            prop_assert!(within(f.ror_index, 0.0, 100.0), "ror {}", f.ror_index);
            for p in &m.details.ror.parts {
                prop_assert!(within(p.score, 0.0, 100.0), "{} {}", p.name, p.score);
            }
            prop_assert!(f.engagement.active_contacts <= f.contacts.total);
            prop_assert!(f.contacts.new <= f.contacts.total);
            prop_assert!(f.churn.active + f.churn.churned <= f.contacts.total);
            prop_assert!(f.churn.at_risk <= f.contacts.total);
            prop_assert_eq!(f.sentiment.positive + f.sentiment.neutral + f.sentiment.negative, f.sentiment.scored);
            prop_assert_eq!(f.nps.promoters + f.nps.passives + f.nps.detractors, f.nps.responses);
            prop_assert!(f.value.purchasing_contacts <= f.value.purchases);
            prop_assert!(f.advocates.iter().all(|a| a.score > 0.0 && (1..=4).contains(&a.orbit)));
            prop_assert!(f.advocates.windows(2).all(|w| w[0].score >= w[1].score));
            let levels = &m.details.orbit;
            prop_assert_eq!(levels.level_1 + levels.level_2 + levels.level_3 + levels.level_4, f.contacts.total);
        }
    }

    #[test]
    fn series_add_up_to_the_period((store, spec, day) in stores()) {
        let dash = compute(&Index::new(&store), as_of(day), &spec);
        let s = &dash.series;
        let f = &dash.current.figures;
        prop_assert_eq!(s.interactions.iter().sum::<u64>(), f.engagement.interactions);
        prop_assert_eq!(s.new_contacts.iter().sum::<u64>(), f.contacts.new);
        prop_assert_eq!(s.churned.iter().sum::<u64>(), dash.current.details.engagement.churned);
        prop_assert_eq!(s.net_growth.iter().sum::<i64>(), dash.current.details.engagement.net_growth);
        prop_assert_eq!(s.revenue.iter().copied().sum::<Money>(), f.value.revenue);
        prop_assert_eq!(s.purchases.iter().sum::<u64>(), f.value.purchases);
        prop_assert_eq!(s.sentiment_scored.iter().sum::<u64>(), f.sentiment.scored);
        prop_assert_eq!(f.engagement.by_kind.values().sum::<u64>(), f.engagement.interactions);
        prop_assert_eq!(f.engagement.by_channel.values().sum::<u64>(), f.engagement.interactions);
        for (ch, n) in &f.engagement.by_channel {
            prop_assert_eq!(s.by_channel[ch].iter().sum::<u64>(), *n);
        }
        for (k, n) in &f.engagement.by_kind {
            prop_assert_eq!(s.by_kind[k].iter().sum::<u64>(), *n);
        }
        // Buckets tile the period exactly.
        let days: i64 = s.buckets.iter().map(|b| (b.to - b.from).get_days() as i64 + 1).sum();
        prop_assert_eq!(days, i64::from(f.period.days()));
        prop_assert!(s.active_contacts.iter().all(|n| *n <= f.engagement.active_contacts));
    }

    #[test]
    fn team_members_change_nothing((store, spec, day) in stores(), xs in prop::collection::vec(interaction(), 0..20)) {
        let before = compute(&Index::new(&store), as_of(day), &spec);
        let mut with_team = store.clone();
        let mut t = Contact::new("team member", d("2024-06-01"));
        t.is_team = true;
        let tid = t.id;
        with_team.contacts.push(t);
        for x in xs {
            let mut y = Interaction::new(tid, Moment::day(as_of(x.day)), "slack", Kind::ALL[x.kind]);
            y.nps = x.nps;
            y.value = x.cents.map(Money);
            with_team.interactions.push(y);
        }
        with_team.investments.push(Investment {
            id: new_id(),
            date: as_of(day),
            contact: Some(tid),
            kind: InvestmentKind::Gift,
            amount: Money(5_000),
            acquisition: true,
            note: String::new(),
            updated: None,
        });
        let after = compute(&Index::new(&with_team), as_of(day), &spec);
        prop_assert_eq!(
            serde_json::to_value(document(&before, &[], &[])).unwrap(),
            serde_json::to_value(document(&after, &[], &[])).unwrap()
        );
    }

    #[test]
    fn same_input_same_dashboard((store, spec, day) in stores()) {
        let ix = Index::new(&store);
        let a = compute(&ix, as_of(day), &spec);
        let b = compute(&ix, as_of(day), &spec);
        prop_assert_eq!(&a, &b);
        // Input order does not matter either.
        let mut shuffled = store.clone();
        shuffled.interactions = store.interactions.iter().rev().cloned().collect();
        shuffled.contacts = store.contacts.iter().rev().cloned().collect();
        let c = compute(&Index::new(&shuffled), as_of(day), &spec);
        prop_assert_eq!(
            serde_json::to_value(document(&a, &[], &[])).unwrap(),
            serde_json::to_value(document(&c, &[], &[])).unwrap()
        );
    }
}

/// The same store with only the contacts `keep` says, their interactions (on `channel` alone,
/// when one is given) and the investments made in them: the segment's store, written out the
/// plain way.
fn filtered(store: &Store, keep: impl Fn(&Contact) -> bool, channel: Option<&str>) -> Store {
    let used: std::collections::HashSet<uuid::Uuid> = store
        .interactions
        .iter()
        .filter(|x| channel.is_none_or(|c| x.channel == c))
        .map(|x| x.contact)
        .collect();
    let ids: std::collections::HashSet<uuid::Uuid> = store
        .contacts
        .iter()
        .filter(|c| keep(c) && (channel.is_none() || used.contains(&c.id)))
        .map(|c| c.id)
        .collect();
    let mut out = Store {
        settings: store.settings.clone(),
        ..Store::default()
    };
    for c in store.contacts.iter().filter(|c| ids.contains(&c.id)) {
        let mut c = c.clone();
        if c.referred_by.is_some_and(|r| !ids.contains(&r)) {
            c.referred_by = None;
        }
        out.contacts.push(c);
    }
    for x in store.interactions.iter() {
        if ids.contains(&x.contact) && channel.is_none_or(|c| x.channel == c) {
            out.interactions.push(x.clone());
        }
    }
    out.investments = store
        .investments
        .iter()
        .filter(|i| i.contact.is_some_and(|c| ids.contains(&c)))
        .cloned()
        .collect();
    out
}

fn figures(m: &PeriodMetrics) -> serde_json::Value {
    serde_json::to_value(&m.figures).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every figure of a segment is the figure of the same store with the other contacts
    /// removed.
    #[test]
    fn a_segment_is_the_store_without_the_other_contacts(
        (store, spec, day) in stores(),
        pick in 0usize..4,
    ) {
        let mut store = store;
        // Tags, sources and organisations to pick from.
        for (i, c) in store.contacts.iter_mut().enumerate() {
            if i % 2 == 0 {
                c.tags = vec!["vip".into()];
            }
            if i % 3 == 0 {
                c.organisation = Some("Acme".into());
            }
            c.source = ror_tui::store::Source::ALL[i % ror_tui::store::Source::ALL.len()];
        }
        let (rule, plain): (Rule, Store) = match pick {
            0 => (Rule::Tag("VIP".into()), filtered(&store, |c| c.tags.iter().any(|t| t == "vip"), None)),
            1 => (Rule::Org("acme".into()), filtered(&store, |c| c.organisation.as_deref() == Some("Acme"), None)),
            2 => (
                Rule::Source(ror_tui::store::Source::Referral),
                filtered(&store, |c| c.source == ror_tui::store::Source::Referral, None),
            ),
            _ => (Rule::Channel("slack".into()), filtered(&store, |_| true, Some("slack"))),
        };
        let seg = Segment(vec![rule]).apply(&store);
        let a = compute(&Index::new(&seg), as_of(day), &spec);
        let b = compute(&Index::new(&plain), as_of(day), &spec);
        prop_assert_eq!(figures(&a.current), figures(&b.current));
        prop_assert_eq!(
            a.previous.as_ref().map(figures),
            b.previous.as_ref().map(figures)
        );
    }

    /// The CLV:CAC tile is CLV over CAC; a 30-day churn rate is its own monthly rate; all time
    /// has no previous period.
    #[test]
    fn ratios_are_what_they_are_made_of((store, spec, day) in stores()) {
        let dash = compute(&Index::new(&store), as_of(day), &spec);
        let v = &dash.current.figures.value;
        match (v.clv, v.cac) {
            (Some(clv), Some(cac)) if cac.cents() > 0 => {
                let want = clv.cents() as f64 / cac.cents() as f64;
                prop_assert!((v.clv_cac.value().unwrap() - want).abs() < 1e-9);
            }
            _ => prop_assert!(v.clv_cac.is_none()),
        }
        let c = &dash.current.figures.churn;
        prop_assert_eq!(c.churned <= c.active_at_start, true);
        if dash.current.figures.period.days() == 30 {
            match (c.churn_rate.value(), c.monthly_churn_rate.value()) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-12),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
        prop_assert_eq!(dash.previous.is_none(), spec == PeriodSpec::All);
        // New advocates are advocates of the period.
        let advocates = &dash.current.figures.advocates;
        for a in &dash.lists.highlights.as_ref().unwrap().new_advocates {
            let b = advocates.iter().find(|b| b.contact == a.contact);
            prop_assert!(b.is_some_and(|b| b.score >= 15.0), "{a:?} is no advocate");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Presence can only lift a contact: its Orbit level is never further out than the level
    /// the heaviest activity of its year places it in.
    #[test]
    fn the_orbit_level_is_never_lower_than_the_weight_placement(
        (store, spec, day) in stores(),
        burst in (0usize..12, 0..DAYS, 0i64..40),
    ) {
        // A run of daily visits (weight 2) by one contact, so presence milestones are reached.
        let mut store = store;
        let (who, start, len) = burst;
        if !store.contacts.is_empty() {
            let c = store.contacts[who % store.contacts.len()].id;
            for n in 0..len {
                let on = as_of(start + n);
                store.interactions.push(Interaction::new(c, Moment::day(on), "web", Kind::Visit));
            }
        }
        let ix = Index::new(&store);
        let p = ix.period(&spec, as_of(day));
        let to = p.to;
        let from = to.checked_sub(364.days()).unwrap();
        for c in store.contacts.iter().filter(|c| !c.is_team && c.created <= to) {
            let heaviest = store
                .interactions
                .iter()
                .filter(|x| x.contact == c.id && x.direction == Direction::Inbound)
                .filter(|x| x.kind != Kind::EmailSent && (from..=to).contains(&x.at.date))
                .map(|x| store.settings.weight(x.kind))
                .max()
                .unwrap_or(0);
            let o = ror_tui::metrics::contact_view(&ix, c.id, &p).unwrap().orbit;
            prop_assert_eq!(o.commitment, heaviest);
            prop_assert!(o.level <= level_of(heaviest), "{:?} placed below weight {}", o, heaviest);
            prop_assert_eq!(o.love, o.commitment.max(o.presence));
        }
    }
}
