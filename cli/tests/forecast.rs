//! `creditdesk forecast` and `creditdesk backtest` in the contract's JSON shapes (DESIGN §9), on
//! the fixture book and on the IBM accounts-receivable sample.

mod common;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use common::{data, json_of, ok, run, shared};

fn fixture_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("forecast.db");
    ok(&db, &["init", "--company", "Test BV"]);
    for (kind, file) in [
        ("customers", "import/customers.csv"),
        ("invoices", "import/invoices.csv"),
        ("payments", "import/payments.csv"),
    ] {
        ok(&db, &["import", kind, data(file).to_str().unwrap()]);
    }
    db
}

fn amount(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn forecast_json_lists_invoices_and_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture_db(dir.path());
    let f = json_of(&db, &["forecast", "--as-of", "2026-04-30", "--json"]);
    assert_eq!(f["as_of"], json!("2026-04-30"));
    assert_eq!(f["currency"], json!("EUR"));
    let invoices = f["invoices"].as_array().unwrap();
    let mut numbers: Vec<&str> = invoices
        .iter()
        .map(|i| i["invoice"].as_str().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, ["F-2026-002", "F-2026-003", "F-2026-004"]);
    for i in invoices {
        let (low, expected, high) = (
            i["low"].as_str().unwrap(),
            i["expected_date"].as_str().unwrap(),
            i["high"].as_str().unwrap(),
        );
        assert!(
            "2026-04-30" < low && low <= expected && expected <= high,
            "{i}"
        );
        assert!(!i["reason"].as_str().unwrap().is_empty());
    }
    let weeks = f["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 13);
    assert_eq!(weeks[0]["week_start"], json!("2026-04-27"));
    for w in weeks {
        assert!(amount(&w["low"]) <= amount(&w["expected"]));
        assert!(amount(&w["expected"]) <= amount(&w["high"]));
    }
    // The euros open (605.50 + 1,800.00) are all somewhere in the weeks or later.
    let total: Decimal = weeks
        .iter()
        .map(|w| amount(&w["expected"]))
        .sum::<Decimal>()
        + amount(&f["later"]);
    assert_eq!(total, "2405.50".parse::<Decimal>().unwrap());

    let text = ok(&db, &["forecast", "--as-of", "2026-04-30", "--invoices"]);
    assert!(
        text.contains("Cash-in forecast as of 2026-04-30, in EUR (3 open invoices)"),
        "{text}"
    );
    assert!(text.contains("F-2026-003"), "{text}");
}

#[test]
fn backtest_on_the_ibm_sample() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ibm.db");
    ok(&db, &["init"]);
    let file = shared("ar/ibm_accounts_receivable.csv");
    ok(
        &db,
        &[
            "import",
            "invoices",
            file.to_str().unwrap(),
            "--create-customers",
        ],
    );
    let b = json_of(&db, &["backtest", "--as-of", "2013-07-01", "--json"]);
    assert_eq!(b["as_of"], json!("2013-07-01"));
    assert_eq!(b["invoices"], json!(619));
    let mae = b["mae_days"].as_f64().unwrap();
    let due = b["baselines"]["due_date"].as_f64().unwrap();
    let median = b["baselines"]["customer_median"].as_f64().unwrap();
    assert!(mae < median && median < due, "{b}");

    // A day must be given.
    let out = run(&db, &["backtest"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as-of"));
}
