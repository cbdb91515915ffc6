//! Which database, with which key: the global options turned into core calls.

use std::path::PathBuf;

use creditdesk::keys::{self, DbKey, KeySource};
use creditdesk::store::Store;
use creditdesk::{Error, Result};
use zeroize::Zeroizing;

pub struct Target {
    pub path: PathBuf,
    pub source: KeySource,
}

impl Target {
    pub fn from_cli(
        db: Option<PathBuf>,
        key_env: Option<String>,
        passphrase_env: Option<String>,
    ) -> Result<Target> {
        let path = match db {
            Some(path) => path,
            None => dirs::data_dir()
                .ok_or_else(|| Error::invalid("no data directory on this system: pass --db PATH"))?
                .join("creditdesk")
                .join("creditdesk.db"),
        };
        let source = match (key_env, passphrase_env) {
            (Some(var), _) => KeySource::Key(DbKey::from_hex(&env(&var)?)?),
            (None, Some(var)) => KeySource::Passphrase(Zeroizing::new(env(&var)?)),
            (None, None) => KeySource::Keychain,
        };
        Ok(Target { path, source })
    }

    /// Opens the existing database. Keychain calls block, so they happen before the runtime.
    pub fn open(&self, runtime: &tokio::runtime::Runtime) -> Result<Store> {
        let key = keys::key_for_existing(&self.path, &self.source)?;
        runtime.block_on(Store::open(&self.path, &key))
    }

    /// Creates a new database owned by `company`, its key kept per the key source.
    pub fn create(
        &self,
        runtime: &tokio::runtime::Runtime,
        company: &creditdesk::domain::Company,
    ) -> Result<Store> {
        if self.path.exists() {
            return Err(Error::new(
                creditdesk::ErrorCode::Conflict,
                format!("{} already exists", self.path.display()),
            ));
        }
        let key = keys::key_for_new(&self.path, &self.source)?;
        runtime
            .block_on(Store::create(&self.path, &key, company))
            .inspect_err(|_| keys::forget_new_key(&self.path, &self.source))
    }
}

fn env(var: &str) -> Result<String> {
    std::env::var(var)
        .map_err(|_| Error::invalid(format!("the environment variable {var} is not set")))
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))
}
