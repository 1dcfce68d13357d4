//! The open form's input as a draft, and a draft reopened as the form it came from. The runtime
//! writes drafts to disk when the dashboard is stopped by a signal and brings them back at the
//! next start; this part only moves input between forms and data.

use super::App;
use super::overlay::Overlay;
use crate::forms::{
    ActiveForm, ContactForm, DraftForm, FormDraft, InvestmentForm, LogForm, QuickLogForm, TagForm,
};

impl App {
    /// The input of the open form, when it holds any (a form with nothing typed keeps nothing).
    pub fn form_draft(&self) -> Option<FormDraft> {
        self.overlays.iter().rev().find_map(|o| match o {
            Overlay::Form(f) if f.is_dirty() => f.draft(),
            _ => None,
        })
    }

    /// Opens the form a draft was taken from, on the same record, with the draft's input and
    /// `note` shown at its foot. `Err` says why it cannot (the record it edited is gone).
    pub fn reopen_draft(&mut self, draft: &FormDraft, note: String) -> Result<(), String> {
        let ctx = self.form_context();
        let store = &self.store;
        let gone = |what: &str| format!("the {what} it was editing is no longer in the store");
        let mut form = match (draft.form, draft.editing) {
            (DraftForm::Log, None) => ActiveForm::Log(Box::new(LogForm::new(&ctx))),
            (DraftForm::Log, Some(id)) => {
                let x = store
                    .interactions
                    .iter()
                    .find(|x| x.id == id)
                    .ok_or_else(|| gone("interaction"))?;
                ActiveForm::Log(Box::new(LogForm::edit(&ctx, x)))
            }
            (DraftForm::Quick, _) => ActiveForm::Quick(Box::new(QuickLogForm::new(&ctx))),
            (DraftForm::Contact, None) => ActiveForm::Contact(Box::new(ContactForm::new(&ctx))),
            (DraftForm::Contact, Some(id)) => {
                let c = store
                    .contacts
                    .iter()
                    .find(|c| c.id == id)
                    .ok_or_else(|| gone("contact"))?;
                ActiveForm::Contact(Box::new(ContactForm::edit(&ctx, c)))
            }
            (DraftForm::Investment, None) => {
                ActiveForm::Investment(Box::new(InvestmentForm::new(&ctx)))
            }
            (DraftForm::Investment, Some(id)) => {
                let i = store
                    .investments
                    .iter()
                    .find(|i| i.id == id)
                    .ok_or_else(|| gone("investment"))?;
                ActiveForm::Investment(Box::new(InvestmentForm::edit(&ctx, i)))
            }
            (DraftForm::Tag, _) => {
                let ids: Vec<uuid::Uuid> = draft
                    .contacts
                    .iter()
                    .copied()
                    .filter(|id| store.contacts.iter().any(|c| c.id == *id))
                    .collect();
                if ids.is_empty() {
                    return Err("the contacts it was tagging are no longer in the store".into());
                }
                ActiveForm::Tag(Box::new(TagForm::new(&ctx, ids)))
            }
        };
        form.restore(draft);
        form.set_status(Some(note));
        self.overlays.push(Overlay::Form(Box::new(form)));
        Ok(())
    }
}
