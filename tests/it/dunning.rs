//! The dunning worklist: the step due per invoice by the segment's policy, pauses (disputes,
//! stops, live promises), broken promises as alerts, one entry per customer, and a run
//! recorded on the timeline that moves the items on.

use creditdesk::collections::policy::{DunningAction, DunningPolicy, Template};
use creditdesk::collections::run;
use creditdesk::collections::segment::{ManualSegment, Segment};
use creditdesk::collections::worklist::{self, Alert, Pause, WorkEntry, Worklist};
use creditdesk::domain::{CustomerId, InteractionDraft};
use creditdesk::import::ImportKind;
use creditdesk::money::{Currency, Money};
use creditdesk::store::{Store, TimelineKind, TimelineQuery};
use rust_decimal::Decimal;

use crate::util::{TestDb, d, import, new_db, options, write};

const CUSTOMERS: &str = "\
customer_number,name,email,country,currency
C-1,Alpha Bouw B.V.,ap@alpha.example,NL,EUR
C-2,Bravo SARL,,FR,EUR
C-3,Charlie GmbH,ar@charlie.example,DE,EUR
C-4,Delta Ltd,ar@delta.example,GB,EUR
C-5,Echo NV,ar@echo.example,BE,EUR
C-6,Foxtrot BV,ar@foxtrot.example,NL,EUR
";

const INVOICES: &str = "\
invoice_number,customer_number,issue_date,due_date,amount
I-1,C-1,2026-10-11,2026-11-10,1000.00
I-2,C-1,2026-10-21,2026-11-20,250.00
I-3,C-1,2026-11-10,2026-12-10,400.00
I-4,C-1,2026-09-01,2026-10-01,900.00
I-5,C-2,2026-10-02,2026-11-01,300.00
I-6,C-3,2026-09-01,2026-10-01,500.00
I-7,C-4,2026-09-01,2026-10-01,700.00
I-8,C-5,2026-09-01,2026-10-01,800.00
I-9,C-6,2026-09-01,2026-10-01,100.00
I-10,C-6,2026-09-05,2026-10-05,200.00
";

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

async fn id(store: &Store, number: &str) -> CustomerId {
    store.customer_by_number(number).await.unwrap().id
}

/// Six customers, all on the punctual policy (+7 e-mail, +21 letter, +40 formal notice with
/// interest, +60 escalation) by a segment set by hand, each in one situation.
async fn books() -> TestDb {
    let db = new_db().await;
    let dir = db.dir.path().to_path_buf();
    for (kind, name, text) in [
        (ImportKind::Customers, "customers.csv", CUSTOMERS),
        (ImportKind::Invoices, "invoices.csv", INVOICES),
    ] {
        import(&db.store, kind, &write(&dir, name, text), &options())
            .await
            .unwrap();
    }
    let store = &db.store;
    for number in ["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"] {
        let manual = ManualSegment {
            segment: Segment::Punctual,
            note: "test books".into(),
            set_on: d("2026-11-01"),
        };
        store
            .set_segment_override(id(store, number).await, Some(&manual))
            .await
            .unwrap();
    }
    // C-1: I-4 is disputed.
    let alpha = id(store, "C-1").await;
    let i4 = store.invoice_by_number("I-4").await.unwrap().id;
    store
        .record_interaction(
            &InteractionDraft::dispute(alpha, d("2026-10-05"), i4, "wrong quantity").unwrap(),
        )
        .await
        .unwrap();
    // C-3 promised on 15 Nov to pay everything by 30 Nov: still running on the 23rd.
    let charlie = id(store, "C-3").await;
    store
        .record_interaction(
            &InteractionDraft::promise(charlie, d("2026-11-15"), eur(50_000), d("2026-11-30"), "")
                .unwrap(),
        )
        .await
        .unwrap();
    // C-4 promised on 1 Nov to pay by 10 Nov, and did not.
    let delta = id(store, "C-4").await;
    store
        .record_interaction(
            &InteractionDraft::promise(delta, d("2026-11-01"), eur(70_000), d("2026-11-10"), "")
                .unwrap(),
        )
        .await
        .unwrap();
    // C-5 is stopped altogether; C-6's I-9 alone.
    store
        .stop_dunning(
            id(store, "C-5").await,
            None,
            d("2026-11-02"),
            "in talks with their new owner",
        )
        .await
        .unwrap();
    let i9 = store.invoice_by_number("I-9").await.unwrap().id;
    store
        .stop_dunning(
            id(store, "C-6").await,
            Some(i9),
            d("2026-11-02"),
            "credit note coming",
        )
        .await
        .unwrap();
    db
}

fn entry<'a>(list: &'a Worklist, number: &str) -> &'a WorkEntry {
    list.customers
        .iter()
        .find(|e| e.customer_number == number)
        .unwrap_or_else(|| panic!("{number} not in the worklist: {list:#?}"))
}

fn items(entry: &WorkEntry) -> Vec<(&str, Option<u32>)> {
    entry
        .items
        .iter()
        .map(|i| (i.number.as_str(), i.step_due))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worklist_of_a_day() {
    let db = books().await;
    let list = worklist::worklist(&db.store, d("2026-11-23"))
        .await
        .unwrap();

    // C-1: I-1 (13 days late) is due step 1; I-2 (3 days late) is listed with it; I-3 is not
    // due yet; the disputed I-4 is paused.
    let alpha = entry(&list, "C-1");
    let action = alpha.action.as_ref().unwrap();
    assert_eq!(
        (action.step, action.action, action.template),
        (1, DunningAction::Email, Template::Reminder)
    );
    assert_eq!(items(alpha), vec![("I-1", Some(1)), ("I-2", None)]);
    assert_eq!(alpha.total, eur(125_000));
    assert_eq!(alpha.paused_items.len(), 1);
    assert_eq!(
        (
            alpha.paused_items[0].number.as_str(),
            &alpha.paused_items[0].why
        ),
        ("I-4", &Pause::Disputed)
    );
    assert_eq!(alpha.segment, Segment::Punctual);

    // C-2 has no e-mail address: a letter instead.
    let bravo = entry(&list, "C-2").action.clone().unwrap();
    assert_eq!(
        (bravo.action, bravo.email_missing),
        (DunningAction::Letter, true)
    );

    // C-3: the promise still runs; C-5: stopped. Both paused, with the reason.
    let paused: Vec<(&str, &Pause)> = list
        .paused
        .iter()
        .map(|p| (p.customer_number.as_str(), &p.why))
        .collect();
    assert_eq!(
        paused,
        vec![
            (
                "C-3",
                &Pause::Promise {
                    amount: eur(50_000),
                    due: d("2026-11-30")
                }
            ),
            (
                "C-5",
                &Pause::CustomerStopped {
                    since: d("2026-11-02"),
                    reason: "in talks with their new owner".into()
                }
            ),
        ]
    );
    assert!(
        list.customers
            .iter()
            .all(|e| e.customer_number != "C-3" && e.customer_number != "C-5")
    );

    // C-4: the broken promise is an alert, and the policy resumes (step 1 for I-7).
    let delta = entry(&list, "C-4");
    assert!(matches!(
        &delta.alerts[..],
        [Alert::BrokenPromise { due, promised, received, .. }]
            if *due == d("2026-11-10") && *promised == eur(70_000) && *received == eur(0)
    ));
    assert_eq!(items(delta), vec![("I-7", Some(1))]);

    // C-6: only I-10, I-9 is stopped.
    let foxtrot = entry(&list, "C-6");
    assert_eq!(items(foxtrot), vec![("I-10", Some(1))]);
    assert!(
        matches!(&foxtrot.paused_items[0].why, Pause::Stopped { reason, .. } if reason == "credit note coming")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_lands_on_the_timeline_and_moves_the_items_on() {
    let db = books().await;
    let store = &db.store;
    let today = d("2026-11-23");
    let alpha = id(store, "C-1").await;
    let delta = id(store, "C-4").await;
    let entries = run::approved_entries(store, today, &[alpha, delta])
        .await
        .unwrap();
    let done = run::record_done(store, today, &entries).await.unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(done[0].items, vec!["I-1", "I-2"]);
    assert_eq!(done[1].interactions.len(), 2, "the action and the alert");

    let timeline = store
        .timeline(alpha, &TimelineQuery::first_page(today, 10))
        .await
        .unwrap();
    let first = &timeline.events[0];
    assert_eq!(first.kind, TimelineKind::Email);
    assert_eq!(
        first.text,
        "Reminder (step 1 of 4, email) for I-1, I-2: 1250.00 EUR open"
    );
    let timeline = store
        .timeline(delta, &TimelineQuery::first_page(today, 10))
        .await
        .unwrap();
    let kinds: Vec<TimelineKind> = timeline.events.iter().take(2).map(|e| e.kind).collect();
    assert!(
        kinds.contains(&TimelineKind::Alert) && kinds.contains(&TimelineKind::Email),
        "{kinds:?}"
    );

    // Done today: nothing more for them today; the alert is closed for good.
    let again = worklist::worklist(store, today).await.unwrap();
    assert!(
        again
            .customers
            .iter()
            .all(|e| e.customer_id != alpha && e.customer_id != delta)
    );
    // C-2 was not approved: still there.
    entry(&again, "C-2");
    // Approving a customer with nothing due any more is refused, naming it.
    let e = run::approved_entries(store, today, &[alpha])
        .await
        .unwrap_err();
    assert!(e.message.contains("nothing due on 2026-11-23"), "{e}");

    // Step 2 (+21) for I-1 waits 14 days after step 1: 7 December, not 1 December. I-2,
    // raised to step 1 with it, is listed; I-3 (due 10 December) is not overdue yet.
    let early = worklist::worklist(store, d("2026-12-06")).await.unwrap();
    assert!(early.customers.iter().all(|e| e.customer_id != alpha));
    let later = worklist::worklist(store, d("2026-12-07")).await.unwrap();
    let alpha_later = entry(&later, "C-1");
    let action = alpha_later.action.as_ref().unwrap();
    assert_eq!(
        (action.step, action.action, action.template),
        (2, DunningAction::Letter, Template::SecondReminder)
    );
    assert_eq!(items(alpha_later), vec![("I-1", Some(2)), ("I-2", None)]);
    let delta_later = entry(&later, "C-4");
    assert!(delta_later.alerts.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_policy_and_a_lifted_stop_change_the_worklist() {
    let db = books().await;
    let store = &db.store;
    let today = d("2026-11-23");
    // The punctual policy now calls first, 10 days after the due date, with a fee.
    let mut policy = DunningPolicy::default_for(Segment::Punctual);
    policy.steps[0].offset_days = 10;
    policy.steps[0].action = DunningAction::Call;
    policy.steps[0].fee = Some(Decimal::new(1500, 2));
    store.save_dunning_policy(policy.clone()).await.unwrap();
    assert!(store.dunning_policies().await.unwrap().contains(&policy));

    let list = worklist::worklist(store, today).await.unwrap();
    let alpha = entry(&list, "C-1").action.clone().unwrap();
    assert_eq!(
        (alpha.action, alpha.fee),
        (DunningAction::Call, Some(eur(1500)))
    );
    // I-5 is 22 days late: due; I-1 is 13 days late: due too (+10).
    assert_eq!(
        items(entry(&list, "C-1")),
        vec![("I-1", Some(1)), ("I-2", None)]
    );

    // A bad policy is refused and the stored one stays.
    let mut bad = policy.clone();
    bad.steps[1].offset_days = 5;
    assert!(store.save_dunning_policy(bad).await.is_err());
    assert!(store.dunning_policies().await.unwrap().contains(&policy));
    store.reset_dunning_policy(Segment::Punctual).await.unwrap();
    assert!(
        store
            .dunning_policies()
            .await
            .unwrap()
            .contains(&DunningPolicy::default_for(Segment::Punctual))
    );

    // Lifting C-5's stop: it is due again.
    let echo = id(store, "C-5").await;
    let stop = &store.dunning_stops(Some(echo), today).await.unwrap()[0];
    store.lift_dunning_stop(stop.id, today).await.unwrap();
    let list = worklist::worklist(store, today).await.unwrap();
    assert_eq!(items(entry(&list, "C-5")), vec![("I-8", Some(1))]);
    // Without the override, C-5 follows the rules' segment (too little history: new).
    store.set_segment_override(echo, None).await.unwrap();
    let list = worklist::worklist(store, today).await.unwrap();
    assert_eq!(entry(&list, "C-5").segment, Segment::New);
}
