//! The backtest: the forecast replayed as of a past day, with only what was known then,
//! against what really happened, next to two naive predictors.
//!
//! Invoices scored: those open on the day (forecast on the day, paid from the next day on)
//! and those issued in the `horizon_days` after it (forecast as on their issue day, with the
//! model of the day: nothing paid after the day is used). Only invoices since paid in full
//! can be scored; the others are counted as `unsettled`. The naive predictors, on the same
//! invoices and never before the day the forecast is made: the due date; the due date plus
//! the median lateness of the customer's invoices paid by the day (the due date without any).

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::domain::CustomerId;

use rayon::prelude::*;

use super::book::{Book, BookInvoice};
use super::model::Model;
use super::stats::median;

/// The mean absolute errors, in days, of the naive predictors.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Baselines {
    pub due_date: Option<f64>,
    pub customer_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Backtest {
    pub as_of: NaiveDate,
    pub horizon_days: u32,
    /// Invoices scored.
    pub invoices: u32,
    /// Of them, open on the day.
    pub open_then: u32,
    /// Of them, issued in the horizon.
    pub issued_after: u32,
    /// Invoices that would be scored but are not paid yet.
    pub unsettled: u32,
    /// Mean absolute error of the expected dates, in days; `None` without invoices to score.
    pub mae_days: Option<f64>,
    pub baselines: Baselines,
    /// Percent of the real payment days inside the forecast's low–high range.
    pub within_range: Option<f64>,
}

/// What the scored invoices add up to.
#[derive(Default)]
struct Tally {
    open_then: u32,
    issued_after: u32,
    /// Days off, summed: the forecast's, the due date's, the customer median's.
    errors: [i64; 3],
    within: u32,
}

impl Tally {
    fn add(self, other: Tally) -> Tally {
        Tally {
            open_then: self.open_then + other.open_then,
            issued_after: self.issued_after + other.issued_after,
            errors: [0, 1, 2].map(|k| self.errors[k] + other.errors[k]),
            within: self.within + other.within,
        }
    }
}

/// Replays `book` (read as of `as_of`, with the invoices issued up to the horizon's end).
pub fn run(book: &Book, as_of: NaiveDate, horizon_days: u32) -> Backtest {
    let model = Model::fit(book, as_of);
    let horizon_end = as_of + Days::new(u64::from(horizon_days));

    let mut lateness: HashMap<CustomerId, Vec<f64>> = HashMap::new();
    for invoice in book.paid.iter().filter(|i| i.settled_on <= as_of) {
        lateness
            .entry(invoice.customer)
            .or_default()
            .push((invoice.settled_on - invoice.due_date).num_days() as f64);
    }
    let customer_median: HashMap<CustomerId, i64> = lateness
        .into_iter()
        .filter_map(|(c, values)| Some((c, median(&values)?.round() as i64)))
        .collect();

    // Each invoice scored with the day it is forecast from; grouped by customer, whose level
    // and spread its invoices share, and scored on every core (the sums are whole days:
    // any order gives the same).
    let mut unsettled = 0u32;
    let mut scorable: Vec<(&BookInvoice, NaiveDate, NaiveDate)> = Vec::new();
    for invoice in &book.unpaid {
        let earliest = if invoice.issue_date <= as_of {
            as_of + Days::new(1)
        } else if invoice.issue_date <= horizon_end {
            invoice.issue_date
        } else {
            continue;
        };
        match invoice.settled_on {
            Some(settled) => scorable.push((invoice, earliest, settled)),
            None => unsettled += 1,
        }
    }
    let by_customer = super::runs_by_customer(&mut scorable, |(invoice, _, _)| invoice);
    let tally = by_customer
        .par_iter()
        .map(|invoices| {
            let customer = invoices[0].0.customer;
            let spread = model.spread(customer);
            let median_day = customer_median.get(&customer).copied().unwrap_or(0);
            let mut tally = Tally::default();
            for &(invoice, earliest, settled) in invoices.iter() {
                if invoice.issue_date <= as_of {
                    tally.open_then += 1;
                } else {
                    tally.issued_after += 1;
                }
                let prediction = model.predict_with(&spread, invoice, earliest);
                let by_median = invoice.due_date + chrono::Duration::days(median_day);
                let error = |day: NaiveDate| (day - settled).num_days().abs();
                tally.errors[0] += error(prediction.expected);
                tally.errors[1] += error(invoice.due_date.max(earliest));
                tally.errors[2] += error(by_median.max(earliest));
                if (prediction.low..=prediction.high).contains(&settled) {
                    tally.within += 1;
                }
            }
            tally
        })
        .reduce(Tally::default, Tally::add);
    let Tally {
        open_then,
        issued_after,
        errors,
        within,
    } = tally;
    let scored = open_then + issued_after;
    let mean = |sum: i64| (scored > 0).then(|| sum as f64 / f64::from(scored));
    Backtest {
        as_of,
        horizon_days,
        invoices: scored,
        open_then,
        issued_after,
        unsettled,
        mae_days: mean(errors[0]),
        baselines: Baselines {
            due_date: mean(errors[1]),
            customer_median: mean(errors[2]),
        },
        within_range: (scored > 0).then(|| f64::from(within) * 100.0 / f64::from(scored)),
    }
}
