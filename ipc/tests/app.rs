//! The command bodies, run as the shell runs them but without a window: a temporary data
//! directory, the real encrypted database, JSON shapes as the UI receives them.

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::types::{RecordRequest, SetupDto, TimelineKindDto, TimelineRequest};
use creditdesk_ipc::{ApiErrorCode, App};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_demo_dashboard_customer_promise_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let key = KeySource::Key(DbKey::generate().unwrap());
    let app = App::with_key_source(dir.path(), key.clone());

    assert_eq!(app.status().await.unwrap().setup, SetupDto::NeedsDatabase);
    assert_eq!(
        app.overview(today()).await.unwrap_err().code,
        ApiErrorCode::NotReady
    );

    let status = app.create_database(None).await.unwrap();
    assert_eq!(status.setup, SetupDto::Ready);
    assert!(status.empty);
    let demo = app.load_demo(today()).await.unwrap();
    assert_eq!(demo.customers, 300);
    assert_eq!(
        app.load_demo(today()).await.unwrap_err().code,
        ApiErrorCode::Conflict
    );
    let status = app.status().await.unwrap();
    assert!(!status.empty);
    assert_eq!(status.company_name, "Brightwave Supplies NV");

    let overview = app.overview(today()).await.unwrap();
    assert_eq!(overview.currency, "EUR");
    assert!(overview.total_open.amount.parse::<f64>().unwrap() > 0.0);
    assert_eq!(overview.biggest_overdue.len(), 10);
    let json = serde_json::to_value(&overview).unwrap();
    assert!(
        json["overdue"]["amount"].is_string(),
        "money crosses as a string: {}",
        json["overdue"]
    );

    let customers = app.customers(today()).await.unwrap();
    assert_eq!(customers.len(), 300);
    let first = &customers[0];
    let detail = app.customer(first.id, today()).await.unwrap();
    assert_eq!(detail.number, first.number);
    assert_eq!(
        detail.overdue, first.overdue,
        "the header and the list agree"
    );

    let promise = RecordRequest::Promise {
        customer_id: first.id,
        date: "2026-11-23".into(),
        amount: "1250.00".into(),
        due: "2026-11-30".into(),
        text: "Will pay the two oldest invoices".into(),
    };
    app.record(promise).await.unwrap();
    let request = TimelineRequest {
        customer_id: first.id,
        kinds: vec![TimelineKindDto::Promise],
        offset: 0,
        limit: 5,
    };
    let top = app.timeline(request.clone(), today()).await.unwrap().events[0].clone();
    assert_eq!(top.text, "Will pay the two oldest invoices");
    assert_eq!(top.amount.as_ref().unwrap().amount, "1250.00");
    assert_eq!(top.due_date.as_deref(), Some("2026-11-30"));
    app.close().await;

    // A restart opens the same encrypted database: the promise is still there.
    let again = App::with_key_source(dir.path(), key);
    again.open_at_start().await;
    assert_eq!(again.status().await.unwrap().setup, SetupDto::Ready);
    let kept = again.timeline(request, today()).await.unwrap().events[0].clone();
    assert_eq!(kept, top);
    again.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_comes_back_as_a_coded_error() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    app.load_demo(today()).await.unwrap();
    let id = app.customers(today()).await.unwrap()[0].id;
    let bad = RecordRequest::Promise {
        customer_id: id,
        date: "2026-11-23".into(),
        amount: "lots".into(),
        due: "2026-11-30".into(),
        text: String::new(),
    };
    let err = app.record(bad).await.unwrap_err();
    assert_eq!(err.code, ApiErrorCode::InvalidInput);
    assert!(
        err.message.contains("'lots' is not an amount"),
        "{}",
        err.message
    );
    let late = RecordRequest::Promise {
        customer_id: id,
        date: "2026-11-23".into(),
        amount: "10".into(),
        due: "2026-11-01".into(),
        text: String::new(),
    };
    assert_eq!(
        app.record(late).await.unwrap_err().code,
        ApiErrorCode::InvalidInput
    );
    assert_eq!(
        app.customer(999_999, today()).await.unwrap_err().code,
        ApiErrorCode::NotFound
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passphrase_database_is_unlocked_by_its_passphrase_only() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(dir.path());
    app.create_database(Some("travelling light 2026".into()))
        .await
        .unwrap();
    app.close().await;

    let again = App::new(dir.path());
    again.open_at_start().await;
    assert_eq!(
        again.status().await.unwrap().setup,
        SetupDto::NeedsPassphrase
    );
    assert_eq!(
        again.unlock("not it at all".into()).await.unwrap_err().code,
        ApiErrorCode::WrongKey
    );
    assert_eq!(
        again
            .unlock("travelling light 2026".into())
            .await
            .unwrap()
            .setup,
        SetupDto::Ready
    );
    again.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_company_is_edited_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    let mut company = app.company().await.unwrap();
    assert_eq!(
        (company.country.as_str(), company.base_currency.as_str()),
        ("BE", "EUR")
    );
    company.name = "Van Acker Distributie NV".into();
    company.iban = "be68 5390 0754 7034".into();
    company.country = "nl".into();
    let kept = app.save_company(company.clone()).await.unwrap();
    assert_eq!(kept.iban, "BE68539007547034");
    assert_eq!(kept.country, "NL");
    assert_eq!(
        app.status().await.unwrap().company_name,
        "Van Acker Distributie NV"
    );
    let bad = creditdesk_ipc::types::CompanyDto {
        iban: "BE00 1234".into(),
        ..company
    };
    assert_eq!(
        app.save_company(bad).await.unwrap_err().code,
        ApiErrorCode::InvalidInput
    );
    assert_eq!(
        app.company().await.unwrap().iban,
        "BE68539007547034",
        "a refused save changes nothing"
    );
    app.close().await;
}

/// The import screen's commands: a preview that writes nothing, a refused file answered with
/// every problem (not as a failed command), then the corrected file imported with progress.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_previewed_refused_with_its_problems_then_imported() {
    use creditdesk_ipc::import_types::*;
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    let file = dir.path().join("klanten.csv");
    let request = |mapping: Vec<MappingEntryDto>| ImportRequest {
        kind: ImportKindDto::Customers,
        path: file.display().to_string(),
        mapping,
        date_format: None,
        create_missing_customers: false,
    };
    std::fs::write(
        &file,
        "Klantnr;Naam;Max krediet\nK-1;Bakkerij Peeters;5000\nK-2;;1000\nK-3;Garage Maes;veel\n",
    )
    .unwrap();

    let preview = app.import_preview(request(vec![])).await.unwrap();
    assert_eq!(preview.rows, 3);
    assert_eq!(preview.sample[1].line, 3);
    let column = |field: &str| {
        preview
            .fields
            .iter()
            .find(|f| f.field == field)
            .unwrap()
            .column
            .clone()
    };
    assert_eq!(column("customer_number").as_deref(), Some("Klantnr"));
    assert_eq!(column("name").as_deref(), Some("Naam"));
    assert_eq!(column("credit_limit"), None, "no alias: the user maps it");
    assert_eq!(preview.blocker, None);

    let mapped = || {
        request(vec![MappingEntryDto {
            field: "credit_limit".into(),
            column: "Max krediet".into(),
        }])
    };
    let mut reports = Vec::new();
    let outcome = app
        .import_file(mapped(), &mut |p| reports.push(p))
        .await
        .unwrap();
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["outcome"], "refused");
    assert_eq!(
        json["problems"],
        serde_json::json!([
            {"line": 3, "column": "Naam", "reason": "empty, but required"},
            {"line": 4, "column": "Max krediet", "reason": "'veel' is not an amount"},
        ])
    );
    assert!(app.status().await.unwrap().empty, "a refused file wrote");

    std::fs::write(
        &file,
        "Klantnr;Naam;Max krediet\nK-1;Bakkerij Peeters;5000\nK-2;Frituur Jef;1000\nK-3;Garage Maes;2500,50\n",
    )
    .unwrap();
    reports.clear();
    let outcome = app
        .import_file(mapped(), &mut |p| reports.push(p))
        .await
        .unwrap();
    let ImportOutcomeDto::Imported { report } = outcome else {
        panic!("refused: {outcome:?}");
    };
    assert_eq!((report.rows, report.created), (3, 3));
    assert_eq!(reports.first().unwrap().phase, ImportPhaseDto::Reading);
    assert_eq!(
        reports.last().unwrap(),
        &ImportProgressDto {
            phase: ImportPhaseDto::Writing,
            done: 3,
            total: 3
        }
    );
    let customers = app.customers(today()).await.unwrap();
    let garage = customers.iter().find(|c| c.number == "K-3").unwrap();
    assert_eq!(garage.name, "Garage Maes");

    // A file that cannot be read is an error of the command, not a list of problems.
    let mut missing = mapped();
    missing.path = dir.path().join("nope.csv").display().to_string();
    assert_eq!(
        app.import_file(missing, &mut |_| {})
            .await
            .unwrap_err()
            .code,
        ApiErrorCode::NotFound
    );
    app.close().await;
}

/// A passphrase database locks (on the user's word or the window's idle timer) and opens
/// again with its passphrase; its idle time is a preference kept in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passphrase_database_locks_after_the_chosen_idle_time_and_unlocks() {
    use creditdesk_ipc::types::PreferencesDto;
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(dir.path());
    let status = app
        .create_database(Some("travelling light 2026".into()))
        .await
        .unwrap();
    assert!(status.passphrase_protected);
    assert_eq!(status.idle_lock_minutes, 15, "the default");

    let saved = app
        .save_preferences(PreferencesDto {
            idle_lock_minutes: 5,
        })
        .await
        .unwrap();
    assert_eq!(saved.idle_lock_minutes, 5);
    assert_eq!(
        app.save_preferences(PreferencesDto {
            idle_lock_minutes: 10_000
        })
        .await
        .unwrap_err()
        .code,
        ApiErrorCode::InvalidInput
    );
    assert_eq!(app.status().await.unwrap().idle_lock_minutes, 5);

    let locked = app.lock().await.unwrap();
    assert_eq!(locked.setup, SetupDto::NeedsPassphrase);
    assert_eq!(
        app.overview(today()).await.unwrap_err().code,
        ApiErrorCode::NotReady
    );
    let open = app.unlock("travelling light 2026".into()).await.unwrap();
    assert_eq!(open.setup, SetupDto::Ready);
    assert_eq!(open.idle_lock_minutes, 5);
    app.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keychain_database_does_not_lock_and_backs_up_under_a_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    let status = app.create_database(None).await.unwrap();
    assert!(!status.passphrase_protected);
    assert_eq!(status.idle_lock_minutes, 0);
    assert_eq!(
        app.lock().await.unwrap_err().code,
        ApiErrorCode::InvalidInput
    );
    assert_eq!(app.status().await.unwrap().setup, SetupDto::Ready);

    app.load_demo(today()).await.unwrap();
    let target = dir.path().join("backup.creditdesk");
    let backup = app
        .backup(
            target.display().to_string(),
            "keep it somewhere safe".into(),
        )
        .await
        .unwrap();
    assert_eq!(backup.path, target.display().to_string());
    assert!(backup.bytes > 100_000, "{} bytes", backup.bytes);
    let json = serde_json::to_value(&backup).unwrap();
    assert!(json["bytes"].is_u64());

    // The backup opens as the database of another data directory, with its passphrase.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(
        &target,
        creditdesk::session::database_path(elsewhere.path()),
    )
    .unwrap();
    std::fs::copy(
        &backup.salt_path,
        creditdesk::keys::passphrase::salt_path(&creditdesk::session::database_path(
            elsewhere.path(),
        )),
    )
    .unwrap();
    let restored = App::new(elsewhere.path());
    let status = restored
        .unlock("keep it somewhere safe".into())
        .await
        .unwrap();
    assert_eq!(status.company_name, "Brightwave Supplies NV");
    assert_eq!(
        restored.customers(today()).await.unwrap(),
        app.customers(today()).await.unwrap()
    );
    restored.close().await;
    app.close().await;
}
