//! Engagement: activities, active contacts, engagement rate, channels, growth, sharing, email and
//! website figures, and the Orbit model. As of 2026-03-31 with 30d the period is March 2-31 and
//! the previous period January 31 - March 1.

mod common;

use common::{Fixture, close, d};
use ror_tui::metrics::{Granularity, compute, series};
use ror_tui::store::{Direction, Kind};

fn community() -> Fixture {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-12-01");
    let bob = f.contact("Bob", "2026-03-10"); // new in the period
    let cat = f.contact("Cat", "2026-01-15");
    let _dan = f.contact("Dan", "2026-03-20"); // new, never active
    let tom = f.team("Tom", "2025-01-01");
    f.on(ann, "2026-02-10", "slack", Kind::Message); // previous period
    f.on(ann, "2026-03-05", "slack", Kind::Message);
    f.on(ann, "2026-03-06", "twitter", Kind::Share);
    f.on(ann, "2026-03-07", "slack", Kind::Comment);
    f.on(ann, "2026-03-08", "email", Kind::EmailSent); // our email, whatever its direction
    f.on(bob, "2026-03-12", "email", Kind::Message);
    f.on(bob, "2026-03-15", "twitter", Kind::Mention);
    f.on(cat, "2026-02-20", "email", Kind::Message); // previous period
    f.out(cat, "2026-03-10", Kind::Message); // outbound: not the contact's activity
    f.on(tom, "2026-03-10", "slack", Kind::Message); // team member: never counted
    f
}

#[test]
fn activities_active_contacts_and_rate() {
    let dash = community().dash("2026-03-31", "30d");
    let c = &dash.current.figures;
    // Existing on March 31: Ann, Bob, Cat, Dan (Tom is team) = 4; new: Bob, Dan.
    assert_eq!((c.contacts.total, c.contacts.new), (4, 2));
    // Ann 3 + Bob 2 = 5 activities; the email we sent, the outbound message and Tom's don't count.
    assert_eq!(c.engagement.interactions, 5);
    assert_eq!(c.engagement.active_contacts, 2);
    // 2 active / 4 existing = 0.5.
    assert_eq!(c.engagement.engagement_rate.value(), Some(0.5));
    let ch: Vec<(&str, u64)> = c
        .engagement
        .by_channel
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(ch, [("email", 1), ("slack", 2), ("twitter", 2)]);
    let kinds: Vec<(Kind, u64)> = c.engagement.by_kind.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Message, 2),
            (Kind::Comment, 1),
            (Kind::Mention, 1),
            (Kind::Share, 1)
        ]
    );

    // Previous period: Ann and Cat exist (Bob and Dan not yet), both active: 2 / 2 = 1.
    let p = &dash.previous.as_ref().unwrap().figures;
    assert_eq!((p.contacts.total, p.contacts.new), (2, 0));
    assert_eq!(p.engagement.interactions, 2);
    assert_eq!(p.engagement.engagement_rate.value(), Some(1.0));
}

#[test]
fn sharing_and_channel_return() {
    let dash = community().dash("2026-03-31", "30d");
    let e = &dash.current.details.engagement;
    // Ann's share + Bob's mention = 2, over 2 active contacts = 1 per active contact.
    assert_eq!(e.shares_and_mentions, 2);
    assert_eq!(e.sharing_per_active.value(), Some(1.0));
    // slack: Ann, who was on slack in February → 1/1. twitter: Ann, Bob, both new there → 0/2.
    // email: Bob, new there (Cat's February email is someone else's) → 0/1.
    let slack = &e.channel_return["slack"];
    assert_eq!(
        (slack.active, slack.returning, slack.rate.value()),
        (1, 1, Some(1.0))
    );
    let twitter = &e.channel_return["twitter"];
    assert_eq!(
        (twitter.active, twitter.returning, twitter.rate.value()),
        (2, 0, Some(0.0))
    );
    assert_eq!(e.channel_return["email"].rate.value(), Some(0.0));
    // Growth: 2 new, nobody churned (threshold 90 days) → +2.
    assert_eq!((e.churned, e.net_growth), (0, 2));
}

#[test]
fn weekly_series_add_up_to_the_period() {
    let f = community();
    let dash = f.dash("2026-03-31", "30d");
    let s = &dash.series;
    assert_eq!(s.granularity, Granularity::Week);
    // Weeks from Monday March 2: [2-8] Ann ×3, [9-15] Bob ×2, then nothing.
    assert_eq!(s.interactions, [3, 2, 0, 0, 0]);
    assert_eq!(s.active_contacts, [1, 1, 0, 0, 0]);
    // Bob joined March 10 (week 2), Dan March 20 (week 3).
    assert_eq!(s.new_contacts, [0, 1, 1, 0, 0]);
    assert_eq!(s.net_growth, [0, 1, 1, 0, 0]);
    assert_eq!(s.by_channel["twitter"], [1, 1, 0, 0, 0]);
    assert_eq!(s.by_kind[&Kind::Message], [1, 1, 0, 0, 0]);
    assert_eq!(s.by_kind[&Kind::Comment], [1, 0, 0, 0, 0]);
    // The same period by month: one bucket holding everything.
    let ix = f.index();
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let m = series(&ix, &p, Granularity::Month);
    assert_eq!(m.interactions, [5]);
    assert_eq!(m.buckets[0].label, "2026-03");
}

#[test]
fn email_rates_never_count_more_opens_than_sends() {
    let mut f = Fixture::new();
    let e = f.contact("Eve", "2025-01-01");
    let g = f.contact("Gus", "2025-01-01");
    let h = f.contact("Hal", "2025-01-01");
    for day in ["2026-03-03", "2026-03-10"] {
        f.out(e, day, Kind::EmailSent);
        f.out(g, day, Kind::EmailSent);
    }
    for day in ["2026-03-04", "2026-03-05", "2026-03-11"] {
        f.x(e, day, Kind::EmailOpen); // Eve opens 3 times for 2 emails
    }
    f.x(e, "2026-03-11", Kind::EmailClick);
    f.x(g, "2026-03-12", Kind::EmailOpen);
    f.x(h, "2026-03-12", Kind::EmailOpen); // Hal's email was sent before the period
    let em = f.dash("2026-03-31", "30d").current.details.engagement.email;
    assert_eq!((em.sent, em.opened, em.clicked), (4, 5, 1));
    // Opens counted per contact up to its sends: Eve min(3, 2) + Gus min(1, 2) + Hal min(1, 0)
    // = 3 of 4 sent = 0.75. Clicks: Eve 1 of 4 = 0.25.
    assert_eq!(em.open_rate.value(), Some(0.75));
    assert_eq!(em.click_rate.value(), Some(0.25));
}

#[test]
fn website_visits_and_returning_visitors() {
    let mut f = Fixture::new();
    let h = f.contact("Hana", "2025-01-01");
    let i = f.contact("Ivo", "2025-01-01");
    f.on(h, "2026-01-01", "website", Kind::Visit);
    f.on(h, "2026-03-10", "website", Kind::Visit);
    f.on(h, "2026-03-11", "website", Kind::Visit);
    f.on(i, "2026-03-12", "website", Kind::Visit);
    let w = f
        .dash("2026-03-31", "30d")
        .current
        .details
        .engagement
        .website;
    // 3 visits by 2 visitors; Hana had visited in January.
    assert_eq!((w.visits, w.visitors, w.returning_visitors), (3, 2, 1));
}

/// Orbit as of 2026-03-31: love looks back to 2025-04-01.
fn orbit_fixture() -> Fixture {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2026-01-01");
    let cat = f.contact("Cat", "2025-01-01");
    let zed = f.contact("Zed", "2026-02-01");
    let dan = f.contact("Dan", "2025-01-01");
    f.edit_contact(zed, |c| c.referred_by = Some(ann));
    f.x(ann, "2025-06-01", Kind::Purchase); // weight 6
    f.x(ann, "2026-01-10", Kind::Share); // 7
    f.x(ann, "2026-02-10", Kind::Share);
    f.x(ann, "2026-03-01", Kind::Message); // 4
    f.x(bob, "2026-03-10", Kind::Message); // 4
    f.x(cat, "2025-03-15", Kind::Event); // 6, out of the window by March 31
    f.x(cat, "2026-01-01", Kind::Visit); // 2
    // Seven visits (2) on Monday 2 to Sunday 8 March: one ISO week with 2+ active days and
    // one month with 7+.
    for day in 2..=8 {
        f.x(dan, &format!("2026-03-{day:02}"), Kind::Visit);
    }
    f
}

#[test]
fn orbit_love_reach_gravity_and_levels() {
    let f = orbit_fixture();
    let ix = f.index();
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let by_name = |name: &str| {
        let id = f.store.contacts.iter().find(|c| c.name == name).unwrap().id;
        ror_tui::metrics::contact_view(&ix, id, &p).unwrap().orbit
    };
    // Ann: commitment max(6, 7, 7, 4) = 7, no presence milestone → love 7, Contributing III;
    // reach = 1 + 3 × 1 referral (Zed) + 1 × 2 shares = 6; gravity 7 × 6 = 42. A buyer is not
    // a leader by buying.
    let ann = by_name("Ann");
    assert_eq!(
        (
            ann.commitment,
            ann.presence,
            ann.love,
            ann.reach,
            ann.gravity
        ),
        (7, 0, 7, 6, 42)
    );
    assert_eq!(ann.label(), "Contributing III");
    // Bob: one message → love 4, Participating III, reach 1, gravity 4.
    let bob = by_name("Bob");
    assert_eq!((bob.love, bob.reach, bob.gravity, bob.level), (4, 1, 4, 3));
    assert_eq!(bob.label(), "Participating III");
    // Cat: the event is 381 days old; the visit gives love 2 → Exploring II.
    let cat = by_name("Cat");
    assert_eq!((cat.love, cat.level, cat.gravity), (2, 4, 2));
    assert_eq!(cat.label(), "Exploring II");
    // Zed: nothing yet → love 0, level 4 with no step, gravity 0.
    let zed = by_name("Zed");
    assert_eq!(
        (zed.gravity, zed.level, zed.label().as_str()),
        (0, 4, "Exploring")
    );
    // Dan: only visits (weight 2), but 7 active days in March is the Contributing milestone,
    // which places higher than the week's Participating III: love 7, Contributing III.
    let dan = by_name("Dan");
    assert_eq!(
        (
            dan.commitment,
            dan.presence,
            dan.love,
            dan.level,
            dan.gravity
        ),
        (2, 7, 7, 2, 7)
    );

    let o = &compute(&ix, d("2026-03-31"), &"30d".parse().unwrap())
        .current
        .details
        .orbit;
    assert_eq!((o.level_1, o.level_2, o.level_3, o.level_4), (0, 2, 1, 2));
    assert_eq!(o.gravity, 42 + 4 + 2 + 7); // 55
}

#[test]
fn orbit_movers_between_period_ends() {
    let dash = orbit_fixture().dash("2026-03-31", "30d");
    // On March 1 (end of the previous period): Bob and Dan had no activity → level 4; Cat's
    // event of 2025-03-15 was inside the year → love 6 → level 3. On March 31 Dan is 2, Bob 3
    // and Cat 4; Ann stays at 2.
    let moves: Vec<(&str, u8, u8, bool)> = dash
        .lists
        .highlights
        .as_ref()
        .unwrap()
        .movers
        .iter()
        .map(|m| (m.name.as_str(), m.from_level, m.to_level, m.moved_up()))
        .collect();
    assert_eq!(
        moves,
        [
            ("Dan", 4, 2, true),
            ("Bob", 4, 3, true),
            ("Cat", 3, 4, false)
        ]
    );
}

#[test]
fn activity_weights_come_from_settings() {
    let mut f = orbit_fixture();
    f.store.settings.weights.insert(Kind::Message, 10);
    let ix = f.index();
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let bob = f.store.contacts[1].id;
    let o = ror_tui::metrics::contact_view(&ix, bob, &p).unwrap().orbit;
    assert_eq!(
        (o.love, o.level, o.label().as_str()),
        (10, 1, "Leading III")
    );
}

#[test]
fn reach_is_capped_at_twelve() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    for day in ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"] {
        f.x(a, day, Kind::Referral);
    }
    let ix = f.index();
    let p = ix.period(&"30d".parse().unwrap(), d("2026-03-31"));
    let o = ror_tui::metrics::contact_view(&ix, a, &p).unwrap().orbit;
    // 1 + 3 × 4 = 13 → 12; love 10 (referral) → gravity 120.
    assert_eq!((o.reach, o.love, o.gravity), (12, 10, 120));
}

#[test]
fn inbound_direction_is_the_default_and_outbound_is_not_activity() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    f.x(a, "2026-03-10", Kind::Call).direction = Direction::Outbound;
    let c = f.dash("2026-03-31", "30d").current.figures;
    assert_eq!(c.engagement.interactions, 0);
    assert!(close(c.engagement.engagement_rate.value(), 0.0));
}

/// Connection growth, the worked example of docs/METRICS.md (*Contacts*), 30d as of
/// 2026-03-31 (March 2-31): Ann joined in December and never logged a connect; Bob joined in
/// January and followed us on Twitter on March 10; Cy came in by an import on March 3 with its
/// LinkedIn connect that day (counted once); Dan joined on February 20; Eve connected on
/// LinkedIn on February 25, starred on GitHub on March 12 (a second connection) and connected
/// on LinkedIn again on March 20 (not a new one).
#[test]
fn connection_growth_counts_connect_events_and_contacts_created() {
    let mut f = Fixture::new();
    let _ann = f.contact("Ann", "2025-12-01");
    let bob = f.contact("Bob", "2026-01-10");
    let cy = f.contact("Cy", "2026-03-03");
    let _dan = f.contact("Dan", "2026-02-20");
    let eve = f.contact("Eve", "2026-01-02");
    f.on(bob, "2026-03-10", "twitter", Kind::Connect);
    f.on(cy, "2026-03-03", "linkedin", Kind::Connect);
    f.on(eve, "2026-02-25", "linkedin", Kind::Connect);
    f.on(eve, "2026-03-12", "github", Kind::Connect);
    f.on(eve, "2026-03-20", "linkedin", Kind::Connect);
    let dash = f.dash("2026-03-31", "30d");
    let c = &dash.current.figures.contacts;
    // Made in March: Bob (10th), Cy (3rd), Eve on GitHub (12th). Before March 2: Ann, Dan, Eve
    // on LinkedIn.
    assert_eq!((c.connected, c.new, c.total), (3, 1, 5));
    assert!(close(c.connection_growth.value(), 3.0 / 3.0));
    // The previous period (January 31 - March 1): Dan (Feb 20) and Eve (Feb 25), against Ann
    // alone before it (Bob's connection is his follow in March, not his January join).
    let p = &dash.previous.as_ref().unwrap().figures.contacts;
    assert_eq!(p.connected, 2);
    assert!(close(p.connection_growth.value(), 2.0 / 1.0));
}
