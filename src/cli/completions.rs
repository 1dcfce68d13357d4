//! `ror-tui completions bash|zsh|fish`: a completion script for the shell, on stdout.

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui completions bash > ~/.local/share/bash-completion/completions/ror-tui
  ror-tui completions zsh > \"${fpath[1]}/_ror-tui\"
  ror-tui completions fish > ~/.config/fish/completions/ror-tui.fish";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: Shell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

pub fn run(args: &CompletionsArgs, out: &mut impl Write) {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut super::Cli::command(), "ror-tui", out);
}
