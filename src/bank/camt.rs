//! (being written)
use super::StatementFile;
use crate::error::Result;

pub fn parse(file: &str, _bytes: &[u8]) -> Result<StatementFile> {
    Err(super::file_error(
        file,
        0,
        "",
        "camt statements are not read yet",
    ))
}
