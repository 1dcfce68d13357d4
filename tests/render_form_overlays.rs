//! The forms as they appear over the dashboard (demo store, fixed date and time), at 80x24 and
//! 120x40: empty, filled, with validation errors, the quick-log preview, the contact and
//! investment forms, and the question asked before typed input is dropped.

mod support_dash;

use ror_tui::app::App;
use support_dash::*;

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen_text(app, w, h));
    }
}

/// The demo at 31 March 2026, 09:30, after `keys`, then `text` typed.
fn demo_with(keys: &str, text: &str) -> App {
    let mut app = demo_app();
    app.now = Some(AS_OF.at(9, 30, 0, 0));
    press(&mut app, keys);
    type_text(&mut app, text);
    app
}

#[test]
fn log_form_empty_over_the_overview() {
    snap("form_log_empty", &demo_with("a", ""));
}

#[test]
fn log_form_filled_from_a_contact_page() {
    // The contact page of the first contact by name; the note scored live as it is typed.
    let mut app = demo_with("c S S S S enter a", "cal");
    press(&mut app, "tab tab tab tab");
    type_text(&mut app, "Thanks, the workshop was great");
    snap("form_log_filled", &app);
}

#[test]
fn log_form_with_errors_keeps_what_was_typed() {
    let mut app = demo_with("a", "");
    press(&mut app, "tab tab ctrl-u tab ctrl-u");
    type_text(&mut app, "next friday");
    press(&mut app, "ctrl-s");
    snap("form_log_errors", &app);
}

#[test]
fn quick_log_preview() {
    let app = demo_with(":", r#"@nobody-here call linkedin "loved the webinar" +1"#);
    snap("form_quick_preview", &app);
}

#[test]
fn contact_and_investment_forms() {
    snap("form_contact_new", &demo_with("n", "Barbara Liskov"));
    snap("form_investment", &demo_with("i", ""));
}

#[test]
fn discard_question_over_a_form() {
    let mut app = demo_with("a", "someone");
    press(&mut app, "esc");
    snap("form_discard_confirm", &app);
}

#[test]
fn tag_form_for_selected_contacts_and_the_delete_question() {
    snap(
        "form_tag_two_contacts",
        &demo_with("c space space t", "vip"),
    );
    snap("confirm_delete_contact", &demo_with("c d", ""));
}

#[test]
fn segment_picker_narrowed_by_typing() {
    snap("segment_picker", &demo_with("F", ""));
    snap("segment_picker_meetup", &demo_with("F", "meetup"));
}
