//! KPIs and the cash-in forecast at stress scale (issue 6, item 6): the 2,000,000-invoice
//! database of `timeline_2m` (100,000 customers; `stress/mod.rs` builds it once and keeps it
//! under the target directory).
//!
//! Run: `cargo bench --bench kpi_forecast_2m` (size: `CREDITDESK_BENCH_INVOICES=500000`;
//! runs per figure: `CREDITDESK_BENCH_RUNS=5`; parts, all by default:
//! `CREDITDESK_BENCH_ONLY=export,describe,kpi,groups,monthly,forecast,backtest,sql`).
//!
//! Times, as the app calls them (through the store's pool), the median of the runs:
//! `kpi::kpis` for the portfolio, `kpi::monthly` over 12 months, `forecast::compute` (what
//! `forecast::forecast` does when the database changed since its last call; then once more,
//! kept), split into `Store::forecast_book` (reading) and the model (fit, predictions,
//! weeks), and `forecast::compute_backtest` over the 182 days before the day.
//!
//! Then the KPI goal's peer: a plaintext copy of the database (`sqlcipher_export`, kept beside
//! it) and the same SQL `kpi` runs, with the same values, timed in the `sqlite3` CLI
//! (`.timer on`) on that copy, and through sqlx on the copy and on the encrypted database, to
//! say what the encryption costs and what the driver costs.

#[path = "stress/mod.rs"]
mod stress;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use creditdesk::forecast;
use creditdesk::kpi::{self, Dimension};
use creditdesk::store::Store;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};

/// The reading connections' page cache of the store (`store/open.rs`), in KiB.
const STORE_CACHE: &str = "-16384";

fn runs() -> usize {
    std::env::var("CREDITDESK_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(label: &str, samples: Vec<Duration>) -> Duration {
    let n = samples.len();
    let (min, max) = (
        samples.iter().min().copied().unwrap_or_default(),
        samples.iter().max().copied().unwrap_or_default(),
    );
    let m = median(samples);
    println!(
        "{label}: median {:.0} ms (min {:.0}, max {:.0}, {n} runs)",
        ms(m),
        ms(min),
        ms(max)
    );
    m
}

fn main() {
    let invoices = stress::invoices();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = stress::database(invoices).await;
        let store = Store::open(&db, &stress::key()).await.unwrap();
        let as_of = stress::as_of();
        let status = store.status().await.unwrap();
        println!(
            "database: {} customers, {} invoices, {} payments; as of {as_of}",
            status.customers, status.invoices, status.payments
        );
        let only = std::env::var("CREDITDESK_BENCH_ONLY").unwrap_or_default();
        let wanted = |part: &str| only.is_empty() || only.split(',').any(|p| p == part);
        if wanted("export") {
            export_plain(&db).await;
        }
        if wanted("describe") {
            describe(&db).await;
        }
        let runs = runs();

        if wanted("kpi") {
            let mut samples = Vec::new();
            let mut last = None;
            for _ in 0..runs {
                let start = Instant::now();
                let k = kpi::kpis(&store, as_of, Dimension::Portfolio).await.unwrap();
                samples.push(start.elapsed());
                last = k.into_iter().next();
            }
            report("kpi::kpis (portfolio)", samples);
            if let Some(k) = last {
                println!(
                    "  receivables {} in {} items, overdue {} in {}, DSO countback {:?}, standard {:?}, CEI {:?}",
                    k.receivables,
                    k.open_items,
                    k.overdue,
                    k.overdue_items,
                    k.dso_countback.map(|d| d.round_dp(1)),
                    k.dso_standard.map(|d| d.round_dp(1)),
                    k.cei.map(|d| d.round_dp(1))
                );
            }
        }
        if wanted("groups") {
            // Per owner and per country (per segment adds the behaviour of every customer:
            // `collections::all_segments`, a minute at 100,000 customers).
            for dimension in [Dimension::Owner, Dimension::Country] {
                let start = Instant::now();
                let k = kpi::kpis(&store, as_of, dimension).await.unwrap();
                println!("{dimension:?}: {} groups in {:.0} ms", k.len(), ms(start.elapsed()));
            }
        }
        if wanted("monthly") {
            let mut samples = Vec::new();
            for _ in 0..runs.min(3) {
                let start = Instant::now();
                let m = kpi::monthly(&store, as_of, 12).await.unwrap();
                samples.push(start.elapsed());
                assert_eq!(m.len(), 13);
            }
            report("kpi::monthly (12 month ends + the day)", samples);
            // The trend reads once for all days: its oldest day (the most replayed) is what
            // `kpis` gives for that day alone.
            let m = kpi::monthly(&store, as_of, 12).await.unwrap();
            let alone = kpi::kpis(&store, m[0].as_of, kpi::Dimension::Portfolio)
                .await
                .unwrap()
                .pop()
                .unwrap();
            assert_eq!(m[0], alone);
            println!(
                "  oldest day {}: receivables {} in {} items, DSO countback {:?}, CEI {:?} (equal to kpis of that day)",
                alone.as_of,
                alone.receivables,
                alone.open_items,
                alone.dso_countback.map(|d| d.round_dp(1)),
                alone.cei.map(|d| d.round_dp(1))
            );
        }

        if wanted("forecast") {
            let mut samples = Vec::new();
            let mut last = None;
            for _ in 0..runs {
                let start = Instant::now();
                let f = forecast::compute(&store, as_of).await.unwrap();
                samples.push(start.elapsed());
                last = Some(f);
            }
            report("forecast::compute (read and model)", samples);
            // What the app asks for: kept while the database does not change.
            let first = Instant::now();
            forecast::forecast(&store, as_of).await.unwrap();
            let made = first.elapsed();
            let again = Instant::now();
            forecast::forecast(&store, as_of).await.unwrap();
            println!(
                "  forecast::forecast: first call {:.0} ms, again with nothing changed {:.2} ms",
                ms(made),
                ms(again.elapsed())
            );
            if let Some(f) = last {
                let in_weeks: rust_decimal::Decimal = f.weeks.iter().map(|w| w.expected.amount).sum();
                println!(
                    "  {} open invoices forecast; 13 weeks {} EUR, later {}",
                    f.invoices.len(),
                    in_weeks,
                    f.later
                );
            }
            let mut read = Vec::new();
            let mut fit = Vec::new();
            let mut model = Vec::new();
            for _ in 0..runs {
                let start = Instant::now();
                let book = store.forecast_book(as_of, as_of).await.unwrap();
                read.push(start.elapsed());
                let start = Instant::now();
                let m = forecast::Model::fit(&book, as_of);
                fit.push(start.elapsed());
                drop(m);
                let start = Instant::now();
                let f = forecast::forecast_book(&book);
                model.push(start.elapsed());
                drop(f);
            }
            report("  Store::forecast_book (read)", read);
            report("  forecast::forecast_book (model: fit, predict, weeks)", model);
            report("    of which Model::fit", fit);
        }

        if wanted("backtest") {
            let day = as_of - Days::new(182);
            let mut samples = Vec::new();
            let mut last = None;
            for _ in 0..runs.min(3) {
                let start = Instant::now();
                let b = forecast::compute_backtest(&store, day, 182).await.unwrap();
                samples.push(start.elapsed());
                last = Some(b);
            }
            report(&format!("forecast::compute_backtest (as of {day}, 182 days)"), samples);
            if let Some(b) = last {
                println!(
                    "  {} scored ({} open then, {} issued after, {} unsettled): forecast {:.2} days, due date {:.2}, customer median {:.2}, in range {:.1} %",
                    b.invoices,
                    b.open_then,
                    b.issued_after,
                    b.unsettled,
                    b.mae_days.unwrap_or(f64::NAN),
                    b.baselines.due_date.unwrap_or(f64::NAN),
                    b.baselines.customer_median.unwrap_or(f64::NAN),
                    b.within_range.unwrap_or(f64::NAN)
                );
            }
        }
        store.close().await;

        if wanted("sql") {
            compare_sql(&db, as_of, runs).await;
        }
    });
}

/// A read-write connection with the options of the store's pool (`store/open.rs`).
async fn connect_like_store(path: &Path) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(path)
        .pragma("key", format!("\"x'{}'\"", stress::KEY))
        .pragma("cipher_log_level", "NONE")
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("cache_size", STORE_CACHE)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
        .connect()
        .await
        .unwrap()
}

/// A connection of our own on the database (encrypted when `key` is given), with the
/// store's page cache.
async fn connect(path: &Path, key: Option<&str>) -> SqliteConnection {
    let mut options = SqliteConnectOptions::new().filename(path).read_only(true);
    if let Some(key) = key {
        options = options.pragma("key", format!("\"x'{key}'\""));
    }
    options
        .pragma("cache_size", STORE_CACHE)
        .connect()
        .await
        .unwrap()
}

/// What the history looks like: settle days around due dates, and the items open on the day.
async fn describe(db: &Path) {
    let mut conn = connect(db, Some(stress::KEY)).await;
    let day = stress::as_of().to_string();
    let row = sqlx::query(
        "SELECT COUNT(*) AS settled,
                SUM(julianday(settled_on) < julianday(due_date)) AS early,
                SUM(julianday(settled_on) = julianday(due_date)) AS on_time,
                SUM(julianday(settled_on) - julianday(due_date) > 30) AS over_30,
                AVG(julianday(settled_on) - julianday(due_date)) AS mean_late,
                MIN(julianday(settled_on) - julianday(due_date)) AS min_late,
                MAX(julianday(settled_on) - julianday(due_date)) AS max_late
           FROM invoices WHERE settled_on IS NOT NULL AND settled_on <= ?1",
    )
    .bind(&day)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let settled: i64 = row.get("settled");
    println!(
        "history: {settled} invoices settled by the day ({} early, {} on the due date, {} over 30 days late; days late mean {:.1}, from {} to {})",
        row.get::<i64, _>("early"),
        row.get::<i64, _>("on_time"),
        row.get::<i64, _>("over_30"),
        row.get::<f64, _>("mean_late"),
        row.get::<f64, _>("min_late"),
        row.get::<f64, _>("max_late"),
    );
    let row = sqlx::query(
        "SELECT COUNT(*) AS open, SUM(due_date < ?1) AS overdue,
                SUM(julianday(?1) - julianday(due_date) > 90) AS over_90,
                SUM(disputed) AS disputed
           FROM invoices WHERE issue_date <= ?1 AND (settled_on IS NULL OR settled_on > ?1)",
    )
    .bind(&day)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    println!(
        "open on the day: {} invoices ({} overdue, {} over 90 days; {} disputed)",
        row.get::<i64, _>("open"),
        row.get::<i64, _>("overdue"),
        row.get::<i64, _>("over_90"),
        row.get::<i64, _>("disputed"),
    );
    conn.close().await.unwrap();
}

/// The queries `kpi::kpis` runs for the portfolio, with their bound values.
fn kpi_queries(as_of: NaiveDate) -> Vec<(String, String, Vec<String>)> {
    let before = as_of - Days::new(u64::from(kpi::CEI_DAYS));
    let sales = kpi::sales_sql(Dimension::Portfolio, as_of);
    vec![
        (
            format!("open_as_of({as_of})"),
            kpi::open_as_of_sql(Dimension::Portfolio),
            vec![as_of.to_string(), "EUR".into()],
        ),
        (
            format!("open_as_of({before})"),
            kpi::open_as_of_sql(Dimension::Portfolio),
            vec![before.to_string(), "EUR".into()],
        ),
        ("sales".into(), sales, vec!["EUR".into()]),
    ]
}

/// The SQL with its `?n` replaced by the values as literals (dates and codes: no quotes in
/// them).
fn literal(sql: &str, values: &[String]) -> String {
    let mut out = sql.to_string();
    for (k, v) in values.iter().enumerate().rev() {
        out = out.replace(&format!("?{}", k + 1), &format!("'{v}'"));
    }
    out
}

async fn time_sqlx(
    conn: &mut SqliteConnection,
    sql: &str,
    values: &[String],
    runs: usize,
) -> Duration {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
        for v in values {
            query = query.bind(v.clone());
        }
        let start = Instant::now();
        let rows = query.fetch_all(&mut *conn).await.unwrap();
        samples.push(start.elapsed());
        assert!(!rows.is_empty());
    }
    median(samples)
}

/// Runs each query `runs` times in one `sqlite3` session with `.timer on`; the median of the
/// "real" times.
fn time_cli(plain: &Path, queries: &[(String, String, Vec<String>)], runs: usize) -> Vec<Duration> {
    let mut script = String::from(".timer on\n.output /dev/null\n");
    for (_, sql, values) in queries {
        for _ in 0..runs {
            script.push_str(&literal(sql, values));
            script.push_str(";\n");
        }
    }
    let dir = plain.parent().unwrap();
    let file = dir.join("kpi-queries.sql");
    std::fs::write(&file, &script).unwrap();
    let out = std::process::Command::new("sqlite3")
        .arg(plain)
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .expect("the sqlite3 CLI");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<Duration> = text
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .collect();
    assert_eq!(times.len(), queries.len() * runs, "{text}");
    times.chunks(runs).map(|c| median(c.to_vec())).collect()
}

/// The plaintext copy of the database beside it (made once for each schema: its name holds a
/// hash of the schema, so a new index is in the copy the `sqlite3` CLI reads too).
async fn export_plain(db: &Path) -> std::path::PathBuf {
    use std::hash::{Hash, Hasher};
    let mut conn = SqliteConnectOptions::new()
        .filename(db)
        .pragma("key", format!("\"x'{}'\"", stress::KEY))
        .connect()
        .await
        .unwrap();
    let schema: String = sqlx::query_scalar(
        "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    schema.hash(&mut hasher);
    let plain = db.with_file_name(format!("plain-{:016x}.db", hasher.finish()));
    if !plain.exists() {
        // Copies of older schemas are of no more use.
        for entry in std::fs::read_dir(db.parent().unwrap()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with("plain") && name.ends_with(".db") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
        let start = Instant::now();
        // The connection may not create files: an empty file is an empty database.
        std::fs::File::create(&plain).unwrap();
        sqlx::query("ATTACH DATABASE ? AS plain KEY ''")
            .bind(plain.to_str().unwrap())
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("SELECT sqlcipher_export('plain')")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("DETACH DATABASE plain")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        println!(
            "plaintext copy {} in {:.1} s",
            plain.display(),
            start.elapsed().as_secs_f64()
        );
    }
    plain
}

async fn compare_sql(db: &Path, as_of: NaiveDate, runs: usize) {
    let plain = export_plain(db).await;
    let version = std::process::Command::new("sqlite3")
        .arg("--version")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string()
        })
        .unwrap_or_default();
    let queries = kpi_queries(as_of);
    let cli = time_cli(&plain, &queries, runs);
    let mut encrypted = connect(db, Some(stress::KEY)).await;
    let mut clear = connect(&plain, None).await;
    let mut store_like = connect_like_store(db).await;
    println!("the KPI queries (portfolio, as of {as_of}), median of {runs}:");
    println!(
        "{:<24} {:>14} {:>14} {:>18}",
        "query", "sqlite3 CLI", "sqlx, plain", "sqlx, encrypted"
    );
    let mut totals = [Duration::ZERO; 3];
    for ((label, sql, values), cli) in queries.iter().zip(cli) {
        let p = time_sqlx(&mut clear, sql, values, runs).await;
        let e = time_sqlx(&mut encrypted, sql, values, runs).await;
        let like = time_sqlx(&mut store_like, sql, values, runs).await;
        println!("{label:<24} store's options: {:.1} ms", ms(like));
        println!(
            "{label:<24} {:>11.1} ms {:>11.1} ms {:>15.1} ms",
            ms(cli),
            ms(p),
            ms(e)
        );
        for (t, d) in totals.iter_mut().zip([cli, p, e]) {
            *t += d;
        }
    }
    println!(
        "{:<24} {:>11.1} ms {:>11.1} ms {:>15.1} ms   (sqlite3 {version})",
        "all three",
        ms(totals[0]),
        ms(totals[1]),
        ms(totals[2])
    );
    clear.close().await.unwrap();
    encrypted.close().await.unwrap();
}
