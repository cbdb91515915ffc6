//! Small helpers the statement parsers share: decoding the bytes, cleaning names, IBANs and
//! texts, telling structured references, and making entry keys unique within a file.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::Statement;
use crate::domain::CreditorReference;

/// The file as text: UTF-8 (a byte-order mark dropped), or else Latin-1, which every byte
/// sequence is (MT940 and older XML files are often Latin-1 or Windows-1252).
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

/// The amount, negated for money out. A zero keeps the scale the file wrote (`0.00`), which a
/// multiplication by -1 or 1 would not.
pub(crate) fn signed(amount: Decimal, negative: bool) -> Decimal {
    if negative && !amount.is_zero() {
        -amount
    } else {
        amount
    }
}

/// Runs of white space made one space, ends trimmed.
pub(crate) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An IBAN or account number: spaces removed, upper case.
pub(crate) fn account(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether `text` has the shape of an IBAN: two letters, two digits, 11 to 30 letters or
/// digits (the check digits are not verified: a foreign account still names the payer).
pub(crate) fn looks_like_iban(text: &str) -> bool {
    let b = text.as_bytes();
    (15..=34).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && b[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The end-to-end id, with the SEPA placeholder `NOTPROVIDED` dropped.
pub(crate) fn end_to_end(text: &str) -> String {
    let text = text.trim();
    if text.eq_ignore_ascii_case("NOTPROVIDED") {
        String::new()
    } else {
        text.to_string()
    }
}

/// Whether the whole text is a structured creditor reference: a valid ISO 11649 RF reference,
/// or a Belgian OGM (`+++123/4567/89012+++`, `***…***`, or its 12 digits) whose check digits
/// hold.
pub(crate) fn is_structured_reference(text: &str) -> bool {
    let text = text.trim();
    if text.len() >= 5 && text.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("RF")) {
        return CreditorReference::parse(text).is_ok();
    }
    is_ogm(text)
}

fn is_ogm(text: &str) -> bool {
    let inner = text
        .strip_prefix("+++")
        .and_then(|t| t.strip_suffix("+++"))
        .or_else(|| text.strip_prefix("***").and_then(|t| t.strip_suffix("***")));
    let Some(inner) = inner else {
        return false;
    };
    let digits: String = inner.chars().filter(|c| *c != '/' && *c != ' ').collect();
    if digits.len() != 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (Ok(base), Ok(check)) = (digits[..10].parse::<u64>(), digits[10..].parse::<u64>()) else {
        return false;
    };
    let expected = match base % 97 {
        0 => 97,
        r => r,
    };
    check == expected
}

/// Makes every entry key of the file unique, in file order: the first holder of a key keeps
/// it, a later entry with the same key gets `#2`, `#3`, …
pub(crate) fn unique_entry_keys(statements: &mut [Statement]) {
    let mut seen: HashSet<String> = HashSet::new();
    // The next suffix to try per key, so that many equal keys stay linear.
    let mut next: HashMap<String, usize> = HashMap::new();
    for entry in statements.iter_mut().flat_map(|s| s.entries.iter_mut()) {
        if seen.insert(entry.entry.clone()) {
            continue;
        }
        let n = next.entry(entry.entry.clone()).or_insert(2);
        while seen.contains(&format!("{}#{n}", entry.entry)) {
            *n += 1;
        }
        entry.entry = format!("{}#{n}", entry.entry);
        *n += 1;
        seen.insert(entry.entry.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_latin1() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc"), "abc");
        assert_eq!(decode("Göteborg".as_bytes()), "Göteborg");
        assert_eq!(decode(b"G\xF6teborg"), "Göteborg");
    }

    #[test]
    fn tells_structured_references() {
        for (text, structured) in [
            ("RF18539007547034", true),
            ("RF18 5390 0754 7034", true),
            ("RF19539007547034", false),
            ("+++123/4567/89002+++", true),
            ("***123/4567/89002***", true),
            ("+++123/4567/89003+++", false),
            ("+++000/0000/09797+++", true),
            ("9001123412341234", false),
            ("Invoice 12", false),
            ("RF", false),
        ] {
            assert_eq!(is_structured_reference(text), structured, "{text}");
        }
    }

    #[test]
    fn signs_keep_the_scale() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(signed(d("0.00"), true).to_string(), "0.00");
        assert_eq!(signed(d("0.00"), false).to_string(), "0.00");
        assert_eq!(signed(d("8.850"), true).to_string(), "-8.850");
        assert_eq!(signed(d("200000"), false).to_string(), "200000");
    }

    #[test]
    fn entry_keys_are_made_unique_in_file_order() {
        use crate::bank::StatementEntry;
        use crate::money::{Currency, Money};
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        let entry = |key: &str| StatementEntry {
            entry: key.to_string(),
            booking_date: day,
            value_date: day,
            amount: Money::zero(Currency::EUR),
            name: String::new(),
            iban: String::new(),
            reference: String::new(),
            remittance: String::new(),
            end_to_end: String::new(),
            reversal: false,
            transaction_code: String::new(),
        };
        let statement = |keys: &[&str]| Statement {
            id: "S".into(),
            account: "X".into(),
            balances: Vec::new(),
            entries: keys.iter().map(|k| entry(k)).collect(),
        };
        let mut statements = [statement(&["A", "A", "A#2"]), statement(&["A", "B"])];
        unique_entry_keys(&mut statements);
        let keys: Vec<&str> = statements
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| e.entry.as_str()))
            .collect();
        assert_eq!(keys, ["A", "A#2", "A#2#2", "A#3", "B"]);
    }

    #[test]
    fn ibans_by_shape() {
        assert!(looks_like_iban("NL91ABNA0417164300"));
        assert!(!looks_like_iban("NONREF"));
        assert!(!looks_like_iban("1111111111"));
        assert!(!looks_like_iban("nl91abna0417164300"));
    }
}
