//! Legal interest over the IPC: the tables for Settings, a user rate saved and removed, and a
//! computation under the company's rule, as the UI receives them.

use chrono::NaiveDate;
use creditdesk::keys::{DbKey, KeySource};
use creditdesk_ipc::interest_types::{
    LegalInterestRequest, RateOriginDto, ReferenceRatesDto, SaveReferenceRateRequest,
};
use creditdesk_ipc::{ApiErrorCode, App};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn row<'a>(
    tables: &'a ReferenceRatesDto,
    series: &str,
    valid_from: &str,
) -> &'a creditdesk_ipc::interest_types::ReferenceRateDto {
    tables
        .series
        .iter()
        .find(|s| s.series == series)
        .unwrap()
        .rows
        .iter()
        .find(|r| r.valid_from == valid_from)
        .unwrap()
}

fn request(country: Option<&str>) -> LegalInterestRequest {
    LegalInterestRequest {
        country: country.map(str::to_string),
        amount: "10000.00".into(),
        currency: "EUR".into(),
        due: "2024-06-30".into(),
        as_of: Some("2024-08-20".into()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rates_for_settings_user_override_and_legal_interest() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::with_key_source(dir.path(), KeySource::Key(DbKey::generate().unwrap()));
    assert_eq!(
        app.reference_rates().await.unwrap_err().code,
        ApiErrorCode::NotReady
    );
    app.create_database(None).await.unwrap();

    let tables = app.reference_rates().await.unwrap();
    let names: Vec<&str> = tables.series.iter().map(|s| s.series.as_str()).collect();
    assert_eq!(names, ["ecb_mro", "bundesbank_base", "boe_base"]);
    assert!(
        tables
            .series
            .iter()
            .all(|s| s.rows.iter().all(|r| r.origin == RateOriginDto::Shipped))
    );
    assert_eq!(tables.rules.len(), 5);
    // The new database's company is in BE: the EU rule.
    assert_eq!(
        (
            tables.company_country.as_str(),
            tables.company_rule.as_deref()
        ),
        ("BE", Some("eu"))
    );
    let json = serde_json::to_value(&tables).unwrap();
    assert_eq!(json["series"][0]["rows"][0]["origin"], "shipped");
    assert!(json["series"][0]["rows"][0]["rate"].is_string());

    // The company's rule (EU, BE) by default: 51 days at 4.25 + 8 = 12.25 %:
    // 10,000 × 12.25 % × 51/365 = 171.1644 → 171.16, plus €40.
    let be = app.legal_interest(request(None), today()).await.unwrap();
    assert_eq!((be.rule.as_str(), be.country.as_str()), ("eu", "BE"));
    assert_eq!(be.interest.amount, "171.16");
    assert_eq!(be.compensation.amount, "40.00");
    assert_eq!(be.days, 51);

    // Override the ECB rate of 12 June 2024 (4.25) with 4.00: France, 51 days at 14.00 %:
    // 10,000 × 14 % × 51/365 = 195.6164 → 195.62 (199.11 with the shipped rate).
    let saved = app
        .save_reference_rate(SaveReferenceRateRequest {
            series: "ecb_mro".into(),
            valid_from: "2024-06-12".into(),
            rate: "4.00".into(),
            source: "test".into(),
        })
        .await
        .unwrap();
    let overridden = row(&saved, "ecb_mro", "2024-06-12");
    assert_eq!(overridden.origin, RateOriginDto::User);
    assert_eq!(overridden.shipped_rate.as_deref(), Some("4.25"));
    let fr = app
        .legal_interest(request(Some("FR")), today())
        .await
        .unwrap();
    assert_eq!(fr.interest.amount, "195.62");
    assert_eq!(fr.periods[0].reference_origin, RateOriginDto::User);

    let restored = app
        .delete_reference_rate("ecb_mro".into(), "2024-06-12".into())
        .await
        .unwrap();
    assert_eq!(
        row(&restored, "ecb_mro", "2024-06-12").origin,
        RateOriginDto::Shipped
    );
    let fr = app
        .legal_interest(request(Some("FR")), today())
        .await
        .unwrap();
    assert_eq!(fr.interest.amount, "199.11");

    // Refusals carry the closed codes.
    let bad_rate = app
        .save_reference_rate(SaveReferenceRateRequest {
            series: "ecb_mro".into(),
            valid_from: "2027-01-01".into(),
            rate: "425".into(),
            source: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(bad_rate.code, ApiErrorCode::InvalidInput);
    let unknown = app
        .delete_reference_rate("ecb_mro".into(), "2024-06-12".into())
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ApiErrorCode::NotFound);
    let us = app
        .legal_interest(request(Some("US")), today())
        .await
        .unwrap_err();
    assert_eq!(us.code, ApiErrorCode::InvalidInput);
    let gbp = app
        .legal_interest(
            LegalInterestRequest {
                currency: "GBP".into(),
                ..request(Some("FR"))
            },
            today(),
        )
        .await
        .unwrap_err();
    assert_eq!(gbp.code, ApiErrorCode::CurrencyMismatch);
}
