//! Newsletter subscriber exports: Substack's `email_list.<publication>.csv` and beehiiv's
//! subscribers CSV. Each subscriber is a contact subscribed on their creation date: a `connect`
//! on the platform's channel. Paid, inactive and unreachable subscribers are tagged so.

use super::csv_rows::{self, Table, cell};
use super::{Event, Export, Files, Person, Platform, Problem, email_key};
use crate::store::{Direction, Kind, Moment};

const EMAIL: [&str; 3] = ["email", "email_address", "Email"];
const CREATED: [&str; 5] = [
    "created_at",
    "created",
    "Subscription Created At",
    "subscribe_date",
    "Start date",
];

pub(super) fn claims_substack(path: &str, head: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    name.starts_with("email_list") && head.contains("active_subscription")
}

pub(super) fn claims_beehiiv(head: &str) -> bool {
    let first = head.lines().next().unwrap_or("").to_ascii_lowercase();
    first.contains("email") && first.contains("status") && first.contains("utm_source")
}

/// A creation time as these exports write it: RFC 3339 (`2023-05-01T10:00:00.713Z`),
/// `2024-01-15 10:23:45 UTC`, or seconds since 1970.
fn created(s: &str) -> Option<Moment> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Some(super::local(ts));
    }
    if let Ok(secs) = t.parse::<i64>() {
        return jiff::Timestamp::from_second(secs).ok().map(super::local);
    }
    super::utc_text(t)
}

pub(super) fn read(platform: Platform, files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut any = false;
    for (path, bytes) in &files.entries {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
        let wanted = match platform {
            Platform::Substack => name.starts_with("email_list") || files.entries.len() == 1,
            _ => name.ends_with(".csv"),
        };
        if !wanted || !name.ends_with(".csv") {
            continue;
        }
        any = true;
        let file = files.display(path);
        files.parsed(bytes.len());
        let t = csv_rows::read(bytes, |c| {
            EMAIL.iter().any(|e| csv_rows::has_all(c, &[e]))
                && CREATED.iter().any(|e| csv_rows::has_all(c, &[e]))
        })
        .map_err(|message| Problem {
            file: file.clone(),
            at: String::new(),
            field: String::new(),
            message: format!("{message} (expected email and created_at columns)"),
        })?;
        rows(platform, &file, &t, out);
    }
    if !any {
        return Err(super::whole(
            files,
            "no subscribers CSV (Substack: email_list.….csv)",
        ));
    }
    Ok(())
}

fn rows(platform: Platform, file: &str, t: &Table, out: &mut Export) {
    let channel = platform.name();
    let [email, when, paid, disabled, status, name] = [
        t.col_any(&EMAIL),
        t.col_any(&CREATED),
        t.col("active_subscription"),
        t.col("email_disabled"),
        t.col_any(&["status", "Status"]),
        t.col_any(&["name", "Name"]),
    ];
    for (line, row) in &t.rows {
        let Some(mail) = email_key(cell(row, email)) else {
            out.problem(
                file,
                format!("line {line}"),
                "email",
                format!("`{}` is not an email address", cell(row, email)),
            );
            continue;
        };
        let text = cell(row, when);
        let Some(at) = created(text) else {
            out.problem(
                file,
                format!("line {line}"),
                "created_at",
                format!("`{text}` is not a time like 2023-05-01T10:00:00.000Z"),
            );
            continue;
        };
        let mut tags = Vec::new();
        if cell(row, paid).eq_ignore_ascii_case("true") {
            tags.push("paid subscriber".to_string());
        }
        if cell(row, disabled).eq_ignore_ascii_case("true") {
            tags.push("email disabled".to_string());
        }
        let st = cell(row, status).to_ascii_lowercase();
        if !st.is_empty() && st != "active" {
            tags.push(format!("{channel} {st}"));
        }
        let shown = match cell(row, name) {
            "" => mail.clone(),
            n => n.to_string(),
        };
        let who = out.person(&mail, || Person {
            name: shown,
            email: Some(mail.clone()),
            since: Some(at.date),
            ..Person::default()
        });
        let p = &mut out.people[who];
        for t in tags {
            if !p.tags.contains(&t) {
                p.tags.push(t);
            }
        }
        p.since = Some(p.since.map_or(at.date, |s| s.min(at.date)));
        out.events.push(Event {
            person: who,
            at,
            kind: Kind::Connect,
            channel: channel.into(),
            direction: Direction::Inbound,
            note: String::new(),
            value: None,
            source: format!("{channel}:subscribe:{mail}"),
        });
    }
}
