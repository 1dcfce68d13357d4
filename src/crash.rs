//! Crash reports: when ror-tui panics, a report goes to `<data dir>/crash-reports/` as
//! `crash-<UTC time>.txt` (mode 0600) and stderr says where it is.
//!
//! The report holds what fixing the bug needs and nothing from the store: the version, the OS
//! and architecture, the thread, the source location and the backtrace's function names (no
//! file paths, which can hold a user name). A panic's message is kept only when it is a literal
//! written in the code (a `&'static str` payload); a formatted message (a `String` payload) may
//! quote a name or a note formatted into it, so it is left out. The message still appears on
//! the user's own terminal, as Rust prints it but sanitised: a name quoted in it can carry
//! escape sequences.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

/// Set to `1`, makes the dashboard panic at the first key, with a message that quotes the first
/// contact's name, to test crash reports end to end. Documented in docs/RELIABILITY.md only.
pub const CRASH_TEST_ENV: &str = "ROR_TUI_CRASH_TEST";

/// What a crash report says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub version: &'static str,
    pub os: &'static str,
    pub arch: &'static str,
    pub thread: String,
    /// `file:line:column` of the panic, without the folders a user's name could be in.
    pub location: Option<String>,
    /// The panic's message, only when it is a literal in the code.
    pub message: Option<&'static str>,
    /// The backtrace's function names, innermost first.
    pub functions: Vec<String>,
    pub at: jiff::Timestamp,
}

impl Report {
    fn of(info: &PanicHookInfo<'_>) -> Report {
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        Report {
            version: env!("CARGO_PKG_VERSION"),
            os: std::env::consts::OS,
            arch: std::env::consts::ARCH,
            thread: std::thread::current()
                .name()
                .unwrap_or("unnamed")
                .to_string(),
            location: info
                .location()
                .map(|l| format!("{}:{}:{}", short_path(l.file()), l.line(), l.column())),
            message: info.payload().downcast_ref::<&'static str>().copied(),
            functions: function_names(&backtrace),
            at: jiff::Timestamp::now(),
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::from("ror-tui crash report\n\n");
        let _ = writeln!(out, "version:  {}", self.version);
        let _ = writeln!(out, "system:   {} {}", self.os, self.arch);
        let _ = writeln!(out, "time:     {}", self.at.strftime("%Y-%m-%dT%H:%M:%SZ"));
        let _ = writeln!(out, "thread:   {}", self.thread);
        let _ = writeln!(
            out,
            "location: {}",
            self.location.as_deref().unwrap_or("unknown")
        );
        let _ = writeln!(
            out,
            "message:  {}",
            self.message.unwrap_or(
                "(left out: a formatted message may quote names or notes from the store)"
            )
        );
        out.push_str("\nbacktrace (function names only):\n");
        if self.functions.is_empty() {
            out.push_str("  (not available)\n");
        }
        for (i, f) in self.functions.iter().enumerate() {
            let _ = writeln!(out, "  {i:>3}: {f}");
        }
        out
    }
}

/// The function names of a backtrace as Rust prints it (`  3: name` lines, each followed by an
/// `at file:line` line, which is dropped).
pub fn function_names(backtrace: &str) -> Vec<String> {
    backtrace
        .lines()
        .filter_map(|line| {
            let (n, name) = line.trim_start().split_once(": ")?;
            (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| name.to_string())
        })
        .collect()
}

/// A source path as it goes in a report: this crate's own paths are relative already; a
/// dependency's keeps `crate-version/...`, the standard library's `library/...`; any other
/// absolute path keeps only its file name.
pub fn short_path(file: &str) -> String {
    let p = file.replace('\\', "/");
    if !p.starts_with('/') && !p.contains(':') {
        return p;
    }
    if let Some((_, rest)) = p.split_once("/registry/src/") {
        // `index.crates.io-xxxx/crate-1.2.3/src/lib.rs` → `crate-1.2.3/src/lib.rs`
        return rest.split_once('/').map_or(rest, |(_, r)| r).to_string();
    }
    if let Some(i) = p.find("/library/") {
        return p[i + 1..].to_string();
    }
    p.rsplit('/').next().unwrap_or_default().to_string()
}

/// Adds crash reports to the panic hook: the hook in place runs first (Rust's message on
/// stderr), then the report is written to `dir` and stderr says where. `None`: no data folder
/// was found, which stderr says instead.
pub fn install(dir: Option<PathBuf>) {
    std::panic::set_hook(Box::new(move |info| {
        // Not `eprintln!`: it panics when stderr is gone, and a panic in the hook aborts.
        let _ = io::stderr().write_all(panic_message(info).as_bytes());
        let report = Report::of(info);
        let said = match dir.as_deref().map(|d| (d, write(d, &report))) {
            Some((_, Ok(path))) => format!(
                "ror-tui: this is a bug. A crash report without names or notes is in {}; \
                 please attach it when you report the bug.",
                crate::sanitize::text(&path.display().to_string())
            ),
            Some((d, Err(e))) => format!(
                "ror-tui: this is a bug; no crash report could be written in {}: {e}",
                crate::sanitize::text(&d.display().to_string())
            ),
            None => "ror-tui: this is a bug; no data folder for a crash report".to_string(),
        };
        // Not `eprintln!`: it panics when stderr is gone, and a panic in the hook aborts.
        let _ = writeln!(io::stderr(), "{said}");
    }));
}

/// What Rust's own hook prints for a panic (thread, place, message, and the backtrace when
/// `RUST_BACKTRACE` asks for it), with the message sanitised.
fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let thread = std::thread::current();
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    let mut out = format!(
        "\nthread '{}' panicked",
        thread.name().unwrap_or("<unnamed>")
    );
    if let Some(l) = info.location() {
        let _ = write!(out, " at {}:{}:{}", l.file(), l.line(), l.column());
    }
    let _ = writeln!(out, ":\n{}", crate::sanitize::text(message));
    let backtrace = std::backtrace::Backtrace::capture();
    if backtrace.status() == std::backtrace::BacktraceStatus::Captured {
        let _ = writeln!(out, "stack backtrace:\n{backtrace}");
    } else {
        out.push_str(
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
        );
    }
    crate::sanitize::text(&out).into_owned()
}

/// Writes the report as a new private file in `dir` (created, mode 0700, if missing).
pub fn write(dir: &Path, report: &Report) -> io::Result<PathBuf> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    let stamp = report.at.strftime("%Y%m%dT%H%M%SZ").to_string();
    let text = report.render();
    for n in 1..=100 {
        let name = if n == 1 {
            format!("crash-{stamp}.txt")
        } else {
            format!("crash-{stamp}-{n}.txt")
        };
        let path = dir.join(name);
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "too many crash reports in the same second",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKTRACE: &str = "   0: __rustc::rust_begin_unwind
             at /rustc/5980/library/std/src/panicking.rs:689:5
   1: core::panicking::panic_fmt
             at /rustc/5980/library/core/src/panicking.rs:80:14
   2: ror_tui::runtime::event_loop
             at /home/alice/ror-tui/src/runtime/mod.rs:312:17
  10: main
";

    #[test]
    fn a_backtrace_keeps_function_names_and_drops_paths() {
        assert_eq!(
            function_names(BACKTRACE),
            [
                "__rustc::rust_begin_unwind",
                "core::panicking::panic_fmt",
                "ror_tui::runtime::event_loop",
                "main"
            ]
        );
    }

    #[test]
    fn paths_lose_the_folders_a_user_name_could_be_in() {
        assert_eq!(short_path("src/runtime/mod.rs"), "src/runtime/mod.rs");
        assert_eq!(
            short_path(
                "/home/alice/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/crossterm-0.29.0/src/event.rs"
            ),
            "crossterm-0.29.0/src/event.rs"
        );
        assert_eq!(
            short_path("/rustc/5980/library/core/src/option.rs"),
            "library/core/src/option.rs"
        );
        assert_eq!(short_path("/home/alice/work/vendored/x.rs"), "x.rs");
    }

    fn report(message: Option<&'static str>) -> Report {
        Report {
            version: "0.1.0",
            os: "linux",
            arch: "x86_64",
            thread: "main".into(),
            location: Some("src/runtime/mod.rs:312:17".into()),
            message,
            functions: function_names(BACKTRACE),
            at: "2026-03-31T12:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_report_says_where_and_when_and_keeps_only_literal_messages() {
        let text = report(Some("called `Option::unwrap()` on a `None` value")).render();
        for part in [
            "version:  0.1.0",
            "system:   linux x86_64",
            "time:     2026-03-31T12:00:00Z",
            "thread:   main",
            "location: src/runtime/mod.rs:312:17",
            "message:  called `Option::unwrap()` on a `None` value",
            "    2: ror_tui::runtime::event_loop",
        ] {
            assert!(text.contains(part), "missing {part:?} in:\n{text}");
        }
        assert!(!text.contains("alice"), "{text}");
        let without = report(None).render();
        assert!(without.contains("message:  (left out"), "{without}");
    }

    #[test]
    fn reports_are_private_files_that_never_overwrite_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("crash-reports");
        let one = write(&reports, &report(None)).unwrap();
        let two = write(&reports, &report(None)).unwrap();
        assert_ne!(one, two);
        assert_eq!(
            one.file_name().unwrap().to_str().unwrap(),
            "crash-20260331T120000Z.txt"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&one), 0o600);
            assert_eq!(mode(&two), 0o600);
            assert_eq!(mode(&reports), 0o700);
        }
        assert_eq!(fs::read_to_string(&one).unwrap(), report(None).render());
    }
}
