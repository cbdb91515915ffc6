//! The `invoices` table (invoices and credit notes).

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use crate::domain::{CustomerId, Invoice, InvoiceDraft, InvoiceId, InvoiceKind, InvoiceNumber};
use crate::error::{Error, Result};

use super::codec;

pub(crate) fn invoice_from_row(row: &SqliteRow) -> Result<Invoice> {
    let currency: String = row.try_get("currency")?;
    Ok(Invoice {
        id: InvoiceId(row.try_get("id")?),
        details: InvoiceDraft {
            number: InvoiceNumber::parse(&row.try_get::<String, _>("number")?)?,
            customer_id: CustomerId(row.try_get("customer_id")?),
            kind: InvoiceKind::from_code(&row.try_get::<String, _>("kind")?)?,
            issue_date: codec::date(&row.try_get::<String, _>("issue_date")?)?,
            due_date: codec::date(&row.try_get::<String, _>("due_date")?)?,
            amount: codec::money(row.try_get("amount_minor")?, &currency)?,
            reference: row.try_get("reference")?,
            po_number: row.try_get("po_number")?,
            description: row.try_get("description")?,
            disputed: row.try_get::<i64, _>("disputed")? != 0,
        },
        open_amount: codec::money(row.try_get("open_minor")?, &currency)?,
    })
}

impl super::Store {
    pub async fn invoice_by_number(&self, number: &str) -> Result<Invoice> {
        let row = sqlx::query("SELECT * FROM invoices WHERE number = ?")
            .bind(number.trim())
            .fetch_optional(self.pool())
            .await?;
        match row {
            Some(row) => invoice_from_row(&row),
            None => Err(Error::not_found(format!(
                "no invoice with number '{}'",
                number.trim()
            ))),
        }
    }

    /// The customer's items with an open amount, oldest due first.
    pub async fn open_invoices(&self, customer: CustomerId) -> Result<Vec<Invoice>> {
        let rows = sqlx::query("SELECT * FROM invoices WHERE customer_id = ? AND open_minor <> 0 ORDER BY due_date, number")
            .bind(customer.0)
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(invoice_from_row).collect()
    }

    /// Every item of the customer, newest first.
    pub async fn invoices_of(&self, customer: CustomerId) -> Result<Vec<Invoice>> {
        let rows = sqlx::query(
            "SELECT * FROM invoices WHERE customer_id = ? ORDER BY issue_date DESC, number DESC",
        )
        .bind(customer.0)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(invoice_from_row).collect()
    }

    /// Checks that every stored open amount equals its amount less its active allocations.
    /// Returns the numbers of the invoices where it does not (none, if the store is sound).
    pub async fn inconsistent_open_amounts(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT i.number FROM invoices i
             WHERE i.open_minor <> i.amount_minor - COALESCE(
                 (SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.reversed_on IS NULL), 0)",
        )
        .fetch_all(self.pool())
        .await?)
    }
}

pub(crate) async fn count_open(pool: &SqlitePool) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM invoices WHERE open_minor <> 0 AND kind = 'invoice'",
    )
    .fetch_one(pool)
    .await?)
}
