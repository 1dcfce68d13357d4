//! Quick log: a table of lines and the records (or the complaints) they make. Expected records
//! are written from what each line says, against the fixture community and "now" of
//! Friday 2026-11-20 14:03.

mod forms_support;

use forms_support::*;
use ror_tui::forms::quick::{describe, parse_quick};
use ror_tui::forms::{FormView, LoggedInteraction, Outcome};
use ror_tui::sentiment::score_text;
use ror_tui::store::SentimentSource;

/// `contact|kind|channel|at|direction|note|value|nps|rating|sentiment`, with `-` for none and
/// `new:` before a contact to be created.
fn summary(x: &LoggedInteraction) -> String {
    let ctx = ctx();
    let i = &x.interaction;
    let who = match &x.new_contact {
        Some(c) => format!("new:{}@{}", c.name, c.handle.as_deref().unwrap_or("-")),
        None => ctx.contacts.get(i.contact).unwrap().name.clone(),
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let sentiment = match i.sentiment {
        None => "-".to_string(),
        Some(s) if s.source == SentimentSource::Manual => format!("manual {}", s.score),
        Some(s) => {
            assert_eq!(
                Some(s.score),
                score_text(&i.note),
                "auto is the note's score"
            );
            "auto".to_string()
        }
    };
    [
        who,
        i.kind.to_string(),
        i.channel.to_string(),
        i.at.to_string(),
        i.direction.to_string(),
        if i.note.is_empty() {
            "-".into()
        } else {
            i.note.clone()
        },
        opt(i.value.map(|v| v.cents().to_string())),
        opt(i.nps.map(|n| n.to_string())),
        opt(i.rating.map(|n| n.to_string())),
        sentiment,
    ]
    .join("|")
}

#[test]
fn lines_that_make_records() {
    let table = [
        (
            r#"@ada call linkedin "loved the webinar" +1"#,
            "Ada Lovelace|call|linkedin|2026-11-20T14:03:00|inbound|loved the webinar|-|-|-|manual 1",
        ),
        // Any order; channel and kind in any case.
        (
            "LinkedIn @ada Call",
            "Ada Lovelace|call|linkedin|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@grace purchase web $129",
            "Grace Hopper|purchase|web|2026-11-20T14:03:00|inbound|-|12900|-|-|-",
        ),
        // A value alone says it was a purchase; a rating a review; an NPS a survey.
        (
            "@grace $129.5 email",
            "Grace Hopper|purchase|email|2026-11-20T14:03:00|inbound|-|12950|-|-|-",
        ),
        (
            "@alan nps:9 email yesterday",
            "Alan Turing|survey|email|2026-11-19|inbound|-|-|9|-|-",
        ),
        (
            "@alan rating:5 g2 -3d out",
            "Alan Turing|review|g2|2026-11-17|outbound|-|-|-|5|-",
        ),
        (
            r#"@"Ada Yonath" meeting zoom 2026-11-02 --"#,
            "Ada Yonath|meeting|zoom|2026-11-02|inbound|-|-|-|-|manual -1",
        ),
        // A name start that fits one contact is enough; a time of day means today.
        (
            r#"@Linus call phone 09:15 "quick chat about the API""#,
            "Linus Pauling|call|phone|2026-11-20T09:15:00|inbound|quick chat about the API|-|-|-|auto",
        ),
        (
            "@zed message discord s:-0.5",
            "new:zed@zed|message|discord|2026-11-20T14:03:00|inbound|-|-|-|-|manual -0.5",
        ),
        (
            r#"@"Zed Shaw" mention x date:2026-11-01"#,
            "new:Zed Shaw@-|mention|x|2026-11-01|inbound|-|-|-|-|-",
        ),
        // A prefix only one kind starts with, and the aliases people type.
        (
            r#"@ada mes slack "thanks""#,
            "Ada Lovelace|message|slack|2026-11-20T14:03:00|inbound|thanks|-|-|-|auto",
        ),
        (
            "@ada dm slack",
            "Ada Lovelace|message|slack|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada mtg zoom",
            "Ada Lovelace|meeting|zoom|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        // Connections and reactions, by the words the platforms use.
        (
            "@ada follow linkedin",
            "Ada Lovelace|connect|linkedin|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada star github -3d",
            "Ada Lovelace|connect|github|2026-11-17|inbound|-|-|-|-|-",
        ),
        (
            "@ada subscribe newsletter",
            "Ada Lovelace|connect|newsletter|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada like slack",
            "Ada Lovelace|reaction|slack|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada reac discord",
            "Ada Lovelace|reaction|discord|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada connect linkedin",
            "Ada Lovelace|connect|linkedin|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        // Neutral by hand, as in the form.
        (
            "@ada call phone 0",
            "Ada Lovelace|call|phone|2026-11-20T14:03:00|inbound|-|-|-|-|manual 0",
        ),
        (
            "@ada call phone =",
            "Ada Lovelace|call|phone|2026-11-20T14:03:00|inbound|-|-|-|-|manual 0",
        ),
        // A kind word where the channel goes is the channel.
        (
            "@ada call event",
            "Ada Lovelace|call|event|2026-11-20T14:03:00|inbound|-|-|-|-|-",
        ),
        // A day and a time; weekdays, this week's or the one before.
        (
            "@ada call phone yesterday 16:00",
            "Ada Lovelace|call|phone|2026-11-19T16:00:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada call phone mon",
            "Ada Lovelace|call|phone|2026-11-16|inbound|-|-|-|-|-",
        ),
        (
            "@ada call phone last fri 9:30",
            "Ada Lovelace|call|phone|2026-11-13T09:30:00|inbound|-|-|-|-|-",
        ),
        (
            "@ada call phone -2w",
            "Ada Lovelace|call|phone|2026-11-06|inbound|-|-|-|-|-",
        ),
        // Without a channel, the contact's own last one (Ada's: linkedin on 18 November).
        (
            "@ada dm +",
            "Ada Lovelace|message|linkedin|2026-11-20T14:03:00|inbound|-|-|-|-|manual 0.5",
        ),
        // What is ours by nature is outbound.
        (
            r#"@ada email_sent email "newsletter""#,
            "Ada Lovelace|email_sent|email|2026-11-20T14:03:00|outbound|newsletter|-|-|-|auto",
        ),
    ];
    let ctx = ctx();
    for (line, want) in table {
        match parse_quick(line, &ctx) {
            Ok(x) => assert_eq!(summary(&x), want, "line {line:?}"),
            Err(e) => panic!("line {line:?}: {e}"),
        }
    }
}

#[test]
fn lines_that_say_what_is_wrong() {
    let table = [
        ("call linkedin", "say who with @name"),
        ("@ada linkedin", "say what happened: a kind such as call"),
        // Suggested channels are the store's, most recent first.
        // Someone with no history has no usual channel to fall back on.
        (
            "@grace call",
            "say the channel (e.g. linkedin, slack, email)",
        ),
        (r#"@ada call email "unclosed"#, "a quote is not closed"),
        ("@ada call email nps:11", "`nps:11`: NPS is 0-10"),
        ("@ada call email rating:0", "`rating:0`: a rating is 1-5"),
        (
            "@ada call email $5",
            "a value is only for a purchase, not a call",
        ),
        ("@ada purchase email $-5", "a value cannot be negative"),
        ("@ada call email tomorrow", "`tomorrow` is in the future"),
        ("@ada call email 23:59", "`23:59` is in the future"),
        (
            "@ada call linkedin twitter",
            "`twitter`: the channel is already `linkedin`; put the note in quotes",
        ),
        (
            "@ad call email",
            "`@ad` could be Ada Lovelace (@ada, Analytical Engines); Ada Yonath (@yonath, Weizmann): pick one",
        ),
        ("@ada call email +2", "+2 is outside -1..1"),
        (
            r#"@ada call email "a" "b""#,
            "the note is already given once",
        ),
        (
            "@ada @grace call email",
            "`@grace`: the contact is already given once",
        ),
        ("@ada call email foo:1", "unknown `foo:`"),
        // A misspelt kind is said as such, wherever it stands.
        (
            r#"@hedy mesage slack "thanks""#,
            "unknown kind `mesage`: did you mean message?",
        ),
        (
            r#"@hedy slack mesage "thanks""#,
            "unknown kind `mesage`: did you mean message?",
        ),
        (
            "@ada me slack",
            "`me` could be message, mention, meeting: type more of the kind",
        ),
        ("@ call email", "`@` needs a name after it"),
        (
            "@ada call email date:someday",
            "`date:someday` is not a date",
        ),
    ];
    let ctx = ctx();
    for (line, want) in table {
        match parse_quick(line, &ctx) {
            Ok(x) => panic!("line {line:?} parsed as {}", summary(&x)),
            Err(e) => assert!(e.contains(want), "line {line:?}: got {e:?}, want {want:?}"),
        }
    }
}

#[test]
fn the_preview_reads_as_the_record() {
    let ctx = ctx();
    let x = parse_quick(r#"@ada call linkedin "loved the webinar" +1"#, &ctx).unwrap();
    assert_eq!(
        describe(&x, &ctx),
        "Ada Lovelace · call · linkedin · 2026-11-20 14:03:00 · inbound · “loved the webinar” · sentiment +1.00 very positive (manual)"
    );
}

#[test]
fn enter_saves_a_good_line_and_flags_a_bad_one() {
    let mut q = quick("@grace call");
    assert!(!q.shows_error(), "not an error until Enter");
    assert_eq!(
        q.handle_key(enter()),
        Outcome::Invalid {
            field: "line",
            errors: 1
        }
    );
    assert!(q.shows_error());
    q.handle_paste(" email");
    assert!(!q.shows_error(), "fixed as it is typed");
    let Outcome::Submit(x) = q.handle_key(enter()) else {
        panic!("expected a record");
    };
    assert_eq!(x.interaction.channel, "email");
}

#[test]
fn esc_on_a_typed_line_asks_first() {
    let mut q = quick("");
    assert_eq!(q.handle_key(esc()), Outcome::Cancel);
    let mut q = quick("@ada");
    assert_eq!(q.handle_key(esc()), Outcome::ConfirmDiscard);
    assert_eq!(q.cursor(ratatui::layout::Rect::new(0, 0, 40, 6)), None);
    assert_eq!(q.handle_key(esc()), Outcome::Consumed);
    assert_eq!(q.input().text(), "@ada");
}
