//! The IPC boundary of Creditdesk: the transport types that cross between the desktop shell
//! and its UI (with their TypeScript bindings, generated into `ui/src/api/bindings/` by
//! `cargo test -p creditdesk-ipc`), the one error type `{code, message}`, and the command
//! bodies. No Tauri here: the shell wraps each body in a one-line command.

pub mod app;
pub mod collections_types;
pub mod error;
pub mod forecast_types;
pub mod import_types;
pub mod interest_types;
pub mod kpi_types;
pub mod mail_types;
pub mod reconcile_types;
pub mod types;

pub use app::App;
pub use error::{ApiError, ApiErrorCode, ApiResult};
