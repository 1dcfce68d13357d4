//! A team sharing the store through git, set up as the README says: two clones log different
//! interactions and edit the same contact, then `git pull` merges the store by record with
//! `ror-tui merge` as the merge driver, with nothing lost and no conflict markers.

use std::path::Path;
use std::process::Command;

use ror_tui::store::{Writer, read_store};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn ror(store: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_ror-tui"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A clone with the user and the merge driver configured, as each team member does once.
fn configure(dir: &Path, who: &str) {
    git(dir, &["config", "user.name", who]);
    git(
        dir,
        &["config", "user.email", &format!("{who}@example.org")],
    );
    git(dir, &["config", "pull.rebase", "false"]);
    let driver = format!("{} merge %O %A %B", env!("CARGO_BIN_EXE_ror-tui"));
    git(dir, &["config", "merge.ror-tui.driver", &driver]);
}

/// Edits Ada's record in the store at `path` as the dashboard would.
fn edit_ada(path: &Path, edit: impl FnOnce(&mut ror_tui::store::Contact)) {
    let (mut w, mut store) = Writer::open(path).unwrap();
    let at = store
        .contacts
        .iter()
        .position(|c| c.name.starts_with("Ada"))
        .unwrap();
    edit(&mut store.contacts[at]);
    w.save(&store).unwrap();
}

#[test]
fn two_clones_that_both_logged_and_edited_merge_on_pull() {
    if Command::new("git").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "git is required when CI is set"
        );
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin.git");
    let a = root.path().join("a");
    let b = root.path().join("b");
    std::fs::create_dir(&a).unwrap();
    git(
        root.path(),
        &["init", "--bare", "-q", origin.to_str().unwrap()],
    );
    git(&a, &["init", "-q"]);
    configure(&a, "alice");
    std::fs::write(a.join(".gitattributes"), "store.json merge=ror-tui\n").unwrap();
    let sa = a.join("store.json");
    ror(
        &sa,
        &[
            "log",
            "--contact",
            "Ada Lovelace",
            "--create",
            "--kind",
            "message",
            "--date",
            "2026-11-01",
            "--note",
            "first",
        ],
    );
    ror(
        &sa,
        &[
            "log",
            "--contact",
            "Grace Hopper",
            "--create",
            "--kind",
            "call",
            "--date",
            "2026-11-02",
        ],
    );
    ror(&sa, &["compact"]);
    git(&a, &["add", "."]);
    git(&a, &["commit", "-q", "-m", "the store"]);
    git(&a, &["remote", "add", "origin", origin.to_str().unwrap()]);
    git(&a, &["push", "-q", "origin", "HEAD:main"]);
    git(
        root.path(),
        &[
            "clone",
            "-q",
            "-b",
            "main",
            origin.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
    );
    configure(&b, "bob");
    let sb = b.join("store.json");

    // Alice logs a call and gives Ada an email; Bob logs a message, renames Ada and also sets
    // her email, later.
    ror(
        &sa,
        &[
            "log",
            "--contact",
            "Ada Lovelace",
            "--kind",
            "call",
            "--date",
            "2026-11-05",
            "--note",
            "from alice",
        ],
    );
    edit_ada(&sa, |c| c.email = Some("ada@alice.example".into()));
    git(&a, &["commit", "-q", "-am", "alice's changes"]);
    git(&a, &["push", "-q", "origin", "HEAD:main"]);
    ror(
        &sb,
        &[
            "log",
            "--contact",
            "Grace Hopper",
            "--kind",
            "message",
            "--date",
            "2026-11-06",
            "--note",
            "from bob",
        ],
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    edit_ada(&sb, |c| {
        c.name = "Ada King".into();
        c.email = Some("ada@bob.example".into());
    });
    git(&b, &["commit", "-q", "-am", "bob's changes"]);

    let said = git(&b, &["pull", "--no-edit", "origin", "main"]);
    assert!(said.contains("ror-tui merged the store"), "{said}");
    let text = std::fs::read_to_string(&sb).unwrap();
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    let merged = read_store(&sb).unwrap().unwrap();
    let notes: Vec<&str> = merged
        .interactions
        .iter()
        .map(|x| x.note.as_str())
        .collect();
    for n in ["first", "from alice", "from bob"] {
        assert!(notes.contains(&n), "{n} is in {notes:?}");
    }
    assert_eq!(merged.interactions.len(), 4);
    let ada = merged
        .contacts
        .iter()
        .find(|c| c.name.starts_with("Ada"))
        .unwrap();
    assert_eq!(ada.name, "Ada King", "Bob's rename");
    assert_eq!(
        ada.email.as_deref(),
        Some("ada@bob.example"),
        "the later of the two emails"
    );
    assert_eq!(merged.contacts.len(), 2);
    // The merge is committed, and Alice gets it back without another merge.
    assert!(git(&b, &["status", "--porcelain"]).trim().is_empty());
    git(&b, &["push", "-q", "origin", "HEAD:main"]);
    git(&a, &["pull", "-q", "--no-edit", "origin", "main"]);
    assert_eq!(read_store(&sa).unwrap().unwrap(), merged);
}
