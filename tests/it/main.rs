//! The core's integration tests: one binary, one module per feature.

mod util;

mod bank_camt;
mod bank_coda;
mod bank_csv;
mod bank_mt940;
mod dunning;
mod forecast;
mod import;
mod interest;
mod keychain;
mod kpi;
mod letters;
mod mail;
mod portfolio;
mod reconcile;
mod reconcile_engine;
mod store;
mod timeline;
