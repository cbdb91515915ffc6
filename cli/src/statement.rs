//! `creditdesk statement FILE`: a bank statement read and shown, nothing imported.

use std::path::PathBuf;

use creditdesk::bank::{self, StatementEntry};
use creditdesk::{Error, Result};
use serde::Serialize;

use crate::output::{self, say};

#[derive(clap::Args)]
pub struct Args {
    /// A camt.052/053/054, MT940, CODA or bank CSV file
    file: PathBuf,
    /// For a bank CSV: its layout as JSON (delimiter, date format, columns; see `bank::CsvMapping`) [default: found from the header]
    #[arg(long, value_name = "FILE.json")]
    csv_mapping: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

/// One entry as the CLI contract shows it (DESIGN §9).
#[derive(Serialize)]
struct EntryJson<'a> {
    entry: &'a str,
    booking_date: chrono::NaiveDate,
    value_date: chrono::NaiveDate,
    amount: String,
    currency: &'a str,
    name: &'a str,
    iban: &'a str,
    reference: &'a str,
    remittance: &'a str,
    end_to_end: &'a str,
    reversal: bool,
    transaction_code: &'a str,
    account: &'a str,
    statement: &'a str,
}

pub fn read(file: &PathBuf) -> Result<(String, Vec<u8>)> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file)
        .map_err(|e| Error::invalid(format!("{name}: cannot read the file: {e}")))?;
    Ok((name, bytes))
}

/// The CSV layout in the JSON file at `path`.
pub fn csv_mapping(path: Option<&PathBuf>) -> Result<Option<bank::CsvMapping>> {
    let Some(path) = path else { return Ok(None) };
    let (name, bytes) = read(path)?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| Error::invalid(format!("{name}: not a CSV layout: {e}")))
}

pub fn run(args: Args) -> Result<()> {
    let (name, bytes) = read(&args.file)?;
    let mapping = csv_mapping(args.csv_mapping.as_ref())?;
    let parsed = bank::parse(&name, &bytes, mapping.as_ref())?;
    let entries: Vec<EntryJson> = parsed
        .entries()
        .map(|(s, e): (_, &StatementEntry)| EntryJson {
            entry: &e.entry,
            booking_date: e.booking_date,
            value_date: e.value_date,
            amount: e.amount.amount_text(),
            currency: e.amount.currency.code(),
            name: &e.name,
            iban: &e.iban,
            reference: &e.reference,
            remittance: &e.remittance,
            end_to_end: &e.end_to_end,
            reversal: e.reversal,
            transaction_code: &e.transaction_code,
            account: &s.account,
            statement: &s.id,
        })
        .collect();
    if args.json {
        return output::json(&entries);
    }
    say!(
        "{name}: {} ({} statement(s), {} entries)",
        parsed.format.code(),
        parsed.statements.len(),
        entries.len()
    );
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.booking_date.to_string(),
                format!("{} {}", e.amount, e.currency),
                e.name.to_string(),
                if e.reference.is_empty() {
                    e.remittance.to_string()
                } else {
                    e.reference.to_string()
                },
                e.entry.to_string(),
            ]
        })
        .collect();
    output::table(
        &["booked", "amount", "name", "reference / text", "entry"],
        &[false, true, false, false, false],
        &rows,
    );
    Ok(())
}
