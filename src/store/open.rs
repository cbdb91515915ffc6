//! Creating and opening the encrypted database.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::domain::Company;
use crate::error::{Error, ErrorCode, Result};
use crate::keys::DbKey;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// An open database. Cheap to clone: clones share the connection pool, and the last clone
/// dropped closes it.
#[derive(Debug, Clone)]
pub struct Store {
    connections: Arc<Connections>,
    path: PathBuf,
}

/// The connection pool, closed for good when the last `Store` (or `Writer`) holding it goes.
///
/// SQLCipher frees its global state in an `atexit` handler; a connection still closing on one
/// of sqlx's worker threads at that moment crashes the process (seen at the end of test runs).
/// Waiting here until every connection is closed makes dropping a store as safe as `close`.
#[derive(Debug)]
pub(crate) struct Connections {
    pub(crate) pool: SqlitePool,
    /// One connection that never writes: its `PRAGMA data_version` changes whenever any other
    /// connection commits (`Store::data_version`).
    watch: SqlitePool,
    /// Values derived from the whole database, kept until it changes (`Store::memoized`).
    memo: super::memo::Memo,
}

impl Drop for Connections {
    fn drop(&mut self) {
        if self.pool.is_closed() {
            return;
        }
        let pool = self.pool.clone();
        let watch = self.watch.clone();
        // On a single-threaded runtime, connections waiting to be returned to the pool are
        // tasks of the very thread running this drop: waiting would only stall it. Closing is
        // left to that runtime; such programs (tests) should `close` explicitly or use a
        // multi-threaded runtime.
        if let Ok(handle) = tokio::runtime::Handle::try_current()
            && handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::CurrentThread
        {
            handle.spawn(async move {
                watch.close().await;
                pool.close().await
            });
            return;
        }
        // Closing is async; a drop may run inside or outside a runtime, so it gets a thread
        // and a small runtime of its own. The wait is bounded: a connection still checked out
        // (its return queued on a runtime this very thread is blocking) must not hang the drop.
        let (done, closed) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(async {
                    watch.close().await;
                    pool.close().await
                });
            }
            let _ = done.send(());
        });
        let _ = closed.recv_timeout(CLOSE_WAIT);
    }
}

/// Page cache of each reading connection, in KiB (SQLite's negative `cache_size`): the
/// portfolio reads covering indexes of open items, a few MiB even at 2,000,000 invoices.
const READ_CACHE_PRAGMA: &str = "-16384";
/// Page cache of a writing connection: an import updates large indexes page by page, and a
/// page evicted and read again costs a decryption each time.
pub(crate) const WRITE_CACHE_PRAGMA: &str = "PRAGMA cache_size = -65536";
/// Back to the reading size when a writer is done with its connection.
pub(crate) const READ_CACHE_RESET: &str = "PRAGMA cache_size = -16384";

/// How long dropping the last `Store` waits for its connections to close.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

impl Store {
    /// Creates a new encrypted database at `path` with `company` as its owner.
    /// Fails with `conflict` if a file is already there: nothing is overwritten.
    pub async fn create(path: &Path, key: &DbKey, company: &Company) -> Result<Store> {
        if path.exists() {
            return Err(Error::new(
                ErrorCode::Conflict,
                format!(
                    "{} already exists; open it, or choose another file",
                    path.display()
                ),
            ));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let store = Self::connect(path, key, true).await?;
        super::company::insert(store.pool(), company).await?;
        Ok(store)
    }

    /// A new database of the demo company in `dir`, under a random key: the unit tests' store.
    #[cfg(test)]
    pub(crate) async fn scratch(dir: &Path) -> Store {
        Self::create(
            &dir.join("scratch.db"),
            &DbKey::generate().unwrap(),
            &crate::demo::company(),
        )
        .await
        .unwrap()
    }

    /// A scratch store (`scratch`) filled with the demo's history of `customers` customers up
    /// to `today`: the unit tests that compare two ways of reading the same data.
    #[cfg(test)]
    pub(crate) async fn scratch_demo(
        dir: &Path,
        today: chrono::NaiveDate,
        customers: usize,
    ) -> Store {
        let store = Self::scratch(dir).await;
        let mut options = crate::demo::DemoOptions::new(today);
        options.customers = customers;
        crate::demo::populate(&store, &options, &mut |_, _| {})
            .await
            .unwrap();
        store
    }

    /// The plan SQLite makes for `sql` with `values` bound, one line per step: the tests that
    /// hold the queries of millions of rows to their indexes read it.
    #[cfg(test)]
    pub(crate) async fn query_plan(&self, sql: &str, values: &[&str]) -> String {
        use sqlx::Row;
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")));
        for value in values {
            query = query.bind(*value);
        }
        let rows = query.fetch_all(self.pool()).await.unwrap();
        rows.iter()
            .map(|row| row.get::<String, _>("detail"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Opens an existing database. A wrong key fails with `wrong_key` and leaves the file as it was.
    pub async fn open(path: &Path, key: &DbKey) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::not_found(format!(
                "no database at {}",
                path.display()
            )));
        }
        Self::connect(path, key, false).await
    }

    async fn connect(path: &Path, key: &DbKey, create: bool) -> Result<Store> {
        // SQLCipher needs the key before anything else touches the file; sqlx sends the `key`
        // pragma first. The value is written verbatim, so the quoting is ours.
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .pragma("key", format!("\"x'{}'\"", key.to_hex()))
            // A wrong key is reported as `wrong_key`; SQLCipher's own log lines about the failed
            // page check would only repeat it on the user's terminal.
            .pragma("cipher_log_level", "NONE")
            .create_if_missing(create)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Page cache of a reading connection (every page read from disk costs a
            // decryption); a writer raises its own for the length of an import.
            .pragma("cache_size", READ_CACHE_PRAGMA);
        // Check the key on one connection before WAL mode or migrations could write anything.
        let probe = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        let check = check_cipher_and_key(&probe).await;
        probe.close().await;
        check?;

        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&pool).await?;
        let watch = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let connections = Arc::new(Connections {
            pool,
            watch,
            memo: Default::default(),
        });
        Ok(Store {
            connections,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLCipher version linked into this build, e.g. "4.10.0 community".
    pub async fn cipher_version(&self) -> Result<String> {
        cipher_version(self.pool()).await?.ok_or_else(not_encrypted)
    }

    /// Closes every connection (of every clone) and checkpoints the WAL into the main file.
    pub async fn close(self) {
        self.connections.watch.close().await;
        self.connections.pool.close().await;
    }

    /// A number that changes whenever a change is committed to the database, by any
    /// connection of this store (SQLite's `data_version`, read on a connection that never
    /// writes: it sees every other connection's commits).
    pub async fn data_version(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&self.connections.watch)
            .await?)
    }

    /// The value `compute` gives for `key`, made again only when the database has changed
    /// since it was made (or another key's value took its place: one value per kind, the
    /// part of `key` before its first '/').
    pub async fn memoized<T, F>(&self, key: &str, compute: F) -> Result<Arc<T>>
    where
        T: Send + Sync + 'static,
        F: std::future::Future<Output = Result<T>>,
    {
        // The version is read before computing: a change committed meanwhile makes the value
        // older than its version says, and the next call computes it again.
        let version = self.data_version().await?;
        if let Some(value) = self.connections.memo.get(key, version) {
            return Ok(value);
        }
        let value = Arc::new(compute.await?);
        self.connections.memo.put(key, version, value.clone());
        Ok(value)
    }

    /// Copies the whole database into a new encrypted file at `path` under `key`
    /// (SQLCipher's `sqlcipher_export` into an attached database).
    pub(crate) async fn export_to(&self, path: &Path, key: &DbKey) -> Result<()> {
        let file = path.to_str().ok_or_else(|| {
            Error::invalid(format!("{} is not a path SQLite can open", path.display()))
        })?;
        // An attached file opens with the flags of the connection, which may not create files
        // (a database opened, not created): the file is made here, empty, which SQLite takes
        // for an empty database.
        std::fs::File::create(path)?;
        let mut conn = self.pool().acquire().await?;
        sqlx::query("ATTACH DATABASE ? AS backup KEY ?")
            .bind(file)
            .bind(format!("x'{}'", key.to_hex()))
            .execute(&mut *conn)
            .await?;
        let exported = sqlx::query("SELECT sqlcipher_export('backup')")
            .execute(&mut *conn)
            .await;
        // Detached whatever happened, so the pooled connection goes back as it came.
        let detached = sqlx::query("DETACH DATABASE backup")
            .execute(&mut *conn)
            .await;
        exported?;
        detached?;
        Ok(())
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.connections.pool
    }

    /// Starts a transaction for writes that belong together.
    pub async fn writer(&self) -> Result<super::Writer> {
        super::Writer::begin(self.connections.clone()).await
    }
}

async fn cipher_version(pool: &SqlitePool) -> Result<Option<String>> {
    Ok(sqlx::query_scalar::<_, String>("PRAGMA cipher_version")
        .fetch_optional(pool)
        .await?)
}

fn not_encrypted() -> Error {
    Error::internal("this build is not linked with SQLCipher: refusing to store data unencrypted")
}

/// Refuses to go on without SQLCipher, and turns a wrong key into `wrong_key`: reading the
/// schema is the first thing that needs the key to be right.
async fn check_cipher_and_key(pool: &SqlitePool) -> Result<()> {
    cipher_version(pool).await?.ok_or_else(not_encrypted)?;
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sqlite_master")
        .fetch_one(pool)
        .await
        .map_err(|e| match Error::from(e) {
            err if err.code == ErrorCode::WrongKey => err,
            other => other,
        })?;
    Ok(())
}
