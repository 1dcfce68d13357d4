//! Importing an export again adds nothing, in every format; a later export that holds the first
//! one and one record more adds exactly that record, and no contact twice. This is what lets a
//! manager download this month's export and import it over last month's.

mod cli_support;

use std::path::Path;

use cli_support::*;
use serde_json::{Value, json};

/// How the later export differs from the fixture: one more record.
enum More {
    /// A line added at the end of a CSV file.
    Line(&'static str),
    /// A JSON document changed.
    Json(fn(&mut Value)),
}

struct Case {
    /// The fixture (a file or a folder) under tests/fixtures/platforms.
    fixture: &'static str,
    /// The file, inside the fixture folder (or the fixture file itself: ""), that gains a record.
    file: &'static str,
    more: More,
    /// What the later export's summary says it added.
    added: &'static str,
}

const CASES: &[Case] = &[
    Case {
        fixture: "linkedin",
        file: "Connections.csv",
        more: More::Line(
            "Mei,Wong,https://www.linkedin.com/in/mei-wong,,Example Labs,CTO,01 Feb 2024\n",
        ),
        added: "1 interaction (1 connect); contacts: 1 created, 3 matched",
    },
    Case {
        fixture: "mailchimp",
        file: "subscribed_members_export_4f2a9c1b7d.csv",
        more: More::Line(
            "mei@example.com,Mei,Wong,,3,\"2024-02-01 10:00:00\",,,,,,,,,,,\"2024-02-01 10:00:00\",1,abc,,\n",
        ),
        added: "1 interaction (1 connect); contacts: 1 created,",
    },
    Case {
        fixture: "stripe/unified_payments.csv",
        file: "",
        more: More::Line(
            "ch_3OZ9,2024-02-01 10:00:00,15.00,0.00,usd,true,15.00,0.00,usd,Stickers,0.74,Live,Paid,EXAMPLE.COM,cus_PQ9,Mei Wong,mei@example.com,,,pi_3OZ9,\n",
        ),
        added: "1 interaction (1 purchase); contacts: 1 created,",
    },
    Case {
        fixture: "shopify/orders_export_1.csv",
        file: "",
        more: More::Line(
            "#1099,mei@example.com,paid,2024-02-01 10:00:00 -0500,,,no,USD,10.00,0.00,0.00,10.00\n",
        ),
        added: "1 interaction (1 purchase); contacts: 1 created,",
    },
    Case {
        fixture: "substack/email_list.examplepub.csv",
        file: "",
        more: More::Line("mei@example.com,false,,free,false,2024-02-01T10:00:00.000Z,\n"),
        added: "1 interaction (1 connect); contacts: 1 created,",
    },
    Case {
        fixture: "beehiiv/subscribers_export.csv",
        file: "",
        more: More::Line("mei@example.com,active,2024-02-01 10:00:00 UTC,free,,,,,,0,,0\n"),
        added: "1 interaction (1 connect); contacts: 1 created,",
    },
    Case {
        fixture: "sendgrid/events.json",
        file: "",
        more: More::Json(|v| {
            v.as_array_mut().unwrap().push(json!({
                "email": "ada@example.com", "timestamp": 1706000000, "event": "open",
                "sg_event_id": "bmV3LW9wZW4tZXZlbnQ", "sg_message_id": "later.0"
            }));
        }),
        added: "1 interaction (1 email_open); contacts: 0 created, 1 matched",
    },
    Case {
        fixture: "discord",
        file: "Example Guild - help [121212121212121212].json",
        more: More::Json(|v| {
            let msgs = v["messages"].as_array_mut().unwrap();
            let mut m = msgs[0].clone();
            m["id"] = json!("1196100000000000099");
            m["type"] = json!("Default");
            m["timestamp"] = json!("2024-02-01T09:00:00.000+00:00");
            m["content"] = json!("Fixed it, thanks all");
            m["reactions"] = json!([]);
            msgs.push(m);
        }),
        added: "1 interaction (1 message); contacts: 0 created,",
    },
    Case {
        fixture: "github/repo",
        file: "stargazers.json",
        more: More::Json(|v| {
            v.as_array_mut().unwrap().push(json!({
                "starred_at": "2024-03-01T12:00:00Z",
                "user": {"login": "mei-wong", "id": 1000009, "type": "User"}
            }));
        }),
        added: "1 interaction (1 connect); contacts: 1 created,",
    },
];

/// Copies a fixture file or folder to `to`.
fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

#[test]
fn every_format_adds_nothing_again_and_only_what_a_later_export_has_more() {
    for case in CASES {
        let p = Place::new();
        let name = case.fixture.rsplit('/').next().unwrap();
        // Each export keeps its own name (a Substack export is known by it), in its own folder.
        std::fs::create_dir_all(p.path("first")).unwrap();
        std::fs::create_dir_all(p.path("later")).unwrap();
        let first = p.path("first").join(name);
        copy(&fixture(case.fixture), &first);
        let (code, out, err) = import(&p, &[first.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", case.fixture);
        let before = p.load();

        let (code, out, err) = import(&p, &[first.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", case.fixture);
        assert!(
            out.starts_with("nothing new to import"),
            "{}: {out}",
            case.fixture
        );
        let again = p.load();
        assert_eq!(
            interactions(&again),
            interactions(&before),
            "{}",
            case.fixture
        );
        assert_eq!(contacts(&again), contacts(&before), "{}", case.fixture);

        let later = p.path("later").join(name);
        copy(&fixture(case.fixture), &later);
        let file = if case.file.is_empty() {
            later.clone()
        } else {
            later.join(case.file)
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let changed = match &case.more {
            More::Line(line) => {
                let sep = if text.ends_with('\n') { "" } else { "\n" };
                format!("{text}{sep}{line}")
            }
            More::Json(edit) => {
                let mut v: Value = serde_json::from_str(&text).unwrap();
                edit(&mut v);
                serde_json::to_string_pretty(&v).unwrap()
            }
        };
        std::fs::write(&file, changed).unwrap();
        let (code, out, err) = import(&p, &[later.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", case.fixture);
        assert!(out.contains(case.added), "{}: {out}", case.fixture);
        let after = p.load();
        assert_eq!(
            after.interactions.len(),
            before.interactions.len() + 1,
            "{}",
            case.fixture
        );
        assert!(
            after.contacts.len() <= before.contacts.len() + 1,
            "{}: no contact twice",
            case.fixture
        );
        let old = interactions(&before);
        assert!(
            old.iter().all(|x| interactions(&after).contains(x)),
            "{}: what was there stays",
            case.fixture
        );
    }
}

/// Buyers known by phone alone, and LinkedIn connections known by name alone, are found again
/// by the next export: a second import makes no second contact of them.
#[test]
fn people_known_by_phone_or_name_alone_are_found_again() {
    let p = Place::new();
    let shop = p.file(
        "orders_export_1.csv",
        "Name,Email,Financial Status,Paid at,Currency,Total,Lineitem name,Billing Name,Phone\n\
         #2001,,paid,2024-02-01 10:00:00 +0000,USD,12.00,Mug,Mei Wong,+15551234567\n",
    );
    let links = p.file(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Hedy,Lamarr,,,Example Labs,CTO,01 Feb 2024\n",
    );
    for f in [&shop, &links] {
        assert_eq!(import(&p, &[f.to_str().unwrap()]).0, 0);
    }
    let before = p.load().contacts.len();
    assert_eq!(before, 2);
    for f in [&shop, &links] {
        let (code, out, err) = import(&p, &[f.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.starts_with("nothing new to import"), "{out}");
    }
    assert_eq!(p.load().contacts.len(), before);
}
