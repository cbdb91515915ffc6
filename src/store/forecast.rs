//! What the cash-in forecast reads: invoices with the day each was settled, and the disputes,
//! promises and segments known on a day. Invoices are read on the raw handle (`bulk`): at
//! two million, sqlx's owned rows cost more than SQLite's reading.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sqlx::Row;

use super::{Store, bulk, codec};
use crate::collections::profile::{self, PromiseState};
use crate::domain::{CustomerId, InvoiceId};
use crate::error::Result;
use crate::forecast::book::{Book, BookDispute, BookInvoice, BookPromise, HISTORY_DAYS};
use crate::money::{Currency, Money};

/// Which invoices a book reads (see `forecast_book`).
#[derive(Debug, Clone, Copy)]
struct InvoiceWindow {
    as_of: NaiveDate,
    issued_until: NaiveDate,
    since: NaiveDate,
}

impl Store {
    /// The forecast's book as of `as_of`: invoices issued by `issued_until` (the day itself for
    /// a forecast, later for a backtest's horizon) that were open on `as_of` or paid in the
    /// `HISTORY_DAYS` before it, with their open amount as of `as_of`.
    pub async fn forecast_book(&self, as_of: NaiveDate, issued_until: NaiveDate) -> Result<Book> {
        let base_currency = self.company().await?.base_currency;
        let since = as_of - Days::new(HISTORY_DAYS);
        // Allocations made after the day (or undone after it) are replayed away, so a past
        // day sees the amounts open then. On the day itself this reads nothing.
        let mut replayed: HashMap<i64, i64> = HashMap::new();
        // Two ranges of the allocations' date indexes (as the KPIs read them).
        for row in sqlx::query(
            "SELECT invoice_id, SUM(minor) AS back FROM (
               SELECT invoice_id, amount_minor AS minor FROM allocations
                WHERE allocated_on > ?1 AND reversed_on IS NULL
               UNION ALL
               SELECT invoice_id, -amount_minor FROM allocations
                WHERE reversed_on > ?1 AND allocated_on <= ?1)
              GROUP BY invoice_id",
        )
        .bind(as_of)
        .fetch_all(self.pool())
        .await?
        {
            replayed.insert(row.try_get("invoice_id")?, row.try_get("back")?);
        }

        // The invoices are read in two halves of their ids, each on a connection and a thread of
        // its own: at two million rows the reading (decrypting pages, making rows) is most of
        // the forecast's time, and the machine has more than one core.
        let (first_id, last_id): (Option<i64>, Option<i64>) =
            // Two subqueries: SQLite reads one end of the rowid each for a lone MIN or MAX,
            // but scans the table for the two together.
            sqlx::query_as("SELECT (SELECT MIN(id) FROM invoices), (SELECT MAX(id) FROM invoices)")
                .fetch_one(self.pool())
                .await?;
        let (Some(first_id), Some(last_id)) = (first_id, last_id) else {
            return self
                .forecast_book_rest(as_of, base_currency, Vec::new())
                .await;
        };
        let middle = first_id + (last_id - first_id) / 2;
        let replayed = std::sync::Arc::new(replayed);
        let window = InvoiceWindow {
            as_of,
            issued_until,
            since,
        };
        let second_half = tokio::spawn({
            let store = self.clone();
            let replayed = replayed.clone();
            async move {
                store
                    .book_invoices(window, middle + 1..=last_id, last_id, &replayed)
                    .await
            }
        });
        let mut invoices = self
            .book_invoices(window, first_id..=middle, last_id, &replayed)
            .await?;
        invoices.extend(second_half.await.map_err(|e| {
            crate::error::Error::internal(format!("reading the invoices failed: {e}"))
        })??);
        self.forecast_book_rest(as_of, base_currency, invoices)
            .await
    }

    /// The invoices of the book with ids in `ids`, in id order, in a list with room for those
    /// up to `room_until` (the other half is added to it).
    async fn book_invoices(
        &self,
        window: InvoiceWindow,
        ids: std::ops::RangeInclusive<i64>,
        room_until: i64,
        replayed: &HashMap<i64, i64>,
    ) -> Result<Vec<BookInvoice>> {
        let InvoiceWindow {
            as_of,
            issued_until,
            since,
        } = window;
        // Room for every id of the range (ids are nearly dense): no copy as the list grows.
        let room = usize::try_from(room_until - ids.start() + 1).unwrap_or(0);
        let mut invoices = Vec::with_capacity(room.min(1 << 23));
        let mut conn = self.pool().acquire().await?;
        let mut handle = conn.lock_handle().await?;
        // The number is only shown for invoices open on the day (or settled after it, which
        // a backtest scores): the paid history is read without one. Nearly every row is
        // wanted: read in id order, never through the KPIs' indexes on `settled_on`.
        let mut rows = bulk::Statement::prepare(
            &mut handle,
            "SELECT id, CASE WHEN settled_on IS NULL OR settled_on > ?3 THEN number END,
                    customer_id, issue_date, due_date, currency, amount_minor,
                    open_minor, settled_on, disputed
               FROM invoices NOT INDEXED
              WHERE id BETWEEN ?4 AND ?5
                AND kind = 'invoice' AND issue_date <= ?1
                AND (settled_on IS NULL OR settled_on > ?2)",
        )?;
        rows.text(1, &issued_until.to_string())?;
        rows.text(2, &since.to_string())?;
        rows.text(3, &as_of.to_string())?;
        rows.int(4, *ids.start())?;
        rows.int(5, *ids.end())?;
        let mut currencies = codec::Currencies::default();
        while rows.next_row()? {
            let cur = currencies.read(rows.column_text(5)?)?;
            let id = rows.column_int(0)?;
            let open_now = rows.column_int(7)?;
            let settled_text = rows.column_text(8)?;
            let settled_on = if settled_text.is_empty() {
                None
            } else {
                Some(codec::date(settled_text)?)
            };
            let open = match settled_on {
                Some(day) if day <= as_of => 0,
                _ => open_now + replayed.get(&id).copied().unwrap_or(0),
            };
            invoices.push(BookInvoice {
                id: InvoiceId(id),
                number: rows.column_text(1)?.to_string(),
                customer: CustomerId(rows.column_int(2)?),
                issue_date: codec::date(rows.column_text(3)?)?,
                due_date: codec::date(rows.column_text(4)?)?,
                amount: Money::from_minor(rows.column_int(6)?, cur),
                open: Money::from_minor(open, cur),
                settled_on,
                disputed: rows.column_int(9)? != 0,
            });
        }
        Ok(invoices)
    }

    /// The rest of the book: disputes, promises, segments and names as of `as_of`.
    async fn forecast_book_rest(
        &self,
        as_of: NaiveDate,
        base_currency: Currency,
        invoices: Vec<BookInvoice>,
    ) -> Result<Book> {
        let mut disputes = Vec::new();
        for row in sqlx::query(
            "SELECT customer_id, invoice_id, date, CASE WHEN resolved_on <= ?1 THEN resolved_on END AS resolved_on
               FROM interactions WHERE kind = 'dispute' AND date <= ?1",
        )
        .bind(as_of)
        .fetch_all(self.pool())
        .await?
        {
            disputes.push(BookDispute {
                customer: CustomerId(row.try_get("customer_id")?),
                invoice: row.try_get::<Option<i64>, _>("invoice_id")?.map(InvoiceId),
                raised_on: row.try_get("date")?,
                resolved_on: row.try_get("resolved_on")?,
            });
        }

        // A promise is kept when the customer paid its amount between the day it was made
        // and its deadline (the collections rule, `profile::judge_promise`).
        let mut promises = Vec::new();
        for row in sqlx::query(
            "SELECT p.customer_id, p.invoice_id, p.date, COALESCE(p.due_date, p.date) AS due,
                    COALESCE(p.amount_minor, 0) AS amount, p.resolved_on,
                    (SELECT COALESCE(SUM(a.amount_minor), 0)
                       FROM invoices i JOIN allocations a ON a.invoice_id = i.id
                      WHERE i.customer_id = p.customer_id
                        AND a.source_kind IN ('payment', 'bank_entry')
                        AND a.allocated_on >= p.date
                        AND a.allocated_on <= MIN(date(COALESCE(p.due_date, p.date), ?2), ?1)
                        AND (a.reversed_on IS NULL OR a.reversed_on > ?1)) AS received
               FROM interactions p WHERE p.kind = 'promise' AND p.date <= ?1",
        )
        .bind(as_of)
        .bind(format!("+{} days", profile::PROMISE_GRACE_DAYS))
        .fetch_all(self.pool())
        .await?
        {
            let due: NaiveDate = row.try_get("due")?;
            let amount_minor: i64 = row.try_get("amount")?;
            let resolved: Option<NaiveDate> = row.try_get("resolved_on")?;
            let mut state = profile::judge_promise(
                due,
                row.try_get("amount")?,
                row.try_get("received")?,
                as_of,
            );
            // Closed by the credit manager before it came due: no longer waited for.
            if state == PromiseState::Live && resolved.is_some_and(|r| r <= as_of) {
                state = PromiseState::Broken;
            }
            promises.push(BookPromise {
                customer: CustomerId(row.try_get("customer_id")?),
                invoice: row.try_get::<Option<i64>, _>("invoice_id")?.map(InvoiceId),
                made_on: row.try_get("date")?,
                due,
                amount_minor,
                state,
            });
        }

        // The segment last decided: by the last dunning run, unless set by hand.
        let mut segments: HashMap<CustomerId, String> = HashMap::new();
        for row in sqlx::query(
            "SELECT customer_id, segment FROM dunning_actions WHERE done_on <= ?1
              ORDER BY customer_id, done_on, id",
        )
        .bind(as_of)
        .fetch_all(self.pool())
        .await?
        {
            segments.insert(
                CustomerId(row.try_get("customer_id")?),
                row.try_get("segment")?,
            );
        }
        for row in
            sqlx::query("SELECT customer_id, segment FROM segment_overrides WHERE set_on <= ?1")
                .bind(as_of)
                .fetch_all(self.pool())
                .await?
        {
            segments.insert(
                CustomerId(row.try_get("customer_id")?),
                row.try_get("segment")?,
            );
        }

        // The names of the customers with an open invoice (the drill-down shows them).
        let mut customer_names: HashMap<CustomerId, String> = invoices
            .iter()
            .filter(|i| i.open.amount != rust_decimal::Decimal::ZERO)
            .map(|i| (i.customer, String::new()))
            .collect();
        {
            let mut conn = self.pool().acquire().await?;
            let mut handle = conn.lock_handle().await?;
            let mut rows = bulk::Statement::prepare(&mut handle, "SELECT id, name FROM customers")?;
            while rows.next_row()? {
                if let Some(name) = customer_names.get_mut(&CustomerId(rows.column_int(0)?)) {
                    *name = rows.column_text(1)?.to_string();
                }
            }
        }

        Ok(Book {
            as_of,
            base_currency,
            invoices,
            disputes,
            promises,
            segments,
            customer_names,
        })
    }
}
