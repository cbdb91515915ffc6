//! Bank statements: the files banks send (ISO 20022 camt.052/053/054, SWIFT MT940, Belgian
//! CODA, bank CSV through a mapping), read into one shape, `Statement`.
//!
//! The format is detected from the content, never from the file name. A parser reads the whole
//! file or refuses it: a refused file's error names the file, the line and the field.

pub mod camt;
pub mod coda;
pub mod csv_mapping;
mod fields;
pub mod import;
pub mod mt940;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;

pub use csv_mapping::CsvMapping;
pub use import::{StatementImport, import_statement};

/// The formats a statement can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementFormat {
    /// camt.052: the account report (intraday).
    Camt052,
    /// camt.053: the end-of-day statement.
    Camt053,
    /// camt.054: debit/credit notifications.
    Camt054,
    Mt940,
    Coda,
    Csv,
}

impl StatementFormat {
    pub fn code(self) -> &'static str {
        match self {
            StatementFormat::Camt052 => "camt052",
            StatementFormat::Camt053 => "camt053",
            StatementFormat::Camt054 => "camt054",
            StatementFormat::Mt940 => "mt940",
            StatementFormat::Coda => "coda",
            StatementFormat::Csv => "csv",
        }
    }
}

/// A balance the bank reports (opening, closing, available, …), signed: negative is a debit
/// balance.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Balance {
    /// The bank's code for the kind of balance: camt `OPBD`/`CLBD`/…, MT940 `60F`/`62F`/…,
    /// CODA `old`/`new`.
    pub kind: String,
    pub date: NaiveDate,
    pub amount: Money,
}

/// One statement (report, notification) of one account. A file may hold several.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    /// The bank's identifier of the statement (camt `Stmt/Id`, MT940 `:20:`/`:28C:`, CODA
    /// sequence number); empty when the file gives none.
    pub id: String,
    /// The account's IBAN, or its other identifier (MT940 `:25:`, CODA account number).
    pub account: String,
    pub balances: Vec<Balance>,
    pub entries: Vec<StatementEntry>,
}

/// One movement on the account, as the bank reported it. A batch entry (several transactions
/// booked as one amount) is split into one `StatementEntry` per transaction when the file
/// details them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementEntry {
    /// The bank's own reference of this entry (camt `AcctSvcrRef`, MT940 `:61:` bank reference,
    /// …), made unique within the file: a transaction of a batch entry gets `/<n>` appended, and
    /// an entry the bank gave no reference gets `<statement id>/<n>` (its position). Importing
    /// the same file twice is recognised by it.
    pub entry: String,
    pub booking_date: NaiveDate,
    pub value_date: NaiveDate,
    /// Signed: positive is money in (a credit), negative money out.
    pub amount: Money,
    /// The other party: the debtor of a credit, the creditor of a debit.
    pub name: String,
    /// The other party's IBAN (or account number), spaces removed, upper case.
    pub iban: String,
    /// The structured creditor reference (ISO 11649 RF, Belgian OGM `+++123/4567/89012+++`),
    /// as given; empty when there is none.
    pub reference: String,
    /// The unstructured remittance information, joined with single spaces.
    pub remittance: String,
    /// The end-to-end identifier the payer gave (SEPA `EREF`), if any (`NOTPROVIDED` dropped).
    pub end_to_end: String,
    /// The entry reverses an earlier one (camt `RvslInd`, MT940 `RC`/`RD`).
    pub reversal: bool,
    /// The bank's transaction code (camt `BkTxCd` domain/family/sub-family, MT940 `:61:` type,
    /// CODA transaction code), for display.
    pub transaction_code: String,
}

/// A parsed file: its format and the statements in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementFile {
    pub format: StatementFormat,
    pub statements: Vec<Statement>,
}

impl StatementFile {
    /// Every entry of every statement, in file order, with the account it is on.
    pub fn entries(&self) -> impl Iterator<Item = (&Statement, &StatementEntry)> {
        self.statements
            .iter()
            .flat_map(|s| s.entries.iter().map(move |e| (s, e)))
    }
}

/// Reads a statement file of any supported format, detected from its content. `file` names it
/// in errors. A CSV file needs `mapping` (see `csv_mapping::detect` for one found from the
/// header); the other formats ignore it.
pub fn parse(file: &str, bytes: &[u8], mapping: Option<&CsvMapping>) -> Result<StatementFile> {
    match detect(bytes) {
        Some(StatementFormat::Camt052 | StatementFormat::Camt053 | StatementFormat::Camt054) => {
            camt::parse(file, bytes)
        }
        Some(StatementFormat::Mt940) => mt940::parse(file, bytes),
        Some(StatementFormat::Coda) => coda::parse(file, bytes),
        Some(StatementFormat::Csv) => match mapping {
            Some(mapping) => csv_mapping::parse(file, bytes, mapping),
            None => {
                let mapping = csv_mapping::detect(file, bytes)?;
                csv_mapping::parse(file, bytes, &mapping)
            }
        },
        None => Err(crate::import::table::import_error(
            file,
            0,
            "",
            "not a bank statement Creditdesk can read (camt.052/053/054, MT940, CODA or CSV)",
        )),
    }
}

/// The format of a file, from its first bytes: XML with a camt namespace or root; MT940's
/// `:20:` tag (after an optional SWIFT header block); CODA's 128-character header record `0…`;
/// otherwise text with a separator on its first lines is taken as CSV.
pub fn detect(bytes: &[u8]) -> Option<StatementFormat> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let text = head.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        return [
            ("camt.052", StatementFormat::Camt052),
            ("camt.053", StatementFormat::Camt053),
            ("camt.054", StatementFormat::Camt054),
            ("BkToCstmrAcctRpt", StatementFormat::Camt052),
            ("BkToCstmrStmt", StatementFormat::Camt053),
            ("BkToCstmrDbtCdtNtfctn", StatementFormat::Camt054),
        ]
        .into_iter()
        .find(|(marker, _)| text.contains(marker))
        .map(|(_, format)| format);
    }
    if mt940::looks_like(text) {
        return Some(StatementFormat::Mt940);
    }
    if coda::looks_like(bytes) {
        return Some(StatementFormat::Coda);
    }
    if csv_mapping::looks_like(text) {
        return Some(StatementFormat::Csv);
    }
    None
}

/// An error about a value in a statement file.
pub(crate) fn file_error(file: &str, line: u64, field: &str, reason: &str) -> Error {
    crate::import::table::import_error(file, line, field, reason)
}
