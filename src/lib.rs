//! Creditdesk's core: every rule of the product lives here.
//!
//! The core knows nothing of Tauri, of a UI or of a terminal; the desktop shell (`src-tauri/`)
//! and the command-line tool (`cli/`) only translate and call. See ARCHITECTURE.md.

pub mod backup;
pub mod bank;
pub mod collections;
pub mod demo;
pub mod domain;
pub mod error;
pub mod forecast;
pub mod import;
pub mod interest;
pub mod keys;
pub mod kpi;
pub mod letters;
pub mod mail;
pub mod money;
pub mod portfolio;
pub mod reconcile;
pub mod session;
pub mod store;

pub use error::{Error, ErrorCode, Result};
pub use money::{Currency, Money};
