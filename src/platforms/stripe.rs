//! A Stripe payments export (Dashboard → Payments → Export, `unified_payments.csv`): each paid
//! payment is a `purchase` worth its amount less what was refunded, by its customer's email.
//! Failed, uncaptured, test-mode and wholly refunded payments are left out and counted.

use super::csv_rows::{self, cell};
use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::{Direction, Kind, Money};

const CREATED: [&str; 3] = ["Created date (UTC)", "Created (UTC)", "Created"];

pub(super) fn claims(head: &str) -> bool {
    head.contains("Amount Refunded") && CREATED.iter().any(|c| head.contains(c))
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    for (path, bytes) in &files.entries {
        if !path.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let file = files.display(path);
        files.parsed(bytes.len());
        let t = csv_rows::read(bytes, |c| {
            csv_rows::has_all(c, &["id", "Amount", "Status"])
                && CREATED.iter().any(|n| csv_rows::has_all(c, &[n]))
        })
        .map_err(|message| Problem {
            file: file.clone(),
            at: String::new(),
            field: String::new(),
            message: format!("{message} (expected id, Created date (UTC), Amount and Status)"),
        })?;
        // Amounts converted to the account's currency, when the export has them, so that every
        // row is in one currency.
        let converted =
            t.col("Converted Amount").is_some() && t.col("Converted Currency").is_some();
        let names = if converted {
            [
                "Converted Amount",
                "Converted Amount Refunded",
                "Converted Currency",
            ]
        } else {
            ["Amount", "Amount Refunded", "Currency"]
        };
        let [amount, refunded, currency] = names.map(|n| t.col(n));
        let [
            id,
            created,
            status,
            captured,
            mode,
            email,
            customer,
            description,
        ] = [
            t.col("id"),
            t.col_any(&CREATED),
            t.col("Status"),
            t.col("Captured"),
            t.col("Mode"),
            t.col("Customer Email"),
            t.col("Customer ID"),
            t.col("Customer Description"),
        ];
        for (line, row) in &t.rows {
            let at_line = format!("line {line}");
            let st = cell(row, status).to_ascii_lowercase();
            if st == "failed" || cell(row, captured).eq_ignore_ascii_case("false") {
                out.skip("failed or uncaptured payment");
                continue;
            }
            if cell(row, mode).eq_ignore_ascii_case("test") {
                out.skip("test-mode payment");
                continue;
            }
            let Some(paid) = out.amount(cell(row, amount), &file, &at_line, names[0]) else {
                continue;
            };
            let Some(back) = out.amount(cell(row, refunded), &file, &at_line, names[1]) else {
                continue;
            };
            let net = Money::from_cents(paid.cents() - back.cents());
            if net.cents() <= 0 {
                out.skip("payment refunded in full");
                continue;
            }
            let cur = cell(row, currency).to_ascii_uppercase();
            if !cur.is_empty() {
                match &out.currency {
                    Some(c) if *c != cur => {
                        out.problem(
                            &file,
                            at_line.clone(),
                            names[2],
                            format!("{cur}, where the rows before are in {c}: import one currency at a time"),
                        );
                        continue;
                    }
                    Some(_) => {}
                    None => out.currency = Some(cur),
                }
            }
            let text = cell(row, created);
            let Some(at) = super::utc_text(text) else {
                out.problem(
                    &file,
                    at_line.clone(),
                    "Created date (UTC)",
                    format!("`{text}` is not a time like 2024-01-15 10:23:45"),
                );
                continue;
            };
            let mail = email_key(cell(row, email));
            let cus = cell(row, customer).to_string();
            let key = match (&mail, cus.is_empty()) {
                (Some(m), _) => m.clone(),
                (None, false) => format!("stripe:{cus}"),
                (None, true) => {
                    out.skip("payment with no customer");
                    continue;
                }
            };
            let desc = cell(row, description);
            let who = out.person(&key, || Person {
                identities: if cus.is_empty() {
                    Default::default()
                } else {
                    [("stripe".to_string(), cus.clone())].into()
                },
                name: if !desc.is_empty() && !desc.contains('@') {
                    desc.to_string()
                } else {
                    mail.clone().unwrap_or_else(|| cus.clone())
                },
                email: mail.clone(),
                ..Person::default()
            });
            out.events.push(Event {
                person: who,
                at,
                kind: Kind::Purchase,
                channel: "stripe".into(),
                direction: Direction::Inbound,
                note: String::new(),
                value: Some(net),
                source: format!("stripe:{}", cell(row, id)),
            });
        }
    }
    Ok(())
}
