//! End to end: faults a user cannot prevent, in a shell in tmux. A panic gives the terminal back
//! and leaves a crash report without personal data; a save that fails (here: past the file-size
//! limit, which root cannot bypass either) is shown, kept in memory and retried once it can work.

mod support_dash;

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use ror_tui::store::read_store;
use support_dash::term::*;

/// A panic message that quotes a name reaches the terminal sanitised: the name's escape
/// sequences (here one that would retitle the window) are gone, the name itself is there.
#[test]
fn a_panic_message_quoting_a_hostile_name_is_sanitised() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let text = fs::read_to_string(&store).unwrap();
    fs::write(
        &store,
        text.replace(
            "Ada Lovelace",
            r"Ada\u001b]0;pwned\u0007 \u001b[31mLovelace",
        ),
    )
    .unwrap();
    let t = Term::shell(dir, 120, 40);
    t.run(&format!(
        "{}=1 RUST_BACKTRACE=0 '{BIN}' --store store.json --as-of 2026-03-31 2> err.txt; echo \"exit=$?\"",
        ror_tui::crash::CRASH_TEST_ENV
    ));
    t.wait_for("Advocates");
    t.keys(&["j"]);
    t.wait_for("exit=101");
    t.wait_prompt();
    let err = fs::read(t.dir.path().join("err.txt")).unwrap();
    let err = String::from_utf8_lossy(&err);
    assert!(err.contains("the first contact is Ada Lovelace"), "{err:?}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(!err.contains("pwned"), "{err:?}");
}

#[test]
fn a_panic_gives_the_terminal_back_and_leaves_a_private_report_without_names() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    ada_store_file(dir.path());
    let reports = dir.path().join("data/ror-tui/crash-reports");
    let t = Term::shell(dir, 120, 40);
    // RUST_BACKTRACE=0 whatever the caller's environment, so the messages fit on the screen.
    t.run(&format!(
        "{}=1 RUST_BACKTRACE=0 '{BIN}' --store store.json --as-of 2026-03-31; echo \"exit=$?\"",
        ror_tui::crash::CRASH_TEST_ENV
    ));
    t.wait_for("Advocates");
    t.keys(&["j"]); // the crash test panics at the first key
    t.wait_for("exit=101");
    let screen = t.wait_prompt();
    t.assert_given_back();
    // Rust's own message on the terminal quotes the name formatted into the panic...
    assert!(
        screen.contains("the first contact is Ada Lovelace"),
        "{screen}"
    );
    assert!(screen.contains("A crash report without names"), "{screen}");

    let files: Vec<PathBuf> = fs::read_dir(&reports)
        .expect("the crash reports folder")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let report = &files[0];
    let name = report.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("crash-") && name.ends_with("Z.txt"),
        "{name}"
    );
    assert!(screen.contains("crash-"), "stderr says where: {screen}");
    assert_eq!(mode(report), 0o600);
    let text = fs::read_to_string(report).unwrap();
    for part in [
        concat!("version:  ", env!("CARGO_PKG_VERSION")),
        "thread:   main",
        "location: src/runtime/mod.rs:",
        "message:  (left out",
        "crash_test_panic",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    // ...and the report holds nothing from the store.
    for private in ["Ada", "Lovelace", "Love the release", "store.json"] {
        assert!(
            !text.contains(private),
            "{private:?} in the report:\n{text}"
        );
    }
}

fn prlimit_available() -> bool {
    let found = Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("prlimit (util-linux) is required for the file-size limit test when CI is set");
        }
        eprintln!("note: prlimit is not installed; skipping the file-size limit test");
    }
    found
}

#[test]
fn a_save_past_the_file_size_limit_is_shown_kept_and_retried_once_there_is_room() {
    if !tmux_available() || !prlimit_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let before = fs::read(&store).unwrap();
    let t = Term::shell(dir, 120, 30);
    // No regular file may grow past 0 blocks: like a full disk, and root is held to it too.
    // The dashboard must survive SIGXFSZ on its own, so the shell does not ignore it for it.
    t.run("ulimit -S -f 0");
    t.run(&format!(
        "'{BIN}' --store store.json --as-of 2026-03-31; echo \"exit=$?\""
    ));
    t.wait_for("Advocates");
    let pid = t.program_pid();
    t.keys(&[":"]);
    t.wait_for("Quick log");
    t.keys(&["-l", "@ada call phone \"written once there was room\""]);
    t.keys(&["Enter"]);
    let screen = t.wait_for("not saved");
    assert!(screen.contains("File too large"), "{screen}");
    assert!(screen.contains("UNSAVED"), "{screen}");
    assert!(alive(pid));
    assert_eq!(fs::read(&store).unwrap(), before, "the old file is intact");
    // The change is still on screen, from memory: the log lists it.
    t.keys(&["l"]);
    t.wait_for("written once there was room");
    // Quitting now would lose it, so it asks; no keeps it.
    t.keys(&["q"]);
    t.wait_for("Quit and lose them?");
    t.keys(&["n"]);
    t.wait_gone("Quit and lose them?");

    // Room again: the limit is lifted for the running dashboard, and Ctrl-S retries.
    let ok = Command::new("prlimit")
        .arg("--pid")
        .arg(pid.to_string())
        .arg("--fsize=unlimited:unlimited")
        .status()
        .unwrap();
    assert!(ok.success());
    t.keys(&["C-s"]);
    t.wait_gone("UNSAVED");
    let start = Instant::now();
    loop {
        let notes: Vec<String> = read_store(&store)
            .unwrap()
            .unwrap()
            .interactions
            .into_iter()
            .map(|x| x.note)
            .collect();
        if notes.contains(&"written once there was room".to_string()) {
            break;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the retry never reached the disk"
        );
        std::thread::sleep(Duration::from_millis(40));
    }
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_given_back();
}
