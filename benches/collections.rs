//! Collections benchmark: how long the core takes for the segments of the whole portfolio
//! (the dashboard), one customer's profile (the customer screen) and the dunning worklist,
//! over the demo company at SME scale (300 customers) and larger.
//!
//! Run: `cargo bench --bench collections` (sizes: `CREDITDESK_BENCH_CUSTOMERS=300,20000`).
//! The demo databases are built once and kept in `$CARGO_TARGET_DIR/bench-data/`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use creditdesk::collections::{self, worklist};
use creditdesk::demo::{self, DemoOptions};
use creditdesk::keys::DbKey;
use creditdesk::store::Store;

const KEY: &str = "c011ec7c011ec7c011ec7c011ec7c011ec7c011ec7c011ec7c011ec7c011ec7a";
const RUNS: usize = 5;
const PROFILES: usize = 50;

fn main() {
    let sizes: Vec<usize> = std::env::var("CREDITDESK_BENCH_CUSTOMERS")
        .unwrap_or_else(|_| "300,20000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    for customers in sizes {
        runtime.block_on(bench(customers, as_of));
    }
}

async fn bench(customers: usize, as_of: NaiveDate) {
    let dir = bench_dir().join(format!("collections-{customers}"));
    let db = dir.join("demo.db");
    let key = DbKey::from_hex(KEY).unwrap();
    let store = if db.exists() {
        Store::open(&db, &key).await.unwrap()
    } else {
        std::fs::create_dir_all(&dir).unwrap();
        let start = Instant::now();
        let store = Store::create(&db, &key, &demo::company()).await.unwrap();
        let options = DemoOptions {
            customers,
            ..DemoOptions::new(as_of)
        };
        demo::populate(&store, &options, &mut |_, _| {})
            .await
            .unwrap();
        println!(
            "built {} in {:.1} s",
            db.display(),
            start.elapsed().as_secs_f64()
        );
        store
    };
    let status = store.status().await.unwrap();
    println!(
        "\n{} customers, {} invoices, {} payments (demo, as of {as_of})",
        status.customers, status.invoices, status.payments
    );

    let segments = timed(RUNS, || collections::segment_totals(&store, as_of)).await;
    report("segment totals (dashboard)", &segments);

    let ids: Vec<_> = store
        .customer_summaries(as_of)
        .await
        .unwrap()
        .iter()
        .take(PROFILES)
        .map(|c| c.id)
        .collect();
    let mut profiles = Vec::new();
    for id in &ids {
        let start = Instant::now();
        collections::customer_profile(&store, *id, as_of)
            .await
            .unwrap();
        profiles.push(start.elapsed());
    }
    report(
        &format!("one customer's profile ({} customers)", ids.len()),
        &profiles,
    );

    let list = worklist::worklist(&store, as_of).await.unwrap();
    println!(
        "worklist: {} customers with an action or alert, {} paused",
        list.customers.len(),
        list.paused.len()
    );
    let worklists = timed(RUNS, || worklist::worklist(&store, as_of)).await;
    report("worklist", &worklists);
    store.close().await;
}

async fn timed<T, F: std::future::Future<Output = creditdesk::Result<T>>>(
    runs: usize,
    mut work: impl FnMut() -> F,
) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        work().await.unwrap();
        samples.push(start.elapsed());
    }
    samples
}

fn report(label: &str, samples: &[Duration]) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let max = sorted[sorted.len() - 1];
    println!(
        "{label}: median {:.1} ms, max {:.1} ms ({} runs)",
        median.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        sorted.len()
    );
}

fn bench_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target"));
    target.join("bench-data")
}
