//! A record an export gets wrong, in every format: the import names the file, the line (or JSON
//! path) and the field, and writes nothing; `--skip-invalid` brings in everything else, exactly
//! what a clean export would have brought less that one record.

mod cli_support;

use cli_support::*;

/// One format's fixture with one record spoilt.
struct Spoilt {
    /// The fixture file, under tests/fixtures/platforms.
    fixture: &'static str,
    /// The text replaced, and what replaces it.
    find: &'static str,
    with: &'static str,
    /// What stderr must name: ``file:place: `field` ``.
    named: &'static str,
    /// Who the spoilt record is about: everything missing after `--skip-invalid` is theirs.
    who: &'static str,
}

const CASES: &[Spoilt] = &[
    Spoilt {
        fixture: "linkedin/Connections.csv",
        find: "02 Mar 2023",
        with: "2nd of March",
        named: "Connections.csv:line 6: `Connected On`",
        who: "Grace Hopper",
    },
    Spoilt {
        fixture: "mailchimp/subscribed_members_export_4f2a9c1b7d.csv",
        find: "\"2023-05-01 10:00:00\"",
        with: "\"May Day\"",
        named: "subscribed_members_export_4f2a9c1b7d.csv:line 2: `OPTIN_TIME`",
        who: "Ada Lovelace",
    },
    Spoilt {
        fixture: "stripe/unified_payments.csv",
        // The export holds amounts converted to the account's currency: those are read.
        find: "usd,true,29.00,",
        with: "usd,true,twenty-nine,",
        named: "unified_payments.csv:line 2: `Converted Amount`",
        who: "Ada Lovelace",
    },
    Spoilt {
        fixture: "shopify/orders_export_1.csv",
        find: "paid,2024-01-15 10:23:45 -0500",
        with: "paid,whenever",
        named: "orders_export_1.csv:line 2: `Paid at`",
        who: "Ada Lovelace",
    },
    Spoilt {
        fixture: "substack/email_list.examplepub.csv",
        find: "2023-06-02T08:30:12.104Z",
        with: "last June",
        named: "email_list.examplepub.csv:line 3: `created_at`",
        who: "grace@example.com",
    },
    Spoilt {
        fixture: "beehiiv/subscribers_export.csv",
        find: "2023-06-02 08:30:12 UTC",
        with: "last June",
        named: "subscribers_export.csv:line 3: `created_at`",
        who: "grace@example.com",
    },
    Spoilt {
        fixture: "sendgrid/events.json",
        find: "\"event\":\"open\"",
        with: "\"event\":null",
        named: "events.json:[2].event: `event`",
        who: "ada@example.com",
    },
    Spoilt {
        fixture: "sendgrid/events.json",
        find: "\"email\":\"ada@example.com\",\"timestamp\":1705317825",
        with: "\"email\":7,\"timestamp\":1705317825",
        named: "events.json:[2].email: `email`",
        who: "ada@example.com",
    },
    Spoilt {
        fixture: "sendgrid/events.json",
        find: "\"timestamp\":1705317825",
        with: "\"timestamp\":\"yesterday\"",
        named: "events.json:[2].timestamp: `timestamp`",
        who: "ada@example.com",
    },
];

/// Everything a store holds, one line per contact and per interaction, naming the person.
fn everything(p: &Place) -> Vec<String> {
    if !p.path("store.json").exists() {
        return Vec::new();
    }
    let s = p.load();
    let mut v: Vec<String> = contacts(&s).iter().map(|c| format!("{c:?}")).collect();
    v.extend(interactions(&s));
    v.sort();
    v
}

#[test]
fn a_spoilt_record_is_named_and_can_be_left_out() {
    for case in CASES {
        let clean = Place::new();
        let from = fixture(case.fixture);
        let (code, out, err) = import(&clean, &[from.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {out}{err}", case.fixture);
        let all = everything(&clean);

        let p = Place::new();
        let text = std::fs::read_to_string(&from).unwrap();
        assert!(text.contains(case.find), "{}", case.fixture);
        let name = case.fixture.rsplit('/').next().unwrap();
        let file = p.file(name, &text.replacen(case.find, case.with, 1));

        let (code, out, err) = import(&p, &[file.to_str().unwrap()]);
        assert_eq!(code, 1, "{}: {out}{err}", case.fixture);
        assert!(err.contains(case.named), "{}: {err}", case.fixture);
        assert!(err.contains("nothing was imported"), "{err}");
        assert!(
            everything(&p).is_empty(),
            "{}: nothing is written",
            case.fixture
        );

        let (code, out, err) = import(&p, &[file.to_str().unwrap(), "--skip-invalid"]);
        assert_eq!(code, 0, "{}: {out}{err}", case.fixture);
        assert!(
            out.contains("left out: 1 record that could not be read"),
            "{}: {out}",
            case.fixture
        );
        let kept = everything(&p);
        assert!(
            kept.len() < all.len(),
            "{}: the record is left out",
            case.fixture
        );
        for line in &kept {
            assert!(
                all.contains(line),
                "{}: {line} is not in a clean import",
                case.fixture
            );
        }
        for line in all.iter().filter(|l| !kept.contains(l)) {
            assert!(
                line.contains(case.who),
                "{}: only {}'s record is left out, not {line}",
                case.fixture,
                case.who
            );
        }
    }
}

/// Files written on Windows end their lines with CRLF: the line named is still the file's.
#[test]
fn crlf_files_name_the_right_line() {
    let p = Place::new();
    let file = p.file(
        "people.csv",
        "name,email,cadence\r\nAda,ada@example.com,7\r\n\r\nBob,bob@example.com,often\r\n",
    );
    let (code, _, err) = import(&p, &[file.to_str().unwrap(), "--contacts"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("people.csv:4: cadence"), "{err}");
    assert!(
        err.contains("1 invalid row — nothing was imported"),
        "{err}"
    );
    let stripe = p.file(
        "unified_payments.csv",
        "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer Email\r\n\
         ch_1,2024-03-01 09:00:00,10.00,0,usd,Paid,ada@example.com\r\n\
         ch_2,2024-03-02 09:00:00,ten,0,usd,Paid,ada@example.com\r\n",
    );
    let (code, _, err) = import(&p, &[stripe.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("unified_payments.csv:line 3: `Amount`"),
        "{err}"
    );
}
