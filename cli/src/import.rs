use std::path::PathBuf;

use creditdesk::Result;
use creditdesk::import::{self, ImportKind, ImportOptions, ImportPhase};

use crate::database::{Target, runtime};
use crate::output::say;
use crate::{output, progress};

#[derive(clap::Args)]
pub struct Args {
    /// What the file holds
    #[arg(value_enum)]
    kind: Kind,
    /// A CSV or XLSX file; for a statement, a camt.05x, MT940, CODA or bank CSV file
    file: PathBuf,
    /// Columns for fields the headers do not name: field=column,field=column
    #[arg(long, value_name = "FIELD=COLUMN,...")]
    map: Option<String>,
    /// The file's date pattern, strftime style (e.g. %m/%d/%Y) [default: detected]
    #[arg(long, value_name = "FMT")]
    date_format: Option<String>,
    /// Create customers that invoices name but the database lacks (ERP history exports)
    #[arg(long)]
    create_customers: bool,
    /// For a bank CSV statement: its layout as JSON, remembered for the next file laid out the same way [default: remembered or found from the header]
    #[arg(long, value_name = "FILE.json")]
    csv_mapping: Option<PathBuf>,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Customers,
    Invoices,
    Payments,
    /// A bank statement: its new entries wait for `creditdesk reconcile`
    Statement,
}

pub fn run(target: &Target, args: Args) -> Result<()> {
    let kind = match args.kind {
        Kind::Statement => return statement(target, args),
        Kind::Customers => ImportKind::Customers,
        Kind::Invoices => ImportKind::Invoices,
        Kind::Payments => ImportKind::Payments,
    };
    let options = ImportOptions {
        mapping: args
            .map
            .as_deref()
            .map(import::parse_mapping)
            .transpose()?
            .unwrap_or_default(),
        date_format: args.date_format,
        create_missing_customers: args.create_customers,
    };
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let bar = progress::bar("reading");
    let mut on_progress = |p: import::ImportProgress| {
        bar.set_message(match p.phase {
            ImportPhase::Reading => "reading",
            ImportPhase::Checking => "checking",
            ImportPhase::Writing => "writing",
        });
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    };
    let result = rt.block_on(import::import_file(
        &store,
        kind,
        &args.file,
        &options,
        &mut on_progress,
    ));
    bar.finish_and_clear();
    rt.block_on(store.close());
    let report = result?;
    if args.json {
        return output::json(&report);
    }
    if report.mapping_reused {
        eprintln!("using the column mapping remembered for files laid out like this one");
    }
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    let columns: Vec<String> = report
        .columns
        .iter()
        .map(|(field, header)| format!("{field}←{header}"))
        .collect();
    eprintln!("columns: {}", columns.join(", "));
    say!(
        "{}: {} rows, {} created, {} updated{}{}",
        report.file,
        report.rows,
        report.created,
        report.updated,
        if report.customers_created > 0 {
            format!(", {} customers created", report.customers_created)
        } else {
            String::new()
        },
        if report.payments_recorded > 0 {
            format!(", {} settlements recorded", report.payments_recorded)
        } else {
            String::new()
        },
    );
    Ok(())
}

fn statement(target: &Target, args: Args) -> Result<()> {
    let (name, bytes) = crate::statement::read(&args.file)?;
    let mapping = crate::statement::csv_mapping(args.csv_mapping.as_ref())?;
    let rt = runtime()?;
    let store = target.open(&rt)?;
    let result = rt.block_on(creditdesk::bank::import_statement(
        &store,
        &name,
        &bytes,
        mapping.as_ref(),
        crate::today(),
    ));
    rt.block_on(store.close());
    let report = result?;
    if args.json {
        return output::json(&report);
    }
    say!(
        "{name}: {} — {} statement(s), {} entries: {} added, {} already imported",
        report.format.code(),
        report.statements,
        report.entries,
        report.added,
        report.already_there
    );
    Ok(())
}
