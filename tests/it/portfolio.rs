//! The portfolio overview: totals, ageing buckets, biggest overdue customers, recent events.

use creditdesk::import::ImportKind;
use creditdesk::portfolio::overview;

use crate::util::{d, data, import, new_db, options};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_of_the_fixture_portfolio() {
    let db = new_db().await;
    for (kind, file) in [
        (ImportKind::Customers, "import/customers.csv"),
        (ImportKind::Invoices, "import/invoices.csv"),
        (ImportKind::Payments, "import/payments.csv"),
    ] {
        import(&db.store, kind, &data(file), &options())
            .await
            .unwrap();
    }
    let o = overview(&db.store, d("2026-04-30")).await.unwrap();
    assert_eq!(o.currency.code(), "EUR");
    // Open in EUR: F-2026-002 605.50 (due 7 March) + F-2026-003 1,800.00 (due 27 March) − CN 105.50.
    assert_eq!(o.total_open.to_string(), "2300.00 EUR");
    assert_eq!(o.overdue.to_string(), "2405.50 EUR");
    assert_eq!(o.unapplied_credits.to_string(), "-105.50 EUR");
    assert!(o.ageing.current.is_zero());
    assert!(o.ageing.days_1_30.is_zero());
    assert_eq!(o.ageing.days_31_60.to_string(), "2405.50 EUR");
    assert!(o.ageing.days_61_90.is_zero() && o.ageing.days_over_90.is_zero());
    assert_eq!((o.open_invoices, o.overdue_invoices), (2, 2));
    let biggest: Vec<&str> = o
        .biggest_overdue
        .iter()
        .map(|c| c.number.as_str())
        .collect();
    assert_eq!(biggest, ["C-200", "C-100"]);
    assert_eq!(
        o.other_currencies
            .iter()
            .map(|m| m.to_string())
            .collect::<Vec<_>>(),
        ["950.00 GBP"]
    );
    let recent: Vec<(String, &str)> = o
        .recent
        .iter()
        .map(|e| (e.date.to_string(), e.customer_number.as_str()))
        .collect();
    assert_eq!(recent[0], ("2026-04-15".to_string(), "C-200"));
    assert_eq!(o.recent.len(), 3);

    // As of 1 March nothing was overdue yet but F-2026-001, already paid.
    let early = overview(&db.store, d("2026-03-01")).await.unwrap();
    assert!(early.overdue.is_zero());
    assert_eq!(early.ageing.current.to_string(), "2405.50 EUR");
}
