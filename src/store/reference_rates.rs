//! The `reference_rates` table: the user's rows of the reference-rate tables, laid over the
//! shipped ones (`interest::rates`) to make the effective tables.

use chrono::NaiveDate;
use sqlx::Row;

use crate::error::{Error, Result};
use crate::interest::{EffectiveRates, RateRow, Series};

use super::{Store, codec};

impl Store {
    /// The user's rows, by series and date.
    pub async fn user_reference_rates(&self) -> Result<Vec<RateRow>> {
        let rows = sqlx::query(
            "SELECT series, valid_from, rate, source FROM reference_rates ORDER BY series, valid_from",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let series: String = row.try_get("series")?;
                let rate: String = row.try_get("rate")?;
                Ok(RateRow {
                    series: Series::parse(&series).map_err(|_| {
                        Error::internal(format!(
                            "the database holds an unknown rate series: '{series}'"
                        ))
                    })?,
                    valid_from: codec::date(&row.try_get::<String, _>("valid_from")?)?,
                    rate: rate.parse().map_err(|_| {
                        Error::internal(format!("the database holds an invalid rate: '{rate}'"))
                    })?,
                    source: row.try_get("source")?,
                })
            })
            .collect()
    }

    /// The shipped tables with the user's rows laid over them.
    pub async fn effective_rates(&self) -> Result<EffectiveRates> {
        Ok(EffectiveRates::with_user_rows(
            &self.user_reference_rates().await?,
        ))
    }

    /// Keeps a user row, validated first; it replaces the user's row of the same series and
    /// date, and overrides a shipped one.
    pub async fn save_reference_rate(&self, row: &RateRow) -> Result<RateRow> {
        let row = row.clone().validated()?;
        sqlx::query(
            "INSERT INTO reference_rates (series, valid_from, rate, source) VALUES (?, ?, ?, ?)
             ON CONFLICT (series, valid_from) DO UPDATE SET rate = excluded.rate, source = excluded.source",
        )
        .bind(row.series.code())
        .bind(row.valid_from.format("%Y-%m-%d").to_string())
        .bind(row.rate.to_string())
        .bind(&row.source)
        .execute(self.pool())
        .await?;
        Ok(row)
    }

    /// Removes the user's row of `series` on `valid_from` (restoring the shipped value, if
    /// any); `not_found` when the user has no such row.
    pub async fn delete_reference_rate(&self, series: Series, valid_from: NaiveDate) -> Result<()> {
        let done = sqlx::query("DELETE FROM reference_rates WHERE series = ? AND valid_from = ?")
            .bind(series.code())
            .bind(valid_from.format("%Y-%m-%d").to_string())
            .execute(self.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::not_found(format!(
                "there is no rate of yours for {series} on {valid_from} (shipped rates cannot be removed, only overridden)"
            )));
        }
        Ok(())
    }
}
