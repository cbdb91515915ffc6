//! Collections (DESIGN §6): how each customer pays, the segment that follows from it, the
//! dunning policy of each segment, and the worklist of what is due on a day.
//!
//! - [`history`] reads what a customer's behaviour is judged on, as it stood on a date;
//! - [`profile`] turns it into a [`BehaviourProfile`] (recency-weighted lateness, trend,
//!   reminders, partial payments, promises, disputes) with its evidence;
//! - [`segment`] assigns a [`Segment`] by explainable rules, or the one set by hand;
//! - [`policy`] holds the dunning steps of each segment;
//! - [`worklist`] lists every action due on a day, grouped by customer, with the reason.
//!
//! Everything is "as of" a date passed in: the history after it is not looked at.

pub mod history;
pub mod letter;
pub mod policy;
pub mod profile;
pub mod run;
pub mod segment;
pub mod worklist;

pub use policy::{DunningAction, DunningPolicy, DunningStep};
pub use profile::{BehaviourProfile, LatenessPoint};
pub use segment::{Segment, SegmentAssignment};

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::Row;

use crate::domain::CustomerId;
use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::Store;

use segment::{Exposure, ManualSegment};

/// A customer's profile and segment as of `as_of`.
pub async fn customer_profile(
    store: &Store,
    customer: CustomerId,
    as_of: NaiveDate,
) -> Result<(BehaviourProfile, SegmentAssignment)> {
    let details = store.customer(customer).await?;
    let history = history::load_one(store, customer, as_of).await?;
    let profile = BehaviourProfile::from_history(&history);
    let exposures = exposures(store, Some(customer), as_of).await?;
    let exposure = exposure_of(&exposures, customer, details.details.currency, |_| {
        details.details.credit_limit
    });
    let manual = store.segment_override(customer).await?;
    let assignment = segment::assign(&profile, &exposure, manual);
    Ok((profile, assignment))
}

/// Every customer's segment as of `as_of`, with its profile.
pub async fn all_segments(
    store: &Store,
    as_of: NaiveDate,
) -> Result<HashMap<CustomerId, (BehaviourProfile, SegmentAssignment)>> {
    Ok(portfolio_behaviour(store, as_of).await?.segments)
}

/// The histories of every customer and what follows from them: what the worklist needs.
pub(crate) struct PortfolioBehaviour {
    pub histories: HashMap<CustomerId, history::CustomerHistory>,
    pub segments: HashMap<CustomerId, (BehaviourProfile, SegmentAssignment)>,
}

pub(crate) async fn portfolio_behaviour(
    store: &Store,
    as_of: NaiveDate,
) -> Result<PortfolioBehaviour> {
    let histories = history::load_all(store, as_of).await?;
    let exposures = exposures(store, None, as_of).await?;
    let limits = credit_limits(store).await?;
    let mut manual: HashMap<CustomerId, ManualSegment> = store.segment_overrides().await?;
    let mut segments = HashMap::with_capacity(histories.len());
    let mut by_customer = HashMap::with_capacity(histories.len());
    for history in histories {
        let id = history.customer_id;
        let profile = BehaviourProfile::from_history(&history);
        let (currency, limit) = limits.get(&id).cloned().unwrap_or((Currency::EUR, None));
        let exposure = exposure_of(&exposures, id, currency, |_| limit);
        let assignment = segment::assign(&profile, &exposure, manual.remove(&id));
        segments.insert(id, (profile, assignment));
        by_customer.insert(id, history);
    }
    Ok(PortfolioBehaviour {
        histories: by_customer,
        segments,
    })
}

/// One segment's share of the portfolio, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SegmentTotal {
    pub segment: Segment,
    pub customers: u32,
    /// Customers of this segment with something overdue.
    pub customers_overdue: u32,
    /// Overdue, in the base currency (customers in other currencies are counted, not added).
    pub overdue: Money,
}

/// Customers and overdue per segment on `as_of`, every segment listed (zero where empty).
pub async fn segment_totals(store: &Store, as_of: NaiveDate) -> Result<Vec<SegmentTotal>> {
    let base = store.company().await?.base_currency;
    let segments = all_segments(store, as_of).await?;
    let mut overdue: HashMap<CustomerId, Vec<(String, i64)>> = HashMap::new();
    for ((customer, currency), minor) in exposures(store, None, as_of).await? {
        if minor > 0 {
            overdue.entry(customer).or_default().push((currency, minor));
        }
    }
    let mut totals: Vec<SegmentTotal> = Segment::ALL
        .into_iter()
        .map(|segment| SegmentTotal {
            segment,
            customers: 0,
            customers_overdue: 0,
            overdue: Money::zero(base),
        })
        .collect();
    for (id, (_, assignment)) in &segments {
        let total = totals
            .iter_mut()
            .find(|t| t.segment == assignment.segment)
            .expect("every segment is listed");
        total.customers += 1;
        let owed = overdue.get(id).map(Vec::as_slice).unwrap_or_default();
        if !owed.is_empty() {
            total.customers_overdue += 1;
        }
        for (currency, minor) in owed {
            if currency == base.code() {
                total.overdue = total
                    .overdue
                    .checked_add(&Money::from_minor(*minor, base))?;
            }
        }
    }
    Ok(totals)
}

/// Overdue open invoices by customer, in the customer's currency (items in another currency
/// are not added to it).
async fn exposures(
    store: &Store,
    customer: Option<CustomerId>,
    as_of: NaiveDate,
) -> Result<HashMap<(CustomerId, String), i64>> {
    let rows = sqlx::query(
        "SELECT customer_id, currency, SUM(open_minor) AS overdue FROM invoices
          WHERE open_minor <> 0 AND kind = 'invoice' AND due_date < ?1 AND issue_date <= ?1
            AND (?2 IS NULL OR customer_id = ?2)
          GROUP BY customer_id, currency",
    )
    .bind(as_of)
    .bind(customer.map(|c| c.0))
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                (
                    CustomerId(row.try_get("customer_id")?),
                    row.try_get::<String, _>("currency")?,
                ),
                row.try_get("overdue")?,
            ))
        })
        .collect()
}

async fn credit_limits(store: &Store) -> Result<HashMap<CustomerId, (Currency, Option<Money>)>> {
    let rows = sqlx::query("SELECT id, currency, credit_limit_minor FROM customers")
        .fetch_all(store.pool())
        .await?;
    rows.iter()
        .map(|row| {
            let currency = Currency::parse(&row.try_get::<String, _>("currency")?)?;
            let limit = row
                .try_get::<Option<i64>, _>("credit_limit_minor")?
                .map(|minor| Money::from_minor(minor, currency));
            Ok((CustomerId(row.try_get("id")?), (currency, limit)))
        })
        .collect()
}

fn exposure_of(
    exposures: &HashMap<(CustomerId, String), i64>,
    customer: CustomerId,
    currency: Currency,
    limit: impl Fn(CustomerId) -> Option<Money>,
) -> Exposure {
    let overdue = exposures
        .get(&(customer, currency.code().to_string()))
        .copied()
        .unwrap_or(0);
    Exposure {
        overdue: Money::from_minor(overdue, currency),
        credit_limit: limit(customer),
    }
}

#[cfg(test)]
mod tests;
