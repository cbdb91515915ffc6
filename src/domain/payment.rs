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

/// One credit line of a bank statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BankEntry {
    pub id: BankEntryId,
    pub booking_date: NaiveDate,
    pub value_date: NaiveDate,
    pub amount: Money,
    pub payer_name: String,
    pub payer_iban: String,
    pub reference: String,
    pub remittance: String,
    /// The bank's own reference of the entry; re-importing a statement is recognised by it.
    pub bank_reference: String,
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
