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

fn now() -> chrono::DateTime<chrono::Utc> {
    today().and_hms_opt(9, 30, 0).unwrap().and_utc()
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
            now(),
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_writes_letters_and_queues_emails() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(&dir).await;
    // Punctual customers get a letter first; forgetful ones an e-mail (the shipped policy).
    let mut punctual = app
        .dunning_policies()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.segment == SegmentDto::Punctual)
        .unwrap();
    punctual.steps[0].action = DunningActionDto::Letter;
    punctual.steps[0].claim_interest = true;
    app.save_dunning_policy(punctual).await.unwrap();
    let list = app.worklist(today()).await.unwrap();
    let pick = |segment: SegmentDto, action: DunningActionDto| {
        list.customers
            .iter()
            .find(|e| e.segment == segment && e.action.as_ref().is_some_and(|a| a.action == action))
            .unwrap_or_else(|| panic!("no {segment:?} entry with {action:?}"))
            .clone()
    };
    let letter = pick(SegmentDto::Punctual, DunningActionDto::Letter);
    let email = pick(SegmentDto::Forgetful, DunningActionDto::Email);
    let run = app
        .run_dunning(
            DunningRunRequest {
                as_of: None,
                customer_ids: vec![letter.customer_id, email.customer_id],
            },
            today(),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(run.done.len(), 2);
    assert_eq!(run.letters.len(), 1, "{run:?}");
    assert!(run.letters[0].contains(&letter.customer_number), "{run:?}");
    assert!(run.letters[0].contains("/letters/2026-11-23/"), "{run:?}");
    let batch = run.batch_pdf.clone().unwrap();
    assert!(std::fs::read(&batch).unwrap().starts_with(b"%PDF-"));
    assert_eq!(run.emails_queued, 1);
    let outbox = app.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].customer_id, Some(email.customer_id));
    assert_eq!(outbox[0].state, "queued");
    assert!(
        outbox[0]
            .attachment_name
            .as_deref()
            .unwrap()
            .ends_with("-reminder.pdf")
    );

    // The shell opens what the app wrote, nothing else.
    assert!(app.document_to_open(&batch).is_ok());
    for outside in ["/etc/passwd", "../../etc/passwd", "/nonexistent.pdf"] {
        assert_eq!(
            app.document_to_open(outside).unwrap_err().code,
            ApiErrorCode::InvalidInput
        );
    }
    let db = dir.path().join("creditdesk.db");
    assert_eq!(
        app.document_to_open(db.to_str().unwrap()).unwrap_err().code,
        ApiErrorCode::InvalidInput
    );

    // Without an SMTP server the e-mail waits.
    let report = app.send_outbox(now()).await.unwrap();
    assert_eq!((report.sent, report.failed), (0, 0));
    assert!(report.unreachable.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn letter_templates_and_the_smtp_server() {
    use creditdesk_ipc::mail_types::{SaveSmtpRequest, SmtpSecurityDto};
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(&dir).await;
    let all = app.letter_templates().await.unwrap();
    assert_eq!(all.templates.len(), 12);
    assert!(all.placeholders.contains(&"payment_reference".to_string()));
    let mut fr = all
        .templates
        .iter()
        .find(|t| t.language == "fr" && t.tone == TemplateDto::FormalNotice)
        .unwrap()
        .clone();
    assert!(!fr.customized);
    fr.subject = "Mise en demeure – {customer_number}".into();
    let saved = app.save_letter_template(fr.clone()).await.unwrap();
    let kept = saved
        .templates
        .iter()
        .find(|t| t.language == "fr" && t.tone == TemplateDto::FormalNotice)
        .unwrap();
    assert!(kept.customized && kept.subject == fr.subject);
    fr.body = "Payez {montant}".into();
    let e = app.save_letter_template(fr).await.unwrap_err();
    assert!(e.message.contains("montant"), "{}", e.message);
    let reset = app
        .reset_letter_template("fr".into(), TemplateDto::FormalNotice)
        .await
        .unwrap();
    assert!(reset.templates.iter().all(|t| !t.customized));

    assert_eq!(app.smtp_settings().await.unwrap(), None);
    let request = SaveSmtpRequest {
        host: "127.0.0.1".into(),
        port: 2525,
        security: SmtpSecurityDto::None,
        username: "credit".into(),
        from_address: "credit@brightwave-supplies.be".into(),
        from_name: "Brightwave credit department".into(),
        password: Some("s3cret-for-test".into()),
    };
    let saved = app
        .save_smtp_settings(request.clone())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((saved.port, saved.password_set), (2525, true));
    let kept = app
        .save_smtp_settings(SaveSmtpRequest {
            password: None,
            ..request.clone()
        })
        .await
        .unwrap()
        .unwrap();
    assert!(kept.password_set, "null keeps the password");
    let removed = app
        .save_smtp_settings(SaveSmtpRequest {
            password: Some(String::new()),
            ..request
        })
        .await
        .unwrap()
        .unwrap();
    assert!(!removed.password_set);
}
