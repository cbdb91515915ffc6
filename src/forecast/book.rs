//! What the forecast is made from: the invoices with the day each was settled, and what was
//! known on the forecast day about disputes, promises and segments. Read by
//! `Store::forecast_book`, made by hand in tests and by the scenario generator.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{CustomerId, InvoiceId};
use crate::money::{Currency, Money};

/// Paid invoices older than this (by settlement) are not in a store's book: their weight in
/// the model is below two thousandths (`model::HALF_LIFE_DAYS`).
pub const HISTORY_DAYS: u64 = 3 * 365;

/// An invoice (credit notes are not forecast).
#[derive(Debug, Clone, PartialEq)]
pub struct BookInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub customer: CustomerId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// The amount still open on the book's day.
    pub open: Money,
    /// The day it was paid in full, as recorded now (the backtest compares with it; the model
    /// only uses it when it is on or before the day it forecasts for).
    pub settled_on: Option<NaiveDate>,
    /// Marked disputed. The flag carries no date: it is taken as raised when the invoice was
    /// issued (an imported history says which invoices were disputed, not when).
    pub disputed: bool,
}

/// A dispute recorded as an interaction, known on the book's day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookDispute {
    pub customer: CustomerId,
    /// `None`: about the customer's account as a whole.
    pub invoice: Option<InvoiceId>,
    pub raised_on: NaiveDate,
    /// Resolved on or before the book's day.
    pub resolved_on: Option<NaiveDate>,
}

/// A promise to pay, made on or before the book's day, and how it stood then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookPromise {
    pub customer: CustomerId,
    pub invoice: Option<InvoiceId>,
    pub made_on: NaiveDate,
    pub due: NaiveDate,
    /// The amount promised, in the minor units of the invoice's currency; 0: not said.
    pub amount_minor: i64,
    pub state: crate::collections::profile::PromiseState,
}

/// Everything the forecast reads, as known on `as_of`.
#[derive(Debug, Clone)]
pub struct Book {
    pub as_of: NaiveDate,
    pub base_currency: Currency,
    pub invoices: Vec<BookInvoice>,
    pub disputes: Vec<BookDispute>,
    pub promises: Vec<BookPromise>,
    /// The segment last decided for a customer (by hand, or by the last dunning run) by the
    /// book's day: the group a customer with little history falls back to.
    pub segments: HashMap<CustomerId, String>,
    /// The names of the customers with an open invoice, for the drill-down.
    pub customer_names: HashMap<CustomerId, String>,
}
