//! Schema-1 stores (one JSON object) still work everywhere, and the first write turns them into
//! schema 2: the demo's old file, and a file the way a person writes one by hand.

use std::path::Path;
use std::process::Command;

use ror_tui::store::{Kind, Writer, parse_store, read_store, to_store_json, v1_backup_path};

const OLD_DEMO: &str = "tests/fixtures/v1/demo-store.json";

/// The old demo file's community written as schema 2 by today's writer. (Today's demo is a
/// different community since some of its members write in other languages.)
fn old_demo_as_schema_2() -> String {
    let old = std::fs::read(OLD_DEMO).unwrap();
    let store = parse_store(Path::new(OLD_DEMO), &old).unwrap();
    String::from_utf8(to_store_json(&store)).unwrap()
}

fn ror(store: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ror-tui"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

/// `ror-tui log` of a call with contact `@handle`, which must succeed.
fn log_call(store: &Path, handle: &str, note: &str) {
    let contact = format!("@{handle}");
    let out = ror(
        store,
        &[
            "log",
            "--contact",
            &contact,
            "--kind",
            "call",
            "--note",
            note,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_demos_schema_1_file_reads_as_the_schema_2_demo() {
    let old = std::fs::read(OLD_DEMO).unwrap();
    assert!(
        old.starts_with(b"{\n  \"schema\": 1,"),
        "the fixture is schema 1"
    );
    let v1 = parse_store(Path::new(OLD_DEMO), &old).unwrap();
    // A store keeps the weights it was written with, whatever today's defaults are.
    assert_eq!(v1.settings.weight(Kind::Purchase), 9);
    let v2_text = old_demo_as_schema_2();
    assert!(v2_text.starts_with(r#"{"type": "header", "schema": 2"#));
    let v2 = parse_store(Path::new("store.json"), v2_text.as_bytes()).unwrap();
    assert_eq!(v1, v2);
}

#[test]
fn check_export_and_report_read_both_schemas_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.json");
    let v2 = dir.path().join("v2.json");
    std::fs::copy(OLD_DEMO, &v1).unwrap();
    std::fs::write(&v2, old_demo_as_schema_2()).unwrap();
    let checked = ror(&v1, &["check"]);
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(checked.status.success(), "{said}");
    assert!(said.contains("ok — schema 1, 300 contacts"), "{said}");
    assert!(
        said.contains("the next save rewrites it as one record per line"),
        "{said}"
    );
    for args in [
        &["export", "--format", "csv"][..],
        &["export", "--format", "jsonl", "--what", "contacts"],
        &["report", "--format", "json", "--as-of", "2026-11-23"],
    ] {
        let a = ror(&v1, args);
        let b = ror(&v2, args);
        assert!(
            a.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&a.stderr)
        );
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
    // Nothing that only reads ever writes.
    assert_eq!(
        std::fs::read(&v1).unwrap(),
        std::fs::read(OLD_DEMO).unwrap()
    );
}

#[test]
fn the_first_log_into_the_old_demo_rewrites_it_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::copy(OLD_DEMO, &path).unwrap();
    let before = read_store(&path).unwrap().unwrap();
    let handle = before
        .contacts
        .iter()
        .find_map(|c| c.handle.clone())
        .unwrap();
    log_call(&path, &handle, "after the upgrade");
    assert_eq!(
        std::fs::read(v1_backup_path(&path)).unwrap(),
        std::fs::read(OLD_DEMO).unwrap(),
        "the schema-1 original is kept as it was"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(r#"{"type": "header", "schema": 2,"#));
    let after = read_store(&path).unwrap().unwrap();
    assert_eq!(after.interactions.len(), before.interactions.len() + 1);
    assert_eq!(after.contacts, before.contacts);
    // From then on, changes are appended.
    let len = text.len();
    log_call(&path, &handle, "appended");
    let grown = std::fs::read_to_string(&path).unwrap();
    assert_eq!(&grown[..len], text, "appended, not rewritten");
    assert_eq!(grown[len..].lines().count(), 1);
    // The dashboard's writer does the same with a hand-written store (see store_save.rs).
    let _ = Writer::open(&path).unwrap();
}
