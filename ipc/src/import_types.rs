//! The transport types of the import screen: what to import and how, the preview of a file,
//! progress, and the outcome, which lists every problem of a refused file.

use creditdesk::import::{
    ImportKind, ImportOptions, ImportPhase, ImportPreview, ImportProgress, ImportReport,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn line(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportKindDto {
    Customers,
    Invoices,
    Payments,
}

impl From<ImportKindDto> for ImportKind {
    fn from(k: ImportKindDto) -> Self {
        match k {
            ImportKindDto::Customers => ImportKind::Customers,
            ImportKindDto::Invoices => ImportKind::Invoices,
            ImportKindDto::Payments => ImportKind::Payments,
        }
    }
}

impl From<ImportKind> for ImportKindDto {
    fn from(k: ImportKind) -> Self {
        match k {
            ImportKind::Customers => ImportKindDto::Customers,
            ImportKind::Invoices => ImportKindDto::Invoices,
            ImportKind::Payments => ImportKindDto::Payments,
        }
    }
}

/// Which column of the file a field is read from; an empty `column` reads it from none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MappingEntryDto {
    pub field: String,
    pub column: String,
}

/// A file to preview or import, and how to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportRequest {
    pub kind: ImportKindDto,
    pub path: String,
    /// The user's choices; fields not listed are found by their header. Empty: the mapping
    /// remembered for this layout of file, if any.
    pub mapping: Vec<MappingEntryDto>,
    /// strftime-style, e.g. `%d/%m/%Y`; `null` to detect it.
    pub date_format: Option<String>,
    /// Invoices naming unknown customers create them instead of being refused.
    pub create_missing_customers: bool,
}

impl ImportRequest {
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            mapping: self
                .mapping
                .iter()
                .map(|m| (m.field.clone(), m.column.clone()))
                .collect(),
            date_format: self
                .date_format
                .as_deref()
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_string),
            create_missing_customers: self.create_missing_customers,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SampleRowDto {
    /// The row's line in the file.
    pub line: u32,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldColumnDto {
    pub field: String,
    pub required: bool,
    /// The header of the column read for the field; `null` when none is.
    pub column: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreviewDto {
    pub kind: ImportKindDto,
    pub file: String,
    pub rows: u32,
    pub headers: Vec<String>,
    pub sample: Vec<SampleRowDto>,
    pub fields: Vec<FieldColumnDto>,
    pub mapping_remembered: bool,
    pub date_format: Option<String>,
    pub warnings: Vec<String>,
    /// Why the file cannot be imported as mapped; `null` when it can be tried.
    pub blocker: Option<String>,
}

impl From<&ImportPreview> for ImportPreviewDto {
    fn from(p: &ImportPreview) -> Self {
        ImportPreviewDto {
            kind: p.kind.into(),
            file: p.file.clone(),
            rows: count(p.rows),
            headers: p.headers.clone(),
            sample: p
                .sample
                .iter()
                .map(|(l, cells)| SampleRowDto {
                    line: line(*l),
                    cells: cells.clone(),
                })
                .collect(),
            fields: p
                .fields
                .iter()
                .map(|f| FieldColumnDto {
                    field: f.field.to_string(),
                    required: f.required,
                    column: f.column.clone(),
                })
                .collect(),
            mapping_remembered: p.mapping_remembered,
            date_format: p.date_format.clone(),
            warnings: p.warnings.clone(),
            blocker: p.blocker.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportPhaseDto {
    Reading,
    Checking,
    Writing,
}

/// Sent as the `import-progress` event while an import runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgressDto {
    pub phase: ImportPhaseDto,
    pub done: u32,
    pub total: u32,
}

impl From<ImportProgress> for ImportProgressDto {
    fn from(p: ImportProgress) -> Self {
        ImportProgressDto {
            phase: match p.phase {
                ImportPhase::Reading => ImportPhaseDto::Reading,
                ImportPhase::Checking => ImportPhaseDto::Checking,
                ImportPhase::Writing => ImportPhaseDto::Writing,
            },
            done: count(p.done),
            total: count(p.total),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportReportDto {
    pub kind: ImportKindDto,
    pub file: String,
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub customers_created: u32,
    pub payments_recorded: u32,
    pub mapping_reused: bool,
    pub date_format: Option<String>,
    pub warnings: Vec<String>,
}

impl From<&ImportReport> for ImportReportDto {
    fn from(r: &ImportReport) -> Self {
        ImportReportDto {
            kind: r.kind.into(),
            file: r.file.clone(),
            rows: count(r.rows),
            created: count(r.created),
            updated: count(r.updated),
            customers_created: count(r.customers_created),
            payments_recorded: count(r.payments_recorded),
            mapping_reused: r.mapping_reused,
            date_format: r.date_format.clone(),
            warnings: r.warnings.clone(),
        }
    }
}

/// One thing wrong in a refused file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProblemDto {
    /// 0 when the whole file is concerned.
    pub line: u32,
    /// The column as headed in the file; empty when the whole line is concerned.
    pub column: String,
    pub reason: String,
}

/// What became of an import: done, or refused whole with every problem found. A refused file
/// is an answer, not a failure of the command: the screen lists its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcomeDto {
    Imported {
        report: ImportReportDto,
    },
    Refused {
        message: String,
        problems: Vec<ImportProblemDto>,
    },
}

impl ImportOutcomeDto {
    /// The outcome of an import that returned `result`; errors other than a refused file stay
    /// errors.
    pub fn from_result(
        result: creditdesk::Result<ImportReport>,
    ) -> Result<ImportOutcomeDto, creditdesk::Error> {
        match result {
            Ok(report) => Ok(ImportOutcomeDto::Imported {
                report: (&report).into(),
            }),
            Err(e) if e.code == creditdesk::ErrorCode::ImportFailed => {
                Ok(ImportOutcomeDto::Refused {
                    problems: e
                        .problems
                        .iter()
                        .map(|p| ImportProblemDto {
                            line: line(p.line),
                            column: p.column.clone(),
                            reason: p.reason.clone(),
                        })
                        .collect(),
                    message: e.message,
                })
            }
            Err(e) => Err(e),
        }
    }
}
