//! `report --format md`: the digest as GitHub-flavoured Markdown, to paste into the team chat.
//!
//! Every piece of user text goes through [`inline`]: sanitised to one line, with the characters
//! Markdown would act on escaped (a name like `*Ann*` or `a|b` must not turn into emphasis or
//! an extra table column).

use std::fmt::Write;

use super::digest::{Digest, Listed, days};

/// Sanitised, one-line text with Markdown's active characters backslash-escaped (CommonMark
/// renders `\*` as `*`), pipes included so a table cell stays one cell.
pub fn inline(s: &str) -> String {
    let s = crate::sanitize::line(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn more<T>(l: &Listed<T>) -> String {
    if l.more > 0 {
        format!(", and {} more", l.more)
    } else {
        String::new()
    }
}

pub fn render(d: &Digest) -> String {
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write_digest(d, &mut s);
    s
}

fn write_digest(d: &Digest, s: &mut String) -> std::fmt::Result {
    writeln!(
        s,
        "## ROR report: {} to {} ({})\n",
        d.period.from,
        d.period.to,
        days(d.period.days())
    )?;
    if let Some(seg) = &d.segment {
        writeln!(s, "Segment: {}.\n", inline(seg))?;
    }
    match d.previous {
        Some(p) => writeln!(
            s,
            "Period {}, figures as of {}, compared with {} to {}.\n",
            inline(&d.spec),
            d.as_of,
            p.from,
            p.to
        )?,
        None => writeln!(
            s,
            "Period {}, figures as of {}; all time has nothing before it to compare with.\n",
            inline(&d.spec),
            d.as_of
        )?,
    }

    writeln!(s, "| Figure | This period | Previous | Change |")?;
    writeln!(s, "|---|---:|---:|---|")?;
    for r in &d.headline {
        writeln!(
            s,
            "| {} | {} | {} | {} |",
            r.label, r.now, r.before, r.change
        )?;
    }
    if let Some(f) = &d.follow_through {
        writeln!(
            s,
            "\n**Commitments** of the standup of {}: {}",
            f.standup,
            f.words()
        )?;
    }

    writeln!(s, "\n### Top advocates\n")?;
    if d.advocates.is_empty() {
        writeln!(s, "None yet.")?;
    }
    for a in &d.advocates {
        writeln!(
            s,
            "{}. **{}**: score {}, orbit {}, {} referral{}",
            a.rank,
            inline(&a.name),
            a.score,
            a.orbit,
            a.referrals,
            if a.referrals == 1 { "" } else { "s" }
        )?;
    }

    writeln!(s, "\n### At risk\n")?;
    if d.at_risk.is_empty() {
        writeln!(s, "Nobody.")?;
    }
    for r in &d.at_risk.items {
        let silent = match r.days_silent {
            Some(n) => format!("{} silent", days(n)),
            None => "never active".to_string(),
        };
        writeln!(
            s,
            "- **{}**: {silent}; {}",
            inline(&r.name),
            inline(&r.reason)
        )?;
    }
    if d.at_risk.more > 0 {
        writeln!(s, "- and {} more", d.at_risk.more)?;
    }

    writeln!(s, "\n### Open negative feedback (oldest first)\n")?;
    if d.feedback.is_empty() {
        writeln!(s, "None waiting.")?;
    }
    for f in &d.feedback.items {
        writeln!(
            s,
            "- **{}** on {}, {}, waiting {}: “{}”",
            inline(&f.name),
            inline(&f.channel),
            f.date,
            days(f.days_waiting),
            inline(&f.note)
        )?;
    }
    if d.feedback.more > 0 {
        writeln!(s, "- and {} more", d.feedback.more)?;
    }

    write_value(d, s)?;
    write_channels(d, s)?;

    writeln!(s, "\n### Notable moments\n")?;
    let names: Vec<String> = d.new_advocates.items.iter().map(|n| inline(n)).collect();
    let returning: Vec<String> = d
        .returning
        .items
        .iter()
        .map(|(n, day)| match day {
            Some(day) => format!("{} ({day})", inline(n)),
            None => inline(n),
        })
        .collect();
    if names.is_empty() && returning.is_empty() {
        writeln!(s, "Nothing new this period.")?;
    }
    if !names.is_empty() {
        writeln!(
            s,
            "- New advocates: {}{}",
            names.join(", "),
            more(&d.new_advocates)
        )?;
    }
    if !returning.is_empty() {
        writeln!(
            s,
            "- Returning members: {}{}",
            returning.join(", "),
            more(&d.returning)
        )?;
    }
    Ok(())
}

/// The ROR ledger (best and worst net returns) and gift impact.
fn write_value(d: &Digest, s: &mut String) -> std::fmt::Result {
    writeln!(s, "\n### Value: the ROR ledger\n")?;
    if d.ledger.is_empty() {
        writeln!(s, "Nothing returned or invested in this period.")?;
    } else {
        writeln!(s, "| Contact | Revenue | Referrals | Invested | Net |")?;
        writeln!(s, "|---|---:|---:|---:|---:|")?;
        let row = |s: &mut String, r: &super::digest::LedgerLine| {
            writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                inline(&r.name),
                r.revenue,
                r.referrals,
                r.invested,
                r.net
            )
        };
        for r in &d.ledger.items {
            row(s, r)?;
        }
        if !d.ledger_worst.is_empty() {
            writeln!(s, "| … | | | | |")?;
            for r in &d.ledger_worst {
                row(s, r)?;
            }
        }
    }
    let (before, after, lift) = d.gifts;
    let lift = lift.map_or("n/a".to_string(), |l| format!("{:+.0}%", l * 100.0));
    writeln!(
        s,
        "\nGift impact: receivers' activities {before} before and {after} after their gifts \
         (closed windows), lift {lift}."
    )
}

/// Each channel's share, engaged contacts, return rate and sentiment; reach and growth.
fn write_channels(d: &Digest, s: &mut String) -> std::fmt::Result {
    writeln!(s, "\n### Channels\n")?;
    if d.channels.is_empty() {
        writeln!(s, "No activity on any channel in this period.")?;
    } else {
        writeln!(
            s,
            "| Channel | Activities | Share | Engaged | Return rate | Sentiment |"
        )?;
        writeln!(s, "|---|---:|---:|---:|---:|---:|")?;
        for c in &d.channels.items {
            let rate = c
                .return_rate
                .value()
                .map_or("n/a".to_string(), |r| format!("{:.1}%", r * 100.0));
            let sentiment = c
                .sentiment
                .value()
                .map_or("n/a".to_string(), |v| format!("{v:+.2}"));
            writeln!(
                s,
                "| {} | {} | {}% | {} | {rate} | {sentiment} |",
                inline(&c.channel),
                c.interactions,
                c.share,
                c.active
            )?;
        }
        if d.channels.more > 0 {
            writeln!(s, "| and {} more | | | | | |", d.channels.more)?;
        }
    }
    let reach: Vec<String> = d.reach.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(s, "\nReach: {}.", reach.join(" · "))?;
    let (new, churned, net) = d.growth;
    writeln!(s, "\nGrowth: {new} new, {churned} churned, net {net:+}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_escapes_are_neutralised() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("*Ann* [x](y)"), "\\*Ann\\* \\[x\\](y)");
        assert_eq!(inline("C:\\dir"), "C:\\\\dir");
        assert_eq!(inline("Ann\u{1b}[2J\nSmith"), "Ann Smith");
        assert_eq!(inline("Zoë 東京"), "Zoë 東京");
    }
}
