//! One interaction in full (Enter on a log or timeline row): every field, the whole note, how
//! its sentiment was set, and whether negative feedback was answered; edit, delete and resolve
//! from there.

use uuid::Uuid;

use super::overlay::Overlay;
use super::{Action, App, Effect, StatusKind};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DetailState {
    pub id: Uuid,
    /// Lines scrolled past, for a note longer than the box.
    pub scroll: usize,
}

/// Opens the interaction at `index` of the store.
pub(crate) fn open(app: &mut App, index: Option<usize>) {
    match index.and_then(|i| app.store.interactions.get(i)) {
        Some(x) => {
            let id = x.id;
            app.overlays
                .push(Overlay::Detail(DetailState { id, scroll: 0 }));
        }
        None => app.status = Some((StatusKind::Info, "no interaction selected".into())),
    }
}

/// The interaction the top overlay shows, if it is this one.
pub(crate) fn shown(app: &App) -> Option<Uuid> {
    match app.overlays.last() {
        Some(Overlay::Detail(d)) => Some(d.id),
        _ => None,
    }
}

pub(crate) fn key(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    let Some(Overlay::Detail(d)) = app.overlays.last_mut() else {
        return;
    };
    let id = d.id;
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
            let who = app
                .store
                .interaction_position(id, None)
                .map(|i| app.store.interactions[i].contact);
            app.overlays.pop();
            if let Some(c) = who {
                app.open_contact(c);
            }
        }
        _ => {}
    }
}
