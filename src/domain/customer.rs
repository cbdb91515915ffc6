//! Customers (debtor accounts) and the people we talk to there.

use std::fmt;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};

use super::company::Address;
use super::ids::{ContactId, CustomerId};
use super::text::{CustomerNumber, validate_iban};

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    pub const BE: Country = Country(*b"BE");
    pub const DE: Country = Country(*b"DE");
    pub const FR: Country = Country(*b"FR");
    pub const GB: Country = Country(*b"GB");
    pub const NL: Country = Country(*b"NL");

    /// Accepts "be", " BE " and the common "UK" for the United Kingdom (ISO says GB).
    pub fn parse(raw: &str) -> Result<Country> {
        let code = raw.trim().to_ascii_uppercase();
        let code = if code == "UK" { "GB".to_string() } else { code };
        let bytes = code.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(Error::invalid(format!(
                "'{}' is not a country code (two letters, e.g. BE)",
                raw.trim()
            )));
        }
        Ok(Country([bytes[0], bytes[1]]))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).expect("country codes are ASCII")
    }

    /// The language a letter to this country is written in when nothing else is known.
    pub fn default_language(&self) -> Language {
        match &self.0 {
            b"FR" | b"LU" | b"MC" => Language::Fr,
            b"NL" => Language::Nl,
            b"DE" | b"AT" | b"CH" | b"LI" => Language::De,
            _ => Language::En,
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Country {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The languages letters and the UI are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Fr,
    Nl,
    De,
}

impl Language {
    pub fn parse(raw: &str) -> Result<Language> {
        let lower = raw.trim().to_lowercase();
        // "fr-BE", "nl_BE" carry the language first.
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "en" | "english" | "anglais" | "engels" | "englisch" => Ok(Language::En),
            "fr" | "french" | "français" | "francais" | "frans" | "französisch" => {
                Ok(Language::Fr)
            }
            "nl" | "dutch" | "nederlands" | "néerlandais" | "niederländisch" | "vlaams" => {
                Ok(Language::Nl)
            }
            "de" | "german" | "deutsch" | "allemand" | "duits" => Ok(Language::De),
            _ => Err(Error::invalid(format!(
                "'{}' is not a supported language (en, fr, nl, de)",
                raw.trim()
            ))),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::De => "de",
        }
    }
}

/// How the customer prefers to be reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Email,
    Letter,
    Phone,
}

impl Channel {
    pub fn parse(raw: &str) -> Result<Channel> {
        match raw.trim().to_lowercase().as_str() {
            "email" | "e-mail" | "mail" => Ok(Channel::Email),
            "letter" | "post" | "paper" => Ok(Channel::Letter),
            "phone" | "call" | "telephone" => Ok(Channel::Phone),
            other => Err(Error::invalid(format!(
                "'{other}' is not a channel (email, letter, phone)"
            ))),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Letter => "letter",
            Channel::Phone => "phone",
        }
    }
}

/// A customer as stored, with its id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Customer {
    pub id: CustomerId,
    #[serde(flatten)]
    pub details: CustomerDraft,
}

/// Everything about a customer but its database id: what an import or a form provides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CustomerDraft {
    pub number: CustomerNumber,
    pub name: String,
    pub vat_number: String,
    pub address: Address,
    pub country: Option<Country>,
    pub language: Language,
    pub currency: Currency,
    pub payment_terms_days: u32,
    pub credit_limit: Option<Money>,
    pub preferred_channel: Channel,
    pub email: String,
    pub phone: String,
    /// Accounts the customer pays from, normalized; reconciliation finds the customer by them.
    pub ibans: Vec<String>,
    /// The credit manager in charge of this account.
    pub owner: String,
}

impl CustomerDraft {
    /// A customer with a number and a name; everything else at its default for `currency`.
    pub fn new(number: CustomerNumber, name: &str, currency: Currency) -> Result<CustomerDraft> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid(format!("customer {number} has no name")));
        }
        Ok(CustomerDraft {
            number,
            name: name.to_string(),
            vat_number: String::new(),
            address: Address::default(),
            country: None,
            language: Language::En,
            currency,
            payment_terms_days: 30,
            credit_limit: None,
            preferred_channel: Channel::Email,
            email: String::new(),
            phone: String::new(),
            ibans: Vec::new(),
            owner: String::new(),
        })
    }

    /// Adds an IBAN the customer pays from, validated and without duplicates.
    pub fn add_iban(&mut self, raw: &str) -> Result<()> {
        let iban = validate_iban(raw)?;
        if !self.ibans.contains(&iban) {
            self.ibans.push(iban);
        }
        Ok(())
    }

    /// Sets the credit limit, which must be in the customer's currency and not negative.
    pub fn set_credit_limit(&mut self, limit: Money) -> Result<()> {
        if limit.currency != self.currency {
            return Err(Error::invalid(format!(
                "credit limit of customer {} is in {}, the customer is invoiced in {}",
                self.number, limit.currency, self.currency
            )));
        }
        if limit.is_negative() {
            return Err(Error::invalid(format!(
                "credit limit of customer {} is negative",
                self.number
            )));
        }
        self.credit_limit = Some(limit);
        Ok(())
    }
}

/// A person at a customer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub id: ContactId,
    pub customer_id: CustomerId,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    /// Invoices and reminders go to the billing contact.
    pub is_billing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(Country::parse(" be ").unwrap(), Country::BE);
        assert_eq!(Country::parse("UK").unwrap(), Country::GB);
        assert!(Country::parse("BEL").is_err());
        assert_eq!(Country::FR.default_language(), Language::Fr);
        assert_eq!(Country::BE.default_language(), Language::En);
    }

    #[test]
    fn languages_from_codes_and_names() {
        assert_eq!(Language::parse("fr-BE").unwrap(), Language::Fr);
        assert_eq!(Language::parse("Nederlands").unwrap(), Language::Nl);
        assert_eq!(Language::parse("DE").unwrap(), Language::De);
        assert!(Language::parse("klingon").is_err());
    }

    #[test]
    fn credit_limit_must_match_currency() {
        let mut c = CustomerDraft::new(CustomerNumber::parse("C1").unwrap(), "Acme", Currency::EUR)
            .unwrap();
        let err = c
            .set_credit_limit(Money::from_minor(100, Currency::GBP))
            .unwrap_err();
        assert!(err.message.contains("GBP"));
        c.set_credit_limit(Money::from_minor(100_000, Currency::EUR))
            .unwrap();
        assert!(
            CustomerDraft::new(CustomerNumber::parse("C2").unwrap(), "  ", Currency::EUR).is_err()
        );
    }

    #[test]
    fn ibans_are_validated_and_deduplicated() {
        let mut c = CustomerDraft::new(CustomerNumber::parse("C1").unwrap(), "Acme", Currency::EUR)
            .unwrap();
        c.add_iban("BE68 5390 0754 7034").unwrap();
        c.add_iban("be68539007547034").unwrap();
        assert_eq!(c.ibans, vec!["BE68539007547034".to_string()]);
        assert!(c.add_iban("BE00 0000 0000 0000").is_err());
    }
}
