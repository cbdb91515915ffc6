//! The CSV statement reader on any bytes: detection, then parsing with what it found and with
//! fixed mappings of each amount layout. It must answer a result or an error, never panic.
#![no_main]

use creditdesk::Currency;
use creditdesk::bank::csv_mapping::{
    self, AmountColumns, CsvMapping, CurrencySource, DecimalMark,
};
use libfuzzer_sys::fuzz_target;

fn fixed(amount: AmountColumns, header_line: usize, footer_lines: usize) -> CsvMapping {
    CsvMapping {
        delimiter: ';',
        decimal_separator: DecimalMark::Comma,
        date_format: "%d.%m.%Y".into(),
        header_line,
        footer_lines,
        booking_date: "Datum".into(),
        value_date: Some("Valuta".into()),
        amount,
        invert_sign: header_line % 2 == 1,
        currency: CurrencySource::Fixed { currency: Currency::EUR },
        name: Some("Naam".into()),
        iban: Some("IBAN".into()),
        reference: Some("Ref".into()),
        remittance: vec!["Tekst".into(), "Ref".into()],
        entry_id: Some("Id".into()),
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = csv_mapping::looks_like(&String::from_utf8_lossy(data));
    if let Ok(mapping) = csv_mapping::detect("fuzz.csv", data) {
        let _ = csv_mapping::parse("fuzz.csv", data, &mapping);
    }
    let small = usize::from(data.first().copied().unwrap_or(0) % 4);
    for amount in [
        AmountColumns::Signed { column: "Bedrag".into() },
        AmountColumns::DebitCredit { debit: "Af".into(), credit: "Bij".into() },
        AmountColumns::Indicator {
            column: "Bedrag".into(),
            indicator: "AfBij".into(),
            debit_values: vec!["Af".into()],
            credit_values: vec!["Bij".into()],
        },
    ] {
        let _ = csv_mapping::parse("fuzz.csv", data, &fixed(amount, small, small));
    }
    let _ = creditdesk::bank::parse("fuzz.csv", data, None);
});
