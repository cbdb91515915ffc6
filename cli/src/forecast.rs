//! `creditdesk forecast`: every open invoice's expected payment date with its range and why,
//! and the next 13 weeks of cash-in with bands.

use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::forecast::{self, Forecast};
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The day the forecast is made on [default: today]
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// Also list every open invoice with its expected date and why
    #[arg(long)]
    invoices: bool,
    #[arg(long)]
    json: bool,
}

/// The CLI contract (DESIGN §9): dates ISO, amounts as strings.
#[derive(Serialize)]
struct ForecastJson {
    as_of: NaiveDate,
    currency: String,
    invoices: Vec<InvoiceJson>,
    weeks: Vec<WeekJson>,
    later: String,
}

#[derive(Serialize)]
struct InvoiceJson {
    invoice: String,
    customer: String,
    currency: String,
    open: String,
    due_date: NaiveDate,
    expected_date: NaiveDate,
    low: NaiveDate,
    high: NaiveDate,
    basis: &'static str,
    reason: String,
}

#[derive(Serialize)]
struct WeekJson {
    week_start: NaiveDate,
    expected: String,
    low: String,
    high: String,
    invoices: u32,
}

fn contract(f: &Forecast) -> ForecastJson {
    ForecastJson {
        as_of: f.as_of,
        currency: f.currency.code().to_string(),
        invoices: f
            .invoices
            .iter()
            .map(|i| InvoiceJson {
                invoice: i.invoice.clone(),
                customer: i.customer.clone(),
                currency: i.open.currency.code().to_string(),
                open: i.open.amount_text(),
                due_date: i.due_date,
                expected_date: i.expected_date,
                low: i.low,
                high: i.high,
                basis: i.basis.code(),
                reason: i.reason.clone(),
            })
            .collect(),
        weeks: f
            .weeks
            .iter()
            .map(|w| WeekJson {
                week_start: w.week_start,
                expected: w.expected.amount_text(),
                low: w.low.amount_text(),
                high: w.high.amount_text(),
                invoices: w.invoices,
            })
            .collect(),
        later: f.later.amount_text(),
    }
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let as_of = args.as_of.unwrap_or_else(crate::today);
    let result = rt.block_on(forecast::forecast(&store, as_of));
    rt.block_on(store.close());
    let shown = contract(&*result?);
    if args.json {
        return output::json(&shown);
    }
    say!(
        "Cash-in forecast as of {as_of}, in {} ({} open invoices)",
        shown.currency,
        shown.invoices.len()
    );
    let rows: Vec<Vec<String>> = shown
        .weeks
        .iter()
        .map(|w| {
            vec![
                w.week_start.to_string(),
                w.expected.clone(),
                w.low.clone(),
                w.high.clone(),
                w.invoices.to_string(),
            ]
        })
        .collect();
    output::table(
        &["week of", "expected", "low", "high", "invoices"],
        &[false, true, true, true, true],
        &rows,
    );
    say!("Expected after these 13 weeks: {}", shown.later);
    if args.invoices {
        let rows: Vec<Vec<String>> = shown
            .invoices
            .iter()
            .map(|i| {
                vec![
                    i.invoice.clone(),
                    i.customer.clone(),
                    format!("{} {}", i.open, i.currency),
                    i.due_date.to_string(),
                    i.expected_date.to_string(),
                    format!("{} – {}", i.low, i.high),
                    i.reason.clone(),
                ]
            })
            .collect();
        output::table(
            &[
                "invoice", "customer", "open", "due", "expected", "range", "why",
            ],
            &[false, false, true, false, false, false, false],
            &rows,
        );
    }
    Ok(())
}
