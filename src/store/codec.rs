//! Conversions between database columns and domain values, in one place.

use chrono::NaiveDate;

use crate::domain::{Channel, Country, Language};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

pub fn currency(code: &str) -> Result<Currency> {
    Currency::parse(code).map_err(|_| corrupt("currency", code))
}

/// Reads the currency codes of a run of rows: most rows share a currency, so a code equal to
/// the last one is not parsed again.
#[derive(Default)]
pub struct Currencies {
    last: Option<(String, Currency)>,
}

impl Currencies {
    pub fn read(&mut self, code: &str) -> Result<Currency> {
        match &self.last {
            Some((last, parsed)) if last == code => Ok(*parsed),
            _ => {
                let parsed = currency(code)?;
                self.last = Some((code.to_string(), parsed));
                Ok(parsed)
            }
        }
    }
}

pub fn money(minor: i64, currency_code: &str) -> Result<Money> {
    Ok(Money::from_minor(minor, currency(currency_code)?))
}

pub fn country(code: Option<&str>) -> Result<Option<Country>> {
    code.filter(|c| !c.is_empty())
        .map(|c| Country::parse(c).map_err(|_| corrupt("country", c)))
        .transpose()
}

pub fn language(code: &str) -> Result<Language> {
    Language::parse(code).map_err(|_| corrupt("language", code))
}

pub fn channel(code: &str) -> Result<Channel> {
    Channel::parse(code).map_err(|_| corrupt("channel", code))
}

/// A stored day. The store writes them as `YYYY-MM-DD`, read here digit by digit: the
/// forecast reads millions of them, and chrono's format parser costs ten times more. Any
/// other shape goes through chrono, which says whether it is a date at all.
pub fn date(text: &str) -> Result<NaiveDate> {
    iso_day(text.as_bytes())
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| corrupt("date", text))
}

/// A stored day that may be missing (an empty text: NULL as the raw handle reads it).
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>> {
    if text.is_empty() {
        Ok(None)
    } else {
        date(text).map(Some)
    }
}

/// `YYYY-MM-DD` exactly, and a real day; `None` otherwise.
fn iso_day(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::internal(format!("the database holds an invalid {what}: '{value}'"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn stored_days_read_back() {
        let day = |s: &str| date(s).ok();
        assert_eq!(day("2026-11-23"), NaiveDate::from_ymd_opt(2026, 11, 23));
        assert_eq!(day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(day("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
        // Shapes the digit reader refuses still go through chrono.
        assert_eq!(day("2026-1-5"), NaiveDate::from_ymd_opt(2026, 1, 5));
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-3x",
            "20261123",
            "",
            "2026/11/23",
        ] {
            assert!(date(bad).is_err(), "{bad}");
        }
    }

    /// Every day of four centuries reads back as itself.
    #[test]
    fn every_day_reads_back() {
        let mut d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        while d.year_ce().1 < 2300 {
            assert_eq!(date(&d.to_string()).unwrap(), d);
            d = d.succ_opt().unwrap();
        }
    }
}
