//! Sample letters with realistic, deterministic data: for tests, the benchmark and the
//! `write_sample_letters` example (to look at the output). Nothing here is used by a real run.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::domain::{Country, CreditorReference, Language};
use crate::money::{Currency, Money};

use super::{Letter, LetterItem, LetterTemplate, Recipient, Sender, Tone};

/// The sample creditor: a Belgian wholesaler with a valid IBAN and BIC.
pub fn sample_sender() -> Sender {
    Sender {
        name: "Brasserie Lambiek Distribution SA".into(),
        address_lines: vec!["Rue de la Loi 42".into(), "1040 Bruxelles".into()],
        country: Country::BE,
        vat_number: "BE 0456.789.123".into(),
        iban: "BE68539007547034".into(),
        bic: "GEBABEBB".into(),
        email: "credit@lambiek-distribution.be".into(),
        phone: "+32 2 555 01 23".into(),
        signature: "Anne Martin\nCredit manager".into(),
    }
}

/// A customer for each language, in the country that goes with it.
pub fn sample_recipient(language: Language) -> Recipient {
    let (name, attention, street, postal, city, country) = match language {
        Language::En => (
            "Thames Valley Catering Ltd",
            "Mr James Whitfield",
            "14 Riverside Walk",
            "RG1 8DB",
            "Reading",
            Country::GB,
        ),
        Language::Fr => (
            "Épicerie Fine Lefèvre SARL",
            "Mme Hélène Lefèvre",
            "18 rue des Écoles",
            "69002",
            "Lyon",
            Country::FR,
        ),
        Language::Nl => (
            "Bakkerij Van der Meulen B.V.",
            "Dhr. Pieter de Vries",
            "Keizersgracht 221",
            "1016 DV",
            "Amsterdam",
            Country::NL,
        ),
        Language::De => (
            "Müller & Söhne Feinkost GmbH",
            "Frau Jürgens",
            "Königsallee 27",
            "40212",
            "Düsseldorf",
            Country::DE,
        ),
    };
    Recipient {
        name: name.into(),
        attention: attention.into(),
        address_lines: vec![street.into()],
        postal_code: postal.into(),
        city: city.into(),
        country,
    }
}

/// One letter in `language` at `tone` with `items` items (euro, or pound for English),
/// dated 23 November 2026. Interest, compensation and fee appear from the second reminder on.
pub fn sample_letter(language: Language, tone: Tone, items: usize) -> Letter {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    let currency = if language == Language::En {
        Currency::GBP
    } else {
        Currency::EUR
    };
    let customer_number = match language {
        Language::En => "C400101",
        Language::Fr => "C400102",
        Language::Nl => "C400103",
        Language::De => "C400104",
    };
    let items: Vec<LetterItem> = (0..items)
        .map(|i| {
            // From 95 days late down to 14 days before the due date, then round again.
            let days_late = 95 - (i as i64 * 7) % 110;
            let due = date - chrono::Duration::days(days_late);
            let minor = 12_345 + (i as i64 * 79_193) % 450_000;
            LetterItem {
                number: format!("INV-2026-{:05}", 1200 + i),
                issue_date: due - Days::new(30),
                due_date: due,
                days_late,
                open: Money::from_minor(minor, currency),
            }
        })
        .collect();
    let extras = tone != Tone::Reminder;
    Letter {
        language,
        tone,
        date,
        sender: sample_sender(),
        recipient: sample_recipient(language),
        customer_number: customer_number.into(),
        payment_reference: CreditorReference::generate(&format!("{customer_number}20261123"))
            .expect("a short alphanumeric reference"),
        interest: extras.then(|| Money::new(Decimal::new(4_217, 2), currency)),
        compensation: (tone == Tone::FormalNotice)
            .then(|| Money::new(Decimal::new(40 * items.len().min(3) as i64, 0), currency)),
        fee: extras.then(|| Money::new(Decimal::new(15, 0), currency)),
        template: LetterTemplate::default_for(language, tone),
        items,
    }
}

const FIRST: [&str; 12] = [
    "Bakkerij",
    "Épicerie",
    "Müller",
    "Thames",
    "Brouwerij",
    "Fromagerie",
    "Weingut",
    "Highland",
    "Slagerij",
    "Boulangerie",
    "Konditorei",
    "Harbour",
];
const SECOND: [&str; 10] = [
    "De Gouden Aar",
    "Dupont & Fils",
    "Schneider",
    "Valley Foods",
    "Het Anker",
    "du Marché",
    "Sonnenhof",
    "Provisions",
    "Van Damme",
    "Saint-Honoré",
];
const FORMS: [&str; 6] = ["BV", "SARL", "GmbH", "Ltd", "SA", "NV"];
const STREETS: [&str; 8] = [
    "Kerkstraat",
    "Rue du Commerce",
    "Hauptstraße",
    "High Street",
    "Molenweg",
    "Avenue Louise",
    "Bahnhofstraße",
    "Station Road",
];
const CITIES: [(&str, &str, Country); 8] = [
    ("9000", "Gent", Country::BE),
    ("75011", "Paris", Country::FR),
    ("3011 AB", "Rotterdam", Country::NL),
    ("80331", "München", Country::DE),
    ("M1 1AE", "Manchester", Country::GB),
    ("4000", "Liège", Country::BE),
    ("1000", "Bruxelles", Country::BE),
    ("50667", "Köln", Country::DE),
];

/// `count` varied letters (names, addresses, languages, tones, 1 to 15 items), reproducible
/// from `seed`: the benchmark's data.
pub fn varied_letters(count: usize, seed: u64) -> Vec<Letter> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date");
    (0..count)
        .map(|n| {
            let (postal, city, country) = CITIES[rng.random_range(0..CITIES.len())];
            let language = match country.code() {
                "FR" => Language::Fr,
                "NL" => Language::Nl,
                "DE" => Language::De,
                "GB" => Language::En,
                _ if rng.random_bool(0.5) => Language::Fr,
                _ => Language::Nl,
            };
            let currency = if country == Country::GB {
                Currency::GBP
            } else {
                Currency::EUR
            };
            let tone = Tone::ALL[rng.random_range(0..3)];
            let customer_number = format!("C{:06}", 400_000 + n);
            let item_count = rng.random_range(1..=15);
            let items: Vec<LetterItem> = (0..item_count)
                .map(|i| {
                    let days_late: i64 = rng.random_range(-10..=160);
                    let due = date - chrono::Duration::days(days_late);
                    LetterItem {
                        number: format!(
                            "F{}-{:06}",
                            2026 - (days_late / 365),
                            rng.random_range(1..999_999) + i
                        ),
                        issue_date: due - Days::new(rng.random_range(14..=60)),
                        due_date: due,
                        days_late,
                        open: Money::from_minor(rng.random_range(2_500..2_500_000), currency),
                    }
                })
                .collect();
            let extras = tone != Tone::Reminder;
            Letter {
                language,
                tone,
                date,
                sender: sample_sender(),
                recipient: Recipient {
                    name: format!(
                        "{} {} {}",
                        FIRST[rng.random_range(0..FIRST.len())],
                        SECOND[rng.random_range(0..SECOND.len())],
                        FORMS[rng.random_range(0..FORMS.len())]
                    ),
                    attention: if rng.random_bool(0.6) {
                        "Accounts payable".into()
                    } else {
                        String::new()
                    },
                    address_lines: vec![format!(
                        "{} {}",
                        STREETS[rng.random_range(0..STREETS.len())],
                        rng.random_range(1..250)
                    )],
                    postal_code: postal.into(),
                    city: city.into(),
                    country,
                },
                payment_reference: CreditorReference::generate(&format!(
                    "{customer_number}20261123"
                ))
                .expect("a short alphanumeric reference"),
                customer_number,
                interest: extras
                    .then(|| Money::from_minor(rng.random_range(100..50_000), currency)),
                compensation: (tone == Tone::FormalNotice)
                    .then(|| Money::from_minor(4_000, currency)),
                fee: extras.then(|| Money::from_minor(1_500, currency)),
                template: LetterTemplate::default_for(language, tone),
                items,
            }
        })
        .collect()
}
