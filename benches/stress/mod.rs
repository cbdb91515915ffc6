//! The stress database shared by the benchmarks at scale (`timeline_2m`, `kpi_forecast_2m`):
//! `N` invoices (2,000,000 unless `CREDITDESK_BENCH_INVOICES` says otherwise) of `N / 20`
//! customers, built once through the real import and kept under the target directory.
//!
//! Included by each bench as `#[path = "stress/mod.rs"] mod stress;`.
//!
//! What it holds, as of `AS_OF` (2026-11-23), over the two years before it:
//! - customer `C000001` has 1,000 invoices (the timeline bench's customer);
//! - invoices issued more than 60 days before `AS_OF` are settled (a payment on the paid date),
//!   except one in 200 never paid (the old overdue items of the ageing's later buckets);
//! - the settle dates are spread around the due dates by each customer's habit (on average
//!   from 10 days early to 30 days late) with ±15 days of noise per invoice, so the history
//!   has early, on-time and late payers, and some payments dated after `AS_OF` (open on it);
//! - one invoice in 100 is marked disputed, and paid 30 days later than its customer's habit.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use creditdesk::domain::{Company, Country};
use creditdesk::import::{ImportKind, ImportOptions, import_file};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::store::Store;

pub const KEY: &str = "5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee";
pub const BIG_CUSTOMER: &str = "C000001";
pub const BIG_CUSTOMER_INVOICES: usize = 1_000;
/// Version of the data layout, in the directory's name: a database built by an older builder
/// is not reused.
const LAYOUT: u32 = 2;

/// The day the benchmarks ask about: the end of the generated history.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// The number of invoices asked for (`CREDITDESK_BENCH_INVOICES`, default 2,000,000).
pub fn invoices() -> usize {
    std::env::var("CREDITDESK_BENCH_INVOICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000)
}

pub fn customers(invoices: usize) -> usize {
    (invoices / 20).max(10)
}

pub fn key() -> DbKey {
    DbKey::from_hex(KEY).unwrap()
}

pub fn bench_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target"));
    target.join("bench-data")
}

/// The stress database of `invoices` invoices, built if missing; its path.
pub async fn database(invoices: usize) -> PathBuf {
    let dir = bench_dir().join(format!("stress-v{LAYOUT}-{invoices}"));
    let db = dir.join("bench.db");
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let start = std::time::Instant::now();
        build(&dir, &db, &key(), customers(invoices), invoices).await;
        println!(
            "built {} in {:.1} s",
            db.display(),
            start.elapsed().as_secs_f64()
        );
    }
    db
}

/// One step of the generator (a 64-bit LCG): the same sequence on every machine.
fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed
}

/// A customer's habit: its average days from due date to payment, −10 … +30.
fn habit(customer: usize) -> i64 {
    let mut h = customer as u64 ^ 0x9e37_79b9_7f4a_7c15;
    (next(&mut h) >> 33) as i64 % 41 - 10
}

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
        "invoice_number,customer_number,issue_date,due_date,amount,paid_date,disputed"
    )
    .unwrap();
    let start = as_of() - chrono::Days::new(730);
    let mut seed: u64 = 42;
    for i in 0..invoices {
        let draw = next(&mut seed);
        let customer = if i % (invoices / BIG_CUSTOMER_INVOICES) == 0 {
            1
        } else {
            (draw >> 33) as usize % (customers - 1) + 2
        };
        let day = (i * 730 / invoices) as u64;
        let issue = start + chrono::Days::new(day);
        let due = issue + chrono::Days::new(30);
        let disputed = (draw >> 8).is_multiple_of(100);
        let never_paid = (draw >> 16).is_multiple_of(200);
        let paid = if day < 670 && !never_paid {
            let noise = ((draw >> 40) % 31) as i64 - 15;
            let late = habit(customer) + noise + if disputed { 30 } else { 0 };
            // Never before the day after the issue.
            let late = late.max(-29);
            (due.checked_add_signed(chrono::TimeDelta::days(late))
                .unwrap())
            .to_string()
        } else {
            String::new()
        };
        let cents = 5_000 + (draw >> 20) % 2_000_000;
        writeln!(
            out,
            "INV{:08},C{customer:06},{issue},{due},{}.{:02},{paid},{}",
            i + 1,
            cents / 100,
            cents % 100,
            if disputed { "yes" } else { "" }
        )
        .unwrap();
    }
    out.flush().unwrap();
    let store = Store::create(db, key, &Company::placeholder(Country::BE, Currency::EUR))
        .await
        .unwrap();
    for (kind, file) in [
        (ImportKind::Customers, &customers_csv),
        (ImportKind::Invoices, &invoices_csv),
    ] {
        import_file(&store, kind, file, &ImportOptions::default(), &mut |_| {})
            .await
            .unwrap();
    }
    store.close().await;
}
