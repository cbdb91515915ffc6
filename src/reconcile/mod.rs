//! Reconciliation (DESIGN §7): which open items each bank credit pays.
//!
//! `engine` proposes, from what is in memory (`Ledger`), and decides nothing on its own;
//! `run` (in the store's transaction) applies the proposals above the threshold as
//! allocations, keeps the others as suggestions, and records every step in the append-only
//! audit trail; `undo` reverses what was applied. `numbers`, `names` and `amounts` are the
//! engine's parts (invoice numbers in free text, payers' names, combinations); `scenario`
//! generates ledgers and credits with the truth known, to measure the engine.

pub mod amounts;
pub mod engine;
pub mod names;
pub mod numbers;
pub mod scenario;

pub use engine::{
    AmountFit, Credit, FoundBy, Ledger, LedgerCustomer, MatchSettings, OpenItem, Proposal, Reason,
};
