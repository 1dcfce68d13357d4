//! The Slack export the import benchmarks bring in: built in memory for `cargo bench --bench
//! import`, and written to a folder by `cargo run --release --example slack_export -- DIR` for
//! benches/process.sh, which measures the whole process's time and peak memory.

/// Messages in the Slack export benchmark.
pub const MESSAGES: usize = 100_000;

/// What the benchmark's people write: short chat, questions, other languages, and a few
/// sentences; most hold at most one English-only word, so most go to the language detector.
const NOTES: [&str; 12] = [
    "Thanks for the release, {n} works great",
    "Congrats! 🎉",
    "lgtm",
    "Can someone review PR #{n}?",
    "Merci beaucoup pour la démo {n}",
    "The export crashes on large files again ({n})",
    "+1",
    "Is there a roadmap for v{n}?",
    "Great talk yesterday",
    "ping: meetup {n} tomorrow",
    "Danke für die Hilfe bei {n}",
    "hmm, not sure this is right",
];

/// A Slack workspace export of 2,000 people and 100k messages over 20 channels and 250 days, a
/// tenth of them thread replies and one in five with a reaction, as `ror-tui import DIR` reads it.
pub fn files() -> ror_tui::platforms::Files {
    let people = 2_000;
    let users: Vec<String> = (0..people)
        .map(|i| {
            format!(
                r#"{{"id": "U{i:08}", "name": "user{i}", "real_name": "Person {i}", "is_bot": false,
                "profile": {{"real_name": "Person {i}", "display_name": "p{i}", "email": "p{i}@example.org"}}}}"#
            )
        })
        .collect();
    let mut entries = vec![
        (
            "users.json".to_string(),
            format!("[{}]", users.join(",")).into_bytes(),
        ),
        ("channels.json".to_string(), b"[]".to_vec()),
    ];
    let (channels, days) = (20, 250);
    let per_file = MESSAGES / (channels * days);
    let start = 1_704_067_200u64; // 2024-01-01
    let mut n = 0usize;
    for c in 0..channels {
        for d in 0..days {
            let day = jiff::civil::date(2024, 1, 1) + jiff::Span::new().days(d as i64);
            let msgs: Vec<String> = (0..per_file)
                .map(|k| {
                    n += 1;
                    let ts = start + d as u64 * 86_400 + k as u64 * 60;
                    let user = (n * 7919) % people;
                    let thread = if n.is_multiple_of(10) {
                        format!(r#", "thread_ts": "{}.000001""#, ts - 60)
                    } else {
                        String::new()
                    };
                    let reactions = if n.is_multiple_of(5) {
                        format!(
                            r#", "reactions": [{{"name": "tada", "users": ["U{:08}"], "count": 1}}]"#,
                            (user + 1) % people
                        )
                    } else {
                        String::new()
                    };
                    let text = NOTES[n % NOTES.len()].replace("{n}", &n.to_string());
                    format!(
                        r#"{{"type": "message", "user": "U{user:08}", "text": "{text}", "ts": "{ts}.{k:06}"{thread}{reactions}}}"#
                    )
                })
                .collect();
            entries.push((
                format!("channel-{c}/{day}.json"),
                format!("[{}]", msgs.join(",")).into_bytes(),
            ));
        }
    }
    ror_tui::platforms::Files {
        root: "slack-export/".into(),
        entries,
        ..Default::default()
    }
}
