//! End to end through the forms: the real binary in tmux on an empty store, an interaction
//! logged for a new contact by keys alone, edited, the edit undone, and the store file checked
//! at each step and after quitting.

mod support_dash;

use ror_tui::store::{Kind, SentimentSource};
use support_dash::term::*;

#[test]
fn log_edit_and_undo_on_an_empty_store() {
    if !tmux_available() {
        return;
    }
    // A past as-of date pins "now" to noon that day, so the logged date is known.
    let t = Term::start(&["--store", "store.json", "--as-of", "2026-03-31"], 100, 30);
    let file = t.path().join("store.json");
    t.wait_for("First run");
    t.keys(&["a"]);
    t.wait_for("Log interaction");
    t.keys(&["-l", "Zed Shaw"]);
    t.wait_for("create new contact");
    t.keys(&["Enter"]); // new contact chosen; focus on Kind
    t.wait_for("+ new contact");
    t.keys(&["-l", "cal"]); // type-ahead: call
    t.wait_for("call");
    t.keys(&["Tab"]);
    t.keys(&["-l", "linkedin"]);
    t.keys(&["Tab", "Tab", "Tab"]); // Date (now), Direction (inbound), Note
    let note = "Loved the webinar, thanks for the invite!";
    t.keys(&["-l", note]);
    t.wait_for("auto +"); // the live score of the note
    t.keys(&["C-s"]);
    t.wait_gone("Log interaction");
    t.wait_for("logged call with Zed Shaw");
    let logged = wait_store(&file, "one interaction", |s| s.interactions.len() == 1);

    // Edit the note from the log, then undo: the file goes back to exactly what was logged.
    t.keys(&["l"]);
    t.wait_for("Zed Shaw");
    t.keys(&["e"]);
    t.wait_for("Edit interaction");
    t.keys(&["Tab", "Tab", "Tab", "Tab", "Tab", "End"]);
    t.keys(&["-l", " See you soon."]);
    t.keys(&["C-s"]);
    t.wait_gone("Edit interaction");
    let edited = format!("{note} See you soon.");
    wait_store(&file, "the edited note", |s| {
        s.interactions.len() == 1 && s.interactions[0].note == edited
    });
    t.keys(&["u"]);
    t.wait_for("undone");
    let undone = wait_store(&file, "the note as logged", |s| {
        s.interactions.len() == 1 && s.interactions[0].note == note
    });
    // The same record, id and score; only the moment it was last written differs.
    let unstamped = |mut s: ror_tui::store::Store| {
        s.interactions.iter_mut().for_each(|x| x.updated = None);
        s.contacts.iter_mut().for_each(|c| c.updated = None);
        s
    };
    assert_eq!(
        unstamped(undone),
        unstamped(logged),
        "undo restores the record exactly, id and score"
    );
    t.keys(&["q"]);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);

    let store = load_store(&file).expect("the store file loads");
    assert_eq!(store.contacts.len(), 1, "exactly the new contact");
    assert_eq!(
        store.interactions.len(),
        1,
        "exactly the logged interaction"
    );
    let c = &store.contacts[0];
    assert_eq!(c.name, "Zed Shaw");
    let x = &store.interactions[0];
    assert_eq!(x.contact, c.id);
    assert_eq!(x.kind, Kind::Call);
    assert_eq!(x.channel, "linkedin");
    assert_eq!(x.note, note);
    assert_eq!(x.at.to_string(), "2026-03-31T12:00:00");
    let s = x.sentiment.expect("the note was scored");
    assert_eq!(s.source, SentimentSource::Auto);
    assert_eq!(Some(s.score), ror_tui::sentiment::score_text(note));
    assert!(s.score > 0.0, "a glad note scores positive: {}", s.score);
}
