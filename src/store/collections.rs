//! The collections tables: segments set by hand, dunning policies, dunning stops and the
//! dunning steps done (`migrations/…_collections.sql`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::Row;

use crate::collections::policy::{DunningAction, DunningPolicy, DunningStep};
use crate::collections::segment::{ManualSegment, Segment};
use crate::domain::{CustomerId, InteractionId, InvoiceId};
use crate::error::{Error, Result};

use super::{Store, Writer};

/// Dunning stopped for a customer or one of its invoices.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DunningStop {
    pub id: i64,
    pub customer_id: CustomerId,
    /// `None`: the whole customer.
    pub invoice_id: Option<InvoiceId>,
    pub since: NaiveDate,
    pub reason: String,
}

/// The last dunning step done for an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepDone {
    /// 1-based position in the policy.
    pub step: u32,
    pub done_on: NaiveDate,
}

/// A dunning step done for an invoice, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    pub customer_id: CustomerId,
    pub invoice_id: InvoiceId,
    pub step: u32,
    pub action: DunningAction,
    pub segment: Segment,
    pub done_on: NaiveDate,
    pub interaction_id: Option<InteractionId>,
}

impl Store {
    /// Segments set by hand, by customer.
    pub async fn segment_overrides(&self) -> Result<HashMap<CustomerId, ManualSegment>> {
        let rows = sqlx::query("SELECT customer_id, segment, note, set_on FROM segment_overrides")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    CustomerId(row.try_get("customer_id")?),
                    ManualSegment {
                        segment: Segment::parse(&row.try_get::<String, _>("segment")?)?,
                        note: row.try_get("note")?,
                        set_on: row.try_get("set_on")?,
                    },
                ))
            })
            .collect()
    }

    pub async fn segment_override(&self, customer: CustomerId) -> Result<Option<ManualSegment>> {
        let row = sqlx::query(
            "SELECT segment, note, set_on FROM segment_overrides WHERE customer_id = ?",
        )
        .bind(customer.0)
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(ManualSegment {
                segment: Segment::parse(&row.try_get::<String, _>("segment")?)?,
                note: row.try_get("note")?,
                set_on: row.try_get("set_on")?,
            })
        })
        .transpose()
    }

    /// Sets the customer's segment by hand (`Some`), or lets the rules decide again (`None`).
    pub async fn set_segment_override(
        &self,
        customer: CustomerId,
        manual: Option<&ManualSegment>,
    ) -> Result<()> {
        self.customer(customer).await?;
        match manual {
            Some(manual) => {
                sqlx::query(
                    "INSERT INTO segment_overrides (customer_id, segment, note, set_on) VALUES (?, ?, ?, ?)
                     ON CONFLICT (customer_id) DO UPDATE SET segment = excluded.segment, note = excluded.note, set_on = excluded.set_on",
                )
                .bind(customer.0)
                .bind(manual.segment.code())
                .bind(manual.note.trim())
                .bind(manual.set_on)
                .execute(self.pool())
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM segment_overrides WHERE customer_id = ?")
                    .bind(customer.0)
                    .execute(self.pool())
                    .await?;
            }
        }
        Ok(())
    }

    /// The policy of every segment: the user's where edited, else the shipped one.
    pub async fn dunning_policies(&self) -> Result<Vec<DunningPolicy>> {
        let rows = sqlx::query("SELECT segment, steps FROM dunning_policies")
            .fetch_all(self.pool())
            .await?;
        let mut edited = HashMap::new();
        for row in rows {
            let segment = Segment::parse(&row.try_get::<String, _>("segment")?)?;
            let steps: Vec<DunningStep> = serde_json::from_str(&row.try_get::<String, _>("steps")?)
                .map_err(|e| {
                    Error::storage(format!(
                        "the stored policy of '{segment}' is unreadable: {e}"
                    ))
                })?;
            edited.insert(segment, steps);
        }
        Ok(Segment::ALL
            .into_iter()
            .map(|segment| match edited.remove(&segment) {
                Some(steps) => DunningPolicy { segment, steps },
                None => DunningPolicy::default_for(segment),
            })
            .collect())
    }

    /// Saves a segment's policy (validated).
    pub async fn save_dunning_policy(&self, policy: DunningPolicy) -> Result<DunningPolicy> {
        let policy = policy.validated()?;
        let steps = serde_json::to_string(&policy.steps)
            .map_err(|e| Error::internal(format!("a policy could not be written: {e}")))?;
        sqlx::query(
            "INSERT INTO dunning_policies (segment, steps) VALUES (?, ?)
             ON CONFLICT (segment) DO UPDATE SET steps = excluded.steps",
        )
        .bind(policy.segment.code())
        .bind(steps)
        .execute(self.pool())
        .await?;
        Ok(policy)
    }

    /// Back to the shipped policy for `segment`.
    pub async fn reset_dunning_policy(&self, segment: Segment) -> Result<DunningPolicy> {
        sqlx::query("DELETE FROM dunning_policies WHERE segment = ?")
            .bind(segment.code())
            .execute(self.pool())
            .await?;
        Ok(DunningPolicy::default_for(segment))
    }

    /// Stops dunning for a customer (`invoice` `None`) or one of its invoices, from `since`.
    pub async fn stop_dunning(
        &self,
        customer: CustomerId,
        invoice: Option<InvoiceId>,
        since: NaiveDate,
        reason: &str,
    ) -> Result<DunningStop> {
        if let Some(invoice) = invoice {
            let owner: Option<i64> =
                sqlx::query_scalar("SELECT customer_id FROM invoices WHERE id = ?")
                    .bind(invoice.0)
                    .fetch_optional(self.pool())
                    .await?;
            if owner != Some(customer.0) {
                return Err(Error::invalid(format!(
                    "invoice id {invoice} is not an invoice of this customer"
                )));
            }
        } else {
            self.customer(customer).await?;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO dunning_stops (customer_id, invoice_id, since, reason) VALUES (?, ?, ?, ?)
             ON CONFLICT (customer_id, ifnull(invoice_id, 0)) WHERE lifted_on IS NULL
             DO UPDATE SET reason = excluded.reason
             RETURNING id",
        )
        .bind(customer.0)
        .bind(invoice.map(|i| i.0))
        .bind(since)
        .bind(reason.trim())
        .fetch_one(self.pool())
        .await?;
        Ok(DunningStop {
            id,
            customer_id: customer,
            invoice_id: invoice,
            since,
            reason: reason.trim().to_string(),
        })
    }

    /// Lifts a stop: dunning resumes where it was.
    pub async fn lift_dunning_stop(&self, stop_id: i64, on: NaiveDate) -> Result<()> {
        let lifted = sqlx::query(
            "UPDATE dunning_stops SET lifted_on = ? WHERE id = ? AND lifted_on IS NULL",
        )
        .bind(on)
        .bind(stop_id)
        .execute(self.pool())
        .await?;
        if lifted.rows_affected() == 0 {
            return Err(Error::not_found(format!(
                "no active dunning stop {stop_id}"
            )));
        }
        Ok(())
    }

    /// Stops in force on `as_of` (of one customer, or all).
    pub async fn dunning_stops(
        &self,
        customer: Option<CustomerId>,
        as_of: NaiveDate,
    ) -> Result<Vec<DunningStop>> {
        let rows = sqlx::query(
            "SELECT id, customer_id, invoice_id, since, reason FROM dunning_stops
              WHERE since <= ?1 AND (lifted_on IS NULL OR lifted_on > ?1)
                AND (?2 IS NULL OR customer_id = ?2)
              ORDER BY customer_id, id",
        )
        .bind(as_of)
        .bind(customer.map(|c| c.0))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DunningStop {
                    id: row.try_get("id")?,
                    customer_id: CustomerId(row.try_get("customer_id")?),
                    invoice_id: row.try_get::<Option<i64>, _>("invoice_id")?.map(InvoiceId),
                    since: row.try_get("since")?,
                    reason: row.try_get("reason")?,
                })
            })
            .collect()
    }

    /// The last step done for each open invoice, as of `as_of`.
    pub async fn dunning_steps_done(
        &self,
        as_of: NaiveDate,
    ) -> Result<HashMap<InvoiceId, StepDone>> {
        let rows = sqlx::query(
            "SELECT a.invoice_id, MAX(a.step) AS step, MAX(a.done_on) AS done_on
               FROM dunning_actions a JOIN invoices i ON i.id = a.invoice_id
              WHERE i.open_minor <> 0 AND a.done_on <= ?
              GROUP BY a.invoice_id",
        )
        .bind(as_of)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    InvoiceId(row.try_get("invoice_id")?),
                    StepDone {
                        step: row.try_get::<i64, _>("step")? as u32,
                        done_on: row.try_get("done_on")?,
                    },
                ))
            })
            .collect()
    }
}

impl Writer {
    pub async fn record_dunning_action(&mut self, action: &ActionRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO dunning_actions (customer_id, invoice_id, step, action, segment, done_on, interaction_id)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(action.customer_id.0)
        .bind(action.invoice_id.0)
        .bind(action.step as i64)
        .bind(action.action.code())
        .bind(action.segment.code())
        .bind(action.done_on)
        .bind(action.interaction_id.map(|i| i.0))
        .execute(self.transaction())
        .await?;
        Ok(())
    }

    /// Closes a promise (e.g. once its breach has been raised as an alert).
    pub async fn resolve_promise(&mut self, promise: InteractionId, on: NaiveDate) -> Result<()> {
        sqlx::query(
            "UPDATE interactions SET resolved_on = ? WHERE id = ? AND kind = 'promise' AND resolved_on IS NULL",
        )
        .bind(on)
        .bind(promise.0)
        .execute(self.transaction())
        .await?;
        Ok(())
    }
}
