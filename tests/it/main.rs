//! The core's integration tests: one binary, one module per feature.

mod util;

mod dunning;
mod import;
mod interest;
mod keychain;
mod letters;
mod mail;
mod portfolio;
mod reconcile_engine;
mod store;
mod timeline;
