//! The header row of an import file: which column holds what.

use crate::cli::UsageError;
use crate::cli::cells::INTERACTION_COLUMNS;

/// Positions of the known columns in a file.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    pub date: usize,
    pub contact: usize,
    pub kind: usize,
    pub channel: Option<usize>,
    pub direction: Option<usize>,
    pub value: Option<usize>,
    pub note: Option<usize>,
    pub sentiment: Option<usize>,
    pub nps: Option<usize>,
    pub rating: Option<usize>,
    pub handle: Option<usize>,
    pub email: Option<usize>,
    pub tags: Option<usize>,
    /// Number of cells a row must have.
    pub width: usize,
    /// The accepted name of each column, `""` for an ignored one (an empty heading).
    labels: Vec<&'static str>,
}

impl Columns {
    /// Whether the column at `i` has an empty heading, and so is not read.
    pub fn is_ignored(&self, i: usize) -> bool {
        self.labels.get(i).is_none_or(|l| l.is_empty())
    }

    /// How messages name the cell at `i`: its column, or its place for an ignored column.
    pub fn label(&self, i: usize) -> String {
        match self.labels.get(i) {
            Some(l) if !l.is_empty() => (*l).to_string(),
            _ => format!("column {}", i + 1),
        }
    }
}

const REQUIRED: [&str; 3] = ["date", "contact", "kind"];

/// Reads the header. Names are matched ignoring case and surrounding spaces; a column with an
/// empty heading (a spreadsheet's trailing comma) is ignored. Unknown, repeated or missing
/// columns are usage errors: the file does not have the shape this command takes.
pub fn columns(names: &[&str]) -> Result<Columns, UsageError> {
    let mut found: [Option<usize>; INTERACTION_COLUMNS.len()] = [None; INTERACTION_COLUMNS.len()];
    let mut unknown = Vec::new();
    let mut labels = vec![""; names.len()];
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim().trim_start_matches('\u{feff}').trim();
        if name.is_empty() {
            continue;
        }
        match INTERACTION_COLUMNS
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))
        {
            Some(k) if found[k].is_some() => {
                return Err(UsageError(format!(
                    "the column `{}` appears twice in the header",
                    INTERACTION_COLUMNS[k]
                )));
            }
            Some(k) => {
                found[k] = Some(i);
                labels[i] = INTERACTION_COLUMNS[k];
            }
            None => unknown.push(name),
        }
    }
    if !unknown.is_empty() {
        // A few names say what is wrong; a thousand would bury the accepted columns.
        const SHOWN: usize = 10;
        let mut names: Vec<String> = unknown
            .iter()
            .take(SHOWN)
            .map(|u| format!("`{}`", crate::ui::format::fit(u, 40)))
            .collect();
        if unknown.len() > SHOWN {
            names.push(format!(
                "… and {} more",
                crate::store::group_digits((unknown.len() - SHOWN) as u64)
            ));
        }
        return Err(UsageError(format!(
            "unknown column{} {} in the header; the accepted columns are: {} (any order, any case)",
            if unknown.len() == 1 { "" } else { "s" },
            names.join(", "),
            INTERACTION_COLUMNS.join(", ")
        )));
    }
    let at = |name: &str| found[INTERACTION_COLUMNS.iter().position(|c| *c == name).unwrap()];
    let missing: Vec<&str> = REQUIRED.into_iter().filter(|c| at(c).is_none()).collect();
    if !missing.is_empty() {
        return Err(UsageError(format!(
            "the header has no {} column{} (required: date, contact, kind; the first row must \
             name the columns)",
            missing.join(", "),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    Ok(Columns {
        date: at("date").unwrap_or_default(),
        contact: at("contact").unwrap_or_default(),
        kind: at("kind").unwrap_or_default(),
        channel: at("channel"),
        direction: at("direction"),
        value: at("value"),
        note: at("note"),
        sentiment: at("sentiment"),
        nps: at("nps"),
        rating: at("rating"),
        handle: at("handle"),
        email: at("email"),
        tags: at("tags"),
        width: names.len(),
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_order_any_case() {
        let c = columns(&["Kind", " CONTACT ", "note", "date", ""]).unwrap();
        assert_eq!((c.date, c.contact, c.kind, c.note), (3, 1, 0, Some(2)));
        assert_eq!(c.value, None);
        assert_eq!(c.width, 5);
        assert_eq!(
            (c.label(0), c.label(1), c.label(4)),
            ("kind".into(), "contact".into(), "column 5".into())
        );
    }

    #[test]
    fn unknown_columns_list_the_accepted_ones() {
        let e = columns(&["date", "contact", "kind", "amount"])
            .unwrap_err()
            .0;
        assert!(e.contains("unknown column `amount`"), "{e}");
        assert!(
            e.contains("date, contact, handle, email, kind, channel"),
            "{e}"
        );
    }

    #[test]
    fn required_and_repeated_columns() {
        let e = columns(&["date", "note"]).unwrap_err().0;
        assert!(e.contains("no contact, kind columns"), "{e}");
        let e = columns(&["date", "contact", "kind", "Date"]).unwrap_err().0;
        assert!(e.contains("`date` appears twice"), "{e}");
    }
}
