//! Writes what the IPC commands answer for the demo company into `ui/src/api/fixtures/`, so the
//! UI can be developed and its unit tests run against real shapes and realistic data.
//!
//! Run: `cargo run -p creditdesk-ipc --example ui_fixtures`

use std::path::Path;

use chrono::NaiveDate;
use creditdesk::keys::KeySource;
use creditdesk_ipc::App;
use creditdesk_ipc::collections_types::{DunningActionDto, DunningRunRequest, SegmentDto};
use creditdesk_ipc::forecast_types::ForecastRequest;
use creditdesk_ipc::interest_types::LegalInterestRequest;
use creditdesk_ipc::kpi_types::KpiDimensionDto;
use creditdesk_ipc::reconcile_types::{BankEntriesRequest, OpenItemsRequest};
use creditdesk_ipc::types::{TimelineKindDto, TimelineRequest};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/fixtures");
    std::fs::create_dir_all(&out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let app = App::with_key_source(
        dir.path(),
        KeySource::Key(creditdesk::keys::DbKey::generate().unwrap()),
    );
    app.create_database(None).await.unwrap();
    app.load_demo(today).await.unwrap();
    let write = |name: &str, value: &dyn erased::Json| {
        std::fs::write(out.join(name), value.json()).unwrap();
    };
    write("app_status.json", &app.status().await.unwrap());
    write("overview.json", &app.overview(today).await.unwrap());
    let customers = app.customers(today).await.unwrap();
    write("customers.json", &customers);
    let first = &customers[0];
    write(
        "customer.json",
        &app.customer(first.id, today).await.unwrap(),
    );
    let request = TimelineRequest {
        customer_id: first.id,
        kinds: Vec::new(),
        offset: 0,
        limit: 50,
    };
    write(
        "timeline.json",
        &app.timeline(request, today).await.unwrap(),
    );
    let promises = TimelineRequest {
        customer_id: first.id,
        kinds: vec![TimelineKindDto::Promise],
        offset: 0,
        limit: 50,
    };
    write(
        "timeline_promises.json",
        &app.timeline(promises, today).await.unwrap(),
    );

    // The KPIs per dimension and the monthly trend, before the runs below change the ledger.
    let mut kpis = serde_json::Map::new();
    for (name, dimension) in [
        ("portfolio", KpiDimensionDto::Portfolio),
        ("owner", KpiDimensionDto::Owner),
        ("country", KpiDimensionDto::Country),
        ("segment", KpiDimensionDto::Segment),
    ] {
        let groups = app.kpis(today, dimension).await.unwrap();
        kpis.insert(name.into(), serde_json::to_value(groups).unwrap());
    }
    write("kpis.json", &kpis);
    write("kpi_trend.json", &app.kpi_trend(today).await.unwrap());

    // The forecast with every open invoice (paged through: the mock filters it, and answers
    // a customer's expected payments from it), and the six-month backtest.
    let page = |offset: u32| ForecastRequest {
        week: None,
        search: String::new(),
        offset,
        limit: 500,
    };
    let mut forecast = app.forecast(page(0), today).await.unwrap();
    while (forecast.invoices.len() as u32) < forecast.matching {
        let next = app
            .forecast(page(forecast.invoices.len() as u32), today)
            .await
            .unwrap();
        forecast.invoices.extend(next.invoices);
    }
    write("forecast.json", &forecast);
    write(
        "forecast_backtest.json",
        &app.forecast_backtest(today).await.unwrap(),
    );

    // Settings: legal interest (the rate tables, one computation), the letter templates.
    write(
        "reference_rates.json",
        &app.reference_rates().await.unwrap(),
    );
    let interest = LegalInterestRequest {
        country: None,
        amount: "12500.00".into(),
        currency: "EUR".into(),
        due: "2026-01-10".into(),
        as_of: Some("2026-11-23".into()),
    };
    write(
        "legal_interest.json",
        &app.legal_interest(interest, today).await.unwrap(),
    );
    write(
        "letter_templates.json",
        &app.letter_templates().await.unwrap(),
    );

    // The outbox after a run of the e-mail entries of the worklist (the shipped policies send
    // the forgetful and the systematically late an e-mail); the letters go to the temporary data directory.
    let list = app.worklist(today).await.unwrap();
    let emails: Vec<u32> = list
        .customers
        .iter()
        .filter(|e| {
            matches!(
                e.segment,
                SegmentDto::Forgetful | SegmentDto::SystematicLate
            ) && e
                .action
                .as_ref()
                .is_some_and(|a| a.action == DunningActionDto::Email && !a.email_missing)
        })
        .take(4)
        .map(|e| e.customer_id)
        .collect();
    let now = today.and_hms_opt(9, 30, 0).unwrap().and_utc();
    app.run_dunning(
        DunningRunRequest {
            as_of: None,
            customer_ids: emails,
        },
        today,
        now,
    )
    .await
    .unwrap();
    write("outbox.json", &app.outbox().await.unwrap());
    // Reconciliation: the demo's statement as it waits, the open items of its payers (for the
    // split by hand), the settings; then a run and the entries as it leaves them.
    let all = BankEntriesRequest {
        statuses: Vec::new(),
        offset: 0,
        limit: 500,
    };
    let waiting = app.bank_entries(all.clone()).await.unwrap();
    write("bank_entries.json", &waiting);
    let mut names: Vec<&str> = waiting.entries.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut items = Vec::new();
    for name in names {
        let found = app
            .open_items(OpenItemsRequest {
                customer_id: None,
                text: name.to_string(),
            })
            .await
            .unwrap();
        for item in found {
            if !items.contains(&item) {
                items.push(item);
            }
        }
    }
    write("open_items.json", &items);
    write("match_settings.json", &app.match_settings().await.unwrap());
    write("reconcile_run.json", &app.reconcile(today).await.unwrap());
    write(
        "bank_entries_reconciled.json",
        &app.bank_entries(all).await.unwrap(),
    );
    app.close().await;
    println!("fixtures written to {}", out.display());
}

mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string_pretty(self).unwrap() + "\n"
        }
    }
}
