//! A customer's timeline: every event in date order, paged, filtered, replayable as of a date;
//! and recording notes, calls, promises and disputes.

use creditdesk::ErrorCode;
use creditdesk::domain::InteractionDraft;
use creditdesk::money::{Currency, Money};
use creditdesk::store::{TimelineKind, TimelineQuery};

use crate::util::d;

async fn bakery() -> (crate::util::TestDb, creditdesk::domain::CustomerId) {
    let db = crate::util::fixture_book().await;
    let id = db.store.customer_by_number("C-100").await.unwrap().id;
    (db, id)
}

fn kinds(page: &creditdesk::store::TimelinePage) -> Vec<(String, &'static str, Option<String>)> {
    page.events
        .iter()
        .map(|e| (e.date.to_string(), e.kind.code(), e.invoice.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_newest_first() {
    let (db, bakery) = bakery().await;
    db.store
        .record_interaction(
            &InteractionDraft::call(bakery, d("2026-03-10"), "Spoke to Mr Van Dijk: pays Friday")
                .unwrap(),
        )
        .await
        .unwrap();
    let promise = InteractionDraft::promise(
        bakery,
        d("2026-03-10"),
        Money::from_minor(60_550, Currency::EUR),
        d("2026-03-13"),
        "",
    )
    .unwrap();
    db.store.record_interaction(&promise).await.unwrap();

    let page = db
        .store
        .timeline(bakery, &TimelineQuery::first_page(d("2026-04-30"), 50))
        .await
        .unwrap();
    let s = |x: &str| x.to_string();
    let f = |x: &str| Some(x.to_string());
    assert_eq!(
        kinds(&page),
        vec![
            (s("2026-03-10"), "promise", None),
            (s("2026-03-10"), "call", None),
            // F-2026-002 (605.50, due 7 March) is unpaid: its due date passed.
            (s("2026-03-07"), "due_passed", f("F-2026-002")),
            (s("2026-02-20"), "credit_note_issued", f("CN-2026-001")),
            (s("2026-02-05"), "invoice_issued", f("F-2026-002")),
            // F-2026-001 was paid on 3 Feb, before its due date of 4 Feb: no due_passed event.
            (s("2026-02-03"), "payment", f("F-2026-001")),
            (s("2026-01-05"), "invoice_issued", f("F-2026-001")),
        ]
    );
    assert_eq!(page.total, 7);
    let promise = &page.events[0];
    assert_eq!(promise.amount.unwrap().to_string(), "605.50 EUR");
    assert_eq!(promise.due_date, Some(d("2026-03-13")));
    assert_eq!(page.events[1].text, "Spoke to Mr Van Dijk: pays Friday");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_filtering_and_replay_as_of_a_past_date() {
    let (db, bakery) = bakery().await;
    let all = db
        .store
        .timeline(bakery, &TimelineQuery::first_page(d("2026-04-30"), 50))
        .await
        .unwrap();
    let second = db
        .store
        .timeline(
            bakery,
            &TimelineQuery {
                offset: 2,
                limit: 2,
                ..TimelineQuery::first_page(d("2026-04-30"), 2)
            },
        )
        .await
        .unwrap();
    assert_eq!(second.total, all.total);
    assert_eq!(second.events, all.events[2..4].to_vec());
    let beyond = TimelineQuery {
        offset: 100,
        ..TimelineQuery::first_page(d("2026-04-30"), 10)
    };
    let past_the_end = db.store.timeline(bakery, &beyond).await.unwrap();
    assert!(past_the_end.events.is_empty());
    assert_eq!(
        past_the_end.total, all.total,
        "the total is known past the last page too"
    );

    let invoices_only = TimelineQuery {
        kinds: vec![TimelineKind::InvoiceIssued],
        ..TimelineQuery::first_page(d("2026-04-30"), 50)
    };
    let page = db.store.timeline(bakery, &invoices_only).await.unwrap();
    assert_eq!(page.total, 2);
    assert!(
        page.events
            .iter()
            .all(|e| e.kind == TimelineKind::InvoiceIssued)
    );

    // As of 1 February nothing later shows, and the January invoice was not yet paid or due.
    let past = db
        .store
        .timeline(bakery, &TimelineQuery::first_page(d("2026-02-01"), 50))
        .await
        .unwrap();
    assert_eq!(
        kinds(&past),
        vec![(
            "2026-01-05".to_string(),
            "invoice_issued",
            Some("F-2026-001".to_string())
        )]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disputes_mark_the_invoice_and_must_belong_to_the_customer() {
    let (db, bakery) = bakery().await;
    let invoice = db.store.invoice_by_number("F-2026-002").await.unwrap();
    db.store
        .record_interaction(
            &InteractionDraft::dispute(
                bakery,
                d("2026-03-08"),
                invoice.id,
                "Boxes arrived crushed",
            )
            .unwrap(),
        )
        .await
        .unwrap();
    assert!(
        db.store
            .invoice_by_number("F-2026-002")
            .await
            .unwrap()
            .details
            .disputed
    );
    let page = db
        .store
        .timeline(
            bakery,
            &TimelineQuery {
                kinds: vec![TimelineKind::Dispute],
                ..TimelineQuery::first_page(d("2026-04-30"), 5)
            },
        )
        .await
        .unwrap();
    assert_eq!(page.events[0].text, "Boxes arrived crushed");
    assert_eq!(page.events[0].invoice.as_deref(), Some("F-2026-002"));

    let other = db.store.invoice_by_number("F-2026-003").await.unwrap();
    let err = db
        .store
        .record_interaction(
            &InteractionDraft::dispute(bakery, d("2026-03-08"), other.id, "Not ours").unwrap(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        !db.store
            .invoice_by_number("F-2026-003")
            .await
            .unwrap()
            .details
            .disputed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_due_date_passed_shows_what_was_open_that_day() {
    let (db, _) = bakery().await;
    // F-2026-003 (4,800.00, due 27 March) was paid 2,000 on 30 March and 1,000 on 15 April.
    let customer = db.store.customer_by_number("C-200").await.unwrap().id;
    let page = db
        .store
        .timeline(customer, &TimelineQuery::first_page(d("2026-04-30"), 50))
        .await
        .unwrap();
    let due = page
        .events
        .iter()
        .find(|e| e.kind == TimelineKind::DuePassed)
        .unwrap();
    assert_eq!(due.date, d("2026-03-27"));
    assert_eq!(due.amount.unwrap().to_string(), "4800.00 EUR");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credit_notes_settle_invoices_and_never_count_as_overdue() {
    let (db, bakery) = bakery().await;
    let summary = |s: Vec<creditdesk::store::CustomerSummary>| {
        s.into_iter().find(|c| c.number == "C-100").unwrap()
    };
    let before = summary(db.store.customer_summaries(d("2026-04-30")).await.unwrap());
    assert_eq!(
        before.balance.to_string(),
        "500.00 EUR",
        "605.50 open less the 105.50 credit note"
    );
    assert_eq!(
        before.overdue.to_string(),
        "605.50 EUR",
        "the credit note does not lower the overdue amount"
    );
    assert_eq!(
        before.max_days_overdue,
        (d("2026-04-30") - d("2026-03-07")).num_days()
    );

    let note = db.store.invoice_by_number("CN-2026-001").await.unwrap();
    let invoice = db.store.invoice_by_number("F-2026-002").await.unwrap();
    let mut w = db.store.writer().await.unwrap();
    let too_much = w
        .allocate_credit_note(
            note.id,
            invoice.id,
            Money::from_minor(20_000, Currency::EUR),
            d("2026-03-01"),
        )
        .await;
    assert!(
        too_much
            .unwrap_err()
            .message
            .contains("cannot be allocated")
    );
    w.allocate_credit_note(
        note.id,
        invoice.id,
        Money::from_minor(10_550, Currency::EUR),
        d("2026-03-01"),
    )
    .await
    .unwrap();
    w.commit().await.unwrap();

    assert!(
        db.store
            .invoice_by_number("CN-2026-001")
            .await
            .unwrap()
            .open_amount
            .is_zero()
    );
    assert_eq!(
        db.store
            .invoice_by_number("F-2026-002")
            .await
            .unwrap()
            .open_amount
            .to_string(),
        "500.00 EUR"
    );
    let after = summary(db.store.customer_summaries(d("2026-04-30")).await.unwrap());
    assert_eq!(
        after.balance, before.balance,
        "applying a credit note moves no money"
    );
    assert_eq!(after.overdue.to_string(), "500.00 EUR");
    assert!(
        db.store
            .inconsistent_open_amounts()
            .await
            .unwrap()
            .is_empty()
    );
    let _ = bakery;
}
