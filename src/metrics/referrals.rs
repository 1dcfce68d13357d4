//! Referrals: how many people a contact brought, and the tree of who brought whom.
//!
//! A referral can be recorded two ways: as the new contact's `referred_by`, or as a `referral`
//! interaction on the referrer. People often record both for the same referral, so a contact's
//! referrals over a window are the larger of the two counts, never their sum: each referral
//! counts once whichever way it was written down.

use serde::Serialize;
use uuid::Uuid;

use super::days::Day;
use super::index::Index;
use crate::store::Kind;

/// Referrals a contact made up to day `to`, all time.
pub(crate) fn referrals_until(ix: &Index, c: usize, to: Day) -> u32 {
    referrals_between(ix, c, Day::MIN, to)
}

/// Referred contacts who joined with `from <= day <= to`.
pub(crate) fn brought_between(ix: &Index, c: usize, from: Day, to: Day) -> u32 {
    ix.referred
        .row(c)
        .iter()
        .filter(|&&r| (from..=to).contains(&ix.contacts[r as usize].since))
        .count() as u32
}

/// Referrals a contact made with `from <= day <= to`.
pub(crate) fn referrals_between(ix: &Index, c: usize, from: Day, to: Day) -> u32 {
    let logged = ix
        .contact_events_in(c, from, to)
        .iter()
        .filter(|e| e.activity() && e.kind == Kind::Referral)
        .count() as u32;
    brought_between(ix, c, from, to).max(logged)
}

/// One line of the referral tree, in depth-first order: children follow their referrer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReferralRow {
    pub contact: Uuid,
    pub name: String,
    /// 0 for someone nobody referred.
    pub depth: u32,
    /// Contacts this one referred directly.
    pub referred: u32,
    /// Everyone below this one in the tree.
    pub descendants: u32,
    /// Part of a loop of `referred_by` links (A referred B who referred A); the loop is shown
    /// starting from one of its members instead of being followed forever.
    pub in_cycle: bool,
}

/// Who brought whom: every contact that referred someone or was referred, as a depth-first
/// list. Roots (and children) are ordered by name; loops are cut where they close.
pub(crate) fn referral_tree(ix: &Index) -> Vec<ReferralRow> {
    let n = ix.contacts.len();
    let by_name = |a: &u32, b: &u32| {
        let (a, b) = (*a as usize, *b as usize);
        ix.sort_name(a)
            .cmp(ix.sort_name(b))
            .then(ix.contacts[a].id.cmp(&ix.contacts[b].id))
    };
    let mut visited = vec![false; n];
    let mut in_cycle = vec![false; n];
    let mut rows: Vec<ReferralRow> = Vec::new();

    let visit =
        |root: u32, visited: &mut Vec<bool>, in_cycle: &[bool], rows: &mut Vec<ReferralRow>| {
            // Iterative, so a long chain of referrals cannot overflow the stack.
            let mut stack = vec![(root, 0u32)];
            while let Some((c, depth)) = stack.pop() {
                if visited[c as usize] {
                    continue;
                }
                visited[c as usize] = true;
                let mut kids: Vec<u32> = ix.referred.row(c as usize).to_vec();
                kids.sort_by(by_name);
                rows.push(ReferralRow {
                    contact: ix.contacts[c as usize].id,
                    name: ix.name(c as usize).to_string(),
                    depth,
                    referred: kids.len() as u32,
                    descendants: 0,
                    in_cycle: in_cycle[c as usize],
                });
                for k in kids.into_iter().rev() {
                    if !visited[k as usize] {
                        stack.push((k, depth + 1));
                    }
                }
            }
        };

    let mut roots: Vec<u32> = (0..n as u32)
        .filter(|&c| {
            ix.contacts[c as usize].referred_by.is_none() && !ix.referred.row(c as usize).is_empty()
        })
        .collect();
    roots.sort_by(by_name);
    for r in roots {
        visit(r, &mut visited, &in_cycle, &mut rows);
    }

    // Whatever is left hangs off a loop. Walk up from each until a contact repeats: that one is
    // on the loop; mark the loop and show it from there.
    let mut rest: Vec<u32> = (0..n as u32)
        .filter(|&c| !visited[c as usize] && ix.contacts[c as usize].referred_by.is_some())
        .collect();
    rest.sort_by(by_name);
    for start in rest {
        if visited[start as usize] {
            continue;
        }
        let mut seen = vec![start];
        let mut pos_of = std::collections::HashMap::from([(start, 0usize)]);
        let mut at = start;
        let on_loop = loop {
            let Some(up) = ix.contacts[at as usize].referred_by else {
                break None;
            };
            if let Some(&pos) = pos_of.get(&up) {
                break Some(seen[pos..].to_vec());
            }
            pos_of.insert(up, seen.len());
            seen.push(up);
            at = up;
        };
        let Some(members) = on_loop else { continue };
        for m in &members {
            in_cycle[*m as usize] = true;
        }
        let first = *members
            .iter()
            .min_by(|a, b| by_name(a, b))
            .unwrap_or(&start);
        visit(first, &mut visited, &in_cycle, &mut rows);
    }

    // Descendants: the rows after each one that are deeper than it, up to the next that is not.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..rows.len() {
        while let Some(&j) = stack.last() {
            if rows[j].depth < rows[i].depth {
                break;
            }
            rows[j].descendants = (i - j - 1) as u32;
            stack.pop();
        }
        stack.push(i);
    }
    let len = rows.len();
    for j in stack {
        rows[j].descendants = (len - j - 1) as u32;
    }
    rows
}
