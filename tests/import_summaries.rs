//! What every format's import says, as a user reads it: the dry run (each kind, who is new,
//! what was left out and why, the first rows as they would be saved), the import itself, and
//! the money lines: a currency taken by an empty store, amounts converted at a rate, amounts in
//! another currency refused.

mod cli_support;

use cli_support::*;

/// The fixtures, one per format, as a user would point at them.
const FORMATS: [&str; 10] = [
    "linkedin",
    "slack",
    "discord",
    "mailchimp",
    "sendgrid/events.json",
    "substack/email_list.examplepub.csv",
    "beehiiv/subscribers_export.csv",
    "shopify/orders_export_1.csv",
    "stripe/unified_payments.csv",
    "github/repo",
];

/// Runs `import ARGS…` and gives back what a terminal would show: the exit, stdout, stderr.
fn said(p: &Place, args: &[&str]) -> String {
    let (code, out, err) = import(p, args);
    let root = fixture("").display().to_string();
    let dir = p.dir.path().display().to_string();
    format!("exit {code}\n{out}{err}")
        .replace(&root, "<fixtures>/")
        .replace(&dir, "<dir>")
}

#[test]
fn every_format_says_what_it_would_do_and_what_it_did() {
    let mut all = String::new();
    for f in FORMATS {
        let p = Place::new();
        let path = fixture(f);
        let path = path.to_str().unwrap();
        all.push_str(&format!("$ import {f} --dry-run\n"));
        all.push_str(&said(&p, &[path, "--dry-run"]));
        all.push_str(&format!("$ import {f}\n"));
        all.push_str(&said(&p, &[path]));
        all.push('\n');
    }
    insta::assert_snapshot!(all);
}

#[test]
fn money_in_another_currency_is_taken_converted_or_refused() {
    let p = Place::new();
    let eur = p.file(
        "unified_payments.csv",
        "id,Created date (UTC),Amount,Amount Refunded,Currency,Status,Customer Email\n\
         ch_e1,2024-03-01 09:00:00,49.00,0,eur,Paid,ada@example.com\n\
         ch_e2,2024-03-02 09:00:00,100.00,10.00,eur,Paid,grace@example.com\n",
    );
    let usd = fixture("stripe/unified_payments.csv");
    let usd = usd.to_str().unwrap();
    let mut all = String::new();
    all.push_str("$ import unified_payments.csv (EUR, into an empty store)\n");
    all.push_str(&said(&p, &[eur.to_str().unwrap()]));
    all.push_str("$ import unified_payments.csv (USD)\n");
    all.push_str(&said(&p, &[usd]));
    all.push_str("$ import unified_payments.csv (USD) --rate USD=0.92 --dry-run\n");
    all.push_str(&said(&p, &[usd, "--rate", "USD=0.92", "--dry-run"]));
    all.push_str("$ import unified_payments.csv (USD) --rate USD=0.92\n");
    all.push_str(&said(&p, &[usd, "--rate", "USD=0.92"]));
    insta::assert_snapshot!(all);
    let s = p.load();
    assert_eq!(s.settings.currency, "EUR");
    // 49.00 and 100.00 − 10.00 as they were; Stripe's 29.00 USD × 0.92 = 26.68 EUR.
    let values: Vec<i64> = s
        .interactions
        .iter()
        .filter_map(|x| x.value.map(|v| v.cents()))
        .collect();
    assert_eq!(values, [2668, 4900, 9000]);
}
