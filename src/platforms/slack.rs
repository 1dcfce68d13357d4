//! A Slack workspace export (a folder or zip: `users.json`, `channels.json`, then a folder per
//! channel or conversation of `<YYYY-MM-DD>.json` days). Each message by a person becomes a
//! `message` (a thread reply a `comment`), each person's reaction a `reaction`; bots, apps and
//! what Slack writes itself (joins, leaves, topics, purposes, pins) are left out and counted.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::{Event, Export, Files, Person, Problem, email_key, json};
use crate::store::{Direction, Kind};

#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    is_bot: bool,
    #[serde(default)]
    is_app_user: bool,
    #[serde(default)]
    profile: Profile,
}

#[derive(Default, Deserialize)]
struct Profile {
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    text: String,
    ts: String,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    reactions: Vec<Reaction>,
    #[serde(default)]
    user_profile: Option<Profile>,
}

/// A conversation in channels.json, groups.json (private channels), mpims.json (group DMs) or
/// dms.json: its folder bears its name, or its id for a DM.
#[derive(Deserialize)]
struct Conversation {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    is_general: bool,
}

#[derive(Deserialize)]
struct Reaction {
    name: String,
    #[serde(default)]
    users: Vec<String>,
}

/// Subtypes of messages a person wrote; every other subtype is Slack's own notice.
const BY_PEOPLE: [&str; 4] = ["file_share", "me_message", "thread_broadcast", ""];

/// `1705315800.000300` as the local moment it was.
fn moment(ts: &str) -> Option<crate::store::Moment> {
    let secs: i64 = ts.split('.').next()?.parse().ok()?;
    Some(super::local(jiff::Timestamp::from_second(secs).ok()?))
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let Some((path, bytes)) = files.named("users.json").next() else {
        return Err(Problem {
            file: files.root.clone(),
            at: String::new(),
            field: String::new(),
            message: "no users.json: a Slack export holds users.json, channels.json and a \
                      folder per channel"
                .into(),
        });
    };
    let users: Vec<User> = json(files, path, bytes)?;
    let mut bots: HashSet<String> = HashSet::from(["USLACKBOT".to_string()]);
    let mut people: BTreeMap<String, User> = BTreeMap::new();
    for u in users {
        if u.is_bot || u.is_app_user || u.profile.bot_id.is_some() {
            bots.insert(u.id.clone());
        } else {
            people.insert(u.id.clone(), u);
        }
    }
    // The day files: `<folder>/<date>.json`, in order so that events come in time order.
    let mut days: Vec<&(String, Vec<u8>)> = files
        .entries
        .iter()
        .filter(|(p, _)| {
            let parts: Vec<&str> = p.split('/').collect();
            let day = parts[parts.len() - 1]
                .strip_suffix(".json")
                .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok());
            parts.len() >= 2 && day && !parts[parts.len() - 2].starts_with("__")
        })
        .collect();
    days.sort_by(|a, b| a.0.cmp(&b.0));
    let (ids, general) = conversations(files, out);
    let mut last_day: Option<jiff::civil::Date> = None;
    for (path, bytes) in days {
        let parts: Vec<&str> = path.split('/').collect();
        let folder = parts[parts.len() - 2];
        // A conversation is known by its id, which stays when the channel is renamed (and
        // with it the folder of a later export).
        let channel = ids.get(folder).map_or(folder, String::as_str);
        let day = parts[parts.len() - 1]
            .trim_end_matches(".json")
            .parse()
            .ok();
        last_day = last_day.max(day);
        let messages: Vec<Message> = match json(files, path, bytes) {
            Ok(m) => m,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        for (i, m) in messages.into_iter().enumerate() {
            let sub = m.subtype.as_deref().unwrap_or("");
            if m.bot_id.is_some() || sub == "bot_message" {
                out.skip("bot message");
                continue;
            }
            if sub == "channel_join" && general.as_deref() == Some(channel) {
                // Joining the channel everyone joins is joining the workspace: a connection.
                // Only for members users.json names: a guest from another workspace would be
                // known by a bare id until a message of theirs says who they are.
                if let (Some(user), Some(at)) = (m.user.as_deref(), moment(&m.ts))
                    && people.contains_key(user)
                {
                    let who = person(out, &people, user, m.user_profile.as_ref());
                    out.events.push(Event {
                        person: who,
                        at,
                        kind: Kind::Connect,
                        channel: "slack".into(),
                        direction: Direction::Inbound,
                        note: String::new(),
                        value: None,
                        source: format!("slack:{channel}:{}", m.ts),
                    });
                    continue;
                }
            }
            if !BY_PEOPLE.contains(&sub) {
                out.skip(&format!("Slack notice ({})", sub.replace('_', " ")));
                continue;
            }
            let Some(user) = m.user.clone().filter(|u| !bots.contains(u)) else {
                out.skip("bot message");
                continue;
            };
            let Some(at) = moment(&m.ts) else {
                out.problem(
                    &files.display(path),
                    format!("[{i}].ts"),
                    "ts",
                    format!("`{}` is not a Slack time (seconds since 1970)", m.ts),
                );
                continue;
            };
            let reply = m.thread_ts.as_deref().is_some_and(|t| t != m.ts);
            let who = person(out, &people, &user, m.user_profile.as_ref());
            if m.text.trim().is_empty() && sub != "file_share" {
                out.skip("empty message");
            } else {
                out.events.push(Event {
                    person: who,
                    at,
                    kind: if reply { Kind::Comment } else { Kind::Message },
                    channel: "slack".into(),
                    direction: Direction::Inbound,
                    note: m.text.clone(),
                    value: None,
                    source: format!("slack:{channel}:{}", m.ts),
                });
            }
            for r in &m.reactions {
                for u in &r.users {
                    if bots.contains(u) {
                        out.skip("bot reaction");
                        continue;
                    }
                    let by = person(out, &people, u, None);
                    out.events.push(Event {
                        person: by,
                        at,
                        kind: Kind::Reaction,
                        channel: "slack".into(),
                        direction: Direction::Inbound,
                        note: format!(":{}:", r.name),
                        value: None,
                        source: format!("slack:{channel}:{}:reaction:{}:{u}", m.ts, r.name),
                    });
                }
            }
        }
    }
    // Members who never wrote or reacted in what was exported are members all the same; they
    // were there by the export's last day. Deactivated accounts with nothing are left out.
    for (id, u) in &people {
        if out.knows(&format!("slack:{id}")) {
            continue;
        }
        if u.deleted {
            out.skip("deactivated member with no messages");
            continue;
        }
        let who = person(out, &people, id, None);
        out.people[who].since = last_day;
    }
    Ok(())
}

/// Conversations by folder name → id, and the id of the channel everyone joins. Missing lists
/// are allowed (an export of one channel); an unreadable one is a problem.
fn conversations(files: &Files, out: &mut Export) -> (BTreeMap<String, String>, Option<String>) {
    let mut ids = BTreeMap::new();
    let mut general = None;
    for list in ["channels.json", "groups.json", "mpims.json", "dms.json"] {
        let Some((path, bytes)) = files.named(list).next() else {
            continue;
        };
        let all: Vec<Conversation> = match json(files, path, bytes) {
            Ok(v) => v,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        for c in all {
            if c.is_general {
                general = Some(c.id.clone());
            }
            let folder = c.name.clone().unwrap_or_else(|| c.id.clone());
            ids.insert(folder, c.id);
        }
    }
    (ids, general)
}

/// The person with Slack id `id`: from users.json, else from the message's own profile (a
/// guest from another workspace), else known by the id alone.
fn person(
    out: &mut Export,
    people: &BTreeMap<String, User>,
    id: &str,
    seen_as: Option<&Profile>,
) -> usize {
    out.person(&format!("slack:{id}"), || {
        let (name, email) = match people.get(id) {
            Some(u) => (
                [
                    u.real_name.as_deref(),
                    u.profile.real_name.as_deref(),
                    u.profile.display_name.as_deref(),
                    Some(u.name.as_str()),
                ]
                .into_iter()
                .flatten()
                .find(|n| !n.trim().is_empty())
                .unwrap_or(id)
                .to_string(),
                u.profile.email.as_deref().and_then(email_key),
            ),
            None => (
                seen_as
                    .and_then(|p| p.real_name.clone().or(p.display_name.clone()))
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| id.to_string()),
                None,
            ),
        };
        Person {
            identities: [("slack".to_string(), id.to_string())].into(),
            name,
            email,
            ..Person::default()
        }
    })
}
