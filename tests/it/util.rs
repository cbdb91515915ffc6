//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use creditdesk::domain::{Company, Country};
use creditdesk::import::{self, ImportKind, ImportOptions, ImportReport};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::store::Store;

pub fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A fresh encrypted database in its own temporary directory.
pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub key: DbKey,
    pub store: Store,
}

pub async fn new_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("books.db");
    let key = DbKey::generate().unwrap();
    let store = Store::create(
        &path,
        &key,
        &Company::placeholder(Country::BE, Currency::EUR),
    )
    .await
    .unwrap();
    TestDb {
        dir,
        path,
        key,
        store,
    }
}

/// A file of the test data folder `tests/data/`.
pub fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// A file of the shared sample data beside the project. Missing samples fail the test: they
/// are part of the test environment (DESIGN: tests fail, never skip, when data is missing).
pub fn shared(relative: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(relative);
    assert!(
        path.is_file(),
        "missing shared sample {} (../shared must sit beside the project)",
        path.display()
    );
    path
}

/// Writes `text` to a file called `name` in `dir`.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub async fn import(
    store: &Store,
    kind: ImportKind,
    path: &Path,
    options: &ImportOptions,
) -> creditdesk::Result<ImportReport> {
    import::import_file(store, kind, path, options, &mut |_| {}).await
}

pub fn options() -> ImportOptions {
    ImportOptions::default()
}

/// A new database with the small fixture book of `tests/data/import/`: three customers (NL,
/// FR, UK), five items (one in GBP, one credit note) and three settlements.
pub async fn fixture_book() -> TestDb {
    let db = new_db().await;
    for (kind, file) in [
        (ImportKind::Customers, "import/customers.csv"),
        (ImportKind::Invoices, "import/invoices.csv"),
        (ImportKind::Payments, "import/payments.csv"),
    ] {
        import(&db.store, kind, &data(file), &options())
            .await
            .unwrap();
    }
    db
}
