//! The Orbit model of engagement (orbit.love): love is how intensely a contact engages, reach
//! how far its influence spreads, gravity their product, and the Orbit level a band of love.

use serde::Serialize;
use uuid::Uuid;

use super::days::Day;
use super::index::Index;
use super::referrals::brought_between;
use crate::store::Kind;

/// Love looks at the contact's activities of the last year.
pub const LOVE_WINDOW_DAYS: i32 = 365;
/// Reach points per referral made in the window.
pub const REACH_PER_REFERRAL: u32 = 3;
/// Reach points per share or mention in the window.
pub const REACH_PER_SHARE: u32 = 1;
/// Reach runs from 1 (only themselves) to 10, the same scale as love.
pub const REACH_MAX: u32 = 10;

/// A contact's Orbit scores on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Orbit {
    /// The highest activity weight (1-10) among its activities of the last 365 days; 0 if none.
    pub love: u8,
    /// `1 + 3 × referrals + 1 × (shares + mentions)` over the last 365 days, at most 10.
    pub reach: u8,
    /// `love × reach`, 0-100.
    pub gravity: u32,
    /// 1 (advocates) to 4 (observers), from love.
    pub level: u8,
}

/// Orbit level from love: 9-10 → 1, 7-8 → 2, 3-6 → 3, 0-2 → 4.
pub fn level_of(love: u8) -> u8 {
    match love {
        9.. => 1,
        7..=8 => 2,
        3..=6 => 3,
        _ => 4,
    }
}

/// Contact `c`'s Orbit scores on day `d`.
pub(crate) fn orbit(ix: &Index, c: usize, d: Day) -> Orbit {
    let from = d - (LOVE_WINDOW_DAYS - 1);
    let mut love = 0u8;
    let (mut shares, mut logged_referrals) = (0u32, 0u32);
    for e in ix
        .contact_events_in(c, from, d)
        .iter()
        .filter(|e| e.activity())
    {
        love = love.max(ix.weight(e.kind));
        match e.kind {
            Kind::Share | Kind::Mention => shares += 1,
            Kind::Referral => logged_referrals += 1,
            _ => {}
        }
    }
    // The larger of the two records of referrals (see `referrals`).
    let referrals = brought_between(ix, c, from, d).max(logged_referrals);
    let points = REACH_PER_REFERRAL
        .saturating_mul(referrals)
        .saturating_add(REACH_PER_SHARE.saturating_mul(shares));
    let reach = points.saturating_add(1).min(REACH_MAX) as u8;
    Orbit {
        love,
        reach,
        gravity: u32::from(love) * u32::from(reach),
        level: level_of(love),
    }
}

/// Contacts per Orbit level, and the community's gravity.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OrbitSummary {
    /// Σ gravity over the contacts that exist on the day.
    pub gravity: u64,
    pub level_1: u64,
    pub level_2: u64,
    pub level_3: u64,
    pub level_4: u64,
}

pub(crate) fn summary(ix: &Index, orbits: &[Orbit], d: Day) -> OrbitSummary {
    let mut s = OrbitSummary::default();
    for (c, o) in orbits.iter().enumerate() {
        if !ix.exists(c, d) {
            continue;
        }
        s.gravity += u64::from(o.gravity);
        match o.level {
            1 => s.level_1 += 1,
            2 => s.level_2 += 1,
            3 => s.level_3 += 1,
            _ => s.level_4 += 1,
        }
    }
    s
}

/// A contact whose Orbit level changed between the end of the previous period and the end of
/// this one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mover {
    pub contact: Uuid,
    pub name: String,
    pub from_level: u8,
    pub to_level: u8,
}

impl Mover {
    /// Level 1 is the closest orbit, so a smaller number is a move up.
    pub fn moved_up(&self) -> bool {
        self.to_level < self.from_level
    }
}

/// Movers among contacts that existed on both days: the biggest rises first, the biggest falls
/// last, then by name.
pub(crate) fn movers(ix: &Index, now: &[Orbit], before: &[Orbit], d_before: Day) -> Vec<Mover> {
    let mut out: Vec<Mover> = (0..ix.contacts.len())
        .filter(|&c| ix.exists(c, d_before) && now[c].level != before[c].level)
        .map(|c| Mover {
            contact: ix.contacts[c].id,
            name: ix.name(c).to_string(),
            from_level: before[c].level,
            to_level: now[c].level,
        })
        .collect();
    out.sort_by(|a, b| {
        let shift = |m: &Mover| i32::from(m.to_level) - i32::from(m.from_level);
        shift(a)
            .cmp(&shift(b))
            .then_with(|| a.name.cmp(&b.name))
            .then(a.contact.cmp(&b.contact))
    });
    out
}
