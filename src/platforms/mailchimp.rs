//! A Mailchimp audience export: `subscribed_…`, `unsubscribed_…` and `cleaned_…` members CSVs.
//! Each member is a contact (email, name, tags) subscribed on `OPTIN_TIME` (else
//! `CONFIRM_TIME`): a `connect` on the `email` channel. Unsubscribed and cleaned members are
//! tagged so, never deleted.

use super::csv_rows::{self, cell};
use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::{Direction, Kind};

const EMAIL: [&str; 3] = ["Email Address", "Email", "E-mail"];

/// What a members file holds, by its name.
#[derive(Clone, Copy, PartialEq)]
enum Status {
    Subscribed,
    Unsubscribed,
    Cleaned,
    NonSubscribed,
}

fn status(path: &str) -> Option<Status> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if !name.ends_with(".csv") {
        return None;
    }
    // The longer words first: `unsubscribed` and `nonsubscribed` hold `subscribed`.
    if name.starts_with("unsubscribed") {
        Some(Status::Unsubscribed)
    } else if name.starts_with("cleaned") {
        Some(Status::Cleaned)
    } else if name.starts_with("non-subscribed") || name.starts_with("nonsubscribed") {
        Some(Status::NonSubscribed)
    } else if name.starts_with("subscribed") {
        Some(Status::Subscribed)
    } else {
        None
    }
}

pub(super) fn claims(path: &str, head: &str) -> bool {
    status(path).is_some() && head.contains("OPTIN_TIME")
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut any = false;
    for (path, bytes) in &files.entries {
        let Some(st) = status(path).or_else(|| {
            // A single file under another name is read as subscribed members.
            (files.entries.len() == 1).then_some(Status::Subscribed)
        }) else {
            continue;
        };
        any = true;
        let file = files.display(path);
        files.parsed(bytes.len());
        let t = csv_rows::read(bytes, |c| {
            EMAIL.iter().any(|e| csv_rows::has_all(c, &[e]))
                && csv_rows::has_all(c, &["OPTIN_TIME"])
        })
        .map_err(|message| Problem {
            file: file.clone(),
            at: String::new(),
            field: String::new(),
            message: format!("{message} (expected Email Address and OPTIN_TIME columns)"),
        })?;
        let [email, first, last, optin, confirm, tags] = [
            t.col_any(&EMAIL),
            t.col("First Name"),
            t.col("Last Name"),
            t.col("OPTIN_TIME"),
            t.col("CONFIRM_TIME"),
            t.col("TAGS"),
        ];
        for (line, row) in &t.rows {
            let Some(mail) = email_key(cell(row, email)) else {
                out.problem(
                    &file,
                    format!("line {line}"),
                    "Email Address",
                    format!("`{}` is not an email address", cell(row, email)),
                );
                continue;
            };
            let when = [optin, confirm]
                .into_iter()
                .map(|c| cell(row, c))
                .find(|s| !s.is_empty());
            let at = match when.map(|w| (w, super::utc_text(w))) {
                Some((_, Some(at))) => Some(at),
                Some((w, None)) => {
                    out.problem(
                        &file,
                        format!("line {line}"),
                        "OPTIN_TIME",
                        format!("`{w}` is not a time like 2023-05-01 10:00:00"),
                    );
                    continue;
                }
                None => None,
            };
            let name = format!("{} {}", cell(row, first), cell(row, last));
            let name = match name.trim() {
                "" => mail.clone(),
                n => n.to_string(),
            };
            let mut tagged = tag_list(cell(row, tags));
            match st {
                Status::Unsubscribed => tagged.push("unsubscribed".into()),
                Status::Cleaned => tagged.push("cleaned".into()),
                Status::NonSubscribed => tagged.push("not subscribed".into()),
                Status::Subscribed => {}
            }
            let who = out.person(&mail, || Person {
                name,
                email: Some(mail.clone()),
                since: at.map(|a| a.date),
                ..Person::default()
            });
            for t in tagged {
                let p = &mut out.people[who];
                if !p.tags.iter().any(|h| h.eq_ignore_ascii_case(&t)) {
                    p.tags.push(t);
                }
            }
            match (at, st) {
                (Some(at), Status::Subscribed | Status::Unsubscribed | Status::Cleaned) => {
                    out.events.push(Event {
                        person: who,
                        at,
                        kind: Kind::Connect,
                        channel: "email".into(),
                        direction: Direction::Inbound,
                        note: String::new(),
                        value: None,
                        source: format!("mailchimp:subscribe:{mail}"),
                    })
                }
                (None, _) => out.skip("member without an opt-in or confirm time"),
                (_, Status::NonSubscribed) => {}
            }
        }
    }
    if !any {
        return Err(Problem {
            file: files.root.clone(),
            at: String::new(),
            field: String::new(),
            message: "no subscribed_…, unsubscribed_… or cleaned_… members CSV".into(),
        });
    }
    Ok(())
}

/// Mailchimp's TAGS cell: `"VIP","Blog"`, itself a line of CSV.
fn tag_list(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(cell.as_bytes());
    r.records()
        .flatten()
        .flat_map(|rec| rec.iter().map(|t| t.trim().to_string()).collect::<Vec<_>>())
        .filter(|t| !t.is_empty())
        .collect()
}
