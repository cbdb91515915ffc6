//! (being written)
use super::StatementFile;
use crate::error::Result;

/// Which columns of a bank's CSV export hold what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CsvMapping {}

pub fn parse(file: &str, _bytes: &[u8], _mapping: &CsvMapping) -> Result<StatementFile> {
    Err(super::file_error(
        file,
        0,
        "",
        "CSV statements are not read yet",
    ))
}

pub fn detect(file: &str, _bytes: &[u8]) -> Result<CsvMapping> {
    Err(super::file_error(
        file,
        0,
        "",
        "CSV statements are not read yet",
    ))
}

pub fn looks_like(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| l.contains(',') || l.contains(';'))
}
