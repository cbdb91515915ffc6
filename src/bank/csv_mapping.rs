//! Bank statements exported as CSV, read through a [`CsvMapping`]: which line holds the
//! header, which columns hold the date, the amount (signed, or debit and credit, or an amount
//! and a debit/credit indicator), the currency, the other party, the texts.
//!
//! [`detect`] finds a mapping from the file itself (header aliases in EN/FR/NL/DE, the date
//! format and the decimal separator from the values); the user's mapping is stored by the
//! caller, keyed by the header line. [`parse`] reads every row or refuses the file with the
//! line and the column.

mod detect;

use rust_decimal::Decimal;

use super::{Statement, StatementEntry, StatementFile, StatementFormat, file_error};
use crate::error::Result;
use crate::import::values::{self, DateFormat, DecimalSeparator};
use crate::money::{Currency, Money};

pub use detect::detect;

/// Which columns of a bank's CSV export hold what. Columns are named as headed in the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CsvMapping {
    /// The field separator: `,`, `;`, a tab or `|`.
    pub delimiter: char,
    pub decimal_separator: DecimalMark,
    /// A chrono format, e.g. `%d/%m/%Y`.
    pub date_format: String,
    /// The 0-based line of the header row; lines before it are metadata (account, period).
    #[serde(default)]
    pub header_line: usize,
    /// Rows at the end that are not movements (a closing balance line), skipped.
    #[serde(default)]
    pub footer_lines: usize,
    pub booking_date: String,
    #[serde(default)]
    pub value_date: Option<String>,
    pub amount: AmountColumns,
    /// The amounts are from the card issuer's point of view (a purchase positive): the sign is
    /// turned over.
    #[serde(default)]
    pub invert_sign: bool,
    pub currency: CurrencySource,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub iban: Option<String>,
    /// A structured reference (RF, OGM) column.
    #[serde(default)]
    pub reference: Option<String>,
    /// The free texts, joined with a space in this order.
    #[serde(default)]
    pub remittance: Vec<String>,
    /// The bank's id of the movement; without it an entry is `line <n>` of the file.
    #[serde(default)]
    pub entry_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecimalMark {
    Point,
    Comma,
}

/// Where the amount and its sign are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountColumns {
    /// One signed amount: negative is money out.
    Signed { column: String },
    /// Two columns: a value in `debit` is money out, in `credit` money in, whether the bank
    /// writes it positive or negative (the column gives the direction, not the sign).
    DebitCredit { debit: String, credit: String },
    /// An amount and an indicator column (`D`/`C`, `Af`/`Bij`, `S`/`H`, …): the indicator
    /// gives the direction.
    Indicator {
        column: String,
        indicator: String,
        debit_values: Vec<String>,
        credit_values: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CurrencySource {
    Column { column: String },
    Fixed { currency: Currency },
}

/// Reads every movement of a CSV statement with `mapping` into one statement.
pub fn parse(file: &str, bytes: &[u8], mapping: &CsvMapping) -> Result<StatementFile> {
    let rows = read_rows(file, bytes, mapping.delimiter)?;
    let header_index = rows
        .iter()
        .position(|r| r.line > mapping.header_line as u64)
        .ok_or_else(|| {
            file_error(
                file,
                mapping.header_line as u64 + 1,
                "",
                "the file has no header line where the mapping expects it",
            )
        })?;
    let header = &rows[header_index];
    if header.line != mapping.header_line as u64 + 1 {
        return Err(file_error(
            file,
            mapping.header_line as u64 + 1,
            "",
            "the header line the mapping expects is empty",
        ));
    }
    let columns = Columns::new(file, header, mapping)?;
    let body = &rows[header_index + 1..];
    let body = &body[..body.len().saturating_sub(mapping.footer_lines)];
    let separator = match mapping.decimal_separator {
        DecimalMark::Point => DecimalSeparator::Point,
        DecimalMark::Comma => DecimalSeparator::Comma,
    };
    let dates = DateFormat::new(&mapping.date_format);
    let mut entries = Vec::with_capacity(body.len());
    let mut ids = std::collections::HashSet::new();
    for row in body {
        let entry = columns.entry(file, row, mapping, separator, &dates)?;
        if !ids.insert(entry.entry.clone()) {
            return Err(file_error(
                file,
                row.line,
                columns.header_of(columns.entry_id),
                &format!("the entry id '{}' is on an earlier row too", entry.entry),
            ));
        }
        entries.push(entry);
    }
    Ok(StatementFile {
        format: StatementFormat::Csv,
        statements: vec![Statement {
            id: String::new(),
            account: detect::account(&rows[..header_index]),
            balances: Vec::new(),
            entries,
        }],
    })
}

/// Whether the text looks like a CSV statement: not XML, MT940 or CODA, no binary, and a
/// separator on one of its first lines.
pub fn looks_like(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with('<')
        || super::mt940::looks_like(text)
        || super::coda::looks_like(text.as_bytes())
        || text.contains('\0')
    {
        return false;
    }
    text.lines()
        .take(10)
        .any(|l| l.contains([',', ';', '\t', '|']))
}

/// One non-empty record of the file and the line it starts on (1-based).
#[derive(Debug, Clone)]
struct Row {
    line: u64,
    cells: Vec<String>,
}

impl Row {
    fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", |c| c.trim())
    }
}

/// UTF-8 (BOM dropped) or, failing that, latin-1.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn read_rows(file: &str, bytes: &[u8], delimiter: char) -> Result<Vec<Row>> {
    let delimiter = u8::try_from(delimiter)
        .ok()
        .filter(|d| d.is_ascii() && !d.is_ascii_alphanumeric() && *d != b'"')
        .ok_or_else(|| {
            file_error(
                file,
                0,
                "",
                &format!("'{delimiter}' cannot separate fields"),
            )
        })?;
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().any(|c| !c.trim().is_empty()) {
                    rows.push(Row {
                        line: record.position().map_or(0, |p| p.line()),
                        cells: record.iter().map(str::to_string).collect(),
                    });
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(file_error(file, line, "", &format!("unreadable CSV: {e}")));
            }
        }
    }
    Ok(rows)
}

/// The mapping's columns found in the header row.
struct Columns {
    headers: Vec<String>,
    booking_date: usize,
    value_date: Option<usize>,
    amount: Amount,
    currency: Result<usize, Currency>,
    name: Option<usize>,
    iban: Option<usize>,
    reference: Option<usize>,
    remittance: Vec<usize>,
    entry_id: Option<usize>,
}

enum Amount {
    Signed(usize),
    DebitCredit(usize, usize),
    /// The amount, the indicator, the debit marks and the credit marks.
    Indicator(usize, usize, Vec<String>, Vec<String>),
}

impl Columns {
    fn new(file: &str, header: &Row, mapping: &CsvMapping) -> Result<Columns> {
        let headers: Vec<String> = header.cells.iter().map(|c| c.trim().to_string()).collect();
        let find = |name: &str| -> Result<usize> {
            headers.iter().position(|h| h == name.trim()).ok_or_else(|| {
                file_error(
                    file,
                    header.line,
                    name,
                    &format!(
                        "the mapping names a column '{name}' the header line does not have (it has: {})",
                        headers.join(", ")
                    ),
                )
            })
        };
        let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
        Ok(Columns {
            booking_date: find(&mapping.booking_date)?,
            value_date: optional(&mapping.value_date)?,
            amount: match &mapping.amount {
                AmountColumns::Signed { column } => Amount::Signed(find(column)?),
                AmountColumns::DebitCredit { debit, credit } => {
                    Amount::DebitCredit(find(debit)?, find(credit)?)
                }
                AmountColumns::Indicator {
                    column,
                    indicator,
                    debit_values,
                    credit_values,
                } => Amount::Indicator(
                    find(column)?,
                    find(indicator)?,
                    debit_values.clone(),
                    credit_values.clone(),
                ),
            },
            currency: match &mapping.currency {
                CurrencySource::Column { column } => Ok(find(column)?),
                CurrencySource::Fixed { currency } => Err(*currency),
            },
            name: optional(&mapping.name)?,
            iban: optional(&mapping.iban)?,
            reference: optional(&mapping.reference)?,
            remittance: mapping
                .remittance
                .iter()
                .map(|c| find(c))
                .collect::<Result<_>>()?,
            entry_id: optional(&mapping.entry_id)?,
            headers,
        })
    }

    fn header_of(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.headers.get(c))
            .map_or("", String::as_str)
    }

    fn entry(
        &self,
        file: &str,
        row: &Row,
        mapping: &CsvMapping,
        separator: DecimalSeparator,
        dates: &DateFormat,
    ) -> Result<StatementEntry> {
        let error = |column: usize, reason: &str| {
            file_error(file, row.line, self.header_of(Some(column)), reason)
        };
        let date = |column: usize| {
            let text = row.get(Some(column));
            dates.parse(text).ok_or_else(|| {
                error(
                    column,
                    &format!("'{text}' is not a date as {}", dates.shown()),
                )
            })
        };
        let amount = |column: usize| -> Result<Option<Decimal>> {
            let text = row.get(Some(column));
            if text.is_empty() {
                return Ok(None);
            }
            values::parse_amount(text, separator)
                .map(Some)
                .ok_or_else(|| error(column, &format!("'{text}' is not an amount")))
        };
        let booking_date = date(self.booking_date)?;
        let value_date = match self.value_date {
            Some(c) if !row.get(Some(c)).is_empty() => date(c)?,
            _ => booking_date,
        };
        let value = match &self.amount {
            Amount::Signed(c) => amount(*c)?.ok_or_else(|| error(*c, "the amount is empty"))?,
            Amount::DebitCredit(debit, credit) => match (amount(*debit)?, amount(*credit)?) {
                (None, None) => {
                    return Err(error(*debit, "neither a debit nor a credit amount"));
                }
                (d, c) => c.unwrap_or_default().abs() - d.unwrap_or_default().abs(),
            },
            Amount::Indicator(c, indicator, debit_values, credit_values) => {
                let value = amount(*c)?
                    .ok_or_else(|| error(*c, "the amount is empty"))?
                    .abs();
                let mark = row.get(Some(*indicator));
                let is = |values: &[String]| values.iter().any(|v| v.eq_ignore_ascii_case(mark));
                if is(debit_values) {
                    -value
                } else if is(credit_values) {
                    value
                } else {
                    return Err(error(
                        *indicator,
                        &format!(
                            "'{mark}' is neither a debit ({}) nor a credit ({})",
                            debit_values.join("/"),
                            credit_values.join("/")
                        ),
                    ));
                }
            }
        };
        let value = if mapping.invert_sign { -value } else { value };
        let currency = match self.currency {
            Err(fixed) => fixed,
            Ok(c) => {
                let text = row.get(Some(c));
                Currency::parse(text)
                    .map_err(|_| error(c, &format!("'{text}' is not a currency code")))?
            }
        };
        let remittance: Vec<&str> = self.remittance.iter().map(|&c| row.get(Some(c))).collect();
        let entry = match self.entry_id {
            Some(c) if !row.get(Some(c)).is_empty() => row.get(Some(c)).to_string(),
            _ => format!("line {}", row.line),
        };
        Ok(StatementEntry {
            entry,
            booking_date,
            value_date,
            amount: Money::new(value, currency),
            name: row.get(self.name).to_string(),
            iban: row
                .get(self.iban)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase(),
            reference: row.get(self.reference).to_string(),
            remittance: remittance
                .iter()
                .flat_map(|t| t.split_whitespace())
                .collect::<Vec<_>>()
                .join(" "),
            end_to_end: String::new(),
            reversal: false,
            transaction_code: String::new(),
        })
    }
}
#[cfg(test)]
mod tests {
    use super::super::{StatementFormat, detect as format_of};
    use super::*;

    /// Every sample file of the CODA and CSV folders is detected as its format.
    #[test]
    fn every_sample_is_detected_as_its_format() {
        for (folder, format) in [
            ("coda", StatementFormat::Coda),
            ("csv", StatementFormat::Csv),
        ] {
            let dir = format!(
                "{}/../shared/data/bank/{folder}",
                env!("CARGO_MANIFEST_DIR")
            );
            let mut count = 0;
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                assert_eq!(format_of(&bytes), Some(format), "{}", path.display());
                count += 1;
            }
            assert!(count >= 3, "samples missing in {dir}");
        }
    }

    #[test]
    fn looks_like_wants_a_separator_and_no_other_format() {
        assert!(looks_like("Date;Amount\n01/02/2026;12,50\n"));
        assert!(looks_like("Bank code : 1\nDate,Amount\n"));
        assert!(!looks_like("just some text\nwithout separators\n"));
        assert!(!looks_like("<?xml version=\"1.0\"?><Document/>"));
        assert!(!looks_like(":20:STATEMENT\n:25:NL91,ABNA\n"));
        assert!(!looks_like("00000111017725,05"));
        assert!(!looks_like("a,b\0c"));
    }

    #[test]
    fn a_mapping_round_trips_as_json() {
        let mapping = detect("t.csv", b"Datum;Bedrag;Omschrijving\n01-02-2026;-12,50;x\n").unwrap();
        let json = serde_json::to_string(&mapping).unwrap();
        assert_eq!(serde_json::from_str::<CsvMapping>(&json).unwrap(), mapping);
        assert_eq!(mapping.delimiter, ';');
        assert_eq!(mapping.decimal_separator, DecimalMark::Comma);
        assert_eq!(mapping.date_format, "%d-%m-%Y");
    }
}
