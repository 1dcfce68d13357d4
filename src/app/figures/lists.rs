//! The stay-in-touch list of the follow-ups screen.

use jiff::civil::Date;

use crate::app::dashboard::DueRow;
use crate::app::period::days_between;
use crate::store::Store;

/// Contacts with a stay-in-touch cadence that is overdue or due within a week, most overdue
/// first. Any logged interaction, either way, counts as a touch; team members are left out.
pub(crate) fn due(store: &Store, as_of: Date) -> Vec<DueRow> {
    let pos: std::collections::HashMap<_, _> = store
        .contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let mut last: Vec<Option<Date>> = vec![None; store.contacts.len()];
    for x in &store.interactions {
        if let Some(&c) = pos.get(&x.contact)
            && x.at.date <= as_of
        {
            last[c] = last[c].max(Some(x.at.date));
        }
    }
    let mut rows: Vec<DueRow> = store
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_team && c.created <= as_of)
        .filter_map(|(i, c)| {
            let cadence = c.cadence_days?;
            let since = last[i].unwrap_or(c.created);
            let overdue = days_between(since, as_of) - i64::from(cadence);
            (overdue >= -7).then(|| DueRow {
                contact: c.id,
                name: c.name.clone(),
                cadence_days: cadence,
                last_touch: last[i],
                overdue_days: overdue,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then(a.name.cmp(&b.name))
    });
    rows
}
