//! Money: a `Decimal` amount with its currency. Never a float.
//!
//! Amounts of different currencies are never combined: arithmetic is checked and fails with
//! `currency_mismatch`. Storage keeps amounts as INTEGER minor units (cents) so SQL can sum them;
//! the conversion is exact or it fails, it never rounds silently.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, ErrorCode, Result};

/// An ISO 4217 currency code, three upper-case ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");
    pub const GBP: Currency = Currency(*b"GBP");
    pub const USD: Currency = Currency(*b"USD");
    pub const CHF: Currency = Currency(*b"CHF");

    /// Parses a code, accepting lower case and surrounding spaces.
    pub fn parse(code: &str) -> Result<Currency> {
        let code = code.trim();
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(Error::invalid(format!(
                "'{code}' is not a currency code (three letters, e.g. EUR)"
            )));
        }
        Ok(Currency([
            bytes[0].to_ascii_uppercase(),
            bytes[1].to_ascii_uppercase(),
            bytes[2].to_ascii_uppercase(),
        ]))
    }

    pub fn code(&self) -> &str {
        // The constructor only admits ASCII letters.
        std::str::from_utf8(&self.0).expect("currency codes are ASCII")
    }

    /// Digits after the decimal point in this currency's minor unit (ISO 4217).
    pub fn minor_digits(&self) -> u32 {
        match &self.0 {
            b"JPY" | b"KRW" | b"ISK" | b"CLP" | b"VND" | b"XOF" | b"XAF" | b"HUF" => 0,
            b"BHD" | b"KWD" | b"OMR" | b"JOD" | b"TND" | b"LYD" | b"IQD" => 3,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Currency::parse(s)
    }
}

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Currency::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// An amount of money in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Money {
    /// Serialized as a string ("12.34") so no JSON reader turns it into a float.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money {
            amount: Decimal::ZERO,
            currency,
        }
    }

    /// From INTEGER minor units as stored in the database.
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money {
            amount: Decimal::new(minor, currency.minor_digits()),
            currency,
        }
    }

    /// To INTEGER minor units. Fails if the amount has more decimals than the currency allows,
    /// rather than rounding: an amount that cannot be stored exactly is an input error.
    pub fn to_minor(&self) -> Result<i64> {
        let digits = self.currency.minor_digits();
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10i64.pow(digits)))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "amount {} {} is too large",
                    self.amount, self.currency
                ))
            })?;
        if scaled.fract() != Decimal::ZERO {
            return Err(Error::invalid(format!(
                "amount {} has more than {} decimals for {}",
                self.amount, digits, self.currency
            )));
        }
        i64::try_from(scaled).map_err(|_| {
            Error::invalid(format!(
                "amount {} {} is too large",
                self.amount, self.currency
            ))
        })
    }

    /// Rounds to the currency's minor unit, half away from zero (commercial rounding).
    pub fn round_half_up(&self) -> Money {
        Money {
            amount: self.amount.round_dp_with_strategy(
                self.currency.minor_digits(),
                RoundingStrategy::MidpointAwayFromZero,
            ),
            currency: self.currency,
        }
    }

    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or_else(overflow)?;
        Ok(Money {
            amount,
            currency: self.currency,
        })
    }

    pub fn checked_sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or_else(overflow)?;
        Ok(Money {
            amount,
            currency: self.currency,
        })
    }

    /// Sums amounts that must all be in `currency`.
    pub fn sum<'a>(
        currency: Currency,
        items: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(m))
    }

    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    pub fn negate(&self) -> Money {
        Money {
            amount: -self.amount,
            currency: self.currency,
        }
    }

    fn same_currency(&self, other: &Money) -> Result<()> {
        if self.currency != other.currency {
            return Err(Error::new(
                ErrorCode::CurrencyMismatch,
                format!(
                    "cannot combine {} and {} without an exchange rate",
                    self.currency, other.currency
                ),
            ));
        }
        Ok(())
    }
}

fn overflow() -> Error {
    Error::invalid("amount overflow")
}

impl Money {
    /// The amount as decimal text with at least the currency's number of decimals: `1234.50`.
    pub fn amount_text(&self) -> String {
        let digits = self.currency.minor_digits();
        let mut shown = self.amount;
        if shown.scale() < digits {
            shown.rescale(digits);
        }
        shown.to_string()
    }
}

impl fmt::Display for Money {
    /// `1234.50 EUR`: the amount at the currency's number of decimals, then the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_text(), self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn minor_units_round_trip_exactly() {
        let m = Money::new(dec("1234.56"), Currency::EUR);
        assert_eq!(m.to_minor().unwrap(), 123456);
        assert_eq!(Money::from_minor(123456, Currency::EUR), m);
        let yen = Money::new(dec("1500"), Currency::parse("jpy").unwrap());
        assert_eq!(yen.to_minor().unwrap(), 1500);
    }

    #[test]
    fn too_many_decimals_is_refused_not_rounded() {
        let m = Money::new(dec("1.005"), Currency::EUR);
        let err = m.to_minor().unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(
            err.message.contains("more than 2 decimals"),
            "{}",
            err.message
        );
    }

    #[test]
    fn mixing_currencies_fails() {
        let a = Money::new(dec("1"), Currency::EUR);
        let b = Money::new(dec("1"), Currency::GBP);
        assert_eq!(
            a.checked_add(&b).unwrap_err().code,
            ErrorCode::CurrencyMismatch
        );
        assert_eq!(
            a.checked_sub(&b).unwrap_err().code,
            ErrorCode::CurrencyMismatch
        );
    }

    #[test]
    fn json_amount_is_a_string() {
        let m = Money::new(dec("12.30"), Currency::EUR);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"12.30","currency":"EUR"}"#);
        let back: Money = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn display_pads_to_currency_decimals() {
        assert_eq!(Money::new(dec("5"), Currency::EUR).to_string(), "5.00 EUR");
        assert_eq!(
            Money::new(dec("0.5"), Currency::USD).to_string(),
            "0.50 USD"
        );
    }

    #[test]
    fn half_up_rounding() {
        assert_eq!(
            Money::new(dec("2.345"), Currency::EUR)
                .round_half_up()
                .amount,
            dec("2.35")
        );
        assert_eq!(
            Money::new(dec("-2.345"), Currency::EUR)
                .round_half_up()
                .amount,
            dec("-2.35")
        );
    }

    #[test]
    fn bad_currency_codes() {
        for bad in ["", "EU", "EURO", "E1R", "€"] {
            assert!(Currency::parse(bad).is_err(), "{bad} accepted");
        }
    }

    proptest! {
        #[test]
        fn minor_round_trip(minor in -1_000_000_000_000i64..1_000_000_000_000i64) {
            let m = Money::from_minor(minor, Currency::EUR);
            prop_assert_eq!(m.to_minor().unwrap(), minor);
        }

        #[test]
        fn add_then_sub_is_identity(a in -1_000_000_000_000i64..1_000_000_000_000i64,
                                    b in -1_000_000_000_000i64..1_000_000_000_000i64) {
            let x = Money::from_minor(a, Currency::EUR);
            let y = Money::from_minor(b, Currency::EUR);
            prop_assert_eq!(x.checked_add(&y).unwrap().checked_sub(&y).unwrap(), x);
        }

        #[test]
        fn sum_equals_sum_of_minor_units(values in proptest::collection::vec(-10_000_000i64..10_000_000i64, 0..50)) {
            let items: Vec<Money> = values.iter().map(|v| Money::from_minor(*v, Currency::GBP)).collect();
            let total = Money::sum(Currency::GBP, &items).unwrap();
            prop_assert_eq!(total.to_minor().unwrap(), values.iter().sum::<i64>());
        }

        #[test]
        fn addition_commutes(a in -1_000_000_000i64..1_000_000_000i64, b in -1_000_000_000i64..1_000_000_000i64) {
            let x = Money::from_minor(a, Currency::USD);
            let y = Money::from_minor(b, Currency::USD);
            prop_assert_eq!(x.checked_add(&y).unwrap(), y.checked_add(&x).unwrap());
        }

        #[test]
        fn rounding_is_within_half_a_cent(minor_thousandths in -1_000_000_000i64..1_000_000_000i64) {
            let m = Money::new(Decimal::new(minor_thousandths, 3), Currency::EUR);
            let r = m.round_half_up();
            prop_assert!(r.to_minor().is_ok());
            prop_assert!((r.amount - m.amount).abs() <= Decimal::new(5, 3));
        }
    }
}
