//! The standup digest: what the text and Markdown reports show, worked out once from a
//! [`Dashboard`] so both formats say exactly the same thing.
//!
//! Figures are formatted here (rates as percentages, money to the cent) and every change is
//! computed from the rounded values shown, so a row never reads "12.3 → 12.3, ▲ +0.1". User text
//! (names, notes, channels) is sanitised here; each format adds its own escaping.

use jiff::civil::Date;
use unicode_width::UnicodeWidthChar;

use crate::metrics::{Dashboard, Figure, Figures, Period};
use crate::sanitize;
use crate::store::Money;
use crate::store::group_digits;

/// Advocates listed (the JSON has ten; a standup needs the first few).
pub const ADVOCATES_SHOWN: usize = 5;
/// At-risk contacts, open feedback and names in a moment listed before "and N more".
pub const LIST_SHOWN: usize = 10;

/// Ledger rows a report shows: the best, then the worst few when there are more.
const LEDGER_SHOWN: usize = 5;
const LEDGER_WORST: usize = 3;
/// Display columns kept of a feedback note.
pub const NOTE_EXCERPT_WIDTH: usize = 60;

/// One line of the headline table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadlineRow {
    pub label: &'static str,
    pub now: String,
    pub before: String,
    /// `▲ +2`, `▼ −1.5 pts`, `= 0`, or `n/a` when either period has no value.
    pub change: String,
}

/// The first few items of a list and how many more there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub more: usize,
}

impl<T> Listed<T> {
    fn of<S>(all: &[S], limit: usize, f: impl Fn(&S) -> T) -> Listed<T> {
        Listed {
            items: all.iter().take(limit).map(f).collect(),
            more: all.len().saturating_sub(limit),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdvocateLine {
    pub rank: usize,
    pub name: String,
    pub score: String,
    pub orbit: u8,
    pub referrals: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtRiskLine {
    pub name: String,
    /// `None` for a contact that never did anything.
    pub days_silent: Option<u32>,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedbackLine {
    pub date: Date,
    pub days_waiting: u32,
    pub name: String,
    pub channel: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Digest {
    /// What was asked for (`30d`, `all`, `2026-01-01..2026-03-31`).
    pub spec: String,
    /// The part of the community the figures are about; `None` for everyone.
    pub segment: Option<String>,
    pub period: Period,
    /// What the changes compare with; none for all time.
    pub previous: Option<Period>,
    /// The day point-in-time figures are taken on (the period's last day).
    pub as_of: Date,
    pub headline: Vec<HeadlineRow>,
    pub advocates: Vec<AdvocateLine>,
    pub at_risk: Listed<AtRiskLine>,
    /// Oldest first.
    pub feedback: Listed<FeedbackLine>,
    pub new_advocates: Listed<String>,
    /// Names with the day they came back.
    pub returning: Listed<(String, Option<Date>)>,
    /// The ROR ledger's contacts, best net first (the worst are at the end of the full list).
    pub ledger: Listed<LedgerLine>,
    /// The worst net returns, when the ledger is longer than what is shown of it.
    pub ledger_worst: Vec<LedgerLine>,
    /// Receivers' activities before and after their gifts (closed windows), and the lift.
    pub gifts: (u64, u64, Option<f64>),
    pub channels: Listed<crate::metrics::ChannelRow>,
    /// `Open rate 16.9% · Click rate 7.9% · …`: email, website and sharing figures.
    pub reach: Vec<(&'static str, String)>,
    /// New, churned and net contacts over the period.
    pub growth: (u64, u64, i64),
    /// The last standup's commitments kept by the as-of day (see `metrics::commitments`).
    pub follow_through: Option<crate::metrics::commitments::FollowThroughFigure>,
}

/// One contact of the ROR ledger: returns against what was invested in them.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerLine {
    pub name: String,
    pub revenue: Money,
    pub referrals: u32,
    pub invested: Money,
    pub net: Money,
}

impl Digest {
    pub fn new(d: &Dashboard, segment: &crate::metrics::Segment) -> Digest {
        let now = &d.current.figures;
        let lists = &d.lists;
        let highlights = lists
            .highlights
            .as_ref()
            .expect("a report's figures come with their highlights (metrics::compute)");
        let by_net = highlights.ledger.by_net();
        let line = |r: &&crate::metrics::LedgerRow| LedgerLine {
            name: clean(&r.name),
            revenue: r.revenue,
            referrals: r.referrals,
            invested: r.invested,
            net: r.net,
        };
        let ledger = Listed::of(&by_net, LEDGER_SHOWN, line);
        let ledger_worst = if by_net.len() > LEDGER_SHOWN {
            let from = by_net.len().saturating_sub(LEDGER_WORST).max(LEDGER_SHOWN);
            by_net[from..].iter().map(line).collect()
        } else {
            Vec::new()
        };
        let g = &highlights.gift_impact;
        let details = &d.current.details.engagement;
        let percent = |f: crate::metrics::Figure| {
            f.value()
                .map_or(NO_DATA.to_string(), |v| format!("{:.1}%", v * 100.0))
        };
        let reach = vec![
            ("Emails sent", details.email.sent.to_string()),
            ("Open rate", percent(details.email.open_rate)),
            ("Click rate", percent(details.email.click_rate)),
            ("Website visits", details.website.visits.to_string()),
            ("Visitors", details.website.visitors.to_string()),
            (
                "Returning visitors",
                details.website.returning_visitors.to_string(),
            ),
            (
                "Organic sharing (shares and mentions per engaged contact)",
                details
                    .sharing_per_active
                    .value()
                    .map_or(NO_DATA.to_string(), |v| format!("{v:.2}")),
            ),
        ];
        let channels =
            crate::metrics::channel_rows(&now.engagement, details, &d.current.details.sentiment);
        Digest {
            ledger,
            ledger_worst,
            gifts: (g.before, g.after, g.lift.value()),
            channels: Listed::of(&channels, LIST_SHOWN, |r| crate::metrics::ChannelRow {
                channel: clean(&r.channel),
                ..r.clone()
            }),
            reach,
            growth: (now.contacts.new, details.churned, details.net_growth),
            follow_through: None,
            spec: d.spec.to_string(),
            segment: (!segment.is_everyone()).then(|| clean(&segment.label())),
            period: now.period,
            previous: d.previous.as_ref().map(|p| p.figures.period),
            as_of: now.as_of,
            headline: match &d.previous {
                Some(before) => headline(now, &before.figures),
                None => headline(now, now)
                    .into_iter()
                    .map(|r| HeadlineRow {
                        before: "–".into(),
                        change: "–".into(),
                        ..r
                    })
                    .collect(),
            },
            advocates: now
                .advocates
                .iter()
                .take(ADVOCATES_SHOWN)
                .enumerate()
                .map(|(i, a)| AdvocateLine {
                    rank: i + 1,
                    name: clean(&a.name),
                    score: format!("{:.2}", a.score),
                    orbit: a.orbit,
                    referrals: a.referrals,
                })
                .collect(),
            at_risk: Listed::of(&lists.at_risk, LIST_SHOWN, |r| AtRiskLine {
                name: clean(&r.name),
                days_silent: r.days_silent,
                reason: r
                    .reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            }),
            feedback: Listed::of(&lists.open_feedback, LIST_SHOWN, |f| FeedbackLine {
                date: f.date,
                days_waiting: f.days_waiting,
                name: clean(&f.name),
                channel: clean(&f.channel),
                note: excerpt(&f.note, NOTE_EXCERPT_WIDTH),
            }),
            new_advocates: Listed::of(&highlights.new_advocates, LIST_SHOWN, |c| clean(&c.name)),
            returning: Listed::of(&highlights.returning, LIST_SHOWN, |c| {
                (clean(&c.name), c.date)
            }),
        }
    }
}

/// `1 day`, `30 days`.
pub fn days(n: u32) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

fn clean(s: &str) -> String {
    sanitize::line(s).trim().to_string()
}

/// The first `width` display columns of a one-line, sanitised `s`, with `…` when cut.
pub fn excerpt(s: &str, width: usize) -> String {
    let s = sanitize::line(s);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// How a figure is shown. Each value is rounded to what is shown, as an integer of its smallest
/// unit, so changes are exact differences of the shown values.
#[derive(Clone, Copy)]
enum Style {
    /// A share 0..1 shown as a percentage with one decimal; changes in percentage points.
    Percent,
    /// A number with this many decimals.
    Decimals(u32),
}

impl Style {
    fn decimals(self) -> u32 {
        match self {
            Style::Percent => 1,
            Style::Decimals(n) => n,
        }
    }

    /// The value in units of the last shown decimal (tenths of a percent, hundredths, …).
    fn units(self, x: f64) -> i64 {
        let scaled = match self {
            Style::Percent => x * 100.0,
            Style::Decimals(_) => x,
        };
        (scaled * 10f64.powi(self.decimals() as i32)).round() as i64
    }

    fn unit_suffix(self) -> &'static str {
        match self {
            Style::Percent => "%",
            Style::Decimals(_) => "",
        }
    }

    fn change_suffix(self) -> &'static str {
        match self {
            Style::Percent => " pts",
            Style::Decimals(_) => "",
        }
    }
}

/// `units` with `decimals` decimals: 1234 with 1 → `123.4`, −5 with 2 → `-0.05`.
fn fixed(units: i64, decimals: u32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let a = units.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{}", group_digits(a));
    }
    let p = 10u64.pow(decimals);
    format!(
        "{sign}{}.{:0w$}",
        group_digits(a / p),
        a % p,
        w = decimals as usize
    )
}

/// `▲ +text`, `▼ −text` (a true minus sign), or `= text` for no change. `text` is unsigned.
fn arrow(sign: std::cmp::Ordering, text: &str, suffix: &str) -> String {
    match sign {
        std::cmp::Ordering::Greater => format!("▲ +{text}{suffix}"),
        std::cmp::Ordering::Less => format!("▼ −{text}{suffix}"),
        std::cmp::Ordering::Equal => format!("= {text}{suffix}"),
    }
}

pub const NO_DATA: &str = "n/a";

fn figure_row(label: &'static str, now: Figure, before: Figure, style: Style) -> HeadlineRow {
    let show = |f: Figure| {
        f.value().map_or(NO_DATA.to_string(), |x| {
            format!(
                "{}{}",
                fixed(style.units(x), style.decimals()),
                style.unit_suffix()
            )
        })
    };
    let change = match (now.value(), before.value()) {
        (Some(a), Some(b)) => {
            let d = style.units(a) - style.units(b);
            arrow(
                d.cmp(&0),
                &fixed(d.abs(), style.decimals()),
                style.change_suffix(),
            )
        }
        _ => NO_DATA.to_string(),
    };
    HeadlineRow {
        label,
        now: show(now),
        before: show(before),
        change,
    }
}

fn count_row(label: &'static str, now: u64, before: u64) -> HeadlineRow {
    let d = i128::from(now) - i128::from(before);
    HeadlineRow {
        label,
        now: group_digits(now),
        before: group_digits(before),
        change: arrow(d.cmp(&0), &group_digits(d.unsigned_abs() as u64), ""),
    }
}

fn money_row(label: &'static str, now: Option<Money>, before: Option<Money>) -> HeadlineRow {
    let show = |m: Option<Money>| m.map_or(NO_DATA.to_string(), |m| m.to_string());
    let change = match (now, before) {
        (Some(a), Some(b)) => {
            // Cents, exactly: money never passes through a float here.
            let d = i128::from(a.cents()) - i128::from(b.cents());
            let abs = i64::try_from(d.unsigned_abs()).unwrap_or(i64::MAX);
            arrow(d.cmp(&0), &Money::from_cents(abs).to_string(), "")
        }
        _ => NO_DATA.to_string(),
    };
    HeadlineRow {
        label,
        now: show(now),
        before: show(before),
        change,
    }
}

/// The headline table: the figures a standup looks at, in the order of the JSON.
fn headline(now: &Figures, before: &Figures) -> Vec<HeadlineRow> {
    let (n, b) = (now, before);
    vec![
        figure_row("ROR index", n.ror_index, b.ror_index, Style::Decimals(0)),
        count_row("Contacts", n.contacts.total, b.contacts.total),
        count_row("New contacts", n.contacts.new, b.contacts.new),
        count_row("Connected", n.contacts.connected, b.contacts.connected),
        figure_row(
            "Connection growth",
            n.contacts.connection_growth,
            b.contacts.connection_growth,
            Style::Percent,
        ),
        count_row(
            "Interactions",
            n.engagement.interactions,
            b.engagement.interactions,
        ),
        count_row(
            "Engaged contacts",
            n.engagement.active_contacts,
            b.engagement.active_contacts,
        ),
        figure_row(
            "Engagement rate",
            n.engagement.engagement_rate,
            b.engagement.engagement_rate,
            Style::Percent,
        ),
        figure_row(
            "Average sentiment",
            n.sentiment.average,
            b.sentiment.average,
            Style::Decimals(2),
        ),
        figure_row(
            "Net sentiment",
            n.sentiment.net,
            b.sentiment.net,
            Style::Decimals(1),
        ),
        count_row(
            "Notes not scored",
            n.sentiment.unscored,
            b.sentiment.unscored,
        ),
        figure_row("NPS", n.nps.score, b.nps.score, Style::Decimals(1)),
        count_row("NPS responses", n.nps.responses, b.nps.responses),
        figure_row(
            "Churn rate",
            n.churn.churn_rate,
            b.churn.churn_rate,
            Style::Percent,
        ),
        count_row("At risk", n.churn.at_risk, b.churn.at_risk),
        money_row("Revenue", Some(n.value.revenue), Some(b.value.revenue)),
        count_row("Purchases", n.value.purchases, b.value.purchases),
        count_row(
            "New customers",
            n.value.new_customers,
            b.value.new_customers,
        ),
        money_row("Average order", n.value.aov, b.value.aov),
        figure_row(
            "Purchase frequency",
            n.value.purchase_frequency,
            b.value.purchase_frequency,
            Style::Decimals(2),
        ),
        figure_row(
            "Repeat rate",
            n.value.repeat_rate,
            b.value.repeat_rate,
            Style::Percent,
        ),
        money_row(
            "Revenue per customer",
            n.value.revenue_per_customer,
            b.value.revenue_per_customer,
        ),
        money_row("CLV", n.value.clv, b.value.clv),
        money_row(
            "Invested",
            Some(n.value.investment),
            Some(b.value.investment),
        ),
        money_row("CAC", n.value.cac, b.value.cac),
        money_row(
            "Cost per new contact",
            n.value.cost_per_new_contact,
            b.value.cost_per_new_contact,
        ),
        figure_row(
            "CLV:CAC",
            n.value.clv_cac,
            b.value.clv_cac,
            Style::Decimals(1),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_differences_of_the_shown_values() {
        // 12.34 and 12.26 both show as 12.3: no change, although the raw difference is 0.08.
        let r = figure_row(
            "x",
            Figure::new(12.34),
            Figure::new(12.26),
            Style::Decimals(1),
        );
        assert_eq!((r.now.as_str(), r.before.as_str()), ("12.3", "12.3"));
        assert_eq!(r.change, "= 0.0");
        // Rates: percentages, changes in percentage points, with a true minus sign.
        let r = figure_row("x", Figure::new(0.25), Figure::new(0.5), Style::Percent);
        assert_eq!(
            (r.now.as_str(), r.change.as_str()),
            ("25.0%", "▼ −25.0 pts")
        );
        let r = figure_row("x", Figure::new(-0.4), Figure::NONE, Style::Decimals(2));
        assert_eq!((r.now.as_str(), r.before.as_str()), ("-0.40", "n/a"));
        assert_eq!(r.change, "n/a");
    }

    #[test]
    fn counts_and_money_change_exactly() {
        assert_eq!(count_row("x", 3, 1_002).change, "▼ −999");
        assert_eq!(count_row("x", 1_234_567, 0).now, "1,234,567");
        let r = money_row("x", Some(Money(10_001)), Some(Money(9_990)));
        assert_eq!((r.now.as_str(), r.change.as_str()), ("100.01", "▲ +0.11"));
        assert_eq!(money_row("x", None, Some(Money(1))).change, "n/a");
    }

    #[test]
    fn excerpts_cut_on_display_width() {
        assert_eq!(excerpt("short\nnote", 60), "short note");
        assert_eq!(excerpt("abcdef ghij", 8), "abcdef…");
        // Wide characters take two columns each: 3 of them plus the ellipsis fit in 8.
        assert_eq!(excerpt("東京都庁舎です", 8), "東京都…");
        assert_eq!(excerpt("a\u{1b}[31mb", 8), "ab");
    }
}
