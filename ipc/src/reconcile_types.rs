//! Transport types of bank statements and reconciliation: the entries with where each stands,
//! a suggestion with its reason, what was applied, and the requests to act on one entry.
//! Amounts cross as decimal strings, dates as `YYYY-MM-DD`; the confidence is a number 0–1.

use creditdesk::bank::StatementImport;
use creditdesk::domain::{BankEntry, EntryStatus};
use creditdesk::reconcile::{ItemAmount, MatchSettings, Suggestion};
use creditdesk::store::{EntryAllocation, OpenItemFound};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::MoneyDto;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EntryStatusDto {
    Unmatched,
    Suggested,
    Auto,
    Confirmed,
    Outgoing,
}

impl From<EntryStatus> for EntryStatusDto {
    fn from(s: EntryStatus) -> Self {
        match s {
            EntryStatus::Unmatched => EntryStatusDto::Unmatched,
            EntryStatus::Suggested => EntryStatusDto::Suggested,
            EntryStatus::Auto => EntryStatusDto::Auto,
            EntryStatus::Confirmed => EntryStatusDto::Confirmed,
            EntryStatus::Outgoing => EntryStatusDto::Outgoing,
        }
    }
}

impl From<EntryStatusDto> for EntryStatus {
    fn from(s: EntryStatusDto) -> Self {
        match s {
            EntryStatusDto::Unmatched => EntryStatus::Unmatched,
            EntryStatusDto::Suggested => EntryStatus::Suggested,
            EntryStatusDto::Auto => EntryStatus::Auto,
            EntryStatusDto::Confirmed => EntryStatus::Confirmed,
            EntryStatusDto::Outgoing => EntryStatus::Outgoing,
        }
    }
}

/// A customer as reconciliation names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerRefDto {
    pub id: u32,
    pub number: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemAmountDto {
    pub invoice: String,
    pub amount: MoneyDto,
}

impl From<&ItemAmount> for ItemAmountDto {
    fn from(i: &ItemAmount) -> Self {
        ItemAmountDto {
            invoice: i.invoice.clone(),
            amount: (&i.amount).into(),
        }
    }
}

/// What the engine proposes (or proposed, for an entry applied automatically).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SuggestionDto {
    pub customer: Option<CustomerRefDto>,
    pub allocations: Vec<ItemAmountDto>,
    /// Fee shortfalls written off with the entry.
    pub write_offs: Vec<ItemAmountDto>,
    pub confidence: f64,
    /// Why, in one sentence (English).
    pub reason: String,
}

impl SuggestionDto {
    pub fn new(s: &Suggestion, customer: Option<CustomerRefDto>) -> Self {
        SuggestionDto {
            customer,
            allocations: s.allocations.iter().map(Into::into).collect(),
            write_offs: s.write_offs.iter().map(Into::into).collect(),
            confidence: s.confidence,
            reason: s.reason.clone(),
        }
    }
}

/// An allocation made from an entry, active or undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EntryAllocationDto {
    pub invoice: String,
    pub customer_id: u32,
    pub amount: MoneyDto,
    pub write_off: bool,
    pub reversed_on: Option<String>,
}

impl From<&EntryAllocation> for EntryAllocationDto {
    fn from(a: &EntryAllocation) -> Self {
        EntryAllocationDto {
            invoice: a.invoice.clone(),
            customer_id: a.customer_id.0 as u32,
            amount: (&a.amount).into(),
            write_off: a.write_off,
            reversed_on: a.reversed_on.map(date),
        }
    }
}

/// One bank entry and where its reconciliation stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BankEntryDto {
    pub id: u32,
    /// The bank's reference of the entry.
    pub entry: String,
    pub account: String,
    pub booking_date: String,
    pub value_date: String,
    /// Signed: negative is money out.
    pub amount: MoneyDto,
    pub name: String,
    pub iban: String,
    pub reference: String,
    pub remittance: String,
    pub reversal: bool,
    pub status: EntryStatusDto,
    pub suggestion: Option<SuggestionDto>,
    /// Active and undone allocations, oldest first.
    pub allocations: Vec<EntryAllocationDto>,
    /// Whether the payer's IBAN is already known for the suggested customer (when not, the
    /// user may confirm it while accepting).
    pub iban_known: bool,
}

impl BankEntryDto {
    pub fn new(
        e: &BankEntry,
        suggestion: Option<SuggestionDto>,
        allocations: &[EntryAllocation],
        iban_known: bool,
    ) -> Self {
        BankEntryDto {
            id: e.id.0 as u32,
            entry: e.bank_reference.clone(),
            account: e.account.clone(),
            booking_date: date(e.booking_date),
            value_date: date(e.value_date),
            amount: (&e.amount).into(),
            name: e.payer_name.clone(),
            iban: e.payer_iban.clone(),
            reference: e.reference.clone(),
            remittance: e.remittance.clone(),
            reversal: e.reversal,
            status: e.status.into(),
            suggestion,
            allocations: allocations.iter().map(Into::into).collect(),
            iban_known,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusCountDto {
    pub status: EntryStatusDto,
    pub count: u32,
}

/// A page of entries, and how many there are of each status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BankEntriesDto {
    pub counts: Vec<StatusCountDto>,
    pub entries: Vec<BankEntryDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BankEntriesRequest {
    /// Only these statuses; empty: all.
    pub statuses: Vec<EntryStatusDto>,
    pub offset: u32,
    pub limit: u32,
}

/// What a statement import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatementImportDto {
    pub file: String,
    /// `camt052`, `camt053`, `camt054`, `mt940`, `coda` or `csv`.
    pub format: String,
    pub statements: u32,
    pub entries: u32,
    pub added: u32,
    pub already_there: u32,
    /// Entries not booked yet: left out.
    pub pending: u32,
    /// Totals the file states that do not add up (the entries were imported).
    pub warnings: Vec<String>,
}

impl StatementImportDto {
    pub fn new(file: &str, i: &StatementImport) -> Self {
        StatementImportDto {
            file: file.to_string(),
            format: i.format.code().to_string(),
            statements: i.statements as u32,
            entries: i.entries as u32,
            added: i.added as u32,
            already_there: i.already_there as u32,
            pending: i.pending as u32,
            warnings: i.warnings.clone(),
        }
    }
}

/// What a reconciliation run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReconcileRunDto {
    pub considered: u32,
    pub auto: u32,
    pub suggested: u32,
    pub unmatched: u32,
}

/// One part of a split by hand: this much to this invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SplitPartDto {
    pub invoice: String,
    /// Decimal string in the entry's currency.
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SplitRequest {
    pub entry_id: u32,
    pub parts: Vec<SplitPartDto>,
    pub remember_iban: bool,
}

/// An open item offered for a split by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpenItemDto {
    pub invoice: String,
    pub customer: CustomerRefDto,
    pub due_date: String,
    pub open: MoneyDto,
}

impl From<&OpenItemFound> for OpenItemDto {
    fn from(i: &OpenItemFound) -> Self {
        OpenItemDto {
            invoice: i.number.clone(),
            customer: CustomerRefDto {
                id: i.customer_id.0 as u32,
                number: i.customer_number.clone(),
                name: i.customer_name.clone(),
            },
            due_date: date(i.due_date),
            open: (&i.open).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OpenItemsRequest {
    pub customer_id: Option<u32>,
    pub text: String,
}

/// The matching settings: the threshold for automatic matches (0.8–1) and the fee tolerance
/// (in the company's currency), as decimal strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatchSettingsDto {
    pub auto_threshold: String,
    pub fee_tolerance: String,
}

impl From<&MatchSettings> for MatchSettingsDto {
    fn from(s: &MatchSettings) -> Self {
        MatchSettingsDto {
            auto_threshold: format!("{:.2}", s.auto_threshold),
            fee_tolerance: s.fee_tolerance.to_string(),
        }
    }
}
