//! `ror-tui import FILE --map …`: any CSV, its columns named for ror-tui's fields, values for
//! every row with `--set`, mappings saved and reused with `--save-profile` / `--profile` (in the
//! config folder, here a temporary one).

#[path = "cli_support/mod.rs"]
mod common;

use common::*;

/// `ror-tui --store … import …` with its config folder (and home) in the place's folder.
fn import(p: &Place, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let out = p
        .run(&all)
        .env("HOME", p.dir.path())
        .env("XDG_CONFIG_HOME", p.dir.path().join("config"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A store's interactions as `export` writes them.
fn exported(p: &Place) -> String {
    stdout_of(p.run(&["export", "--format", "csv"]))
}

/// The demo's interactions exported, their columns renamed as another tool would name them and
/// put in another order, then imported with `--map`: the store holds exactly what importing the
/// export itself gives.
#[test]
fn a_mapped_csv_round_trips() {
    let original = stdout_of(ror().args(["export", "--demo", "--format", "csv"]));
    let direct = Place::new();
    let as_is = direct.file("export.csv", &original);
    assert_eq!(import(&direct, &[as_is.to_str().unwrap()]).0, 0);
    let mut rdr = csv::Reader::from_reader(original.as_bytes());
    let p = Place::new();
    let file = p.path("other-tool.csv");
    let mut w = csv::Writer::from_path(&file).unwrap();
    w.write_record([
        "Said", "Type", "Where", "When", "Who", "Dir", "Amount", "Score", "Stars", "Mood",
        "Handle", "Mail", "Labels",
    ])
    .unwrap();
    for rec in rdr.records() {
        let r = rec.unwrap();
        // export: date,contact,handle,email,kind,channel,direction,value,nps,rating,sentiment,note,tags
        w.write_record([
            &r[11], &r[4], &r[5], &r[0], &r[1], &r[6], &r[7], &r[8], &r[9], &r[10], &r[2], &r[3],
            &r[12],
        ])
        .unwrap();
    }
    w.flush().unwrap();
    let map = "When=date,Who=contact,Handle=handle,Mail=email,Type=kind,Where=channel,Dir=direction,\
               Amount=value,Score=nps,Stars=rating,Mood=sentiment,Said=note,Labels=tags";
    let (code, out, err) = import(&p, &[file.to_str().unwrap(), "--map", map]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("imported 6000 interactions"), "{out}");
    let (mapped, unmapped) = (exported(&p), exported(&direct));
    for (i, (a, b)) in mapped.lines().zip(unmapped.lines()).enumerate() {
        assert_eq!(a, b, "line {}", i + 1);
    }
    assert_eq!(mapped.lines().count(), original.lines().count());
}

#[test]
fn connections_with_their_own_dates_and_a_saved_profile() {
    let p = Place::new();
    let first = p.file(
        "connections.csv",
        "First Name,Email Address,Company,Connected On\n\
         Ada,ada@example.com,Analytical Engines,15 Jan 2024\n\
         Grace,grace@example.com,Navy,02 Mar 2023\n",
    );
    let (code, out, err) = import(
        &p,
        &[
            first.to_str().unwrap(),
            "--map",
            "First Name=contact,Email Address=email,Connected On=date(%d %b %Y)",
            "--set",
            "kind=connect",
            "--set",
            "channel=linkedin",
            "--save-profile",
            "linkedin-connections",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("imported 2 interactions from"), "{out}");
    assert!(out.contains("(2 new contacts)"), "{out}");
    assert!(
        out.contains("saved this mapping as `linkedin-connections`"),
        "{out}"
    );
    let s = p.load();
    let lines: Vec<String> = s
        .interactions
        .iter()
        .map(|x| format!("{} {} {}", x.at, x.kind, x.channel.as_str()))
        .collect();
    assert_eq!(
        lines,
        ["2023-03-02 connect linkedin", "2024-01-15 connect linkedin"]
    );
    // Next month's file, by the saved name alone.
    let second = p.file(
        "connections-feb.csv",
        "First Name,Email Address,Company,Connected On\n\nLinus,linus@example.com,Labs,05 Feb 2024\n",
    );
    let (code, out, err) = import(
        &p,
        &[
            second.to_str().unwrap(),
            "--profile",
            "linkedin-connections",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("(1 new contact)"), "{out}");
    // A date not in the format is named with the file's own line (the blank line counted).
    let bad = p.file(
        "connections-mar.csv",
        "First Name,Email Address,Company,Connected On\n\nMei,mei@example.com,Labs,5th of March\n",
    );
    let (code, _, err) = import(
        &p,
        &[bad.to_str().unwrap(), "--profile", "linkedin-connections"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("connections-mar.csv:3: date:"), "{err}");
    // What the mapping names must be in the file; an unknown profile says which exist.
    let (code, _, err) = import(&p, &[second.to_str().unwrap(), "--map", "Joined=date"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`Joined`, which the file does not have"),
        "{err}"
    );
    let (code, _, err) = import(&p, &[second.to_str().unwrap(), "--profile", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("saved: linkedin-connections"), "{err}");
}

/// `--contacts`: a list of people updates the ones it finds by email or handle and adds the
/// others; a referrer is found by handle, email or name; bad rows name line and field.
#[test]
fn a_contact_list_upserts_by_email_then_handle() {
    use ror_tui::store::{Source, Store};
    let p = Place::new();
    let mut s = Store::default();
    let mut ada = contact("Ada Lovelace", Some("ada"), Some("ada@example.com"));
    ada.tags = vec!["beta".into()];
    let grace = contact("Grace Hopper", Some("grace"), None);
    s.contacts.push(ada);
    s.contacts.push(grace);
    p.write(&s);
    let file = p.file(
        "people.csv",
        "name;email;handle;organisation;tags;cadence;referred_by;source\n\
         Ada L.;ADA@example.com;;Analytical Engines;vip, beta;30d;;\n\
         ;;@grace;Navy;;;@ada;referral\n\
         Linus Torvalds;linus@example.com;linus;;;14;Grace Hopper;event\n",
    );
    let (code, out, err) = import(&p, &[file.to_str().unwrap(), "--contacts", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "dry run: contacts would be from {}: 1 created, 2 updated, 0 unchanged\n",
            file.display()
        )
    );
    assert_eq!(p.load().contacts.len(), 2, "nothing written");
    let (code, out, err) = import(&p, &[file.to_str().unwrap(), "--contacts"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 created, 2 updated"), "{out}");
    let s = p.load();
    let by = |h: &str| {
        s.contacts
            .iter()
            .find(|c| c.handle.as_deref() == Some(h))
            .unwrap()
    };
    let (ada, grace, linus) = (by("ada"), by("grace"), by("linus"));
    assert_eq!(ada.name, "Ada Lovelace", "a matched contact keeps its name");
    assert_eq!(ada.organisation.as_deref(), Some("Analytical Engines"));
    assert_eq!(ada.tags, ["beta", "vip"]);
    assert_eq!(ada.cadence_days, Some(30));
    assert_eq!(
        (grace.referred_by, grace.source),
        (Some(ada.id), Source::Referral)
    );
    assert_eq!(grace.organisation.as_deref(), Some("Navy"));
    assert_eq!(linus.referred_by, Some(grace.id));
    assert_eq!(
        (linus.cadence_days, linus.source),
        (Some(14), Source::Event)
    );
    assert!(s.interactions.is_empty());
    // The same list again changes nothing; a bad row names its line and field.
    let (_, out, _) = import(&p, &[file.to_str().unwrap(), "--contacts"]);
    assert!(out.contains("0 created, 0 updated, 3 unchanged"), "{out}");
    let bad = p.file(
        "bad.csv",
        "name,email,cadence,referred_by\nMei,mei@example.com,often,\nZed,zed@example.com,,Nobody Known\n",
    );
    let (code, _, err) = import(&p, &[bad.to_str().unwrap(), "--contacts"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.csv:2: cadence: `often` is not a number of days"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:3: referred_by: no contact matches `Nobody Known`"),
        "{err}"
    );
    assert_eq!(p.load().contacts.len(), 3);
}

/// What a mapped import says, as a user reads it: the dry run shows each kind, who is new and
/// who is matched, and the first rows as they would be saved; the import itself says the same;
/// a second run finds everything in the store already; a spoilt row is named and left out with
/// `--skip-invalid`.
#[test]
fn the_mapped_summaries_read_as_they_should() {
    let p = Place::new();
    p.typed_contact("Ada Lovelace", "2024-01-02");
    let file = p.file(
        "crm-activity.csv",
        "Activity,Person,When,Where,Comment\n\
         Call,Ada Lovelace,2024-02-01,phone,Loved the new dashboard\n\
         Meeting,Grace Hopper,2024-02-03,zoom,Quarterly review\n\
         call,Grace Hopper,2024-02-05,phone,\n\
         Purchase,Linus Tor,2024-02-06,web,Bought the team plan\n",
    );
    let map = "Activity=kind,Person=contact,When=date,Where=channel,Comment=note";
    let f = file.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![f, "--map", map];
        args.extend_from_slice(extra);
        let (code, out, err) = import(&p, &args);
        format!("exit {code}\n{out}{err}")
    };
    let dry = run(&["--dry-run"]);
    let done = run(&[]);
    let again = run(&[]);
    let bad = p.file(
        "crm-activity-march.csv",
        "Activity,Person,When,Where,Comment\n\
         Call,Ada Lovelace,2024-03-01,phone,\n\
         Cal,Grace Hopper,2024-03-02,phone,\n",
    );
    let b = bad.to_str().unwrap();
    let (code, out, err) = import(&p, &[b, "--map", map]);
    let refused = format!("exit {code}\n{out}{err}");
    let (code, out, err) = import(&p, &[b, "--map", map, "--skip-invalid"]);
    let skipped = format!("exit {code}\n{out}{err}");
    let dir = p.dir.path().display().to_string();
    insta::assert_snapshot!(
        format!(
            "$ import --dry-run\n{dry}$ import\n{done}$ import\n{again}\
             $ import (a spoilt row)\n{refused}$ import --skip-invalid\n{skipped}"
        )
        .replace(&dir, "<dir>")
    );
}
