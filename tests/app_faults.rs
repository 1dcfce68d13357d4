//! When saving fails and when a form's input is kept as a draft, driven through keys and
//! messages without a terminal: the retry key the hint bar offers comes from the keymap, and a
//! draft reopens as the form it came from, on the same record, or says why it cannot.

mod support_dash;

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;

use ror_tui::app::{App, Effect, Mode, Msg, SaveOutcome, StatusKind, update};
use ror_tui::forms::{ActiveForm, FormSpec};
use ror_tui::runtime::drafts;
use support_dash::*;

fn hint_line(app: &App) -> String {
    screen_text(app, 100, 30)
        .lines()
        .last()
        .unwrap()
        .to_string()
}

#[test]
fn after_a_failed_save_the_hint_bar_offers_the_retry_key_of_the_keymap() {
    let mut app = app_with(small_store());
    // Retry is wherever the user bound saving.
    let problems = app.keymap.apply_overrides(&BTreeMap::from([(
        "global.save".to_string(),
        vec!["f2".to_string()],
    )]));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!hint_line(&app).contains("retry save"));
    press(&mut app, ":");
    type_text(&mut app, "@ada call phone \"kept in memory\"");
    let fx = press(&mut app, "enter");
    assert!(matches!(&fx[..], [Effect::Save(_)]), "{fx:?}");
    update(
        &mut app,
        Msg::Saved(SaveOutcome::Failed("disk full".into())),
    );
    let (kind, msg) = app.status.clone().unwrap();
    assert_eq!(kind, StatusKind::Error);
    assert!(
        msg.contains("disk full") && msg.contains("F2 retries"),
        "{msg}"
    );
    // Once the message has made way for another, the hint bar still offers the retry first.
    app.status = None;
    let hints = hint_line(&app);
    assert!(hints.trim_start().starts_with("F2 retry save"), "{hints}");
    // Not over a form, where the same key saves the form.
    press(&mut app, "a");
    assert!(!hint_line(&app).contains("retry save"));
    press(&mut app, "esc");
    // F2 retries everything the file does not hold: from the store as last saved, to the one
    // with the interaction still in it.
    let fx = press(&mut app, "f2");
    let [Effect::Save(job)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        !job.from
            .interactions
            .iter()
            .any(|x| x.note == "kept in memory")
    );
    assert!(
        job.to
            .interactions
            .iter()
            .any(|x| x.note == "kept in memory")
    );
    update(&mut app, Msg::Saved(SaveOutcome::Done(job.to.clone())));
    assert_eq!(app.unsaved, None);
    assert!(!hint_line(&app).contains("retry save"));
}

#[test]
fn a_form_with_nothing_typed_keeps_no_draft() {
    let mut app = app_with(small_store());
    press(&mut app, "a");
    assert!(app.form().is_some());
    assert_eq!(app.form_draft(), None);
    type_text(&mut app, "Gr");
    assert!(app.form_draft().is_some());
}

#[test]
fn an_edit_draft_reopens_on_the_same_contact_and_saves_over_it() {
    let store = small_store();
    let mut app = app_with(store.clone());
    press(&mut app, "c G enter e"); // Ada's page, edit
    press(&mut app, "ctrl-u");
    type_text(&mut app, "Ada King");
    let draft = app.form_draft().expect("typed input");
    assert!(draft.editing.is_some());

    // A new dashboard on the same store.
    let mut next = app_with(store);
    next.reopen_draft(&draft, "reopened".into()).unwrap();
    let Some(ActiveForm::Contact(f)) = next.form() else {
        panic!("the contact form")
    };
    assert_eq!(f.form().title, "Edit contact");
    assert_eq!(f.form().field("name").text(), "Ada King");
    assert_eq!(f.form().status(), Some("reopened"));
    let ada = draft.editing.unwrap();
    let fx = press(&mut next, "ctrl-s");
    assert!(matches!(&fx[..], [Effect::Save(_)]), "{fx:?}");
    let c = next.store.contacts.iter().find(|c| c.id == ada).unwrap();
    assert_eq!(c.name, "Ada King", "the same contact, renamed");
    assert_eq!(next.store.contacts.len(), 3, "no new contact");
}

#[test]
fn a_draft_whose_record_is_gone_is_refused_with_the_reason() {
    let mut app = app_with(small_store());
    press(&mut app, "c G enter e");
    type_text(&mut app, " jr");
    let draft = app.form_draft().unwrap();
    let mut store = small_store();
    store.contacts.retain(|c| Some(c.id) != draft.editing);
    let mut next = app_with(store);
    let e = next.reopen_draft(&draft, String::new()).unwrap_err();
    assert!(e.contains("no longer in the store"), "{e}");
    assert!(next.form().is_none());
}

#[test]
fn a_draft_file_is_private_reopened_once_and_then_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("store.json");
    let mut app = app_with(small_store());
    press(&mut app, ":");
    type_text(&mut app, "@grace call phone \"draft\"");
    let draft = app.form_draft().unwrap();
    let kept = drafts::keep(&store_path, &draft, "SIGTERM").unwrap();
    assert_eq!(kept, drafts::draft_path(&store_path));
    assert_eq!(
        std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // A read-only dashboard leaves it for the one that can write.
    let mut read_only = app_with(small_store());
    read_only.mode = Mode {
        demo: false,
        read_only: Some("another ror-tui has this store open".into()),
    };
    drafts::reopen(&mut read_only, &store_path);
    assert!(read_only.form().is_none());
    assert!(kept.exists());
    assert!(
        read_only
            .status
            .clone()
            .unwrap()
            .1
            .contains("store.json.draft")
    );

    let mut next = app_with(small_store());
    drafts::reopen(&mut next, &store_path);
    let Some(ActiveForm::Quick(f)) = next.form() else {
        panic!("the quick log reopened")
    };
    assert_eq!(f.input().text(), "@grace call phone \"draft\"");
    assert!(!kept.exists(), "removed once the form holds it");
    let mut again = app_with(small_store());
    drafts::reopen(&mut again, &store_path);
    assert!(again.form().is_none(), "reopened only once");
}

#[test]
fn a_draft_file_that_cannot_be_read_back_is_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("store.json");
    let path = drafts::draft_path(&store_path);
    std::fs::write(&path, "{ not json").unwrap();
    let mut app = app_with(small_store());
    drafts::reopen(&mut app, &store_path);
    assert!(app.form().is_none());
    let (kind, msg) = app.status.clone().unwrap();
    assert_eq!(kind, StatusKind::Warning);
    assert!(msg.contains("store.json.draft"), "{msg}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
}
