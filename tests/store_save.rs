//! Saving a store: round trips, atomicity, backups, file mode, locks, and refusing to overwrite
//! changes made by someone else.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use jiff::civil::date;
use ror_tui::store::{
    Contact, Interaction, Kind, LockFile, LockKind, Moment, SaveError, Store, StoreFile,
    backup_path, parse_store, read_store, to_store_json,
};

fn sample(n: usize) -> Store {
    let mut s = Store::default();
    let c = Contact::new("Ada Lovelace", date(2026, 1, 2));
    for i in 0..n {
        let mut x = Interaction::new(c.id, Moment::day(date(2026, 1, 3)), "email", Kind::Message);
        x.note = format!("note {i}");
        s.interactions.push(x);
    }
    s.contacts.push(c);
    s
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn first_save_creates_the_folder_and_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    file.save(&sample(2)).unwrap();
    assert_eq!(mode(&path), 0o600);
    let (_, loaded) = StoreFile::open(&path).unwrap();
    assert_eq!(loaded, sample_like(&loaded));
    assert_eq!(loaded.interactions.len(), 2);
    assert!(
        !backup_path(&path).exists(),
        "nothing to back up on the first save"
    );
}

/// The loaded store compared with itself after a second round trip (ids are random per sample).
fn sample_like(s: &Store) -> Store {
    parse_store(Path::new("x"), &to_store_json(s)).unwrap()
}

#[test]
fn each_save_keeps_the_previous_version_as_bak_with_the_same_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    let one = sample(1);
    let two = sample(2);
    file.save(&one).unwrap();
    file.save(&two).unwrap();
    let bak = read_store(&backup_path(&path)).unwrap().unwrap();
    assert_eq!(bak, one);
    assert_eq!(read_store(&path).unwrap().unwrap(), two);
    assert_eq!(mode(&backup_path(&path)), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn output_is_pretty_stable_and_ends_with_a_newline() {
    let s = sample(1);
    let a = to_store_json(&s);
    let b = to_store_json(&parse_store(Path::new("x"), &a).unwrap());
    assert_eq!(a, b, "saving what was loaded changes nothing");
    let text = String::from_utf8(a).unwrap();
    assert!(
        text.starts_with("{\n  \"schema\": 1,\n  \"settings\": {"),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
}

#[test]
fn a_save_refuses_when_the_file_changed_underneath() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    file.save(&sample(1)).unwrap();

    // Another program rewrites the file (a git pull, an editor, a second ror-tui).
    let theirs = to_store_json(&sample(3));
    std::fs::write(&path, &theirs).unwrap();
    assert!(file.changed_on_disk());

    let e = file.save(&sample(5)).unwrap_err();
    assert!(matches!(e, SaveError::ChangedUnderneath { .. }), "{e}");
    assert!(e.to_string().contains("changed on disk"), "{e}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        theirs,
        "their version is untouched"
    );
}

#[test]
fn a_store_created_by_someone_else_after_opening_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    std::fs::write(&path, to_store_json(&sample(1))).unwrap();
    assert!(matches!(
        file.save(&sample(2)),
        Err(SaveError::ChangedUnderneath { .. })
    ));
}

#[test]
fn the_editor_lock_admits_one_dashboard_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let first = LockFile::try_acquire(&path, LockKind::Editor).unwrap();
    assert!(first.is_some());
    assert!(
        LockFile::try_acquire(&path, LockKind::Editor)
            .unwrap()
            .is_none()
    );
    // Short command-line writes use the other lock, so they are not shut out by a dashboard.
    assert!(
        LockFile::try_acquire(&path, LockKind::Write)
            .unwrap()
            .is_some()
    );
    drop(first);
    assert!(
        LockFile::try_acquire(&path, LockKind::Editor)
            .unwrap()
            .is_some()
    );
}

#[test]
fn a_save_waits_for_another_writer_then_reports_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    let held = LockFile::try_acquire(&path, LockKind::Write)
        .unwrap()
        .unwrap();
    let start = std::time::Instant::now();
    let e = file.save(&sample(1)).unwrap_err();
    assert!(matches!(e, SaveError::Busy { .. }), "{e}");
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "it waited before giving up"
    );
    assert!(!path.exists());
    drop(held);
    file.save(&sample(1)).unwrap();
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = StoreFile::open(&path).unwrap();
    let one = sample(1);
    file.save(&one).unwrap();
    // The backup name is taken by a folder, so the save fails after writing its temporary file.
    std::fs::create_dir(backup_path(&path)).unwrap();
    std::fs::write(backup_path(&path).join("x"), "x").unwrap();
    let e = file.save(&sample(2)).unwrap_err();
    assert!(e.to_string().contains("cannot save"), "{e}");
    assert_eq!(read_store(&path).unwrap().unwrap(), one);
    let tmp_left = std::fs::read_dir(dir.path()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".ror-tui-save-")
    });
    assert!(!tmp_left, "the temporary file is cleaned up");
}
