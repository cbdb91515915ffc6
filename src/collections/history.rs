//! What a customer's payment behaviour is judged on, as it stood on a date: its invoices of
//! the last two years with when (and in how many parts) they were paid, the reminders it got,
//! its promises, its disputes and the money received.
//!
//! Read in a handful of queries for one customer or for all at once (the segments of the
//! whole portfolio), never one query per customer.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use sqlx::{AssertSqlSafe, Row};

use crate::domain::{CustomerId, InteractionId, InvoiceId};
use crate::error::Result;
use crate::store::Store;

/// How far back behaviour is looked at: two years of invoices, by due date.
pub const WINDOW_DAYS: u64 = 730;

/// An invoice as it stood on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRecord {
    pub id: InvoiceId,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    /// The day it was paid in full, if that was on or before the day asked about.
    pub settled_on: Option<NaiveDate>,
    /// Payments (and bank entries) applied to it by the day asked about.
    pub payments: u32,
}

/// A promise to pay, made on or before the day asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseRecord {
    pub id: InteractionId,
    pub made_on: NaiveDate,
    pub due: NaiveDate,
    pub amount_minor: i64,
    /// Set when the credit manager closed it (e.g. acknowledged it broken).
    pub resolved_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRecord {
    pub invoice_id: Option<InvoiceId>,
    pub raised_on: NaiveDate,
    pub resolved_on: Option<NaiveDate>,
}

/// One customer's history as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerHistory {
    pub customer_id: CustomerId,
    pub as_of: NaiveDate,
    /// Its first invoice ever, however old.
    pub first_invoice_on: Option<NaiveDate>,
    /// Invoices due in the window, by due date.
    pub invoices: Vec<InvoiceRecord>,
    /// Days it was reminded (calls, e-mails, letters, escalations), in order.
    pub reminders: Vec<NaiveDate>,
    pub promises: Vec<PromiseRecord>,
    pub disputes: Vec<DisputeRecord>,
    /// Money received (minor units) by day, in order.
    pub receipts: Vec<(NaiveDate, i64)>,
}

impl CustomerHistory {
    fn empty(customer_id: CustomerId, as_of: NaiveDate) -> CustomerHistory {
        CustomerHistory {
            customer_id,
            as_of,
            first_invoice_on: None,
            invoices: Vec::new(),
            reminders: Vec::new(),
            promises: Vec::new(),
            disputes: Vec::new(),
            receipts: Vec::new(),
        }
    }

    /// Money received from `from` to `to`, both included.
    pub fn received_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.receipts
            .iter()
            .filter(|(day, _)| (from..=to).contains(day))
            .map(|(_, minor)| minor)
            .sum()
    }
}

/// The rows of `sql`, whose ?1, ?2 and ?3 are the day asked about, the window's start and
/// the customer (every query of this module names all three).
async fn read(
    pool: &sqlx::SqlitePool,
    sql: String,
    as_of: NaiveDate,
    since: NaiveDate,
    customer: i64,
) -> Result<Vec<sqlx::sqlite::SqliteRow>> {
    Ok(sqlx::query(AssertSqlSafe(sql))
        .bind(as_of)
        .bind(since)
        .bind(customer)
        .fetch_all(pool)
        .await?)
}

/// One customer's history as of `as_of`.
pub async fn load_one(
    store: &Store,
    customer: CustomerId,
    as_of: NaiveDate,
) -> Result<CustomerHistory> {
    let mut all = load(store, Some(customer), as_of).await?;
    Ok(all
        .remove(&customer)
        .unwrap_or_else(|| CustomerHistory::empty(customer, as_of)))
}

/// Every customer's history as of `as_of` (customers without any invoice included).
pub async fn load_all(store: &Store, as_of: NaiveDate) -> Result<Vec<CustomerHistory>> {
    Ok(load(store, None, as_of).await?.into_values().collect())
}

async fn load(
    store: &Store,
    customer: Option<CustomerId>,
    as_of: NaiveDate,
) -> Result<BTreeMap<CustomerId, CustomerHistory>> {
    let pool = store.pool();
    let since = as_of - Days::new(WINDOW_DAYS);
    // One customer is a key lookup; all customers a scan. Two SQL texts rather than
    // `?3 IS NULL OR customer_id = ?3`, which defeats the index. Every text names ?1..?3,
    // so the same three values are bound to each.
    let only = |column: &str| match customer {
        Some(_) => format!("AND {column} = ?3"),
        None => "AND ?3 = ?3".to_string(),
    };
    let id = customer.map(|c| c.0).unwrap_or_default();

    let mut histories: BTreeMap<CustomerId, CustomerHistory> = BTreeMap::new();
    let ids: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT id FROM customers WHERE ?1 = ?1 AND ?2 = ?2 {} ORDER BY id",
        only("id")
    )))
    .bind(as_of)
    .bind(since)
    .bind(id)
    .fetch_all(pool)
    .await?;
    for customer_id in ids {
        let customer_id = CustomerId(customer_id);
        histories.insert(customer_id, CustomerHistory::empty(customer_id, as_of));
    }

    for row in read(
        pool,
        format!(
            "SELECT customer_id, MIN(issue_date) AS first FROM invoices
          WHERE kind = 'invoice' AND issue_date <= ?1 {} AND ?2 = ?2 GROUP BY customer_id",
            only("customer_id")
        ),
        as_of,
        since,
        id,
    )
    .await?
    {
        if let Some(history) = histories.get_mut(&CustomerId(row.try_get("customer_id")?)) {
            history.first_invoice_on = row.try_get("first")?;
        }
    }

    // Payments per invoice, counted apart: a correlated count per invoice row made this read
    // a minute long at 20,000 customers.
    let mut payments: HashMap<i64, u32> = HashMap::new();
    for row in read(
        pool,
        format!(
            "SELECT a.invoice_id, COUNT(*) AS payments
           FROM invoices i JOIN allocations a ON a.invoice_id = i.id
          WHERE i.kind = 'invoice' AND i.due_date <= ?1 AND i.due_date > ?2 {}
            AND a.source_kind IN ('payment', 'bank_entry') AND a.allocated_on <= ?1
            AND (a.reversed_on IS NULL OR a.reversed_on > ?1)
          GROUP BY a.invoice_id",
            only("i.customer_id")
        ),
        as_of,
        since,
        id,
    )
    .await?
    {
        payments.insert(
            row.try_get("invoice_id")?,
            row.try_get::<i64, _>("payments")? as u32,
        );
    }

    for row in read(
        pool,
        format!(
            "SELECT customer_id, id, number, issue_date, due_date, amount_minor,
                CASE WHEN settled_on <= ?1 THEN settled_on END AS settled_on
           FROM invoices {}
          WHERE kind = 'invoice' AND due_date <= ?1 AND due_date > ?2 AND issue_date <= ?1 {}",
            // All customers: one pass over the table, each customer's sorted below. In customer
            // order through the timeline's index, each row's number and amount were a read of
            // another table page (50 s at two million invoices; sorted by SQLite, 12 s).
            if customer.is_some() {
                ""
            } else {
                "NOT INDEXED"
            },
            only("customer_id")
        ),
        as_of,
        since,
        id,
    )
    .await?
    {
        if let Some(history) = histories.get_mut(&CustomerId(row.try_get("customer_id")?)) {
            let invoice: i64 = row.try_get("id")?;
            history.invoices.push(InvoiceRecord {
                id: InvoiceId(invoice),
                number: row.try_get("number")?,
                issue_date: row.try_get("issue_date")?,
                due_date: row.try_get("due_date")?,
                amount_minor: row.try_get("amount_minor")?,
                settled_on: row.try_get("settled_on")?,
                payments: payments.get(&invoice).copied().unwrap_or(0),
            });
        }
    }
    for history in histories.values_mut() {
        history
            .invoices
            .sort_by_key(|invoice| (invoice.due_date, invoice.id));
    }

    for row in read(
        pool,
        format!(
            "SELECT customer_id, id, kind, invoice_id, date, due_date, amount_minor,
                CASE WHEN resolved_on <= ?1 THEN resolved_on END AS resolved_on
           FROM interactions
          WHERE kind IN ('call', 'email', 'letter', 'level_change', 'promise', 'dispute')
            AND date <= ?1 AND (date > ?2 OR kind = 'dispute') {}
          ORDER BY customer_id, date, id",
            only("customer_id")
        ),
        as_of,
        since,
        id,
    )
    .await?
    {
        let Some(history) = histories.get_mut(&CustomerId(row.try_get("customer_id")?)) else {
            continue;
        };
        let date: NaiveDate = row.try_get("date")?;
        match row.try_get::<String, _>("kind")?.as_str() {
            "promise" => history.promises.push(PromiseRecord {
                id: InteractionId(row.try_get("id")?),
                made_on: date,
                due: row
                    .try_get::<Option<NaiveDate>, _>("due_date")?
                    .unwrap_or(date),
                amount_minor: row.try_get::<Option<i64>, _>("amount_minor")?.unwrap_or(0),
                resolved_on: row.try_get("resolved_on")?,
            }),
            "dispute" => history.disputes.push(DisputeRecord {
                invoice_id: row.try_get::<Option<i64>, _>("invoice_id")?.map(InvoiceId),
                raised_on: date,
                resolved_on: row.try_get("resolved_on")?,
            }),
            _ => history.reminders.push(date),
        }
    }

    for row in read(
        pool,
        format!(
            "SELECT i.customer_id, a.allocated_on, SUM(a.amount_minor) AS minor
           FROM allocations a JOIN invoices i ON i.id = a.invoice_id
          WHERE a.source_kind IN ('payment', 'bank_entry') AND a.allocated_on <= ?1
            AND a.allocated_on > ?2 AND (a.reversed_on IS NULL OR a.reversed_on > ?1) {}
          GROUP BY i.customer_id, a.allocated_on
          ORDER BY i.customer_id, a.allocated_on",
            only("i.customer_id")
        ),
        as_of,
        since,
        id,
    )
    .await?
    {
        if let Some(history) = histories.get_mut(&CustomerId(row.try_get("customer_id")?)) {
            history
                .receipts
                .push((row.try_get("allocated_on")?, row.try_get("minor")?));
        }
    }
    Ok(histories)
}
