//! `report --redact`: figures to share outside the team without personal data. Every contact's
//! name becomes a pseudonym made from its id (so the same contact keeps it in every report of
//! one store), and handles, emails and every note (contacts', interactions', investments') are
//! left out before anything is computed, so no format can print them.

use crate::store::Store;

/// `Member 3f2a9c01d4`: the end of the contact's id, which is random, never a name.
pub fn pseudonym(id: uuid::Uuid) -> String {
    let hex = id.simple().to_string();
    format!("Member {}", &hex[hex.len() - 10..])
}

pub fn redact(store: &mut Store) {
    store.contacts.modify_where(
        |_| true,
        |c| {
            c.name = pseudonym(c.id);
            c.handle = None;
            c.email = None;
            c.notes.clear();
        },
    );
    store
        .interactions
        .modify_where(|x| !x.note.is_empty(), |x| x.note.clear());
    for inv in &mut store.investments {
        inv.note.clear();
    }
    for st in &mut store.standups {
        for c in &mut st.commitments {
            c.intent.clear();
        }
    }
}
