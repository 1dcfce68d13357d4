//! A real terminal for end-to-end tests: the binary in a detached tmux session, keys sent with
//! `send-keys`, the screen read with `capture-pane`, every wait with a deadline.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_ror-tui");
pub const DEADLINE: Duration = Duration::from_secs(15);

pub fn tmux_available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!("tmux is required for the end-to-end tests when CI is set");
        }
        eprintln!("note: tmux is not installed; skipping the end-to-end dashboard test");
    }
    found
}

/// One detached tmux server and session running a shell command, killed on drop.
pub struct Term {
    pub socket: String,
    pub dir: tempfile::TempDir,
}

impl Term {
    /// Starts `args` in a `w`×`h` terminal. When the program ends, `stty -a` and its exit status
    /// are written to files in the temp dir, so the test can check the terminal was restored.
    pub fn start(args: &[&str], w: u16, h: u16) -> Term {
        Self::start_in(tempfile::tempdir().expect("temp dir"), args, w, h)
    }

    /// As [`Term::start`], in a folder prepared by the test (the program starts there).
    pub fn start_in(dir: tempfile::TempDir, args: &[&str], w: u16, h: u16) -> Term {
        Self::start_with(dir, "", args, w, h)
    }

    /// As [`Term::start_in`], with extra `NAME=value` words for the environment.
    pub fn start_with(dir: tempfile::TempDir, env: &str, args: &[&str], w: u16, h: u16) -> Term {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "ror-e2e-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let d = dir.path().display().to_string();
        let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
        let script = format!(
            "cd '{d}' && env HOME='{d}' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' \
             TERM=xterm-256color TZ=UTC {env} '{BIN}' {}; echo $? > '{d}/exit'; stty -a > '{d}/stty.tmp'; \
             mv '{d}/stty.tmp' '{d}/stty'; sleep 120",
            quoted.join(" ")
        );
        let ok = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(w.to_string())
            .arg("-y")
            .arg(h.to_string())
            .arg(script)
            .status()
            .expect("run tmux");
        assert!(ok.success(), "tmux new-session failed");
        Term { socket, dir }
    }

    /// An interactive shell (bash, prompt `ror$ `) in a `w`×`h` terminal, started in `dir` with
    /// HOME and the XDG folders inside it; the test types command lines with [`Term::run`].
    /// Used where the test must see what the user sees after the program ends: the prompt,
    /// the messages on stderr, a terminal that echoes again.
    pub fn shell(dir: tempfile::TempDir, w: u16, h: u16) -> Term {
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "ror-sh-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let d = dir.path().display().to_string();
        let script = format!(
            "cd '{d}' && exec env HOME='{d}' XDG_CONFIG_HOME='{d}/config' XDG_DATA_HOME='{d}/data' \
             TERM=xterm-256color TZ=UTC HISTFILE=/dev/null PS1='ror$ ' PROMPT_COMMAND= \
             bash --norc --noprofile -i"
        );
        let ok = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(w.to_string())
            .arg("-y")
            .arg(h.to_string())
            .arg(script)
            .status()
            .expect("run tmux");
        assert!(ok.success(), "tmux new-session failed");
        let t = Term { socket, dir };
        t.wait_prompt();
        t
    }

    /// Types a command line into the shell and presses Enter.
    pub fn run(&self, line: &str) {
        self.keys(&["-l", line]);
        self.keys(&["Enter"]);
    }

    /// Waits until the shell prompt is the last line on the screen, with nothing typed after it.
    pub fn wait_prompt(&self) -> String {
        self.wait("the shell prompt", |s| {
            s.lines().rev().find(|l| !l.trim().is_empty()) == Some("ror$")
        })
    }

    /// Runs `command` in the shell and returns what it printed (between two markers).
    pub fn output_of(&self, command: &str) -> String {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let (start, end) = (format!("<<{n}>>"), format!("<</{n}>>"));
        self.run(&format!("echo '{start}'; {command}; echo '{end}'"));
        let s = self.wait(&format!("output of {command}"), |s| {
            s.lines().any(|l| l == end)
        });
        let lines: Vec<&str> = s.lines().collect();
        let from = lines
            .iter()
            .rposition(|l| *l == start)
            .expect("start marker")
            + 1;
        let to = lines.iter().rposition(|l| *l == end).expect("end marker");
        lines[from..to].join("\n")
    }

    /// A `tmux display` format for the pane (`#{alternate_on}`, `#{cursor_flag}`).
    pub fn pane_format(&self, format: &str) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "display", "-p", format])
            .output()
            .expect("tmux display");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The pid of the program the shell is running (a child of the pane's shell named
    /// `ror-tui`), waiting until it has started.
    pub fn program_pid(&self) -> u32 {
        let shell: u32 = self.pane_format("#{pane_pid}").parse().expect("pane pid");
        let start = Instant::now();
        loop {
            if let Some(pid) = child_named(shell, "ror-tui") {
                return pid;
            }
            if start.elapsed() > DEADLINE {
                panic!("ror-tui did not start; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Checks what leaving the dashboard must give back, as the terminal itself reports it:
    /// the normal screen, a visible cursor, and a line discipline that echoes and edits lines.
    pub fn assert_given_back(&self) {
        assert_eq!(
            self.pane_format("#{alternate_on}"),
            "0",
            "still on the alternate screen"
        );
        assert_eq!(self.pane_format("#{cursor_flag}"), "1", "cursor hidden");
        assert_restored(&self.output_of("stty -a"));
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The screen with its colours and attributes, as escape sequences.
    pub fn styled_screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-e"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until `what` holds for the screen, or fails showing the screen.
    pub fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait(&format!("`{text}`"), |s| s.contains(text))
    }

    pub fn wait_gone(&self, text: &str) -> String {
        self.wait(&format!("`{text}` to go"), |s| !s.contains(text))
    }

    pub fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .expect("send-keys");
        assert!(ok.success());
    }

    /// Waits for the program to end; returns (exit status text, `stty -a` after it).
    pub fn finished(&self) -> (String, String) {
        let stty = self.path().join("stty");
        let start = Instant::now();
        while !stty.exists() {
            if start.elapsed() > DEADLINE {
                panic!("the program did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        let exit = std::fs::read_to_string(self.path().join("exit")).unwrap_or_default();
        (
            exit.trim().to_string(),
            std::fs::read_to_string(stty).unwrap(),
        )
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // The server may be gone already (a test closed its last window).
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// `stty -a` lists `icanon` and `echo`, or `-icanon` / `-echo` while raw mode is still on.
pub fn assert_restored(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    assert!(
        words.contains(&"icanon"),
        "canonical mode not restored:\n{stty}"
    );
    assert!(words.contains(&"echo"), "echo not restored:\n{stty}");
}

/// The first child of `parent` whose command name is `name`, from `/proc`.
pub fn child_named(parent: u32, name: &str) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces, so split at the last ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let comm = head.split_once('(').map_or("", |(_, c)| c);
        let ppid = rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        if comm == name && ppid == Some(parent) {
            return Some(pid);
        }
    }
    None
}

/// Whether a process is still running (a zombie waiting to be reaped has ended).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| r.trim_start().starts_with('Z'))
        })
        .is_some_and(|zombie| !zombie)
}

/// Sends a signal with `kill -NAME pid`.
pub fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("kill");
    assert!(ok.success(), "kill -{name} {pid} failed");
}

/// Waits until `pid` has ended.
pub fn wait_ended(pid: u32, deadline: Duration) {
    let start = Instant::now();
    while alive(pid) {
        assert!(
            start.elapsed() < deadline,
            "process {pid} still running after {deadline:?}"
        );
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// How many times the process's main thread has gone to sleep and been woken since it started
/// (`voluntary_ctxt_switches`): a loop that ticks adds to it all the time, one that sleeps until
/// input arrives does not.
pub fn wakeups(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

/// A store with one contact (Ada Lovelace, 2026-01-05) and one comment of hers (2026-03-20,
/// "Love the release"), written as `store.json` in `dir`.
pub fn ada_store_file(dir: &Path) -> std::path::PathBuf {
    let store = r#"{
  "schema": 1,
  "contacts": [
    { "id": "0196a000-0000-7000-8000-000000000001", "name": "Ada Lovelace", "created": "2026-01-05" }
  ],
  "interactions": [
    { "id": "0196a000-0000-7000-8000-000000000002", "contact": "0196a000-0000-7000-8000-000000000001",
      "at": "2026-03-20", "channel": "forum", "kind": "comment", "note": "Love the release" }
  ]
}"#;
    let path = dir.join("store.json");
    std::fs::write(&path, store).unwrap();
    path
}

/// The permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The notes of the interactions in the store on disk, in store order.
pub fn notes(path: &Path) -> Vec<String> {
    ror_tui::store::read_store(path)
        .unwrap()
        .expect("the store exists")
        .interactions
        .into_iter()
        .map(|x| x.note)
        .collect()
}

/// The store file at `path` as it is now, `None` while it does not exist or cannot be read.
pub fn load_store(path: &Path) -> Option<ror_tui::store::Store> {
    ror_tui::store::read_store(path).ok().flatten()
}

/// Waits until the store file holds what `pred` asks for (the dashboard saves on a worker),
/// and returns it; panics naming `what` after the deadline.
pub fn wait_store(
    path: &Path,
    what: &str,
    pred: impl Fn(&ror_tui::store::Store) -> bool,
) -> ror_tui::store::Store {
    let start = Instant::now();
    loop {
        if let Some(s) = load_store(path)
            && pred(&s)
        {
            return s;
        }
        if start.elapsed() > DEADLINE {
            panic!("timed out waiting for the store file to hold {what}");
        }
        std::thread::sleep(Duration::from_millis(40));
    }
}
