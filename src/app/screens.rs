//! The screens and the state of their lists: filters, sort orders and selections.

use super::dashboard::{ContactStats, Dashboard};
use super::list::{ListState, SearchBox};
use crate::sentiment::{NEGATIVE_AT, POSITIVE_AT};
use crate::store::{Interaction, Store};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Overview,
    /// One overview pane, full-screen with more detail.
    Pane(PaneId),
    Contacts,
    Contact,
    Interactions,
    FollowUps,
    Cohorts,
    Investments,
    /// Likely duplicate contacts, to merge.
    Duplicates,
    /// Returns against investments: value figures, the ROR ledger, gift impact.
    Value,
    /// Per-channel figures, reach (email, website, sharing) and connection growth.
    Channels,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneId {
    Engagement,
    Sentiment,
    Churn,
    Advocates,
}

impl PaneId {
    pub const ALL: [PaneId; 4] = [
        PaneId::Engagement,
        PaneId::Sentiment,
        PaneId::Churn,
        PaneId::Advocates,
    ];

    pub fn title(self) -> &'static str {
        match self {
            PaneId::Engagement => "Engagement",
            PaneId::Sentiment => "Sentiment",
            PaneId::Churn => "Churn",
            PaneId::Advocates => "Advocates",
        }
    }

    pub fn index(self) -> usize {
        PaneId::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn step(self, by: isize) -> PaneId {
        let n = PaneId::ALL.len() as isize;
        PaneId::ALL[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    LastTouch,
    Engagement,
    Advocacy,
    Value,
    Name,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::LastTouch => "last touch",
            SortKey::Engagement => "engagement",
            SortKey::Advocacy => "advocacy",
            SortKey::Value => "value",
            SortKey::Name => "name",
        }
    }

    pub fn next(self) -> SortKey {
        match self {
            SortKey::LastTouch => SortKey::Engagement,
            SortKey::Engagement => SortKey::Advocacy,
            SortKey::Advocacy => SortKey::Value,
            SortKey::Value => SortKey::Name,
            SortKey::Name => SortKey::LastTouch,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactsState {
    pub list: ListState,
    pub search: SearchBox,
    pub sort: SortKey,
    /// Reverse of the natural order (newest/highest first, names A-Z).
    pub reversed: bool,
    /// Indices into `store.contacts`, filtered and sorted.
    pub rows: Vec<usize>,
    /// Contacts picked with space, for a change to several at once (tagging).
    pub marked: std::collections::BTreeSet<uuid::Uuid>,
    /// The rows are out of date: rebuilt when the screen is next shown.
    pub stale: bool,
}

impl ContactsState {
    pub fn rebuild(&mut self, store: &Store, dash: &Dashboard) {
        let words = self.search.words();
        let mut rows: Vec<usize> = (0..store.contacts.len())
            .filter(|i| {
                if words.is_empty() {
                    return true;
                }
                let c = &store.contacts[*i];
                let hay = format!(
                    "{} {} {} {} {}",
                    c.name,
                    c.handle.as_deref().unwrap_or(""),
                    c.organisation.as_deref().unwrap_or(""),
                    c.email.as_deref().unwrap_or(""),
                    c.tags.join(" ")
                )
                .to_lowercase();
                words
                    .iter()
                    .all(|w| hay.contains(w.trim_start_matches('@')))
            })
            .collect();
        let stats: Vec<ContactStats> = store.contacts.iter().map(|c| dash.stats(c.id)).collect();
        let name = |i: &usize| store.contacts[*i].name.to_lowercase();
        match self.sort {
            SortKey::LastTouch => {
                rows.sort_by(|a, b| stats[*b].last_touch.cmp(&stats[*a].last_touch))
            }
            SortKey::Engagement => {
                rows.sort_by(|a, b| stats[*b].engagement.total_cmp(&stats[*a].engagement))
            }
            SortKey::Advocacy => {
                rows.sort_by(|a, b| stats[*b].advocacy.total_cmp(&stats[*a].advocacy))
            }
            SortKey::Value => rows.sort_by(|a, b| stats[*b].revenue.cmp(&stats[*a].revenue)),
            SortKey::Name => rows.sort_by_cached_key(name),
        }
        if self.reversed {
            rows.reverse();
        }
        self.rows = rows;
        self.stale = false;
        self.list.clamp(self.rows.len());
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SentimentFilter {
    #[default]
    All,
    Positive,
    Neutral,
    Negative,
}

impl SentimentFilter {
    pub fn next(self) -> SentimentFilter {
        match self {
            SentimentFilter::All => SentimentFilter::Positive,
            SentimentFilter::Positive => SentimentFilter::Neutral,
            SentimentFilter::Neutral => SentimentFilter::Negative,
            SentimentFilter::Negative => SentimentFilter::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SentimentFilter::All => "all",
            SentimentFilter::Positive => "+ positive",
            SentimentFilter::Neutral => "= neutral",
            SentimentFilter::Negative => "− negative",
        }
    }

    fn accepts(self, score: Option<f64>) -> bool {
        match (self, score) {
            (SentimentFilter::All, _) => true,
            (_, None) => false,
            (SentimentFilter::Positive, Some(s)) => s >= POSITIVE_AT,
            (SentimentFilter::Negative, Some(s)) => s <= NEGATIVE_AT,
            (SentimentFilter::Neutral, Some(s)) => s > NEGATIVE_AT && s < POSITIVE_AT,
        }
    }
}

/// The interactions the log lists, newest first, as indices into `store.interactions`.
#[derive(Clone, Debug, PartialEq)]
pub enum LogRows {
    /// All of them. The app keeps the store in canonical order (oldest first), so newest
    /// first is that order reversed, and a million rows need no list of their own.
    All(usize),
    /// The ones a filter lets through.
    Picked(Vec<usize>),
}

impl Default for LogRows {
    fn default() -> Self {
        LogRows::All(0)
    }
}

impl LogRows {
    pub fn len(&self) -> usize {
        match self {
            LogRows::All(n) => *n,
            LogRows::Picked(rows) => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The interaction on row `row`.
    pub fn get(&self, row: usize) -> Option<usize> {
        match self {
            LogRows::All(n) => (row < *n).then(|| n - 1 - row),
            LogRows::Picked(rows) => rows.get(row).copied(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct InteractionsState {
    pub list: ListState,
    pub search: SearchBox,
    pub sentiment: SentimentFilter,
    pub rows: LogRows,
    /// What filters read of each contact, in lower case, kept for the store version it was made
    /// for so that typing a filter does not make it again.
    names: crate::hash::FxMap<uuid::Uuid, Filed>,
    built_for: Option<u64>,
    /// The filter that picked the rows on show, for the store version they were built for.
    picked_by: Option<(SentimentFilter, Vec<(u8, String)>)>,
    /// The rows are out of date: rebuilt when the screen is next shown.
    pub stale: bool,
}

impl InteractionsState {
    /// Filter words: `@name` (contact), `ch:NAME`/`channel:NAME`, `kind:NAME`, `tag:NAME`,
    /// `org:NAME`, `source:NAME` (the contact's), a lone `+`, `-` or `=` (sentiment), anything
    /// else matched against the note, contact, channel and kind.
    pub fn rebuild(&mut self, store: &Store, version: u64) {
        debug_assert!(
            store.interactions.iter().is_sorted_by_key(|x| (x.at, x.id)),
            "the app keeps the store in canonical order"
        );
        if self.built_for != Some(version) {
            self.names.clear();
            self.picked_by = None;
            self.built_for = Some(version);
        }
        let words = self.search.words();
        // Lower-case names are needed only to filter, once per store version.
        if !words.is_empty() && self.names.is_empty() {
            self.names = store
                .contacts
                .iter()
                .map(|c| {
                    let filed = Filed {
                        name: c.name.to_lowercase(),
                        tags: c.tags.iter().map(|t| t.to_lowercase()).collect(),
                        org: c.organisation.as_deref().unwrap_or("").to_lowercase(),
                        source: c.source.as_str(),
                    };
                    (c.id, filed)
                })
                .collect();
        }
        let mut sentiment = self.sentiment;
        let mut tests: Vec<(u8, &str)> = Vec::new();
        for w in &words {
            match w.as_str() {
                "+" => sentiment = SentimentFilter::Positive,
                "-" | "−" => sentiment = SentimentFilter::Negative,
                "=" => sentiment = SentimentFilter::Neutral,
                _ => {
                    if let Some(n) = w.strip_prefix('@') {
                        tests.push((0, n));
                    } else if let Some(c) =
                        w.strip_prefix("ch:").or_else(|| w.strip_prefix("channel:"))
                    {
                        tests.push((1, c));
                    } else if let Some(k) = w.strip_prefix("kind:") {
                        tests.push((2, k));
                    } else if let Some(t) = w.strip_prefix("tag:") {
                        tests.push((4, t));
                    } else if let Some(o) = w
                        .strip_prefix("org:")
                        .or_else(|| w.strip_prefix("organisation:"))
                    {
                        tests.push((5, o));
                    } else if let Some(src) = w.strip_prefix("source:") {
                        tests.push((6, src));
                    } else {
                        tests.push((3, w));
                    }
                }
            }
        }
        // No filter: every interaction, newest first (the usual case, and on a large store the
        // one a keystroke must not wait for).
        let rows = if tests.is_empty() && sentiment == SentimentFilter::All {
            self.picked_by = None;
            LogRows::All(store.interactions.len())
        } else {
            // A filter that only narrows the one on show (a letter typed at the end of a word,
            // a word added) keeps a subset of its rows: only those are looked at again.
            let narrows = self.picked_by.as_ref().is_some_and(|(s, before)| {
                *s == sentiment
                    && before.len() <= tests.len()
                    && before
                        .iter()
                        .zip(&tests)
                        .all(|((t0, w0), (t, w))| t0 == t && w.contains(w0.as_str()))
            });
            let rows = match (&self.rows, narrows) {
                (LogRows::Picked(rows), true) => self.filtered(
                    sentiment,
                    &tests,
                    rows.iter().map(|i| (*i, &store.interactions[*i])),
                ),
                _ => self.filtered(
                    sentiment,
                    &tests,
                    store.interactions.iter().enumerate().rev(),
                ),
            };
            self.picked_by = Some((
                sentiment,
                tests.iter().map(|(t, w)| (*t, w.to_string())).collect(),
            ));
            LogRows::Picked(rows)
        };
        self.rows = rows;
        self.stale = false;
        self.list.clamp(self.rows.len());
    }

    /// The interactions among `rows` that pass the filter, in the order given.
    fn filtered<'a>(
        &self,
        sentiment: SentimentFilter,
        tests: &[(u8, &str)],
        rows: impl Iterator<Item = (usize, &'a Interaction)>,
    ) -> Vec<usize> {
        let names = &self.names;
        rows.filter(|(_, x)| {
            if !sentiment.accepts(x.sentiment.map(|s| s.score)) {
                return false;
            }
            let who = names.get(&x.contact);
            let name = who.map_or("", |n| n.name.as_str());
            tests.iter().all(|(t, w)| match t {
                0 => name.contains(w),
                1 => x.channel.contains(w),
                2 => x.kind.as_str().contains(w),
                4 => who.is_some_and(|p| p.tags.iter().any(|tag| tag.contains(w))),
                5 => who.is_some_and(|p| p.org.contains(w)),
                6 => who.is_some_and(|p| p.source.starts_with(w)),
                _ => {
                    name.contains(w)
                        || x.channel.contains(w)
                        || x.kind.as_str().contains(w)
                        || contains_lowered(&x.note, w)
                }
            })
        })
        .map(|(i, _)| i)
        .collect()
    }
}

/// What the log's filter reads of a contact, in lower case.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filed {
    name: String,
    tags: Vec<String>,
    org: String,
    source: &'static str,
}

/// Whether `text` in lower case contains `lower` (already lower case). Most notes are ASCII,
/// and those are compared without making a lower-case copy: a filter word is looked for in
/// every note of the store at each keystroke.
fn contains_lowered(text: &str, lower: &str) -> bool {
    if !text.is_ascii() {
        return text.to_lowercase().contains(lower);
    }
    let (hay, needle) = (text.as_bytes(), lower.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    // Jump between the places the first letter stands, in either case.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(|i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUpsState {
    /// 0: stay-in-touch, 1: negative feedback, 2: notes waiting for a score, 3: standup
    /// commitments not acted on.
    pub focus: usize,
    pub due: ListState,
    pub negative: ListState,
    pub waiting: ListState,
    pub commitments: ListState,
}

impl FollowUpsState {
    /// How many lists the screen has.
    pub const LISTS: usize = 4;

    pub fn clamp(&mut self, dash: &Dashboard) {
        self.due.clamp(dash.due.len());
        self.negative.clamp(dash.negative.len());
        self.waiting.clamp(dash.waiting.len());
        self.commitments.clamp(dash.commitments().len());
    }

    /// The focused list and its length.
    pub fn focused(&mut self, dash: &Dashboard) -> (&mut ListState, usize) {
        match self.focus {
            0 => (&mut self.due, dash.due.len()),
            1 => (&mut self.negative, dash.negative.len()),
            2 => (&mut self.waiting, dash.waiting.len()),
            _ => (&mut self.commitments, dash.commitments().len()),
        }
    }

    /// Moves the focus `by` lists, round.
    pub fn step(&mut self, by: isize) {
        self.focus = (self.focus as isize + by).rem_euclid(Self::LISTS as isize) as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::LogRows;

    #[test]
    fn notes_match_as_their_lower_case_would() {
        use super::contains_lowered;
        for (note, word) in [
            ("Loved the WEBINAR", "webinar"),
            ("Loved the webinar", "inar"),
            ("Café RÉUNION à Paris", "réunion"),
            ("KELVIN \u{212A}", "kelvin k"),
            ("anything", ""),
            ("short", "longer than it"),
            ("Loved the webinar", "webinars"),
            ("ÉCOLE", "école"),
        ] {
            assert_eq!(
                contains_lowered(note, word),
                note.to_lowercase().contains(word),
                "{note:?} / {word:?}"
            );
        }
    }

    #[test]
    fn every_interaction_newest_first_without_a_list() {
        let all = LogRows::All(3);
        assert_eq!(all.len(), 3);
        let rows: Vec<_> = (0..4).map(|r| all.get(r)).collect();
        assert_eq!(rows, [Some(2), Some(1), Some(0), None]);
        assert!(LogRows::All(0).is_empty());
        let picked = LogRows::Picked(vec![5, 1]);
        assert_eq!(
            (picked.len(), picked.get(1), picked.get(2)),
            (2, Some(1), None)
        );
    }
}
