//! One interaction in full (Enter on a log or timeline row): every field, the whole note, how
//! its sentiment was set, and whether negative feedback was answered; edit, delete and resolve
//! from there.

use uuid::Uuid;

use super::overlay::Overlay;
use super::{Action, App, Effect, StatusKind};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DetailState {
    pub id: Uuid,
    /// Its date when opened: the store, in canonical order, finds it by a binary search on each
    /// frame instead of a pass over a million interactions (an edit that moved it falls back to
    /// the pass).
    pub at: crate::store::Moment,
    /// Lines scrolled past, for a note longer than the box.
    pub scroll: usize,
}

/// Opens the interaction at `index` of the store.
pub(crate) fn open(app: &mut App, index: Option<usize>) {
    match index.and_then(|i| app.store.interactions.get(i)) {
        Some(x) => {
            let (id, at) = (x.id, x.at);
            app.overlays
                .push(Overlay::Detail(DetailState { id, at, scroll: 0 }));
        }
        None => app.status = Some((StatusKind::Info, "no interaction selected".into())),
    }
}

/// The interaction the top overlay shows, if it is this one: its position in the store.
pub(crate) fn shown(app: &App) -> Option<Option<usize>> {
    match app.overlays.last() {
        Some(Overlay::Detail(d)) => Some(d.position(&app.store)),
        _ => None,
    }
}

impl DetailState {
    /// Where the interaction shown is in `store`, if it is still there.
    pub fn position(&self, store: &crate::store::Store) -> Option<usize> {
        store.interaction_position(self.id, Some(self.at))
    }
}

pub(crate) fn key(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(Overlay::Detail(d)) = app.overlays.last_mut() else {
        return;
    };
    let (id, at) = (d.id, d.position(&app.store));
    match action {
        Action::Close => {
            app.overlays.pop();
        }
        Action::Down => d.scroll += 1,
        Action::Up => d.scroll = d.scroll.saturating_sub(1),
        Action::Edit if !super::forms::open(app, super::forms::FormKind::EditInteraction) => {
            app.status = Some((StatusKind::Info, "this interaction is gone".into()));
        }
        Action::Delete => super::edits::ask_delete_interaction(app, id),
        Action::Resolve => super::edits::resolve(app, id, fx),
        Action::OpenContact => {
            let who = at.map(|i| app.store.interactions[i].contact);
            app.overlays.pop();
            if let Some(c) = who {
                app.open_contact(c);
            }
        }
        _ => {}
    }
}
