//! Parsing the values of one interaction as typed on the command line or found in a CSV cell, so
//! `log` and `import` accept and reject exactly the same things with the same words.

use crate::store::{Direction, Kind, MAX_CENTS, Money};

/// Channel recorded when none is given.
pub const DEFAULT_CHANNEL: &str = "other";

/// A kind, without allocating for the usual exact spellings (import parses one per row).
pub fn kind(s: &str) -> Result<Kind, String> {
    let t = s.trim();
    Kind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str().eq_ignore_ascii_case(t))
        .map_or_else(|| t.parse(), Ok)
}

pub fn direction(s: &str) -> Result<Direction, String> {
    Direction::parse_loose(s)
}

/// A purchase value: exact, at most two decimals, not negative.
pub fn value(s: &str) -> Result<Money, String> {
    let m = Money::parse(s)?;
    if m.cents() < 0 {
        return Err(format!("`{}` is negative (a value is 0 or more)", s.trim()));
    }
    debug_assert!(m.cents() <= MAX_CENTS);
    Ok(m)
}

/// A survey answer 0-10.
pub fn nps(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n) if n <= 10 => Ok(n),
        _ => Err(format!("`{}` is not an NPS answer (0-10)", s.trim())),
    }
}

/// A rating 1-5.
pub fn rating(s: &str) -> Result<u8, String> {
    match s.trim().parse::<u8>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(format!("`{}` is not a rating (1-5)", s.trim())),
    }
}

/// A sentiment score -1..1, with a decimal point or (as European spreadsheets write) a comma.
pub fn sentiment(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let point = (t.matches(',').count() == 1 && !t.contains('.')).then(|| t.replace(',', "."));
    match point.as_deref().unwrap_or(t).parse::<f64>() {
        Ok(x) if x.is_finite() && (-1.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "`{}` is not a sentiment (a number from -1 to 1)",
            s.trim()
        )),
    }
}

/// Handles are stored without the leading `@` people often type.
pub fn handle(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('@').unwrap_or(t)
}

/// Whether text looks like an email address rather than a name.
pub fn looks_like_email(s: &str) -> bool {
    let t = s.trim();
    match t.split_once('@') {
        Some((user, domain)) => !user.is_empty() && domain.contains('.') && !t.contains(' '),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_accept_any_case_and_say_what_is_expected() {
        assert_eq!(kind("Purchase"), Ok(Kind::Purchase));
        assert_eq!(kind("email-open"), Ok(Kind::EmailOpen));
        assert!(kind("tweet").unwrap_err().contains("expected one of"));
    }

    #[test]
    fn values_are_exact_and_not_negative() {
        assert_eq!(value("19.99"), Ok(Money::from_cents(1999)));
        assert!(value("-1").unwrap_err().contains("negative"));
        assert!(value("1.234").unwrap_err().contains("two decimals"));
    }

    #[test]
    fn ranges_are_enforced() {
        assert_eq!(nps("0"), Ok(0));
        assert_eq!(nps("10"), Ok(10));
        assert!(nps("11").is_err());
        assert!(nps("-1").is_err());
        assert!(rating("0").is_err());
        assert_eq!(rating("5"), Ok(5));
        assert_eq!(sentiment("-1"), Ok(-1.0));
        assert!(sentiment("1.01").is_err());
        assert!(sentiment("NaN").is_err());
    }

    #[test]
    fn handles_and_emails() {
        assert_eq!(handle(" @ada "), "ada");
        assert!(looks_like_email("ada@example.org"));
        assert!(!looks_like_email("@ada"));
        assert!(!looks_like_email("Ada at example.org"));
    }
}
