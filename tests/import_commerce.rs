//! `ror-tui import` of email, newsletter and shop exports: SendGrid events (one email sent per
//! message, opens, clicks, the rest counted), Substack and beehiiv subscribers, Shopify orders
//! (one purchase per order of several line items, offsets in its times). Each read back from the
//! store file, exactly; a second import adds nothing.

#[path = "cli_support/mod.rs"]
mod common;

use common::*;
use ror_tui::store::Store;

/// Name and tags of every contact, by name.
fn tagged(s: &Store) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<_> = s
        .contacts
        .iter()
        .map(|c| (c.name.clone(), c.tags.clone()))
        .collect();
    v.sort();
    v
}

/// Imports `what` (recognised from the file), checks it went in, then that it adds nothing the
/// second time; returns the first run's stdout.
fn imported_once(p: &Place, what: &str) -> String {
    let (code, out, err) = import(p, &[fixture(what).to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("imported from "), "recognised: {out}");
    let n = p.load().interactions.len();
    let (code, again, _) = import(p, &[fixture(what).to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(again.starts_with("nothing new to import"), "{again}");
    assert_eq!(p.load().interactions.len(), n);
    out
}

#[test]
fn sendgrid_events_are_one_email_sent_per_message_opens_and_clicks() {
    let p = Place::new();
    let out = imported_once(&p, "sendgrid/events.json");
    let s = p.load();
    assert_eq!(
        interactions(&s),
        [
            "2024-01-15T10:23:45 ada@example.com email_sent email outbound \"\"",
            "2024-01-15T11:23:45 ada@example.com email_open email inbound \"\"",
            "2024-01-15T11:25:00 ada@example.com email_click email inbound \"https://example.com/releases/0.3\"",
        ]
    );
    assert_eq!(
        s.contacts.len(),
        1,
        "nobody known only by deliveries or bounces"
    );
    for left in [
        "1 account status change event",
        "1 bounce event",
        "1 deferred event",
        "1 dropped event",
        "1 event sent twice (the same sg_event_id)",
        "1 group resubscribe event",
        "1 group unsubscribe event",
        "1 spamreport event",
        "1 unsubscribe event",
    ] {
        assert!(out.contains(left), "`{left}` in {out}");
    }
}

#[test]
fn substack_subscribers_are_connected_on_their_creation_and_tagged() {
    let p = Place::new();
    imported_once(&p, "substack/email_list.examplepub.csv");
    let s = p.load();
    assert_eq!(
        interactions(&s),
        [
            "2022-11-20T19:05:42 linus@example.com connect substack inbound \"\"",
            "2023-05-01T10:00:00 ada@example.com connect substack inbound \"\"",
            "2023-06-02T08:30:12 grace@example.com connect substack inbound \"\"",
        ]
    );
    assert_eq!(
        tagged(&s),
        [
            ("ada@example.com".into(), vec!["paid subscriber".into()]),
            ("grace@example.com".into(), vec![]),
            ("linus@example.com".into(), vec!["email disabled".into()]),
        ]
    );
    let created: Vec<String> = s.contacts.iter().map(|c| c.created.to_string()).collect();
    assert_eq!(created, ["2022-11-20", "2023-05-01", "2023-06-02"]);
}

#[test]
fn beehiiv_subscribers_are_connected_and_the_inactive_tagged() {
    let p = Place::new();
    // Recognised by its columns, without --from; a second import adds nothing.
    let out = imported_once(&p, "beehiiv/subscribers_export.csv");
    assert!(out.starts_with("imported from beehiiv export"), "{out}");
    let s = p.load();
    assert_eq!(
        interactions(&s),
        [
            "2023-06-02T08:30:12 grace@example.com connect beehiiv inbound \"\"",
            "2024-01-15T10:23:45 ada@example.com connect beehiiv inbound \"\"",
        ]
    );
    assert_eq!(
        tagged(&s),
        [
            ("ada@example.com".into(), vec![]),
            ("grace@example.com".into(), vec!["beehiiv inactive".into()]),
        ]
    );
}

#[test]
fn shopify_orders_are_one_purchase_each_less_refunds_at_paid_at() {
    let p = Place::new();
    let out = imported_once(&p, "shopify/orders_export_1.csv");
    let s = p.load();
    assert_eq!(
        interactions(&s),
        [
            // Two line items, one order; -0500 read as the offset it is.
            "2024-01-15T15:23:45 Ada Lovelace purchase shopify inbound 62.38 \"order #1001\"",
            // Partly refunded: worth what was kept, 120.00 less 20.00.
            "2024-03-05T17:00:00 Hedy Lamarr purchase shopify inbound 100.00 \"order #1005\"",
        ],
    );
    for left in [
        "1 cancelled order",
        "1 order with no customer",
        "1 unpaid order (pending, authorized)",
        "1 voided order",
    ] {
        assert!(out.contains(left), "`{left}` in {out}");
    }
    assert_eq!(s.settings.currency, "USD");
}

#[test]
fn one_person_across_newsletter_and_shop_is_one_contact() {
    let p = Place::new();
    imported_once(&p, "substack/email_list.examplepub.csv");
    let (code, out, _) = import(
        &p,
        &[fixture("shopify/orders_export_1.csv").to_str().unwrap()],
    );
    assert_eq!(code, 0);
    // Ada is matched by her email; Hedy, who only bought, is new.
    assert!(out.contains("contacts: 1 created, 1 matched"), "{out}");
    let s = p.load();
    assert_eq!(s.contacts.len(), 4);
    let ada = s
        .contacts
        .iter()
        .find(|c| c.email.as_deref() == Some("ada@example.com"))
        .unwrap();
    assert_eq!(
        s.interactions
            .iter()
            .filter(|x| x.contact == ada.id)
            .count(),
        2
    );
    assert_eq!(
        ada.name, "Ada Lovelace",
        "known by her address until the shop named her"
    );
}
