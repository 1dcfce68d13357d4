//! The Value and Channels screens' selection state: which ledger (by contact or by tag), its
//! order, and the selected row.

use super::dashboard::{LedgerLine, ValuePane};
use super::list::ListState;

/// What the ROR ledger is ordered by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LedgerSort {
    /// Returns less investments.
    #[default]
    Net,
    Revenue,
    Referrals,
    Invested,
}

impl LedgerSort {
    pub fn label(self) -> &'static str {
        match self {
            LedgerSort::Net => "net",
            LedgerSort::Revenue => "revenue",
            LedgerSort::Referrals => "referrals",
            LedgerSort::Invested => "invested",
        }
    }

    pub fn next(self) -> LedgerSort {
        match self {
            LedgerSort::Net => LedgerSort::Revenue,
            LedgerSort::Revenue => LedgerSort::Referrals,
            LedgerSort::Referrals => LedgerSort::Invested,
            LedgerSort::Invested => LedgerSort::Net,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueState {
    pub list: ListState,
    pub sort: LedgerSort,
    /// Worst first: the smallest net (or revenue, …) at the top.
    pub reversed: bool,
    /// The ledger by tag instead of by contact.
    pub by_tag: bool,
}

impl ValueState {
    /// The ledger rows on show, in the chosen order (best first unless reversed).
    pub fn rows<'a>(&self, pane: &'a ValuePane) -> Vec<&'a LedgerLine> {
        let mut rows: Vec<&LedgerLine> = if self.by_tag {
            pane.by_tag.iter().collect()
        } else {
            pane.ledger.iter().collect()
        };
        let key = |r: &LedgerLine| -> i64 {
            match self.sort {
                LedgerSort::Net => r.net.cents(),
                LedgerSort::Revenue => r.revenue.cents(),
                LedgerSort::Referrals => i64::from(r.referrals),
                LedgerSort::Invested => r.invested.cents(),
            }
        };
        rows.sort_by(|a, b| key(b).cmp(&key(a)).then(a.name.cmp(&b.name)));
        if self.reversed {
            rows.reverse();
        }
        rows
    }
}
