//! The user's own business: it signs the letters and decides which legal rules apply.

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
