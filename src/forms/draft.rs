//! Drafts: what an open form holds, as plain data that can be written down and typed back in.
//!
//! When the dashboard is stopped by a signal (a closed terminal, `kill`) while a form holds
//! input, the runtime keeps that input as a draft beside the store, and the next dashboard on
//! that store reopens the same form with it. A draft is what was typed, field by field, never a
//! record: nothing in it reaches the store until the form is saved as usual, with every check.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::active::ActiveForm;
use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::picker::Picked;

/// Which form a draft came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftForm {
    Log,
    Quick,
    Contact,
    Investment,
    Tag,
}

/// The input of one form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormDraft {
    pub form: DraftForm,
    /// The record the form was editing (an interaction, a contact or an investment), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<Uuid>,
    /// The contacts a tag form was for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Uuid>,
    /// The field that had the cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Each field's input by the field's key (the quick log's one line is `line`).
    pub fields: BTreeMap<String, FieldDraft>,
}

/// The input of one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldDraft {
    /// Text as typed: names, notes, amounts, numbers, channels, tags, sentiment. A date is kept
    /// as the moment it meant (`now` typed at 14:03 is kept as that day at 14:03).
    Text {
        text: String,
    },
    /// The option chosen, by its label.
    Choice {
        option: String,
    },
    Checkbox {
        checked: bool,
    },
    /// A contact picker: the text typed and the contact chosen (or that a new one was).
    Contact {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contact: Option<Uuid>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        new: bool,
    },
}

/// The key of the quick log's one line.
pub const QUICK_LINE: &str = "line";

impl Field {
    pub fn draft(&self) -> FieldDraft {
        match &self.input {
            Input::Date { .. } => {
                let text = match self.moment() {
                    Ok(Some(m)) => m.to_string().replace('T', " "),
                    _ => self.text(),
                };
                FieldDraft::Text { text }
            }
            Input::Choice(c) => FieldDraft::Choice {
                option: c.label().to_string(),
            },
            Input::Checkbox(b) => FieldDraft::Checkbox { checked: *b },
            Input::Contact(p) => {
                let picked = p.value();
                FieldDraft::Contact {
                    text: p.query().text().to_string(),
                    contact: match picked {
                        Picked::Existing(id) => Some(id),
                        _ => None,
                    },
                    new: matches!(picked, Picked::New(_)),
                }
            }
            _ => FieldDraft::Text { text: self.text() },
        }
    }

    /// Types a field's draft back in. A draft of another type (an older version of the form) is
    /// left out rather than forced in.
    pub fn restore(&mut self, draft: &FieldDraft) {
        match (&mut self.input, draft) {
            (
                Input::Text(i)
                | Input::Money(i)
                | Input::Number { input: i, .. }
                | Input::Date { input: i, .. },
                FieldDraft::Text { text },
            ) => i.set(text),
            (Input::Combo(c), FieldDraft::Text { text }) => c.input.set(text),
            (Input::Sentiment(s), FieldDraft::Text { text }) => s.input.set(text),
            (Input::Note(_), FieldDraft::Text { text }) => self.input = Field::note_input(text),
            (Input::Choice(c), FieldDraft::Choice { option }) => {
                if let Some(i) = c.options().iter().position(|o| o == option) {
                    c.select(i);
                }
            }
            (Input::Checkbox(b), FieldDraft::Checkbox { checked }) => *b = *checked,
            (Input::Contact(p), FieldDraft::Contact { text, contact, new }) => {
                let picked = match (contact, new) {
                    (Some(id), _) => Picked::Existing(*id),
                    (None, true) => Picked::New(text.trim().to_string()),
                    (None, false) => Picked::Nobody,
                };
                p.restore(text, picked);
            }
            _ => {}
        }
    }
}

impl Form {
    fn draft_fields(&self) -> (Option<String>, BTreeMap<String, FieldDraft>) {
        let fields = self
            .fields
            .iter()
            .map(|f| (f.key.to_string(), f.draft()))
            .collect();
        (Some(self.focused_key().to_string()), fields)
    }

    fn restore_fields(&mut self, draft: &FormDraft) {
        for field in &mut self.fields {
            if let Some(d) = draft.fields.get(field.key) {
                field.restore(d);
            }
        }
        self.mark_dirty();
    }
}

/// Restores a form built on the engine, then lets it bring its derived state up to date (which
/// fields show, the note's score) before focus goes back where it was.
fn restore_spec<F: FormSpec>(f: &mut F, draft: &FormDraft) {
    f.form_mut().restore_fields(draft);
    f.refresh();
    if let Some(key) = &draft.focus {
        f.form_mut().focus_on(key);
    }
}

fn spec_draft<F: FormSpec>(
    f: &F,
    form: DraftForm,
    editing: Option<Uuid>,
    contacts: Vec<Uuid>,
) -> FormDraft {
    let (focus, fields) = f.form().draft_fields();
    FormDraft {
        form,
        editing,
        contacts,
        focus,
        fields,
    }
}

impl ActiveForm {
    /// What the form holds, to keep as a draft; `None` for a standup's intent, one line typed
    /// during the standup it belongs to.
    pub fn draft(&self) -> Option<FormDraft> {
        Some(match self {
            ActiveForm::Intent(_) => return None,
            ActiveForm::Log(f) => spec_draft(f.as_ref(), DraftForm::Log, f.editing(), vec![]),
            ActiveForm::Contact(f) => {
                spec_draft(f.as_ref(), DraftForm::Contact, f.editing(), vec![])
            }
            ActiveForm::Investment(f) => {
                spec_draft(f.as_ref(), DraftForm::Investment, f.editing(), vec![])
            }
            ActiveForm::Tag(f) => {
                spec_draft(f.as_ref(), DraftForm::Tag, None, f.contacts().to_vec())
            }
            ActiveForm::Quick(f) => FormDraft {
                form: DraftForm::Quick,
                editing: None,
                contacts: vec![],
                focus: None,
                fields: BTreeMap::from([(
                    QUICK_LINE.to_string(),
                    FieldDraft::Text {
                        text: f.input().text().to_string(),
                    },
                )]),
            },
        })
    }

    /// Types a draft back into this form, which must be the one it came from (opened on the same
    /// record); the form then counts as holding input.
    pub fn restore(&mut self, draft: &FormDraft) {
        match self {
            ActiveForm::Log(f) => restore_spec(f.as_mut(), draft),
            ActiveForm::Contact(f) => restore_spec(f.as_mut(), draft),
            ActiveForm::Investment(f) => restore_spec(f.as_mut(), draft),
            ActiveForm::Tag(f) => restore_spec(f.as_mut(), draft),
            ActiveForm::Intent(_) => {}
            ActiveForm::Quick(f) => {
                if let Some(FieldDraft::Text { text }) = draft.fields.get(QUICK_LINE) {
                    f.restore_line(text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{FormContext, LogForm, Outcome, QuickLogForm, Submission};
    use crate::store::{Contact, Kind, Store};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use jiff::civil::date;

    fn ctx() -> (FormContext, Uuid) {
        let mut store = Store::default();
        let ada = Contact::new("Ada Lovelace", date(2026, 1, 5));
        let id = ada.id;
        store.contacts.push(ada);
        (
            FormContext::from_store(&store, date(2026, 3, 31).at(14, 3, 0, 0)),
            id,
        )
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_in(f: &mut ActiveForm, text: &str) {
        for c in text.chars() {
            f.handle_key(key(KeyCode::Char(c)));
        }
    }

    fn submitted(f: &mut ActiveForm) -> Submission {
        match f.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)) {
            Outcome::Submit(s) => s,
            other => panic!("not submitted: {other:?}"),
        }
    }

    #[test]
    fn a_log_draft_reopens_to_the_same_record_with_the_moment_it_meant() {
        let (ctx, ada) = ctx();
        let mut f = ActiveForm::Log(Box::new(LogForm::new(&ctx)));
        type_in(&mut f, "Ada");
        f.handle_key(key(KeyCode::Enter)); // Ada chosen, on to Kind
        type_in(&mut f, "cal"); // call
        f.handle_key(key(KeyCode::Tab));
        type_in(&mut f, "forum");
        for _ in 0..3 {
            f.handle_key(key(KeyCode::Tab)); // Date, Direction, Note
        }
        type_in(&mut f, "Promised a follow-up");
        let draft = f.draft().unwrap();
        assert_eq!(draft.form, DraftForm::Log);
        assert_eq!(draft.focus.as_deref(), Some("note"));
        // "now" was 14:03 on the 31st: kept as that moment, not as the word.
        assert_eq!(
            draft.fields["date"],
            FieldDraft::Text {
                text: "2026-03-31 14:03:00".into()
            }
        );
        assert_eq!(
            draft.fields["contact"],
            FieldDraft::Contact {
                text: "Ada Lovelace".into(),
                contact: Some(ada),
                new: false
            }
        );

        // Through JSON, into a form opened a day later: the same record comes out.
        let json = serde_json::to_string(&draft).unwrap();
        let back: FormDraft = serde_json::from_str(&json).unwrap();
        let later = FormContext {
            now: date(2026, 4, 1).at(9, 0, 0, 0),
            ..ctx.clone()
        };
        let mut g = ActiveForm::Log(Box::new(LogForm::new(&later)));
        g.restore(&back);
        assert!(g.is_dirty(), "closing a reopened draft asks first");
        let (Submission::Interaction(a), Submission::Interaction(b)) =
            (submitted(&mut f), submitted(&mut g))
        else {
            panic!("interactions expected");
        };
        assert_eq!(b.interaction.contact, ada);
        assert_eq!(b.interaction.kind, Kind::Call);
        assert_eq!(b.interaction.note, "Promised a follow-up");
        assert_eq!(b.interaction.at, a.interaction.at);
        assert_eq!(b.interaction.sentiment, a.interaction.sentiment);
    }

    #[test]
    fn a_new_contact_typed_in_the_picker_stays_new() {
        let (ctx, _) = ctx();
        let mut f = ActiveForm::Log(Box::new(LogForm::new(&ctx)));
        type_in(&mut f, "Zed Shaw");
        // The last row offers to create the contact; choose it.
        f.handle_key(key(KeyCode::Up));
        f.handle_key(key(KeyCode::Enter));
        let draft = f.draft().unwrap();
        assert_eq!(
            draft.fields["contact"],
            FieldDraft::Contact {
                text: "Zed Shaw".into(),
                contact: None,
                new: true
            }
        );
        let mut g = ActiveForm::Log(Box::new(LogForm::new(&ctx)));
        g.restore(&draft);
        assert_eq!(
            g.draft().unwrap().fields["contact"],
            draft.fields["contact"]
        );
    }

    #[test]
    fn a_quick_log_line_comes_back_and_still_parses() {
        let (ctx, _) = ctx();
        let mut f = ActiveForm::Quick(Box::new(QuickLogForm::new(&ctx)));
        type_in(&mut f, "@ada call forum \"kept\" +1");
        let draft = f.draft().unwrap();
        let mut g = ActiveForm::Quick(Box::new(QuickLogForm::new(&ctx)));
        g.restore(&draft);
        assert!(g.is_dirty());
        let (Submission::Interaction(a), Submission::Interaction(mut b)) =
            (submitted(&mut f), submitted(&mut g))
        else {
            panic!("interactions expected");
        };
        // Each submission gets a fresh id; everything else is the same record.
        b.interaction.id = a.interaction.id;
        assert_eq!(a, b);
    }

    #[test]
    fn fields_of_another_type_are_left_out() {
        let (ctx, _) = ctx();
        let mut g = ActiveForm::Log(Box::new(LogForm::new(&ctx)));
        let before = g.draft().unwrap();
        let odd = FormDraft {
            fields: BTreeMap::from([
                ("kind".into(), FieldDraft::Checkbox { checked: true }),
                ("nosuchfield".into(), FieldDraft::Text { text: "x".into() }),
            ]),
            ..before.clone()
        };
        g.restore(&odd);
        assert_eq!(g.draft().unwrap().fields, before.fields);
    }
}
