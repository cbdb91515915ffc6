//! Import of ERP exports (DESIGN §5): customers, invoices and payment history from CSV or
//! XLSX, with canonical headers, aliases and a user mapping.
//!
//! A file is read and checked whole before anything is written, then written in one
//! transaction: a bad row stops the import with file, line, column and reason, and the
//! database is as it was. Re-importing a file updates by number and never duplicates.

mod columns;
mod customers;
mod invoices;
mod payments;
mod problems;
pub(crate) mod table;
pub(crate) mod values;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::{Currency, Money};
use crate::store::Store;

pub use columns::{CUSTOMER_FIELDS, Field, INVOICE_FIELDS, PAYMENT_FIELDS, parse_mapping};
pub use table::{Table, read_table};
pub use values::{DateFormat, DecimalSeparator};

use columns::Columns;
use problems::Problems;
use table::{Record, import_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Customers,
    Invoices,
    Payments,
}

impl ImportKind {
    pub fn code(&self) -> &'static str {
        match self {
            ImportKind::Customers => "customers",
            ImportKind::Invoices => "invoices",
            ImportKind::Payments => "payments",
        }
    }

    pub fn fields(&self) -> &'static [Field] {
        match self {
            ImportKind::Customers => CUSTOMER_FIELDS,
            ImportKind::Invoices => INVOICE_FIELDS,
            ImportKind::Payments => PAYMENT_FIELDS,
        }
    }

    /// The fields holding dates, whose format is detected over the whole file.
    fn date_fields(&self) -> &'static [&'static str] {
        match self {
            ImportKind::Customers => &[],
            ImportKind::Invoices => &["issue_date", "due_date", "paid_date"],
            ImportKind::Payments => &["payment_date"],
        }
    }

    /// The fields holding amounts, whose decimal separator is detected over the whole file.
    fn amount_fields(&self) -> &'static [&'static str] {
        match self {
            ImportKind::Customers => &["credit_limit"],
            ImportKind::Invoices => &["amount", "open_amount", "paid_amount"],
            ImportKind::Payments => &["amount"],
        }
    }
}

/// What the user tells the import beyond the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// `(field, column header)` pairs that override header detection.
    pub mapping: Vec<(String, String)>,
    /// strftime-style date pattern, e.g. `%m/%d/%Y`; detected when absent.
    pub date_format: Option<String>,
    /// Invoices of customers not in the database create them (named by their number) instead
    /// of stopping the import: for ERP history exports that carry no customer list.
    pub create_missing_customers: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Reading,
    Checking,
    Writing,
}

/// Where a running import is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: usize,
    pub total: usize,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub kind: ImportKind,
    pub file: String,
    /// Data rows read from the file.
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    /// Customers created because invoices named them (with `create_missing_customers`).
    pub customers_created: usize,
    /// Settlements recorded (payment rows, or invoices carrying a paid date).
    pub payments_recorded: usize,
    /// Which column was read for which field.
    pub columns: Vec<(String, String)>,
    /// The mapping applied was the one remembered for this layout of file.
    pub mapping_reused: bool,
    /// The date pattern used, if the file has dates.
    pub date_format: Option<String>,
    pub warnings: Vec<String>,
}

/// Rows written per step between two progress reports.
const WRITE_CHUNK: usize = 5_000;

/// Imports one file into the store, all or nothing.
pub async fn import_file(
    store: &Store,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ImportReport> {
    progress(ImportProgress {
        phase: ImportPhase::Reading,
        done: 0,
        total: 0,
    });
    let table = read_table(path)?;
    let base_currency = store.company().await?.base_currency;
    // A mapping given now is remembered for this layout of file; without one, the mapping
    // remembered for it (if any) applies.
    let source = layout(&table);
    let mut options = options.clone();
    let reused = options.mapping.is_empty();
    if reused && let Some(saved) = store.saved_mapping(kind.code(), &source).await? {
        options.mapping = saved;
    }
    let remember = Remember {
        kind,
        source,
        reused: reused && !options.mapping.is_empty(),
    };
    let options = &options;
    match kind {
        ImportKind::Customers => {
            customers::import(store, &table, options, &remember, base_currency, progress).await
        }
        ImportKind::Invoices => {
            invoices::import(store, &table, options, &remember, base_currency, progress).await
        }
        ImportKind::Payments => payments::import(store, &table, options, &remember, progress).await,
    }
}

/// Data rows shown in a preview.
const SAMPLE_ROWS: usize = 10;

/// A file as an import would read it, before importing: for the user to check the mapping.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub file: String,
    /// Data rows in the file.
    pub rows: usize,
    pub headers: Vec<String>,
    /// The first rows, each with its line in the file.
    pub sample: Vec<(u64, Vec<String>)>,
    /// Every field of the import and the column it would be read from.
    pub fields: Vec<FieldColumn>,
    /// The mapping shown is the one remembered for this layout of file.
    pub mapping_remembered: bool,
    /// The date pattern detected (or given), when the mapped columns hold dates.
    pub date_format: Option<String>,
    pub warnings: Vec<String>,
    /// Why the file cannot be imported as mapped (a required field has no column, dates in no
    /// known format); `None` when it can be tried. Rows are checked only by the import.
    pub blocker: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldColumn {
    pub field: &'static str,
    pub required: bool,
    /// The file's column header, or `None` when no column is read for the field.
    pub column: Option<String>,
}

/// Reads a file and tells how it would be imported with `options` (or, without a mapping,
/// with the mapping remembered for its layout), writing nothing.
pub async fn preview(
    store: &Store,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportPreview> {
    let table = read_table(path)?;
    let mut options = options.clone();
    let mut mapping_remembered = false;
    if options.mapping.is_empty()
        && let Some(saved) = store.saved_mapping(kind.code(), &layout(&table)).await?
    {
        options.mapping = saved;
        mapping_remembered = true;
    }
    let guessed = Columns::guess(&table, kind.fields(), &options.mapping);
    let fields = kind
        .fields()
        .iter()
        .map(|f| FieldColumn {
            field: f.name,
            required: f.required,
            column: guessed.get(f.name).map(|_| guessed.header(f.name)),
        })
        .collect();
    let unmapped: Vec<&str> = kind
        .fields()
        .iter()
        .filter(|f| f.required && !guessed.has(f.name))
        .map(|f| f.name)
        .collect();
    let (date_format, warnings, blocker) = match Sheet::new(&table, kind, &options) {
        Err(_) if !unmapped.is_empty() => (
            None,
            Vec::new(),
            Some(format!(
                "no column is read for the required fields {}",
                unmapped.join(", ")
            )),
        ),
        Ok(sheet) => (
            sheet.dates.as_ref().map(|d| d.format.0.clone()),
            sheet.warnings(),
            None,
        ),
        Err(e) => (None, Vec::new(), Some(e.message)),
    };
    Ok(ImportPreview {
        kind,
        file: table.file.clone(),
        rows: table.records.len(),
        headers: table.headers.clone(),
        sample: table
            .records
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| (r.line, r.cells.iter().map(str::to_string).collect()))
            .collect(),
        fields,
        mapping_remembered,
        date_format,
        warnings,
        blocker,
    })
}

/// A file's layout, the key its mapping is remembered by: its header line.
fn layout(table: &Table) -> String {
    table.headers.join("\u{1f}")
}

/// What an import keeps of its mapping, saved in its own transaction so a failed import
/// remembers nothing.
struct Remember {
    kind: ImportKind,
    /// The file's header line: the layout the mapping belongs to.
    source: String,
    /// The mapping applied was a remembered one.
    reused: bool,
}

impl Remember {
    async fn save(&self, writer: &mut crate::store::Writer, options: &ImportOptions) -> Result<()> {
        if options.mapping.is_empty() || self.reused {
            return Ok(());
        }
        writer
            .save_mapping(self.kind.code(), &self.source, &options.mapping)
            .await
    }
}
/// A table with its columns resolved and its formats detected: reads typed cells and makes
/// every error name the file, line and column.
struct Sheet<'t> {
    table: &'t Table,
    columns: Columns,
    dates: Option<values::DetectedDates>,
    separator: DecimalSeparator,
}

impl<'t> Sheet<'t> {
    fn new(table: &'t Table, kind: ImportKind, options: &ImportOptions) -> Result<Sheet<'t>> {
        let (date_fields, amount_fields) = (kind.date_fields(), kind.amount_fields());
        let columns = Columns::resolve(table, kind.fields(), &options.mapping)?;
        let date_columns: Vec<usize> = date_fields.iter().filter_map(|f| columns.get(f)).collect();
        let date_values = || {
            table
                .records
                .iter()
                .flat_map(|r| date_columns.iter().map(move |c| r.get(Some(*c))))
        };
        let dates = match (&options.date_format, date_columns.is_empty()) {
            (_, true) => None,
            (Some(pattern), false) => {
                Some(values::DetectedDates { format: DateFormat::new(pattern), ambiguous_with: None })
            }
            (None, false) => Some(values::detect_date_format(date_values()).map_err(|bad| {
                let (line, field) = locate(table, &columns, date_fields, bad);
                import_error(&table.file, line, &columns.header(field), &format!("'{bad}' is not a date in any known format (pass the format, e.g. --date-format %d/%m/%Y)"))
            })?),
        };
        let amount_columns: Vec<usize> = amount_fields
            .iter()
            .filter_map(|f| columns.get(f))
            .collect();
        let separator = values::detect_decimal_separator(
            table
                .records
                .iter()
                .flat_map(|r| amount_columns.iter().map(move |c| r.get(Some(*c)))),
        );
        Ok(Sheet {
            table,
            columns,
            dates,
            separator,
        })
    }

    fn error(&self, record: &Record, field: &str, reason: &str) -> Error {
        import_error(
            &self.table.file,
            record.line,
            &self.columns.header(field),
            reason,
        )
    }

    fn text<'r>(&self, record: &'r Record, field: &str) -> &'r str {
        record.get(self.columns.get(field))
    }

    fn required_text<'r>(&self, record: &'r Record, field: &str) -> Result<&'r str> {
        let text = self.text(record, field);
        if text.is_empty() {
            return Err(self.error(record, field, "empty, but required"));
        }
        Ok(text)
    }

    fn date(&self, record: &Record, field: &str) -> Result<Option<NaiveDate>> {
        let text = self.text(record, field);
        if text.is_empty() {
            return Ok(None);
        }
        let format = &self
            .dates
            .as_ref()
            .expect("date fields were detected")
            .format;
        format.parse(text).map(Some).ok_or_else(|| {
            self.error(
                record,
                field,
                &format!("'{text}' is not a date of the form {}", format.shown()),
            )
        })
    }

    fn required_date(&self, record: &Record, field: &str) -> Result<NaiveDate> {
        self.date(record, field)?
            .ok_or_else(|| self.error(record, field, "empty, but a date is required"))
    }

    fn amount(&self, record: &Record, field: &str, currency: Currency) -> Result<Option<Money>> {
        let text = self.text(record, field);
        if text.is_empty() {
            return Ok(None);
        }
        let value = values::parse_amount(text, self.separator)
            .ok_or_else(|| self.error(record, field, &format!("'{text}' is not an amount")))?;
        let money = Money::new(value, currency);
        money
            .to_minor()
            .map_err(|e| self.error(record, field, &e.message))?;
        Ok(Some(money))
    }

    fn required_amount(&self, record: &Record, field: &str, currency: Currency) -> Result<Money> {
        self.amount(record, field, currency)?
            .ok_or_else(|| self.error(record, field, "empty, but an amount is required"))
    }

    fn currency(&self, record: &Record, default: Currency) -> Result<Currency> {
        match self.text(record, "currency") {
            "" => Ok(default),
            code => Currency::parse(code).map_err(|e| self.error(record, "currency", &e.message)),
        }
    }

    fn flag(&self, record: &Record, field: &str) -> Result<bool> {
        let text = self.text(record, field);
        values::parse_flag(text)
            .ok_or_else(|| self.error(record, field, &format!("'{text}' is not yes or no")))
    }

    /// Notes every row repeating an earlier row's key (e.g. an invoice number twice in one
    /// file), naming the line it first appeared on.
    fn check_unique(&self, field: &str, what: &str, problems: &mut Problems) -> Result<()> {
        let mut seen: HashMap<&str, u64> = HashMap::with_capacity(self.table.records.len());
        for record in &self.table.records {
            let key = self.text(record, field);
            if key.is_empty() {
                continue;
            }
            let first = *seen.entry(key).or_insert(record.line);
            if first != record.line {
                problems.keep::<()>(Err(self.error(
                    record,
                    field,
                    &format!("{what} '{key}' is already on line {first}"),
                )))?;
            }
        }
        Ok(())
    }

    /// What the user should know about how the file was read.
    fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        if let Some(dates) = &self.dates
            && let Some(other) = &dates.ambiguous_with
        {
            warnings.push(format!(
                "dates could be read as {} or {}; they were read as {} (pass --date-format if that is wrong)",
                dates.format.shown(),
                other.shown(),
                dates.format.shown()
            ));
        }
        warnings
    }

    /// The report of an import that found `before` rows of its table and left `after`.
    fn report(&self, kind: ImportKind, before: i64, after: i64) -> ImportReport {
        let warnings = self.warnings();
        let rows = self.table.records.len();
        let created = usize::try_from(after - before).unwrap_or(0);
        ImportReport {
            kind,
            file: self.table.file.clone(),
            rows,
            created,
            updated: rows - created,
            customers_created: 0,
            payments_recorded: 0,
            columns: self.columns.describe(),
            mapping_reused: false,
            date_format: self.dates.as_ref().map(|d| d.format.0.clone()),
            warnings,
        }
    }
}

/// Ends an import: counts the rows of `counted` now, remembers the mapping, commits it all in
/// the one transaction, and reports.
async fn finish(
    mut writer: crate::store::Writer,
    sheet: &Sheet<'_>,
    kind: ImportKind,
    counted: crate::store::Counted,
    before: i64,
    remember: &Remember,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let after = writer.count(counted).await?;
    remember.save(&mut writer, options).await?;
    writer.commit().await?;
    let mut report = sheet.report(kind, before, after);
    report.mapping_reused = remember.reused;
    Ok(report)
}

/// The line and field of the first cell holding `bad`, for an error found over a whole column.
fn locate<'f>(table: &Table, columns: &Columns, fields: &[&'f str], bad: &str) -> (u64, &'f str) {
    for record in &table.records {
        for field in fields {
            if columns.get(field).is_some() && record.get(columns.get(field)) == bad {
                return (record.line, field);
            }
        }
    }
    (0, fields[0])
}

/// Reports progress every `WRITE_CHUNK` items through `write`, which writes one chunk.
fn chunks<T>(items: &[T]) -> impl Iterator<Item = (usize, &[T])> {
    items.chunks(WRITE_CHUNK).scan(0, |done, chunk| {
        *done += chunk.len();
        Some((*done, chunk))
    })
}
