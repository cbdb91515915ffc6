//! KPIs over the small fixture book, every figure computed by hand in the comments.

use creditdesk::collections::Segment;
use creditdesk::collections::segment::ManualSegment;
use creditdesk::kpi::{self, Dimension};
use rust_decimal::Decimal;

use crate::util::{d, fixture_book};

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// As of 2026-04-30, in EUR (the GBP invoice is left out):
/// open F-2026-002 605.50 (due 03-07, 54 days late), F-2026-003 4,800 − 2,000 − 1,000 = 1,800
/// (due 03-27, 34 days), credit note −105.50 (due 02-20, 69 days): 2,300.00, nothing current.
/// Sales by month back from 04-30: (03-30, 04-30] 0 over 31 days, (02-28, 03-30] 0 over 30,
/// (01-30, 02-28] 605.50 + 4,800 = 5,405.50 over 29 days. Countback: 31 + 30 +
/// 2,300 / 5,405.50 × 29 = 73.339 days. Standard: 2,300 / 5,405.50 × 90 = 38.294; best
/// possible 0; ADD 38.294. CEI over (03-31, 04-30]: open at 03-31 was 605.50 + 2,800 − 105.50
/// = 3,300, no sales, 2,300 open at the end, none current: (3,300 − 2,300) / 3,300 = 30.30 %.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portfolio_kpis_by_hand() {
    let db = fixture_book().await;
    let all = kpi::kpis(&db.store, d("2026-04-30"), Dimension::Portfolio)
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    let k = &all[0];
    assert_eq!(k.receivables.amount, dec("2300.00"));
    assert_eq!((k.open_items, k.overdue_items), (3, 3));
    assert_eq!(k.overdue.amount, dec("2300.00"));
    assert_eq!(k.share_current, Some(dec("0")));
    assert_eq!(k.ageing.current.amount, dec("0"));
    assert_eq!(k.ageing.days_31_60.amount, dec("2405.50"));
    assert_eq!(k.ageing.days_61_90.amount, dec("-105.50"));
    assert_eq!(k.dso_countback.unwrap().round_dp(3), dec("73.339"));
    assert_eq!(k.dso_standard.unwrap().round_dp(3), dec("38.294"));
    assert_eq!(k.bpdso, Some(dec("0")));
    assert_eq!(k.add.unwrap().round_dp(3), dec("38.294"));
    assert_eq!(k.cei.unwrap().round_dp(2), dec("30.30"));
    assert_eq!(k.sales_90_days.amount, dec("5405.50"));
}

/// Replayed as of 2026-04-01: the payment of 04-15 had not come, so F-2026-003 had 2,800 open
/// (5 days late), F-2026-002 605.50 (25 days), the credit note −105.50 (40 days): 3,300.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_past_is_replayed_and_groups_split() {
    let db = fixture_book().await;
    let k = kpi::kpis(&db.store, d("2026-04-01"), Dimension::Portfolio)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(k.receivables.amount, dec("3300.00"));
    assert_eq!(k.ageing.days_1_30.amount, dec("3405.50"));
    assert_eq!(k.ageing.days_31_60.amount, dec("-105.50"));

    let by_country = kpi::kpis(&db.store, d("2026-04-30"), Dimension::Country)
        .await
        .unwrap();
    let of = |c: &str| {
        by_country
            .iter()
            .find(|k| k.group == c)
            .map(|k| k.receivables.amount)
    };
    assert_eq!(of("NL"), Some(dec("500.00")));
    assert_eq!(of("FR"), Some(dec("1800.00")));
}

/// Per segment, the customers' sums add up to the portfolio's, and a segment set by hand
/// moves a customer's receivables with it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn segments_add_up_to_the_portfolio() {
    let db = fixture_book().await;
    let day = d("2026-04-30");
    let lefevre = db.store.customer_by_number("C-200").await.unwrap().id;
    db.store
        .set_segment_override(
            lefevre,
            Some(&ManualSegment {
                segment: Segment::Disputing,
                note: String::new(),
                set_on: day,
            }),
        )
        .await
        .unwrap();
    let by_segment = kpi::kpis(&db.store, day, Dimension::Segment).await.unwrap();
    let total: Decimal = by_segment.iter().map(|k| k.receivables.amount).sum();
    assert_eq!(total, dec("2300.00"));
    let disputing = by_segment.iter().find(|k| k.group == "disputing").unwrap();
    // Lefèvre (FR) owes the 1,800 of F-2026-003.
    assert_eq!(disputing.receivables.amount, dec("1800.00"));
    assert_eq!(disputing.overdue_items, 1);
    assert!(by_segment.iter().all(|k| !k.group.is_empty()));
}

/// The trend: one point per month end, then the day itself; each point equals the KPIs
/// asked for that day.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monthly_points_are_month_ends() {
    let db = fixture_book().await;
    let points = kpi::monthly(&db.store, d("2026-04-30"), 3).await.unwrap();
    let days: Vec<String> = points.iter().map(|k| k.as_of.to_string()).collect();
    assert_eq!(
        days,
        ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    );
    let march = kpi::kpis(&db.store, d("2026-03-31"), Dimension::Portfolio)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(points[2], march);
    assert_eq!(points[3].receivables.amount, dec("2300.00"));
}
