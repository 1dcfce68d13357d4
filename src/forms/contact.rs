//! The contact form: add or edit a contact with every field of the model, tags completed from
//! those already in use, and who referred them chosen with the contact picker.

use uuid::Uuid;

use super::context::FormContext;
use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::picker::{ContactIndex, ContactPicker, Picked};
use super::{Choice, Combo, LineInput};
use crate::store::{Contact, Source};

pub const NAME: &str = "name";
pub const HANDLE: &str = "handle";
pub const EMAIL: &str = "email";
pub const ORGANISATION: &str = "organisation";
pub const TAGS: &str = "tags";
pub const SOURCE: &str = "source";
pub const REFERRED_BY: &str = "referred_by";
pub const CADENCE: &str = "cadence";
pub const TEAM: &str = "team";
pub const CREATED: &str = "created";
pub const NOTES: &str = "notes";

#[derive(Clone, Debug)]
pub struct ContactForm {
    form: Form,
    contacts: std::sync::Arc<ContactIndex>,
    /// The contact being edited; its id is kept.
    original: Option<Contact>,
}

impl ContactForm {
    pub fn new(ctx: &FormContext) -> ContactForm {
        ContactForm::build_form(ctx, None)
    }

    /// A new contact with the name already typed (from a picker's "create new contact").
    pub fn named(ctx: &FormContext, name: &str) -> ContactForm {
        let mut f = ContactForm::new(ctx);
        if let Input::Text(i) = &mut f.form.field_mut(NAME).input {
            i.set(name);
        }
        f
    }

    pub fn edit(ctx: &FormContext, c: &Contact) -> ContactForm {
        ContactForm::build_form(ctx, Some(c))
    }

    fn build_form(ctx: &FormContext, c: Option<&Contact>) -> ContactForm {
        let text = |s: Option<&str>| Input::Text(LineInput::new(s.unwrap_or("")));
        let mut picker = ContactPicker::new(ctx.contacts.clone(), false);
        if let Some(c) = c {
            picker = picker.excluding(c.id);
            if let Some(r) = c.referred_by {
                picker.select(r);
            }
        }
        let source = c.map_or(Source::default(), |c| c.source);
        let source_index = Source::ALL.iter().position(|s| *s == source).unwrap_or(0);
        let created = c.map_or("today".to_string(), |c| c.created.to_string());
        let fields = vec![
            Field::new(NAME, "Name", text(c.map(|c| c.name.as_str())))
                .required("enter the contact's name"),
            Field::new(HANDLE, "Handle", text(c.and_then(|c| c.handle.as_deref())))
                .placeholder("e.g. @ada"),
            Field::new(EMAIL, "Email", text(c.and_then(|c| c.email.as_deref())))
                .placeholder("e.g. ada@example.org"),
            Field::new(
                ORGANISATION,
                "Org",
                text(c.and_then(|c| c.organisation.as_deref())),
            ),
            Field::new(
                TAGS,
                "Tags",
                Input::Combo(Combo::new(
                    &c.map(|c| c.tags.join(", ")).unwrap_or_default(),
                    ctx.tags.clone(),
                    true,
                )),
            )
            .placeholder("comma-separated, e.g. vip, speaker"),
            Field::new(
                SOURCE,
                "Source",
                Input::Choice(Choice::new(Source::ALL, source_index)),
            ),
            Field::new(REFERRED_BY, "Referred by", Input::Contact(Box::new(picker)))
                .placeholder("who brought them (optional)"),
            Field::new(
                CADENCE,
                "Cadence",
                Field::number_input(
                    &c.and_then(|c| c.cadence_days)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    1,
                    3650,
                ),
            )
            .placeholder("days between touches, e.g. 30"),
            Field::new(TEAM, "Team", Input::Checkbox(c.is_some_and(|c| c.is_team))),
            Field::new(
                CREATED,
                "Since",
                Field::date_input(&created, ctx.now, false),
            )
            .required("enter when they joined (today, -3d, 2026-11-20)"),
            Field::new(
                NOTES,
                "Notes",
                Field::note_input(c.map_or("", |c| c.notes.as_str())),
            ),
        ];
        let title = if c.is_some() {
            "Edit contact"
        } else {
            "New contact"
        };
        ContactForm {
            form: Form::new(title, fields),
            contacts: ctx.contacts.clone(),
            original: c.cloned(),
        }
    }

    /// The id of the contact being edited, if this form edits one.
    pub fn editing(&self) -> Option<Uuid> {
        self.own_id()
    }

    fn own_id(&self) -> Option<Uuid> {
        self.original.as_ref().map(|c| c.id)
    }

    fn handle(&self) -> Option<String> {
        let h = self.form.field(HANDLE).text();
        let h = h.trim().trim_start_matches('@').trim();
        (!h.is_empty()).then(|| h.to_string())
    }
}

fn check_email(email: &str) -> Result<(), String> {
    let e = email.trim();
    if e.is_empty() {
        return Ok(());
    }
    match e.split_once('@') {
        Some((user, domain))
            if !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !e.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "`{e}` is not an email address (expected name@example.org)"
        )),
    }
}

impl FormSpec for ContactForm {
    type Output = Contact;

    fn form(&self) -> &Form {
        &self.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn check(&self, i: usize) -> Result<(), String> {
        let field = &self.form.fields[i];
        field.check()?;
        match field.key {
            EMAIL => check_email(&field.text()),
            HANDLE => {
                let Some(h) = self.handle() else {
                    return Ok(());
                };
                if h.contains(char::is_whitespace) {
                    return Err("a handle has no spaces".into());
                }
                let taken = self.contacts.entries.iter().find(|e| {
                    Some(e.id) != self.own_id()
                        && e.handle
                            .as_deref()
                            .is_some_and(|o| o.trim_start_matches('@').eq_ignore_ascii_case(&h))
                });
                match taken {
                    Some(e) => Err(format!("@{h} is already {}'s handle", e.name)),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    fn build(&self) -> Result<Contact, (&'static str, String)> {
        let f = &self.form;
        let created = match f.field(CREATED).moment() {
            Ok(Some(m)) => m.date,
            Ok(None) => return Err((CREATED, "enter a date".into())),
            Err(e) => return Err((CREATED, e)),
        };
        let mut c = match &self.original {
            Some(o) => o.clone(),
            None => Contact::new("", created),
        };
        c.name = f.field(NAME).text().trim().to_string();
        c.handle = self.handle();
        let opt = |key: &str| {
            let t = f.field(key).text();
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        };
        c.email = opt(EMAIL);
        c.organisation = opt(ORGANISATION);
        c.tags = match &f.field(TAGS).input {
            Input::Combo(combo) => combo.items(),
            _ => Vec::new(),
        };
        c.source = Source::ALL
            .get(f.field(SOURCE).choice())
            .copied()
            .unwrap_or_default();
        c.referred_by = match f.field(REFERRED_BY).picked() {
            Picked::Existing(id) => Some(id),
            _ => None,
        };
        c.cadence_days = f.field(CADENCE).number().map_err(|e| (CADENCE, e))?;
        c.is_team = f.field(TEAM).checked();
        c.created = created;
        c.notes = f.field(NOTES).text();
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_loosely_but_usefully() {
        for ok in ["", "ada@example.org", "a.b+c@mail.co.uk"] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@x.org",
            "a@b@c.org",
        ] {
            let e = check_email(bad).unwrap_err();
            assert!(e.contains("name@example.org"), "{bad}: {e}");
        }
    }
}
