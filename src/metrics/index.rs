//! The index: a compact, time-sorted copy of what metrics read from a store, built once per
//! store version and shared by every period the dashboard asks for.
//!
//! Team members are dropped here, with their interactions and investments, so no metric can
//! count them by mistake. Contacts get dense numbers (`usize` positions) so per-contact state is
//! a plain vector, and interactions are sorted by day so a period is a slice found by binary
//! search.

use std::collections::HashSet;

use jiff::civil::Date;
use uuid::Uuid;

use super::days::{self, Day};
use super::period::{Period, PeriodSpec};
use crate::hash::FxMap;
use crate::store::{Blocks, Contact, InvestmentKind, Kind, Store};

pub(crate) const KINDS: usize = Kind::ALL.len();

/// A contact who is not a team member. Its name and tags are read from the store's record
/// ([`Index::name`], [`Index::tags`]), not copied: at 10k contacts the copies were a fifth of
/// the index's work on the way to the first frame.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub id: Uuid,
    /// Position of the contact's record in the store.
    pub record: u32,
    /// When the contact joined: the earlier of its creation date and its first interaction
    /// (imported history can predate the record).
    pub since: Day,
    pub cadence_days: Option<u32>,
    pub referred_by: Option<u32>,
}

/// An interaction of a non-team contact, packed into 32 bytes: the index holds two copies of
/// every one (in time order, and by contact), and the figures read them over and over, so
/// their size is memory the start has to fault in and time every pass takes (at 48 bytes, 100k
/// interactions were 9.6 MB). Read the packed parts through the methods.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Event {
    pub day: Day,
    pub contact: u32,
    pub channel: u32,
    pub kind: Kind,
    /// Purchase value in cents (0 when none was given).
    pub cents: i64,
    /// 0 when there is none (so that events compare equal as their parts do).
    sentiment: f64,
    /// Minute of the day plus one (0 when only the date is known) in the low 11 bits, then
    /// the flags below.
    bits: u16,
    /// NPS answer plus one in the low four bits, rating in the high four (0 when none).
    answers: u8,
}

// What the packing is for: a change that made events larger again should be a decision.
const _: () = assert!(std::mem::size_of::<Event>() == 32);

const INBOUND: u16 = 1 << 11;
const ACTIVITY: u16 = 1 << 12;
const RESOLVED: u16 = 1 << 13;
const SENTIMENT: u16 = 1 << 14;
const VALUED: u16 = 1 << 15;
const MINUTE: u16 = (1 << 11) - 1;

/// An [`Event`]'s parts, as [`scan`](super::scan) reads them.
pub(crate) struct EventParts {
    pub day: Day,
    /// Minute of the day (0-1439), or -1 when only the date is known.
    pub minute: i16,
    pub contact: u32,
    pub channel: u32,
    pub kind: Kind,
    pub inbound: bool,
    pub activity: bool,
    pub resolved: bool,
    /// 0-10.
    pub nps: Option<u8>,
    /// 1-5.
    pub rating: Option<u8>,
    /// -1 to 1.
    pub sentiment: Option<f64>,
    pub cents: i64,
    /// Whether a value was given (a purchase logged without one is of unknown value, not 0).
    pub valued: bool,
}

impl From<EventParts> for Event {
    fn from(p: EventParts) -> Event {
        let flag = |on: bool, bit: u16| if on { bit } else { 0 };
        Event {
            day: p.day,
            contact: p.contact,
            channel: p.channel,
            kind: p.kind,
            cents: p.cents,
            sentiment: p.sentiment.unwrap_or(0.0),
            bits: (p.minute + 1).clamp(0, 1440) as u16
                | flag(p.inbound, INBOUND)
                | flag(p.activity, ACTIVITY)
                | flag(p.resolved, RESOLVED)
                | flag(p.sentiment.is_some(), SENTIMENT)
                | flag(p.valued, VALUED),
            answers: p.nps.filter(|n| *n <= 10).map_or(0, |n| n + 1)
                | p.rating.filter(|r| (1..=5).contains(r)).unwrap_or(0) << 4,
        }
    }
}

impl Event {
    /// Minute of the day, or -1 when only the date is known.
    pub fn minute(&self) -> i16 {
        (self.bits & MINUTE) as i16 - 1
    }

    pub fn inbound(&self) -> bool {
        self.bits & INBOUND != 0
    }

    /// Something the contact did: inbound and not an email we sent. Engagement, churn and
    /// Orbit love count only these.
    pub fn activity(&self) -> bool {
        self.bits & ACTIVITY != 0
    }

    pub fn resolved(&self) -> bool {
        self.bits & RESOLVED != 0
    }

    /// Whether the interaction carries a value (`cents` is then its amount).
    pub fn valued(&self) -> bool {
        self.bits & VALUED != 0
    }

    pub fn nps(&self) -> Option<u8> {
        (self.answers & 0xF).checked_sub(1)
    }

    pub fn rating(&self) -> Option<u8> {
        Some(self.answers >> 4).filter(|r| *r != 0)
    }

    pub fn sentiment(&self) -> Option<f64> {
        (self.bits & SENTIMENT != 0).then_some(self.sentiment)
    }
}

/// An activity with negative sentiment.
#[derive(Clone, Debug)]
pub(crate) struct Negative {
    /// Position in `Index::events`.
    pub event: u32,
    pub id: Uuid,
    pub note: String,
    /// Day of the first outbound interaction with the contact that answers it, if any.
    pub reply: Option<Day>,
}

/// An activity whose note is in another language and waits for a person's score.
#[derive(Clone, Debug)]
pub(crate) struct Unscored {
    /// Position in `Index::events`.
    pub event: u32,
    pub id: Uuid,
    pub note: String,
    /// ISO 639-1 code.
    pub language: String,
}

#[derive(Clone, Debug)]
pub(crate) struct Spend {
    pub day: Day,
    pub contact: Option<u32>,
    pub kind: InvestmentKind,
    pub cents: i64,
    pub acquisition: bool,
    pub note: String,
}

/// Compressed rows: the items of row `i` are `items[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Rows<T> {
    /// Groups `(row, item)` pairs by row, keeping the given order within each row: a counting
    /// sort in two passes over `pairs` (which is why it must be cheap to clone), with no copy
    /// of the pairs and no comparisons.
    fn build(n: usize, pairs: impl Iterator<Item = (u32, T)> + Clone) -> Rows<T> {
        let mut offsets = vec![0u32; n + 1];
        for (r, _) in pairs.clone() {
            offsets[r as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let Some((_, fill)) = pairs.clone().next() else {
            return Rows {
                offsets,
                items: Vec::new(),
            };
        };
        // Every slot is written below; `fill` only gives them a value to start with.
        let mut items = vec![fill; offsets[n] as usize];
        let mut next = offsets.clone();
        for (r, item) in pairs {
            let at = &mut next[r as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Rows { offsets, items }
    }

    pub fn row(&self, i: usize) -> &[T] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Everything metrics need from a store, without team members. Build it with [`Index::new`]
/// whenever the store changes, then compute any number of periods from it.
#[derive(Clone, Debug)]
pub struct Index {
    pub(crate) churn_days: i32,
    pub(crate) at_risk_days: i32,
    pub(crate) weights: [u8; KINDS],
    pub(crate) contacts: Vec<Person>,
    /// The store's contacts, shared with it (a clone of the list shares its blocks).
    records: Blocks<Contact>,
    pub(crate) by_id: FxMap<Uuid, u32>,
    pub(crate) channels: Vec<String>,
    /// Sorted by (day, minute, position in the store).
    pub(crate) events: Vec<Event>,
    /// The same interactions grouped by contact, each contact's in time order: per-contact
    /// figures read one contiguous slice instead of hopping around the time-sorted list.
    pub(crate) of_contact: Rows<Event>,
    /// Days of each contact's activity, ascending (repeated when several on one day).
    pub(crate) activity: Rows<Day>,
    /// Contacts referred by each contact (its `referred_by` children).
    pub(crate) referred: Rows<u32>,
    /// First activity day of each (contact, channel).
    pub(crate) first_on_channel: FxMap<(u32, u32), Day>,
    /// First website visit of each contact.
    pub(crate) first_visit: Vec<Option<Day>>,
    /// Each contact's connections: the day of its first `connect` on each channel (a follow
    /// on LinkedIn and a star on GitHub are two), empty when no interaction says it connected.
    pub(crate) connections: Rows<Day>,
    /// Sorted by day.
    pub(crate) spends: Vec<Spend>,
    /// Activities with negative sentiment, in time order, for the feedback queue.
    pub(crate) negatives: Vec<Negative>,
    /// Activities whose note waits for a person's score, in time order.
    pub(crate) unscored: Vec<Unscored>,
    /// The names several contacts share: rows show those with what tells them apart.
    namesakes: crate::names::Namesakes,
}

impl Index {
    pub fn new(store: &Store) -> Index {
        Index::read(store).0
    }

    /// The index of a store in canonical order (see [`Store::is_canonical`]), `None` for a
    /// store that is not. The interactions' order is checked as they are read for the index,
    /// so a sound store costs no pass of its own (at 100k interactions that pass was 8 M
    /// instructions, on one core, before the first frame).
    pub fn of_canonical(store: &Store) -> Option<Index> {
        if !store.others_canonical() {
            return None;
        }
        let (index, canonical) = Index::read(store);
        canonical.then_some(index)
    }

    /// The index, and whether the store's interactions are in canonical order.
    fn read(store: &Store) -> (Index, bool) {
        let settings = &store.settings;
        let mut weights = [0u8; KINDS];
        for k in Kind::ALL {
            weights[*k as usize] = settings.weight(*k).clamp(1, crate::store::MAX_WEIGHT);
        }

        let team: HashSet<Uuid> = store
            .contacts
            .iter()
            .filter(|c| c.is_team)
            .map(|c| c.id)
            .collect();
        let mut by_id = FxMap::default();
        by_id.reserve(store.contacts.len());
        let mut contacts = Vec::with_capacity(store.contacts.len());
        for (at, c) in store
            .contacts
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_team)
        {
            // A duplicate id (which validation reports) keeps its first record.
            if by_id.contains_key(&c.id) {
                continue;
            }
            by_id.insert(c.id, contacts.len() as u32);
            contacts.push(Person {
                id: c.id,
                record: at as u32,
                since: days::day(c.created),
                cadence_days: c.cadence_days.filter(|d| *d > 0),
                referred_by: None,
            });
        }
        for c in store.contacts.iter().filter(|c| !c.is_team) {
            let (Some(&me), Some(r)) = (by_id.get(&c.id), c.referred_by) else {
                continue;
            };
            // A referrer who is a team member (or missing) credits nobody.
            if let Some(&by) = by_id.get(&r)
                && by != me
            {
                contacts[me as usize].referred_by = Some(by);
            }
        }

        let contact_of = |id: &Uuid| by_id.get(id).copied();
        let read = super::scan::scan(&store.interactions, &contact_of);
        let canonical = read.canonical;
        let channels: Vec<String> = read.channels.iter().map(|c| c.to_string()).collect();
        // Events in time order. A store in canonical order (as the app keeps it, and as it is
        // saved) has them so already: then they are taken as they are, not copied or sorted.
        let (events, rank) = if read.in_order {
            (read.events, None)
        } else {
            let mut order: Vec<(u64, u128, u32, u32)> =
                super::scan::keys(&store.interactions, &contact_of)
                    .iter()
                    .enumerate()
                    .map(|(i, k)| (k.0, k.1, k.2, i as u32))
                    .collect();
            order.sort_unstable();
            let mut rank = vec![0u32; order.len()];
            for (i, k) in order.iter().enumerate() {
                rank[k.3 as usize] = i as u32;
            }
            let events = order.iter().map(|k| read.events[k.3 as usize]).collect();
            (events, Some(rank))
        };
        let mut negatives: Vec<Negative> = read
            .negatives
            .into_iter()
            .map(|(e, id, note)| Negative {
                event: rank.as_ref().map_or(e, |r| r[e as usize]),
                id,
                note: note.to_string(),
                reply: None,
            })
            .collect();
        negatives.sort_by_key(|n| n.event);
        let mut unscored: Vec<Unscored> = read
            .unscored
            .into_iter()
            .map(|u| Unscored {
                event: rank.as_ref().map_or(u.event, |r| r[u.event as usize]),
                id: u.id,
                note: u.note.to_string(),
                language: u.language.to_string(),
            })
            .collect();
        unscored.sort_by_key(|u| u.event);

        let n = contacts.len();
        // The groupings below only read the events: the second core builds half of them.
        let (
            of_contact,
            activity,
            (referred, outbound),
            (first_on_channel, first_visit, connections),
        ) = std::thread::scope(|s| {
            let events = &events;
            let contacts = &contacts;
            let other = s.spawn(move || {
                let referred = Rows::build(
                    n,
                    contacts
                        .iter()
                        .enumerate()
                        .filter_map(|(i, p)| p.referred_by.map(|by| (by, i as u32))),
                );
                // Outbound interactions of each contact as (day, minute), in time order:
                // the replies that close negative feedback.
                let outbound = Rows::build(
                    n,
                    events
                        .iter()
                        .filter(|e| !e.inbound())
                        .map(|e| (e.contact, (e.day, e.minute()))),
                );
                let mut first_on_channel = FxMap::default();
                let mut first_visit = vec![None; n];
                let mut first_connect: FxMap<(u32, u32), Day> = FxMap::default();
                for e in events.iter().filter(|e| e.activity()) {
                    first_on_channel
                        .entry((e.contact, e.channel))
                        .or_insert(e.day);
                    if e.kind == Kind::Visit {
                        first_visit[e.contact as usize].get_or_insert(e.day);
                    }
                    if e.kind == Kind::Connect {
                        first_connect.entry((e.contact, e.channel)).or_insert(e.day);
                    }
                }
                let connections =
                    Rows::build(n, first_connect.iter().map(|(&(c, _), &day)| (c, day)));
                (
                    (referred, outbound),
                    (first_on_channel, first_visit, connections),
                )
            });
            let of_contact = Rows::build(n, events.iter().map(|e| (e.contact, *e)));
            let activity = Rows::build(
                n,
                events
                    .iter()
                    .filter(|e| e.activity())
                    .map(|e| (e.contact, e.day)),
            );
            let (a, b) = other.join().expect("index groupings");
            (of_contact, activity, a, b)
        });
        for neg in &mut negatives {
            neg.reply = reply_day(
                outbound.row(events[neg.event as usize].contact as usize),
                &events[neg.event as usize],
            );
        }
        for (i, p) in contacts.iter_mut().enumerate() {
            if let Some(first) = of_contact.row(i).first() {
                p.since = p.since.min(first.day);
            }
        }

        let mut spends: Vec<Spend> = store
            .investments
            .iter()
            .filter(|inv| !inv.contact.is_some_and(|c| team.contains(&c)))
            .map(|inv| Spend {
                day: days::day(inv.date),
                contact: inv.contact.and_then(|c| by_id.get(&c).copied()),
                kind: inv.kind,
                cents: inv.amount.cents().max(0),
                acquisition: inv.acquisition,
                note: inv.note.clone(),
            })
            .collect();
        spends.sort_by_key(|s| s.day);

        let namesakes = crate::names::Namesakes::of(store.contacts.iter());

        let index = Index {
            churn_days: settings.churn_days.clamp(1, 36_525) as i32,
            at_risk_days: settings.at_risk_days.clamp(1, 36_525) as i32,
            weights,
            contacts,
            records: store.contacts.clone(),
            by_id,
            channels,
            events,
            of_contact,
            activity,
            referred,
            first_on_channel,
            first_visit,
            connections,
            spends,
            negatives,
            unscored,
            namesakes,
        };
        (index, canonical)
    }

    /// The name of contact `c`.
    /// The name of contact `c` as shown: with what tells it apart when another contact of
    /// the store has the same name (see [`crate::names`]).
    /// Made when asked for: only the rows shown need it. Sorts use [`Index::sort_name`].
    pub(crate) fn name(&self, c: usize) -> std::borrow::Cow<'_, str> {
        self.namesakes
            .label(&self.records[self.contacts[c].record as usize])
    }

    /// The names several contacts of the index's store share.
    pub fn namesakes(&self) -> &crate::names::Namesakes {
        &self.namesakes
    }

    /// How many contacts the index's store holds, team members included.
    pub fn store_contacts(&self) -> usize {
        self.records.len()
    }

    /// The name of contact `c` as the store has it, for ordering rows without making labels.
    pub(crate) fn sort_name(&self, c: usize) -> &str {
        &self.records[self.contacts[c].record as usize].name
    }

    /// The tags of contact `c`.
    pub(crate) fn tags(&self, c: usize) -> &[String] {
        &self.records[self.contacts[c].record as usize].tags
    }

    /// The date of the first interaction of a non-team contact: where period `all` starts.
    pub fn first_interaction(&self) -> Option<Date> {
        self.events.first().map(|e| days::date(e.day))
    }

    /// Resolves a period spec against this store.
    pub fn period(&self, spec: &PeriodSpec, as_of: Date) -> Period {
        spec.resolve(as_of, self.first_interaction())
    }

    /// Contacts that are not team members.
    pub fn contact_count(&self) -> usize {
        self.contacts.len()
    }

    /// Interactions of contacts that are not team members.
    pub fn interaction_count(&self) -> usize {
        self.events.len()
    }

    pub(crate) fn weight(&self, k: Kind) -> u8 {
        self.weights[k as usize]
    }

    /// Interactions with `from <= day <= to`, in time order.
    pub(crate) fn events_in(&self, from: Day, to: Day) -> &[Event] {
        let lo = self.events.partition_point(|e| e.day < from);
        let hi = self.events.partition_point(|e| e.day <= to);
        &self.events[lo..hi.max(lo)]
    }

    /// A contact's interactions up to and including `to`, in time order.
    pub(crate) fn contact_events_until(&self, c: usize, to: Day) -> &[Event] {
        let row = self.of_contact.row(c);
        // Usually the whole history (the as-of date is today): skip the binary search then.
        if row.last().is_none_or(|e| e.day <= to) {
            return row;
        }
        &row[..row.partition_point(|e| e.day <= to)]
    }

    /// A contact's interactions with `from <= day <= to`, in time order.
    pub(crate) fn contact_events_in(&self, c: usize, from: Day, to: Day) -> &[Event] {
        let row = self.contact_events_until(c, to);
        &row[row.partition_point(|e| e.day < from)..]
    }

    /// A contact's activity days up to and including `to`.
    pub(crate) fn activity_until(&self, c: usize, to: Day) -> &[Day] {
        let row = self.activity.row(c);
        &row[..row.partition_point(|d| *d <= to)]
    }

    /// Last day the contact did something, on or before `to`.
    pub(crate) fn last_activity(&self, c: usize, to: Day) -> Option<Day> {
        self.activity_until(c, to).last().copied()
    }

    /// Last interaction in either direction on or before `to`: what resets stay-in-touch.
    pub(crate) fn last_touch(&self, c: usize, to: Day) -> Option<Day> {
        self.contact_events_until(c, to).last().map(|e| e.day)
    }

    /// Whether the contact exists on day `d` (joined on or before it).
    pub(crate) fn exists(&self, c: usize, d: Day) -> bool {
        self.contacts[c].since <= d
    }
}

/// The first outbound interaction in `out` (one contact's, in time order) that answers `e`: on a
/// later day, or on the same day unless both times are known and the reply's is earlier.
fn reply_day(out: &[(Day, i16)], e: &Event) -> Option<Day> {
    let start = out.partition_point(|o| o.0 < e.day);
    out[start..]
        .iter()
        .find(|o| o.0 > e.day || o.1 < 0 || e.minute() < 0 || o.1 >= e.minute())
        .map(|o| o.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An event gives back the parts it was made of (out-of-range answers, which the
        /// metrics ignore, read as none).
        #[test]
        fn an_event_gives_back_its_parts(
            minute in -1i16..1440,
            flags in 0u8..16,
            nps in proptest::option::of(0u8..16),
            rating in proptest::option::of(0u8..16),
            sentiment in proptest::option::of(-1.0f64..=1.0),
            cents in 0i64..i64::MAX,
        ) {
            let e = Event::from(EventParts {
                day: -3,
                minute,
                contact: 7,
                channel: 9,
                kind: Kind::Purchase,
                inbound: flags & 1 != 0,
                activity: flags & 2 != 0,
                resolved: flags & 4 != 0,
                nps,
                rating,
                sentiment,
                cents,
                valued: flags & 8 != 0,
            });
            proptest::prop_assert_eq!(
                (e.day, e.minute(), e.contact, e.channel, e.kind, e.cents),
                (-3, minute, 7, 9, Kind::Purchase, cents)
            );
            proptest::prop_assert_eq!(
                (e.inbound(), e.activity(), e.resolved(), e.valued()),
                (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0, flags & 8 != 0)
            );
            proptest::prop_assert_eq!(e.nps(), nps.filter(|n| *n <= 10));
            proptest::prop_assert_eq!(e.rating(), rating.filter(|r| (1..=5).contains(r)));
            proptest::prop_assert_eq!(e.sentiment(), sentiment);
        }
    }
}
