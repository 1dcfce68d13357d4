//! DiscordChatExporter's JSON export of a channel (one file per channel, thread or partition:
//! the server, the channel, then its messages). Each message by a person becomes a `message` (a
//! reply a `comment`), each person's reaction a `reaction`; bots and what Discord writes itself
//! (joins, pins, thread starts) are left out and counted.

use serde::Deserialize;
use serde::de::{IgnoredAny, SeqAccess, Visitor};

use super::{Event, Export, Files, Person, Problem, csv_rows, json};
use crate::store::{Direction, Kind};

#[derive(Deserialize)]
struct ChannelExport {
    channel: Channel,
    messages: Messages,
}

#[derive(Deserialize)]
struct Channel {
    id: String,
}

#[derive(Deserialize)]
struct Message {
    id: String,
    #[serde(rename = "type", default)]
    kind: String,
    timestamp: String,
    #[serde(default)]
    content: Option<String>,
    author: Author,
    #[serde(default)]
    attachments: Vec<IgnoredAny>,
    #[serde(default)]
    stickers: Vec<IgnoredAny>,
    #[serde(default)]
    embeds: Vec<IgnoredAny>,
    #[serde(default)]
    reactions: Vec<Reaction>,
}

#[derive(Deserialize)]
struct Author {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(rename = "isBot", default)]
    is_bot: bool,
}

#[derive(Deserialize)]
struct Reaction {
    emoji: Emoji,
    #[serde(default)]
    count: usize,
    /// Who reacted: written since DiscordChatExporter 2.40.4 (mid-2023); older exports hold
    /// only the count.
    #[serde(default)]
    users: Option<Vec<Author>>,
}

#[derive(Deserialize)]
struct Emoji {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

/// A channel's messages, each read on its own: one message that cannot be read is a problem
/// at its place, and the others are still read (for `--skip-invalid`).
struct Messages(Vec<Result<Message, (String, String)>>);

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Messages;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of messages")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Messages, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(v) = seq.next_element::<serde_json::Value>()? {
                    all.push(
                        serde_path_to_error::deserialize::<_, Message>(&v)
                            .map_err(|e| (e.path().to_string(), e.into_inner().to_string())),
                    );
                }
                Ok(Messages(all))
            }
        }
        d.deserialize_seq(Each)
    }
}

/// `messages[3]` and a path inside the message (`author`, `.` for the message itself).
fn place(i: usize, inner: &str) -> String {
    match inner {
        "" | "." => format!("messages[{i}]"),
        p if p.starts_with('[') => format!("messages[{i}]{p}"),
        p => format!("messages[{i}].{p}"),
    }
}

/// A file of the export, by the JSON it opens with: the server, the channel and the messages,
/// in the order the exporter writes them. Indented, the channel and messages come after the
/// first lines, so the server object with its icon stands for them there.
pub(super) fn claims(path: &str, head: &str) -> bool {
    if !path.to_ascii_lowercase().ends_with(".json") || !head.contains("\"guild\"") {
        return false;
    }
    let opens_with_guild = head
        .trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with("\"guild\""));
    (head.contains("\"channel\"") && head.contains("\"messages\""))
        || (opens_with_guild && head.contains("\"iconUrl\""))
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut exports: Vec<&(String, Vec<u8>)> = files
        .entries
        .iter()
        .filter(|(path, bytes)| claims(path, &csv_rows::first_lines(bytes, 6)))
        .collect();
    if exports.is_empty() && files.entries.len() == 1 {
        exports.push(&files.entries[0]);
    }
    if exports.is_empty() {
        return Err(super::whole(
            files,
            "no DiscordChatExporter export: export each channel as JSON (`--format Json`, or \
             JSON in the app) and import the file or the folder of files",
        ));
    }
    for (path, bytes) in exports {
        let file = files.display(path);
        let export: ChannelExport = match json(files, path, bytes) {
            Ok(e) => e,
            Err(p) => {
                out.problems.push(p);
                continue;
            }
        };
        let channel = export.channel.id;
        for (i, m) in export.messages.0.into_iter().enumerate() {
            match m {
                Ok(m) => message(out, &file, &channel, i, m),
                Err((inner, message)) => out.problem(&file, place(i, &inner), "", message),
            }
        }
    }
    Ok(())
}

fn message(out: &mut Export, file: &str, channel: &str, i: usize, m: Message) {
    let at = match m.timestamp.trim().parse::<jiff::Timestamp>() {
        Ok(ts) => super::local(ts),
        Err(_) => {
            out.problem(
                file,
                place(i, "timestamp"),
                "timestamp",
                format!(
                    "`{}` is not a time (expected RFC 3339, like 2024-01-15T10:23:45.678+00:00)",
                    m.timestamp
                ),
            );
            return;
        }
    };
    // A join notice is the member connecting to the server: the event behind connection
    // growth, with Discord's own words ("Joined the server.") left out of the note.
    let kind = match m.kind.to_ascii_lowercase().as_str() {
        "default" => Some(Kind::Message),
        "reply" => Some(Kind::Comment),
        "guildmemberjoin" => Some(Kind::Connect),
        _ => None,
    };
    let content = match kind {
        Some(Kind::Connect) => String::new(),
        _ => m.content.unwrap_or_default(),
    };
    match kind {
        None => out.skip(&format!("Discord notice ({})", words(&m.kind))),
        Some(_) if m.author.is_bot => out.skip("bot message"),
        Some(k)
            if k != Kind::Connect
                && content.trim().is_empty()
                && m.attachments.is_empty()
                && m.stickers.is_empty()
                && m.embeds.is_empty() =>
        {
            out.skip("empty message")
        }
        Some(kind) => {
            let who = person(out, &m.author);
            out.events.push(Event {
                person: who,
                at,
                kind,
                channel: "discord".into(),
                direction: Direction::Inbound,
                note: content,
                value: None,
                source: format!("discord:{channel}:{}", m.id),
            });
        }
    }
    // People's reactions count whoever wrote the message: a welcome on a join notice or a
    // thumbs-up on a bot's release announcement is still someone taking part.
    for r in &m.reactions {
        let emoji = [r.emoji.code.as_deref(), r.emoji.name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|e| !e.is_empty())
            .unwrap_or("?");
        let Some(users) = &r.users else {
            *out.skipped
                .entry("reaction without who reacted".into())
                .or_default() += r.count.max(1);
            continue;
        };
        for u in users {
            if u.is_bot {
                out.skip("bot reaction");
                continue;
            }
            let by = person(out, u);
            out.events.push(Event {
                person: by,
                at,
                kind: Kind::Reaction,
                channel: "discord".into(),
                direction: Direction::Inbound,
                note: format!(":{emoji}:"),
                value: None,
                source: format!("discord:{channel}:{}:reaction:{emoji}:{}", m.id, u.id),
            });
        }
    }
}

/// The person with Discord id `a.id`, named by their server nickname, else their user name.
fn person(out: &mut Export, a: &Author) -> usize {
    out.person(&format!("discord:{}", a.id), || {
        let name = [a.nickname.as_deref(), a.name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|n| !n.is_empty())
            .unwrap_or(&a.id)
            .to_string();
        Person {
            identities: [("discord".to_string(), a.id.clone())].into(),
            name,
            ..Person::default()
        }
    })
}

/// `GuildMemberJoin` as `guild member join`.
fn words(kind: &str) -> String {
    if kind.trim().is_empty() {
        return "no type".into();
    }
    let mut s = String::new();
    for (i, c) in kind.trim().chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            s.push(' ');
        }
        s.extend(c.to_lowercase());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_recognised_indented_or_on_one_line() {
        let indented = "{\n  \"guild\": {\n    \"id\": \"1\",\n    \"name\": \"G\",\n    \
                        \"iconUrl\": \"https://cdn.discordapp.com/x.png\"\n  },";
        assert!(claims("G - general [1].json", indented));
        let one_line = r#"{"guild":{"id":"1"},"channel":{"id":"2"},"messages":[]}"#;
        assert!(claims("dir/G - general [1].JSON", one_line));
        assert!(!claims("notes.txt", one_line));
        assert!(!claims(
            "x.json",
            r#"{"guild": "a word in some other file"}"#
        ));
    }

    #[test]
    fn notice_types_read_as_words() {
        assert_eq!(words("GuildMemberJoin"), "guild member join");
        assert_eq!(words("Call"), "call");
        assert_eq!(words(""), "no type");
    }

    #[test]
    fn places_name_the_message_and_the_field() {
        assert_eq!(place(3, "."), "messages[3]");
        assert_eq!(place(3, "author"), "messages[3].author");
        assert_eq!(
            place(3, "reactions[0].emoji"),
            "messages[3].reactions[0].emoji"
        );
    }
}
