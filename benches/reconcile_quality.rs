//! Reconciliation quality: the engine over generated scenarios with the truth known.
//!
//! Run: `cargo bench --bench reconcile_quality` (seeds: `CREDITDESK_SEEDS=100,101,102,103,104`,
//! the held-out seeds the figures are reported on; the engine was developed on seeds 1–3;
//! credits per seed: `CREDITDESK_CREDITS=2000`). Each scenario is written as a camt.053 file
//! and the credits are read back from it with `creditdesk::bank::parse`, as an imported
//! statement would be (`CREDITDESK_DIRECT=1` takes them from the generator instead).

use std::time::Instant;

use chrono::NaiveDate;
use creditdesk::reconcile::scenario::{self, Measurement, Scenario, ScenarioOptions};
use creditdesk::reconcile::{Credit, MatchSettings};

fn main() {
    let seeds: Vec<u64> = std::env::var("CREDITDESK_SEEDS")
        .unwrap_or_else(|_| "100,101,102,103,104".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let credits: usize = std::env::var("CREDITDESK_CREDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let settings = MatchSettings::default();
    let mut all = Measurement::default();
    let start = Instant::now();
    for &seed in &seeds {
        let s = Scenario::generate(&ScenarioOptions::sme(seed, credits));
        let credits_read: Vec<Credit> = if std::env::var("CREDITDESK_DIRECT").is_ok() {
            s.credits.iter().map(|c| c.credit.clone()).collect()
        } else {
            let id = format!("QUALITY-{seed}");
            let xml = s.to_camt053(&id, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
            let file = creditdesk::bank::parse(&format!("{id}.xml"), xml.as_bytes(), None)
                .expect("the generated camt.053 reads back");
            file.entries().map(|(_, e)| Credit::from(e)).collect()
        };
        assert_eq!(
            credits_read.len(),
            s.credits.len(),
            "every credit read back"
        );
        let dump = std::env::var("CREDITDESK_DUMP").is_ok();
        let m = scenario::measure_with(&s, &credits_read, &settings, |t, c, p, right| {
            let auto = p.is_some_and(|p| p.confidence >= settings.auto_threshold);
            let wrong_auto = auto && !right;
            let missed = t.kind.matchable() && !auto;
            if dump && (missed || wrong_auto) {
                let truth: Vec<String> = t
                    .truth
                    .iter()
                    .filter_map(|id| s.items.iter().find(|i| i.invoice_id == *id))
                    .map(|i| format!("{} {} c{}", i.number, i.open, i.customer_id))
                    .collect();
                println!(
                    "MISS {} {} {:?} name={:?} iban={} ref={:?} text={:?} truth={truth:?}\n   -> {:?}",
                    t.kind.label(),
                    c.amount,
                    right,
                    c.name,
                    c.iban,
                    c.reference,
                    c.remittance,
                    p.map(|p| (p.confidence, &p.reason, &p.allocations))
                );
            }
        });
        println!(
            "seed {seed}: {} items, {} customers, {} credits: auto {:.2} %, precision {:.3} %",
            s.items.len(),
            s.customers.len(),
            s.credits.len(),
            100.0 * m.auto_rate(),
            100.0 * m.precision()
        );
        all.merge(&m);
    }
    println!(
        "\nseeds {seeds:?}, {credits} credits each, threshold {} ({:.1} s)\n",
        settings.auto_threshold,
        start.elapsed().as_secs_f64()
    );
    print!("{}", all.table());
}
