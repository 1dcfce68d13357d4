//! A platform import in a real terminal, where it shows a spinner on stderr while it works: it
//! finishes, says what it did, and leaves no spinner behind.

mod support_dash;

use support_dash::term::*;

#[test]
fn a_folder_import_in_a_terminal_finishes_and_clears_its_spinner() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/platforms/slack");
    let t = Term::shell(dir, 120, 20);
    let out = t.output_of(&format!(
        "'{BIN}' --store store.json import '{}'; echo \"exit=$?\"",
        fixture.display()
    ));
    assert!(out.contains("imported from slack export"), "{out}");
    assert!(out.contains("exit=0"), "{out}");
    assert!(
        !out.contains("reading") && !out.contains("bringing in"),
        "{out}"
    );
}
