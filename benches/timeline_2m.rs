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

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use creditdesk::domain::{Company, Country};
use creditdesk::import::{ImportKind, ImportOptions, import_file};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::store::{Store, TimelineQuery};

const KEY: &str = "5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee";
const BIG_CUSTOMER: &str = "C000001";
const BIG_CUSTOMER_INVOICES: usize = 1_000;
const SAMPLES: usize = 300;
/// The passphrase of the desktop benchmark's copy (scripts/bench-desktop types it).
const STRESS_PASSPHRASE: &str = "stress test passphrase";

fn main() {
    let invoices: usize = std::env::var("CREDITDESK_BENCH_INVOICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let customers = (invoices / 20).max(10);
    let dir = bench_dir().join(format!("timeline-{invoices}"));
    let db = dir.join("bench.db");
    let key = DbKey::from_hex(KEY).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        if !db.exists() {
            std::fs::create_dir_all(&dir).unwrap();
            let start = Instant::now();
            build(&dir, &db, &key, customers, invoices).await;
            println!("built {} in {:.1} s", db.display(), start.elapsed().as_secs_f64());
        }
        let store = Store::open(&db, &key).await.unwrap();
        let status = store.status().await.unwrap();
        println!("database: {} customers, {} invoices, {} payments", status.customers, status.invoices, status.payments);
        let customer = store.customer_by_number(BIG_CUSTOMER).await.unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();

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

        let desktop = bench_dir().join(format!("desktop-stress-{invoices}"));
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

fn bench_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target"));
    target.join("bench-data")
}

/// Customers C000001…; C000001 gets 1,000 invoices, the rest spread over the others; every
/// invoice older than 60 days carries a settlement (paid_date), so payments fill the timeline.
async fn build(dir: &Path, db: &Path, key: &DbKey, customers: usize, invoices: usize) {
    let customers_csv = dir.join("customers.csv");
    let invoices_csv = dir.join("invoices.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&customers_csv).unwrap());
    writeln!(out, "customer_number,name,country").unwrap();
    for c in 1..=customers {
        writeln!(out, "C{c:06},Customer {c} NV,BE").unwrap();
    }
    out.flush().unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&invoices_csv).unwrap());
    writeln!(
        out,
        "invoice_number,customer_number,issue_date,due_date,amount,paid_date"
    )
    .unwrap();
    let start = NaiveDate::from_ymd_opt(2024, 11, 23).unwrap();
    let mut seed: u64 = 42;
    for i in 0..invoices {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let customer = if i % (invoices / BIG_CUSTOMER_INVOICES) == 0 {
            1
        } else {
            (seed >> 33) as usize % (customers - 1) + 2
        };
        let issue = start + chrono::Days::new((i * 730 / invoices) as u64);
        let due = issue + chrono::Days::new(30);
        let paid = if (i * 730 / invoices) < 670 {
            (due + chrono::Days::new((seed >> 12) % 40)).to_string()
        } else {
            String::new()
        };
        let cents = 5_000 + (seed >> 20) % 2_000_000;
        writeln!(
            out,
            "INV{:08},C{customer:06},{issue},{due},{}.{:02},{paid}",
            i + 1,
            cents / 100,
            cents % 100
        )
        .unwrap();
    }
    out.flush().unwrap();
    let store = Store::create(db, key, &Company::placeholder(Country::BE, Currency::EUR))
        .await
        .unwrap();
    import_file(
        &store,
        ImportKind::Customers,
        &customers_csv,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .await
    .unwrap();
    import_file(
        &store,
        ImportKind::Invoices,
        &invoices_csv,
        &ImportOptions::default(),
        &mut |_| {},
    )
    .await
    .unwrap();
    store.close().await;
}
