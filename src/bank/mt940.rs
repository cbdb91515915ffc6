//! (being written)
use super::StatementFile;
use crate::error::Result;

pub fn parse(file: &str, _bytes: &[u8]) -> Result<StatementFile> {
    Err(super::file_error(
        file,
        0,
        "",
        "mt940 statements are not read yet",
    ))
}

/// Whether the text starts like an MT940 file.
pub fn looks_like(text: &str) -> bool {
    text.starts_with(":20:") || text.starts_with("{1:")
}
