//! `ror-tui import EXPORT`: the exports platforms let their users download, each from a fixture
//! written in the platform's documented shape (LinkedIn's "Notes:" preamble and `15 Jan 2024`
//! dates, Slack's Unix-second times and folders per channel, a byte order mark on a Mailchimp
//! file, Windows line ends on a Stripe one), read back from the store file: exact contacts and
//! interactions; a second import adds nothing; a later, larger export adds only what is new.

#[path = "cli_support/mod.rs"]
mod common;

use std::path::Path;

use common::*;
use ror_tui::store::{Direction, Kind, Store};

#[test]
fn a_linkedin_archive_brings_connections_and_both_sides_of_messages() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture("linkedin").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("imported from linkedin export"),
        "recognised without --from: {out}"
    );
    let s = p.load();
    let li = |slug: &str| format!("linkedin=https://www.linkedin.com/in/{slug}");
    assert_eq!(
        contacts(&s),
        [
            (
                "Ada Lovelace".into(),
                Some("ada@example.com".into()),
                Some("Analytical Engines".into()),
                "2024-01-15".into(),
                vec![li("ada-lovelace-1a2b3c")]
            ),
            (
                "Grace Hopper".into(),
                None,
                Some("US Navy, Reserve".into()),
                "2023-03-02".into(),
                vec![li("gracehopper")]
            ),
            (
                "Linus Tor".into(),
                None,
                Some("Example Labs".into()),
                "2023-05-05".into(),
                vec![li("linus-t")]
            ),
        ],
        "the archive's owner (Sam, in every conversation) is no contact"
    );
    assert_eq!(
        interactions(&s),
        [
            "2023-03-02 Grace Hopper connect linkedin inbound \"\"",
            "2023-05-05 Linus Tor connect linkedin inbound \"\"",
            "2024-01-15 Ada Lovelace connect linkedin inbound \"\"",
            "2024-01-16T09:12:44 Ada Lovelace message linkedin inbound \"Thanks for connecting, Sam! Are you going to RustConf?\"",
            "2024-01-16T10:03:02 Ada Lovelace message linkedin outbound \"Yes — see you there.\\nBring the slides!\"",
            "2024-02-01T18:00:00 Grace Hopper message linkedin outbound \"Grace, meet Linus.\"",
            "2024-02-01T18:00:00 Linus Tor message linkedin outbound \"Grace, meet Linus.\"",
        ]
    );
    assert!(out.contains("1 connection without a name"), "{out}");
    assert!(out.contains("1 message LinkedIn wrote"), "{out}");
    // The same archive again: nothing new.
    let (code, out, _) = import(&p, &[fixture("linkedin").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("nothing new to import"), "{out}");
    assert!(out.contains("7 records already in the store"), "{out}");
    assert_eq!(p.load().interactions.len(), 7);
}

#[test]
fn a_slack_export_brings_people_messages_replies_and_reactions_not_bots_or_notices() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture("slack").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let s = p.load();
    assert_eq!(
        contacts(&s),
        [
            (
                "Ada Lovelace".into(),
                Some("ada@example.com".into()),
                None,
                "2024-01-15".into(),
                vec!["slack=U01AAAAAAA".into()]
            ),
            (
                "Grace Hopper".into(),
                None,
                None,
                "2024-01-15".into(),
                vec!["slack=U02BBBBBBB".into()]
            ),
            // A member who never wrote: a contact all the same, there by the export's last day.
            (
                "Linus Tor".into(),
                Some("linus@example.com".into()),
                None,
                "2024-01-16".into(),
                vec!["slack=U04DDDDDDD".into()]
            ),
        ]
    );
    assert_eq!(
        interactions(&s),
        [
            // Joining #general, the channel everyone joins, is joining the workspace.
            "2024-01-15T10:00:00 Grace Hopper connect slack inbound \"\"",
            "2024-01-15T10:50:00 Ada Lovelace message slack inbound \"Release 0.3 is out :tada:\"",
            "2024-01-15T10:50:00 Grace Hopper reaction slack inbound \":tada:\"",
            "2024-01-15T10:50:00 Ada Lovelace reaction slack inbound \":tada:\"",
            "2024-01-15T10:50:00 Grace Hopper reaction slack inbound \":+1:\"",
            "2024-01-15T11:00:00 Grace Hopper comment slack inbound \"Congrats!\"",
            "2024-01-16T09:00:00 Grace Hopper message slack inbound \"Can you review my PR?\"",
        ]
    );
    assert!(
        s.interactions
            .iter()
            .filter(|x| x.kind == Kind::Reaction)
            .all(|x| x.sentiment.is_none()),
        "an emoji's short code is no words to score"
    );
    for left in [
        "1 bot message",
        "1 deactivated member with no messages",
        "1 Slack notice (channel leave)",
        "1 Slack notice (channel topic)",
    ] {
        assert!(out.contains(left), "`{left}` in {out}");
    }
}

/// Copies the Slack fixture into `dir`, with one more day in `general` when `later`.
fn slack_copy(dir: &Path, later: bool) {
    let from = fixture("slack");
    for entry in ["users.json", "channels.json", "dms.json"] {
        std::fs::write(dir.join(entry), std::fs::read(from.join(entry)).unwrap()).unwrap();
    }
    for (folder, day) in [("general", "2024-01-15"), ("D0ABC1234", "2024-01-16")] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let f = format!("{folder}/{day}.json");
        std::fs::write(dir.join(&f), std::fs::read(from.join(&f)).unwrap()).unwrap();
    }
    if later {
        std::fs::write(
            dir.join("general/2024-01-17.json"),
            r#"[{"type": "message", "user": "U01AAAAAAA", "text": "0.3.1 fixes the export", "ts": "1705485600.000100"}]"#,
        )
        .unwrap();
    }
}

#[test]
fn a_later_larger_export_adds_only_what_is_new() {
    let p = Place::new();
    let first = p.path("export-jan-16");
    std::fs::create_dir_all(&first).unwrap();
    slack_copy(&first, false);
    let later = p.path("export-jan-17");
    std::fs::create_dir_all(&later).unwrap();
    slack_copy(&later, true);
    assert_eq!(import(&p, &[first.to_str().unwrap()]).0, 0);
    let before = p.load();
    let (code, out, _) = import(&p, &[later.to_str().unwrap(), "--from", "slack"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("1 interaction (1 message); contacts: 0 created, 3 matched; 7 records already in the store"),
        "{out}"
    );
    let after = p.load();
    assert_eq!(after.interactions.len(), before.interactions.len() + 1);
    assert_eq!(after.contacts.len(), 3);
    let x = after.interactions.iter().next_back().unwrap();
    assert_eq!(x.note, "0.3.1 fixes the export");
    assert_eq!(
        x.source.as_deref(),
        Some("slack:C01GENERAL:1705485600.000100")
    );
}

/// A channel renamed between two exports keeps its id: its history is not added again.
#[test]
fn a_renamed_channel_is_the_same_channel() {
    let p = Place::new();
    let first = p.path("export-jan-16");
    std::fs::create_dir_all(&first).unwrap();
    slack_copy(&first, false);
    assert_eq!(import(&p, &[first.to_str().unwrap()]).0, 0);
    let before = p.load();
    let later = p.path("export-jan-17");
    std::fs::create_dir_all(&later).unwrap();
    slack_copy(&later, true);
    std::fs::rename(later.join("general"), later.join("announcements")).unwrap();
    let channels = std::fs::read_to_string(later.join("channels.json")).unwrap();
    std::fs::write(
        later.join("channels.json"),
        channels.replace("\"name\": \"general\"", "\"name\": \"announcements\""),
    )
    .unwrap();
    let (code, out, err) = import(&p, &[later.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 interaction (1 message); contacts: 0 created, 3 matched; 7 records already in the store"),
        "{out}"
    );
    assert_eq!(p.load().interactions.len(), before.interactions.len() + 1);
}

#[test]
fn mailchimp_members_are_subscribed_on_their_opt_in_and_the_unsubscribed_tagged() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture("mailchimp").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let s = p.load();
    let tags: Vec<(String, Vec<String>)> = {
        let mut v: Vec<_> = s
            .contacts
            .iter()
            .map(|c| (c.name.clone(), c.tags.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        tags,
        [
            (
                "Ada Lovelace".into(),
                vec!["Newsletter".into(), "Beta testers".into()]
            ),
            ("Grace Hopper".into(), vec![]),
            ("Linus Tor".into(), vec!["unsubscribed".into()]),
            ("bounce@example.invalid".into(), vec!["cleaned".into()]),
        ]
    );
    assert_eq!(
        interactions(&s),
        [
            "2016-04-18T13:51:14 Grace Hopper connect email inbound \"\"",
            "2021-03-03T12:00:00 bounce@example.invalid connect email inbound \"\"",
            "2022-01-01T10:00:00 Linus Tor connect email inbound \"\"",
            "2023-05-01T10:00:00 Ada Lovelace connect email inbound \"\"",
        ],
        "the byte order mark of the subscribed file is no part of its first column"
    );
}

#[test]
fn stripe_paid_payments_are_purchases_less_refunds_and_the_rest_counted() {
    let p = Place::new();
    let (code, out, err) = import(
        &p,
        &[fixture("stripe/unified_payments.csv").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}{err}");
    let s = p.load();
    assert_eq!(
        interactions(&s),
        ["2024-01-15T10:23:45 Ada Lovelace purchase stripe inbound 29.00 \"\""]
    );
    for left in [
        "1 failed or uncaptured payment",
        "1 payment refunded in full",
        "1 payment with no customer",
    ] {
        assert!(out.contains(left), "`{left}` in {out}");
    }
    assert_eq!(s.settings.currency, "USD");
}

#[test]
fn one_person_in_mailchimp_and_stripe_is_one_contact() {
    let p = Place::new();
    assert_eq!(import(&p, &[fixture("mailchimp").to_str().unwrap()]).0, 0);
    let (code, out, _) = import(
        &p,
        &[fixture("stripe/unified_payments.csv").to_str().unwrap()],
    );
    assert_eq!(code, 0);
    assert!(out.contains("contacts: 0 created, 1 matched"), "{out}");
    let s = p.load();
    let adas: Vec<_> = s
        .contacts
        .iter()
        .filter(|c| c.email.as_deref() == Some("ada@example.com"))
        .collect();
    assert_eq!(adas.len(), 1);
    let kinds: Vec<Kind> = s
        .interactions
        .iter()
        .filter(|x| x.contact == adas[0].id)
        .map(|x| x.kind)
        .collect();
    assert_eq!(kinds, [Kind::Connect, Kind::Purchase]);
}

#[test]
fn money_in_another_currency_is_refused_unless_converted() {
    let p = Place::new();
    // A store that already keeps euros.
    let mut s = Store::default();
    s.settings.currency = "EUR".into();
    let ada = contact("Ada Lovelace", None, Some("ada@example.com"));
    let mut x = interaction(&ada, "2024-01-02", Kind::Purchase, "web");
    x.value = Some(ror_tui::store::Money::from_cents(1000));
    s.contacts.push(ada);
    s.interactions.push(x);
    p.write(&s);
    let file = fixture("stripe/unified_payments.csv");
    let (code, _, err) = import(&p, &[file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("the amounts are in USD and the store's are in EUR: pass --rate USD=N"),
        "{err}"
    );
    assert_eq!(p.load().interactions.len(), 1, "nothing written");
    let (code, out, err) = import(&p, &[file.to_str().unwrap(), "--rate", "usd=0.92"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("amounts in USD converted at 0.92"), "{out}");
    let s = p.load();
    let bought = s.interactions.iter().find(|x| x.source.is_some()).unwrap();
    assert_eq!(bought.value.unwrap().cents(), 2668, "29.00 × 0.92");
    assert_eq!(bought.direction, Direction::Inbound);
}

#[test]
fn a_dry_run_shows_the_first_rows_and_writes_nothing() {
    let p = Place::new();
    let (code, out, _) = import(&p, &[fixture("slack").to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("dry run: would import from slack export"),
        "{out}"
    );
    assert!(
        out.contains("  2024-01-15T10:50:00 · Ada Lovelace · message via slack, inbound · “Release 0.3 is out :tada:”"),
        "{out}"
    );
    assert!(out.ends_with("nothing was written\n"), "{out}");
    assert!(!p.path("store.json").exists() || p.load().interactions.is_empty());
}

#[test]
fn a_bad_record_names_file_place_and_field_and_nothing_is_imported() {
    let p = Place::new();
    let dir = p.path("slack-bad");
    std::fs::create_dir_all(&dir).unwrap();
    slack_copy(&dir, false);
    std::fs::write(
        dir.join("general/2024-01-18.json"),
        r#"[{"type": "message", "user": "U01AAAAAAA", "text": "ok", "ts": "1705572000.1"},
            {"type": "message", "user": "U01AAAAAAA", "text": "no time"}]"#,
    )
    .unwrap();
    let (code, out, err) = import(&p, &[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("general/2024-01-18.json:[1]: missing field `ts`"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!p.path("store.json").exists() || p.load().interactions.is_empty());
    let (code, out, _) = import(&p, &[dir.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("left out: 1 record that could not be read"),
        "{out}"
    );
    assert_eq!(p.load().interactions.len(), 7);
}

#[test]
fn an_unknown_platform_or_folder_is_a_usage_error() {
    let p = Place::new();
    let (code, _, err) = import(
        &p,
        &[fixture("slack").to_str().unwrap(), "--from", "myspace"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("`myspace` is not a platform"), "{err}");
    assert!(!err.contains("did you mean"), "nothing near myspace: {err}");
    // A letter left out in a hurry: the one meant is named.
    let (code, _, err) = import(
        &p,
        &[fixture("slack").to_str().unwrap(), "--from", "linkdin"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`linkdin` is not a platform ror-tui reads (did you mean `linkedin`?"),
        "{err}"
    );
    let empty = p.path("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _, err) = import(&p, &[empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot tell which platform wrote"), "{err}");
}

/// Slack and LinkedIn hand their exports over as zip archives: read as they come, entries made
/// on Windows (`\` in their names) and macOS's `__MACOSX` copies included.
#[test]
fn a_zip_archive_is_read_as_it_downloads() {
    use std::io::Write as _;
    let p = Place::new();
    let zipped = p.path("slack-export.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let from = fixture("slack");
    for (inside, name) in [
        ("users.json", "users.json"),
        ("channels.json", "channels.json"),
        ("general/2024-01-15.json", "general\\2024-01-15.json"),
        ("D0ABC1234/2024-01-16.json", "D0ABC1234/2024-01-16.json"),
        ("users.json", "__MACOSX/._users.json"),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(&std::fs::read(from.join(inside)).unwrap())
            .unwrap();
    }
    w.finish().unwrap();
    let (code, out, err) = import(&p, &[zipped.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("7 interactions (2 message, 1 comment, 1 connect, 3 reaction)"),
        "{out}"
    );
    let from_folder = Place::new();
    import(&from_folder, &[fixture("slack").to_str().unwrap()]);
    assert_eq!(interactions(&p.load()), interactions(&from_folder.load()));
}

/// The summary a user reads, whole: a dry run (with the first rows as they would be saved), then
/// the import, then the same again.
#[test]
fn the_summaries_read_as_they_should() {
    let p = Place::new();
    let root = fixture("");
    let slack = fixture("slack");
    let clean = |s: String| s.replace(root.to_str().unwrap(), "<fixtures>/");
    let (_, dry, _) = import(&p, &[slack.to_str().unwrap(), "--dry-run"]);
    let (_, done, _) = import(&p, &[slack.to_str().unwrap()]);
    let (_, again, _) = import(&p, &[slack.to_str().unwrap()]);
    insta::assert_snapshot!(
        "slack_import_summaries",
        clean(format!(
            "$ import --dry-run\n{dry}$ import\n{done}$ import\n{again}"
        ))
    );
}

/// Two people with one name are never made one when an identity says otherwise (another Slack
/// user, say, in a second workspace): the second becomes a contact of its own, and the pair
/// waits on the Duplicates screen for a person to decide.
#[test]
fn a_shared_name_with_another_identity_is_someone_else_offered_to_merge() {
    let p = Place::new();
    assert_eq!(import(&p, &[fixture("slack").to_str().unwrap()]).0, 0);
    let other = p.path("other-workspace");
    std::fs::create_dir_all(other.join("random")).unwrap();
    std::fs::write(
        other.join("users.json"),
        r#"[{"id": "U09ZZZZZZZ", "name": "ada2", "real_name": "Ada Lovelace", "profile": {}}]"#,
    )
    .unwrap();
    std::fs::write(other.join("channels.json"), "[]").unwrap();
    std::fs::write(
        other.join("random/2024-02-01.json"),
        r#"[{"type": "message", "user": "U09ZZZZZZZ", "text": "hello from the other workspace", "ts": "1706780000.000100"}]"#,
    )
    .unwrap();
    let (code, out, err) = import(&p, &[other.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("contacts: 1 created, 0 matched"), "{out}");
    let s = p.load();
    let adas: Vec<_> = s
        .contacts
        .iter()
        .filter(|c| c.name == "Ada Lovelace")
        .collect();
    assert_eq!(adas.len(), 2);
    let pairs = ror_tui::dedupe::likely(&s.contacts);
    assert!(
        pairs
            .iter()
            .any(|x| [x.a, x.b].contains(&adas[0].id) && [x.a, x.b].contains(&adas[1].id)),
        "the two Adas are offered to merge: {pairs:?}"
    );
}

/// A name is not an identity: a Slack member with no email who shares the name of a contact
/// typed by hand stays apart, and the two are offered to merge rather than merged.
#[test]
fn a_name_alone_never_joins_two_people() {
    let p = Place::new();
    p.typed_contact("Grace Hopper", "2024-01-02");
    let (code, out, err) = import(&p, &[fixture("slack").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    let s = p.load();
    let graces: Vec<_> = s
        .contacts
        .iter()
        .filter(|c| c.name == "Grace Hopper")
        .collect();
    assert_eq!(graces.len(), 2, "{out}");
    let typed = graces.iter().find(|c| c.identities.is_empty()).unwrap();
    let slack = graces
        .iter()
        .find(|c| c.identities.contains_key("slack"))
        .unwrap();
    assert_eq!(
        s.interactions
            .iter()
            .filter(|x| x.contact == typed.id)
            .count(),
        1,
        "the call stays with the contact it was logged for; Slack's messages go to the other"
    );
    assert!(s.interactions.iter().any(|x| x.contact == slack.id));
    let pairs = ror_tui::dedupe::likely(&s.contacts);
    assert!(
        pairs
            .iter()
            .any(|x| [x.a, x.b].contains(&typed.id) && [x.a, x.b].contains(&slack.id)),
        "the two Graces are offered to merge: {pairs:?}"
    );
}

/// A store with no amounts yet takes the currency of its first import that has some.
#[test]
fn an_empty_store_takes_the_currency_of_its_first_money_import() {
    let p = Place::new();
    let eur = p.file(
        "unified_payments.csv",
        "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer Email\n\
         ch_1,2024-03-01 09:00:00,\"1,049.50\",49.50,eur,Paid,ada@example.com\n",
    );
    let (code, out, err) = import(&p, &[eur.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("the store's currency is now EUR"), "{out}");
    let s = p.load();
    assert_eq!(s.settings.currency, "EUR");
    assert_eq!(s.interactions[0].value.unwrap().cents(), 100_000);
}
