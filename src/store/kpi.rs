//! What the KPI trend reads (`kpi::trend`): the items open on any of its days, the allocations
//! to replay for them, and the credit sales by day. Read on the raw handle (`bulk`), on three
//! connections at once: at two million invoices these are a million rows or more each.

use chrono::NaiveDate;

use super::bulk::Param;
use super::{Store, codec};
use crate::error::{Error, Result};
use crate::kpi::trend::{TrendAllocation, TrendData, TrendItem};
use crate::money::Currency;

/// Items issued by ?2 and not settled by ?3, in the currency ?1: the two ranges of the KPIs'
/// partial indexes `open_as_of_sql` reads, from the earliest day.
const ITEMS_SQL: &str = "SELECT id, issue_date, due_date, settled_on, open_minor FROM invoices
      WHERE settled_on IS NULL AND currency = ?1 AND issue_date <= ?2
     UNION ALL
     SELECT id, issue_date, due_date, settled_on, open_minor FROM invoices
      WHERE settled_on > ?3 AND currency = ?1 AND issue_date <= ?2";

/// Allocations made after ?1 and in force, or undone after ?1, by invoice.
const ALLOCATIONS_SQL: &str = "SELECT invoice_id, allocated_on, reversed_on, amount_minor FROM (
       SELECT invoice_id, allocated_on, reversed_on, amount_minor FROM allocations
        WHERE allocated_on > ?1 AND reversed_on IS NULL
       UNION ALL
       SELECT invoice_id, allocated_on, reversed_on, amount_minor FROM allocations
        WHERE reversed_on > ?1)
      ORDER BY invoice_id";

/// Credit sales in ?1 issued in (?2, ?3], by day: one range of the sales index.
const SALES_SQL: &str = "SELECT issue_date, SUM(amount_minor) FROM invoices
      WHERE kind = 'invoice' AND amount_minor <> 0 AND currency = ?1
        AND issue_date > ?2 AND issue_date <= ?3
      GROUP BY issue_date ORDER BY issue_date";

impl Store {
    /// What `kpi::trend` needs for `days` in `currency`.
    pub async fn kpi_trend_data(
        &self,
        currency: Currency,
        days: &[NaiveDate],
    ) -> Result<TrendData> {
        let (Some(first), Some(last), Some(first_sale)) = (
            crate::kpi::trend::first_day(days),
            days.iter().max().copied(),
            crate::kpi::trend::first_sale_day(days),
        ) else {
            return Ok(TrendData::default());
        };
        let failed = |e: tokio::task::JoinError| {
            Error::internal(format!("reading the KPI trend failed: {e}"))
        };
        let allocations = tokio::spawn({
            let store = self.clone();
            async move { store.trend_allocations(first).await }
        });
        let sales = tokio::spawn({
            let store = self.clone();
            async move { store.trend_sales(currency, first_sale, last).await }
        });
        let items = self.trend_items(currency, first, last).await?;
        Ok(TrendData {
            items,
            allocations: allocations.await.map_err(failed)??,
            daily_sales: sales.await.map_err(failed)??,
        })
    }

    async fn trend_items(
        &self,
        currency: Currency,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<TrendItem>> {
        let params = [
            Param::Text(currency.code()),
            Param::Text(&last.to_string()),
            Param::Text(&first.to_string()),
        ];
        self.bulk_rows(ITEMS_SQL, &params, |row| {
            Ok(TrendItem {
                id: row.column_int(0)?,
                issue_date: codec::date(row.column_text(1)?)?,
                due_date: codec::date(row.column_text(2)?)?,
                settled_on: codec::optional_date(row.column_text(3)?)?,
                open_minor: row.column_int(4)?,
            })
        })
        .await
    }

    async fn trend_allocations(&self, first: NaiveDate) -> Result<Vec<TrendAllocation>> {
        let params = [Param::Text(&first.to_string())];
        self.bulk_rows(ALLOCATIONS_SQL, &params, |row| {
            Ok(TrendAllocation {
                invoice_id: row.column_int(0)?,
                allocated_on: codec::date(row.column_text(1)?)?,
                reversed_on: codec::optional_date(row.column_text(2)?)?,
                amount_minor: row.column_int(3)?,
            })
        })
        .await
    }

    async fn trend_sales(
        &self,
        currency: Currency,
        after: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<(NaiveDate, i64)>> {
        let params = [
            Param::Text(currency.code()),
            Param::Text(&after.to_string()),
            Param::Text(&until.to_string()),
        ];
        self.bulk_rows(SALES_SQL, &params, |row| {
            Ok((codec::date(row.column_text(0)?)?, row.column_int(1)?))
        })
        .await
    }
}
