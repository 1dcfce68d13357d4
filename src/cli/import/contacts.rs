//! `ror-tui import FILE --contacts`: a list of people, no interactions. Each row updates the
//! contact with its email, else its handle (organisation, tags joined, cadence, referrer,
//! source, notes where empty), or adds one; all or nothing, bad rows named by line and field.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::super::contacts::{Found, find_one};
use super::super::fields;
use super::super::update::{Outcome, update_store};
use crate::cli::UsageError;
use crate::platforms::email_key;
use crate::sanitize;
use crate::store::{Contact, Source, Store};

/// The columns a contacts file may have (`contact` is read as `name`).
pub const CONTACT_COLUMNS: [&str; 10] = [
    "name",
    "email",
    "handle",
    "organisation",
    "tags",
    "cadence",
    "referred_by",
    "source",
    "created",
    "notes",
];

/// What a contacts import did (or would do).
#[derive(Debug, Default)]
pub struct ContactsSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (line, reasons).
    pub invalid: Vec<(u64, Vec<String>)>,
    pub written: bool,
}

/// Reads `text` (separated by `delimiter`, ror-tui's contact columns) into `store`.
pub fn apply(
    text: &[u8],
    delimiter: u8,
    store: &mut Store,
    skip_invalid: bool,
    dry_run: bool,
    today: jiff::civil::Date,
) -> Result<ContactsSummary> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut records = rdr.records();
    let header: Vec<String> = match records.next() {
        Some(h) => h?.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        None => return Err(UsageError("the file is empty".into()).into()),
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name || (name == "name" && h == "contact"))
    };
    if let Some(bad) = header
        .iter()
        .find(|h| !h.is_empty() && !CONTACT_COLUMNS.contains(&h.as_str()) && *h != "contact")
    {
        return Err(UsageError(format!(
            "unknown column `{bad}` for --contacts; the accepted columns are: {}",
            CONTACT_COLUMNS.join(", ")
        ))
        .into());
    }
    if col("name").is_none() && col("email").is_none() && col("handle").is_none() {
        return Err(UsageError(
            "--contacts needs a name, email or handle column to know who each row is".into(),
        )
        .into());
    }
    let [
        name,
        email,
        handle,
        org,
        tags,
        cadence,
        referred,
        source,
        created,
        notes,
    ] = CONTACT_COLUMNS.map(col);
    let mut s = ContactsSummary::default();
    let mut work = store.clone();
    let mut lines = crate::platforms::csv_rows::LineCount::default();
    for rec in records {
        let rec = rec?;
        let line = rec.position().map_or(0, |p| lines.at(text, p.byte()));
        let get = |c: Option<usize>| c.and_then(|i| rec.get(i)).unwrap_or("").trim();
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut why: Vec<String> = Vec::new();
        let mail = match get(email) {
            "" => None,
            e => match email_key(e) {
                Some(k) => Some(k),
                None => {
                    why.push(format!("email: `{e}` is not an email address"));
                    None
                }
            },
        };
        let hdl = match get(handle) {
            "" => None,
            h => Some(fields::handle(h).to_string()),
        };
        let days = match get(cadence) {
            "" => None,
            c => match c.trim_end_matches('d').trim().parse::<u32>() {
                Ok(n) if n <= 3650 => Some(n),
                _ => {
                    why.push(format!(
                        "cadence: `{c}` is not a number of days (e.g. 30 or 30d)"
                    ));
                    None
                }
            },
        };
        let src = match get(source) {
            "" => None,
            v => match v.parse::<Source>() {
                Ok(x) => Some(x),
                Err(e) => {
                    why.push(format!("source: {e}"));
                    None
                }
            },
        };
        let born = match get(created) {
            "" => None,
            d => match d.parse::<jiff::civil::Date>() {
                Ok(x) => Some(x),
                Err(_) => {
                    why.push(format!("created: `{d}` is not a date (YYYY-MM-DD)"));
                    None
                }
            },
        };
        let referrer = match get(referred) {
            "" => None,
            r => match find_one(&work.contacts, r) {
                Found::One(i) => Some(work.contacts[i].id),
                Found::Many(_) => {
                    why.push(format!("referred_by: `{r}` matches several contacts"));
                    None
                }
                Found::None => {
                    why.push(format!("referred_by: no contact matches `{r}`"));
                    None
                }
            },
        };
        // The contact: by email, else by handle.
        let at = mail
            .as_ref()
            .and_then(|m| {
                work.contacts
                    .iter()
                    .position(|c| c.email.as_deref().and_then(email_key).as_ref() == Some(m))
            })
            .or_else(|| {
                hdl.as_ref().and_then(|h| {
                    work.contacts.iter().position(|c| {
                        c.handle
                            .as_deref()
                            .is_some_and(|o| o.eq_ignore_ascii_case(h))
                    })
                })
            });
        let shown = get(name);
        if at.is_none() && shown.is_empty() && mail.is_none() {
            why.push("name: a new contact needs a name (or an email)".into());
        }
        if !why.is_empty() {
            s.invalid.push((line, why));
            continue;
        }
        let mut c = match at {
            Some(i) => work.contacts[i].clone(),
            None => {
                let n = if shown.is_empty() {
                    mail.clone().unwrap_or_default()
                } else {
                    shown.to_string()
                };
                Contact::new(sanitize::line(&n).into_owned(), born.unwrap_or(today))
            }
        };
        let before = c.clone();
        if c.email.is_none() {
            c.email = mail;
        }
        if c.handle.is_none() {
            c.handle = hdl;
        }
        if let v @ Some(_) = Some(get(org)).filter(|o| !o.is_empty()) {
            c.organisation = v.map(|o| sanitize::line(o).into_owned());
        }
        for t in get(tags)
            .split([';', ','])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if !c.tags.iter().any(|h| h.eq_ignore_ascii_case(t)) {
                c.tags.push(sanitize::line(t).into_owned());
            }
        }
        if days.is_some() {
            c.cadence_days = days;
        }
        if let Some(r) = referrer.filter(|r| *r != c.id) {
            c.referred_by = Some(r);
        }
        if let Some(x) = src {
            c.source = x;
        }
        if c.notes.is_empty() {
            c.notes = sanitize::text(get(notes)).into_owned();
        }
        match at {
            Some(_) if c == before => s.unchanged += 1,
            Some(_) => {
                s.updated += 1;
                let id = c.id;
                work.contacts
                    .modify_where(|o| o.id == id, |o| *o = c.clone());
            }
            None => {
                s.created += 1;
                work.contacts.push(c);
            }
        }
    }
    let go = !dry_run && (s.invalid.is_empty() || skip_invalid) && s.created + s.updated > 0;
    if go {
        work.sort_contacts();
        if let Some(p) = crate::store::validate(&work).first() {
            anyhow::bail!("the import would make the store invalid ({p}); nothing was written");
        }
        *store = work;
        s.written = true;
    }
    Ok(s)
}

/// Imports `text` as contacts into the store at `store_path` and prints what it did.
pub fn run(
    text: &[u8],
    delimiter: u8,
    file: &str,
    store_path: &Path,
    (skip_invalid, dry_run): (bool, bool),
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<bool> {
    let today = jiff::Zoned::now().date();
    let s = update_store(store_path, crate::store::Take::Everything, |store| {
        let s = apply(text, delimiter, store, skip_invalid, dry_run, today)?;
        Ok(if s.written {
            Outcome::Save(s)
        } else {
            Outcome::Keep(s)
        })
    })?;
    for (line, why) in &s.invalid {
        let why: Vec<_> = why.iter().map(|w| sanitize::line(w).into_owned()).collect();
        writeln!(err, "{file}:{line}: {}", why.join("; "))?;
    }
    if !s.invalid.is_empty() && !skip_invalid {
        let n = s.invalid.len();
        let (rows, them) = if n == 1 {
            ("row", "it")
        } else {
            ("rows", "them")
        };
        let would = if dry_run { "would be" } else { "was" };
        writeln!(
            err,
            "{file}: {n} invalid {rows} — nothing {would} imported (fix {them}, or pass --skip-invalid to import the rest)",
        )?;
        return Ok(false);
    }
    let lead = if dry_run {
        "dry run: contacts would be"
    } else {
        "contacts"
    };
    writeln!(
        out,
        "{lead} from {file}: {} created, {} updated, {} unchanged{}",
        s.created,
        s.updated,
        s.unchanged,
        if s.invalid.is_empty() {
            String::new()
        } else {
            format!("; {} invalid rows left out", s.invalid.len())
        }
    )?;
    Ok(true)
}
