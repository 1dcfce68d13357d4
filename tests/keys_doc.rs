//! `docs/KEYS.md` is generated from the keymap table; this fails when the two disagree.
//! Regenerate with `UPDATE_KEYS_DOC=1 cargo test --test keys_doc`.

use ror_tui::app::Keymap;

#[test]
fn keys_doc_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/KEYS.md");
    let want = Keymap::default().markdown();
    if std::env::var_os("UPDATE_KEYS_DOC").is_some() {
        std::fs::write(path, &want).expect("write docs/KEYS.md");
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/KEYS.md is stale: regenerate it with `UPDATE_KEYS_DOC=1 cargo test --test keys_doc`"
    );
}

#[test]
fn every_action_of_every_context_is_documented() {
    let doc = Keymap::default().markdown();
    for b in &Keymap::default().bindings {
        let name = format!("`{}.{}`", b.context.name(), b.action.name());
        assert!(doc.contains(&name), "{name} missing from the keys doc");
        assert!(doc.contains(b.description), "{name}: description missing");
    }
}
