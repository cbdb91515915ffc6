//! The one error type of the core.
//!
//! Every failure carries an [`ErrorCode`] from a closed set, so a UI or a script can switch on
//! the code and never has to match message strings. The message is written for the user.

use std::fmt;

/// The closed set of error codes that cross every boundary (IPC, CLI JSON, exit status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The database key does not open this file.
    WrongKey,
    /// The database file or a file to read does not exist.
    NotFound,
    /// A value given by the user is not acceptable (bad number, bad date, unknown option).
    InvalidInput,
    /// A file to import holds a bad row; the message names file, line and column.
    ImportFailed,
    /// The OS keychain refused or is unavailable.
    Keychain,
    /// The action conflicts with existing data (e.g. a database already exists).
    Conflict,
    /// Amounts in different currencies were combined.
    CurrencyMismatch,
    /// The database or the file system failed.
    Storage,
    /// A bug: something the core assumed did not hold.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::WrongKey => "wrong_key",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::ImportFailed => "import_failed",
            ErrorCode::Keychain => "keychain",
            ErrorCode::Conflict => "conflict",
            ErrorCode::CurrencyMismatch => "currency_mismatch",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error of the core: a code to switch on and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// For `import_failed`: each problem found in the file, where it is and why, so a screen
    /// can list them all. Empty for every other error.
    pub problems: Vec<Problem>,
}

/// One thing wrong in a file: its line (0 when the whole file is concerned), the column as
/// headed in the file (empty when the whole line is concerned), and the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub line: u64,
    pub column: String,
    pub reason: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            problems: Vec::new(),
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        if is_not_a_database(&e) {
            return wrong_key();
        }
        Error::storage(format!("database error: {e}"))
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        match e {
            sqlx::migrate::MigrateError::Execute(inner) => inner.into(),
            other => Error::storage(format!("database migration failed: {other}")),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::not_found(e.to_string()),
            _ => Error::storage(e.to_string()),
        }
    }
}

/// The error every wrong-key path returns, so the message is the same wherever it is detected.
pub fn wrong_key() -> Error {
    Error::new(
        ErrorCode::WrongKey,
        "This key does not open the database: it is the wrong key, or the file is not a Creditdesk database. Nothing was changed.",
    )
}

/// SQLCipher reports a wrong key as SQLite's SQLITE_NOTADB (26), "file is not a database".
fn is_not_a_database(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            db.code().as_deref() == Some("26") || db.message().contains("file is not a database")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_snake_case_strings() {
        let all = [
            ErrorCode::WrongKey,
            ErrorCode::NotFound,
            ErrorCode::InvalidInput,
            ErrorCode::ImportFailed,
            ErrorCode::Keychain,
            ErrorCode::Conflict,
            ErrorCode::CurrencyMismatch,
            ErrorCode::Storage,
            ErrorCode::Internal,
        ];
        for code in all {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
