//! camt.052/053/054 statements: every sample of `../shared/data/bank/camt/` read through
//! `bank::parse` (format detected from the content) to the entries the XML holds, and broken
//! files refused with the file, the line and the element.
//!
//! The expected values were read from the XML by hand.

use creditdesk::ErrorCode;
use creditdesk::bank::{self, StatementFile, StatementFormat};

use crate::util::shared;

/// One expected entry: its statement (0-based) and fields. Empty text means "empty".
#[derive(Clone, Copy)]
pub struct E {
    pub stmt: usize,
    pub entry: &'static str,
    /// Signed, with the scale the file wrote.
    pub amount: &'static str,
    pub ccy: &'static str,
    pub booking: &'static str,
    pub value: &'static str,
    pub name: &'static str,
    pub iban: &'static str,
    pub reference: &'static str,
    pub remittance: &'static str,
    pub end_to_end: &'static str,
    pub code: &'static str,
    pub reversal: bool,
}

pub const E0: E = E {
    stmt: 0,
    entry: "",
    amount: "",
    ccy: "",
    booking: "",
    value: "",
    name: "",
    iban: "",
    reference: "",
    remittance: "",
    end_to_end: "",
    code: "",
    reversal: false,
};

/// One sample file: its format, statement ids, accounts, entry count, some balances
/// (`kind date amount currency` of statement 0) and some entries.
pub struct Case {
    pub file: &'static str,
    pub format: StatementFormat,
    pub statements: &'static [&'static str],
    pub account: &'static str,
    pub entries: usize,
    pub balances: &'static [&'static str],
    pub checks: &'static [E],
}

pub fn read(dir: &str, file: &str) -> (Vec<u8>, creditdesk::Result<StatementFile>) {
    let bytes = std::fs::read(shared(&format!("bank/{dir}/{file}"))).unwrap();
    let parsed = bank::parse(file, &bytes, None);
    (bytes, parsed)
}

pub fn check(dir: &str, case: &Case) {
    let (bytes, parsed) = read(dir, case.file);
    assert_eq!(bank::detect(&bytes), Some(case.format), "{}", case.file);
    let f = parsed.unwrap_or_else(|e| panic!("{}: {}", case.file, e.message));
    let file = case.file;
    assert_eq!(f.format, case.format, "{file}");
    let ids: Vec<&str> = f.statements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, case.statements, "{file}: statement ids");
    for s in &f.statements {
        assert_eq!(s.account, case.account, "{file}: account");
    }
    assert_eq!(
        f.entries().count(),
        case.entries,
        "{file}: number of entries"
    );
    let balances: Vec<String> = f.statements[0]
        .balances
        .iter()
        .map(|b| {
            format!(
                "{} {} {} {}",
                b.kind, b.date, b.amount.amount, b.amount.currency
            )
        })
        .collect();
    for expected in case.balances {
        assert!(
            balances.iter().any(|b| b == expected),
            "{file}: balance {expected} not in {balances:?}"
        );
    }
    let mut keys: Vec<&str> = f.entries().map(|(_, e)| e.entry.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), case.entries, "{file}: entry keys are unique");
    for x in case.checks {
        let s = &f.statements[x.stmt];
        let e = s
            .entries
            .iter()
            .find(|e| e.entry == x.entry)
            .unwrap_or_else(|| panic!("{file}: no entry {} in statement {}", x.entry, s.id));
        let at = format!("{file} {}", x.entry);
        assert_eq!(e.amount.amount.to_string(), x.amount, "{at}: amount");
        assert_eq!(e.amount.currency.code(), x.ccy, "{at}: currency");
        assert_eq!(e.booking_date.to_string(), x.booking, "{at}: booking date");
        assert_eq!(e.value_date.to_string(), x.value, "{at}: value date");
        assert_eq!(e.name, x.name, "{at}: name");
        assert_eq!(e.iban, x.iban, "{at}: iban");
        assert_eq!(e.reference, x.reference, "{at}: reference");
        assert_eq!(e.remittance, x.remittance, "{at}: remittance");
        assert_eq!(e.end_to_end, x.end_to_end, "{at}: end to end");
        assert_eq!(e.transaction_code, x.code, "{at}: transaction code");
        assert_eq!(e.reversal, x.reversal, "{at}: reversal");
    }
}

const F52: StatementFormat = StatementFormat::Camt052;
const F53: StatementFormat = StatementFormat::Camt053;
const F54: StatementFormat = StatementFormat::Camt054;
const CH: &str = "CH2801234000123456789";
const NL26: &str = "NL26VAYB8060476890";
const NL56: &str = "NL56AGDH9619008421";
const ACCR: &str = "AAAASESS-FP-ACCR001";
const S253: &str = "253EURNL26VAYB8060476890";
const D18: &str = "2007-10-18";

/// A debit of 200000 SEK on 2007-10-18, as most camt.052 samples have.
const SEK: E = E {
    amount: "-200000",
    ccy: "SEK",
    booking: D18,
    value: D18,
    ..E0
};

/// The 8.85 EUR credit booked 2014-12-31, value 2015-01-02, of the camt.053 samples.
const EUR: E = E {
    amount: "8.85",
    ccy: "EUR",
    booking: "2014-12-31",
    value: "2015-01-02",
    code: "544",
    ..E0
};

const NAME_NAME: E = E {
    entry: "253EURNL26VAYB8060476890/1",
    name: "NAME NAME",
    iban: NL56,
    reference: "4654654654654654",
    ..EUR
};

const BALANCES_253: &[&str] = &[
    "OPBD 2014-12-30 18.15 EUR",
    "CLBD 2014-12-31 -27.00 SEK",
    "OPAV 2014-12-30 35.00 CHF",
    "CLAV 2014-12-31 -2700 JPY",
];

/// The batch of three transfers of the camt.054 v4 and v8 samples, split.
const BATCH_054: &[E] = &[
    E {
        entry: "ACSR160617103200001/1",
        amount: "-3.1",
        ccy: "CHF",
        booking: D18,
        value: D18,
        name: "Example Creditor 3 - V1",
        iban: "CH4112345003131313131",
        reference: "ISR ref number V1",
        remittance: "Unstructured Remittance Information V1",
        end_to_end: "UXC06170000006PI00001EE00001",
        code: "PMNT/ICDT/DMCT",
        ..E0
    },
    E {
        entry: "ACSR160617103200001/2",
        amount: "-3.2",
        ccy: "CHF",
        booking: D18,
        value: D18,
        name: "Example Creditor 3 - V2",
        iban: "CH7212345003232323232",
        reference: "ISR ref number V2",
        remittance: "Additional Remittance Information V2",
        end_to_end: "UXC06170000006PI00001EE00002",
        code: "PMNT/ICDT/DMCT",
        ..E0
    },
    E {
        entry: "ACSR160617103200001/3",
        amount: "-3.2",
        ccy: "CHF",
        booking: D18,
        value: D18,
        name: "Example Creditor 3 - V3",
        iban: "CH7212345003232323232",
        reference: "Ref number V3 block 1",
        remittance: "Unstructured Remittance Information V3 block 1 \
                     Unstructured Remittance Information V3 block 2",
        end_to_end: "UXC06170000006PI00001EE00002",
        code: "PMNT/ICDT/DMCT",
        ..E0
    },
];

const CASES: &[Case] = &[
    Case {
        file: "camt052.v1.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "AAAASESS-FP-ACCR-01",
            remittance: "Credit",
            code: "PAYM/0001/0003",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v2.other-account.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "AAAASESS-FP-ACCR-01",
            name: "Company Name",
            iban: "0000000000",
            remittance: "Credit",
            code: "PAYM/0001/0003",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v2.with-account-name.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        // No BookgDt nor ValDt: the report's creation date.
        checks: &[E {
            entry: "AAAASESS-FP-ACCR001/1",
            name: "Company Name",
            iban: CH,
            ..SEK
        }],
    },
    Case {
        file: "camt052.v2.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "AAAASESS-FP-ACCR-01",
            name: "Company Name",
            iban: NL56,
            remittance: "Credit",
            code: "PAYM/0001/0003",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v4.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &["ITBD 2016-06-14 10022.15 CHF"],
        checks: &[E {
            entry: "ACSR160614165200001",
            name: "UNIFITS GmbH",
            iban: CH,
            remittance: "Example Remittance - 4 - V1",
            end_to_end: "UXC06140000015PI00001EE00001",
            code: "PMNT/RCDT/DMCT",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v6.Amt-zero.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &["ITBD 2020-04-04 10022.15 CHF"],
        checks: &[E {
            entry: "ACSR160614165200001",
            name: "UNIFITS GmbH",
            iban: CH,
            remittance: "Example Remittance - 6 - V1",
            end_to_end: "UXC06140000015PI00001EE00001",
            code: "PMNT/RCDT/DMCT",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v6.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &["ITBD 2020-04-04 10022.15 CHF"],
        checks: &[E {
            entry: "ACSR160614165200001",
            name: "UNIFITS GmbH",
            iban: CH,
            remittance: "Example Remittance - 6 - V1",
            end_to_end: "UXC06140000015PI00001EE00001",
            code: "PMNT/RCDT/DMCT",
            ..SEK
        }],
    },
    Case {
        file: "camt052.v8.xml",
        format: F52,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "AAAASESS-FP-ACCR-01",
            remittance: "Credit",
            code: "PMNT/ICDT/XBCT",
            ..SEK
        }],
    },
    Case {
        file: "camt053.v2.all-balance-types.xml",
        format: F53,
        statements: &["CAMT0532015012200001"],
        account: CH,
        entries: 1,
        balances: &[
            "OPBD 2015-01-21 1.01 EUR",
            "PRCD 2015-01-21 2.02 EUR",
            "OPAV 2015-01-22 3.03 EUR",
            "CLBD 2015-01-22 4.04 EUR",
            "CLAV 2015-01-23 5.05 EUR",
            "FWAV 2015-01-26 6.06 EUR",
            "INFO 2015-01-27 7.07 EUR",
            "ITAV 2015-01-28 8.08 EUR",
            "ITBD 2015-01-21 9.09 EUR",
            "XPCD 2015-01-21 10.10 EUR",
        ],
        // A credit that names only the creditor (us): no other party.
        checks: &[E {
            entry: "CAMT0532015012200001/1",
            amount: "8.850",
            remittance: "Transaction Description",
            end_to_end: "000000001",
            ..EUR
        }],
    },
    Case {
        file: "camt053.v2.five.decimals.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: &["OPBD 2014-12-30 18.150 EUR", "CLBD 2014-12-31 27.050 EUR"],
        checks: &[E {
            entry: "253EURNL26VAYB8060476890/1",
            amount: "8.850",
            remittance: "Transaction Description",
            end_to_end: "000000001",
            ..EUR
        }],
    },
    Case {
        file: "camt053.v2.minimal.ultimate.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: BALANCES_253,
        checks: &[E {
            name: "DEBTOR NAME NM",
            iban: "",
            ..NAME_NAME
        }],
    },
    Case {
        file: "camt053.v2.minimal.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: BALANCES_253,
        checks: &[NAME_NAME],
    },
    Case {
        file: "camt053.v2.multi.statement.xml",
        format: F53,
        statements: &[S253, "254EURNL26VAYB8060476890"],
        account: NL26,
        entries: 2,
        balances: &["OPBD 2014-12-30 18.15 EUR", "CLBD 2014-12-31 27.00 EUR"],
        checks: &[
            E {
                entry: "253EURNL26VAYB8060476890/1",
                remittance: "Transaction Description 1",
                end_to_end: "000000001",
                ..EUR
            },
            E {
                stmt: 1,
                entry: "254EURNL26VAYB8060476890/1",
                amount: "-7.00",
                name: "Company Name 2",
                iban: NL56,
                remittance: "Transaction Description 2",
                end_to_end: "000000002",
                ..EUR
            },
        ],
    },
    Case {
        file: "camt053.v2.with-account-name.xml",
        format: F53,
        statements: &["253EURCH2801234000123456789"],
        account: CH,
        entries: 1,
        balances: &["CLAV 2014-12-31 -2700 JPY"],
        // No ValDt: the booking date.
        checks: &[E {
            entry: "253EURCH2801234000123456789/1",
            value: "2014-12-31",
            ..EUR
        }],
    },
    Case {
        file: "camt053.v2.with-party-ids.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: BALANCES_253,
        checks: &[NAME_NAME],
    },
    Case {
        file: "camt053.v3.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: BALANCES_253,
        // One transaction: the entry's amount, not the transaction's 105.750.
        checks: &[E {
            entry: "XXXXXXXXXXXXXXXXXXXXXXEUR",
            code: "PMNT/RCDT/DMCT",
            ..NAME_NAME
        }],
    },
    Case {
        file: "camt053.v4.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: &["CLBD 2014-12-30 -27.00 SEK", "CLAV 2014-12-31 -2700 JPY"],
        checks: &[E {
            entry: "AAAASESS-FP-CN_98765/01",
            code: "PAYM/0001/0005",
            ..NAME_NAME
        }],
    },
    Case {
        file: "camt053.v8.xml",
        format: F53,
        statements: &[S253],
        account: NL26,
        entries: 1,
        balances: &["OPBD 2014-12-30 18.15 EUR"],
        checks: &[E {
            entry: "AAAASESS-FP-CN_98765/01",
            end_to_end: "MUELL/FINP/RA12345",
            code: "PMNT/RCDT/BOOK",
            ..NAME_NAME
        }],
    },
    Case {
        file: "camt054.v2.with-account-name.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        // A debit that names only the debtor (us): no other party.
        checks: &[E {
            entry: "AAAASESS-FP-ACCR001/1",
            code: "PMNT/ICDT/DMCT",
            ..SEK
        }],
    },
    Case {
        file: "camt054.v2.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        // Three transactions without amounts: not split.
        checks: &[E {
            entry: ACCR,
            reference: "ISR ref number V1",
            end_to_end: "MUELL/FINP/RA12345",
            remittance: "Unstructured Remittance Information V1 \
                         Unstructured Remittance Information V3 block 1 \
                         Unstructured Remittance Information V3 block 2",
            code: "PMNT/ICDT/DMCT",
            ..SEK
        }],
    },
    Case {
        file: "camt054.v4.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 3,
        balances: &[],
        checks: BATCH_054,
    },
    Case {
        file: "camt054.v8-with-UETR.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "AAAASESS-FP-ACCR001/1",
            ..SEK
        }],
    },
    Case {
        file: "camt054.v8-with-financial-institution.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 1,
        balances: &[],
        checks: &[E {
            entry: "ACSR160617103200001",
            name: "Example Creditor 3 - V1",
            ..SEK
        }],
    },
    Case {
        file: "camt054.v8.xml",
        format: F54,
        statements: &[ACCR],
        account: CH,
        entries: 3,
        balances: &[],
        checks: BATCH_054,
    },
    Case {
        file: "camt53.only-Dt-with-DtTm.xml",
        format: F53,
        statements: &["I38y0h4YyLnQiOV6P7nEd44r2"],
        account: "GB33BUKB20201555555555",
        entries: 0,
        balances: &["OPBD 2025-07-23 5442.09000 RON"],
        checks: &[],
    },
];

#[test]
fn every_camt_sample_reads_to_the_entries_it_holds() {
    for case in CASES {
        check("camt", case);
    }
    // Every XML sample of the folder is in the table (plus the deliberately wrong one).
    let mut files: Vec<String> = std::fs::read_dir(shared("bank/camt/LICENSE").parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml") && n != "camt053.v2.wrong.xml")
        .collect();
    files.sort();
    let mut listed: Vec<&str> = CASES.iter().map(|c| c.file).collect();
    listed.sort_unstable();
    assert_eq!(files, listed);
}

#[test]
fn the_wrong_sample_is_refused_naming_file_line_and_element() {
    let (bytes, parsed) = read("camt", "camt053.v2.wrong.xml");
    assert_eq!(bank::detect(&bytes), Some(F53));
    let e = parsed.unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportFailed);
    assert!(
        e.message.starts_with("camt053.v2.wrong.xml"),
        "{}",
        e.message
    );
    assert!(e.message.contains("<Stmt>"), "{}", e.message);
    assert_eq!(e.problems[0].line, 3, "the line of <BkToCstmrStmt>");
    assert_eq!(e.problems[0].column, "Document/BkToCstmrStmt");
}

/// A good sample with one thing broken: the error's line is the line of the broken element,
/// found here in the text, and its column the element's path.
#[test]
fn broken_values_are_refused_with_their_line_and_path() {
    let good = String::from_utf8(
        std::fs::read(shared("bank/camt/camt053.v2.multi.statement.xml")).unwrap(),
    )
    .unwrap();
    let ntry = "Document/BkToCstmrStmt/Stmt/Ntry";
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // (find, replace with, line marker, path, words in the reason)
        (
            "<Amt Ccy=\"EUR\">7.00</Amt>",
            "<Amt Ccy=\"EUR\">7,00</Amt>",
            "7,00",
            "Document/BkToCstmrStmt/Stmt/Ntry/Amt",
            "not an amount",
        ),
        (
            "<Amt Ccy=\"EUR\">7.00</Amt>",
            "<Amt Ccy=\"EUR\">-7.00</Amt>",
            "-7.00",
            "Document/BkToCstmrStmt/Stmt/Ntry/Amt",
            "not an amount",
        ),
        (
            "<Amt Ccy=\"EUR\">7.00</Amt>",
            "<Amt Ccy=\"E1R\">7.00</Amt>",
            "E1R",
            "Document/BkToCstmrStmt/Stmt/Ntry/Amt",
            "currency",
        ),
        (
            "<Amt Ccy=\"EUR\">7.00</Amt>",
            "<Amt>7.00</Amt>",
            "<Amt>7.00",
            "Document/BkToCstmrStmt/Stmt/Ntry/Amt",
            "Ccy",
        ),
        (
            "<CdtDbtInd>DBIT</CdtDbtInd>",
            "<CdtDbtInd>DEBIT</CdtDbtInd>",
            "DEBIT",
            "Document/BkToCstmrStmt/Stmt/Ntry/CdtDbtInd",
            "neither CRDT nor DBIT",
        ),
        (
            "<Amt Ccy=\"EUR\">7.00</Amt>\n                <CdtDbtInd>DBIT</CdtDbtInd>",
            "<Amt Ccy=\"EUR\">7.00</Amt>",
            "<Amt Ccy=\"EUR\">7.00",
            ntry,
            "<CdtDbtInd> is missing",
        ),
        (
            "<Dt>2015-01-02</Dt>",
            "<Dt>2015-02-30</Dt>",
            "2015-02-30",
            "Document/BkToCstmrStmt/Stmt/Ntry/ValDt/Dt",
            "not a date",
        ),
        (
            "<Id>254EURNL26VAYB8060476890</Id>",
            "<Id>254EURNL26VAYB8060476890</Idd>",
            "</Idd>",
            "Document/BkToCstmrStmt/Stmt/Id",
            "not well-formed",
        ),
    ];
    for (find, replace, marker, path, words) in cases {
        let text = good.replacen(find, replace, 1);
        assert_ne!(text, good, "the case must change the file: {find}");
        // The expected line: where the marker is, counted in the broken text.
        let at = text.find(marker).unwrap();
        let line = text[..at].matches('\n').count() as u64 + 1;
        let e = bank::parse("broken.xml", text.as_bytes(), None).unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportFailed, "{}", e.message);
        assert!(e.message.starts_with("broken.xml, line "), "{}", e.message);
        assert!(e.message.contains(words), "{words}: {}", e.message);
        let problem = &e.problems[0];
        if path == &ntry {
            // A missing child is reported at its parent.
            let ntry_line = text[..text[..at].rfind("<Ntry>").unwrap()]
                .matches('\n')
                .count() as u64
                + 1;
            assert_eq!(problem.line, ntry_line, "{}", e.message);
        } else {
            assert_eq!(problem.line, line, "{}", e.message);
        }
        assert_eq!(problem.column, *path, "{}", e.message);
    }
}

#[test]
fn not_a_camt_document_is_refused() {
    for (text, words) in [
        (
            "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn/></Document>",
            "not a bank-to-customer",
        ),
        (
            "<BkToCstmrStmt><Stmt/></BkToCstmrStmt>",
            "not a camt <Document>",
        ),
        ("<Document></Document>", "no camt message"),
    ] {
        let e = creditdesk::bank::camt::parse("x.xml", text.as_bytes()).unwrap_err();
        assert!(e.message.contains(words), "{words}: {}", e.message);
    }
}

#[test]
fn latin1_and_a_byte_order_mark_are_read() {
    let good = std::fs::read(shared("bank/camt/camt053.v2.minimal.xml")).unwrap();
    let text = String::from_utf8(good).unwrap();
    let latin1: Vec<u8> = text
        .replace("NAME NAME", "J\u{fc}rgen M\u{fc}ller")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let f = creditdesk::bank::camt::parse("l.xml", &latin1).unwrap();
    assert_eq!(f.statements[0].entries[0].name, "Jürgen Müller");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(bank::detect(&bom), Some(F53));
    assert_eq!(
        bank::parse("b.xml", &bom, None).unwrap().entries().count(),
        1
    );
}

#[test]
fn a_split_without_own_keys_and_duplicate_entry_references_stay_unique() {
    // Three entries with the same AcctSvcrRef, the first a batch of two priced transactions.
    let ntry = |amount: &str, txs: &str| {
        format!(
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>\
             <BookgDt><Dt>2024-03-01</Dt></BookgDt><AcctSvcrRef>R1</AcctSvcrRef>\
             <NtryDtls>{txs}</NtryDtls></Ntry>"
        )
    };
    let tx = |amount: &str, name: &str, ustrd: &str| {
        format!(
            "<TxDtls><Amt Ccy=\"EUR\">{amount}</Amt><RltdPties><Dbtr><Nm>{name}</Nm></Dbtr>\
             <DbtrAcct><Id><IBAN>be68 5390 0754 7034</IBAN></Id></DbtrAcct></RltdPties>\
             <RmtInf><Ustrd>{ustrd}</Ustrd><Strd><CdtrRefInf><Ref>RF18539007547034</Ref>\
             </CdtrRefInf></Strd></RmtInf></TxDtls>"
        )
    };
    let xml = format!(
        "<Document><BkToCstmrStmt><GrpHdr><CreDtTm>2024-03-01T10:00:00</CreDtTm></GrpHdr>\
         <Stmt><Id>S1</Id><Acct><Id><IBAN>BE71096123456769</IBAN></Id></Acct>{}{}</Stmt>\
         </BkToCstmrStmt></Document>",
        ntry(
            "30.00",
            &format!(
                "{}{}",
                tx("10.00", "A", "inv 1"),
                tx("20.00", "B", "inv  2")
            )
        ),
        ntry("5.00", &tx("5.00", "C", "inv 3")),
    )
    .replace(
        "</Stmt>",
        &format!("{}</Stmt>", ntry("7.00", &tx("7.00", "D", "inv 4"))),
    );
    let f = creditdesk::bank::camt::parse("s.xml", xml.as_bytes()).unwrap();
    let got: Vec<(String, String, String, String)> = f
        .entries()
        .map(|(_, e)| {
            (
                e.entry.clone(),
                e.amount.amount.to_string(),
                e.name.clone(),
                e.remittance.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("R1/1".into(), "10.00".into(), "A".into(), "inv 1".into()),
            ("R1/2".into(), "20.00".into(), "B".into(), "inv 2".into()),
            ("R1".into(), "5.00".into(), "C".into(), "inv 3".into()),
            ("R1#2".into(), "7.00".into(), "D".into(), "inv 4".into()),
        ]
    );
    let first = &f.statements[0].entries[0];
    assert_eq!(first.iban, "BE68539007547034");
    assert_eq!(first.reference, "RF18539007547034");
    assert_eq!(first.value_date.to_string(), "2024-03-01");
}
