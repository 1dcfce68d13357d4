//! Sentiment, NPS, CSAT and the negative-feedback queue, as of 2026-03-31 over 30 days
//! (March 2-31; previous period January 31 - March 1).

mod common;

use common::{Fixture, close, sentiment};
use ror_tui::metrics::Figure;
use ror_tui::store::{Direction, Kind, Moment};

#[test]
fn average_distribution_and_net() {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    f.on(ann, "2026-03-05", "slack", Kind::Message).sentiment = sentiment(0.6);
    f.on(ann, "2026-03-06", "slack", Kind::Message).sentiment = sentiment(-0.4);
    f.on(bob, "2026-03-07", "email", Kind::Comment).sentiment = sentiment(0.0);
    f.on(bob, "2026-03-08", "email", Kind::Message).sentiment = sentiment(0.05); // positive
    f.on(bob, "2026-03-09", "email", Kind::Message).sentiment = sentiment(-0.05); // negative
    f.on(bob, "2026-03-09", "email", Kind::Message); // no sentiment: not scored
    let out = f.out(ann, "2026-03-10", Kind::Message);
    out.sentiment = sentiment(0.9); // our own words are not the community's sentiment
    let dash = f.dash("2026-03-31", "30d");
    let s = &dash.current.figures.sentiment;
    // 5 scored: 0.6 − 0.4 + 0 + 0.05 − 0.05 = 0.2 → average 0.04.
    assert_eq!(s.scored, 5);
    assert!(close(s.average.value(), 0.04));
    // Thresholds are inclusive: 0.05 is positive, −0.05 negative.
    assert_eq!((s.positive, s.neutral, s.negative), (2, 1, 2));
    // Net = 2/5 − 2/5 = 0 points.
    assert_eq!(s.net.value(), Some(0.0));
    // Per channel: slack (0.6 − 0.4) / 2 = 0.1; email (0 + 0.05 − 0.05) / 3 = 0.
    let by = &dash.current.details.sentiment.by_channel;
    assert_eq!(by["slack"].scored, 2);
    assert!(close(by["slack"].average.value(), 0.1));
    assert!(close(by["email"].average.value(), 0.0));
    // Weekly trend: March 2-8 holds 0.6, −0.4, 0, 0.05 → 0.25 / 4 = 0.0625; March 9-15 −0.05.
    let t = &dash.series.sentiment_average;
    assert!(close(t[0].value(), 0.0625));
    assert!(close(t[1].value(), -0.05));
    assert_eq!(t[2], Figure::NONE);
}

#[test]
fn net_sentiment_is_in_percentage_points() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    for (day, s) in [
        ("2026-03-03", 0.5),
        ("2026-03-04", 0.7),
        ("2026-03-05", 0.9),
        ("2026-03-06", -0.5),
    ] {
        f.x(a, day, Kind::Message).sentiment = sentiment(s);
    }
    // 3/4 positive − 1/4 negative = 75 − 25 = 50.
    let s = f.dash("2026-03-31", "30d").current.figures.sentiment;
    assert_eq!(s.net.value(), Some(50.0));
}

#[test]
fn nps_uses_each_contacts_latest_answer_in_the_period() {
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    let cat = f.contact("Cat", "2025-01-01");
    let eve = f.contact("Eve", "2025-01-01");
    let dan = f.contact("Dan", "2025-01-01");
    f.x(ann, "2026-03-02", Kind::Survey).nps = Some(3);
    f.x(ann, "2026-03-20", Kind::Survey).nps = Some(10); // Ann's latest: promoter
    f.x(bob, "2026-03-03", Kind::Survey).nps = Some(9); // promoter
    f.x(cat, "2026-03-04", Kind::Survey).nps = Some(6); // detractor
    f.x(eve, "2026-03-05", Kind::Survey).nps = Some(7); // passive
    f.x(dan, "2026-02-15", Kind::Survey).nps = Some(0); // previous period only
    let dash = f.dash("2026-03-31", "30d");
    let n = &dash.current.figures.nps;
    assert_eq!(
        (n.responses, n.promoters, n.passives, n.detractors),
        (4, 2, 1, 1)
    );
    // 2/4 − 1/4 = 50 % − 25 % = 25.
    assert_eq!(n.score.value(), Some(25.0));
    // Previous period: Dan alone, a detractor: −100.
    assert_eq!(
        dash.previous.as_ref().unwrap().figures.nps.score.value(),
        Some(-100.0)
    );
}

#[test]
fn nps_extremes_and_no_answers() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    f.x(a, "2026-03-10", Kind::Survey).nps = Some(10);
    let dash = f.dash("2026-03-31", "30d");
    assert_eq!(dash.current.figures.nps.score.value(), Some(100.0));
    assert_eq!(
        dash.previous.as_ref().unwrap().figures.nps.score,
        Figure::NONE
    );
}

#[test]
fn csat_is_the_share_of_four_and_five() {
    let mut f = Fixture::new();
    let a = f.contact("Ann", "2025-01-01");
    for (day, r) in [
        ("2026-03-03", 5),
        ("2026-03-04", 4),
        ("2026-03-05", 3),
        ("2026-03-06", 1),
    ] {
        f.x(a, day, Kind::Review).rating = Some(r);
    }
    let c = f.dash("2026-03-31", "30d").current.details.sentiment.csat;
    // 2 satisfied of 4 ratings.
    assert_eq!((c.ratings, c.satisfied, c.score.value()), (4, 2, Some(0.5)));
}

fn at(contact: uuid::Uuid, f: &mut Fixture, when: &str, dir: Direction, s: Option<f64>) {
    let x = f.x(contact, "2026-01-01", Kind::Message);
    x.at = Moment::parse(when).unwrap();
    x.direction = dir;
    x.sentiment = s.and_then(sentiment);
}

#[test]
fn negative_feedback_queue_and_time_to_respond() {
    use Direction::{Inbound as In, Outbound as Out};
    let mut f = Fixture::new();
    let [ann, bob, cat, dan, eve, fay, gus] =
        ["Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus"].map(|n| f.contact(n, "2025-01-01"));
    at(ann, &mut f, "2026-03-01", In, Some(-0.6)); // before the period, never answered
    at(bob, &mut f, "2026-03-10T10:00:00", In, Some(-0.5));
    at(bob, &mut f, "2026-03-10T09:00:00", Out, None); // earlier that day: not a reply
    at(bob, &mut f, "2026-03-13", Out, None); // reply after 3 days
    at(cat, &mut f, "2026-03-12", In, Some(-0.3));
    at(cat, &mut f, "2026-03-12T08:00:00", Out, None); // same day, no time to compare: a reply
    at(dan, &mut f, "2026-03-15", In, Some(-0.8));
    f.store.interactions.last_mut().unwrap().resolved = true; // resolved by hand
    at(eve, &mut f, "2026-03-20", In, Some(-0.2));
    at(eve, &mut f, "2026-04-02", Out, None); // after the as-of date
    at(fay, &mut f, "2026-03-25", In, Some(-0.1));
    at(fay, &mut f, "2026-03-30", Out, None); // 5 days
    at(gus, &mut f, "2026-03-26", In, Some(-0.04)); // neutral, not feedback

    let dash = f.dash("2026-03-31", "30d");
    let s = &dash.current.details.sentiment;
    // Received in March 2-31: Bob, Cat, Dan, Eve, Fay.
    assert_eq!(s.negative_feedback, 5);
    // Replies: Bob 3, Cat 0, Fay 5 days → median 3.
    assert_eq!(s.median_days_to_respond.value(), Some(3.0));
    // Open on March 31, oldest first: Ann (30 days), Eve (11 days).
    let open: Vec<(&str, u32)> = dash
        .lists
        .open_feedback
        .iter()
        .map(|o| (o.name.as_str(), o.days_waiting))
        .collect();
    assert_eq!(open, [("Ann", 30), ("Eve", 11)]);
    assert_eq!(s.open_feedback, 2);
    // On March 1 (end of the previous period) only Ann's was open.
    assert_eq!(
        dash.previous
            .as_ref()
            .unwrap()
            .details
            .sentiment
            .open_feedback,
        1
    );
}

/// A note in another language is scored by nobody until a person does: it is counted as
/// `unscored`, in no other sentiment figure (never as neutral), kept out of the negative-feedback
/// queue, and listed, newest first, for a score by hand.
#[test]
fn notes_in_other_languages_wait_for_a_person() {
    use ror_tui::sentiment::rescore;
    use ror_tui::store::{Sentiment, Settings};
    let mut f = Fixture::new();
    let ann = f.contact("Ann", "2025-01-01");
    let bob = f.contact("Bob", "2025-01-01");
    let cat = f.contact("Cat", "2025-01-01");
    let dan = f.contact("Dan", "2025-01-01");
    let settings = Settings::default();
    let note = |x: &mut ror_tui::store::Interaction, text: &str| {
        x.note = text.into();
        rescore(x, &settings);
    };
    note(
        f.x(ann, "2026-03-05", Kind::Message),
        "C'est nul, je suis très déçu",
    );
    note(f.x(bob, "2026-03-06", Kind::Message), "Thanks, great help!");
    note(
        f.x(cat, "2026-02-20", Kind::Comment),
        "Das war wirklich enttäuschend, ich bin sehr unzufrieden",
    );
    // Scored by hand: it counts like any score.
    let scored = f.x(dan, "2026-03-07", Kind::Message);
    scored.sentiment = Some(Sentiment::manual(-0.8));
    note(
        scored,
        "Toujours pas de réponse à mon ticket, c'est décevant",
    );
    // Our own words in French are not the community's sentiment, scored or not.
    note(
        f.out(ann, "2026-03-08", Kind::Message),
        "Merci beaucoup, nous regardons cela tout de suite",
    );

    let dash = f.dash("2026-03-31", "30d");
    let s = &dash.current.figures.sentiment;
    assert_eq!(s.unscored, 1, "Ann's French note");
    assert_eq!((s.scored, s.positive, s.neutral, s.negative), (2, 1, 0, 1));
    let prev = &dash.previous.as_ref().unwrap().figures.sentiment;
    assert_eq!((prev.unscored, prev.scored), (1, 0), "Cat's German note");
    // Dan's hand score is negative feedback; Ann's unscored note is not (yet).
    let open: Vec<&str> = dash
        .lists
        .open_feedback
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(open, ["Dan"]);
    let waiting: Vec<(&str, &str)> = dash
        .lists
        .waiting_score
        .iter()
        .map(|w| (w.name.as_str(), w.language.as_str()))
        .collect();
    assert_eq!(waiting, [("Ann", "fr"), ("Cat", "de")]);
}
