//! SendGrid's Event Webhook JSON (an array of events per delivery; a saved log may hold several
//! arrays, or one event per line). Each message sent is one `email_sent` (its `processed` and
//! `delivered` events are one message), each `open` an `email_open`, each `click` an
//! `email_click`; every other event is counted by type and reported.

use std::collections::HashSet;

use serde::Deserialize;

use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::Kind;

#[derive(Deserialize)]
struct SgEvent {
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    timestamp: Option<serde_json::Value>,
    #[serde(default)]
    event: String,
    #[serde(default)]
    sg_event_id: Option<String>,
    #[serde(default)]
    sg_message_id: Option<String>,
    #[serde(rename = "smtp-id", default)]
    smtp_id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    sg_machine_open: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Chunk {
    Many(Vec<SgEvent>),
    One(Box<SgEvent>),
}

pub(super) fn claims(head: &str) -> bool {
    head.contains("\"sg_event_id\"")
}

/// Seconds since 1970, written as a number or as text.
fn seconds(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut any = false;
    let mut seen: HashSet<String> = HashSet::new();
    for (path, bytes) in &files.entries {
        if !path.to_ascii_lowercase().ends_with(".json") && files.entries.len() > 1 {
            continue;
        }
        any = true;
        let file = files.display(path);
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut n = 0usize;
        for chunk in serde_json::Deserializer::from_slice(bytes).into_iter::<Chunk>() {
            let events = match chunk {
                Ok(Chunk::Many(v)) => v,
                Ok(Chunk::One(e)) => vec![*e],
                Err(e) => {
                    return Err(Problem {
                        file,
                        at: format!("line {}", e.line()),
                        field: String::new(),
                        message: format!("not SendGrid events: {e}"),
                    });
                }
            };
            for e in events {
                let at_path = format!("[{n}]");
                n += 1;
                event(&file, at_path, e, &mut seen, out);
            }
        }
    }
    if !any {
        return Err(super::whole(files, "no .json file of SendGrid events"));
    }
    Ok(())
}

fn event(file: &str, at_path: String, e: SgEvent, seen: &mut HashSet<String>, out: &mut Export) {
    // SendGrid sends an event again when a delivery to us failed: its id says it is the same.
    if let Some(id) = &e.sg_event_id
        && !seen.insert(format!("event:{id}"))
    {
        out.skip("event sent twice (the same sg_event_id)");
        return;
    }
    let kind = match e.event.as_str() {
        "processed" | "delivered" => Kind::EmailSent,
        "open" if e.sg_machine_open => {
            out.skip("open by a mail client's privacy protection, not a person");
            return;
        }
        "open" => Kind::EmailOpen,
        "click" => Kind::EmailClick,
        "" => {
            out.problem(file, format!("{at_path}.event"), "event", "no event type");
            return;
        }
        other => {
            out.skip(&format!("{} event", other.replace('_', " ")));
            return;
        }
    };
    let Some(mail) = e.email.as_deref().and_then(email_key) else {
        out.skip(&format!("{} event without an email address", e.event));
        return;
    };
    let Some(at) = e
        .timestamp
        .as_ref()
        .and_then(seconds)
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(super::local)
    else {
        out.problem(
            file,
            format!("{at_path}.timestamp"),
            "timestamp",
            "not a time in seconds since 1970",
        );
        return;
    };
    // One message is one email sent, however many of its events say so.
    let source = if kind == Kind::EmailSent {
        let message = e
            .sg_message_id
            .clone()
            .or(e.smtp_id.clone())
            .unwrap_or_else(|| e.sg_event_id.clone().unwrap_or_default());
        if !seen.insert(format!("sent:{message}:{mail}")) {
            return;
        }
        format!("sendgrid:sent:{message}:{mail}")
    } else {
        match &e.sg_event_id {
            Some(id) => format!("sendgrid:{id}"),
            None => format!("sendgrid:{}:{mail}:{at}", e.event),
        }
    };
    let who = out.person(&mail, || Person {
        name: mail.clone(),
        email: Some(mail.clone()),
        ..Person::default()
    });
    out.events.push(Event {
        person: who,
        at,
        kind,
        channel: "email".into(),
        direction: kind.default_direction(),
        note: e.url.clone().unwrap_or_default(),
        value: None,
        source,
    });
}
