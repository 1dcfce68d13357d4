//! Whichever form is open, behind one type: the app keeps an `ActiveForm` on its overlay stack,
//! hands it keys and pastes, draws it, and applies the [`Submission`] it returns.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::form::{FormSpec, Outcome};
use super::view::{FormTheme, FormView};
use super::{
    CommitmentChange, ContactForm, IntentForm, InvestmentForm, LogForm, LoggedInteraction,
    QuickLogForm, TagChange, TagForm,
};
use crate::app::Where;
use crate::store::{Contact, Investment, Store};

/// A record a form made, ready to go into the store.
// One is made per save and moved once: its size is no cost worth a box per variant.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Submission {
    Interaction(LoggedInteraction),
    Contact(Contact),
    Investment(Investment),
    /// A tag added to or removed from several contacts.
    Tags(TagChange),
    /// A standup commitment made, changed or dropped.
    Commitment(CommitmentChange),
}

impl Submission {
    /// The records [`Submission::apply_to`] may change, for undo.
    pub fn touches(&self) -> crate::app::Touch {
        let mut t = crate::app::Touch::default();
        match self {
            Submission::Interaction(x) => {
                t.contacts.extend(x.new_contact.as_ref().map(|c| c.id));
                t.interactions.push(crate::app::Moved {
                    id: x.interaction.id,
                    before: x.was_at.map_or(Where::Absent, Where::At),
                    after: Where::At(x.interaction.at),
                });
            }
            Submission::Contact(c) => t.contacts.push(c.id),
            Submission::Investment(inv) => t.investments.push(inv.id),
            Submission::Tags(tags) => t.contacts.extend(tags.contacts.iter().copied()),
            Submission::Commitment(c) => t.standups.push(c.date),
        }
        t
    }

    /// Puts the record into the store: a record whose id is already there replaces it (an
    /// edit), any other is added (a new contact before the interaction that needs it). A store
    /// in canonical order stays so.
    pub fn apply_to(&self, store: &mut Store) {
        fn upsert<T: Clone>(list: &mut Vec<T>, item: &T, same: impl Fn(&T) -> bool) {
            match list.iter_mut().find(|x| same(x)) {
                Some(slot) => *slot = item.clone(),
                None => list.push(item.clone()),
            }
        }
        match self {
            Submission::Interaction(x) => {
                if let Some(c) = &x.new_contact {
                    store.place_contact(store.contact_position(c.id), Some(c.clone()));
                }
                // A new interaction has a new id: only an edit looks for the one it replaces.
                let i = &x.interaction;
                let was = x
                    .was_at
                    .and_then(|at| store.interaction_position(i.id, Some(at)));
                store.place_interaction(was, Some(i.clone()));
            }
            Submission::Contact(c) => {
                store.place_contact(store.contact_position(c.id), Some(c.clone()));
            }
            Submission::Investment(inv) => {
                upsert(&mut store.investments, inv, |o| o.id == inv.id);
                store.investments.sort_by_key(|x| (x.date, x.id));
            }
            // Tags are not part of any record's place in the order.
            Submission::Tags(t) => t.apply_to(store),
            Submission::Commitment(c) => c.apply_to(store),
        }
    }
}

#[derive(Clone, Debug)]
pub enum ActiveForm {
    Log(Box<LogForm>),
    Quick(Box<QuickLogForm>),
    Contact(Box<ContactForm>),
    Investment(Box<InvestmentForm>),
    Tag(Box<TagForm>),
    Intent(Box<IntentForm>),
}

fn map<T>(o: Outcome<T>, f: impl FnOnce(T) -> Submission) -> Outcome<Submission> {
    match o {
        Outcome::Ignored => Outcome::Ignored,
        Outcome::Consumed => Outcome::Consumed,
        Outcome::Invalid { field, errors } => Outcome::Invalid { field, errors },
        Outcome::Submit(x) => Outcome::Submit(f(x)),
        Outcome::ConfirmDiscard => Outcome::ConfirmDiscard,
        Outcome::Cancel => Outcome::Cancel,
    }
}

impl ActiveForm {
    pub fn handle_key(&mut self, key: KeyEvent) -> Outcome<Submission> {
        match self {
            ActiveForm::Log(f) => map(f.handle_key(key), Submission::Interaction),
            ActiveForm::Quick(f) => map(f.handle_key(key), Submission::Interaction),
            ActiveForm::Contact(f) => map(f.handle_key(key), Submission::Contact),
            ActiveForm::Investment(f) => map(f.handle_key(key), Submission::Investment),
            ActiveForm::Tag(f) => map(f.handle_key(key), Submission::Tags),
            ActiveForm::Intent(f) => map(f.handle_key(key), Submission::Commitment),
        }
    }

    pub fn handle_paste(&mut self, text: &str) -> Outcome<Submission> {
        match self {
            ActiveForm::Log(f) => map(f.handle_paste(text), Submission::Interaction),
            ActiveForm::Quick(f) => map(f.handle_paste(text), Submission::Interaction),
            ActiveForm::Contact(f) => map(f.handle_paste(text), Submission::Contact),
            ActiveForm::Investment(f) => map(f.handle_paste(text), Submission::Investment),
            ActiveForm::Tag(f) => map(f.handle_paste(text), Submission::Tags),
            ActiveForm::Intent(f) => map(f.handle_paste(text), Submission::Commitment),
        }
    }

    /// Whether closing would lose typed input (the app asks before quitting).
    pub fn is_dirty(&self) -> bool {
        match self {
            ActiveForm::Log(f) => f.is_dirty(),
            ActiveForm::Quick(f) => f.is_dirty(),
            ActiveForm::Contact(f) => f.is_dirty(),
            ActiveForm::Investment(f) => f.is_dirty(),
            ActiveForm::Tag(f) => f.is_dirty(),
            ActiveForm::Intent(f) => f.is_dirty(),
        }
    }

    /// The form's title, for questions about it ("Discard the Log interaction form?").
    pub fn title(&self) -> &str {
        match self {
            ActiveForm::Log(f) => &f.form().title,
            ActiveForm::Quick(_) => "Quick log",
            ActiveForm::Contact(f) => &f.form().title,
            ActiveForm::Investment(f) => &f.form().title,
            ActiveForm::Tag(f) => &f.form().title,
            ActiveForm::Intent(f) => &f.form().title,
        }
    }

    /// Shows a message in the form, such as why saving failed and that Ctrl-S retries.
    pub fn set_status(&mut self, status: Option<String>) {
        match self {
            ActiveForm::Log(f) => f.form_mut().set_status(status),
            ActiveForm::Quick(f) => f.set_status(status),
            ActiveForm::Contact(f) => f.form_mut().set_status(status),
            ActiveForm::Investment(f) => f.form_mut().set_status(status),
            ActiveForm::Tag(f) => f.form_mut().set_status(status),
            ActiveForm::Intent(f) => f.form_mut().set_status(status),
        }
    }

    fn view(&self) -> &dyn FormView {
        match self {
            ActiveForm::Log(f) => f.as_ref(),
            ActiveForm::Quick(f) => f.as_ref(),
            ActiveForm::Contact(f) => f.as_ref(),
            ActiveForm::Investment(f) => f.as_ref(),
            ActiveForm::Tag(f) => f.as_ref(),
            ActiveForm::Intent(f) => f.as_ref(),
        }
    }
}

impl FormView for ActiveForm {
    fn render_themed(&self, area: Rect, buf: &mut Buffer, theme: &FormTheme) {
        self.view().render_themed(area, buf, theme);
    }

    fn cursor(&self, area: Rect) -> Option<Position> {
        self.view().cursor(area)
    }

    fn height(&self, width: u16) -> u16 {
        self.view().height(width)
    }
}

impl Widget for &ActiveForm {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.render_themed(area, buf, &FormTheme::default());
    }
}
