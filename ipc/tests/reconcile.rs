//! Reconciliation over IPC on the demo company: its last statement matched, a suggestion
//! accepted and another rejected, an automatic match undone, an entry split by hand, a real
//! statement imported twice and a broken one refused — as the UI receives them.

use std::path::Path;

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::reconcile_types::*;
use creditdesk_ipc::types::TimelineRequest;
use creditdesk_ipc::{ApiErrorCode, App};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn shared(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data")
        .join(relative);
    assert!(path.is_file(), "missing shared sample {}", path.display());
    path.to_string_lossy().into_owned()
}

fn all() -> BankEntriesRequest {
    BankEntriesRequest {
        statuses: Vec::new(),
        offset: 0,
        limit: 500,
    }
}

fn only(status: EntryStatusDto) -> BankEntriesRequest {
    BankEntriesRequest {
        statuses: vec![status],
        ..all()
    }
}

fn count(list: &BankEntriesDto, status: EntryStatusDto) -> u32 {
    list.counts
        .iter()
        .find(|c| c.status == status)
        .unwrap()
        .count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_statement_matched_reviewed_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    assert_eq!(
        app.reconcile(today()).await.unwrap_err().code,
        ApiErrorCode::NotReady
    );
    app.create_database(None).await.unwrap();
    app.load_demo(today()).await.unwrap();

    let before = app.bank_entries(all()).await.unwrap();
    assert_eq!(count(&before, EntryStatusDto::Unmatched), 38);
    assert_eq!(count(&before, EntryStatusDto::Outgoing), 2);

    let run = app.reconcile(today()).await.unwrap();
    assert_eq!(run.considered, 38);
    assert_eq!(run.auto + run.suggested + run.unmatched, 38);
    assert!(
        run.auto >= 20 && run.suggested >= 2 && run.unmatched >= 1,
        "{run:?}"
    );

    // An automatic match carries its reason and its allocations, and the customer's timeline
    // shows the transfer.
    let auto = app.bank_entries(only(EntryStatusDto::Auto)).await.unwrap();
    let applied = &auto.entries[0];
    let suggestion = applied.suggestion.as_ref().unwrap();
    assert!(suggestion.confidence >= 0.9);
    assert!(!suggestion.reason.is_empty());
    assert_eq!(
        applied.allocations.len(),
        suggestion.allocations.len() + suggestion.write_offs.len()
    );
    let customer = suggestion.customer.as_ref().unwrap();
    let timeline = app
        .timeline(
            TimelineRequest {
                customer_id: customer.id,
                kinds: Vec::new(),
                offset: 0,
                limit: 100,
            },
            today(),
        )
        .await
        .unwrap();
    assert!(
        timeline.events.iter().any(|e| e
            .text
            .contains(&format!("Bank transfer, entry {}", applied.entry))),
        "the timeline shows the transfer"
    );

    // Undo it: the allocations stay, marked undone; the entry waits again.
    let undone = app.undo_match(applied.id, today()).await.unwrap();
    assert_eq!(undone.status, EntryStatusDto::Unmatched);
    assert!(
        undone
            .allocations
            .iter()
            .all(|a| a.reversed_on.as_deref() == Some("2026-11-23"))
    );

    // Accept one suggestion, reject another.
    let suggested = app
        .bank_entries(only(EntryStatusDto::Suggested))
        .await
        .unwrap();
    let (first, second) = (&suggested.entries[0], &suggested.entries[1]);
    let accepted = app.accept_match(first.id, false, today()).await.unwrap();
    assert_eq!(accepted.status, EntryStatusDto::Confirmed);
    assert_eq!(
        accepted.allocations.len(),
        first.suggestion.as_ref().unwrap().allocations.len()
    );
    let rejected = app.reject_match(second.id, today()).await.unwrap();
    assert_eq!(rejected.status, EntryStatusDto::Unmatched);
    assert!(rejected.suggestion.is_none());
    let twice = app
        .accept_match(first.id, false, today())
        .await
        .unwrap_err();
    assert_eq!(twice.code, ApiErrorCode::Conflict);

    // Split an unmatched entry by hand over an open item found by search.
    let unmatched = app
        .bank_entries(only(EntryStatusDto::Unmatched))
        .await
        .unwrap();
    let waiting = unmatched
        .entries
        .iter()
        .find(|e| e.suggestion.is_none())
        .unwrap();
    let items = app
        .open_items(OpenItemsRequest {
            customer_id: None,
            text: "2026-00".into(),
        })
        .await
        .unwrap();
    assert!(!items.is_empty() && items.iter().all(|i| i.invoice.starts_with("2026-00")));
    let item = &items[0];
    let too_much = app
        .split_entry(
            SplitRequest {
                entry_id: waiting.id,
                parts: vec![SplitPartDto {
                    invoice: item.invoice.clone(),
                    amount: "999999.00".into(),
                }],
                remember_iban: false,
            },
            today(),
        )
        .await
        .unwrap_err();
    assert_eq!(too_much.code, ApiErrorCode::InvalidInput);
    let split = app
        .split_entry(
            SplitRequest {
                entry_id: waiting.id,
                parts: vec![SplitPartDto {
                    invoice: item.invoice.clone(),
                    amount: "10.00".into(),
                }],
                remember_iban: true,
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(split.status, EntryStatusDto::Confirmed);
    assert_eq!(split.allocations[0].invoice, item.invoice);
    assert_eq!(split.allocations[0].amount.amount, "10.00");

    // Settings: saved, validated.
    let saved = app
        .save_match_settings(MatchSettingsDto {
            auto_threshold: "0.95".into(),
            fee_tolerance: "5.00".into(),
        })
        .await
        .unwrap();
    assert_eq!(saved.auto_threshold, "0.95");
    let refused = app
        .save_match_settings(MatchSettingsDto {
            auto_threshold: "0.5".into(),
            fee_tolerance: "5.00".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.code, ApiErrorCode::InvalidInput);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statement_imported_twice_and_a_broken_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    let file = shared("bank/coda/php-coda-parser_sample1.cod");
    let first = app.import_statement(file.clone(), today()).await.unwrap();
    assert_eq!(
        (
            first.format.as_str(),
            first.entries,
            first.added,
            first.already_there
        ),
        ("coda", 4, 4, 0)
    );
    assert_eq!(first.file, "php-coda-parser_sample1.cod");
    let again = app.import_statement(file, today()).await.unwrap();
    assert_eq!((again.added, again.already_there), (0, 4));
    let listed = app.bank_entries(all()).await.unwrap();
    assert_eq!(listed.entries.len(), 4);
    assert!(
        listed
            .entries
            .iter()
            .any(|e| e.reference == "+++000/0035/05158+++")
    );

    let broken = app
        .import_statement(shared("bank/mt940/base-test-wrong-file.940"), today())
        .await
        .unwrap_err();
    assert_eq!(broken.code, ApiErrorCode::ImportFailed);
    assert!(
        broken.message.contains("base-test-wrong-file.940"),
        "{}",
        broken.message
    );
    assert_eq!(app.bank_entries(all()).await.unwrap().entries.len(), 4);
}
