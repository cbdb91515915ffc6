//! Transport types of the receivables KPIs (DESIGN §8): one group's figures as of a day, and how
//! the portfolio is split. Money crosses as decimal strings; day counts and percentages are
//! statistics, not money: plain numbers, rounded here to one decimal (as the profile's are).

use creditdesk::kpi::{Ageing, Dimension, Kpis};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{AgeingDto, MoneyDto};

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A statistic for display: one decimal (half away from zero, as people round), as a number.
fn statistic(value: Option<Decimal>) -> Option<f64> {
    value.and_then(|v| {
        v.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .to_f64()
    })
}

/// How the portfolio is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KpiDimensionDto {
    Portfolio,
    Owner,
    Country,
    Segment,
}

impl From<KpiDimensionDto> for Dimension {
    fn from(d: KpiDimensionDto) -> Self {
        match d {
            KpiDimensionDto::Portfolio => Dimension::Portfolio,
            KpiDimensionDto::Owner => Dimension::Owner,
            KpiDimensionDto::Country => Dimension::Country,
            KpiDimensionDto::Segment => Dimension::Segment,
        }
    }
}

/// The KPIs of one group (an owner, a country, a segment's code; "" for the portfolio) as of a
/// day, in the company's base currency. `None` where a figure has nothing to stand on (no
/// sales in the window, nothing open).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KpisDto {
    pub group: String,
    pub as_of: String,
    pub currency: String,
    pub receivables: MoneyDto,
    pub open_items: u32,
    pub overdue: MoneyDto,
    pub overdue_items: u32,
    /// Percent of the receivables not yet due.
    pub share_current: Option<f64>,
    /// Days.
    pub dso_countback: Option<f64>,
    pub dso_standard: Option<f64>,
    pub bpdso: Option<f64>,
    /// Average days delinquent: standard DSO less best possible DSO.
    pub add: Option<f64>,
    /// Collection effectiveness index, percent.
    pub cei: Option<f64>,
    pub ageing: AgeingDto,
    pub sales_90_days: MoneyDto,
}

fn ageing(a: &Ageing) -> AgeingDto {
    AgeingDto {
        current: (&a.current).into(),
        days_1_30: (&a.days_1_30).into(),
        days_31_60: (&a.days_31_60).into(),
        days_61_90: (&a.days_61_90).into(),
        days_over_90: (&a.days_over_90).into(),
    }
}

impl From<&Kpis> for KpisDto {
    fn from(k: &Kpis) -> Self {
        KpisDto {
            group: k.group.clone(),
            as_of: date(k.as_of),
            currency: k.currency.code().to_string(),
            receivables: (&k.receivables).into(),
            open_items: count(k.open_items),
            overdue: (&k.overdue).into(),
            overdue_items: count(k.overdue_items),
            share_current: statistic(k.share_current),
            dso_countback: statistic(k.dso_countback),
            dso_standard: statistic(k.dso_standard),
            bpdso: statistic(k.bpdso),
            add: statistic(k.add),
            cei: statistic(k.cei),
            ageing: ageing(&k.ageing),
            sales_90_days: (&k.sales_90_days).into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_cross_with_one_decimal() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        assert_eq!(statistic(Some(d("73.714285714"))), Some(73.7));
        assert_eq!(statistic(Some(d("22.25"))), Some(22.3));
        assert_eq!(statistic(None), None);
    }
}
