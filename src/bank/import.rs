//! A statement file into the store: read whole, checked whole, written in one transaction.
//! Entries already imported (the same account and bank reference) are left as they are, so
//! importing the same statement twice adds nothing.

use chrono::NaiveDate;

use crate::error::Result;
use crate::store::Store;

use super::{CsvMapping, StatementFormat, file_error, parse};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementImport {
    pub format: StatementFormat,
    pub statements: usize,
    pub entries: usize,
    pub added: usize,
    /// Entries that were already in the database.
    pub already_there: usize,
}

/// The kind under which CSV statement layouts are remembered in `import_mappings`.
const MAPPING_KIND: &str = "bank_csv";
/// The one pair a layout is stored as: the mapping, as JSON (which holds no tab or newline).
const MAPPING_FIELD: &str = "csv_mapping";
/// How far down a file its header line is looked for among remembered layouts.
const HEADER_SEARCH_LINES: usize = 30;

/// The mapping remembered for a CSV file laid out like `bytes`: the first of its lines that is
/// the header line of a layout the user gave before.
async fn remembered(store: &Store, bytes: &[u8]) -> Result<Option<CsvMapping>> {
    let text = String::from_utf8_lossy(bytes);
    for line in text.lines().take(HEADER_SEARCH_LINES) {
        let Some(pairs) = store.saved_mapping(MAPPING_KIND, line.trim()).await? else {
            continue;
        };
        if let Some((_, json)) = pairs.iter().find(|(field, _)| field == MAPPING_FIELD)
            && let Ok(mapping) = serde_json::from_str::<CsvMapping>(json)
        {
            return Ok(Some(mapping));
        }
    }
    Ok(None)
}

/// The header line `mapping` reads the file by.
fn header_line(bytes: &[u8], mapping: &CsvMapping) -> Option<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .nth(mapping.header_line)
        .map(|l| l.trim().to_string())
}

/// Reads `bytes` (the file `file_name`) and adds its new entries. A CSV file is read with
/// `mapping` when given (and the layout is remembered for the next file like it), else with
/// the layout remembered for its header line, else with the layout found from its header.
pub async fn import_statement(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&CsvMapping>,
    today: NaiveDate,
) -> Result<StatementImport> {
    let is_csv = super::detect(bytes) == Some(StatementFormat::Csv);
    let saved = match (is_csv, mapping) {
        (true, None) => remembered(store, bytes).await?,
        _ => None,
    };
    let file = parse(file_name, bytes, mapping.or(saved.as_ref()))?;
    // Every amount must be storable exactly before anything is written.
    for (statement, entry) in file.entries() {
        if entry.amount.to_minor().is_err() {
            return Err(file_error(
                file_name,
                0,
                "amount",
                &format!(
                    "entry {} of statement {} has {} — more decimals than {} has",
                    entry.entry,
                    statement.id,
                    entry.amount.amount,
                    entry.amount.currency.code()
                ),
            ));
        }
    }
    let mut writer = store.writer().await?;
    if let (true, Some(mapping)) = (is_csv, mapping)
        && let Some(header) = header_line(bytes, mapping)
    {
        let json =
            serde_json::to_string(mapping).map_err(|e| crate::Error::internal(e.to_string()))?;
        writer
            .save_mapping(MAPPING_KIND, &header, &[(MAPPING_FIELD.to_string(), json)])
            .await?;
    }
    let mut done = StatementImport {
        format: file.format,
        statements: file.statements.len(),
        entries: 0,
        added: 0,
        already_there: 0,
    };
    for statement in &file.statements {
        let written = writer
            .write_statement(file_name, file.format, statement, today)
            .await?;
        done.entries += statement.entries.len();
        done.added += written.added;
        done.already_there += written.already_there;
    }
    writer.commit().await?;
    Ok(done)
}
