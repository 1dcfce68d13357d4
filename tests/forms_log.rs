//! The log-interaction form, driven by keys as a person would: focus, validation, the dirty
//! confirm, the picker, conditional fields and the records it makes.

mod forms_support;

use crossterm::event::KeyCode;
use forms_support::*;
use jiff::civil::date;
use ror_tui::forms::log::{CONTACT, DATE, NOTE, NPS, SENTIMENT, VALUE};
use ror_tui::forms::{FormSpec, LogForm, LoggedInteraction, Outcome};
use ror_tui::sentiment::score_text;
use ror_tui::store::{Direction, Interaction, Kind, Moment, Money, Sentiment, SentimentSource};

fn submitted(out: Outcome<LoggedInteraction>) -> LoggedInteraction {
    match out {
        Outcome::Submit(x) => x,
        other => panic!("expected a record, got {other:?}"),
    }
}

#[test]
fn a_call_logged_in_a_few_keys() {
    let ctx = ctx();
    let mut f = LogForm::new(&ctx);
    typ(&mut f, "ada l");
    press(&mut f, &[enter()]); // picks Ada Lovelace, on to Kind
    typ(&mut f, "ca"); // type-ahead: call
    // Channel is prefilled with the last one used (linkedin, on the 18th); date with now.
    press(&mut f, &[enter(), enter(), enter(), enter()]);
    assert_eq!(f.form().focused_key(), NOTE);
    typ(&mut f, "Loved the webinar, thanks!");
    let x = submitted(press(&mut f, &[tab(), enter()]));
    assert_eq!(x.new_contact, None);
    let i = x.interaction;
    assert_eq!(i.contact, id_of(&ctx, "Ada Lovelace"));
    assert_eq!(i.kind, Kind::Call);
    assert_eq!(i.channel, "linkedin");
    assert_eq!(i.at, Moment::at(date(2026, 11, 20).at(14, 3, 0, 0)));
    assert_eq!(i.direction, Direction::Inbound);
    assert_eq!(i.note, "Loved the webinar, thanks!");
    let auto = score_text("Loved the webinar, thanks!").unwrap();
    assert!(auto > 0.05, "a warm note scores positive");
    assert_eq!(
        i.sentiment,
        Some(Sentiment {
            score: auto,
            source: SentimentSource::Auto
        })
    );
    assert_eq!((i.value, i.nps, i.rating), (None, None, None));
}

#[test]
fn tab_and_shift_tab_move_through_shown_fields_with_wraparound() {
    let mut f = LogForm::new(&ctx());
    let order = |f: &mut LogForm, n: usize, back: bool| -> Vec<&'static str> {
        (0..n)
            .map(|_| {
                f.handle_key(if back { backtab() } else { tab() });
                f.form().focused_key()
            })
            .collect()
    };
    // Value, NPS and rating are hidden for a message.
    assert_eq!(
        order(&mut f, 9, false),
        [
            "kind",
            "channel",
            "date",
            "direction",
            "note",
            "sentiment",
            "contact",
            "kind",
            "channel"
        ]
    );
    assert_eq!(order(&mut f, 3, true), ["kind", "contact", "sentiment"]);
}

#[test]
fn figures_appear_only_for_the_kinds_that_carry_them() {
    let mut f = LogForm::new(&ctx());
    press(&mut f, &[tab()]);
    typ(&mut f, "pu"); // purchase
    press(&mut f, &[tab()]);
    assert_eq!(
        f.form().focused_key(),
        VALUE,
        "value comes right after the kind"
    );
    typ(&mut f, "12x");
    press(&mut f, &[backtab()]);
    typ(&mut f, "sur"); // survey: value hides, NPS shows; what was typed in value is kept
    assert!(!f.form().field(VALUE).visible);
    assert_eq!(f.form().field(VALUE).text(), "12x");
    press(&mut f, &[tab()]);
    assert_eq!(f.form().focused_key(), NPS);
}

#[test]
fn leaving_a_field_shows_its_message_and_fixing_it_clears_it() {
    let mut f = LogForm::new(&ctx());
    press(&mut f, &[tab()]);
    let contact = f.form().field(CONTACT);
    assert_eq!(
        contact.error.as_deref(),
        Some("choose a contact: type a name, @handle or organisation")
    );
    // While typing elsewhere nothing new is scolded; the date message appears on leaving.
    press(&mut f, &[tab(), tab()]);
    assert_eq!(f.form().focused_key(), DATE);
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "last week");
    assert_eq!(f.form().field(DATE).error, None);
    press(&mut f, &[tab()]);
    let e = f.form().field(DATE).error.clone().unwrap();
    assert!(
        e.starts_with("`last week` is not a date (expected today, yesterday, -3d"),
        "{e}"
    );
    press(&mut f, &[backtab(), ctrl('w'), ctrl('w')]);
    typ(&mut f, "-7d");
    assert_eq!(
        f.form().field(DATE).error,
        None,
        "fixed: the message goes at once"
    );
}

#[test]
fn saving_with_errors_focuses_the_first_and_keeps_every_keystroke() {
    let mut f = LogForm::new(&ctx());
    press(&mut f, &[tab(), tab(), tab()]); // to the date
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "2026-02-30");
    press(&mut f, &[tab(), tab()]);
    typ(&mut f, "half-written note");
    let out = press(&mut f, &[ctrl('s')]);
    assert_eq!(
        out,
        Outcome::Invalid {
            field: CONTACT,
            errors: 2
        }
    );
    assert_eq!(f.form().focused_key(), CONTACT);
    assert!(f.form().field(DATE).error.is_some());
    assert_eq!(f.form().field(DATE).text(), "2026-02-30");
    assert_eq!(f.form().field(NOTE).text(), "half-written note");
}

#[test]
fn enter_moves_on_except_in_the_note_and_saves_on_the_last_field() {
    let mut f = LogForm::new(&ctx()).with_contact(id_of(&ctx(), "Grace Hopper"));
    assert_eq!(
        f.form().focused_key(),
        "kind",
        "a preset contact skips to the kind"
    );
    press(&mut f, &[enter(), enter(), enter(), enter()]);
    assert_eq!(f.form().focused_key(), NOTE);
    typ(&mut f, "line one");
    press(&mut f, &[enter()]);
    typ(&mut f, "line two");
    assert_eq!(f.form().field(NOTE).text(), "line one\nline two");
    press(&mut f, &[tab()]);
    assert_eq!(f.form().focused_key(), SENTIMENT);
    let x = submitted(press(&mut f, &[enter()]));
    assert_eq!(x.interaction.note, "line one\nline two");
}

#[test]
fn esc_asks_before_throwing_input_away() {
    let mut f = LogForm::new(&ctx());
    assert_eq!(
        press(&mut f, &[esc()]),
        Outcome::Cancel,
        "nothing typed: just close"
    );
    typ(&mut f, "gr");
    assert!(f.is_dirty());
    assert_eq!(press(&mut f, &[esc()]), Outcome::ConfirmDiscard);
    assert!(f.form().is_confirming_discard());
    // Other keys do not type into the form while it asks.
    assert_eq!(press(&mut f, &[key(KeyCode::Char('x'))]), Outcome::Consumed);
    assert_eq!(press(&mut f, &[key(KeyCode::Char('n'))]), Outcome::Consumed);
    assert_eq!(f.form().field(CONTACT).text(), "gr", "kept");
    assert_eq!(
        press(&mut f, &[esc(), esc()]),
        Outcome::Consumed,
        "Esc answers no"
    );
    press(&mut f, &[esc()]);
    assert_eq!(press(&mut f, &[key(KeyCode::Char('y'))]), Outcome::Cancel);
}

#[test]
fn ctrl_c_is_left_to_the_app() {
    let mut f = LogForm::new(&ctx());
    assert_eq!(press(&mut f, &[ctrl('c')]), Outcome::Ignored);
}

#[test]
fn a_new_contact_is_created_from_the_typed_name() {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "Zed Shaw");
    press(&mut f, &[enter()]);
    assert_eq!(f.form().field(CONTACT).text(), "Zed Shaw");
    typ(&mut f, "mee"); // meeting ("me" still fits message)
    press(&mut f, &[tab(), tab()]);
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "yesterday");
    let x = submitted(press(&mut f, &[ctrl('s')]));
    let c = x.new_contact.expect("a new contact");
    assert_eq!(c.name, "Zed Shaw");
    assert_eq!(
        c.created,
        date(2026, 11, 19),
        "first seen on the interaction's day"
    );
    assert_eq!(x.interaction.contact, c.id);
    assert_eq!(x.interaction.kind, Kind::Meeting);
    assert_eq!(x.interaction.at, Moment::day(date(2026, 11, 19)));
    assert_eq!(x.interaction.sentiment, None, "no note, nothing to score");
}

#[test]
fn purchase_value_and_survey_score_are_checked_and_kept_exact() {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "@grace");
    press(&mut f, &[tab()]);
    typ(&mut f, "pu");
    press(&mut f, &[tab()]);
    typ(&mut f, "$1,299.90");
    let x = submitted(press(&mut f, &[ctrl('s')]));
    assert_eq!(x.interaction.value, Some(Money::from_cents(129_990)));
    assert_eq!(x.interaction.kind, Kind::Purchase);

    let mut g = LogForm::new(&ctx());
    typ(&mut g, "@grace");
    press(&mut g, &[tab()]);
    typ(&mut g, "sur");
    press(&mut g, &[tab()]);
    typ(&mut g, "11");
    assert_eq!(
        press(&mut g, &[ctrl('s')]),
        Outcome::Invalid {
            field: NPS,
            errors: 1
        }
    );
    assert_eq!(
        g.form().field(NPS).error.as_deref(),
        Some("11 is outside 0-10")
    );
    press(&mut g, &[key(KeyCode::Backspace)]);
    assert_eq!(
        submitted(press(&mut g, &[ctrl('s')])).interaction.nps,
        Some(1)
    );
}

#[test]
fn a_manual_sentiment_overrides_the_automatic_score() {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "@alan");
    for _ in 0..5 {
        press(&mut f, &[tab()]);
    }
    typ(&mut f, "Great talk!");
    press(&mut f, &[tab()]);
    let summary = f.form().field(SENTIMENT).hint(true).unwrap();
    assert!(
        summary.starts_with("auto +"),
        "live score of the note: {summary}"
    );
    typ(&mut f, "--");
    let x = submitted(press(&mut f, &[enter()]));
    assert_eq!(
        x.interaction.sentiment,
        Some(Sentiment {
            score: -1.0,
            source: SentimentSource::Manual
        })
    );
}

#[test]
fn pasting_keeps_lines_in_the_note_and_strips_escapes() {
    let mut f = LogForm::new(&ctx());
    f.handle_paste("Ada\nLovelace\u{1b}[31m");
    assert_eq!(f.form().field(CONTACT).text(), "Ada Lovelace");
    for _ in 0..5 {
        press(&mut f, &[tab()]);
    }
    f.handle_paste("first\r\nsecond\u{7}");
    assert_eq!(f.form().field(NOTE).text(), "first\nsecond");
}

fn existing(ctx: &ror_tui::forms::FormContext) -> Interaction {
    let mut x = Interaction::new(
        id_of(ctx, "Grace Hopper"),
        Moment::at(date(2026, 11, 3).at(9, 30, 0, 0)),
        "email",
        Kind::Review,
    );
    x.rating = Some(4);
    x.note = "Solid product, slow support".into();
    x.sentiment = Some(Sentiment {
        score: 0.123456,
        source: SentimentSource::Manual,
    });
    x.resolved = true;
    x
}

#[test]
fn editing_keeps_the_record_and_an_untouched_manual_score_exactly() {
    let ctx = ctx();
    let original = existing(&ctx);
    let mut f = LogForm::edit(&ctx, &original);
    assert_eq!(f.form().title, "Edit interaction");
    assert!(!f.is_dirty());
    let same = submitted(f.submit());
    assert_eq!(
        same.interaction, original,
        "saving unchanged gives the same record"
    );

    // Clearing the manual score hands sentiment back to the automatic one.
    f.form_mut().focus_on(SENTIMENT);
    press(&mut f, &[ctrl('u')]);
    let auto = submitted(f.submit()).interaction;
    assert_eq!(auto.id, original.id);
    assert!(auto.resolved);
    assert_eq!(
        auto.sentiment.map(|s| (s.score, s.source)),
        Some((
            score_text("Solid product, slow support").unwrap(),
            SentimentSource::Auto
        ))
    );
}
