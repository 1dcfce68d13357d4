//! `Money`: an exact amount in minor units (cents), never a float that accumulates error.
//!
//! In the JSON file an amount is written as a plain number in major units with at most two
//! decimals (`129.99`), which is what a person editing the file expects. Reading converts it to
//! integer cents once and refuses anything with finer precision rather than rounding it away.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

/// Largest amount accepted: far beyond any real ledger, small enough that sums of a million of
/// them cannot overflow an `i64` of cents and that the decimal text round-trips through `f64`.
pub const MAX_CENTS: i64 = 1_000_000_000_000; // ten billion in major units

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses `129.99`, `1,299.5`, `12`, `$12.00` style text a person types, and the decimal
    /// comma of most of Europe (`49,90`, `1.299,50`). At most two decimals.
    pub fn parse(text: &str) -> Result<Money, String> {
        let t: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, '_' | ' ' | '$' | '€' | '£'))
            .collect();
        let expected = || format!("`{}` is not an amount (expected e.g. 129.99)", text.trim());
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(&t)),
        };
        let (whole, frac) = split_decimals(digits).ok_or_else(expected)?;
        let whole = whole.as_str();
        if (whole.is_empty() && frac.is_empty())
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(expected());
        }
        if frac.len() > 2 {
            return Err(format!("`{}` has more than two decimals", text.trim()));
        }
        let too_large = || format!("`{}` is too large", text.trim());
        // All digits by now: a whole part that does not parse is one too long for an i64.
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_large())?
        };
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| expected())? * 10,
            _ => frac.parse().map_err(|_| expected())?,
        };
        let cents = whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac_cents))
            .filter(|c| *c <= MAX_CENTS)
            .ok_or_else(too_large)?;
        Ok(Money(if neg { -cents } else { cents }))
    }

    /// Converts a JSON number. Exact for every amount with at most two decimals below
    /// [`MAX_CENTS`], because such decimals are far apart compared with an `f64`'s spacing there.
    pub fn from_major_f64(x: f64) -> Result<Money, String> {
        if !x.is_finite() {
            return Err("amount is not a finite number".into());
        }
        let scaled = x * 100.0;
        let cents = scaled.round();
        if cents.abs() > MAX_CENTS as f64 {
            return Err(format!("amount {x} is too large"));
        }
        if (scaled - cents).abs() > 1e-6 * cents.abs().max(1.0) {
            return Err(format!("amount {x} has more than two decimals"));
        }
        Ok(Money(cents as i64))
    }

    pub fn as_major_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }
}

/// Splits an amount into its whole digits (thousands separators taken out) and its decimals.
/// A comma followed by one or two digits at the end is a decimal comma (`49,90`), and points
/// before it group thousands (`1.299,50`); otherwise commas group thousands and a point starts
/// the decimals. Either kind of grouping must come in threes, so `49,90` can never be read as
/// 4,990 nor `1,2345` guessed at. `None` for separators that fit neither.
fn split_decimals(s: &str) -> Option<(String, &str)> {
    if let Some((whole, frac)) = s.rsplit_once(',')
        && (1..=2).contains(&frac.len())
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Some((ungroup(whole, '.')?, frac));
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    Some((ungroup(whole, ',')?, frac))
}

/// `1,299,000` → `1299000`: groups of three after the first; `None` when they are not.
fn ungroup(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next().unwrap_or_default();
    let mut out = first.to_string();
    for g in groups {
        if first.is_empty() || first.len() > 3 || g.len() != 3 {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

impl fmt::Display for Money {
    /// `1234.5` → `1,234.50`; grouping makes dashboard figures readable at a glance.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let grouped = group_digits(abs / 100);
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

/// `1234567` → `1,234,567`: the one digit grouping of amounts and counts everywhere.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Whole amounts are written as integers (`12`), others with their cents (`12.5` → 12.5).
        // The shortest text of cents/100 as f64 is the two-decimal text itself in this range.
        if self.0.unsigned_abs().is_multiple_of(100) {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_major_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount such as 129.99")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .filter(|c| c.abs() <= MAX_CENTS)
                    .map(Money)
                    .ok_or_else(|| E::custom(format!("amount {v} is too large")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom(format!("amount {v} is too large")))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                Money::from_major_f64(v).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("129.99"), Ok(Money(12999)));
        assert_eq!(Money::parse("1,299.5"), Ok(Money(129950)));
        assert_eq!(Money::parse("$12"), Ok(Money(1200)));
        assert_eq!(Money::parse(".5"), Ok(Money(50)));
        assert_eq!(Money::parse("-3.10"), Ok(Money(-310)));
        assert!(Money::parse("1.999").unwrap_err().contains("two decimals"));
        assert!(Money::parse("abc").is_err());
        // A decimal comma, as European spreadsheets write, never a hundred times the amount.
        assert_eq!(Money::parse("49,90"), Ok(Money(4990)));
        assert_eq!(Money::parse("0,5"), Ok(Money(50)));
        assert_eq!(Money::parse("€ 1.299,50"), Ok(Money(129950)));
        assert_eq!(Money::parse("1,299"), Ok(Money(129900)));
        assert_eq!(Money::parse("1,299,000.10"), Ok(Money(129900010)));
        for odd in [
            "1,2345",
            "12,34,56",
            "1.2345,00",
            ",123",
            "1,,000",
            "1.299.50",
        ] {
            assert!(Money::parse(odd).is_err(), "{odd}");
        }
        assert!(Money::parse("").is_err());
        for huge in ["99999999999999", "99999999999999999999999"] {
            assert!(
                Money::parse(huge).unwrap_err().contains("too large"),
                "{huge}"
            );
        }
    }

    #[test]
    fn json_numbers_convert_exactly() {
        let m: Money = serde_json::from_str("0.1").unwrap();
        assert_eq!(m, Money(10));
        let sum: Money = [m, m, m].into_iter().sum();
        assert_eq!(sum, Money(30)); // 0.1 + 0.1 + 0.1 in floats would be 0.30000000000000004
        assert!(serde_json::from_str::<Money>("0.125").is_err());
        assert_eq!(serde_json::to_string(&Money(12999)).unwrap(), "129.99");
        assert_eq!(serde_json::to_string(&Money(1200)).unwrap(), "12");
        assert_eq!(serde_json::to_string(&Money(5)).unwrap(), "0.05");
    }

    #[test]
    fn displays_grouped_with_cents() {
        assert_eq!(Money(123456789).to_string(), "1,234,567.89");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money(0).to_string(), "0.00");
    }
}
