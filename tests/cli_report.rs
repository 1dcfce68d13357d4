//! `ror-tui report`: the figures of a hand-computed community (worked out in
//! `report_support/mod.rs`) in JSON, both periods; periods and dates; the empty store, the errors,
//! and the same figures after an export and re-import. The digests are in `cli_report_digest.rs`.

#[path = "cli_support/mod.rs"]
mod common;
#[path = "report_support/mod.rs"]
mod community;

use common::*;
use community::*;
use predicates::prelude::*;
use ror_tui::store::Store;
use serde_json::Value;

#[test]
fn json_figures_match_the_hand_computed_community() {
    let p = Place::with(&community());
    let r = report_json(&p, &[]);

    assert_eq!(r["as_of"], "2026-03-31");
    assert_eq!(
        r["period"],
        serde_json::json!({"from": "2026-03-02", "to": "2026-03-31", "days": 30})
    );
    // With no `connect` logged, a contact's connection is its joining: connected = new, and
    // growth 1 of the 4 there before.
    assert_eq!(
        r["contacts"],
        serde_json::json!({"total": 5, "new": 1, "connected": 1, "connection_growth": 0.25})
    );

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

    assert_eq!(
        (&c["active_at_start"], &c["lapsed"]),
        (&Value::from(3), &Value::from(1))
    );
    assert_close(&c["monthly_churn_rate"], 1.0 / 3.0);

    // Amounts in major units, as numbers.
    let v = &r["value"];
    assert_eq!(v["revenue"], 180);
    assert_eq!(v["purchases"], 3);
    assert_eq!(v["purchases_with_value"], 3);
    assert_eq!(v["purchasing_contacts"], 2);
    assert_eq!(v["new_customers"], 2);
    assert_eq!(v["aov"], 60);
    assert_close(&v["purchase_frequency"], 1.5);
    assert_close(&v["repeat_rate"], 1.0 / 3.0);
    assert_eq!(v["revenue_per_customer"], 90);
    assert_eq!(v["investment"], 120);
    assert_eq!(v["acquisition_spend"], 100);
    assert_eq!(v["cac"], 50);
    assert_eq!(v["cost_per_new_contact"], 100);
    // Predictive CLV: the trailing year's AOV 65.00 (260.00 over 4 purchases) × 4/3 purchases
    // per buyer × the lifespan in years; CLV:CAC is CLV over CAC.
    let months = v["expected_lifespan_months"].as_f64().unwrap();
    let clv = (6_500.0 * 4.0 / 3.0 * months / 12.0).round() / 100.0;
    assert_close(&v["clv"], clv);
    assert_close(&v["clv_cac"], clv / 50.0);

    assert_eq!(
        without_ids(r["advocates"].clone()),
        serde_json::json!([
            {"name": "Ann Archer", "score": 17.45, "orbit": 3, "referrals": 0},
            {"name": "Cat Cole", "score": 5.73, "orbit": 3, "referrals": 0},
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
    assert_eq!(
        b["contacts"],
        serde_json::json!({"total": 4, "new": 0, "connected": 0, "connection_growth": 0.0})
    );
    assert_eq!(b["engagement"]["interactions"], 3);
    assert_eq!(b["engagement"]["active_contacts"], 2);
    assert_close(&b["engagement"]["engagement_rate"], 0.5);
    assert_close(&b["sentiment"]["average"], 0.5);
    assert_close(&b["sentiment"]["net"], 100.0);
    assert_close(&b["nps"]["score"], -100.0);
    assert_eq!(b["churn"]["active"], 3);
    assert_eq!(b["churn"]["lapsed"], 1);
    assert_eq!(b["churn"]["churned"], 0);
    assert_eq!(b["churn"]["at_risk"], 0);
    assert_close(&b["churn"]["churn_rate"], 0.0);
    let v = &b["value"];
    assert_eq!(
        (
            &v["revenue"],
            &v["aov"],
            &v["revenue_per_customer"],
            &v["investment"]
        ),
        (
            &Value::from(80),
            &Value::from(80),
            &Value::from(80),
            &Value::from(50)
        )
    );
    assert_close(&v["repeat_rate"], 0.0);
    // Bob's first purchase: a new customer, won for the 50.00 of ads; no new contact.
    assert_eq!(v["new_customers"], 1);
    assert_eq!(v["cac"], 50);
    assert_eq!(v["cost_per_new_contact"], Value::Null, "no new contact");
    assert_close(
        &b["ror_index"],
        0.25 * 50.0 + 0.2 * 37.5 + 0.2 * 75.0 + 0.15 * 0.0 + 0.2 * 80.0 / 130.0 * 100.0,
    );
}

#[test]
fn json_sections_come_in_the_documented_order() {
    // Every key and type is held by docs/report.schema.json (tests/report_schema.rs); here the
    // order a person reading the pretty-printed document meets them.
    let p = Place::with(&community());
    let text = stdout_of(p.run(&["report", "--as-of", AS_OF, "--format", "json"]));
    let order: Vec<usize> = [
        "\n  \"spec\"",
        "\n  \"as_of\"",
        "\n  \"period\"",
        "\n  \"ror_index\"",
        "\n  \"ror_parts\"",
        "\n  \"contacts\"",
        "\n  \"engagement\"",
        "\n  \"channels\"",
        "\n  \"sentiment\"",
        "\n  \"nps\"",
        "\n  \"feedback\"",
        "\n  \"churn\"",
        "\n  \"value\"",
        "\n  \"orbit\"",
        "\n  \"advocates\"",
        "\n  \"at_risk\"",
        "\n  \"series\"",
        "\n  \"previous\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap_or_else(|| panic!("{k} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let r: Value = serde_json::from_str(&text).unwrap();
    assert!(
        r["previous"].get("previous").is_none(),
        "one level of previous only"
    );
    assert!(
        r["previous"].get("series").is_none(),
        "lists and series are this period's"
    );
}

#[test]
fn an_empty_store_reports_no_data_instead_of_failing() {
    let p = Place::with(&Store::default());
    let r = report_json(&p, &[]);
    assert_eq!(
        r["contacts"],
        serde_json::json!({"total": 0, "new": 0, "connected": 0, "connection_growth": null})
    );
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

/// The document without the ids of records (`contact`, `interaction`).
fn without_ids(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(o) => {
                o.remove("contact");
                o.remove("interaction");
                o.values_mut().for_each(walk);
            }
            Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

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
    // The same figures for the same people; a new store gives them new ids.
    assert_eq!(
        without_ids(report_json(&second, &[])),
        without_ids(before.clone())
    );
    assert_eq!(
        without_ids(report_json(&second, &["--period", "all"])),
        without_ids(report_json(&first, &["--period", "all"]))
    );

    // Importing the export into the store it came from adds nothing and changes no figure.
    first.run(&["import"]).arg(&exported).assert().success();
    assert_eq!(report_json(&first, &[]), before);
}
