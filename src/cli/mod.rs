//! Command-line interface: the dashboard by default, plus companion subcommands.

pub mod cells;
pub mod check;
pub mod compact;
pub mod completions;
pub mod contacts;
pub mod export;
pub mod fields;
pub mod followups;
pub mod generate;
pub mod import;
pub mod log;
pub mod merge;
pub mod merge_contacts;
pub mod report;
pub mod update;

use std::fmt;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use jiff::civil::Date;

#[derive(Debug, Parser)]
#[command(
    name = "ror-tui",
    version,
    about = "Measure the Return on Relationship of your community, from the terminal",
    after_help = "Examples:\n  ror-tui --demo                 open the dashboard on the bundled demo community\n  ror-tui --store team.json      open the dashboard on a store file\n  ror-tui check                  validate the store\n  ror-tui report --format md     the standup digest of the last 30 days\n\nThe store is --store PATH, else $ROR_TUI_STORE, else <data dir>/ror-tui/store.json."
)]
pub struct Cli {
    /// The store file (default: $ROR_TUI_STORE, else <data dir>/ror-tui/store.json)
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// The bundled demo community, in memory (nothing is written): for the dashboard and for
    /// `check`, `report` and `export`
    #[arg(long, global = true, conflicts_with = "store")]
    pub demo: bool,

    /// Show figures as of this date (YYYY-MM-DD, yesterday, -3d, ...) instead of today
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = report::parse_as_of)]
    pub as_of: Option<Date>,

    /// Open the store without ever writing to it
    #[arg(long)]
    pub read_only: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a store and list every problem (exit 1 if any)
    #[command(
        after_help = "Examples:\n  ror-tui check\n  ror-tui check --store ~/community/store.json"
    )]
    Check,
    /// Record one interaction with a contact
    #[command(after_help = log::AFTER_HELP)]
    Log(log::LogArgs),
    /// Bring in history: a platform's export (LinkedIn, Slack, Discord, Mailchimp, SendGrid,
    /// Substack, beehiiv, Shopify, Stripe, GitHub) or a CSV
    #[command(after_help = import::AFTER_HELP)]
    Import(import::ImportArgs),
    /// Write interactions, contacts or investments as CSV, JSON or JSON Lines
    #[command(after_help = export::AFTER_HELP)]
    Export(export::ExportArgs),
    /// The figures of a period against the previous one, for a terminal, a chat or a script
    #[command(after_help = report::AFTER_HELP)]
    Report(report::ReportArgs),
    /// What is due: stay in touch, members at risk, negative feedback (exit 3 when anything is)
    #[command(after_help = followups::FOLLOWUPS_HELP)]
    Followups(followups::FollowupsArgs),
    /// One short line for a shell prompt or a tmux status bar: ROR 56 ▼7 · 3 overdue · 2 waiting
    #[command(after_help = followups::STATUS_HELP)]
    Status(followups::StatusArgs),
    /// Rewrite the store file in order, without the lines later ones replaced
    #[command(after_help = compact::AFTER_HELP)]
    Compact,
    /// Merge contacts that are one person into the first named
    #[command(after_help = merge_contacts::AFTER_HELP)]
    MergeContacts(merge_contacts::MergeContactsArgs),
    /// Merge two versions of a store by record: git's merge driver
    #[command(after_help = merge::AFTER_HELP)]
    Merge(merge::MergeArgs),
    /// Print a shell completion script
    #[command(after_help = completions::AFTER_HELP)]
    Completions(completions::CompletionsArgs),
    /// Write a generated community store (the demo, or a large one for benchmarks)
    #[command(
        hide = true,
        after_help = "Examples:\n  ror-tui generate --demo -o assets/demo-store.json\n  ror-tui generate --contacts 10000 --interactions 100000 -o big.json"
    )]
    Generate(generate::GenerateArgs),
}

/// A problem with how a command was called (a flag value, the columns of a file): exit code 2,
/// like clap's own usage errors. Data problems (a bad row, an unknown contact) are plain errors
/// and exit 1.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// Returns early with a [`UsageError`].
#[macro_export]
macro_rules! usage_bail {
    ($($arg:tt)*) => {
        return Err($crate::cli::UsageError(format!($($arg)*)).into())
    };
}

/// The store a command that only reads (`check`, `report`, `export`) works on.
pub struct ReadFrom {
    path: PathBuf,
    /// Holds the demo's file while the command reads it; removed when this is dropped.
    _demo: Option<tempfile::TempDir>,
}

impl ReadFrom {
    /// The store at `--store` (or its default), or with `demo` the bundled demo, its history
    /// ending on `today` as the dashboard shows it, written to a private temporary folder.
    pub fn new(demo: bool, store: Option<PathBuf>, today: Date) -> anyhow::Result<ReadFrom> {
        if !demo {
            return Ok(ReadFrom {
                path: crate::paths::store_path(store)?,
                _demo: None,
            });
        }
        let dir = tempfile::Builder::new().prefix("ror-tui-demo").tempdir()?;
        let path = dir.path().join("demo-store.json");
        let store = crate::demo::demo_store(today);
        std::fs::write(&path, crate::store::to_store_json(&store))?;
        Ok(ReadFrom {
            path,
            _demo: Some(dir),
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// How messages name the store: `demo`, or its path.
    pub fn shown(&self) -> &std::path::Path {
        if self._demo.is_some() {
            std::path::Path::new("demo")
        } else {
            &self.path
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone (`ror-tui export | head`),
/// through whichever writer met it.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

/// Today's date in the local time zone.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

/// The local date and time, which date phrases such as `now` or `-3d` count from.
pub fn now() -> jiff::civil::DateTime {
    jiff::Zoned::now().datetime()
}
