//! Reading a spreadsheet-like file (CSV or XLSX/XLS/ODS) into rows of text cells, each with
//! the line it came from so errors can name it.

use std::path::Path;

use calamine::{Data, Reader};
use csv::StringRecord;

use crate::error::{Error, ErrorCode, Problem, Result};

/// One data row and the line (CSV) or row (spreadsheet) number it has in the file, 1-based.
#[derive(Debug, Clone)]
pub struct Record {
    pub line: u64,
    pub cells: StringRecord,
}

impl Record {
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map(str::trim)
            .unwrap_or("")
    }
}

/// A file read whole: its header cells and its non-empty data rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file's name as shown in messages.
    pub file: String,
    pub headers: Vec<String>,
    pub records: Vec<Record>,
}

/// Reads a table, telling the format from the content (not from the file name).
pub fn read_table(path: &Path) -> Result<Table> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(ErrorCode::NotFound, format!("{}: {e}", path.display())))?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        read_spreadsheet(path, file)
    } else {
        read_csv(&bytes, file)
    }
}

fn read_csv(bytes: &[u8], file: String) -> Result<Table> {
    let text = decode_text(bytes);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = sniff_delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| import_error(&file, 1, "", &format!("unreadable header line: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(import_error(
            &file,
            1,
            "",
            "the file is empty or has no header line",
        ));
    }
    let mut records = Vec::new();
    let mut record = StringRecord::new();
    // Line numbers are counted from the byte offsets of the records: the CSV reader's own
    // line count does not account for the header the way a person reading the file does.
    let mut lines = LineCounter::new(text.as_bytes());
    loop {
        // Where the reader stands is the end of the previous record; the next one starts after
        // any blank lines.
        let mut start = usize::try_from(reader.position().byte()).unwrap_or(0);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                if record.iter().any(|c| !c.trim().is_empty()) {
                    let line = lines.line_at(start as u64);
                    records.push(Record {
                        line,
                        cells: record.clone(),
                    });
                }
            }
            Err(e) => {
                let line = lines.line_at(e.position().map(|p| p.byte()).unwrap_or(start as u64));
                return Err(import_error(
                    &file,
                    line,
                    "",
                    &format!("unreadable CSV: {e}"),
                ));
            }
        }
    }
    Ok(Table {
        file,
        headers,
        records,
    })
}

/// Turns byte offsets, asked in increasing order, into 1-based line numbers.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let target = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if target < self.offset {
            return self.line;
        }
        self.line += self.text[self.offset..target]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.offset = target;
        self.line
    }
}

/// UTF-8 (with or without BOM) as is; anything else is taken as Windows-1252/Latin-1, the
/// usual encoding of ERP exports on Windows.
fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The delimiter that splits the header line into the most fields.
fn sniff_delimiter(header: &str) -> u8 {
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .filter(|d| header.bytes().any(|b| b == *d))
        .unwrap_or(b',')
}

fn read_spreadsheet(path: &Path, file: String) -> Result<Table> {
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| import_error(&file, 0, "", &format!("not a readable spreadsheet: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| import_error(&file, 0, "", "the workbook has no sheet"))?
        .map_err(|e| import_error(&file, 0, "", &format!("unreadable sheet: {e}")))?;
    let first_row = range
        .start()
        .map(|(row, _)| u64::from(row) + 1)
        .unwrap_or(1);
    let mut rows = range.rows().enumerate();
    let headers: Vec<String> = match rows.next() {
        Some((_, cells)) => cells
            .iter()
            .map(|c| cell_text(c).trim().to_string())
            .collect(),
        None => return Err(import_error(&file, 1, "", "the sheet is empty")),
    };
    let mut records = Vec::new();
    for (index, cells) in rows {
        let texts: Vec<String> = cells.iter().map(cell_text).collect();
        if texts.iter().any(|t| !t.trim().is_empty()) {
            records.push(Record {
                line: first_row + index as u64,
                cells: StringRecord::from(texts),
            });
        }
    }
    Ok(Table {
        file,
        headers,
        records,
    })
}

/// A cell as the text a CSV export would hold: dates as ISO dates, numbers in their shortest
/// exact decimal form (the spreadsheet stores them as binary floating point; this is the
/// boundary where they become decimal text, parsed exactly from here on).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(datetime) => datetime.date().format("%Y-%m-%d").to_string(),
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e:?}"),
    }
}

/// The one shape of every import error: file, line, column and reason.
pub fn import_error(file: &str, line: u64, column: &str, reason: &str) -> Error {
    let place = match (line, column.is_empty()) {
        (0, true) => String::new(),
        (0, false) => format!(", column '{column}'"),
        (l, true) => format!(", line {l}"),
        (l, false) => format!(", line {l}, column '{column}'"),
    };
    let mut error = Error::new(
        ErrorCode::ImportFailed,
        format!("{file}{place}: {reason}. Nothing was imported."),
    );
    error.problems.push(Problem {
        line,
        column: column.to_string(),
        reason: reason.to_string(),
    });
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_of(text: &str) -> Table {
        read_csv(text.as_bytes(), "t.csv".into()).unwrap()
    }

    #[test]
    fn delimiters_are_sniffed() {
        let t = table_of("a;b;c\n1;2;3\n");
        assert_eq!(t.headers, ["a", "b", "c"]);
        assert_eq!(t.records[0].cells.get(2), Some("3"));
        let t = table_of("a\tb\n1\t2\n");
        assert_eq!(t.headers, ["a", "b"]);
    }

    #[test]
    fn lines_are_file_lines_and_blank_rows_skipped() {
        let t = table_of("a,b\n1,2\n\n,\n3,\"multi\nline\"\n5,6\n");
        let lines: Vec<u64> = t.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 7]);
        let t = table_of("a,b\n1,2\n3,4\n");
        let lines: Vec<u64> = t.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn bom_and_latin1_are_decoded() {
        let t = read_csv(b"\xEF\xBB\xBFname\nCaf\xC3\xA9\n", "t.csv".into()).unwrap();
        assert_eq!(t.headers, ["name"]);
        assert_eq!(t.records[0].cells.get(0), Some("Café"));
        let t = read_csv(b"name\nCaf\xE9\n", "t.csv".into()).unwrap();
        assert_eq!(t.records[0].cells.get(0), Some("Café"));
    }

    #[test]
    fn error_message_names_file_line_and_column() {
        let e = import_error("inv.csv", 7, "due_date", "'x' is not a date");
        assert_eq!(e.code, ErrorCode::ImportFailed);
        assert_eq!(
            e.message,
            "inv.csv, line 7, column 'due_date': 'x' is not a date. Nothing was imported."
        );
    }
}
