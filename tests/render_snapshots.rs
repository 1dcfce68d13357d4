//! What every screen and overlay looks like, from the demo store on a fixed date, at 80x24 and
//! 120x40; plus the too-small screen, the first-run screen and the mono theme.

mod support_dash;

use ratatui::style::{Color, Modifier};
use ror_tui::app::overlay::Confirm;
use ror_tui::app::{App, Config, ConfirmAction, Mode, Overlay, ThemeName};
use support_dash::*;

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(app, w, h));
    }
}

fn demo_after(keys: &str) -> App {
    let mut app = demo_app();
    press(&mut app, keys);
    app
}

#[test]
fn overview() {
    snap("overview", &demo_app());
}

#[test]
fn overview_with_the_advocates_pane_focused_over_a_year() {
    snap("overview_4_365d", &demo_after("4 ] ]"));
}

#[test]
fn full_screen_panes() {
    snap("pane_engagement", &demo_after("1 enter"));
    snap("pane_sentiment", &demo_after("2 enter"));
    snap("pane_churn", &demo_after("3 enter j j"));
    snap("pane_advocates", &demo_after("4 enter G"));
    snap(
        "pane_advocates_tree_folded",
        &demo_after("4 enter r space j"),
    );
}

#[test]
fn contacts() {
    snap("contacts", &demo_after("c"));
    snap("contacts_by_value", &demo_after("c S S S j"));
    let mut app = demo_after("c /");
    type_text(&mut app, "ana");
    snap("contacts_filtering", &app);
}

#[test]
fn contact_page() {
    snap("contact_page", &demo_after("c S S enter"));
}

#[test]
fn interaction_log() {
    snap("interactions", &demo_after("l"));
    snap("interactions_negative", &demo_after("l S S S"));
}

#[test]
fn follow_ups() {
    snap("followups", &demo_after("f"));
    snap("followups_negative", &demo_after("f tab j"));
}

#[test]
fn cohorts() {
    snap("cohorts", &demo_after("C"));
}

#[test]
fn standup_slides() {
    snap("standup_headlines", &demo_after("s"));
    snap("standup_sentiment", &demo_after("s right right"));
    // Two people picked, the second with an intent.
    let mut app = demo_after("s c c j i");
    type_text(&mut app, "thank for the referral");
    press(&mut app, "enter");
    snap("standup_commitments", &app);
}

/// The demo with a standup a week earlier that picked four people, opened on the slide that
/// reviews them.
#[test]
fn standup_since_slide() {
    use ror_tui::store::{CommitReason, Commitment, Standup};
    let mut store = ror_tui::demo::demo_store(AS_OF);
    let mut standup = Standup::new(jiff::civil::date(2026, 3, 24), Default::default());
    let reasons = [
        CommitReason::AtRisk,
        CommitReason::NewAdvocate,
        CommitReason::StayInTouch,
        CommitReason::AtRisk,
    ];
    standup.commitments = store
        .contacts
        .iter()
        .filter(|c| !c.is_team)
        .step_by(37)
        .zip(reasons)
        .map(|(c, reason)| Commitment {
            contact: c.id,
            reason,
            intent: format!("follow up with {}", c.name),
            feedback: None,
        })
        .collect();
    store.standups.push(standup);
    let mode = Mode {
        demo: true,
        read_only: None,
    };
    let mut app = App::new(store, "demo", mode, AS_OF, Config::defaults(false));
    press(&mut app, "s");
    snap("standup_since", &app);
}

#[test]
fn help_overlay() {
    snap("help_overview", &demo_after("?"));
    snap("help_contacts", &demo_after("c ?"));
}

#[test]
fn confirm_overlay() {
    let mut app = demo_app();
    app.overlays.push(Overlay::Confirm(Confirm {
        title: "Quit?".into(),
        message: "A form holds input that has not been saved. Quit anyway?".into(),
        on_yes: ConfirmAction::Quit,
    }));
    snap("confirm_quit", &app);
}

#[test]
fn terminal_too_small() {
    let app = demo_app();
    insta::assert_snapshot!("too_small_59x15", screen_text(&app, 59, 15));
    insta::assert_snapshot!("too_small_40x10", screen_text(&app, 40, 10));
    // 60x15 is enough.
    assert!(!screen_text(&app, 60, 15).contains("too small"));
}

#[test]
fn empty_store_first_run() {
    let app = app_with(ror_tui::store::Store::default());
    snap("first_run", &app);
}

#[test]
fn read_only_store() {
    let mut app = app_with(small_store());
    app.mode.read_only = Some("another ror-tui has this store open".into());
    insta::assert_snapshot!("read_only_80x24", screen_text(&app, 80, 24));
}

fn mono_app() -> App {
    let store = ror_tui::demo::demo_store(AS_OF);
    let mode = Mode {
        demo: true,
        read_only: None,
    };
    App::new(store, "demo", mode, AS_OF, Config::defaults(true))
}

#[test]
fn mono_theme() {
    let mut app = mono_app();
    assert_eq!(app.theme, ThemeName::Mono);
    press(&mut app, "c");
    let t = draw(&app, 80, 24);
    let buf = t.backend().buffer();
    let mut reversed_row = None;
    for y in 0..24 {
        for x in 0..80 {
            let cell = &buf[(x, y)];
            assert_eq!(cell.fg, Color::Reset, "colour at {x},{y}");
            assert_eq!(cell.bg, Color::Reset, "background at {x},{y}");
            if x == 3 && cell.modifier.contains(Modifier::REVERSED) {
                reversed_row = Some(y);
            }
        }
    }
    // The selected contact is shown in reverse video (and with a ▶ marker), not by colour.
    let y = reversed_row.expect("a row in reverse video");
    assert_eq!(buf[(1, y)].symbol(), "▶");
    insta::assert_snapshot!("mono_contacts_80x24", screen_text(&app, 80, 24));
}

/// An empty store at a place of its own (not the demo): the new screens' empty states.
fn empty_app() -> App {
    app_with(ror_tui::store::Store::default())
}

/// The demo plus a contact entered twice (the same email, another spelling of the name), so
/// the Duplicates screen and the merge have something to show.
fn demo_with_a_duplicate() -> App {
    let mut store = ror_tui::demo::demo_store(AS_OF);
    let first = store
        .contacts
        .iter()
        .find(|c| !c.is_team && c.email.is_some())
        .unwrap()
        .clone();
    let mut copy = ror_tui::store::Contact::new(
        format!("{}.", first.name.split(' ').next().unwrap_or("X")),
        jiff::civil::date(2025, 1, 2),
    );
    copy.id = uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
    copy.email = first.email.clone();
    copy.notes = "Imported from the newsletter list".into();
    store.contacts.push(copy);
    store.sort_canonical();
    app_with(store)
}

#[test]
fn investments_screen() {
    snap("investments", &demo_after("I"));
    snap("investments_filtered", &{
        let mut app = demo_after("I /");
        type_text(&mut app, "kind:gift");
        press(&mut app, "enter");
        app
    });
    let mut app = empty_app();
    press(&mut app, "I");
    snap("investments_empty", &app);
}

#[test]
fn duplicates_and_merge() {
    let mut app = empty_app();
    press(&mut app, "D");
    snap("duplicates_empty", &app);
    let mut app = demo_with_a_duplicate();
    press(&mut app, "D");
    snap("duplicates", &app);
    press(&mut app, "enter j right");
    snap("merge", &app);
}

#[test]
fn interaction_detail() {
    snap("interaction_detail", &demo_after("l j enter"));
    // A negative note, answered or not, and how its sentiment was set.
    snap("interaction_detail_negative", &demo_after("l S S S enter"));
}

#[test]
fn value_and_channels() {
    snap("value", &demo_after("v"));
    snap("value_by_tag_worst_first", &demo_after("v t R"));
    snap("channels", &demo_after("h"));
    let mut app = empty_app();
    press(&mut app, "v");
    snap("value_empty", &app);
    press(&mut app, "h");
    snap("channels_empty", &app);
}
