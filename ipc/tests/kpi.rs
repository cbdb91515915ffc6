//! The receivables KPIs over IPC on the demo company: the portfolio, its split by segment,
//! owner and country adding up to it, and the monthly trend — as the UI receives them.

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::kpi_types::*;
use creditdesk_ipc::{ApiErrorCode, App};
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn amount(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn demo(dir: &tempfile::TempDir) -> App {
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    app.create_database(None).await.unwrap();
    app.load_demo(today()).await.unwrap();
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portfolio_and_its_groups_as_of_today() {
    let dir = tempfile::tempdir().unwrap();
    let closed = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    assert_eq!(
        closed
            .kpis(today(), KpiDimensionDto::Portfolio)
            .await
            .unwrap_err()
            .code,
        ApiErrorCode::NotReady
    );
    let app = demo(&dir).await;

    let portfolio = app.kpis(today(), KpiDimensionDto::Portfolio).await.unwrap();
    assert_eq!(portfolio.len(), 1);
    let all = &portfolio[0];
    assert_eq!(all.group, "");
    assert_eq!(all.as_of, "2026-11-23");
    assert_eq!(all.currency, "EUR");
    // The same open base-currency amount as the dashboard's overview, split exactly into the
    // ageing buckets; overdue is all of it but the current bucket.
    let overview = app.overview(today()).await.unwrap();
    assert_eq!(all.receivables, overview.total_open);
    let a = &all.ageing;
    let buckets = [
        &a.current,
        &a.days_1_30,
        &a.days_31_60,
        &a.days_61_90,
        &a.days_over_90,
    ];
    let aged: Decimal = buckets.iter().map(|m| amount(&m.amount)).sum();
    assert_eq!(aged, amount(&all.receivables.amount));
    assert_eq!(
        amount(&all.overdue.amount),
        aged - amount(&a.current.amount)
    );
    assert!(all.overdue_items > 0 && all.overdue_items < all.open_items);
    // Every figure is there on a year of demo history, and they hang together: ADD is the
    // standard DSO less the best possible one (each rounded to one decimal on its own).
    let standard = all.dso_standard.unwrap();
    let best = all.bpdso.unwrap();
    assert!(best > 0.0 && best < standard, "{all:?}");
    assert!(
        (all.add.unwrap() - (standard - best)).abs() <= 0.11,
        "{all:?}"
    );
    assert!(all.dso_countback.unwrap() > 0.0);
    let share = all.share_current.unwrap();
    assert!((0.0..=100.0).contains(&share));
    assert!((0.0..=100.0).contains(&all.cei.unwrap()));
    // Statistics cross with at most one decimal.
    assert_eq!((standard * 10.0).round() / 10.0, standard);

    // Each split adds up to the portfolio, amounts exactly.
    for dimension in [
        KpiDimensionDto::Segment,
        KpiDimensionDto::Owner,
        KpiDimensionDto::Country,
    ] {
        let groups = app.kpis(today(), dimension).await.unwrap();
        assert!(groups.len() > 1, "{dimension:?}: {groups:?}");
        let sum: Decimal = groups.iter().map(|g| amount(&g.receivables.amount)).sum();
        assert_eq!(sum, amount(&all.receivables.amount), "{dimension:?}");
        let items: u32 = groups.iter().map(|g| g.open_items).sum();
        assert_eq!(items, all.open_items, "{dimension:?}");
    }
    let segments = app.kpis(today(), KpiDimensionDto::Segment).await.unwrap();
    let codes = [
        "punctual",
        "forgetful",
        "systematic_late",
        "struggling",
        "disputing",
        "new",
    ];
    assert!(
        segments.iter().all(|g| codes.contains(&g.group.as_str())),
        "{:?}",
        segments.iter().map(|g| &g.group).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trend_is_twelve_month_ends_then_the_day() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo(&dir).await;
    let trend = app.kpi_trend(today()).await.unwrap();
    let days: Vec<&str> = trend.iter().map(|k| k.as_of.as_str()).collect();
    assert_eq!(days.len(), 13);
    assert_eq!(days[0], "2025-11-30");
    assert_eq!(days[1], "2025-12-31");
    assert_eq!(days[3], "2026-02-28");
    assert_eq!(days[11], "2026-10-31");
    assert_eq!(days[12], "2026-11-23");
    // The last point is the portfolio today.
    let now = app.kpis(today(), KpiDimensionDto::Portfolio).await.unwrap();
    assert_eq!(trend[12], now[0]);
    // A past day asked about moves the whole trend back.
    let earlier = app
        .kpi_trend(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap())
        .await
        .unwrap();
    assert_eq!(earlier.last().unwrap().as_of, "2026-06-15");
    assert_eq!(earlier[11].as_of, "2026-05-31");
}
