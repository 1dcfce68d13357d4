//! The contact and investment forms: the records they make, edits that keep ids, and the
//! messages for what they refuse.

mod forms_support;

use crossterm::event::KeyCode;
use forms_support::*;
use jiff::civil::date;
use ror_tui::forms::contact::{CADENCE, EMAIL, HANDLE, NAME, REFERRED_BY, TAGS};
use ror_tui::forms::investment::AMOUNT;
use ror_tui::forms::{ContactForm, FormSpec, InvestmentForm, Outcome};
use ror_tui::store::{Contact, Investment, InvestmentKind, Money, Source};

fn submitted<T: std::fmt::Debug>(out: Outcome<T>) -> T {
    match out {
        Outcome::Submit(x) => x,
        other => panic!("expected a record, got {other:?}"),
    }
}

fn focus<F: FormSpec>(f: &mut F, key: &str) {
    f.form_mut().focus_on(key);
}

#[test]
fn a_new_contact_with_every_field() {
    let ctx = ctx();
    let mut f = ContactForm::new(&ctx);
    typ(&mut f, "Katherine Johnson");
    press(&mut f, &[tab()]);
    typ(&mut f, "@kj");
    press(&mut f, &[tab()]);
    typ(&mut f, "kj@nasa.example");
    press(&mut f, &[tab()]);
    typ(&mut f, "NASA");
    press(&mut f, &[tab()]);
    // Tags complete from those in use: "sp" → speaker, then "vo" → volunteer.
    typ(&mut f, "sp");
    press(&mut f, &[key(KeyCode::End)]);
    typ(&mut f, ", vo");
    press(&mut f, &[key(KeyCode::Right), tab()]);
    typ(&mut f, "r"); // source: referral
    press(&mut f, &[tab()]);
    typ(&mut f, "grace");
    press(&mut f, &[tab()]);
    typ(&mut f, "30");
    press(&mut f, &[tab(), key(KeyCode::Char(' ')), tab()]);
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "-10d");
    press(&mut f, &[tab()]);
    typ(&mut f, "Met at the conference");
    let c: Contact = submitted(press(&mut f, &[ctrl('s')]));
    assert_eq!(c.name, "Katherine Johnson");
    assert_eq!(c.handle.as_deref(), Some("kj"), "stored without the @");
    assert_eq!(c.email.as_deref(), Some("kj@nasa.example"));
    assert_eq!(c.organisation.as_deref(), Some("NASA"));
    assert_eq!(c.tags, ["speaker", "volunteer"]);
    assert_eq!(c.source, Source::Referral);
    assert_eq!(c.referred_by, Some(id_of(&ctx, "Grace Hopper")));
    assert_eq!(c.cadence_days, Some(30));
    assert!(c.is_team);
    assert_eq!(c.created, date(2026, 11, 10));
    assert_eq!(c.notes, "Met at the conference");
}

#[test]
fn a_contact_needs_a_name_and_a_sound_email_and_handle() {
    let mut f = ContactForm::new(&ctx());
    press(&mut f, &[tab()]);
    typ(&mut f, "ada"); // Ada Lovelace's handle
    press(&mut f, &[tab()]);
    typ(&mut f, "ada@");
    press(&mut f, &[tab(), tab(), tab(), tab(), tab()]);
    typ(&mut f, "0");
    let out = press(&mut f, &[ctrl('s')]);
    assert_eq!(
        out,
        Outcome::Invalid {
            field: NAME,
            errors: 4
        }
    );
    let err = |k: &str| f.form().field(k).error.clone().unwrap_or_default();
    assert_eq!(err(NAME), "enter the contact's name");
    assert_eq!(err(HANDLE), "@ada is already Ada Lovelace's handle");
    assert_eq!(
        err(EMAIL),
        "`ada@` is not an email address (expected name@example.org)"
    );
    assert_eq!(err(CADENCE), "0 is outside 1-3650");
}

#[test]
fn editing_a_contact_keeps_its_id_and_may_keep_its_own_handle() {
    let ctx = ctx();
    let store = store();
    let ada = store.contacts[0].clone();
    let mut f = ContactForm::edit(&ctx, &ada);
    assert!(!f.is_dirty());
    assert_eq!(submitted(f.submit()), ada, "unchanged in, unchanged out");
    focus(&mut f, TAGS);
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "alumni");
    let c = submitted(f.submit());
    assert_eq!(c.id, ada.id);
    assert_eq!(
        c.handle.as_deref(),
        Some("ada"),
        "its own handle is no clash"
    );
    assert_eq!(c.tags, ["alumni"]);
}

#[test]
fn a_contact_cannot_be_referred_by_itself() {
    let ctx = ctx();
    let ada = store().contacts[0].clone();
    let mut f = ContactForm::edit(&ctx, &ada);
    focus(&mut f, REFERRED_BY);
    typ(&mut f, "Ada Love");
    // Only Ada Lovelace fits, and she is excluded: nobody is offered, and the field says so.
    press(&mut f, &[tab()]);
    assert_eq!(
        f.form().field(REFERRED_BY).error.as_deref(),
        Some("no contact matches; clear the field or type another name")
    );
}

#[test]
fn an_investment_with_contact_and_acquisition_flag() {
    let ctx = ctx();
    let mut f = InvestmentForm::new(&ctx);
    typ(&mut f, "ev"); // event
    press(&mut f, &[tab()]);
    typ(&mut f, "1,250.5");
    press(&mut f, &[tab()]);
    press(&mut f, &[ctrl('u')]);
    typ(&mut f, "+14d"); // planned: investments may be dated ahead
    press(&mut f, &[tab()]);
    typ(&mut f, "turing");
    press(&mut f, &[tab(), key(KeyCode::Char('y')), tab()]);
    typ(&mut f, "Meetup sponsorship");
    let inv: Investment = submitted(press(&mut f, &[enter()]));
    assert_eq!(inv.kind, InvestmentKind::Event);
    assert_eq!(inv.amount, Money::from_cents(125_050));
    assert_eq!(inv.date, date(2026, 12, 4));
    assert_eq!(inv.contact, Some(id_of(&ctx, "Alan Turing")));
    assert!(inv.acquisition);
    assert_eq!(inv.note, "Meetup sponsorship");
}

#[test]
fn an_investment_needs_an_amount_and_keeps_its_id_when_edited() {
    let ctx = ctx();
    let mut f = InvestmentForm::new(&ctx);
    assert_eq!(
        press(&mut f, &[ctrl('s')]),
        Outcome::Invalid {
            field: AMOUNT,
            errors: 1
        }
    );
    let before = Investment {
        id: uuid::Uuid::from_u128(77),
        date: date(2026, 10, 1),
        contact: None,
        kind: InvestmentKind::Ads,
        amount: Money::from_cents(9_905),
        acquisition: true,
        note: "October ads".into(),
        updated: None,
    };
    let mut e = InvestmentForm::edit(&ctx, &before);
    assert_eq!(submitted(e.submit()), before);
}

#[test]
fn submissions_add_new_records_and_replace_edited_ones() {
    use ror_tui::forms::{ActiveForm, LogForm, Submission};
    use ror_tui::store::{Store, validate};

    // An empty store: the log form creates the contact together with the interaction.
    let mut store = Store::default();
    let ctx = ror_tui::forms::FormContext::from_store(&store, now());
    let mut form = ActiveForm::Log(Box::new(LogForm::new(&ctx)));
    for c in "Zed Shaw".chars() {
        form.handle_key(key(KeyCode::Char(c)));
    }
    form.handle_key(tab());
    form.handle_key(tab());
    for c in "email".chars() {
        form.handle_key(key(KeyCode::Char(c)));
    }
    assert!(form.is_dirty());
    let Outcome::Submit(sub) = form.handle_key(ctrl('s')) else {
        panic!("expected a record");
    };
    sub.apply_to(&mut store);
    assert_eq!((store.contacts.len(), store.interactions.len()), (1, 1));
    assert_eq!(store.interactions[0].contact, store.contacts[0].id);
    assert!(validate(&store).is_empty(), "{:?}", validate(&store));

    // Editing it replaces it in place.
    let ctx = ror_tui::forms::FormContext::from_store(&store, now());
    let mut edit = LogForm::edit(&ctx, &store.interactions[0]);
    edit.form_mut().focus_on("channel");
    press(&mut edit, &[ctrl('u')]);
    typ(&mut edit, "Slack");
    let Outcome::Submit(x) = edit.submit() else {
        panic!("expected a record");
    };
    assert_eq!(x.new_contact, None);
    Submission::Interaction(x).apply_to(&mut store);
    assert_eq!((store.contacts.len(), store.interactions.len()), (1, 1));
    assert_eq!(
        store.interactions[0].channel, "slack",
        "normalised to lower case"
    );
}
