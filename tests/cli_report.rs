//! `ror-tui report`: the figures of a hand-computed community in JSON, Markdown and text, the
//! empty store, the errors, and the same figures after an export and re-import.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use predicates::prelude::*;
use ror_tui::store::{
    Contact, Direction, Interaction, Investment, InvestmentKind, Kind, Money, Sentiment,
    SentimentSource, Store, new_id,
};
use serde_json::Value;

const AS_OF: &str = "2026-03-31";

/// A community of five contacts and a team member, reported as of 2026-03-31 over 30d.
///
/// Period 2026-03-02..2026-03-31 (31 − 30 + 1 = 2); previous 2026-01-31..2026-03-01; the day
/// before the period is March 1. Churn threshold 90 days (default). Every act below is inbound
/// unless said otherwise.
///
/// - Ann (created 2025-12-01): message on slack 02-10 (sentiment 0.5); outbound email_sent 03-03;
///   purchases on web 03-05 (100.00) and 03-20 (50.00); survey on email 03-25 (NPS 10); message
///   on slack 03-26 (sentiment 0.6). A 20.00 gift to her on 03-10.
/// - Bob (created 2025-12-01): purchase on web 02-15 (80.00); survey on email 02-20 (NPS 3);
///   message on email 03-12 (sentiment −0.4, never answered); survey on email 03-28 (NPS 6).
/// - Cat (created 2026-03-10, stay in touch every 14 days): comment on forum 03-10 (sentiment
///   0.2); purchase on web 03-15 (30.00).
/// - Dan (created 2025-10-01): message on slack 2025-12-15, then silence: 76 days on March 1
///   (16 + 31 + 28 + 1, active), 106 on March 31 (churned; he churns on Dec 15 + 91 = Mar 16).
/// - Fay (created 2025-06-01): message on slack 2025-07-01, then on 2026-03-20 after 262 silent
///   days: churned on March 1, back (returning) on March 20.
/// - Eve, a team member: a message (sentiment −0.9) and a 999.00 purchase on 03-15. Excluded.
/// - Investments: ads 50.00 on 02-01 (acquisition), an event 100.00 on 03-05 (acquisition), the
///   gift to Ann.
///
/// This period:
/// - contacts: total 5 (Ann, Bob, Cat, Dan, Fay), new 1 (Cat);
/// - interactions: Ann 4 (2 purchases, survey, message; the email_sent is ours), Bob 2, Cat 2,
///   Fay 1 = 9; by channel web 3, email 3, slack 2, forum 1; by kind purchase 3, message 3,
///   survey 2, comment 1;
/// - active 4 (Ann, Bob, Cat, Fay) → engagement rate 4 / 5 = 0.8;
/// - sentiment: 0.6, −0.4, 0.2 → scored 3, average 0.4 / 3 = 0.1333…, positive 2, negative 1,
///   net 100 × (2 − 1) / 3 = 33.33…;
/// - NPS: Ann 10 (promoter), Bob 6 (detractor) → responses 2, score 0;
/// - churn on March 31: active Ann, Bob, Cat, Fay = 4, churned Dan = 1; active on March 1: Ann,
///   Bob, Dan (Cat had done nothing, Fay was churned) and of those Dan has churned → 1 / 3;
/// - at risk: nobody silent 30 days; Cat's 14-day cadence: 16 days since 03-15 → 1;
/// - value: 100 + 50 + 30 = 180.00 over 3 purchases by 2 buyers → AOV 60.00, repeat rate 1 / 2
///   (Ann), CLV 90.00; invested 100 + 20 = 120.00; CAC 100.00 / 1 new = 100.00;
/// - advocacy (each part rounded to the cent, decay 0.9^(days / 30)): Ann NPS 10 six days ago
///   10 × 0.9^0.2 = 9.79, sentiment 5 × (0.5 + 0.6) / 2 = 2.75, recency five days 5 × 0.9^(1/6)
///   = 4.91 → 17.45, an advocate (≥ 15). Cat: sentiment 1.00 + recency 16 days 4.73 = 5.73.
///   Fay: recency 11 days 5 × 0.9^(11/30) = 4.81. Dan: recency 106 days 5 × 0.9^(106/30) = 3.45.
///   Bob: −9.90 (detractor) − 2.00 + 4.95 < 0, not listed. On March 1 Ann had 2.50 + 4.68 (19
///   days) = 7.18, so she is a new advocate. Orbit levels: Ann and Cat bought (9) → 1; Dan and
///   Fay only messaged (4) → 3;
/// - ROR index: engagement 80; sentiment mean((0 + 100) / 2, (0.1333 + 1) × 50) = 53.33;
///   retention 4 / 5 = 80; advocacy 1 active advocate of 4 active = a quarter → 100; value
///   180 / (180 + 120) = 60 → 0.25 × 80 + 0.2 × 53.33 + 0.2 × 80 + 0.15 × 100 + 0.2 × 60
///   = 73.67.
///
/// Previous period (Jan 31 – Mar 1):
/// - total 4 (Cat did not exist yet), new 0; interactions 3 (Ann's message, Bob's purchase and
///   survey), active 2 → rate 0.5; sentiment 0.5 alone → average 0.5, net 100; NPS Bob 3 →
///   −100;
/// - churn on March 1: active Ann, Bob, Dan = 3, churned Fay = 1; active on Jan 30: Dan alone,
///   not churned by March 1 → rate 0; at risk 0;
/// - value: 80.00, 1 purchase, 1 buyer → AOV 80.00, repeat rate 0, CLV 80.00; invested 50.00;
///   no new contact → CAC null;
/// - ROR index: 50, mean(0, 75) = 37.5, 75, 0 (no advocate), 80 / 130 × 100 = 61.54 →
///   12.5 + 7.5 + 15 + 0 + 12.31 = 47.31.
fn community() -> Store {
    let mut ann = contact("Ann Archer", Some("ann"), None);
    ann.created = day("2025-12-01");
    let mut bob = contact("Bob Baker", Some("bob"), None);
    bob.created = day("2025-12-01");
    let mut cat = contact("Cat Cole", Some("cat"), None);
    cat.created = day("2026-03-10");
    cat.cadence_days = Some(14);
    let mut dan = contact("Dan Dale", Some("dan"), None);
    dan.created = day("2025-10-01");
    let mut fay = contact("Fay Ford", Some("fay"), None);
    fay.created = day("2025-06-01");
    let mut eve = contact("Eve Team", Some("eve"), None);
    eve.is_team = true;

    let mut xs = Vec::new();
    let mut add =
        |c: &Contact, date: &str, kind: Kind, channel: &str, f: &dyn Fn(&mut Interaction)| {
            let mut x = interaction(c, date, kind, channel);
            f(&mut x);
            xs.push(x);
        };
    let felt = |score: f64| {
        move |x: &mut Interaction| {
            x.sentiment = Some(Sentiment {
                score,
                source: SentimentSource::Manual,
            })
        }
    };
    let paid = |cents: i64| move |x: &mut Interaction| x.value = Some(Money::from_cents(cents));
    let answered = |nps: u8| move |x: &mut Interaction| x.nps = Some(nps);
    let none = |_: &mut Interaction| {};

    add(&ann, "2026-02-10", Kind::Message, "slack", &felt(0.5));
    add(&ann, "2026-03-03", Kind::EmailSent, "email", &|x| {
        x.direction = Direction::Outbound
    });
    add(&ann, "2026-03-05", Kind::Purchase, "web", &paid(10_000));
    add(&ann, "2026-03-20", Kind::Purchase, "web", &paid(5_000));
    add(&ann, "2026-03-25", Kind::Survey, "email", &answered(10));
    add(&ann, "2026-03-26", Kind::Message, "slack", &felt(0.6));
    add(&bob, "2026-02-15", Kind::Purchase, "web", &paid(8_000));
    add(&bob, "2026-02-20", Kind::Survey, "email", &answered(3));
    add(&bob, "2026-03-12", Kind::Message, "email", &|x| {
        felt(-0.4)(x);
        x.note = "Checkout is broken again, second time this month".into();
    });
    add(&bob, "2026-03-28", Kind::Survey, "email", &answered(6));
    add(&cat, "2026-03-10", Kind::Comment, "forum", &felt(0.2));
    add(&cat, "2026-03-15", Kind::Purchase, "web", &paid(3_000));
    add(&dan, "2025-12-15", Kind::Message, "slack", &none);
    add(&fay, "2025-07-01", Kind::Message, "slack", &none);
    add(&fay, "2026-03-20", Kind::Message, "slack", &none);
    add(&eve, "2026-03-15", Kind::Message, "slack", &felt(-0.9));
    add(&eve, "2026-03-15", Kind::Purchase, "web", &paid(99_900));

    let invest = |date: &str, kind, cents, contact: Option<&Contact>, acquisition| Investment {
        id: new_id(),
        date: day(date),
        contact: contact.map(|c| c.id),
        kind,
        amount: Money::from_cents(cents),
        acquisition,
        note: String::new(),
    };
    let investments = vec![
        invest("2026-02-01", InvestmentKind::Ads, 5_000, None, true),
        invest("2026-03-05", InvestmentKind::Event, 10_000, None, true),
        invest("2026-03-10", InvestmentKind::Gift, 2_000, Some(&ann), false),
    ];
    let mut store = Store {
        contacts: vec![ann, bob, cat, dan, fay, eve],
        interactions: xs,
        investments,
        ..Store::default()
    };
    store.sort_canonical();
    store
}

fn report_json(p: &Place, extra: &[&str]) -> Value {
    let mut args = vec!["report", "--as-of", AS_OF, "--format", "json"];
    args.extend_from_slice(extra);
    let out = stdout_of(p.run(&args));
    assert!(out.ends_with("}\n"), "a trailing newline: {out:?}");
    serde_json::from_str(&out).unwrap()
}

/// Floats to compare with hand-worked values.
fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 1e-9)
}

#[track_caller]
fn assert_close(v: &Value, expected: f64) {
    assert!(close(v, expected), "{v} is not {expected}");
}

#[test]
fn json_figures_match_the_hand_computed_community() {
    let p = Place::with(&community());
    let r = report_json(&p, &[]);

    assert_eq!(r["as_of"], "2026-03-31");
    assert_eq!(
        r["period"],
        serde_json::json!({"from": "2026-03-02", "to": "2026-03-31", "days": 30})
    );
    assert_eq!(r["contacts"], serde_json::json!({"total": 5, "new": 1}));

    let e = &r["engagement"];
    assert_eq!(e["interactions"], 9);
    assert_eq!(e["active_contacts"], 4);
    assert_close(&e["engagement_rate"], 0.8);
    assert_eq!(
        e["by_channel"],
        serde_json::json!({"email": 3, "forum": 1, "slack": 2, "web": 3})
    );
    assert_eq!(
        e["by_kind"],
        serde_json::json!({"comment": 1, "message": 3, "purchase": 3, "survey": 2})
    );

    let s = &r["sentiment"];
    assert_eq!(
        (&s["scored"], &s["positive"], &s["neutral"], &s["negative"]),
        (
            &Value::from(3),
            &Value::from(2),
            &Value::from(0),
            &Value::from(1)
        )
    );
    assert_close(&s["average"], 0.4 / 3.0);
    assert_close(&s["net"], 100.0 / 3.0);

    assert_eq!(
        r["nps"],
        serde_json::json!({"responses": 2, "promoters": 1, "passives": 0, "detractors": 1, "score": 0.0})
    );

    let c = &r["churn"];
    assert_eq!(
        (
            &c["threshold_days"],
            &c["active"],
            &c["churned"],
            &c["at_risk"]
        ),
        (
            &Value::from(90),
            &Value::from(4),
            &Value::from(1),
            &Value::from(1)
        )
    );
    assert_close(&c["churn_rate"], 1.0 / 3.0);

    // Amounts in major units, as numbers.
    let v = &r["value"];
    assert_eq!(v["revenue"], 180);
    assert_eq!(v["purchases"], 3);
    assert_eq!(v["purchasing_contacts"], 2);
    assert_eq!(v["aov"], 60);
    assert_close(&v["repeat_rate"], 0.5);
    assert_eq!(v["clv"], 90);
    assert_eq!(v["investment"], 120);
    assert_eq!(v["cac"], 100);

    assert_eq!(
        r["advocates"],
        serde_json::json!([
            {"name": "Ann Archer", "score": 17.45, "orbit": 1, "referrals": 0},
            {"name": "Cat Cole", "score": 5.73, "orbit": 1, "referrals": 0},
            {"name": "Fay Ford", "score": 4.81, "orbit": 3, "referrals": 0},
            {"name": "Dan Dale", "score": 3.45, "orbit": 3, "referrals": 0},
        ])
    );
    assert_close(
        &r["ror_index"],
        0.25 * 80.0
            + 0.2 * (50.0 + (1.0 + 0.4 / 3.0) * 50.0) / 2.0
            + 0.2 * 80.0
            + 0.15 * 100.0
            + 0.2 * 60.0,
    );
}

#[test]
fn json_previous_period_has_its_own_figures() {
    let p = Place::with(&community());
    let r = report_json(&p, &[]);
    let b = &r["previous"];
    assert_eq!(b["as_of"], "2026-03-01");
    assert_eq!(
        b["period"],
        serde_json::json!({"from": "2026-01-31", "to": "2026-03-01", "days": 30})
    );
    assert_eq!(b["contacts"], serde_json::json!({"total": 4, "new": 0}));
    assert_eq!(b["engagement"]["interactions"], 3);
    assert_eq!(b["engagement"]["active_contacts"], 2);
    assert_close(&b["engagement"]["engagement_rate"], 0.5);
    assert_close(&b["sentiment"]["average"], 0.5);
    assert_close(&b["sentiment"]["net"], 100.0);
    assert_close(&b["nps"]["score"], -100.0);
    assert_eq!(b["churn"]["active"], 3);
    assert_eq!(b["churn"]["churned"], 1);
    assert_eq!(b["churn"]["at_risk"], 0);
    assert_close(&b["churn"]["churn_rate"], 0.0);
    let v = &b["value"];
    assert_eq!(
        (&v["revenue"], &v["aov"], &v["clv"], &v["investment"]),
        (
            &Value::from(80),
            &Value::from(80),
            &Value::from(80),
            &Value::from(50)
        )
    );
    assert_close(&v["repeat_rate"], 0.0);
    assert_eq!(v["cac"], Value::Null, "no new contact: no CAC");
    assert_close(
        &b["ror_index"],
        0.25 * 50.0 + 0.2 * 37.5 + 0.2 * 75.0 + 0.15 * 0.0 + 0.2 * 80.0 / 130.0 * 100.0,
    );
    assert!(b.get("previous").is_none(), "one level of previous only");
}

/// The keys of an object, sorted.
fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn json_keys_are_exactly_the_documented_ones() {
    let p = Place::with(&community());
    let r = report_json(&p, &[]);
    let top = [
        "advocates",
        "as_of",
        "churn",
        "contacts",
        "engagement",
        "nps",
        "period",
        "ror_index",
        "sentiment",
        "value",
    ];
    let mut with_previous = top.to_vec();
    with_previous.push("previous");
    with_previous.sort_unstable();
    assert_eq!(keys(&r), with_previous);
    assert_eq!(keys(&r["previous"]), top);
    for f in [&r, &r["previous"]] {
        assert_eq!(keys(&f["period"]), ["days", "from", "to"]);
        assert_eq!(keys(&f["contacts"]), ["new", "total"]);
        assert_eq!(
            keys(&f["engagement"]),
            [
                "active_contacts",
                "by_channel",
                "by_kind",
                "engagement_rate",
                "interactions"
            ]
        );
        assert_eq!(
            keys(&f["sentiment"]),
            [
                "average", "negative", "net", "neutral", "positive", "scored"
            ]
        );
        assert_eq!(
            keys(&f["nps"]),
            ["detractors", "passives", "promoters", "responses", "score"]
        );
        assert_eq!(
            keys(&f["churn"]),
            [
                "active",
                "at_risk",
                "churn_rate",
                "churned",
                "threshold_days"
            ]
        );
        assert_eq!(
            keys(&f["value"]),
            [
                "aov",
                "cac",
                "clv",
                "investment",
                "purchases",
                "purchasing_contacts",
                "repeat_rate",
                "revenue"
            ]
        );
        for a in f["advocates"].as_array().unwrap() {
            assert_eq!(keys(a), ["name", "orbit", "referrals", "score"]);
        }
    }
    // Pretty-printed, in the documented order.
    let text = stdout_of(p.run(&["report", "--as-of", AS_OF, "--format", "json"]));
    let order: Vec<usize> = [
        "\n  \"as_of\"",
        "\n  \"period\"",
        "\n  \"ror_index\"",
        "\n  \"contacts\"",
        "\n  \"engagement\"",
        "\n  \"sentiment\"",
        "\n  \"nps\"",
        "\n  \"churn\"",
        "\n  \"value\"",
        "\n  \"advocates\"",
        "\n  \"previous\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

fn report(p: &Place, format: &str) -> String {
    stdout_of(p.run(&["report", "--as-of", AS_OF, "--format", format]))
}

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
        "| ROR index | 73.7 | 47.3 | ▲ +26.4 |",
        "| Contacts | 5 | 4 | ▲ +1 |",
        "| Interactions | 9 | 3 | ▲ +6 |",
        "| Active contacts | 4 | 2 | ▲ +2 |",
        "| Engagement rate | 80.0% | 50.0% | ▲ +30.0 pts |",
        "| Average sentiment | 0.13 | 0.50 | ▼ −0.37 |",
        "| NPS | 0.0 | -100.0 | ▲ +100.0 |",
        "| Churn rate | 33.3% | 0.0% | ▲ +33.3 pts |",
        "| Revenue | 180.00 | 80.00 | ▲ +100.00 |",
        "| Average order | 60.00 | 80.00 | ▼ −20.00 |",
        "| Repeat rate | 50.0% | 0.0% | ▲ +50.0 pts |",
        "| CLV | 90.00 | 80.00 | ▲ +10.00 |",
        "| CAC | 100.00 | n/a | n/a |",
    ] {
        assert!(md.contains(&format!("{row}\n")), "missing {row}:\n{md}");
    }
    // Sections in order, each with its people.
    let sections = [
        "### Top advocates\n\n1. **Ann Archer**: score 17.45, orbit 1, 0 referrals\n2. **Cat Cole**",
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
    assert_eq!(table.len(), 20, "header and 19 figures:\n{text}");
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
    assert_eq!(words("CAC"), ["100.00", "n/a", "n/a"]);
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
        "Top advocates\n  #  Name        Score  Orbit  Referrals\n  1  Ann Archer  17.45      1          0\n",
        "At risk\n  Name       Silent  Reason\n  Cat Cole  16 days  stay in touch every 14 days: 16 days since the last touch\n",
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
    // Every table row still has its four cells.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(line.matches('|').count(), 5, "{line}");
    }
    assert!(text.contains("Bob |*Bold*| Baker"), "{text}");
}

#[test]
fn an_empty_store_reports_no_data_instead_of_failing() {
    let p = Place::with(&Store::default());
    let r = report_json(&p, &[]);
    assert_eq!(r["contacts"], serde_json::json!({"total": 0, "new": 0}));
    assert_eq!(r["engagement"]["interactions"], 0);
    for path in [
        "/ror_index",
        "/engagement/engagement_rate",
        "/sentiment/average",
        "/sentiment/net",
        "/nps/score",
        "/churn/churn_rate",
        "/value/aov",
        "/value/repeat_rate",
        "/value/clv",
        "/value/cac",
        "/previous/nps/score",
    ] {
        assert_eq!(r.pointer(path), Some(&Value::Null), "{path}");
    }
    assert_eq!(r["value"]["revenue"], 0);
    assert_eq!(r["advocates"], serde_json::json!([]));

    let md = report(&p, "md");
    assert!(md.contains("| NPS | n/a | n/a | n/a |\n"), "{md}");
    assert!(md.contains("| Interactions | 0 | 0 | = 0 |\n"), "{md}");
    assert!(md.contains("### Top advocates\n\nNone yet.\n"), "{md}");
    let text = report(&p, "text");
    assert!(text.contains("Top advocates\n  none yet\n"), "{text}");
    assert!(
        text.contains("Notable moments\n  nothing new this period\n"),
        "{text}"
    );
}

#[test]
fn periods_and_dates_are_read_like_everywhere_else() {
    let p = Place::with(&community());
    // An explicit range is taken on its last day. March 1-15 holds Ann's first purchase, Bob's
    // message and Cat's comment and purchase: 4 activities. Previous: the 15 days before,
    // Feb 14-28.
    let r = report_json(&p, &["--period", "2026-03-01..2026-03-15"]);
    assert_eq!(r["as_of"], "2026-03-15");
    assert_eq!(r["period"]["days"], 15);
    assert_eq!(r["engagement"]["interactions"], 4);
    assert_eq!(r["previous"]["period"]["from"], "2026-02-14");
    assert_eq!(r["previous"]["period"]["to"], "2026-02-28");
    // `all` starts at the first interaction, Fay's 2025-07-01: 31 + 31 + 30 + 31 + 30 + 31 + 31
    // + 28 + 31 = 274 days, holding every activity: Ann 5, Bob 4, Cat 2, Dan 1, Fay 2.
    let r = report_json(&p, &["--period", "all"]);
    assert_eq!(r["period"]["from"], "2025-07-01");
    assert_eq!(r["period"]["days"], 274);
    assert_eq!(r["engagement"]["interactions"], 14);

    // The as-of date: relative words, and the top-level flag too.
    let yesterday = today_utc().yesterday().unwrap().to_string();
    let out = stdout_of(p.run(&["report", "--as-of", "yesterday", "--format", "json"]));
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["as_of"], yesterday.as_str());
    let sub = stdout_of(p.run(&["report", "--as-of", AS_OF, "--format", "json"]));
    let top = stdout_of(p.run(&["--as-of", AS_OF, "report", "--format", "json"]));
    assert_eq!(sub, top);

    // Defaults: today, 30 days, text.
    let out = stdout_of(p.run(&["report"]));
    let from = today_utc().checked_sub(jiff::Span::new().days(29)).unwrap();
    assert!(
        out.starts_with(&format!(
            "ROR report  {from} .. {}  (30 days, 30d)\n",
            today_utc()
        )),
        "{out}"
    );
}

#[test]
fn bad_flags_exit_2_and_bad_stores_exit_1() {
    let p = Place::with(&community());
    for (args, says) in [
        (
            vec!["--period", "fortnight"],
            "expected 7d, 30d, 90d, 365d, all or FROM..TO",
        ),
        (vec!["--period", "0d"], "1 to 36525 days"),
        (
            vec!["--period", "2026-03-31..2026-03-01"],
            "ends before it starts",
        ),
        (vec!["--as-of", "2026-02-30"], "is not a date"),
        (vec!["--format", "html"], "text, md, json"),
    ] {
        p.run(&["report"])
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(says));
    }

    let missing = Place::new();
    missing
        .run(&["report"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no store at"));

    // A broken store: the load error with its line, and no report at all.
    let broken = Place::new();
    std::fs::copy("tests/fixtures/store/invalid-json.json", &broken.store).unwrap();
    for format in ["text", "md", "json"] {
        broken
            .run(&["report", "--format", format])
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                predicate::str::contains("store.json:4:")
                    .and(predicate::str::contains("trailing comma")),
            );
    }
}

#[test]
fn help_shows_examples_and_the_choices() {
    let out = stdout_of(ror().args(["report", "--help"]));
    // Option descriptions wrap with the terminal's width: compare them with spaces collapsed.
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "--as-of <DATE>",
        "--period <PERIOD>",
        "all, or FROM..TO [default: 30d]",
        "[possible values: text, md, json]",
        "Exit status",
    ] {
        assert!(flat.contains(part), "missing {part:?}:\n{out}");
    }
    for part in [
        "Examples:\n  ror-tui report\n",
        "  ror-tui report --format md --period 7d\n",
    ] {
        assert!(out.contains(part), "missing {part:?}:\n{out}");
    }
}

/// Interactions only, as a CSV another tool might give: equal purchases on one day, an outbound
/// email, hand-set and automatic sentiment, NPS answers.
const HISTORY: &str = "\
date,contact,handle,kind,channel,direction,value,nps,sentiment,note
2026-02-10,Ann Archer,ann,message,slack,in,,,0.5,Thanks for the help
2026-03-03,Ann Archer,ann,email_sent,email,out,,,,Newsletter
2026-03-05,Ann Archer,ann,purchase,web,in,100.00,,,
2026-03-05,Ann Archer,ann,purchase,web,in,100.00,,,
2026-03-25,Ann Archer,ann,survey,email,in,,10,,
2026-02-15,Bob Baker,bob,purchase,web,in,80,,,
2026-03-12,Bob Baker,bob,message,email,in,,,-0.4,\"Checkout is broken, again\"
2026-03-28,Bob Baker,bob,survey,email,in,,6,,
2025-12-15,Dan Dale,dan,message,slack,in,,,,
2026-03-10,Cat Cole,cat,comment,forum,in,,,,Love the new forum!
";

#[test]
fn import_export_import_gives_the_same_report() {
    let first = Place::new();
    let csv = first.file("history.csv", HISTORY);
    first.run(&["import"]).arg(&csv).assert().success();
    let before = report_json(&first, &[]);
    // Not vacuous: in March 2-31 Ann has 2 purchases and a survey (the email is ours), Bob a
    // message and a survey, Cat a comment → 6 activities; 2 purchases of 100.00.
    assert_eq!(before["engagement"]["interactions"], 6);
    assert_eq!(before["value"]["revenue"], 200);
    assert_eq!(before["nps"]["responses"], 2);

    let exported = first.path("export.csv");
    first
        .run(&["export", "-o"])
        .arg(&exported)
        .assert()
        .success();
    let second = Place::new();
    second.run(&["import"]).arg(&exported).assert().success();
    assert_eq!(report_json(&second, &[]), before);
    assert_eq!(
        report_json(&second, &["--period", "all"]),
        report_json(&first, &["--period", "all"])
    );

    // Importing the export into the store it came from adds nothing and changes no figure.
    first.run(&["import"]).arg(&exported).assert().success();
    assert_eq!(report_json(&first, &[]), before);
}
