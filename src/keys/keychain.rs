//! The database key in the OS keychain, through keyring-core and the native store of each OS:
//! Secret Service on Linux, the Keychain on macOS, the Credential Manager on Windows.

use std::path::Path;
use std::sync::Once;

use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode, Result};

use super::DbKey;

/// The keychain service name every Creditdesk entry is filed under.
pub const SERVICE: &str = "creditdesk";

static INSTALL_STORE: Once = Once::new();

/// Selects the OS's native credential store as keyring-core's default, once per process.
/// Failing to reach it is not an error here: the first use reports it.
fn install_native_store() {
    INSTALL_STORE.call_once(|| {
        if keyring_core::get_default_store().is_some() {
            return; // a test installed another store
        }
        #[cfg(target_os = "linux")]
        if let Ok(store) = zbus_secret_service_keyring_store::Store::new() {
            keyring_core::set_default_store(store);
        }
        #[cfg(target_os = "macos")]
        if let Ok(store) = apple_native_keyring_store::keychain::Store::new() {
            keyring_core::set_default_store(store);
        }
        #[cfg(target_os = "windows")]
        if let Ok(store) = windows_native_keyring_store::Store::new() {
            keyring_core::set_default_store(store);
        }
    });
}

/// The keychain account a database's key is stored under: its absolute path, so several
/// databases on one machine each have their own key.
pub fn account_for(db_path: &Path) -> String {
    let absolute = std::path::absolute(db_path).unwrap_or_else(|_| db_path.to_path_buf());
    absolute.to_string_lossy().into_owned()
}

fn entry(account: &str) -> Result<keyring_core::Entry> {
    install_native_store();
    keyring_core::Entry::new(SERVICE, account).map_err(keychain_error)
}

/// Stores `key` for `account`, replacing any key there.
pub fn store(account: &str, key: &DbKey) -> Result<()> {
    entry(account)?
        .set_password(&key.to_hex())
        .map_err(keychain_error)
}

/// The key stored for `account`, or `None` if there is none.
pub fn load(account: &str) -> Result<Option<DbKey>> {
    match entry(account)?.get_password() {
        Ok(hex) => DbKey::from_hex(&hex).map(Some).map_err(|_| {
            Error::new(
                ErrorCode::Keychain,
                format!("the keychain entry for {account} does not hold a database key"),
            )
        }),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(e)),
    }
}

/// Removes the key of `account`; removing a missing key is not an error.
pub fn delete(account: &str) -> Result<()> {
    match entry(account)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(e) => Err(keychain_error(e)),
    }
}

/// Stores a secret other than a database key (e.g. an SMTP password) for `account`,
/// replacing any secret there. The account names what the secret is for, e.g. `smtp:<db path>`.
pub fn store_secret(account: &str, secret: &str) -> Result<()> {
    entry(account)?.set_password(secret).map_err(keychain_error)
}

/// The secret stored for `account`, or `None` if there is none.
pub fn load_secret(account: &str) -> Result<Option<Zeroizing<String>>> {
    match entry(account)?.get_password() {
        Ok(secret) => Ok(Some(Zeroizing::new(secret))),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(e)),
    }
}

/// Removes the secret of `account`; removing a missing secret is not an error.
pub fn delete_secret(account: &str) -> Result<()> {
    delete(account)
}

fn keychain_error(e: keyring_core::Error) -> Error {
    let hint = match e {
        keyring_core::Error::NoDefaultStore
        | keyring_core::Error::NoStorageAccess(_)
        | keyring_core::Error::PlatformFailure(_) => {
            " (is the OS keychain available and unlocked? Without one, use a passphrase)"
        }
        _ => "",
    };
    Error::new(ErrorCode::Keychain, format!("OS keychain: {e}{hint}"))
}
