//! `Figure`: a number that may honestly be "no data".
//!
//! A rate over nobody, an average of nothing, an NPS with no answers: these have no value, and
//! showing 0 or NaN would be a lie. Every derived figure is built through the constructors here,
//! which return [`Figure::NONE`] for an empty denominator or a non-finite result, so no NaN or
//! infinity can reach a view model. In JSON a figure is a number or `null`.

use std::fmt;

use serde::Serialize;

use crate::store::Money;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Figure(Option<f64>);

impl Figure {
    pub const NONE: Figure = Figure(None);

    /// A finite number; NaN or infinity become "no data".
    pub fn new(x: f64) -> Figure {
        if x.is_finite() {
            Figure(Some(x))
        } else {
            Figure::NONE
        }
    }

    /// `num / den`, or "no data" when `den` is zero.
    pub fn ratio(num: f64, den: f64) -> Figure {
        if den == 0.0 {
            Figure::NONE
        } else {
            Figure::new(num / den)
        }
    }

    /// `part / whole` for counts: a rate in 0..1 whenever `part <= whole`.
    pub fn rate(part: u64, whole: u64) -> Figure {
        Figure::ratio(part as f64, whole as f64)
    }

    /// The arithmetic mean, or "no data" for an empty list.
    pub fn mean(sum: f64, count: u64) -> Figure {
        Figure::ratio(sum, count as f64)
    }

    pub fn value(self) -> Option<f64> {
        self.0
    }

    pub fn is_none(self) -> bool {
        self.0.is_none()
    }

    pub fn map(self, f: impl FnOnce(f64) -> f64) -> Figure {
        self.0.map_or(Figure::NONE, |x| Figure::new(f(x)))
    }

    /// Change since `previous`; "no data" unless both periods have a value.
    pub fn delta(self, previous: Figure) -> Figure {
        match (self.0, previous.0) {
            (Some(a), Some(b)) => Figure::new(a - b),
            _ => Figure::NONE,
        }
    }
}

impl From<Option<f64>> for Figure {
    fn from(x: Option<f64>) -> Figure {
        x.map_or(Figure::NONE, Figure::new)
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(x) => fmt::Display::fmt(&x, f),
            None => f.write_str("n/a"),
        }
    }
}

/// `total / n` rounded to the cent (halves away from zero), or `None` when `n` is zero.
/// Integer arithmetic throughout: money never passes through a float on its way to a figure.
pub fn money_per(total: Money, n: u64) -> Option<Money> {
    if n == 0 {
        return None;
    }
    Some(Money(div_round(i128::from(total.cents()), i128::from(n))))
}

fn div_round(num: i128, den: i128) -> i64 {
    let q = num / den;
    let r = num % den;
    let q = if 2 * r.abs() >= den.abs() {
        q + if (num < 0) == (den < 0) { 1 } else { -1 }
    } else {
        q
    };
    q.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// Ratio of two amounts, exact up to the final division.
pub fn money_ratio(a: Money, b: Money) -> Figure {
    Figure::ratio(a.cents() as f64, b.cents() as f64)
}

/// The median of a list (mean of the middle two for an even count), "no data" when empty.
pub(crate) fn median(values: &mut [i64]) -> Figure {
    if values.is_empty() {
        return Figure::NONE;
    }
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        Figure::new(values[n / 2] as f64)
    } else {
        Figure::new((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0)
    }
}

/// Whole percentages of the parts of one whole that add up to 100 (largest remainders get the
/// points rounding took away; ties go to the earlier part), so a split never reads
/// 58 + 32 + 11. All zeros for nothing.
pub fn whole_percents(parts: &[u64]) -> Vec<u64> {
    let total: u128 = parts.iter().map(|p| u128::from(*p)).sum();
    if total == 0 {
        return vec![0; parts.len()];
    }
    let mut out: Vec<u64> = parts
        .iter()
        .map(|p| (u128::from(*p) * 100 / total) as u64)
        .collect();
    let mut rest: Vec<(u128, usize)> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| (u128::from(*p) * 100 % total, i))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = 100u64.saturating_sub(out.iter().sum::<u64>());
    for (_, i) in rest.into_iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_denominators_are_no_data_not_nan() {
        assert_eq!(Figure::rate(0, 0), Figure::NONE);
        assert_eq!(Figure::ratio(1.0, 0.0), Figure::NONE);
        assert_eq!(Figure::new(f64::NAN), Figure::NONE);
        assert_eq!(Figure::rate(1, 4).value(), Some(0.25));
        assert_eq!(serde_json::to_string(&Figure::NONE).unwrap(), "null");
        assert_eq!(serde_json::to_string(&Figure::new(0.5)).unwrap(), "0.5");
        assert_eq!(Figure::NONE.to_string(), "n/a");
    }

    #[test]
    fn deltas_need_both_sides() {
        assert_eq!(
            Figure::new(0.5).delta(Figure::new(0.25)).value(),
            Some(0.25)
        );
        assert!(Figure::new(0.5).delta(Figure::NONE).is_none());
    }

    #[test]
    fn money_divides_to_the_nearest_cent() {
        // 100.00 / 3 = 33.333… → 33.33; 0.05 / 2 = 0.025 → 0.03 (half away from zero).
        assert_eq!(money_per(Money(10_000), 3), Some(Money(3_333)));
        assert_eq!(money_per(Money(5), 2), Some(Money(3)));
        assert_eq!(money_per(Money(-5), 2), Some(Money(-3)));
        assert_eq!(money_per(Money(5), 0), None);
    }

    #[test]
    fn median_of_odd_and_even_lists() {
        assert_eq!(median(&mut [5, 1, 3]).value(), Some(3.0));
        assert_eq!(median(&mut [4, 1, 2, 8]).value(), Some(3.0));
        assert!(median(&mut []).is_none());
    }
}
