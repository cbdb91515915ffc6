//! The `bank_statements` and `bank_entries` tables: statements as imported, and where the
//! reconciliation of each entry stands.

use chrono::NaiveDate;
use sqlx::{QueryBuilder, Row, Sqlite, sqlite::SqliteRow};

use crate::bank::{Statement, StatementFormat};
use crate::domain::{BankEntry, BankEntryId, EntryStatus};
use crate::error::Result;

use super::{Store, Writer, codec};

pub(super) const ENTRY_COLUMNS: &str =
    "id, account, booking_date, value_date, currency, amount_minor, payer_name, payer_iban,
     reference, remittance, end_to_end, reversal, transaction_code, bank_reference, status";

/// Which entries to list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryFilter {
    /// Only these statuses; empty means every status.
    pub statuses: Vec<EntryStatus>,
    pub offset: u32,
    pub limit: u32,
}

/// How a statement landed: how many of its entries were new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatementWritten {
    pub added: usize,
    /// Entries already in the database (the same account and bank reference): left as they are.
    pub already_there: usize,
}

pub(super) fn entry(row: &SqliteRow) -> Result<BankEntry> {
    let currency: String = row.try_get("currency")?;
    Ok(BankEntry {
        id: BankEntryId(row.try_get("id")?),
        account: row.try_get("account")?,
        booking_date: codec::date(&row.try_get::<String, _>("booking_date")?)?,
        value_date: codec::date(&row.try_get::<String, _>("value_date")?)?,
        amount: codec::money(row.try_get("amount_minor")?, &currency)?,
        payer_name: row.try_get("payer_name")?,
        payer_iban: row.try_get("payer_iban")?,
        reference: row.try_get("reference")?,
        remittance: row.try_get("remittance")?,
        end_to_end: row.try_get("end_to_end")?,
        reversal: row.try_get::<i64, _>("reversal")? != 0,
        transaction_code: row.try_get("transaction_code")?,
        bank_reference: row.try_get("bank_reference")?,
        status: EntryStatus::parse(&row.try_get::<String, _>("status")?)?,
    })
}

impl Store {
    /// Bank entries, newest booking first.
    pub async fn bank_entries(&self, filter: &EntryFilter) -> Result<Vec<BankEntry>> {
        let mut qb =
            QueryBuilder::<Sqlite>::new(format!("SELECT {ENTRY_COLUMNS} FROM bank_entries"));
        if !filter.statuses.is_empty() {
            qb.push(" WHERE status IN (");
            let mut list = qb.separated(", ");
            for status in &filter.statuses {
                list.push_bind(status.code());
            }
            qb.push(")");
        }
        qb.push(" ORDER BY booking_date DESC, id DESC LIMIT ")
            .push_bind(i64::from(filter.limit))
            .push(" OFFSET ")
            .push_bind(i64::from(filter.offset));
        let rows = qb.build().fetch_all(self.pool()).await?;
        rows.iter().map(entry).collect()
    }

    pub async fn bank_entry(&self, id: BankEntryId) -> Result<Option<BankEntry>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ENTRY_COLUMNS} FROM bank_entries WHERE id = ?"
        )))
        .bind(id.0)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(entry).transpose()
    }

    /// How many entries have each status.
    pub async fn bank_entry_counts(&self) -> Result<Vec<(EntryStatus, i64)>> {
        let rows = sqlx::query("SELECT status, count(*) AS n FROM bank_entries GROUP BY status")
            .fetch_all(self.pool())
            .await?;
        let mut counts: Vec<(EntryStatus, i64)> =
            EntryStatus::ALL.iter().map(|s| (*s, 0)).collect();
        for row in rows {
            let status = EntryStatus::parse(&row.try_get::<String, _>("status")?)?;
            if let Some(slot) = counts.iter_mut().find(|(s, _)| *s == status) {
                slot.1 = row.try_get("n")?;
            }
        }
        Ok(counts)
    }
}

impl Writer {
    /// Adds a statement's entries that are not in the database yet (same account and bank
    /// reference), with the statement itself when at least one is new. Money out is marked
    /// `outgoing`; money in waits, `unmatched`, for reconciliation.
    pub async fn write_statement(
        &mut self,
        file_name: &str,
        format: StatementFormat,
        statement: &Statement,
        imported_on: NaiveDate,
    ) -> Result<StatementWritten> {
        let mut written = StatementWritten::default();
        let mut statement_id: Option<i64> = None;
        for item in &statement.entries {
            let exists: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM bank_entries WHERE account = ? AND bank_reference = ?",
            )
            .bind(&statement.account)
            .bind(&item.entry)
            .fetch_optional(&mut *self.transaction())
            .await?;
            if exists.is_some() {
                written.already_there += 1;
                continue;
            }
            let id = match statement_id {
                Some(id) => id,
                None => {
                    let balances: Vec<serde_json::Value> = statement
                        .balances
                        .iter()
                        .map(|b| {
                            serde_json::json!({
                                "kind": b.kind, "date": b.date,
                                "currency": b.amount.currency.code(), "amount": b.amount.amount.to_string(),
                            })
                        })
                        .collect();
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO bank_statements (format, file_name, account, statement, imported_on, balances)
                         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    )
                    .bind(format.code())
                    .bind(file_name)
                    .bind(&statement.account)
                    .bind(&statement.id)
                    .bind(imported_on)
                    .bind(serde_json::Value::Array(balances).to_string())
                    .fetch_one(&mut *self.transaction())
                    .await?;
                    statement_id = Some(id);
                    id
                }
            };
            let status = if item.amount.is_negative() || item.amount.is_zero() {
                EntryStatus::Outgoing
            } else {
                EntryStatus::Unmatched
            };
            sqlx::query(
                "INSERT INTO bank_entries (statement_id, account, booking_date, value_date, currency, amount_minor,
                   payer_name, payer_iban, reference, remittance, end_to_end, reversal, transaction_code,
                   bank_reference, status)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&statement.account)
            .bind(item.booking_date)
            .bind(item.value_date)
            .bind(item.amount.currency.code())
            .bind(item.amount.to_minor()?)
            .bind(&item.name)
            .bind(&item.iban)
            .bind(&item.reference)
            .bind(&item.remittance)
            .bind(&item.end_to_end)
            .bind(item.reversal)
            .bind(&item.transaction_code)
            .bind(&item.entry)
            .bind(status.code())
            .execute(&mut *self.transaction())
            .await?;
            written.added += 1;
        }
        Ok(written)
    }
}
