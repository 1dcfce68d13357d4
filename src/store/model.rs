//! The store's data model: settings, contacts, interactions, investments and standups. Field
//! order here is the order on disk (each record one line, see `line`), so a store kept in git
//! diffs sensibly.
//!
//! Every struct denies unknown fields: a field this version does not know is either a typo or
//! data from a newer schema, and dropping it silently would lose that data on the next save.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Blocks, Moment, Money};

/// The schema this build writes: JSON Lines (see `line`). Schema 1, one JSON object, is still
/// read, and rewritten as schema 2 by its first save.
pub const SCHEMA_VERSION: u32 = 2;

/// When a record was last written: set by whoever writes a changed record (the dashboard, `log`,
/// `import`), so a merge of two copies of a store can tell which change is newer.
pub type Updated = Option<jiff::Timestamp>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub schema: u32,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub contacts: Blocks<Contact>,
    #[serde(default)]
    pub interactions: Blocks<Interaction>,
    #[serde(default)]
    pub investments: Vec<Investment>,
    #[serde(default)]
    pub standups: Vec<Standup>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            schema: SCHEMA_VERSION,
            settings: Settings::default(),
            contacts: Blocks::new(),
            interactions: Blocks::new(),
            investments: Vec::new(),
            standups: Vec::new(),
        }
    }
}

impl Store {
    pub fn contact(&self, id: Uuid) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty() && self.interactions.is_empty() && self.investments.is_empty()
    }

    /// Puts records in the order they are written: contacts by creation then name, the rest by
    /// date. A stable order keeps diffs of a versioned store small.
    pub fn sort_canonical(&mut self) {
        self.sort_contacts();
        self.interactions.sort_by_key(|x| (x.at, x.id));
        self.investments.sort_by_key(|x| (x.date, x.id));
        self.standups.sort_by_key(|s| s.date);
    }

    /// Whether the store is already in the order [`Store::sort_canonical`] puts it in, as a
    /// saved store is.
    pub fn is_canonical(&self) -> bool {
        self.others_canonical() && self.interactions.iter().is_sorted_by_key(|x| (x.at, x.id))
    }

    /// [`Store::is_canonical`] for every list but the interactions, which the metrics index
    /// checks as it reads them.
    pub(crate) fn others_canonical(&self) -> bool {
        self.contacts.iter().is_sorted_by_key(Contact::order_key)
            && self.investments.iter().is_sorted_by_key(|x| (x.date, x.id))
            && self.standups.iter().is_sorted_by_key(|s| s.date)
    }

    /// The contacts alone in canonical order (see [`Store::sort_canonical`]).
    pub fn sort_contacts(&mut self) {
        self.contacts
            .sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    /// Takes out the contact at `index` (returned) and puts `new` (if any) where canonical
    /// order has it, as [`Store::place_interaction`] does for interactions.
    pub fn place_contact(&mut self, index: Option<usize>, new: Option<Contact>) -> Option<Contact> {
        let old = index.map(|i| self.contacts.remove(i));
        if let Some(c) = new {
            let at = self
                .contacts
                .partition_point(|o| o.order_key() < c.order_key());
            self.contacts.insert(at, c);
        }
        old
    }

    /// Where the contact `id` is.
    pub fn contact_position(&self, id: Uuid) -> Option<usize> {
        self.contacts.iter().position(|c| c.id == id)
    }

    /// Where the interaction `id` is. In a store in canonical order, one dated `at` is found by
    /// a binary search; otherwise (or when its date is not known) by a pass over them all.
    pub fn interaction_position(&self, id: Uuid, at: Option<Moment>) -> Option<usize> {
        at.and_then(|at| {
            self.interactions
                .binary_search_by(|x| (x.at, x.id).cmp(&(at, id)))
                .ok()
        })
        .or_else(|| self.interactions.iter().position(|x| x.id == id))
    }

    /// Takes out the interaction at `index` (returned) and puts `new` (if any) where canonical
    /// order has it: a store in canonical order stays so without a sort, which costs a pass over
    /// a million interactions even when only one moved.
    pub fn place_interaction(
        &mut self,
        index: Option<usize>,
        new: Option<Interaction>,
    ) -> Option<Interaction> {
        let old = index.map(|i| self.interactions.remove(i));
        if let Some(x) = new {
            let key = (x.at, x.id);
            let at = self.interactions.partition_point(|o| (o.at, o.id) < key);
            self.interactions.insert(at, x);
        }
        old
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// ISO 4217 code shown next to amounts; amounts are kept with two decimals whatever it is.
    pub currency: String,
    /// A contact silent for more than this many days is churned.
    pub churn_days: u32,
    /// An active contact silent for at least this many days may be at risk.
    pub at_risk_days: u32,
    /// Activity weight per kind, 1-12 (the Orbit model's scale), for the Orbit "love" score.
    /// Kinds not listed use the default.
    pub weights: BTreeMap<Kind, u8>,
    /// Score notes with VADER when no sentiment was set by hand.
    pub auto_sentiment: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: "USD".into(),
            churn_days: 90,
            at_risk_days: 30,
            weights: Kind::ALL.iter().map(|k| (*k, k.default_weight())).collect(),
            auto_sentiment: true,
        }
    }
}

impl Settings {
    pub fn weight(&self, kind: Kind) -> u8 {
        self.weights
            .get(&kind)
            .copied()
            .unwrap_or_else(|| kind.default_weight())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referred_by: Option<Uuid>,
    /// Stay-in-touch cadence: reach out at least every this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// Team members are excluded from every metric.
    #[serde(default, skip_serializing_if = "is_false")]
    pub is_team: bool,
    pub created: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Who the contact is on each platform an import knows them from: platform (`slack`,
    /// `discord`, `github`, `linkedin`, …) → their id there (a user id, a login, a profile
    /// URL). Imports match on these first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub identities: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Updated,
}

impl Contact {
    pub fn new(name: impl Into<String>, created: Date) -> Contact {
        Contact {
            id: new_id(),
            name: name.into(),
            handle: None,
            email: None,
            organisation: None,
            tags: Vec::new(),
            source: Source::default(),
            referred_by: None,
            cadence_days: None,
            is_team: false,
            created,
            notes: String::new(),
            identities: BTreeMap::new(),
            updated: None,
        }
    }

    /// Where the contact stands in the store's canonical order: by creation, then name.
    pub fn order_key(&self) -> (Date, &str, Uuid) {
        (self.created, &self.name, self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub id: Uuid,
    pub contact: Uuid,
    pub at: Moment,
    /// Free text, normalised to lower case on load and entry (`LinkedIn` → `linkedin`).
    pub channel: Channel,
    pub kind: Kind,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<Sentiment>,
    /// The note's language (ISO 639-1) when it was found to be confidently not English: such a
    /// note is not scored automatically, and waits on the follow-ups screen for a person's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Purchase value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    /// Survey answer, 0-10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<u8>,
    /// Review or CSAT rating, 1-5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// Negative feedback that has been answered by hand.
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolved: bool,
    /// Where an import found it (`slack:C01GENERAL:1705312800.000200`, `shopify:#1001`): the
    /// same event in a later export is recognised by it and not added twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Updated,
}

impl Interaction {
    pub fn new(contact: Uuid, at: Moment, channel: &str, kind: Kind) -> Interaction {
        Interaction {
            id: new_id(),
            contact,
            at,
            channel: Channel::normal(channel),
            kind,
            direction: Direction::default(),
            note: String::new(),
            sentiment: None,
            language: None,
            value: None,
            nps: None,
            rating: None,
            resolved: false,
            source: None,
            updated: None,
        }
    }
}

/// A sentiment score in -1..1 and whether it came from the text or from a person.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sentiment {
    pub score: f64,
    pub source: SentimentSource,
}

impl Sentiment {
    /// A score a person set, which automatic scoring never replaces.
    pub fn manual(score: f64) -> Sentiment {
        Sentiment {
            score,
            source: SentimentSource::Manual,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentimentSource {
    /// Scored from the note by VADER; rescored when the note changes.
    Auto,
    /// Set by a person; always wins over the automatic score.
    Manual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investment {
    pub id: Uuid,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Uuid>,
    pub kind: InvestmentKind,
    pub amount: Money,
    /// Counts toward customer acquisition cost (CAC).
    #[serde(default, skip_serializing_if = "is_false")]
    pub acquisition: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Updated,
}

/// The headline figures shown at a standup, so the next one can say "since last standup".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standup {
    pub date: Date,
    /// Figure name → value; a figure with no data is absent.
    pub figures: BTreeMap<String, f64>,
    /// The people the standup decided to act on before the next one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Updated,
}

impl Standup {
    /// A standup of `date` with these figures and no commitments yet.
    pub fn new(date: Date, figures: BTreeMap<String, f64>) -> Standup {
        Standup {
            date,
            figures,
            commitments: Vec::new(),
            updated: None,
        }
    }
}

/// A person a standup decided to act on, and why; at most one per contact and standup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub contact: Uuid,
    pub reason: CommitReason,
    /// What the team means to do ("thank for the referral"); may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intent: String,
    /// The negative feedback to answer, for a commitment made about feedback waiting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Uuid>,
}

/// Which list of the standup a committed person was picked from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitReason {
    AtRisk,
    NewAdvocate,
    Feedback,
    StayInTouch,
}

impl CommitReason {
    /// How a slide or a list says it.
    pub fn label(self) -> &'static str {
        match self {
            CommitReason::AtRisk => "at risk",
            CommitReason::NewAdvocate => "new advocate",
            CommitReason::Feedback => "feedback waiting",
            CommitReason::StayInTouch => "stay in touch",
        }
    }
}

/// Generates a time-ordered id (uuid v7), so ids sort by creation.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A channel's name, shared by the records on that channel: a store has a handful of channels
/// and up to a million interactions, so each record holds a pointer to the name, not a copy.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Channel(std::sync::Arc<str>);

impl Channel {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `written` in its normal spelling (see [`normalise_channel`]).
    pub(crate) fn normal(written: &str) -> Channel {
        if Channel::is_normal(written) {
            Channel::from(written)
        } else {
            Channel::from(normalise_channel(written))
        }
    }

    /// Whether two records share one name, rather than hold equal copies.
    #[cfg(test)]
    pub(crate) fn shares(&self, other: &Channel) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }

    /// Most channels are already in their normal spelling, which this tells without a copy:
    /// exactly those [`normalise_channel`] leaves as they are, or a subset of them (ASCII with
    /// no capital, no space and no control character, which sanitising would remove).
    fn is_normal(c: &str) -> bool {
        c.is_ascii()
            && !c
                .bytes()
                .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace() || b.is_ascii_control())
    }
}

impl std::ops::Deref for Channel {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Channel {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Channel {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Channel {
    fn from(s: String) -> Channel {
        Channel(s.into())
    }
}

impl From<&str> for Channel {
    fn from(s: &str) -> Channel {
        Channel(s.into())
    }
}

impl PartialEq<str> for Channel {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Channel {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl Serialize for Channel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A channel read from a file comes out in its normal spelling, shared with the other records
/// read on the same thread that name it: a store has a handful of channels and up to a million
/// interactions, which would otherwise each allocate their copy.
impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Channel, D::Error> {
        struct Written;
        impl serde::de::Visitor<'_> for Written {
            type Value = Channel;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a channel name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Channel, E> {
                Ok(Channel::read(v))
            }
        }
        d.deserialize_str(Written)
    }
}

impl Channel {
    /// `written` in its normal spelling, from the names this thread has read before.
    fn read(written: &str) -> Channel {
        /// Past this many names (a file with a channel per record), new ones are not kept.
        const KEEP: usize = 256;
        thread_local! {
            static SEEN: std::cell::RefCell<crate::hash::FxMap<Box<str>, Channel>> =
                std::cell::RefCell::default();
        }
        SEEN.with_borrow_mut(|seen| {
            if let Some(c) = seen.get(written) {
                return c.clone();
            }
            let c = Channel::normal(written);
            if seen.len() < KEEP {
                seen.insert(written.into(), c.clone());
            }
            c
        })
    }
}

/// A channel is a key that groups interactions (`Slack` and `slack` are one channel), so it is
/// stored trimmed, in lower case and without control characters or escape sequences: unlike a
/// name or a note it is not free text, and lower-casing a sequence first would turn it into
/// another one (`ESC P`, a DCS string, into `ESC p`) and leave its parameters to be shown.
pub fn normalise_channel(channel: &str) -> String {
    crate::sanitize::line(channel).trim().to_lowercase()
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Declares a snake_case string enum with its list of values, parsing and display, so the CLI,
/// the forms and the CSV import share one spelling of every value.
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == t).ok_or_else(|| {
                    let all: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    let near = crate::typos::nearest(&t, &all)
                        .map(|n| format!(": did you mean {n}?"))
                        .unwrap_or_default();
                    format!("`{}` is not a {}{near} (expected one of: {})", s.trim(),
                        stringify!($name).to_lowercase(), all.join(", "))
                })
            }
        }
    };
}

string_enum!(
    /// What happened in an interaction.
    Kind {
        Message = "message",
        Comment = "comment",
        Mention = "mention",
        Share = "share",
        Referral = "referral",
        Purchase = "purchase",
        Review = "review",
        Support = "support",
        Event = "event",
        Meeting = "meeting",
        Call = "call",
        Survey = "survey",
        EmailSent = "email_sent",
        EmailOpen = "email_open",
        EmailClick = "email_click",
        Visit = "visit",
        Gift = "gift",
        /// The contact connected, followed, starred or subscribed: the event behind connection
        /// growth.
        Connect = "connect",
        /// A like or an emoji reaction.
        Reaction = "reaction",
        Other = "other",
    }
);

/// The top of the activity weight scale: the Orbit model's 4 levels of 3 steps.
pub const MAX_WEIGHT: u8 = 12;

/// The longest note, in bytes, in every way in (form, quick log, `log`, import): about fifty
/// pages of text. Every screen that shows a note and every keystroke in its editor pay for its
/// length, so a longer one (a file pasted by mistake) is refused with what it measures.
pub const MAX_NOTE_BYTES: usize = 100_000;

impl Kind {
    /// Who an interaction of this kind comes from unless said otherwise: an email we sent and a
    /// gift we gave are ours by nature (outbound); everything else is the contact's (inbound).
    /// Every way in (the form, quick log, `log`, import) starts from this.
    pub fn default_direction(self) -> Direction {
        match self {
            Kind::EmailSent | Kind::Gift => Direction::Outbound,
            _ => Direction::Inbound,
        }
    }

    /// Default activity weights (1-12) for the Orbit "love" score, placed on the Orbit model's
    /// table by what the act says of the contact (docs/METRICS.md, "Orbit model"): bringing
    /// others in is Leading, public and effortful contribution is Contributing, taking part is
    /// Participating, passive signals are Exploring.
    pub fn default_weight(self) -> u8 {
        match self {
            Kind::Referral => 10,
            Kind::Review => 8,
            Kind::Share | Kind::Mention => 7,
            Kind::Event | Kind::Meeting | Kind::Purchase => 6,
            Kind::Call | Kind::Comment => 5,
            Kind::Message | Kind::Survey | Kind::Support => 4,
            Kind::EmailClick | Kind::Reaction => 3,
            Kind::Visit | Kind::Connect | Kind::Other => 2,
            Kind::EmailOpen | Kind::Gift | Kind::EmailSent => 1,
        }
    }
}

string_enum!(
    /// How a contact first came to the community.
    #[derive(Default)]
    Source {
        #[default]
        Organic = "organic",
        Referral = "referral",
        Paid = "paid",
        Event = "event",
        Other = "other",
    }
);

string_enum!(
    /// Inbound: from the contact to us. Outbound: from us to the contact.
    #[derive(Default)]
    Direction {
        #[default]
        Inbound = "inbound",
        Outbound = "outbound",
    }
);

impl Direction {
    /// Accepts `in`/`out` as well as the full words.
    pub fn parse_loose(s: &str) -> Result<Direction, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "in" | "<" => Ok(Direction::Inbound),
            "out" | ">" => Ok(Direction::Outbound),
            other => other.parse(),
        }
    }
}

string_enum!(
    /// Where money or time went.
    InvestmentKind {
        Gift = "gift",
        Event = "event",
        Ads = "ads",
        Content = "content",
        Tooling = "tooling",
        Time = "time",
        Other = "other",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for channels already in their normal spelling gives what normalising
    /// gives, whatever the channel holds: capitals, spaces, control characters (an escape
    /// sequence written into the file), non-ASCII text.
    #[test]
    fn a_channel_in_its_normal_spelling_is_what_normalising_gives() {
        for written in [
            "email",
            "LinkedIn",
            " web ",
            "e\u{1b}[31mmail",
            "sms\u{7f}",
            "tab\there",
            "Zoë",
            "forum-2",
        ] {
            assert_eq!(
                Channel::normal(written).as_str(),
                normalise_channel(written),
                "{written:?}"
            );
        }
    }

    /// Records read on one thread that name a channel share its name, spelt normally.
    #[test]
    fn channels_read_from_a_file_are_normal_and_shared() {
        let a: Channel = serde_json::from_str("\" LinkedIn\"").unwrap();
        let b: Channel = serde_json::from_str("\" LinkedIn\"").unwrap();
        assert_eq!(a, "linkedin");
        assert!(a.shares(&b));
    }

    #[test]
    fn kinds_parse_from_loose_spellings() {
        assert_eq!("Email-Open".parse::<Kind>(), Ok(Kind::EmailOpen));
        assert_eq!("email sent".parse::<Kind>(), Ok(Kind::EmailSent));
        let e = "tweet".parse::<Kind>().unwrap_err();
        assert!(e.contains("expected one of: message, comment"), "{e}");
        assert!(!e.contains("did you mean"), "nothing is near tweet: {e}");
        let e = "Purchse".parse::<Kind>().unwrap_err();
        assert!(
            e.starts_with("`Purchse` is not a kind: did you mean purchase?"),
            "{e}"
        );
        let e = "inbond".parse::<Direction>().unwrap_err();
        assert!(e.contains("did you mean inbound?"), "{e}");
    }

    #[test]
    fn every_kind_has_a_weight_in_range() {
        for k in Kind::ALL {
            assert!((1..=MAX_WEIGHT).contains(&k.default_weight()), "{k}");
        }
    }

    #[test]
    fn directions_accept_short_forms() {
        assert_eq!(Direction::parse_loose("out"), Ok(Direction::Outbound));
        assert_eq!(Direction::parse_loose("Inbound"), Ok(Direction::Inbound));
        assert!(Direction::parse_loose("sideways").is_err());
    }
}
