//! The Orbit model of engagement (orbit-love/orbit-model): love is how committed and how present
//! a contact is, reach how far its influence spreads, gravity their product, and the Orbit level
//! with its step the place love earns in the model's table of weights and presence milestones.

use serde::Serialize;
use uuid::Uuid;

use super::days::{Day, month_key, week_start};
use super::index::Index;
use super::referrals::brought_between;
use crate::store::{Kind, MAX_WEIGHT};

/// Love looks at the contact's activities of the last year, the model's standard look-back.
pub const LOVE_WINDOW_DAYS: i32 = 365;
/// The top of the model's weight scale: 4 levels of 3 steps.
pub const LOVE_MAX: u8 = MAX_WEIGHT;
/// Reach points per referral made in the window.
pub const REACH_PER_REFERRAL: u32 = 3;
/// Reach points per share or mention in the window.
pub const REACH_PER_SHARE: u32 = 1;
/// Reach runs from 1 (only themselves) to 12, the same scale as love.
pub const REACH_MAX: u32 = LOVE_MAX as u32;

/// Presence milestones: a week with this many active days places a contact in Participating,
/// a month with this many in Contributing, a quarter with this many in Leading.
pub const WEEK_DAYS: u32 = 2;
pub const MONTH_DAYS: u32 = 7;
pub const QUARTER_DAYS: u32 = 30;

/// A contact's Orbit scores on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Orbit {
    /// Commitment: the highest activity weight (1-12) among its activities of the last 365
    /// days; 0 if none.
    pub commitment: u8,
    /// Presence: the place (0-12) the milestones reached in the last 365 days earn.
    pub presence: u8,
    /// The higher of commitment and presence, 0-12: the place on the model's table.
    pub love: u8,
    /// `1 + 3 × referrals + 1 × (shares + mentions)` over the last 365 days, at most 12.
    pub reach: u8,
    /// `love × reach`, 0-144.
    pub gravity: u32,
    /// 1 (Leading) to 4 (Exploring), from love.
    pub level: u8,
    /// 3 (III, new to the level) to 1 (I, setting its standard); 0 with no activity in the year.
    pub step: u8,
}

impl Orbit {
    /// `Contributing II`, or `Exploring` with no activity in the year.
    pub fn label(&self) -> String {
        match self.step {
            0 => level_name(self.level).to_string(),
            s => format!("{} {}", level_name(self.level), step_numeral(s)),
        }
    }
}

/// Orbit level of a place on the 1-12 table: 10-12 → 1, 7-9 → 2, 4-6 → 3, 0-3 → 4.
pub fn level_of(love: u8) -> u8 {
    match love {
        10.. => 1,
        7..=9 => 2,
        4..=6 => 3,
        _ => 4,
    }
}

/// Step within the level: the first place of a level is III, the third I; 0 for no activity.
pub fn step_of(love: u8) -> u8 {
    match love.min(LOVE_MAX) {
        0 => 0,
        l => 3 - (l - 1) % 3,
    }
}

/// The model's names of the four levels.
pub fn level_name(level: u8) -> &'static str {
    match level {
        1 => "Leading",
        2 => "Contributing",
        3 => "Participating",
        _ => "Exploring",
    }
}

fn step_numeral(step: u8) -> &'static str {
    match step {
        1 => "I",
        2 => "II",
        _ => "III",
    }
}

/// The place the presence milestones earn from a contact's active days (ascending, repeats
/// allowed): reaching a level's milestone once is its step III, twice II, three times I.
pub(crate) fn presence_of(days: &[Day]) -> u8 {
    let (mut weeks, mut months, mut quarters) = (0u32, 0u32, 0u32);
    let mut week = Tally::default();
    let mut month = Tally::default();
    let mut quarter = Tally::default();
    let mut last = None;
    for &d in days {
        if last == Some(d) {
            continue;
        }
        last = Some(d);
        let m = month_key(d);
        weeks += week.add(week_start(d), WEEK_DAYS);
        months += month.add(m, MONTH_DAYS);
        quarters += quarter.add(m.div_euclid(3), QUARTER_DAYS);
    }
    let place = |base: u8, times: u32| {
        if times == 0 {
            0
        } else {
            base + times.min(3) as u8
        }
    };
    place(3, weeks)
        .max(place(6, months))
        .max(place(9, quarters))
}

/// Active days counted in the current calendar unit; `add` returns 1 the day the unit reaches
/// its milestone, so each unit counts once.
#[derive(Default)]
struct Tally {
    unit: Option<i32>,
    days: u32,
}

impl Tally {
    fn add(&mut self, unit: i32, milestone: u32) -> u32 {
        if self.unit != Some(unit) {
            self.unit = Some(unit);
            self.days = 0;
        }
        self.days += 1;
        u32::from(self.days == milestone)
    }
}

/// Contact `c`'s Orbit scores on day `d`.
pub(crate) fn orbit(ix: &Index, c: usize, d: Day) -> Orbit {
    let from = d - (LOVE_WINDOW_DAYS - 1);
    let mut commitment = 0u8;
    let (mut shares, mut logged_referrals) = (0u32, 0u32);
    for e in ix
        .contact_events_in(c, from, d)
        .iter()
        .filter(|e| e.activity())
    {
        commitment = commitment.max(ix.weight(e.kind));
        match e.kind {
            Kind::Share | Kind::Mention => shares += 1,
            Kind::Referral => logged_referrals += 1,
            _ => {}
        }
    }
    let days = ix.activity_until(c, d);
    let presence = presence_of(&days[days.partition_point(|x| *x < from)..]);
    let love = commitment.max(presence).min(LOVE_MAX);
    // The larger of the two records of referrals (see `referrals`).
    let referrals = brought_between(ix, c, from, d).max(logged_referrals);
    let points = REACH_PER_REFERRAL
        .saturating_mul(referrals)
        .saturating_add(REACH_PER_SHARE.saturating_mul(shares));
    let reach = points.saturating_add(1).min(REACH_MAX) as u8;
    Orbit {
        commitment,
        presence,
        love,
        reach,
        gravity: u32::from(love) * u32::from(reach),
        level: level_of(love),
        step: step_of(love),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::days::day;
    use jiff::civil::date;

    fn days(dates: &[(i16, i8, i8)]) -> Vec<Day> {
        dates.iter().map(|&(y, m, d)| day(date(y, m, d))).collect()
    }

    #[test]
    fn the_table_places_each_weight_in_its_level_and_step() {
        let placed: Vec<(u8, u8)> = (0..=12).map(|l| (level_of(l), step_of(l))).collect();
        assert_eq!(
            placed,
            [
                (4, 0),
                (4, 3),
                (4, 2),
                (4, 1),
                (3, 3),
                (3, 2),
                (3, 1),
                (2, 3),
                (2, 2),
                (2, 1),
                (1, 3),
                (1, 2),
                (1, 1)
            ]
        );
    }

    #[test]
    fn two_days_in_one_iso_week_is_participating_and_repeats_climb_the_steps() {
        // Sunday 2026-03-01 and Monday 2026-03-02 fall in different ISO weeks: no milestone.
        assert_eq!(presence_of(&days(&[(2026, 3, 1), (2026, 3, 2)])), 0);
        // Two activities on one day are one active day.
        assert_eq!(presence_of(&days(&[(2026, 3, 2), (2026, 3, 2)])), 0);
        let one = days(&[(2026, 3, 2), (2026, 3, 4)]);
        assert_eq!(presence_of(&one), 4, "Participating III");
        // Monday-Tuesday, Monday-Sunday, Monday-Tuesday: three weeks, never 7 days in a month.
        let three_weeks = days(&[
            (2026, 3, 2),
            (2026, 3, 3),
            (2026, 3, 9),
            (2026, 3, 15),
            (2026, 4, 6),
            (2026, 4, 7),
        ]);
        assert_eq!(presence_of(&three_weeks), 6, "Participating I");
    }

    #[test]
    fn seven_days_in_a_month_and_thirty_in_a_quarter_place_higher() {
        let month: Vec<Day> = (1..=7).map(|d| day(date(2026, 5, d))).collect();
        assert_eq!(presence_of(&month), 7, "Contributing III");
        let two_months: Vec<Day> = (1..=7)
            .map(|d| day(date(2026, 5, d)))
            .chain((10..=16).map(|d| day(date(2026, 7, d))))
            .collect();
        assert_eq!(presence_of(&two_months), 8, "Contributing II");
        // 30 days in Q3 2026 (July to September), 10 in each month.
        let quarter: Vec<Day> = [7, 8, 9]
            .into_iter()
            .flat_map(|m| (1..=10).map(move |d| day(date(2026, m, d))))
            .collect();
        assert_eq!(presence_of(&quarter), 10, "Leading III");
    }
}
