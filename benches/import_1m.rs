//! Import benchmark: a generated canonical invoices CSV (1,000,000 rows by default) imported
//! into the encrypted database, against the `sqlite3` command-line tool's `.import` of the same
//! file into a plain database, measured in the same run on the same machine.
//!
//! Run: `cargo bench --bench import_1m` (rows: `CREDITDESK_BENCH_ROWS=200000 cargo bench ...`).
//! Needs the `sqlite3` CLI (Debian package `sqlite3`). Figures go to BENCHMARKS.md.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use creditdesk::domain::{Company, Country};
use creditdesk::import::{ImportKind, ImportOptions, ImportPhase, ImportProgress, import_file};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::store::Store;

const RUNS: usize = 3;

fn main() {
    let rows: usize = std::env::var("CREDITDESK_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let customers = (rows / 100).max(10);
    let dir = tempfile::tempdir().unwrap();
    let customers_csv = dir.path().join("customers.csv");
    let invoices_csv = dir.path().join("invoices.csv");
    generate(&customers_csv, &invoices_csv, customers, rows);
    let size_mb = std::fs::metadata(&invoices_csv).unwrap().len() as f64 / 1e6;
    println!("invoices.csv: {rows} rows, {customers} customers, {size_mb:.1} MB");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut ours = Vec::new();
    let mut peer = Vec::new();
    let mut indexed_peer = Vec::new();
    for run in 0..RUNS {
        // Ours: customers imported first (not timed), then the timed invoice import.
        let db = dir.path().join(format!("ours-{run}.db"));
        let elapsed = runtime.block_on(async {
            let key = DbKey::generate().unwrap();
            let store = Store::create(&db, &key, &Company::placeholder(Country::BE, Currency::EUR))
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
            let start = Instant::now();
            // When each phase began: reading the file, checking the rows, writing them.
            let mut phases: Vec<(ImportPhase, Duration)> = Vec::new();
            let mut on_progress = |p: ImportProgress| {
                if phases.last().map(|(phase, _)| *phase) != Some(p.phase) {
                    phases.push((p.phase, start.elapsed()));
                }
            };
            let report = import_file(
                &store,
                ImportKind::Invoices,
                &invoices_csv,
                &ImportOptions::default(),
                &mut on_progress,
            )
            .await
            .unwrap();
            let elapsed = start.elapsed();
            let marks: Vec<String> = phases
                .iter()
                .map(|(phase, at)| format!("{phase:?} from {:.2} s", secs(*at)))
                .collect();
            println!("  phases: {}", marks.join(", "));
            assert_eq!(report.created, rows);
            store.close().await;
            elapsed
        });
        ours.push(elapsed);

        // The peer: sqlite3's .import into a plain database (no encryption, no checks, no indexes).
        let plain = dir.path().join(format!("plain-{run}.db"));
        let start = Instant::now();
        let status = Command::new("sqlite3")
            .arg(&plain)
            .arg(format!(".import --csv {} invoices", invoices_csv.display()))
            .status()
            .expect("the sqlite3 command-line tool is installed (Debian package sqlite3)");
        let elapsed = start.elapsed();
        assert!(status.success());
        peer.push(elapsed);

        // A second, fairer peer: sqlite3 again, plain, but into a table with the same unique
        // and secondary indexes as ours (through a staging table, as .import cannot upsert).
        let indexed = dir.path().join(format!("indexed-{run}.db"));
        let schema = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, customer TEXT NOT NULL,
               issue_date TEXT NOT NULL, due_date TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL, reference TEXT);
             CREATE INDEX invoices_customer_issue ON invoices (customer, issue_date);
             CREATE INDEX invoices_open_by_customer ON invoices (customer, currency, due_date, issue_date, amount) WHERE amount <> '0';";
        let load = format!(".import --csv {} staging", invoices_csv.display());
        let copy = "INSERT INTO invoices (number, customer, issue_date, due_date, amount, currency, reference)
                    SELECT * FROM staging; DROP TABLE staging;";
        let start = Instant::now();
        let status = Command::new("sqlite3")
            .arg(&indexed)
            .args([schema, load.as_str(), copy])
            .status()
            .unwrap();
        let elapsed = start.elapsed();
        assert!(status.success());
        indexed_peer.push(elapsed);
        println!(
            "run {}: creditdesk {:.2} s, sqlite3 .import {:.2} s, sqlite3 with our indexes {:.2} s",
            run + 1,
            secs(ours[run]),
            secs(peer[run]),
            secs(elapsed)
        );
    }
    let (ours, peer, indexed_peer) = (median(ours), median(peer), median(indexed_peer));
    let rate = |d: Duration| rows as f64 / secs(d);
    println!(
        "median of {RUNS}: creditdesk import {:.2} s ({:.0} rows/s); sqlite3 .import {:.2} s ({:.0} rows/s), ratio {:.2}x; \
         sqlite3 with our indexes {:.2} s ({:.0} rows/s), ratio {:.2}x",
        secs(ours),
        rate(ours),
        secs(peer),
        rate(peer),
        secs(ours) / secs(peer),
        secs(indexed_peer),
        rate(indexed_peer),
        secs(ours) / secs(indexed_peer)
    );
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Deterministic canonical files: customers with numbers C000001…, invoices spread over them.
fn generate(customers_csv: &Path, invoices_csv: &Path, customers: usize, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(customers_csv).unwrap());
    writeln!(out, "customer_number,name,country,currency").unwrap();
    for c in 1..=customers {
        writeln!(out, "C{c:06},Customer {c} BV,BE,EUR").unwrap();
    }
    out.flush().unwrap();

    let mut out = std::io::BufWriter::new(std::fs::File::create(invoices_csv).unwrap());
    writeln!(
        out,
        "invoice_number,customer_number,issue_date,due_date,amount,currency,reference"
    )
    .unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut line = String::new();
    let mut seed: u64 = 0x2026_1123;
    for i in 0..rows {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let customer = (seed >> 33) as usize % customers + 1;
        let issue = start + chrono::Days::new((i * 730 / rows) as u64);
        let due = issue + chrono::Days::new(30);
        let cents = 5_000 + (seed >> 20) % 2_000_000;
        line.clear();
        write!(
            line,
            "INV{:08},C{customer:06},{issue},{due},{}.{:02},EUR,",
            i + 1,
            cents / 100,
            cents % 100
        )
        .unwrap();
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
}
