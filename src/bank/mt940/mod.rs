//! SWIFT MT940 customer statements, read line by line (no crate reads the banks' variants
//! well).
//!
//! A file holds one or more statements, each opened by `:20:`; optional SWIFT blocks
//! (`{1:…}{2:…}{4:` … `-}`), bank headers before the first tag (Rabobank's `:940:`, old ING
//! `0000 01INGB…`/`940 00`), CRLF, Latin-1 are all taken. A tag Creditdesk does not know
//! (`:9401:`) refuses the file, as does a bad date, amount or balance: the error names the
//! line and the tag.
//!
//! - `:61:` gives the value date, an optional booking date (MMDD, its year inferred across a
//!   year end), `C`/`D`/`RC`/`RD` (a reversal of a credit is money out), the amount (decimal
//!   comma), the type (`NTRF`, `N541`…), the customer reference and, after `//`, the bank's
//!   reference (ING wraps it onto the next line; such a short piece is joined back), then
//!   supplementary details (Rabobank: the other party's account; SNS: its name).
//! - `:86:` right after a `:61:` describes that entry (see `info`); a `:86:` elsewhere is
//!   about the statement and is not kept.
//! - The currency of the entries is that of the opening balance (`:60F:`/`:60M:`), else the
//!   one after the account in `:25:`.

mod info;

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::fields::{self, looks_like_iban};
use super::{Balance, Statement, StatementEntry, StatementFile, StatementFormat};
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// Whether the text starts like an MT940 file: a `:20:` line near the top (after SWIFT
/// blocks or a bank's header lines) and a `:25:` line.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().map(|l| {
        let l = l.trim_start_matches('\u{feff}');
        // `{1:…}{2:…}{4::20:…` may share a line.
        l.find("{4:").map_or(l, |i| l.get(i + 3..).unwrap_or(""))
    });
    let head: Vec<&str> = lines.by_ref().take(40).collect();
    let opens = head.iter().take(12).any(|l| l.starts_with(":20:"));
    let account = head.iter().any(|l| l.starts_with(":25:"));
    opens && account || text.starts_with(":20:") || text.starts_with("{1:")
}

/// Reads an MT940 file.
pub fn parse(file: &str, bytes: &[u8]) -> Result<StatementFile> {
    let text = fields::decode(bytes);
    let fields = tokenise(file, &text)?;
    let mut built: Vec<Building> = Vec::new();
    let mut last_was_entry = false;
    for field in &fields {
        let tag = field.tag.as_str();
        if tag == "20" {
            built.push(Building::new(field));
            last_was_entry = false;
            continue;
        }
        let Some(b) = built.last_mut() else {
            return Err(field.error(file, "comes before the statement's :20: reference"));
        };
        match tag {
            "25" => {
                let (account, currency) = account(&field.joined());
                b.account = Some(account);
                b.account_currency = currency;
            }
            "28" | "28C" => b.number = field.joined().trim().to_string(),
            "60F" | "60M" | "62F" | "62M" | "64" | "65" => {
                let balance = balance(file, field)?;
                if tag.starts_with("60") && b.currency.is_none() {
                    b.currency = Some(balance.amount.currency);
                }
                b.balances.push(balance);
            }
            "61" => {
                let currency = b.currency.or(b.account_currency).ok_or_else(|| {
                    field.error(
                        file,
                        "the entry's currency is unknown: no :60F: opening balance and no \
                         currency in :25:",
                    )
                })?;
                b.lines.push(line61(file, field, currency)?);
            }
            "86" if last_was_entry => {
                if let Some(line) = b.lines.last_mut() {
                    line.info = Some(field.lines.clone());
                }
            }
            _ => {}
        }
        last_was_entry = tag == "61";
    }
    if built.is_empty() {
        return Err(super::file_error(
            file,
            0,
            ":20:",
            "no statement in the file (no :20: tag)",
        ));
    }
    keys(&mut built);
    let mut statements = built
        .into_iter()
        .map(|b| b.finish(file))
        .collect::<Result<Vec<_>>>()?;
    fields::unique_entry_keys(&mut statements);
    Ok(StatementFile {
        format: StatementFormat::Mt940,
        statements,
    })
}

/// The tags of MT940 (and the MT942 ones some banks mix in), without the colons.
const KNOWN_TAGS: &[&str] = &[
    "13", "13D", "20", "21", "25", "25P", "28", "28C", "34F", "60F", "60M", "61", "62F", "62M",
    "64", "65", "86", "90C", "90D",
];

/// A tag and its lines: the text after the tag on its first line, then continuation lines.
#[derive(Debug)]
struct Field {
    tag: String,
    line: u64,
    lines: Vec<String>,
}

impl Field {
    fn joined(&self) -> String {
        self.lines.concat()
    }

    fn error(&self, file: &str, reason: &str) -> Error {
        super::file_error(file, self.line, &format!(":{}:", self.tag), reason)
    }
}

/// The tag of a line that starts with one, `:61:` → `61`. Tags are two digits and an optional
/// letter; a longer run of digits (`:9401:`) is returned too, to be refused as unknown.
fn tag_of(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let tag = &rest[..end];
    let digits = tag.bytes().take_while(u8::is_ascii_digit).count();
    let letters = tag.len() - digits;
    if (2..=4).contains(&digits) && letters <= 1 && tag.is_ascii() {
        Some((tag, &rest[end + 1..]))
    } else {
        None
    }
}

/// The file as tagged fields. SWIFT block lines and bank headers are dropped; a line starting
/// with `-` ends a message when what follows is a block, a tag or the end of the file (ING
/// also wraps `:86:` text onto a line that is just `-`).
fn tokenise(file: &str, text: &str) -> Result<Vec<Field>> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut fields: Vec<Field> = Vec::new();
    let mut open = false;
    for (i, raw) in lines.iter().enumerate() {
        let number = i as u64 + 1;
        let mut line = *raw;
        if line.starts_with('{') {
            open = false;
            match line.find("{4:") {
                Some(at) => line = line.get(at + 3..).unwrap_or(""),
                None => continue,
            }
            if line.trim().is_empty() {
                continue;
            }
        }
        if line.starts_with('}') || line.starts_with("-}") {
            open = false;
            continue;
        }
        if line.starts_with('-') {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            let ends = match next {
                None => true,
                Some(n) => n.starts_with(['{', '}', '-']) || tag_of(n).is_some(),
            };
            if ends {
                open = false;
                continue;
            }
        }
        if line == ":940:" {
            continue;
        }
        if let Some((tag, rest)) = tag_of(line) {
            if !KNOWN_TAGS.contains(&tag) {
                return Err(super::file_error(
                    file,
                    number,
                    &format!(":{tag}:"),
                    &format!("unknown MT940 tag :{tag}:"),
                ));
            }
            fields.push(Field {
                tag: tag.to_string(),
                line: number,
                lines: vec![rest.to_string()],
            });
            open = true;
            continue;
        }
        match fields.last_mut() {
            Some(field) if open => field.lines.push(line.to_string()),
            // Bank headers before the first tag, trailers after a message.
            _ => {}
        }
    }
    Ok(fields)
}

/// A statement being read.
struct Building {
    id: String,
    line: u64,
    number: String,
    account: Option<String>,
    account_currency: Option<Currency>,
    currency: Option<Currency>,
    balances: Vec<Balance>,
    lines: Vec<Line61>,
}

impl Building {
    fn new(field: &Field) -> Building {
        Building {
            id: field.joined().trim().to_string(),
            line: field.line,
            number: String::new(),
            account: None,
            account_currency: None,
            currency: None,
            balances: Vec::new(),
            lines: Vec::new(),
        }
    }

    fn finish(self, file: &str) -> Result<Statement> {
        let Some(account) = self.account else {
            return Err(super::file_error(
                file,
                self.line,
                ":25:",
                &format!("statement {} has no :25: account", self.id),
            ));
        };
        let entries = self.lines.into_iter().map(Line61::into_entry).collect();
        Ok(Statement {
            id: self.id,
            account,
            balances: self.balances,
            entries,
        })
    }
}

/// `:25:` → the account without a trailing currency (`NL34RABO0142623393 EUR`,
/// `NL77INGB0574908765EUR`), and that currency.
fn account(text: &str) -> (String, Option<Currency>) {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n > 3 {
        let tail: String = chars[n - 3..].iter().collect();
        let before = chars[n - 4];
        let letters = tail.chars().all(|c| c.is_ascii_uppercase());
        if letters
            && (before == ' ' || before.is_ascii_digit())
            && let Ok(currency) = Currency::parse(&tail)
        {
            let head: String = chars[..n - 3].iter().collect();
            return (fields::account(&head), Some(currency));
        }
    }
    (fields::account(text), None)
}

/// A cursor over the ASCII text of a field.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take_while(&mut self, max: usize, f: impl Fn(char) -> bool) -> &'a str {
        let rest = self.text.get(self.at..).unwrap_or("");
        let len: usize = rest
            .chars()
            .take(max)
            .take_while(|&c| f(c))
            .map(char::len_utf8)
            .sum();
        self.at += len;
        &rest[..len]
    }

    fn eat(&mut self, prefix: &str) -> bool {
        let rest = self.text.get(self.at..).unwrap_or("");
        if rest.starts_with(prefix) {
            self.at += prefix.len();
            true
        } else {
            false
        }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or("")
    }
}

fn yymmdd(text: &str) -> Option<NaiveDate> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: i32 = text[..2].parse().ok()?;
    let year = if yy < 80 { 2000 + yy } else { 1900 + yy };
    NaiveDate::from_ymd_opt(year, text[2..4].parse().ok()?, text[4..].parse().ok()?)
}

/// An amount with a decimal comma: `662,23`, `000000004433,52`, `400,`.
fn amount(text: &str) -> Option<Decimal> {
    let (int, frac) = text.split_once(',')?;
    let ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !ok(int) || !ok(frac) || (int.is_empty() && frac.is_empty()) || text.len() > 18 {
        return None;
    }
    let int = if int.is_empty() { "0" } else { int };
    let number = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    Decimal::from_str(&number).ok()
}

/// `:60F:C140219EUR662,23` and the other balances.
fn balance(file: &str, field: &Field) -> Result<Balance> {
    let text = field.joined();
    let text = text.trim();
    let mut c = Cursor { text, at: 0 };
    let debit = match c.take_while(1, |ch| ch == 'C' || ch == 'D') {
        "C" => false,
        "D" => true,
        _ => return Err(field.error(file, &format!("'{text}' does not start with C or D"))),
    };
    let date_text = c.take_while(6, |ch| ch.is_ascii_digit());
    let date = yymmdd(date_text)
        .ok_or_else(|| field.error(file, &format!("'{date_text}' is not a date (YYMMDD)")))?;
    let code = c.take_while(3, |ch| ch.is_ascii_alphabetic());
    let currency = Currency::parse(code)
        .ok()
        .filter(|_| code.len() == 3)
        .ok_or_else(|| field.error(file, &format!("'{code}' is not a currency code")))?;
    let value = amount(c.rest().trim()).ok_or_else(|| {
        field.error(
            file,
            &format!("'{}' is not an amount (decimal comma)", c.rest()),
        )
    })?;
    Ok(Balance {
        kind: field.tag.clone(),
        date,
        amount: Money::new(fields::signed(value, debit), currency),
    })
}

/// One `:61:` line and the `:86:` that describes it.
struct Line61 {
    value_date: NaiveDate,
    booking_date: NaiveDate,
    amount: Money,
    reversal: bool,
    kind: String,
    customer_ref: String,
    bank_ref: String,
    details: String,
    info: Option<Vec<String>>,
    key: String,
}

/// The booking date's year: the one that puts MMDD nearest the value date.
fn near_year(value: NaiveDate, mmdd: &str) -> Option<NaiveDate> {
    let month: u32 = mmdd.get(..2)?.parse().ok()?;
    let day: u32 = mmdd.get(2..4)?.parse().ok()?;
    (value.year() - 1..=value.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - value).num_days().abs())
}

fn line61(file: &str, field: &Field, currency: Currency) -> Result<Line61> {
    let first = field.lines.first().map(String::as_str).unwrap_or("");
    let mut c = Cursor { text: first, at: 0 };
    let date_text = c.take_while(6, |ch| ch.is_ascii_digit());
    let value_date = yymmdd(date_text)
        .ok_or_else(|| field.error(file, &format!("'{date_text}' is not a value date (YYMMDD)")))?;
    let entry_text = c.take_while(4, |ch| ch.is_ascii_digit());
    let booking_date = match entry_text.len() {
        0 => value_date,
        4 => near_year(value_date, entry_text).ok_or_else(|| {
            field.error(
                file,
                &format!("'{entry_text}' is not a booking date (MMDD)"),
            )
        })?,
        _ => {
            return Err(field.error(
                file,
                &format!("'{date_text}{entry_text}' is not a date (YYMMDD and MMDD)"),
            ));
        }
    };
    // A reversal of a credit (RC) is money out, of a debit (RD) money in.
    let (debit, reversal) = if c.eat("RC") {
        (true, true)
    } else if c.eat("RD") {
        (false, true)
    } else if c.eat("C") {
        (false, false)
    } else if c.eat("D") {
        (true, false)
    } else {
        return Err(field.error(
            file,
            &format!("'{}' does not give C, D, RC or RD", c.rest()),
        ));
    };
    // The optional funds code (the third letter of the currency code).
    c.take_while(1, |ch| ch.is_ascii_alphabetic());
    let amount_text = c.take_while(18, |ch| ch.is_ascii_digit() || ch == ',');
    let value = amount(amount_text).ok_or_else(|| {
        field.error(
            file,
            &format!("'{amount_text}' is not an amount (decimal comma)"),
        )
    })?;
    let kind = c.take_while(4, |ch| ch.is_ascii_alphanumeric());
    if kind.len() != 4 || !kind.starts_with(['N', 'F', 'S']) {
        return Err(field.error(
            file,
            &format!("'{kind}' is not a transaction type (N, F or S and three characters)"),
        ));
    }
    let rest = c.rest();
    let (customer_ref, mut bank_ref) = match rest.split_once("//") {
        Some((customer, bank)) => (customer.trim().to_string(), bank.trim().to_string()),
        None => (rest.trim().to_string(), String::new()),
    };
    let mut more = field.lines.iter().skip(1).map(String::as_str).peekable();
    if !bank_ref.is_empty()
        && let Some(next) = more.peek().map(|n| n.trim())
        && !next.is_empty()
        && next.chars().all(|ch| ch.is_ascii_alphanumeric())
        && bank_ref.len() + next.len() <= 16
    {
        // ING wraps a short bank reference: `//00000000001` + `005`.
        bank_ref.push_str(next);
        more.next();
    }
    let details = more.collect::<String>().trim().to_string();
    Ok(Line61 {
        value_date,
        booking_date,
        amount: Money::new(fields::signed(value, debit), currency),
        reversal,
        kind: kind.to_string(),
        customer_ref,
        bank_ref,
        details,
        info: None,
        key: String::new(),
    })
}

impl Line61 {
    fn into_entry(self) -> StatementEntry {
        let info = info::read(self.info.as_deref().unwrap_or(&[]));
        let mut iban = info.iban;
        let mut name = info.name;
        if iban.is_empty() {
            for candidate in [&self.customer_ref, &self.details] {
                let candidate = fields::account(candidate);
                if looks_like_iban(&candidate) {
                    iban = candidate;
                    break;
                }
            }
        }
        let details_name = !self.details.is_empty()
            && !self.details.starts_with('/')
            && !looks_like_iban(&fields::account(&self.details));
        if name.is_empty() && details_name {
            name = fields::squeeze(&self.details);
        }
        let mut remittance = info.remittance;
        if info.free_text {
            // SNS repeats the account and the name at the start of the text.
            for prefix in [iban.as_str(), name.as_str()] {
                if !prefix.is_empty()
                    && let Some(rest) = remittance.strip_prefix(prefix)
                {
                    remittance = rest.trim_start().to_string();
                }
            }
        }
        let mut reference = info.reference;
        if reference.is_empty() && fields::is_structured_reference(&remittance) {
            reference.clone_from(&remittance);
        }
        StatementEntry {
            entry: self.key,
            booking_date: self.booking_date,
            value_date: self.value_date,
            amount: self.amount,
            name,
            iban,
            reference,
            remittance,
            end_to_end: info.end_to_end,
            reversal: self.reversal,
            transaction_code: self.kind,
        }
    }
}

/// Entry keys: the bank's reference after `//` when it is unique in the file, else
/// `<:20:>/<n>`, `n` the entry's place in its statement; when several statements share a
/// `:20:` (SNS gives `0000000000` to all), `<:20:>/<:28C:>/<n>`.
fn keys(built: &mut [Building]) {
    let mut refs: HashMap<String, usize> = HashMap::new();
    for line in built.iter().flat_map(|b| b.lines.iter()) {
        *refs.entry(line.bank_ref.clone()).or_default() += 1;
    }
    let count = |f: &dyn Fn(&Building) -> String| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for b in built.iter() {
            *counts.entry(f(b)).or_default() += 1;
        }
        counts
    };
    let ids = count(&|b| b.id.clone());
    let numbered = count(&|b| format!("{}/{}", b.id, b.number));
    for (s, b) in built.iter_mut().enumerate() {
        let with_number = format!("{}/{}", b.id, b.number);
        let prefix = if ids.get(&b.id) == Some(&1) {
            b.id.clone()
        } else if !b.number.is_empty() && numbered.get(&with_number) == Some(&1) {
            with_number
        } else {
            format!("{}/{}", b.id, s + 1)
        };
        for (n, line) in b.lines.iter_mut().enumerate() {
            line.key = if !line.bank_ref.is_empty() && refs.get(&line.bank_ref) == Some(&1) {
                line.bank_ref.clone()
            } else {
                format!("{prefix}/{}", n + 1)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_year_is_inferred_across_a_year_end() {
        let d = |s: &str| NaiveDate::from_str(s).unwrap();
        assert_eq!(near_year(d("2014-01-02"), "1231"), Some(d("2013-12-31")));
        assert_eq!(near_year(d("2013-12-31"), "0102"), Some(d("2014-01-02")));
        assert_eq!(near_year(d("2014-02-20"), "0220"), Some(d("2014-02-20")));
        assert_eq!(near_year(d("2016-02-28"), "0229"), Some(d("2016-02-29")));
        assert_eq!(near_year(d("2015-02-28"), "0229"), Some(d("2016-02-29")));
        assert_eq!(near_year(d("2015-02-28"), "1340"), None);
    }

    #[test]
    fn amounts_with_a_decimal_comma() {
        for (text, expected) in [
            ("662,23", Some("662.23")),
            ("000000004433,52", Some("4433.52")),
            ("400,", Some("400")),
            (",5", Some("0.5")),
            ("0,00", Some("0.00")),
            ("1.5", None),
            ("12", None),
            (",", None),
            ("1,2,3", None),
        ] {
            assert_eq!(
                amount(text).map(|d| d.to_string()),
                expected.map(str::to_string),
                "{text}"
            );
        }
    }

    #[test]
    fn account_and_currency_of_25() {
        for (text, account_, currency) in [
            ("NL34RABO0142623393 EUR", "NL34RABO0142623393", Some("EUR")),
            ("NL77INGB0574908765EUR", "NL77INGB0574908765", Some("EUR")),
            ("NL05SNSB0908244436", "NL05SNSB0908244436", None),
            ("10020030/1234567", "10020030/1234567", None),
        ] {
            let (a, c) = account(text);
            assert_eq!(a, account_);
            assert_eq!(c.map(|c| c.code().to_string()).as_deref(), currency);
        }
    }
}

#[cfg(test)]
mod detect_tests {
    use std::path::Path;

    use super::super::{StatementFormat, detect};

    /// `bank::detect` takes every MT940 sample for MT940 (the wrong one too, so that its
    /// error is the parser's precise one), whatever its header: SWIFT blocks, Rabobank's
    /// `:940:`, old ING's `0000 01INGB…`.
    #[test]
    fn detect_knows_every_mt940_sample() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bank/mt940");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).expect("the shared MT940 samples") {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(
                detect(&bytes),
                Some(StatementFormat::Mt940),
                "{}",
                path.display()
            );
            seen += 1;
        }
        assert_eq!(seen, 8);
    }
}
