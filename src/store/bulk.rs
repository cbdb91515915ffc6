//! Bulk writes and reads through one prepared statement on the raw SQLite handle.
//!
//! sqlx builds owned argument buffers for every bound value and ships every statement to its
//! connection thread; for an import of a million rows that bookkeeping costs more than SQLite's
//! own work. Here a statement is prepared once and stepped once per row, with values bound in
//! place. Reading is the same: sqlx makes an owned row of every value of every row and sends it
//! across threads; here a row's values are read in place (text borrowed until the next step).
//! Everything unsafe about it is in this module.

use std::ffi::{CStr, CString, c_int};
use std::marker::PhantomData;
use std::ptr::NonNull;

use libsqlite3_sys as ffi;
use sqlx::sqlite::LockedSqliteHandle;

use crate::error::{Error, Result};

/// A prepared statement on a locked connection; finalized when dropped. It borrows the lock,
/// so it cannot outlive it.
pub(crate) struct Statement<'h> {
    db: NonNull<ffi::sqlite3>,
    raw: NonNull<ffi::sqlite3_stmt>,
    /// A row was stepped to and can be read.
    on_row: bool,
    _lock: PhantomData<&'h mut LockedSqliteHandle<'h>>,
}

impl<'h> Statement<'h> {
    /// Prepares `sql` on the connection `lock` holds.
    pub(crate) fn prepare(
        lock: &'h mut LockedSqliteHandle<'_>,
        sql: &str,
    ) -> Result<Statement<'h>> {
        let db = lock.as_raw_handle();
        let text = CString::new(sql).map_err(|_| Error::internal("SQL with a NUL byte"))?;
        let mut raw = std::ptr::null_mut();
        // SAFETY: `db` is a live connection handle held exclusively by the caller; `text` is a
        // NUL-terminated string that outlives the call; `raw` receives the statement.
        let rc = unsafe {
            ffi::sqlite3_prepare_v2(
                db.as_ptr(),
                text.as_ptr(),
                -1,
                &mut raw,
                std::ptr::null_mut(),
            )
        };
        check(db, rc)?;
        let raw = NonNull::new(raw)
            .ok_or_else(|| Error::internal("SQLite prepared an empty statement"))?;
        Ok(Statement {
            db,
            raw,
            on_row: false,
            _lock: PhantomData,
        })
    }

    /// Binds text to parameter `index` (1-based). SQLite copies it (SQLITE_TRANSIENT).
    pub(crate) fn text(&mut self, index: c_int, value: &str) -> Result<()> {
        let len = c_int::try_from(value.len()).map_err(|_| Error::invalid("text too long"))?;
        // SAFETY: the statement is live; `value` is valid for `len` bytes during the call and
        // SQLITE_TRANSIENT makes SQLite take its own copy.
        let rc = unsafe {
            ffi::sqlite3_bind_text(
                self.raw.as_ptr(),
                index,
                value.as_ptr().cast(),
                len,
                ffi::SQLITE_TRANSIENT(),
            )
        };
        check(self.db, rc)
    }

    pub(crate) fn int(&mut self, index: c_int, value: i64) -> Result<()> {
        // SAFETY: the statement is live.
        check(self.db, unsafe {
            ffi::sqlite3_bind_int64(self.raw.as_ptr(), index, value)
        })
    }

    /// Runs the statement once with the bound values, then makes it ready for the next row.
    pub(crate) fn execute(&mut self) -> Result<()> {
        // SAFETY: the statement is live; reset keeps the bindings, which the next row replaces.
        let rc = unsafe { ffi::sqlite3_step(self.raw.as_ptr()) };
        let reset = unsafe { ffi::sqlite3_reset(self.raw.as_ptr()) };
        if rc != ffi::SQLITE_DONE {
            return check(
                self.db,
                if rc == ffi::SQLITE_ROW {
                    ffi::SQLITE_MISUSE
                } else {
                    rc
                },
            );
        }
        check(self.db, reset)
    }
}

impl Statement<'_> {
    /// Steps to the next row of a query: `true` when there is one, to read with `column_int`
    /// and `column_text`; `false` once every row was read.
    pub(crate) fn next_row(&mut self) -> Result<bool> {
        // SAFETY: the statement is live.
        let rc = unsafe { ffi::sqlite3_step(self.raw.as_ptr()) };
        self.on_row = rc == ffi::SQLITE_ROW;
        match rc {
            ffi::SQLITE_ROW => Ok(true),
            ffi::SQLITE_DONE => Ok(false),
            rc => check(self.db, rc).map(|()| false),
        }
    }

    fn row(&self, index: c_int) -> Result<()> {
        // SAFETY: the statement is live.
        let columns = unsafe { ffi::sqlite3_column_count(self.raw.as_ptr()) };
        if self.on_row && (0..columns).contains(&index) {
            Ok(())
        } else {
            Err(Error::internal(format!(
                "no column {index} of a current row to read"
            )))
        }
    }

    /// Column `index` (0-based) of the current row as an integer (NULL: 0).
    pub(crate) fn column_int(&self, index: c_int) -> Result<i64> {
        self.row(index)?;
        // SAFETY: the statement is live and on a row, and `index` is one of its columns.
        Ok(unsafe { ffi::sqlite3_column_int64(self.raw.as_ptr(), index) })
    }

    /// Column `index` (0-based) of the current row as text (NULL: empty), borrowed until the
    /// statement steps again.
    pub(crate) fn column_text(&self, index: c_int) -> Result<&str> {
        self.row(index)?;
        // SAFETY: the statement is live and on a row, and `index` is one of its columns. The
        // text SQLite returns stays valid until the statement is stepped, reset or finalized,
        // all of which take `&mut self`, so it cannot outlive the borrow of `self` it is tied
        // to here. `sqlite3_column_bytes` is called after `sqlite3_column_text`, as SQLite asks.
        let bytes = unsafe {
            let text = ffi::sqlite3_column_text(self.raw.as_ptr(), index);
            if text.is_null() {
                return Ok("");
            }
            let len = ffi::sqlite3_column_bytes(self.raw.as_ptr(), index);
            std::slice::from_raw_parts(text, usize::try_from(len).unwrap_or(0))
        };
        std::str::from_utf8(bytes)
            .map_err(|_| Error::internal(format!("column {index} holds text that is not UTF-8")))
    }
}

/// A value bound to a statement's parameter.
pub(crate) enum Param<'a> {
    Text(&'a str),
    Int(i64),
}

impl super::Store {
    /// Every row `sql` gives with `params` bound to ?1, ?2, … in order, each made by `row` on
    /// the raw handle of one of the pool's connections (the reads of millions of rows).
    pub(crate) async fn bulk_rows<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        mut row: impl FnMut(&Statement<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut conn = self.pool().acquire().await?;
        let mut handle = conn.lock_handle().await?;
        let mut rows = Statement::prepare(&mut handle, sql)?;
        for (index, param) in (1..).zip(params) {
            match param {
                Param::Text(text) => rows.text(index, text)?,
                Param::Int(value) => rows.int(index, *value)?,
            }
        }
        let mut out = Vec::new();
        while rows.next_row()? {
            out.push(row(&rows)?);
        }
        Ok(out)
    }
}

impl Drop for Statement<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared on this connection and is finalized only here.
        unsafe {
            ffi::sqlite3_finalize(self.raw.as_ptr());
        }
    }
}

fn check(db: NonNull<ffi::sqlite3>, rc: c_int) -> Result<()> {
    if rc == ffi::SQLITE_OK || rc == ffi::SQLITE_DONE {
        return Ok(());
    }
    // SAFETY: `db` is live; sqlite3_errmsg returns a NUL-terminated string owned by SQLite,
    // valid until the next call on this connection, copied out at once.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db.as_ptr())) }
        .to_string_lossy()
        .into_owned();
    Err(Error::storage(format!(
        "database error: {message} (code {rc})"
    )))
}
