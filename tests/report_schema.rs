//! `report --format json` is the whole document `docs/report.schema.json` describes: real
//! reports of the demo (every period, a segment, as of several days) and of an empty store are
//! held to the schema by a standard validator, which refuses any key the schema does not know.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string("docs/report.schema.json").unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is itself valid")
}

fn report(store: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("ror-tui")
        .unwrap()
        .env("TZ", "UTC")
        .arg("--store")
        .arg(store)
        .args(["report", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn valid(v: &Value, what: &str) {
    let errors: Vec<String> = schema()
        .iter_errors(v)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[test]
fn the_demos_reports_follow_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("demo.json");
    std::fs::write(&store, ror_tui::demo::DEMO_JSON).unwrap();
    for period in ["7d", "30d", "90d", "365d", "all", "2026-01-01..2026-03-31"] {
        for as_of in ["2026-11-15", "2026-03-31"] {
            let v = report(&store, &["--period", period, "--as-of", as_of]);
            valid(&v, &format!("{period} as of {as_of}"));
            assert_eq!(v["previous"].is_null(), period == "all", "{period}");
        }
    }
    let v = report(
        &store,
        &[
            "--as-of",
            "2026-11-15",
            "--segment",
            "tag:ambassador",
            "--segment",
            "channel:linkedin",
        ],
    );
    valid(&v, "a segment");
    assert_eq!(
        v["segment"],
        serde_json::json!(["tag:ambassador", "channel:linkedin"])
    );
    // The channel segment keeps that channel alone.
    let channels: Vec<&String> = v["engagement"]["by_channel"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(channels, ["linkedin"]);
}

#[test]
fn an_empty_stores_report_follows_the_schema_with_null_for_no_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.json");
    std::fs::write(&store, "{\"type\": \"header\", \"schema\": 2}\n").unwrap();
    let v = report(&store, &["--as-of", "2026-03-31"]);
    valid(&v, "empty");
    assert_eq!(v["nps"]["score"], Value::Null);
    assert_eq!(v["value"]["aov"], Value::Null);
    assert_eq!(v["ror_index"], Value::Null);
}

/// The schema refuses what it must: a key it does not know, a missing one, a string for a number.
#[test]
fn the_schema_is_strict() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.json");
    std::fs::write(&store, ror_tui::demo::DEMO_JSON).unwrap();
    let good = report(&store, &["--as-of", "2026-11-15"]);
    let s = schema();
    assert!(s.is_valid(&good));
    let mut extra = good.clone();
    extra["value"]["surprise"] = 1.into();
    assert!(!s.is_valid(&extra));
    let mut missing = good.clone();
    missing["churn"].as_object_mut().unwrap().remove("lapsed");
    assert!(!s.is_valid(&missing));
    let mut typed = good;
    typed["nps"]["score"] = "12".into();
    assert!(!s.is_valid(&typed));
}
