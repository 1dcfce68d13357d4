//! The local store: its model, the file (JSON Lines, changes appended), loading and validation,
//! saving, compaction, merging and locking.

mod blocks;
mod diff;
mod file;
mod line;
mod load;
pub mod lock;
mod merge;
mod model;
mod moment;
mod money;
mod pieces;
mod read;
mod record;
mod save;
mod v1;
mod validate;
mod write;

pub use blocks::{BLOCK, Blocks};
pub use diff::{apply, diff};
pub use file::{
    COMPACT_LINES, COMPACT_SHARE, CompactError, Compacted, Followed, Seen, StoreFile, WriteLock,
    resolve,
};
pub use line::{Batch, Deleted, Header, Line};
pub use load::{Format, LoadError, MAX_STORE_BYTES, parse_store, read_store, read_store_with};
pub use lock::{LockFile, LockKind};
pub use merge::{Conflict, Merged, Policy, merge_into, merge_stores, set_field};
pub use model::*;
pub use moment::Moment;
pub use money::{MAX_CENTS, Money, group_digits};
pub use read::{Folded, Take, Torn};
pub use record::{Key, Record};
pub use save::{SaveError, Saved, WRITE_LOCK_PATIENCE, Writer};
pub use validate::{Problem, locate, validate};
pub use write::{backup_path, to_store_json, v1_backup_path, write_canonical, write_whole};

/// Lets a large value go without freeing it, for a process about to exit: the operating system
/// takes the memory back at once, while freeing a million records one by one takes a tenth of a
/// second that the user would wait for.
pub fn release_at_exit<T>(value: T) {
    std::mem::forget(value);
}

/// The moment a changed record is stamped with (its `updated`): now, to the millisecond.
pub fn stamp_now() -> Option<jiff::Timestamp> {
    let now = jiff::Timestamp::now();
    Some(now.round(jiff::Unit::Millisecond).unwrap_or(now))
}
