//! Not read yet.

use super::{Export, Files, Platform, Problem};

pub(super) fn claims_substack(_path: &str, _head: &str) -> bool {
    false
}

pub(super) fn claims_beehiiv(_head: &str) -> bool {
    false
}

pub(super) fn read(_p: Platform, files: &Files, _out: &mut Export) -> Result<(), Problem> {
    Err(super::whole(
        files,
        "this platform's export is not read yet",
    ))
}
