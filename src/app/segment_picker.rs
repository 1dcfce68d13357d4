//! The segment picker: which slice of the community the figures are for (everyone, a tag, a
//! source, an organisation, a channel). Typing narrows the list; Enter applies the selected one.

use crate::forms::{Edit, LineInput};
use crate::hash::FxMap;
use crate::metrics::{Rule, Segment};
use crate::store::Store;

/// One choice: the segment, what it is called, and how many contacts it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentChoice {
    pub segment: Segment,
    pub label: String,
    pub contacts: usize,
    /// The label in lower case, for matching what is typed.
    lower: String,
}

impl SegmentChoice {
    fn new(segment: Segment, contacts: usize) -> SegmentChoice {
        let label = segment.label();
        SegmentChoice {
            lower: label.to_lowercase(),
            segment,
            label,
            contacts,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentPicker {
    pub query: LineInput,
    choices: Vec<SegmentChoice>,
    /// Positions in `choices` of those matching the query, in order.
    pub shown: Vec<usize>,
    /// Position in `shown`.
    pub selected: usize,
}

impl SegmentPicker {
    /// Every segment the store has (tags, sources, organisations, channels, each most contacts
    /// first), after "everyone"; the one in force is selected.
    pub fn new(store: &Store, current: &Segment) -> SegmentPicker {
        let members = store.contacts.iter().filter(|c| !c.is_team);
        let mut tags: FxMap<String, (String, usize)> = FxMap::default();
        let mut orgs: FxMap<String, (String, usize)> = FxMap::default();
        let mut sources: FxMap<String, (crate::store::Source, usize)> = FxMap::default();
        let count = |map: &mut FxMap<String, (String, usize)>, value: &str| {
            let v = value.trim();
            if !v.is_empty() {
                map.entry(v.to_lowercase())
                    .or_insert_with(|| (v.to_string(), 0))
                    .1 += 1;
            }
        };
        let mut everyone = 0;
        for c in members {
            everyone += 1;
            for t in &c.tags {
                count(&mut tags, t);
            }
            if let Some(o) = &c.organisation {
                count(&mut orgs, o);
            }
            sources
                .entry(c.source.to_string())
                .or_insert((c.source, 0))
                .1 += 1;
        }
        let team: crate::hash::FxSet<uuid::Uuid> = store
            .contacts
            .iter()
            .filter(|c| c.is_team)
            .map(|c| c.id)
            .collect();
        let mut on_channel: FxMap<&str, crate::hash::FxSet<uuid::Uuid>> = FxMap::default();
        for x in store
            .interactions
            .iter()
            .filter(|x| !team.contains(&x.contact))
        {
            on_channel
                .entry(x.channel.as_str())
                .or_default()
                .insert(x.contact);
        }

        let mut choices = vec![SegmentChoice::new(Segment::default(), everyone)];
        let mut group = |mut found: Vec<(Rule, usize)>| {
            found.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| a.0.to_string().cmp(&b.0.to_string()))
            });
            choices.extend(
                found
                    .into_iter()
                    .map(|(rule, n)| SegmentChoice::new(Segment(vec![rule]), n)),
            );
        };
        group(tags.into_values().map(|(t, n)| (Rule::Tag(t), n)).collect());
        group(
            sources
                .into_values()
                .map(|(s, n)| (Rule::Source(s), n))
                .collect(),
        );
        group(orgs.into_values().map(|(o, n)| (Rule::Org(o), n)).collect());
        group(
            on_channel
                .into_iter()
                .map(|(ch, who)| (Rule::Channel(ch.to_string()), who.len()))
                .collect(),
        );
        let mut picker = SegmentPicker {
            query: LineInput::default(),
            shown: (0..choices.len()).collect(),
            choices,
            selected: 0,
        };
        if let Some(i) = picker.choices.iter().position(|c| c.segment == *current) {
            picker.selected = i;
        }
        picker
    }

    /// The choices shown, in order.
    pub fn rows(&self) -> impl Iterator<Item = &SegmentChoice> {
        self.shown.iter().map(|i| &self.choices[*i])
    }

    pub fn selected(&self) -> Option<&SegmentChoice> {
        self.shown.get(self.selected).map(|i| &self.choices[*i])
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self) {
        if self.selected + 1 < self.shown.len() {
            self.selected += 1;
        }
    }

    /// A key for the query line; the list narrows to the choices holding every typed word.
    pub fn handle_key(&mut self, key: &crossterm::event::KeyEvent) {
        if self.query.handle_key(key) == Edit::Changed {
            self.filter();
        }
    }

    /// Pasted text goes into the query.
    pub fn insert(&mut self, text: &str) {
        self.query.insert(text);
        self.filter();
    }

    fn filter(&mut self) {
        let q = self.query.text().to_lowercase();
        let words: Vec<&str> = q.split_whitespace().collect();
        self.shown = (0..self.choices.len())
            .filter(|i| words.iter().all(|w| self.choices[*i].lower.contains(w)))
            .collect();
        self.selected = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Contact, Interaction, Kind, Moment, Source};
    use jiff::civil::date;

    fn store() -> Store {
        let mut s = Store::default();
        let day = date(2026, 1, 1);
        for (name, tags, org, source) in [
            ("Ada", vec!["vip", "beta"], Some("Acme"), Source::Referral),
            ("Bob", vec!["VIP"], Some("acme"), Source::Organic),
            ("Cat", vec![], None, Source::Organic),
        ] {
            let mut c = Contact::new(name, day);
            c.tags = tags.into_iter().map(String::from).collect();
            c.organisation = org.map(String::from);
            c.source = source;
            s.contacts.push(c);
        }
        let mut team = Contact::new("Tess", day);
        team.is_team = true;
        team.tags = vec!["staff".into()];
        s.contacts.push(team);
        let ids: Vec<_> = s.contacts.iter().map(|c| c.id).collect();
        for (who, ch) in [(0, "discord"), (1, "discord"), (0, "email"), (3, "slack")] {
            s.interactions.push(Interaction::new(
                ids[who],
                Moment::day(day),
                ch,
                Kind::Message,
            ));
        }
        s
    }

    fn labels(p: &SegmentPicker) -> Vec<String> {
        p.rows()
            .map(|c| format!("{} {}", c.label, c.contacts))
            .collect()
    }

    /// Tags and organisations are counted without regard to case (as segments match them);
    /// team members, who are in no figure, are in no count and bring no choice.
    #[test]
    fn every_segment_of_the_store_is_offered_with_its_contacts() {
        let p = SegmentPicker::new(&store(), &Segment::default());
        assert_eq!(
            labels(&p),
            [
                "everyone 3",
                "tag:vip 2",
                "tag:beta 1",
                "source:organic 2",
                "source:referral 1",
                "org:Acme 2",
                "channel:discord 2",
                "channel:email 1",
            ]
        );
        assert_eq!(p.selected().unwrap().label, "everyone");
    }

    #[test]
    fn typing_narrows_the_list_and_the_current_segment_starts_selected() {
        let current = Segment(vec![Rule::Org("Acme".into())]);
        let mut p = SegmentPicker::new(&store(), &current);
        assert_eq!(p.selected().unwrap().label, "org:Acme");
        p.insert("dis");
        assert_eq!(labels(&p), ["channel:discord 2"]);
        p.insert("x");
        assert!(p.selected().is_none());
        let mut p = SegmentPicker::new(&store(), &current);
        p.insert("tag v");
        assert_eq!(labels(&p), ["tag:vip 2"]);
    }
}
