//! Writes that belong together: one [`Writer`] is one transaction.
//!
//! Bulk writes use multi-row statements (a batch of rows per statement) because a statement
//! round trip costs more than the row itself. Dropping a writer without `commit` rolls back.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::NaiveDate;
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};

use crate::domain::{
    ContactId, CustomerDraft, CustomerId, InteractionDraft, InteractionId, InteractionKind,
    InvoiceDraft, InvoiceId, PaymentDraft, PaymentId,
};
use crate::error::{Error, Result};
use crate::money::Money;

use super::open::Connections;
use super::{Counted, CustomerFields};

/// Rows per multi-row statement: 500 rows of 12 columns stay below SQLite's 32,766 bound parameters.
const BATCH: usize = 500;

/// A settlement to record, with the key that makes recording it again a no-op.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub payment: PaymentDraft,
    /// Stable across re-imports of the same source, e.g. `invoice-paid:F-001`.
    pub source_key: String,
}

pub struct Writer {
    tx: Transaction<'static, Sqlite>,
    /// Keeps the pool open while this transaction holds one of its connections. Declared after
    /// `tx` so the transaction ends (and returns its connection) before the pool may close.
    _connections: Arc<Connections>,
}

impl Writer {
    pub(crate) async fn begin(connections: Arc<Connections>) -> Result<Writer> {
        let mut tx = connections.pool.begin().await?;
        sqlx::query(super::open::WRITE_CACHE_PRAGMA)
            .execute(&mut *tx)
            .await?;
        Ok(Writer {
            tx,
            _connections: connections,
        })
    }

    /// The transaction, for the store's other table modules.
    pub(crate) fn transaction(&mut self) -> &mut sqlx::SqliteConnection {
        &mut self.tx
    }

    /// Makes every write of this writer durable, all together.
    pub async fn commit(mut self) -> Result<()> {
        // The connection goes back to the pool as a reader. (A writer dropped without commit
        // keeps the larger cache on its connection: harmless, and rare.)
        sqlx::query(super::open::READ_CACHE_RESET)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        Ok(())
    }

    /// How many rows `table` holds as this transaction sees it.
    pub async fn count(&mut self, table: Counted) -> Result<i64> {
        Ok(sqlx::query_scalar(table.sql())
            .fetch_one(&mut *self.tx)
            .await?)
    }

    /// Inserts customers, or updates them by number; returns their ids in input order.
    /// On update only the name and the columns `fields` names are written.
    pub async fn upsert_customers(
        &mut self,
        drafts: &[CustomerDraft],
        fields: CustomerFields,
    ) -> Result<Vec<CustomerId>> {
        let assignments = fields.update_assignments();
        let mut ids = HashMap::with_capacity(drafts.len());
        for chunk in drafts.chunks(BATCH) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO customers (number, name, vat_number, line1, line2, postal_code, city, country, language,
                 currency, payment_terms_days, credit_limit_minor, preferred_channel, email, phone, owner) ",
            );
            let mut bad = None;
            qb.push_values(chunk, |mut row, c| {
                let limit = match c.credit_limit.map(|m| m.to_minor()).transpose() {
                    Ok(v) => v,
                    Err(e) => {
                        bad = Some(e);
                        None
                    }
                };
                row.push_bind(c.number.as_str().to_string())
                    .push_bind(c.name.clone())
                    .push_bind(c.vat_number.clone())
                    .push_bind(c.address.line1.clone())
                    .push_bind(c.address.line2.clone())
                    .push_bind(c.address.postal_code.clone())
                    .push_bind(c.address.city.clone())
                    .push_bind(c.country.map(|k| k.code().to_string()))
                    .push_bind(c.language.code())
                    .push_bind(c.currency.code().to_string())
                    .push_bind(i64::from(c.payment_terms_days))
                    .push_bind(limit)
                    .push_bind(c.preferred_channel.code())
                    .push_bind(c.email.clone())
                    .push_bind(c.phone.clone())
                    .push_bind(c.owner.clone());
            });
            if let Some(e) = bad {
                return Err(e);
            }
            qb.push(format!(
                " ON CONFLICT (number) DO UPDATE SET {assignments} RETURNING id, number"
            ));
            for row in qb.build().fetch_all(&mut *self.tx).await? {
                ids.insert(
                    row.try_get::<String, _>("number")?,
                    CustomerId(row.try_get("id")?),
                );
            }
        }
        for c in drafts.iter().filter(|c| !c.ibans.is_empty()) {
            let id = ids[c.number.as_str()];
            for iban in &c.ibans {
                sqlx::query(
                    "INSERT OR IGNORE INTO customer_ibans (iban, customer_id) VALUES (?, ?)",
                )
                .bind(iban)
                .bind(id.0)
                .execute(&mut *self.tx)
                .await?;
            }
        }
        drafts
            .iter()
            .map(|c| lookup(&ids, c.number.as_str()))
            .collect()
    }

    pub async fn add_contact(
        &mut self,
        customer: CustomerId,
        name: &str,
        role: &str,
        email: &str,
        phone: &str,
        is_billing: bool,
    ) -> Result<ContactId> {
        if name.trim().is_empty() {
            return Err(Error::invalid("a contact needs a name"));
        }
        let id = sqlx::query_scalar(
            "INSERT INTO contacts (customer_id, name, role, email, phone, is_billing) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(customer.0)
        .bind(name.trim())
        .bind(role.trim())
        .bind(email.trim())
        .bind(phone.trim())
        .bind(is_billing)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(ContactId(id))
    }

    /// Inserts items, or updates them by number; returns their ids in input order.
    /// See [`Writer::write_invoices`] for what an update keeps.
    pub async fn upsert_invoices(
        &mut self,
        drafts: &[InvoiceDraft],
        carries_disputed: bool,
    ) -> Result<Vec<InvoiceId>> {
        let refs: Vec<&InvoiceDraft> = drafts.iter().collect();
        self.write_invoices(&refs, carries_disputed).await?;
        let numbers: Vec<&str> = drafts.iter().map(|d| d.number.as_str()).collect();
        self.invoice_ids(&numbers).await
    }

    /// Inserts items, or updates them by number, without reading their ids back (every row
    /// read back is a round trip to the database thread: a bulk import asks only for the ids
    /// it needs). An update keeps the item's allocations: its open amount moves by the change
    /// of amount. Optional text columns are only overwritten by a non-empty value; the
    /// disputed flag only when `carries_disputed` (the source has that column).
    pub async fn write_invoices(
        &mut self,
        drafts: &[&InvoiceDraft],
        carries_disputed: bool,
    ) -> Result<()> {
        let disputed_update = if carries_disputed {
            ", disputed = excluded.disputed"
        } else {
            ""
        };
        let upsert = format!(
            "INSERT INTO invoices (number, customer_id, kind, issue_date, due_date, currency, amount_minor, open_minor,
                                   reference, po_number, description, disputed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (number) DO UPDATE SET
               customer_id = excluded.customer_id, kind = excluded.kind,
               issue_date = excluded.issue_date, due_date = excluded.due_date, currency = excluded.currency,
               open_minor = invoices.open_minor + excluded.amount_minor - invoices.amount_minor,
               amount_minor = excluded.amount_minor,
               reference = CASE WHEN excluded.reference <> '' THEN excluded.reference ELSE invoices.reference END,
               po_number = CASE WHEN excluded.po_number <> '' THEN excluded.po_number ELSE invoices.po_number END,
               description = CASE WHEN excluded.description <> '' THEN excluded.description ELSE invoices.description END
               {disputed_update}"
        );
        let minors = drafts
            .iter()
            .map(|d| d.amount.to_minor())
            .collect::<Result<Vec<_>>>()?;
        let mut handle = self.tx.lock_handle().await?;
        let mut statement = super::bulk::Statement::prepare(&mut handle, &upsert)?;
        let mut date = String::with_capacity(10);
        for (d, minor) in drafts.iter().zip(minors) {
            statement.text(1, d.number.as_str())?;
            statement.int(2, d.customer_id.0)?;
            statement.text(3, d.kind.code())?;
            date.clear();
            write!(date, "{}", d.issue_date.format("%Y-%m-%d")).expect("writing to a String");
            statement.text(4, &date)?;
            date.clear();
            write!(date, "{}", d.due_date.format("%Y-%m-%d")).expect("writing to a String");
            statement.text(5, &date)?;
            statement.text(6, d.amount.currency.code())?;
            statement.int(7, minor)?;
            statement.text(8, &d.reference)?;
            statement.text(9, &d.po_number)?;
            statement.text(10, &d.description)?;
            statement.int(11, i64::from(d.disputed))?;
            statement.execute()?;
        }
        Ok(())
    }

    /// The ids of invoices by number, in the order asked; an unknown number is `not_found`.
    pub async fn invoice_ids(&mut self, numbers: &[&str]) -> Result<Vec<InvoiceId>> {
        let mut ids = HashMap::with_capacity(numbers.len());
        for chunk in numbers.chunks(BATCH * 4) {
            let mut qb =
                QueryBuilder::<Sqlite>::new("SELECT id, number FROM invoices WHERE number IN (");
            let mut separated = qb.separated(", ");
            for number in chunk {
                separated.push_bind(number.to_string());
            }
            qb.push(")");
            for row in qb.build().fetch_all(&mut *self.tx).await? {
                ids.insert(
                    row.try_get::<String, _>("number")?,
                    InvoiceId(row.try_get("id")?),
                );
            }
        }
        numbers
            .iter()
            .map(|n| {
                ids.get(*n)
                    .copied()
                    .ok_or_else(|| Error::not_found(format!("no invoice with number '{n}'")))
            })
            .collect()
    }

    /// Records settlements (idempotent by `source_key`). A settlement of an invoice is also
    /// allocated to it, and that invoice's open amount follows.
    pub async fn record_payments(&mut self, records: &[PaymentRecord]) -> Result<Vec<PaymentId>> {
        let mut ids = HashMap::with_capacity(records.len());
        for chunk in records.chunks(BATCH) {
            let minors = chunk
                .iter()
                .map(|r| r.payment.amount.to_minor())
                .collect::<Result<Vec<_>>>()?;
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO payments (customer_id, invoice_id, date, currency, amount_minor, reference, source_key) ",
            );
            qb.push_values(chunk.iter().zip(&minors), |mut row, (r, minor)| {
                let p = &r.payment;
                row.push_bind(p.customer_id.0)
                    .push_bind(p.invoice_id.map(|i| i.0))
                    .push_bind(p.date)
                    .push_bind(p.amount.currency.code().to_string())
                    .push_bind(*minor)
                    .push_bind(p.reference.clone())
                    .push_bind(r.source_key.clone());
            });
            qb.push(
                " ON CONFLICT (source_key) DO UPDATE SET date = excluded.date, currency = excluded.currency,
                   amount_minor = excluded.amount_minor, reference = excluded.reference
                 RETURNING id, source_key",
            );
            for row in qb.build().fetch_all(&mut *self.tx).await? {
                ids.insert(
                    row.try_get::<String, _>("source_key")?,
                    PaymentId(row.try_get("id")?),
                );
            }
        }
        let ids: Vec<PaymentId> = records
            .iter()
            .map(|r| lookup(&ids, &r.source_key))
            .collect::<Result<_>>()?;

        let allocated: Vec<(PaymentId, &PaymentRecord)> = ids
            .iter()
            .copied()
            .zip(records)
            .filter(|(_, r)| r.payment.invoice_id.is_some())
            .collect();
        for chunk in allocated.chunks(BATCH) {
            let minors = chunk
                .iter()
                .map(|(_, r)| r.payment.amount.to_minor())
                .collect::<Result<Vec<_>>>()?;
            let mut qb = QueryBuilder::<Sqlite>::new(
                "INSERT INTO allocations (invoice_id, source_kind, payment_id, currency, amount_minor, allocated_on, made_by, reason) ",
            );
            qb.push_values(chunk.iter().zip(&minors), |mut row, ((id, r), minor)| {
                row.push_bind(r.payment.invoice_id.map(|i| i.0))
                    .push_bind("payment")
                    .push_bind(id.0)
                    .push_bind(r.payment.amount.currency.code().to_string())
                    .push_bind(*minor)
                    .push_bind(r.payment.date)
                    .push_bind("import")
                    .push_bind("settlement from the payment history");
            });
            qb.push(
                " ON CONFLICT (payment_id) WHERE payment_id IS NOT NULL DO UPDATE SET
                   amount_minor = excluded.amount_minor, currency = excluded.currency, allocated_on = excluded.allocated_on",
            );
            qb.build().execute(&mut *self.tx).await?;
        }
        let touched: Vec<InvoiceId> = allocated
            .iter()
            .filter_map(|(_, r)| r.payment.invoice_id)
            .collect();
        self.refresh_open_amounts(&touched).await?;
        Ok(ids)
    }

    /// Records that `paid` of an invoice was already settled before the data came in (an ERP
    /// export's open amount below its amount), as of `on`. Zero removes that record.
    pub async fn set_opening_balance(
        &mut self,
        invoice: InvoiceId,
        paid: Money,
        on: NaiveDate,
    ) -> Result<()> {
        if paid.is_zero() {
            sqlx::query(
                "DELETE FROM allocations WHERE invoice_id = ? AND source_kind = 'opening_balance'",
            )
            .bind(invoice.0)
            .execute(&mut *self.tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO allocations (invoice_id, source_kind, currency, amount_minor, allocated_on, made_by, reason)
                 VALUES (?, 'opening_balance', ?, ?, ?, 'import', 'already paid according to the ERP export')
                 ON CONFLICT (invoice_id) WHERE source_kind = 'opening_balance' DO UPDATE SET
                   currency = excluded.currency, amount_minor = excluded.amount_minor, allocated_on = excluded.allocated_on",
            )
            .bind(invoice.0)
            .bind(paid.currency.code())
            .bind(paid.to_minor()?)
            .bind(on)
            .execute(&mut *self.tx)
            .await?;
        }
        self.refresh_open_amounts(&[invoice]).await
    }

    /// Applies `amount` of a credit note to an invoice of the same customer and currency:
    /// both open amounts move towards zero. Fails if either would go past zero.
    pub async fn allocate_credit_note(
        &mut self,
        credit_note: InvoiceId,
        invoice: InvoiceId,
        amount: Money,
        on: NaiveDate,
    ) -> Result<()> {
        let item = |id: InvoiceId| {
            sqlx::query(
                "SELECT customer_id, kind, currency, open_minor, number FROM invoices WHERE id = ?",
            )
            .bind(id.0)
        };
        let note = item(credit_note)
            .fetch_optional(&mut *self.tx)
            .await?
            .ok_or_else(|| Error::not_found(format!("no credit note with id {credit_note}")))?;
        let target = item(invoice)
            .fetch_optional(&mut *self.tx)
            .await?
            .ok_or_else(|| Error::not_found(format!("no invoice with id {invoice}")))?;
        let text = |row: &sqlx::sqlite::SqliteRow, col: &str| row.try_get::<String, _>(col);
        if text(&note, "kind")? != "credit_note" || text(&target, "kind")? != "invoice" {
            return Err(Error::invalid("a credit note is allocated to an invoice"));
        }
        if note.try_get::<i64, _>("customer_id")? != target.try_get::<i64, _>("customer_id")? {
            return Err(Error::invalid(format!(
                "credit note {} and invoice {} belong to different customers",
                text(&note, "number")?,
                text(&target, "number")?
            )));
        }
        if text(&note, "currency")? != amount.currency.code()
            || text(&target, "currency")? != amount.currency.code()
        {
            return Err(Error::new(
                crate::error::ErrorCode::CurrencyMismatch,
                "the credit note, the invoice and the amount must share one currency",
            ));
        }
        let minor = amount.to_minor()?;
        let note_open = -note.try_get::<i64, _>("open_minor")?;
        let target_open = target.try_get::<i64, _>("open_minor")?;
        if minor <= 0 || minor > note_open || minor > target_open {
            return Err(Error::invalid(format!(
                "{amount} cannot be allocated: the credit note has {} left, the invoice {} open",
                Money::from_minor(note_open, amount.currency),
                Money::from_minor(target_open, amount.currency)
            )));
        }
        // Two allocation rows, one per side, so each item's open amount is its amount less
        // its own allocations.
        for (on_item, value) in [(invoice, minor), (credit_note, -minor)] {
            sqlx::query(
                "INSERT INTO allocations (invoice_id, source_kind, credit_note_id, currency, amount_minor, allocated_on, made_by, reason)
                 VALUES (?, 'credit_note', ?, ?, ?, ?, 'user', 'credit note applied to invoice')",
            )
            .bind(on_item.0)
            .bind(credit_note.0)
            .bind(amount.currency.code())
            .bind(value)
            .bind(on)
            .execute(&mut *self.tx)
            .await?;
        }
        self.refresh_open_amounts(&[invoice, credit_note]).await
    }

    /// Recomputes the derived open amount and settlement date of these invoices from their
    /// active allocations.
    pub async fn refresh_open_amounts(&mut self, invoices: &[InvoiceId]) -> Result<()> {
        let mut unique: Vec<i64> = invoices.iter().map(|i| i.0).collect();
        unique.sort_unstable();
        unique.dedup();
        for chunk in unique.chunks(BATCH * 4) {
            let mut qb = QueryBuilder::<Sqlite>::new(
                "UPDATE invoices SET
                   open_minor = amount_minor - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a
                                 WHERE a.invoice_id = invoices.id AND a.reversed_on IS NULL), 0),
                   settled_on = NULL
                 WHERE id IN (",
            );
            let mut separated = qb.separated(", ");
            for id in chunk {
                separated.push_bind(*id);
            }
            qb.push(")");
            qb.build().execute(&mut *self.tx).await?;

            let mut qb = QueryBuilder::<Sqlite>::new(
                "UPDATE invoices SET settled_on = (SELECT MAX(a.allocated_on) FROM allocations a
                                 WHERE a.invoice_id = invoices.id AND a.reversed_on IS NULL)
                 WHERE ((amount_minor > 0 AND open_minor <= 0) OR (amount_minor < 0 AND open_minor >= 0)) AND id IN (",
            );
            let mut separated = qb.separated(", ");
            for id in chunk {
                separated.push_bind(*id);
            }
            qb.push(")");
            qb.build().execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    pub async fn record_interaction(&mut self, draft: &InteractionDraft) -> Result<InteractionId> {
        let (invoice, amount, due, resolved) = match &draft.kind {
            InteractionKind::Promise { amount, due } => (None, Some(*amount), Some(*due), None),
            InteractionKind::Dispute {
                invoice_id,
                resolved_on,
                ..
            } => (Some(*invoice_id), None, None, *resolved_on),
            _ => (None, None, None, None),
        };
        let text = match &draft.kind {
            InteractionKind::Dispute { reason, .. } => reason.clone(),
            _ => draft.text.clone(),
        };
        if let Some(invoice) = invoice {
            let owner: Option<i64> =
                sqlx::query_scalar("SELECT customer_id FROM invoices WHERE id = ?")
                    .bind(invoice.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
            if owner != Some(draft.customer_id.0) {
                return Err(Error::invalid(format!(
                    "invoice id {invoice} is not an invoice of this customer"
                )));
            }
            // An open dispute marks the invoice; one recorded as already resolved does not.
            if resolved.is_none() {
                sqlx::query("UPDATE invoices SET disputed = 1 WHERE id = ?")
                    .bind(invoice.0)
                    .execute(&mut *self.tx)
                    .await?;
            }
        }
        let id = sqlx::query_scalar(
            "INSERT INTO interactions (customer_id, invoice_id, date, kind, text, currency, amount_minor, due_date, resolved_on)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(draft.customer_id.0)
        .bind(invoice.map(|i| i.0))
        .bind(draft.date)
        .bind(draft.kind.code())
        .bind(text)
        .bind(amount.map(|m| m.currency.code().to_string()))
        .bind(amount.map(|m| m.to_minor()).transpose()?)
        .bind(due)
        .bind(resolved)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(InteractionId(id))
    }
}

fn lookup<T: Copy>(ids: &HashMap<String, T>, key: &str) -> Result<T> {
    ids.get(key)
        .copied()
        .ok_or_else(|| Error::internal(format!("no id came back for '{key}'")))
}
