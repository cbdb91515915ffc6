//! The `:86:` information to the account owner, in the three forms banks use:
//!
//! - slash keys (ING, Rabobank, ABN AMRO, Mollie): `/EREF/…/CNTP/<iban>/<bic>/<name>/<city>/
//!   /REMI/USTD//<text>/`, `/ORDP//NAME/…/REMI/…`, `/TRTP/…/IBAN/…/NAME/…/REMI/…/EREF/…`;
//!   `REMI/STRD/CUR/<ref>` and `CDTRREF` are structured references;
//! - German `?`-subfields: `166?00GUTSCHRIFT?20EREF+…?21SVWZ+…?30<bic>?31<iban>?32<name>`,
//!   the purpose (`?20`–`?29`, `?60`–`?63`) split at the SEPA keys `EREF+`, `SVWZ+`, `ABWA+`…;
//! - free text (SNS, most others), where SEPA keys are looked for too.
//!
//! Lines are wrapped at 65 characters (27 in a `?2x` subfield) wherever the limit falls, even
//! inside a word: the structured forms are joined without a separator, free text with a space
//! after a line that stopped short of the limit.

use super::super::fields::{self, squeeze};

/// What the `:86:` field says about the entry.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Info {
    pub name: String,
    pub iban: String,
    pub remittance: String,
    pub end_to_end: String,
    pub reference: String,
    /// The field is free text (no keys), so it may repeat the account and the name.
    pub free_text: bool,
}

/// Keys of the slash form. A `/KEY/` that is not in this list is part of a value
/// (`t/m` in "Periode 01-10-2013 t/m 31-12-2013").
const SLASH_KEYS: &[&str] = &[
    "TRCD",
    "EREF",
    "PREF",
    "RTRN",
    "CNTP",
    "REMI",
    "NAME",
    "IBAN",
    "BIC",
    "ADDR",
    "ORDP",
    "BENM",
    "MARF",
    "CSID",
    "ISDT",
    "TRTP",
    "SUM",
    "ULTC",
    "ULTD",
    "ULTB",
    "PURP",
    "BUSP",
    "CDTRREFTP",
    "CDTRREF",
    "SVCL",
    "ACCW",
    "EXCH",
    "OCMT",
    "CHGS",
];

/// SEPA keys in German purpose texts.
const SEPA_KEYS: &[&str] = &[
    "EREF", "KREF", "MREF", "CRED", "DEBT", "COAM", "OAMT", "SVWZ", "ABWA", "ABWE", "IBAN", "BIC",
];

pub(super) fn read(lines: &[String]) -> Info {
    let raw: String = lines.concat();
    let trimmed = raw.trim_start();
    if trimmed.starts_with('/') && !slash_fields(trimmed).is_empty() {
        return slash_form(trimmed);
    }
    let gvc = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if (gvc == 3 && trimmed[3..].starts_with('?')) || trimmed.starts_with("?00") {
        return question_form(trimmed);
    }
    free_form(lines)
}

/// `/KEY/value` pairs, in order.
fn slash_fields(text: &str) -> Vec<(&'static str, &str)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new(); // (key start, value start)
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' {
            let rest = &text[i + 1..];
            if let Some(key) = SLASH_KEYS
                .iter()
                .find(|k| rest.starts_with(**k) && rest.as_bytes().get(k.len()) == Some(&b'/'))
            {
                found.push((i, i + key.len() + 2, key));
                i += key.len() + 2;
                continue;
            }
        }
        i += 1;
    }
    found
        .iter()
        .enumerate()
        .map(|(n, &(_, start, key))| {
            let end = found.get(n + 1).map_or(text.len(), |next| next.0);
            (key, text.get(start..end).unwrap_or(""))
        })
        .collect()
}

fn slash_form(text: &str) -> Info {
    let fields = slash_fields(text);
    let get = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim_end_matches('/').trim())
            .unwrap_or("")
    };
    let mut info = Info::default();
    let counterparty: Vec<&str> = fields
        .iter()
        .find(|(k, _)| *k == "CNTP")
        .map(|(_, v)| v.split('/').collect())
        .unwrap_or_default();
    info.name = squeeze(get("NAME"));
    if info.name.is_empty() {
        info.name = squeeze(counterparty.get(2).copied().unwrap_or(""));
    }
    info.iban = fields::account(get("IBAN"));
    if info.iban.is_empty() {
        info.iban = fields::account(counterparty.first().copied().unwrap_or(""));
    }
    info.end_to_end = fields::end_to_end(get("EREF"));
    let remi = fields
        .iter()
        .find(|(k, _)| *k == "REMI")
        .map(|(_, v)| *v)
        .unwrap_or("");
    if let Some(text) = remi.strip_prefix("USTD//") {
        info.remittance = squeeze(text.trim_end_matches('/'));
    } else if let Some(structured) = remi.strip_prefix("STRD/") {
        // STRD/<issuer>/<reference>/
        info.reference = structured
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
    } else {
        info.remittance = squeeze(remi.trim_end_matches('/'));
    }
    let creditor_ref = get("CDTRREF");
    if info.reference.is_empty() && !creditor_ref.is_empty() {
        info.reference = creditor_ref.to_string();
    }
    info
}

/// `?NN` subfields, in order.
fn question_fields(text: &str) -> Vec<(u8, &str)> {
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    for i in 0..bytes.len() {
        if bytes[i] == b'?'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
        {
            marks.push(i);
        }
    }
    marks
        .iter()
        .enumerate()
        .map(|(n, &at)| {
            let end = marks.get(n + 1).copied().unwrap_or(text.len());
            let code = (bytes[at + 1] - b'0') * 10 + (bytes[at + 2] - b'0');
            (code, text.get(at + 3..end).unwrap_or(""))
        })
        .collect()
}

/// Joins wrapped pieces: no separator after a piece that filled its `width`, a space after a
/// shorter one, and always a space before a piece that opens with a SEPA key.
fn join_wrapped<'a>(pieces: impl Iterator<Item = &'a str>, width: usize) -> String {
    let mut out = String::new();
    let mut full = true;
    for piece in pieces {
        let opens_key = sepa_key_at(piece).is_some();
        if !out.is_empty() && (!full || opens_key) {
            out.push(' ');
        }
        out.push_str(piece.trim_end());
        full = piece.chars().count() >= width;
    }
    out
}

fn sepa_key_at(text: &str) -> Option<&'static str> {
    SEPA_KEYS
        .iter()
        .copied()
        .find(|k| text.starts_with(k) && text.as_bytes().get(k.len()) == Some(&b'+'))
}

/// Splits a purpose text at SEPA keys (`EREF+`, `SVWZ+`…) that open the text or follow a
/// space: the text before the first key, and each key with its value.
fn sepa_split(text: &str) -> (String, Vec<(&'static str, String)>) {
    let mut starts: Vec<(usize, &'static str)> = Vec::new();
    for (i, _) in text.char_indices() {
        let at_boundary = i == 0 || text[..i].ends_with(' ');
        if at_boundary && let Some(key) = sepa_key_at(&text[i..]) {
            starts.push((i, key));
        }
    }
    let head = squeeze(&text[..starts.first().map_or(text.len(), |s| s.0)]);
    let pairs = starts
        .iter()
        .enumerate()
        .map(|(n, &(at, key))| {
            let end = starts.get(n + 1).map_or(text.len(), |s| s.0);
            (
                key,
                squeeze(text.get(at + key.len() + 1..end).unwrap_or("")),
            )
        })
        .collect();
    (head, pairs)
}

/// Fills remittance and end-to-end id from a purpose text with or without SEPA keys; the
/// `ABWA+` (ultimate debtor) name when no other name is known.
fn purpose(info: &mut Info, text: &str) {
    let (head, pairs) = sepa_split(text);
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if pairs.is_empty() {
        info.remittance = head;
        return;
    }
    let svwz = get("SVWZ");
    info.remittance = if svwz.is_empty() { head } else { svwz };
    info.end_to_end = fields::end_to_end(&get("EREF"));
    if info.name.is_empty() {
        info.name = get("ABWA");
    }
    if info.iban.is_empty() {
        info.iban = fields::account(&get("IBAN"));
    }
}

fn question_form(text: &str) -> Info {
    let fields = question_fields(text);
    let pick = |codes: &[u8]| -> Vec<&str> {
        fields
            .iter()
            .filter(|(c, _)| codes.contains(c))
            .map(|(_, v)| *v)
            .collect()
    };
    let purpose_codes: Vec<u8> = (20..=29).chain(60..=63).collect();
    let mut info = Info {
        name: squeeze(&join_wrapped(pick(&[32, 33]).into_iter(), 27)),
        iban: fields::account(&pick(&[31]).concat()),
        ..Info::default()
    };
    let text = join_wrapped(pick(&purpose_codes).into_iter(), 27);
    purpose(&mut info, &text);
    info
}

fn free_form(lines: &[String]) -> Info {
    let text = join_wrapped(lines.iter().map(String::as_str), 65);
    let mut info = Info {
        free_text: true,
        ..Info::default()
    };
    purpose(&mut info, &text);
    info.free_text = sepa_split(&text).1.is_empty();
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn slash_keys_of_ing() {
        let info = read(&lines(
            "/EREF/EV123R\nEP123412T1234//MARF/MND\n-\nEV01//CSID/NL32ZZZ9999999\n91234//CNTP/NL32INGB0000012345/INGBNL2A/ING Bank N.V. inzake WeB/\n//REMI/USTD//EV123REP123412T1234/",
        ));
        assert_eq!(info.end_to_end, "EV123REP123412T1234");
        assert_eq!(info.iban, "NL32INGB0000012345");
        assert_eq!(info.name, "ING Bank N.V. inzake WeB");
        assert_eq!(info.remittance, "EV123REP123412T1234");
        assert_eq!(info.reference, "");
        let strd = read(&lines(
            "/EREF/15814016000676480//CNTP/NL32INGB0000012345/INGBNL2A/J.J\nanssen///REMI/STRD/CUR/9001123412341234/",
        ));
        assert_eq!(strd.name, "J.Janssen");
        assert_eq!(strd.reference, "9001123412341234");
        assert_eq!(strd.remittance, "");
    }

    #[test]
    fn slash_keys_of_rabobank_keep_slashes_inside_values() {
        let info = read(&lines(
            "/BENM//NAME/Kosten/REMI/Periode 01-10-2013 t/m 31-12-2013/ISDT/20\n14-01-01",
        ));
        assert_eq!(info.name, "Kosten");
        assert_eq!(info.remittance, "Periode 01-10-2013 t/m 31-12-2013");
        assert_eq!(info.iban, "");
    }

    #[test]
    fn german_subfields_with_sepa_keys() {
        let info = read(&lines(
            "166?00SEPA-GUTSCHRIFT?109310?20EREF+RE-2024-0815?21SVWZ+Rechnung 2024-0815 Kund\n?22ennr 4711?30COBADEFFXXX?31DE89370400440532013000?32Muster und Partner Handelsg\n?33esellschaft mbH?34000",
        ));
        assert_eq!(info.end_to_end, "RE-2024-0815");
        assert_eq!(info.remittance, "Rechnung 2024-0815 Kundennr 4711");
        assert_eq!(info.iban, "DE89370400440532013000");
        assert_eq!(info.name, "Muster und Partner Handelsgesellschaft mbH");
        assert!(!info.free_text);
    }

    #[test]
    fn german_subfields_without_keys_and_with_an_rf_reference() {
        let info = read(&lines(
            "051?00UEBERWEISUNG?20RF18539007547034?32Jan Peeters?31BE68539007547034",
        ));
        assert_eq!(info.remittance, "RF18539007547034");
        assert_eq!(info.name, "Jan Peeters");
        assert_eq!(info.iban, "BE68539007547034");
        let abwa = read(&lines(
            "166?00GUTSCHRIFT?20EREF+NOTPROVIDED?21SVWZ+Miete Mai?22ABWA+Erika Muster",
        ));
        assert_eq!(abwa.end_to_end, "");
        assert_eq!(abwa.remittance, "Miete Mai");
        assert_eq!(abwa.name, "Erika Muster");
    }

    #[test]
    fn free_text_is_joined_with_spaces_after_short_lines() {
        let info = read(&lines(
            "NL94INGB0000869000 vitens nv\n                                                                 \nEuropese incasso door:VITENS NV NL-Factuurnr 072304597540 VNKlant\nnr 00000000000 BTW 0,77PC",
        ));
        assert!(info.free_text);
        assert_eq!(
            info.remittance,
            "NL94INGB0000869000 vitens nv Europese incasso door:VITENS NV NL-Factuurnr 072304597540 VNKlantnr 00000000000 BTW 0,77PC"
        );
        let keyed = read(&lines("EREF+E2E-1 SVWZ+Invoice 2024-17"));
        assert_eq!(keyed.end_to_end, "E2E-1");
        assert_eq!(keyed.remittance, "Invoice 2024-17");
        assert!(!keyed.free_text);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "/",
            "//",
            "/REMI/",
            "/REMI/STRD/",
            "?",
            "123?",
            "123?2",
            "?00",
            "é?20é",
            "/CNTP/",
        ] {
            let _ = read(&lines(text));
        }
    }
}
