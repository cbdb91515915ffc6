//! The matching engine: for one bank credit, the best proposal of which open items it pays,
//! with a confidence and a reason. Pure: no store, no clock.

use chrono::NaiveDate;

use crate::domain::{CustomerId, InvoiceId};
use crate::money::Money;

/// An item that can still be paid: an invoice with an open amount (positive), or a credit
/// note (negative open amount) that a combined payment may net off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub customer_id: CustomerId,
    pub due_date: NaiveDate,
    pub open: Money,
    /// The structured reference printed on the invoice (RF or OGM), if any.
    pub reference: String,
}

/// What reconciliation knows of a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerCustomer {
    pub id: CustomerId,
    pub number: String,
    pub name: String,
    /// The accounts the customer is known to pay from (confirmed by the user or imported).
    pub ibans: Vec<String>,
}

/// The open items and the customers, indexed for matching. Applying a proposal lowers the open
/// amounts, so the next credit of the same run does not pay the same item again.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    items: Vec<OpenItem>,
    customers: Vec<LedgerCustomer>,
}

impl Ledger {
    pub fn new(items: Vec<OpenItem>, customers: Vec<LedgerCustomer>) -> Ledger {
        Ledger { items, customers }
    }

    pub fn items(&self) -> &[OpenItem] {
        &self.items
    }

    pub fn customers(&self) -> &[LedgerCustomer] {
        &self.customers
    }

    /// Lowers the open amounts by the proposal's allocations.
    pub fn apply(&mut self, _proposal: &Proposal) {}
}

/// A bank credit to match (money in; `amount` positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    pub entry: String,
    pub booking_date: NaiveDate,
    pub amount: Money,
    pub name: String,
    pub iban: String,
    pub reference: String,
    pub remittance: String,
    pub end_to_end: String,
}

/// How the items were found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FoundBy {
    /// An ISO 11649 RF reference in the reference field or the text.
    CreditorReference { reference: String },
    /// A Belgian structured communication (OGM).
    Ogm { reference: String },
    /// Invoice numbers in the text: exactly, or with one character wrong or two swapped.
    InvoiceNumber { numbers: Vec<String>, exact: bool },
    /// The payer's IBAN is one the customer is known to pay from.
    Iban { iban: String },
    /// The payer's name resembles the customer's.
    Name { name: String },
    /// Nothing but the amount.
    AmountOnly,
}

/// How the amount fits the items.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountFit {
    /// The amount is the open amount of the item(s).
    Equal,
    /// Less than the open amount: a partial payment.
    Partial { missing: Money },
    /// A little less than the open amount, within the tolerance: bank fees, written off.
    Shortfall { difference: Money },
    /// More than the open amount: the rest stays unallocated on the entry.
    Overpayment { excess: Money },
}

/// Why a proposal was made, as facts the UI words; `sentence` gives them in English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    pub found_by: FoundBy,
    pub amount: AmountFit,
    /// Several customers have an open item of this amount (never matched automatically).
    pub ambiguous: bool,
}

/// The engine's answer for one credit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Proposal {
    pub entry: String,
    pub customer_id: Option<CustomerId>,
    /// Which items get how much of the credit (each positive, never more than the item's open
    /// amount; a credit note's negative amount nets off in a combination).
    pub allocations: Vec<(InvoiceId, Money)>,
    /// For a shortfall within the fee tolerance: the difference written off per item, so the
    /// item is settled (empty otherwise).
    pub write_offs: Vec<(InvoiceId, Money)>,
    /// 0 to 1: how sure the engine is that these allocations are right.
    pub confidence: f64,
    pub reason: Reason,
}

/// The user's settings for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchSettings {
    /// Proposals at or above this confidence are applied without asking.
    pub auto_threshold: f64,
    /// The largest shortfall taken as bank fees rather than a partial payment.
    pub fee_tolerance: rust_decimal::Decimal,
    /// The most items a combined payment is searched among.
    pub max_combination: usize,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            auto_threshold: 0.9,
            fee_tolerance: rust_decimal::Decimal::new(1500, 2),
            max_combination: 20,
        }
    }
}

/// The best proposal for `credit`, or `None` when nothing points at any item. `rejected` are
/// items the user has refused for this entry: they are never proposed for it again.
pub fn propose(
    _credit: &Credit,
    _ledger: &Ledger,
    _settings: &MatchSettings,
    _rejected: &[InvoiceId],
) -> Option<Proposal> {
    None
}
