//! Realistic reconciliation scenarios with the truth known, to measure the engine: an SME
//! ledger (customers in several countries with names, IBANs, open invoices in two numbering
//! styles, credit notes, amounts from a price list shared across customers) and bank credits
//! of labelled kinds, each with the items it really pays (or none). Deterministic from the
//! seed. `Scenario::to_camt053` writes the credits as an ISO 20022 camt.053.001.02 statement.

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::domain::{CreditorReference, CustomerId, InvoiceId, Ogm};
use crate::money::{Currency, Money};

use super::engine::{Credit, LedgerCustomer, OpenItem};

/// The kinds of credit a scenario mixes, each labelled in the measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A correct ISO 11649 RF reference (in the reference field or the text), amount equal.
    Rf,
    /// A Belgian OGM, amount equal.
    Ogm,
    /// The invoice number in free text with prefixes, other separators, lower case, words.
    NumberNoise,
    /// The invoice number with one typo (a wrong digit or two swapped).
    NumberTypo,
    /// No reference; the payer's IBAN is known; the amount is one several customers owe.
    IbanSharedAmount,
    /// No reference, an unknown payer, an amount several customers owe: not matchable.
    AmountAlone,
    /// Two to four items of one customer (a credit note among them sometimes) in one credit.
    Combined,
    /// Less than the item, with its number or reference.
    Partial,
    /// A few euros short (bank fees), with the number.
    FeeShortfall,
    /// Someone else pays (unknown, or another customer's account) with the right number.
    ThirdParty,
    /// More than the item, with its number.
    Overpayment,
    /// An unknown payer and an amount nobody owes: the truth is no item.
    Unknown,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Rf,
        Kind::Ogm,
        Kind::NumberNoise,
        Kind::NumberTypo,
        Kind::IbanSharedAmount,
        Kind::AmountAlone,
        Kind::Combined,
        Kind::Partial,
        Kind::FeeShortfall,
        Kind::ThirdParty,
        Kind::Overpayment,
        Kind::Unknown,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Rf => "rf_reference",
            Kind::Ogm => "ogm",
            Kind::NumberNoise => "number_noisy",
            Kind::NumberTypo => "number_typo",
            Kind::IbanSharedAmount => "iban_shared_amount",
            Kind::AmountAlone => "amount_alone",
            Kind::Combined => "combined",
            Kind::Partial => "partial",
            Kind::FeeShortfall => "fee_shortfall",
            Kind::ThirdParty => "third_party",
            Kind::Overpayment => "overpayment",
            Kind::Unknown => "unknown_payer",
        }
    }

    /// Whether the evidence is enough for an automatic match. An amount several customers
    /// owe from an unknown payer is not (a suggestion at best), nor a credit paying nothing.
    pub fn matchable(self) -> bool {
        !matches!(self, Kind::AmountAlone | Kind::Unknown)
    }

    /// How often each kind comes, in percent (adds up to 100).
    fn weight(self) -> u32 {
        match self {
            Kind::Rf => 14,
            Kind::Ogm => 8,
            Kind::NumberNoise => 20,
            Kind::NumberTypo => 8,
            Kind::IbanSharedAmount => 9,
            Kind::AmountAlone => 4,
            Kind::Combined => 9,
            Kind::Partial => 6,
            Kind::FeeShortfall => 6,
            Kind::ThirdParty => 7,
            Kind::Overpayment => 4,
            Kind::Unknown => 5,
        }
    }
}

/// A credit with what it really pays.
#[derive(Debug, Clone)]
pub struct TruthCredit {
    pub credit: Credit,
    pub kind: Kind,
    /// The items it pays; empty: none.
    pub truth: Vec<InvoiceId>,
}

/// How big a scenario is.
#[derive(Debug, Clone)]
pub struct ScenarioOptions {
    pub seed: u64,
    pub customers: usize,
    /// Open items per customer on average (1 to twice this, less one).
    pub items_per_customer: usize,
    pub credits: usize,
    pub as_of: NaiveDate,
}

impl ScenarioOptions {
    /// An SME: 400 customers, about 5 open items each, `credits` credits.
    pub fn sme(seed: u64, credits: usize) -> ScenarioOptions {
        ScenarioOptions {
            seed,
            customers: 400,
            items_per_customer: 5,
            credits,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub items: Vec<OpenItem>,
    pub customers: Vec<LedgerCustomer>,
    pub credits: Vec<TruthCredit>,
    /// The country of each customer (same order as `customers`).
    pub countries: Vec<&'static str>,
    pub account: String,
}

/// A price list: amounts many customers owe (subscriptions, standard services).
const STANDARD: &[i64] = &[
    4900, 9900, 14900, 19900, 25000, 48000, 59500, 99000, 120000, 249000,
];

struct Country {
    code: &'static str,
    trades: &'static [&'static str],
    surnames: &'static [&'static str],
    forms: &'static [&'static str],
    cities: &'static [&'static str],
    bban_digits: usize,
}

const COUNTRIES: &[Country] = &[
    Country {
        code: "DE",
        trades: &[
            "Bäckerei",
            "Metallbau",
            "Autohaus",
            "Elektro",
            "Druckerei",
            "Gärtnerei",
            "Tischlerei",
            "Spedition",
        ],
        surnames: &[
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Schäfer",
            "Krüger",
            "Jäger",
            "Kühn",
        ],
        forms: &["GmbH", "GmbH & Co. KG", "AG", "e.K."],
        cities: &["Köln", "München", "Hamburg", "Leipzig", "Essen"],
        bban_digits: 18,
    },
    Country {
        code: "FR",
        trades: &[
            "Boulangerie",
            "Transports",
            "Menuiserie",
            "Garage",
            "Imprimerie",
            "Pharmacie",
            "Plomberie",
        ],
        surnames: &[
            "Lefèvre", "Dupont", "Moreau", "Girard", "Bonnet", "Durand", "Lambert", "Fontaine",
            "Rousseau", "Mercier",
        ],
        forms: &["SARL", "SAS", "SA", "EURL"],
        cities: &["Lyon", "Lille", "Nantes", "Bordeaux"],
        bban_digits: 23,
    },
    Country {
        code: "NL",
        trades: &[
            "Bakkerij",
            "Transport",
            "Installatiebedrijf",
            "Bouwbedrijf",
            "Drukkerij",
            "Hoveniers",
        ],
        surnames: &[
            "de Vries",
            "van Dijk",
            "Bakker",
            "Jansen",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van den Berg",
        ],
        forms: &["B.V.", "BV", "V.O.F."],
        cities: &["Utrecht", "Eindhoven", "Groningen", "Tilburg"],
        bban_digits: 14,
    },
    Country {
        code: "BE",
        trades: &[
            "Brouwerij",
            "Garage",
            "Bakkerij",
            "Transports",
            "Schrijnwerkerij",
            "Immo",
        ],
        surnames: &[
            "Peeters", "Janssens", "Maes", "Jacobs", "Willems", "Claes", "Goossens", "Dubois",
            "Lambert", "Wouters",
        ],
        forms: &["NV", "BV", "SA", "SRL", "BVBA"],
        cities: &["Gent", "Antwerpen", "Liège", "Namur"],
        bban_digits: 12,
    },
    Country {
        code: "GB",
        trades: &[
            "Builders",
            "Logistics",
            "Printing",
            "Catering",
            "Joinery",
            "Engineering",
        ],
        surnames: &[
            "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "O'Brien", "Walker",
            "Wright",
        ],
        forms: &["Ltd", "Limited", "PLC", "& Sons Ltd"],
        cities: &["Leeds", "Bristol", "York", "Derby"],
        bban_digits: 18,
    },
];

const PRIVATE_NAMES: &[&str] = &[
    "J. Peters",
    "Maria Rossi",
    "A. Novak",
    "Hans Berger",
    "Emma Laurent",
    "K. Nowak",
    "Holding Zeta SE",
    "Stichting Vrienden",
    "Verein Sport e.V.",
    "P. Costa",
    "L. Horvath",
];

/// A valid IBAN of `country` with random BBAN digits.
fn iban(rng: &mut ChaCha8Rng, country: &str, digits: usize) -> String {
    let bban: String = (0..digits)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect();
    let rearranged = format!("{bban}{country}00");
    let remainder = rearranged.bytes().fold(0u32, |acc, c| {
        if c.is_ascii_digit() {
            (acc * 10 + u32::from(c - b'0')) % 97
        } else {
            (acc * 100 + u32::from(c - b'A') + 10) % 97
        }
    });
    format!("{country}{:02}{bban}", 98 - remainder)
}

fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' | 'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ö' | 'ô' => 'o',
            'ü' | 'û' => 'u',
            'ç' => 'c',
            'ï' | 'î' => 'i',
            'Ä' => 'A',
            'Ö' => 'O',
            'Ü' => 'U',
            c => c,
        })
        .collect()
}

impl Scenario {
    pub fn generate(options: &ScenarioOptions) -> Scenario {
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        let eur = Currency::EUR;
        let mut customers = Vec::with_capacity(options.customers);
        let mut countries = Vec::with_capacity(options.customers);
        let mut names_seen = std::collections::HashSet::new();
        let mut items: Vec<OpenItem> = Vec::new();
        let mut seq_a = 0u32;
        let mut seq_b = 0u32;
        let mut seq_cn = 0u32;
        let mut next_invoice = 1i64;
        for c in 0..options.customers {
            let country = &COUNTRIES[rng.random_range(0..COUNTRIES.len())];
            let mut name = format!(
                "{} {} {}",
                country.trades.choose(&mut rng).expect("trades"),
                country.surnames.choose(&mut rng).expect("surnames"),
                country.forms.choose(&mut rng).expect("forms")
            );
            if !names_seen.insert(name.clone()) {
                name = format!(
                    "{name} {} {}",
                    country.cities.choose(&mut rng).expect("cities"),
                    c
                );
                names_seen.insert(name.clone());
            }
            let known = match rng.random_range(0..10) {
                0 => 0,
                1 => 2,
                _ => 1,
            };
            let ibans = (0..known)
                .map(|_| iban(&mut rng, country.code, country.bban_digits))
                .collect();
            let id = CustomerId(c as i64 + 1);
            customers.push(LedgerCustomer {
                id,
                number: format!("C-{:05}", c + 1),
                name,
                ibans,
            });
            countries.push(country.code);
            let n = rng.random_range(1..2 * options.items_per_customer.max(1));
            for _ in 0..n {
                let due = options.as_of - Days::new(rng.random_range(0..120))
                    + Days::new(rng.random_range(0..30));
                let minor = if rng.random_bool(0.2) {
                    *STANDARD.choose(&mut rng).expect("standard")
                } else {
                    rng.random_range(2_000..800_000)
                };
                let number = if rng.random_bool(0.8) {
                    seq_a += 1;
                    format!("2026-{seq_a:05}")
                } else {
                    seq_b += 1;
                    format!("INV-{}", 300_000 + seq_b)
                };
                let reference = if country.code == "BE" {
                    Ogm::generate(&number)
                        .map(|o| o.to_string())
                        .unwrap_or_default()
                } else if rng.random_bool(0.4) {
                    CreditorReference::generate(&number)
                        .map(|r| r.printed())
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                items.push(OpenItem {
                    invoice_id: InvoiceId(next_invoice),
                    number,
                    customer_id: id,
                    due_date: due,
                    open: Money::from_minor(minor, eur),
                    reference,
                });
                next_invoice += 1;
            }
            if rng.random_bool(0.08) {
                seq_cn += 1;
                items.push(OpenItem {
                    invoice_id: InvoiceId(next_invoice),
                    number: format!("CN-{}", 700_000 + seq_cn),
                    customer_id: id,
                    due_date: options.as_of - Days::new(rng.random_range(0..60)),
                    open: Money::from_minor(-rng.random_range(1_000..20_000), eur),
                    reference: String::new(),
                });
                next_invoice += 1;
            }
        }
        let account = iban(&mut rng, "BE", 12);
        let mut g = Generator {
            rng,
            items: &items,
            customers: &customers,
            used: vec![false; items.len()],
            by_customer: {
                let mut v = vec![Vec::new(); customers.len()];
                for (k, item) in items.iter().enumerate() {
                    v[(item.customer_id.0 - 1) as usize].push(k);
                }
                v
            },
            shared: {
                let mut counts = std::collections::HashMap::new();
                for item in &items {
                    counts
                        .entry(item.open.amount)
                        .or_insert_with(std::collections::HashSet::new)
                        .insert(item.customer_id);
                }
                counts
                    .into_iter()
                    .filter(|(_, c)| c.len() > 1)
                    .map(|(a, _)| a)
                    .collect()
            },
            as_of: options.as_of,
            entry: 0,
            amounts: items
                .iter()
                .filter_map(|i| i.open.to_minor().ok())
                .collect(),
        };
        let total_weight: u32 = Kind::ALL.iter().map(|k| k.weight()).sum();
        let mut credits = Vec::with_capacity(options.credits);
        let mut attempts = 0;
        while credits.len() < options.credits && attempts < options.credits * 20 {
            attempts += 1;
            let mut pick = g.rng.random_range(0..total_weight);
            let mut kind = Kind::Unknown;
            for k in Kind::ALL {
                if pick < k.weight() {
                    kind = k;
                    break;
                }
                pick -= k.weight();
            }
            if let Some(c) = g.credit(kind) {
                credits.push(c);
            }
        }
        Scenario {
            items,
            customers,
            credits,
            countries,
            account,
        }
    }
}

struct Generator<'a> {
    rng: ChaCha8Rng,
    items: &'a [OpenItem],
    customers: &'a [LedgerCustomer],
    used: Vec<bool>,
    by_customer: Vec<Vec<usize>>,
    shared: std::collections::HashSet<Decimal>,
    as_of: NaiveDate,
    entry: usize,
    /// Every open amount (minor units), so an unknown payer's amount is one nobody owes.
    amounts: std::collections::HashSet<i64>,
}

impl Generator<'_> {
    /// A free invoice (positive, not yet paid by another credit) meeting `want`.
    fn free_item(&mut self, want: impl Fn(&OpenItem, &LedgerCustomer) -> bool) -> Option<usize> {
        for _ in 0..200 {
            let k = self.rng.random_range(0..self.items.len());
            let item = &self.items[k];
            let customer = &self.customers[(item.customer_id.0 - 1) as usize];
            if !self.used[k] && !item.open.is_negative() && want(item, customer) {
                return Some(k);
            }
        }
        None
    }

    fn customer_of(&self, k: usize) -> &LedgerCustomer {
        &self.customers[(self.items[k].customer_id.0 - 1) as usize]
    }

    /// The payer as its bank writes it: the customer's known IBAN (if any, or a new one)
    /// and its name, often upper case, without legal form or accents.
    fn payer_of(&mut self, k: usize) -> (String, String) {
        let customer = self.customer_of(k).clone();
        let iban = match customer.ibans.choose(&mut self.rng) {
            Some(i) => i.clone(),
            None => iban(&mut self.rng, "DE", 18),
        };
        (self.name_variant(&customer.name), iban)
    }

    fn name_variant(&mut self, name: &str) -> String {
        match self.rng.random_range(0..4) {
            0 => name.to_string(),
            1 => name.to_uppercase(),
            2 => fold_accents(name).to_uppercase(),
            _ => {
                let mut words: Vec<&str> = name.split(' ').collect();
                if words.len() > 2 {
                    words.pop();
                }
                fold_accents(&words.join(" "))
            }
        }
    }

    fn unknown_payer(&mut self) -> (String, String) {
        let name = PRIVATE_NAMES
            .choose(&mut self.rng)
            .expect("names")
            .to_string();
        (name, iban(&mut self.rng, "DE", 18))
    }

    /// The number as a payer types it: prefix, separator, case, dropped zeros, words.
    fn noisy_number(&mut self, number: &str) -> String {
        let prefix = *[
            "",
            "INV ",
            "Invoice ",
            "Rechnung ",
            "Rechnung Nr. ",
            "Fact. ",
            "facture ",
            "factuur nr ",
            "inv.",
            "Re: ",
            "payment ",
        ]
        .choose(&mut self.rng)
        .expect("prefixes");
        let shown = if let Some(seq) = number.strip_prefix("2026-") {
            match self.rng.random_range(0..5) {
                0 => number.to_string(),
                1 => format!("2026/{seq}"),
                2 => format!("2026{seq}"),
                3 => format!("2026 {seq}"),
                _ => format!("2026-{}", seq.trim_start_matches('0')),
            }
        } else {
            match self.rng.random_range(0..3) {
                0 => number.to_string(),
                1 => number.to_lowercase(),
                _ => number.trim_start_matches("INV-").to_string(),
            }
        };
        let shown = if self.rng.random_bool(0.3) {
            shown.to_lowercase()
        } else {
            shown
        };
        let suffix = *[
            "",
            " thank you",
            " / order 4471",
            " ihr Auftrag vom 12.10.",
            " merci",
            " dank u",
            " customer C-ref",
            " 2 items",
        ]
        .choose(&mut self.rng)
        .expect("suffixes");
        format!("{prefix}{shown}{suffix}")
    }

    /// One typo in the digits: a digit replaced or two different neighbours swapped.
    fn typo(&mut self, number: &str) -> String {
        let mut b: Vec<u8> = number.bytes().collect();
        let digits: Vec<usize> = (0..b.len()).filter(|&k| b[k].is_ascii_digit()).collect();
        loop {
            let k = *digits.choose(&mut self.rng).expect("digits");
            if self.rng.random_bool(0.5) {
                let old = b[k];
                let new = b'0' + self.rng.random_range(0..10u8);
                if new != old {
                    b[k] = new;
                    break;
                }
            } else if k + 1 < b.len() && b[k + 1].is_ascii_digit() && b[k] != b[k + 1] {
                b.swap(k, k + 1);
                break;
            }
        }
        String::from_utf8(b).expect("ascii")
    }

    fn make(
        &mut self,
        kind: Kind,
        truth: Vec<usize>,
        amount: i64,
        payer: (String, String),
        reference: String,
        remittance: String,
    ) -> TruthCredit {
        for &k in &truth {
            self.used[k] = true;
        }
        self.entry += 1;
        let booking = self.as_of - Days::new(self.rng.random_range(0..7));
        TruthCredit {
            credit: Credit {
                entry: format!("BK{:08}", self.entry),
                booking_date: booking,
                amount: Money::from_minor(amount, Currency::EUR),
                name: payer.0,
                iban: payer.1,
                reference,
                remittance,
                end_to_end: if self.rng.random_bool(0.3) {
                    format!("E2E{}", self.rng.random_range(10_000_000..99_999_999u64))
                } else {
                    String::new()
                },
            },
            kind,
            truth: truth.iter().map(|&k| self.items[k].invoice_id).collect(),
        }
    }

    fn open(&self, k: usize) -> i64 {
        self.items[k].open.to_minor().unwrap_or(0)
    }

    fn credit(&mut self, kind: Kind) -> Option<TruthCredit> {
        let generic = ["", "payment", "Zahlung", "paiement", "betaling", "transfer"];
        match kind {
            Kind::Rf => {
                let k = self.free_item(|_, _| true)?;
                let rf = CreditorReference::generate(&self.items[k].number).ok()?;
                let payer = self.payer_of(k);
                let (reference, remittance) = match self.rng.random_range(0..4) {
                    0 => (
                        String::new(),
                        format!("ref {}", rf.printed().to_lowercase()),
                    ),
                    1 => (String::new(), format!("payment {} thanks", rf.printed())),
                    _ => (rf.electronic().to_string(), String::new()),
                };
                Some(self.make(kind, vec![k], self.open(k), payer, reference, remittance))
            }
            Kind::Ogm => {
                let k = self.free_item(|_, _| true)?;
                let ogm = Ogm::generate(&self.items[k].number).ok()?;
                let payer = self.payer_of(k);
                let (reference, remittance) = match self.rng.random_range(0..3) {
                    0 => (String::new(), ogm.to_string().replace('+', "*")),
                    _ => (ogm.to_string(), String::new()),
                };
                Some(self.make(kind, vec![k], self.open(k), payer, reference, remittance))
            }
            Kind::NumberNoise | Kind::NumberTypo => {
                let k = self.free_item(|_, _| true)?;
                let number = self.items[k].number.clone();
                let written = if kind == Kind::NumberTypo {
                    let t = self.typo(&number);
                    format!(
                        "{}{t}",
                        ["", "Invoice ", "Rechnung ", "fact. "]
                            .choose(&mut self.rng)
                            .expect("p")
                    )
                } else {
                    self.noisy_number(&number)
                };
                let payer = if self.rng.random_bool(0.75) {
                    self.payer_of(k)
                } else {
                    let name = self.customer_of(k).name.clone();
                    (self.name_variant(&name), iban(&mut self.rng, "DE", 18))
                };
                Some(self.make(kind, vec![k], self.open(k), payer, String::new(), written))
            }
            Kind::IbanSharedAmount => {
                let shared = std::mem::take(&mut self.shared);
                let k = self
                    .free_item(|item, c| !c.ibans.is_empty() && shared.contains(&item.open.amount));
                self.shared = shared;
                let k = k?;
                // A customer owing this amount twice pays the oldest first.
                let amount = self.items[k].open;
                let c = (self.items[k].customer_id.0 - 1) as usize;
                let oldest = self.by_customer[c]
                    .iter()
                    .copied()
                    .filter(|&j| !self.used[j] && self.items[j].open == amount)
                    .min_by_key(|&j| (self.items[j].due_date, j))?;
                let payer = self.payer_of(oldest);
                let text = generic.choose(&mut self.rng).expect("generic").to_string();
                Some(self.make(
                    kind,
                    vec![oldest],
                    self.open(oldest),
                    payer,
                    String::new(),
                    text,
                ))
            }
            Kind::AmountAlone => {
                let shared = std::mem::take(&mut self.shared);
                let k = self.free_item(|item, _| shared.contains(&item.open.amount));
                self.shared = shared;
                let k = k?;
                let payer = self.unknown_payer();
                let text = generic.choose(&mut self.rng).expect("generic").to_string();
                Some(self.make(kind, vec![k], self.open(k), payer, String::new(), text))
            }
            Kind::Combined => {
                let c = self.rng.random_range(0..self.customers.len());
                let free: Vec<usize> = self.by_customer[c]
                    .iter()
                    .copied()
                    .filter(|&j| !self.used[j])
                    .collect();
                let positive: Vec<usize> =
                    free.iter().copied().filter(|&j| self.open(j) > 0).collect();
                if positive.len() < 2 {
                    return None;
                }
                let n = self.rng.random_range(2..=positive.len().min(4));
                let mut set: Vec<usize> = positive
                    .choose_multiple(&mut self.rng, n)
                    .copied()
                    .collect();
                if let Some(&cn) = free.iter().find(|&&j| self.open(j) < 0) {
                    set.push(cn);
                }
                let amount: i64 = set.iter().map(|&j| self.open(j)).sum();
                if amount <= 0 {
                    return None;
                }
                let with_numbers = self.rng.random_bool(0.6) || self.customers[c].ibans.is_empty();
                let text = if with_numbers {
                    let numbers: Vec<String> =
                        set.iter().map(|&j| self.items[j].number.clone()).collect();
                    format!(
                        "{}{}",
                        ["", "Invoices ", "Rechnungen ", "factures "]
                            .choose(&mut self.rng)
                            .expect("p"),
                        numbers.join(if self.rng.random_bool(0.5) { ", " } else { " " })
                    )
                } else {
                    generic.choose(&mut self.rng).expect("generic").to_string()
                };
                let payer = self.payer_of(set[0]);
                Some(self.make(kind, set, amount, payer, String::new(), text))
            }
            Kind::Partial => {
                let k = self.free_item(|item, _| item.open.amount > Decimal::new(100, 0))?;
                let open = self.open(k);
                let part = open * self.rng.random_range(25..90) / 100 / 100 * 100;
                let number = self.items[k].number.clone();
                let text = format!("{} part payment", self.noisy_number(&number));
                let payer = self.payer_of(k);
                Some(self.make(kind, vec![k], part, payer, String::new(), text))
            }
            Kind::FeeShortfall => {
                let k = self.free_item(|item, _| item.open.amount > Decimal::new(100, 0))?;
                let fee = self.rng.random_range(50..1_200);
                let number = self.items[k].number.clone();
                let text = self.noisy_number(&number);
                let payer = self.payer_of(k);
                Some(self.make(
                    kind,
                    vec![k],
                    self.open(k) - fee,
                    payer,
                    String::new(),
                    text,
                ))
            }
            Kind::ThirdParty => {
                let k = self.free_item(|_, _| true)?;
                let payer = if self.rng.random_bool(0.5) {
                    self.unknown_payer()
                } else {
                    let other = self.rng.random_range(0..self.customers.len());
                    let other = &self.customers[other];
                    match other.ibans.first() {
                        Some(i) if other.id != self.items[k].customer_id => {
                            (other.name.clone(), i.clone())
                        }
                        _ => self.unknown_payer(),
                    }
                };
                let number = self.items[k].number.clone();
                let text = format!("{} on behalf of our subsidiary", self.noisy_number(&number));
                Some(self.make(kind, vec![k], self.open(k), payer, String::new(), text))
            }
            Kind::Overpayment => {
                let k = self.free_item(|_, _| true)?;
                let extra = self.rng.random_range(500..10_000);
                let number = self.items[k].number.clone();
                let text = self.noisy_number(&number);
                let payer = self.payer_of(k);
                Some(self.make(
                    kind,
                    vec![k],
                    self.open(k) + extra,
                    payer,
                    String::new(),
                    text,
                ))
            }
            Kind::Unknown => {
                let payer = self.unknown_payer();
                let amount = self.rng.random_range(1_000..300_000) + 37;
                if self.amounts.contains(&amount) {
                    return None;
                }
                let text = [
                    "refund",
                    "deposit",
                    "Erstattung",
                    "remboursement",
                    "donation",
                ]
                .choose(&mut self.rng)
                .expect("texts")
                .to_string();
                Some(self.make(kind, vec![], amount, payer, String::new(), text))
            }
        }
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

impl Scenario {
    /// The credits as one ISO 20022 camt.053.001.02 statement of the company's account.
    pub fn to_camt053(&self, statement_id: &str, as_of: NaiveDate) -> String {
        let total: Decimal = self.credits.iter().map(|c| c.credit.amount.amount).sum();
        let mut x = String::with_capacity(self.credits.len() * 1200 + 2000);
        x.push_str(&format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>{id}</MsgId>
      <CreDtTm>{as_of}T18:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>{id}</Id>
      <CreDtTm>{as_of}T18:00:00</CreDtTm>
      <Acct>
        <Id><IBAN>{account}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">0.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{as_of}</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{total}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>{as_of}</Dt></Dt>
      </Bal>
"#,
            id = xml_escape(statement_id),
            account = self.account,
        ));
        for c in &self.credits {
            let c = &c.credit;
            let rmt = if !c.reference.is_empty() {
                let (code, issuer) = if c.reference.starts_with("RF") {
                    ("SCOR", "<Issr>ISO</Issr>")
                } else {
                    ("SCOR", "<Issr>BBA</Issr>")
                };
                format!(
                    "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry>{issuer}</Tp><Ref>{}</Ref></CdtrRefInf></Strd></RmtInf>",
                    xml_escape(&c.reference)
                )
            } else if !c.remittance.is_empty() {
                format!(
                    "<RmtInf><Ustrd>{}</Ustrd></RmtInf>",
                    xml_escape(&c.remittance)
                )
            } else {
                String::new()
            };
            let e2e = if c.end_to_end.is_empty() {
                "NOTPROVIDED".to_string()
            } else {
                xml_escape(&c.end_to_end)
            };
            x.push_str(&format!(
                r#"      <Ntry>
        <Amt Ccy="{ccy}">{amount}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{date}</Dt></BookgDt>
        <ValDt><Dt>{date}</Dt></ValDt>
        <AcctSvcrRef>{entry}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>{entry}</AcctSvcrRef><EndToEndId>{e2e}</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="{ccy}">{amount}</Amt></TxAmt></AmtDtls>
            <RltdPties>
              <Dbtr><Nm>{name}</Nm></Dbtr>
              <DbtrAcct><Id><IBAN>{iban}</IBAN></Id></DbtrAcct>
            </RltdPties>
            {rmt}
          </TxDtls>
        </NtryDtls>
      </Ntry>
"#,
                ccy = c.amount.currency,
                amount = c.amount.amount_text(),
                date = c.booking_date,
                entry = xml_escape(&c.entry),
                name = xml_escape(&c.name),
                iban = c.iban,
            ));
        }
        x.push_str("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n");
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_scenario() {
        let a = Scenario::generate(&ScenarioOptions::sme(7, 300));
        let b = Scenario::generate(&ScenarioOptions::sme(7, 300));
        assert_eq!(a.items, b.items);
        assert_eq!(
            a.credits.iter().map(|c| &c.credit).collect::<Vec<_>>(),
            b.credits.iter().map(|c| &c.credit).collect::<Vec<_>>()
        );
        assert_eq!(a.credits.len(), 300);
        for kind in Kind::ALL {
            assert!(a.credits.iter().any(|c| c.kind == kind), "{kind:?} missing");
        }
    }

    #[test]
    fn every_credit_pays_distinct_items_and_the_amounts_fit_the_kind() {
        let s = Scenario::generate(&ScenarioOptions::sme(3, 1000));
        let mut seen = std::collections::HashSet::new();
        for c in &s.credits {
            for id in &c.truth {
                assert!(seen.insert(*id), "{id} paid twice");
            }
            let open: Decimal = c
                .truth
                .iter()
                .map(|id| {
                    s.items
                        .iter()
                        .find(|i| i.invoice_id == *id)
                        .unwrap()
                        .open
                        .amount
                })
                .sum();
            let amount = c.credit.amount.amount;
            assert!(amount > Decimal::ZERO);
            match c.kind {
                Kind::Partial => assert!(amount < open),
                Kind::FeeShortfall => {
                    assert!(amount < open && open - amount <= Decimal::new(12, 0))
                }
                Kind::Overpayment => assert!(amount > open),
                Kind::Unknown => assert!(c.truth.is_empty()),
                _ => assert_eq!(amount, open, "{:?}", c.kind),
            }
        }
    }
}

/// What the engine did with the credits of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindStats {
    pub count: usize,
    /// Proposals at or above the threshold (applied automatically).
    pub auto: usize,
    /// … whose items are exactly the truth.
    pub auto_correct: usize,
    /// Proposals below the threshold.
    pub suggested: usize,
    pub suggested_correct: usize,
    /// No proposal.
    pub unmatched: usize,
}

impl KindStats {
    fn add(&mut self, o: &KindStats) {
        self.count += o.count;
        self.auto += o.auto;
        self.auto_correct += o.auto_correct;
        self.suggested += o.suggested;
        self.suggested_correct += o.suggested_correct;
        self.unmatched += o.unmatched;
    }
}

/// The engine measured on scenarios, per kind.
#[derive(Debug, Clone, Default)]
pub struct Measurement {
    pub by_kind: std::collections::BTreeMap<Kind, KindStats>,
}

impl Measurement {
    pub fn merge(&mut self, other: &Measurement) {
        for (k, s) in &other.by_kind {
            self.by_kind.entry(*k).or_default().add(s);
        }
    }

    fn total(&self, filter: impl Fn(Kind) -> bool) -> KindStats {
        let mut t = KindStats::default();
        for (k, s) in &self.by_kind {
            if filter(*k) {
                t.add(s);
            }
        }
        t
    }

    /// Matchable credits applied automatically (right or wrong), over matchable credits.
    pub fn auto_rate(&self) -> f64 {
        let t = self.total(Kind::matchable);
        t.auto as f64 / t.count.max(1) as f64
    }

    /// Matchable credits applied automatically and rightly, over matchable credits.
    pub fn auto_correct_rate(&self) -> f64 {
        let t = self.total(Kind::matchable);
        t.auto_correct as f64 / t.count.max(1) as f64
    }

    /// Right automatic matches over all automatic matches (every kind).
    pub fn precision(&self) -> f64 {
        let t = self.total(|_| true);
        if t.auto == 0 {
            return 1.0;
        }
        t.auto_correct as f64 / t.auto as f64
    }

    /// A Markdown table, one row per kind and the totals.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| kind | matchable | credits | auto | auto correct | suggested | suggested correct | unmatched |\n|---|---|---|---|---|---|---|---|\n",
        );
        let row = |label: &str, m: &str, s: &KindStats| {
            format!(
                "| {label} | {m} | {} | {} | {} | {} | {} | {} |\n",
                s.count, s.auto, s.auto_correct, s.suggested, s.suggested_correct, s.unmatched
            )
        };
        for (k, s) in &self.by_kind {
            out.push_str(&row(k.label(), if k.matchable() { "yes" } else { "no" }, s));
        }
        out.push_str(&row("**all**", "", &self.total(|_| true)));
        out.push_str(&format!(
            "\nauto-match rate of matchable credits: {:.2} % (correct: {:.2} %); precision of automatic matches: {:.3} %\n",
            100.0 * self.auto_rate(),
            100.0 * self.auto_correct_rate(),
            100.0 * self.precision()
        ));
        out
    }
}

/// Runs the engine over the scenario's credits in order, applying the automatic proposals to
/// the ledger as a reconciliation run would, and counts per kind.
pub fn measure(
    scenario: &Scenario,
    credits: &[Credit],
    settings: &super::MatchSettings,
) -> Measurement {
    measure_with(scenario, credits, settings, |_, _, _, _| {})
}

/// `measure`, calling `each` with every credit, its proposal, whether it was automatic and
/// whether it was right (to look at the misses).
pub fn measure_with(
    scenario: &Scenario,
    credits: &[Credit],
    settings: &super::MatchSettings,
    mut each: impl FnMut(&TruthCredit, &Credit, Option<&super::Proposal>, bool),
) -> Measurement {
    let mut ledger = super::Ledger::new(scenario.items.clone(), scenario.customers.clone());
    let mut m = Measurement::default();
    for (truth, credit) in scenario.credits.iter().zip(credits) {
        let stats = m.by_kind.entry(truth.kind).or_default();
        stats.count += 1;
        let mut expected = truth.truth.clone();
        expected.sort();
        let proposal = super::engine::propose(credit, &ledger, settings, &[]);
        let mut right = false;
        match &proposal {
            None => stats.unmatched += 1,
            Some(p) => {
                let mut got: Vec<InvoiceId> = p.allocations.iter().map(|(id, _)| *id).collect();
                got.sort();
                let correct = !expected.is_empty() && got == expected;
                right = correct;
                if p.confidence >= settings.auto_threshold {
                    stats.auto += 1;
                    stats.auto_correct += usize::from(correct);
                    ledger.apply(p);
                } else {
                    stats.suggested += 1;
                    stats.suggested_correct += usize::from(correct);
                }
            }
        }
        each(truth, credit, proposal.as_ref(), right);
    }
    m
}
