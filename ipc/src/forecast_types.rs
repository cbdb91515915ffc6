//! Transport types of the cash-in forecast and its backtest (DESIGN §8): each open invoice's
//! expected payment with its range and reason, the weeks with their bands, and how far the
//! forecast was off over a past period. Amounts cross as decimal strings, dates as
//! `YYYY-MM-DD`; errors in days are statistics: numbers rounded to one decimal.

use creditdesk::forecast::{Backtest, Basis, Forecast, InvoiceForecast, WeekForecast};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::MoneyDto;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn id(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A statistic for display: one decimal.
fn one_decimal(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 10.0).round() / 10.0)
}

/// What an expected date rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ForecastBasisDto {
    /// The customer's own paid invoices.
    Customer,
    /// Little own history, blended with its segment's.
    Segment,
    /// Little or no own history, blended with the whole portfolio's.
    Portfolio,
    /// A live promise to pay.
    Promise,
    /// Open longer than anything seen paid: a guess.
    BeyondHistory,
}

impl From<Basis> for ForecastBasisDto {
    fn from(b: Basis) -> Self {
        match b {
            Basis::Customer => ForecastBasisDto::Customer,
            Basis::Segment => ForecastBasisDto::Segment,
            Basis::Portfolio => ForecastBasisDto::Portfolio,
            Basis::Promise => ForecastBasisDto::Promise,
            Basis::BeyondHistory => ForecastBasisDto::BeyondHistory,
        }
    }
}

/// One open invoice's expected payment: the date, the low–high range (10th–90th percentile)
/// and why, in one English sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceForecastDto {
    pub invoice_id: u32,
    pub invoice: String,
    pub customer_id: u32,
    pub customer: String,
    pub due_date: String,
    pub open: MoneyDto,
    pub expected_date: String,
    pub low: String,
    pub high: String,
    pub basis: ForecastBasisDto,
    pub reason: String,
}

impl From<&InvoiceForecast> for InvoiceForecastDto {
    fn from(f: &InvoiceForecast) -> Self {
        InvoiceForecastDto {
            invoice_id: id(f.invoice_id.0),
            invoice: f.invoice.clone(),
            customer_id: id(f.customer_id.0),
            customer: f.customer.clone(),
            due_date: date(f.due_date),
            open: (&f.open).into(),
            expected_date: date(f.expected_date),
            low: date(f.low),
            high: date(f.high),
            basis: f.basis.into(),
            reason: f.reason.clone(),
        }
    }
}

/// One week's expected cash-in in the base currency, with its band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WeekForecastDto {
    /// A Monday.
    pub week_start: String,
    pub expected: MoneyDto,
    pub low: MoneyDto,
    pub high: MoneyDto,
    /// Invoices expected in the week.
    pub invoices: u32,
}

impl From<&WeekForecast> for WeekForecastDto {
    fn from(w: &WeekForecast) -> Self {
        WeekForecastDto {
            week_start: date(w.week_start),
            expected: (&w.expected).into(),
            low: (&w.low).into(),
            high: (&w.high).into(),
            invoices: w.invoices,
        }
    }
}

/// Which invoices of the forecast to list: those expected in the week starting `week` (a
/// Monday; none: every week and later), whose customer or invoice number contains `search`
/// (ignoring case), a page of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForecastRequest {
    pub week: Option<String>,
    pub search: String,
    pub offset: u32,
    pub limit: u32,
}

/// The forecast as of a day: the 13 weeks, what is expected later, and a page of the
/// invoices asked for (by expected date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForecastDto {
    pub as_of: String,
    /// The base currency, of the weeks and `later` (invoices in other currencies are listed,
    /// not added).
    pub currency: String,
    pub weeks: Vec<WeekForecastDto>,
    /// Expected after the 13 weeks.
    pub later: MoneyDto,
    /// Every open invoice.
    pub open_invoices: u32,
    /// The invoices the request matches, of which `invoices` is the page asked for.
    pub matching: u32,
    pub invoices: Vec<InvoiceForecastDto>,
}

impl ForecastDto {
    pub fn new(f: &Forecast, matching: u32, page: &[&InvoiceForecast]) -> Self {
        ForecastDto {
            as_of: date(f.as_of),
            currency: f.currency.code().to_string(),
            weeks: f.weeks.iter().map(Into::into).collect(),
            later: (&f.later).into(),
            open_invoices: u32::try_from(f.invoices.len()).unwrap_or(u32::MAX),
            matching,
            invoices: page.iter().map(|f| (*f).into()).collect(),
        }
    }
}

/// How far the forecast was off over a past period: replayed as of `as_of` with only what
/// was known then, scored on the invoices paid in the `horizon_days` after it. Errors are
/// mean absolute errors in days, beside two naive predictors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BacktestDto {
    pub as_of: String,
    pub horizon_days: u32,
    /// Invoices scored.
    pub invoices: u32,
    /// Of them, open on the day.
    pub open_then: u32,
    /// Of them, issued in the horizon.
    pub issued_after: u32,
    /// Invoices that would be scored but are not paid yet.
    pub unsettled: u32,
    /// The forecast's error; `None` without invoices to score.
    pub mae_days: Option<f64>,
    /// Predicting the due date.
    pub due_date_mae_days: Option<f64>,
    /// Predicting the customer's median lateness so far.
    pub customer_median_mae_days: Option<f64>,
    /// Percent of the real payment dates inside the low–high range.
    pub within_range: Option<f64>,
}

impl From<&Backtest> for BacktestDto {
    fn from(b: &Backtest) -> Self {
        BacktestDto {
            as_of: date(b.as_of),
            horizon_days: b.horizon_days,
            invoices: b.invoices,
            open_then: b.open_then,
            issued_after: b.issued_after,
            unsettled: b.unsettled,
            mae_days: one_decimal(b.mae_days),
            due_date_mae_days: one_decimal(b.baselines.due_date),
            customer_median_mae_days: one_decimal(b.baselines.customer_median),
            within_range: one_decimal(b.within_range),
        }
    }
}
