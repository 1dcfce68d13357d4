//! The bulk tag form: one tag added to, or removed from, every selected contact.

use uuid::Uuid;

use super::context::FormContext;
use super::field::{Field, Input};
use super::form::{Form, FormSpec};
use super::{Choice, Combo};
use crate::store::Store;

pub const TAG: &str = "tag";
pub const CHANGE: &str = "change";

/// Add or remove `tag` on these contacts.
#[derive(Clone, Debug, PartialEq)]
pub struct TagChange {
    pub contacts: Vec<Uuid>,
    pub tag: String,
    pub remove: bool,
}

impl TagChange {
    /// Applies the change; contacts that already have (or lack) the tag are left as they are.
    pub fn apply_to(&self, store: &mut Store) {
        let picked: crate::hash::FxSet<Uuid> = self.contacts.iter().copied().collect();
        // Only the blocks holding a picked contact are copied (see `Blocks`).
        store.contacts.modify_where(
            |c| picked.contains(&c.id),
            |c| {
                let has = c.tags.iter().any(|t| t == &self.tag);
                if self.remove {
                    c.tags.retain(|t| t != &self.tag);
                } else if !has {
                    c.tags.push(self.tag.clone());
                }
            },
        );
    }
}

#[derive(Clone, Debug)]
pub struct TagForm {
    form: Form,
    contacts: Vec<Uuid>,
}

impl TagForm {
    pub fn new(ctx: &FormContext, contacts: Vec<Uuid>) -> TagForm {
        let n = contacts.len();
        let fields = vec![
            Field::new(
                TAG,
                "Tag",
                Input::Combo(Combo::new("", ctx.tags.clone(), false)),
            )
            .required("enter a tag (e.g. vip)")
            .placeholder("e.g. vip, speaker"),
            Field::new(
                CHANGE,
                "Change",
                Input::Choice(Choice::new(["add", "remove"], 0)),
            ),
        ];
        let who = if n == 1 {
            "1 contact".to_string()
        } else {
            format!("{n} contacts")
        };
        TagForm {
            form: Form::new(format!("Tag {who}"), fields),
            contacts,
        }
    }
}

impl TagForm {
    /// The contacts the tag goes on (or comes off).
    pub fn contacts(&self) -> &[Uuid] {
        &self.contacts
    }
}

impl FormSpec for TagForm {
    type Output = TagChange;

    fn form(&self) -> &Form {
        &self.form
    }

    fn form_mut(&mut self) -> &mut Form {
        &mut self.form
    }

    fn check(&self, i: usize) -> Result<(), String> {
        let f = &self.form.fields[i];
        f.check()?;
        if f.key == TAG && f.text().contains(',') {
            return Err("one tag at a time (no commas)".into());
        }
        Ok(())
    }

    fn build(&self) -> Result<TagChange, (&'static str, String)> {
        let tag = self.form.field(TAG).text().trim().to_string();
        if tag.is_empty() {
            return Err((TAG, "enter a tag (e.g. vip)".into()));
        }
        Ok(TagChange {
            contacts: self.contacts.clone(),
            tag,
            remove: self.form.field(CHANGE).choice() == 1,
        })
    }
}
