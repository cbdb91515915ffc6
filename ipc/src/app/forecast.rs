//! Command bodies of the cash-in forecast: the weeks and a page of the invoices, one
//! customer's expected payments, and the backtest of the last six months.

use chrono::{Days, NaiveDate};
use creditdesk::domain::CustomerId;
use creditdesk::forecast::InvoiceForecast;

use super::{App, parse_date};
use crate::error::ApiResult;
use crate::forecast_types::*;

/// The most invoices one page lists.
const MAX_PAGE: u32 = 500;

/// The backtest replays the forecast as of this many days before the day asked about and
/// scores it over the same span: "over the last 6 months".
pub const BACKTEST_DAYS: u32 = 182;

impl App {
    pub async fn forecast(
        &self,
        request: ForecastRequest,
        as_of: NaiveDate,
    ) -> ApiResult<ForecastDto> {
        let store = self.store().await?;
        let week = request
            .week
            .as_deref()
            .map(|w| parse_date(w, "week"))
            .transpose()?;
        let forecast = creditdesk::forecast::forecast(&store, as_of).await?;
        let matching = forecast.invoices_matching(week, &request.search);
        let page: Vec<&InvoiceForecast> = matching
            .iter()
            .skip(request.offset as usize)
            .take(request.limit.clamp(1, MAX_PAGE) as usize)
            .copied()
            .collect();
        let total = u32::try_from(matching.len()).unwrap_or(u32::MAX);
        Ok(ForecastDto::new(&forecast, total, &page))
    }

    /// A customer's open invoices with their expected payment, by expected date.
    pub async fn customer_forecast(
        &self,
        customer_id: u32,
        as_of: NaiveDate,
    ) -> ApiResult<Vec<InvoiceForecastDto>> {
        let store = self.store().await?;
        let customer = CustomerId(i64::from(customer_id));
        Ok(
            creditdesk::forecast::customer_forecast(&store, customer, as_of)
                .await?
                .iter()
                .map(Into::into)
                .collect(),
        )
    }

    /// The forecast replayed as of six months before `as_of`, scored on what was paid since.
    pub async fn forecast_backtest(&self, as_of: NaiveDate) -> ApiResult<BacktestDto> {
        let store = self.store().await?;
        let from = as_of - Days::new(u64::from(BACKTEST_DAYS));
        let backtest = creditdesk::forecast::backtest(&store, from, BACKTEST_DAYS).await?;
        Ok(backtest.as_ref().into())
    }
}
