//! Where the store lives: `--store PATH`, else `$ROR_TUI_STORE`, else `<data dir>/store.json`.

use std::path::PathBuf;

use anyhow::{Context, Result};

pub const STORE_ENV: &str = "ROR_TUI_STORE";

/// Resolves the store path from the flag, then the environment, then the platform data dir.
pub fn store_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os(STORE_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(project_dirs()?.data_dir().join("store.json"))
}

/// The platform's data folder for ror-tui (e.g. `~/.local/share/ror-tui` on Linux).
pub fn data_dir() -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().to_path_buf())
}

/// The platform's config folder for ror-tui (e.g. `~/.config/ror-tui` on Linux).
pub fn config_dir() -> Result<PathBuf> {
    Ok(project_dirs()?.config_dir().to_path_buf())
}

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "ror-tui")
        .context("cannot find a home folder for the store; pass --store PATH or set ROR_TUI_STORE")
}
