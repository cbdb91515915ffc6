//! Collections over IPC on the demo company: a customer's profile and segment (and one set by
//! hand), the dashboard's segment totals, a policy edited, the worklist and a run recorded.

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::collections_types::*;
use creditdesk_ipc::types::{TimelineKindDto, TimelineRequest};
use creditdesk_ipc::{ApiErrorCode, App};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

async fn demo_app(dir: &tempfile::TempDir) -> App {
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    app.load_demo(today()).await.unwrap();
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profile_segment_and_totals() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(&dir).await;
    let customers = app.customers(today()).await.unwrap();
    let first = &customers[0];
    let profile = app.customer_profile(first.id, today()).await.unwrap();
    assert_eq!(profile.as_of, "2026-11-23");
    assert!(profile.invoices > 0);
    assert_eq!(
        profile.evidence.len() as u32,
        profile.invoices,
        "one point per invoice judged"
    );
    assert!(!profile.segment.reasons.is_empty());
    assert_eq!(profile.segment.segment, profile.segment.by_rules);
    let json = serde_json::to_value(&profile).unwrap();
    assert!(
        json["segment"]["segment"].is_string(),
        "{}",
        json["segment"]
    );

    let set = app
        .set_segment(
            SetSegmentRequest {
                customer_id: first.id,
                segment: Some(SegmentDto::Disputing),
                note: "claims every delivery".into(),
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(set.segment.segment, SegmentDto::Disputing);
    assert_eq!(
        set.segment.manual_note.as_deref(),
        Some("claims every delivery")
    );
    assert_eq!(set.segment.reasons[0].code, ReasonCodeDto::SetByHand);
    let back = app
        .set_segment(
            SetSegmentRequest {
                customer_id: first.id,
                segment: None,
                note: String::new(),
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(back.segment.segment, profile.segment.segment);
    assert!(back.segment.manual_note.is_none());

    let totals = app.segment_totals(today()).await.unwrap();
    assert_eq!(totals.len(), 6);
    assert_eq!(totals.iter().map(|t| t.customers).sum::<u32>(), 300);
    assert!(totals.iter().all(|t| t.overdue.currency == "EUR"));
    let struggling = totals
        .iter()
        .find(|t| t.segment == SegmentDto::Struggling)
        .unwrap();
    assert!(struggling.customers_overdue > 0 && struggling.overdue.amount != "0.00");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn policy_worklist_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(&dir).await;
    let policies = app.dunning_policies().await.unwrap();
    assert_eq!(policies.len(), 6);
    let mut forgetful = policies
        .iter()
        .find(|p| p.segment == SegmentDto::Forgetful)
        .unwrap()
        .clone();
    forgetful.steps[0].fee = Some("7.5".into());
    let saved = app.save_dunning_policy(forgetful.clone()).await.unwrap();
    assert_eq!(saved.steps[0].fee.as_deref(), Some("7.5"));
    forgetful.steps[0].fee = Some("seven".into());
    let e = app.save_dunning_policy(forgetful).await.unwrap_err();
    assert_eq!(e.code, ApiErrorCode::InvalidInput);
    assert!(
        e.message.contains("step 1: the fee 'seven'"),
        "{}",
        e.message
    );
    let reset = app
        .reset_dunning_policy(SegmentDto::Forgetful)
        .await
        .unwrap();
    assert_eq!(reset.steps[0].fee, None);

    let list = app.worklist(today()).await.unwrap();
    assert!(list.customers.len() > 10);
    let entry = list
        .customers
        .iter()
        .find(|e| e.action.is_some())
        .unwrap()
        .clone();
    let run = app
        .run_dunning(
            DunningRunRequest {
                as_of: None,
                customer_ids: vec![entry.customer_id],
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(run.done.len(), 1);
    assert_eq!(run.done[0].items.len(), entry.items.len());
    let page = app
        .timeline(
            TimelineRequest {
                customer_id: entry.customer_id,
                kinds: vec![],
                offset: 0,
                limit: 5,
            },
            today(),
        )
        .await
        .unwrap();
    let kind = match entry.action.as_ref().unwrap().action {
        DunningActionDto::Email => TimelineKindDto::Email,
        DunningActionDto::Letter => TimelineKindDto::Letter,
        DunningActionDto::Call => TimelineKindDto::Call,
        DunningActionDto::Escalation => TimelineKindDto::LevelChange,
    };
    assert!(
        page.events
            .iter()
            .any(|e| e.kind == kind && e.text.contains(&entry.items[0].number))
    );
    let again = app.worklist(today()).await.unwrap();
    assert!(
        again
            .customers
            .iter()
            .all(|e| e.customer_id != entry.customer_id || e.action.is_none())
    );

    // Stop and lift for a customer still due.
    let other = again.customers.iter().find(|e| e.action.is_some()).unwrap();
    let stop = app
        .stop_dunning(
            StopDunningRequest {
                customer_id: other.customer_id,
                invoice_id: None,
                reason: "talks".into(),
            },
            today(),
        )
        .await
        .unwrap();
    let stopped = app.worklist(today()).await.unwrap();
    assert!(
        stopped
            .paused
            .iter()
            .any(|p| p.customer_id == other.customer_id)
    );
    assert_eq!(
        app.dunning_stops(other.customer_id, today())
            .await
            .unwrap()
            .len(),
        1
    );
    app.lift_dunning_stop(stop.id, today()).await.unwrap();
    assert!(
        app.dunning_stops(other.customer_id, today())
            .await
            .unwrap()
            .is_empty()
    );
}
