//! One fixture per load error under `tests/fixtures/store/`: `NAME.json` is the bad file and
//! `NAME.expected` lists, one per line, text that `ror-tui check` must print for it. Each must
//! exit 1 and leave the file byte-for-byte unchanged. `*.ok.json` files must load.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

fn check(path: &Path) -> (i32, String) {
    let out = Command::cargo_bin("ror-tui")
        .unwrap()
        .env("TZ", "UTC")
        .args(["check", "--store"])
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn every_bad_store_gets_its_message_and_is_left_untouched() {
    let mut seen = 0;
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let before = std::fs::read(&path).unwrap();
        let (code, out) = check(&path);
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} was modified");
        if name.ends_with(".ok.json") {
            assert_eq!(code, 0, "{name} should load:\n{out}");
            continue;
        }
        assert_eq!(code, 1, "{name} should be refused:\n{out}");
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name} has no .expected file"));
        for line in expected.lines().filter(|l| !l.is_empty()) {
            assert!(out.contains(line), "{name}: expected `{line}` in:\n{out}");
        }
        seen += 1;
    }
    assert!(seen >= 15, "all fixtures ran ({seen})");
}

#[test]
fn a_directory_and_a_huge_file_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1);
    assert!(out.contains("is a directory"), "{out}");

    // A sparse file: gigabytes long, no disk used, refused from its size alone.
    let big = dir.path().join("huge.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(ror_tui::store::MAX_STORE_BYTES + 1).unwrap();
    let (code, out) = check(&big);
    assert_eq!(code, 1);
    assert!(out.contains("larger than any store"), "{out}");
}
