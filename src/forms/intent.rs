//! The commitment form: what the team means to do for a person picked at a standup.

use std::collections::BTreeMap;

use jiff::civil::Date;
use uuid::Uuid;

use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::line_input::LineInput;
use crate::store::{Commitment, Standup, Store};

pub const INTENT: &str = "intent";

/// Intents are a line on a slide and in a list, not a note.
pub const MAX_INTENT_CHARS: usize = 200;

/// A commitment made, changed or dropped at the standup of `date`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentChange {
    pub date: Date,
    pub contact: Uuid,
    /// `None` drops the person's commitment.
    pub commitment: Option<Commitment>,
    /// The figures of a standup not recorded yet (a demo's, a read-only store's), should the
    /// change have to add one.
    pub figures: BTreeMap<String, f64>,
}

impl CommitmentChange {
    /// Puts the commitment into the standup of its day (replacing one to the same person), or
    /// takes the person's out.
    pub fn apply_to(&self, store: &mut Store) {
        let at = match store.standups.iter().position(|s| s.date == self.date) {
            Some(at) => at,
            None => {
                store
                    .standups
                    .push(Standup::new(self.date, self.figures.clone()));
                store.standups.sort_by_key(|s| s.date);
                let Some(at) = store.standups.iter().position(|s| s.date == self.date) else {
                    return;
                };
                at
            }
        };
        let list = &mut store.standups[at].commitments;
        let had = list.iter().position(|c| c.contact == self.contact);
        match (had, &self.commitment) {
            (Some(i), Some(c)) => list[i] = c.clone(),
            (None, Some(c)) => list.push(c.clone()),
            (Some(i), None) => {
                list.remove(i);
            }
            (None, None) => {}
        }
    }
}

#[derive(Clone, Debug)]
pub struct IntentForm {
    form: Form,
    change: CommitmentChange,
}

impl IntentForm {
    /// A form for the commitment of `change` to `name`, its intent pre-filled (typing
    /// replaces it).
    pub fn new(name: &str, change: CommitmentChange) -> IntentForm {
        let commitment = change
            .commitment
            .clone()
            .expect("a form for a commitment made");
        let fields = vec![
            Field::new(
                INTENT,
                "Intent",
                Input::Text(LineInput::prefilled(&commitment.intent)),
            )
            .placeholder("optional, e.g. thank for the referral"),
        ];
        let title = format!("Commit to {} ({})", name, commitment.reason.label());
        IntentForm {
            form: Form::new(crate::sanitize::line(&title).into_owned(), fields),
            change,
        }
    }
}

impl FormSpec for IntentForm {
    type Output = CommitmentChange;

    fn form(&self) -> &Form {
        &self.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn check(&self, i: usize) -> Result<(), String> {
        let f = &self.form.fields[i];
        f.check()?;
        let n = f.text().trim().chars().count();
        if f.key == INTENT && n > MAX_INTENT_CHARS {
            return Err(format!(
                "{n} characters: an intent is one line of at most {MAX_INTENT_CHARS}"
            ));
        }
        Ok(())
    }

    fn build(&self) -> Result<CommitmentChange, (&'static str, String)> {
        if let Err(e) = self.check(0) {
            return Err((INTENT, e));
        }
        let intent = crate::sanitize::line(self.form.field(INTENT).text().trim()).into_owned();
        let mut change = self.change.clone();
        if let Some(c) = &mut change.commitment {
            c.intent = intent;
        }
        Ok(change)
    }
}
