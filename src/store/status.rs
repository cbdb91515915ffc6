//! Counts over the whole database (`creditdesk status`).

use sqlx::AssertSqlSafe;

use crate::error::Result;

/// How much the database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Status {
    pub customers: i64,
    pub invoices: i64,
    pub open_invoices: i64,
    pub payments: i64,
    pub bank_entries: i64,
}

impl super::Store {
    pub async fn status(&self) -> Result<Status> {
        let pool = self.pool();
        let count = |table: &'static str| async move {
            // `table` is one of our own literals, never user text.
            sqlx::query_scalar::<_, i64>(AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
                .fetch_one(pool)
                .await
        };
        Ok(Status {
            customers: count("customers").await?,
            invoices: count("invoices").await?,
            open_invoices: super::invoices::count_open(pool).await?,
            payments: count("payments").await?,
            bank_entries: count("bank_entries").await?,
        })
    }
}
