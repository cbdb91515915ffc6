//! Reconciliation against the store: statements written once, entries split by hand, undone,
//! IBANs remembered only when asked; every step on the customer's timeline and in the log.

use creditdesk::ErrorCode;
use creditdesk::bank::{Statement, StatementEntry, StatementFormat};
use creditdesk::domain::EntryStatus;
use creditdesk::money::{Currency, Money};
use creditdesk::reconcile::{self, Confirmations};
use creditdesk::store::{EntryFilter, Store, TimelineQuery};

use crate::util::{TestDb, d, new_db};

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

fn entry(reference: &str, minor: i64, name: &str, iban: &str, text: &str) -> StatementEntry {
    StatementEntry {
        entry: reference.to_string(),
        booking_date: d("2026-04-20"),
        value_date: d("2026-04-20"),
        amount: eur(minor),
        name: name.to_string(),
        iban: iban.to_string(),
        reference: String::new(),
        remittance: text.to_string(),
        end_to_end: String::new(),
        reversal: false,
        pending: false,
        transaction_code: String::new(),
    }
}

fn statement() -> Statement {
    Statement {
        id: "2026-04-20".to_string(),
        account: "BE68539007547034".to_string(),
        balances: Vec::new(),
        entries: vec![
            entry(
                "E-1",
                180_000,
                "Transports Lefevre",
                "FR7630006000011234567890189",
                "solde facture 3",
            ),
            entry("E-2", 50_000, "Someone", "", "gift"),
            entry("E-3", -12_000, "Electricity Co", "", "invoice 778"),
        ],
    }
}

async fn books() -> TestDb {
    let db = crate::util::fixture_book().await;
    let mut writer = db.store.writer().await.unwrap();
    writer
        .write_statement(
            "april.xml",
            StatementFormat::Camt053,
            &statement(),
            d("2026-04-21"),
        )
        .await
        .unwrap();
    writer.commit().await.unwrap();
    db
}

async fn entry_id(store: &Store, reference: &str) -> creditdesk::domain::BankEntryId {
    let all = store
        .bank_entries(&EntryFilter {
            limit: 100,
            ..EntryFilter::default()
        })
        .await
        .unwrap();
    all.iter()
        .find(|e| e.bank_reference == reference)
        .unwrap()
        .id
}

async fn open_of(store: &Store, number: &str) -> Money {
    store.invoice_by_number(number).await.unwrap().open_amount
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_statement_twice_adds_nothing() {
    let db = books().await;
    let mut writer = db.store.writer().await.unwrap();
    let again = writer
        .write_statement(
            "april.xml",
            StatementFormat::Camt053,
            &statement(),
            d("2026-04-22"),
        )
        .await
        .unwrap();
    writer.commit().await.unwrap();
    assert_eq!((again.added, again.already_there), (0, 3));
    let counts = db.store.bank_entry_counts().await.unwrap();
    let n = |s: EntryStatus| counts.iter().find(|(x, _)| *x == s).unwrap().1;
    assert_eq!(
        (n(EntryStatus::Unmatched), n(EntryStatus::Outgoing)),
        (2, 1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_split_by_hand_settles_the_item_and_undo_reopens_it() {
    let db = books().await;
    let e1 = entry_id(&db.store, "E-1").await;
    assert_eq!(open_of(&db.store, "F-2026-003").await, eur(180_000));

    let done = reconcile::split(
        &db.store,
        e1,
        &[("F-2026-003".to_string(), eur(180_000))],
        Confirmations {
            remember_iban: true,
        },
        d("2026-04-21"),
    )
    .await
    .unwrap();
    assert!(done.customer_id.is_some());
    assert!(open_of(&db.store, "F-2026-003").await.is_zero());
    assert_eq!(
        db.store.bank_entry(e1).await.unwrap().unwrap().status,
        EntryStatus::Confirmed
    );
    // The IBAN was confirmed: it is now the customer's, and the log says who said so.
    let ledger = db.store.reconciliation_ledger().await.unwrap();
    let lefevre = ledger
        .customers()
        .iter()
        .find(|c| c.number == "C-200")
        .unwrap();
    assert_eq!(
        lefevre.ibans,
        vec!["FR7630006000011234567890189".to_string()]
    );

    // Applied twice is refused.
    let twice = reconcile::split(
        &db.store,
        e1,
        &[("F-2026-003".to_string(), eur(1_000))],
        Confirmations::default(),
        d("2026-04-21"),
    )
    .await
    .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);

    let customer = db.store.customer_by_number("C-200").await.unwrap().id;
    let timeline = db
        .store
        .timeline(customer, &TimelineQuery::first_page(d("2026-04-30"), 50))
        .await
        .unwrap();
    let bank = timeline
        .events
        .iter()
        .find(|e| e.text.contains("Bank transfer, entry E-1"))
        .expect("the allocation is on the timeline");
    assert_eq!(bank.amount, Some(eur(180_000)));
    assert_eq!(bank.invoice.as_deref(), Some("F-2026-003"));
    assert_eq!(bank.date, d("2026-04-20"));

    let undone = reconcile::undo(&db.store, e1, d("2026-04-25"))
        .await
        .unwrap();
    assert_eq!(undone.len(), 1);
    assert_eq!(open_of(&db.store, "F-2026-003").await, eur(180_000));
    let allocations = db.store.entry_allocations(e1).await.unwrap();
    assert_eq!(
        allocations.len(),
        1,
        "the undone allocation stays on record"
    );
    assert_eq!(allocations[0].reversed_on, Some(d("2026-04-25")));
    assert_eq!(
        db.store.bank_entry(e1).await.unwrap().unwrap().status,
        EntryStatus::Unmatched
    );
    let timeline = db
        .store
        .timeline(customer, &TimelineQuery::first_page(d("2026-04-30"), 50))
        .await
        .unwrap();
    assert!(
        timeline
            .events
            .iter()
            .any(|e| e.text.contains("undone on 2026-04-25"))
    );

    let log: Vec<String> = db
        .store
        .reconciliation_log(Some(e1))
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.action)
        .collect();
    assert_eq!(log, ["split", "iban_confirmed", "undone"]);
    assert!(
        db.store
            .inconsistent_open_amounts()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_split_beyond_the_entry_or_the_item_writes_nothing() {
    let db = books().await;
    let e2 = entry_id(&db.store, "E-2").await;
    // 500.00 in the entry; 605.50 open on F-2026-002 and 1,800.00 on F-2026-003.
    let too_much = reconcile::split(
        &db.store,
        e2,
        &[
            ("F-2026-002".to_string(), eur(40_000)),
            ("F-2026-003".to_string(), eur(20_000)),
        ],
        Confirmations::default(),
        d("2026-04-21"),
    )
    .await
    .unwrap_err();
    assert_eq!(too_much.code, ErrorCode::InvalidInput);
    assert!(
        too_much.message.contains("more than"),
        "{}",
        too_much.message
    );
    let beyond_item = reconcile::split(
        &db.store,
        e2,
        &[("F-2026-002".to_string(), eur(70_000))],
        Confirmations::default(),
        d("2026-04-21"),
    )
    .await
    .unwrap_err();
    assert!(
        beyond_item.message.contains("F-2026-002"),
        "{}",
        beyond_item.message
    );
    let other_currency = reconcile::split(
        &db.store,
        e2,
        &[("F-2026-004".to_string(), eur(10_000))],
        Confirmations::default(),
        d("2026-04-21"),
    )
    .await
    .unwrap_err();
    assert_eq!(other_currency.code, ErrorCode::CurrencyMismatch);
    assert_eq!(open_of(&db.store, "F-2026-002").await, eur(60_550));
    assert!(db.store.entry_allocations(e2).await.unwrap().is_empty());
    assert!(
        db.store
            .reconciliation_log(Some(e2))
            .await
            .unwrap()
            .is_empty()
    );
    // Money out is never allocated to receivables.
    let e3 = entry_id(&db.store, "E-3").await;
    let out = reconcile::split(
        &db.store,
        e3,
        &[("F-2026-002".to_string(), eur(100))],
        Confirmations::default(),
        d("2026-04-21"),
    )
    .await
    .unwrap_err();
    assert!(out.message.contains("money out"), "{}", out.message);
}

async fn add_statement(db: &TestDb, id: &str, entries: Vec<StatementEntry>) {
    let statement = Statement {
        id: id.to_string(),
        account: "BE68539007547034".to_string(),
        balances: Vec::new(),
        entries,
    };
    let mut writer = db.store.writer().await.unwrap();
    writer
        .write_statement(
            "more.xml",
            StatementFormat::Camt053,
            &statement,
            d("2026-04-22"),
        )
        .await
        .unwrap();
    writer.commit().await.unwrap();
}

fn status_of(outcomes: &[reconcile::EntryOutcome], entry: &str) -> EntryStatus {
    outcomes
        .iter()
        .find(|o| o.entry.bank_reference == entry)
        .unwrap_or_else(|| panic!("{entry} was not considered"))
        .status
}

/// A run applies what is sure, suggests what is not, and learns from what the user refuses:
/// a rejected suggestion and an undone automatic match are not made again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_applies_suggests_and_remembers_refusals() {
    let db = books().await;
    let mut sure = entry("R-1", 180_000, "Transports Lefevre", "", "");
    sure.reference = "RF18 5390 0754 7034".to_string();
    add_statement(
        &db,
        "R",
        vec![sure, entry("R-2", 60_550, "J. Peeters", "", "payment")],
    )
    .await;
    let settings = db.store.match_settings().await.unwrap();
    let first = reconcile::run(&db.store, &settings, d("2026-04-22"))
        .await
        .unwrap();
    assert_eq!(status_of(&first, "R-1"), EntryStatus::Auto);
    assert_eq!(status_of(&first, "R-2"), EntryStatus::Suggested);
    // E-1 and E-2 (from `books`) point at nothing sure either.
    assert_ne!(status_of(&first, "E-2"), EntryStatus::Auto);
    assert!(open_of(&db.store, "F-2026-003").await.is_zero());
    let r2 = first
        .iter()
        .find(|o| o.entry.bank_reference == "R-2")
        .unwrap();
    let suggestion = r2.suggestion.as_ref().unwrap();
    assert_eq!(suggestion.allocations[0].invoice, "F-2026-002");
    assert!(suggestion.confidence < settings.auto_threshold);
    let r1 = first
        .iter()
        .find(|o| o.entry.bank_reference == "R-1")
        .unwrap();
    assert!(
        r1.suggestion
            .as_ref()
            .unwrap()
            .reason
            .contains("F-2026-003")
    );

    // Refused: R-2 is not offered F-2026-002 again.
    let r2_id = entry_id(&db.store, "R-2").await;
    reconcile::reject(&db.store, r2_id, d("2026-04-22"))
        .await
        .unwrap();
    let second = reconcile::run(&db.store, &settings, d("2026-04-22"))
        .await
        .unwrap();
    let again = second
        .iter()
        .find(|o| o.entry.bank_reference == "R-2")
        .unwrap();
    assert!(
        again
            .suggestion
            .as_ref()
            .is_none_or(|s| s.allocations.iter().all(|a| a.invoice != "F-2026-002"))
    );
    assert!(
        second.iter().all(|o| o.entry.bank_reference != "R-1"),
        "R-1 is done"
    );

    // Undone: R-1's automatic match is not applied again by the next run.
    let r1_id = entry_id(&db.store, "R-1").await;
    reconcile::undo(&db.store, r1_id, d("2026-04-23"))
        .await
        .unwrap();
    assert_eq!(open_of(&db.store, "F-2026-003").await, eur(180_000));
    let third = reconcile::run(&db.store, &settings, d("2026-04-23"))
        .await
        .unwrap();
    assert_ne!(status_of(&third, "R-1"), EntryStatus::Auto);
    assert_eq!(open_of(&db.store, "F-2026-003").await, eur(180_000));

    // A suggestion accepted settles its item, and says who did it.
    add_statement(
        &db,
        "S",
        vec![entry("S-1", 60_550, "B. Janssens", "BE71096123456769", "")],
    )
    .await;
    let fourth = reconcile::run(&db.store, &settings, d("2026-04-24"))
        .await
        .unwrap();
    assert_eq!(status_of(&fourth, "S-1"), EntryStatus::Suggested);
    let s1 = entry_id(&db.store, "S-1").await;
    let accepted = reconcile::accept(&db.store, s1, Confirmations::default(), d("2026-04-24"))
        .await
        .unwrap();
    assert_eq!(accepted.allocations[0].invoice, "F-2026-002");
    assert!(open_of(&db.store, "F-2026-002").await.is_zero());
    assert_eq!(
        db.store.bank_entry(s1).await.unwrap().unwrap().status,
        EntryStatus::Confirmed
    );
    // Nothing learnt silently: the payer's IBAN was not added to the customer.
    let ledger = db.store.reconciliation_ledger().await.unwrap();
    let bakery = ledger
        .customers()
        .iter()
        .find(|c| c.number == "C-100")
        .unwrap();
    assert!(!bakery.ibans.contains(&"BE71096123456769".to_string()));

    let actions: Vec<String> = db
        .store
        .reconciliation_log(None)
        .await
        .unwrap()
        .into_iter()
        .map(|l| format!("{}:{}", l.action, l.made_by))
        .collect();
    assert_eq!(
        actions,
        [
            "auto:reconciliation",
            "rejected:user",
            "undone:user",
            "accepted:user"
        ]
    );
    assert!(
        db.store
            .inconsistent_open_amounts()
            .await
            .unwrap()
            .is_empty()
    );
}

/// An entry the bank reports as pending (camt `Sts` PDNG) is shown but never imported: the
/// booked entry comes in a later statement, and reconciling both would count the money twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_entries_are_shown_but_not_imported() {
    let db = new_db().await;
    let path = crate::util::shared("bank/camt/camt052.v4.xml");
    let bytes = std::fs::read(&path).unwrap();
    let file = creditdesk::bank::parse("camt052.v4.xml", &bytes, None).unwrap();
    assert!(file.entries().all(|(_, e)| e.pending));
    let done = creditdesk::bank::import_statement(
        &db.store,
        "camt052.v4.xml",
        &bytes,
        None,
        d("2026-11-23"),
    )
    .await
    .unwrap();
    assert_eq!((done.entries, done.pending, done.added), (1, 1, 0));
    assert_eq!(db.store.status().await.unwrap().bank_entries, 0);

    let booked = crate::util::shared("bank/camt/camt053.v2.minimal.xml");
    let bytes = std::fs::read(&booked).unwrap();
    let done = creditdesk::bank::import_statement(
        &db.store,
        "camt053.v2.minimal.xml",
        &bytes,
        None,
        d("2026-11-23"),
    )
    .await
    .unwrap();
    assert_eq!((done.entries, done.pending, done.added), (1, 0, 1));
}
