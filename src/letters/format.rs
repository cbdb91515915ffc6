//! Amounts, dates and countries written the way each letter language writes them.
//!
//! Amounts are formatted from the `Decimal` itself (digits grouped by hand), never through a
//! float: `€1,234.56` in English, `1.234,56 €` in French, Dutch and German (the usage of
//! Belgian business letters, the company's home market).

use chrono::{Datelike, NaiveDate};
use rust_decimal::RoundingStrategy;

use crate::domain::{Country, Language};
use crate::money::{Currency, Money};

/// The symbol printed for a currency, or its ISO code when it has no common symbol.
fn symbol(currency: Currency) -> Option<&'static str> {
    match currency.code() {
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "USD" => Some("$"),
        _ => None,
    }
}

/// An amount as written in `language`, rounded half away from zero to the currency's minor
/// unit: `€1,234.56` (EN), `1.234,56 €` (FR, NL, DE); `CHF 1,234.56` / `1.234,56 CHF` for a
/// currency without a symbol. A negative amount starts with `-`.
pub fn money(m: &Money, language: Language) -> String {
    let digits = m.currency.minor_digits();
    let mut amount = m
        .amount
        .round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    amount.rescale(digits);
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let text = amount.abs().to_string();
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let (group_sep, decimal_sep) = match language {
        Language::En => (',', '.'),
        Language::Fr | Language::Nl | Language::De => ('.', ','),
    };
    let mut number = group(int_part, group_sep);
    if let Some(frac) = frac_part {
        number.push(decimal_sep);
        number.push_str(frac);
    }
    let sign = if negative { "-" } else { "" };
    match (language, symbol(m.currency)) {
        (Language::En, Some(s)) => format!("{sign}{s}{number}"),
        (Language::En, None) => format!("{sign}{} {number}", m.currency.code()),
        (_, Some(s)) => format!("{sign}{number} {s}"),
        (_, None) => format!("{sign}{number} {}", m.currency.code()),
    }
}

/// `1234567` → `1,234,567` with `sep`.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The amount for a machine (the EPC QR code): `1234.56`, a point, no grouping.
pub fn plain_amount(m: &Money) -> String {
    let digits = m.currency.minor_digits();
    let mut amount = m
        .amount
        .round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    amount.rescale(digits);
    amount.to_string()
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_DE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// A date in running text: `23 November 2026`, `1er novembre 2026`, `23 november 2026`,
/// `23. November 2026`.
pub fn long_date(date: NaiveDate, language: Language) -> String {
    let month = date.month0() as usize;
    let (day, year) = (date.day(), date.year());
    match language {
        Language::En => format!("{day} {} {year}", MONTHS_EN[month]),
        Language::Fr if day == 1 => format!("1er {} {year}", MONTHS_FR[month]),
        Language::Fr => format!("{day} {} {year}", MONTHS_FR[month]),
        Language::Nl => format!("{day} {} {year}", MONTHS_NL[month]),
        Language::De => format!("{day}. {} {year}", MONTHS_DE[month]),
    }
}

/// A date in a table: `23/11/2026` (EN, FR), `23-11-2026` (NL), `23.11.2026` (DE).
pub fn short_date(date: NaiveDate, language: Language) -> String {
    let (d, m, y) = (date.day(), date.month(), date.year());
    match language {
        Language::En | Language::Fr => format!("{d:02}/{m:02}/{y}"),
        Language::Nl => format!("{d:02}-{m:02}-{y}"),
        Language::De => format!("{d:02}.{m:02}.{y}"),
    }
}

/// A country's name for the last line of an international address, in capitals (UPU: in the
/// language of the sender's letter, or its code when this table does not know it).
pub fn country_line(country: Country, language: Language) -> String {
    let names: [&str; 4] = match country.code() {
        "BE" => ["Belgium", "Belgique", "België", "Belgien"],
        "FR" => ["France", "France", "Frankrijk", "Frankreich"],
        "NL" => ["Netherlands", "Pays-Bas", "Nederland", "Niederlande"],
        "DE" => ["Germany", "Allemagne", "Duitsland", "Deutschland"],
        "LU" => ["Luxembourg", "Luxembourg", "Luxemburg", "Luxemburg"],
        "GB" => [
            "United Kingdom",
            "Royaume-Uni",
            "Verenigd Koninkrijk",
            "Vereinigtes Königreich",
        ],
        "IE" => ["Ireland", "Irlande", "Ierland", "Irland"],
        "AT" => ["Austria", "Autriche", "Oostenrijk", "Österreich"],
        "CH" => ["Switzerland", "Suisse", "Zwitserland", "Schweiz"],
        "IT" => ["Italy", "Italie", "Italië", "Italien"],
        "ES" => ["Spain", "Espagne", "Spanje", "Spanien"],
        "US" => [
            "United States",
            "États-Unis",
            "Verenigde Staten",
            "Vereinigte Staaten",
        ],
        other => return other.to_string(),
    };
    let index = match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::Nl => 2,
        Language::De => 3,
    };
    names[index].to_uppercase()
}

/// An IBAN grouped by four for print: `BE68 5390 0754 7034`.
pub fn grouped_by_four(text: &str) -> String {
    let compact: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn eur(s: &str) -> Money {
        Money::new(s.parse().unwrap(), Currency::EUR)
    }

    #[test]
    fn amounts_per_language() {
        let cases = [
            ("1234.56", Language::En, "€1,234.56"),
            ("1234.56", Language::Fr, "1.234,56 €"),
            ("1234.56", Language::Nl, "1.234,56 €"),
            ("1234.56", Language::De, "1.234,56 €"),
            ("0.5", Language::En, "€0.50"),
            ("0", Language::De, "0,00 €"),
            ("999999999.99", Language::Fr, "999.999.999,99 €"),
            ("1000000", Language::En, "€1,000,000.00"),
            ("-40", Language::En, "-€40.00"),
            ("-1234.5", Language::Nl, "-1.234,50 €"),
            ("2.345", Language::En, "€2.35"),
            ("123", Language::De, "123,00 €"),
        ];
        for (amount, language, expected) in cases {
            assert_eq!(
                money(&eur(amount), language),
                expected,
                "{amount} {language:?}"
            );
        }
        let gbp = Money::new("70".parse().unwrap(), Currency::GBP);
        assert_eq!(money(&gbp, Language::En), "£70.00");
        let chf = Money::new("1234.5".parse().unwrap(), Currency::CHF);
        assert_eq!(money(&chf, Language::En), "CHF 1,234.50");
        assert_eq!(money(&chf, Language::De), "1.234,50 CHF");
        let jpy = Money::new("1500".parse().unwrap(), Currency::parse("JPY").unwrap());
        assert_eq!(money(&jpy, Language::En), "JPY 1,500");
    }

    #[test]
    fn dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(long_date(d, Language::En), "23 November 2026");
        assert_eq!(long_date(d, Language::Fr), "23 novembre 2026");
        assert_eq!(long_date(d, Language::Nl), "23 november 2026");
        assert_eq!(long_date(d, Language::De), "23. November 2026");
        let first = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        assert_eq!(long_date(first, Language::Fr), "1er août 2026");
        assert_eq!(short_date(first, Language::En), "01/08/2026");
        assert_eq!(short_date(first, Language::Nl), "01-08-2026");
        assert_eq!(short_date(first, Language::De), "01.08.2026");
    }

    #[test]
    fn iban_grouping() {
        assert_eq!(grouped_by_four("BE68539007547034"), "BE68 5390 0754 7034");
        assert_eq!(
            grouped_by_four("DE89 3704 0044 0532 0130 00"),
            "DE89 3704 0044 0532 0130 00"
        );
    }

    proptest! {
        /// The printed amount reads back as the same number of cents, in every language.
        #[test]
        fn formatted_amount_reads_back(minor in -100_000_000_000i64..100_000_000_000i64) {
            let m = Money::from_minor(minor, Currency::EUR);
            for language in [Language::En, Language::Fr, Language::Nl, Language::De] {
                let text = money(&m, language);
                let digits: String = text
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '-')
                    .collect();
                let back: i64 = digits.parse().unwrap();
                prop_assert_eq!(back, minor, "{}", text);
                let decimal_sep = if language == Language::En { '.' } else { ',' };
                let position = text.rfind(decimal_sep).unwrap();
                prop_assert_eq!(text[position + 1..].chars().take_while(char::is_ascii_digit).count(), 2);
            }
            prop_assert_eq!(plain_amount(&m).parse::<Decimal>().unwrap(), m.amount);
        }
    }
}
