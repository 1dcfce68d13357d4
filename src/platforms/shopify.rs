//! Not read yet.

use super::{Export, Files, Problem};

pub(super) fn claims(_head: &str) -> bool {
    false
}

pub(super) fn read(files: &Files, _out: &mut Export) -> Result<(), Problem> {
    Err(super::whole(
        files,
        "this platform's export is not read yet",
    ))
}
