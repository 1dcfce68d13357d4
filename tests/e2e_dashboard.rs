//! End to end: the real binary in a tmux terminal, driven by keys, each followed by a wait for
//! what the user would see (with a deadline, never a fixed sleep). Skipped with a note when tmux
//! is missing on a developer machine; required when CI is set.

mod support_dash;

use std::process::Command;
use std::time::{Duration, Instant};

use support_dash::term::*;

#[test]
fn demo_tour_help_period_standup_and_quit() {
    if !tmux_available() {
        return;
    }
    let t = Term::start(&["--demo", "--as-of", "2026-03-31"], 120, 40);
    let s = t.wait_for("Advocates");
    for title in ["Engagement", "Sentiment", "Churn", "DEMO", "period 30d"] {
        assert!(s.contains(title), "missing {title}:\n{s}");
    }
    t.keys(&["?"]);
    t.wait_for("Focus the next pane");
    t.keys(&["Escape"]);
    t.wait_gone("Focus the next pane");
    t.keys(&["]"]);
    t.wait_for("period 90d");
    t.keys(&["s"]);
    t.wait_for("STANDUP");
    t.wait_for("1/8 Headlines");
    t.keys(&["Right"]);
    t.wait_for("2/8 Engagement");
    t.keys(&["Escape"]);
    t.wait_gone("STANDUP");
    t.wait_for("period 90d");
    t.keys(&["c"]);
    t.wait_for("sorted by last touch");
    t.keys(&["q"]);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);
}

#[test]
fn a_standup_is_recorded_in_the_store_and_a_second_dashboard_is_read_only() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = ada_store_file(dir.path());
    let first = Term::start_in(
        dir,
        &["--store", "store.json", "--as-of", "2026-03-31"],
        100,
        30,
    );
    first.wait_for("Advocates");
    let screen = first.screen();
    assert!(!screen.contains("READ-ONLY"), "{screen}");

    // A second dashboard on the same store cannot take the editor lock.
    let second_dir = first.path().display().to_string();
    let second = Term::start(
        &[
            "--store",
            &format!("{second_dir}/store.json"),
            "--as-of",
            "2026-03-31",
        ],
        100,
        30,
    );
    second.wait_for("READ-ONLY");
    second.keys(&["q"]);
    let (exit, _) = second.finished();
    assert_eq!(exit, "0");

    first.keys(&["s"]);
    first.wait_for("figures recorded for the next standup");
    first.keys(&["Escape"]);
    first.wait_gone("STANDUP");
    first.keys(&["q"]);
    let (exit, stty) = first.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);
    let saved = ror_tui::store::read_store(&path).unwrap().unwrap();
    let standups = &saved.standups;
    assert_eq!(standups.len(), 1);
    assert_eq!(standups[0].date.to_string(), "2026-03-31");
    // One contact active in the 30 days (Ada, Mar 20).
    assert_eq!(standups[0].figures.get("active_contacts"), Some(&1.0));
    // Everything else in the file is as it was.
    assert_eq!(saved.contacts[0].name, "Ada Lovelace");
    assert_eq!(saved.interactions.len(), 1);
}

#[test]
fn keys_come_from_the_config_file_and_its_mistakes_are_shown() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("config/ror-tui");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("config.json"),
        r#"{"theme": "mono", "keys": {"global.go_contacts": "K", "global.fly": "z"}}"#,
    )
    .unwrap();
    let t = Term::start_in(dir, &["--demo", "--as-of", "2026-03-31"], 100, 30);
    t.wait_for("Advocates");
    t.wait_for("global.fly");
    t.keys(&["K"]);
    t.wait_for("sorted by last touch");
    t.keys(&["q"]);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);
}

#[test]
fn a_small_window_says_so_and_recovers_when_enlarged() {
    if !tmux_available() {
        return;
    }
    let t = Term::start(&["--demo", "--as-of", "2026-03-31"], 100, 30);
    t.wait_for("Advocates");
    let resize = |w: &str, h: &str| {
        let ok = Command::new("tmux")
            .args(["-L", &t.socket, "resize-window", "-x", w, "-y", h])
            .status()
            .unwrap();
        assert!(ok.success());
    };
    resize("50", "12");
    t.wait_for("Terminal too small");
    resize("100", "30");
    t.wait_for("Advocates");
    t.keys(&["q"]);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "0");
    assert_restored(&stty);
}

#[test]
fn a_change_written_by_another_program_shows_up_without_restarting() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = ada_store_file(dir.path());
    let t = Term::start_in(
        dir,
        &["--store", "store.json", "--as-of", "2026-03-31"],
        100,
        30,
    );
    t.wait_for("Advocates");
    t.keys(&["c"]);
    t.wait_for("Ada Lovelace");
    // Another program (a `ror-tui log` from a shell, an editor) rewrites the file.
    let text = std::fs::read_to_string(&path).unwrap();
    let renamed = text.replace("Ada Lovelace", "Ada King");
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, renamed).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
    // The dashboard follows the file: no key is pressed, and it shows within a second or so.
    let start = Instant::now();
    t.wait_for("Ada King");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    t.wait_for("1 change from another program");
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
    // Nothing was written back: the file is theirs.
    assert!(std::fs::read_to_string(&path).unwrap().contains("Ada King"));
}

#[test]
fn an_interaction_logged_from_a_shell_appears_in_the_open_dashboard() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = ada_store_file(dir.path());
    let t = Term::start_in(
        dir,
        &["--store", "store.json", "--as-of", "2026-03-31"],
        100,
        30,
    );
    t.wait_for("Advocates");
    t.keys(&["l"]);
    t.wait_for("Interaction log 1");
    let out = Command::new(BIN)
        .args(["log", "--store"])
        .arg(&path)
        .args(["--contact", "Grace Hopper", "--create", "--kind", "call"])
        .args([
            "--channel",
            "phone",
            "--date",
            "2026-03-30",
            "--note",
            "Great call",
        ])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Without a key pressed: the dashboard follows the file on its own.
    let start = Instant::now();
    t.wait_for("Grace Hopper");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "shown after {:?}",
        start.elapsed()
    );
    t.wait_for("Interaction log 2");
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("Great call"),
        "the dashboard did not write over it"
    );
}

/// Whether text holds an SGR sequence that sets a colour (foreground or background, 8, 16 or
/// 256 colours, or RGB); attributes such as bold or reverse do not count.
fn has_colour(styled: &str) -> bool {
    styled.split("\u{1b}[").skip(1).any(|seq| {
        let Some(params) = seq.split('m').next() else {
            return false;
        };
        let nums: Vec<u32> = params.split(';').filter_map(|p| p.parse().ok()).collect();
        nums.iter().enumerate().any(|(i, n)| {
            matches!(n, 30..=37 | 40..=47 | 90..=97 | 100..=107)
                || (matches!(n, 38 | 48) && i + 1 < nums.len())
        })
    })
}

#[test]
fn no_color_gives_a_screen_without_colour_that_still_marks_the_focus() {
    if !tmux_available() {
        return;
    }
    let coloured = Term::start(&["--demo", "--as-of", "2026-03-31"], 100, 30);
    coloured.wait_for("Advocates");
    assert!(
        has_colour(&coloured.styled_screen()),
        "the default theme has colours"
    );
    coloured.keys(&["q"]);
    coloured.finished();

    let dir = tempfile::tempdir().unwrap();
    let plain = Term::start_with(
        dir,
        "NO_COLOR=1",
        &["--demo", "--as-of", "2026-03-31"],
        100,
        30,
    );
    plain.wait_for("Advocates");
    let styled = plain.styled_screen();
    assert!(!has_colour(&styled), "colour with NO_COLOR:\n{styled:?}");
    // The focused pane is still told apart: a heavy border and a marker.
    assert!(plain.screen().contains("┏ ▶ 1 Engagement"));
    plain.keys(&["q"]);
    let (exit, _) = plain.finished();
    assert_eq!(exit, "0");
}

#[test]
fn a_broken_store_is_reported_in_plain_text_and_left_alone() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::write(&path, "{\"schema\": 1, \"contacts\": [").unwrap();
    let t = Term::start_in(dir, &["--store", "store.json"], 100, 30);
    let (exit, stty) = t.finished();
    assert_eq!(exit, "1");
    assert_restored(&stty);
    let screen = t.wait_for("ror-tui: ");
    assert!(screen.contains("store.json"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"schema\": 1, \"contacts\": ["
    );
}
