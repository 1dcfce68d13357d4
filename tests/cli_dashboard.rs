//! Starting the dashboard where it cannot run.

use assert_cmd::Command;
use predicates::str::contains;

#[test]
fn refuses_to_start_when_stdout_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("ror-tui")
        .unwrap()
        .args(["--demo"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("the dashboard needs a terminal"));
}
