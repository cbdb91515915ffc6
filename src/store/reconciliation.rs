//! What reconciliation reads and writes: the open items and customers it matches against, the
//! allocations of bank entries, the items refused per entry, and the append-only log.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::Row;

use crate::domain::{BankEntryId, CustomerId, EntryStatus, InvoiceId};
use crate::error::{Error, ErrorCode, Result};
use crate::money::Money;
use crate::reconcile::{Ledger, LedgerCustomer, OpenItem};

use super::{Store, Writer, bulk, codec};

/// One line of the reconciliation log.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LogLine {
    pub id: i64,
    pub day: NaiveDate,
    pub bank_entry: BankEntryId,
    pub action: String,
    pub made_by: String,
    pub details: serde_json::Value,
}

/// An allocation of a bank entry, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntryAllocation {
    pub invoice_id: InvoiceId,
    pub invoice: String,
    pub customer_id: CustomerId,
    pub amount: Money,
    /// A fee shortfall written off rather than money of the entry.
    pub write_off: bool,
    pub reversed_on: Option<NaiveDate>,
}

impl Store {
    /// Every item with an open amount and every customer with the IBANs it pays from: what a
    /// reconciliation run matches against.
    pub async fn reconciliation_ledger(&self) -> Result<Ledger> {
        let (items, customers) = self.reconciliation_items().await?;
        Ok(Ledger::new(items, customers))
    }

    /// What `reconciliation_ledger` indexes, read but not indexed (benchmarks time the two
    /// apart). Items in the order of their ids. Read on the raw handle (`bulk`): at a million
    /// open items, sqlx's owned row per row costs several times SQLite's own reading.
    pub async fn reconciliation_items(&self) -> Result<(Vec<OpenItem>, Vec<LedgerCustomer>)> {
        let mut conn = self.pool().acquire().await?;
        let mut handle = conn.lock_handle().await?;
        let mut items = Vec::new();
        {
            let mut rows = bulk::Statement::prepare(
                &mut handle,
                "SELECT id, number, customer_id, due_date, currency, open_minor, reference
                 FROM invoices WHERE open_minor <> 0 ORDER BY id",
            )?;
            let mut currencies = codec::Currencies::default();
            while rows.next_row()? {
                let cur = currencies.read(rows.column_text(4)?)?;
                items.push(OpenItem {
                    invoice_id: InvoiceId(rows.column_int(0)?),
                    number: rows.column_text(1)?.to_string(),
                    customer_id: CustomerId(rows.column_int(2)?),
                    due_date: codec::date(rows.column_text(3)?)?,
                    open: Money::from_minor(rows.column_int(5)?, cur),
                    reference: rows.column_text(6)?.to_string(),
                });
            }
        }
        let mut ibans: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut rows = bulk::Statement::prepare(
                &mut handle,
                "SELECT iban, customer_id FROM customer_ibans",
            )?;
            while rows.next_row()? {
                ibans
                    .entry(rows.column_int(1)?)
                    .or_default()
                    .push(rows.column_text(0)?.to_string());
            }
        }
        let mut customers = Vec::new();
        {
            let mut rows =
                bulk::Statement::prepare(&mut handle, "SELECT id, number, name FROM customers")?;
            while rows.next_row()? {
                let id = rows.column_int(0)?;
                customers.push(LedgerCustomer {
                    id: CustomerId(id),
                    number: rows.column_text(1)?.to_string(),
                    name: rows.column_text(2)?.to_string(),
                    ibans: ibans.remove(&id).unwrap_or_default(),
                });
            }
        }
        Ok((items, customers))
    }

    /// The allocations (and write-offs) made from a bank entry, active and undone.
    pub async fn entry_allocations(&self, entry: BankEntryId) -> Result<Vec<EntryAllocation>> {
        let rows = sqlx::query(
            "SELECT a.invoice_id, i.number, i.customer_id, a.currency, a.amount_minor, a.source_kind, a.reversed_on
             FROM allocations a JOIN invoices i ON i.id = a.invoice_id
             WHERE a.bank_entry_id = ? ORDER BY a.id",
        )
        .bind(entry.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(EntryAllocation {
                    invoice_id: InvoiceId(row.try_get("invoice_id")?),
                    invoice: row.try_get("number")?,
                    customer_id: CustomerId(row.try_get("customer_id")?),
                    amount: codec::money(
                        row.try_get("amount_minor")?,
                        &row.try_get::<String, _>("currency")?,
                    )?,
                    write_off: row.try_get::<String, _>("source_kind")? == "write_off",
                    reversed_on: row
                        .try_get::<Option<String>, _>("reversed_on")?
                        .map(|d| codec::date(&d))
                        .transpose()?,
                })
            })
            .collect()
    }

    /// The log of one entry, oldest first (or of every entry when `entry` is `None`).
    pub async fn reconciliation_log(&self, entry: Option<BankEntryId>) -> Result<Vec<LogLine>> {
        let rows = sqlx::query(
            "SELECT id, day, bank_entry_id, action, made_by, details FROM reconciliation_log
             WHERE ?1 IS NULL OR bank_entry_id = ?1 ORDER BY id",
        )
        .bind(entry.map(|e| e.0))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(LogLine {
                    id: row.try_get("id")?,
                    day: codec::date(&row.try_get::<String, _>("day")?)?,
                    bank_entry: BankEntryId(row.try_get("bank_entry_id")?),
                    action: row.try_get("action")?,
                    made_by: row.try_get("made_by")?,
                    details: serde_json::from_str(&row.try_get::<String, _>("details")?)
                        .map_err(|e| Error::internal(format!("a log line is not JSON: {e}")))?,
                })
            })
            .collect()
    }

    /// The stored proposal of an entry (JSON), if any.
    pub async fn entry_proposal(&self, entry: BankEntryId) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT proposal FROM bank_entries WHERE id = ?")
                .bind(entry.0)
                .fetch_optional(self.pool())
                .await?
                .flatten(),
        )
    }
}

/// An item as an allocation needs it checked.
struct ItemState {
    number: String,
    customer_id: i64,
    currency: String,
    open_minor: i64,
}

impl Writer {
    /// The items refused for each entry.
    pub async fn rejected_matches(&mut self) -> Result<HashMap<BankEntryId, Vec<InvoiceId>>> {
        let mut map: HashMap<BankEntryId, Vec<InvoiceId>> = HashMap::new();
        for row in sqlx::query("SELECT bank_entry_id, invoice_id FROM rejected_matches")
            .fetch_all(&mut *self.transaction())
            .await?
        {
            map.entry(BankEntryId(row.try_get("bank_entry_id")?))
                .or_default()
                .push(InvoiceId(row.try_get("invoice_id")?));
        }
        Ok(map)
    }

    pub async fn reject_matches(&mut self, entry: BankEntryId, items: &[InvoiceId]) -> Result<()> {
        for item in items {
            sqlx::query(
                "INSERT OR IGNORE INTO rejected_matches (bank_entry_id, invoice_id) VALUES (?, ?)",
            )
            .bind(entry.0)
            .bind(item.0)
            .execute(&mut *self.transaction())
            .await?;
        }
        Ok(())
    }

    pub async fn set_entry_status(
        &mut self,
        entry: BankEntryId,
        status: EntryStatus,
        proposal: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE bank_entries SET status = ?, proposal = ? WHERE id = ?")
            .bind(status.code())
            .bind(proposal)
            .bind(entry.0)
            .execute(&mut *self.transaction())
            .await?;
        Ok(())
    }

    /// The entry's money still free: its amount less its active allocations (write-offs are
    /// not its money).
    pub async fn entry_unallocated(&mut self, entry: BankEntryId) -> Result<Money> {
        let row = sqlx::query(
            "SELECT e.currency, e.amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                 WHERE a.bank_entry_id = e.id AND a.source_kind = 'bank_entry' AND a.reversed_on IS NULL), 0) AS free
             FROM bank_entries e WHERE e.id = ?",
        )
        .bind(entry.0)
        .fetch_optional(&mut *self.transaction())
        .await?
        .ok_or_else(|| Error::not_found(format!("no bank entry with id {entry}")))?;
        codec::money(row.try_get("free")?, &row.try_get::<String, _>("currency")?)
    }

    async fn item_state(&mut self, item: InvoiceId) -> Result<ItemState> {
        let row = sqlx::query(
            "SELECT number, customer_id, currency, open_minor FROM invoices WHERE id = ?",
        )
        .bind(item.0)
        .fetch_optional(&mut *self.transaction())
        .await?
        .ok_or_else(|| Error::not_found(format!("no invoice with id {item}")))?;
        Ok(ItemState {
            number: row.try_get("number")?,
            customer_id: row.try_get("customer_id")?,
            currency: row.try_get("currency")?,
            open_minor: row.try_get("open_minor")?,
        })
    }

    /// Applies money of a bank entry to items (and writes off a fee shortfall), dated `on`
    /// (the day the money came in). Refuses an allocation in another currency, beyond an
    /// item's open amount, or more in all than the entry has free. Returns the items' numbers
    /// and customers, in order.
    pub async fn allocate_bank_entry(
        &mut self,
        entry: BankEntryId,
        allocations: &[(InvoiceId, Money)],
        write_offs: &[(InvoiceId, Money)],
        on: NaiveDate,
        made_by: &str,
        reason: &str,
    ) -> Result<Vec<(String, CustomerId)>> {
        let free = self.entry_unallocated(entry).await?;
        let mut total = 0i64;
        let mut touched = Vec::new();
        let mut described = Vec::new();
        for (kind, list) in [("bank_entry", allocations), ("write_off", write_offs)] {
            for (item, amount) in list {
                let state = self.item_state(*item).await?;
                if state.currency != amount.currency.code() || amount.currency != free.currency {
                    return Err(Error::new(
                        ErrorCode::CurrencyMismatch,
                        format!(
                            "invoice {} is in {}, the bank entry in {}",
                            state.number,
                            state.currency,
                            free.currency.code()
                        ),
                    ));
                }
                let minor = amount.to_minor()?;
                let fits = if state.open_minor >= 0 {
                    minor > 0 && minor <= state.open_minor
                } else {
                    // A credit note nets off in a combined payment: towards zero, not past it.
                    minor < 0 && minor >= state.open_minor
                };
                if !fits {
                    return Err(Error::invalid(format!(
                        "{amount} cannot go to {}: it has {} open",
                        state.number,
                        Money::from_minor(state.open_minor, amount.currency)
                    )));
                }
                if kind == "bank_entry" {
                    total += minor;
                }
                sqlx::query(
                    "INSERT INTO allocations (invoice_id, source_kind, bank_entry_id, currency, amount_minor, allocated_on, made_by, reason)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(item.0)
                .bind(kind)
                .bind(entry.0)
                .bind(amount.currency.code())
                .bind(minor)
                .bind(on)
                .bind(made_by)
                .bind(reason)
                .execute(&mut *self.transaction())
                .await?;
                touched.push(*item);
                described.push((state.number, CustomerId(state.customer_id)));
            }
        }
        if total > free.to_minor()? {
            return Err(Error::invalid(format!(
                "{} is more than the {free} the bank entry has free",
                Money::from_minor(total, free.currency)
            )));
        }
        self.refresh_open_amounts(&touched).await?;
        Ok(described)
    }

    /// Undoes every active allocation and write-off of the entry, as of `day`; returns the
    /// items they were on.
    pub async fn reverse_bank_entry(
        &mut self,
        entry: BankEntryId,
        day: NaiveDate,
    ) -> Result<Vec<InvoiceId>> {
        let items: Vec<i64> = sqlx::query_scalar(
            "SELECT invoice_id FROM allocations WHERE bank_entry_id = ? AND reversed_on IS NULL",
        )
        .bind(entry.0)
        .fetch_all(&mut *self.transaction())
        .await?;
        sqlx::query(
            "UPDATE allocations SET reversed_on = ? WHERE bank_entry_id = ? AND reversed_on IS NULL",
        )
        .bind(day)
        .bind(entry.0)
        .execute(&mut *self.transaction())
        .await?;
        let items: Vec<InvoiceId> = items.into_iter().map(InvoiceId).collect();
        self.refresh_open_amounts(&items).await?;
        Ok(items)
    }

    pub async fn log_reconciliation(
        &mut self,
        day: NaiveDate,
        entry: BankEntryId,
        action: &str,
        made_by: &str,
        details: &serde_json::Value,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO reconciliation_log (day, bank_entry_id, action, made_by, details) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(day)
        .bind(entry.0)
        .bind(action)
        .bind(made_by)
        .bind(details.to_string())
        .execute(&mut *self.transaction())
        .await?;
        Ok(())
    }

    /// Records that the customer pays from `iban` (confirmed by the user).
    pub async fn add_customer_iban(&mut self, customer: CustomerId, iban: &str) -> Result<bool> {
        let done =
            sqlx::query("INSERT OR IGNORE INTO customer_ibans (iban, customer_id) VALUES (?, ?)")
                .bind(iban)
                .bind(customer.0)
                .execute(&mut *self.transaction())
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The items' numbers beside their amounts.
    pub async fn item_amounts(
        &mut self,
        items: &[(InvoiceId, Money)],
    ) -> Result<Vec<crate::reconcile::apply::ItemAmount>> {
        let mut out = Vec::with_capacity(items.len());
        for (id, amount) in items {
            let number: String = sqlx::query_scalar("SELECT number FROM invoices WHERE id = ?")
                .bind(id.0)
                .fetch_optional(&mut *self.transaction())
                .await?
                .ok_or_else(|| Error::not_found(format!("no invoice with id {id}")))?;
            out.push(crate::reconcile::apply::ItemAmount {
                invoice_id: *id,
                invoice: number,
                amount: *amount,
            });
        }
        Ok(out)
    }

    /// The bank entries waiting for reconciliation: money in, not applied, not a reversal,
    /// oldest first.
    pub async fn entries_to_reconcile(&mut self) -> Result<Vec<crate::domain::BankEntry>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM bank_entries
             WHERE status IN ('unmatched', 'suggested') AND amount_minor > 0 AND reversal = 0
             ORDER BY booking_date, id",
            super::bank::ENTRY_COLUMNS
        )))
        .fetch_all(&mut *self.transaction())
        .await?;
        rows.iter().map(super::bank::entry).collect()
    }

    pub async fn bank_entry(&mut self, id: BankEntryId) -> Result<crate::domain::BankEntry> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM bank_entries WHERE id = ?",
            super::bank::ENTRY_COLUMNS
        )))
        .bind(id.0)
        .fetch_optional(&mut *self.transaction())
        .await?
        .ok_or_else(|| Error::not_found(format!("no bank entry with id {id}")))?;
        super::bank::entry(&row)
    }
}

const AUTO_THRESHOLD: &str = "reconcile_auto_threshold";
const FEE_TOLERANCE: &str = "reconcile_fee_tolerance";

impl Store {
    /// The user's matching settings (the defaults where never set).
    pub async fn match_settings(&self) -> Result<crate::reconcile::MatchSettings> {
        let mut settings = crate::reconcile::MatchSettings::default();
        let value = |name| super::preferences::value(self.pool(), name);
        if let Some(text) = value(AUTO_THRESHOLD).await? {
            // A value this version cannot read falls back to the default.
            settings.auto_threshold = text.parse().unwrap_or(settings.auto_threshold);
        }
        if let Some(text) = value(FEE_TOLERANCE).await? {
            settings.fee_tolerance = text.parse().unwrap_or(settings.fee_tolerance);
        }
        Ok(settings)
    }

    pub async fn save_match_settings(
        &self,
        settings: &crate::reconcile::MatchSettings,
    ) -> Result<()> {
        let settings = settings.validated()?;
        for (name, value) in [
            (AUTO_THRESHOLD, settings.auto_threshold.to_string()),
            (FEE_TOLERANCE, settings.fee_tolerance.to_string()),
        ] {
            super::preferences::set_value(self.pool(), name, &value).await?;
        }
        Ok(())
    }
}

/// An open item as a search for a split by hand lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OpenItemFound {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub customer_id: CustomerId,
    pub customer_number: String,
    pub customer_name: String,
    pub due_date: NaiveDate,
    pub open: Money,
}

impl Store {
    /// Open items (money still due) of one customer, or whose number starts with `text`, or
    /// whose customer's number or name contains it; oldest due first, at most `limit`.
    pub async fn search_open_items(
        &self,
        customer: Option<CustomerId>,
        text: &str,
        limit: u32,
    ) -> Result<Vec<OpenItemFound>> {
        let text = text.trim();
        let rows = sqlx::query(
            "SELECT i.id, i.number, i.customer_id, c.number AS customer_number, c.name, i.due_date, i.currency, i.open_minor
             FROM invoices i JOIN customers c ON c.id = i.customer_id
             WHERE i.open_minor <> 0
               AND (?1 IS NULL OR i.customer_id = ?1)
               AND (?2 = '' OR (i.number >= ?2 AND i.number < ?2 || char(1114111))
                    OR c.number LIKE '%' || ?2 || '%' OR c.name LIKE '%' || ?2 || '%')
             ORDER BY i.due_date, i.number LIMIT ?3",
        )
        .bind(customer.map(|c| c.0))
        .bind(text)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OpenItemFound {
                    invoice_id: InvoiceId(row.try_get("id")?),
                    number: row.try_get("number")?,
                    customer_id: CustomerId(row.try_get("customer_id")?),
                    customer_number: row.try_get("customer_number")?,
                    customer_name: row.try_get("name")?,
                    due_date: codec::date(&row.try_get::<String, _>("due_date")?)?,
                    open: codec::money(
                        row.try_get("open_minor")?,
                        &row.try_get::<String, _>("currency")?,
                    )?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log is the audit trail: the database itself refuses to change or remove a line.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_cannot_be_changed_or_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::scratch(dir.path()).await;
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let statement = crate::bank::Statement {
            id: "1".into(),
            account: "BE71096123456769".into(),
            balances: Vec::new(),
            entries: vec![crate::bank::StatementEntry {
                entry: "E-1".into(),
                booking_date: day,
                value_date: day,
                amount: Money::from_minor(1_000, crate::money::Currency::EUR),
                name: String::new(),
                iban: String::new(),
                reference: String::new(),
                remittance: String::new(),
                end_to_end: String::new(),
                reversal: false,
                pending: false,
                transaction_code: String::new(),
            }],
        };
        let mut writer = store.writer().await.unwrap();
        writer
            .write_statement(
                "s.xml",
                crate::bank::StatementFormat::Camt053,
                &statement,
                day,
            )
            .await
            .unwrap();
        let entry: i64 = sqlx::query_scalar("SELECT id FROM bank_entries")
            .fetch_one(&mut *writer.transaction())
            .await
            .unwrap();
        writer
            .log_reconciliation(
                day,
                BankEntryId(entry),
                "rejected",
                "user",
                &serde_json::json!({}),
            )
            .await
            .unwrap();
        writer.commit().await.unwrap();

        for statement in [
            "UPDATE reconciliation_log SET made_by = 'someone else'",
            "DELETE FROM reconciliation_log",
        ] {
            let refused = sqlx::query(statement)
                .execute(store.pool())
                .await
                .unwrap_err();
            assert!(refused.to_string().contains("append-only"), "{refused}");
        }
        assert_eq!(store.reconciliation_log(None).await.unwrap().len(), 1);
    }
}
