//! `ror-tui generate`: write a generated store (the demo, or a large one for benchmarks).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;
use jiff::civil::Date;

use crate::generator::{GenSpec, generate};
use crate::store::to_store_json;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of contacts (with `--demo`, the bundled demo community: fixed size, seed and end
    /// date)
    #[arg(long, default_value_t = 1000)]
    pub contacts: usize,
    /// Number of interactions
    #[arg(long, default_value_t = 10_000)]
    pub interactions: usize,
    /// Seed of the deterministic generator
    #[arg(long)]
    pub seed: Option<u64>,
    /// Last day of the generated history (default: the demo's end date)
    #[arg(long, value_name = "DATE")]
    pub end: Option<Date>,
    /// Write here instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `demo`: the demo community (the global `--demo`), whatever the sizes say.
pub fn run(args: &GenerateArgs, demo: bool) -> Result<()> {
    let mut spec = if demo {
        GenSpec::demo()
    } else {
        GenSpec::scale(args.contacts.max(1), args.interactions)
    };
    if let Some(seed) = args.seed {
        spec.seed = seed;
    }
    if let Some(end) = args.end {
        spec.end = end;
    }
    let store = generate(&spec);
    let bytes = to_store_json(&store);
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().lock().write_all(&bytes)?;
        }
    }
    eprintln!(
        "generated {} contacts, {} interactions, {} investments",
        store.contacts.len(),
        store.interactions.len(),
        store.investments.len()
    );
    Ok(())
}
