//! `ror-tui report --format md|text`: the standup digests of the hand-computed community
//! (figures worked out in `report_support/mod.rs`), aligned, escaped and sanitised.

#[path = "cli_support/mod.rs"]
mod common;
#[path = "report_support/mod.rs"]
mod community;

use common::*;
use community::*;

#[test]
fn markdown_digest_has_the_headline_table_and_sections() {
    let md = report(&Place::with(&community()), "md");
    assert!(
        md.starts_with("## ROR report: 2026-03-02 to 2026-03-31 (30 days)\n"),
        "{md}"
    );
    assert!(
        md.contains("compared with 2026-01-31 to 2026-03-01"),
        "{md}"
    );
    assert!(
        md.contains("| Figure | This period | Previous | Change |\n|---|---:|---:|---|\n"),
        "{md}"
    );
    // The figures of the community above; changes are ▲/▼ with + or a true minus sign, rates
    // change in percentage points, money to the cent. ROR 73.67 → 73.7 against 47.31 → 47.3.
    for row in [
        "| ROR index | 74 | 47 | ▲ +27 |",
        "| Contacts | 5 | 4 | ▲ +1 |",
        "| Interactions | 9 | 3 | ▲ +6 |",
        "| Engaged contacts | 4 | 2 | ▲ +2 |",
        "| Engagement rate | 80.0% | 50.0% | ▲ +30.0 pts |",
        "| Average sentiment | 0.13 | 0.50 | ▼ −0.37 |",
        "| NPS | 0.0 | -100.0 | ▲ +100.0 |",
        "| Churn rate | 33.3% | 0.0% | ▲ +33.3 pts |",
        "| Revenue | 180.00 | 80.00 | ▲ +100.00 |",
        "| New customers | 2 | 1 | ▲ +1 |",
        "| Average order | 60.00 | 80.00 | ▼ −20.00 |",
        "| Purchase frequency | 1.50 | 1.00 | ▲ +0.50 |",
        "| Repeat rate | 33.3% | 0.0% | ▲ +33.3 pts |",
        "| Revenue per customer | 90.00 | 80.00 | ▲ +10.00 |",
        "| CAC | 50.00 | 50.00 | = 0.00 |",
        "| Cost per new contact | 100.00 | n/a | n/a |",
    ] {
        assert!(md.contains(&format!("{row}\n")), "missing {row}:\n{md}");
    }
    // Sections in order, each with its people.
    let sections = [
        "### Top advocates\n\n1. **Ann Archer**: score 17.45, orbit 3, 0 referrals\n2. **Cat Cole**",
        "### At risk\n\n- **Cat Cole**: 16 days silent; stay in touch every 14 days",
        "### Open negative feedback (oldest first)\n\n- **Bob Baker** on email, 2026-03-12, \
         waiting 19 days: “Checkout is broken again, second time this month”",
        "### Notable moments\n\n- New advocates: Ann Archer\n- Returning members: Fay Ford (2026-03-20)\n",
    ];
    let at: Vec<usize> = sections
        .iter()
        .map(|s| md.find(s).unwrap_or_else(|| panic!("missing {s:?}:\n{md}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // Eve is a team member: nowhere in the report.
    assert!(!md.contains("Eve"), "{md}");
}

#[test]
fn text_report_aligns_its_columns() {
    let text = report(&Place::with(&community()), "text");
    assert!(
        text.starts_with("ROR report  2026-03-02 .. 2026-03-31  (30 days, 30d)\n"),
        "{text}"
    );
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("Figure"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(table.len(), 28, "header and 27 figures:\n{text}");
    let words = |label: &str| -> Vec<String> {
        let line = table
            .iter()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row"));
        line.trim_start()[label.len()..]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(words("Interactions"), ["9", "3", "▲", "+6"]);
    assert_eq!(
        words("Engagement rate"),
        ["80.0%", "50.0%", "▲", "+30.0", "pts"]
    );
    assert_eq!(words("Average order"), ["60.00", "80.00", "▼", "−20.00"]);
    assert_eq!(words("Churn rate"), ["33.3%", "0.0%", "▲", "+33.3", "pts"]);
    assert_eq!(words("Cost per new contact"), ["100.00", "n/a", "n/a"]);
    // Right-aligned figures: "This period" and "Previous" end in the same column on every row,
    // and every change starts in the same column.
    let header = table[0];
    let this_end = header.find("This period").unwrap() + "This period".len();
    let prev_end = header.find("Previous").unwrap() + "Previous".len();
    let change_at = header.find("Change").unwrap();
    for line in &table[1..] {
        let chars: Vec<char> = line.chars().collect();
        assert_ne!(chars[this_end - 1], ' ', "{line}");
        assert_eq!(chars[this_end], ' ', "{line}");
        assert_ne!(chars[prev_end - 1], ' ', "{line}");
        assert_eq!(chars[change_at - 1], ' ', "{line}");
        assert_ne!(chars[change_at], ' ', "{line}");
    }
    for part in [
        "Top advocates\n  #  Name        Score  Orbit  Referrals\n  1  Ann Archer  17.45      3          0\n",
        "At risk\n  Name       Silent  Reason\n  Cat Cole  16 days  stay in touch every 14 days; last touched (either way) 16 days ago\n",
        "Open negative feedback (oldest first)\n",
        "  2026-03-12  19 days  Bob Baker  email    Checkout is broken again",
        "Notable moments\n  New advocates: Ann Archer\n  Returning members: Fay Ford (2026-03-20)\n",
    ] {
        assert!(text.contains(part), "missing {part:?}:\n{text}");
    }
}

#[test]
fn user_text_is_sanitised_and_markdown_escaped() {
    let mut s = community();
    for c in &mut s.contacts {
        if c.name == "Bob Baker" {
            c.name = "Bob |*Bold*| \u{1b}[31mBaker\u{7}".into();
        }
    }
    for x in &mut s.interactions {
        if x.note.starts_with("Checkout") {
            x.note = "pipe | in\nnote \u{1b}]0;owned\u{7}[link](http://x)".into();
        }
    }
    let p = Place::with(&s);
    let md = report(&p, "md");
    let text = report(&p, "text");
    for out in [&md, &text] {
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
    assert!(
        md.contains(
            "- **Bob \\|\\*Bold\\*\\| Baker** on email, 2026-03-12, waiting 19 days: \
             “pipe \\| in note \\[link\\](http://x)”"
        ),
        "{md}"
    );
    // Every table row still has its header's cells: a pipe in a name is escaped.
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let mut header = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        let n = *header.get_or_insert(cells(line));
        assert_eq!(cells(line), n, "{line}");
    }
    assert!(text.contains("Bob |*Bold*| Baker"), "{text}");
}

/// The Markdown digest has a section for value (the ledger, best and worst, and gift impact)
/// and one for channels (each channel's share, the shares adding to 100, reach and growth).
#[test]
fn markdown_has_value_and_channels_sections() {
    let out = ror()
        .env("TZ", "UTC")
        .args([
            "--demo",
            "--as-of",
            "2026-03-31",
            "report",
            "--format",
            "md",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    let value = md
        .split("### Value: the ROR ledger")
        .nth(1)
        .expect("a value section");
    assert!(
        value.contains("| Contact | Revenue | Referrals | Invested | Net |"),
        "{md}"
    );
    assert!(value.contains("Gift impact:"), "{md}");
    let channels = md.split("### Channels").nth(1).expect("a channels section");
    let shares: u64 = channels
        .lines()
        .take_while(|l| !l.starts_with("Reach"))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Channel"))
        .filter_map(|l| {
            l.split('|')
                .nth(3)?
                .trim()
                .trim_end_matches('%')
                .parse::<u64>()
                .ok()
        })
        .sum();
    assert_eq!(shares, 100, "{channels}");
    assert!(channels.contains("Open rate"), "{channels}");
    assert!(channels.contains("Growth:"), "{channels}");
}
