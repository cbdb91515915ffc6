//! The computation: simple interest, day by day, from the day after the due date up to and
//! including `as_of`, in periods split at every half-year boundary (each rule fixes its rate
//! per half-year, so that is also wherever the applicable rate changes).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Money;

use super::rates::{EffectiveRates, RateOrigin, Series, percent};
use super::rules::Rule;

/// One stretch of days at one annual rate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InterestPeriod {
    /// First day late in this period.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    pub days: u32,
    /// The day whose reference rate holds for this half-year.
    pub reference_day: NaiveDate,
    /// The reference rate in force that day, percent.
    #[serde(with = "rust_decimal::serde::str")]
    pub reference_rate: Decimal,
    /// Where that reference rate comes from: shipped with the app, or entered by the user.
    pub reference_origin: RateOrigin,
    /// The points the rule adds.
    #[serde(with = "rust_decimal::serde::str")]
    pub points: Decimal,
    /// Reference rate + points, percent per year.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    /// principal × rate / 100 × days / 365, rounded half-up to the currency's minor unit.
    pub interest: Money,
}

/// Legal late-payment interest and compensation on one debt, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegalInterest {
    pub rule: Rule,
    pub series: Series,
    pub principal: Money,
    pub due: NaiveDate,
    pub as_of: NaiveDate,
    /// Days late: from the day after `due` to `as_of` inclusive; 0 when not late.
    pub days: u32,
    /// "actual/365".
    pub day_count: &'static str,
    pub periods: Vec<InterestPeriod>,
    /// The sum of the periods' (rounded) interest.
    pub interest: Money,
    /// The fixed compensation for recovery costs; 0 when not late.
    pub compensation: Money,
    /// interest + compensation.
    pub total: Money,
    /// What the user should know, e.g. a half-year whose rate is missing from the table.
    pub warnings: Vec<String>,
}

/// Computes legal interest and compensation under `rule` on `principal` due on `due`, as of
/// `as_of` (inclusive), with the reference rates of `rates`.
///
/// `principal` must be positive with no more decimals than its currency has, in the currency
/// the rule compensates in (EUR, or GBP for the UK: no exchange rate is applied). `as_of`
/// before `due` is refused; `as_of == due` is not late (0 days, no period, nothing owed).
pub fn compute(
    rule: Rule,
    principal: Money,
    due: NaiveDate,
    as_of: NaiveDate,
    rates: &EffectiveRates,
) -> Result<LegalInterest> {
    if principal.amount <= Decimal::ZERO {
        return Err(Error::invalid(format!(
            "the amount must be positive, not {}",
            principal.amount
        )));
    }
    // Refuses an amount that is not a whole number of minor units (1.005 EUR).
    principal.to_minor()?;
    rule.check_currency(principal.currency)?;
    if as_of < due {
        return Err(Error::invalid(format!(
            "as of {as_of} is before the due date {due}: nothing is late yet"
        )));
    }
    let currency = principal.currency;
    let series = rule.series();
    let points = rule.points();
    let mut periods = Vec::new();
    let mut warnings = Vec::new();
    let mut from = next_day(due)?;
    while from <= as_of {
        let start = half_year_start(from);
        let to = half_year_end(from).min(as_of);
        let reference_day = rule.reference_day(start);
        let reference = rates.in_force(series, reference_day)?;
        if series == Series::BundesbankBase && reference.row.valid_from != reference_day {
            warnings.push(format!(
                "the {} for the half-year from {start} is not in the table: the last known one, {} % from {}, was used; add the new rate to the reference rates",
                series.title(),
                reference.row.rate,
                reference.row.valid_from
            ));
        }
        let rate = percent(reference.row.rate + points);
        let days = u32::try_from((to - from).num_days() + 1)
            .map_err(|_| Error::internal("a period of negative length"))?;
        let interest = principal
            .amount
            .checked_mul(rate)
            .and_then(|v| v.checked_mul(Decimal::from(days)))
            .and_then(|v| v.checked_div(Decimal::from(36_500)))
            .ok_or_else(|| Error::invalid("the amount is too large to compute interest on"))?;
        periods.push(InterestPeriod {
            from,
            to,
            days,
            reference_day,
            reference_rate: percent(reference.row.rate),
            reference_origin: reference.origin,
            points,
            rate,
            interest: Money::new(interest, currency).round_half_up(),
        });
        if to == as_of {
            break;
        }
        from = next_day(to)?;
    }
    let days = periods.iter().map(|p| p.days).sum();
    let interest = Money::sum(currency, periods.iter().map(|p| &p.interest))?;
    let compensation = if periods.is_empty() {
        Money::zero(currency)
    } else {
        rule.compensation(&principal)?
    };
    let total = interest.checked_add(&compensation)?;
    Ok(LegalInterest {
        rule,
        series,
        principal,
        due,
        as_of,
        days,
        day_count: rule.day_count(),
        periods,
        interest,
        compensation,
        total,
        warnings,
    })
}

fn next_day(d: NaiveDate) -> Result<NaiveDate> {
    d.succ_opt()
        .ok_or_else(|| Error::invalid(format!("{d} is the last date there is")))
}

/// 1 January or 1 July: the first day of `d`'s half-year.
pub fn half_year_start(d: NaiveDate) -> NaiveDate {
    let month = if d.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(d.year(), month, 1).expect("the 1st of January and July exist")
}

/// 30 June or 31 December: the last day of `d`'s half-year.
pub fn half_year_end(d: NaiveDate) -> NaiveDate {
    let (month, day) = if d.month() <= 6 { (6, 30) } else { (12, 31) };
    NaiveDate::from_ymd_opt(d.year(), month, day).expect("30 June and 31 December exist")
}
