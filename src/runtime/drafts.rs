//! Draft files: the input of a form open when the dashboard was stopped by a signal, kept beside
//! the store as `<store file>.draft` (JSON, mode 0600, written atomically) and never inside the
//! store. The next dashboard on that store reopens the form with it and removes the file; from
//! then on the input is the form's like any other (quitting asks first, another signal keeps it
//! again).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::{App, StatusKind};
use crate::forms::FormDraft;

/// Bumped if the file's shape ever changes in a way older versions must not misread.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct DraftFile {
    ror_tui_draft: u32,
    /// When the draft was kept.
    kept_at: jiff::Timestamp,
    /// What stopped the dashboard (`SIGTERM`, `SIGHUP`, ...).
    reason: String,
    draft: FormDraft,
}

/// `store.json` → `store.json.draft`, in the same folder.
pub fn draft_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(".draft");
    store.with_file_name(name)
}

/// Writes the draft beside the store (replacing an older one); returns where it went.
pub fn keep(store: &Path, draft: &FormDraft, reason: &str) -> io::Result<PathBuf> {
    let path = draft_path(store);
    let file = DraftFile {
        ror_tui_draft: FORMAT,
        kept_at: jiff::Timestamp::now(),
        reason: reason.to_string(),
        draft: draft.clone(),
    };
    let mut bytes = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
    bytes.push(b'\n');
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ror-tui-draft-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&path).map_err(|e| e.error)?;
    Ok(path)
}

/// At start-up: reopens the form kept in a draft beside the store, if there is one and this
/// dashboard may write the store, and removes the file once the form holds the input again. A
/// draft that cannot be reopened is left where it is and the status line says so.
pub fn reopen(app: &mut App, store: &Path) {
    let path = draft_path(store);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return,
        Err(e) => {
            warn(
                app,
                format!("cannot read the form draft {}: {e}", path.display()),
            );
            return;
        }
    };
    if !app.mode.can_write() {
        app.status = Some((
            StatusKind::Info,
            format!(
                "a form draft is waiting in {}; it reopens in a dashboard that can write the store",
                path.display()
            ),
        ));
        return;
    }
    let file: DraftFile = match serde_json::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            warn(
                app,
                format!("the form draft {} cannot be read back: {e}", path.display()),
            );
            return;
        }
    };
    let when = file
        .kept_at
        .to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M");
    let note = format!(
        "reopened from a draft ({}, {when}); Esc discards it",
        file.reason
    );
    if let Err(why) = app.reopen_draft(&file.draft, note) {
        warn(
            app,
            format!(
                "the form draft in {} cannot be reopened: {why}; it is kept there",
                path.display()
            ),
        );
        return;
    }
    if let Err(e) = fs::remove_file(&path) {
        warn(
            app,
            format!(
                "the form draft was reopened but {} cannot be removed: {e}",
                path.display()
            ),
        );
    }
}

fn warn(app: &mut App, message: String) {
    app.status = Some((StatusKind::Warning, message));
}
