//! The edges of every number and date field of the forms: out-of-range numbers, impossible and
//! out-of-range dates, and required fields left blank or only spaces. Each is refused with a
//! message under its field, nothing is submitted, and what was typed stays for fixing.
//! (The happy paths and the commonest mistakes are in forms_log.rs and forms_records.rs.)

mod forms_support;

use forms_support::*;
use ror_tui::forms::{ContactForm, FormSpec, InvestmentForm, LogForm, Outcome};
use ror_tui::store::Money;

/// Replaces the text of `key` with `text` and tries to save: the field's message, if any, after
/// checking the form refused to submit (or, with no message, that it went through).
fn message<F: FormSpec>(f: &mut F, key: &str, text: &str) -> Option<String>
where
    F::Output: std::fmt::Debug,
{
    f.form_mut().focus_on(key);
    press(f, &[ctrl('u')]);
    typ(f, text);
    let out = press(f, &[ctrl('s')]);
    let msg = f.form().field(key).error.clone();
    match (&out, &msg) {
        (Outcome::Invalid { .. }, Some(_)) | (Outcome::Submit(_), None) => {}
        _ => panic!("`{text}` in {key}: {msg:?}, yet the form answered {out:?}"),
    }
    assert_eq!(f.form().field(key).text(), text, "what was typed is kept");
    msg
}

/// A log form for Grace, of the kind whose name starts with `kind`, ready to save.
fn log_form(kind: &str) -> LogForm {
    let mut f = LogForm::new(&ctx());
    typ(&mut f, "@grace");
    press(&mut f, &[tab()]);
    typ(&mut f, kind);
    f
}

fn refused(msg: Option<String>, want: &str, text: &str) {
    let m = msg.unwrap_or_else(|| panic!("`{text}` was accepted"));
    assert!(m.contains(want), "`{text}`: got {m:?}, want {want:?}");
}

#[test]
fn log_form_values_ratings_and_scores_out_of_range() {
    use ror_tui::forms::log::{NPS, RATING, SENTIMENT, VALUE};
    let cases: &[(&str, &str, &str, &str)] = &[
        ("pu", VALUE, "-5", "cannot be negative"),
        ("pu", VALUE, "12.345", "more than two decimals"),
        // Ten billion is the largest amount; one cent more is refused, not wrapped.
        ("pu", VALUE, "10000000000.01", "too large"),
        ("pu", VALUE, "99999999999999999999", "too large"),
        ("pu", VALUE, "1,2345", "not an amount"),
        ("pu", VALUE, "ten", "not an amount"),
        ("sur", NPS, "11", "11 is outside 0-10"),
        ("sur", NPS, "-1", "not a whole number (expected 0-10)"),
        ("sur", NPS, "4294967296", "not a whole number"),
        ("sur", NPS, "7.5", "not a whole number"),
        ("rev", RATING, "0", "0 is outside 1-5"),
        ("rev", RATING, "6", "6 is outside 1-5"),
        ("mes", SENTIMENT, "1.01", "outside -1..1"),
        ("mes", SENTIMENT, "-2", "outside -1..1"),
        ("mes", SENTIMENT, "NaN", "not a sentiment"),
        ("mes", SENTIMENT, "inf", "not a sentiment"),
    ];
    for (kind, key, text, want) in cases {
        let mut f = log_form(kind);
        refused(message(&mut f, key, text), want, text);
    }
    // The edges themselves are fine, and a decimal comma is a decimal, not a thousands mark.
    let mut f = log_form("pu");
    assert_eq!(message(&mut f, VALUE, "10000000000"), None);
    assert_eq!(message(&mut f, VALUE, "49,90"), None);
    assert_eq!(
        f.form().field(VALUE).money(),
        Ok(Some(Money::from_cents(4990)))
    );
    let mut f = log_form("sur");
    assert_eq!(message(&mut f, NPS, "0"), None);
    let mut f = log_form("rev");
    assert_eq!(message(&mut f, RATING, "5"), None);
}

#[test]
fn log_form_dates_that_do_not_exist_or_are_out_of_range() {
    use ror_tui::forms::log::DATE;
    // Now is Friday 2026-11-20 14:03 (forms_support).
    let cases = [
        ("2026-02-29", "not a date"), // 2026 is not a leap year
        ("2026-13-01", "not a date"),
        ("2026-04-31", "not a date"),
        ("2026-11-20 24:00", "not a date"),
        ("2026-11-20 14:60", "not a date"),
        ("1899-12-31", "1900-2999"),
        ("2026-11-21", "in the future"),
        ("14:04", "in the future"), // a minute from now
        ("-99999d", "reaches further than 36525 days"),
    ];
    for (text, want) in cases {
        let mut f = log_form("mes");
        refused(message(&mut f, DATE, text), want, text);
    }
    let mut f = log_form("mes");
    assert_eq!(message(&mut f, DATE, "2024-02-29"), None, "a real leap day");
}

#[test]
fn log_form_required_fields_left_blank_or_spaces() {
    use ror_tui::forms::log::{CHANNEL, CONTACT, DATE};
    for (key, want) in [(CHANNEL, "enter a channel"), (DATE, "enter a date")] {
        for blank in ["", "   "] {
            let mut f = log_form("mes");
            refused(message(&mut f, key, blank), want, blank);
        }
    }
    let mut f = LogForm::new(&ctx());
    f.form_mut().focus_on(CONTACT);
    typ(&mut f, "   ");
    assert!(matches!(
        press(&mut f, &[ctrl('s')]),
        Outcome::Invalid { .. }
    ));
    assert!(f.form().field(CONTACT).error.is_some());
}

#[test]
fn contact_form_bounds() {
    use ror_tui::forms::contact::{CADENCE, CREATED, EMAIL, NAME};
    let named = || {
        let mut f = ContactForm::new(&ctx());
        typ(&mut f, "Katherine Johnson");
        f
    };
    for (key, text, want) in [
        (CADENCE, "3651", "3651 is outside 1-3650"),
        (CADENCE, "-30", "not a whole number (expected 1-3650)"),
        (CADENCE, "1e3", "not a whole number"),
        (CREATED, "2026-02-30", "not a date"),
        (CREATED, "2027-01-01", "in the future"),
        (CREATED, "0000-01-01", "1900-2999"),
        (CREATED, "  ", "enter when they joined"),
        (EMAIL, "kj@nasa", "not an email address"),
    ] {
        let mut f = named();
        refused(message(&mut f, key, text), want, text);
    }
    let mut f = named();
    assert_eq!(message(&mut f, CADENCE, "3650"), None);
    let mut f = ContactForm::new(&ctx());
    refused(
        message(&mut f, NAME, "    "),
        "enter the contact's name",
        "spaces",
    );
}

#[test]
fn investment_form_bounds() {
    use ror_tui::forms::investment::{AMOUNT, DATE};
    for (key, text, want) in [
        (AMOUNT, "-250", "cannot be negative"),
        (AMOUNT, "250.001", "more than two decimals"),
        (AMOUNT, "20000000000", "too large"),
        (AMOUNT, "  ", "enter an amount"),
        (DATE, "2026-11-31", "not a date"),
        // Investments may be planned ahead, but not past the years a date can have.
        (DATE, "3000-01-01", "1900-2999"),
        (DATE, "", "enter a date"),
    ] {
        let mut f = InvestmentForm::new(&ctx());
        if key != AMOUNT {
            message(&mut f, AMOUNT, "250");
        }
        refused(message(&mut f, key, text), want, text);
    }
    let mut f = InvestmentForm::new(&ctx());
    message(&mut f, AMOUNT, "250");
    assert_eq!(message(&mut f, DATE, "2027-03-01"), None, "planned ahead");
}
