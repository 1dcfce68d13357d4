//! The first step of building the index: every interaction of a non-team contact read into an
//! [`Event`]. A million interactions are read on every core, in runs of the store, each run
//! writing straight into its part of the one list of events, which is then closed up.
//!
//! Nothing here copies the events a second time or keeps a sort key per event: the index needs
//! keys only for a store that is not in time order (one edited by hand), and only then are they
//! worked out (see [`keys`]). At 100k interactions the copy and the keys were 12 MB of fresh
//! memory, which the kernel hands out a page at a time; most of the scan's time went on that.

use std::mem::MaybeUninit;

use uuid::Uuid;

use super::days::{self, Day};
use super::index::{Event, EventParts};
use crate::hash::FxMap;
use crate::store::{Blocks, Direction, Interaction, Kind, Moment};

/// Fewer interactions than this are read on one core: threads would cost more than they save.
const PARALLEL_FROM: usize = 50_000;

/// Gives a contact's number, `None` for team members and contacts the store does not have.
pub(crate) type ContactOf<'f> = &'f (dyn Fn(&Uuid) -> Option<u32> + Sync);

/// The interactions read, in store order (team members' dropped).
#[derive(Debug, PartialEq)]
pub(crate) struct Scan<'a> {
    /// Channel names, numbered in order of first use in the store.
    pub channels: Vec<&'a str>,
    pub events: Vec<Event>,
    /// Whether the events are in time order, ties broken by id: true of a store in canonical
    /// order (as the app keeps it and saves it). Otherwise sort them by [`keys`].
    pub in_order: bool,
    /// Whether every interaction, team members' too, is in the store's canonical order (see
    /// [`Store::is_canonical`](crate::store::Store::is_canonical)): checked here, where each
    /// is read anyway, rather than in a pass of its own.
    pub canonical: bool,
    /// Activities with negative sentiment: (event, id, note).
    pub negatives: Vec<(u32, Uuid, &'a str)>,
    /// Activities whose note waits for a person's score (in another language, unscored).
    pub unscored: Vec<Unscored<'a>>,
}

/// An activity whose note is in another language and has no score yet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Unscored<'a> {
    /// Position among the scan's events (the index's, once the index has sorted them).
    pub event: u32,
    pub id: Uuid,
    pub note: &'a str,
    pub language: &'a str,
}

/// Reads `interactions`; `contact_of` gives a contact's number, `None` for team members and
/// contacts the store does not have.
pub(crate) fn scan<'a>(interactions: &'a Blocks<Interaction>, contact_of: ContactOf) -> Scan<'a> {
    let workers = if interactions.len() < PARALLEL_FROM {
        1
    } else {
        crate::cores()
    };
    scan_in(interactions, contact_of, workers)
}

/// Per event, in the order of [`Scan::events`]: the moment (day and second) packed into one
/// word, the id, and the position in the store. Sorting these sorts the events as the store's
/// canonical order does, so ties in time ("the latest answer") resolve the same whatever order
/// the file is in.
pub(crate) fn keys(
    interactions: &Blocks<Interaction>,
    contact_of: ContactOf,
) -> Vec<(u64, u128, u32)> {
    interactions
        .iter()
        .enumerate()
        .filter(|(_, x)| contact_of(&x.contact).is_some())
        .map(|(i, x)| {
            let (when, id) = key(x, days::day(x.at.date));
            (when, id, i as u32)
        })
        .collect()
}

/// The time-order key of one interaction (on `day`), without its position.
fn key(x: &Interaction, day: Day) -> (u64, u128) {
    let second = x.at.time.map_or(0, |t| {
        1 + i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second())
    });
    let when = (i64::from(day) - i64::from(i32::MIN)) << 17 | second;
    (when as u64, x.id.as_u128())
}

/// [`scan`] in `workers` runs, whatever the size.
fn scan_in<'a>(
    interactions: &'a Blocks<Interaction>,
    contact_of: ContactOf,
    workers: usize,
) -> Scan<'a> {
    let len = interactions.len();
    let per = len.div_ceil(workers.max(1)).max(1);
    let mut events: Vec<Event> = Vec::with_capacity(len);
    let runs: Vec<Run<'a>> = std::thread::scope(|s| {
        let mut parts = events.spare_capacity_mut()[..len]
            .chunks_mut(per)
            .enumerate();
        let first = parts.next();
        let jobs: Vec<_> = parts
            .map(|(i, part)| {
                s.spawn(move || {
                    run(
                        interactions.slices(i * per..(i + 1) * per),
                        contact_of,
                        part,
                    )
                })
            })
            .collect();
        first
            .map(|(_, part)| run(interactions.slices(0..per), contact_of, part))
            .into_iter()
            .chain(
                jobs.into_iter()
                    .map(|j| j.join().expect("reading interactions")),
            )
            .collect()
    });
    // Close up the gaps the team members' interactions left at the end of each part.
    let mut filled = 0;
    for (i, r) in runs.iter().enumerate() {
        let start = i * per;
        if start != filled {
            events
                .spare_capacity_mut()
                .copy_within(start..start + r.count, filled);
        }
        filled += r.count;
    }
    // SAFETY: each run wrote the first `count` slots of its part, and the loop above moved
    // them, in order, to `filled` slots from the start.
    unsafe { events.set_len(filled) };
    join(runs, events)
}

/// One run's reading: its events are written in its part of the list.
struct Run<'a> {
    channels: Vec<&'a str>,
    count: usize,
    negatives: Vec<(u32, Uuid, &'a str)>,
    unscored: Vec<Unscored<'a>>,
    /// The events' keys (see [`keys`]).
    in_order: Order<(u64, u128)>,
    /// Every interaction's place in the canonical order.
    canonical: Order<(Moment, Uuid)>,
}

/// Whether what a run saw came in ascending order, with its first and last, so that runs read
/// side by side can be checked where they meet.
struct Order<K> {
    sorted: bool,
    ends: Option<(K, K)>,
}

impl<K: PartialOrd + Copy> Order<K> {
    fn new() -> Self {
        Order {
            sorted: true,
            ends: None,
        }
    }

    fn see(&mut self, k: K) {
        self.ends = Some(match self.ends {
            None => (k, k),
            Some((first, last)) => {
                self.sorted &= last <= k;
                (first, k)
            }
        });
    }

    /// This run followed by `next`.
    fn then(&mut self, next: &Order<K>) {
        self.sorted &= next.sorted;
        if let Some((first, last)) = next.ends {
            self.see(first);
            self.ends = self.ends.map(|(f, _)| (f, last));
        }
    }
}

/// Joins runs read side by side: channel numbers are made those of one reading in store order.
/// The first run's numbers are already those, so the others are added to it.
fn join<'a>(runs: Vec<Run<'a>>, mut events: Vec<Event>) -> Scan<'a> {
    let mut out = Scan {
        channels: Vec::new(),
        events: Vec::new(),
        in_order: true,
        canonical: true,
        negatives: Vec::new(),
        unscored: Vec::new(),
    };
    let mut numbers: FxMap<&str, u32> = FxMap::default();
    let mut base = 0usize;
    let (mut in_order, mut canonical) = (Order::new(), Order::new());
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
        let mine = &mut events[base..base + run.count];
        if renumber.iter().enumerate().any(|(i, n)| *n != i as u32) {
            for e in mine {
                e.channel = renumber[e.channel as usize];
            }
        }
        in_order.then(&run.in_order);
        canonical.then(&run.canonical);
        out.negatives.extend(
            run.negatives
                .into_iter()
                .map(|(e, id, note)| (base as u32 + e, id, note)),
        );
        out.unscored
            .extend(run.unscored.into_iter().map(|u| Unscored {
                event: base as u32 + u.event,
                ..u
            }));
        base += run.count;
    }
    out.events = events;
    out.in_order = in_order.sorted;
    out.canonical = canonical.sorted;
    out
}

/// Reads one run of the store (held in `slices`) into `out`, from its start; `out` has room
/// for every interaction of the run.
fn run<'a>(
    slices: impl Iterator<Item = &'a [Interaction]>,
    contact_of: ContactOf,
    out: &mut [MaybeUninit<Event>],
) -> Run<'a> {
    let mut numbers: FxMap<&str, u32> = FxMap::default();
    let mut r = Run {
        channels: Vec::new(),
        count: 0,
        negatives: Vec::new(),
        unscored: Vec::new(),
        in_order: Order::new(),
        canonical: Order::new(),
    };
    for x in slices.flatten() {
        r.canonical.see((x.at, x.id));
        let Some(contact) = contact_of(&x.contact) else {
            continue;
        };
        let channel = *numbers.entry(x.channel.as_str()).or_insert_with(|| {
            r.channels.push(x.channel.as_str());
            r.channels.len() as u32 - 1
        });
        let inbound = x.direction == Direction::Inbound;
        let sentiment = x
            .sentiment
            .map(|s| s.score)
            .filter(|s| s.is_finite())
            .map(|s| s.clamp(-1.0, 1.0));
        let activity = inbound && x.kind != Kind::EmailSent;
        if activity && sentiment.is_some_and(|s| s <= crate::sentiment::NEGATIVE_AT) {
            r.negatives.push((r.count as u32, x.id, x.note.as_str()));
        }
        if activity
            && sentiment.is_none()
            && let Some(language) = &x.language
        {
            r.unscored.push(Unscored {
                event: r.count as u32,
                id: x.id,
                note: &x.note,
                language,
            });
        }
        let minute =
            x.at.time
                .map_or(-1, |t| i16::from(t.hour()) * 60 + i16::from(t.minute()));
        let day = days::day(x.at.date);
        r.in_order.see(key(x, day));
        out[r.count].write(Event::from(EventParts {
            day,
            minute,
            contact,
            channel,
            kind: x.kind,
            inbound,
            activity,
            resolved: x.resolved,
            nps: x.nps,
            rating: x.rating,
            sentiment,
            cents: x.value.map_or(0, |v| v.cents().max(0)),
            valued: x.value.is_some(),
        }));
        r.count += 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::{GenSpec, generate};
    use crate::store::Store;

    /// A store over several blocks, one of them longer than the rest so that runs cross block
    /// edges, with team members (whose interactions are skipped) and a channel first used last.
    fn store() -> Store {
        let mut store = generate(&GenSpec::scale(300, 3 * crate::store::BLOCK + 700));
        let copy = store.interactions[10].clone();
        store.interactions.insert(5000, copy);
        for c in store.contacts.iter_mut().take(5) {
            c.is_team = true;
        }
        let last = store.interactions.len() - 1;
        store.interactions[last].channel = "carrier-pigeon".into();
        store.sort_canonical();
        store
    }

    fn numbers(store: &Store) -> FxMap<Uuid, u32> {
        store
            .contacts
            .iter()
            .filter(|c| !c.is_team)
            .enumerate()
            .map(|(i, c)| (c.id, i as u32))
            .collect()
    }

    /// Runs read side by side and joined are one reading of the whole: the same events, with
    /// channels numbered in order of first use, and the same negative feedback.
    #[test]
    fn runs_joined_are_the_store_read_in_one_go() {
        let store = store();
        let numbers = numbers(&store);
        let contact_of = |id: &Uuid| numbers.get(id).copied();
        let whole = scan_in(&store.interactions, &contact_of, 1);
        assert!(
            whole.events.len() < store.interactions.len(),
            "team members dropped"
        );
        assert!(!whole.negatives.is_empty());
        assert_eq!(whole.channels.last(), Some(&"carrier-pigeon"));
        assert!(
            whole.in_order,
            "a store in canonical order is in time order"
        );
        assert!(whole.canonical);
        for workers in [2, 3, 7] {
            assert_eq!(
                scan_in(&store.interactions, &contact_of, workers),
                whole,
                "{workers} runs"
            );
        }
    }

    /// A store out of time order is seen to be, wherever the disorder is (inside a run, or
    /// where two runs meet), and its keys then give one key per event read, in the same order.
    #[test]
    fn a_store_out_of_order_is_seen_to_be() {
        let canonical = store();
        let numbers = numbers(&canonical);
        let contact_of = |id: &Uuid| numbers.get(id).copied();
        let n = canonical.interactions.len();
        let xs = &canonical.interactions;
        let counted = |i: usize| numbers.contains_key(&xs[i].contact);
        // The middle one falls where two runs meet.
        for near in [1, n.div_ceil(2), n - 1] {
            // Two neighbours of non-team contacts at different moments.
            let at = (near..n)
                .chain((1..near).rev())
                .find(|&i| {
                    counted(i)
                        && counted(i - 1)
                        && (xs[i].at, xs[i].id) != (xs[i - 1].at, xs[i - 1].id)
                })
                .expect("two neighbours to swap");
            let mut store = canonical.clone();
            let later = store.interactions[at].clone();
            store.interactions[at] = store.interactions[at - 1].clone();
            store.interactions[at - 1] = later;
            for workers in [1, 2] {
                let read = scan_in(&store.interactions, &contact_of, workers);
                assert!(!read.in_order, "swapped at {at}, {workers} runs");
                assert!(!read.canonical, "swapped at {at}, {workers} runs");
                let keys = keys(&store.interactions, &contact_of);
                assert_eq!(keys.len(), read.events.len());
                assert!(!keys.is_sorted());
            }
        }
    }

    /// The canonical order counts every interaction: a team member's out of place is seen,
    /// although the events (which leave it out) are still in time order.
    #[test]
    fn a_team_members_interaction_out_of_place_is_seen() {
        let canonical = store();
        let numbers = numbers(&canonical);
        let contact_of = |id: &Uuid| numbers.get(id).copied();
        let xs = &canonical.interactions;
        let team = |i: usize| !numbers.contains_key(&xs[i].contact);
        let at = (1..xs.len())
            .find(|&i| {
                team(i) != team(i - 1) && (xs[i].at, xs[i].id) != (xs[i - 1].at, xs[i - 1].id)
            })
            .expect("a team member's interaction next to another's");
        let mut store = canonical.clone();
        let later = store.interactions[at].clone();
        store.interactions[at] = store.interactions[at - 1].clone();
        store.interactions[at - 1] = later;
        assert!(!store.is_canonical());
        let read = scan_in(&store.interactions, &contact_of, 2);
        assert!(read.in_order);
        assert!(!read.canonical);
        assert!(crate::metrics::Index::of_canonical(&store).is_none());
        assert!(crate::metrics::Index::of_canonical(&canonical).is_some());
    }
}
