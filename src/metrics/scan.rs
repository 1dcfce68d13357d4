//! The first step of building the index: every interaction of a non-team contact read into an
//! [`Event`], with the key that puts it in time order. A million interactions are read on every
//! core, in runs of the store, and the runs joined in store order.

use uuid::Uuid;

use super::days;
use super::index::Event;
use crate::hash::FxMap;
use crate::store::{Blocks, Direction, Interaction, Kind};

/// Fewer interactions than this are read on one core: threads would cost more than they save.
const PARALLEL_FROM: usize = 50_000;

/// The interactions read, in store order (team members' dropped).
#[derive(Debug, PartialEq)]
pub(crate) struct Scan<'a> {
    /// Channel names, numbered in order of first use in the store.
    pub channels: Vec<&'a str>,
    pub events: Vec<Event>,
    /// Per event: the moment (day and second) packed into one word, the id, and the position in
    /// the store: sorting these sorts the events as the store's canonical order does, so ties
    /// in time ("the latest answer") resolve the same whatever order the file is in.
    pub keys: Vec<(u64, u128, u32)>,
    /// Activities with negative sentiment: (event, id, note).
    pub negatives: Vec<(u32, Uuid, &'a str)>,
}

/// Reads `interactions`; `contact_of` gives a contact's number, `None` for team members and
/// contacts the store does not have.
pub(crate) fn scan<'a>(
    interactions: &'a Blocks<Interaction>,
    contact_of: &(dyn Fn(&Uuid) -> Option<u32> + Sync),
) -> Scan<'a> {
    let workers = crate::cores();
    if interactions.len() < PARALLEL_FROM {
        return run(interactions.slices(0..interactions.len()), 0, contact_of);
    }
    scan_in(interactions, contact_of, workers)
}

/// [`scan`] in `workers` runs, whatever the size.
fn scan_in<'a>(
    interactions: &'a Blocks<Interaction>,
    contact_of: &(dyn Fn(&Uuid) -> Option<u32> + Sync),
    workers: usize,
) -> Scan<'a> {
    let len = interactions.len();
    if workers < 2 || len == 0 {
        return run(interactions.slices(0..len), 0, contact_of);
    }
    let per = len.div_ceil(workers);
    let part = |i: usize| interactions.slices(i * per..(i + 1) * per);
    let runs: Vec<Scan<'a>> = std::thread::scope(|s| {
        let jobs: Vec<_> = (1..len.div_ceil(per))
            .map(|i| s.spawn(move || run(part(i), i * per, contact_of)))
            .collect();
        std::iter::once(run(part(0), 0, contact_of))
            .chain(
                jobs.into_iter()
                    .map(|j| j.join().expect("reading interactions")),
            )
            .collect()
    });
    join(runs)
}

/// Joins runs read side by side: channel numbers are made those of one reading in store order.
/// The first run's numbers are already those, so the others are added to it.
fn join(runs: Vec<Scan<'_>>) -> Scan<'_> {
    let total: usize = runs.iter().map(|r| r.events.len()).sum();
    let mut runs = runs.into_iter();
    let mut out = runs.next().expect("the first run is always read");
    out.events.reserve_exact(total - out.events.len());
    out.keys.reserve_exact(total - out.keys.len());
    let mut numbers: FxMap<&str, u32> = out
        .channels
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u32))
        .collect();
    for run in runs {
        let renumber: Vec<u32> = run
            .channels
            .iter()
            .map(|c| {
                *numbers.entry(c).or_insert_with(|| {
                    out.channels.push(c);
                    out.channels.len() as u32 - 1
                })
            })
            .collect();
        let base = out.events.len() as u32;
        out.events.extend(run.events.into_iter().map(|mut e| {
            e.channel = renumber[e.channel as usize];
            e
        }));
        out.keys.extend(run.keys);
        out.negatives.extend(
            run.negatives
                .into_iter()
                .map(|(e, id, note)| (base + e, id, note)),
        );
    }
    out
}

/// Reads one run of the store (held in `slices`), which starts at position `first`.
fn run<'a>(
    slices: impl Iterator<Item = &'a [Interaction]> + Clone,
    first: usize,
    contact_of: &(dyn Fn(&Uuid) -> Option<u32> + Sync),
) -> Scan<'a> {
    let mut numbers: FxMap<&str, u32> = FxMap::default();
    let n: usize = slices.clone().map(<[Interaction]>::len).sum();
    let mut out = Scan {
        channels: Vec::new(),
        events: Vec::with_capacity(n),
        keys: Vec::with_capacity(n),
        negatives: Vec::new(),
    };
    for (i, x) in slices.flatten().enumerate() {
        let Some(contact) = contact_of(&x.contact) else {
            continue;
        };
        let channel = *numbers.entry(x.channel.as_str()).or_insert_with(|| {
            out.channels.push(x.channel.as_str());
            out.channels.len() as u32 - 1
        });
        let inbound = x.direction == Direction::Inbound;
        let sentiment = x
            .sentiment
            .map(|s| s.score)
            .filter(|s| s.is_finite())
            .map(|s| s.clamp(-1.0, 1.0));
        let activity = inbound && x.kind != Kind::EmailSent;
        if activity && sentiment.is_some_and(|s| s <= crate::sentiment::NEGATIVE_AT) {
            out.negatives
                .push((out.events.len() as u32, x.id, x.note.as_str()));
        }
        let minute =
            x.at.time
                .map_or(-1, |t| i16::from(t.hour()) * 60 + i16::from(t.minute()));
        let ev = Event {
            day: days::day(x.at.date),
            minute,
            contact,
            channel,
            kind: x.kind,
            inbound,
            activity,
            resolved: x.resolved,
            nps: x.nps.filter(|n| *n <= 10),
            rating: x.rating.filter(|r| (1..=5).contains(r)),
            sentiment,
            cents: x.value.map_or(0, |v| v.cents().max(0)),
        };
        let second = x.at.time.map_or(0, |t| {
            1 + i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second())
        });
        let when = (i64::from(ev.day) - i64::from(i32::MIN)) << 17 | second;
        out.keys
            .push((when as u64, x.id.as_u128(), (first + i) as u32));
        out.events.push(ev);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};

    /// Runs read side by side and joined are one reading of the whole: the same events, with
    /// channels numbered in order of first use, the same keys and the same negative feedback.
    #[test]
    fn runs_joined_are_the_store_read_in_one_go() {
        // Several blocks, one of them longer than the rest, so that runs cross block edges.
        let mut store = generate(&GenSpec::scale(300, 3 * crate::store::BLOCK + 700));
        let copy = store.interactions[10].clone();
        store.interactions.insert(5000, copy);
        // Team members are skipped, and a channel first used late must get a later number.
        for c in store.contacts.iter_mut().take(5) {
            c.is_team = true;
        }
        let last = store.interactions.len() - 1;
        store.interactions[last].channel = "carrier-pigeon".into();
        let numbers: FxMap<Uuid, u32> = store
            .contacts
            .iter()
            .filter(|c| !c.is_team)
            .enumerate()
            .map(|(i, c)| (c.id, i as u32))
            .collect();
        let contact_of = |id: &Uuid| numbers.get(id).copied();
        let whole = run(store.interactions.slices(0..usize::MAX), 0, &contact_of);
        assert!(
            whole.events.len() < store.interactions.len(),
            "team members dropped"
        );
        assert!(!whole.negatives.is_empty());
        assert_eq!(whole.channels.last(), Some(&"carrier-pigeon"));
        for workers in [2, 3, 7] {
            assert_eq!(
                scan_in(&store.interactions, &contact_of, workers),
                whole,
                "{workers} runs"
            );
        }
    }
}
