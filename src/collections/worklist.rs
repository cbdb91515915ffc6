//! The dunning worklist for a day: every action due, grouped by customer, with its items and
//! the reason — what the credit manager reviews before anything is sent or printed.
//!
//! For each open invoice, the customer's segment gives the policy and the last step done gives
//! the next one; it is due `offset` days from the due date, and never sooner after the
//! previous step than the policy spaces them. Paused: items disputed or stopped by hand, and
//! every item of a customer stopped by hand or with a promise to pay still running. A promise
//! broken raises an alert, and the items it paused follow the policy again.
//!
//! A customer gets one action per run: the one of the highest step any of its items reached,
//! listing all its overdue items (one letter, not one per invoice).

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};

use crate::domain::{CustomerId, InteractionId, InvoiceId};
use crate::error::Result;
use crate::money::Money;
use crate::store::{DunningStop, StepDone, Store};

use super::history::CustomerHistory;
use super::policy::{DunningAction, DunningPolicy, Template};
use super::profile::{PromiseState, promise_state};
use super::segment::{Segment, SegmentAssignment};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Worklist {
    pub as_of: NaiveDate,
    /// Customers with an action due or an alert, most overdue first.
    pub customers: Vec<WorkEntry>,
    /// Customers with overdue items and nothing due today, because everything is paused.
    pub paused: Vec<PausedCustomer>,
}

/// What is due for one customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WorkEntry {
    pub customer_id: CustomerId,
    pub customer_number: String,
    pub customer_name: String,
    pub segment: Segment,
    pub language: String,
    /// The action of the highest step reached, if any step is due (an entry may carry only
    /// an alert).
    pub action: Option<ActionDue>,
    /// The items the action is about: those due a step and every other overdue item.
    pub items: Vec<WorkItem>,
    /// Items left out, and why.
    pub paused_items: Vec<PausedItem>,
    pub alerts: Vec<Alert>,
    /// Open on the listed items.
    pub total: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActionDue {
    /// 1-based position of the step in the segment's policy.
    pub step: u32,
    pub steps_in_policy: u32,
    pub action: DunningAction,
    pub template: Template,
    pub fee: Option<Money>,
    pub claim_interest: bool,
    /// Why this action: e.g. "step 2 of the forgetful policy: 14 days after the due date".
    pub offset_days: i32,
    /// When the policy asked for an e-mail and the customer has no address: a letter instead.
    pub email_missing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WorkItem {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Negative: days until due.
    pub days_late: i64,
    pub open: Money,
    /// The step due for this item today, if any (else it is listed because it is overdue).
    pub step_due: Option<u32>,
    /// The last step done for it.
    pub last_step: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PausedItem {
    pub invoice_id: InvoiceId,
    pub number: String,
    pub open: Money,
    pub why: Pause,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pause {
    Disputed,
    Stopped { since: NaiveDate, reason: String },
    CustomerStopped { since: NaiveDate, reason: String },
    Promise { amount: Money, due: NaiveDate },
}

impl Pause {
    /// In English, for the CLI; the UI words it in the user's language.
    pub fn text(&self) -> String {
        match self {
            Pause::Disputed => "disputed".into(),
            Pause::Stopped { since, reason } => format!("stopped since {since}: {reason}"),
            Pause::CustomerStopped { since, reason } => {
                format!("customer stopped since {since}: {reason}")
            }
            Pause::Promise { amount, due } => format!("promised {amount} by {due}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Alert {
    /// A promise to pay whose day passed without the money.
    BrokenPromise {
        promise_id: InteractionId,
        made_on: NaiveDate,
        due: NaiveDate,
        promised: Money,
        received: Money,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PausedCustomer {
    pub customer_id: CustomerId,
    pub customer_number: String,
    pub customer_name: String,
    pub overdue: Money,
    pub why: Pause,
}

/// A broken promise is raised as an alert for this many days after its day passed (and until
/// the alert is recorded as seen in a run).
pub const ALERT_DAYS: u64 = 30;

/// An open invoice as the worklist reads it.
#[derive(Debug, Clone)]
struct OpenItem {
    invoice_id: InvoiceId,
    number: String,
    issue_date: NaiveDate,
    due_date: NaiveDate,
    open: Money,
    disputed: bool,
}

/// The worklist for `as_of`.
pub async fn worklist(store: &Store, as_of: NaiveDate) -> Result<Worklist> {
    let open = open_items(store, as_of).await?;
    let super::PortfolioBehaviour {
        histories,
        segments,
    } = super::portfolio_behaviour(store, as_of).await?;
    let directory = recipients(store).await?;
    let policies: HashMap<Segment, DunningPolicy> = store
        .dunning_policies()
        .await?
        .into_iter()
        .map(|p| (p.segment, p))
        .collect();
    let stops = store.dunning_stops(None, as_of).await?;
    let done = store.dunning_steps_done(as_of).await?;

    let mut list = Worklist {
        as_of,
        customers: Vec::new(),
        paused: Vec::new(),
    };
    for (customer_id, items) in open {
        let (Some(customer), Some((_, assignment))) =
            (directory.get(&customer_id), segments.get(&customer_id))
        else {
            continue;
        };
        let history = histories.get(&customer_id);
        let input = CustomerInput {
            as_of,
            assignment,
            policy: &policies[&assignment.segment],
            items: &items,
            stops: stops
                .iter()
                .filter(|s| s.customer_id == customer_id)
                .collect(),
            done: &done,
            history,
            has_email: customer.has_email,
        };
        let plan = plan_customer(&input)?;
        let header = (customer.number.clone(), customer.name.clone());
        match plan {
            Plan::Work(entry) => list.customers.push(WorkEntry {
                customer_id,
                customer_number: header.0,
                customer_name: header.1,
                segment: assignment.segment,
                language: customer.language.clone(),
                ..entry
            }),
            Plan::Paused { overdue, why } => list.paused.push(PausedCustomer {
                customer_id,
                customer_number: header.0,
                customer_name: header.1,
                overdue,
                why,
            }),
            Plan::Nothing => {}
        }
    }
    list.customers.sort_by(|a, b| {
        b.action
            .as_ref()
            .map(|a| a.step)
            .cmp(&a.action.as_ref().map(|a| a.step))
            .then(b.total.amount.cmp(&a.total.amount))
            .then(a.customer_number.cmp(&b.customer_number))
    });
    list.paused
        .sort_by(|a, b| a.customer_number.cmp(&b.customer_number));
    Ok(list)
}

/// Who a customer is, for the worklist: read for all customers in one query.
struct Recipient {
    number: String,
    name: String,
    language: String,
    /// An e-mail address is known (the customer's, or one of its contacts').
    has_email: bool,
}

async fn recipients(store: &Store) -> Result<HashMap<CustomerId, Recipient>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT c.id, c.number, c.name, c.language,
                (c.email <> '' OR EXISTS (SELECT 1 FROM contacts k
                                           WHERE k.customer_id = c.id AND k.email <> '')) AS has_email
           FROM customers c",
    )
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                CustomerId(row.try_get("id")?),
                Recipient {
                    number: row.try_get("number")?,
                    name: row.try_get("name")?,
                    language: row.try_get("language")?,
                    has_email: row.try_get::<i64, _>("has_email")? != 0,
                },
            ))
        })
        .collect()
}

/// Open invoices issued by `as_of`, by customer, oldest due first.
async fn open_items(
    store: &Store,
    as_of: NaiveDate,
) -> Result<BTreeMap<CustomerId, Vec<OpenItem>>> {
    use sqlx::Row;
    let rows = sqlx::query(
        "SELECT id, customer_id, number, issue_date, due_date, currency, open_minor, disputed
           FROM invoices
          WHERE open_minor > 0 AND kind = 'invoice' AND issue_date <= ?
          ORDER BY customer_id, due_date, number",
    )
    .bind(as_of)
    .fetch_all(store.pool())
    .await?;
    let mut by_customer: BTreeMap<CustomerId, Vec<OpenItem>> = BTreeMap::new();
    for row in rows {
        let currency = crate::money::Currency::parse(&row.try_get::<String, _>("currency")?)?;
        by_customer
            .entry(CustomerId(row.try_get("customer_id")?))
            .or_default()
            .push(OpenItem {
                invoice_id: InvoiceId(row.try_get("id")?),
                number: row.try_get("number")?,
                issue_date: row.try_get("issue_date")?,
                due_date: row.try_get("due_date")?,
                open: Money::from_minor(row.try_get("open_minor")?, currency),
                disputed: row.try_get::<i64, _>("disputed")? != 0,
            });
    }
    Ok(by_customer)
}

struct CustomerInput<'a> {
    as_of: NaiveDate,
    assignment: &'a SegmentAssignment,
    policy: &'a DunningPolicy,
    items: &'a [OpenItem],
    stops: Vec<&'a DunningStop>,
    done: &'a HashMap<InvoiceId, StepDone>,
    history: Option<&'a CustomerHistory>,
    has_email: bool,
}

enum Plan {
    Work(WorkEntry),
    Paused { overdue: Money, why: Pause },
    Nothing,
}

/// The step due today for an item, if any: the one after the last done, once its day has
/// come — `offset` days from the due date, and no sooner after the last step than the policy
/// spaces the two.
fn step_due(
    policy: &DunningPolicy,
    due_date: NaiveDate,
    last: Option<StepDone>,
    as_of: NaiveDate,
) -> Option<u32> {
    let next = last.map_or(0, |l| l.step as usize);
    let step = policy.steps.get(next)?;
    let mut due_on = shift(due_date, step.offset_days);
    if let Some(last) = last
        && let Some(previous) = policy.steps.get(next.wrapping_sub(1))
    {
        due_on = due_on.max(shift(last.done_on, step.offset_days - previous.offset_days));
    }
    (due_on <= as_of).then_some(next as u32 + 1)
}

fn shift(day: NaiveDate, days: i32) -> NaiveDate {
    if days >= 0 {
        day + Days::new(days as u64)
    } else {
        day - Days::new(days.unsigned_abs() as u64)
    }
}

fn plan_customer(input: &CustomerInput) -> Result<Plan> {
    let as_of = input.as_of;
    // One letter is in one currency. Imports refuse an invoice in another currency than its
    // customer's, so a customer's items share one; should one differ anyway, it is left out
    // rather than added across currencies.
    let currency = input.items[0].open.currency;
    let overdue = Money::sum(
        currency,
        input
            .items
            .iter()
            .filter(|i| i.due_date < as_of && i.open.currency == currency)
            .map(|i| &i.open),
    )?;

    // Promises: a live one pauses the customer; a broken one not yet closed is an alert.
    let mut alerts = Vec::new();
    let mut live_promise = None;
    if let Some(history) = input.history {
        for promise in history.promises.iter().filter(|p| p.resolved_on.is_none()) {
            let promised = Money::from_minor(promise.amount_minor, currency);
            match promise_state(history, promise) {
                PromiseState::Live => {
                    live_promise = Some(Pause::Promise {
                        amount: promised,
                        due: promise.due,
                    })
                }
                // A promise broken long ago is history (the timeline has it), not news.
                PromiseState::Broken if promise.due + Days::new(ALERT_DAYS) < as_of => {}
                PromiseState::Broken => alerts.push(Alert::BrokenPromise {
                    promise_id: promise.id,
                    made_on: promise.made_on,
                    due: promise.due,
                    promised,
                    received: Money::from_minor(
                        history.received_between(promise.made_on, as_of),
                        currency,
                    ),
                }),
                PromiseState::Kept => {}
            }
        }
    }
    let customer_stop = input.stops.iter().find(|s| s.invoice_id.is_none());
    let customer_pause = customer_stop
        .map(|s| Pause::CustomerStopped {
            since: s.since,
            reason: s.reason.clone(),
        })
        .or(live_promise);
    if let Some(why) = customer_pause {
        return Ok(if overdue.is_zero() && alerts.is_empty() {
            Plan::Nothing
        } else {
            Plan::Paused { overdue, why }
        });
    }

    let mut items = Vec::new();
    let mut paused_items = Vec::new();
    for item in input.items.iter().filter(|i| i.open.currency == currency) {
        let stop = input
            .stops
            .iter()
            .find(|s| s.invoice_id == Some(item.invoice_id));
        let why = if item.disputed {
            Some(Pause::Disputed)
        } else {
            stop.map(|s| Pause::Stopped {
                since: s.since,
                reason: s.reason.clone(),
            })
        };
        if let Some(why) = why {
            paused_items.push(PausedItem {
                invoice_id: item.invoice_id,
                number: item.number.clone(),
                open: item.open,
                why,
            });
            continue;
        }
        let last = input.done.get(&item.invoice_id).copied();
        let step = step_due(input.policy, item.due_date, last, as_of);
        if step.is_some() || item.due_date < as_of {
            items.push(WorkItem {
                invoice_id: item.invoice_id,
                number: item.number.clone(),
                issue_date: item.issue_date,
                due_date: item.due_date,
                days_late: (as_of - item.due_date).num_days(),
                open: item.open,
                step_due: step,
                last_step: last.map(|l| l.step),
            });
        }
    }

    let highest = items.iter().filter_map(|i| i.step_due).max();
    let action = highest.map(|step| {
        let policy_step = &input.policy.steps[step as usize - 1];
        let email_missing = policy_step.action == DunningAction::Email && !input.has_email;
        ActionDue {
            step,
            steps_in_policy: input.policy.steps.len() as u32,
            action: if email_missing {
                DunningAction::Letter
            } else {
                policy_step.action
            },
            template: policy_step.template,
            fee: policy_step.fee.map(|fee| Money::new(fee, currency)),
            claim_interest: policy_step.claim_interest,
            offset_days: policy_step.offset_days,
            email_missing,
        }
    });
    if action.is_none() && alerts.is_empty() {
        return Ok(
            if overdue.is_zero() || !paused_items.is_empty() && items.is_empty() {
                match paused_items.first() {
                    Some(first) if items.is_empty() && !overdue.is_zero() => Plan::Paused {
                        overdue,
                        why: first.why.clone(),
                    },
                    _ => Plan::Nothing,
                }
            } else {
                Plan::Nothing
            },
        );
    }
    // Without an action, an alert alone lists no items.
    if action.is_none() {
        items.clear();
    } else if let Some(action) = &action
        && action.offset_days >= 0
    {
        // An after-due letter lists what is overdue (and what is due a step), not the
        // invoices that merely fall due soon.
        items.retain(|i| i.step_due.is_some() || i.days_late > 0);
    }
    let total = Money::sum(currency, items.iter().map(|i| &i.open))?;
    Ok(Plan::Work(WorkEntry {
        customer_id: CustomerId(0),
        customer_number: String::new(),
        customer_name: String::new(),
        segment: input.assignment.segment,
        language: String::new(),
        action,
        items,
        paused_items,
        alerts,
        total,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::policy::DunningPolicy;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_next_step_waits_for_its_day_and_its_spacing() {
        // Forgetful: -3, +3, +14, +30, +45.
        let policy = DunningPolicy::default_for(Segment::Forgetful);
        let due = day("2026-11-01");
        assert_eq!(step_due(&policy, due, None, day("2026-10-28")), None);
        assert_eq!(step_due(&policy, due, None, day("2026-10-29")), Some(1));
        // Nothing done for a long time: the first step still comes first.
        assert_eq!(step_due(&policy, due, None, day("2026-12-31")), Some(1));
        let first = StepDone {
            step: 1,
            done_on: day("2026-10-29"),
        };
        assert_eq!(step_due(&policy, due, Some(first), day("2026-11-03")), None);
        assert_eq!(
            step_due(&policy, due, Some(first), day("2026-11-04")),
            Some(2)
        );
        // Step 2 done late (day 20): step 3 (+14, 11 days after +3) waits 11 days after it.
        let second = StepDone {
            step: 2,
            done_on: day("2026-11-21"),
        };
        assert_eq!(
            step_due(&policy, due, Some(second), day("2026-12-01")),
            None
        );
        assert_eq!(
            step_due(&policy, due, Some(second), day("2026-12-02")),
            Some(3)
        );
        // After the last step, nothing more.
        let last = StepDone {
            step: 5,
            done_on: day("2026-12-20"),
        };
        assert_eq!(step_due(&policy, due, Some(last), day("2027-06-01")), None);
    }
}
