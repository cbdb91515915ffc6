//! The user's own business: it signs the letters and decides which legal rules apply.

use crate::error::{Error, Result};
use crate::money::Currency;

use super::customer::Country;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Address {
    pub line1: String,
    pub line2: String,
    pub postal_code: String,
    pub city: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Company {
    pub name: String,
    pub address: Address,
    pub country: Country,
    pub vat_number: String,
    pub iban: String,
    pub bic: String,
    pub base_currency: Currency,
    pub email: String,
    pub phone: String,
    /// The closing of letters: a name and a role.
    pub signature: String,
}

impl Company {
    /// What letters and payment instructions rely on: a name, and a valid IBAN when one is
    /// given (stored normalized).
    pub fn validated(mut self) -> Result<Company> {
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(Error::invalid("the company needs a name"));
        }
        if !self.iban.trim().is_empty() {
            self.iban = super::text::validate_iban(&self.iban)?;
        }
        self.bic = self.bic.trim().to_uppercase();
        if !matches!(self.bic.len(), 0 | 8 | 11) {
            return Err(Error::invalid(format!(
                "'{}' is not a BIC (8 or 11 characters)",
                self.bic
            )));
        }
        if !self.email.trim().is_empty() && !self.email.contains('@') {
            return Err(Error::invalid(format!(
                "'{}' is not an e-mail address",
                self.email.trim()
            )));
        }
        Ok(self)
    }

    /// The company a new, empty database starts with, until the user fills in the settings.
    pub fn placeholder(country: Country, base_currency: Currency) -> Company {
        Company {
            name: "My company".into(),
            address: Address::default(),
            country,
            vat_number: String::new(),
            iban: String::new(),
            bic: String::new(),
            base_currency,
            email: String::new(),
            phone: String::new(),
            signature: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_company_is_validated_before_it_is_kept() {
        let mut c = Company::placeholder(Country::BE, Currency::EUR);
        c.iban = "be68 5390 0754 7034".into();
        c.bic = "gebabebb".into();
        let c = c.validated().unwrap();
        assert_eq!(
            (c.iban.as_str(), c.bic.as_str()),
            ("BE68539007547034", "GEBABEBB")
        );
        let nameless = Company {
            name: "  ".into(),
            ..c.clone()
        };
        assert!(nameless.validated().is_err());
        let bad_iban = Company {
            iban: "BE00 0000".into(),
            ..c.clone()
        };
        assert!(bad_iban.validated().is_err());
        let bad_bic = Company {
            bic: "ABC".into(),
            ..c
        };
        assert!(bad_bic.validated().is_err());
    }
}
