//! What `gh api` writes for a repository: its stargazers with when they starred, its issues
//! (pull requests among them) and its issue comments, each file told apart by the shape of its
//! records, not its name. A star becomes a `connect`, an issue `support`, a pull request or a
//! comment a `comment`; bots and deleted accounts are left out and counted.
//!
//! `gh api --paginate` writes one array (current versions), pages glued together (`][`, older
//! versions, or runs appended with `>>`), an array of pages (`--slurp`), or one record per line
//! (`--jq '.[]'`): all are read alike.

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::{Event, Export, Files, Person, Problem, csv_rows};
use crate::store::{Direction, Kind};

#[derive(Deserialize)]
struct User {
    login: String,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Deserialize)]
struct Star {
    starred_at: String,
    #[serde(default)]
    user: Option<User>,
}

#[derive(Deserialize)]
struct Issue {
    html_url: String,
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    user: Option<User>,
    created_at: String,
}

#[derive(Deserialize)]
struct Comment {
    id: u64,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    user: Option<User>,
    created_at: String,
}

/// One record of a file, by its shape.
enum Record {
    Star(Star),
    /// An issue, or a pull request (`true`).
    Issue(Issue, bool),
    Comment(Comment),
    /// A stargazer listed without `starred_at`.
    Stargazer,
    Other,
}

/// A record that cannot be read: the path inside it and what is wrong.
type Bad = (String, String);

fn record(v: &Value) -> Result<Record, Bad> {
    fn typed<T: serde::de::DeserializeOwned>(v: &Value) -> Result<T, Bad> {
        serde_path_to_error::deserialize::<_, T>(v)
            .map_err(|e| (e.path().to_string(), e.into_inner().to_string()))
    }
    let Value::Object(o) = v else {
        return Err((
            String::new(),
            "expected a GitHub record (a JSON object)".into(),
        ));
    };
    if o.contains_key("starred_at") {
        Ok(Record::Star(typed(v)?))
    } else if o.contains_key("issue_url") {
        Ok(Record::Comment(typed(v)?))
    } else if o.contains_key("number") && o.contains_key("title") {
        // The issues list holds pull requests too, marked by `pull_request`; the pulls list
        // does not mark its own, but their pages are under `/pull/`.
        let pull = o.contains_key("pull_request")
            || o.get("html_url")
                .and_then(Value::as_str)
                .is_some_and(|u| u.contains("/pull/"));
        Ok(Record::Issue(typed(v)?, pull))
    } else if o.contains_key("login") {
        Ok(Record::Stargazer)
    } else {
        Ok(Record::Other)
    }
}

/// The records of one JSON value `gh` wrote: an array of records, an array of pages
/// (`--slurp`), or a single record. Each is read on its own, so that one bad record is a
/// problem at its place and the rest are still read; only the page being read is held whole.
struct Page {
    /// Each record by its place: the element of the value it is (0 for a single record), and
    /// its place in that element when it is a page of `--slurp` (`[3]`).
    records: Vec<(usize, String, Result<Record, Bad>)>,
    /// How many elements the value has: a later value glued after it numbers on from there.
    len: usize,
}

impl<'de> Deserialize<'de> for Page {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Shape;
        impl<'de> Visitor<'de> for Shape {
            type Value = Page;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of GitHub records, or one record")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Page, A::Error> {
                let mut records = Vec::new();
                let mut len = 0usize;
                while let Some(v) = seq.next_element::<Value>()? {
                    match v {
                        Value::Array(page) => {
                            for (j, r) in page.iter().enumerate() {
                                records.push((len, format!("[{j}]"), record(r)));
                            }
                        }
                        v => records.push((len, String::new(), record(&v))),
                    }
                    len += 1;
                }
                Ok(Page { records, len })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Page, A::Error> {
                let v = Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Page {
                    records: vec![(0, String::new(), record(&v))],
                    len: 1,
                })
            }
        }
        d.deserialize_any(Shape)
    }
}

/// A path inside a record (`user`, `.` for the record itself) after the record's own.
fn join(at: &str, inner: &str) -> String {
    match inner {
        "" | "." => at.to_string(),
        p if p.starts_with('[') || at.is_empty() => format!("{at}{p}"),
        p => format!("{at}.{p}"),
    }
}

/// Whether a file is what `gh api` gives for a repository's stargazers, issues or comments: by
/// their fields, or by the API addresses records carry in their first lines when indented.
pub(super) fn claims(path: &str, head: &str) -> bool {
    if !path.to_ascii_lowercase().ends_with(".json") {
        return false;
    }
    let api = head.contains("api.github.com");
    head.contains("\"starred_at\"")
        || head.contains("\"issue_url\"")
        || (api && head.contains("\"number\"") && head.contains("\"title\""))
        || (head.contains("api.github.com/repos/") && head.contains("/issues"))
        || (head.contains("\"login\"") && head.contains("\"node_id\""))
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut chosen: Vec<&(String, Vec<u8>)> = files
        .entries
        .iter()
        .filter(|(path, bytes)| claims(path, &csv_rows::first_lines(bytes, 6)))
        .collect();
    if chosen.is_empty() && files.entries.len() == 1 {
        chosen.push(&files.entries[0]);
    }
    if chosen.is_empty() {
        return Err(super::whole(
            files,
            "no `gh api` output: save a repository's stargazers, issues or issue comments as \
             JSON (`gh api --paginate repos/OWNER/REPO/issues > issues.json`)",
        ));
    }
    for (path, bytes) in chosen {
        files.parsed(bytes.len());
        read_file(&files.display(path), bytes, out);
    }
    Ok(())
}

fn read_file(file: &str, bytes: &[u8], out: &mut Export) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut records: Vec<(String, Result<Record, Bad>)> = Vec::new();
    // Glued pages and records one per line are numbered as the one array they stand for.
    let mut before = 0usize;
    for page in serde_json::Deserializer::from_slice(bytes).into_iter::<Page>() {
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                out.problem(
                    file,
                    format!("line {}", e.line()),
                    "",
                    format!("not JSON as `gh api` writes it: {e}"),
                );
                break;
            }
        };
        for (i, inside, r) in page.records {
            records.push((format!("[{}]{inside}", before + i), r));
        }
        before += page.len;
    }
    let mut without_date: Option<(String, usize)> = None;
    for (at, r) in records {
        match r {
            Err((inner, message)) => out.problem(file, join(&at, &inner), "", message),
            Ok(Record::Star(s)) => star(out, file, &at, s),
            Ok(Record::Issue(i, pull)) => issue(out, file, &at, i, pull),
            Ok(Record::Comment(c)) => comment(out, file, &at, c),
            Ok(Record::Stargazer) => match &mut without_date {
                Some((_, count)) => *count += 1,
                None => without_date = Some((at, 1)),
            },
            Ok(Record::Other) => out.skip("record that is not a star, issue or comment"),
        }
    }
    if let Some((at, count)) = without_date {
        out.problem(
            file,
            at,
            "starred_at",
            format!(
                "missing: {count} stargazer{} listed without when they starred; fetch them again \
                 with -H 'Accept: application/vnd.github.star+json' (gh api -H 'Accept: \
                 application/vnd.github.star+json' --paginate repos/OWNER/REPO/stargazers)",
                if count == 1 { " is" } else { "s are" }
            ),
        );
    }
}

/// `2024-01-15T10:23:45Z` as the local moment it was; a problem at `at`.`field` when it is not
/// a time.
fn moment(
    out: &mut Export,
    file: &str,
    at: &str,
    field: &str,
    s: &str,
) -> Option<crate::store::Moment> {
    match s.trim().parse::<jiff::Timestamp>() {
        Ok(ts) => Some(super::local(ts)),
        Err(_) => {
            out.problem(
                file,
                join(at, field),
                field,
                format!("`{s}` is not a time (expected RFC 3339, like 2024-01-15T10:23:45Z)"),
            );
            None
        }
    }
}

/// The person behind a record, or `None` (counted) for a bot or a deleted account.
fn person(out: &mut Export, user: Option<&User>, what: &str) -> Option<usize> {
    let Some(u) = user else {
        out.skip(&format!("{what} by a deleted account"));
        return None;
    };
    let login = u.login.trim();
    if u.kind.eq_ignore_ascii_case("Bot") || login.to_ascii_lowercase().ends_with("[bot]") {
        out.skip(&format!("{what} by a bot"));
        return None;
    }
    if login.is_empty() {
        out.skip(&format!("{what} by a deleted account"));
        return None;
    }
    // Logins are one account whatever their case.
    Some(
        out.person(&format!("github:{}", login.to_lowercase()), || Person {
            identities: [("github".to_string(), login.to_string())].into(),
            name: login.to_string(),
            ..Person::default()
        }),
    )
}

fn push(
    out: &mut Export,
    person: usize,
    at: crate::store::Moment,
    kind: Kind,
    note: String,
    source: String,
) {
    out.events.push(Event {
        person,
        at,
        kind,
        channel: "github".into(),
        direction: Direction::Inbound,
        note,
        value: None,
        source,
    });
}

fn star(out: &mut Export, file: &str, at: &str, s: Star) {
    let Some(when) = moment(out, file, at, "starred_at", &s.starred_at) else {
        return;
    };
    let Some(who) = person(out, s.user.as_ref(), "star") else {
        return;
    };
    let login = s
        .user
        .map(|u| u.login.trim().to_lowercase())
        .unwrap_or_default();
    push(
        out,
        who,
        when,
        Kind::Connect,
        String::new(),
        format!("github:star:{login}"),
    );
}

fn issue(out: &mut Export, file: &str, at: &str, i: Issue, pull: bool) {
    let Some(when) = moment(out, file, at, "created_at", &i.created_at) else {
        return;
    };
    let what = if pull { "pull request" } else { "issue" };
    let Some(who) = person(out, i.user.as_ref(), what) else {
        return;
    };
    let title = i.title.trim();
    let mut note = if pull {
        format!("Pull request: {title}")
    } else {
        title.to_string()
    };
    if let Some(body) = i.body.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        note.push_str("\n\n");
        note.push_str(body);
    }
    let (kind, source) = if pull {
        (Kind::Comment, format!("github:pull:{}", i.html_url.trim()))
    } else {
        (Kind::Support, format!("github:issue:{}", i.html_url.trim()))
    };
    push(out, who, when, kind, note, source);
}

fn comment(out: &mut Export, file: &str, at: &str, c: Comment) {
    let Some(when) = moment(out, file, at, "created_at", &c.created_at) else {
        return;
    };
    let Some(who) = person(out, c.user.as_ref(), "comment") else {
        return;
    };
    let body = c.body.unwrap_or_default();
    if body.trim().is_empty() {
        out.skip("empty comment");
        return;
    }
    push(
        out,
        who,
        when,
        Kind::Comment,
        body,
        format!("github:comment:{}", c.id),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(String, &'static str)> {
        let mut v = Vec::new();
        for page in serde_json::Deserializer::from_str(text).into_iter::<Page>() {
            for (i, inside, r) in page.unwrap().records {
                let what = match r {
                    Ok(Record::Star(_)) => "star",
                    Ok(Record::Issue(_, false)) => "issue",
                    Ok(Record::Issue(_, true)) => "pull request",
                    Ok(Record::Comment(_)) => "comment",
                    Ok(Record::Stargazer) => "stargazer",
                    Ok(Record::Other) => "other",
                    Err(_) => "bad",
                };
                v.push((format!("[{i}]{inside}"), what));
            }
        }
        v
    }

    #[test]
    fn records_are_told_apart_by_their_fields() {
        let text = r#"[
            {"starred_at": "2024-01-15T10:23:45Z", "user": {"login": "a"}},
            {"number": 1, "title": "t", "html_url": "https://github.com/o/r/issues/1", "created_at": "2024-01-15T10:23:45Z"},
            {"number": 2, "title": "t", "html_url": "https://github.com/o/r/pull/2", "created_at": "2024-01-15T10:23:45Z"},
            {"id": 7, "issue_url": "https://api.github.com/repos/o/r/issues/1", "created_at": "2024-01-15T10:23:45Z"},
            {"login": "a", "node_id": "x"},
            {"sha": "abc"},
            {"starred_at": 5}
        ]"#;
        let kinds: Vec<&str> = shapes(text).into_iter().map(|(_, k)| k).collect();
        assert_eq!(
            kinds,
            [
                "star",
                "issue",
                "pull request",
                "comment",
                "stargazer",
                "other",
                "bad"
            ]
        );
    }

    #[test]
    fn a_slurped_file_keeps_each_page_in_its_place() {
        let at: Vec<String> = shapes(r#"[[{"sha": 1}, {"sha": 2}], [{"sha": 3}]]"#)
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        assert_eq!(at, ["[0][0]", "[0][1]", "[1][0]"]);
    }

    #[test]
    fn files_are_claimed_by_their_first_lines() {
        assert!(claims(
            "stars.json",
            "[\n  {\n    \"starred_at\": \"2024-01-15T10:23:45Z\","
        ));
        assert!(claims(
            "issues.json",
            "[\n  {\n    \"url\": \"https://api.github.com/repos/o/r/issues/42\","
        ));
        assert!(claims(
            "c.json",
            r#"[{"issue_url":"https://api.github.com/repos/o/r/issues/1"}]"#
        ));
        assert!(!claims("stars.csv", "\"starred_at\""));
        assert!(!claims(
            "package.json",
            "{\n  \"name\": \"x\",\n  \"title\": \"y\""
        ));
    }

    #[test]
    fn inner_paths_follow_the_record() {
        assert_eq!(join("[3]", "."), "[3]");
        assert_eq!(join("[3]", "user"), "[3].user");
        assert_eq!(join("[3]", "labels[0]"), "[3].labels[0]");
    }
}
