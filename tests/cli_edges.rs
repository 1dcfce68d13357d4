//! Edges of the command line a user reaches: the demo for every command that only reads, values
//! that look like flags, a reader that closes the pipe early.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;

fn ror(args: &[&str]) -> std::process::Output {
    Command::new(cargo_bin("ror-tui"))
        .args(args)
        .env("TZ", "UTC")
        .env_remove("ROR_TUI_STORE")
        .env("HOME", "/nonexistent-home-for-tests")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `--demo` works before or after the subcommand for `check`, `report` and `export`, never
/// reads or writes a store of the user's, and commands that write refuse it (exit 2).
#[test]
fn every_command_that_only_reads_takes_the_demo() {
    let out = ror(&["check", "--demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("demo: ok — schema 2, 300 contacts"));
    for args in [
        &["--demo", "report", "--as-of", "2026-03-31"][..],
        &["report", "--demo", "--as-of", "2026-03-31"],
    ] {
        let out = ror(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stdout).starts_with("ROR report  2026-03-02 .. 2026-03-31"));
    }
    let out = ror(&["export", "--demo", "--format", "csv", "--what", "contacts"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A header and the demo's 300 contacts.
    assert_eq!(text(&out.stdout).lines().count(), 301);
    for cmd in [
        &["log", "--contact", "ada", "--kind", "call"][..],
        &["compact"],
    ] {
        let args: Vec<&str> = std::iter::once("--demo")
            .chain(cmd.iter().copied())
            .collect();
        let out = ror(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("never written"),
            "{}",
            text(&out.stderr)
        );
    }
}

/// A value that starts with a dash is a value where one is expected: the answer is the range,
/// not clap's "unexpected argument".
#[test]
fn negative_looking_values_get_the_range_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.json");
    let store = store.to_str().unwrap();
    for (flag, value, says) in [
        ("--nps", "-1", "is not an NPS answer (0-10)"),
        ("--rating", "-3", "is not a rating (1-5)"),
    ] {
        let out = ror(&[
            "--store",
            store,
            "log",
            "--contact",
            "ada",
            "--create",
            "--kind",
            "survey",
            flag,
            value,
        ]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let err = text(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert!(!err.contains("unexpected argument"), "{err}");
    }
    // A note may start with a dash.
    let out = ror(&[
        "--store",
        store,
        "log",
        "--contact",
        "ada",
        "--create",
        "--kind",
        "message",
        "--note",
        "-- thanks for the quick fix",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// `ror-tui export | head -2`: the reader has what it wanted; the export stops quietly, exit 0.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in [
        &["--demo", "export", "--format", "csv"][..],
        &["--demo", "export", "--format", "jsonl"],
        &[
            "--demo",
            "report",
            "--format",
            "json",
            "--as-of",
            "2026-03-31",
        ],
    ] {
        let mut child = Command::new(cargo_bin("ror-tui"))
            .args(args)
            .env("TZ", "UTC")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        // The reader goes away after one line, as `head -1` does.
        let out = child.wait_with_output().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

/// A tag cell is cleaned before it is split: an OSC 52 sequence (which would set the reader's
/// clipboard) holds `;`, the tag separator, and its payload must not become tags of its own.
/// Export → import → export is then exact.
#[test]
fn tags_are_cleaned_before_they_are_split() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.json");
    let csv = dir.path().join("in.csv");
    std::fs::write(
        &csv,
        "date,contact,kind,tags\n2026-01-05,Ada,message,\"vip;x\u{1b}]52;c;ZXZpbCBjbGlwYm9hcmQ=\u{7}CLIP;beta\"\n",
    )
    .unwrap();
    let s = store.to_str().unwrap();
    let out = ror(&["--store", s, "import", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let loaded = ror_tui::store::read_store(&store).unwrap().unwrap();
    assert_eq!(loaded.contacts[0].tags, ["vip", "xCLIP", "beta"]);

    let first = ror(&["--store", s, "export", "--what", "contacts"]);
    let again_store = dir.path().join("again.json");
    let exported = dir.path().join("contacts.csv");
    let all = ror(&["--store", s, "export"]);
    std::fs::write(&exported, &all.stdout).unwrap();
    let a = again_store.to_str().unwrap();
    let out = ror(&["--store", a, "import", exported.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let second = ror(&["--store", a, "export", "--what", "contacts"]);
    assert_eq!(text(&first.stdout), text(&second.stdout));
    assert!(!text(&first.stdout).contains("ZXZp"));
}

/// What a hand-edited store gets wrong is refused by `check` with what is wrong and where.
#[test]
fn values_a_store_must_not_hold_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let contact = r#"{"type": "contact", "id": "0196a000-0000-7000-8000-000000000001", "name": "Ada", "created": "2026-01-05"}"#;
    let cases = [
        (
            "schema-0.json".to_string(),
            "{\"schema\": 0, \"contacts\": [], \"interactions\": []}\n".to_string(),
            ":1:1: schema 0",
        ),
        (
            "comment.json".into(),
            format!("{{\"type\": \"header\", \"schema\": 2}}\n// Ada from the meetup\n{contact}\n"),
            ":2:1: a comment, which JSON does not have",
        ),
        (
            "comment-v1.json".into(),
            "{\n  \"schema\": 1,\n  // contacts\n  \"contacts\": []\n}\n".into(),
            ":3:3: expected a key in double quotes: JSON has no comments",
        ),
        (
            "shared-id.json".into(),
            format!(
                "{{\"type\": \"header\", \"schema\": 2}}\n{contact}\n{}\n",
                r#"{"type": "interaction", "id": "0196a000-0000-7000-8000-000000000001", "contact": "0196a000-0000-7000-8000-000000000001", "at": "2026-03-20", "channel": "forum", "kind": "comment"}"#
            ),
            ":3:1: id 0196a000-0000-7000-8000-000000000001 is already the id of the contact on line 2",
        ),
        (
            "shared-id-v1.json".into(),
            format!(
                "{{\"schema\": 1, \"contacts\": [{}], \"interactions\": [{}]}}\n",
                r#"{"id": "0196a000-0000-7000-8000-000000000001", "name": "Ada", "created": "2026-01-05"}"#,
                r#"{"id": "0196a000-0000-7000-8000-000000000001", "contact": "0196a000-0000-7000-8000-000000000001", "at": "2026-03-20", "channel": "forum", "kind": "comment"}"#
            ),
            "interactions[0].id: id 0196a000-0000-7000-8000-000000000001 is a contact's too",
        ),
        (
            "blank-name.json".into(),
            format!(
                "{{\"type\": \"header\", \"schema\": 2}}\n{}\n",
                contact.replace("\"Ada\"", r#""\u001b[31m\u202e""#)
            ),
            ":line 2: contacts[0].name: has nothing to show",
        ),
    ];
    for (name, body, says) in cases {
        let path = dir.path().join(&name);
        std::fs::write(&path, body).unwrap();
        let out = ror(&["--store", path.to_str().unwrap(), "check"]);
        let said = text(&out.stdout) + &text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {said}");
        assert!(said.contains(says), "{name}: {said}");
        assert!(!said.contains("?:"), "{name}: {said}");
    }
}

/// `ror-tui log` refuses a note over the limit, saying what it measures.
#[test]
fn log_refuses_a_note_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.json");
    let note = "x".repeat(ror_tui::store::MAX_NOTE_BYTES + 1);
    let out = ror(&[
        "--store",
        store.to_str().unwrap(),
        "log",
        "--contact",
        "ada",
        "--create",
        "--kind",
        "message",
        "--note",
        &note,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("the note is 100,001 bytes; a note holds at most 100,000"),
        "{err}"
    );
    assert!(!store.exists(), "nothing written");
}
