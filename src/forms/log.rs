//! The "log interaction" form: who, what, where, when, the note with its live sentiment, and the
//! figures that only some kinds carry (value of a purchase, NPS of a survey, rating of a review).

use super::context::FormContext;
use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::picker::{ContactPicker, Picked, new_contact_from_typed};
use super::sentiment_input::SentimentInput;
use super::{Choice, Combo, LineInput};
use crate::sentiment::{rescore, score_text};
use crate::store::{
    Contact, Direction, Interaction, Kind, Moment, Sentiment, SentimentSource, Settings,
};

/// A logged (or edited) interaction, and the contact to create first when it was picked as new.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedInteraction {
    pub interaction: Interaction,
    pub new_contact: Option<Contact>,
    /// The date of the interaction this edits, as the form found it; `None` for a new one
    /// (whose id is new, so it is not looked for in the store).
    pub was_at: Option<Moment>,
}

pub const CONTACT: &str = "contact";
pub const KIND: &str = "kind";
pub const VALUE: &str = "value";
pub const NPS: &str = "nps";
pub const RATING: &str = "rating";
pub const CHANNEL: &str = "channel";
pub const DATE: &str = "date";
pub const DIRECTION: &str = "direction";
pub const NOTE: &str = "note";
pub const SENTIMENT: &str = "sentiment";

#[derive(Clone, Debug)]
pub struct LogForm {
    form: Form,
    settings: Settings,
    /// The interaction being edited: its id, resolved flag and sentiment are kept.
    original: Option<Interaction>,
    /// The sentiment text the form opened with, to tell an untouched manual score from a new one.
    original_sentiment_text: String,
    /// The note last scored, so the analyser runs only when the note changes.
    scored_note: Option<String>,
    /// The kind the direction was last set for: when the kind changes and the direction is
    /// still that kind's default, it follows the new kind's (an email sent is ours).
    kind_seen: Kind,
    /// The contact the channel was last pre-filled for.
    contact_seen: Option<uuid::Uuid>,
    /// Each contact's last channel, and the channels the store knows (used, or common).
    channel_of: std::sync::Arc<crate::hash::FxMap<uuid::Uuid, String>>,
    known_channels: Vec<String>,
    /// A new channel the user was asked about once: saving again keeps it.
    channel_asked: std::cell::RefCell<Option<String>>,
}

/// What a note over the limit is told, in every way in.
pub fn note_too_long(len: usize) -> String {
    format!(
        "the note is {} bytes; a note holds at most {} (keep the gist, link the rest)",
        crate::store::group_digits(len as u64),
        crate::store::group_digits(crate::store::MAX_NOTE_BYTES as u64)
    )
}

fn kind_index(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn direction_index(d: Direction) -> usize {
    Direction::ALL.iter().position(|x| *x == d).unwrap_or(0)
}

impl LogForm {
    pub fn new(ctx: &FormContext) -> LogForm {
        let channel = ctx.last_channel.clone().unwrap_or_default();
        let fields = vec![
            Field::new(
                CONTACT,
                "Contact",
                Input::Contact(Box::new(ContactPicker::new(ctx.contacts.clone(), true))),
            )
            .required("choose a contact: type a name, @handle or organisation")
            .placeholder("type a name, @handle or organisation"),
            Field::new(KIND, "Kind", Input::Choice(Choice::new(Kind::ALL, 0))),
            Field::new(VALUE, "Value", Input::Money(LineInput::default()))
                .placeholder("e.g. 129.99"),
            Field::new(NPS, "NPS", Field::number_input("", 0, 10)).placeholder("0-10"),
            Field::new(RATING, "Rating", Field::number_input("", 1, 5)).placeholder("1-5"),
            Field::new(
                CHANNEL,
                "Channel",
                Input::Combo(Combo::new(&channel, ctx.recent_channels.clone(), false)),
            )
            .required("enter a channel (e.g. email, linkedin)")
            .placeholder("e.g. email, linkedin"),
            Field::new(DATE, "Date", Field::date_input("now", ctx.now, false))
                .required("enter a date (now, today, yesterday, -3d or 2026-11-20)"),
            Field::new(
                DIRECTION,
                "Direction",
                Input::Choice(Choice::new(Direction::ALL, 0)),
            ),
            Field::new(NOTE, "Note", Field::note_input("")).placeholder("what was said"),
            Field::new(
                SENTIMENT,
                "Sentiment",
                Input::Sentiment(SentimentInput::new(ctx.settings.auto_sentiment)),
            )
            .placeholder("--, -, 0, +, ++ or -1..1"),
        ];
        let mut f = LogForm {
            form: Form::new("Log interaction", fields),
            settings: ctx.settings.clone(),
            original: None,
            original_sentiment_text: String::new(),
            scored_note: None,
            kind_seen: Kind::ALL[0],
            contact_seen: None,
            channel_of: ctx.channel_of.clone(),
            known_channels: ctx.recent_channels.clone(),
            channel_asked: std::cell::RefCell::new(None),
        };
        f.refresh();
        f
    }

    /// Opens an existing interaction for editing.
    pub fn edit(ctx: &FormContext, x: &Interaction) -> LogForm {
        let mut f = LogForm::new(ctx);
        f.form.title = "Edit interaction".into();
        if let Input::Contact(p) = &mut f.form.field_mut(CONTACT).input {
            p.select(x.contact);
        }
        f.set_choice(KIND, kind_index(x.kind));
        f.set_choice(DIRECTION, direction_index(x.direction));
        f.kind_seen = x.kind;
        f.contact_seen = Some(x.contact);
        f.set_text(CHANNEL, &x.channel);
        f.set_text(DATE, &x.at.to_string().replace('T', " "));
        if let Some(v) = x.value {
            f.set_text(VALUE, &Field::money_text(v));
        }
        if let Some(n) = x.nps {
            f.set_text(NPS, &n.to_string());
        }
        if let Some(r) = x.rating {
            f.set_text(RATING, &r.to_string());
        }
        f.form.field_mut(NOTE).input = Field::note_input(&x.note);
        if let Some(Sentiment {
            score,
            source: SentimentSource::Manual,
        }) = x.sentiment
        {
            let text = format!("{score:+}");
            f.set_text(SENTIMENT, &text);
            f.original_sentiment_text = text;
        }
        f.original = Some(x.clone());
        f.refresh();
        f
    }

    /// Starts with this contact chosen (logging from a contact's page, or replying to feedback).
    pub fn with_contact(mut self, id: uuid::Uuid) -> LogForm {
        if let Input::Contact(p) = &mut self.form.field_mut(CONTACT).input {
            p.select(id);
        }
        if self.form.focus() == 0 {
            self.form.focus_on(KIND);
        }
        self
    }

    pub fn with_kind(mut self, kind: Kind) -> LogForm {
        self.set_choice(KIND, kind_index(kind));
        self.refresh();
        self
    }

    /// Starts with this channel (a reply goes where the feedback came from).
    pub fn with_channel(mut self, channel: &str) -> LogForm {
        self.set_text(CHANNEL, channel);
        self
    }

    pub fn with_direction(mut self, d: Direction) -> LogForm {
        self.set_choice(DIRECTION, direction_index(d));
        self
    }

    fn set_choice(&mut self, key: &str, i: usize) {
        if let Input::Choice(c) = &mut self.form.field_mut(key).input {
            c.select(i);
        }
    }

    fn set_text(&mut self, key: &str, text: &str) {
        match &mut self.form.field_mut(key).input {
            Input::Text(i)
            | Input::Money(i)
            | Input::Number { input: i, .. }
            | Input::Date { input: i, .. } => i.set(text),
            Input::Combo(c) => c.input.set(text),
            Input::Sentiment(s) => s.input.set(text),
            _ => {}
        }
    }

    /// The id of the interaction being edited, if this form edits one.
    pub fn editing(&self) -> Option<uuid::Uuid> {
        self.original.as_ref().map(|x| x.id)
    }

    pub fn kind(&self) -> Kind {
        Kind::ALL
            .get(self.form.field(KIND).choice())
            .copied()
            .unwrap_or(Kind::Other)
    }
}

impl FormSpec for LogForm {
    type Output = LoggedInteraction;

    fn form(&self) -> &Form {
        &self.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn refresh(&mut self) {
        // A log for a contact starts on their own last channel, not on whoever was logged last,
        // unless a channel was already typed.
        if let Picked::Existing(id) = self.form.field(CONTACT).picked()
            && self.contact_seen != Some(id)
        {
            self.contact_seen = Some(id);
            if let Input::Combo(c) = &mut self.form.field_mut(CHANNEL).input
                && (c.input.is_prefilled() || c.input.is_empty())
                && let Some(ch) = self.channel_of.get(&id)
            {
                c.input = LineInput::prefilled(ch);
            }
        }
        let kind = self.kind();
        if kind != self.kind_seen {
            let direction = Direction::ALL
                .get(self.form.field(DIRECTION).choice())
                .copied();
            if direction == Some(self.kind_seen.default_direction()) {
                self.set_choice(DIRECTION, direction_index(kind.default_direction()));
            }
            self.kind_seen = kind;
        }
        self.form.set_visible(VALUE, kind == Kind::Purchase);
        self.form.set_visible(NPS, kind == Kind::Survey);
        self.form.set_visible(RATING, kind == Kind::Review);
        let note = self.form.field(NOTE).text();
        if self.scored_note.as_deref() != Some(note.as_str()) {
            let language = self
                .settings
                .auto_sentiment
                .then(|| crate::language::foreign(&note))
                .flatten();
            let auto = if self.settings.auto_sentiment && language.is_none() {
                score_text(&note)
            } else {
                None
            };
            if let Input::Sentiment(s) = &mut self.form.field_mut(SENTIMENT).input {
                s.auto = auto;
                s.language = language;
            }
            self.scored_note = Some(note);
        }
    }

    fn build(&self) -> Result<LoggedInteraction, (&'static str, String)> {
        let f = &self.form;
        let at = match f.field(DATE).moment() {
            Ok(Some(m)) => m,
            Ok(None) => return Err((DATE, "enter a date".into())),
            Err(e) => return Err((DATE, e)),
        };
        let mut new_contact = None;
        let contact = match f.field(CONTACT).picked() {
            Picked::Existing(id) => id,
            Picked::New(typed) => {
                let c = new_contact_from_typed(&typed, at.date);
                let id = c.id;
                new_contact = Some(c);
                id
            }
            Picked::Nobody => return Err((CONTACT, "choose a contact".into())),
        };
        let kind = self.kind();
        let channel = crate::store::normalise_channel(&f.field(CHANNEL).text());
        if !self.known_channels.contains(&channel)
            && self.channel_asked.borrow().as_deref() != Some(channel.as_str())
        {
            // A channel nobody used before is often a typo: asked once, kept when saved again.
            *self.channel_asked.borrow_mut() = Some(channel.clone());
            let close = self
                .known_channels
                .iter()
                .find(|c| c.starts_with(channel.as_str()))
                .map_or(String::new(), |c| format!(", or pick {c} (↓)"));
            return Err((
                CHANNEL,
                format!("new channel `{channel}`: Enter or Ctrl-S again keeps it{close}"),
            ));
        }
        let mut x = Interaction::new(contact, at, &channel, kind);
        if let Some(o) = &self.original {
            x.id = o.id;
            x.resolved = o.resolved;
        }
        x.direction = Direction::ALL
            .get(f.field(DIRECTION).choice())
            .copied()
            .unwrap_or_default();
        x.note = f.field(NOTE).text();
        if x.note.len() > crate::store::MAX_NOTE_BYTES {
            return Err((NOTE, note_too_long(x.note.len())));
        }
        let field_err = |key: &'static str, e: String| (key, e);
        if kind == Kind::Purchase {
            x.value = f.field(VALUE).money().map_err(|e| field_err(VALUE, e))?;
        }
        if kind == Kind::Survey {
            x.nps = f
                .field(NPS)
                .number()
                .map_err(|e| field_err(NPS, e))?
                .map(|n| n as u8);
        }
        if kind == Kind::Review {
            x.rating = f
                .field(RATING)
                .number()
                .map_err(|e| field_err(RATING, e))?
                .map(|n| n as u8);
        }
        let sentiment_text = f.field(SENTIMENT).text();
        let manual = match &f.field(SENTIMENT).input {
            Input::Sentiment(s) => s.manual().map_err(|e| field_err(SENTIMENT, e))?,
            _ => None,
        };
        x.sentiment = match (manual, &self.original) {
            // An untouched manual score is kept exactly, not re-read from its rounded text.
            (Some(_), Some(o)) if sentiment_text == self.original_sentiment_text => o.sentiment,
            (Some(score), _) => Some(Sentiment::manual(score)),
            (None, _) => None,
        };
        rescore(&mut x, &self.settings);
        Ok(LoggedInteraction {
            interaction: x,
            new_contact,
            was_at: self.original.as_ref().map(|o| o.at),
        })
    }
}
