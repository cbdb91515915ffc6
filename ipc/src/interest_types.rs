//! Transport types of legal late-payment interest: the reference-rate tables for Settings
//! (each row shipped or the user's), the rules per country, and one computation. Rates and
//! amounts cross as decimal strings, dates as `YYYY-MM-DD`.

use creditdesk::interest::{
    EffectiveRates, EffectiveRow, InterestPeriod, LegalInterest, RateOrigin, Rule, Series,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::MoneyDto;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RateOriginDto {
    /// Shipped with the app.
    Shipped,
    /// Entered by the user (adds a rate, or overrides the shipped one of the same date).
    User,
}

impl From<RateOrigin> for RateOriginDto {
    fn from(o: RateOrigin) -> Self {
        match o {
            RateOrigin::Shipped => RateOriginDto::Shipped,
            RateOrigin::User => RateOriginDto::User,
        }
    }
}

/// One row of a reference-rate table: from `valid_from` on, `rate` percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferenceRateDto {
    /// `ecb_mro`, `bundesbank_base` or `boe_base`.
    pub series: String,
    pub valid_from: String,
    /// Percent, decimal string ("4.25").
    pub rate: String,
    /// Publisher and URL.
    pub source: String,
    pub origin: RateOriginDto,
    /// For a user row overriding a shipped one: the shipped rate.
    pub shipped_rate: Option<String>,
}

impl From<&EffectiveRow> for ReferenceRateDto {
    fn from(r: &EffectiveRow) -> Self {
        ReferenceRateDto {
            series: r.row.series.code().to_string(),
            valid_from: date(r.row.valid_from),
            rate: r.row.rate.to_string(),
            source: r.row.source.clone(),
            origin: r.origin.into(),
            shipped_rate: r.shipped_rate.map(|v| v.to_string()),
        }
    }
}

/// One series' effective table, oldest row first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateSeriesDto {
    pub series: String,
    pub title: String,
    pub rows: Vec<ReferenceRateDto>,
}

/// A legal rule and the creditor countries it serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InterestRuleDto {
    /// `eu`, `fr`, `nl`, `de` or `gb`.
    pub rule: String,
    pub title: String,
    /// ISO codes of the creditor countries under this rule.
    pub countries: Vec<String>,
    /// The reference rate series.
    pub series: String,
    /// Points above the reference rate, decimal string.
    pub points: String,
    /// "actual/365".
    pub day_count: String,
    /// The currency its compensation is fixed in (EUR or GBP).
    pub currency: String,
}

impl From<Rule> for InterestRuleDto {
    fn from(r: Rule) -> Self {
        InterestRuleDto {
            rule: r.code().to_string(),
            title: r.title().to_string(),
            countries: r.countries().into_iter().map(str::to_string).collect(),
            series: r.series().code().to_string(),
            points: r.points().to_string(),
            day_count: r.day_count().to_string(),
            currency: r.compensation_currency().code().to_string(),
        }
    }
}

/// For Settings: every series' effective table, the rules, and the company's rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferenceRatesDto {
    pub series: Vec<RateSeriesDto>,
    pub rules: Vec<InterestRuleDto>,
    /// The company's country, and its rule (`None` when no rule is known for it).
    pub company_country: String,
    pub company_rule: Option<String>,
}

impl ReferenceRatesDto {
    pub fn new(
        rates: &EffectiveRates,
        company_country: String,
        company_rule: Option<Rule>,
    ) -> Self {
        ReferenceRatesDto {
            series: Series::ALL
                .iter()
                .map(|s| RateSeriesDto {
                    series: s.code().to_string(),
                    title: s.title().to_string(),
                    rows: rates.series(*s).into_iter().map(Into::into).collect(),
                })
                .collect(),
            rules: Rule::ALL.into_iter().map(Into::into).collect(),
            company_country,
            company_rule: company_rule.map(|r| r.code().to_string()),
        }
    }
}

/// A rate the user keeps: adds one, or overrides the shipped one of the same series and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveReferenceRateRequest {
    pub series: String,
    pub valid_from: String,
    /// Percent, decimal string ("4.25").
    pub rate: String,
    #[serde(default)]
    pub source: String,
}

/// Legal interest on one debt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LegalInterestRequest {
    /// The creditor's country; the company's when absent.
    #[ts(optional)]
    pub country: Option<String>,
    /// Decimal string ("1234.56").
    pub amount: String,
    pub currency: String,
    pub due: String,
    /// Up to and including this day; today when absent.
    #[ts(optional)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InterestPeriodDto {
    pub from: String,
    pub to: String,
    pub days: u32,
    /// The day whose reference rate holds for this half-year.
    pub reference_day: String,
    pub reference_rate: String,
    pub reference_origin: RateOriginDto,
    pub points: String,
    /// Reference + points, percent per year.
    pub rate: String,
    pub interest: MoneyDto,
}

impl From<&InterestPeriod> for InterestPeriodDto {
    fn from(p: &InterestPeriod) -> Self {
        InterestPeriodDto {
            from: date(p.from),
            to: date(p.to),
            days: p.days,
            reference_day: date(p.reference_day),
            reference_rate: p.reference_rate.to_string(),
            reference_origin: p.reference_origin.into(),
            points: p.points.to_string(),
            rate: p.rate.to_string(),
            interest: (&p.interest).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LegalInterestDto {
    pub rule: String,
    pub rule_title: String,
    pub country: String,
    pub series: String,
    pub principal: MoneyDto,
    pub due: String,
    pub as_of: String,
    /// Days late (0 when not late).
    pub days: u32,
    pub day_count: String,
    pub periods: Vec<InterestPeriodDto>,
    pub interest: MoneyDto,
    pub compensation: MoneyDto,
    pub total: MoneyDto,
    pub warnings: Vec<String>,
}

impl LegalInterestDto {
    pub fn new(country: String, r: &LegalInterest) -> Self {
        LegalInterestDto {
            rule: r.rule.code().to_string(),
            rule_title: r.rule.title().to_string(),
            country,
            series: r.series.code().to_string(),
            principal: (&r.principal).into(),
            due: date(r.due),
            as_of: date(r.as_of),
            days: r.days,
            day_count: r.day_count.to_string(),
            periods: r.periods.iter().map(Into::into).collect(),
            interest: (&r.interest).into(),
            compensation: (&r.compensation).into(),
            total: (&r.total).into(),
            warnings: r.warnings.clone(),
        }
    }
}
