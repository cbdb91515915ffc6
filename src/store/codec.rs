//! Conversions between database columns and domain values, in one place.

use chrono::NaiveDate;

use crate::domain::{Channel, Country, Language};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

pub fn currency(code: &str) -> Result<Currency> {
    Currency::parse(code).map_err(|_| corrupt("currency", code))
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

pub fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("date", text))
}

fn corrupt(what: &str, value: &str) -> Error {
    Error::internal(format!("the database holds an invalid {what}: '{value}'"))
}
