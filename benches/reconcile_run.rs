//! A reconciliation run against the store: 10,000 bank credits against about 1,000,000 open
//! items (100,000 customers) of the scenario generator, in an encrypted database. Times apart,
//! each the median of a few runs (release build):
//!
//! - loading the open items and customers (`Store::reconciliation_items`),
//! - building the `Ledger`'s indexes (`Ledger::new`),
//! - proposing (and applying in memory) for every credit waiting, with nothing written,
//! - the whole `reconcile::run` (load, build, propose, and every write, one transaction);
//!   its writes are what is left of it once the three above are taken off.
//!
//! The database (customers with their IBANs, the open items, and the credits imported from a
//! camt.053 statement, none reconciled) is built once and kept under
//! `$CARGO_TARGET_DIR/bench-data/reconcile-N/`; each run works on a fresh copy of it.
//!
//! Run: `cargo bench --bench reconcile_run` (`CREDITDESK_CUSTOMERS=100000`,
//! `CREDITDESK_CREDITS=10000`, `CREDITDESK_RUNS=3`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use creditdesk::domain::{
    BankEntry, Company, Country, CustomerDraft, CustomerNumber, EntryStatus, InvoiceDraft,
    InvoiceNumber,
};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::reconcile::engine::propose;
use creditdesk::reconcile::scenario::{Scenario, ScenarioOptions};
use creditdesk::reconcile::{self, Credit, Ledger, MatchSettings};
use creditdesk::store::{CustomerFields, Store};

const KEY: &str = "5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee5ec0ffee";

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

fn bench_dir() -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target"));
    target.join("bench-data")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn main() {
    let customers = env("CREDITDESK_CUSTOMERS", 100_000);
    let credits = env("CREDITDESK_CREDITS", 10_000);
    let runs = env("CREDITDESK_RUNS", 3).max(1);
    let dir = bench_dir().join(format!("reconcile-{}", customers * 10));
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
            build(&dir, &db, &key, customers, credits).await;
            println!(
                "built {} in {:.1} s",
                db.display(),
                start.elapsed().as_secs_f64()
            );
        }
        let settings = MatchSettings::default();
        let copy = dir.join("run.db");
        let (mut load, mut index, mut matching, mut whole) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut counts = (0, 0, 0, 0);
        for _ in 0..runs {
            // Load, index and propose, nothing written.
            let store = fresh(&db, &copy, &key).await;
            let t = Instant::now();
            let (items, ledger_customers) = store.reconciliation_items().await.unwrap();
            load.push(t.elapsed());
            let n_items = items.len();
            let t = Instant::now();
            let mut ledger = Ledger::new(items, ledger_customers);
            index.push(t.elapsed());
            let mut writer = store.writer().await.unwrap();
            let rejected = writer.rejected_matches().await.unwrap();
            let entries = writer.entries_to_reconcile().await.unwrap();
            drop(writer);
            let t = Instant::now();
            let mut auto = 0;
            for entry in &entries {
                let refused = rejected.get(&entry.id).map(Vec::as_slice).unwrap_or(&[]);
                if let Some(p) = propose(&credit_of(entry), &ledger, &settings, refused)
                    && p.confidence >= settings.auto_threshold
                    && !p.reason.ambiguous
                    && p.reason.alternatives == 0
                {
                    ledger.apply(&p);
                    auto += 1;
                }
            }
            matching.push(t.elapsed());
            println!(
                "  load {:.3} s ({n_items} items), index {:.3} s, propose {} entries {:.3} s ({auto} automatic)",
                load.last().unwrap().as_secs_f64(),
                index.last().unwrap().as_secs_f64(),
                entries.len(),
                matching.last().unwrap().as_secs_f64()
            );
            store.close().await;

            // The whole run, on a fresh copy.
            let store = fresh(&db, &copy, &key).await;
            let t = Instant::now();
            let outcomes = reconcile::run(&store, &settings, as_of()).await.unwrap();
            whole.push(t.elapsed());
            counts = (outcomes.len(), 0, 0, 0);
            for o in &outcomes {
                match o.status {
                    EntryStatus::Auto => counts.1 += 1,
                    EntryStatus::Suggested => counts.2 += 1,
                    _ => counts.3 += 1,
                }
            }
            println!(
                "  run {:.3} s: {} entries, {} automatic, {} suggested, {} unmatched",
                whole.last().unwrap().as_secs_f64(),
                counts.0,
                counts.1,
                counts.2,
                counts.3
            );
            store.close().await;
        }
        remove_db(&copy);
        let (load, index, matching, whole) =
            (median(load), median(index), median(matching), median(whole));
        let writes = whole.saturating_sub(load + index + matching);
        let s = |d: Duration| d.as_secs_f64();
        println!(
            "\nreconciliation run, {} entries (median of {runs}):\n  load open items + customers  {:>7.3} s\n  Ledger::new (indexes)        {:>7.3} s\n  propose + apply in memory    {:>7.3} s\n  writes (what is left)        {:>7.3} s\n  whole reconcile::run         {:>7.3} s\n{} automatic, {} suggested, {} unmatched",
            counts.0,
            s(load),
            s(index),
            s(matching),
            s(writes),
            s(whole),
            counts.1,
            counts.2,
            counts.3
        );
    });
}

fn credit_of(entry: &BankEntry) -> Credit {
    Credit {
        entry: entry.bank_reference.clone(),
        booking_date: entry.booking_date,
        amount: entry.amount,
        name: entry.payer_name.clone(),
        iban: entry.payer_iban.clone(),
        reference: entry.reference.clone(),
        remittance: entry.remittance.clone(),
        end_to_end: entry.end_to_end.clone(),
    }
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A copy of the unreconciled database, opened.
async fn fresh(db: &Path, copy: &Path, key: &DbKey) -> Store {
    remove_db(copy);
    std::fs::copy(db, copy).unwrap();
    Store::open(copy, key).await.unwrap()
}

/// The scenario's customers (with their IBANs) and open items, then its credits imported from
/// a camt.053 statement.
async fn build(dir: &Path, db: &Path, key: &DbKey, customers: usize, credits: usize) {
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
    let building = dir.join("building.db");
    remove_db(&building);
    let store = Store::create(
        &building,
        key,
        &Company::placeholder(Country::BE, Currency::EUR),
    )
    .await
    .unwrap();
    let mut writer = store.writer().await.unwrap();
    let drafts: Vec<CustomerDraft> = s
        .customers
        .iter()
        .map(|c| CustomerDraft {
            ibans: c.ibans.clone(),
            ..CustomerDraft::new(
                CustomerNumber::parse(&c.number).unwrap(),
                &c.name,
                Currency::EUR,
            )
            .unwrap()
        })
        .collect();
    let ids = writer
        .upsert_customers(&drafts, CustomerFields::ALL)
        .await
        .unwrap();
    let id_of: std::collections::HashMap<_, _> =
        s.customers.iter().map(|c| c.id).zip(ids).collect();
    let invoices: Vec<InvoiceDraft> = s
        .items
        .iter()
        .map(|i| InvoiceDraft {
            reference: i.reference.clone(),
            ..InvoiceDraft::new(
                InvoiceNumber::parse(&i.number).unwrap(),
                id_of[&i.customer_id],
                i.due_date - Days::new(30),
                i.due_date,
                i.open,
            )
            .unwrap()
        })
        .collect();
    let refs: Vec<&InvoiceDraft> = invoices.iter().collect();
    writer.write_invoices(&refs, false).await.unwrap();
    writer.commit().await.unwrap();
    let xml = s.to_camt053("RECONCILE-BENCH", as_of());
    let imported = creditdesk::bank::import_statement(
        &store,
        "reconcile-bench.xml",
        xml.as_bytes(),
        None,
        as_of(),
    )
    .await
    .unwrap();
    assert_eq!(imported.added, s.credits.len(), "every credit imported");
    store.close().await;
    std::fs::rename(&building, db).unwrap();
    remove_db(&building);
}
