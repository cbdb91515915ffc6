//! Reconciliation speed: 10,000 bank credits against 1,000,000 open items (about 100,000
//! customers) from the scenario generator. Measures the time to build the `Ledger` indexes
//! and the time to propose for all the credits (median of a few runs, release build).
//!
//! Run: `cargo bench --bench reconcile_speed` (`CREDITDESK_CUSTOMERS=100000`,
//! `CREDITDESK_CREDITS=10000`, `CREDITDESK_RUNS=5`).

use std::time::{Duration, Instant};

use creditdesk::reconcile::engine::propose;
use creditdesk::reconcile::scenario::{Scenario, ScenarioOptions};
use creditdesk::reconcile::{Ledger, MatchSettings};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let customers = env("CREDITDESK_CUSTOMERS", 100_000);
    let credits = env("CREDITDESK_CREDITS", 10_000);
    let runs = env("CREDITDESK_RUNS", 5).max(1);
    let start = Instant::now();
    let s = Scenario::generate(&ScenarioOptions {
        customers,
        items_per_customer: 10,
        ..ScenarioOptions::sme(42, credits)
    });
    println!(
        "generated {} open items, {} customers, {} credits in {:.1} s",
        s.items.len(),
        s.customers.len(),
        s.credits.len(),
        start.elapsed().as_secs_f64()
    );
    let settings = MatchSettings::default();
    let mut builds = Vec::new();
    let mut ledger = Ledger::default();
    for _ in 0..runs.min(3) {
        let (items, customers) = (s.items.clone(), s.customers.clone());
        let t = Instant::now();
        let built = Ledger::new(items, customers);
        builds.push(t.elapsed());
        // The previous ledger is dropped here, outside the time of the build.
        ledger = built;
    }
    let mut matching = Vec::new();
    let mut proposed = 0;
    let mut auto = 0;
    for _ in 0..runs {
        let t = Instant::now();
        proposed = 0;
        auto = 0;
        for c in &s.credits {
            if let Some(p) = propose(&c.credit, &ledger, &settings, &[]) {
                proposed += 1;
                auto += usize::from(p.confidence >= settings.auto_threshold);
            }
        }
        matching.push(t.elapsed());
    }
    // Where the time goes, by kind of credit (one more run).
    let mut by_kind = std::collections::BTreeMap::new();
    for c in &s.credits {
        let t = Instant::now();
        std::hint::black_box(propose(&c.credit, &ledger, &settings, &[]));
        let e: &mut (usize, Duration) = by_kind.entry(c.kind.label()).or_default();
        e.0 += 1;
        e.1 += t.elapsed();
    }
    for (kind, (n, d)) in &by_kind {
        println!(
            "  {kind:<20} {n:>6} credits {:>8.1} ms {:>8.1} µs each",
            d.as_secs_f64() * 1e3,
            d.as_secs_f64() * 1e6 / *n as f64
        );
    }
    let build = median(builds);
    let m = median(matching);
    println!(
        "index build: {:.3} s (median of {}); matching {} credits: {:.3} s (median of {runs}), {:.1} µs per credit; {proposed} proposals, {auto} automatic",
        build.as_secs_f64(),
        runs.min(3),
        s.credits.len(),
        m.as_secs_f64(),
        m.as_secs_f64() * 1e6 / s.credits.len() as f64
    );
}
