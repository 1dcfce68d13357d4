//! The period the dashboard shows. The spec (7d, 30d, 90d, 365d, all) is the metrics engine's;
//! `[` and `]` step through the presets and stop at either end.

use jiff::civil::Date;

pub use crate::metrics::{Period, PeriodSpec};

/// `]`: the next longer preset, staying on `all`.
pub fn longer(spec: PeriodSpec) -> PeriodSpec {
    match spec {
        PeriodSpec::All => PeriodSpec::All,
        s => s.next(),
    }
}

/// `[`: the next shorter preset, staying on 7d.
pub fn shorter(spec: PeriodSpec) -> PeriodSpec {
    match spec {
        PeriodSpec::Days(n) if n <= crate::metrics::period::PRESET_DAYS[0] => spec,
        s => s.prev(),
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_step_through_the_presets_and_stop_at_the_ends() {
        let mut p = PeriodSpec::Days(7);
        let mut seen = vec![p.to_string()];
        for _ in 0..5 {
            p = longer(p);
            seen.push(p.to_string());
        }
        assert_eq!(seen, ["7d", "30d", "90d", "365d", "all", "all"]);
        for _ in 0..5 {
            p = shorter(p);
        }
        assert_eq!(p, PeriodSpec::Days(7));
        assert_eq!(shorter(PeriodSpec::All), PeriodSpec::Days(365));
    }
}
