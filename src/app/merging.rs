//! Merging contacts in the dashboard: the Duplicates screen (likely pairs, with why), and the
//! merge overlay, opened from it or with the contacts selected on the contact list, where each
//! field that differs is chosen with ←→ before one undoable save.

use uuid::Uuid;

use super::list::ListState;
use super::overlay::Overlay;
use super::screens::Screen;
use super::snapshot::{Moved, Touch, Where};
use super::{App, Effect, StatusKind};
use crate::dedupe::{Pair, Plan, likely};

/// The merge overlay: the plan, and which of its field choices is selected.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeState {
    pub plan: Plan,
    pub selected: usize,
}

/// The Duplicates screen: the likely pairs of the store version it was found for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DuplicatesState {
    pub pairs: Vec<Pair>,
    pub list: ListState,
    /// The store version `pairs` were found for.
    pub version: Option<u64>,
}

impl DuplicatesState {
    /// Finds the pairs again when the store changed since they were found.
    pub fn refresh(&mut self, app_store: &crate::store::Store, version: u64) {
        if self.version != Some(version) {
            self.pairs = likely(&app_store.contacts);
            self.version = Some(version);
            self.list.clamp(self.pairs.len());
        }
    }
}

/// Opens the merge overlay for `others` into `keep`, or says why it cannot.
pub(crate) fn open_merge(app: &mut App, keep: Uuid, others: &[Uuid]) {
    match Plan::new(&app.store, keep, others) {
        Ok(plan) => app
            .overlays
            .push(Overlay::Merge(Box::new(MergeState { plan, selected: 0 }))),
        Err(e) => app.status = Some((StatusKind::Info, e)),
    }
}

/// `M` on the contact list: the selected contacts (space) merged into the one under the cursor
/// when it is among them, else into the one created first.
pub(crate) fn merge_marked(app: &mut App) {
    let marked: Vec<Uuid> = app
        .store
        .contacts
        .iter()
        .filter(|c| app.contacts.marked.contains(&c.id))
        .map(|c| c.id)
        .collect();
    if marked.len() < 2 {
        app.status = Some((
            StatusKind::Info,
            "select two or more contacts with space, then M merges them (or D lists likely \
             duplicates)"
                .into(),
        ));
        return;
    }
    let current = super::update::selected_contact(app).filter(|id| marked.contains(id));
    // The store keeps contacts by creation: the first marked is the oldest.
    let keep = current.unwrap_or(marked[0]);
    let others: Vec<Uuid> = marked.into_iter().filter(|id| *id != keep).collect();
    open_merge(app, keep, &others);
}

/// Enter on the Duplicates screen: the selected pair, the older contact surviving.
pub(crate) fn merge_selected_pair(app: &mut App) {
    if let Some(p) = app
        .duplicates
        .pairs
        .get(app.duplicates.list.selected)
        .copied()
    {
        open_merge(app, p.a, &[p.b]);
    }
}

/// Keys of the merge overlay: ↑↓ choose a field, ←→ its value, Enter merges, Esc cancels.
pub(crate) fn key(app: &mut App, action: super::Action, fx: &mut Vec<Effect>) {
    use super::Action as A;
    let Some(Overlay::Merge(m)) = app.overlays.last_mut() else {
        return;
    };
    let n = m.plan.choices.len();
    match action {
        A::Down if n > 0 => m.selected = (m.selected + 1).min(n - 1),
        A::Up => m.selected = m.selected.saturating_sub(1),
        A::ValueNext | A::ValuePrev if n > 0 => {
            let c = &mut m.plan.choices[m.selected];
            let k = c.options.len();
            c.chosen = if action == A::ValueNext {
                (c.chosen + 1) % k
            } else {
                (c.chosen + k - 1) % k
            };
        }
        A::Close => {
            app.overlays.pop();
        }
        A::Accept => {
            let Some(Overlay::Merge(m)) = app.overlays.pop() else {
                return;
            };
            merge(app, &m.plan, fx);
        }
        _ => {}
    }
}

/// Makes the merge, remembered for undo as one change, and saves once.
fn merge(app: &mut App, plan: &Plan, fx: &mut Vec<Effect>) {
    // The store may have changed under the overlay (another program's save): plan again on
    // what it holds now, keeping the choices made.
    let others: Vec<Uuid> = plan.others().collect();
    let mut fresh = match Plan::new(&app.store, plan.keep(), &others) {
        Ok(p) => p,
        Err(e) => {
            app.status = Some((StatusKind::Error, format!("not merged: {e}")));
            return;
        }
    };
    for c in &plan.choices {
        if let crate::dedupe::Pick::From(i) = c.options[c.chosen] {
            fresh.take_from(c.field, i);
        } else if let Some(f) = fresh.choices.iter_mut().find(|f| f.field == c.field) {
            f.chosen = f.options.len() - 1;
        }
    }
    let all: Vec<Uuid> = fresh.members.iter().map(|c| c.id).collect();
    let gone = &all[1..];
    let store = &app.store;
    let touch = Touch {
        contacts: all
            .iter()
            .copied()
            .chain(
                store
                    .contacts
                    .iter()
                    .filter(|c| c.referred_by.is_some_and(|r| gone.contains(&r)))
                    .map(|c| c.id),
            )
            .collect(),
        interactions: store
            .interactions
            .iter()
            .filter(|x| gone.contains(&x.contact))
            .map(|x| Moved {
                id: x.id,
                before: Where::At(x.at),
                after: Where::At(x.at),
            })
            .collect(),
        investments: store
            .investments
            .iter()
            .filter(|i| i.contact.is_some_and(|c| gone.contains(&c)))
            .map(|i| i.id)
            .collect(),
        standups: store
            .standups
            .iter()
            .filter(|s| s.commitments.iter().any(|c| gone.contains(&c.contact)))
            .map(|s| s.date)
            .collect(),
    };
    let name = crate::sanitize::line(&fresh.survivor().name).into_owned();
    let what = format!(
        "merged {} contact{} into {name}",
        gone.len(),
        if gone.len() == 1 { "" } else { "s" }
    );
    app.remember(&what, &touch);
    fresh.apply(app.store_mut());
    app.contacts.marked.retain(|id| !gone.contains(id));
    app.status = Some((
        StatusKind::Info,
        format!("{what}: {} (u undoes)", fresh.moves()),
    ));
    fx.extend(app.commit(&what));
    // A page open on a merged contact shows the survivor instead of closing.
    if app.screen == Screen::Contact && app.contact.as_ref().is_some_and(|v| gone.contains(&v.id)) {
        app.open_contact(fresh.keep());
    }
    app.after_edit();
}
