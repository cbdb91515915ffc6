//! Unit tests of the letter model, totals, EPC payload and file names. Reading the PDFs back
//! (text, fonts, QR code, positions) is in `tests/it/letters.rs`.

use rust_decimal::Decimal;

use super::samples::sample_letter;
use super::*;
use crate::error::ErrorCode;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn totals_add_interest_compensation_and_fee_exactly() {
    let mut letter = sample_letter(Language::De, Tone::FormalNotice, 3);
    for (item, amount) in letter.items.iter_mut().zip(["100.10", "200.20", "0.03"]) {
        item.open = Money::new(dec(amount), Currency::EUR);
    }
    letter.interest = Some(Money::new(dec("1.11"), Currency::EUR));
    letter.compensation = Some(Money::new(dec("120"), Currency::EUR));
    letter.fee = Some(Money::new(dec("15"), Currency::EUR));
    let t = letter.totals().unwrap();
    assert_eq!(t.open.amount, dec("300.33"));
    assert_eq!(t.to_pay.amount, dec("436.44"));
    letter.interest = None;
    letter.compensation = None;
    letter.fee = None;
    assert_eq!(letter.totals().unwrap().to_pay.amount, dec("300.33"));
}

#[test]
fn mixed_currencies_and_empty_letters_are_refused() {
    let mut letter = sample_letter(Language::Fr, Tone::SecondReminder, 2);
    letter.fee = Some(Money::new(dec("15"), Currency::GBP));
    assert_eq!(
        letter.totals().unwrap_err().code,
        ErrorCode::CurrencyMismatch
    );
    assert_eq!(
        render(&letter).unwrap_err().code,
        ErrorCode::CurrencyMismatch
    );
    letter.fee = None;
    letter.items[1].open = Money::new(dec("1"), Currency::USD);
    assert_eq!(
        letter.totals().unwrap_err().code,
        ErrorCode::CurrencyMismatch
    );
    letter.items.clear();
    let err = render(&letter).unwrap_err();
    assert!(err.message.contains("no item"), "{}", err.message);
    assert!(render_batch(&[]).is_err());
}

#[test]
fn a_template_with_an_unknown_placeholder_is_not_rendered() {
    let mut letter = sample_letter(Language::Nl, Tone::Reminder, 1);
    letter.template.body = "Betaal {bedrag}".into();
    let err = render(&letter).unwrap_err();
    assert!(err.message.contains("{bedrag}"), "{}", err.message);
}

#[test]
fn placeholders_take_the_letters_values() {
    let letter = sample_letter(Language::Fr, Tone::FormalNotice, 4);
    let totals = letter.totals().unwrap();
    let oldest = letter.items.iter().map(|i| i.due_date).min().unwrap();
    let max_late = letter.items.iter().map(|i| i.days_late).max().unwrap();
    let cases = [
        ("customer_name", letter.recipient.name.clone()),
        ("total", format::money(&totals.to_pay, Language::Fr)),
        ("open_total", format::money(&totals.open, Language::Fr)),
        ("oldest_due_date", format::long_date(oldest, Language::Fr)),
        ("days_late_max", max_late.to_string()),
        ("payment_reference", letter.payment_reference.printed()),
        ("item_count", "4".to_string()),
        ("iban", "BE68 5390 0754 7034".to_string()),
    ];
    for (name, expected) in cases {
        assert_eq!(
            letter.placeholder(name, &totals).as_deref(),
            Some(expected.as_str()),
            "{name}"
        );
    }
    // Every advertised placeholder has a value.
    for (name, _) in PLACEHOLDERS {
        assert!(letter.placeholder(name, &totals).is_some(), "{name}");
    }
    assert_eq!(letter.placeholder("nope", &totals), None);
}

#[test]
fn epc_payload_follows_version_002() {
    let letter = sample_letter(Language::Nl, Tone::SecondReminder, 2);
    let to_pay = letter.totals().unwrap().to_pay;
    let payload = epc_payload(&letter).unwrap().unwrap();
    let lines: Vec<&str> = payload.split('\n').collect();
    assert_eq!(lines.len(), 12, "{payload}");
    assert_eq!(&lines[..4], ["BCD", "002", "1", "SCT"]);
    assert_eq!(lines[4], "GEBABEBB");
    assert_eq!(lines[5], "Brasserie Lambiek Distribution SA");
    assert_eq!(lines[6], "BE68539007547034");
    assert_eq!(lines[7], format!("EUR{}", format::plain_amount(&to_pay)));
    assert_eq!(lines[8], "");
    assert_eq!(lines[9], letter.payment_reference.electronic());
    assert_eq!(
        lines[10], "",
        "unstructured remittance must be empty beside a reference"
    );
    assert!(lines[11].starts_with("C400103 "));
    assert!(payload.len() <= 331);
}

#[test]
fn no_epc_code_for_pounds_nothing_to_pay_or_too_much() {
    // EPC QR codes are for SEPA credit transfers in euro only.
    let gbp = sample_letter(Language::En, Tone::Reminder, 2);
    assert_eq!(gbp.currency().unwrap(), Currency::GBP);
    assert_eq!(epc_payload(&gbp).unwrap(), None);

    assert_eq!(EPC_MAX_AMOUNT, dec("999999999.99"));
    let mut letter = sample_letter(Language::De, Tone::Reminder, 1);
    letter.items[0].open = Money::new(dec("999999999.99"), Currency::EUR);
    assert!(
        epc_payload(&letter)
            .unwrap()
            .unwrap()
            .contains("\nEUR999999999.99\n")
    );
    letter.items[0].open = Money::new(dec("1000000000.00"), Currency::EUR);
    assert_eq!(epc_payload(&letter).unwrap(), None);
    letter.items[0].open = Money::new(dec("0"), Currency::EUR);
    assert_eq!(epc_payload(&letter).unwrap(), None);
    letter.items[0].open = Money::new(dec("10"), Currency::EUR);
    letter.sender.iban.clear();
    assert_eq!(epc_payload(&letter).unwrap(), None);
}

#[test]
fn file_names_are_stable_and_unique_in_a_batch() {
    let mut letter = sample_letter(Language::Nl, Tone::Reminder, 1);
    assert_eq!(letter.file_name(), "2026-11-23-C400103-reminder.pdf");
    letter.tone = Tone::FormalNotice;
    letter.customer_number = "C/4 01".into();
    assert_eq!(letter.file_name(), "2026-11-23-C_4_01-formal-notice.pdf");

    let a = sample_letter(Language::De, Tone::SecondReminder, 1);
    let batch = render_batch(&[
        a.clone(),
        a.clone(),
        sample_letter(Language::Fr, Tone::Reminder, 2),
    ])
    .unwrap();
    let names: Vec<&str> = batch.letters.iter().map(|l| l.file_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "2026-11-23-C400104-second-reminder.pdf",
            "2026-11-23-C400104-second-reminder-2.pdf",
            "2026-11-23-C400102-reminder.pdf"
        ]
    );
    assert_eq!(batch.combined_file_name(), "letters-2026-11-23.pdf");
    assert!(batch.combined.starts_with(b"%PDF-"));
    assert!(
        batch
            .letters
            .iter()
            .all(|l| l.pdf.starts_with(b"%PDF-") && l.pages == 1)
    );
}

#[test]
fn batch_is_written_whole_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let batch = render_batch(&[
        sample_letter(Language::En, Tone::Reminder, 2),
        sample_letter(Language::De, Tone::FormalNotice, 3),
    ])
    .unwrap();
    let paths = batch.write_to(&out).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "2026-11-23-C400101-reminder.pdf",
            "2026-11-23-C400104-formal-notice.pdf",
            "letters-2026-11-23.pdf"
        ]
    );
    assert_eq!(paths.last().unwrap(), &out.join("letters-2026-11-23.pdf"));
    assert_eq!(std::fs::read(&paths[0]).unwrap(), batch.letters[0].pdf);
}

#[test]
fn tone_codes_round_trip() {
    for tone in Tone::ALL {
        assert_eq!(Tone::parse(tone.code()).unwrap(), tone);
    }
    assert_eq!(
        Tone::parse("Second-Reminder").unwrap(),
        Tone::SecondReminder
    );
    assert!(Tone::parse("final").is_err());
}

#[test]
fn france_gets_the_right_window_and_the_others_the_left_one() {
    assert_eq!(address_window(Country::FR).left_mm, 110.0);
    for c in [Country::BE, Country::DE, Country::NL, Country::GB] {
        let w = address_window(c);
        assert_eq!((w.left_mm, w.top_mm), (25.0, 45.0), "{c}");
    }
}

#[test]
fn sender_from_company_settings() {
    let mut company = crate::domain::Company::placeholder(Country::BE, Currency::EUR);
    company.name = "Acme".into();
    company.address.line1 = "Rue Haute 1".into();
    company.address.postal_code = "1000".into();
    company.address.city = "Bruxelles".into();
    let s = Sender::from_company(&company);
    assert_eq!(s.address_lines, ["Rue Haute 1", "1000 Bruxelles"]);
    assert_eq!(s.name, "Acme");
}
