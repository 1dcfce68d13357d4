//! Data entry end to end, the real binary in tmux, each step checked in the store file on
//! disk: a pre-filled channel typed over (Tab taking the suggestion), a quick-logged
//! `email_sent` saved outbound, a misspelt quick-log name that saves nothing until a contact is
//! chosen, and a merge undone and redone.

mod support_dash;

use std::time::Duration;

use jiff::civil::date;
use ror_tui::store::{Direction, Kind, Store};
use support_dash::term::*;
use support_dash::*;

/// The small store, written in a folder of its own, with the dashboard started on it.
fn start(store: &Store) -> (Term, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("store.json");
    std::fs::write(&file, ror_tui::store::to_store_json(store)).unwrap();
    let t = Term::start_in(
        dir,
        &["--store", "store.json", "--as-of", "2026-03-31"],
        100,
        30,
    );
    t.wait_for("Overview");
    (t, file)
}

#[test]
fn a_prefilled_channel_is_typed_over_and_email_sent_is_outbound() {
    if !tmux_available() {
        return;
    }
    let (t, file) = start(&small_store());
    t.keys(&["a"]);
    t.wait_for("Log interaction");
    t.keys(&["-l", "grace"]);
    t.keys(&["Enter"]); // Grace Hopper; on to Kind
    t.keys(&["Tab"]); // Channel: her own last one, linkedin, selected
    t.wait_for("linkedin");
    t.keys(&["-l", "ph"]); // typed over, not appended; Tab takes the suggestion
    t.keys(&["Tab"]);
    t.wait_for("phone");
    t.keys(&["C-s"]);
    t.wait_gone("Log interaction");
    let s = wait_store(&file, "Grace's message on the phone", |s| {
        s.interactions.iter().any(|x| x.channel == "phone")
    });
    assert!(
        !s.interactions
            .iter()
            .any(|x| x.channel.contains("linkedinph")),
        "typing replaced the pre-filled channel"
    );

    t.keys(&[":"]);
    t.keys(&["-l", r#"@linus email_sent email "march newsletter""#]);
    t.wait_for("outbound");
    t.keys(&["Enter"]);
    let s = wait_store(&file, "the newsletter", |s| {
        s.interactions.iter().any(|x| x.note == "march newsletter")
    });
    let x = s
        .interactions
        .iter()
        .find(|x| x.note == "march newsletter")
        .unwrap();
    assert_eq!(x.kind, Kind::EmailSent);
    assert_eq!(x.direction, Direction::Outbound, "ours by nature");
    t.keys(&["q"]);
    t.finished();
}

#[test]
fn a_misspelt_quick_log_name_saves_nothing_until_chosen() {
    if !tmux_available() {
        return;
    }
    let store = small_store();
    let (t, file) = start(&store);
    t.keys(&[":"]);
    t.keys(&["-l", r#"@grcae message slack "thanks""#]);
    t.wait_for("no contact is `grcae`");
    t.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(600));
    let s = load_store(&file).unwrap();
    assert_eq!(
        s.interactions.len(),
        store.interactions.len(),
        "nothing saved"
    );
    assert_eq!(s.contacts.len(), store.contacts.len(), "no contact made");
    t.keys(&["Down", "Enter"]); // the closest: Grace Hopper
    let s = wait_store(&file, "the thanks", |s| {
        s.interactions.iter().any(|x| x.note == "thanks")
    });
    let grace = s
        .contacts
        .iter()
        .find(|c| c.name == "Grace Hopper")
        .unwrap();
    let x = s.interactions.iter().find(|x| x.note == "thanks").unwrap();
    assert_eq!(x.contact, grace.id);
    assert_eq!(s.contacts.len(), store.contacts.len());
    t.keys(&["q"]);
    t.finished();
}

#[test]
fn a_merge_is_undone_and_redone_on_disk() {
    if !tmux_available() {
        return;
    }
    let mut store = small_store();
    store.contacts[0].email = Some("ada@example.org".into());
    let copy = contact(&mut store, "A. Lovelace", date(2025, 12, 1));
    store
        .contacts
        .iter_mut()
        .find(|c| c.id == copy)
        .unwrap()
        .email = Some("ada@example.org".into());
    store.sort_canonical();
    let (t, file) = start(&store);
    t.keys(&["D"]);
    t.wait_for("same email");
    t.keys(&["Enter"]);
    t.wait_for("Merge 2 contacts");
    t.keys(&["Enter"]);
    t.wait_for("merged 1 contact");
    let merged = wait_store(&file, "three contacts", |s| s.contacts.len() == 3);
    assert!(
        merged
            .interactions
            .iter()
            .all(|x| merged.contact(x.contact).is_some()),
        "every interaction belongs to a contact still there"
    );
    t.keys(&["u"]);
    t.wait_for("undone");
    let undone = wait_store(&file, "four contacts again", |s| s.contacts.len() == 4);
    let ada = store
        .contacts
        .iter()
        .find(|c| c.name == "Ada Lovelace")
        .unwrap();
    assert_eq!(
        undone
            .interactions
            .iter()
            .filter(|x| x.contact == ada.id)
            .count(),
        store
            .interactions
            .iter()
            .filter(|x| x.contact == ada.id)
            .count(),
        "her interactions are hers again"
    );
    t.keys(&["C-r"]);
    t.wait_for("redone");
    wait_store(&file, "three contacts again", |s| s.contacts.len() == 3);
    t.keys(&["q"]);
    t.finished();
}
