//! `creditdesk`: the Creditdesk core, headless, for batch runs, scripting and measurement.
//!
//! Thin by design: each subcommand module parses nothing and decides nothing; it calls the core
//! and prints. Errors go to stderr with a non-zero exit code.

mod backtest;
mod customer;
mod customers;
mod database;
mod demo;
mod dunning;
mod forecast;
mod import;
mod init;
mod interest;
mod kpi;
mod letters;
mod outbox;
mod output;
mod progress;
mod reconcile;
mod smtp;
mod statement;
mod status;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "creditdesk",
    version,
    about = "Creditdesk: receivables, collections and cash forecast"
)]
struct Cli {
    /// The database file [default: creditdesk.db in the OS's data directory]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Take the database key (64 hex digits) from this environment variable instead of the keychain
    #[arg(
        long,
        global = true,
        value_name = "VAR",
        conflicts_with = "passphrase_env"
    )]
    key_env: Option<String>,
    /// Derive the database key from the passphrase in this environment variable (no keychain)
    #[arg(long, global = true, value_name = "VAR")]
    passphrase_env: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty encrypted database
    Init(init::Args),
    /// Create a new database filled with a realistic demo company
    Demo(demo::Args),
    /// Counts: customers, invoices, open invoices, payments, bank entries
    Status(status::Args),
    /// The portfolio: every customer with balance and overdue
    Customers(customers::Args),
    /// One customer: details, contacts, open items and timeline
    Customer(customer::Args),
    /// Import customers, invoices or payments (CSV or XLSX), or a bank statement
    Import(import::Args),
    /// Read a bank statement (camt.05x, MT940, CODA, CSV) and show its entries, importing nothing
    Statement(statement::Args),
    /// Match the bank entries waiting against the open items
    Reconcile(reconcile::Args),
    /// Receivables KPIs as of a day: DSO (countback, standard), best possible DSO, ADD, CEI, ageing
    Kpi(kpi::Args),
    /// The cash-in forecast: each open invoice's expected payment date, and 13 weeks with bands
    Forecast(forecast::Args),
    /// How far off the forecast was, replayed as of a past day, next to naive predictors
    Backtest(backtest::Args),
    /// The dunning worklist: every action due, grouped by customer
    Dunning(dunning::Args),
    /// Render the letters due (one PDF each, plus one with all of them to print)
    Letters(letters::Args),
    /// Legal late-payment interest and compensation on one debt, by the creditor's country
    Interest(interest::Args),
    /// E-mails waiting to be sent (`outbox send`: send what is due now)
    Outbox(outbox::Args),
    /// The SMTP server the outbox sends through (`smtp set ...`)
    Smtp(smtp::Args),
}

/// "Today" for commands that take `--as-of`: read from the clock here, at the edge, and
/// passed into the core.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let explicit_db = cli.db.is_some();
    let target = database::Target::from_cli(cli.db, cli.key_env, cli.passphrase_env);
    let result = match target {
        Ok(target) => match cli.command {
            Command::Init(args) => init::run(&target, args),
            Command::Demo(args) => demo::run(&target, args),
            Command::Status(args) => status::run(&target, args),
            Command::Customers(args) => customers::run(&target, args),
            Command::Customer(args) => customer::run(&target, args),
            Command::Import(args) => import::run(&target, args),
            Command::Statement(args) => statement::run(args),
            Command::Reconcile(args) => reconcile::run(&target, args),
            Command::Kpi(args) => kpi::run(&target, args),
            Command::Forecast(args) => forecast::run(&target, args),
            Command::Backtest(args) => backtest::run(&target, args),
            Command::Dunning(args) => dunning::run(&target, args),
            Command::Letters(args) => letters::run(&target, args),
            Command::Interest(args) => interest::run(&target, explicit_db, today(), args),
            Command::Outbox(args) => outbox::run(&target, args),
            Command::Smtp(args) => smtp::run(&target, args),
        },
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("creditdesk: {} [{}]", e.message, e.code);
            ExitCode::FAILURE
        }
    }
}
