//! Command bodies of legal late-payment interest: the reference-rate tables for Settings, the
//! user's rows, and one computation.

use chrono::NaiveDate;
use creditdesk::domain::Country;
use creditdesk::interest::{self, RateRow, Rule, Series};
use creditdesk::money::Currency;

use crate::error::ApiResult;
use crate::interest_types::*;

impl super::App {
    /// Every series' effective table (shipped and user rows), the rules per country, and the
    /// company's rule.
    pub async fn reference_rates(&self) -> ApiResult<ReferenceRatesDto> {
        let store = self.store().await?;
        let rates = store.effective_rates().await?;
        let country = store.company().await?.country;
        Ok(ReferenceRatesDto::new(
            &rates,
            country.to_string(),
            Rule::for_country(country).ok(),
        ))
    }

    /// Keeps a user rate (validated by the core); answers the tables as they now are.
    pub async fn save_reference_rate(
        &self,
        row: SaveReferenceRateRequest,
    ) -> ApiResult<ReferenceRatesDto> {
        let store = self.store().await?;
        let row = RateRow {
            series: Series::parse(&row.series)?,
            valid_from: super::parse_date(&row.valid_from, "valid from")?,
            rate: interest::parse_rate(&row.rate)?,
            source: row.source,
        };
        store.save_reference_rate(&row).await?;
        self.reference_rates().await
    }

    /// Removes a user rate (restoring the shipped one of that date, if any).
    pub async fn delete_reference_rate(
        &self,
        series: String,
        valid_from: String,
    ) -> ApiResult<ReferenceRatesDto> {
        let store = self.store().await?;
        store
            .delete_reference_rate(
                Series::parse(&series)?,
                super::parse_date(&valid_from, "valid from")?,
            )
            .await?;
        self.reference_rates().await
    }

    /// Legal interest and compensation on one debt, under the rule of `request.country` (the
    /// company's when absent), as of `request.as_of` (`today` when absent).
    pub async fn legal_interest(
        &self,
        request: LegalInterestRequest,
        today: NaiveDate,
    ) -> ApiResult<LegalInterestDto> {
        let store = self.store().await?;
        let country = match request.country.as_deref().map(str::trim) {
            Some(code) if !code.is_empty() => Country::parse(code)?,
            _ => store.company().await?.country,
        };
        let principal =
            interest::parse_amount(&request.amount, Currency::parse(&request.currency)?)?;
        let due = super::parse_date(&request.due, "due")?;
        let as_of = super::as_of(request.as_of.as_deref(), today)?;
        let rates = store.effective_rates().await?;
        let result = interest::compute_for_country(country, principal, due, as_of, &rates)?;
        Ok(LegalInterestDto::new(country.to_string(), &result))
    }
}
