//! Doing what the worklist asks, once the credit manager has reviewed it: every action done
//! lands on the customer's timeline and moves its items to the step reached; a broken
//! promise's alert is recorded and the promise closed, so the policy takes over again.
//!
//! Recording is one transaction for the whole run: a run is done whole or not at all.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{CustomerId, InteractionDraft, InteractionId, InteractionKind};
use crate::error::{Error, ErrorCode, Result};
use crate::letters;
use crate::mail::{self, MessageDraft};
use crate::store::{ActionRecord, Store};

use super::letter;
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

/// What a run did: the steps recorded, the letters written, the e-mails queued.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunOutcome {
    pub done: Vec<Done>,
    /// One PDF per letter step, in the order of the worklist.
    pub letters: Vec<PathBuf>,
    /// All of them in one PDF, to print.
    pub batch: Option<PathBuf>,
    pub emails_queued: u32,
}

/// Does the reviewed `entries` on `as_of`: the letters of letter steps are written to
/// `letters_dir` (one PDF each and one to print), the e-mails of e-mail steps are queued with
/// their letter attached, and every step lands on the timeline.
///
/// The database side (steps, timeline, outbox) is one transaction. The PDFs are written
/// first: should that transaction fail, they are left on disk but nothing counts as done, and
/// the next run writes them again.
pub async fn execute(
    store: &Store,
    as_of: NaiveDate,
    entries: &[WorkEntry],
    letters_dir: &Path,
    now: DateTime<Utc>,
) -> Result<RunOutcome> {
    let context = letter::Context::load(store).await?;
    let mut to_print = Vec::new();
    let mut emails = Vec::new();
    for entry in entries {
        let Some(composed) = letter::compose(store, &context, as_of, entry).await? else {
            continue;
        };
        if composed.email_to.is_some() {
            let pdf = letters::render(&composed.letter)?;
            emails.extend(letter::email(&composed, pdf)?);
        } else {
            to_print.push(composed.letter);
        }
    }
    let (letters, batch) = if to_print.is_empty() {
        (Vec::new(), None)
    } else {
        let mut written = letters::render_batch(&to_print)?.write_to(letters_dir)?;
        let combined = written.pop();
        (written, combined)
    };
    let emails_queued = emails.len() as u32;
    let done = record(store, as_of, entries, emails, now).await?;
    Ok(RunOutcome {
        done,
        letters,
        batch,
        emails_queued,
    })
}

/// The letters of every letter step due on `as_of` (the worklist's letter entries), rendered
/// and written to `dir` without recording anything: to look at, or print again.
pub async fn write_due_letters(store: &Store, as_of: NaiveDate, dir: &Path) -> Result<RunOutcome> {
    let list = worklist::worklist(store, as_of).await?;
    let entries: Vec<WorkEntry> = list
        .customers
        .into_iter()
        .filter(|e| {
            matches!(
                e.action.as_ref().map(|a| a.action),
                Some(DunningAction::Letter)
            )
        })
        .collect();
    let context = letter::Context::load(store).await?;
    let mut to_print = Vec::with_capacity(entries.len());
    for entry in &entries {
        if let Some(composed) = letter::compose(store, &context, as_of, entry).await? {
            to_print.push(composed.letter);
        }
    }
    let (letters, batch) = if to_print.is_empty() {
        (Vec::new(), None)
    } else {
        let mut written = letters::render_batch(&to_print)?.write_to(dir)?;
        let combined = written.pop();
        (written, combined)
    };
    Ok(RunOutcome {
        done: Vec::new(),
        letters,
        batch,
        emails_queued: 0,
    })
}

/// Records `entries` as done on `as_of`, in one transaction (no letter, no e-mail).
pub async fn record_done(
    store: &Store,
    as_of: NaiveDate,
    entries: &[WorkEntry],
) -> Result<Vec<Done>> {
    record(store, as_of, entries, Vec::new(), DateTime::<Utc>::MIN_UTC).await
}

async fn record(
    store: &Store,
    as_of: NaiveDate,
    entries: &[WorkEntry],
    emails: Vec<MessageDraft>,
    now: DateTime<Utc>,
) -> Result<Vec<Done>> {
    let mut writer = store.writer().await?;
    for email in emails {
        mail::queue_in(store, &mut writer, email, now).await?;
    }
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
