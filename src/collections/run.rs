//! Doing what the worklist asks, once the credit manager has reviewed it: every action done
//! lands on the customer's timeline and moves its items to the step reached; a broken
//! promise's alert is recorded and the promise closed, so the policy takes over again.
//!
//! Recording is one transaction for the whole run: a run is done whole or not at all.

use chrono::NaiveDate;

use crate::domain::{CustomerId, InteractionDraft, InteractionId, InteractionKind};
use crate::error::{Error, ErrorCode, Result};
use crate::store::{ActionRecord, Store};

use super::policy::{DunningAction, Template};
use super::worklist::{self, Alert, WorkEntry};

/// What was recorded for one customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Done {
    pub customer_id: CustomerId,
    pub customer_number: String,
    pub action: Option<DunningAction>,
    pub step: Option<u32>,
    pub items: Vec<String>,
    /// The timeline entries written (the action's, then one per alert).
    pub interactions: Vec<InteractionId>,
}

/// The worklist entries of `customers` for `as_of`, as the worklist has them now (an entry
/// reviewed earlier may have changed since: a payment arrived, a dispute was raised).
/// Customers without an entry are refused by name, so nothing is done by mistake.
pub async fn approved_entries(
    store: &Store,
    as_of: NaiveDate,
    customers: &[CustomerId],
) -> Result<Vec<WorkEntry>> {
    let list = worklist::worklist(store, as_of).await?;
    customers
        .iter()
        .map(|id| {
            list.customers
                .iter()
                .find(|e| e.customer_id == *id)
                .cloned()
                .ok_or_else(|| {
                    Error::new(ErrorCode::Conflict, format!(
                        "customer id {id} has nothing due on {as_of} any more: review the worklist again"
                    ))
                })
        })
        .collect()
}

/// Records `entries` as done on `as_of`, in one transaction.
pub async fn record_done(
    store: &Store,
    as_of: NaiveDate,
    entries: &[WorkEntry],
) -> Result<Vec<Done>> {
    let mut writer = store.writer().await?;
    let mut done = Vec::with_capacity(entries.len());
    for entry in entries {
        let mut interactions = Vec::new();
        if let Some(action) = &entry.action {
            let kind = match action.action {
                DunningAction::Email => InteractionKind::Email,
                DunningAction::Letter => InteractionKind::Letter,
                DunningAction::Call => InteractionKind::Call,
                DunningAction::Escalation => InteractionKind::LevelChange,
            };
            let draft =
                InteractionDraft::recorded(entry.customer_id, as_of, kind, &describe(entry))?;
            let interaction = writer.record_interaction(&draft).await?;
            interactions.push(interaction);
            for item in &entry.items {
                // Items listed in a letter are raised to its step; an item not yet due keeps
                // its own (a courtesy reminder must not count as a formal notice).
                let step = if item.days_late > 0 {
                    action.step.max(item.step_due.unwrap_or(0))
                } else {
                    match item.step_due {
                        Some(step) => step,
                        None => continue,
                    }
                };
                writer
                    .record_dunning_action(&ActionRecord {
                        customer_id: entry.customer_id,
                        invoice_id: item.invoice_id,
                        step,
                        action: action.action,
                        segment: entry.segment,
                        done_on: as_of,
                        interaction_id: Some(interaction),
                    })
                    .await?;
            }
        }
        for alert in &entry.alerts {
            let Alert::BrokenPromise {
                promise_id,
                made_on,
                due,
                promised,
                received,
            } = alert;
            let text = format!(
                "Promise broken: {promised} promised on {made_on} for {due}, {received} received since. Dunning resumes."
            );
            let draft = InteractionDraft::recorded(
                entry.customer_id,
                as_of,
                InteractionKind::Alert,
                &text,
            )?;
            interactions.push(writer.record_interaction(&draft).await?);
            writer.resolve_promise(*promise_id, as_of).await?;
        }
        done.push(Done {
            customer_id: entry.customer_id,
            customer_number: entry.customer_number.clone(),
            action: entry.action.as_ref().map(|a| a.action),
            step: entry.action.as_ref().map(|a| a.step),
            items: entry.items.iter().map(|i| i.number.clone()).collect(),
            interactions,
        });
    }
    writer.commit().await?;
    Ok(done)
}

/// The timeline's words for an action: "Second reminder (step 2 of 5, letter) for F-1, F-2:
/// 1234.56 EUR open".
pub fn describe(entry: &WorkEntry) -> String {
    let Some(action) = &entry.action else {
        return String::new();
    };
    let what = match (action.action, action.template) {
        (DunningAction::Call, _) => "Dunning call",
        (DunningAction::Escalation, _) => "Escalation",
        (_, Template::Reminder) => "Reminder",
        (_, Template::SecondReminder) => "Second reminder",
        (_, Template::FormalNotice) => "Formal notice",
    };
    let items: Vec<&str> = entry.items.iter().map(|i| i.number.as_str()).collect();
    let mut text = format!(
        "{what} (step {} of {}, {}) for {}: {} open",
        action.step,
        action.steps_in_policy,
        action.action.code(),
        items.join(", "),
        entry.total
    );
    if action.email_missing {
        text.push_str("; a letter, as no e-mail address is known");
    }
    text
}
