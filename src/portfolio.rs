//! The portfolio at a glance, as of a date: what is open, what is overdue and for how long
//! (ageing buckets), who owes the most overdue, and what happened lately.
//!
//! Amounts are summed per currency and never across currencies: the overview is in the
//! company's base currency, and the open totals of other currencies are listed beside it.

use chrono::NaiveDate;
use sqlx::Row;

use crate::domain::CustomerId;
use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::{CustomerSummary, Store, TimelineKind};

/// Open invoice amounts by how far past their due date they are, on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ageing {
    /// Not yet due.
    pub current: Money,
    pub days_1_30: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub days_over_90: Money,
}

/// A recent event of any customer, for the dashboard's feed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RecentEvent {
    pub date: NaiveDate,
    /// A payment, or an interaction (note, call, promise, dispute, ...).
    pub kind: TimelineKind,
    pub customer_id: CustomerId,
    pub customer_number: String,
    pub customer_name: String,
    pub amount: Option<Money>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Overview {
    pub as_of: NaiveDate,
    pub currency: Currency,
    /// Everything open in the base currency: invoices less unapplied credit notes.
    pub total_open: Money,
    /// Open invoices past their due date.
    pub overdue: Money,
    /// Open credit notes not yet applied to an invoice (a negative amount).
    pub unapplied_credits: Money,
    pub ageing: Ageing,
    pub open_invoices: i64,
    pub overdue_invoices: i64,
    /// Customers with the most overdue, largest first (base currency only).
    pub biggest_overdue: Vec<CustomerSummary>,
    pub recent: Vec<RecentEvent>,
    /// Open totals in currencies other than the base currency, never converted.
    pub other_currencies: Vec<Money>,
}

const BIGGEST: usize = 10;
const RECENT: i64 = 15;

/// The overview of the whole portfolio on `as_of`.
pub async fn overview(store: &Store, as_of: NaiveDate) -> Result<Overview> {
    let currency = store.company().await?.base_currency;
    let pool = store.pool();
    let money = |minor: i64| Money::from_minor(minor, currency);
    let day = |offset: i64| {
        (as_of - chrono::Days::new(offset as u64))
            .format("%Y-%m-%d")
            .to_string()
    };

    let row = sqlx::query(
        "SELECT
           COALESCE(SUM(open_minor), 0) AS total_open,
           COALESCE(SUM(CASE WHEN kind = 'credit_note' THEN open_minor END), 0) AS credits,
           COALESCE(SUM(CASE WHEN kind = 'invoice' AND due_date >= ?2 THEN open_minor END), 0) AS current,
           COALESCE(SUM(CASE WHEN kind = 'invoice' AND due_date < ?2 AND due_date >= ?3 THEN open_minor END), 0) AS d30,
           COALESCE(SUM(CASE WHEN kind = 'invoice' AND due_date < ?3 AND due_date >= ?4 THEN open_minor END), 0) AS d60,
           COALESCE(SUM(CASE WHEN kind = 'invoice' AND due_date < ?4 AND due_date >= ?5 THEN open_minor END), 0) AS d90,
           COALESCE(SUM(CASE WHEN kind = 'invoice' AND due_date < ?5 THEN open_minor END), 0) AS over90,
           COUNT(CASE WHEN kind = 'invoice' THEN 1 END) AS open_invoices,
           COUNT(CASE WHEN kind = 'invoice' AND due_date < ?2 THEN 1 END) AS overdue_invoices
         FROM invoices WHERE open_minor <> 0 AND currency = ?1 AND issue_date <= ?6",
    )
    .bind(currency.code())
    .bind(as_of.format("%Y-%m-%d").to_string())
    .bind(day(30))
    .bind(day(60))
    .bind(day(90))
    .bind(as_of.format("%Y-%m-%d").to_string())
    .fetch_one(pool)
    .await?;
    let get = |name: &str| row.try_get::<i64, _>(name);
    let ageing = Ageing {
        current: money(get("current")?),
        days_1_30: money(get("d30")?),
        days_31_60: money(get("d60")?),
        days_61_90: money(get("d90")?),
        days_over_90: money(get("over90")?),
    };
    let overdue = Money::sum(
        currency,
        [
            &ageing.days_1_30,
            &ageing.days_31_60,
            &ageing.days_61_90,
            &ageing.days_over_90,
        ],
    )?;

    // The customers owing most overdue, found from the open items alone (a covering index),
    // then their full portfolio lines.
    let biggest: Vec<i64> = sqlx::query_scalar(
        "SELECT customer_id FROM invoices
          WHERE open_minor <> 0 AND kind = 'invoice' AND currency = ?1 AND due_date < ?2 AND issue_date <= ?2
          GROUP BY customer_id HAVING SUM(open_minor) > 0
          ORDER BY SUM(open_minor) DESC, customer_id LIMIT ?3",
    )
    .bind(currency.code())
    .bind(as_of.format("%Y-%m-%d").to_string())
    .bind(BIGGEST as i64)
    .fetch_all(pool)
    .await?;
    let mut biggest_overdue: Vec<CustomerSummary> = Vec::with_capacity(biggest.len());
    for id in biggest {
        let summary = store.customer_summary(CustomerId(id), as_of).await?;
        // A customer invoiced in another currency than the company's is not ranked here.
        if summary.overdue.currency == currency {
            biggest_overdue.push(summary);
        }
    }

    let recent = sqlx::query(
        // Each source is read newest first through its date index and cut at the limit
        // before the two are merged: no sort of every payment.
        "SELECT e.date, e.kind, e.amount_minor, e.currency, e.text, c.id AS customer_id, c.number, c.name FROM (
           SELECT * FROM (
             SELECT date, 'payment' AS kind, amount_minor, currency, reference AS text, customer_id, id, 0 AS src
               FROM payments WHERE date <= ?1 ORDER BY date DESC, id DESC LIMIT ?2)
           UNION ALL
           SELECT * FROM (
             SELECT date, kind, amount_minor, currency, text, customer_id, id, 1 AS src
               FROM interactions WHERE date <= ?1 ORDER BY date DESC, id DESC LIMIT ?2)
         ) e JOIN customers c ON c.id = e.customer_id
         ORDER BY e.date DESC, e.src DESC, e.id DESC LIMIT ?2",
    )
    .bind(as_of.format("%Y-%m-%d").to_string())
    .bind(RECENT)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        let minor: Option<i64> = r.try_get("amount_minor")?;
        let code: Option<String> = r.try_get("currency")?;
        let amount = match (minor, code) {
            (Some(m), Some(c)) => Some(Money::from_minor(m, Currency::parse(&c)?)),
            _ => None,
        };
        Ok(RecentEvent {
            date: NaiveDate::parse_from_str(&r.try_get::<String, _>("date")?, "%Y-%m-%d")
                .map_err(|e| crate::Error::internal(format!("bad date in the database: {e}")))?,
            kind: TimelineKind::parse(&r.try_get::<String, _>("kind")?)?,
            customer_id: CustomerId(r.try_get("customer_id")?),
            customer_number: r.try_get("number")?,
            customer_name: r.try_get("name")?,
            amount,
            text: r.try_get("text")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    let other_currencies = sqlx::query(
        "SELECT currency, SUM(open_minor) AS open FROM invoices
          WHERE open_minor <> 0 AND currency <> ?1 AND issue_date <= ?2 GROUP BY currency ORDER BY currency",
    )
    .bind(currency.code())
    .bind(as_of.format("%Y-%m-%d").to_string())
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| Ok(Money::from_minor(r.try_get("open")?, Currency::parse(&r.try_get::<String, _>("currency")?)?)))
    .collect::<Result<Vec<_>>>()?;

    Ok(Overview {
        as_of,
        currency,
        total_open: money(get("total_open")?),
        overdue,
        unapplied_credits: money(get("credits")?),
        ageing,
        open_invoices: get("open_invoices")?,
        overdue_invoices: get("overdue_invoices")?,
        biggest_overdue,
        recent,
        other_currencies,
    })
}
