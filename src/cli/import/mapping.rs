//! `--map`, `--set` and `--profile`: any CSV brought into ror-tui's own columns. The file is
//! rewritten with the mapped columns renamed (dates in a given format turned into ISO dates) and
//! the `--set` values added to every row, one output line for each input line so that messages
//! keep naming the file's own lines; the result is then imported like a CSV in ror-tui's columns.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::cli::UsageError;

/// One `Column=field` of `--map`, with the date format after `field` when given:
/// `Connected On=date(%d %b %Y)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapped {
    pub column: String,
    pub field: String,
    pub format: Option<String>,
}

/// A saved mapping: `--profile NAME` reads it, `--save-profile NAME` writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub map: Vec<Mapped>,
    /// Field → the value every row gets.
    #[serde(default)]
    pub set: BTreeMap<String, String>,
}

impl Profile {
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.set.is_empty()
    }
}

/// Parses `--map 'Connected On=date(%d %b %Y),Email Address=email'`: pairs split on commas
/// outside parentheses.
pub fn parse_map(spec: &str, fields: &[&str]) -> Result<Vec<Mapped>, UsageError> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    let mut parts = Vec::new();
    for (i, c) in spec.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&spec[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&spec[start..]);
    for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
        let Some((column, target)) = part.rsplit_once('=') else {
            return Err(UsageError(format!(
                "`{}` in --map is not COLUMN=FIELD (e.g. 'Connected On=date')",
                part.trim()
            )));
        };
        let target = target.trim();
        let (field, format) = match target.split_once('(') {
            Some((f, rest)) => (
                f.trim(),
                Some(rest.strip_suffix(')').unwrap_or(rest).to_string()),
            ),
            None => (target, None),
        };
        let field = field.to_ascii_lowercase();
        known_field(&field, fields)?;
        if format.is_some() && field != "date" && field != "created" {
            return Err(UsageError(format!(
                "only a date takes a format in --map (`{part}`)"
            )));
        }
        if out.iter().any(|m: &Mapped| m.field == field) {
            return Err(UsageError(format!("--map names the field {field} twice")));
        }
        out.push(Mapped {
            column: column.trim().to_string(),
            field,
            format,
        });
    }
    Ok(out)
}

/// Parses `--set kind=connect`.
pub fn parse_set(
    items: &[String],
    fields: &[&str],
) -> Result<BTreeMap<String, String>, UsageError> {
    let mut out = BTreeMap::new();
    for item in items {
        let Some((field, value)) = item.split_once('=') else {
            return Err(UsageError(format!(
                "`{item}` in --set is not FIELD=VALUE (e.g. kind=connect)"
            )));
        };
        let field = field.trim().to_ascii_lowercase();
        known_field(&field, fields)?;
        out.insert(field, value.trim().to_string());
    }
    Ok(out)
}

fn known_field(field: &str, fields: &[&str]) -> Result<(), UsageError> {
    if fields.contains(&field) {
        return Ok(());
    }
    Err(UsageError(format!(
        "`{field}` is not a field to import into (one of: {})",
        fields.join(", ")
    )))
}

/// The file of saved mappings.
fn profiles_file() -> Result<PathBuf> {
    Ok(crate::paths::config_dir()?.join("import-profiles.json"))
}

fn read_profiles(path: &Path) -> Result<BTreeMap<String, Profile>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .with_context(|| format!("{} is not a file of import profiles", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The saved mapping `name`.
pub fn load_profile(name: &str) -> Result<Profile> {
    let path = profiles_file()?;
    let all = read_profiles(&path)?;
    match all.get(name) {
        Some(p) => Ok(p.clone()),
        None => {
            let names: Vec<&str> = all.keys().map(String::as_str).collect();
            Err(UsageError(format!(
                "no import profile `{name}` in {} (saved: {})",
                path.display(),
                if names.is_empty() {
                    "none yet; --save-profile NAME keeps a --map".to_string()
                } else {
                    names.join(", ")
                }
            ))
            .into())
        }
    }
}

/// Saves `profile` as `name`, replacing one of that name; returns where.
pub fn save_profile(name: &str, profile: &Profile) -> Result<PathBuf> {
    let path = profiles_file()?;
    let mut all = read_profiles(&path)?;
    all.insert(name.to_string(), profile.clone());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&all)?;
    let tmp = tempfile::NamedTempFile::new_in(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(tmp.path(), text + "\n")?;
    tmp.persist(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// `text` (a CSV separated by `delimiter`) with its columns mapped: the result, comma-separated,
/// has a line for each line of `text`.
pub fn rewrite(text: &[u8], delimiter: u8, profile: &Profile) -> Result<Vec<u8>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(h) => h.context("the header row cannot be read")?,
        None => {
            return Err(UsageError(
                "the file is empty; its first row must name the columns".into(),
            )
            .into());
        }
    };
    let names: Vec<String> = header
        .iter()
        .map(|c| {
            String::from_utf8_lossy(c)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    let mut at = Vec::new();
    for m in &profile.map {
        let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(&m.column)) else {
            return Err(UsageError(format!(
                "--map names the column `{}`, which the file does not have (its columns: {})",
                m.column,
                names.join(", ")
            ))
            .into());
        };
        at.push(i);
    }
    let head: Vec<&str> = profile
        .map
        .iter()
        .map(|m| m.field.as_str())
        .chain(profile.set.keys().map(String::as_str))
        .collect();
    let mut out = Vec::with_capacity(text.len());
    record(&mut out, &head)?;
    let mut line = 1u64;
    for rec in records {
        let rec = rec.map_err(|e| anyhow::anyhow!("line {}: {e}", line + 1))?;
        // A record's position is where the reader started it, before the blank lines it
        // passed over: those are counted here.
        let start = rec.position().map_or(line + 1, |p| {
            let blank = text[p.byte() as usize..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .filter(|b| **b == b'\n')
                .count() as u64;
            p.line() + blank
        });
        // Blank lines the reader passed over: kept, so that line numbers stay the file's.
        let blank = start.saturating_sub(line + 1) as usize;
        out.resize(out.len() + blank, b'\n');
        let cells: Vec<String> = profile
            .map
            .iter()
            .zip(&at)
            .map(|(m, i)| {
                let raw = String::from_utf8_lossy(rec.get(*i).unwrap_or_default()).into_owned();
                match &m.format {
                    Some(f) => reformat(&raw, f).unwrap_or(raw),
                    None => raw,
                }
            })
            .chain(profile.set.values().cloned())
            .collect();
        record(&mut out, &cells)?;
        let inside = rec.iter().flatten().filter(|b| **b == b'\n').count() as u64;
        line = start + inside;
    }
    Ok(out)
}

/// Appends one CSV row (quoted where it must be) and its line end.
fn record<S: AsRef<[u8]>>(out: &mut Vec<u8>, cells: &[S]) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(cells)?;
    out.extend(w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?);
    Ok(())
}

/// A date or date-time in `format` as the importer reads dates; `None` leaves the cell as it
/// is, for the importer to name it.
fn reformat(cell: &str, format: &str) -> Option<String> {
    let t = cell.trim();
    if let Ok(ts) = jiff::Timestamp::strptime(format, t) {
        return Some(ts.to_string());
    }
    let has_time = ["%H", "%I", "%M", "%S", "%T", "%R", "%p", "%P"]
        .iter()
        .any(|d| format.contains(d));
    if has_time {
        let dt = jiff::civil::DateTime::strptime(format, t).ok()?;
        return Some(dt.strftime("%Y-%m-%dT%H:%M:%S").to_string());
    }
    jiff::civil::Date::strptime(format, t)
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_split_on_commas_outside_a_format() {
        use crate::cli::cells::INTERACTION_COLUMNS as F;
        let m = parse_map(
            "Connected On=date(%b %d, %Y), Email Address=email,Name=contact",
            &F,
        )
        .unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].format.as_deref(), Some("%b %d, %Y"));
        assert_eq!(
            (m[1].column.as_str(), m[1].field.as_str()),
            ("Email Address", "email")
        );
        let err = |spec: &str| parse_map(spec, &F).unwrap_err().0;
        assert!(err("Amount=price").contains("not a field"));
        assert!(err("A=note(%Y)").contains("only a date"));
        assert!(err("A=note,B=note").contains("twice"));
    }

    #[test]
    fn the_rewrite_keeps_the_files_lines() {
        let text = b"Name,When,Said\n\nAda,15 Jan 2024,\"two\nlines\"\nGrace,16 Jan 2024,hi\n";
        let p = Profile {
            map: parse_map(
                "Name=contact,When=date(%d %b %Y),Said=note",
                &crate::cli::cells::INTERACTION_COLUMNS,
            )
            .unwrap(),
            set: parse_set(
                &["kind=message".into()],
                &crate::cli::cells::INTERACTION_COLUMNS,
            )
            .unwrap(),
        };
        let out = String::from_utf8(rewrite(text, b',', &p).unwrap()).unwrap();
        assert_eq!(
            out,
            "contact,date,note,kind\n\nAda,2024-01-15,\"two\nlines\",message\nGrace,2024-01-16,hi,message\n"
        );
    }
}
