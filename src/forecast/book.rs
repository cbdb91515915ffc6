//! What the forecast is made from: the invoices paid by the forecast day (what the model learns
//! from), those not paid by then (what it forecasts), and what was known on the day about
//! disputes, promises and segments. Read by `Store::forecast_book`, made by hand in tests and
//! by the scenario generator (`Book::new`, `Book::add`).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{CustomerId, InvoiceId};
use crate::money::{Currency, Money};

/// Paid invoices older than this (by settlement) are not in a store's book: their weight in
/// the model is below two thousandths (`model::HALF_LIFE_DAYS`).
pub const HISTORY_DAYS: u64 = 3 * 365;

/// An invoice paid in full by the book's day, as the model reads it: a store's book holds
/// millions, so only what the model uses is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidInvoice {
    pub customer: CustomerId,
    pub due_date: NaiveDate,
    pub settled_on: NaiveDate,
    /// Marked disputed (see `BookInvoice::disputed`).
    pub disputed: bool,
}

/// An invoice not paid in full by the book's day (credit notes are not forecast).
#[derive(Debug, Clone, PartialEq)]
pub struct BookInvoice {
    pub id: InvoiceId,
    pub number: String,
    pub customer: CustomerId,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    /// The amount still open on the book's day (nothing, for one issued after it).
    pub open: Money,
    /// The day it was paid in full, after the book's day, as recorded now: what a backtest
    /// compares with.
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
    /// The invoices paid in full by `as_of` (in the `HISTORY_DAYS` before it, for a store's
    /// book), each customer's together (`Model::fit` groups them when they are not).
    pub paid: Vec<PaidInvoice>,
    /// The invoices not paid in full by `as_of`: open on it, and for a backtest's book those
    /// issued after it.
    pub unpaid: Vec<BookInvoice>,
    pub disputes: Vec<BookDispute>,
    pub promises: Vec<BookPromise>,
    /// The segment last decided for a customer (by hand, or by the last dunning run) by the
    /// book's day: the group a customer with little history falls back to.
    pub segments: HashMap<CustomerId, String>,
    /// The names of the customers with an open invoice, for the drill-down.
    pub customer_names: HashMap<CustomerId, String>,
}

impl Book {
    /// An empty book as of `as_of`.
    pub fn new(as_of: NaiveDate, base_currency: Currency) -> Book {
        Book {
            as_of,
            base_currency,
            paid: Vec::new(),
            unpaid: Vec::new(),
            disputes: Vec::new(),
            promises: Vec::new(),
            segments: HashMap::new(),
            customer_names: HashMap::new(),
        }
    }

    /// Adds an invoice: to the paid ones when it was settled by the book's day, else to the
    /// unpaid ones.
    pub fn add(&mut self, invoice: BookInvoice) {
        match invoice.settled_on {
            Some(settled_on) if settled_on <= self.as_of => self.paid.push(PaidInvoice {
                customer: invoice.customer,
                due_date: invoice.due_date,
                settled_on,
                disputed: invoice.disputed,
            }),
            _ => self.unpaid.push(invoice),
        }
    }
}
