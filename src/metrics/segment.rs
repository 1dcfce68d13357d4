//! Segments: the community seen through one slice of it (`tag:vip`, `source:referral`,
//! `org:Acme`, `channel:discord`), so a manager can read NPS for the Berlin meetup or churn on
//! Discord. A segment is a store restricted to its contacts; every figure is then worked out
//! exactly as for the whole store, so a segment's figure is by construction the figure of the
//! same store with the other contacts removed.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::hash::FxSet;
use crate::store::{Source, Store, normalise_channel};

/// One rule of a segment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Contacts with this tag (compared without regard to case).
    Tag(String),
    /// Contacts who came this way.
    Source(Source),
    /// Contacts of this organisation (compared without regard to case).
    Org(String),
    /// This channel's interactions, and the contacts who used it.
    Channel(String),
}

impl Rule {
    fn value_matches(want: &str, have: &str) -> bool {
        want.trim().to_lowercase() == have.trim().to_lowercase()
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Tag(t) => write!(f, "tag:{t}"),
            Rule::Source(s) => write!(f, "source:{s}"),
            Rule::Org(o) => write!(f, "org:{o}"),
            Rule::Channel(c) => write!(f, "channel:{c}"),
        }
    }
}

impl FromStr for Rule {
    type Err = String;
    fn from_str(s: &str) -> Result<Rule, String> {
        let Some((what, value)) = s.split_once(':') else {
            return Err(format!(
                "`{}` is not a segment (expected tag:NAME, source:NAME, org:NAME or channel:NAME)",
                s.trim()
            ));
        };
        let value = value.trim();
        if value.is_empty() {
            return Err(format!("`{}` names no {}", s.trim(), what.trim()));
        }
        match what.trim().to_ascii_lowercase().as_str() {
            "tag" => Ok(Rule::Tag(value.to_string())),
            "source" => value.parse().map(Rule::Source),
            "org" | "organisation" | "organization" => Ok(Rule::Org(value.to_string())),
            "channel" | "ch" => Ok(Rule::Channel(normalise_channel(value))),
            other => Err(format!(
                "`{other}` is not a kind of segment (expected tag, source, org or channel)"
            )),
        }
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Rules that must all hold; no rule is the whole community.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Segment(pub Vec<Rule>);

impl Segment {
    pub fn is_everyone(&self) -> bool {
        self.0.is_empty()
    }

    /// `tag:vip + channel:discord`, or `everyone`.
    pub fn label(&self) -> String {
        if self.0.is_empty() {
            return "everyone".into();
        }
        self.0
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// The store as the segment sees it: its contacts, their interactions (on the segment's
    /// channel, when it names one) and the investments made in them. References to contacts
    /// left out (who referred whom) are left out too, so the result is a sound store.
    pub fn apply(&self, store: &Store) -> Store {
        if self.0.is_empty() {
            return store.clone();
        }
        let channels: Vec<&str> = self
            .0
            .iter()
            .filter_map(|r| match r {
                Rule::Channel(c) => Some(c.as_str()),
                _ => None,
            })
            .collect();
        let on_channels = |ch: &str| channels.iter().all(|c| *c == ch);
        let used: FxSet<uuid::Uuid> = if channels.is_empty() {
            FxSet::default()
        } else {
            store
                .interactions
                .iter()
                .filter(|x| on_channels(&x.channel))
                .map(|x| x.contact)
                .collect()
        };
        let keep: FxSet<uuid::Uuid> = store
            .contacts
            .iter()
            .filter(|c| {
                self.0.iter().all(|r| match r {
                    Rule::Tag(t) => c.tags.iter().any(|have| Rule::value_matches(t, have)),
                    Rule::Source(s) => c.source == *s,
                    Rule::Org(o) => c
                        .organisation
                        .as_deref()
                        .is_some_and(|have| Rule::value_matches(o, have)),
                    Rule::Channel(_) => used.contains(&c.id),
                })
            })
            .map(|c| c.id)
            .collect();
        let mut out = store.clone();
        out.contacts.retain(|c| keep.contains(&c.id));
        out.contacts.modify_where(
            |c| c.referred_by.is_some_and(|r| !keep.contains(&r)),
            |c| c.referred_by = None,
        );
        out.interactions
            .retain(|x| keep.contains(&x.contact) && on_channels(&x.channel));
        out.investments
            .retain(|i| i.contact.is_some_and(|c| keep.contains(&c)));
        out
    }
}

impl FromStr for Segment {
    type Err = String;
    /// Rules separated by `+` or `,`: `tag:vip + channel:discord`.
    fn from_str(s: &str) -> Result<Segment, String> {
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("everyone") {
            return Ok(Segment::default());
        }
        s.split(['+', ','])
            .filter(|p| !p.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<Rule>, String>>()
            .map(Segment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_written_and_say_what_is_wrong() {
        assert_eq!("tag:VIP".parse::<Rule>(), Ok(Rule::Tag("VIP".into())));
        assert_eq!(
            "channel: Discord".parse::<Rule>(),
            Ok(Rule::Channel("discord".into()))
        );
        assert_eq!(
            "source:referral".parse::<Rule>(),
            Ok(Rule::Source(Source::Referral))
        );
        assert!(
            "source:friends"
                .parse::<Rule>()
                .unwrap_err()
                .contains("is not a source")
        );
        assert!(
            "colour:red"
                .parse::<Rule>()
                .unwrap_err()
                .contains("not a kind of segment")
        );
        assert!(
            "vip"
                .parse::<Rule>()
                .unwrap_err()
                .contains("expected tag:NAME")
        );
        assert!("tag:".parse::<Rule>().unwrap_err().contains("names no tag"));
        let s: Segment = "tag:vip + org:Acme".parse().unwrap();
        assert_eq!(s.label(), "tag:vip + org:Acme");
        assert!("".parse::<Segment>().unwrap().is_everyone());
    }
}
