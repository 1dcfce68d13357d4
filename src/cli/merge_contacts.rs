//! `ror-tui merge-contacts KEEP OTHER...`: merge contacts that are one person, from a shell or
//! after an import, as the dashboard's merge does (see [`crate::dedupe::merge`]).

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use clap::Args;
use uuid::Uuid;

use super::contacts::{Found, describe, describe_apart, find_one, suggestions};
use super::update::{Outcome, update_store};
use crate::dedupe::{Field, Pick, Plan};
use crate::sanitize;
use crate::store::{Store, Take};

pub const AFTER_HELP: &str = "\
Examples:
  ror-tui merge-contacts @ada ada@example.org --dry-run
  ror-tui merge-contacts @ada \"A. Lovelace\" --take email=2 --take created=1
  ror-tui merge-contacts 0192f3a4-... 0192f3a5-...

KEEP survives with its id; every OTHER's interactions, investments and the contacts they
referred move to it, and the OTHERs are removed. Contacts are named as in `log` (handle, email,
name) or by id. Where values differ, the merge keeps KEEP's value unless it is empty, then the
first non-empty one; the oldest `created`; notes joined; tags always joined. --take FIELD=N takes
the value of the Nth contact named (1 is KEEP). --dry-run prints the plan and writes nothing.

Exit status: 0 merged (or planned), 1 a contact is unknown or ambiguous, 2 a flag is invalid.";

#[derive(Debug, Args)]
pub struct MergeContactsArgs {
    /// The contact that survives: a handle (@ada), an email, a name or an id
    #[arg(value_name = "KEEP")]
    pub keep: String,
    /// The contacts merged into it
    #[arg(value_name = "OTHER", required = true)]
    pub others: Vec<String>,
    /// Take FIELD's value from the Nth contact named (1 is KEEP): name, handle, email,
    /// organisation, source, referred_by, cadence_days, is_team, created, notes
    #[arg(long, value_name = "FIELD=N", value_parser = parse_take)]
    pub take: Vec<(Field, usize)>,
    /// Print what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_take(s: &str) -> Result<(Field, usize), String> {
    let (f, n) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}`: expected FIELD=N, e.g. email=2"))?;
    let field = Field::from_key(f).ok_or_else(|| {
        let all: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        format!("`{}` is not a field; one of {}", f.trim(), all.join(", "))
    })?;
    let n: usize = n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
        format!(
            "`{}`: N is the position of a contact named, from 1",
            n.trim()
        )
    })?;
    Ok((field, n - 1))
}

/// Merges (one write), or with `--dry-run` prints the plan and writes nothing.
pub fn run(args: &MergeContactsArgs, path: &Path, out: &mut impl Write) -> Result<()> {
    let text = update_store(path, Take::Everything, |store| {
        let keep = resolve(store, &args.keep)?;
        let others: Vec<Uuid> = args
            .others
            .iter()
            .map(|t| resolve(store, t))
            .collect::<Result<_>>()?;
        let mut plan = Plan::new(store, keep, &others).map_err(anyhow::Error::msg)?;
        for (field, n) in &args.take {
            if *n >= plan.members.len() {
                crate::usage_bail!(
                    "--take {}={}: only {} contacts are named",
                    field.key(),
                    n + 1,
                    plan.members.len()
                );
            }
            if !plan.take_from(*field, *n) {
                crate::usage_bail!(
                    "--take {}={}: {} is the same for the contacts named, or that contact's \
                     value is another's too",
                    field.key(),
                    n + 1,
                    field.key()
                );
            }
        }
        let text = show(&plan, store, args.dry_run);
        if args.dry_run {
            return Ok(Outcome::Keep(text));
        }
        plan.apply(store);
        Ok(Outcome::Save(text))
    })?;
    write!(out, "{text}")?;
    Ok(())
}

/// The plan in lines: who goes into whom, what moves, and each field that differs.
fn show(plan: &Plan, store: &Store, dry: bool) -> String {
    let mut s = String::new();
    let verb = if dry { "would merge" } else { "merged" };
    let n = plan.members.len() - 1;
    s.push_str(&format!(
        "{verb} {n} contact{} into [1] {}\n",
        if n == 1 { "" } else { "s" },
        describe_apart(&plan.members[0])
    ));
    for (i, m) in plan.members.iter().enumerate().skip(1) {
        s.push_str(&format!("  [{}] {}\n", i + 1, describe_apart(m)));
    }
    s.push_str(&format!("{}\n", plan.moves()));
    let tags = plan.survivor().tags;
    if plan.members.iter().any(|m| m.tags != tags) && !tags.is_empty() {
        s.push_str(&format!(
            "tags joined: {}\n",
            sanitize::line(&tags.join(", "))
        ));
    }
    if !plan.choices.is_empty() {
        s.push_str("fields that differ (--take FIELD=N picks another):\n");
    }
    for c in &plan.choices {
        let shown = |p: Pick| {
            let v = plan.show(c, p, store);
            let v = sanitize::line(&v).into_owned();
            let v = if v.is_empty() {
                "(none)".to_string()
            } else {
                v
            };
            match p {
                Pick::From(i) => format!("[{}] {v}", i + 1),
                Pick::Joined => format!("[joined] {}", v.replace('\n', " ")),
            }
        };
        let others: Vec<String> = c
            .options
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != c.chosen)
            .map(|(_, p)| shown(*p))
            .collect();
        s.push_str(&format!(
            "  {:<13} {}   (not: {})\n",
            c.field.key(),
            shown(c.options[c.chosen]),
            others.join("; ")
        ));
    }
    if dry {
        s.push_str("nothing written (--dry-run)\n");
    }
    s
}

/// The contact `text` names: an id, or a handle, email or name as `log` reads it.
fn resolve(store: &Store, text: &str) -> Result<Uuid> {
    if let Ok(id) = Uuid::parse_str(text.trim())
        && store.contact(id).is_some()
    {
        return Ok(id);
    }
    match find_one(&store.contacts, text) {
        Found::One(i) => Ok(store.contacts[i].id),
        Found::Many(all) => {
            let list: Vec<String> = all
                .iter()
                .map(|i| {
                    let c = &store.contacts[*i];
                    format!("{} id {}", describe_apart(c), c.id)
                })
                .collect();
            bail!(
                "`{}` matches {} contacts: {}; name one by handle, email or id",
                sanitize::line(text.trim()),
                all.len(),
                list.join("; ")
            )
        }
        Found::None => {
            let close: Vec<String> = suggestions(&store.contacts, text, 5)
                .iter()
                .map(|i| describe(&store.contacts[*i]))
                .collect();
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(", or "))
            };
            bail!("no contact matches `{}`{hint}", sanitize::line(text.trim()))
        }
    }
}
