//! The `creditdesk` binary as scripts use it: arguments in, JSON on stdout, errors on stderr
//! with a non-zero exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const KEY_VAR: &str = "CREDITDESK_TEST_KEY";
const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(relative)
}

fn shared(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(relative);
    assert!(path.is_file(), "missing shared sample {}", path.display());
    path
}

fn run(db: &Path, key: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_creditdesk"))
        .arg("--db")
        .arg(db)
        .args(["--key-env", KEY_VAR])
        .args(args)
        .env(KEY_VAR, key)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, KEY, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

#[test]
fn init_import_status_customers_customer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(&db, &["init", "--company", "Test BV"]);
    assert_eq!(
        json(&db, &["status", "--json"]),
        serde_json::json!({"customers": 0, "invoices": 0, "open_invoices": 0, "payments": 0, "bank_entries": 0})
    );
    ok(
        &db,
        &[
            "import",
            "customers",
            data("import/customers.csv").to_str().unwrap(),
        ],
    );
    let report = json(
        &db,
        &[
            "import",
            "invoices",
            data("import/invoices.csv").to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(report["created"], 5);
    ok(
        &db,
        &[
            "import",
            "payments",
            data("import/payments.csv").to_str().unwrap(),
        ],
    );
    assert_eq!(
        json(&db, &["status", "--json"]),
        serde_json::json!({"customers": 3, "invoices": 5, "open_invoices": 3, "payments": 3, "bank_entries": 0})
    );

    let portfolio = json(&db, &["customers", "--json", "--as-of", "2026-04-30"]);
    let first = &portfolio[0];
    assert_eq!(first["number"], "C-200", "largest overdue first");
    assert_eq!(
        first["overdue"]["amount"], "1800.00",
        "money crosses JSON as a string"
    );
    assert_eq!(first["overdue"]["currency"], "EUR");

    let one = json(
        &db,
        &["customer", "C-100", "--json", "--as-of", "2026-04-30"],
    );
    assert_eq!(one["customer"]["name"], "Bakkerij Van Dijk B.V.");
    assert_eq!(one["open_invoices"].as_array().unwrap().len(), 2);
    let kinds: Vec<&str> = one["timeline"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "due_passed",
            "credit_note_issued",
            "invoice_issued",
            "payment",
            "invoice_issued"
        ]
    );
    let text = ok(&db, &["customer", "C-100", "--as-of", "2026-04-30"]);
    assert!(
        text.contains("Bakkerij Van Dijk B.V.") && text.contains("due_passed"),
        "{text}"
    );
}

#[test]
fn errors_go_to_stderr_with_a_failing_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(&db, &["init"]);
    ok(
        &db,
        &[
            "import",
            "customers",
            data("import/customers.csv").to_str().unwrap(),
        ],
    );

    let out = run(
        &db,
        KEY,
        &[
            "import",
            "invoices",
            data("import/invoices_bad_date.csv").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invoices_bad_date.csv, line 5, column 'due_date'"),
        "{stderr}"
    );
    assert!(stderr.contains("[import_failed]"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(json(&db, &["status", "--json"])["invoices"], 0);

    let wrong = "ff".repeat(32);
    let out = run(&db, &wrong, &["status", "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("[wrong_key]"));
    assert!(out.stdout.is_empty());

    let out = run(&db, KEY, &["customer", "NOPE"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no customer with number 'NOPE' [not_found]")
    );

    let out = run(&db, KEY, &["init"]);
    assert!(!out.status.success(), "init must not overwrite a database");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[conflict]"));
}

#[test]
fn the_ibm_sample_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ibm.db");
    ok(&db, &["init", "--currency", "USD"]);
    let file = shared("ar/ibm_accounts_receivable.csv");
    let report = json(
        &db,
        &[
            "import",
            "invoices",
            file.to_str().unwrap(),
            "--map",
            "customer_number=customerID,invoice_number=invoiceNumber,paid_date=SettledDate",
            "--date-format",
            "%m/%d/%Y",
            "--create-customers",
            "--json",
        ],
    );
    assert_eq!(report["created"], 2466);
    assert_eq!(report["customers_created"], 100);
    assert_eq!(
        json(&db, &["status", "--json"]),
        serde_json::json!({"customers": 100, "invoices": 2466, "open_invoices": 0, "payments": 2466, "bank_entries": 0})
    );
    let one = json(
        &db,
        &["customer", "0379-NEVHP", "--json", "--as-of", "2014-01-01"],
    );
    assert_eq!(one["customer"]["currency"], "USD");
}

#[test]
fn demo_builds_a_company_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let summary = json(
        &db,
        &[
            "demo",
            "--customers",
            "40",
            "--as-of",
            "2026-11-23",
            "--json",
        ],
    );
    assert_eq!(summary["customers"], 40);
    let status = json(&db, &["status", "--json"]);
    assert_eq!(status["customers"], 40);
    assert!(status["invoices"].as_i64().unwrap() > 200, "{status}");
    assert!(status["open_invoices"].as_i64().unwrap() > 0);
    let out = run(&db, KEY, &["demo"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("[conflict]"));
}

#[test]
fn dunning_lists_the_worklist_of_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--customers", "60", "--as-of", "2026-11-23"]);
    let list = json(&db, &["dunning", "--as-of", "2026-11-23", "--json"]);
    assert_eq!(list["as_of"], "2026-11-23");
    let customers = list["customers"].as_array().unwrap();
    assert!(!customers.is_empty(), "{list}");
    for entry in customers {
        // Every entry has an action or an alert, and lists only that customer's open items.
        assert!(
            !entry["action"].is_null() || !entry["alerts"].as_array().unwrap().is_empty(),
            "{entry}"
        );
        for item in entry["items"].as_array().unwrap() {
            assert!(
                item["open"]["amount"]
                    .as_str()
                    .unwrap()
                    .parse::<f64>()
                    .unwrap()
                    > 0.0
            );
        }
        assert!(
            [
                "punctual",
                "forgetful",
                "systematic_late",
                "struggling",
                "disputing",
                "new"
            ]
            .contains(&entry["segment"].as_str().unwrap())
        );
    }
    // A day before the first invoice of the history: nothing to do.
    let empty = json(&db, &["dunning", "--as-of", "2020-01-01", "--json"]);
    assert_eq!(empty["customers"], serde_json::json!([]));
    let text = ok(&db, &["dunning", "--as-of", "2026-11-23"]);
    assert!(
        text.starts_with("Dunning worklist for 2026-11-23: "),
        "{text}"
    );
    let bad = run(&db, KEY, &["dunning", "--as-of", "23/11/2026"]);
    assert!(!bad.status.success());
}

/// `creditdesk interest` without `--db`: the shipped tables, no database needed.
fn interest(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_creditdesk"))
        .arg("interest")
        .args(args)
        .output()
        .unwrap()
}

const FR_CASE: [&str; 10] = [
    "--country",
    "FR",
    "--amount",
    "10000.00",
    "--currency",
    "EUR",
    "--due",
    "2024-05-15",
    "--as-of",
    "2024-08-20",
];

#[test]
fn interest_json_shape_and_values_without_a_database() {
    let out = interest(&[&FR_CASE[..], &["--json"]].concat());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The contract's fields, amounts and rates as strings.
    // 16 May–30 Jun: 46 days at 4.50 + 10 = 14.50 %: 10,000 × 14.50 % × 46/365 = 182.74;
    // 1 Jul–20 Aug: 51 days at 4.25 + 10 = 14.25 %: 10,000 × 14.25 % × 51/365 = 199.11.
    assert_eq!(v["days"], 97);
    assert_eq!(v["interest"], "381.85");
    assert_eq!(v["compensation"], "40.00");
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 2);
    for (p, (from, to, rate, amount)) in periods.iter().zip([
        ("2024-05-16", "2024-06-30", "14.50", "182.74"),
        ("2024-07-01", "2024-08-20", "14.25", "199.11"),
    ]) {
        assert_eq!(p["from"], from);
        assert_eq!(p["to"], to);
        assert_eq!(p["rate"], rate);
        assert_eq!(p["interest"], amount);
    }
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["rule"], "fr");

    // The text form shows the same periods.
    let text = interest(&FR_CASE);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("2024-05-16") && text.contains("182.74") && text.contains("381.85"),
        "{text}"
    );
}

#[test]
fn interest_with_a_database_uses_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    ok(&db, &["init", "--company", "Test SA"]);
    let v = json(&db, &[&["interest"], &FR_CASE[..], &["--json"]].concat());
    assert_eq!(v["interest"], "381.85");
    assert_eq!(v["periods"][0]["reference_origin"], "shipped");
}

#[test]
fn interest_bad_input_is_an_error_on_stderr() {
    let with = |flag: &str, value: &str| {
        let mut args: Vec<&str> = FR_CASE.to_vec();
        let i = args.iter().position(|a| *a == flag).unwrap();
        args[i + 1] = value;
        args.into_iter()
            .map(str::to_string)
            .collect::<Vec<String>>()
    };
    for (args, message) in [
        (with("--country", "US"), "US"),
        (with("--due", "2024-02-30"), "due"),
        (with("--amount", "ten"), "not a number"),
        (with("--amount", "-5"), "positive"),
        (with("--as-of", "2024-05-01"), "before the due date"),
        (with("--currency", "GBP"), "GBP"),
    ] {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = interest(&refs);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn letters_are_written_and_recorded_steps_move_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(&db, &["demo", "--customers", "60", "--as-of", "2026-11-23"]);
    // Nothing done yet: every customer starts with its first step (e-mails and calls);
    // a step follows the one before, a run at a time.
    let first = dir.path().join("first");
    let outcome = json(
        &db,
        &[
            "letters",
            "--as-of",
            "2026-11-23",
            "--out",
            first.to_str().unwrap(),
            "--record",
            "--json",
        ],
    );
    let queued = outcome["emails_queued"].as_u64().unwrap();
    assert!(queued > 0, "{outcome}");
    let outbox = json(&db, &["outbox", "--json"]);
    assert_eq!(outbox.as_array().unwrap().len() as u64, queued);
    assert!(
        outbox[0]["attachment_name"]
            .as_str()
            .unwrap()
            .ends_with(".pdf")
    );

    // A run a week for three weeks: the policies' later steps are letters.
    for day in ["2026-11-30", "2026-12-07", "2026-12-14"] {
        let out = dir.path().join(day);
        ok(
            &db,
            &[
                "letters",
                "--as-of",
                day,
                "--out",
                out.to_str().unwrap(),
                "--record",
            ],
        );
    }
    // Written without recording.
    let later = dir.path().join("later");
    let outcome = json(
        &db,
        &[
            "letters",
            "--as-of",
            "2026-12-21",
            "--out",
            later.to_str().unwrap(),
            "--json",
        ],
    );
    let letters = outcome["letters"].as_array().unwrap();
    assert!(!letters.is_empty(), "{outcome}");
    assert_eq!(outcome["done"], serde_json::json!([]));
    let batch = PathBuf::from(outcome["batch"].as_str().unwrap());
    assert!(batch.is_file());
    let first_letter = PathBuf::from(letters[0].as_str().unwrap());
    let name = first_letter
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let customer = name.split('-').nth(3).unwrap();
    let text = Command::new("pdftotext")
        .arg(&first_letter)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) is needed");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(customer), "{name}: {text}");
    // Not recorded: the same letters are due again.
    let again = json(
        &db,
        &[
            "letters",
            "--as-of",
            "2026-12-21",
            "--out",
            later.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(again["letters"].as_array().unwrap().len(), letters.len());
}
