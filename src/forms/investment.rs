//! The investment form: money or time spent on the community (gifts, events, ads, ...), with an
//! optional contact it went to and whether it counts toward acquisition cost.

use super::context::FormContext;
use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::picker::{ContactPicker, Picked};
use super::{Choice, LineInput};
use crate::store::{Investment, InvestmentKind, new_id};

pub const KIND: &str = "kind";
pub const AMOUNT: &str = "amount";
pub const DATE: &str = "date";
pub const CONTACT: &str = "contact";
pub const ACQUISITION: &str = "acquisition";
pub const NOTE: &str = "note";

#[derive(Clone, Debug)]
pub struct InvestmentForm {
    form: Form,
    /// The investment being edited; its id is kept.
    original: Option<Investment>,
}

impl InvestmentForm {
    pub fn new(ctx: &FormContext) -> InvestmentForm {
        InvestmentForm::build_form(ctx, None)
    }

    pub fn edit(ctx: &FormContext, inv: &Investment) -> InvestmentForm {
        InvestmentForm::build_form(ctx, Some(inv))
    }

    fn build_form(ctx: &FormContext, inv: Option<&Investment>) -> InvestmentForm {
        let kind = inv.map_or(InvestmentKind::Gift, |i| i.kind);
        let kind_index = InvestmentKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        let mut picker = ContactPicker::new(ctx.contacts.clone(), false);
        if let Some(id) = inv.and_then(|i| i.contact) {
            picker.select(id);
        }
        let amount = inv.map_or(String::new(), |i| Field::money_text(i.amount));
        let date = inv.map_or("today".to_string(), |i| i.date.to_string());
        let fields = vec![
            Field::new(
                KIND,
                "Kind",
                Input::Choice(Choice::new(InvestmentKind::ALL, kind_index)),
            ),
            Field::new(AMOUNT, "Amount", Input::Money(LineInput::new(&amount)))
                .required("enter an amount (e.g. 250 or 49.99)")
                .placeholder("e.g. 250 or 49.99"),
            // Planned spending (an event next month) may be dated ahead.
            Field::new(DATE, "Date", Field::date_input(&date, ctx.now, true))
                .required("enter a date (today, -3d, 2026-11-20)"),
            Field::new(CONTACT, "Contact", Input::Contact(Box::new(picker)))
                .placeholder("who it was for (optional)"),
            Field::new(
                ACQUISITION,
                "Acquisition",
                Input::Checkbox(inv.is_some_and(|i| i.acquisition)),
            ),
            Field::new(
                NOTE,
                "Note",
                Input::Text(LineInput::new(inv.map_or("", |i| i.note.as_str()))),
            )
            .placeholder("what it was"),
        ];
        let title = if inv.is_some() {
            "Edit investment"
        } else {
            "New investment"
        };
        InvestmentForm {
            form: Form::new(title, fields),
            original: inv.cloned(),
        }
    }
}

impl InvestmentForm {
    /// The id of the investment being edited, if this form edits one.
    pub fn editing(&self) -> Option<uuid::Uuid> {
        self.original.as_ref().map(|i| i.id)
    }
}

impl FormSpec for InvestmentForm {
    type Output = Investment;

    fn form(&self) -> &Form {
        &self.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn build(&self) -> Result<Investment, (&'static str, String)> {
        let f = &self.form;
        let date = match f.field(DATE).moment() {
            Ok(Some(m)) => m.date,
            Ok(None) => return Err((DATE, "enter a date".into())),
            Err(e) => return Err((DATE, e)),
        };
        let amount = match f.field(AMOUNT).money() {
            Ok(Some(m)) => m,
            Ok(None) => return Err((AMOUNT, "enter an amount".into())),
            Err(e) => return Err((AMOUNT, e)),
        };
        let contact = match f.field(CONTACT).picked() {
            Picked::Existing(id) => Some(id),
            _ => None,
        };
        Ok(Investment {
            id: self.original.as_ref().map_or_else(new_id, |o| o.id),
            date,
            contact,
            kind: InvestmentKind::ALL
                .get(f.field(KIND).choice())
                .copied()
                .unwrap_or(InvestmentKind::Other),
            amount,
            acquisition: f.field(ACQUISITION).checked(),
            note: f.field(NOTE).text().trim().to_string(),
            updated: None,
        })
    }
}
