//! A Shopify orders export (`orders_export_1.csv`, one row per line item; the order's own
//! columns only on its first row). Each paid order is one `purchase` on `shopify`, worth its
//! total less what was refunded, at `Paid at`. Unpaid, voided, cancelled and wholly refunded
//! orders, and orders with no customer, are counted and reported.

use std::collections::HashSet;

use super::csv_rows::{self, cell};
use super::{Event, Export, Files, Person, Problem, email_key};
use crate::store::{Direction, Kind, Money};

pub(super) fn claims(head: &str) -> bool {
    head.contains("Financial Status") && head.contains("Lineitem name")
}

/// `2024-01-15 10:23:45 -0500` as the local moment it was.
fn paid_at(s: &str) -> Option<crate::store::Moment> {
    let ts = jiff::Timestamp::strptime("%Y-%m-%d %H:%M:%S %z", s.trim()).ok()?;
    Some(super::local(ts))
}

pub(super) fn read(files: &Files, out: &mut Export) -> Result<(), Problem> {
    let mut orders: HashSet<String> = HashSet::new();
    for (path, bytes) in &files.entries {
        if !path.to_ascii_lowercase().ends_with(".csv") {
            continue;
        }
        let file = files.display(path);
        files.parsed(bytes.len());
        let t = csv_rows::read(bytes, |c| {
            csv_rows::has_all(c, &["Name", "Financial Status", "Total"])
        })
        .map_err(|message| Problem {
            file: file.clone(),
            at: String::new(),
            field: String::new(),
            message: format!("{message} (expected Name, Financial Status and Total)"),
        })?;
        let col = |n: &str| t.col(n);
        let [
            name,
            email,
            status,
            paid,
            currency,
            total,
            refunded,
            cancelled,
            billing,
            shipping,
            company,
            phone,
        ] = [
            "Name",
            "Email",
            "Financial Status",
            "Paid at",
            "Currency",
            "Total",
            "Refunded Amount",
            "Cancelled at",
            "Billing Name",
            "Shipping Name",
            "Billing Company",
            "Phone",
        ]
        .map(col);
        for (line, row) in &t.rows {
            // Only an order's first row carries its status; the others are more of its items.
            let st = cell(row, status).to_ascii_lowercase();
            if st.is_empty() {
                continue;
            }
            let order = cell(row, name).to_string();
            let at_line = format!("line {line}");
            if !orders.insert(order.clone()) {
                out.problem(
                    &file,
                    at_line,
                    "Name",
                    format!("order {order} appears twice"),
                );
                continue;
            }
            if !cell(row, cancelled).is_empty() {
                out.skip("cancelled order");
                continue;
            }
            match st.as_str() {
                "paid" | "partially_refunded" | "partially_paid" => {}
                "refunded" => {
                    out.skip("order refunded in full");
                    continue;
                }
                "voided" => {
                    out.skip("voided order");
                    continue;
                }
                _ => {
                    out.skip("unpaid order (pending, authorized)");
                    continue;
                }
            }
            let Some(sum) = out.amount(cell(row, total), &file, &at_line, "Total") else {
                continue;
            };
            let Some(back) = out.amount(cell(row, refunded), &file, &at_line, "Refunded Amount")
            else {
                continue;
            };
            let net = Money::from_cents(sum.cents() - back.cents());
            if net.cents() <= 0 {
                out.skip("order refunded in full");
                continue;
            }
            let Some(at) = paid_at(cell(row, paid)) else {
                out.problem(
                    &file,
                    at_line,
                    "Paid at",
                    format!(
                        "`{}` is not a time like 2024-01-15 10:23:45 -0500",
                        cell(row, paid)
                    ),
                );
                continue;
            };
            let cur = cell(row, currency).to_ascii_uppercase();
            if !cur.is_empty() {
                match &out.currency {
                    Some(c) if *c != cur => {
                        out.problem(
                            &file,
                            at_line,
                            "Currency",
                            format!("{cur}, where the orders before are in {c}: import one currency at a time"),
                        );
                        continue;
                    }
                    Some(_) => {}
                    None => out.currency = Some(cur),
                }
            }
            let mail = email_key(cell(row, email));
            let tel = cell(row, phone).trim_start_matches('\'').to_string();
            let key = match (&mail, tel.is_empty()) {
                (Some(m), _) => m.clone(),
                (None, false) => format!("phone:{tel}"),
                (None, true) => {
                    out.skip("order with no customer");
                    continue;
                }
            };
            let person_name = [cell(row, billing), cell(row, shipping)]
                .into_iter()
                .find(|n| !n.is_empty())
                .map(str::to_string)
                .or(mail.clone())
                .unwrap_or_else(|| tel.clone());
            let org = cell(row, company).to_string();
            // A buyer known by phone alone keeps it as an identity, so that the next export
            // finds them again (a name alone never does).
            let identities = if mail.is_none() {
                [("shopify".to_string(), key.clone())].into()
            } else {
                Default::default()
            };
            let who = out.person(&key, || Person {
                identities,
                name: person_name,
                email: mail.clone(),
                organisation: (!org.is_empty()).then_some(org),
                ..Person::default()
            });
            out.events.push(Event {
                person: who,
                at,
                kind: Kind::Purchase,
                channel: "shopify".into(),
                direction: Direction::Inbound,
                note: format!("order {order}"),
                value: Some(net),
                source: format!("shopify:{order}"),
            });
        }
    }
    if orders.is_empty() && out.problems.is_empty() {
        return Err(super::whole(
            files,
            "no orders_export CSV with Name, Financial Status and Total",
        ));
    }
    Ok(())
}
