//! A walk through every screen of the demo in the real binary, in tmux at 80x24: each key
//! reaches its screen and the labels a standup looks for are on it.

mod support_dash;

use support_dash::term::*;

#[test]
fn every_screen_of_the_demo_shows_its_labels() {
    if !tmux_available() {
        return;
    }
    let t = Term::start(&["--demo", "--as-of", "2026-03-31"], 80, 24);
    t.wait_for("Overview");
    let walk: &[(&str, &[&str])] = &[
        ("v", &["Revenue", "CLV", "CAC", "Ledger", "Gift impact"]),
        (
            "h",
            &[
                "Open rate",
                "Click rate",
                "Visits",
                "Organic shar",
                "Growth",
            ],
        ),
        ("c", &["Contacts", "sorted by"]),
        ("l", &["Interaction log"]),
        ("f", &["Stay in touch", "Negative feedback"]),
        ("C", &["Cohorts", "+0"]),
        ("I", &["Investments", "newest first"]),
        ("D", &["Likely duplicates"]),
        ("o", &["Engagement", "Sentiment", "Churn", "Advocates"]),
    ];
    for (key, labels) in walk {
        t.keys(&[key]);
        for label in *labels {
            t.wait_for(label);
        }
    }
    // The Advocates pane full-screen: Orbit levels, movers and the referral tree.
    t.keys(&["4", "Enter"]);
    for label in ["Orbit 1", "Orbit 4", "Movers", "Referral tree"] {
        t.wait_for(label);
    }
    // Standup: eight slides, then Value, Channels and Commitments.
    t.keys(&["s"]);
    t.wait_for("1/8");
    t.keys(&["Right", "Right", "Right", "Right", "Right"]);
    t.wait_for("6/8 Value");
    t.wait_for("Ledger");
    t.keys(&["Right"]);
    t.wait_for("7/8 Channels");
    t.wait_for("Open rate");
    t.keys(&["Right"]);
    t.wait_for("8/8 Commitments");
    t.wait_for("Who do we act on");
    t.keys(&["Escape"]);
    t.wait_gone("STANDUP");
    t.keys(&["q"]);
    let (exit, _) = t.finished();
    assert_eq!(exit, "0");
}
