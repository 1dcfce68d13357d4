//! Every subcommand explains itself with examples, and shells can complete all of them.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;

/// The subcommands a user sees (`generate` is hidden: it exists for the demo and benchmarks).
const SUBCOMMANDS: &[&str] = &["check", "log", "import", "export", "completions"];

#[test]
fn every_subcommand_help_shows_examples_of_itself() {
    for sub in SUBCOMMANDS {
        let out = stdout_of(ror().args([sub, "--help"]));
        let examples = out
            .split_once("Examples:")
            .unwrap_or_else(|| panic!("`{sub} --help` has no examples:\n{out}"))
            .1;
        assert!(
            examples.contains(&format!("ror-tui {sub}")),
            "`{sub} --help` examples do not show `ror-tui {sub}`:\n{out}"
        );
    }
}

#[test]
fn the_top_level_help_lists_the_subcommands() {
    let out = stdout_of(ror().arg("--help"));
    for sub in SUBCOMMANDS {
        assert!(out.contains(sub), "{sub} missing from --help:\n{out}");
    }
}

#[test]
fn completions_cover_every_subcommand_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = stdout_of(ror().args(["completions", shell]));
        for sub in ["log", "import", "export", "check"] {
            assert!(out.contains(sub), "{shell} completion lacks {sub}");
        }
        assert!(
            out.contains("skip-invalid"),
            "{shell} completes import flags"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    ror()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash, zsh, fish"));
}
