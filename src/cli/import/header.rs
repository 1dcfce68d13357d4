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
        let mut shown: Vec<String> = unknown
            .iter()
            .take(SHOWN)
            .map(|u| format!("`{}`", crate::ui::format::fit(u, 40)))
            .collect();
        if unknown.len() > SHOWN {
            shown.push(format!(
                "… and {} more",
                crate::store::group_digits((unknown.len() - SHOWN) as u64)
            ));
        }
        let hint = match suggested_map(names) {
            Some(map) => format!(
                "; or say which column is which with --map, like --map '{map}' (docs/IMPORT.md)"
            ),
            None => String::new(),
        };
        return Err(UsageError(format!(
            "unknown column{} {} in the header; the accepted columns are: {} (any order, any \
             case){hint}",
            if unknown.len() == 1 { "" } else { "s" },
            shown.join(", "),
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

/// Words other tools head their columns with, by the field they hold: a first `--map` to offer
/// when a file's columns are not ror-tui's own. Matched on the heading's words, so
/// `activity_type`, `Created At` and `Member Name` are found.
const SYNONYMS: [(&str, &[&str]); 9] = [
    (
        "date",
        &[
            "timestamp",
            "time",
            "date",
            "created",
            "at",
            "when",
            "day",
            "occurred",
        ],
    ),
    (
        "contact",
        &[
            "member", "name", "user", "author", "person", "customer", "who", "username",
        ],
    ),
    ("kind", &["type", "activity", "action", "event", "kind"]),
    ("email", &["email", "e-mail", "mail"]),
    ("handle", &["handle", "login", "screen"]),
    ("channel", &["channel", "platform", "source", "medium"]),
    (
        "note",
        &[
            "text",
            "message",
            "body",
            "content",
            "comment",
            "notes",
            "description",
        ],
    ),
    ("value", &["amount", "total", "price", "revenue"]),
    ("tags", &["labels", "label", "segment", "segments"]),
];

/// `timestamp=date,member=contact,activity_type=kind` for the unknown headings whose words say
/// what they hold, each field offered once; none when no heading says.
/// A `--map` for a header with headings ror-tui does not know: the known ones as themselves
/// (a map leaves out every column it does not name), each other one as the field its words say,
/// each field once. `None` when no unknown heading says anything.
fn suggested_map(headings: &[&str]) -> Option<String> {
    let known = |h: &str| {
        INTERACTION_COLUMNS
            .iter()
            .find(|c| c.eq_ignore_ascii_case(h.trim()))
            .copied()
    };
    let mut taken: Vec<&str> = headings.iter().filter_map(|h| known(h)).collect();
    let mut pairs = Vec::new();
    let mut guessed = false;
    for heading in headings.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
        if let Some(field) = known(heading) {
            pairs.push(format!("{heading}={field}"));
            continue;
        }
        let lower = heading.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .collect();
        let field = SYNONYMS
            .iter()
            .find(|(field, names)| {
                !taken.contains(field) && words.iter().any(|w| names.contains(w))
            })
            .map(|(field, _)| *field);
        if let Some(field) = field {
            taken.push(field);
            pairs.push(format!("{heading}={field}"));
            guessed = true;
        }
    }
    guessed.then(|| pairs.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_tools_headings_are_offered_as_a_map() {
        let e = columns(&["timestamp", "member", "activity_type"])
            .unwrap_err()
            .0;
        assert!(
            e.ends_with(
                "or say which column is which with --map, like --map \
                 'timestamp=date,member=contact,activity_type=kind' (docs/IMPORT.md)"
            ),
            "{e}"
        );
        // Each field once, headings that say nothing left out.
        assert_eq!(
            suggested_map(&[
                "Created At",
                "Updated At",
                "Member Name",
                "zzz",
                "Email Address"
            ]),
            Some("Created At=date,Member Name=contact,Email Address=email".into())
        );
        assert_eq!(suggested_map(&["zzz", "qq"]), None);
        // Known columns are kept (a map leaves out what it does not name) and their fields
        // are not offered again.
        assert_eq!(
            suggested_map(&["email", "email_disabled", "created_at", "plan"]),
            Some("email=email,created_at=date".into())
        );
        assert_eq!(
            suggested_map(&["Date", "contact", "kind", "amount"]),
            Some("Date=date,contact=contact,kind=kind,amount=value".into())
        );
        assert_eq!(suggested_map(&["date", "contact", "zzz"]), None);
    }

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
