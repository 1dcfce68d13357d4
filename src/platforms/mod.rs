//! The exports platforms let their users download (a LinkedIn data archive, a Slack workspace
//! export, a Mailchimp audience, a Stripe payments report), each read into one shape, an
//! [`Export`]: the people found and what they did. [`bring_in`] then puts an export into a store
//! by one rule for every platform (who is who, what is already there, money in the store's
//! currency). Nothing here reads the disk: the files come in as [`Files`].

mod bring_in;
pub(crate) mod csv_rows;
mod discord;
mod github;
mod linkedin;
mod mailchimp;
mod sendgrid;
mod shopify;
mod slack;
mod stripe;
mod subscribers;

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;

use crate::store::{Direction, Kind, Moment, Money};

pub use bring_in::{BringOptions, Brought, bring_in, preview};

/// The files of an export: a single file, or every file of a folder (or archive), by their path
/// inside it with `/` separators.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// What the user named, for messages.
    pub root: String,
    pub entries: Vec<(String, Vec<u8>)>,
    /// Moved on by the bytes of each file as it is parsed, when an import shows its progress.
    pub progress: Option<indicatif::ProgressBar>,
}

impl Files {
    /// Says that `bytes` more of the export have been parsed.
    pub(crate) fn parsed(&self, bytes: usize) {
        if let Some(bar) = &self.progress {
            bar.inc(bytes as u64);
        }
    }

    /// The entries whose file name (the last part of the path) is `name`, any case.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a (String, Vec<u8>)> {
        self.entries.iter().filter(move |(p, _)| {
            p.rsplit('/')
                .next()
                .is_some_and(|f| f.eq_ignore_ascii_case(name))
        })
    }

    /// How a message names an entry: the root, then the entry's path when there are several.
    pub fn display(&self, path: &str) -> String {
        if self.entries.len() == 1 && !self.root.ends_with('/') {
            self.root.clone()
        } else {
            format!("{}/{path}", self.root.trim_end_matches('/'))
        }
    }
}

/// The platforms an export can come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Platform {
    Linkedin,
    Slack,
    Discord,
    Mailchimp,
    Sendgrid,
    Substack,
    Beehiiv,
    Shopify,
    Stripe,
    Github,
}

impl Platform {
    pub const ALL: [Platform; 10] = [
        Platform::Linkedin,
        Platform::Slack,
        Platform::Discord,
        Platform::Mailchimp,
        Platform::Sendgrid,
        Platform::Substack,
        Platform::Beehiiv,
        Platform::Shopify,
        Platform::Stripe,
        Platform::Github,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Platform::Linkedin => "linkedin",
            Platform::Slack => "slack",
            Platform::Discord => "discord",
            Platform::Mailchimp => "mailchimp",
            Platform::Sendgrid => "sendgrid",
            Platform::Substack => "substack",
            Platform::Beehiiv => "beehiiv",
            Platform::Shopify => "shopify",
            Platform::Stripe => "stripe",
            Platform::Github => "github",
        }
    }

    pub fn parse(s: &str) -> Result<Platform, String> {
        let t = s.trim().to_ascii_lowercase();
        Platform::ALL
            .into_iter()
            .find(|p| p.name() == t)
            .ok_or_else(|| {
                let all: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
                let names = all.iter().copied().chain(["csv"]);
                let near = crate::typos::closest(names.clone().map(|n| (n, [n])), &t, 1);
                let hint = near
                    .first()
                    .and_then(|&i| names.clone().nth(i))
                    .map_or(String::new(), |n| format!("did you mean `{n}`? "));
                format!(
                    "`{}` is not a platform ror-tui reads ({hint}expected one of: {}, or csv)",
                    s.trim(),
                    all.join(", ")
                )
            })
    }

    /// The platform whose export `files` look like, if any.
    pub fn detect(files: &Files) -> Option<Platform> {
        if files.named("users.json").next().is_some()
            && files.named("channels.json").next().is_some()
        {
            return Some(Platform::Slack);
        }
        Platform::ALL.into_iter().find(|p| {
            files
                .entries
                .iter()
                .any(|(path, bytes)| p.claims(path, bytes))
        })
    }

    /// Whether a file is one this platform writes, by its name and first lines (a CSV's header
    /// is among its first few; a JSON file's telling keys may come many lines down when it is
    /// pretty-printed, one key a line, as `jq` writes it).
    fn claims(self, path: &str, bytes: &[u8]) -> bool {
        let json = path.to_ascii_lowercase().ends_with(".json");
        let head = csv_rows::first_lines(bytes, if json { 200 } else { 6 });
        match self {
            Platform::Linkedin => linkedin::claims(path, &head),
            Platform::Slack => false,
            Platform::Discord => discord::claims(path, &head),
            Platform::Mailchimp => mailchimp::claims(path, &head),
            Platform::Sendgrid => sendgrid::claims(&head),
            Platform::Substack => subscribers::claims_substack(path, &head),
            Platform::Beehiiv => subscribers::claims_beehiiv(&head),
            Platform::Shopify => shopify::claims(&head),
            Platform::Stripe => stripe::claims(&head),
            Platform::Github => github::claims(path, &head),
        }
    }

    /// Reads an export of this platform.
    pub fn read(self, files: &Files) -> Result<Export, Problem> {
        let mut out = Export::new(self);
        match self {
            Platform::Linkedin => linkedin::read(files, &mut out)?,
            Platform::Slack => slack::read(files, &mut out)?,
            Platform::Discord => discord::read(files, &mut out)?,
            Platform::Mailchimp => mailchimp::read(files, &mut out)?,
            Platform::Sendgrid => sendgrid::read(files, &mut out)?,
            Platform::Substack | Platform::Beehiiv => subscribers::read(self, files, &mut out)?,
            Platform::Shopify => shopify::read(files, &mut out)?,
            Platform::Stripe => stripe::read(files, &mut out)?,
            Platform::Github => github::read(files, &mut out)?,
        }
        Ok(out)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Someone an export knows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    /// Platform → their id there; imports match on these first.
    pub identities: BTreeMap<String, String>,
    pub name: String,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub tags: Vec<String>,
    /// When they joined, as far as the export knows (connected, subscribed).
    pub since: Option<Date>,
}

/// Something a person did (or we did with them).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Index into [`Export::people`].
    pub person: usize,
    pub at: Moment,
    pub kind: Kind,
    pub channel: String,
    pub direction: Direction,
    pub note: String,
    /// A purchase's value, in [`Export::currency`].
    pub value: Option<Money>,
    /// What identifies the event on its platform (`slack:C01:1705315800.000300`): a later
    /// export holding it again adds nothing.
    pub source: String,
}

/// A bad record of an export: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file, as the user named it (with the path inside a folder or archive).
    pub file: String,
    /// `line 12` for a CSV, a JSON path (`[3].ts`) for JSON; empty for the whole file.
    pub at: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.at.is_empty() {
            String::new()
        } else {
            format!(":{}", self.at)
        };
        let field = if self.field.is_empty() {
            String::new()
        } else {
            format!(" `{}`", self.field)
        };
        write!(f, "{}{at}:{field} {}", self.file, self.message)
    }
}

/// What an export holds.
#[derive(Clone, Debug)]
pub struct Export {
    pub platform: Platform,
    pub people: Vec<Person>,
    pub events: Vec<Event>,
    /// Records left out, by why: `bot message`, `channel join`, `failed payment`…
    pub skipped: BTreeMap<String, usize>,
    /// Records that could not be read (left out with `--skip-invalid`, else nothing is imported).
    pub problems: Vec<Problem>,
    /// The currency of its amounts (ISO 4217, upper case), when it has any.
    pub currency: Option<String>,
    /// People by identity (`platform:id`), email and name, so that one person met several
    /// times is one [`Person`].
    seen: BTreeMap<String, usize>,
}

impl Export {
    fn new(platform: Platform) -> Export {
        Export {
            platform,
            people: Vec::new(),
            events: Vec::new(),
            skipped: BTreeMap::new(),
            problems: Vec::new(),
            currency: None,
            seen: BTreeMap::new(),
        }
    }

    /// The person with `key` (an identity or an email, as the platform knows them), made by
    /// `make` the first time; later sightings fill what the first left empty.
    /// Whether someone was met under `key` already.
    fn knows(&self, key: &str) -> bool {
        self.seen.contains_key(key)
    }

    fn person(&mut self, key: &str, make: impl FnOnce() -> Person) -> usize {
        if let Some(&i) = self.seen.get(key) {
            return i;
        }
        let p = make();
        let i = self.people.len();
        self.seen.insert(key.to_string(), i);
        self.people.push(p);
        i
    }

    fn skip(&mut self, why: &str) {
        *self.skipped.entry(why.to_string()).or_default() += 1;
    }

    /// An amount cell: empty is zero; one that is not an amount is a problem (`None`).
    fn amount(&mut self, text: &str, file: &str, at: &str, field: &str) -> Option<Money> {
        if text.is_empty() {
            return Some(Money::default());
        }
        Money::parse(text)
            .map_err(|e| self.problem(file, at.to_string(), field, e))
            .ok()
    }

    fn problem(&mut self, file: &str, at: String, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_string(),
            at,
            field: field.to_string(),
            message: message.into(),
        });
    }
}

/// An email as it is matched: trimmed, lower case; `None` when it is not one.
pub fn email_key(s: &str) -> Option<String> {
    let t = s.trim();
    (t.contains('@') && !t.contains(char::is_whitespace)).then(|| t.to_lowercase())
}

/// An instant as the local moment it was here (the store keeps local dates and times), to the
/// second.
pub fn local(ts: jiff::Timestamp) -> Moment {
    let dt = ts.to_zoned(jiff::tz::TimeZone::system()).datetime();
    Moment::at(dt.date().to_datetime(jiff::civil::Time::constant(
        dt.hour(),
        dt.minute(),
        dt.second(),
        0,
    )))
}

/// `2023-06-11 15:33:58` (with or without ` UTC`, or a `T`) read as UTC, as a local moment.
pub fn utc_text(s: &str) -> Option<Moment> {
    let t = s
        .trim()
        .trim_end_matches("UTC")
        .trim_end_matches('Z')
        .trim();
    let dt: jiff::civil::DateTime = t.replace(' ', "T").parse().ok()?;
    let ts = dt.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
    Some(local(ts))
}

/// Reads a JSON file into `T`; a problem names the JSON path where it went wrong (`[3].ts`).
pub(crate) fn json<T: serde::de::DeserializeOwned>(
    files: &Files,
    path: &str,
    bytes: &[u8],
) -> Result<T, Problem> {
    files.parsed(bytes.len());
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let at = e.path().to_string();
        Problem {
            file: files.display(path),
            at: if at == "." { String::new() } else { at },
            field: String::new(),
            message: e.into_inner().to_string(),
        }
    })
}

/// A problem with a whole export (no such file, nothing recognisable).
pub(crate) fn whole(files: &Files, message: impl Into<String>) -> Problem {
    Problem {
        file: files.root.clone(),
        at: String::new(),
        field: String::new(),
        message: message.into(),
    }
}
