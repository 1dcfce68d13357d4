//! What a long import shows on stderr while it works: a bar over the bytes it reads, then over
//! the bytes it parses, then a spinner while it brings the records in and saves. Nothing is
//! drawn when stderr is not a terminal (a script, a pipe, a log file: they get the summary
//! alone) or for a file small enough to be done before a bar could help (a folder always gets
//! one: walking it is already work).

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Bytes below which an import is done at once: no bar.
const WORTH_A_BAR: u64 = 1 << 20;

/// A bar for an import of `path` (a folder is always worth one); hidden when not wanted.
pub fn for_path(path: &Path) -> ProgressBar {
    let big = std::fs::metadata(path).is_ok_and(|m| m.is_dir() || m.len() > WORTH_A_BAR);
    shown_if(big)
}

/// A bar for `len` bytes of text; hidden when not wanted.
pub fn for_bytes(len: usize) -> ProgressBar {
    let bar = shown_if(len as u64 > WORTH_A_BAR);
    bar.set_length(len as u64);
    bar
}

fn shown_if(big: bool) -> ProgressBar {
    if !big || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bytes(&bar);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Shows `bar` as a bar over bytes: `reading … [=====>    ] 12.3 MiB/40.0 MiB 3s`.
pub fn bytes(bar: &ProgressBar) {
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg} [{wide_bar}] {bytes}/{total_bytes} {elapsed}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
}

/// Shows `bar` as a spinner, for work whose length is not known in bytes.
pub fn spinner(bar: &ProgressBar) {
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
        bar.set_style(style);
    }
}
