//! (being written)
use super::StatementFile;
use crate::error::Result;

pub fn parse(file: &str, _bytes: &[u8]) -> Result<StatementFile> {
    Err(super::file_error(
        file,
        0,
        "",
        "CODA statements are not read yet",
    ))
}

/// Whether the bytes start like a CODA file: a header record `0000…` of 128 characters.
pub fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"0000")
}
