//! Reconciliation (DESIGN §7): which open items each bank credit pays.
//!
//! `engine` proposes, from what is in memory (`Ledger`), and decides nothing on its own;
//! `run` (in the store's transaction) applies the proposals above the threshold as
//! allocations, keeps the others as suggestions, and records every step in the append-only
//! audit trail; `undo` reverses what was applied. `numbers`, `names` and `amounts` are the
//! engine's parts (invoice numbers in free text, payers' names, combinations); `scenario`
//! generates ledgers and credits with the truth known, to measure the engine.

pub mod amounts;
pub mod apply;
pub mod engine;
pub mod names;
pub mod numbers;
pub mod scenario;

pub use engine::{
    AmountFit, Credit, FoundBy, Ledger, LedgerCustomer, MatchSettings, OpenItem, Proposal, Reason,
};

pub use apply::{
    Confirmations, EntryOutcome, ItemAmount, Suggestion, accept, reject, run, split, suggestion,
    undo,
};

impl MatchSettings {
    /// The lowest threshold a user may choose: below it, guesses would be applied unasked.
    pub const MIN_THRESHOLD: f64 = 0.8;
    /// The largest fee shortfall a user may have written off without asking.
    pub const MAX_FEE_TOLERANCE: rust_decimal::Decimal =
        rust_decimal::Decimal::from_parts(10000, 0, 0, false, 2);

    pub fn validated(&self) -> crate::Result<MatchSettings> {
        if !(Self::MIN_THRESHOLD..=1.0).contains(&self.auto_threshold) {
            return Err(crate::Error::invalid(format!(
                "the threshold for automatic matches is between {} and 1, not {}",
                Self::MIN_THRESHOLD,
                self.auto_threshold
            )));
        }
        if self.fee_tolerance.is_sign_negative() || self.fee_tolerance > Self::MAX_FEE_TOLERANCE {
            return Err(crate::Error::invalid(format!(
                "the fee tolerance is between 0 and {}, not {}",
                Self::MAX_FEE_TOLERANCE,
                self.fee_tolerance
            )));
        }
        Ok(self.clone())
    }
}
