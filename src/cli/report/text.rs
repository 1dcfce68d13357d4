//! `report --format text`: the digest for a terminal, in aligned columns.
//!
//! Columns are measured in display width (a name in CJK or with emoji takes two columns a
//! character), and long names are cut so one unusual record cannot push every row apart. No
//! colour: meaning is in the ▲▼ glyphs and signs, and the output pipes cleanly into files.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::digest::{Digest, Listed, days, excerpt};

/// Display columns kept of a name.
const NAME_WIDTH: usize = 28;
/// Display columns kept of an at-risk reason.
const REASON_WIDTH: usize = 80;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// Rows laid out in columns two spaces apart, each line indented by two spaces, with no
/// trailing spaces.
fn columns(rows: &[Vec<String>], align: &[Align]) -> String {
    let n = align.len();
    let mut widths = vec![0; n];
    for r in rows {
        for (i, cell) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::from("  ");
        for (i, cell) in r.iter().enumerate().take(n) {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(widths[i] - cell.width());
            match align[i] {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn name(s: &str) -> String {
    excerpt(s, NAME_WIDTH)
}

fn more<T>(l: &Listed<T>) -> String {
    if l.more > 0 {
        format!("  … and {} more\n", l.more)
    } else {
        String::new()
    }
}

fn strings<const N: usize>(cells: [String; N]) -> Vec<String> {
    cells.into()
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
        "ROR report  {} .. {}  ({}, {})",
        d.period.from,
        d.period.to,
        days(d.period.days()),
        excerpt(&d.spec, 40)
    )?;
    if let Some(seg) = &d.segment {
        writeln!(s, "Segment: {seg}")?;
    }
    match d.previous {
        Some(p) => writeln!(
            s,
            "As of {}, compared with {} .. {}\n",
            d.as_of, p.from, p.to
        )?,
        None => writeln!(
            s,
            "As of {}; all time has nothing before it to compare with\n",
            d.as_of
        )?,
    }

    let mut rows = vec![strings([
        "Figure".into(),
        "This period".into(),
        "Previous".into(),
        "Change".into(),
    ])];
    rows.extend(d.headline.iter().map(|r| {
        strings([
            r.label.to_string(),
            r.now.clone(),
            r.before.clone(),
            r.change.clone(),
        ])
    }));
    s.push_str(&columns(
        &rows,
        &[Align::Left, Align::Right, Align::Right, Align::Left],
    ));
    if let Some(f) = &d.follow_through {
        writeln!(
            s,
            "\nCommitments of the standup of {}: {}",
            f.standup,
            f.words()
        )?;
    }

    writeln!(s, "\nTop advocates")?;
    if d.advocates.is_empty() {
        writeln!(s, "  none yet")?;
    } else {
        let mut rows = vec![strings([
            "#".into(),
            "Name".into(),
            "Score".into(),
            "Orbit".into(),
            "Referrals".into(),
        ])];
        rows.extend(d.advocates.iter().map(|a| {
            strings([
                a.rank.to_string(),
                name(&a.name),
                a.score.clone(),
                a.orbit.to_string(),
                a.referrals.to_string(),
            ])
        }));
        s.push_str(&columns(
            &rows,
            &[
                Align::Right,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Right,
            ],
        ));
    }

    writeln!(s, "\nAt risk")?;
    if d.at_risk.is_empty() {
        writeln!(s, "  nobody")?;
    } else {
        let mut rows = vec![strings(["Name".into(), "Silent".into(), "Reason".into()])];
        rows.extend(d.at_risk.items.iter().map(|r| {
            strings([
                name(&r.name),
                r.days_silent.map_or("never active".to_string(), days),
                excerpt(&r.reason, REASON_WIDTH),
            ])
        }));
        s.push_str(&columns(&rows, &[Align::Left, Align::Right, Align::Left]));
        s.push_str(&more(&d.at_risk));
    }

    writeln!(s, "\nOpen negative feedback (oldest first)")?;
    if d.feedback.is_empty() {
        writeln!(s, "  none waiting")?;
    } else {
        let mut rows = vec![strings([
            "Since".into(),
            "Waiting".into(),
            "Name".into(),
            "Channel".into(),
            "Note".into(),
        ])];
        rows.extend(d.feedback.items.iter().map(|f| {
            strings([
                f.date.to_string(),
                days(f.days_waiting),
                name(&f.name),
                excerpt(&f.channel, 16),
                f.note.clone(),
            ])
        }));
        s.push_str(&columns(
            &rows,
            &[
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Left,
                Align::Left,
            ],
        ));
        s.push_str(&more(&d.feedback));
    }

    writeln!(s, "\nNotable moments")?;
    if d.new_advocates.is_empty() && d.returning.is_empty() {
        writeln!(s, "  nothing new this period")?;
    }
    if !d.new_advocates.is_empty() {
        let names: Vec<String> = d.new_advocates.items.iter().map(|n| name(n)).collect();
        writeln!(s, "  New advocates: {}", names.join(", "))?;
        s.push_str(&more(&d.new_advocates));
    }
    if !d.returning.is_empty() {
        let names: Vec<String> = d
            .returning
            .items
            .iter()
            .map(|(n, day)| match day {
                Some(day) => format!("{} ({day})", name(n)),
                None => name(n),
            })
            .collect();
        writeln!(s, "  Returning members: {}", names.join(", "))?;
        s.push_str(&more(&d.returning));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_on_display_width() {
        let rows = vec![
            strings(["東京".into(), "1".into()]),
            strings(["Ann".into(), "100".into()]),
        ];
        let out = columns(&rows, &[Align::Left, Align::Right]);
        // 東京 is four columns wide: "Ann" gets one space more than it to line up.
        assert_eq!(out, "  東京    1\n  Ann   100\n");
    }
}
