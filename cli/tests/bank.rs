//! Bank statements and reconciliation from the command line: `statement` shows what a file
//! holds, `import statement` adds it once, `reconcile` matches and answers in the contract's
//! JSON shape (DESIGN §9).

mod common;

use serde_json::json;

use common::{json_of, run, shared};

#[test]
fn statement_shows_the_entries_in_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let file = shared("bank/camt/camt053.v2.minimal.xml");
    // Values as the XML states them: one credit of 8.85 EUR booked 2014-12-31, value
    // 2015-01-02, from NAME NAME (NL56AGDH9619008421), creditor reference 4654654654654654.
    let entries = json_of(
        &dir.path().join("unused.db"),
        &["statement", file.to_str().unwrap(), "--json"],
    );
    let entry = &entries.as_array().unwrap()[0];
    assert_eq!(entries.as_array().unwrap().len(), 1);
    for (field, value) in [
        ("booking_date", json!("2014-12-31")),
        ("value_date", json!("2015-01-02")),
        ("amount", json!("8.85")),
        ("currency", json!("EUR")),
        ("name", json!("NAME NAME")),
        ("iban", json!("NL56AGDH9619008421")),
        ("reference", json!("4654654654654654")),
        ("remittance", json!("")),
    ] {
        assert_eq!(entry[field], value, "{field}");
    }
    assert!(entry["entry"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(
        !dir.path().join("unused.db").exists(),
        "statement opens no database"
    );
}

#[test]
fn a_statement_imported_twice_adds_nothing_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bank.db");
    assert!(run(&db, &["init", "--company", "Test BV"]).status.success());
    let file = shared("bank/mt940/base-test-ing.940");
    let first = json_of(
        &db,
        &["import", "statement", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        (
            &first["format"],
            &first["entries"],
            &first["added"],
            &first["already_there"]
        ),
        (&json!("mt940"), &json!(8), &json!(8), &json!(0))
    );
    let again = json_of(
        &db,
        &["import", "statement", file.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        (&again["added"], &again["already_there"]),
        (&json!(0), &json!(8))
    );
    assert_eq!(
        json_of(&db, &["status", "--json"])["bank_entries"],
        json!(8)
    );

    let wrong = shared("bank/camt/camt053.v2.wrong.xml");
    let out = run(&db, &["import", "statement", wrong.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("camt053.v2.wrong.xml"), "{stderr}");
    assert!(stderr.contains("line"), "{stderr}");
    assert!(stderr.contains("[import_failed]"), "{stderr}");
    assert_eq!(
        json_of(&db, &["status", "--json"])["bank_entries"],
        json!(8)
    );
}

#[test]
fn reconcile_on_the_demo_answers_in_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    json_of(&db, &["demo", "--as-of", "2026-11-23", "--json"]);
    let outcomes = json_of(&db, &["reconcile", "--json"]);
    let outcomes = outcomes.as_array().unwrap();
    // The demo statement: 40 entries of which 2 are money out.
    assert_eq!(outcomes.len(), 38);
    let count = |status: &str| outcomes.iter().filter(|o| o["status"] == status).count();
    assert_eq!(count("auto") + count("suggested") + count("unmatched"), 38);
    assert!(count("auto") >= 20, "auto: {}", count("auto"));
    assert!(count("suggested") >= 1, "suggested: {}", count("suggested"));
    assert!(count("unmatched") >= 1, "unmatched: {}", count("unmatched"));
    for o in outcomes {
        assert!(o["entry"].as_str().is_some_and(|e| e.starts_with("DEMO-")));
        assert!(
            o["confidence"]
                .as_f64()
                .is_some_and(|c| (0.0..=1.0).contains(&c))
        );
        assert!(o["reason"].as_str().is_some_and(|r| !r.is_empty()));
        for a in o["allocations"].as_array().unwrap() {
            assert!(a["invoice"].is_string());
            let amount = a["amount"].as_str().unwrap();
            assert!(
                amount.parse::<f64>().is_ok() && amount.contains('.'),
                "{amount}"
            );
        }
        if o["status"] == "unmatched" {
            assert!(o["allocations"].as_array().unwrap().is_empty());
        }
    }
    // A second run finds nothing new to apply: the automatic matches are done.
    let again = json_of(&db, &["reconcile", "--json"]);
    assert!(
        again
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] != "auto")
    );
    assert_eq!(again.as_array().unwrap().len(), 38 - count("auto"));
}
