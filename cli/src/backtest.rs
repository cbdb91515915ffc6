//! `creditdesk backtest`: the forecast replayed as of a past day against what happened, next
//! to the naive predictors.

use chrono::NaiveDate;
use creditdesk::Result;
use creditdesk::forecast::{self, Backtest};
use serde::Serialize;

use crate::database::{Target, runtime};
use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// The past day the forecast is replayed on
    #[arg(long)]
    as_of: NaiveDate,
    /// Also score the invoices issued in this many days after it
    #[arg(long, default_value_t = 182)]
    horizon_days: u32,
    #[arg(long)]
    json: bool,
}

/// The CLI contract (DESIGN §9): errors in days, two decimals.
#[derive(Serialize)]
struct BacktestJson {
    as_of: NaiveDate,
    horizon_days: u32,
    invoices: u32,
    open_then: u32,
    issued_after: u32,
    unsettled: u32,
    mae_days: Option<f64>,
    baselines: BaselinesJson,
    within_range: Option<f64>,
}

#[derive(Serialize)]
struct BaselinesJson {
    due_date: Option<f64>,
    customer_median: Option<f64>,
}

fn two(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 100.0).round() / 100.0)
}

fn contract(b: &Backtest) -> BacktestJson {
    BacktestJson {
        as_of: b.as_of,
        horizon_days: b.horizon_days,
        invoices: b.invoices,
        open_then: b.open_then,
        issued_after: b.issued_after,
        unsettled: b.unsettled,
        mae_days: two(b.mae_days),
        baselines: BaselinesJson {
            due_date: two(b.baselines.due_date),
            customer_median: two(b.baselines.customer_median),
        },
        within_range: two(b.within_range),
    }
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let result = rt.block_on(forecast::backtest(&store, args.as_of, args.horizon_days));
    rt.block_on(store.close());
    let shown = contract(&*result?);
    if args.json {
        return output::json(&shown);
    }
    say!(
        "Backtest as of {}: {} invoices paid since ({} open then, {} issued in the {} days after; {} not paid yet, not scored)",
        shown.as_of,
        shown.invoices,
        shown.open_then,
        shown.issued_after,
        shown.horizon_days,
        shown.unsettled
    );
    let days = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
    output::table(
        &["predictor", "mean absolute error (days)"],
        &[false, true],
        &[
            vec!["forecast".into(), days(shown.mae_days)],
            vec!["due date".into(), days(shown.baselines.due_date)],
            vec![
                "customer's median lateness".into(),
                days(shown.baselines.customer_median),
            ],
        ],
    );
    if let Some(within) = shown.within_range {
        say!("{within:.1} % of the payments came within the forecast's low–high range");
    }
    Ok(())
}
