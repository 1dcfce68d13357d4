//! Loading a store: defaults, and one clear error (file, line, field) for each kind of bad file.

use std::path::Path;

use ror_tui::store::{LoadError, Money, SCHEMA_VERSION, StoreFile, parse_store, read_store};

const CONTACT: &str = "0196d32c-0680-7f4c-843c-6ddeed1c464f";

fn parse(text: &str) -> Result<ror_tui::store::Store, LoadError> {
    parse_store(Path::new("store.json"), text.as_bytes())
}

fn err(text: &str) -> String {
    parse(text)
        .expect_err("the store should be refused")
        .to_string()
}

#[test]
fn missing_optional_fields_take_defaults() {
    let s = parse(&format!(
        r#"{{"schema": 1,
            "contacts": [{{"id": "{CONTACT}", "name": "Ada", "created": "2026-01-02"}}],
            "interactions": [{{"id": "0196d36d-f180-7734-a409-ff1907ab3cf6",
                "contact": "{CONTACT}", "at": "2026-01-03", "channel": "LinkedIn", "kind": "share"}}]}}"#
    ))
    .unwrap();
    assert_eq!(s.settings.churn_days, 90);
    assert_eq!(s.settings.at_risk_days, 30);
    assert!(s.settings.auto_sentiment);
    assert_eq!(s.settings.currency, "USD");
    let c = &s.contacts[0];
    assert!(!c.is_team && c.tags.is_empty() && c.handle.is_none());
    let x = &s.interactions[0];
    assert_eq!(x.direction, ror_tui::store::Direction::Inbound);
    assert_eq!(
        x.channel, "linkedin",
        "channels are normalised to lower case"
    );
    assert_eq!(x.at.time, None, "a plain date stays a date");
    assert!(s.investments.is_empty() && s.standups.is_empty());
}

#[test]
fn the_smallest_store_is_just_a_schema() {
    let s = parse(r#"{"schema": 1}"#).unwrap();
    assert!(s.is_empty());
    assert_eq!(s.schema, SCHEMA_VERSION);
}

#[test]
fn invalid_json_names_file_line_and_column() {
    let e = err("{\n  \"schema\": 1,\n  \"contacts\": [,]\n}");
    assert!(e.starts_with("store.json:3:16: "), "{e}");
    assert!(e.contains("was not changed"), "{e}");
}

#[test]
fn truncated_file_says_it_ends_early() {
    let e = err("{\"schema\": 1, \"contacts\": [");
    assert!(e.contains("ends early"), "{e}");
    assert!(e.starts_with("store.json:1:"), "{e}");
}

#[test]
fn wrong_type_names_the_field_and_line() {
    let e = err(&format!(
        "{{\"schema\": 1,\n\"contacts\": [{{\"id\": \"{CONTACT}\", \"name\": 42, \"created\": \"2026-01-02\"}}]}}"
    ));
    assert!(e.starts_with("store.json:2:"), "{e}");
    assert!(
        e.contains("invalid type: integer `42`, expected a string"),
        "{e}"
    );
}

#[test]
fn unknown_field_is_refused_not_dropped() {
    let e = err(r#"{"schema": 1, "settings": {"churn_dayz": 10}}"#);
    assert!(e.contains("unknown field `churn_dayz`"), "{e}");
}

#[test]
fn newer_schema_says_to_upgrade_and_names_the_version() {
    let e = err(r#"{"schema": 7, "settings": {"new_thing": true}}"#);
    assert!(e.contains("schema 7"), "{e}");
    assert!(e.contains("upgrade ror-tui"), "{e}");
    assert!(e.contains("new_thing"), "the unknown field is named: {e}");
    let e = err(r#"{"schema": 3}"#);
    assert!(
        e.contains("schema 3") && e.contains("reads schema 2"),
        "{e}"
    );
    let e = err("{\"type\": \"header\", \"schema\": 3}\n{\"type\": \"workspace\"}\n");
    assert!(
        e.contains("schema 3") && e.contains("upgrade ror-tui"),
        "a file of one record per line from a newer version: {e}"
    );
}

#[test]
fn dangling_reference_names_the_record_its_line_and_field() {
    let text = format!(
        r#"{{
  "schema": 1,
  "contacts": [{{"id": "{CONTACT}", "name": "Ada", "created": "2026-01-02"}}],
  "interactions": [
    {{
      "id": "0196d36d-f180-7734-a409-ff1907ab3cf6",
      "contact": "0196d36d-0000-7000-8000-000000000000",
      "at": "2026-01-03", "channel": "email", "kind": "message"
    }}
  ]
}}"#
    );
    let e = err(&text);
    assert!(
        e.contains("store.json:line 6: interactions[0].contact: no contact has id 0196d36d-0000"),
        "{e}"
    );
}

#[test]
fn out_of_range_values_are_each_reported() {
    let text = format!(
        r#"{{"schema": 1,
  "contacts": [{{"id": "{CONTACT}", "name": " ", "created": "2026-01-02"}}],
  "interactions": [{{"id": "0196d36d-f180-7734-a409-ff1907ab3cf6", "contact": "{CONTACT}",
      "at": "2026-01-03", "channel": "web", "kind": "survey", "nps": 11, "rating": 0,
      "sentiment": {{"score": 1.5, "source": "manual"}}}}]}}"#
    );
    let LoadError::Invalid { problems, .. } = parse(&text).unwrap_err() else {
        panic!("expected validation problems")
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
    assert_eq!(fields, ["name", "sentiment", "nps", "rating"]);
}

#[test]
fn duplicate_ids_are_refused() {
    let c =
        |name: &str| format!(r#"{{"id": "{CONTACT}", "name": "{name}", "created": "2026-01-02"}}"#);
    let e = err(&format!(
        r#"{{"schema": 1, "contacts": [{}, {}]}}"#,
        c("Ada"),
        c("Bea")
    ));
    assert!(e.contains("contacts[1].id: duplicate id"), "{e}");
}

#[test]
fn money_with_more_than_two_decimals_is_refused() {
    let e = err(&format!(
        r#"{{"schema": 1, "contacts": [{{"id": "{CONTACT}", "name": "Ada", "created": "2026-01-02"}}],
  "investments": [{{"id": "0196d36d-f180-7734-a409-ff1907ab3cf6", "date": "2026-01-02",
     "kind": "gift", "amount": 10.125}}]}}"#
    ));
    assert!(e.contains("more than two decimals"), "{e}");
    let s = parse(
        r#"{"schema": 1, "investments": [{"id": "0196d36d-f180-7734-a409-ff1907ab3cf6",
             "date": "2026-01-02", "kind": "gift", "amount": 10.1}]}"#,
    )
    .unwrap();
    assert_eq!(s.investments[0].amount, Money::from_cents(1010));
}

#[test]
fn empty_file_and_bom() {
    assert!(err("").contains("the file is empty"));
    assert!(err(" \n").contains("the file is empty"));
    assert!(
        parse("\u{feff}{\"schema\": 1}").is_ok(),
        "a byte-order mark is not data"
    );
}

#[test]
fn invalid_utf8_is_an_error_not_a_panic() {
    let e = parse_store(
        Path::new("s.json"),
        b"{\"schema\": 1, \"settings\": {\"currency\": \"\xff\"}}",
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("s.json:1:"), "{e}");
}

#[test]
fn nesting_deeper_than_any_store_is_refused() {
    // Whatever the nesting, the answer is an error with a position, never a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for text in [
        format!(r#"{{"schema": 1, "contacts": {deep}}}"#),
        deep.clone(),
    ] {
        let e = err(&text);
        assert!(e.starts_with("store.json:1:"), "{e}");
    }
    let e = err(&format!(r#"{{"schema": 3, "future": {deep}}}"#));
    assert!(
        e.contains("schema 3") && e.contains("unknown field `future`"),
        "{e}"
    );
}

#[test]
fn a_directory_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_store(dir.path()).unwrap_err().to_string();
    assert!(e.contains("is a directory"), "{e}");
}

#[test]
fn a_missing_file_is_a_new_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/store.json");
    let (_file, store) = StoreFile::open(&path).unwrap();
    assert!(store.is_empty());
    assert!(
        !path.exists(),
        "opening creates nothing; the first save does"
    );
}

/// Work done beside the validation is handed back with a sound store, and a store that fails
/// the check is refused the same way, whatever that work made of it.
#[test]
fn work_done_while_validating_comes_back_only_with_a_sound_store() {
    use ror_tui::generator::{GenSpec, generate};
    use ror_tui::store::{read_store_with, to_store_json};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    let mut store = generate(&GenSpec::scale(30, 300));
    std::fs::write(&path, to_store_json(&store)).unwrap();
    let (read, count) = read_store_with(&path, |s| s.interactions.len())
        .unwrap()
        .unwrap();
    assert_eq!(count, 300);
    assert_eq!(Some(read), read_store(&path).unwrap());

    store.interactions[7].nps = Some(12);
    std::fs::write(&path, to_store_json(&store)).unwrap();
    let refused = read_store_with(&path, |s| s.interactions.len()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        read_store(&path).unwrap_err().to_string()
    );
    assert!(
        refused.to_string().contains("interactions[7].nps"),
        "{refused}"
    );

    let missing = dir.path().join("none.json");
    assert!(read_store_with(&missing, |_| ()).unwrap().is_none());
}

/// A store of many pieces, with changes appended and a write cut short at its end, read from
/// its file a piece at a time, is the store read from memory; and the next save goes on from
/// where its lines end.
#[test]
fn a_large_store_read_from_its_file_is_the_store_read_from_memory() {
    use ror_tui::generator::{GenSpec, generate};
    use ror_tui::store::{Writer, parse_store, read_store, to_store_json};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.json");
    std::fs::write(
        &path,
        to_store_json(&generate(&GenSpec::scale(500, 20_000))),
    )
    .unwrap();
    let (mut w, mut s) = Writer::open(&path).unwrap();
    s.interactions[10].note = "changed".into();
    let gone = s.interactions[20].id;
    s.interactions.retain(|x| x.id != gone);
    w.save(&s).unwrap();
    let mut text = std::fs::read(&path).unwrap();
    assert!(text.len() > 5 << 20, "several pieces: {} bytes", text.len());
    text.extend_from_slice(b"{\"type\": \"batch\", \"lines\": 3}\n{\"type\": \"cont");
    std::fs::write(&path, &text).unwrap();
    let from_file = read_store(&path).unwrap().unwrap();
    let from_memory = parse_store(&path, &text).unwrap();
    assert_eq!(from_file, from_memory);
    assert_eq!(from_file.interactions.len(), 19_999);
    let (mut w, mut s) = Writer::open(&path).unwrap();
    s.contacts[0].notes = "after the cut".into();
    w.save(&s).unwrap();
    let again = std::fs::read_to_string(&path).unwrap();
    assert!(!again.contains("\"cont\n"), "the cut-short write is gone");
    assert_eq!(
        read_store(&path).unwrap().unwrap().contacts[0].notes,
        "after the cut"
    );
}
