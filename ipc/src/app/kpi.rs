//! Command bodies of the receivables KPIs: as of a day by group, and the monthly trend.

use chrono::NaiveDate;

use super::App;
use crate::error::ApiResult;
use crate::kpi_types::*;

/// Month ends the trend goes back (with the day asked about: 13 points).
const TREND_MONTHS: u32 = 12;

impl App {
    /// The KPIs as of `as_of`, one per group of `dimension` (one for the portfolio).
    pub async fn kpis(
        &self,
        as_of: NaiveDate,
        dimension: KpiDimensionDto,
    ) -> ApiResult<Vec<KpisDto>> {
        let store = self.store().await?;
        Ok(creditdesk::kpi::kpis(&store, as_of, dimension.into())
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }

    /// The portfolio's KPIs at the last 12 month ends and on `as_of`, oldest first.
    pub async fn kpi_trend(&self, as_of: NaiveDate) -> ApiResult<Vec<KpisDto>> {
        let store = self.store().await?;
        Ok(creditdesk::kpi::monthly(&store, as_of, TREND_MONTHS)
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }
}
