//! Reconciliation against the store: a run over the entries waiting, and what the user does to
//! one entry (accept a suggestion, split it by hand, reject, undo, confirm a payer's IBAN).
//!
//! Each is one transaction, and each leaves a line in the append-only `reconciliation_log`
//! saying what was done, by whom, and why. Nothing is learnt silently: a payer's IBAN is added to
//! a customer only when the user says so.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{BankEntry, BankEntryId, CustomerId, EntryStatus, InvoiceId};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::store::{Store, Writer};

use super::engine::{self, Credit, Ledger, MatchSettings, Proposal};

/// One item of a suggestion or of what was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAmount {
    pub invoice_id: InvoiceId,
    pub invoice: String,
    pub amount: Money,
}

/// A proposal as kept with its entry: what the engine found, in the words the user reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub customer_id: Option<CustomerId>,
    pub allocations: Vec<ItemAmount>,
    pub write_offs: Vec<ItemAmount>,
    pub confidence: f64,
    /// The reason in one English sentence.
    pub reason: String,
    /// The reason as facts (`engine::Reason`), for a front end that words it itself.
    pub facts: serde_json::Value,
}

/// Where an entry stands after a run, with what was applied or proposed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryOutcome {
    pub entry: BankEntry,
    pub status: EntryStatus,
    pub suggestion: Option<Suggestion>,
}

fn credit_of(entry: &BankEntry) -> Credit {
    Credit {
        entry: entry.bank_reference.clone(),
        booking_date: entry.booking_date,
        amount: entry.amount,
        name: entry.payer_name.clone(),
        iban: entry.payer_iban.clone(),
        reference: entry.reference.clone(),
        remittance: entry.remittance.clone(),
        end_to_end: entry.end_to_end.clone(),
    }
}

async fn suggestion_of(
    writer: &mut Writer,
    proposal: &Proposal,
    ledger: &Ledger,
    amount: &Money,
) -> Result<Suggestion> {
    Ok(Suggestion {
        customer_id: proposal.customer_id,
        allocations: item_amounts(writer, ledger, &proposal.allocations).await?,
        write_offs: item_amounts(writer, ledger, &proposal.write_offs).await?,
        confidence: proposal.confidence,
        reason: proposal.sentence(ledger, amount),
        facts: serde_json::to_value(&proposal.reason).unwrap_or(serde_json::Value::Null),
    })
}

/// The items' numbers beside their amounts: from the ledger, else (an item it no longer
/// holds) from the store.
async fn item_amounts(
    writer: &mut Writer,
    ledger: &Ledger,
    items: &[(InvoiceId, Money)],
) -> Result<Vec<ItemAmount>> {
    let mut out = Vec::with_capacity(items.len());
    for (id, amount) in items {
        match ledger.item(*id) {
            Some(item) => out.push(ItemAmount {
                invoice_id: *id,
                invoice: item.number.clone(),
                amount: *amount,
            }),
            None => out.extend(writer.item_amounts(&[(*id, *amount)]).await?),
        }
    }
    Ok(out)
}

fn pairs(items: &[ItemAmount]) -> Vec<(InvoiceId, Money)> {
    items.iter().map(|i| (i.invoice_id, i.amount)).collect()
}

fn stored(suggestion: &Suggestion) -> Result<String> {
    serde_json::to_string(suggestion).map_err(|e| Error::internal(e.to_string()))
}

/// Matches every entry waiting (money in, not applied), oldest first, in one transaction:
/// a proposal at or above the threshold is applied (`auto`), one below is kept as a suggestion,
/// and an entry with none stays unmatched. Returns every entry considered.
pub async fn run(
    store: &Store,
    settings: &MatchSettings,
    today: NaiveDate,
) -> Result<Vec<EntryOutcome>> {
    let mut ledger = store.reconciliation_ledger().await?;
    let mut writer = store.writer().await?;
    let rejected = writer.rejected_matches().await?;
    let entries = writer.entries_to_reconcile().await?;
    let mut outcomes = Vec::with_capacity(entries.len());
    for entry in entries {
        let refused = rejected.get(&entry.id).map(Vec::as_slice).unwrap_or(&[]);
        let proposal = engine::propose(&credit_of(&entry), &ledger, settings, refused);
        let (status, suggestion) = match proposal {
            Some(p) if automatic(&p, settings) => {
                let suggestion = suggestion_of(&mut writer, &p, &ledger, &entry.amount).await?;
                apply(&mut writer, &entry, &suggestion, "reconciliation", today).await?;
                writer
                    .log_reconciliation(
                        today,
                        entry.id,
                        "auto",
                        "reconciliation",
                        &details(&suggestion),
                    )
                    .await?;
                ledger.apply(&p);
                (EntryStatus::Auto, Some(suggestion))
            }
            Some(p) => (
                EntryStatus::Suggested,
                Some(suggestion_of(&mut writer, &p, &ledger, &entry.amount).await?),
            ),
            None => (EntryStatus::Unmatched, None),
        };
        let json = suggestion.as_ref().map(stored).transpose()?;
        writer
            .set_entry_status(entry.id, status, json.as_deref())
            .await?;
        outcomes.push(EntryOutcome {
            entry: BankEntry { status, ..entry },
            status,
            suggestion,
        });
    }
    writer.commit().await?;
    Ok(outcomes)
}

/// Whether a proposal may be applied without asking: sure enough, and the only fit. (The
/// engine already keeps such proposals below any threshold a user may choose; this says it
/// again where the decision is taken.)
fn automatic(proposal: &Proposal, settings: &MatchSettings) -> bool {
    proposal.confidence >= settings.auto_threshold
        && !proposal.reason.ambiguous
        && proposal.reason.alternatives == 0
}

fn details(suggestion: &Suggestion) -> serde_json::Value {
    serde_json::json!({
        "allocations": suggestion.allocations.iter().map(|a| serde_json::json!({"invoice": a.invoice, "amount": a.amount.amount.to_string()})).collect::<Vec<_>>(),
        "write_offs": suggestion.write_offs.iter().map(|a| serde_json::json!({"invoice": a.invoice, "amount": a.amount.amount.to_string()})).collect::<Vec<_>>(),
        "currency": suggestion.allocations.first().map(|a| a.amount.currency.code().to_string()),
        "confidence": suggestion.confidence,
        "reason": suggestion.reason,
    })
}

async fn apply(
    writer: &mut Writer,
    entry: &BankEntry,
    suggestion: &Suggestion,
    made_by: &str,
    _today: NaiveDate,
) -> Result<()> {
    writer
        .allocate_bank_entry(
            entry.id,
            &pairs(&suggestion.allocations),
            &pairs(&suggestion.write_offs),
            entry.booking_date,
            made_by,
            &suggestion.reason,
        )
        .await?;
    Ok(())
}

async fn waiting(writer: &mut Writer, id: BankEntryId) -> Result<BankEntry> {
    let entry = writer.bank_entry(id).await?;
    match entry.status {
        EntryStatus::Unmatched | EntryStatus::Suggested => Ok(entry),
        EntryStatus::Outgoing => Err(Error::invalid(format!(
            "bank entry {} is money out: only money in is allocated to invoices",
            entry.bank_reference
        ))),
        EntryStatus::Auto | EntryStatus::Confirmed => Err(Error::new(
            crate::error::ErrorCode::Conflict,
            format!(
                "bank entry {} is already allocated: undo it first",
                entry.bank_reference
            ),
        )),
    }
}

/// What the user may add when applying an entry: remember the payer's IBAN for the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confirmations {
    pub remember_iban: bool,
}

async fn remember_iban(
    writer: &mut Writer,
    entry: &BankEntry,
    customer: CustomerId,
    today: NaiveDate,
) -> Result<()> {
    let iban = entry.payer_iban.trim();
    if iban.is_empty() {
        return Err(Error::invalid(format!(
            "bank entry {} names no payer IBAN to remember",
            entry.bank_reference
        )));
    }
    if writer.add_customer_iban(customer, iban).await? {
        writer
            .log_reconciliation(
                today,
                entry.id,
                "iban_confirmed",
                "user",
                &serde_json::json!({"iban": iban, "customer_id": customer.0}),
            )
            .await?;
    }
    Ok(())
}

/// The proposal kept with an entry: the suggestion waiting, or what was applied.
pub async fn suggestion(store: &Store, id: BankEntryId) -> Result<Option<Suggestion>> {
    store
        .entry_proposal(id)
        .await?
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| Error::internal(format!("a stored suggestion is unreadable: {e}")))
        })
        .transpose()
}

/// The suggestion a `Suggested` entry waits with; `verb` says what the user tried to do with it.
async fn waiting_suggestion(store: &Store, entry: &BankEntry, verb: &str) -> Result<Suggestion> {
    match suggestion(store, entry.id).await? {
        Some(s) if entry.status == EntryStatus::Suggested => Ok(s),
        _ => Err(Error::invalid(format!(
            "bank entry {} has no suggestion to {verb}",
            entry.bank_reference
        ))),
    }
}

/// Applies the entry's suggestion as it stands (the user accepted it).
pub async fn accept(
    store: &Store,
    id: BankEntryId,
    confirmations: Confirmations,
    today: NaiveDate,
) -> Result<Suggestion> {
    let mut writer = store.writer().await?;
    let entry = waiting(&mut writer, id).await?;
    let suggestion = waiting_suggestion(store, &entry, "accept").await?;
    apply(&mut writer, &entry, &suggestion, "user", today).await?;
    writer
        .log_reconciliation(today, id, "accepted", "user", &details(&suggestion))
        .await?;
    if confirmations.remember_iban {
        let customer = suggestion.customer_id.ok_or_else(|| {
            Error::invalid("the suggestion names no customer to remember the IBAN for")
        })?;
        remember_iban(&mut writer, &entry, customer, today).await?;
    }
    writer
        .set_entry_status(id, EntryStatus::Confirmed, Some(&stored(&suggestion)?))
        .await?;
    writer.commit().await?;
    Ok(suggestion)
}

/// Applies the entry to items the user chose, with the amounts the user chose (a split by
/// hand). The amounts may leave part of the entry unallocated, never more than it holds.
pub async fn split(
    store: &Store,
    id: BankEntryId,
    parts: &[(String, Money)],
    confirmations: Confirmations,
    today: NaiveDate,
) -> Result<Suggestion> {
    if parts.is_empty() {
        return Err(Error::invalid("a split needs at least one invoice"));
    }
    let mut writer = store.writer().await?;
    let entry = waiting(&mut writer, id).await?;
    let numbers: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    let ids = writer.invoice_ids(&numbers).await?;
    let allocations: Vec<ItemAmount> = parts
        .iter()
        .zip(&ids)
        .map(|((number, amount), id)| ItemAmount {
            invoice_id: *id,
            invoice: number.clone(),
            amount: *amount,
        })
        .collect();
    let suggestion = Suggestion {
        customer_id: None,
        allocations,
        write_offs: Vec::new(),
        confidence: 1.0,
        reason: "split by hand".to_string(),
        facts: serde_json::Value::Null,
    };
    let described = writer
        .allocate_bank_entry(
            id,
            &pairs(&suggestion.allocations),
            &[],
            entry.booking_date,
            "user",
            &suggestion.reason,
        )
        .await?;
    let customers: std::collections::BTreeSet<CustomerId> =
        described.iter().map(|(_, c)| *c).collect();
    let suggestion = Suggestion {
        customer_id: (customers.len() == 1).then(|| described[0].1),
        ..suggestion
    };
    writer
        .log_reconciliation(today, id, "split", "user", &details(&suggestion))
        .await?;
    if confirmations.remember_iban {
        let customer = suggestion.customer_id.ok_or_else(|| {
            Error::invalid("the split spans several customers: which one pays from this IBAN?")
        })?;
        remember_iban(&mut writer, &entry, customer, today).await?;
    }
    writer
        .set_entry_status(id, EntryStatus::Confirmed, Some(&stored(&suggestion)?))
        .await?;
    writer.commit().await?;
    Ok(suggestion)
}

/// Refuses the entry's suggestion: its items are never proposed for this entry again.
pub async fn reject(store: &Store, id: BankEntryId, today: NaiveDate) -> Result<()> {
    let mut writer = store.writer().await?;
    let entry = waiting(&mut writer, id).await?;
    let suggestion = waiting_suggestion(store, &entry, "reject").await?;
    let items: Vec<InvoiceId> = suggestion
        .allocations
        .iter()
        .map(|a| a.invoice_id)
        .collect();
    writer.reject_matches(id, &items).await?;
    writer
        .log_reconciliation(today, id, "rejected", "user", &details(&suggestion))
        .await?;
    writer
        .set_entry_status(id, EntryStatus::Unmatched, None)
        .await?;
    writer.commit().await?;
    Ok(())
}

/// Undoes what was applied from the entry (allocations and write-offs are kept, marked
/// reversed, so the record stays). An automatic match undone is taken as refused: the next
/// run will not apply it again.
pub async fn undo(store: &Store, id: BankEntryId, today: NaiveDate) -> Result<Vec<InvoiceId>> {
    let mut writer = store.writer().await?;
    let entry = writer.bank_entry(id).await?;
    if !entry.status.is_applied() {
        return Err(Error::invalid(format!(
            "bank entry {} has nothing applied to undo",
            entry.bank_reference
        )));
    }
    let items = writer.reverse_bank_entry(id, today).await?;
    if entry.status == EntryStatus::Auto {
        writer.reject_matches(id, &items).await?;
    }
    writer
        .log_reconciliation(
            today,
            id,
            "undone",
            "user",
            &serde_json::json!({"invoice_ids": items.iter().map(|i| i.0).collect::<Vec<_>>(), "was": entry.status.code()}),
        )
        .await?;
    writer
        .set_entry_status(id, EntryStatus::Unmatched, None)
        .await?;
    writer.commit().await?;
    Ok(items)
}
