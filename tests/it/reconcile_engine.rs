//! The matching engine: one test per kind of credit a bank sends (the right items, the right
//! status), its invariants over random ledgers, and the quality goals on a held-out seed.

use chrono::NaiveDate;
use creditdesk::domain::{CreditorReference, CustomerId, InvoiceId, Ogm};
use creditdesk::money::{Currency, Money};
use creditdesk::reconcile::engine::propose;
use creditdesk::reconcile::scenario::{self, Kind, Scenario, ScenarioOptions};
use creditdesk::reconcile::{
    AmountFit, Credit, FoundBy, Ledger, LedgerCustomer, MatchSettings, OpenItem, Proposal,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn eur(text: &str) -> Money {
    Money::new(text.parse().unwrap(), Currency::EUR)
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, n).unwrap()
}

fn item(id: i64, number: &str, customer: i64, due: u32, open: &str) -> OpenItem {
    OpenItem {
        invoice_id: InvoiceId(id),
        number: number.into(),
        customer_id: CustomerId(customer),
        due_date: day(due),
        open: eur(open),
        reference: String::new(),
    }
}

fn customer(id: i64, name: &str, ibans: &[&str]) -> LedgerCustomer {
    LedgerCustomer {
        id: CustomerId(id),
        number: format!("C-{id:04}"),
        name: name.into(),
        ibans: ibans.iter().map(|s| s.to_string()).collect(),
    }
}

const IBAN_1: &str = "DE89370400440532013000";
const IBAN_2: &str = "BE68539007547034";
const IBAN_3: &str = "NL91ABNA0417164300";
const STRANGER: &str = "FR1420041010050500013M02606";

/// Four customers, a dense run of invoice numbers, one amount (512.00) owed by three of them.
fn ledger() -> Ledger {
    let items = vec![
        item(1, "2026-00123", 1, 1, "1250.00"),
        item(2, "2026-00124", 1, 2, "310.50"),
        item(3, "2026-00125", 1, 3, "89.90"),
        item(4, "2026-00132", 2, 4, "777.00"),
        item(5, "2026-00133", 2, 5, "512.00"),
        item(6, "2026-00134", 3, 6, "512.00"),
        item(7, "INV-300123", 3, 7, "2400.00"),
        item(8, "CN-700001", 1, 8, "-60.40"),
        item(9, "2026-00140", 4, 9, "512.00"),
        item(10, "2026-00141", 4, 10, "1999.99"),
        OpenItem {
            reference: "+++090/9337/55493+++".into(),
            ..item(11, "B-77", 2, 11, "640.00")
        },
    ];
    let customers = vec![
        customer(1, "Bäckerei Müller GmbH", &[IBAN_1]),
        customer(2, "Brouwerij Peeters NV", &[IBAN_2]),
        customer(3, "Van Dijk Logistiek B.V.", &[IBAN_3]),
        customer(4, "Smith & Sons Ltd", &[]),
    ];
    Ledger::new(items, customers)
}

fn credit(amount: &str, name: &str, iban: &str, reference: &str, text: &str) -> Credit {
    Credit {
        entry: "E1".into(),
        booking_date: day(20),
        amount: eur(amount),
        name: name.into(),
        iban: iban.into(),
        reference: reference.into(),
        remittance: text.into(),
        end_to_end: String::new(),
    }
}

fn ids(p: &Proposal) -> Vec<i64> {
    let mut v: Vec<i64> = p.allocations.iter().map(|(id, _)| id.0).collect();
    v.sort();
    v
}

fn is_auto(p: &Proposal) -> bool {
    p.confidence >= MatchSettings::default().auto_threshold
}

fn run(c: &Credit) -> Proposal {
    propose(c, &ledger(), &MatchSettings::default(), &[]).expect("a proposal")
}

#[test]
fn an_rf_reference_in_the_field_or_the_text_pays_its_invoice() {
    let rf = CreditorReference::generate("2026-00124").unwrap();
    for (reference, text) in [
        (rf.electronic().to_string(), String::new()),
        (
            String::new(),
            format!("thanks {}", rf.printed().to_lowercase()),
        ),
    ] {
        let p = run(&credit("310.50", "X", STRANGER, &reference, &text));
        assert_eq!(ids(&p), [2]);
        assert!(is_auto(&p), "{p:?}");
        assert!(matches!(
            p.reason.found_by,
            FoundBy::CreditorReference { .. }
        ));
        assert_eq!(
            p.sentence(&ledger(), &eur("310.50")),
            format!(
                "RF reference {} matches invoice 2026-00124; amount equal",
                rf.electronic()
            )
        );
    }
}

#[test]
fn an_ogm_pays_the_item_printed_with_it_or_generated_from_its_number() {
    let p = run(&credit("640.00", "", "", "+++090/9337/55493+++", ""));
    assert_eq!(ids(&p), [11]);
    assert!(is_auto(&p));
    let ogm = Ogm::generate("2026-00141").unwrap();
    let p = run(&credit(
        "1999.99",
        "",
        "",
        "",
        &ogm.to_string().replace('+', "*"),
    ));
    assert_eq!(ids(&p), [10]);
    assert!(matches!(p.reason.found_by, FoundBy::Ogm { .. }));
}

#[test]
fn a_noisy_invoice_number_in_the_text_is_found() {
    for text in [
        "Rechnung Nr. 2026/00123 vielen Dank",
        "factuur nr 202600123",
        "inv 2026 00123",
        "INVOICE 2026-123",
    ] {
        let p = run(&credit("1250.00", "", STRANGER, "", text));
        assert_eq!(ids(&p), [1], "{text}");
        assert!(is_auto(&p), "{text}: {p:?}");
        assert_eq!(
            p.reason.found_by,
            FoundBy::InvoiceNumber {
                numbers: vec!["2026-00123".into()],
                exact: true
            }
        );
    }
    let p = run(&credit("2400.00", "", "", "", "payment 300123"));
    assert_eq!(ids(&p), [7]);
}

#[test]
fn a_typo_is_forgiven_when_only_one_neighbour_fits_the_amount() {
    // 2026-00132 exists (777.00, another customer): the swapped digits of 2026-00123 land on
    // it, but only 2026-00123 is owed 1250.00 among the numbers one typo away.
    let p = run(&credit(
        "1250.00",
        "BAECKEREI MUELLER",
        IBAN_1,
        "",
        "Rechnung 2026-00132",
    ));
    assert_eq!(ids(&p), [1]);
    assert!(is_auto(&p), "{p:?}");
    assert!(matches!(
        p.reason.found_by,
        FoundBy::InvoiceNumber { exact: false, .. }
    ));
    let p = run(&credit("310.50", "", "", "", "inv 2026-00154"));
    assert_eq!(ids(&p), [2]);
    assert!(
        p.sentence(&ledger(), &eur("310.50"))
            .contains("(with a typo)")
    );
    // 512.00: two neighbours of 2026-00143 are owed it (2026-00133, 2026-00140 … and
    // 2026-00134): no single fit, no automatic match.
    let p = propose(
        &credit("512.00", "", "", "", "inv 2026-00143"),
        &ledger(),
        &MatchSettings::default(),
        &[],
    );
    assert!(p.is_none_or(|p| !is_auto(&p)));
}

#[test]
fn a_known_iban_with_one_item_of_the_amount_is_automatic() {
    let p = run(&credit("512.00", "someone", IBAN_3, "", "payment"));
    assert_eq!(ids(&p), [6]);
    assert!(is_auto(&p));
    assert_eq!(
        p.sentence(&ledger(), &eur("512.00")),
        "payer's IBAN is known for customer C-0003; one open invoice of this amount (2026-00134)"
    );
}

#[test]
fn an_amount_several_customers_owe_is_never_automatic() {
    let p = run(&credit("512.00", "J. Peters", STRANGER, "", ""));
    assert!(p.reason.ambiguous);
    assert!(!is_auto(&p));
    assert_eq!(p.reason.customers_with_amount, 3);
    assert!(
        p.sentence(&ledger(), &eur("512.00"))
            .starts_with("amount alone: 3 customers have an open item of 512.00")
    );
    // Unique, the amount alone is still a suggestion.
    let p = run(&credit("2400.00", "J. Peters", STRANGER, "", ""));
    assert_eq!(ids(&p), [7]);
    assert!(!is_auto(&p));
}

#[test]
fn combined_payments_by_numbers_or_by_the_iban() {
    let p = run(&credit(
        "1560.50",
        "",
        "",
        "",
        "Invoices 2026-00123, 2026-00124",
    ));
    assert_eq!(ids(&p), [1, 2]);
    assert!(is_auto(&p));
    assert_eq!(
        p.sentence(&ledger(), &eur("1560.50")),
        "invoice numbers 2026-00123 and 2026-00124 in the text; amounts add up"
    );
    // 310.50 + 89.90 − 60.40 (the credit note nets off): only this combination adds up.
    let p = run(&credit("340.00", "", IBAN_1, "", ""));
    assert_eq!(ids(&p), [2, 3, 8]);
    assert!(is_auto(&p), "{p:?}");
    let note = p.allocations.iter().find(|(id, _)| id.0 == 8).unwrap();
    assert_eq!(note.1, eur("-60.40"));
}

#[test]
fn partial_payment_shortfall_and_overpayment() {
    let p = run(&credit("500.00", "", "", "", "2026-00123 part payment"));
    assert_eq!(ids(&p), [1]);
    assert_eq!(
        p.reason.amount,
        AmountFit::Partial {
            missing: eur("750.00")
        }
    );
    assert!(is_auto(&p));
    let p = run(&credit("1243.50", "", IBAN_1, "", "Rechnung 2026-00123"));
    assert_eq!(
        p.reason.amount,
        AmountFit::Shortfall {
            difference: eur("6.50")
        }
    );
    assert_eq!(p.allocations, [(InvoiceId(1), eur("1243.50"))]);
    assert_eq!(p.write_offs, [(InvoiceId(1), eur("6.50"))]);
    assert!(is_auto(&p));
    let p = run(&credit("1300.00", "", IBAN_1, "", "Rechnung 2026-00123"));
    assert_eq!(
        p.reason.amount,
        AmountFit::Overpayment {
            excess: eur("50.00")
        }
    );
    assert_eq!(p.allocations, [(InvoiceId(1), eur("1250.00"))]);
    assert!(
        p.sentence(&ledger(), &eur("1300.00"))
            .ends_with("overpaid by 50.00, left unallocated")
    );
}

#[test]
fn a_third_party_with_the_right_number_conflicting_evidence_lowers_confidence() {
    // Unknown payer, exact number, exact amount: automatic.
    let p = run(&credit(
        "2400.00",
        "Holding Zeta SE",
        STRANGER,
        "",
        "INV-300123",
    ));
    assert_eq!(ids(&p), [7]);
    assert!(is_auto(&p));
    // Another customer's IBAN: lowered, and said.
    let q = run(&credit(
        "2400.00",
        "Bäckerei Müller",
        IBAN_1,
        "",
        "INV-300123",
    ));
    assert_eq!(ids(&q), [7]);
    assert!(q.confidence < p.confidence);
    assert_eq!(q.reason.payer_customer, Some(CustomerId(1)));
}

#[test]
fn the_payers_name_finds_the_customer_but_only_suggests() {
    let p = run(&credit(
        "1999.99",
        "SMITH AND SONS LIMITED",
        STRANGER,
        "",
        "",
    ));
    assert_eq!(ids(&p), [10]);
    assert!(matches!(p.reason.found_by, FoundBy::Name { .. }));
    assert!(!is_auto(&p));
}

#[test]
fn an_unknown_payer_with_an_amount_nobody_owes_gets_nothing() {
    assert!(
        propose(
            &credit("123.45", "J. Peters", STRANGER, "", "refund"),
            &ledger(),
            &MatchSettings::default(),
            &[]
        )
        .is_none()
    );
}

#[test]
fn other_currencies_rejected_items_and_applied_items_are_left_alone() {
    let mut c = credit("1250.00", "", "", "", "2026-00123");
    c.amount = Money::new(Decimal::new(125000, 2), Currency::GBP);
    assert!(propose(&c, &ledger(), &MatchSettings::default(), &[]).is_none());
    let c = credit("1250.00", "", "", "", "2026-00123");
    let p = propose(&c, &ledger(), &MatchSettings::default(), &[InvoiceId(1)]);
    assert!(p.is_none_or(|p| !ids(&p).contains(&1)));
    let mut l = ledger();
    let p = propose(&c, &l, &MatchSettings::default(), &[]).unwrap();
    l.apply(&p);
    assert!(l.item(InvoiceId(1)).unwrap().open.is_zero());
    assert!(propose(&c, &l, &MatchSettings::default(), &[]).is_none_or(|p| !ids(&p).contains(&1)));
    // A partial payment leaves the rest findable under its new amount.
    let mut l = ledger();
    let p = propose(
        &credit("1000.00", "", "", "", "2026-00123"),
        &l,
        &MatchSettings::default(),
        &[],
    )
    .unwrap();
    l.apply(&p);
    let p = propose(
        &credit("250.00", "", IBAN_1, "", ""),
        &l,
        &MatchSettings::default(),
        &[],
    )
    .unwrap();
    assert_eq!(ids(&p), [1]);
}

/// Every proposal over random scenario credits keeps the money invariants.
fn check_invariants(p: &Proposal, c: &Credit, l: &Ledger, settings: &MatchSettings) {
    let mut sum = Money::zero(c.amount.currency);
    for (id, a) in &p.allocations {
        let item = l.item(*id).unwrap();
        assert_eq!(a.currency, c.amount.currency);
        if item.open.is_negative() {
            assert_eq!(*a, item.open, "a credit note is netted off whole");
            assert!(p.allocations.len() > 1);
        } else {
            assert!(a.amount > Decimal::ZERO, "{p:?}");
            assert!(a.amount <= item.open.amount, "{p:?}");
        }
        sum = sum.checked_add(a).unwrap();
    }
    assert!(sum.amount <= c.amount.amount, "{p:?}");
    if p.reason.ambiguous {
        assert!(p.confidence < settings.auto_threshold);
    }
    if matches!(p.reason.found_by, FoundBy::AmountOnly) {
        assert!(p.confidence < settings.auto_threshold);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn proposals_keep_the_money_invariants(seed in 0u64..10_000) {
        let s = Scenario::generate(&ScenarioOptions { customers: 60, ..ScenarioOptions::sme(seed, 150) });
        let settings = MatchSettings::default();
        let mut l = Ledger::new(s.items.clone(), s.customers.clone());
        for t in &s.credits {
            if let Some(p) = propose(&t.credit, &l, &settings, &[]) {
                check_invariants(&p, &t.credit, &l, &settings);
                if p.confidence >= settings.auto_threshold {
                    l.apply(&p);
                }
            }
        }
    }
}

/// The goals on a held-out seed (the engine was developed on seeds 1–3): at least 95 % of
/// the matchable credits matched automatically, at least 99.9 % of the automatic matches
/// right. This test can fail: it measures.
#[test]
fn quality_goals_hold_on_a_held_out_seed() {
    let s = Scenario::generate(&ScenarioOptions::sme(104, 2000));
    let credits: Vec<Credit> = s.credits.iter().map(|c| c.credit.clone()).collect();
    let m = scenario::measure(&s, &credits, &MatchSettings::default());
    let table = m.table();
    assert!(m.auto_rate() >= 0.95, "{table}");
    assert!(m.precision() >= 0.999, "{table}");
    // Amounts several customers owe, from unknown payers, are never automatic.
    assert_eq!(m.by_kind[&Kind::AmountAlone].auto, 0, "{table}");
    assert_eq!(m.by_kind[&Kind::Unknown].auto, 0, "{table}");
}

/// The generator's statement, written as camt.053 and read back by the camt parser, gives the
/// very credits the generator made: the quality figures measure what an import would match.
#[test]
fn the_generated_camt053_reads_back_as_the_same_credits() {
    use creditdesk::reconcile::scenario::{Scenario, ScenarioOptions};
    let s = Scenario::generate(&ScenarioOptions::sme(7, 400));
    let xml = s.to_camt053(
        "ROUNDTRIP-7",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    let file = creditdesk::bank::parse("roundtrip.xml", xml.as_bytes(), None).unwrap();
    assert_eq!(file.format, creditdesk::bank::StatementFormat::Camt053);
    let read: Vec<creditdesk::reconcile::Credit> = file.entries().map(|(_, e)| e.into()).collect();
    assert_eq!(read.len(), s.credits.len());
    for (read, made) in read.iter().zip(&s.credits) {
        assert_eq!(read, &made.credit);
    }
}
