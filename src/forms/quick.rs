//! Quick log: one line such as `@ada call linkedin "loved the webinar" +1` becomes the same
//! record the log form makes. Words are recognised by their shape, in any order:
//!
//! | word                         | means                                   |
//! |------------------------------|-----------------------------------------|
//! | `@ada`, `@"Ada Lovelace"`    | the contact (a new one if nobody fits)  |
//! | `call`, `message`, ...       | the kind (also a prefix only it starts with, `mes`, and `msg`, `dm`, `mtg`, `ticket`, `ref`, `repost`, `buy`) |
//! | any other word               | the channel                             |
//! | `"..."`                      | the note                                |
//! | `+1`, `-0.5`, `++`, `+`, `--`, `0`, `=` | a manual sentiment ( `0` and `=` neutral) |
//! | `$129`, `value:129`          | value (a purchase)                      |
//! | `nps:9`, `rating:5`          | survey answer, review rating            |
//! | `yesterday`, `-3d`, `2026-11-20`, `14:30` | the date (default: now)    |
//! | `in`, `out`                  | direction (default: out for email_sent and gift, else in) |
//!
//! A value, NPS or rating with no kind implies purchase, survey or review.

use super::context::FormContext;
use super::log::LoggedInteraction;
use super::picker::{ContactIndex, Picked, new_contact_from_typed};
use super::sentiment_input::{describe_score, parse_sentiment};
use crate::dates::{DATE_EXAMPLES, parse_moment};
use crate::sentiment::rescore;
use crate::store::{
    Direction, Interaction, Kind, Moment, Money, Sentiment, SentimentSource, normalise_channel,
};
use uuid::Uuid;

/// Shown while the line is empty, and in error messages that need an example.
pub const QUICK_EXAMPLE: &str = r#"@ada call linkedin "loved the webinar" +1"#;

/// The line's grammar, as the help over the quick-log line shows it: (what to type, what it
/// means).
pub const GRAMMAR: &[(&str, &str)] = &[
    ("@ada  @\"Ada Lovelace\"", "who: a handle, email or name"),
    (
        "call  message  mes  msg  dm",
        "what: a kind, its start, an alias",
    ),
    (
        "linkedin  slack  email",
        "where: any other word (default: their last channel)",
    ),
    ("\"loved the webinar\"", "the note, in quotes"),
    (
        "+1  +0.5  ++  +  0  =  -  --",
        "sentiment by hand (0, = neutral)",
    ),
    ("$120  value:120", "a purchase's value"),
    ("nps:9  rating:4", "a survey answer, a review rating"),
    ("-14d  yesterday 16:00  2026-11-20", "when (default: now)"),
    ("in  out", "direction (email_sent, gift: out)"),
];

/// Whole lines that show the grammar at work.
pub const GRAMMAR_EXAMPLES: &[&str] = &[
    r#"@ada call linkedin "loved the webinar" +1"#,
    r#"@grace purchase web $120 yesterday 16:00"#,
    r#"@tim survey email nps:9 -14d"#,
    r#"@hedy review web rating:4 "solid docs" +0.5"#,
    r#"@ada gift post "swag box""#,
];

/// Other words people use for a kind.
const KIND_ALIASES: &[(&str, Kind)] = &[
    ("msg", Kind::Message),
    ("dm", Kind::Message),
    ("pm", Kind::Message),
    ("mtg", Kind::Meeting),
    ("ticket", Kind::Support),
    ("ref", Kind::Referral),
    ("repost", Kind::Share),
    ("retweet", Kind::Share),
    ("buy", Kind::Purchase),
    ("order", Kind::Purchase),
    ("like", Kind::Reaction),
    ("emoji", Kind::Reaction),
    ("follow", Kind::Connect),
    ("star", Kind::Connect),
    ("subscribe", Kind::Connect),
];

/// The kind a word names: its name, an alias, or the start of one kind's name only (three
/// letters at least: `mes` is message, `me` could be three kinds).
fn kind_of(lower: &str) -> Option<Kind> {
    if let Ok(k) = lower.parse::<Kind>() {
        return Some(k);
    }
    if let Some((_, k)) = KIND_ALIASES.iter().find(|(a, _)| *a == lower) {
        return Some(*k);
    }
    if lower.len() < 3 {
        return None;
    }
    let mut starting = Kind::ALL.iter().filter(|k| k.as_str().starts_with(lower));
    match (starting.next(), starting.next()) {
        (Some(k), None) => Some(*k),
        _ => None,
    }
}

/// The kind a misspelt word most likely meant (`mesage` → message): one or two letters off.
fn kind_near(lower: &str) -> Option<Kind> {
    if lower.len() < 4 {
        return None;
    }
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    crate::typos::nearest(lower, &names).and_then(|n| n.parse().ok())
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    /// `@word` keeps its `@` (a new contact gets it as handle); `@"a name"` does not.
    Contact(String),
}

fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        _ => None,
    }
}

fn tokenize(line: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let quoted = |chars: &mut std::iter::Peekable<std::str::Chars>, close: char| {
        let mut s = String::new();
        for c in chars.by_ref() {
            if c == close {
                return Ok(s);
            }
            s.push(c);
        }
        Err(format!("a quote is not closed: add {close} after the note"))
    };
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if let Some(close) = closing(c) {
            chars.next();
            out.push(Token::Quoted(quoted(&mut chars, close)?));
            continue;
        }
        if c == '@' {
            chars.next();
            if let Some(close) = chars.peek().copied().and_then(closing) {
                chars.next();
                out.push(Token::Contact(quoted(&mut chars, close)?));
                continue;
            }
            let mut w = String::from("@");
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                w.push(c);
                chars.next();
            }
            out.push(Token::Contact(w));
            continue;
        }
        let mut w = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            w.push(c);
            chars.next();
        }
        out.push(Token::Word(w));
    }
    Ok(out)
}

/// Whom a quick-log name means.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Picked(Picked),
    /// Several contacts fit as well as each other (namesakes, or a part of several names):
    /// the person picks one, since guessing would log against the wrong person.
    Several(Vec<Uuid>),
}

/// Finds the contact a quick-log name means: an exact handle, else an exact name, else the only
/// contact whose name (or a word of it) or handle starts with it. Nobody → a new contact.
pub fn resolve_contact(typed: &str, index: &ContactIndex) -> Result<Resolved, String> {
    let bare = typed.trim().trim_start_matches('@').trim();
    if bare.is_empty() {
        return Err("`@` needs a name after it (e.g. @ada)".into());
    }
    let lower = bare.to_lowercase();
    // One pass over the lower-case names made when the form opened: this runs at every
    // keystroke of a quick-log line, over every contact.
    let (mut by_handle, mut by_name, mut by_prefix) = (Vec::new(), Vec::new(), Vec::new());
    for (i, e) in index.entries.iter().enumerate() {
        let (name, handle) = (e.name_lower(), e.handle_lower());
        if handle == Some(lower.as_str()) {
            by_handle.push(i);
        }
        if name == lower {
            by_name.push(i);
        }
        if name.starts_with(&lower)
            || name.split_whitespace().any(|w| w.starts_with(&lower))
            || handle.is_some_and(|h| h.starts_with(&lower))
        {
            by_prefix.push(i);
        }
    }
    for found in [by_handle, by_name, by_prefix] {
        match found.len() {
            0 => continue,
            1 => {
                return Ok(Resolved::Picked(Picked::Existing(
                    index.entries[found[0]].id,
                )));
            }
            _ => {
                let mut ids: Vec<Uuid> = found
                    .iter()
                    .take(SEVERAL_SHOWN)
                    .map(|&i| index.entries[i].id)
                    .collect();
                ids.dedup();
                return Ok(Resolved::Several(ids));
            }
        }
    }
    Ok(Resolved::Picked(Picked::New(typed.trim().to_string())))
}

/// How many of several fitting contacts the quick log offers to pick from.
pub const SEVERAL_SHOWN: usize = 8;

#[derive(Default)]
struct Parts {
    contact: Option<String>,
    kind: Option<Kind>,
    channel: Option<String>,
    note: Option<String>,
    sentiment: Option<f64>,
    value: Option<Money>,
    nps: Option<u8>,
    rating: Option<u8>,
    date: Option<Moment>,
    direction: Option<Direction>,
    /// `last` was the previous word: a weekday must follow.
    pending_last: bool,
}

fn set_once<T>(slot: &mut Option<T>, v: T, what: &str, word: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("`{word}`: the {what} is already given once"));
    }
    *slot = Some(v);
    Ok(())
}

fn small_number(
    word: &str,
    v: &str,
    what: &str,
    range: std::ops::RangeInclusive<u8>,
) -> Result<u8, String> {
    match v.trim().parse::<u8>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!(
            "`{word}`: {what} is {}-{}",
            range.start(),
            range.end()
        )),
    }
}

fn looks_like_sentiment(w: &str) -> bool {
    matches!(w, "+" | "++" | "-" | "--")
        || ((w.starts_with('+') || w.starts_with('-'))
            && w[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
            && w.len() > 1)
}

fn word(p: &mut Parts, w: &str, ctx: &FormContext) -> Result<(), String> {
    let lower = w.to_lowercase();
    if let Some((key, v)) = lower.split_once(':')
        && !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphabetic())
    {
        let v_orig = &w[key.len() + 1..];
        return match key {
            "nps" => set_once(&mut p.nps, small_number(w, v, "NPS", 0..=10)?, "NPS", w),
            "rating" => set_once(
                &mut p.rating,
                small_number(w, v, "a rating", 1..=5)?,
                "rating",
                w,
            ),
            "value" => set_once(&mut p.value, money(w, v_orig)?, "value", w),
            "date" => set_once(&mut p.date, date(w, v_orig, ctx)?, "date", w),
            "ch" | "channel" => set_once(&mut p.channel, normalise_channel(v), "channel", w),
            "kind" => set_once(&mut p.kind, v.parse::<Kind>()?, "kind", w),
            "dir" => set_once(&mut p.direction, Direction::parse_loose(v)?, "direction", w),
            "s" | "sentiment" => match parse_sentiment(v)? {
                Some(s) => set_once(&mut p.sentiment, s, "sentiment", w),
                None => Ok(()),
            },
            _ => Err(format!(
                "`{w}`: unknown `{key}:` (known: nps, rating, value, date, channel, kind, dir, sentiment)"
            )),
        };
    }
    if w.starts_with(['$', '€', '£']) {
        return set_once(&mut p.value, money(w, w)?, "value", w);
    }
    if matches!(lower.as_str(), "in" | "out" | "inbound" | "outbound") {
        let d = Direction::parse_loose(&lower)?;
        return set_once(&mut p.direction, d, "direction", w);
    }
    if matches!(lower.as_str(), "0" | "=") {
        return set_once(&mut p.sentiment, 0.0, "sentiment", w);
    }
    if looks_like_sentiment(&lower)
        && let Some(s) = parse_sentiment(&lower)?
    {
        return set_once(&mut p.sentiment, s, "sentiment", w);
    }
    // A time after a day (`yesterday 16:00`, `last fri 9:30`) sets that day's time.
    if let (Some(day), Some(time)) = (p.date, crate::dates::time_of_day(&lower))
        && day.time.is_none()
    {
        let m = Moment::at(day.date.to_datetime(time));
        p.date = Some(checked_date(w, m, ctx)?);
        return Ok(());
    }
    // `last` before a weekday: the two words are one date.
    if lower == "last" {
        p.pending_last = true;
        return Ok(());
    }
    if std::mem::take(&mut p.pending_last) {
        let phrase = format!("last {lower}");
        let m = parse_moment(&phrase, ctx.now)
            .map_err(|_| format!("`last {w}`: expected a weekday after `last` (last fri)"))?;
        return set_once(&mut p.date, checked_date(&phrase, m, ctx)?, "date", &phrase);
    }
    if let Ok(m) = parse_moment(w, ctx.now) {
        return set_once(&mut p.date, checked_date(w, m, ctx)?, "date", w);
    }
    if let Some(k) = kind_of(&lower) {
        return match p.kind {
            None => {
                p.kind = Some(k);
                Ok(())
            }
            Some(had) if p.channel.is_some() => Err(format!(
                "`{w}`: the kind is already {had}; put the note in quotes"
            )),
            // A second kind word where the channel goes (`@ada call event`): the channel.
            Some(_) => {
                p.channel = Some(normalise_channel(w));
                Ok(())
            }
        };
    }
    // A misspelt kind is said as such rather than taken as the channel, and the start of
    // several kinds asks for more of it.
    if p.kind.is_none() {
        if let Some(k) = kind_near(&lower) {
            return Err(format!("unknown kind `{w}`: did you mean {k}?"));
        }
        let starting: Vec<&str> = Kind::ALL
            .iter()
            .map(|k| k.as_str())
            .filter(|k| k.starts_with(lower.as_str()))
            .collect();
        if (2..=3).contains(&lower.chars().count()) && starting.len() > 1 {
            return Err(format!(
                "`{w}` could be {}: type more of the kind",
                starting.join(", ")
            ));
        }
    }
    if p.channel.is_none() {
        p.channel = Some(normalise_channel(w));
        return Ok(());
    }
    match kind_near(&lower) {
        Some(k) => Err(format!("unknown kind `{w}`: did you mean {k}?")),
        None => Err(format!(
            "`{w}`: the channel is already `{}`; put the note in quotes",
            p.channel.as_deref().unwrap_or_default()
        )),
    }
}

fn money(word: &str, v: &str) -> Result<Money, String> {
    match Money::parse(v) {
        Ok(m) if m.cents() >= 0 => Ok(m),
        Ok(_) => Err(format!("`{word}`: a value cannot be negative")),
        Err(e) => Err(e),
    }
}

fn date(word: &str, v: &str, ctx: &FormContext) -> Result<Moment, String> {
    let m = parse_moment(v, ctx.now)
        .map_err(|_| format!("`{word}` is not a date (expected {DATE_EXAMPLES})"))?;
    checked_date(word, m, ctx)
}

fn checked_date(word: &str, m: Moment, ctx: &FormContext) -> Result<Moment, String> {
    let future = match m.time {
        Some(_) => m.datetime() > ctx.now,
        None => m.date > ctx.now.date(),
    };
    if future {
        return Err(format!("`{word}` is in the future"));
    }
    Ok(m)
}

/// Parses a quick-log line into the record it means, or says what is wrong with it.
pub fn parse_quick(line: &str, ctx: &FormContext) -> Result<LoggedInteraction, String> {
    let parsed = parse_quick_line(line, ctx)?;
    if parsed.choose_from.is_empty() {
        return Ok(parsed.entry);
    }
    let names: Vec<String> = parsed
        .choose_from
        .iter()
        .filter_map(|id| ctx.contacts.get(*id))
        .map(|e| e.describe())
        .collect();
    Err(format!(
        "`{}` could be {}: pick one",
        parsed.typed,
        names.join("; ")
    ))
}

/// A quick-log line read, perhaps with its contact still to be picked.
#[derive(Clone, Debug)]
pub struct ParsedLine {
    /// The record the line makes (with a new contact when the name fits nobody).
    pub entry: LoggedInteraction,
    /// The name as typed after `@`.
    pub typed: String,
    /// Contacts that fit the name equally: one must be picked before the line can be saved
    /// (the entry's contact is nobody until then).
    pub choose_from: Vec<Uuid>,
    /// No channel was typed: the one picked from `choose_from` gives theirs.
    pub channel_pending: bool,
}

/// Reads a quick-log line; see [`ParsedLine`].
pub fn parse_quick_line(line: &str, ctx: &FormContext) -> Result<ParsedLine, String> {
    let clean = crate::sanitize::line(line);
    let mut p = Parts::default();
    for t in tokenize(&clean)? {
        match t {
            Token::Contact(name) => set_once(&mut p.contact, name.clone(), "contact", &name)?,
            Token::Quoted(note) if note.len() > crate::store::MAX_NOTE_BYTES => {
                return Err(super::log::note_too_long(note.len()));
            }
            Token::Quoted(note) => set_once(&mut p.note, note.trim().to_string(), "note", "\"…\"")?,
            Token::Word(w) => word(&mut p, &w, ctx)?,
        }
    }
    if p.pending_last {
        return Err("`last` needs a weekday after it (last fri)".into());
    }
    let typed = p
        .contact
        .ok_or_else(|| format!("say who with @name (e.g. {QUICK_EXAMPLE})"))?;
    let implied = match (p.value, p.nps, p.rating) {
        (Some(_), _, _) => Some(Kind::Purchase),
        (_, Some(_), _) => Some(Kind::Survey),
        (_, _, Some(_)) => Some(Kind::Review),
        _ => None,
    };
    let kind = p.kind.or(implied).ok_or_else(|| {
        "say what happened: a kind such as call, message, meeting, purchase".to_string()
    })?;
    for (present, wants, what) in [
        (p.value.is_some(), Kind::Purchase, "a value"),
        (p.nps.is_some(), Kind::Survey, "NPS"),
        (p.rating.is_some(), Kind::Review, "a rating"),
    ] {
        if present && kind != wants {
            return Err(format!("{what} is only for a {wants}, not a {kind}"));
        }
    }
    let at = match p.date {
        Some(m) => m,
        None => parse_moment("now", ctx.now)?,
    };
    let mut new_contact = None;
    let mut choose_from = Vec::new();
    let contact = match resolve_contact(&typed, &ctx.contacts)? {
        Resolved::Picked(Picked::Existing(id)) => id,
        Resolved::Picked(Picked::New(name)) => {
            let c = new_contact_from_typed(&name, at.date);
            let id = c.id;
            new_contact = Some(c);
            id
        }
        Resolved::Picked(Picked::Nobody) => return Err("say who with @name".into()),
        Resolved::Several(ids) => {
            choose_from = ids;
            Uuid::nil()
        }
    };
    // Without a channel, a known contact's own last channel: where they usually are.
    let usual = (new_contact.is_none() && choose_from.is_empty())
        .then(|| ctx.channel_of.get(&contact).cloned())
        .flatten();
    let typed_channel = p.channel.filter(|c| !c.is_empty());
    // With several contacts to pick from, the channel can wait for the one picked.
    let channel_pending = typed_channel.is_none() && !choose_from.is_empty();
    let channel = typed_channel
        .or(usual)
        .or(channel_pending.then(String::new))
        .ok_or_else(|| {
            let recent: Vec<&str> = ctx
                .recent_channels
                .iter()
                .take(3)
                .map(String::as_str)
                .collect();
            format!("say the channel (e.g. {})", recent.join(", "))
        })?;
    let mut x = Interaction::new(contact, at, &channel, kind);
    x.direction = p.direction.unwrap_or(kind.default_direction());
    x.note = p.note.unwrap_or_default();
    x.value = p.value;
    x.nps = p.nps;
    x.rating = p.rating;
    x.sentiment = p.sentiment.map(Sentiment::manual);
    rescore(&mut x, &ctx.settings);
    Ok(ParsedLine {
        entry: LoggedInteraction {
            interaction: x,
            new_contact,
            was_at: None,
        },
        typed: typed.trim().to_string(),
        choose_from,
        channel_pending,
    })
}

/// One line saying what will be saved: `Ada Lovelace · call · linkedin · ...`.
pub fn describe(entry: &LoggedInteraction, ctx: &FormContext) -> String {
    let x = &entry.interaction;
    let who = match &entry.new_contact {
        Some(c) => format!("new contact “{}”", c.name),
        None => ctx
            .contacts
            .get(x.contact)
            .map_or_else(|| "?".to_string(), |e| e.name.clone()),
    };
    let mut parts = vec![
        who,
        x.kind.to_string(),
        x.channel.to_string(),
        x.at.to_string().replace('T', " "),
        x.direction.to_string(),
    ];
    if let Some(v) = x.value {
        parts.push(format!("value {v}"));
    }
    if let Some(n) = x.nps {
        parts.push(format!("NPS {n}"));
    }
    if let Some(r) = x.rating {
        parts.push(format!("rating {r}/5"));
    }
    if !x.note.is_empty() {
        parts.push(format!("“{}”", x.note));
    }
    if let Some(s) = x.sentiment {
        let how = match s.source {
            SentimentSource::Auto => "auto",
            SentimentSource::Manual => "manual",
        };
        parts.push(format!("sentiment {} ({how})", describe_score(s.score)));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_respect_quotes_and_quoted_contacts() {
        let t = tokenize(r#"@"Ada Lovelace" call “so good, really” +1"#).unwrap();
        assert_eq!(
            t,
            vec![
                Token::Contact("Ada Lovelace".into()),
                Token::Word("call".into()),
                Token::Quoted("so good, really".into()),
                Token::Word("+1".into()),
            ]
        );
        assert_eq!(
            tokenize("@ada").unwrap(),
            vec![Token::Contact("@ada".into())]
        );
        assert!(
            tokenize(r#"@ada call "unfinished"#)
                .unwrap_err()
                .contains("not closed")
        );
    }

    #[test]
    fn sentiment_words_are_told_from_dates() {
        assert!(looks_like_sentiment("+1"));
        assert!(looks_like_sentiment("-0.5"));
        assert!(looks_like_sentiment("--"));
        assert!(!looks_like_sentiment("-3d"));
        assert!(!looks_like_sentiment("linkedin"));
    }
}
