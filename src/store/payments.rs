//! The `payments` and `allocations` tables, read side.

use sqlx::Row;

use crate::domain::{CustomerId, InvoiceId, Payment, PaymentDraft, PaymentId};
use crate::error::Result;

use super::codec;

impl super::Store {
    /// The customer's recorded settlements, newest first.
    pub async fn payments_of(&self, customer: CustomerId) -> Result<Vec<Payment>> {
        let rows =
            sqlx::query("SELECT * FROM payments WHERE customer_id = ? ORDER BY date DESC, id DESC")
                .bind(customer.0)
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| {
                Ok(Payment {
                    id: PaymentId(row.try_get("id")?),
                    details: PaymentDraft {
                        customer_id: customer,
                        invoice_id: row.try_get::<Option<i64>, _>("invoice_id")?.map(InvoiceId),
                        date: codec::date(&row.try_get::<String, _>("date")?)?,
                        amount: codec::money(
                            row.try_get("amount_minor")?,
                            &row.try_get::<String, _>("currency")?,
                        )?,
                        reference: row.try_get("reference")?,
                    },
                })
            })
            .collect()
    }
}
