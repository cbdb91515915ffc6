//! Tauri commands by area. Each is one call into `creditdesk_ipc::App`; "today" is read from
//! the clock here, at the edge, and passed in.

pub mod collections;
pub mod customer;
pub mod forecast;
pub mod import;
pub mod interest;
pub mod kpi;
pub mod mail;
pub mod portfolio;
pub mod reconcile;
pub mod session;
pub mod settings;

use chrono::NaiveDate;
use creditdesk_ipc::ApiResult;

/// Today, from the clock: read here, at the edge, only.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The day asked about, or today.
fn as_of(text: Option<String>) -> ApiResult<NaiveDate> {
    creditdesk_ipc::app::as_of(text.as_deref(), today())
}
