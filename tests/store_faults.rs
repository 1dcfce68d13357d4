//! Saves that fail: past the file-size limit (a full disk), a folder that cannot be written, a
//! directory where the backup must go, the store's folder replaced by a file. Each failure names
//! the store, leaves the previous file exactly as it was with no temporary file behind, and the
//! same writer saves the same store once the fault is gone: a retry loses nothing.
//!
//! The tests probably run as root, for whom permissions do not stop a write, so every fault
//! here is one root cannot bypass; the permission test checks whether it can make a folder
//! unwritable and, when it cannot, says so and uses one of those instead.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use jiff::civil::date;
use ror_tui::store::{Contact, Interaction, Kind, Moment, Store, Writer, backup_path, read_store};

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

/// The store as read back, without the moments each record was written (set by the save).
fn on_disk(path: &Path) -> Store {
    let mut s = read_store(path).unwrap().expect("the store exists");
    s.contacts.iter_mut().for_each(|c| c.updated = None);
    s.interactions.iter_mut().for_each(|x| x.updated = None);
    s
}

fn no_temporary_file_in(dir: &Path) {
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name} left behind");
    }
}

/// Checks a failed save: the message names the store, the file on disk is `kept`.
fn failed(e: &impl std::fmt::Display, path: &Path, kept: &Store) {
    assert!(
        e.to_string().contains(&path.display().to_string()),
        "the message names the store: {e}"
    );
    assert_eq!(&on_disk(path), kept, "the previous store is intact");
}

fn prlimit(pid: u32, fsize: &str) -> bool {
    Command::new("prlimit")
        .arg("--pid")
        .arg(pid.to_string())
        .arg(format!("--fsize={fsize}"))
        .status()
        .is_ok_and(|s| s.success())
}

/// Child mode: saves past a lowered file-size limit, then again after lifting it, in one
/// process, with the same `StoreFile`, as the dashboard does. The limit is set on this process
/// only, so no other test is affected.
#[test]
#[ignore = "run by a_save_past_the_file_size_limit_fails_cleanly_and_the_retry_succeeds"]
fn file_size_limit_child() {
    let Some(path) = std::env::var_os("ROR_TUI_FSIZE_STORE") else {
        return;
    };
    let path = Path::new(&path);
    // As the binary does: a write past the limit fails with EFBIG instead of killing us.
    ror_tui::runtime::survive_file_size_limit();
    let (mut file, _) = Writer::open(path).unwrap();
    let small = sample(1);
    file.save(&small).unwrap();
    let size = fs::metadata(path).unwrap().len();
    let me = std::process::id();
    assert!(prlimit(me, &format!("{}:unlimited", size + 100)));
    let big = sample(50);
    let e = file.save(&big).unwrap_err();
    println!("refused: {e}");
    assert!(e.to_string().contains("File too large"), "{e}");
    failed(&e, path, &small);
    no_temporary_file_in(path.parent().unwrap());
    assert!(prlimit(me, "unlimited:unlimited"));
    file.save(&big).unwrap();
    println!("retried");
}

#[test]
fn a_save_past_the_file_size_limit_fails_cleanly_and_the_retry_succeeds() {
    if !Command::new("prlimit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "prlimit (util-linux) is required when CI is set"
        );
        eprintln!("note: prlimit is not installed; skipping the file-size limit test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "file_size_limit_child",
            "--ignored",
            "--nocapture",
        ])
        .env("ROR_TUI_FSIZE_STORE", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("refused: cannot save"), "{stdout}");
    assert!(stdout.contains("retried"), "{stdout}");
    assert_eq!(
        on_disk(&path).interactions.len(),
        50,
        "the retry is on disk"
    );
}

#[test]
fn a_directory_where_the_backup_goes_fails_the_compaction_and_the_retry_works_once_it_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let (mut file, _) = Writer::open(&path).unwrap();
    let one = sample(1);
    file.save(&one).unwrap();
    let two = sample(2);
    file.save(&two).unwrap();
    let appended = fs::read(&path).unwrap();
    // `store.json.bak` is a folder with something in it: the backup cannot replace it.
    let bak = backup_path(&path);
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("x"), "x").unwrap();
    let e = file.compact().unwrap_err();
    assert!(e.to_string().contains("keeping the backup"), "{e}");
    failed(&e, &path, &two);
    assert_eq!(fs::read(&path).unwrap(), appended, "the file is as it was");
    no_temporary_file_in(dir.path());
    fs::remove_dir_all(&bak).unwrap();
    file.compact().unwrap();
    assert_eq!(on_disk(&path), two);
    assert_eq!(
        fs::read(&bak).unwrap(),
        appended,
        "the backup is the file before compaction"
    );
}

#[test]
fn the_store_folder_replaced_by_a_file_fails_the_save_and_the_retry_works_once_it_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    let path = team.join("store.json");
    let (mut file, _) = Writer::open(&path).unwrap();
    let one = sample(1);
    file.save(&one).unwrap();
    let away = dir.path().join("team.away");
    fs::rename(&team, &away).unwrap();
    fs::write(&team, "not a folder").unwrap();
    let two = sample(2);
    let e = file.save(&two).unwrap_err();
    assert!(e.to_string().contains("cannot save"), "{e}");
    assert!(
        e.to_string().contains(&path.display().to_string()),
        "names the store: {e}"
    );
    assert_eq!(fs::read_to_string(&team).unwrap(), "not a folder");
    fs::remove_file(&team).unwrap();
    fs::rename(&away, &team).unwrap();
    assert_eq!(on_disk(&path), one);
    file.save(&two).unwrap();
    assert_eq!(on_disk(&path), two);
}

/// Makes `dir` unwritable with its mode; `false` (mode restored) when this process writes there
/// anyway (root, or the capability to override permissions).
fn make_unwritable(dir: &Path) -> bool {
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
    let probe = dir.join(".probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).unwrap();
        return false;
    }
    true
}

#[test]
fn a_folder_that_cannot_be_written_fails_the_compaction_and_the_retry_works_once_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("team");
    let path = folder.join("store.json");
    let (mut file, _) = Writer::open(&path).unwrap();
    let one = sample(1);
    file.save(&one).unwrap();
    let two = sample(2);
    // Appending needs only the file: a change is saved even in a folder nobody can add to.
    if make_unwritable(&folder) {
        file.save(&two).unwrap();
        let e = file.compact().unwrap_err();
        assert!(e.to_string().contains("Permission denied"), "{e}");
        failed(&e, &path, &two);
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
    } else {
        // Root writes through a read-only mode: the same refusal comes from a backup that
        // cannot be written, which root cannot get past.
        eprintln!(
            "note: permissions do not stop this process (root); a directory at the backup path \
             stands in for the unwritable folder"
        );
        file.save(&two).unwrap();
        let bak = backup_path(&path);
        fs::create_dir(&bak).unwrap();
        fs::write(bak.join("x"), "x").unwrap();
        let e = file.compact().unwrap_err();
        failed(&e, &path, &two);
        fs::remove_dir_all(&bak).unwrap();
    }
    no_temporary_file_in(&folder);
    file.compact().unwrap();
    assert_eq!(on_disk(&path), two);
}
