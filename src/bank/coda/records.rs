//! One CODA record: its fields by position (0-based byte ranges of the Febelfin layout).
//! The text is latin-1: one byte is one character.

use std::ops::Range;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Currency;

use super::file_error;

/// The length of every CODA record.
pub const RECORD_LENGTH: usize = 128;

/// The kinds of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Header,
    OldBalance,
    /// 2.1, 2.2 or 2.3.
    Movement(u8),
    /// 3.1, 3.2 or 3.3.
    Information(u8),
    Message,
    NewBalance,
    Trailer,
}

/// A movement (record 2.1) with what its records 2.2, 2.3 and 3.x add.
#[derive(Debug, Clone)]
pub struct Movement {
    pub sequence: String,
    pub detail: String,
    pub bank_reference: String,
    /// Signed: a credit is positive.
    pub amount: Decimal,
    pub value_date: NaiveDate,
    pub booking_date: NaiveDate,
    pub transaction_code: String,
    /// The OGM of a structured communication 101/102, `+++ddd/dddd/ddddd+++`.
    pub reference: String,
    /// The communication as written across records 2.1, 2.2 and 2.3 (a text cut in pieces).
    pub communication: String,
    /// The communication of the information records 3.x.
    pub information: String,
    pub name: String,
    pub iban: String,
    pub end_to_end: String,
}

pub struct Balance {
    pub sequence: String,
    pub account: String,
    pub currency: Currency,
    pub amount: Decimal,
    pub date: NaiveDate,
}

pub struct Trailer {
    pub records: u64,
    pub debit: Decimal,
    pub credit: Decimal,
}

/// One line of the file, checked to be 128 characters long.
pub struct Line<'a> {
    file: &'a str,
    number: u64,
    bytes: &'a [u8],
}

impl<'a> Line<'a> {
    pub fn new(file: &'a str, number: u64, bytes: &'a [u8]) -> Result<Line<'a>> {
        if bytes.len() != RECORD_LENGTH {
            return Err(file_error(
                file,
                number,
                "",
                &format!(
                    "a record of {} characters; CODA records have {RECORD_LENGTH}",
                    bytes.len()
                ),
            ));
        }
        Ok(Line {
            file,
            number,
            bytes,
        })
    }

    pub fn error(&self, field: &str, reason: &str) -> Error {
        file_error(self.file, self.number, field, reason)
    }

    /// The text of a field, latin-1 decoded, as written (not trimmed).
    fn raw(&self, range: Range<usize>) -> String {
        self.bytes
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|&b| char::from(b))
            .collect()
    }

    fn text(&self, range: Range<usize>) -> String {
        self.raw(range).trim().to_string()
    }

    fn byte(&self, index: usize) -> u8 {
        self.bytes.get(index).copied().unwrap_or(b' ')
    }

    fn number(&self, range: Range<usize>, field: &str) -> Result<u64> {
        let text = self.raw(range);
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(field, &format!("'{}' is not a number", text.trim())));
        }
        text.parse()
            .map_err(|_| self.error(field, &format!("'{text}' is not a number")))
    }

    /// An amount of 15 digits with 3 decimals, signed by the byte at `sign` (0 credit, 1
    /// debit) when there is one.
    fn amount(&self, sign: Option<usize>, range: Range<usize>, field: &str) -> Result<Decimal> {
        let text = self.raw(range.clone());
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(
                field,
                &format!("'{}' is not an amount (15 digits)", text.trim()),
            ));
        }
        let units = self.number(range, field)?;
        let value = Decimal::new(
            i64::try_from(units).map_err(|_| self.error(field, "amount too large"))?,
            3,
        );
        match sign.map(|i| self.byte(i)) {
            None | Some(b'0') => Ok(value),
            Some(b'1') => Ok(-value),
            Some(other) => Err(self.error(
                "sign",
                &format!("'{}' is not a sign (0 credit, 1 debit)", char::from(other)),
            )),
        }
    }

    /// A date written DDMMYY.
    fn date(&self, range: Range<usize>, field: &str) -> Result<NaiveDate> {
        let text = self.raw(range);
        let bad = || self.error(field, &format!("'{}' is not a date (DDMMYY)", text.trim()));
        let b = text.as_bytes();
        if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        let two = |i: usize| u32::from(b[i] - b'0') * 10 + u32::from(b[i + 1] - b'0');
        let year = two(4);
        let year = if year < 70 { 2000 + year } else { 1900 + year };
        NaiveDate::from_ymd_opt(year as i32, two(2), two(0)).ok_or_else(bad)
    }

    pub fn record(&self) -> Result<Record> {
        let part = || match self.byte(1) {
            b @ b'1'..=b'3' => Ok(b - b'0'),
            _ => Err(self.error(
                "record type",
                &format!("unknown record type '{}'", self.raw(0..2)),
            )),
        };
        Ok(match self.byte(0) {
            b'0' => Record::Header,
            b'1' => Record::OldBalance,
            b'2' => Record::Movement(part()?),
            b'3' => Record::Information(part()?),
            b'4' => Record::Message,
            b'8' => Record::NewBalance,
            b'9' => Record::Trailer,
            _ => {
                return Err(self.error(
                    "record type",
                    &format!("unknown record type '{}'", self.raw(0..1)),
                ));
            }
        })
    }

    pub fn header(&self) -> Result<()> {
        self.date(5..11, "creation date")?;
        match self.byte(127) {
            b'2' => Ok(()),
            other => Err(self.error(
                "version",
                &format!(
                    "CODA version '{}' is not supported (version 2 only)",
                    char::from(other)
                ),
            )),
        }
    }

    /// The account of a record 1 or 8: the number and the currency, placed by its structure
    /// (0 Belgian number, 1 foreign number, 2 Belgian IBAN, 3 foreign IBAN).
    fn account(&self, structure: u8, start: usize) -> Result<(String, Currency)> {
        let (number, currency) = match structure {
            b'0' => (0..12, 13..16),
            b'1' | b'3' => (0..34, 34..37),
            b'2' => (0..31, 34..37),
            other => {
                return Err(self.error(
                    "account structure",
                    &format!(
                        "'{}' is not an account structure (0 to 3)",
                        char::from(other)
                    ),
                ));
            }
        };
        let shift = |r: Range<usize>| r.start + start..r.end + start;
        let account: String = self
            .text(shift(number))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let code = self.text(shift(currency));
        let currency = Currency::parse(&code)
            .map_err(|_| self.error("currency", &format!("'{code}' is not a currency code")))?;
        Ok((account.to_uppercase(), currency))
    }

    /// Record 1; the account structure is remembered for record 8.
    pub fn old_balance(&self) -> Result<(Balance, u8)> {
        let structure = self.byte(1);
        let (account, currency) = self.account(structure, 5)?;
        Ok((
            Balance {
                sequence: self.text(2..5),
                account,
                currency,
                amount: self.amount(Some(42), 43..58, "old balance")?,
                date: self.date(58..64, "old balance date")?,
            },
            structure,
        ))
    }

    pub fn new_balance(&self, structure: u8) -> Result<Balance> {
        let (account, currency) = self.account(structure, 4)?;
        Ok(Balance {
            sequence: self.text(1..4),
            account,
            currency,
            amount: self.amount(Some(41), 42..57, "new balance")?,
            date: self.date(57..63, "new balance date")?,
        })
    }

    pub fn sequence_and_detail(&self) -> (String, String) {
        (self.raw(2..6), self.raw(6..10))
    }

    /// Record 2.1.
    pub fn movement(&self) -> Result<Movement> {
        let (sequence, detail) = self.sequence_and_detail();
        for (text, field) in [(&sequence, "sequence number"), (&detail, "detail number")] {
            if !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(self.error(field, &format!("'{}' is not a number", text.trim())));
            }
        }
        let amount = self.amount(Some(31), 32..47, "amount")?;
        let value_date = self.date(47..53, "value date")?;
        let booking_date = self.date(115..121, "entry date")?;
        let (reference, communication) = match self.byte(61) {
            b'0' => (String::new(), self.raw(62..115)),
            b'1' => structured(&self.raw(62..115)),
            other => {
                return Err(self.error(
                    "communication type",
                    &format!(
                        "'{}' is not a communication type (0 free, 1 structured)",
                        char::from(other)
                    ),
                ));
            }
        };
        Ok(Movement {
            sequence,
            detail,
            bank_reference: self.text(10..31),
            amount,
            value_date,
            booking_date,
            transaction_code: self.text(53..61),
            reference,
            communication,
            information: String::new(),
            name: String::new(),
            iban: String::new(),
            end_to_end: String::new(),
        })
    }

    /// Record 2.2: communication continued, the payer's reference (SEPA end-to-end id).
    pub fn movement_part2(&self, movement: &mut Movement) {
        movement.communication.push_str(&self.raw(10..63));
        let reference = self.text(63..98);
        if !reference.eq_ignore_ascii_case("NOTPROVIDED") {
            movement.end_to_end = reference;
        }
    }

    /// Record 2.3: the counterparty's account and name, communication continued.
    pub fn movement_part3(&self, movement: &mut Movement) {
        let account = self.raw(10..47);
        movement.iban = account
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_uppercase();
        movement.name = self.text(47..82);
        movement.communication.push_str(&self.raw(82..125));
    }

    /// Records 3.1 to 3.3: more communication for the movement.
    pub fn information(&self, part: u8, movement: &mut Movement) {
        let text = match part {
            1 => {
                movement.information.push(' ');
                let text = self.raw(40..113);
                if self.byte(39) == b'1' {
                    text.get(3..).unwrap_or_default().to_string()
                } else {
                    text
                }
            }
            2 => self.raw(10..115),
            _ => self.raw(10..100),
        };
        movement.information.push_str(&text);
    }

    pub fn trailer(&self) -> Result<Trailer> {
        Ok(Trailer {
            records: self.number(16..22, "number of records")?,
            debit: self.amount(None, 22..37, "debit total")?,
            credit: self.amount(None, 37..52, "credit total")?,
        })
    }
}

/// A structured communication: its type (3 digits) then its content. Types 101 and 102 are
/// the Belgian OGM (12 digits); the others are kept as text.
fn structured(text: &str) -> (String, String) {
    let kind = text.get(..3).unwrap_or_default();
    let digits = text.get(3..15).unwrap_or_default();
    if matches!(kind, "101" | "102")
        && digits.len() == 12
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        let reference = format!("+++{}/{}/{}+++", &digits[..3], &digits[3..7], &digits[7..]);
        (reference, text.get(15..).unwrap_or_default().to_string())
    } else {
        (String::new(), text.get(3..).unwrap_or_default().to_string())
    }
}

/// Texts joined, runs of white space made single spaces.
pub fn collapse(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}
