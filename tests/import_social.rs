//! `ror-tui import EXPORT` for the community platforms: DiscordChatExporter's JSON (an indented
//! channel file as the exporter writes it, a second one on one line, timestamps at several
//! offsets and fractions, reactions with and without who reacted) and what `gh api` writes for a
//! repository (stargazers with their dates, issues with a pull request among them, comments; one
//! array, glued pages or `--slurp` pages). Read back from the store file: exact contacts and
//! interactions, what is left out counted, a second import adding nothing, and a record that
//! cannot be read named by file and JSON path with nothing imported.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;

/// A contact known by one identity, created on `created`.
fn one(name: &str, created: &str, identity: &str) -> Seen {
    (
        name.into(),
        None,
        None,
        created.into(),
        vec![identity.into()],
    )
}

const GENERAL: &str = "discord/Example Guild - general [111111111111111111].json";

#[test]
fn discord_channels_bring_people_messages_replies_and_reactions_not_bots_or_notices() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture("discord").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("imported from discord export"),
        "recognised without --from: {out}"
    );
    assert!(
        out.contains(
            "9 interactions (3 message, 2 comment, 1 connect, 3 reaction); contacts: 4 created"
        ),
        "{out}"
    );
    let s = p.load();
    assert_eq!(
        contacts(&s),
        [
            one("Ada", "2024-01-15", "discord=555555555555555555"),
            one("Grace", "2024-01-15", "discord=444444444444444444"),
            one("kjohnson", "2024-01-16", "discord=101010101010101010"),
            one("linus", "2024-01-15", "discord=777777777777777777"),
        ],
        "named by their server nickname, else their user name; the bot is no contact"
    );
    assert_eq!(
        interactions(&s),
        [
            // Joining the server is connecting to it.
            "2024-01-15T10:00:00 Grace connect discord inbound \"\"",
            // 10:23:45.678-05:00, shown in the local zone (UTC here).
            "2024-01-15T15:23:45 Ada message discord inbound \"Release 0.3 is out!\"",
            "2024-01-15T15:23:45 Grace reaction discord inbound \":tada:\"",
            "2024-01-15T15:23:45 linus reaction discord inbound \":tada:\"",
            "2024-01-15T15:30:00 Grace comment discord inbound \"Congrats @Ada!\"",
            // 09:00:00+02:00.
            "2024-01-16T07:00:00 linus message discord inbound \"How do I import a Slack export?\"",
            "2024-01-16T07:00:00 Ada reaction discord inbound \":thumbsup:\"",
            "2024-01-16T07:05:00 Ada comment discord inbound \"Run ror-tui import on the zip as it downloads.\"",
            "2024-01-16T08:00:00 kjohnson message discord inbound \"\"",
        ],
        "a message with only an attachment is still one"
    );
    assert!(
        out.contains(
            "left out: 1 Discord notice (channel pinned message), 1 bot message, 1 bot reaction, \
             1 empty message, 1 reaction without who reacted\n"
        ),
        "{out}"
    );
    let sources: Vec<&str> = s
        .interactions
        .iter()
        .filter_map(|x| x.source.as_deref())
        .take(3)
        .collect();
    assert_eq!(
        sources,
        [
            "discord:111111111111111111:1196000000000000001",
            "discord:111111111111111111:1196000000000000002",
            "discord:111111111111111111:1196000000000000002:reaction:tada:444444444444444444",
        ]
    );
    // The same export again: nothing new.
    let (code, out, _) = import(&p, &[fixture("discord").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("nothing new to import"), "{out}");
    assert!(out.contains("9 records already in the store"), "{out}");
    assert_eq!(p.load().interactions.len(), 9);
}

#[test]
fn one_indented_discord_channel_file_is_recognised_on_its_own() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture(GENERAL).to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("imported from discord export"), "{out}");
    assert_eq!(p.load().interactions.len(), 5);
    // Then the whole folder: only the other channel is new.
    let (code, out, _) = import(&p, &[fixture("discord").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("4 interactions (2 message, 1 comment, 1 reaction); contacts: 1 created, 3 matched; 5 records already in the store"),
        "{out}"
    );
}

#[test]
fn a_bad_discord_message_names_file_path_and_field_and_nothing_is_imported() {
    let p = Place::new();
    let text = std::fs::read_to_string(fixture(GENERAL)).unwrap();
    let bad = text.replacen(
        "\"timestamp\": \"2024-01-15T15:30:00+00:00\"",
        "\"timestamp\": \"yesterday\"",
        1,
    );
    assert_ne!(bad, text);
    let file = p.file("general.json", &bad);
    let (code, out, err) = import(&p, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("general.json:messages[2].timestamp: `timestamp` `yesterday` is not a time"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!p.store.exists() || p.load().interactions.is_empty());
    // A message without its author: the path inside the file, from the JSON reader.
    let start = text
        .find("\"author\": {\n        \"id\": \"444444444444444444\"")
        .unwrap();
    let end = start + text[start..].find("},\n").unwrap() + 3;
    let no_author = format!("{}{}", &text[..start], &text[end..]);
    let file = p.file("general-2.json", &no_author);
    let (code, _, err) = import(&p, &[file.to_str().unwrap(), "--from", "discord"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("general-2.json:messages[0]: missing field `author`"),
        "{err}"
    );
    // The rest of the channel is still read when asked.
    let file = p.file("general.json", &bad);
    let (code, out, _) = import(&p, &[file.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("left out: 1 record that could not be read"),
        "{out}"
    );
    assert_eq!(
        p.load().interactions.len(),
        4,
        "Grace joining, Ada's message and its two reactions"
    );
}

#[test]
fn github_output_brings_stargazers_issues_pull_requests_and_comments_not_bots() {
    let p = Place::new();
    let (code, out, err) = import(&p, &[fixture("github/repo").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("imported from github export"),
        "recognised without --from: {out}"
    );
    let s = p.load();
    assert_eq!(
        contacts(&s),
        [
            one("ada-lovelace", "2024-01-15", "github=ada-lovelace"),
            one("gracehopper", "2024-01-15", "github=gracehopper"),
        ]
    );
    assert_eq!(
        interactions(&s),
        [
            "2024-01-15T10:23:45 ada-lovelace support github inbound \"Importer for LinkedIn archives\\n\\nIt would be great to import Connections.csv.\"",
            "2024-01-15T10:23:45 ada-lovelace connect github inbound \"\"",
            "2024-01-15T11:00:00 gracehopper comment github inbound \"+1, I have an export ready to test.\"",
            "2024-01-20T08:00:00 gracehopper comment github inbound \"Pull request: Add Slack importer\"",
            "2024-02-01T08:00:00 gracehopper connect github inbound \"\"",
        ]
    );
    assert!(out.contains("left out: 1 comment by a bot\n"), "{out}");
    let mut sources: Vec<&str> = s
        .interactions
        .iter()
        .filter_map(|x| x.source.as_deref())
        .collect();
    sources.sort();
    assert_eq!(
        sources,
        [
            "github:comment:1890000001",
            "github:issue:https://github.com/example/ror-tui/issues/42",
            "github:pull:https://github.com/example/ror-tui/pull/43",
            "github:star:ada-lovelace",
            "github:star:gracehopper",
        ]
    );
    let (code, out, _) = import(&p, &[fixture("github/repo").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("nothing new to import"), "{out}");
    assert!(out.contains("5 records already in the store"), "{out}");
    assert_eq!(p.load().interactions.len(), 5);
}

#[test]
fn glued_and_slurped_pages_read_as_the_one_array() {
    let merged = Place::new();
    let file = fixture("github/repo/stargazers.json");
    assert_eq!(import(&merged, &[file.to_str().unwrap()]).0, 0);
    let expected = interactions(&merged.load());
    assert_eq!(
        expected,
        [
            "2024-01-15T10:23:45 ada-lovelace connect github inbound \"\"",
            "2024-02-01T08:00:00 gracehopper connect github inbound \"\"",
        ]
    );
    for paged in ["stargazers_concat.json", "stargazers_slurp.json"] {
        let p = Place::new();
        let file = fixture(&format!("github/pages/{paged}"));
        let (code, out, err) = import(&p, &[file.to_str().unwrap()]);
        assert_eq!(code, 0, "{paged}: {out}{err}");
        assert_eq!(interactions(&p.load()), expected, "{paged}");
        assert_eq!(contacts(&p.load()), contacts(&merged.load()), "{paged}");
        // Into the store the merged array filled: the same stars, nothing new.
        let (_, out, _) = import(&merged, &[file.to_str().unwrap()]);
        assert!(out.starts_with("nothing new to import"), "{paged}: {out}");
    }
}

#[test]
fn stargazers_without_their_dates_are_refused_with_how_to_fetch_them() {
    let p = Place::new();
    let file = p.file(
        "stargazers.json",
        r#"[{"login":"ada-lovelace","id":1000001,"node_id":"MDQ6VXNlcjEwMDAwMDE=","type":"User"},{"login":"gracehopper","id":1000002,"node_id":"MDQ6VXNlcjEwMDAwMDI=","type":"User"}]"#,
    );
    let (code, out, err) = import(&p, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains(
            "stargazers.json:[0]: `starred_at` missing: 2 stargazers are listed without when \
             they starred; fetch them again with -H 'Accept: application/vnd.github.star+json'"
        ),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!p.store.exists() || p.load().contacts.is_empty());
}

#[test]
fn a_bad_github_record_names_file_path_and_field_and_nothing_is_imported() {
    let p = Place::new();
    let issues = std::fs::read_to_string(fixture("github/repo/issues.json")).unwrap();
    let bad = issues.replacen(
        "\"created_at\": \"2024-01-20T08:00:00Z\"",
        "\"created_at\": \"last tuesday\"",
        1,
    );
    assert_ne!(bad, issues);
    let file = p.file("issues.json", &bad);
    let (code, out, err) = import(&p, &[file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("issues.json:[1].created_at: `created_at` `last tuesday` is not a time"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!p.store.exists() || p.load().interactions.is_empty());
    // On a glued second page the place is the record's in the one array the pages make; a
    // path inside the record comes from the JSON reader.
    let file = p.file(
        "stars.json",
        r#"[{"starred_at":"2024-01-15T10:23:45Z","user":{"login":"ada-lovelace","type":"User"}}][{"starred_at":"2024-02-01T08:00:00Z","user":{"id":1000002,"type":"User"}}]"#,
    );
    let (code, _, err) = import(&p, &[file.to_str().unwrap(), "--from", "github"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("stars.json:[1].user: missing field `login`"),
        "{err}"
    );
    let (code, out, _) = import(&p, &[file.to_str().unwrap(), "--skip-invalid"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("left out: 1 record that could not be read"),
        "{out}"
    );
    assert_eq!(
        interactions(&p.load()),
        ["2024-01-15T10:23:45 ada-lovelace connect github inbound \"\""]
    );
}
