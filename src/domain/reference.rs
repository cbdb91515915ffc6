//! The ISO 11649 structured creditor reference ("RF reference").
//!
//! `RF` + two check digits + 1 to 21 letters or digits. The check digits are ISO 7064
//! MOD 97-10, as for an IBAN: the reference with `RF00` moved to the end, letters replaced by
//! numbers (A = 10 … Z = 35), taken mod 97, gives `98 - remainder`; a valid reference taken the
//! same way (with its own check digits) leaves 1. The electronic form has no spaces and is upper
//! case; the printed form is grouped by four (`RF18 5390 0754 7034`).

use std::fmt;

use crate::error::{Error, Result};

/// The longest creditor's part of a reference (ISO 11649: `2!a2!n21c`).
pub const MAX_REFERENCE_BODY: usize = 21;

/// A valid ISO 11649 creditor reference, kept in its electronic form (`RF18539007547034`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CreditorReference(String);

impl CreditorReference {
    /// The reference for `base` (an invoice number, a customer number and a run, …): its
    /// letters and digits, upper-cased, with check digits computed. Other characters
    /// (`-`, `/`, `.`, spaces) are left out, as a bank would; what remains must be 1 to 21
    /// ASCII letters or digits. Accented letters are refused rather than dropped.
    pub fn generate(base: &str) -> Result<CreditorReference> {
        let mut body = String::with_capacity(base.len());
        for c in base.chars() {
            if c.is_ascii_alphanumeric() {
                body.push(c.to_ascii_uppercase());
            } else if c.is_alphanumeric() {
                return Err(Error::invalid(format!(
                    "'{base}' cannot make a creditor reference: '{c}' is not an ASCII letter or digit"
                )));
            }
        }
        if body.is_empty() {
            return Err(Error::invalid(format!(
                "'{base}' cannot make a creditor reference: it has no letter or digit"
            )));
        }
        if body.len() > MAX_REFERENCE_BODY {
            return Err(Error::invalid(format!(
                "'{base}' cannot make a creditor reference: {} letters and digits, at most {MAX_REFERENCE_BODY}",
                body.len()
            )));
        }
        let remainder = mod97(body.bytes().chain(*b"RF00"));
        let check = 98 - remainder;
        Ok(CreditorReference(format!("RF{check:02}{body}")))
    }

    /// Reads a reference as typed or printed: spaces and lower case are tolerated; the check
    /// digits must hold.
    pub fn parse(raw: &str) -> Result<CreditorReference> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let shown = raw.trim();
        if !compact.starts_with("RF") {
            return Err(Error::invalid(format!(
                "'{shown}' is not a creditor reference: it must start with RF"
            )));
        }
        if compact.len() < 5 || compact.len() > 4 + MAX_REFERENCE_BODY {
            return Err(Error::invalid(format!(
                "'{shown}' is not a creditor reference: RF, two check digits and 1 to {MAX_REFERENCE_BODY} letters or digits"
            )));
        }
        let bytes = compact.as_bytes();
        if !bytes[2].is_ascii_digit() || !bytes[3].is_ascii_digit() {
            return Err(Error::invalid(format!(
                "'{shown}' is not a creditor reference: RF must be followed by two check digits"
            )));
        }
        if !bytes[4..].iter().all(u8::is_ascii_alphanumeric) {
            return Err(Error::invalid(format!(
                "'{shown}' is not a creditor reference: only letters and digits may follow the check digits"
            )));
        }
        let rotated = bytes[4..].iter().chain(&bytes[..4]).copied();
        if mod97(rotated) != 1 {
            return Err(Error::invalid(format!(
                "'{shown}' is not a valid creditor reference: the check digits do not match"
            )));
        }
        Ok(CreditorReference(compact))
    }

    /// The electronic form, no spaces: what goes in a payment file or a QR code.
    pub fn electronic(&self) -> &str {
        &self.0
    }

    /// The printed form, in groups of four: `RF18 5390 0754 7034`.
    pub fn printed(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + self.0.len() / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl fmt::Display for CreditorReference {
    /// The printed form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed())
    }
}

/// A Belgian structured communication ("OGM", *gestructureerde mededeling*, *communication
/// structurée*): ten digits and two check digits, the ten digits taken mod 97 (97 when the
/// remainder is 0). Printed `+++090/9337/55493+++` (or with `***`); kept as its 12 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Ogm(String);

impl Ogm {
    /// The OGM for `base` (an invoice number): its digits, left-padded with zeros to ten, and
    /// the check digits. Letters and separators are left out; more than ten digits, or none,
    /// are refused.
    pub fn generate(base: &str) -> Result<Ogm> {
        let digits: String = base.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return Err(Error::invalid(format!(
                "'{base}' cannot make a structured communication: it has no digit"
            )));
        }
        if digits.len() > 10 {
            return Err(Error::invalid(format!(
                "'{base}' cannot make a structured communication: {} digits, at most 10",
                digits.len()
            )));
        }
        let body = format!("{digits:0>10}");
        let check = ogm_check(body.as_bytes());
        Ok(Ogm(format!("{body}{check:02}")))
    }

    /// Reads an OGM as typed or printed: spaces, `/`, `+`, `*` and `.` are tolerated; twelve
    /// digits must remain and the check digits must hold.
    pub fn parse(raw: &str) -> Result<Ogm> {
        let shown = raw.trim();
        let mut digits = String::with_capacity(12);
        for c in raw.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !(c.is_whitespace() || matches!(c, '/' | '+' | '*' | '.')) {
                return Err(Error::invalid(format!(
                    "'{shown}' is not a structured communication: '{c}' is not a digit"
                )));
            }
        }
        Ogm::from_digits(&digits).ok_or_else(|| {
            if digits.len() != 12 {
                Error::invalid(format!(
                    "'{shown}' is not a structured communication: {} digits, it needs 12",
                    digits.len()
                ))
            } else {
                Error::invalid(format!(
                    "'{shown}' is not a valid structured communication: the check digits do not match"
                ))
            }
        })
    }

    /// Twelve ASCII digits with valid check digits, or `None`.
    fn from_digits(digits: &str) -> Option<Ogm> {
        let bytes = digits.as_bytes();
        if bytes.len() != 12 || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let check = u32::from(bytes[10] - b'0') * 10 + u32::from(bytes[11] - b'0');
        (ogm_check(&bytes[..10]) == check).then(|| Ogm(digits.to_string()))
    }

    /// The twelve digits, no separators: what goes in a payment file.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ogm {
    /// `+++090/9337/55493+++`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(f, "+++{}/{}/{}+++", &d[..3], &d[3..7], &d[7..])
    }
}

/// The OGM check of ten ASCII digits: the number mod 97, 97 for a remainder of 0.
fn ogm_check(ten: &[u8]) -> u32 {
    let r = ten
        .iter()
        .fold(0u64, |acc, c| (acc * 10 + u64::from(c - b'0')) % 97) as u32;
    if r == 0 { 97 } else { r }
}

/// A structured reference found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StructuredReference {
    Rf(CreditorReference),
    Ogm(Ogm),
}

impl StructuredReference {
    /// Reads a reference field: an RF reference or an OGM, else `None`.
    pub fn parse(raw: &str) -> Option<StructuredReference> {
        if let Ok(r) = CreditorReference::parse(raw) {
            return Some(StructuredReference::Rf(r));
        }
        Ogm::parse(raw).ok().map(StructuredReference::Ogm)
    }

    /// The electronic form: `RF18539007547034` or the twelve OGM digits.
    pub fn key(&self) -> &str {
        match self {
            StructuredReference::Rf(r) => r.electronic(),
            StructuredReference::Ogm(o) => o.digits(),
        }
    }
}

/// Every check-digit-valid RF reference and OGM in a free text (a remittance line, an
/// end-to-end id), in order of appearance, each once.
///
/// Tolerant of what payers and banks do to them: spaces anywhere (`RF18 5390 0754 7034`,
/// also where 140/160-character lines were joined), lower case, words glued before or after
/// (`invoiceRF18539007547034thanks`), OGM separators (`+++090/9337/55493+++`, `***…***`,
/// `090 9337 55493`, `090.9337.55493`). Where the end of a reference cannot be told from what
/// follows it, every length whose check digits hold is returned: a random string passes the
/// check once in 97, and the caller keeps only those that name an item.
pub fn scan_references(text: &str) -> Vec<StructuredReference> {
    let mut found: Vec<StructuredReference> = Vec::new();
    let push = |r: StructuredReference, found: &mut Vec<StructuredReference>| {
        if !found.contains(&r) {
            found.push(r);
        }
    };
    let bytes = text.as_bytes();
    // RF references: "RF" + two digits + up to 21 letters or digits, spaces skipped.
    let alnum: Vec<u8> = bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_uppercase)
        .collect();
    // Positions in `alnum` where a space separated runs, so a body may only cross spaces
    // (not other punctuation).
    let mut breaks = vec![false; alnum.len() + 1];
    {
        let mut k = 0;
        let mut hard = false;
        for &b in bytes {
            if b.is_ascii_alphanumeric() {
                if hard {
                    breaks[k] = true;
                }
                hard = false;
                k += 1;
            } else if !b.is_ascii_whitespace() {
                hard = true;
            }
        }
    }
    for start in 0..alnum.len().saturating_sub(4) {
        if alnum[start] != b'R' || alnum[start + 1] != b'F' {
            continue;
        }
        if !alnum[start + 2].is_ascii_digit() || !alnum[start + 3].is_ascii_digit() {
            continue;
        }
        if (start + 1..start + 4).any(|k| breaks[k]) {
            continue;
        }
        let check = &alnum[start..start + 4];
        let mut acc_body = 0u32; // the body's mod 97 so far
        let mut len = 0;
        let mut k = start + 4;
        while k < alnum.len() && len < MAX_REFERENCE_BODY {
            if breaks[k] {
                break;
            }
            let c = alnum[k];
            acc_body = mod97_step(acc_body, c);
            len += 1;
            k += 1;
            if mod97_continue(acc_body, check) == 1 {
                let mut s = String::with_capacity(4 + len);
                s.push_str(std::str::from_utf8(&alnum[start..start + 4 + len]).unwrap_or(""));
                push(StructuredReference::Rf(CreditorReference(s)), &mut found);
            }
        }
    }
    // OGMs: runs of digits joined by OGM separators; every 12-digit window whose check holds.
    let mut run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, found: &mut Vec<StructuredReference>| {
        if run.len() >= 12 {
            for w in run.windows(12) {
                if let Some(o) = std::str::from_utf8(w).ok().and_then(Ogm::from_digits)
                    && !found.contains(&StructuredReference::Ogm(o.clone()))
                {
                    found.push(StructuredReference::Ogm(o));
                }
            }
        }
        run.clear();
    };
    for &b in bytes {
        if b.is_ascii_digit() {
            run.push(b);
        } else if b.is_ascii_whitespace() || matches!(b, b'/' | b'+' | b'*' | b'.') {
            continue;
        } else {
            flush(&mut run, &mut found);
        }
    }
    flush(&mut run, &mut found);
    found
}

fn mod97_step(acc: u32, c: u8) -> u32 {
    if c.is_ascii_digit() {
        (acc * 10 + u32::from(c - b'0')) % 97
    } else {
        (acc * 100 + u32::from(c - b'A') + 10) % 97
    }
}

/// The remainder of body (its remainder `acc`) followed by the four characters `RFnn`.
fn mod97_continue(acc: u32, check: &[u8]) -> u32 {
    check.iter().fold(acc, |a, &c| mod97_step(a, c))
}

/// ISO 7064 MOD 97-10 of upper-case letters and digits, letters counted as 10..35.
fn mod97(chars: impl Iterator<Item = u8>) -> u32 {
    chars.fold(0u32, |acc, c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            // A letter is two digits.
            (acc * 100 + u32::from(c - b'A') + 10) % 97
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Published examples: `RF18 5390 0754 7034` (EPC QR guidelines, Swiss QR-bill
    /// documentation) and `RF712348231` (ISO 20022 remittance examples).
    #[test]
    fn published_examples_validate_and_are_regenerated() {
        for (printed, body) in [
            ("RF18 5390 0754 7034", "539007547034"),
            ("RF71 2348 231", "2348231"),
        ] {
            let parsed = CreditorReference::parse(printed).unwrap();
            assert_eq!(parsed.printed(), printed);
            assert_eq!(CreditorReference::generate(body).unwrap(), parsed);
        }
        assert_eq!(
            CreditorReference::parse("rf18539007547034")
                .unwrap()
                .electronic(),
            "RF18539007547034"
        );
    }

    #[test]
    fn generation_keeps_letters_and_digits_of_an_invoice_number() {
        let r = CreditorReference::generate("inv-2026/0042").unwrap();
        assert!(r.electronic().starts_with("RF"));
        assert!(r.electronic().ends_with("INV20260042"));
        assert_eq!(CreditorReference::parse(&r.printed()).unwrap(), r);
    }

    #[test]
    fn bad_references_are_refused_with_a_reason() {
        for (raw, reason) in [
            ("RF19 5390 0754 7034", "check digits do not match"),
            ("XX18 5390 0754 7034", "start with RF"),
            ("RF", "1 to 21"),
            ("RF1A539007547034", "two check digits"),
            ("RF18 5390-0754", "only letters and digits"),
            ("RF12 1234 5678 9012 3456 7890 12", "1 to 21"),
        ] {
            let err = CreditorReference::parse(raw).unwrap_err();
            assert!(err.message.contains(reason), "{raw}: {}", err.message);
        }
        for (raw, reason) in [
            ("", "no letter or digit"),
            ("--/", "no letter or digit"),
            ("1234567890123456789012", "at most 21"),
            ("FACTURE-É1", "'É'"),
        ] {
            let err = CreditorReference::generate(raw).unwrap_err();
            assert!(err.message.contains(reason), "{raw:?}: {}", err.message);
        }
    }

    /// +++090/9337/55493+++ is the example Belgian banks publish: 0909337554 mod 97 = 93.
    #[test]
    fn ogm_published_example_validates_and_is_regenerated() {
        for printed in [
            "+++090/9337/55493+++",
            "***090/9337/55493***",
            "090 9337 55493",
            "090933755493",
        ] {
            let o = Ogm::parse(printed).unwrap();
            assert_eq!(o.digits(), "090933755493");
            assert_eq!(o.to_string(), "+++090/9337/55493+++");
        }
        assert_eq!(Ogm::generate("909337554").unwrap().digits(), "090933755493");
        assert_eq!(
            Ogm::generate("F-0909337554").unwrap().digits(),
            "090933755493"
        );
        // A remainder of 0 gives the check digits 97.
        assert_eq!(
            Ogm::generate("97").unwrap().to_string(),
            "+++000/0000/09797+++"
        );
        assert_eq!(
            Ogm::generate("2026-00123").unwrap().digits(),
            "020260012306"
        );
    }

    #[test]
    fn bad_ogms_are_refused_with_a_reason() {
        for (raw, reason) in [
            ("+++090/9337/55494+++", "check digits do not match"),
            ("+++090/9337/5549+++", "11 digits"),
            ("+++090/9337/55A93+++", "'A' is not a digit"),
        ] {
            let err = Ogm::parse(raw).unwrap_err();
            assert!(err.message.contains(reason), "{raw}: {}", err.message);
        }
        for (raw, reason) in [("INV-", "no digit"), ("2026-000001234", "13 digits")] {
            let err = Ogm::generate(raw).unwrap_err();
            assert!(err.message.contains(reason), "{raw}: {}", err.message);
        }
    }

    #[test]
    fn scanning_finds_references_in_what_payers_write() {
        let rf = StructuredReference::Rf(CreditorReference::parse("RF18539007547034").unwrap());
        let ogm = StructuredReference::Ogm(Ogm::parse("090933755493").unwrap());
        for text in [
            "RF18 5390 0754 7034",
            "payment rf18 5390 0754 7034 thanks",
            "invoiceRF18539007547034thanks",
            "ref:RF18539007547034/inv 2026",
            "RF18 5390 07 54 7034 joined across a line",
        ] {
            assert!(scan_references(text).contains(&rf), "{text}");
        }
        for text in [
            "+++090/9337/55493+++",
            "mededeling ***090/9337/55493*** bedankt",
            "comm. 090.9337.55493",
            "090 9337 55493",
        ] {
            assert!(scan_references(text).contains(&ogm), "{text}");
        }
        for text in [
            "RF19 5390 0754 7034",
            "+++090/9337/55494+++",
            "no reference",
            "",
        ] {
            assert!(
                !scan_references(text).contains(&rf) && !scan_references(text).contains(&ogm),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn every_generated_reference_validates(body in "[A-Za-z0-9]{1,21}") {
            let r = CreditorReference::generate(&body).unwrap();
            prop_assert_eq!(r.electronic().len(), body.len() + 4);
            prop_assert_eq!(&CreditorReference::parse(r.electronic()).unwrap(), &r);
            prop_assert_eq!(&CreditorReference::parse(&r.printed().to_lowercase()).unwrap(), &r);
        }

        /// MOD 97-10 detects every substitution of a digit by another digit and of a letter by
        /// another letter (the difference is d·10^k with 0 < |d| < 97). A letter typed for a
        /// digit changes the length of the number and is caught only about 99.6 % of the time,
        /// which is why this property stays within a class.
        #[test]
        fn one_changed_character_is_detected(
            body in "[A-Z0-9]{1,21}",
            position in 2usize..25,
            shift in 1u8..36,
        ) {
            let r = CreditorReference::generate(&body).unwrap();
            let mut chars: Vec<u8> = r.electronic().bytes().collect();
            let position = 2 + position % (chars.len() - 2);
            let old = chars[position];
            chars[position] = if old.is_ascii_digit() {
                b'0' + (old - b'0' + shift % 9 + 1) % 10
            } else {
                b'A' + (old - b'A' + shift % 25 + 1) % 26
            };
            prop_assert_ne!(chars[position], old);
            let changed = String::from_utf8(chars).unwrap();
            prop_assert!(CreditorReference::parse(&changed).is_err(), "{} accepted", changed);
        }

        /// Any reference, printed with random spacing and case and embedded in random text,
        /// is found.
        #[test]
        fn a_reference_in_noisy_text_is_found(
            body in "[A-Z0-9]{1,21}",
            digits in "[0-9]{1,10}",
            before in "[a-zA-Z0-9 ,.:/-]{0,40}",
            after in "[a-zA-Z0-9 ,.:/-]{0,40}",
            spaces in proptest::collection::vec(0usize..3, 40),
            lower in proptest::collection::vec(any::<bool>(), 40),
            glue in any::<bool>(),
            ogm_style in 0usize..4,
        ) {
            let rf = CreditorReference::generate(&body).unwrap();
            let mut printed = String::new();
            for (k, c) in rf.electronic().chars().enumerate() {
                if k > 0 && k % 4 == 0 {
                    printed.push_str(&" ".repeat(spaces[k % 40]));
                }
                printed.push(if lower[k % 40] { c.to_ascii_lowercase() } else { c });
            }
            let sep = if glue { "" } else { " " };
            let text = format!("{before}{sep}{printed}{sep}{after}");
            prop_assert!(
                scan_references(&text).contains(&StructuredReference::Rf(rf.clone())),
                "{} not found in {:?}", rf, text
            );
            let ogm = Ogm::generate(&digits).unwrap();
            let d = ogm.digits();
            let shown = match ogm_style {
                0 => ogm.to_string(),
                1 => format!("***{}/{}/{}***", &d[..3], &d[3..7], &d[7..]),
                2 => format!("{} {} {}", &d[..3], &d[3..7], &d[7..]),
                _ => d.to_string(),
            };
            // Digits glued to the OGM would make a longer number: a separator is needed there.
            let text = format!("{before} {shown} {after}x");
            prop_assert!(
                scan_references(&text).contains(&StructuredReference::Ogm(ogm.clone())),
                "{} not found in {:?}", ogm, text
            );
        }
    }
}
