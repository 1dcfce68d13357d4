use std::process::ExitCode;

use clap::Parser;
use ror_tui::cli::{Cli, Command, UsageError};

fn main() -> ExitCode {
    // A panic anywhere writes a crash report (no names or notes) in the data folder.
    ror_tui::crash::install(
        ror_tui::paths::data_dir()
            .ok()
            .map(|d| d.join("crash-reports")),
    );
    // Past a file-size limit a save fails with an error the user sees, instead of the process
    // being killed by SIGXFSZ.
    ror_tui::runtime::survive_file_size_limit();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader closed the pipe (`| head`): it has what it wanted, which is no error.
        Err(e) if ror_tui::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Messages quote file names and user text: sanitise before they reach the terminal.
            eprintln!("ror-tui: {}", ror_tui::sanitize::text(&format!("{e:#}")));
            // A problem with how the command was called exits 2, like clap's usage errors.
            if e.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn status(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The store a command that only reads works on: the demo (written to a private temporary
/// folder, its history ending on `as_of`), or the store the user named.
fn store_to_read(cli: &Cli, as_of: jiff::civil::Date) -> anyhow::Result<ror_tui::cli::ReadFrom> {
    ror_tui::cli::ReadFrom::new(cli.demo, cli.store.clone(), as_of)
}

/// Commands that write refuse the demo, which is never written.
fn writable_store(cli: &Cli, what: &str) -> anyhow::Result<std::path::PathBuf> {
    if cli.demo {
        return Err(UsageError(format!(
            "--demo is the bundled demo, which is never written: `{what}` needs a store (--store PATH)"
        ))
        .into());
    }
    ror_tui::paths::store_path(cli.store.clone())
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let today = cli.as_of.unwrap_or_else(ror_tui::cli::today);
    match cli.command {
        Some(Command::Check) => {
            let from = store_to_read(&cli, today)?;
            let ok = ror_tui::cli::check::run_as(
                from.path(),
                from.shown(),
                &mut std::io::stdout().lock(),
            )?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Log(ref args)) => {
            let path = writable_store(&cli, "log")?;
            let store = ror_tui::cli::log::run(args, &path, &mut std::io::stdout().lock())?;
            ror_tui::store::release_at_exit(store);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Import(ref args)) => {
            let path = writable_store(&cli, "import")?;
            // Stderr is not held locked: a spinner writes to it from its own thread meanwhile.
            let ok = ror_tui::cli::import::run(
                args,
                &path,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr(),
            )?;
            Ok(status(ok))
        }
        Some(Command::Export(ref args)) => {
            let from = store_to_read(&cli, today)?;
            ror_tui::cli::export::run(args, from.path(), &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Report(ref args)) => {
            // `ror-tui --as-of D report` works as well as `ror-tui report --as-of D`.
            let as_of = args.as_of.unwrap_or(today);
            let from = store_to_read(&cli, as_of)?;
            ror_tui::cli::report::run(args, as_of, from.path(), &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Followups(ref args)) => {
            let from = store_to_read(&cli, today)?;
            let mut out = std::io::stdout().lock();
            let due = ror_tui::cli::followups::run_followups(args, today, from.path(), &mut out)?;
            Ok(if due {
                ExitCode::from(ror_tui::cli::followups::SOMETHING_DUE)
            } else {
                ExitCode::SUCCESS
            })
        }
        Some(Command::Status(ref args)) => {
            let from = store_to_read(&cli, today)?;
            ror_tui::cli::followups::run_status(
                args,
                today,
                from.path(),
                &mut std::io::stdout().lock(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Compact) => {
            let path = writable_store(&cli, "compact")?;
            ror_tui::cli::compact::run(&path, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::MergeContacts(ref args)) => {
            let path = writable_store(&cli, "merge-contacts")?;
            ror_tui::cli::merge_contacts::run(args, &path, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Merge(args)) => {
            ror_tui::cli::merge::run(&args, &mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions(args)) => {
            ror_tui::cli::completions::run(&args, &mut std::io::stdout().lock());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Generate(ref args)) => {
            ror_tui::cli::generate::run(args, cli.demo)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let as_of = today;
            let store = if cli.demo {
                std::path::PathBuf::new()
            } else {
                ror_tui::paths::store_path(cli.store)?
            };
            let ending = ror_tui::runtime::run(ror_tui::runtime::Options {
                store,
                demo: cli.demo,
                as_of,
                read_only: cli.read_only,
                config_dir: ror_tui::paths::config_dir().ok(),
            })?;
            Ok(ExitCode::from(ending.exit_status()))
        }
    }
}
