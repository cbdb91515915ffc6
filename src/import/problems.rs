//! Gathering every problem of a file before refusing it, so the user fixes the file once
//! instead of once per bad row. Nothing is written either way: the file is refused whole.

use crate::error::{Error, ErrorCode, Problem, Result};

use super::table::import_error;

/// Problems kept with their details; beyond this many, they are only counted.
const KEPT: usize = 200;
/// Problems spelled out in the message (the CLI's one error); the rest are in `problems`.
const IN_MESSAGE: usize = 5;

/// The problems found so far in one file.
pub(super) struct Problems {
    file: String,
    kept: Vec<Problem>,
    total: usize,
}

impl Problems {
    pub(super) fn new(file: &str) -> Problems {
        Problems {
            file: file.to_string(),
            kept: Vec::new(),
            total: 0,
        }
    }

    /// The value of a row that checked out, or `None` after noting why it did not. An error
    /// that is not about the file (the database failed) ends the check at once.
    pub(super) fn keep<T>(&mut self, checked: Result<T>) -> Result<Option<T>> {
        match checked {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.code == ErrorCode::ImportFailed && !e.problems.is_empty() => {
                for problem in e.problems {
                    self.total += 1;
                    if self.kept.len() < KEPT {
                        self.kept.push(problem);
                    }
                }
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// `Ok` when the file had no problem; otherwise one `import_failed` error carrying them.
    pub(super) fn verdict(self) -> Result<()> {
        let Problems { file, kept, total } = self;
        match kept.as_slice() {
            [] => Ok(()),
            [only] => Err(import_error(&file, only.line, &only.column, &only.reason)),
            _ => {
                let mut message = format!("{file}: {total} problems. Nothing was imported.");
                for problem in kept.iter().take(IN_MESSAGE) {
                    message.push_str(&format!("\n  {}", describe(problem)));
                }
                if total > IN_MESSAGE {
                    message.push_str(&format!("\n  … and {} more", total - IN_MESSAGE));
                }
                let mut error = Error::new(ErrorCode::ImportFailed, message);
                error.problems = kept;
                Err(error)
            }
        }
    }
}

fn describe(problem: &Problem) -> String {
    match (problem.line, problem.column.is_empty()) {
        (0, _) => problem.reason.clone(),
        (line, true) => format!("line {line}: {}", problem.reason),
        (line, false) => format!(
            "line {line}, column '{}': {}",
            problem.column, problem.reason
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(line: u64) -> Result<u32> {
        Err(import_error(
            "f.csv",
            line,
            "amount",
            "'x' is not an amount",
        ))
    }

    #[test]
    fn a_clean_file_passes() {
        let mut problems = Problems::new("f.csv");
        assert_eq!(problems.keep(Ok(7)).unwrap(), Some(7));
        assert!(problems.verdict().is_ok());
    }

    #[test]
    fn one_problem_reads_as_the_single_error_it_is() {
        let mut problems = Problems::new("f.csv");
        assert_eq!(problems.keep(bad(3)).unwrap(), None);
        let e = problems.verdict().unwrap_err();
        assert_eq!(
            e.message,
            "f.csv, line 3, column 'amount': 'x' is not an amount. Nothing was imported."
        );
        assert_eq!(e.problems.len(), 1);
    }

    #[test]
    fn many_problems_are_all_kept_up_to_the_cap_and_all_counted() {
        let mut problems = Problems::new("f.csv");
        for line in 2..(KEPT as u64 + 12) {
            problems.keep(bad(line)).unwrap();
        }
        let e = problems.verdict().unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportFailed);
        assert_eq!(e.problems.len(), KEPT);
        assert_eq!(e.problems[0].line, 2);
        assert_eq!(e.problems[KEPT - 1].line, KEPT as u64 + 1);
        let total = KEPT + 10;
        assert!(e.message.starts_with(&format!(
            "f.csv: {total} problems. Nothing was imported.\n  line 2, column 'amount'"
        )));
        assert!(
            e.message
                .ends_with(&format!("… and {} more", total - IN_MESSAGE))
        );
    }

    #[test]
    fn a_database_failure_is_not_a_problem_of_the_file() {
        let mut problems = Problems::new("f.csv");
        let e = problems
            .keep::<u32>(Err(Error::storage("disk full")))
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Storage);
    }
}
