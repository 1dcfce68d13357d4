//! The ROR metrics engine: pure functions from (store, as-of date, period) to view models.
//!
//! Build an [`Index`] once per store version, then call [`compute`] for a [`Dashboard`] holding
//! the figures of the period and of the previous period (for ▲▼ deltas), time series and lists.
//! Team members are excluded everywhere (the index drops them). A figure without data is
//! [`Figure::NONE`], never NaN or a division by zero. Every formula is written out, with its
//! rationale and a worked example, in `docs/METRICS.md`.

pub mod advocates;
pub mod churn;
pub mod commitments;
pub mod contact;
pub mod dashboard;
mod days;
pub mod engagement;
pub mod figure;
pub mod index;
pub mod ledger;
pub mod orbit;
pub mod period;
pub mod referrals;
pub mod report;
pub mod ror;
mod scan;
pub mod segment;
pub mod sentiment;
pub mod series;
pub mod value;

pub use advocates::{Advocacy, Advocate, ContactRef, decay};
pub use churn::{
    AtRisk, AtRiskReason, ChurnFigures, CohortRow, DueTouch, MonthChurn, Status, members_on,
    stay_in_touch, stay_in_touch_within,
};
pub use contact::{
    ContactFigures, ContactRow, ContactView, InvestmentRow, contact_rows, contact_view,
};
pub use dashboard::{
    Dashboard, Details, Figures, Highlights, Lists, PeriodMetrics, ScoreCache, compute,
    compute_with_rows, figures_of_both, period_metrics,
};
pub use engagement::{ChannelRow, ContactCounts, Engagement, EngagementDetail, channel_rows};
pub use figure::{Figure, money_per, money_ratio, whole_percents};
pub use index::Index;
pub use ledger::{GiftImpact, GiftRow, Ledger, LedgerRow, TagLedgerRow};
pub use orbit::{Mover, Orbit, OrbitSummary, level_name, level_of, step_of};
pub use period::{Bucket, Granularity, Period, PeriodSpec};
pub use referrals::ReferralRow;
pub use report::{ReportDocument, document};
pub use ror::{RorIndex, RorInputs, RorPart, ror_index};
pub use segment::{Rule, Segment};
pub use sentiment::{
    Csat, NpsFigures, OpenFeedback, SentimentDetail, SentimentFigures, WaitingScore,
};
pub use series::{Series, series};
pub use value::ValueFigures;

/// Computes the dashboard straight from a store (builds a throwaway index). Callers computing
/// more than one period should build the [`Index`] once instead.
pub fn compute_store(
    store: &crate::store::Store,
    as_of: jiff::civil::Date,
    spec: &PeriodSpec,
) -> Dashboard {
    compute(&Index::new(store), as_of, spec)
}
