//! Bank CSV statements: every shared sample read through `detect` + `parse` to the right
//! entries; a mapping given by hand where detection cannot know; bad rows refused with the
//! line and the column.

use creditdesk::bank::csv_mapping::{self, AmountColumns, CurrencySource, DecimalMark};
use creditdesk::bank::{self, StatementFormat};
use creditdesk::{Currency, ErrorCode};
use rust_decimal::Decimal;

use crate::util::{d, shared};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(shared(&format!("bank/csv/{name}"))).unwrap()
}

/// One entry: index, entry id, amount, currency, booking date, name, IBAN, remittance.
type Row = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const FILES: &[(&str, usize, &str, &[Row])] = &[
    (
        "sheet-balance.csv",
        2,
        "",
        &[
            (
                0,
                "line 2",
                "-33.50",
                "EUR",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Your best supplier",
            ),
            (
                1,
                "line 3",
                "1533.50",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Your payment",
            ),
        ],
    ),
    (
        // A D/C column gives the direction; the amount's own sign is not.
        "sheet-debit_credit.csv",
        2,
        "",
        &[
            (
                0,
                "line 2",
                "-33.50",
                "EUR",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Your best supplier",
            ),
            (
                1,
                "line 3",
                "1533.50",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Your payment",
            ),
        ],
    ),
    (
        // Debit and credit columns; the labels say which is which, whatever sign is written.
        "sheet-debit_credit_amount.csv",
        4,
        "",
        &[
            (
                0,
                "line 2",
                "20.00",
                "EUR",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Credit 20.00",
            ),
            (
                1,
                "line 3",
                "13.50",
                "EUR",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Credit 13.50",
            ),
            (
                2,
                "line 4",
                "-33.50",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Debit 33.50",
            ),
            (
                3,
                "line 5",
                "-1500.00",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Debit 1500",
            ),
        ],
    ),
    (
        // Four metadata lines, a footer balance line, day-first dates, decimal comma.
        "sheet-meta_data_separated_credit_debit.csv",
        4,
        "08088804068",
        &[
            (
                0,
                "UNIQUE OP 1",
                "-50.00",
                "EUR",
                "2020-04-01",
                "",
                "",
                "LABEL 1 DETAILS 1",
            ),
            (
                2,
                "UNIQUE OP 3",
                "-80.68",
                "EUR",
                "2020-04-02",
                "",
                "",
                "LABEL 3 DETAILS 2",
            ),
            (
                3,
                "UNIQUE OP 4",
                "1300.00",
                "EUR",
                "2020-04-02",
                "",
                "",
                "LABEL 4 DETAILS 3",
            ),
        ],
    ),
    (
        "sheet-multi_currency.csv",
        2,
        "",
        &[
            (
                0,
                "line 2",
                "-33.50",
                "USD",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Your best supplier",
            ),
            (
                1,
                "line 3",
                "1525.00",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Your payment",
            ),
        ],
    ),
    (
        // "Amount Currency" (the original amount) is not the amount.
        "sheet-original_currency.csv",
        1,
        "",
        &[(
            0,
            "line 2",
            "1525.00",
            "EUR",
            "2018-12-15",
            "Azure Interior",
            "",
            "Your payment",
        )],
    ),
    (
        "sheet-sample_statement_en.csv",
        2,
        "",
        &[
            (
                0,
                "line 2",
                "-33.50",
                "USD",
                "2018-12-15",
                "John Doe",
                "123456789",
                "Your best supplier on 12/15/2018",
            ),
            (
                1,
                "line 3",
                "1525.00",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "Your payment on 12/15/2018",
            ),
        ],
    ),
];

fn check_entries(
    name: &str,
    file: &bank::StatementFile,
    count: usize,
    account: &str,
    rows: &[Row],
) {
    assert_eq!(file.format, StatementFormat::Csv);
    assert_eq!(file.statements.len(), 1, "{name}");
    assert_eq!(file.statements[0].account, account, "{name}");
    let entries = &file.statements[0].entries;
    assert_eq!(entries.len(), count, "{name}");
    for &(index, entry, amount, currency, date, who, iban, remittance) in rows {
        let e = &entries[index];
        assert_eq!(e.entry, entry, "{name}");
        assert_eq!(
            e.amount.amount,
            amount.parse::<Decimal>().unwrap(),
            "{name} {entry}"
        );
        assert_eq!(e.amount.currency.code(), currency, "{name} {entry}");
        assert_eq!(e.booking_date, d(date), "{name} {entry}");
        assert_eq!(e.value_date, d(date), "{name} {entry}");
        assert_eq!(e.name, who, "{name} {entry}");
        assert_eq!(e.iban, iban, "{name} {entry}");
        assert_eq!(e.remittance, remittance, "{name} {entry}");
    }
}

#[test]
fn every_sample_reads_through_detect_and_parse() {
    for &(name, count, account, rows) in FILES {
        let bytes = read(name);
        let mapping = csv_mapping::detect(name, &bytes).unwrap();
        let file = csv_mapping::parse(name, &bytes, &mapping).unwrap();
        check_entries(name, &file, count, account, rows);
        // The same through the format-independent entry point.
        assert_eq!(bank::parse(name, &bytes, None).unwrap(), file, "{name}");
    }
}

#[test]
fn what_detection_found_for_the_layouts() {
    let meta =
        csv_mapping::detect("m.csv", &read("sheet-meta_data_separated_credit_debit.csv")).unwrap();
    assert_eq!((meta.header_line, meta.footer_lines), (4, 1));
    assert_eq!(meta.decimal_separator, DecimalMark::Comma);
    assert_eq!(meta.date_format, "%d/%m/%y");
    assert_eq!(meta.entry_id.as_deref(), Some("Operation Number"));
    assert_eq!(meta.remittance, ["Label", "Detail"]);
    assert_eq!(
        meta.amount,
        AmountColumns::DebitCredit {
            debit: "Debit".into(),
            credit: "Credit".into()
        }
    );
    let dc = csv_mapping::detect("dc.csv", &read("sheet-debit_credit.csv")).unwrap();
    assert!(matches!(&dc.amount, AmountColumns::Indicator { indicator, .. } if indicator == "D/C"));
    assert_eq!(
        dc.currency,
        CurrencySource::Fixed {
            currency: Currency::EUR
        }
    );
    let en = csv_mapping::detect("en.csv", &read("sheet-sample_statement_en.csv")).unwrap();
    assert_eq!(
        en.currency,
        CurrencySource::Column {
            column: "Currency".into()
        }
    );
    assert_eq!(en.date_format, "%m/%d/%Y");
    assert_eq!(
        en.amount,
        AmountColumns::Signed {
            column: "Amount".into()
        }
    );
}

/// The credit-card export has the very header of `sheet-sample_statement_en.csv` with the
/// signs the other way round: nothing in the file tells it, so the user's mapping says so.
#[test]
fn the_credit_card_sample_needs_a_mapping_that_inverts_the_sign() {
    let name = "sheet-sample_statement_credit_card_inverse_sign_en.csv";
    let bytes = read(name);
    let mut mapping = csv_mapping::detect(name, &bytes).unwrap();
    assert!(!mapping.invert_sign);
    mapping.invert_sign = true;
    let file = bank::parse(name, &bytes, Some(&mapping)).unwrap();
    check_entries(
        name,
        &file,
        2,
        "",
        &[
            (
                0,
                "line 2",
                "-33.50",
                "USD",
                "2018-12-15",
                "John Doe",
                "123456789",
                "LABEL 1",
            ),
            (
                1,
                "line 3",
                "1525.00",
                "EUR",
                "2018-12-15",
                "Azure Interior",
                "",
                "LABEL 2",
            ),
        ],
    );
}

#[test]
fn european_layouts_quotes_thousands_signs_and_empty_cells() {
    let text = "Rekening: BE68 5390 0754 7034\n\
                Datum;Valutadatum;Naam tegenpartij;Tegenrekening;Af;Bij;Mededeling;Gestructureerde mededeling\n\
                02-03-2026;03-03-2026;\"Bakkerij; Van Dijk\";nl91 abna 0417 1643 00;;\"31.070,11\";factuur F-1;+++090/9337/55493+++\n\
                05-03-2026;;Garage Peeters;;+1.250,00;;huur maart;\n";
    let mapping = csv_mapping::detect("kbc.csv", text.as_bytes()).unwrap();
    assert_eq!(mapping.delimiter, ';');
    assert_eq!(mapping.decimal_separator, DecimalMark::Comma);
    assert_eq!(mapping.value_date.as_deref(), Some("Valutadatum"));
    assert_eq!(
        mapping.reference.as_deref(),
        Some("Gestructureerde mededeling")
    );
    let file = csv_mapping::parse("kbc.csv", text.as_bytes(), &mapping).unwrap();
    let s = &file.statements[0];
    assert_eq!(s.account, "BE68539007547034");
    let [a, b] = &s.entries[..] else {
        panic!("two entries")
    };
    assert_eq!(a.amount.amount, "31070.11".parse::<Decimal>().unwrap());
    assert_eq!(
        (a.booking_date, a.value_date),
        (d("2026-03-02"), d("2026-03-03"))
    );
    assert_eq!(a.name, "Bakkerij; Van Dijk");
    assert_eq!(a.iban, "NL91ABNA0417164300");
    assert_eq!(a.reference, "+++090/9337/55493+++");
    assert_eq!(a.remittance, "factuur F-1");
    assert_eq!(a.entry, "line 3");
    assert_eq!(b.amount.amount, "-1250.00".parse::<Decimal>().unwrap());
    assert_eq!(
        b.value_date, b.booking_date,
        "an empty value date is the booking date"
    );
    assert_eq!(b.entry, "line 4");

    let german =
        "Buchungstag;Verwendungszweck;Betrag;Währung\n30.01.2026;RE 2026-17;-1.234,56;CHF\n";
    let file = bank::parse("db.csv", german.as_bytes(), None).unwrap();
    let e = &file.statements[0].entries[0];
    assert_eq!(e.amount.to_string(), "-1234.56 CHF");
    assert_eq!(e.booking_date, d("2026-01-30"));
    assert_eq!(e.remittance, "RE 2026-17");
}

#[test]
fn bad_rows_are_refused_with_line_and_column() {
    let mapping = csv_mapping::detect("s.csv", &read("sheet-multi_currency.csv")).unwrap();
    let header = "\"Date\",\"Label\",\"Currency\",\"Amount\",\"Partner Name\",\"Bank Account\"\n";
    let good = "\"12/15/2018\",\"x\",\"USD\",\"-33.50\",\"J\",\"1\"\n";
    for (row, column, reason) in [
        (
            "\"13/15/2018\",\"x\",\"USD\",\"-33.50\",\"J\",\"1\"",
            "Date",
            "'13/15/2018' is not a date as MM/DD/YYYY",
        ),
        (
            "\"12/15/2018\",\"x\",\"USD\",\"12abc\",\"J\",\"1\"",
            "Amount",
            "'12abc' is not an amount",
        ),
        (
            "\"12/15/2018\",\"x\",\"USD\",\"\",\"J\",\"1\"",
            "Amount",
            "the amount is empty",
        ),
        (
            "\"12/15/2018\",\"x\",\"US\",\"1\",\"J\",\"1\"",
            "Currency",
            "'US' is not a currency code",
        ),
        ("\"12/15/2018\",\"x\"", "Amount", "the amount is empty"),
    ] {
        let text = format!("{header}{good}{row}\n");
        let error = csv_mapping::parse("s.csv", text.as_bytes(), &mapping).unwrap_err();
        assert_eq!(error.code, ErrorCode::ImportFailed);
        assert_eq!(error.problems[0].line, 3, "{}", error.message);
        assert_eq!(error.problems[0].column, column, "{}", error.message);
        assert!(error.message.contains(reason), "{}", error.message);
        assert!(
            error.message.starts_with("s.csv, line 3"),
            "{}",
            error.message
        );
    }

    // A mapping naming a column the file does not have.
    let mut wrong = mapping.clone();
    wrong.name = Some("Payee".into());
    let error = csv_mapping::parse("s.csv", header.as_bytes(), &wrong).unwrap_err();
    assert_eq!(
        (error.problems[0].line, error.problems[0].column.as_str()),
        (1, "Payee")
    );
    assert!(
        error.message.contains("it has: Date, Label, Currency"),
        "{}",
        error.message
    );

    // Neither debit nor credit; an unknown D/C mark.
    let dc = "Date,Debit,Credit\n01/02/2026,1.00,\n01/02/2026,,\n";
    let m = csv_mapping::detect("dc.csv", dc.as_bytes()).unwrap();
    let error = csv_mapping::parse("dc.csv", dc.as_bytes(), &m).unwrap_err();
    assert_eq!(
        (error.problems[0].line, error.problems[0].column.as_str()),
        (3, "Debit")
    );
    let ind = "Date,Amount,D/C\n01/02/2026,1.00,X\n";
    let error = csv_mapping::detect("ind.csv", ind.as_bytes()).unwrap_err();
    assert_eq!(
        (error.problems[0].line, error.problems[0].column.as_str()),
        (2, "D/C")
    );
}

#[test]
fn undetectable_files_say_what_is_missing_and_what_was_seen() {
    for (text, line, says) in [
        (
            "Datum,Omschrijving,Saldo\n01-02-2026,x,12\n",
            1,
            "could not find the amount column",
        ),
        (
            "Date,Amount\n01-02-2026,12\n2026-02-31,13\n",
            3,
            "'2026-02-31'",
        ),
        (
            "Date,Amount\n01-02-2026,12\nsoon,13\n02-02-2026,1\n",
            3,
            "'soon'",
        ),
        (
            "Who,What,Where\na,b,c\n",
            0,
            "could not find the header line",
        ),
        ("Date,Amount\nTotal,12\n", 1, "no movement under it"),
    ] {
        let error = csv_mapping::detect("x.csv", text.as_bytes()).unwrap_err();
        assert_eq!(error.code, ErrorCode::ImportFailed, "{text}");
        assert_eq!(error.problems[0].line, line, "{}", error.message);
        assert!(error.message.contains(says), "{}", error.message);
    }
    let error =
        csv_mapping::detect("x.csv", b"Datum,Omschrijving,Saldo\n01-02-2026,x,12\n").unwrap_err();
    assert!(
        error.message.contains("Datum, Omschrijving, Saldo"),
        "{}",
        error.message
    );
}

/// Crashes the fuzzer found, kept: each is read or refused, never a panic.
#[test]
fn fuzz_regressions_never_panic() {
    let dir = crate::util::data("bank/fuzz/csv");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(mapping) = csv_mapping::detect("fuzz.csv", &bytes) {
            let _ = csv_mapping::parse("fuzz.csv", &bytes, &mapping);
        }
        let _ = bank::parse("fuzz.csv", &bytes, None);
    }
}
