//! `ror-tui log`: record one interaction from a shell or a script.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;

use super::contacts::{Found, contact_from_text, describe, describe_apart, find_one, suggestions};
use super::fields;
use super::update::{Outcome, update_store_keeping};
use crate::dates;
use crate::sanitize;
use crate::sentiment;
use crate::store::{
    Direction, Interaction, Kind, Moment, Money, Sentiment, SentimentSource, Store, Take,
};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui log --contact @ada --kind message --channel slack --note \"Loved the release!\"
  ror-tui log --contact \"Grace Hopper\" --kind purchase --channel web --value 129.99 --date yesterday
  ror-tui log --contact ada@example.org --kind survey --nps 9 --date -3d
  ror-tui log --contact \"Alan Turing\" --create --kind event --channel meetup --direction in

The contact is matched by handle, then email, then name, ignoring case; an unknown contact is an
error that suggests close matches, unless --create adds it. Without --sentiment, the note is
scored automatically, as in the dashboard. Without --direction, email_sent and gift are outbound
and everything else inbound. Works while a dashboard has the store open.

Prints the saved record on one line. Exit status: 0 saved, 1 nothing saved (unknown or ambiguous
contact, store problem), 2 a flag value is invalid.";

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Who: a handle (@ada), an email address or a name
    #[arg(long, value_name = "NAME|@HANDLE|EMAIL")]
    pub contact: String,
    /// What happened: message, comment, mention, share, referral, purchase, review, support,
    /// event, meeting, call, survey, email_sent, email_open, email_click, visit, gift, connect,
    /// reaction, other
    #[arg(long, value_parser = fields::kind)]
    pub kind: Kind,
    /// Where it happened (slack, email, web, ...)
    #[arg(long, default_value = fields::DEFAULT_CHANNEL)]
    pub channel: String,
    /// When: today, yesterday, -3d, -2w, YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true, value_parser = parse_date)]
    pub date: Option<Moment>,
    /// What was said or done; its sentiment is scored automatically
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Purchase value, e.g. 129.99
    #[arg(long, allow_hyphen_values = true, value_parser = fields::value)]
    pub value: Option<Money>,
    /// Survey answer, 0-10
    #[arg(long, value_name = "0-10", allow_hyphen_values = true, value_parser = fields::nps)]
    pub nps: Option<u8>,
    /// Review rating, 1-5
    #[arg(long, value_name = "1-5", allow_hyphen_values = true, value_parser = fields::rating)]
    pub rating: Option<u8>,
    /// Sentiment set by hand, -1..1 (overrides the automatic score of the note)
    #[arg(long, value_name = "-1..1", allow_hyphen_values = true, value_parser = fields::sentiment)]
    pub sentiment: Option<f64>,
    /// in (from the contact) or out (from us)
    #[arg(long, value_name = "in|out", value_parser = fields::direction)]
    pub direction: Option<Direction>,
    /// Add the contact if no contact matches
    #[arg(long)]
    pub create: bool,
}

/// A date phrase, as the dashboard's log form reads it, and refused the same way when it lies in
/// the future: an interaction is logged once it happened, and a mistyped year (2062 for 2026)
/// would otherwise count as the contact's last touch for decades.
fn parse_date(s: &str) -> Result<Moment, String> {
    let now = super::now();
    let m = dates::parse_moment(s, now)?;
    let future = match m.time {
        Some(_) => m.datetime() > now,
        None => m.date > now.date(),
    };
    if future {
        return Err(format!(
            "`{}` is in the future (now is {})",
            s.trim(),
            Moment::at(now).to_string().replace('T', " ")
        ));
    }
    Ok(m)
}

/// Saves the interaction and prints it on one line to `out`. Hands back the store as saved (its
/// interactions left out), for a process about to end to let go of without freeing it.
pub fn run(args: &LogArgs, path: &Path, out: &mut impl Write) -> Result<Store> {
    if args.channel.trim().is_empty() {
        crate::usage_bail!("--channel is empty (leave it out to record `other`)");
    }
    if args.contact.trim().is_empty() {
        crate::usage_bail!("--contact is empty (give a name, @handle or email)");
    }
    let at = args.date.unwrap_or_else(|| Moment::day(super::today()));
    // Only the contacts are needed to find who it was with: the interactions, nearly all of a
    // store, are not read.
    let (line, store) = update_store_keeping(path, Take::AllButInteractions, |store| {
        let (contact, created) = find_or_create(store, args, at)?;
        let mut x = Interaction::new(store.contacts[contact].id, at, &args.channel, args.kind);
        x.direction = args
            .direction
            .unwrap_or_else(|| args.kind.default_direction());
        x.note = args.note.clone().unwrap_or_default();
        if x.note.len() > crate::store::MAX_NOTE_BYTES {
            crate::usage_bail!("--note: {}", crate::forms::log::note_too_long(x.note.len()));
        }
        x.value = args.value;
        x.nps = args.nps;
        x.rating = args.rating;
        x.sentiment = args.sentiment.map(Sentiment::manual);
        sentiment::rescore(&mut x, &store.settings);
        let line = one_line(store, contact, created, &x);
        store.interactions.push(x);
        store.sort_canonical();
        Ok(Outcome::Save(line))
    })?;
    writeln!(out, "{line}")?;
    Ok(store)
}

/// The contact's position, and whether it was just added.
fn find_or_create(store: &mut Store, args: &LogArgs, at: Moment) -> Result<(usize, bool)> {
    match find_one(&store.contacts, &args.contact) {
        Found::One(i) => Ok((i, false)),
        Found::Many(all) => {
            let list: Vec<String> = all
                .iter()
                .map(|i| describe_apart(&store.contacts[*i]))
                .collect();
            bail!(
                "`{}` matches {} contacts: {}; give a handle (@name) or an email instead",
                sanitize::line(args.contact.trim()),
                all.len(),
                list.join("; ")
            )
        }
        Found::None if args.create => {
            if args
                .contact
                .trim()
                .trim_start_matches('@')
                .trim()
                .is_empty()
            {
                crate::usage_bail!("--contact needs a name, @handle or email to create a contact");
            }
            store
                .contacts
                .push(contact_from_text(&args.contact, at.date));
            Ok((store.contacts.len() - 1, true))
        }
        Found::None => {
            let close = suggestions(&store.contacts, &args.contact, 5);
            let hint = if close.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = close
                    .iter()
                    .map(|i| describe(&store.contacts[*i]))
                    .collect();
                format!("; did you mean {}?", list.join(", or "))
            };
            bail!(
                "no contact matches `{}`{hint}\n  (add --create to add a new contact by that name)",
                sanitize::line(args.contact.trim())
            )
        }
    }
}

/// `logged 2026-11-20 · Ada Lovelace (@ada) · purchase via web, inbound · value 129.99 USD · …`
fn one_line(store: &Store, contact: usize, created: bool, x: &Interaction) -> String {
    let c = &store.contacts[contact];
    let mut parts = vec![
        format!("logged {}", x.at),
        format!(
            "{}{}",
            describe(c),
            if created { " [new contact]" } else { "" }
        ),
        format!(
            "{} via {}, {}",
            x.kind,
            sanitize::line(&x.channel),
            x.direction
        ),
    ];
    if let Some(v) = x.value {
        parts.push(format!(
            "value {v} {}",
            sanitize::line(&store.settings.currency)
        ));
    }
    if let Some(n) = x.nps {
        parts.push(format!("nps {n}"));
    }
    if let Some(r) = x.rating {
        parts.push(format!("rating {r}/5"));
    }
    if let Some(s) = x.sentiment {
        let how = match s.source {
            SentimentSource::Auto => "from the note",
            SentimentSource::Manual => "set by hand",
        };
        parts.push(format!("sentiment {:+.2} ({how})", s.score));
    } else if let Some(code) = &x.language {
        parts.push(format!(
            "not scored: {code}, {} (it waits on the follow-ups screen for a score by hand)",
            crate::language::name(code)
        ));
    }
    if !x.note.is_empty() {
        parts.push(format!("“{}”", sanitize::line(&x.note)));
    }
    parts.join(" · ")
}
