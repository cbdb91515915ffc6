//! `creditdesk smtp` and `creditdesk outbox [send]` as a process, against the loopback SMTP
//! server of tests/smtp/server.py (Debian's python3-aiosmtpd): in particular, the process
//! killed (SIGKILL) mid-send and restarted until everything is sent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use creditdesk::keys::DbKey;
use creditdesk::mail::{self, Attachment, MessageDraft};
use creditdesk::store::Store;
use serde_json::Value;

#[path = "../../tests/smtp/harness.rs"]
mod harness;
use harness::{SmtpServer, closed_port, fake_pdf};

const KEY_VAR: &str = "CREDITDESK_TEST_KEY";
const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_creditdesk"));
    c.arg("--db")
        .arg(db)
        .args(["--key-env", KEY_VAR])
        .args(args)
        .env(KEY_VAR, KEY);
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
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

fn customers_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/import/customers.csv")
}

/// A database with the sample customers and, if `port` is given, a loopback SMTP server.
fn database(dir: &Path, port: Option<u16>) -> PathBuf {
    let db = dir.join("outbox.db");
    ok(&db, &["init", "--company", "Test BV"]);
    ok(
        &db,
        &["import", "customers", customers_csv().to_str().unwrap()],
    );
    if let Some(port) = port {
        let port = port.to_string();
        let saved = json(
            &db,
            &[
                "smtp",
                "set",
                "--host",
                "127.0.0.1",
                "--port",
                &port,
                "--security",
                "none",
                "--from",
                "credit@test.example",
                "--from-name",
                "Test BV",
                "--json",
            ],
        );
        assert_eq!(saved["port"], port.parse::<u16>().unwrap());
        assert_eq!(saved["security"], "none");
    }
    db
}

/// Queues `n` reminders to customer C-100 through the core, as dunning will.
fn queue(db: &Path, n: u8) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let store = Store::open(db, &DbKey::from_hex(KEY).unwrap())
            .await
            .unwrap();
        let customer = store.customer_by_number("C-100").await.unwrap().id;
        for i in 1..=n {
            let draft = MessageDraft {
                customer_id: Some(customer),
                to_address: "debiteuren@vandijk.example".into(),
                to_name: String::new(),
                subject: format!("Reminder {i}"),
                body_text: format!("Reminder number {i}, letter attached."),
                attachment: Some(Attachment {
                    name: format!("reminder-{i}.pdf"),
                    content: fake_pdf(i),
                }),
            };
            mail::queue(&store, draft, chrono::Utc::now())
                .await
                .unwrap();
        }
        store.close().await;
    });
}

/// Message-ID → state, from `outbox --json`.
fn states(db: &Path) -> BTreeMap<String, String> {
    json(db, &["outbox", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["message_id"].as_str().unwrap().to_string(),
                m["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// When to kill `outbox send`.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// While the server holds the DATA of the `nth` message of this run, `ms` into the hold
    /// (before its 250: the server has not accepted it).
    DuringData { nth: usize, ms: u64 },
    /// `ms` after the process started (opening the database, connecting).
    AfterStart { ms: u64 },
}

#[test]
fn killed_mid_send_and_restarted_every_message_is_delivered_exactly_once() {
    // The server holds each DATA for a second before its 250: time to kill the sender inside
    // the transaction, well away from the instant the server accepts.
    let server = SmtpServer::start(&["--delay-data", "1.0"]);
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), Some(server.port));
    queue(&db, 10);
    let queued = states(&db);
    assert_eq!(queued.len(), 10);
    assert!(queued.values().all(|s| s == "queued"));

    let plan = [
        Kill::DuringData { nth: 1, ms: 50 },
        Kill::DuringData { nth: 3, ms: 600 },
        Kill::AfterStart { ms: 30 },
        Kill::DuringData { nth: 2, ms: 300 },
        Kill::DuringData { nth: 1, ms: 0 },
    ];
    let mut interrupted = Vec::new();
    for kill in plan {
        let data_before = count(&server, "data");
        let aborts_before = count(&server, "abort");
        let mut child = command(&db, &["outbox", "send"]).spawn().unwrap();
        match kill {
            Kill::DuringData { nth, ms } => {
                server.wait_for("data", data_before + nth, Duration::from_secs(60));
                std::thread::sleep(Duration::from_millis(ms));
            }
            Kill::AfterStart { ms } => std::thread::sleep(Duration::from_millis(ms)),
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no QUIT
        child.wait().unwrap();
        if let Kill::DuringData { .. } = kill {
            server.wait_for("abort", aborts_before + 1, Duration::from_secs(10));
            let events = server.events();
            let held = events.iter().rfind(|e| e.kind == "data").unwrap().clone();
            assert!(
                events.iter().any(|e| e.kind == "abort" && e.n == held.n),
                "{kill:?}: killed during the hold, before the 250"
            );
            assert_eq!(
                states(&db)[&held.message_id],
                "sending",
                "{kill:?}: the attempt was committed before the transaction"
            );
            interrupted.push(held.message_id);
        }
    }
    let accepted_during_kills = server.accepted_ids().len();
    assert!(accepted_during_kills < 10, "the kills came before the end");

    // Restarted until everything is sent (each run sends what is due, interrupted ones first).
    for _ in 0..3 {
        if states(&db).values().all(|s| s == "sent") {
            break;
        }
        let report = json(&db, &["outbox", "send", "--json"]);
        assert!(report["unreachable"].is_null(), "{report}");
    }

    let final_states = states(&db);
    assert!(
        final_states.values().all(|s| s == "sent"),
        "{final_states:?}"
    );
    let mut accepted = server.accepted_ids();
    accepted.sort();
    let expected: Vec<String> = final_states.keys().cloned().collect();
    assert_eq!(
        accepted, expected,
        "the server accepted each Message-ID exactly once"
    );
    assert_eq!(server.accepted().len(), 10);
    for id in &interrupted {
        let data = server
            .events()
            .iter()
            .filter(|e| e.kind == "data" && &e.message_id == id)
            .count();
        assert!(
            data >= 2,
            "{id} was cut off, then sent again with the same Message-ID"
        );
    }
    // Each sent message shows once on the customer's timeline.
    let customer = json(
        &db,
        &[
            "customer",
            "C-100",
            "--json",
            "--limit",
            "100",
            "--as-of",
            "2100-01-01",
        ],
    );
    let sent_events = customer["timeline"]["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "email" && e["text"].as_str().unwrap().ends_with(": sent"))
        .count();
    assert_eq!(sent_events, 10);
}

fn count(server: &SmtpServer, kind: &str) -> usize {
    server.events().iter().filter(|e| e.kind == kind).count()
}

#[test]
fn send_without_smtp_settings_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), None);
    queue(&db, 1);
    let out = run(&db, &["outbox", "send"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("smtp set"), "{stderr}");
    assert!(stderr.contains("[invalid_input]"), "{stderr}");
    assert_eq!(
        json(&db, &["smtp", "--json"]),
        Value::Null,
        "no settings saved"
    );
}

#[test]
fn a_server_that_is_down_delays_the_messages_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), Some(closed_port()));
    queue(&db, 2);
    let report = json(&db, &["outbox", "send", "--json"]);
    assert!(
        report["unreachable"]
            .as_str()
            .unwrap()
            .contains("cannot reach")
    );
    assert_eq!(report["deliveries"][0]["outcome"], "retry");
    let listed = json(&db, &["outbox", "--json"]);
    for m in listed.as_array().unwrap() {
        assert_eq!(m["state"], "queued");
    }
    let attempts: Vec<u64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["attempts"].as_u64().unwrap())
        .collect();
    assert_eq!(
        attempts,
        [0, 1],
        "the run stopped after the first (newest listed first)"
    );
    let text = ok(&db, &["outbox"]);
    assert!(text.contains("cannot reach"), "{text}");
}
