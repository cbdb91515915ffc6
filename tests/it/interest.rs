//! Legal interest with the reference rates kept in the database: the user's rows are stored,
//! override the shipped ones, survive a reopen, and can be removed again.

use creditdesk::ErrorCode;
use creditdesk::interest::{self, RateOrigin, RateRow, Rule, Series};
use creditdesk::money::{Currency, Money};
use creditdesk::store::Store;

use crate::util::{d, new_db};

fn row(series: Series, valid_from: &str, rate: &str, source: &str) -> RateRow {
    RateRow {
        series,
        valid_from: d(valid_from),
        rate: rate.parse().unwrap(),
        source: source.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_rates_override_the_shipped_ones_until_removed() {
    let db = new_db().await;
    let store = db.store.clone();
    assert!(store.user_reference_rates().await.unwrap().is_empty());
    let shipped = store.effective_rates().await.unwrap();
    assert_eq!(shipped, interest::EffectiveRates::shipped());

    // Override the ECB rate of 12 June 2024 (shipped 4.25) and add a future BoE rate.
    let saved = store
        .save_reference_rate(&row(Series::EcbMro, "2024-06-12", "4.000", "  my bank  "))
        .await
        .unwrap();
    assert_eq!(
        (saved.rate.to_string(), saved.source.as_str()),
        ("4.00".into(), "my bank")
    );
    store
        .save_reference_rate(&row(Series::BoeBase, "2031-02-06", "2.5", "BoE"))
        .await
        .unwrap();
    // Saving the same (series, date) again replaces the user's row.
    store
        .save_reference_rate(&row(
            Series::BoeBase,
            "2031-02-06",
            "2.75",
            "BoE, corrected",
        ))
        .await
        .unwrap();
    store.close().await;

    let store = Store::open(&db.path, &db.key).await.unwrap();
    let user = store.user_reference_rates().await.unwrap();
    assert_eq!(user.len(), 2);
    let rates = store.effective_rates().await.unwrap();
    let ecb = rates.in_force(Series::EcbMro, d("2024-07-01")).unwrap();
    assert_eq!(ecb.origin, RateOrigin::User);
    assert_eq!(ecb.shipped_rate.unwrap().to_string(), "4.25");
    let boe = rates.in_force(Series::BoeBase, d("2031-06-30")).unwrap();
    assert_eq!(
        (boe.row.rate.to_string(), boe.row.source.as_str()),
        ("2.75".into(), "BoE, corrected")
    );

    // France, 10,000 EUR due 2024-06-30, as of 2024-08-20: 51 days at (4.00 + 10) %:
    // 10,000 × 14 % × 51/365 = 195.6164 → 195.62; with the shipped 4.25: 199.11.
    let principal = Money::new("10000".parse().unwrap(), Currency::EUR);
    let (due, as_of) = (d("2024-06-30"), d("2024-08-20"));
    let with_user = interest::compute(Rule::France, principal, due, as_of, &rates).unwrap();
    assert_eq!(with_user.interest.amount_text(), "195.62");

    store
        .delete_reference_rate(Series::EcbMro, d("2024-06-12"))
        .await
        .unwrap();
    let restored = store.effective_rates().await.unwrap();
    let ecb = restored.in_force(Series::EcbMro, d("2024-07-01")).unwrap();
    assert_eq!(
        (ecb.origin, ecb.row.rate.to_string()),
        (RateOrigin::Shipped, "4.25".into())
    );
    let shipped = interest::compute(Rule::France, principal, due, as_of, &restored).unwrap();
    assert_eq!(shipped.interest.amount_text(), "199.11");

    // A shipped row cannot be deleted, only overridden.
    let err = store
        .delete_reference_rate(Series::EcbMro, d("2024-06-12"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rates_are_refused_and_nothing_is_kept() {
    let db = new_db().await;
    for bad in ["50.5", "-5.5", "425", "0.00001"] {
        let err = db
            .store
            .save_reference_rate(&row(Series::BundesbankBase, "2027-01-01", bad, ""))
            .await
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{bad}");
    }
    assert!(db.store.user_reference_rates().await.unwrap().is_empty());
    db.store.clone().close().await;
}
