//! The cash-in forecast over IPC on the demo company: the 13 weeks, the invoices of a week,
//! a search, a page, one customer's expected payments and the six-month backtest — as the UI
//! receives them.

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::forecast_types::*;
use creditdesk_ipc::{ApiErrorCode, App};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn every(limit: u32) -> ForecastRequest {
    ForecastRequest {
        week: None,
        search: String::new(),
        offset: 0,
        limit,
    }
}

async fn demo(dir: &tempfile::TempDir) -> App {
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    app.load_demo(today()).await.unwrap();
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weeks_a_week_drilled_down_a_search_and_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir).await;

    let all = app.forecast(every(500), today()).await.unwrap();
    assert_eq!(all.as_of, "2026-11-23");
    assert_eq!(all.currency, "EUR");
    // 13 weeks from the Monday of the day (2026-11-23 is one), a week apart.
    let starts: Vec<&str> = all.weeks.iter().map(|w| w.week_start.as_str()).collect();
    assert_eq!(starts.len(), 13);
    assert_eq!(starts[0], "2026-11-23");
    assert_eq!(starts[1], "2026-11-30");
    assert_eq!(starts[12], "2027-02-15");
    assert!(all.weeks.iter().any(|w| w.invoices > 0));
    assert_eq!(all.later.currency, "EUR");
    // The open invoices (credit notes, owed to the customer, are not cash-in), each with a
    // range around its date and a reason, by expected date.
    let customers = app.customers(today()).await.unwrap();
    let open_items: u32 = customers.iter().map(|c| c.open_items).sum();
    assert!(all.open_invoices > 0 && all.open_invoices <= open_items);
    assert_eq!(all.matching, all.open_invoices);
    assert_eq!(all.invoices.len() as u32, all.open_invoices.min(500));
    for f in &all.invoices {
        assert!(
            f.low <= f.expected_date && f.expected_date <= f.high,
            "{f:?}"
        );
        assert!(f.expected_date.as_str() > "2026-11-23", "{f:?}");
        assert!(!f.reason.is_empty(), "{f:?}");
    }
    assert!(
        all.invoices
            .windows(2)
            .all(|p| p[0].expected_date <= p[1].expected_date)
    );

    // A week drilled down: only the invoices expected in it.
    let busy = all.weeks.iter().find(|w| w.invoices > 0).unwrap();
    let week = app
        .forecast(
            ForecastRequest {
                week: Some(busy.week_start.clone()),
                ..every(500)
            },
            today(),
        )
        .await
        .unwrap();
    assert!(week.matching > 0);
    assert!(week.matching >= busy.invoices, "{busy:?} {}", week.matching);
    let end = (NaiveDate::parse_from_str(&busy.week_start, "%Y-%m-%d").unwrap()
        + chrono::Days::new(7))
    .to_string();
    assert!(
        week.invoices
            .iter()
            .all(|f| f.expected_date >= busy.week_start && f.expected_date < end)
    );
    // The weeks themselves do not depend on the filter.
    assert_eq!(week.weeks, all.weeks);

    // A search by a customer's name, in another case.
    let name = all.invoices[0].customer.clone();
    let found = app
        .forecast(
            ForecastRequest {
                search: name.to_uppercase(),
                ..every(500)
            },
            today(),
        )
        .await
        .unwrap();
    assert!(found.matching > 0);
    assert!(found.invoices.iter().all(|f| f.customer == name));

    // A page.
    let page = app
        .forecast(
            ForecastRequest {
                offset: 5,
                ..every(5)
            },
            today(),
        )
        .await
        .unwrap();
    assert_eq!(page.matching, all.matching);
    assert_eq!(page.invoices, all.invoices[5..10]);

    let bad = app
        .forecast(
            ForecastRequest {
                week: Some("next week".into()),
                ..every(5)
            },
            today(),
        )
        .await
        .unwrap_err();
    assert_eq!(bad.code, ApiErrorCode::InvalidInput);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customers_expected_payments_and_the_backtest() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir).await;

    // Each of a customer's open invoices owed to it, and nothing else.
    let customer = app.customers(today()).await.unwrap()[0].clone();
    let expected = app.customer_forecast(customer.id, today()).await.unwrap();
    let detail = app.customer(customer.id, today()).await.unwrap();
    let owed = detail
        .open_invoices
        .iter()
        .filter(|i| {
            i.open_amount
                .amount
                .parse::<rust_decimal::Decimal>()
                .unwrap()
                > rust_decimal::Decimal::ZERO
        })
        .count();
    assert!(owed > 0);
    assert_eq!(expected.len(), owed);
    for f in &expected {
        assert_eq!(f.customer_id, customer.id);
        assert!(
            detail.open_invoices.iter().any(|i| i.id == f.invoice_id),
            "{f:?}"
        );
    }
    assert_eq!(
        app.customer_forecast(999_999, today())
            .await
            .unwrap_err()
            .code,
        ApiErrorCode::NotFound
    );

    // Over the last six months: replayed as of 182 days ago, next to the naive predictors.
    let backtest = app.forecast_backtest(today()).await.unwrap();
    assert_eq!(backtest.as_of, "2026-05-25");
    assert_eq!(backtest.horizon_days, 182);
    assert!(backtest.invoices > 0, "{backtest:?}");
    let mae = backtest.mae_days.unwrap();
    assert!(
        mae >= 0.0 && (mae * 10.0).round() / 10.0 == mae,
        "{backtest:?}"
    );
    assert!(backtest.due_date_mae_days.is_some());
    assert!(backtest.customer_median_mae_days.is_some());
    assert!((0.0..=100.0).contains(&backtest.within_range.unwrap()));
}
