//! Money coming in: settlements from the ERP history, bank entries, and the allocations that
//! apply them to invoices.

use chrono::NaiveDate;

use crate::money::Money;

use super::ids::{AllocationId, BankEntryId, CustomerId, InvoiceId, PaymentId};

/// A settlement recorded in the ERP's payment history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Payment {
    pub id: PaymentId,
    #[serde(flatten)]
    pub details: PaymentDraft,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PaymentDraft {
    pub customer_id: CustomerId,
    pub invoice_id: Option<InvoiceId>,
    pub date: NaiveDate,
    pub amount: Money,
    pub reference: String,
}

/// One movement of a bank account, imported from a statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BankEntry {
    pub id: BankEntryId,
    /// The account the statement is of (IBAN or the bank's account number).
    pub account: String,
    pub booking_date: NaiveDate,
    pub value_date: NaiveDate,
    /// Signed: positive is money in.
    pub amount: Money,
    pub payer_name: String,
    pub payer_iban: String,
    /// The structured reference (RF, OGM) the payer gave, if any.
    pub reference: String,
    pub remittance: String,
    pub end_to_end: String,
    pub reversal: bool,
    pub transaction_code: String,
    /// The bank's own reference of the entry; re-importing a statement is recognised by it.
    pub bank_reference: String,
    pub status: EntryStatus,
}

/// Where the reconciliation of a bank entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Nothing found, or the user refused what was.
    Unmatched,
    /// A proposal below the threshold waits for the user.
    Suggested,
    /// Applied by a reconciliation run, above the threshold.
    Auto,
    /// Applied by the user (a suggestion accepted, or split by hand).
    Confirmed,
    /// Money out: not matched against receivables.
    Outgoing,
}

impl EntryStatus {
    pub const ALL: [EntryStatus; 5] = [
        EntryStatus::Unmatched,
        EntryStatus::Suggested,
        EntryStatus::Auto,
        EntryStatus::Confirmed,
        EntryStatus::Outgoing,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntryStatus::Unmatched => "unmatched",
            EntryStatus::Suggested => "suggested",
            EntryStatus::Auto => "auto",
            EntryStatus::Confirmed => "confirmed",
            EntryStatus::Outgoing => "outgoing",
        }
    }

    pub fn parse(code: &str) -> crate::error::Result<EntryStatus> {
        Self::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .ok_or_else(|| {
                crate::error::Error::invalid(format!("'{code}' is not a reconciliation status"))
            })
    }

    /// Whether money of the entry is allocated.
    pub fn is_applied(self) -> bool {
        matches!(self, EntryStatus::Auto | EntryStatus::Confirmed)
    }
}

/// What an allocation takes its money from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum AllocationSource {
    Payment(PaymentId),
    BankEntry(BankEntryId),
    CreditNote(InvoiceId),
    /// The part of an invoice an ERP export reported as already paid, without saying how.
    OpeningBalance,
    /// A small shortfall of a bank entry (bank fees) written off with it.
    WriteOff(BankEntryId),
}

/// A part of a payment, bank entry or credit note applied to an invoice. Reversible: a reversed
/// allocation no longer reduces the open amount but stays on record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Allocation {
    pub id: AllocationId,
    pub invoice_id: InvoiceId,
    pub source: AllocationSource,
    pub amount: Money,
    pub allocated_on: NaiveDate,
    /// "import", "user", or the reconciliation rule that made it.
    pub made_by: String,
    pub reason: String,
    pub reversed_on: Option<NaiveDate>,
}
