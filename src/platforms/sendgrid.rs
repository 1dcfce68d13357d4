//! SendGrid's Event Webhook JSON (an array of events per delivery; a saved log may hold several
//! arrays, or one event per line). Each message sent is one `email_sent` (its `processed` and
//! `delivered` events are one message), each `open` an `email_open`, each `click` an
//! `email_click`; every other event is counted by type and reported.

use std::collections::HashSet;

use serde_json::Value;

use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::Kind;

/// The fields of an event ror-tui reads. Each is read by hand from the JSON so that one bad
/// event is named by its path and field (`[3].event`) and `--skip-invalid` can leave it out,
/// rather than the whole file failing to parse.
#[derive(Default)]
struct SgEvent {
    email: Option<String>,
    timestamp: Option<Value>,
    event: String,
    sg_event_id: Option<String>,
    sg_message_id: Option<String>,
    smtp_id: Option<String>,
    url: Option<String>,
    sg_machine_open: bool,
}

/// What kind of JSON value `v` is, for a message.
fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl SgEvent {
    /// Reads one event; `Err((field, message))` names what is wrong.
    fn of(v: &Value) -> Result<SgEvent, (&'static str, String)> {
        let Value::Object(o) = v else {
            return Err(("", format!("an event is an object, not {}", what(v))));
        };
        let text = |name: &'static str| -> Result<Option<String>, (&'static str, String)> {
            match o.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err((name, format!("expected text, found {}", what(other)))),
            }
        };
        let event = match o.get("event") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::String(_)) | None | Some(Value::Null) => {
                return Err(("event", "no event type".into()));
            }
            Some(other) => {
                return Err(("event", format!("expected text, found {}", what(other))));
            }
        };
        Ok(SgEvent {
            email: text("email")?,
            timestamp: o.get("timestamp").cloned(),
            event,
            sg_event_id: text("sg_event_id")?,
            sg_message_id: text("sg_message_id")?,
            smtp_id: text("smtp-id")?,
            url: text("url")?,
            sg_machine_open: matches!(o.get("sg_machine_open"), Some(Value::Bool(true))),
        })
    }
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
        files.parsed(bytes.len());
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut n = 0usize;
        for chunk in serde_json::Deserializer::from_slice(bytes).into_iter::<Value>() {
            let events = match chunk {
                Ok(Value::Array(v)) => v,
                Ok(one) => vec![one],
                Err(e) => {
                    return Err(Problem {
                        file,
                        at: format!("line {}", e.line()),
                        field: String::new(),
                        message: format!("not SendGrid events: {e}"),
                    });
                }
            };
            for v in &events {
                let at_path = format!("[{n}]");
                n += 1;
                match SgEvent::of(v) {
                    Ok(e) => event(&file, at_path, e, &mut seen, out),
                    Err((field, message)) => {
                        let at = if field.is_empty() {
                            at_path
                        } else {
                            format!("{at_path}.{field}")
                        };
                        out.problem(&file, at, field, message);
                    }
                }
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
