//! The cash-in forecast (DESIGN §8): for every open invoice an expected payment date with a
//! low–high range (10th–90th percentile) and one sentence of why; the next 13 weeks of
//! cash-in with bands; and the backtest that says how far to trust it.
//!
//! `model` learns when customers pay, `weekly` adds the invoices up per week, `backtest`
//! replays a past day. `scenario` generates portfolios with known behaviour to validate the
//! model on (trends, seasons, disputes, promises).

pub mod backtest;
pub mod book;
pub mod model;
pub mod scenario;
pub mod stats;
pub mod weekly;

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::domain::{CustomerId, InvoiceId};
use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::Store;

pub use backtest::{Backtest, Baselines};
pub use book::Book;
pub use model::{Basis, Model, Prediction};
pub use weekly::WeekForecast;

/// One open invoice's expected payment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InvoiceForecast {
    pub invoice_id: InvoiceId,
    pub invoice: String,
    pub customer_id: CustomerId,
    pub customer: String,
    pub due_date: NaiveDate,
    pub open: Money,
    pub expected_date: NaiveDate,
    pub low: NaiveDate,
    pub high: NaiveDate,
    pub basis: Basis,
    pub reason: String,
}

/// The forecast as of a day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Forecast {
    pub as_of: NaiveDate,
    /// The base currency, of the weeks (invoices in other currencies are listed, not added).
    pub currency: Currency,
    /// Every open invoice, by expected date.
    pub invoices: Vec<InvoiceForecast>,
    /// `weekly::WEEKS` weeks from the Monday of `as_of`'s week.
    pub weeks: Vec<WeekForecast>,
    /// Expected after the last week.
    pub later: Money,
}

impl Forecast {
    /// The invoices expected in the week starting on `week` (all when `None`) whose customer
    /// or number holds `search` (any case; all when empty), by expected date.
    pub fn invoices_matching(
        &self,
        week: Option<NaiveDate>,
        search: &str,
    ) -> Vec<&InvoiceForecast> {
        let search = search.trim().to_lowercase();
        self.invoices
            .iter()
            .filter(|f| {
                week.is_none_or(|start| {
                    f.expected_date >= start && f.expected_date < start + Days::new(7)
                })
            })
            .filter(|f| {
                search.is_empty()
                    || f.customer.to_lowercase().contains(&search)
                    || f.invoice.to_lowercase().contains(&search)
            })
            .collect()
    }
}

/// The forecast of every invoice open on `as_of`, made again only when the database has
/// changed since it was last made (`Store::memoized`): at millions of invoices it costs a
/// second, and the app asks for it page after page.
pub async fn forecast(store: &Store, as_of: NaiveDate) -> Result<Arc<Forecast>> {
    store
        .memoized(&format!("forecast/{as_of}"), compute(store, as_of))
        .await
}

/// The forecast of every invoice open on `as_of`, read and computed now.
pub async fn compute(store: &Store, as_of: NaiveDate) -> Result<Forecast> {
    let book = store.forecast_book(as_of, as_of).await?;
    Ok(forecast_book(&book))
}

/// The forecast of one customer's open invoices on `as_of`, by expected date: its invoices of
/// the whole forecast (the model is fitted on the whole portfolio: its effects and fallbacks
/// come from there).
pub async fn customer_forecast(
    store: &Store,
    customer: CustomerId,
    as_of: NaiveDate,
) -> Result<Vec<InvoiceForecast>> {
    store.customer(customer).await?;
    Ok(forecast(store, as_of)
        .await?
        .invoices
        .iter()
        .filter(|invoice| invoice.customer_id == customer)
        .cloned()
        .collect())
}

/// The backtest as of `as_of` over the `horizon_days` after it (kept as the forecast is).
pub async fn backtest(store: &Store, as_of: NaiveDate, horizon_days: u32) -> Result<Arc<Backtest>> {
    let key = format!("backtest/{as_of}/{horizon_days}");
    store
        .memoized(&key, compute_backtest(store, as_of, horizon_days))
        .await
}

/// The backtest as of `as_of` over the `horizon_days` after it, read and computed now.
pub async fn compute_backtest(
    store: &Store,
    as_of: NaiveDate,
    horizon_days: u32,
) -> Result<Backtest> {
    let until = as_of + Days::new(u64::from(horizon_days));
    let book = store.forecast_book(as_of, until).await?;
    Ok(backtest::run(&book, as_of, horizon_days))
}

/// The forecast of a book, as of its day.
pub fn forecast_book(book: &Book) -> Forecast {
    let model = Model::fit(book, book.as_of);
    let predicted = predict(book, &model, |_| true);
    let (mut weeks, later) = weekly::weeks(
        book.as_of,
        book.base_currency,
        predicted
            .iter()
            .filter(|(f, _)| f.open.currency == book.base_currency)
            .map(|(f, days)| (f.open.amount, days.as_slice())),
    );
    for (f, _) in &predicted {
        let monday = weekly::monday_of(f.expected_date);
        if let Some(week) = weeks.iter_mut().find(|w| w.week_start == monday) {
            week.invoices += 1;
        }
    }
    Forecast {
        as_of: book.as_of,
        currency: book.base_currency,
        invoices: predicted.into_iter().map(|(f, _)| f).collect(),
        weeks,
        later,
    }
}

/// `items` sorted by their invoice's customer (then id) and cut into one run per customer:
/// a customer's invoices share its level and spread (`Model::spread`), made once per run.
fn runs_by_customer<'a, T: Send>(
    items: &'a mut [T],
    invoice: impl Fn(&T) -> &book::BookInvoice + Sync,
) -> Vec<&'a [T]> {
    items.par_sort_unstable_by_key(|item| (invoice(item).customer, invoice(item).id));
    let items: &'a [T] = items;
    items
        .chunk_by(|a, b| invoice(a).customer == invoice(b).customer)
        .collect()
}

/// The open invoices `wanted` picks, forecast by `model` as of the book's day, by expected
/// date, each with its equally likely payment days.
fn predict(
    book: &Book,
    model: &Model,
    wanted: impl Fn(&book::BookInvoice) -> bool + Sync,
) -> Vec<(InvoiceForecast, Vec<NaiveDate>)> {
    let earliest = book.as_of + Days::new(1);
    // A customer's invoices share its level and spread: grouped, each customer's is made once.
    // Customers are predicted on every core.
    let mut open: Vec<&book::BookInvoice> = book
        .unpaid
        .iter()
        .filter(|invoice| invoice.open.amount > Decimal::ZERO && wanted(invoice))
        .collect();
    let by_customer = runs_by_customer(&mut open, |invoice| invoice);
    let predicted: Vec<(InvoiceForecast, Vec<NaiveDate>)> = by_customer
        .par_iter()
        .flat_map_iter(|invoices| {
            let customer = invoices[0].customer;
            let spread = model.spread(customer);
            let name = book.customer_names.get(&customer);
            invoices.iter().map(move |invoice| {
                let prediction = model.predict_with(&spread, invoice, earliest);
                (
                    InvoiceForecast {
                        invoice_id: invoice.id,
                        invoice: invoice.number.clone(),
                        customer_id: invoice.customer,
                        customer: name.cloned().unwrap_or_default(),
                        due_date: invoice.due_date,
                        open: invoice.open,
                        expected_date: prediction.expected,
                        low: prediction.low,
                        high: prediction.high,
                        basis: prediction.basis,
                        reason: prediction.reason,
                    },
                    prediction.days,
                )
            })
        })
        .collect();
    // Sorted by expected date and number through a list of small keys: the forecasts are large
    // to move, and numbers are unique, so an unstable sort gives the one order there is.
    let mut order: Vec<(NaiveDate, &str, usize)> = predicted
        .iter()
        .enumerate()
        .map(|(k, (f, _))| (f.expected_date, f.invoice.as_str(), k))
        .collect();
    order.par_sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, _, k)| k).collect();
    let mut slots: Vec<Option<(InvoiceForecast, Vec<NaiveDate>)>> =
        predicted.into_iter().map(Some).collect();
    order.into_iter().filter_map(|k| slots[k].take()).collect()
}

#[cfg(test)]
mod tests;
