//! Counts over the whole database (`creditdesk status`).

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

/// The tables whose rows are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Customers,
    Invoices,
    Payments,
    BankEntries,
}

impl Counted {
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Counted::Customers => "SELECT count(*) FROM customers",
            Counted::Invoices => "SELECT count(*) FROM invoices",
            Counted::Payments => "SELECT count(*) FROM payments",
            Counted::BankEntries => "SELECT count(*) FROM bank_entries",
        }
    }
}

impl super::Store {
    pub async fn status(&self) -> Result<Status> {
        let pool = self.pool();
        let count = |table: Counted| sqlx::query_scalar::<_, i64>(table.sql()).fetch_one(pool);
        Ok(Status {
            customers: count(Counted::Customers).await?,
            invoices: count(Counted::Invoices).await?,
            open_invoices: super::invoices::count_open(pool).await?,
            payments: count(Counted::Payments).await?,
            bank_entries: count(Counted::BankEntries).await?,
        })
    }
}
