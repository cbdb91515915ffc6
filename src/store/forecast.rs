//! What the cash-in forecast reads: the invoices paid in the history it learns from, those not
//! paid on the day with their open amounts, and the disputes, promises and segments known on
//! the day. Invoices are read on the raw handle (`bulk`): at two million, sqlx's owned rows
//! cost more than SQLite's reading.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sqlx::Row;

use super::bulk::Param;
use super::{Store, codec};
use crate::collections::profile::{self, PromiseState};
use crate::domain::{CustomerId, InvoiceId};
use crate::error::{Error, Result};
use crate::forecast::book::{
    Book, BookDispute, BookInvoice, BookPromise, HISTORY_DAYS, PaidInvoice,
};
use crate::money::{Currency, Money};

/// The paid history: every invoice paid in the window, from the customer timeline's index,
/// which holds all four columns read (so the table is not read) and gives them in customer
/// order (as the model groups them).
pub(crate) const PAID_SQL: &str = "SELECT customer_id, due_date, settled_on, disputed
       FROM invoices INDEXED BY invoices_customer_timeline
      WHERE customer_id BETWEEN ?4 AND ?5
        AND kind = 'invoice' AND issue_date <= ?1 AND settled_on > ?2 AND settled_on <= ?3";

/// The invoices not paid on the day, found in the KPIs' indexes of unsettled items and of
/// items by settlement day, and read from the table by id. Unpaid invoices are mostly recent
/// ones: on a day near the last invoices, most of the table's pages are never read (nor
/// decrypted).
pub(crate) const UNPAID_BY_ID_SQL: &str =
    "SELECT id, number, customer_id, issue_date, due_date, currency,
            amount_minor, open_minor, settled_on, disputed
       FROM invoices
      WHERE id IN (SELECT id FROM invoices INDEXED BY invoices_unsettled_kpi
                    WHERE settled_on IS NULL
                   UNION ALL
                   SELECT id FROM invoices INDEXED BY invoices_settled_kpi
                    WHERE settled_on > ?2)
        AND kind = 'invoice' AND issue_date <= ?1";

/// The same in one pass over the table: cheaper when many invoices were unpaid on the day (a
/// backtest's day, months back), as reading them by id costs a search each.
pub(crate) const UNPAID_BY_SCAN_SQL: &str =
    "SELECT id, number, customer_id, issue_date, due_date, currency,
            amount_minor, open_minor, settled_on, disputed
       FROM invoices NOT INDEXED
      WHERE kind = 'invoice' AND issue_date <= ?1 AND (settled_on IS NULL OR settled_on > ?2)";

/// The invoices unpaid on the day are read by id when they are at most one in this many of
/// the table's rows (measured at two million: 175,000 read by id take half the time of a
/// pass over the table; 613,000 take twice as long).
const BY_ID_AT_MOST_ONE_IN: i64 = 8;

/// What the allocations made (or undone) after a day put back on each invoice, by invoice:
/// two ranges of the allocations' date indexes (as the KPIs read them).
const REPLAYED_SQL: &str = "SELECT invoice_id, SUM(minor) FROM (
       SELECT invoice_id, amount_minor AS minor FROM allocations
        WHERE allocated_on > ?1 AND reversed_on IS NULL
       UNION ALL
       SELECT invoice_id, -amount_minor FROM allocations
        WHERE reversed_on > ?1 AND allocated_on <= ?1)
      GROUP BY invoice_id ORDER BY invoice_id";

/// Which paid invoices the forecast learns from: issued by `issued_until`, paid after `since`
/// and by `as_of`.
#[derive(Debug, Clone, Copy)]
struct PaidWindow {
    issued_until: NaiveDate,
    since: NaiveDate,
    as_of: NaiveDate,
}

impl Store {
    /// The forecast's book as of `as_of`: invoices issued by `issued_until` (the day itself for
    /// a forecast, later for a backtest's horizon) that were not paid on `as_of`, with their
    /// open amount then, and those paid in the `HISTORY_DAYS` before it.
    pub async fn forecast_book(&self, as_of: NaiveDate, issued_until: NaiveDate) -> Result<Book> {
        let base_currency = self.company().await?.base_currency;
        let since = as_of - Days::new(HISTORY_DAYS);
        // The reads take most of the forecast's time at two million invoices (decrypting
        // pages, making rows): the unpaid invoices, the allocations to replay for a past day,
        // and the paid history in two halves of the customers, each on a connection and a
        // thread of its own.
        let (first, last): (Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT (SELECT MIN(id) FROM customers), (SELECT MAX(id) FROM customers)",
        )
        .fetch_one(self.pool())
        .await?;
        let (first, last) = (first.unwrap_or(0), last.unwrap_or(0));
        let middle = first + (last - first) / 2;
        let window = PaidWindow {
            issued_until,
            since,
            as_of,
        };
        let unpaid = tokio::spawn({
            let store = self.clone();
            async move { store.unpaid_invoices(as_of, issued_until).await }
        });
        let replayed = tokio::spawn({
            let store = self.clone();
            async move { store.replayed_allocations(as_of).await }
        });
        let second_half = tokio::spawn({
            let store = self.clone();
            async move { store.paid_invoices(window, middle + 1..=last).await }
        });
        let mut paid = self.paid_invoices(window, first..=middle).await?;
        let failed = |e: tokio::task::JoinError| {
            Error::internal(format!("reading the forecast's invoices failed: {e}"))
        };
        paid.extend(second_half.await.map_err(failed)??);
        let mut unpaid = unpaid.await.map_err(failed)??;
        let replayed = replayed.await.map_err(failed)??;
        // Allocations made after the day (or undone after it) are put back, so a past day
        // sees the amounts open then. On the day itself there are none.
        if !replayed.is_empty() {
            for invoice in &mut unpaid {
                if let Ok(k) = replayed.binary_search_by_key(&invoice.id.0, |(id, _)| *id) {
                    let currency = invoice.open.currency;
                    let open = invoice.open.to_minor().unwrap_or(0) + replayed[k].1;
                    invoice.open = Money::from_minor(open, currency);
                }
            }
        }
        self.forecast_book_rest(as_of, base_currency, paid, unpaid)
            .await
    }

    /// The invoices of the customers in `customers` issued by `issued_until` and paid after
    /// `since`, by `as_of`, in customer order.
    async fn paid_invoices(
        &self,
        window: PaidWindow,
        customers: std::ops::RangeInclusive<i64>,
    ) -> Result<Vec<PaidInvoice>> {
        self.bulk_rows(
            PAID_SQL,
            &[
                Param::Text(&window.issued_until.to_string()),
                Param::Text(&window.since.to_string()),
                Param::Text(&window.as_of.to_string()),
                Param::Int(*customers.start()),
                Param::Int(*customers.end()),
            ],
            |row| {
                Ok(PaidInvoice {
                    customer: CustomerId(row.column_int(0)?),
                    due_date: codec::date(row.column_text(1)?)?,
                    settled_on: codec::date(row.column_text(2)?)?,
                    disputed: row.column_int(3)? != 0,
                })
            },
        )
        .await
    }

    /// The invoices issued by `issued_until` and not paid in full on `as_of`, with the amount
    /// open now.
    async fn unpaid_invoices(
        &self,
        as_of: NaiveDate,
        issued_until: NaiveDate,
    ) -> Result<Vec<BookInvoice>> {
        // How many there are, from the two indexes, against the table's rows (its last id:
        // ids are nearly dense).
        let (candidates, table_rows): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM invoices INDEXED BY invoices_unsettled_kpi
                      WHERE settled_on IS NULL)
                  + (SELECT COUNT(*) FROM invoices INDEXED BY invoices_settled_kpi
                      WHERE settled_on > ?1),
                    COALESCE((SELECT MAX(id) FROM invoices), 0)",
        )
        .bind(as_of)
        .fetch_one(self.pool())
        .await?;
        let sql = if candidates * BY_ID_AT_MOST_ONE_IN <= table_rows {
            UNPAID_BY_ID_SQL
        } else {
            UNPAID_BY_SCAN_SQL
        };
        self.unpaid_invoices_by(sql, as_of, issued_until).await
    }

    /// The unpaid invoices as `sql` (by id, or by a pass over the table) reads them.
    async fn unpaid_invoices_by(
        &self,
        sql: &str,
        as_of: NaiveDate,
        issued_until: NaiveDate,
    ) -> Result<Vec<BookInvoice>> {
        let mut currencies = codec::Currencies::default();
        self.bulk_rows(
            sql,
            &[
                Param::Text(&issued_until.to_string()),
                Param::Text(&as_of.to_string()),
            ],
            |row| {
                let cur = currencies.read(row.column_text(5)?)?;
                Ok(BookInvoice {
                    id: InvoiceId(row.column_int(0)?),
                    number: row.column_text(1)?.to_string(),
                    customer: CustomerId(row.column_int(2)?),
                    issue_date: codec::date(row.column_text(3)?)?,
                    due_date: codec::date(row.column_text(4)?)?,
                    amount: Money::from_minor(row.column_int(6)?, cur),
                    open: Money::from_minor(row.column_int(7)?, cur),
                    settled_on: codec::optional_date(row.column_text(8)?)?,
                    disputed: row.column_int(9)? != 0,
                })
            },
        )
        .await
    }

    /// What the allocations made (or undone) after `as_of` put back on each invoice, in the
    /// invoice's minor units, by invoice id (none for today; hundreds of thousands for a
    /// backtest's day at two million invoices: read on the raw handle).
    async fn replayed_allocations(&self, as_of: NaiveDate) -> Result<Vec<(i64, i64)>> {
        self.bulk_rows(REPLAYED_SQL, &[Param::Text(&as_of.to_string())], |row| {
            Ok((row.column_int(0)?, row.column_int(1)?))
        })
        .await
    }

    /// The rest of the book: disputes, promises, segments and names as of `as_of`.
    async fn forecast_book_rest(
        &self,
        as_of: NaiveDate,
        base_currency: Currency,
        paid: Vec<PaidInvoice>,
        unpaid: Vec<BookInvoice>,
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
        let mut customer_names: HashMap<CustomerId, String> = unpaid
            .iter()
            .filter(|i| i.open.amount != rust_decimal::Decimal::ZERO)
            .map(|i| (i.customer, String::new()))
            .collect();
        self.bulk_rows("SELECT id, name FROM customers", &[], |row| {
            if let Some(name) = customer_names.get_mut(&CustomerId(row.column_int(0)?)) {
                *name = row.column_text(1)?.to_string();
            }
            Ok(())
        })
        .await?;

        Ok(Book {
            as_of,
            base_currency,
            paid,
            unpaid,
            disputes,
            promises,
            segments,
            customer_names,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{PAID_SQL, UNPAID_BY_ID_SQL, UNPAID_BY_SCAN_SQL};
    use crate::forecast::book::BookInvoice;
    use crate::store::Store;

    const DAYS: [&str; 3] = ["2026-11-23", "2023-11-24", "2026-11-23"];

    /// The unpaid invoices are the same read by id or by a pass over the table, on the day
    /// and on days back; the book has them, with the amounts open on its day.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn both_ways_of_reading_the_unpaid_invoices_agree() {
        let dir = tempfile::tempdir().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let store = Store::scratch_demo(dir.path(), today, 30).await;
        let mut unpaid_then = Vec::new();
        for back in [0, 60, 182, 400] {
            let day = today - chrono::Days::new(back);
            let by_id = store
                .unpaid_invoices_by(UNPAID_BY_ID_SQL, day, today)
                .await
                .unwrap();
            let by_scan = store
                .unpaid_invoices_by(UNPAID_BY_SCAN_SQL, day, today)
                .await
                .unwrap();
            assert_eq!(by_id, by_scan, "as of {day}");
            assert!(by_id.iter().all(|i| i.settled_on.is_none_or(|s| s > day)));
            unpaid_then.push(by_id.len());
            let book = store.forecast_book(day, today).await.unwrap();
            let ids = |invoices: &[BookInvoice]| invoices.iter().map(|i| i.id).collect::<Vec<_>>();
            assert_eq!(ids(&book.unpaid), ids(&by_id), "as of {day}");
            // Back then, what was paid on each since the day was still open.
            let replayed = store.replayed_allocations(day).await.unwrap();
            assert_eq!(replayed.is_empty(), back == 0, "as of {day}");
            for (invoice, now) in book.unpaid.iter().zip(&by_id) {
                let back = replayed
                    .iter()
                    .find(|(id, _)| *id == invoice.id.0)
                    .map_or(0, |(_, back)| *back);
                assert_eq!(
                    invoice.open.to_minor(),
                    now.open.to_minor().map(|open| open + back)
                );
            }
        }
        // Days further back had more invoices unpaid then, issued by today.
        assert!(
            unpaid_then.windows(2).all(|w| w[0] <= w[1]),
            "{unpaid_then:?}"
        );
        assert!(unpaid_then[0] > 0);
    }

    /// The paid history is most of what the forecast reads: read from the timeline's index
    /// alone it is a third narrower than the table and comes grouped by customer. A column
    /// added to the query but not to the index would read the table again for every row. The
    /// unpaid invoices are found in the KPIs' partial indexes and read from the table by id
    /// (or, when they are many, in one pass over it).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_forecast_reads_the_invoices_through_its_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::scratch(dir.path()).await;
        assert_eq!(
            store.query_plan(PAID_SQL, &DAYS).await,
            "SEARCH invoices USING COVERING INDEX invoices_customer_timeline \
             (customer_id>? AND customer_id<?)"
        );
        let unpaid = store.query_plan(UNPAID_BY_ID_SQL, &DAYS[..2]).await;
        for step in [
            "SEARCH invoices USING INTEGER PRIMARY KEY (rowid=?)",
            "SCAN invoices USING COVERING INDEX invoices_unsettled_kpi",
            "SEARCH invoices USING COVERING INDEX invoices_settled_kpi (settled_on>?)",
        ] {
            assert!(unpaid.contains(step), "{step} not in\n{unpaid}");
        }
        assert!(
            unpaid.lines().all(|step| step != "SCAN invoices"),
            "{unpaid}"
        );
    }
}
