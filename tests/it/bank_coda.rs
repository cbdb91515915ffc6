//! CODA statements: every shared sample read to the right entries, balances and references;
//! trailers that do not add up refused with the line and the field.

use creditdesk::bank::{self, StatementFile, StatementFormat, coda};
use creditdesk::{Currency, ErrorCode};
use rust_decimal::Decimal;

use crate::util::{d, shared};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(shared(&format!("bank/coda/{name}"))).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// What one entry must be: its position, then the fields checked.
struct Expected {
    index: usize,
    entry: &'static str,
    amount: &'static str,
    booking: &'static str,
    value: &'static str,
    reference: &'static str,
    name: &'static str,
    iban: &'static str,
    remittance: &'static str,
    end_to_end: &'static str,
}

fn check(file: &StatementFile, expected: &[Expected]) {
    let entries: Vec<_> = file.entries().map(|(_, e)| e).collect();
    for x in expected {
        let e = entries[x.index];
        assert_eq!(e.entry, x.entry);
        assert_eq!(e.amount.amount, dec(x.amount), "{}", x.entry);
        assert_eq!(e.amount.currency, Currency::EUR, "{}", x.entry);
        assert_eq!(e.booking_date, d(x.booking), "{}", x.entry);
        assert_eq!(e.value_date, d(x.value), "{}", x.entry);
        assert_eq!(e.reference, x.reference, "{}", x.entry);
        assert_eq!(e.name, x.name, "{}", x.entry);
        assert_eq!(e.iban, x.iban, "{}", x.entry);
        assert_eq!(e.remittance, x.remittance, "{}", x.entry);
        assert_eq!(e.end_to_end, x.end_to_end, "{}", x.entry);
        assert!(!e.reversal);
    }
}

fn balances(file: &StatementFile) -> Vec<(String, String, String)> {
    file.statements
        .iter()
        .flat_map(|s| &s.balances)
        .map(|b| {
            (
                b.kind.clone(),
                b.date.to_string(),
                b.amount.amount.to_string(),
            )
        })
        .collect()
}

#[test]
fn sample1_four_credits_with_ogm_names_and_addresses() {
    let file = coda::parse("sample1.cod", &read("php-coda-parser_sample1.cod")).unwrap();
    assert_eq!(file.format, StatementFormat::Coda);
    assert_eq!(file.statements.len(), 1);
    let statement = &file.statements[0];
    assert_eq!(statement.id, "139");
    assert_eq!(statement.account, "138536152215");
    assert_eq!(statement.entries.len(), 4);
    assert_eq!(
        balances(&file),
        [
            ("old".into(), "2017-10-10".into(), "17752.12".into()),
            ("new".into(), "2017-10-11".into(), "17832.12".into())
        ]
    );
    check(
        &file,
        &[
            Expected {
                index: 0,
                entry: "JRFC00120DSCCOCACAERT",
                amount: "5.00",
                booking: "2017-10-11",
                value: "2017-10-11",
                reference: "+++000/0035/05158+++",
                name: "KLANT1 MET NAAM1",
                iban: "BE22313215646432",
                remittance: "KLANT1 MET NAAM1 GROTE WEG 32 3215 HASSELT",
                end_to_end: "",
            },
            Expected {
                index: 2,
                entry: "OL69IXSTASSCCOXSOVDGS",
                amount: "20.00",
                booking: "2017-10-11",
                value: "2017-10-11",
                reference: "+++000/0031/54982+++",
                // The file is latin-1: byte 0xEF is "ï".
                name: "KLANT3 NAAMï",
                iban: "BE32135468465432",
                remittance: "KLANT3 NAAMï KLEIN WEGELKEN 1 8423 LEUVEN",
                end_to_end: "",
            },
            Expected {
                index: 3,
                entry: "KACS00321DSCTIXEIKDVA",
                amount: "30.00",
                booking: "2017-10-11",
                value: "2017-10-11",
                reference: "+++000/0021/33131+++",
                name: "KLANT4 - NAAM4 MET",
                iban: "BE23156453132168",
                remittance: "KLANT4 - NAAM4 MET EIKENSTRAAT 25 2141 BRUGGE",
                end_to_end: "",
            },
        ],
    );
    let total: Decimal = file.entries().map(|(_, e)| e.amount.amount).sum();
    assert_eq!(total, dec("80"), "the trailer's credit total");
    assert_eq!(statement.entries[0].transaction_code, "00150000");
}

/// sample12 and sample5 are hand-made samples whose trailer and new balance were not updated
/// when their movements were: `parse` refuses them, naming the record 8 line; their
/// movements are read by `parse_unchecked`.
#[test]
fn samples_whose_totals_do_not_add_up_are_refused_and_read_unchecked() {
    for (name, line, message) in [
        (
            "php-coda-parser_sample12.cod",
            11,
            "the new balance 17832.120 is not the old balance 17752.120 plus the movements -25.000",
        ),
        (
            "php-coda-parser_sample5.cod",
            15,
            "the new balance -500012.100 is not the old balance 4004.100 plus the movements 6303.460",
        ),
    ] {
        let error = bank::parse(name, &read(name), None).unwrap_err();
        assert_eq!(error.code, ErrorCode::ImportFailed);
        assert_eq!(error.problems[0].line, line, "{}", error.message);
        assert_eq!(error.problems[0].column, "new balance");
        assert!(error.message.contains(message), "{}", error.message);
        assert!(error.message.starts_with(name), "{}", error.message);
    }
}

#[test]
fn sample12_a_globalisation_is_read_as_its_detail() {
    let file =
        coda::parse_unchecked("sample12.cod", &read("php-coda-parser_sample12.cod")).unwrap();
    assert_eq!(file.statements[0].entries.len(), 1);
    check(
        &file,
        &[Expected {
            index: 0,
            entry: "KLIM03284DSCICDEVATVA",
            amount: "-25.00",
            booking: "2017-10-11",
            value: "2017-10-11",
            reference: "+++000/0035/15846+++",
            name: "KLANT2 NAAM2",
            iban: "BE25646548413215",
            remittance: "KLANT2 NAAM2 VOETGANGERSTRAAT 26 1215 ANTWERPEN",
            end_to_end: "",
        }],
    );
}

#[test]
fn sample5_free_and_structured_communications_and_repeated_bank_references() {
    let file = coda::parse_unchecked("sample5.cod", &read("php-coda-parser_sample5.cod")).unwrap();
    assert_eq!(file.statements[0].account, "001548226815");
    assert_eq!(file.statements[0].id, "155");
    assert_eq!(file.statements[0].entries.len(), 3);
    assert_eq!(
        balances(&file),
        [
            ("old".into(), "2014-12-24".into(), "4004.10".into()),
            ("new".into(), "2015-05-12".into(), "-500012.10".into())
        ]
    );
    check(
        &file,
        &[
            Expected {
                index: 0,
                // The three movements share one bank reference: each gets its sequence.
                entry: "0001200002835/0001",
                amount: "1767.82",
                booking: "2014-12-25",
                value: "2014-12-25",
                reference: "",
                name: "BVBA.BAKKER PIET",
                iban: "BE54805480215856",
                remittance: "112/4554/46812 813 ANOTHER MESSAGE MESSAGE BVBA.BAKKER PIET MAIN STREET 928 5480 SOME CITY SOME INFORMATION ABOUT THIS TRANSACTION",
                end_to_end: "54875",
            },
            Expected {
                index: 1,
                entry: "0001200002835/0002",
                amount: "2767.82",
                booking: "2014-12-25",
                value: "2014-12-25",
                reference: "+++112/4554/46812+++",
                name: "BVBA.BAKKER PIET",
                iban: "BE54805480215856",
                remittance: "813 ANOTHER MESSAGE MESSAGE BVBA.BAKKER PIET",
                end_to_end: "54875",
            },
            Expected {
                index: 2,
                entry: "0001200002835/0009",
                amount: "1767.82",
                booking: "2014-12-25",
                value: "2014-12-25",
                reference: "",
                name: "",
                iban: "",
                remittance: "112/4554/46812 813 ANOTHER MESSAGE",
                end_to_end: "54875",
            },
        ],
    );
}

#[test]
fn every_sample_is_detected_as_coda() {
    for name in [
        "php-coda-parser_sample1.cod",
        "php-coda-parser_sample12.cod",
        "php-coda-parser_sample5.cod",
    ] {
        assert_eq!(
            bank::detect(&read(name)),
            Some(StatementFormat::Coda),
            "{name}"
        );
    }
}

/// Damaged copies of sample1: each refused with the line and the field.
#[test]
fn damaged_files_are_refused_with_line_and_field() {
    let good = read("php-coda-parser_sample1.cod");
    let lines: Vec<Vec<u8>> = good.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let with = |index: usize, at: usize, text: &[u8]| {
        let mut lines = lines.clone();
        lines[index][at..at + text.len()].copy_from_slice(text);
        lines.join(&b'\n')
    };
    let cases: Vec<(Vec<u8>, u64, &str, &str)> = vec![
        // A movement's amount with a letter.
        (with(2, 40, b"X"), 3, "amount", "not an amount"),
        // 31 February.
        (with(2, 47, b"310217"), 3, "value date", "not a date"),
        (with(2, 115, b"001317"), 3, "entry date", "not a date"),
        (with(2, 31, b"5"), 3, "sign", "not a sign"),
        (
            with(5, 0, b"37"),
            6,
            "record type",
            "unknown record type '37'",
        ),
        (
            with(5, 0, b"5"),
            6,
            "record type",
            "unknown record type '5'",
        ),
        // The trailer's credit total off by one cent.
        (
            with(23, 50, b"1"),
            24,
            "credit total",
            "the trailer says 80.010",
        ),
        (
            with(23, 21, b"3"),
            24,
            "number of records",
            "counts 23 records",
        ),
        (with(1, 50, b"X"), 2, "old balance", "not an amount"),
        (with(1, 18, b"E1R"), 2, "currency", "'E1R'"),
        (with(0, 127, b"1"), 1, "version", "version '1'"),
        // A record cut short.
        (
            {
                let mut l = lines.clone();
                l[4].truncate(100);
                l.join(&b'\n')
            },
            5,
            "",
            "a record of 100 characters",
        ),
        // The file cut after its movements.
        (lines[..22].join(&b'\n'), 0, "", "truncated"),
    ];
    for (bytes, line, field, reason) in cases {
        let error = coda::parse("sample1.cod", &bytes).unwrap_err();
        assert_eq!(error.code, ErrorCode::ImportFailed);
        assert_eq!(error.problems[0].line, line, "{}", error.message);
        assert_eq!(error.problems[0].column, field, "{}", error.message);
        assert!(error.message.contains(reason), "{}", error.message);
        assert!(
            error.message.starts_with("sample1.cod"),
            "{}",
            error.message
        );
    }
}

/// Crashes the fuzzer found, kept: each is read or refused, never a panic.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = crate::util::data("bank/fuzz/coda");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match coda::parse("fuzz.cod", &bytes) {
            Ok(file) => assert_eq!(file.format, StatementFormat::Coda),
            Err(e) => assert!(e.message.starts_with("fuzz.cod"), "{}", e.message),
        }
    }
}
