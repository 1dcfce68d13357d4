//! Saving a store: a change appended as whole lines, compaction with a backup, file modes,
//! locks, links, leftovers of a killed save, migration of a schema-1 store, and never writing
//! over what another program wrote.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::time::Duration;

use jiff::civil::date;
use ror_tui::store::{
    Contact, Interaction, Kind, LockFile, LockKind, Moment, SaveError, Store, StoreFile, Writer,
    backup_path, read_store, to_store_json, v1_backup_path,
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
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn lines(p: &Path) -> Vec<String> {
    fs::read_to_string(p)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The store as read back, without the moments each record was written (set by the save).
fn on_disk(p: &Path) -> Store {
    let mut s = read_store(p).unwrap().expect("the store exists");
    s.contacts.iter_mut().for_each(|c| c.updated = None);
    s.interactions.iter_mut().for_each(|x| x.updated = None);
    s
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn first_save_creates_the_folder_and_a_private_file_of_one_record_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/store.json");
    let (mut w, _) = Writer::open(&path).unwrap();
    w.save(&sample(2)).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(on_disk(&path), sample_ids(&path, sample(2)));
    let l = lines(&path);
    assert!(
        l[0].starts_with(r#"{"type": "header", "schema": 2, "settings": {"#),
        "{}",
        l[0]
    );
    assert!(
        l[1].starts_with(r#"{"type": "contact", "id": ""#),
        "{}",
        l[1]
    );
    assert!(
        l[2].starts_with(r#"{"type": "interaction", "id": ""#),
        "{}",
        l[2]
    );
    assert_eq!(l.len(), 4);
    assert!(!backup_path(&path).exists(), "nothing to back up");
}

/// `sample` with the ids of the store at `path` (ids are random per sample).
fn sample_ids(path: &Path, mut s: Store) -> Store {
    let disk = on_disk(path);
    s.contacts[0].id = disk.contacts[0].id;
    for (a, b) in s.interactions.iter_mut().zip(disk.interactions.iter()) {
        a.id = b.id;
        a.contact = b.contact;
    }
    s
}

#[test]
fn a_change_is_appended_as_its_records_each_stamped_when_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut w, _) = Writer::open(&path).unwrap();
    let one = sample(3);
    w.save(&one).unwrap();
    let before = fs::read(&path).unwrap();
    let mut two = one.clone();
    two.interactions[1].note = "edited".into();
    w.save(&two).unwrap();
    let after = fs::read(&path).unwrap();
    assert_eq!(&after[..before.len()], &before[..], "the file only grew");
    let added = String::from_utf8(after[before.len()..].to_vec()).unwrap();
    assert_eq!(added.lines().count(), 1, "{added}");
    assert!(added.contains(r#""note": "edited""#), "{added}");
    assert!(added.contains(r#""updated": "20"#), "stamped: {added}");
    assert_eq!(on_disk(&path), two);

    // A deletion is a line of its own; a change of several records is one batch.
    let mut three = two.clone();
    three.interactions.remove(0);
    three.interactions[0].note = "again".into();
    w.save(&three).unwrap();
    let l = lines(&path);
    let tail = &l[l.len() - 3..];
    assert_eq!(tail[0], r#"{"type": "batch", "lines": 2}"#);
    assert!(
        tail[2].starts_with(r#"{"type": "deleted", "id": ""#),
        "{}",
        tail[2]
    );
    assert_eq!(on_disk(&path), three);
}

#[test]
fn compaction_rewrites_in_order_and_keeps_the_previous_file_as_a_private_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    // A store someone made readable by everyone.
    fs::write(&path, to_store_json(&sample(2))).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let (mut w, loaded) = Writer::open(&path).unwrap();
    let mut next = loaded.clone();
    next.interactions[0].note = "changed".into();
    w.save(&next).unwrap();
    let appended = fs::read(&path).unwrap();
    let done = w.compact().unwrap();
    assert_eq!(done.lines_before, 5);
    assert_eq!(done.lines_after, 4);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), appended);
    assert_eq!(
        mode(&backup_path(&path)),
        0o600,
        "a backup is private whatever the mode was"
    );
    assert_eq!(mode(&path), 0o600);
    assert_eq!(
        read_store(&path).unwrap().unwrap(),
        read_store(&backup_path(&path)).unwrap().unwrap()
    );
    assert!(!lines(&path).iter().any(|l| l.contains("deleted")));
    let leftovers: Vec<String> = names_in(dir.path())
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Compacting a compact file changes nothing but the backup.
    let once = fs::read(&path).unwrap();
    w.compact().unwrap();
    assert_eq!(fs::read(&path).unwrap(), once);
}

#[test]
fn a_save_never_writes_over_a_file_another_program_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut w, _) = Writer::open(&path).unwrap();
    w.save(&sample(1)).unwrap();
    // Another program replaces the file (a git pull, an editor).
    let theirs = to_store_json(&sample(3));
    let tmp = dir.path().join("theirs.tmp");
    fs::write(&tmp, &theirs).unwrap();
    fs::rename(&tmp, &path).unwrap();
    let e = w.save(&sample(5)).unwrap_err();
    assert!(matches!(e, SaveError::ChangedUnderneath { .. }), "{e}");
    assert_eq!(
        fs::read(&path).unwrap(),
        theirs,
        "their version is untouched"
    );
}

#[test]
fn a_store_created_by_someone_else_after_opening_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut w, _) = Writer::open(&path).unwrap();
    fs::write(&path, to_store_json(&sample(1))).unwrap();
    assert!(matches!(
        w.save(&sample(2)),
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
    let (mut w, _) = Writer::open(&path).unwrap();
    let held = LockFile::try_acquire(&path, LockKind::Write)
        .unwrap()
        .unwrap();
    let start = std::time::Instant::now();
    let e = w.save(&sample(1)).unwrap_err();
    assert!(matches!(e, SaveError::Busy { .. }), "{e}");
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "it waited before giving up"
    );
    assert!(!path.exists());
    drop(held);
    w.save(&sample(1)).unwrap();
}

#[test]
fn a_store_reached_through_a_link_is_written_through_it_and_locked_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("shared");
    fs::create_dir(&real).unwrap();
    let target = real.join("team.json");
    let link = dir.path().join("store.json");
    symlink(&target, &link).unwrap();
    let (mut w, _) = Writer::open(&link).unwrap();
    w.save(&sample(1)).unwrap();
    w.compact().unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(on_disk(&target).interactions.len(), 1);
    // Locks sit beside the file: a dashboard on the link and one on the file see each other.
    let on_file = LockFile::try_acquire(&target, LockKind::Editor).unwrap();
    assert!(on_file.is_some());
    let file = StoreFile::at(&link).unwrap();
    assert_eq!(file.target(), target);
    assert!(
        LockFile::try_acquire(file.target(), LockKind::Editor)
            .unwrap()
            .is_none()
    );
    // Nothing was made beside the link.
    assert_eq!(names_in(dir.path()), vec!["shared", "store.json"]);
}

#[test]
fn a_lock_file_that_is_a_link_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let elsewhere = dir.path().join("elsewhere");
    symlink(&elsewhere, dir.path().join(".store.json.lock")).unwrap();
    let (mut w, _) = Writer::open(&path).unwrap();
    let e = w.save(&sample(1)).unwrap_err();
    assert!(e.to_string().contains("is a symbolic link"), "{e}");
    assert!(!elsewhere.exists(), "nothing made where the link points");
    assert!(!path.exists());
}

#[test]
fn leftovers_of_a_killed_save_of_this_store_are_removed_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut w, s) = Writer::open(&path).unwrap();
    w.save(&sample(1)).unwrap();
    let ours = dir.path().join(".store.json.save-AbC123.tmp");
    let other_store = dir.path().join(".other.json.save-XyZ789.tmp");
    let not_ours = dir.path().join("notes.tmp");
    for f in [&ours, &other_store, &not_ours] {
        fs::write(f, "x").unwrap();
    }
    let mut next = on_disk(&path);
    next.contacts[0].name = "Ada King".into();
    let _ = s;
    w.save(&next).unwrap();
    assert!(!ours.exists());
    assert!(other_store.exists(), "another store's save is none of ours");
    assert!(not_ours.exists());
}

#[test]
fn a_schema_1_store_is_read_and_rewritten_as_schema_2_by_its_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let v1 = r#"{
  "schema": 1,
  "settings": {"currency": "EUR"},
  "contacts": [
    {"id": "01940000-0000-7000-8000-000000000001", "name": "Ada", "created": "2026-01-02"}
  ],
  "interactions": [
    {"id": "01940000-0000-7000-8000-000000000002", "contact": "01940000-0000-7000-8000-000000000001", "at": "2026-01-03", "channel": "Email", "kind": "message"}
  ]
}
"#;
    fs::write(&path, v1).unwrap();
    let (mut w, store) = Writer::open(&path).unwrap();
    assert_eq!(store.schema, 2);
    assert_eq!(store.settings.currency, "EUR");
    assert_eq!(store.interactions[0].channel, "email");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        v1,
        "reading changes nothing"
    );
    let mut next = store.clone();
    next.contacts[0].name = "Ada Lovelace".into();
    w.save(&next).unwrap();
    assert_eq!(fs::read_to_string(v1_backup_path(&path)).unwrap(), v1);
    assert_eq!(mode(&v1_backup_path(&path)), 0o600);
    let l = lines(&path);
    assert!(
        l[0].starts_with(r#"{"type": "header", "schema": 2"#),
        "{}",
        l[0]
    );
    assert_eq!(l.len(), 3);
    assert_eq!(on_disk(&path).contacts[0].name, "Ada Lovelace");
    // The next write appends; the original stays as it was.
    let mut again = next.clone();
    again.contacts[0].name = "Ada King".into();
    w.save(&again).unwrap();
    assert_eq!(lines(&path).len(), 4);
    assert_eq!(fs::read_to_string(v1_backup_path(&path)).unwrap(), v1);
}
