//! `ror-tui check`: a verdict on stdout, exit 0 when sound, 1 when anything is wrong.

use assert_cmd::Command;
use predicates::prelude::*;

fn ror() -> Command {
    let mut c = Command::cargo_bin("ror-tui").unwrap();
    c.env_remove("ROR_TUI_STORE").env("TZ", "UTC");
    c
}

#[test]
fn a_broken_store_exits_1_and_lists_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::write(
        &path,
        r#"{"schema": 1,
  "contacts": [
    {"id": "0196d32c-0680-7f4c-843c-6ddeed1c464f", "name": "", "created": "2026-01-02",
     "referred_by": "0196d32c-0680-7f4c-843c-000000000000"}
  ]
}"#,
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    ror()
        .args(["check", "--store"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "line 3: contacts[0].name: is empty",
        ))
        .stdout(predicate::str::contains(
            "contacts[0].referred_by: no contact has id",
        ))
        .stdout(predicate::str::contains("2 problems found"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "check never writes");
}

#[test]
fn invalid_json_exits_1_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.json");
    std::fs::write(&path, "{\"schema\": 1,,}").unwrap();
    ror()
        .args(["check", "--store"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("s.json:1:14:"));
}

#[test]
fn the_store_path_comes_from_the_environment_when_no_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("env.json");
    std::fs::write(&path, "{\"schema\": 1}").unwrap();
    ror()
        .arg("check")
        .env("ROR_TUI_STORE", &path)
        .assert()
        .success()
        .stdout(predicate::str::contains("env.json: ok"));
}

#[test]
fn a_missing_store_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    ror()
        .args(["check", "--store"])
        .arg(dir.path().join("none.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("no store yet"));
}

#[test]
fn usage_errors_exit_2() {
    ror().args(["check", "--bogus"]).assert().code(2);
    ror().args(["--as-of", "2026-02-30"]).assert().code(2);
}

#[test]
fn check_help_shows_examples() {
    ror()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn a_write_cut_short_at_the_end_is_a_note_not_a_problem_and_compact_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let header = r#"{"type": "header", "schema": 2}"#;
    let ada = r#"{"type": "contact", "id": "0196d32c-0680-7f4c-843c-6ddeed1c464f", "name": "Ada", "created": "2026-01-02"}"#;
    // A batch of two lines whose second never made it to the disk.
    let cut = r#"{"type": "batch", "lines": 2}
{"type": "contact", "id": "0196d32c-0680-7f4c-843c-000000000001", "name": "Grace", "created": "2026-01-03"}
{"type": "interaction", "id": "0196d32c"#;
    std::fs::write(&path, format!("{header}\n{ada}\n{cut}")).unwrap();
    ror()
        .args(["check", "--store"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("ok — schema 2, 1 contacts"))
        .stdout(predicate::str::contains(format!(
            "{}:3: note: a write cut short",
            path.display()
        )))
        .stdout(predicate::str::contains("the next save removes it"));
    ror()
        .args(["compact", "--store"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("compacted"))
        .stdout(predicate::str::contains("→ 2 lines"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap().lines().count(),
        2,
        "header and Ada"
    );
    ror()
        .args(["check", "--store"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("note").not());
}

#[test]
fn any_other_unreadable_line_names_its_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::write(
        &path,
        concat!(
            "{\"type\": \"header\", \"schema\": 2}\n",
            "{\"type\": \"contact\", \"id\": \"0196d32c-0680-7f4c-843c-6ddeed1c464f\", \"name\": \"Ada\", \"created\": \"2026-01-02\"}\n",
            "{\"type\": \"interaction\", \"id\": \"0196d32c-0680-7f4c-843c-000000000002\", \"contact\": \"0196d32c-0680-7f4c-843c-6ddeed1c464f\", \"at\": \"2026-01-03\", \"channel\": \"web\", \"kind\": \"message\", \"nps\": \"nine\"}\n",
            "{\"type\": \"contact\", \"id\": \"0196d32c-0680-7f4c-843c-000000000003\", \"name\": \"Grace\", \"created\": \"2026-01-03\"}\n",
        ),
    )
    .unwrap();
    ror()
        .args(["check", "--store"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("{}:3:", path.display())))
        .stdout(predicate::str::contains("interaction.nps: invalid type"));
}
