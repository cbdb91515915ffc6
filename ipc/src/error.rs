//! The one error that crosses the IPC: `{code, message}`, the code from a closed set the UI
//! switches on (never the message).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApiErrorCode {
    WrongKey,
    NotFound,
    InvalidInput,
    ImportFailed,
    Keychain,
    Conflict,
    CurrencyMismatch,
    Storage,
    Internal,
    /// The command needs an open database and none is open (first start, or locked).
    NotReady,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn not_ready() -> ApiError {
        ApiError {
            code: ApiErrorCode::NotReady,
            message: "no database is open".into(),
        }
    }
}

impl From<creditdesk::Error> for ApiError {
    fn from(e: creditdesk::Error) -> Self {
        use creditdesk::ErrorCode as C;
        let code = match e.code {
            C::WrongKey => ApiErrorCode::WrongKey,
            C::NotFound => ApiErrorCode::NotFound,
            C::InvalidInput => ApiErrorCode::InvalidInput,
            C::ImportFailed => ApiErrorCode::ImportFailed,
            C::Keychain => ApiErrorCode::Keychain,
            C::Conflict => ApiErrorCode::Conflict,
            C::CurrencyMismatch => ApiErrorCode::CurrencyMismatch,
            C::Storage => ApiErrorCode::Storage,
            C::Internal => ApiErrorCode::Internal,
        };
        ApiError {
            code,
            message: e.message,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_crosses_as_code_and_message() {
        let e: ApiError =
            creditdesk::Error::new(creditdesk::ErrorCode::WrongKey, "wrong key").into();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"wrong_key","message":"wrong key"}"#
        );
        assert_eq!(
            serde_json::to_string(&ApiError::not_ready()).unwrap(),
            r#"{"code":"not_ready","message":"no database is open"}"#
        );
    }
}
