//! Forms inside the dashboard, driven by keys as a user presses them: opening each form from
//! where it belongs, saving into the store (and to disk), validation that keeps what was typed,
//! and the questions asked before anything typed is thrown away.

mod support_dash;

use jiff::civil::date;
use ror_tui::app::{App, Effect, Msg, Overlay, Screen, update};
use ror_tui::forms::log::{CHANNEL, CONTACT, KIND, NOTE};
use ror_tui::forms::{ActiveForm, FormSpec};
use ror_tui::store::{Direction, Kind, Moment, SentimentSource};
use support_dash::*;

fn log_form(app: &App) -> &ror_tui::forms::LogForm {
    match app.form() {
        Some(ActiveForm::Log(f)) => f,
        other => panic!("expected the log form, found {other:?}"),
    }
}

fn saves(fx: &[Effect]) -> Vec<&ror_tui::store::Store> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save(s) => Some(s.to.as_ref()),
            _ => None,
        })
        .collect()
}

fn ada(app: &App) -> uuid::Uuid {
    app.store
        .contacts
        .iter()
        .find(|c| c.name == "Ada Lovelace")
        .unwrap()
        .id
}

#[test]
fn logging_a_call_saves_it_and_the_dashboard_shows_it_at_once() {
    let mut app = app_with(small_store());
    press(&mut app, "l");
    let rows_before = app.interactions.rows.len();
    let computed = app.computations;
    press(&mut app, "a");
    assert_eq!(log_form(&app).form().focused_key(), CONTACT);
    type_text(&mut app, "ada");
    press(&mut app, "enter"); // the highlighted match, Ada Lovelace; focus moves on to Kind
    assert_eq!(log_form(&app).form().focused_key(), KIND);
    type_text(&mut app, "cal"); // type-ahead: call
    press(&mut app, "tab"); // Channel, prefilled with Ada's own last one (forum, 20 March)
    assert_eq!(log_form(&app).form().field(CHANNEL).text(), "forum");
    press(&mut app, "tab tab tab"); // Date, Direction, Note
    assert_eq!(log_form(&app).form().focused_key(), NOTE);
    type_text(&mut app, "Loved the webinar");
    let fx = press(&mut app, "ctrl-s");

    assert!(app.overlays.is_empty(), "the form closes once saved");
    assert_eq!(app.store.interactions.len(), 6);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.note == "Loved the webinar")
        .expect("the new interaction is in the store");
    assert_eq!(x.contact, ada(&app));
    assert_eq!((x.kind, x.channel.as_str()), (Kind::Call, "forum"));
    // No clock in tests: a dashboard pinned to 31 March logs at noon that day.
    assert_eq!(x.at, Moment::at(date(2026, 3, 31).at(12, 0, 0, 0)));
    assert_eq!(x.direction, Direction::Inbound);
    let s = x.sentiment.expect("a note is scored");
    assert_eq!(s.source, SentimentSource::Auto);
    assert_eq!(
        Some(s.score),
        ror_tui::sentiment::score_text("Loved the webinar")
    );
    // Written to disk: the effect carries the store with the new interaction in it.
    let written = saves(&fx);
    assert_eq!(written.len(), 1);
    assert_eq!(written[0], &*app.store);
    // The figures followed: the log lists one more row, recomputed once.
    assert_eq!(app.interactions.rows.len(), rows_before + 1);
    assert_eq!(app.computations, computed + 1);
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .1
            .contains("logged call with Ada Lovelace")
    );
}

#[test]
fn a_log_started_from_a_contact_has_that_contact_chosen() {
    let mut app = app_with(small_store());
    press(&mut app, "c"); // Grace first (last touch 30 March)
    press(&mut app, "a");
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "Grace Hopper");
    assert_eq!(
        log_form(&app).form().focused_key(),
        KIND,
        "straight to the kind"
    );
    press(&mut app, "esc"); // nothing typed: closes without asking
    assert!(app.overlays.is_empty());

    press(&mut app, "G enter"); // Ada's page
    assert_eq!(app.screen, Screen::Contact);
    press(&mut app, "a");
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "Ada Lovelace");

    // Elsewhere the contact is left to choose.
    press(&mut app, "esc o a");
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "");
}

#[test]
fn saving_with_a_mistake_keeps_everything_typed_and_writes_nothing() {
    let mut app = app_with(small_store());
    let before = (*app.store).clone();
    press(&mut app, "a");
    type_text(&mut app, "ada");
    press(&mut app, "enter tab ctrl-u"); // channel emptied
    press(&mut app, "tab tab tab");
    type_text(&mut app, "The export works now");
    let fx = press(&mut app, "ctrl-s");
    assert!(saves(&fx).is_empty());
    assert_eq!(*app.store, before);
    let f = log_form(&app).form();
    assert_eq!(f.focused_key(), CHANNEL, "focus goes to the field to fix");
    assert!(f.field(CHANNEL).error.is_some());
    assert_eq!(f.field(NOTE).text(), "The export works now");
    assert_eq!(f.field(CONTACT).text(), "Ada Lovelace");
    // Fixing it and saving again works.
    type_text(&mut app, "forum");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.interactions.len(), 6);
}

#[test]
fn escape_and_quit_ask_before_dropping_typed_input() {
    let mut app = app_with(small_store());
    press(&mut app, "a");
    type_text(&mut app, "Zed q"); // q is text in a form, not quit
    assert!(!app.quit);
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "Zed q");
    press(&mut app, "esc");
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    press(&mut app, "n");
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "Zed q", "kept");

    let fx = press(&mut app, "ctrl-q");
    assert!(fx.is_empty() && !app.quit, "quitting asks first");
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    press(&mut app, "esc");
    assert!(app.form().is_some());

    press(&mut app, "esc y");
    assert!(app.overlays.is_empty(), "discarded");
    assert_eq!(*app.store, small_store_with_ids(&app));
    let fx = press(&mut app, "q");
    assert_eq!(
        fx,
        vec![Effect::Quit],
        "nothing left to lose: q quits at once"
    );
}

/// The store as the test built it (ids are random, so compare what a save would change).
fn small_store_with_ids(app: &App) -> ror_tui::store::Store {
    assert_eq!(app.store.interactions.len(), 5);
    assert_eq!(app.store.contacts.len(), 3);
    (*app.store).clone()
}

#[test]
fn a_paste_goes_into_the_focused_field() {
    let mut app = app_with(small_store());
    press(&mut app, "a");
    update(&mut app, Msg::Paste("Grace\x1b[31m".into()));
    // Escape sequences never reach a field.
    assert_eq!(log_form(&app).form().field(CONTACT).text(), "Grace");
}

#[test]
fn a_failed_save_keeps_the_record_and_ctrl_s_retries() {
    let mut app = app_with(small_store());
    press(&mut app, "a");
    type_text(&mut app, "ada");
    press(&mut app, "enter ctrl-s");
    assert_eq!(app.store.interactions.len(), 6);
    update(
        &mut app,
        Msg::Saved(ror_tui::app::SaveOutcome::Failed("disk full".into())),
    );
    assert_eq!(app.store.interactions.len(), 6, "still in memory");
    let (_, msg) = app.status.clone().unwrap();
    assert!(
        msg.contains("disk full") && msg.contains("retries"),
        "{msg}"
    );
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(saves(&fx)[0].interactions.len(), 6);
    let Some(Effect::Save(job)) = fx.into_iter().find(|e| matches!(e, Effect::Save(_))) else {
        unreachable!()
    };
    update(
        &mut app,
        Msg::Saved(ror_tui::app::SaveOutcome::Done(job.to)),
    );
    assert_eq!(app.unsaved, None);
}

#[test]
fn in_the_demo_a_log_stays_in_memory() {
    let mut app = demo_app();
    let n = app.store.interactions.len();
    press(&mut app, "a");
    type_text(&mut app, "zzz new person");
    let fx = press(&mut app, "enter ctrl-s");
    assert!(saves(&fx).is_empty());
    assert_eq!(app.store.interactions.len(), n + 1);
    assert!(app.status.as_ref().unwrap().1.contains("memory only"));
}

#[test]
fn quick_log_saves_the_previewed_line() {
    let mut app = app_with(small_store());
    press(&mut app, ":");
    assert!(matches!(app.form(), Some(ActiveForm::Quick(_))));
    type_text(&mut app, r#"@ada call linkedin "loved the webinar" +1"#);
    let Some(ActiveForm::Quick(q)) = app.form() else {
        unreachable!()
    };
    let preview = q.preview().expect("the line parses");
    assert!(preview.contains("Ada Lovelace"), "{preview}");
    let fx = press(&mut app, "enter");
    assert_eq!(saves(&fx).len(), 1);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.note == "loved the webinar");
    let x = x.expect("saved");
    assert_eq!((x.contact, x.kind), (ada(&app), Kind::Call));
    assert_eq!(
        x.sentiment.map(|s| (s.score, s.source)),
        Some((1.0, SentimentSource::Manual))
    );
}

#[test]
fn contacts_are_added_with_n_and_edited_with_e() {
    let mut app = app_with(small_store());
    press(&mut app, "n");
    type_text(&mut app, "Barbara Liskov");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert!(
        app.store
            .contacts
            .iter()
            .any(|c| c.name == "Barbara Liskov")
    );
    assert_eq!(app.store.contacts.len(), 4);

    press(&mut app, "c G"); // the contacts list, last row
    let id = app.store.contacts[app.contacts.rows[app.contacts.list.selected]].id;
    press(&mut app, "e");
    let Some(ActiveForm::Contact(f)) = app.form() else {
        panic!("the contact form")
    };
    let old = f.form().field("name").text();
    press(&mut app, "ctrl-u");
    type_text(&mut app, "Renamed Person");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.contacts.len(), 4, "edited, not added");
    let c = app.store.contacts.iter().find(|c| c.id == id).unwrap();
    assert_eq!(c.name, "Renamed Person");
    assert!(!app.store.contacts.iter().any(|c| c.name == old));
}

#[test]
fn e_with_no_contact_in_view_says_so() {
    let mut app = app_with(small_store());
    press(&mut app, "c / z z z enter"); // a filter that matches no one
    assert!(app.contacts.rows.is_empty());
    press(&mut app, "e");
    assert!(app.overlays.is_empty());
    assert!(app.status.as_ref().unwrap().1.contains("no contact"));
}

#[test]
fn investments_are_recorded_with_i() {
    let mut app = app_with(small_store());
    press(&mut app, "i");
    assert!(matches!(app.form(), Some(ActiveForm::Investment(_))));
    press(&mut app, "tab"); // kind (gift first) → amount
    type_text(&mut app, "49.99");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(app.store.investments.len(), 1);
    assert_eq!(app.store.investments[0].amount.cents(), 4999);
}

#[test]
fn the_hint_bar_and_help_show_the_form_keys() {
    let mut app = app_with(small_store());
    press(&mut app, "a");
    let text = screen_text(&app, 80, 24);
    let last = text.lines().last().unwrap();
    assert!(last.contains("save") && last.contains("cancel"), "{last}");
    press(&mut app, "f1");
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Save the record"), "{text}");
    press(&mut app, "esc");
    assert!(app.form().is_some(), "closing help returns to the form");
}

/// One rule for the direction everywhere: what is ours by nature (an email we sent, a gift we
/// gave) is outbound unless said otherwise, in the form and on the quick-log line as in
/// `ror-tui log` and import.
#[test]
fn kinds_that_are_ours_default_to_outbound_in_every_way_in() {
    let mut app = app_with(small_store());
    press(&mut app, ":");
    type_text(&mut app, r#"@ada email_sent email "newsletter""#);
    press(&mut app, "enter");
    press(&mut app, ":");
    type_text(&mut app, r#"@ada gift post "swag box""#);
    press(&mut app, "enter");
    press(&mut app, ":");
    type_text(&mut app, r#"@ada gift post in "a gift she sent us""#);
    press(&mut app, "enter");
    let dir = |note: &str| {
        app.store
            .interactions
            .iter()
            .find(|x| x.note == note)
            .unwrap_or_else(|| panic!("{note} saved"))
            .direction
    };
    assert_eq!(dir("newsletter"), Direction::Outbound);
    assert_eq!(dir("swag box"), Direction::Outbound);
    assert_eq!(
        dir("a gift she sent us"),
        Direction::Inbound,
        "said otherwise"
    );

    // The form: choosing email_sent turns the direction to outbound, a message back to inbound;
    // a direction set by hand is left alone.
    press(&mut app, "a");
    type_text(&mut app, "ada");
    press(&mut app, "enter");
    type_text(&mut app, "email_s");
    let direction = |app: &App| log_form(app).form().field("direction").text();
    press(&mut app, "tab");
    assert_eq!(direction(&app), "outbound");
    press(&mut app, "shift-tab");
    type_text(&mut app, "mes");
    press(&mut app, "tab");
    assert_eq!(direction(&app), "inbound");
    press(&mut app, "tab tab"); // from Channel: Date, Direction
    type_text(&mut app, "out");
    assert_eq!(direction(&app), "outbound");
    press(&mut app, "shift-tab shift-tab shift-tab"); // back to Kind
    type_text(&mut app, "cal");
    press(&mut app, "tab");
    assert_eq!(log_form(&app).kind(), Kind::Call);
    assert_eq!(direction(&app), "outbound", "set by hand, kept");
}

/// The quick-log grammar can be found where it is needed: `?` on the empty line, F1 anywhere on
/// it; a `?` in what is being typed is just a character.
#[test]
fn the_quick_log_grammar_is_shown_on_question_mark_and_f1() {
    let mut app = app_with(small_store());
    press(&mut app, ":");
    type_text(&mut app, "?");
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    let screen = screen_text(&app, 120, 40);
    for part in [
        "Quick log: words in any order",
        "nps:9",
        "$120",
        "yesterday 16:00",
        "+0.5",
        "-14d",
    ] {
        assert!(screen.contains(part), "{part} in:\n{screen}");
    }
    press(&mut app, "esc");
    assert!(matches!(app.form(), Some(ActiveForm::Quick(_))));
    type_text(&mut app, r#"@ada call "is it ok?"#);
    let Some(ActiveForm::Quick(q)) = app.form() else {
        unreachable!()
    };
    assert_eq!(q.input().text(), r#"@ada call "is it ok?"#);
    press(&mut app, "f1");
    assert!(screen_text(&app, 80, 24).contains("Quick log: words in any order"));
}

/// A misspelt name on the quick-log line makes no contact: Enter saves nothing until a row is
/// chosen from the closest contacts (or the new contact, chosen on purpose).
#[test]
fn a_misspelt_quick_log_name_saves_nothing_until_a_choice_is_made() {
    let mut app = app_with(small_store());
    let before = (app.store.contacts.len(), app.store.interactions.len());
    press(&mut app, ":");
    type_text(&mut app, r#"@grcae message slack "thanks""#);
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("no contact is `grcae`"), "{screen}");
    assert!(screen.contains("Grace Hopper"), "{screen}");
    assert!(screen.contains("new contact “grcae”"), "{screen}");
    let fx = press(&mut app, "enter");
    assert!(saves(&fx).is_empty(), "nothing saved without a choice");
    assert_eq!(
        (app.store.contacts.len(), app.store.interactions.len()),
        before
    );
    assert!(matches!(app.form(), Some(ActiveForm::Quick(_))));
    let fx = press(&mut app, "down enter"); // the closest: Grace Hopper
    assert_eq!(saves(&fx).len(), 1);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.note == "thanks")
        .unwrap();
    let grace = app
        .store
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    assert_eq!(x.contact, grace.id);
    assert_eq!(app.store.contacts.len(), before.0, "no contact made");

    // Someone new is made only when chosen: the last row.
    press(&mut app, ":");
    type_text(&mut app, "@zed message discord");
    press(&mut app, "up enter");
    assert!(app.store.contacts.iter().any(|c| c.name == "zed"));
}

/// The channel starts on the chosen contact's own last channel, shown selected: typing replaces
/// it (it used to be appended to), Tab takes the suggestion shown after what was typed, and a
/// channel nobody used before is asked about once. The date's `now` is typed over the same way.
#[test]
fn prefilled_fields_are_typed_over_and_tab_takes_the_suggestion() {
    let mut app = app_with(small_store());
    let channel = |app: &App| log_form(app).form().field(CHANNEL).text();
    press(&mut app, "a");
    type_text(&mut app, "grace");
    press(&mut app, "enter"); // Grace Hopper; on to Kind
    press(&mut app, "tab");
    assert_eq!(channel(&app), "linkedin", "Grace's own last channel");
    type_text(&mut app, "em");
    assert_eq!(
        channel(&app),
        "em",
        "typing replaced the pre-filled channel"
    );
    press(&mut app, "tab"); // takes the suggestion: email
    assert_eq!(channel(&app), "email");
    assert_eq!(log_form(&app).form().focused_key(), "date");
    type_text(&mut app, "-2d");
    assert_eq!(log_form(&app).form().field("date").text(), "-2d");

    // A new channel: asked once, kept when saved again.
    press(&mut app, "shift-tab ctrl-u"); // back to the channel, cleared
    type_text(&mut app, "mastodon");
    let fx = press(&mut app, "ctrl-s");
    assert!(saves(&fx).is_empty(), "asked first");
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("new channel `mastodon`"), "{screen}");
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1);
    let x = app
        .store
        .interactions
        .iter()
        .find(|x| x.channel == "mastodon");
    let grace = app
        .store
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    assert_eq!(x.map(|x| x.contact), Some(grace.id));
}

/// A note holds at most 100,000 bytes in every way in: a file pasted into the note by mistake
/// goes in only as far as that (so the editor stays quick), and a longer one is refused.
#[test]
fn a_note_is_capped_in_every_way_in() {
    let max = ror_tui::store::MAX_NOTE_BYTES;
    let mut app = app_with(small_store());
    press(&mut app, "a");
    type_text(&mut app, "ada");
    press(&mut app, "enter");
    type_text(&mut app, "mes");
    press(&mut app, "tab tab tab tab"); // Channel, Date, Direction, Note
    assert_eq!(log_form(&app).form().focused_key(), NOTE);
    update(&mut app, Msg::Paste("é".repeat(max))); // 200,000 bytes
    let typed = log_form(&app).form().field(NOTE).text();
    assert_eq!(
        typed.len(),
        max,
        "cut at the limit, on a character boundary"
    );
    let fx = press(&mut app, "ctrl-s");
    assert_eq!(saves(&fx).len(), 1, "a note at the limit is saved");

    press(&mut app, ":");
    update(
        &mut app,
        Msg::Paste(format!("@ada message slack \"{}\"", "x".repeat(max + 1))),
    );
    let Some(ActiveForm::Quick(q)) = app.form() else {
        unreachable!()
    };
    let said = q.preview().unwrap_err();
    assert!(said.contains("a note holds at most 100,000"), "{said}");
}

/// The key counts docs/KEYS.md gives for logging "Ada replied on LinkedIn, positive" are what it
/// takes: each sequence, pressed as listed, saves that record.
#[test]
fn the_documented_keystrokes_log_the_reply() {
    for (what, keys) in ror_tui::app::keymap::KEYSTROKES {
        let mut store = small_store();
        let ada = store.contacts[0].id;
        interaction(
            &mut store,
            ada,
            date(2026, 3, 29),
            "linkedin",
            Kind::Comment,
            "",
            None,
        );
        store.sort_canonical();
        let mut app = app_with(store);
        let before = app.store.interactions.len();
        let old: Vec<uuid::Uuid> = app.store.interactions.iter().map(|x| x.id).collect();
        let mut fx = Vec::new();
        for k in *keys {
            fx.extend(press(&mut app, k));
        }
        assert_eq!(saves(&fx).len(), 1, "{what}: one save");
        assert_eq!(app.store.interactions.len(), before + 1, "{what}");
        let x = app
            .store
            .interactions
            .iter()
            .find(|x| !old.contains(&x.id))
            .unwrap_or_else(|| panic!("{what}: nothing new"));
        assert_eq!(x.contact, ada, "{what}");
        assert_eq!(x.kind, Kind::Message, "{what}");
        assert_eq!(x.channel, "linkedin", "{what}");
        assert_eq!(x.direction, Direction::Inbound, "{what}");
        let s = x.sentiment.expect("scored by hand");
        assert!(
            s.score > 0.0 && s.source == SentimentSource::Manual,
            "{what}"
        );
        assert!(keys.len() <= 12, "{what}: {} keys", keys.len());
    }
}

/// A form taller than the terminal scrolls to the focused field: at 60x15 the contact form's
/// Notes, below the fold, comes into view when Tab reaches it, with what is typed there.
#[test]
fn a_form_taller_than_the_terminal_scrolls_to_the_focused_field() {
    let mut app = app_with(small_store());
    press(&mut app, "n");
    type_text(&mut app, "Zed");
    let screen = screen_text(&app, 60, 15);
    assert!(
        !screen.contains("Notes"),
        "below the fold at first: {screen}"
    );
    for _ in 0..10 {
        press(&mut app, "tab");
    }
    type_text(&mut app, "met at the meetup");
    let screen = screen_text(&app, 60, 15);
    assert!(screen.contains("› Notes"), "{screen}");
    assert!(screen.contains("met at the meetup"), "{screen}");
    assert!(screen.contains("Ctrl-S save"), "the footer stays: {screen}");
}
