//! Timeline benchmark: one customer with 1,000 invoices (and their payments) in a database of
//! 2,000,000 invoices; how long the core takes to answer the first page of its timeline, and a
//! page deep in it. The database is built once through the real import (a few minutes) and
//! kept in the target directory for later runs.
//!
//! Run: `cargo bench --bench timeline_2m` (size: `CREDITDESK_BENCH_INVOICES=200000`).
//!
//! It also leaves, once, a copy of that database as the app's data directory
//! (`bench-data/desktop-stress-N/`, protected by the passphrase `STRESS_PASSPHRASE`) for the
//! desktop benchmarks (`scripts/bench-desktop`).

#[path = "stress/mod.rs"]
mod stress;

use std::time::{Duration, Instant};

use creditdesk::store::{Store, TimelineQuery};

use stress::BIG_CUSTOMER;

const SAMPLES: usize = 300;
/// The passphrase of the desktop benchmark's copy (scripts/bench-desktop types it).
const STRESS_PASSPHRASE: &str = "stress test passphrase";

fn main() {
    let invoices = stress::invoices();
    let customers = stress::customers(invoices);
    let key = stress::key();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = stress::database(invoices).await;
        let store = Store::open(&db, &key).await.unwrap();
        let status = store.status().await.unwrap();
        println!("database: {} customers, {} invoices, {} payments", status.customers, status.invoices, status.payments);
        let customer = store.customer_by_number(BIG_CUSTOMER).await.unwrap();
        let as_of = stress::as_of();

        for (label, offset) in [("first page (50 events)", 0u32), ("page at offset 1,500", 1_500)] {
            let query = TimelineQuery { offset, ..TimelineQuery::first_page(as_of, 50) };
            let total = store.timeline(customer.id, &query).await.unwrap().total;
            let mut samples: Vec<Duration> = Vec::with_capacity(SAMPLES);
            for _ in 0..SAMPLES {
                let start = Instant::now();
                let page = store.timeline(customer.id, &query).await.unwrap();
                samples.push(start.elapsed());
                assert_eq!(page.events.len(), 50);
            }
            samples.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!(
                "timeline of {BIG_CUSTOMER} ({total} events), {label}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
                ms(samples[SAMPLES / 2]),
                ms(samples[SAMPLES * 95 / 100]),
                ms(samples[SAMPLES - 1])
            );
        }
        // What the app asks besides the timeline, on the same database: the dashboard, the
        // customer list, and one customer's header.
        let timed = |label: &str, samples: &mut Vec<Duration>| {
            samples.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            println!("{label}: median {:.1} ms, max {:.1} ms ({} runs)", ms(samples[samples.len() / 2]), ms(samples[samples.len() - 1]), samples.len());
        };
        let mut samples = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            creditdesk::portfolio::overview(&store, as_of).await.unwrap();
            samples.push(start.elapsed());
        }
        timed("portfolio overview (dashboard)", &mut samples);
        let mut samples = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let rows = store.customer_summaries(as_of).await.unwrap();
            samples.push(start.elapsed());
            assert_eq!(rows.len(), customers);
        }
        timed("customer summaries (customer list, all customers)", &mut samples);
        let mut samples = Vec::new();
        for _ in 0..SAMPLES {
            let start = Instant::now();
            store.customer_summary(customer.id, as_of).await.unwrap();
            store.open_invoices(customer.id).await.unwrap();
            samples.push(start.elapsed());
        }
        timed("one customer's header (summary + open invoices)", &mut samples);

        let desktop = stress::bench_dir().join(format!("desktop-stress-{invoices}"));
        let copy = creditdesk::session::database_path(&desktop);
        if !copy.exists() {
            std::fs::create_dir_all(&desktop).unwrap();
            let start = Instant::now();
            creditdesk::backup::backup(&store, &copy, STRESS_PASSPHRASE.to_string().into())
                .await
                .unwrap();
            println!("desktop benchmark data: {} in {:.1} s", copy.display(), start.elapsed().as_secs_f64());
        }
        store.close().await;
    });
}
