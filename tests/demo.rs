//! The bundled demo community: regenerable, valid, believable, and always ending today.

use std::collections::{HashMap, HashSet};

use assert_cmd::Command;
use jiff::civil::date;
use ror_tui::demo::{DEMO_JSON, demo_store};
use ror_tui::generator::{DEMO_END, GenSpec, generate};
use ror_tui::store::{Direction, Kind, to_store_json};

#[test]
fn the_committed_demo_is_exactly_what_the_generator_makes() {
    let made = to_store_json(&generate(&GenSpec::demo()));
    assert!(
        made == DEMO_JSON,
        "assets/demo-store.json is stale: run `cargo run -- generate --demo -o assets/demo-store.json`"
    );
}

#[test]
fn the_demo_passes_check() {
    Command::cargo_bin("ror-tui")
        .unwrap()
        .args(["check", "--store", "assets/demo-store.json"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "ok — schema 2, 300 contacts (4 team), 6000 interactions",
        ));
}

#[test]
fn the_demo_is_a_believable_community() {
    let s = demo_store(DEMO_END);
    assert_eq!(s.contacts.len(), 300);
    assert_eq!(s.interactions.len(), 6000);
    let kinds: HashSet<Kind> = s.interactions.iter().map(|x| x.kind).collect();
    assert!(kinds.len() >= 16, "varied kinds: {kinds:?}");
    let channels: HashSet<&str> = s.interactions.iter().map(|x| x.channel.as_str()).collect();
    assert!(channels.len() >= 8, "varied channels: {channels:?}");
    assert!(
        s.interactions
            .iter()
            .any(|x| x.direction == Direction::Outbound)
    );
    let scored: Vec<f64> = s
        .interactions
        .iter()
        .filter_map(|x| x.sentiment.map(|v| v.score))
        .collect();
    assert!(
        scored.iter().filter(|v| **v >= 0.05).count() > 500,
        "praise"
    );
    assert!(
        scored.iter().filter(|v| **v <= -0.05).count() > 200,
        "complaints"
    );
    assert!(
        s.interactions.iter().filter(|x| x.value.is_some()).count() > 100,
        "purchases"
    );
    assert!(
        s.interactions.iter().filter(|x| x.nps.is_some()).count() > 50,
        "NPS answers"
    );
    assert!(
        s.contacts
            .iter()
            .filter(|c| c.referred_by.is_some())
            .count()
            > 20,
        "referral chains"
    );
    assert!(s.investments.len() > 50, "gifts, events and other costs");

    // Some members went quiet long ago (churn), some recently (risk), most are around.
    let mut last = HashMap::new();
    for x in &s.interactions {
        let e = last.entry(x.contact).or_insert(x.at.date);
        *e = (*e).max(x.at.date);
    }
    let silent = |lo: i32, hi: i32| {
        last.values()
            .filter(|d| {
                let days = (**d).until(DEMO_END).unwrap().get_days();
                (lo..=hi).contains(&days)
            })
            .count()
    };
    assert!(silent(91, 10_000) >= 30, "churned members");
    assert!(silent(30, 90) >= 15, "quiet, possibly at-risk members");
    assert!(silent(0, 29) >= 100, "active members");
    let hist = s.interactions.iter().map(|x| x.at.date).min().unwrap();
    assert!(
        hist <= date(2025, 5, 16),
        "about 18 months of history, from {hist}"
    );
}

#[test]
fn the_demo_is_shifted_to_end_on_the_day_it_is_opened() {
    let today = date(2027, 3, 1);
    let s = demo_store(today);
    let last = s.interactions.iter().map(|x| x.at.date).max().unwrap();
    let base = demo_store(DEMO_END);
    let base_last = base.interactions.iter().map(|x| x.at.date).max().unwrap();
    let shift = DEMO_END.until(today).unwrap().get_days();
    assert_eq!(base_last.until(last).unwrap().get_days(), shift);
    assert!(last <= today);
    assert_eq!(
        base.contacts[10]
            .created
            .until(s.contacts[10].created)
            .unwrap()
            .get_days(),
        shift,
        "contacts move with their interactions"
    );
}

/// The generator scores its notes without running the language detector over each of them; what
/// it stores is what scoring each note as the dashboard does would store.
#[test]
fn the_demos_notes_are_scored_as_the_dashboard_scores_them() {
    let s = demo_store(DEMO_END);
    let mut foreign = 0;
    // (The generator leaves our own replies to complaints unscored: they count in no figure.)
    for x in s
        .interactions
        .iter()
        .filter(|x| x.sentiment.is_some() || x.language.is_some())
    {
        let mut again = x.clone();
        ror_tui::sentiment::rescore(&mut again, &s.settings);
        assert_eq!(
            (&again.language, again.sentiment),
            (&x.language, x.sentiment),
            "{:?}",
            x.note
        );
        foreign += usize::from(x.language.is_some());
    }
    assert!(foreign > 10, "some members write in their own language");
}
