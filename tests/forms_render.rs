//! Snapshots of every form: empty, filled, and showing validation messages, drawn with
//! `TestBackend`; and the terminal cursor placed in the focused field.

mod forms_support;

use crossterm::event::KeyCode;
use forms_support::*;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;
use ror_tui::forms::{
    ContactForm, FormSpec, FormTheme, FormView, InvestmentForm, LogForm, QuickLogForm, draw,
};

/// Draws a form filling a `width` x `height` terminal; returns the screen and the cursor.
fn render<F: FormView>(form: &F, width: u16, height: u16) -> (String, Option<Position>) {
    let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut cursor = None;
    t.draw(|f| {
        draw(f, form, f.area(), &FormTheme::default());
        cursor = form.cursor(f.area());
    })
    .unwrap();
    (t.backend().to_string(), cursor)
}

fn screen<F: FormView>(form: &F) -> String {
    render(form, 72, form.height(72)).0
}

fn filled_log() -> LogForm {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "ada l");
    press(&mut f, &[tab()]);
    typ(&mut f, "pu");
    press(&mut f, &[tab()]);
    typ(&mut f, "129");
    press(&mut f, &[tab(), ctrl('u')]);
    typ(&mut f, "web");
    press(&mut f, &[tab(), ctrl('u')]);
    typ(&mut f, "yesterday");
    press(&mut f, &[tab(), tab()]);
    typ(
        &mut f,
        "Bought the annual plan after the webinar. Really happy with it!",
    );
    f
}

#[test]
fn log_form_empty() {
    let f = LogForm::new(&ctx());
    let (text, cursor) = render(&f, 72, f.height(72));
    assert_snapshot!(text);
    // Border, padding, then a 12-column label ("› Direction " is the widest): column 14.
    assert_eq!(cursor, Some(Position::new(14, 1)));
}

#[test]
fn log_form_filled() {
    let f = filled_log();
    assert_snapshot!(screen(&f));
}

#[test]
fn log_form_picker_open() {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "ad");
    press(&mut f, &[key(KeyCode::Down)]);
    let (text, cursor) = render(&f, 72, f.height(72));
    assert_snapshot!(text);
    assert_eq!(
        cursor,
        Some(Position::new(16, 1)),
        "after the two typed letters"
    );
}

#[test]
fn log_form_with_errors() {
    let mut f = LogForm::new(&ctx());
    press(&mut f, &[tab(), tab(), ctrl('u'), tab(), ctrl('u')]);
    typ(&mut f, "next friday");
    press(&mut f, &[ctrl('s')]);
    f.form_mut()
        .set_status(Some("could not save: store.json changed on disk".into()));
    assert_snapshot!(screen(&f));
}

#[test]
fn log_form_asking_to_discard() {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "gr");
    press(&mut f, &[esc()]);
    let (text, cursor) = render(&f, 72, f.height(72));
    assert_snapshot!(text);
    assert_eq!(cursor, None);
}

#[test]
fn log_form_in_a_small_terminal_keeps_the_focused_field_in_view() {
    let mut f = filled_log();
    f.form_mut().focus_on("sentiment");
    let (text, cursor) = render(&f, 48, 9);
    assert_snapshot!(text);
    let c = cursor.expect("a cursor");
    assert!(c.y < 8, "cursor on screen: {c:?}");
}

#[test]
fn note_cursor_follows_wrapped_text() {
    let mut f = LogForm::new(&ctx());
    f.form_mut().focus_on("note");
    typ(&mut f, "東京 meetup");
    let (_, cursor) = render(&f, 72, f.height(72));
    // The note starts after the label (column 14) and its left rule: column 15. "東京 meetup"
    // is 2 + 2 + 1 + 6 = 11 columns wide. The note is the sixth shown row: y = 6.
    assert_eq!(cursor, Some(Position::new(26, 6)));
}

#[test]
fn contact_form_empty() {
    let f = ContactForm::new(&ctx());
    assert_snapshot!(screen(&f));
}

#[test]
fn contact_form_filled() {
    let store = store();
    let f = ContactForm::edit(&ctx(), &store.contacts[0]);
    assert_snapshot!(screen(&f));
}

#[test]
fn contact_form_with_errors() {
    let mut f = ContactForm::new(&ctx());
    press(&mut f, &[tab()]);
    typ(&mut f, "grace");
    press(&mut f, &[tab()]);
    typ(&mut f, "not-an-email");
    press(&mut f, &[tab(), tab()]);
    typ(&mut f, "vo");
    press(&mut f, &[ctrl('s')]);
    assert_snapshot!(screen(&f));
}

#[test]
fn investment_form_empty() {
    let f = InvestmentForm::new(&ctx());
    assert_snapshot!(screen(&f));
}

#[test]
fn investment_form_filled() {
    let mut f = InvestmentForm::new(&ctx());
    typ(&mut f, "ev");
    press(&mut f, &[tab()]);
    typ(&mut f, "1250");
    press(&mut f, &[tab(), tab()]);
    typ(&mut f, "@alan");
    press(&mut f, &[tab(), key(KeyCode::Char(' ')), tab()]);
    typ(&mut f, "Meetup sponsorship");
    assert_snapshot!(screen(&f));
}

#[test]
fn investment_form_with_errors() {
    let mut f = InvestmentForm::new(&ctx());
    press(&mut f, &[tab()]);
    typ(&mut f, "12.345");
    press(&mut f, &[tab(), ctrl('u'), ctrl('s')]);
    assert_snapshot!(screen(&f));
}

#[test]
fn quick_log_empty() {
    let q = QuickLogForm::new(&ctx());
    let (text, cursor) = render(&q, 72, q.height(72));
    assert_snapshot!(text);
    assert_eq!(cursor, Some(Position::new(4, 1)));
}

#[test]
fn quick_log_filled() {
    let q = quick(r#"@ada call linkedin "loved the webinar" +1"#);
    assert_snapshot!(screen(&q));
}

#[test]
fn quick_log_with_error() {
    let mut q = quick("@ada call linkedin nps:11");
    q.handle_key(enter());
    assert_snapshot!(screen(&q));
}
