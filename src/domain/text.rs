//! Validated identifiers that come from outside: customer and invoice numbers, IBANs.

use std::fmt;

use crate::error::{Error, Result};

const MAX_NUMBER_LEN: usize = 64;

fn validate_number(kind: &str, raw: &str) -> Result<String> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Error::invalid(format!("{kind} is empty")));
    }
    if value.chars().count() > MAX_NUMBER_LEN {
        return Err(Error::invalid(format!(
            "{kind} '{value}' is longer than {MAX_NUMBER_LEN} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(format!(
            "{kind} '{value}' contains a control character"
        )));
    }
    Ok(value.to_string())
}

/// The customer's account number in the ERP, the key re-imports update by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CustomerNumber(String);

impl CustomerNumber {
    pub fn parse(raw: &str) -> Result<Self> {
        validate_number("customer number", raw).map(CustomerNumber)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The invoice (or credit note) number, unique in the database.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct InvoiceNumber(String);

impl InvoiceNumber {
    pub fn parse(raw: &str) -> Result<Self> {
        validate_number("invoice number", raw).map(InvoiceNumber)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Upper case, without spaces: the form IBANs are stored and compared in.
pub fn normalize_iban(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Checks an IBAN's shape and its ISO 13616 mod-97 check digits; returns it normalized.
pub fn validate_iban(raw: &str) -> Result<String> {
    let iban = normalize_iban(raw);
    let shape_ok = (15..=34).contains(&iban.len())
        && iban.chars().all(|c| c.is_ascii_alphanumeric())
        && iban[..2].chars().all(|c| c.is_ascii_alphabetic())
        && iban[2..4].chars().all(|c| c.is_ascii_digit());
    if !shape_ok {
        return Err(Error::invalid(format!("'{raw}' is not an IBAN")));
    }
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    let mut remainder: u32 = 0;
    for c in rearranged {
        let value = c.to_digit(36).expect("alphanumeric checked above");
        let (factor, value) = if value >= 10 {
            (100, value)
        } else {
            (10, value)
        };
        remainder = (remainder * factor + value) % 97;
    }
    if remainder != 1 {
        return Err(Error::invalid(format!(
            "IBAN '{raw}' has wrong check digits"
        )));
    }
    Ok(iban)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_trimmed_and_must_not_be_empty() {
        assert_eq!(CustomerNumber::parse("  C-001 ").unwrap().as_str(), "C-001");
        assert!(CustomerNumber::parse("   ").is_err());
        assert!(InvoiceNumber::parse(&"9".repeat(65)).is_err());
        assert!(InvoiceNumber::parse("A\u{7}B").is_err());
    }

    #[test]
    fn iban_check_digits() {
        assert_eq!(
            validate_iban("be68 5390 0754 7034").unwrap(),
            "BE68539007547034"
        );
        assert_eq!(
            validate_iban("NL91ABNA0417164300").unwrap(),
            "NL91ABNA0417164300"
        );
        assert_eq!(
            validate_iban("DE89 3704 0044 0532 0130 00").unwrap(),
            "DE89370400440532013000"
        );
        assert!(validate_iban("BE68539007547035").is_err());
        assert!(validate_iban("hello").is_err());
    }
}
