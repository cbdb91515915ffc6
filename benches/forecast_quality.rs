//! Forecast quality: the backtest over generated portfolios with known behaviour.
//!
//! Run: `cargo bench --bench forecast_quality` (seeds: `CREDITDESK_SEEDS=100,101,102,103,104`,
//! the seeds the figures are reported on, never used while writing the model; customers per
//! seed: `CREDITDESK_CUSTOMERS=300`). The IBM file's backtest is run
//! through the real import and store by `creditdesk backtest` (see BENCHMARKS.md).

use creditdesk::forecast::backtest;
use creditdesk::forecast::scenario::Scenario;

fn main() {
    let seeds: Vec<u64> = std::env::var("CREDITDESK_SEEDS")
        .unwrap_or_else(|_| "100,101,102,103,104".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let customers: usize = std::env::var("CREDITDESK_CUSTOMERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    println!(
        "{:>6} {:>9} {:>9} {:>9} {:>10} {:>10} {:>9} {:>8}",
        "seed", "invoices", "open", "after", "forecast", "due date", "cust.med", "in range"
    );
    let (mut sum_model, mut sum_median, mut sum_due, mut n) = (0.0, 0.0, 0.0, 0.0);
    for seed in seeds {
        let s = Scenario::generate(seed, customers);
        let b = backtest::run(&s.book, s.as_of, s.horizon_days);
        let (model, due, median) = (
            b.mae_days.unwrap_or(f64::NAN),
            b.baselines.due_date.unwrap_or(f64::NAN),
            b.baselines.customer_median.unwrap_or(f64::NAN),
        );
        println!(
            "{seed:>6} {:>9} {:>9} {:>9} {model:>10.2} {due:>10.2} {median:>9.2} {:>7.1}%",
            b.invoices,
            b.open_then,
            b.issued_after,
            b.within_range.unwrap_or(f64::NAN)
        );
        let w = f64::from(b.invoices);
        sum_model += model * w;
        sum_due += due * w;
        sum_median += median * w;
        n += w;
    }
    println!(
        "all: forecast {:.2} days, due date {:.2}, customer median {:.2}: {:.1} % lower error than the customer median",
        sum_model / n,
        sum_due / n,
        sum_median / n,
        (1.0 - sum_model / sum_median) * 100.0
    );
}
