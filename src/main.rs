use std::process::ExitCode;

use clap::Parser;
use ror_tui::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ror-tui: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Check) => {
            let path = ror_tui::paths::store_path(cli.store)?;
            let ok = ror_tui::cli::check::run(&path, &mut std::io::stdout().lock())?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Some(Command::Generate(args)) => {
            ror_tui::cli::generate::run(&args)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let as_of = cli.as_of.unwrap_or_else(ror_tui::cli::today);
            let store = if cli.demo {
                std::path::PathBuf::new()
            } else {
                ror_tui::paths::store_path(cli.store)?
            };
            ror_tui::runtime::run(ror_tui::runtime::Options {
                store,
                demo: cli.demo,
                as_of,
                read_only: cli.read_only,
                config_dir: ror_tui::paths::config_dir().ok(),
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
