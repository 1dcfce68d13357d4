//! A large platform import in a real terminal shows a progress bar on stderr while it works,
//! finishes, says what it did, and leaves no bar behind; the same import with stderr sent to a
//! file writes nothing there.

mod support_dash;

use std::path::Path;

use support_dash::term::*;

/// A Slack export of `days` × 250 messages in #general, each with a reaction: some megabytes,
/// enough for the bar to be on screen a while in a debug build.
fn big_slack_export(dir: &Path, days: usize) {
    let users: Vec<String> = (0..500)
        .map(|i| {
            format!(
                r#"{{"id":"U{i:08}","name":"user{i}","real_name":"Person {i}","profile":{{"email":"p{i}@example.com"}}}}"#
            )
        })
        .collect();
    std::fs::write(dir.join("users.json"), format!("[{}]", users.join(","))).unwrap();
    std::fs::write(
        dir.join("channels.json"),
        r#"[{"id":"C0GENERAL","name":"general","is_general":true}]"#,
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("general")).unwrap();
    let mut ts = 1_700_000_000u64;
    for d in 0..days {
        let msgs: Vec<String> = (0..250)
            .map(|k| {
                ts += 7;
                format!(
                    r#"{{"type":"message","user":"U{:08}","text":"thanks, the release notes answered everything I had been asking about","ts":"{ts}.{k:06}","reactions":[{{"name":"tada","users":["U{:08}"]}}]}}"#,
                    (d * 31 + k) % 500,
                    (d * 17 + k) % 500
                )
            })
            .collect();
        let day = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(d as i64))
            .unwrap();
        std::fs::write(
            dir.join(format!("general/{day}.json")),
            format!("[{}]", msgs.join(",")),
        )
        .unwrap();
    }
}

#[test]
fn a_large_import_in_a_terminal_shows_a_bar_and_clears_it() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir_all(&export).unwrap();
    big_slack_export(&export, 300);
    let t = Term::shell(dir, 100, 20);
    t.run(&format!(
        "'{BIN}' --store store.json import export; echo \"exit=$?\""
    ));
    let shown = t.wait("the progress bar", |s| {
        s.contains("reading") && s.contains("MiB") && s.contains('[')
    });
    assert!(
        shown.contains("reading export") || shown.contains("reading the slack export"),
        "{shown}"
    );
    let done = t.wait_for("exit=0");
    assert!(
        done.contains("imported from slack export export/: 150000 interactions"),
        "{done}"
    );
    assert!(
        !done.contains("MiB") && !done.contains("bringing in"),
        "the bar is cleared: {done}"
    );
    t.wait_prompt();

    // Sent to a file, stderr stays empty: the bar is for people, not logs.
    let out = t.output_of(
        "'{BIN}' --store again.json import export 2>err.txt >out.txt; echo \"exit=$?\""
            .replace("{BIN}", BIN)
            .as_str(),
    );
    assert!(out.contains("exit=0"), "{out}");
    let err = std::fs::read_to_string(t.path().join("err.txt")).unwrap();
    assert_eq!(err, "", "nothing on a stderr that is not a terminal");
    let summary = std::fs::read_to_string(t.path().join("out.txt")).unwrap();
    assert!(summary.contains("150000 interactions"), "{summary}");
}

#[test]
fn a_small_folder_import_finishes_and_leaves_no_bar_behind() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/platforms/slack");
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
