//! The core's integration tests: one binary, one module per feature.

mod util;

mod import;
mod keychain;
mod mail;
mod portfolio;
mod store;
mod timeline;
