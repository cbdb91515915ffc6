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

/// Reads `bytes` (the file `file_name`) and adds its new entries. A CSV file is read with
/// `mapping`, else with the layout found from its header.
pub async fn import_statement(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    mapping: Option<&CsvMapping>,
    today: NaiveDate,
) -> Result<StatementImport> {
    let file = parse(file_name, bytes, mapping)?;
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
