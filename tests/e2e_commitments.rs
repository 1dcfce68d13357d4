//! A standup that closes the loop, end to end with the real binary in tmux: a commitment made
//! at one standup (read back from the store file), an outbound touch logged from the shell,
//! and the next standup opening with the commitment kept.

mod support_dash;

use support_dash::term::*;
use support_dash::*;

#[test]
fn a_commitment_made_at_one_standup_is_seen_kept_at_the_next() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("store.json");
    std::fs::write(&file, ror_tui::store::to_store_json(&small_store())).unwrap();
    let t = Term::shell(dir, 120, 30);

    // The standup of 24 March: Ada's complaint of the 20th waits; pick her, with an intent.
    t.run(&format!("'{BIN}' --store store.json --as-of 2026-03-24"));
    t.wait_for("Overview");
    t.keys(&["s"]);
    t.wait_for("STANDUP");
    t.keys(&["c"]);
    t.wait_for("Who do we act on");
    t.wait_for("Ada Lovelace");
    t.keys(&["i"]);
    t.wait_for("Commit to Ada Lovelace");
    t.keys(&["-l", "answer about the export"]);
    t.keys(&["Enter"]);
    t.wait_for("1 picked");
    let s = wait_store(&file, "the commitment", |s| {
        s.standups.iter().any(|st| !st.commitments.is_empty())
    });
    let st = s
        .standups
        .iter()
        .find(|st| !st.commitments.is_empty())
        .unwrap();
    assert_eq!(st.date, jiff::civil::date(2026, 3, 24));
    assert_eq!(st.commitments[0].intent, "answer about the export");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_prompt();

    // Before the next standup: still due; then the answer, logged from the shell.
    let due = t.output_of(&format!(
        "'{BIN}' --store store.json --as-of 2026-03-25 followups; echo \"exit=$?\""
    ));
    assert!(
        due.contains("Ada Lovelace, feedback waiting: “answer about the export”"),
        "{due}"
    );
    assert!(due.contains("exit=3"), "{due}");
    let logged = t.output_of(&format!(
        "'{BIN}' --store store.json log --contact @ada --kind message --channel forum \
         --direction out --date 2026-03-26 --note 'Fixed in 2.1'"
    ));
    assert!(logged.contains("outbound"), "{logged}");

    // The standup of 31 March opens with what happened since.
    t.run(&format!("'{BIN}' --store store.json --as-of 2026-03-31"));
    t.wait_for("Overview");
    t.keys(&["s"]);
    // The whole slide, not a frame caught while tmux is still drawing it over the dashboard.
    let screen = t.wait("the slide of what happened since", |s| {
        s.contains("1 of 1 kept · follow-through 100.0%") && s.contains("Since last standup")
    });
    assert!(screen.contains("✓ 5d ago"), "{screen}");
    assert!(screen.contains("feedback answered"), "{screen}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    t.wait_prompt();
}
