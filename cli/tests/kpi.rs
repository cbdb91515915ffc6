//! `creditdesk kpi` in the contract's JSON shape (DESIGN §9), on the fixture book whose figures
//! are computed by hand in `tests/it/kpi.rs`.

mod common;

use serde_json::{Value, json};

use common::{data, ok};

#[test]
fn kpi_json_as_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpi.db");
    ok(&db, &["init", "--company", "Test BV"]);
    for (kind, file) in [
        ("customers", "import/customers.csv"),
        ("invoices", "import/invoices.csv"),
        ("payments", "import/payments.csv"),
    ] {
        ok(&db, &["import", kind, data(file).to_str().unwrap()]);
    }
    let k: Value =
        serde_json::from_str(&ok(&db, &["kpi", "--as-of", "2026-04-30", "--json"])).unwrap();
    for (field, value) in [
        ("as_of", json!("2026-04-30")),
        ("dso_countback", json!("73.3")),
        ("dso_standard", json!("38.3")),
        ("bpdso", json!("0.0")),
        ("add", json!("38.3")),
        ("cei", json!("30.3")),
        ("receivables", json!("2300.00")),
        ("overdue", json!("2300.00")),
    ] {
        assert_eq!(k[field], value, "{field}");
    }
    assert_eq!(
        k["ageing"],
        json!({"current": "0.00", "1-30": "0.00", "31-60": "2405.50", "61-90": "-105.50", "90+": "0.00"})
    );
    let by: Value = serde_json::from_str(&ok(
        &db,
        &["kpi", "--as-of", "2026-04-30", "--by", "country", "--json"],
    ))
    .unwrap();
    let groups: Vec<(&str, &str)> = by["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["receivables"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups, [("FR", "1800.00"), ("NL", "500.00")]);
}
