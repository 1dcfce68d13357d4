//! A LinkedIn data archive ("Get a copy of your data"): `Connections.csv` (people, connected on
//! a day) and `messages.csv` (conversations, ours and theirs). The archive's owner is never a
//! contact: their messages are our outbound ones.

use std::collections::{BTreeMap, BTreeSet};

use super::csv_rows::{self, Table, cell};
use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::{Direction, Kind, Moment};

const CONNECTIONS: [&str; 3] = ["First Name", "Last Name", "Connected On"];
const MESSAGES: [&str; 4] = ["FROM", "SENDER PROFILE URL", "DATE", "CONTENT"];
/// Bodies LinkedIn writes itself.
const SYSTEM: [&str; 2] = [
    "Message request accepted",
    "A LinkedIn member left the conversation.",
];

pub(super) fn claims(path: &str, head: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let upper = head.to_ascii_uppercase();
    (name == "connections.csv" && upper.contains("CONNECTED ON"))
        || (name == "messages.csv" && upper.contains("SENDER PROFILE URL"))
}

/// A profile URL as it is matched: lower case, without a trailing `/` or a query.
pub fn profile_key(url: &str) -> Option<String> {
    let u = url.trim().split(['?', '#']).next()?.trim_end_matches('/');
    (u.contains("linkedin.com/")).then(|| {
        let u = u.strip_prefix("http://").unwrap_or(u);
        let u = u.strip_prefix("https://").unwrap_or(u);
        let u = u.strip_prefix("www.").unwrap_or(u);
        format!("https://www.{}", u.to_lowercase())
    })
}

fn table(files: &Files, path: &str, bytes: &[u8], cols: &[&str]) -> Result<Table, Problem> {
    files.parsed(bytes.len());
    csv_rows::read(bytes, |cells| csv_rows::has_all(cells, cols)).map_err(|message| Problem {
        file: files.display(path),
        at: String::new(),
        field: String::new(),
        message: format!("{message} (expected the columns {})", cols.join(", ")),
    })
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut any = false;
    for (path, bytes) in files.named("Connections.csv") {
        any = true;
        let t = table(files, path, bytes, &CONNECTIONS)?;
        connections(&files.display(path), &t, out);
    }
    let owner_name = files.named("Profile.csv").next().and_then(|(_, b)| {
        let t = csv_rows::read(b, |c| csv_rows::has_all(c, &["First Name", "Last Name"])).ok()?;
        let row = t.rows.first()?;
        let name = format!(
            "{} {}",
            cell(&row.1, t.col("First Name")),
            cell(&row.1, t.col("Last Name"))
        );
        Some(name.trim().to_string())
    });
    for (path, bytes) in files.entries.iter().filter(|(p, _)| {
        p.rsplit('/')
            .next()
            .is_some_and(|f| f.eq_ignore_ascii_case("messages.csv"))
    }) {
        any = true;
        let t = table(files, path, bytes, &MESSAGES)?;
        messages(&files.display(path), &t, owner_name.as_deref(), out)?;
    }
    if !any {
        return Err(Problem {
            file: files.root.clone(),
            at: String::new(),
            field: String::new(),
            message: "no Connections.csv or messages.csv in this LinkedIn archive".into(),
        });
    }
    Ok(())
}

fn connections(file: &str, t: &Table, out: &mut Export) {
    let [first, last, url, email, company, on] = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Connected On",
    ]
    .map(|c| t.col(c));
    for (line, row) in &t.rows {
        let name = format!("{} {}", cell(row, first), cell(row, last));
        let name = name.trim().to_string();
        let profile = profile_key(cell(row, url));
        let mail = email_key(cell(row, email));
        if name.is_empty() && profile.is_none() {
            out.skip("connection without a name (a member who hides it)");
            continue;
        }
        let text = cell(row, on);
        let Ok(day) = jiff::civil::Date::strptime("%d %b %Y", text) else {
            out.problem(
                file,
                format!("line {line}"),
                "Connected On",
                format!("`{text}` is not a date like 15 Jan 2024"),
            );
            continue;
        };
        let key = profile
            .clone()
            .or_else(|| mail.clone())
            .unwrap_or_else(|| format!("name:{name}"));
        let org = cell(row, company);
        let who = out.person(&key, || Person {
            // With neither profile nor email, the connection's name is all LinkedIn gives: kept
            // as its LinkedIn identity, so the next archive finds the same contact.
            identities: [(
                "linkedin".to_string(),
                profile.clone().unwrap_or_else(|| key.clone()),
            )]
            .into_iter()
            .filter(|_| profile.is_some() || mail.is_none())
            .collect(),
            name: name.clone(),
            email: mail.clone(),
            organisation: (!org.is_empty()).then(|| org.to_string()),
            tags: Vec::new(),
            since: Some(day),
        });
        let p = &mut out.people[who];
        p.since = Some(p.since.map_or(day, |s| s.min(day)));
        if p.organisation.is_none() && !org.is_empty() {
            p.organisation = Some(org.to_string());
        }
        out.events.push(Event {
            person: who,
            at: Moment::day(day),
            kind: Kind::Connect,
            channel: "linkedin".into(),
            direction: Direction::Inbound,
            note: String::new(),
            value: None,
            source: format!("linkedin:connect:{key}"),
        });
    }
}

/// Which profile is the archive's owner: the one in the most conversations (as sender or
/// recipient); on a tie, the one whose name is the Profile.csv's.
fn owner(t: &Table, owner_name: Option<&str>) -> Option<String> {
    let [conv, from, sender, to_urls] = [
        "CONVERSATION ID",
        "FROM",
        "SENDER PROFILE URL",
        "RECIPIENT PROFILE URLS",
    ]
    .map(|c| t.col(c));
    let mut seen: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    let mut names: BTreeMap<String, &str> = BTreeMap::new();
    for (_, row) in &t.rows {
        let c = cell(row, conv);
        if let Some(s) = profile_key(cell(row, sender)) {
            names.entry(s.clone()).or_insert(cell(row, from));
            seen.entry(s).or_default().insert(c);
        }
        for r in cell(row, to_urls).split(';').filter_map(profile_key) {
            seen.entry(r).or_default().insert(c);
        }
    }
    let most = seen.values().map(BTreeSet::len).max()?;
    let top: Vec<&String> = seen
        .iter()
        .filter(|(_, c)| c.len() == most)
        .map(|(u, _)| u)
        .collect();
    match top.as_slice() {
        [one] => Some((*one).clone()),
        several => several
            .iter()
            .find(|u| owner_name.is_some_and(|n| names.get(**u).is_some_and(|f| f.trim() == n)))
            .map(|u| (*u).clone()),
    }
}

fn messages(
    file: &str,
    t: &Table,
    owner_name: Option<&str>,
    out: &mut Export,
) -> Result<(), Problem> {
    if t.rows.is_empty() {
        return Ok(());
    }
    let Some(me) = owner(t, owner_name) else {
        return Err(Problem {
            file: file.to_string(),
            at: String::new(),
            field: "SENDER PROFILE URL".into(),
            message: "cannot tell which messages are yours: include the archive's Profile.csv"
                .into(),
        });
    };
    let [
        conv,
        from,
        sender,
        to,
        to_urls,
        date,
        content,
        folder,
        draft,
    ] = [
        "CONVERSATION ID",
        "FROM",
        "SENDER PROFILE URL",
        "TO",
        "RECIPIENT PROFILE URLS",
        "DATE",
        "CONTENT",
        "FOLDER",
        "IS MESSAGE DRAFT",
    ]
    .map(|c| t.col(c));
    for (line, row) in &t.rows {
        let body = cell(row, content);
        if matches!(
            cell(row, draft).to_ascii_lowercase().as_str(),
            "yes" | "true"
        ) {
            out.skip("draft message");
            continue;
        }
        if cell(row, folder).eq_ignore_ascii_case("SPAM") {
            out.skip("message in spam");
            continue;
        }
        if body.is_empty() || SYSTEM.contains(&body) {
            out.skip("message LinkedIn wrote (request accepted, member left) or empty");
            continue;
        }
        let Some(at) = super::utc_text(cell(row, date)) else {
            out.problem(
                file,
                format!("line {line}"),
                "DATE",
                format!(
                    "`{}` is not a time like 2024-01-16 09:12:44 UTC",
                    cell(row, date)
                ),
            );
            continue;
        };
        let from_url = profile_key(cell(row, sender));
        let id = format!("{}:{}", cell(row, conv), cell(row, date));
        // Ours: one outbound message to each recipient. Theirs: one inbound from the sender.
        let people: Vec<(String, String, Direction)> = if from_url.as_deref() == Some(me.as_str()) {
            let names: Vec<&str> = cell(row, to).split(';').map(str::trim).collect();
            cell(row, to_urls)
                .split(';')
                .filter_map(profile_key)
                .enumerate()
                .filter(|(_, u)| *u != me)
                .map(|(i, u)| {
                    let n = names.get(i).copied().unwrap_or_default().to_string();
                    (u, n, Direction::Outbound)
                })
                .collect()
        } else {
            match from_url {
                Some(u) => vec![(u, cell(row, from).to_string(), Direction::Inbound)],
                None => {
                    out.skip("message from a member LinkedIn hides");
                    continue;
                }
            }
        };
        for (url, name, direction) in people {
            let who = out.person(&url, || Person {
                identities: [("linkedin".to_string(), url.clone())].into(),
                name: if name.is_empty() {
                    url.clone()
                } else {
                    name.clone()
                },
                ..Person::default()
            });
            let theirs = if direction == Direction::Outbound {
                format!(":{url}")
            } else {
                String::new()
            };
            out.events.push(Event {
                person: who,
                at,
                kind: Kind::Message,
                channel: "linkedin".into(),
                direction,
                note: body.to_string(),
                value: None,
                source: format!("linkedin:message:{id}{theirs}"),
            });
        }
    }
    Ok(())
}
