//! MT940 statements: every sample of `../shared/data/bank/mt940/` read through `bank::parse`
//! (format detected from the content) to the entries the file holds, balances that add up,
//! and broken files refused with the file, the line and the tag.
//!
//! The expected values were read from the files by hand.

use creditdesk::ErrorCode;
use creditdesk::bank::{self, StatementFormat};
use rust_decimal::Decimal;

use crate::bank_camt::{Case, E, E0, check, read};
use crate::util::shared;

const MT: StatementFormat = StatementFormat::Mt940;
const ING: &str = "NL77INGB0574908765";
const CNTP: &str = "NL32INGB0000012345";
const RABO: &str = "NL34RABO0142623393";
const SNS: &str = "NL05SNSB0908244436";
const MOLLIE: &str = "NL30ABNA000000000000";

const ING_DAY: E = E {
    ccy: "EUR",
    booking: "2014-02-20",
    value: "2014-02-20",
    ..E0
};

/// The eight entries of the ING samples; `day` gives the dates.
const fn ing(day: E) -> [E; 7] {
    [
        E {
            entry: "00000000001005",
            amount: "1.56",
            name: "ING BANK NV INZAKE WEB",
            iban: CNTP,
            remittance: "EV10001REP1000000T1000",
            end_to_end: "EV12341REP1231456T1234",
            code: "NTRF",
            ..day
        },
        E {
            entry: "00000000001006",
            amount: "-1.57",
            remittance: "TOTAAL 1 VZ",
            code: "NTRF",
            ..day
        },
        E {
            entry: "00000000001007",
            amount: "1.57",
            name: "J.Janssen",
            iban: CNTP,
            remittance: "Factuurnr 123456 Klantnr 00123",
            end_to_end: "20120123456789",
            code: "NRTI",
            ..day
        },
        E {
            entry: "00000000001009",
            amount: "-1.14",
            name: "ING Bank N.V. inzake WeB",
            iban: CNTP,
            remittance: "EV123REP123412T1234",
            end_to_end: "EV123REP123412T1234",
            code: "NDDT",
            ..day
        },
        E {
            entry: "00000000001010",
            amount: "-12.75",
            name: "J.Janssen",
            iban: CNTP,
            remittance: "CONTRIBUTIE FEB 2014",
            end_to_end: "20120501P0123478",
            code: "NRTI",
            ..day
        },
        E {
            entry: "00000000001011",
            amount: "32.00",
            name: "J.Janssen",
            iban: CNTP,
            reference: "9001123412341234",
            end_to_end: "15814016000676480",
            code: "NTRF",
            ..day
        },
        E {
            entry: "00000000001012",
            amount: "-119.00",
            // The file wraps "ING" / "BANK NV" at the line end.
            name: "INGBANK NV",
            iban: CNTP,
            reference: "1070123412341234",
            end_to_end: "15614016000384600",
            code: "NTRF",
            ..day
        },
    ]
}

const ING_NEW: [E; 7] = ing(ING_DAY);
const ING_OLD: [E; 7] = ing(E {
    value: "2014-01-20",
    ..ING_DAY
});
const ING_BALANCES: &[&str] = &[
    "60F 2014-02-19 662.23 EUR",
    "62F 2014-02-20 564.35 EUR",
    "64 2014-02-20 564.35 EUR",
    "65 2014-02-21 564.35 EUR",
    "65 2014-02-24 564.35 EUR",
];

const RABO_STATEMENTS: &[&str] = &["940S140102", "940S140103", "940S140106", "940S140107"];
const RABO_ENTRIES: &[E] = &[
    E {
        entry: "940S140102/1",
        amount: "400.00",
        ccy: "EUR",
        booking: "2014-01-02",
        value: "2014-01-02",
        name: "R. SMITH",
        iban: "NL66RABO0160878799",
        remittance: "Test money paid by other partner:",
        code: "N541",
        ..E0
    },
    E {
        stmt: 2,
        entry: "940S140106/1",
        amount: "-34.61",
        ccy: "EUR",
        booking: "2014-01-01",
        value: "2014-01-01",
        name: "Kosten",
        remittance: "Periode 01-10-2013 t/m 31-12-2013",
        code: "N093",
        ..E0
    },
];

const SNS_DAY: E = E {
    ccy: "EUR",
    booking: "2017-12-27",
    value: "2017-12-27",
    ..E0
};

const MOLLIE_DAY: E = E {
    ccy: "EUR",
    booking: "2016-08-31",
    value: "2016-08-31",
    code: "NMSC",
    ..E0
};

const CASES: &[Case] = &[
    Case {
        file: "base-test-ing.940",
        format: MT,
        statements: &["P140220000000001"],
        account: ING,
        entries: 8,
        balances: ING_BALANCES,
        checks: &ING_NEW,
    },
    Case {
        file: "nl_ing-test-ing.940",
        format: MT,
        statements: &["P140220000000001"],
        account: ING,
        entries: 8,
        balances: ING_BALANCES,
        checks: &ING_NEW,
    },
    Case {
        file: "nl_ing-test-ing-old.940",
        format: MT,
        statements: &["P140120000000001"],
        account: ING,
        entries: 8,
        balances: &["60F 2014-01-19 662.23 EUR", "65 2014-01-24 564.35 EUR"],
        checks: &ING_OLD,
    },
    Case {
        file: "base-test-rabo.swi",
        format: MT,
        statements: RABO_STATEMENTS,
        account: RABO,
        entries: 2,
        balances: &["60F 2013-12-31 4433.52 EUR", "62F 2014-01-02 4833.52 EUR"],
        checks: RABO_ENTRIES,
    },
    Case {
        file: "nl_rabo-test-rabo.swi",
        format: MT,
        statements: RABO_STATEMENTS,
        account: RABO,
        entries: 2,
        balances: &["60F 2013-12-31 4433.52 EUR", "62F 2014-01-02 4833.52 EUR"],
        checks: RABO_ENTRIES,
    },
    Case {
        file: "base-test-sns.940",
        format: MT,
        statements: &["0000000000", "0000000000", "0000000000"],
        account: SNS,
        entries: 8,
        balances: &["60F 2017-12-27 3026.96 EUR", "62F 2017-12-27 2264.52 EUR"],
        checks: &[
            // Every statement is "0000000000": the keys take :28C: too.
            E {
                entry: "0000000000/361/1/1",
                amount: "-713.13",
                name: "gerrits glas en schilderwerk",
                iban: "NL49RABO0166416932",
                remittance: "Factuur 17227/248/20",
                code: "NOVB",
                ..SNS_DAY
            },
            E {
                entry: "228ohu/972795",
                amount: "-10.18",
                remittance: "Jumbo Wijchen B.V. >WIJCHEN 27.12.2017 13U38 KV005 4XZJ4Z \
                             MCC:5411 Contactloze betaling",
                code: "NBEA",
                ..SNS_DAY
            },
            E {
                stmt: 1,
                entry: "0000000000/362/1/2",
                amount: "0.00",
                booking: "2017-12-28",
                value: "2017-12-28",
                remittance: "Mobiel betalen is vanaf nu niet meer mogelijk voor \
                             BERG M A VAN DEN met Lenovo P2",
                code: "NDIV",
                ..SNS_DAY
            },
            E {
                stmt: 2,
                entry: "0000000000/363/1/2",
                amount: "-35.00",
                booking: "2017-12-29",
                value: "2017-12-29",
                name: "stichting derdengelden bucka",
                iban: "NL28DEUT0265186439",
                remittance: "Europese incasso door:STICHTING DERDENGELDEN \
                             BUCKAROO-T-Mobile Thuis B.V.: Rekening dec 2017. Bekijk je \
                             rekening op thuismy.t-mobile.nl-Incassant ID: \
                             NL39ZZZ302317620000-Kenmerk Machtiging: bla",
                code: "NINC",
                ..SNS_DAY
            },
        ],
    },
    Case {
        file: "nl_mollie-Voorbeeld_MT-940.mt940",
        format: MT,
        statements: &["940A160901"],
        account: MOLLIE,
        entries: 21,
        balances: &["60F 2016-09-01 0.00 EUR", "62F 2016-09-01 -1350.26 EUR"],
        checks: &[
            E {
                entry: "940A160901/1",
                amount: "29.93",
                name: "V. Oornaam",
                iban: MOLLIE,
                remittance: "Order 123",
                end_to_end: "tr_XXXXXXXXX",
                ..MOLLIE_DAY
            },
            E {
                entry: "940A160901/20",
                amount: "-2392.21",
                name: "V. Oornaam",
                iban: "NL80RABO0000000000",
                remittance: "REF 0000000.1608.01 UITBETALINGEN",
                end_to_end: "000000.1608.01",
                ..MOLLIE_DAY
            },
            E {
                entry: "940A160901/21",
                amount: "-14.69",
                name: "Mollie B.V.",
                iban: "NL80RABO0000000000",
                remittance: "Factuurnummer 2016.00000",
                ..MOLLIE_DAY
            },
        ],
    },
];

#[test]
fn every_mt940_sample_reads_to_the_entries_it_holds() {
    for case in CASES {
        check("mt940", case);
    }
    let mut files: Vec<String> =
        std::fs::read_dir(shared("bank/mt940/base-test-rabo.swi").parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "base-test-wrong-file.940")
            .collect();
    files.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|c| c.file).collect();
    listed.sort_unstable();
    assert_eq!(files, listed);
}

/// Opening balance plus the entries gives the closing balance, in every statement that has
/// both: the amounts, signs and decimal commas were all read right.
#[test]
fn mt940_balances_add_up() {
    let mut checked = 0;
    for case in CASES {
        let f = read("mt940", case.file).1.unwrap();
        for s in &f.statements {
            let find = |prefix: &str| {
                s.balances
                    .iter()
                    .find(|b| b.kind.starts_with(prefix))
                    .map(|b| b.amount.amount)
            };
            let (Some(open), Some(close)) = (find("60"), find("62")) else {
                continue;
            };
            let moved: Decimal = s.entries.iter().map(|e| e.amount.amount).sum();
            assert_eq!(open + moved, close, "{} {}", case.file, s.id);
            checked += 1;
        }
    }
    assert!(checked >= 12, "{checked} statements checked");
}

#[test]
fn the_wrong_sample_is_refused_naming_file_line_and_tag() {
    let (bytes, parsed) = read("mt940", "base-test-wrong-file.940");
    assert_eq!(bank::detect(&bytes), Some(MT));
    let e = parsed.unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportFailed);
    assert!(
        e.message.starts_with("base-test-wrong-file.940, line 1"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("unknown MT940 tag :9401:"),
        "{}",
        e.message
    );
    assert_eq!(e.problems[0].column, ":9401:");
}

/// A good file with one thing broken: the error names the line (found here in the text) and
/// the tag.
#[test]
fn broken_fields_are_refused_with_their_line_and_tag() {
    let rabo = std::fs::read_to_string(shared("bank/mt940/base-test-rabo.swi")).unwrap();
    let sns = std::fs::read_to_string(shared("bank/mt940/base-test-sns.940")).unwrap();
    let cases: &[(&str, &str, &str, &str, &str, &str)] = &[
        // (file, find, replace with, marker of the expected line, tag, words in the reason)
        (
            &rabo,
            ":61:140102C",
            ":61:141302C",
            ":61:141302C",
            ":61:",
            "not a value date",
        ),
        (
            &rabo,
            "C000000000400,00N541",
            "C000000000400.00N541",
            "400.00N541",
            ":61:",
            "not an amount",
        ),
        (
            &rabo,
            ":61:140102C",
            ":61:140102X",
            ":61:140102X",
            ":61:",
            "C, D, RC or RD",
        ),
        (
            &rabo,
            "00N541NONREF",
            "00X541NONREF",
            "00X541NONREF",
            ":61:",
            "transaction type",
        ),
        (
            &rabo,
            ":62F:C140102EUR",
            ":62F:C140102EU1",
            ":62F:C140102EU1",
            ":62F:",
            "currency",
        ),
        (
            &rabo,
            ":62F:C140102EUR",
            ":62F:X140102EUR",
            ":62F:X140102EUR",
            ":62F:",
            "C or D",
        ),
        (
            &rabo,
            ":60F:C131231EUR",
            ":60F:C131331EUR",
            ":60F:C131331EUR",
            ":60F:",
            "not a date",
        ),
        (
            &rabo,
            ":28C:0\n:60F:C131231",
            ":28C:0\n:99:x\n:60F:C131231",
            ":99:x",
            ":99:",
            "unknown MT940 tag",
        ),
        (
            &rabo,
            ":20:940S140102\n",
            "",
            ":25:NL34",
            ":25:",
            "before the statement's :20:",
        ),
        (
            &rabo,
            ":25:NL34RABO0142623393 EUR\n:28C:0\n:60F:C131231",
            ":28C:0\n:60F:C131231",
            ":20:940S140102",
            ":25:",
            "no :25: account",
        ),
        // SNS gives no currency in :25:; without :60F: the entries' currency is unknown.
        (
            &sns,
            ":60F:C171227EUR3026,96\n",
            "",
            ":61:1712271227D713",
            ":61:",
            "currency is unknown",
        ),
    ];
    for (text, find, replace, marker, tag, words) in cases {
        let changed = text.replacen(find, replace, 1);
        assert_ne!(&changed, text, "the case must change the file: {find}");
        let at = changed.find(marker).unwrap();
        let line = changed[..at].matches('\n').count() as u64 + 1;
        let e = bank::parse("broken.940", changed.as_bytes(), None).unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportFailed, "{}", e.message);
        assert!(e.message.starts_with("broken.940, line "), "{}", e.message);
        assert!(e.message.contains(words), "{words}: {}", e.message);
        assert_eq!(e.problems[0].line, line, "{}", e.message);
        assert_eq!(e.problems[0].column, *tag, "{}", e.message);
    }
}

/// A German bank's file: SWIFT blocks on one line, `?`-subfields with SEPA keys, a reversal
/// with a funds code, a booking date in the previous year, Latin-1.
#[test]
fn a_german_statement_with_subfields_and_a_reversal() {
    let text = "{1:F01COBADEFFAXXX0000000000}{2:O9400000000000COBADEFFXXXX0000000000N}{4:\r\n\
:20:STARTUMS\r\n\
:25:10020030/1234567\r\n\
:28C:00001/001\r\n\
:60F:C231229EUR1000,00\r\n\
:61:2312291229C150,00NTRFNONREF//BANKREF1\r\n\
:86:166?00SEPA-GUTSCHRIFT?109310?20EREF+RE-2023-77?21SVWZ+Rechnung RE-2023-77\r\n\
?2215.12.2023?30COBADEFFXXX?31DE89370400440532013000?32M\u{fc}ller GmbH\r\n\
:61:2401021231RCR50,00NTRFNONREF//BANKREF2\r\n\
:86:166?00RUECKBUCHUNG?20SVWZ+RF18539007547034?32Max Muster\r\n\
:62F:C240102EUR1100,00\r\n\
-}";
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    assert_eq!(bank::detect(&latin1), Some(MT));
    let f = bank::parse("de.sta", &latin1, None).unwrap();
    assert_eq!(f.statements.len(), 1);
    let s = &f.statements[0];
    assert_eq!(
        (s.id.as_str(), s.account.as_str()),
        ("STARTUMS", "10020030/1234567")
    );
    let [credit, reversal] = &s.entries[..] else {
        panic!("two entries: {:?}", s.entries);
    };
    assert_eq!(credit.entry, "BANKREF1");
    assert_eq!(credit.amount.to_string(), "150.00 EUR");
    assert_eq!(credit.name, "Müller GmbH");
    assert_eq!(credit.iban, "DE89370400440532013000");
    assert_eq!(credit.end_to_end, "RE-2023-77");
    assert_eq!(credit.remittance, "Rechnung RE-2023-77 15.12.2023");
    assert_eq!(credit.reference, "");
    assert!(!credit.reversal);
    assert_eq!(reversal.entry, "BANKREF2");
    assert_eq!(reversal.amount.to_string(), "-50.00 EUR", "RC is money out");
    assert!(reversal.reversal);
    assert_eq!(reversal.value_date.to_string(), "2024-01-02");
    assert_eq!(reversal.booking_date.to_string(), "2023-12-31");
    assert_eq!(reversal.reference, "RF18539007547034");
    assert_eq!(reversal.name, "Max Muster");
}

/// Inputs that once crashed a parser, or were written to try (`tests/data/bank/fuzz/`): each
/// is read without a panic, to statements or to an error that names the file.
#[test]
fn fuzz_regressions_read_without_panic() {
    type Parser = fn(&str, &[u8]) -> creditdesk::Result<creditdesk::bank::StatementFile>;
    let parsers: [(&str, Parser); 2] = [
        ("camt", creditdesk::bank::camt::parse),
        ("mt940", creditdesk::bank::mt940::parse),
    ];
    for (dir, parse) in parsers {
        let folder = crate::util::data(&format!("bank/fuzz/{dir}"));
        let mut files = 0;
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| parse(&name, &bytes));
            match outcome {
                Ok(Ok(file)) => assert!(!file.statements.is_empty(), "{name}"),
                Ok(Err(e)) => {
                    assert_eq!(e.code, ErrorCode::ImportFailed, "{name}: {}", e.message);
                    assert!(e.message.starts_with(name.as_str()), "{}", e.message);
                }
                Err(_) => panic!("{dir} parser panicked on {name}"),
            }
            files += 1;
        }
        assert!(files >= 2, "{dir}: {files} regression files");
    }
}
