//! Key sequences into the dashboard's state, without a terminal: what a user presses and what
//! they rely on happening.

mod support_dash;

use std::collections::BTreeMap;

use jiff::civil::date;
use ror_tui::app::{Effect, Overlay, PaneId, PeriodSpec, Screen};
use ror_tui::store::Standup;
use support_dash::*;

fn names(app: &ror_tui::app::App) -> Vec<String> {
    app.contacts
        .rows
        .iter()
        .map(|i| app.store.contacts[*i].name.clone())
        .collect()
}

#[test]
fn screens_are_one_key_away_and_escape_goes_back() {
    let mut app = app_with(small_store());
    assert_eq!(app.screen, Screen::Overview);
    press(&mut app, "c");
    assert_eq!(app.screen, Screen::Contacts);
    press(&mut app, "l");
    assert_eq!(app.screen, Screen::Interactions);
    press(&mut app, "f");
    assert_eq!(app.screen, Screen::FollowUps);
    press(&mut app, "C");
    assert_eq!(app.screen, Screen::Cohorts);
    press(&mut app, "esc esc");
    assert_eq!(app.screen, Screen::Interactions);
    press(&mut app, "o");
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn panes_take_focus_by_tab_or_number_and_open_full_screen() {
    let mut app = app_with(small_store());
    assert_eq!(app.overview_focus, PaneId::Engagement);
    press(&mut app, "tab tab");
    assert_eq!(app.overview_focus, PaneId::Churn);
    press(&mut app, "shift-tab shift-tab shift-tab");
    assert_eq!(app.overview_focus, PaneId::Advocates);
    press(&mut app, "2 enter");
    assert_eq!(app.screen, Screen::Pane(PaneId::Sentiment));
    // Tab in a full-screen pane moves to the next pane, still full-screen.
    press(&mut app, "tab");
    assert_eq!(app.screen, Screen::Pane(PaneId::Churn));
    press(&mut app, "esc");
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn contacts_open_on_enter_and_lists_move_with_vim_keys_and_arrows() {
    let mut app = app_with(small_store());
    press(&mut app, "c");
    // Last touch, newest first: Grace (Mar 30), Linus (Mar 28, outbound counts), Ada (Mar 20).
    assert_eq!(
        names(&app),
        ["Grace Hopper", "Linus Torvalds", "Ada Lovelace"]
    );
    press(&mut app, "j down");
    assert_eq!(app.contacts.list.selected, 2);
    press(&mut app, "j");
    assert_eq!(app.contacts.list.selected, 2, "stops at the last row");
    press(&mut app, "g");
    assert_eq!(app.contacts.list.selected, 0);
    press(&mut app, "G k up");
    assert_eq!(app.contacts.list.selected, 0);
    press(&mut app, "end enter");
    assert_eq!(app.screen, Screen::Contact);
    let page = app.contact.as_ref().unwrap();
    assert_eq!(app.store.contacts[page.index].name, "Ada Lovelace");
    assert_eq!(page.timeline.len(), 2);
    press(&mut app, "esc");
    assert_eq!(app.screen, Screen::Contacts);
}

#[test]
fn sorting_cycles_through_the_columns_and_reverses() {
    let mut app = app_with(small_store());
    press(&mut app, "c S");
    // Engagement in 30 days = Σ weights of inbound interactions: Grace call 6 + referral 10 = 16;
    // Ada comment 5 + support 4 = 9; Linus 0 (outbound only).
    assert_eq!(
        names(&app),
        ["Grace Hopper", "Ada Lovelace", "Linus Torvalds"]
    );
    press(&mut app, "S S S");
    assert_eq!(app.contacts.sort.label(), "name");
    assert_eq!(
        names(&app),
        ["Ada Lovelace", "Grace Hopper", "Linus Torvalds"]
    );
    press(&mut app, "R");
    assert_eq!(
        names(&app),
        ["Linus Torvalds", "Grace Hopper", "Ada Lovelace"]
    );
}

#[test]
fn slash_filters_contacts_by_name_handle_tag_and_organisation() {
    let mut app = app_with(small_store());
    press(&mut app, "c /");
    type_text(&mut app, "lov");
    assert_eq!(names(&app), ["Ada Lovelace"]);
    // While the filter has the keyboard, letters are text: q does not quit, c does not navigate.
    type_text(&mut app, "q");
    assert!(!app.quit);
    assert_eq!(app.contacts.search.text, "lovq");
    assert!(names(&app).is_empty());
    press(&mut app, "backspace");
    press(&mut app, "enter");
    assert!(!app.contacts.search.editing);
    assert_eq!(names(&app), ["Ada Lovelace"], "enter keeps the filter");
    press(&mut app, "/ ctrl-u");
    type_text(&mut app, "navy");
    assert_eq!(names(&app), ["Grace Hopper"]);
    press(&mut app, "ctrl-w");
    type_text(&mut app, "beta");
    assert_eq!(names(&app), ["Ada Lovelace"]);
    press(&mut app, "esc");
    assert_eq!(names(&app).len(), 3, "escape clears the filter");
    assert_eq!(app.screen, Screen::Contacts);
}

#[test]
fn the_interaction_log_filters_by_contact_channel_kind_sentiment_and_words() {
    let mut app = app_with(small_store());
    press(&mut app, "l");
    assert_eq!(app.interactions.rows.len(), 5);
    let first = &app.store.interactions[app.interactions.rows.get(0).unwrap()];
    assert_eq!(first.at.date, date(2026, 3, 30), "newest first");
    let count = |app: &mut ror_tui::app::App, q: &str| {
        press(app, "/ ctrl-u");
        type_text(app, q);
        press(app, "enter");
        app.interactions.rows.len()
    };
    assert_eq!(count(&mut app, "@ada"), 2);
    assert_eq!(count(&mut app, "ch:linkedin"), 2);
    assert_eq!(count(&mut app, "kind:call"), 1);
    assert_eq!(count(&mut app, "-"), 1);
    assert_eq!(count(&mut app, "@ada +"), 1);
    assert_eq!(count(&mut app, "export"), 1);
    // The contact's tag, organisation and source: Ada is tagged beta, Grace is at the Navy.
    assert_eq!(count(&mut app, "tag:beta"), 2);
    assert_eq!(count(&mut app, "org:navy"), 2);
    assert_eq!(count(&mut app, "tag:beta kind:support"), 1);
    assert_eq!(count(&mut app, "source:organic"), 5, "the default source");
    assert_eq!(count(&mut app, "source:referral"), 0);
    press(&mut app, "x");
    assert_eq!(app.interactions.rows.len(), 5);
    // S: positive only (0.6 and 0.4); the neutral call and the unscored email are left out.
    press(&mut app, "S");
    assert_eq!(app.interactions.rows.len(), 2);
    press(&mut app, "S S S");
    assert_eq!(app.interactions.rows.len(), 5);
}

/// Each letter typed narrows the rows already picked; every step, and every letter taken
/// back, lists exactly what the whole filter typed at once lists.
#[test]
fn filtering_letter_by_letter_lists_what_the_whole_filter_lists() {
    let rows_for = |q: &str| {
        let mut fresh = demo_app();
        press(&mut fresh, "l /");
        type_text(&mut fresh, q);
        (0..fresh.interactions.rows.len())
            .map(|r| fresh.interactions.rows.get(r).unwrap())
            .collect::<Vec<_>>()
    };
    let mut app = demo_app();
    press(&mut app, "l /");
    let query = "ch:e web -";
    let mut typed = String::new();
    let mut steps = Vec::new();
    for c in query.chars() {
        type_text(&mut app, &c.to_string());
        typed.push(c);
        steps.push(typed.clone());
        let rows: Vec<_> = (0..app.interactions.rows.len())
            .map(|r| app.interactions.rows.get(r).unwrap())
            .collect();
        assert_eq!(rows, rows_for(&typed), "after typing {typed:?}");
    }
    assert!(
        app.interactions.rows.len() < app.store.interactions.len(),
        "the filter picked some"
    );
    // Letters taken back widen the list again.
    for q in steps.iter().rev().skip(1).take(4) {
        press(&mut app, "backspace");
        let rows: Vec<_> = (0..app.interactions.rows.len())
            .map(|r| app.interactions.rows.get(r).unwrap())
            .collect();
        assert_eq!(rows, rows_for(q), "after taking back to {q:?}");
    }
}

#[test]
fn brackets_step_the_period_and_recompute_only_then() {
    let mut app = app_with(small_store());
    assert_eq!(app.period, PeriodSpec::Days(30));
    let before = app.computations;
    press(&mut app, "c j k j / a esc o tab ?");
    press(&mut app, "esc");
    assert_eq!(app.computations, before, "moving around recomputes nothing");
    press(&mut app, "]");
    assert_eq!(app.period, PeriodSpec::Days(90));
    assert_eq!(app.computations, before + 1);
    assert_eq!(app.dashboard().period.from, date(2026, 1, 1));
    press(&mut app, "] ] ]");
    assert_eq!(app.period, PeriodSpec::All);
    // All starts at the first interaction (Mar 2).
    assert_eq!(app.dashboard().period.from, date(2026, 3, 2));
    press(&mut app, "[ [ [ [ [ [");
    assert_eq!(app.period, PeriodSpec::Days(7));
    assert_eq!(app.dashboard().period.from, date(2026, 3, 25));
}

#[test]
fn the_dashboard_follows_the_period() {
    let mut app = app_with(small_store());
    // 30 days: 4 inbound interactions from Ada and Grace; 2 of 3 contacts active.
    let active = |app: &ror_tui::app::App| app.dashboard().tile("active_contacts").unwrap().value;
    assert_eq!(app.dashboard().engagement.interactions, 4);
    assert_eq!(active(&app), Some(2.0));
    // 7 days (Mar 25-31): Grace's call and referral only.
    press(&mut app, "[");
    assert_eq!(app.dashboard().engagement.interactions, 2);
    assert_eq!(active(&app), Some(1.0));
}

#[test]
fn standup_mode_steps_through_slides_and_records_the_figures() {
    let mut app = app_with(small_store());
    let fx = press(&mut app, "s");
    let st = app.standup.as_ref().expect("standup mode");
    assert_eq!(st.slide, 0);
    assert!(st.previous.is_none());
    assert_eq!(app.store.standups.len(), 1);
    let recorded = &app.store.standups[0];
    assert_eq!(recorded.date, AS_OF);
    assert_eq!(recorded.figures.get("active_contacts"), Some(&2.0));
    assert!(
        matches!(&fx[..], [Effect::Save(s)] if s.to.standups == app.store.standups),
        "the store is saved with the standup: {fx:?}"
    );
    press(
        &mut app,
        "right l space right right right right right right",
    );
    assert_eq!(
        app.standup.as_ref().unwrap().slide,
        7,
        "stops at the last slide"
    );
    assert_eq!(
        app.standup.as_ref().unwrap().current(),
        ror_tui::app::standup::Slide::Commitments
    );
    press(&mut app, "left h");
    assert_eq!(app.standup.as_ref().unwrap().slide, 5);
    // Global keys still work in standup mode; its own keys come first.
    press(&mut app, "]");
    assert_eq!(app.period, PeriodSpec::Days(90));
    press(&mut app, "esc");
    assert!(app.standup.is_none());
    assert_eq!(app.screen, Screen::Overview);
}

#[test]
fn a_second_standup_compares_with_the_last_one() {
    let mut store = small_store();
    let mut figures = BTreeMap::new();
    figures.insert("active_contacts".to_string(), 1.0);
    store
        .standups
        .push(Standup::new(date(2026, 3, 24), figures));
    let mut app = app_with(store);
    press(&mut app, "s");
    let st = app.standup.as_ref().unwrap();
    assert_eq!(st.previous.as_ref().unwrap().date, date(2026, 3, 24));
    assert_eq!(st.before("active_contacts"), Some(1.0));
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("since the standup of 2026-03-24"), "{text}");
    // Active went from 1 to 2: one up since the last standup.
    assert!(text.contains("▲ 1 since last standup"), "{text}");
    // Standing up twice the same day keeps one record for the day.
    press(&mut app, "esc s");
    assert_eq!(app.store.standups.len(), 2);
}

#[test]
fn the_demo_and_read_only_stores_are_never_written() {
    let mut app = demo_app();
    let n = app.store.standups.len();
    let fx = press(&mut app, "s");
    assert!(app.standup.is_some());
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.store.standups.len(), n);

    let mut app = app_with(small_store());
    app.mode.read_only = Some("another ror-tui has this store open".into());
    let fx = press(&mut app, "s");
    assert!(fx.is_empty());
    assert!(app.store.standups.is_empty());
}

#[test]
fn help_lists_the_keys_of_the_screen_and_holds_the_keyboard() {
    let mut app = app_with(small_store());
    press(&mut app, "c ?");
    let Some(Overlay::Help { contexts, .. }) = app.overlays.last() else {
        panic!("help is open");
    };
    let names: Vec<&str> = contexts.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["contacts", "list", "global"]);
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("Filter by name, handle, tag or organisation"),
        "{text}"
    );
    press(&mut app, "o");
    assert_eq!(app.screen, Screen::Contacts, "keys go to the help first");
    press(&mut app, "esc");
    assert!(app.overlays.is_empty());
    assert_eq!(app.screen, Screen::Contacts, "escape closed the help only");
}

#[test]
fn q_quits_and_ctrl_c_quits_from_anywhere() {
    let mut app = app_with(small_store());
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
    assert!(app.quit);

    let mut app = app_with(small_store());
    press(&mut app, "c /");
    type_text(&mut app, "ad");
    assert_eq!(press(&mut app, "ctrl-c"), [Effect::Quit]);

    let mut app = app_with(small_store());
    press(&mut app, "?");
    assert_eq!(press(&mut app, "ctrl-c"), [Effect::Quit]);
}

#[test]
fn a_failed_save_is_shown_until_the_next_one_succeeds() {
    let mut app = app_with(small_store());
    press(&mut app, "s esc");
    assert_eq!(app.saves_in_flight, 1);
    ror_tui::app::update(
        &mut app,
        ror_tui::app::Msg::Saved(ror_tui::app::SaveOutcome::Failed("the disk is full".into())),
    );
    assert_eq!(app.saves_in_flight, 0);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("not saved: the disk is full"), "{text}");
    assert!(text.contains("UNSAVED"), "{text}");
    press(&mut app, "c j");
    assert!(
        screen_text(&app, 80, 24).contains("not saved"),
        "a key press does not hide it"
    );
    // Quitting now asks first, and no means no.
    assert!(press(&mut app, "q").is_empty());
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    assert!(screen_text(&app, 80, 24).contains("Quit and lose them?"));
    assert!(press(&mut app, "n").is_empty());
    assert!(!app.quit);
    // Ctrl-S tries again with everything the file does not hold; success clears the warning.
    let fx = press(&mut app, "ctrl-s");
    let [Effect::Save(job)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        *job.to == *app.store && job.from.standups.is_empty(),
        "{fx:?}"
    );
    ror_tui::app::update(
        &mut app,
        ror_tui::app::Msg::Saved(ror_tui::app::SaveOutcome::Done(job.to.clone())),
    );
    let text = screen_text(&app, 80, 24);
    assert!(
        !text.contains("not saved") && !text.contains("UNSAVED"),
        "{text}"
    );
    assert_eq!(press(&mut app, "q"), [Effect::Quit]);
}

#[test]
fn changes_in_the_demo_stay_in_memory_and_say_so() {
    let mut app = demo_app();
    let version = app.store_version;
    app.store_mut().contacts[0].name = "Renamed".into();
    assert_eq!(app.commit("the contact"), None);
    assert_eq!(
        app.store_version,
        version + 1,
        "the figures follow the change"
    );
    let text = screen_text(&app, 120, 40);
    assert!(
        text.contains("demo: the contact kept in memory only"),
        "{text}"
    );
}

#[test]
fn follow_ups_list_negative_feedback_and_open_the_contact() {
    let mut app = app_with(small_store());
    press(&mut app, "f");
    // Ada's support request (Mar 20, −0.5) has had no answer.
    assert_eq!(app.dashboard().negative.len(), 1);
    press(&mut app, "tab enter");
    assert_eq!(app.screen, Screen::Contact);
    let page = app.contact.as_ref().unwrap();
    assert_eq!(app.store.contacts[page.index].name, "Ada Lovelace");
}

/// What another program wrote: the store the app last saved, with its first contact renamed.
fn renamed_on_disk(app: &ror_tui::app::App, name: &str) -> ror_tui::app::Theirs {
    let mut s = (*app.on_disk).clone();
    s.contacts[0].name = name.into();
    ror_tui::app::Theirs {
        lines: ror_tui::store::diff(&app.on_disk, &s, None),
        store: std::sync::Arc::new(s),
    }
}

#[test]
fn a_change_by_another_program_is_taken_at_once_when_nothing_here_is_unsaved() {
    let mut app = app_with(small_store());
    press(&mut app, "c");
    let theirs = renamed_on_disk(&app, "Ada King");
    let fx = ror_tui::app::update(&mut app, ror_tui::app::Msg::StoreChanged(Ok(theirs)));
    assert_eq!(fx, [], "nothing to write back");
    assert_eq!(app.store.contacts[0].name, "Ada King");
    assert!(std::sync::Arc::ptr_eq(&app.store, &app.on_disk));
    assert!(
        names(&app).contains(&"Ada King".to_string()),
        "the lists follow"
    );
    assert!(screen_text(&app, 80, 24).contains("1 change from another program"));
}

#[test]
fn changes_here_and_elsewhere_are_merged_and_a_field_changed_on_both_sides_is_asked_about() {
    let mut app = app_with(small_store());
    // An edit here that the file does not hold yet (its save is on its way).
    app.store_mut().contacts[0].email = Some("ada@here.example".into());
    app.store_mut().contacts[1].name = "Grace B. Hopper".into();
    let sent = app.commit("the contact");
    assert!(matches!(sent, Some(Effect::Save(_))));
    // Meanwhile another program renamed Ada, and Grace too.
    let mut s = (*app.on_disk).clone();
    s.contacts[0].name = "Ada King".into();
    s.contacts[1].name = "Grace Hopper (Navy)".into();
    let theirs = ror_tui::app::Theirs {
        lines: ror_tui::store::diff(&app.on_disk, &s, None),
        store: std::sync::Arc::new(s),
    };
    let fx = ror_tui::app::update(
        &mut app,
        ror_tui::app::Msg::StoreChanged(Ok(theirs.clone())),
    );
    // Their rename and our email are both kept, and saved on top of their file.
    assert_eq!(app.store.contacts[0].name, "Ada King");
    assert_eq!(
        app.store.contacts[0].email.as_deref(),
        Some("ada@here.example")
    );
    let [Effect::Save(job)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        std::sync::Arc::ptr_eq(&job.from, &theirs.store),
        "built on their file"
    );
    // Grace's name changed on both sides: ours is kept for now, and the user is asked.
    assert_eq!(app.store.contacts[1].name, "Grace B. Hopper");
    assert!(screen_text(&app, 120, 30).contains("Changed on both sides"));
    let Some(Overlay::Confirm(question)) = app.overlays.last() else {
        panic!("a question")
    };
    assert!(
        question.message.contains(
            "name: another program set \"Grace Hopper (Navy)\", you set \"Grace B. Hopper\""
        ),
        "{}",
        question.message
    );
    // The earlier save never reaches the file; the worker reports it as stale.
    ror_tui::app::update(
        &mut app,
        ror_tui::app::Msg::Saved(ror_tui::app::SaveOutcome::Stale),
    );
    let fx = press(&mut app, "y");
    assert_eq!(app.store.contacts[1].name, "Grace Hopper (Navy)");
    assert!(matches!(&fx[..], [Effect::Save(_)]), "{fx:?}");
    assert!(app.overlays.is_empty());
    // Taking theirs is an edit like any other: undone with u.
    press(&mut app, "u");
    assert_eq!(app.store.contacts[1].name, "Grace B. Hopper");
}

/// `F` narrows every figure to a segment picked by typing part of its name: the figures are
/// those of the store with everyone else left out (as `report --segment` computes them), the
/// header says which segment is shown, and a standup of a segment is not recorded.
#[test]
fn f_picks_a_segment_and_every_figure_follows_it() {
    let mut app = app_with(small_store());
    let active = |app: &ror_tui::app::App| app.dashboard().tile("active_contacts").unwrap().value;
    assert_eq!(active(&app), Some(2.0));
    press(&mut app, "F");
    assert!(matches!(app.overlays.last(), Some(Overlay::Segment(_))));
    let picker = screen_text(&app, 80, 24);
    assert!(picker.contains("tag:beta"), "{picker}");
    assert!(picker.contains("org:Navy"), "{picker}");
    // A half-typed name is enough; Tab takes the match like Enter.
    type_text(&mut app, "bet");
    press(&mut app, "tab");
    assert!(app.overlays.is_empty());
    assert_eq!(app.segment.label(), "tag:beta");
    // Ada alone: her two forum posts this month.
    assert_eq!(active(&app), Some(1.0));
    assert_eq!(app.dashboard().engagement.interactions, 2);
    let store = ror_tui::metrics::Segment(vec!["tag:beta".parse().unwrap()]).apply(&app.store);
    let ix = ror_tui::metrics::Index::new(&store);
    let want = ror_tui::metrics::compute(&ix, AS_OF, &app.period);
    let shown = app.dashboard().tile("ror_index").unwrap().value;
    assert!(shown.is_some());
    assert_eq!(shown, want.current.figures.ror_index.value());
    let screen = screen_text(&app, 80, 24);
    assert!(
        screen.lines().next().unwrap().contains("tag:beta"),
        "{screen}"
    );
    // The period switch keeps the segment.
    press(&mut app, "[");
    assert_eq!(app.segment.label(), "tag:beta");

    // A standup of a segment is shown, not recorded.
    let fx = press(&mut app, "s");
    assert!(fx.is_empty(), "{fx:?}");
    assert!(app.store.standups.is_empty());
    assert!(screen_text(&app, 120, 40).contains("not recorded (figures for a segment)"));
    press(&mut app, "esc");

    // Esc keeps the segment in force; picking everyone shows the whole community again.
    press(&mut app, "F esc");
    assert_eq!(app.segment.label(), "tag:beta");
    press(&mut app, "F");
    type_text(&mut app, "every");
    press(&mut app, "enter");
    assert!(app.segment.is_everyone());
    press(&mut app, "]");
    assert_eq!(active(&app), Some(2.0));
}

/// A survey's NPS, a review's rating and a purchase's value show in the log's row, before the
/// note: there is no column for them.
#[test]
fn the_log_row_shows_nps_rating_and_value() {
    let mut store = small_store();
    let grace = store.contacts[1].id;
    let survey = interaction(
        &mut store,
        grace,
        date(2026, 3, 31),
        "email",
        ror_tui::store::Kind::Survey,
        "easy to use",
        None,
    );
    store
        .interactions
        .iter_mut()
        .find(|x| x.id == survey)
        .unwrap()
        .nps = Some(9);
    let mut app = app_with(store);
    press(&mut app, "l");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("NPS 9 · easy to use"), "{screen}");
}

/// The Follow-ups tab's count is the number of items its screen lists, in its three lists.
#[test]
fn the_follow_ups_tab_counts_what_its_screen_lists() {
    let mut app = demo_app();
    let tab = screen_text(&app, 120, 40);
    let count: usize = tab
        .lines()
        .nth(1)
        .and_then(|l| l.split("Follow-ups").nth(1))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("a count on the tab");
    press(&mut app, "f");
    let screen = screen_text(&app, 120, 40);
    let listed = |label: &str| -> usize {
        screen
            .lines()
            .find_map(|l| {
                let at = l.find(label)?;
                l[at + label.len()..]
                    .split_whitespace()
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or_else(|| panic!("no `{label}` count on screen:\n{screen}"))
    };
    let on_screen = listed("Stay in touch ") + listed("Negative feedback ") + listed("Not scored ");
    assert_eq!(count, on_screen, "{tab}\n{screen}");
    assert!(count > 0);
}

/// The Value and Channels screens are one key away and name what a standup looks for.
#[test]
fn value_and_channels_screens_show_their_figures() {
    let mut app = demo_app();
    press(&mut app, "v");
    assert_eq!(app.screen, Screen::Value);
    let value = screen_text(&app, 120, 40);
    for label in [
        "CLV",
        "CAC",
        "CLV:CAC",
        "AOV",
        "Repeat rate",
        "Ledger",
        "Gift impact",
        "Invested",
    ] {
        assert!(
            value.contains(label),
            "`{label}` on the Value screen:\n{value}"
        );
    }
    // The ledger's order: best net first, R puts the worst first, t groups by tag.
    let first = app.value.rows(&app.dashboard().value)[0].net;
    press(&mut app, "R");
    let worst = app.value.rows(&app.dashboard().value)[0].net;
    assert!(worst <= first);
    press(&mut app, "t");
    assert!(screen_text(&app, 120, 40).contains("Ledger by tag"));
    press(&mut app, "h");
    assert_eq!(app.screen, Screen::Channels);
    let channels = screen_text(&app, 120, 40);
    for label in [
        "Open rate",
        "Click rate",
        "Visits",
        "Returning",
        "Organic sharing",
        "Growth",
        "Share",
    ] {
        assert!(
            channels.contains(label),
            "`{label}` on the Channels screen:\n{channels}"
        );
    }
    let shares: u64 = app.dashboard().channels.rows.iter().map(|r| r.share).sum();
    assert_eq!(shares, 100, "the channels' shares of one whole add to 100");
    // The growth line ends on the members the Churn pane counts on the same day.
    let last = app.dashboard().channels.growth.last().unwrap().4;
    assert_eq!(last, app.dashboard().churn.active as i64);
}

/// The Advocates screen shows the Orbit levels with their counts, the movers, and a referral
/// tree one can move in, fold, and open a contact from.
#[test]
fn the_advocates_screen_has_orbit_levels_movers_and_a_referral_tree() {
    let mut app = demo_app();
    press(&mut app, "4 enter");
    let screen = screen_text(&app, 120, 40);
    let levels = app.dashboard().orbit.levels;
    for (i, n) in levels.iter().enumerate() {
        let label = format!("Orbit {}", i + 1);
        let row = screen
            .lines()
            .find(|l| l.contains(&label))
            .unwrap_or_else(|| panic!("{label}:\n{screen}"));
        assert!(row.contains(&format!(" {n}")), "{label} shows {n}: {row}");
    }
    assert!(screen.contains("Movers"), "{screen}");
    assert!(screen.contains("Referral tree"), "{screen}");
    // r: the tree has the keys; space folds the first referrer's branch away.
    press(&mut app, "r");
    assert!(app.tree.focused);
    let all = app.dashboard().orbit.visible(&app.tree.collapsed).len();
    let first = app.dashboard().orbit.referrals[0].clone();
    assert!(first.descendants > 0);
    press(&mut app, "space");
    let folded = app.dashboard().orbit.visible(&app.tree.collapsed).len();
    assert_eq!(folded, all - first.descendants as usize);
    press(&mut app, "space");
    assert_eq!(
        app.dashboard().orbit.visible(&app.tree.collapsed).len(),
        all
    );
    // Enter opens the selected person's page.
    press(&mut app, "j enter");
    assert_eq!(app.screen, Screen::Contact);
    let second = &app.dashboard().orbit.referrals[1];
    assert_eq!(app.contact.as_ref().unwrap().id, second.contact);
}

/// A bucket the period cuts short is marked, and the chart's axis names dates at 80x24: with
/// the period ending on Tuesday 31 March, the week of Monday 30 March holds two days.
#[test]
fn a_cut_short_bucket_is_marked_and_the_axis_has_dates_at_80x24() {
    let app = demo_app();
    let e = &app.dashboard().engagement;
    assert_eq!(e.partial.len(), e.series.len());
    assert!(
        e.partial.last().copied().unwrap(),
        "the last week is cut short"
    );
    assert!(
        !e.partial[..e.partial.len() - 1].iter().any(|p| *p),
        "the others are whole"
    );
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Mar 30*"), "{screen}");
    assert!(
        screen.contains("Mar 2"),
        "the first week named too: {screen}"
    );
}

/// Cohorts leave out months nobody first came in, and mark the as-of month's cells.
#[test]
fn cohorts_skip_empty_months_and_mark_the_month_so_far() {
    let mut app = app_with(small_store());
    press(&mut app, "C");
    assert!(app.dashboard().cohorts.iter().all(|c| c.size > 0));
    let screen = screen_text(&app, 100, 30);
    assert!(
        !screen.contains("2025-04"),
        "an empty month is not listed: {screen}"
    );
    // 31 March is the month's last day: nothing is cut short.
    assert!(!screen.contains("2026-03*"), "{screen}");
}

/// With `all`, every cohort since the first activity is listed, not only the last twelve.
#[test]
fn all_time_lists_every_cohort() {
    let mut app = demo_app();
    press(&mut app, "C");
    let twelve = app.dashboard().cohorts.len();
    assert!(twelve <= 12);
    press(&mut app, "] ] ]"); // 30d → 90d → 365d → all
    assert_eq!(app.period, PeriodSpec::All);
    let all = app.dashboard().cohorts.len();
    assert!(all > twelve, "{all} cohorts with all, {twelve} with 30d");
    // Scrolling reaches the last.
    for _ in 0..all {
        press(&mut app, "j");
    }
    assert_eq!(app.cohorts_scroll, all - 1);
}
