//! Where the app's database lives and what it needs before it can be used: the decisions a
//! desktop shell makes at start, kept here so every front end makes them the same way.

use std::path::{Path, PathBuf};

use crate::domain::Company;
use crate::error::{Error, ErrorCode, Result};
use crate::keys::{self, KeySource, keychain, passphrase};
use crate::store::Store;

/// The database file inside a data directory.
pub const DATABASE_FILE: &str = "creditdesk.db";

pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DATABASE_FILE)
}

/// What a data directory needs before the app can show anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Setup {
    /// No database yet: first start.
    NeedsDatabase,
    /// The database's key comes from a passphrase the user must type.
    NeedsPassphrase,
    /// The key is in the OS keychain: the database can be opened now.
    Ready,
}

pub fn setup(data_dir: &Path) -> Setup {
    let db = database_path(data_dir);
    if !db.exists() {
        Setup::NeedsDatabase
    } else if passphrase::is_passphrase_protected(&db) {
        Setup::NeedsPassphrase
    } else {
        Setup::Ready
    }
}

/// Whether the OS keychain answers here. Blocks on IPC: call from a blocking context.
pub fn keychain_available() -> bool {
    keychain::load("creditdesk-availability-probe").is_ok()
}

/// Creates the database of a data directory, its key kept per `source`. Blocks (keychain and
/// key derivation): call from a blocking context, then `Store::create` runs async.
pub fn new_key(data_dir: &Path, source: &KeySource) -> Result<(PathBuf, keys::DbKey)> {
    let db = database_path(data_dir);
    if db.exists() {
        return Err(Error::new(
            ErrorCode::Conflict,
            format!("{} already exists", db.display()),
        ));
    }
    std::fs::create_dir_all(data_dir)?;
    let key = keys::key_for_new(&db, source)?;
    Ok((db, key))
}

/// Creates the database with `company` as owner; undoes the key if creating fails.
pub async fn create(
    data_dir: &Path,
    source: &KeySource,
    key: &keys::DbKey,
    company: &Company,
) -> Result<Store> {
    let db = database_path(data_dir);
    Store::create(&db, key, company)
        .await
        .inspect_err(|_| keys::forget_new_key(&db, source))
}

/// The key of the existing database of a data directory. Blocks: call from a blocking context.
pub fn existing_key(data_dir: &Path, source: &KeySource) -> Result<keys::DbKey> {
    keys::key_for_existing(&database_path(data_dir), source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_follows_the_files() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(setup(dir.path()), Setup::NeedsDatabase);
        std::fs::write(database_path(dir.path()), b"x").unwrap();
        assert_eq!(setup(dir.path()), Setup::Ready);
        std::fs::write(passphrase::salt_path(&database_path(dir.path())), b"x").unwrap();
        assert_eq!(setup(dir.path()), Setup::NeedsPassphrase);
    }
}
