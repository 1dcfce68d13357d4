//! End to end: the dashboard in a shell in tmux, ended by signals instead of `q`. Each test
//! checks what the user finds afterwards: the shell prompt, a terminal given back (normal
//! screen, cursor shown, `stty` with icanon and echo), the store as it should be, the exit
//! status, what stderr said, and the input of an open form kept as a draft and reopened.

mod support_dash;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use ror_tui::store::{LockFile, LockKind, Store, read_store};
use support_dash::term::*;

/// The dashboard on `store.json`, then the exit status on a line of its own.
fn dashboard() -> String {
    format!("'{BIN}' --store store.json --as-of 2026-03-31; echo \"exit=$?\"")
}

fn load(path: &Path) -> Store {
    read_store(path).unwrap().unwrap()
}

/// Waits until `pred` holds for the store on disk.
fn wait_store(path: &Path, what: &str, pred: impl Fn(&Store) -> bool) {
    let start = Instant::now();
    while !read_store(path).ok().flatten().is_some_and(|s| pred(&s)) {
        assert!(start.elapsed() < DEADLINE, "the store never held {what}");
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// The draft file beside the store, parsed.
fn draft(store: &Path) -> serde_json::Value {
    let path = ror_tui::runtime::drafts::draft_path(store);
    assert_eq!(mode(&path), 0o600, "the draft is private");
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Opens the log form, picks Ada, and types a note (the channel stays the last one used).
fn half_fill_a_log(t: &Term, note: &str) {
    t.keys(&["a"]);
    t.wait_for("Log interaction");
    t.keys(&["-l", "Ada"]);
    t.wait_for("Ada Lovelace");
    t.keys(&["Enter"]); // Ada chosen; on to Kind
    t.wait_for("Kind");
    t.keys(&["Tab", "Tab", "Tab", "Tab"]); // Channel, Date, Direction, Note
    t.keys(&["-l", note]);
    t.wait_for(note);
}

#[test]
fn sigterm_gives_the_terminal_back_like_q_and_the_form_reopens_next_time() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let before = fs::read(&store).unwrap();
    let t = Term::shell(dir, 100, 30);

    // What `q` gives back, checked the same way, so the checks below mean something.
    t.run(&dashboard());
    t.wait_for("Advocates");
    assert_eq!(t.pane_format("#{alternate_on}"), "1");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.wait_prompt();
    t.assert_given_back();

    t.run(&dashboard());
    t.wait_for("Advocates");
    let pid = t.program_pid();
    // Listening for signals added no tick: idle, the loop sleeps until something happens.
    std::thread::sleep(Duration::from_millis(800)); // past the short polling after start-up
    let before_idle = wakeups(pid);
    std::thread::sleep(Duration::from_millis(1500));
    let woken = wakeups(pid) - before_idle;
    assert!(woken <= 2, "the idle loop woke {woken} times in 1.5 s");
    let note = "Promised the slides by Friday";
    half_fill_a_log(&t, note);
    signal(pid, "TERM");
    t.wait_for("exit=143");
    t.wait_prompt();
    t.assert_given_back();
    let screen = t.screen();
    assert!(screen.contains("ror-tui: stopped by SIGTERM"), "{screen}");
    assert!(
        screen.contains("Log interaction form is kept in store.json.draft"),
        "{screen}"
    );
    assert_eq!(fs::read(&store).unwrap(), before, "the store is untouched");
    let kept = draft(&store);
    assert_eq!(kept["reason"], "SIGTERM");
    assert_eq!(kept["draft"]["form"], "log");
    assert_eq!(kept["draft"]["fields"]["note"]["text"], note);
    assert_eq!(
        kept["draft"]["fields"]["contact"]["contact"],
        "0196a000-0000-7000-8000-000000000001"
    );

    // The next start reopens the form as it was; saving it logs the interaction.
    t.run(&dashboard());
    t.wait_for("reopened from a draft (SIGTERM");
    let screen = t.wait_for(note);
    assert!(screen.contains("Ada Lovelace"), "{screen}");
    let start = Instant::now();
    while ror_tui::runtime::drafts::draft_path(&store).exists() {
        assert!(start.elapsed() < DEADLINE, "the draft file stayed");
        std::thread::sleep(Duration::from_millis(40));
    }
    t.keys(&["C-s"]);
    t.wait_for("logged message with Ada Lovelace");
    wait_store(&store, "the note", |s| s.interactions.len() == 2);
    assert!(notes(&store).contains(&note.to_string()));
    t.keys(&["q"]);
    t.wait_for("exit=0");
}

#[test]
fn sighup_and_sigint_end_it_the_same_way() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let t = Term::shell(dir, 100, 30);

    // SIGHUP with the quick log half typed: kept.
    t.run(&dashboard());
    t.wait_for("Advocates");
    let pid = t.program_pid();
    t.keys(&[":"]);
    t.wait_for("Quick log");
    let line = "@ada call phone \"kept over a hang-up\"";
    t.keys(&["-l", line]);
    t.wait_for("kept over a hang-up");
    signal(pid, "HUP");
    t.wait_for("exit=129");
    t.wait_prompt();
    t.assert_given_back();
    assert!(t.screen().contains("stopped by SIGHUP"));
    let kept = draft(&store);
    assert_eq!(kept["draft"]["form"], "quick");
    assert_eq!(kept["draft"]["fields"]["line"]["text"], line);
    assert_eq!(load(&store).interactions.len(), 1);

    // SIGINT (from `kill`, as Ctrl-C is a key in the dashboard) after saving the reopened line.
    t.run(&dashboard());
    t.wait_for("reopened from a draft (SIGHUP");
    let pid = t.program_pid();
    t.keys(&["Enter"]);
    t.wait_for("logged call with Ada Lovelace");
    wait_store(&store, "the quick log", |s| s.interactions.len() == 2);
    signal(pid, "INT");
    t.wait_for("exit=130");
    t.wait_prompt();
    t.assert_given_back();
    let screen = t.screen();
    assert!(screen.contains("stopped by SIGINT"), "{screen}");
    assert!(
        screen.contains("every change made here is saved in store.json"),
        "{screen}"
    );
    assert!(notes(&store).contains(&"kept over a hang-up".to_string()));
    assert!(
        !ror_tui::runtime::drafts::draft_path(&store).exists(),
        "no form was open: no draft"
    );
}

#[test]
fn a_signal_waits_for_a_save_already_queued() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let before = fs::read(&store).unwrap();
    let t = Term::shell(dir, 100, 30);
    t.run(&dashboard());
    t.wait_for("Advocates");
    let pid = t.program_pid();
    // Another writer holds the write lock, so the dashboard's save waits for it.
    let lock = LockFile::try_acquire(&store, LockKind::Write)
        .unwrap()
        .expect("the write lock is free");
    t.keys(&[":"]);
    t.wait_for("Quick log");
    t.keys(&["-l", "@ada call phone \"queued before the signal\""]);
    t.keys(&["Enter"]);
    t.wait_for("logged call with Ada Lovelace");
    signal(pid, "TERM");
    std::thread::sleep(Duration::from_millis(500));
    assert!(alive(pid), "it waits for the queued save");
    assert_eq!(fs::read(&store).unwrap(), before);
    drop(lock);
    t.wait_for("exit=143");
    t.assert_given_back();
    let screen = t.screen();
    assert!(
        screen.contains("every change made here is saved in store.json"),
        "{screen}"
    );
    assert!(notes(&store).contains(&"queued before the signal".to_string()));
}

#[test]
fn closing_the_terminal_keeps_the_draft_and_ends_the_process() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let data = dir.path().join("data");
    let t = Term::shell(dir, 100, 30);
    t.run(&dashboard());
    t.wait_for("Advocates");
    let pid = t.program_pid();
    t.keys(&[":"]);
    t.wait_for("Quick log");
    t.keys(&["-l", "@ada call phone \"saved before the hang-up\""]);
    t.keys(&["Enter"]);
    wait_store(&store, "the quick log", |s| s.interactions.len() == 2);
    let note = "Typed when the window closed";
    half_fill_a_log(&t, note);
    // The window closes: the terminal is gone, the shell and the dashboard get SIGHUP.
    let ok = std::process::Command::new("tmux")
        .args(["-L", &t.socket, "kill-window"])
        .status()
        .unwrap();
    assert!(ok.success());
    wait_ended(pid, DEADLINE);
    assert_eq!(draft(&store)["draft"]["fields"]["note"]["text"], note);
    let notes = notes(&store);
    assert!(notes.contains(&"saved before the hang-up".to_string()));
    assert!(
        !notes.contains(&note.to_string()),
        "a draft is not a record"
    );
    assert!(
        !data.join("ror-tui/crash-reports").exists(),
        "it ended without a panic"
    );
}

#[test]
fn a_reopened_draft_survives_a_hang_up_before_any_key() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let line = "@ada call phone \"typed two sessions ago\"";
    let draft_file = ror_tui::runtime::drafts::draft_path(&store);
    let kept = serde_json::json!({
        "ror_tui_draft": 1,
        "kept_at": "2026-03-31T12:00:00Z",
        "reason": "SIGTERM",
        "draft": { "form": "quick", "fields": { "line": { "type": "text", "text": line } } }
    });
    fs::write(&draft_file, kept.to_string()).unwrap();
    let t = Term::shell(dir, 100, 30);
    t.run(&dashboard());
    t.wait_for("reopened from a draft (SIGTERM");
    let pid = t.program_pid();
    let start = Instant::now();
    while draft_file.exists() {
        assert!(start.elapsed() < DEADLINE, "the draft file stayed");
        std::thread::sleep(Duration::from_millis(40));
    }
    // The window closes before any key: the input is only in the reopened form.
    let ok = std::process::Command::new("tmux")
        .args(["-L", &t.socket, "kill-window"])
        .status()
        .unwrap();
    assert!(ok.success());
    wait_ended(pid, DEADLINE);
    let again = draft(&store);
    assert_eq!(again["reason"], "SIGHUP");
    assert_eq!(again["draft"]["fields"]["line"]["text"], line);
}

/// Ctrl-Z (or a SIGTSTP from outside) suspends like other terminal programs: the shell gets a
/// terminal in its normal state, and `fg` brings the dashboard back, redrawn, with the open
/// form's input as it was; keys typed meanwhile do not echo into the frame.
#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_redraws_with_the_form_kept() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let t = Term::shell(dir, 100, 30);
    t.run(&dashboard());
    t.wait_for("Advocates");
    let note = "Call back about the invoice";
    half_fill_a_log(&t, note);

    t.keys(&["C-z"]);
    let screen = t.wait_prompt();
    assert!(screen.contains("Stopped"), "{screen}");
    t.assert_given_back();
    // The shell works as usual while the dashboard is stopped.
    assert_eq!(t.output_of("echo typed-here").trim(), "typed-here");

    t.run("fg");
    let screen = t.wait_for(note);
    assert!(screen.contains("Log interaction"), "{screen}");
    assert!(!screen.contains("typed-here"), "redrawn whole:\n{screen}");
    assert_eq!(t.pane_format("#{alternate_on}"), "1");

    // A SIGTSTP from another program suspends it the same way; SIGCONT from `fg` resumes.
    let pid = t.program_pid();
    signal(pid, "TSTP");
    t.wait_prompt();
    t.assert_given_back();
    t.run("fg");
    t.wait_for(note);
    assert_eq!(t.pane_format("#{alternate_on}"), "1");

    // Still a working dashboard: saving the form logs the interaction, and q ends it. (The
    // shell ran the `echo exit=$?` after the command line when the job first stopped, so the
    // end is seen in the process list.)
    t.keys(&["C-s"]);
    wait_store(&store, "the logged call", |s| {
        s.interactions.iter().any(|x| x.note == note)
    });
    t.keys(&["q"]);
    wait_ended(pid, DEADLINE);
    t.wait_prompt();
    t.assert_given_back();
}

/// SIGQUIT (Ctrl-\ in a shell) ends the dashboard like SIGTERM: the terminal given back, the
/// open form's input kept as a draft, exit 131.
#[test]
fn sigquit_ends_like_sigterm_and_keeps_the_form() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = ada_store_file(dir.path());
    let t = Term::shell(dir, 100, 30);
    t.run(&dashboard());
    t.wait_for("Advocates");
    let note = "Sent the recording";
    half_fill_a_log(&t, note);
    signal(t.program_pid(), "QUIT");
    t.wait_for("exit=131");
    let screen = t.wait_prompt();
    t.assert_given_back();
    assert!(screen.contains("ror-tui: stopped by SIGQUIT"), "{screen}");
    let kept = draft(&store);
    assert_eq!(kept["reason"], "SIGQUIT");
    assert_eq!(kept["draft"]["fields"]["note"]["text"], note);
}
