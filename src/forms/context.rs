//! What forms need to know about the store, gathered once when a form opens: the contacts for the
//! picker, channels by how recently they were used, tags by how often, the settings (automatic
//! sentiment) and the current time.

use std::sync::Arc;

use jiff::civil::DateTime;

use super::picker::ContactIndex;
use crate::hash::FxMap;
use crate::store::{Moment, Settings, Store};

/// Offered as channels when the store has none yet, so a first log is not a blank field.
pub const COMMON_CHANNELS: &[&str] = &[
    "email",
    "linkedin",
    "slack",
    "discord",
    "github",
    "forum",
    "phone",
    "in-person",
    "website",
];

#[derive(Clone, Debug)]
pub struct FormContext {
    pub contacts: Arc<ContactIndex>,
    /// Channels used in the store, most recent first, then common ones not used yet.
    pub recent_channels: Vec<String>,
    /// The channel used last, to prefill a new log (`None` on a store with no interactions).
    pub last_channel: Option<String>,
    /// Each contact's last channel: a log for them starts there.
    pub(crate) channel_of: Arc<FxMap<uuid::Uuid, String>>,
    /// Tags in the store, most used first.
    pub tags: Vec<String>,
    pub settings: Settings,
    /// "Now" in local civil time: the default date, and the reference for `yesterday` or `-3d`.
    pub now: DateTime,
}

impl FormContext {
    pub fn from_store(store: &Store, now: DateTime) -> FormContext {
        let mut last_use: FxMap<&str, Moment> = FxMap::default();
        let mut of_contact: FxMap<uuid::Uuid, (Moment, &str)> = FxMap::default();
        for x in &store.interactions {
            let e = last_use.entry(x.channel.as_str()).or_insert(x.at);
            if x.at > *e {
                *e = x.at;
            }
            let c = of_contact
                .entry(x.contact)
                .or_insert((x.at, x.channel.as_str()));
            if x.at >= c.0 {
                *c = (x.at, x.channel.as_str());
            }
        }
        let channel_of = of_contact
            .into_iter()
            .map(|(id, (_, ch))| (id, ch.to_string()))
            .collect();
        let mut channels: Vec<(&str, Moment)> = last_use.into_iter().collect();
        channels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut recent_channels: Vec<String> =
            channels.into_iter().map(|(c, _)| c.to_string()).collect();
        let last_channel = recent_channels.first().cloned();
        for c in COMMON_CHANNELS {
            if !recent_channels.iter().any(|r| r == c) {
                recent_channels.push((*c).to_string());
            }
        }

        let mut counts: FxMap<&str, usize> = FxMap::default();
        for c in &store.contacts {
            for t in &c.tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut tags: Vec<(&str, usize)> = counts.into_iter().collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));

        FormContext {
            contacts: Arc::new(ContactIndex::from_store(store)),
            recent_channels,
            last_channel,
            channel_of: Arc::new(channel_of),
            tags: tags.into_iter().map(|(t, _)| t.to_string()).collect(),
            settings: store.settings.clone(),
            now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Contact, Interaction, Kind};
    use jiff::civil::date;

    #[test]
    fn channels_by_recency_and_tags_by_use() {
        let mut store = Store::default();
        let mut a = Contact::new("A", date(2026, 1, 1));
        a.tags = vec!["vip".into(), "speaker".into()];
        let mut b = Contact::new("B", date(2026, 1, 1));
        b.tags = vec!["speaker".into()];
        for (day, ch) in [(3, "slack"), (9, "email"), (5, "slack"), (1, "linkedin")] {
            let at = Moment::day(date(2026, 11, day));
            store
                .interactions
                .push(Interaction::new(a.id, at, ch, Kind::Message));
        }
        store.contacts = vec![a, b].into();
        let ctx = FormContext::from_store(&store, date(2026, 11, 20).at(9, 0, 0, 0));
        // email last used on the 9th, slack on the 5th, linkedin on the 1st; then the common
        // channels not yet used, in their listed order.
        assert_eq!(
            ctx.recent_channels[..5],
            ["email", "slack", "linkedin", "discord", "github"]
        );
        assert_eq!(ctx.tags, ["speaker", "vip"]);
        assert_eq!(ctx.last_channel.as_deref(), Some("email"));
        let empty = FormContext::from_store(&Store::default(), date(2026, 11, 20).at(9, 0, 0, 0));
        assert_eq!(empty.last_channel, None);
        assert_eq!(empty.recent_channels[0], "email");
    }
}
