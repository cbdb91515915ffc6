//! Database keys: where the 32-byte SQLCipher key comes from.
//!
//! By default the key is random, made at first open and kept in the OS keychain
//! ([`keychain`]). Where there is no keychain the key is derived from a passphrase with
//! Argon2id ([`passphrase`]). Scripts and tests may pass the key as hex.
//!
//! Keychain calls block (they talk to the OS over IPC): call them from a blocking context.

pub mod keychain;
pub mod passphrase;

use std::fmt;
use std::path::Path;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Error, ErrorCode, Result};

pub const KEY_LEN: usize = 32;

/// A SQLCipher key. Wiped from memory when dropped; never printed by `Debug`.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct DbKey([u8; KEY_LEN]);

impl DbKey {
    /// A fresh random key from the OS's cryptographic random source.
    pub fn generate() -> Result<DbKey> {
        let mut bytes = [0u8; KEY_LEN];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::internal(format!("the OS random source failed: {e}")))?;
        Ok(DbKey(bytes))
    }

    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> DbKey {
        DbKey(bytes)
    }

    /// Parses 64 hexadecimal digits (surrounding spaces allowed).
    pub fn from_hex(hex_text: &str) -> Result<DbKey> {
        let mut bytes = [0u8; KEY_LEN];
        hex::decode_to_slice(hex_text.trim(), &mut bytes).map_err(|_| {
            Error::invalid(format!(
                "a database key is {} hexadecimal digits",
                KEY_LEN * 2
            ))
        })?;
        Ok(DbKey(bytes))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

/// Where the key of a database comes from.
#[derive(Clone)]
pub enum KeySource {
    /// A random key kept in the OS keychain (the default).
    Keychain,
    /// A key derived from this passphrase and the salt file beside the database.
    Passphrase(Zeroizing<String>),
    /// A key given directly (scripts, tests).
    Key(DbKey),
}

impl fmt::Debug for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeySource::Keychain => "KeySource::Keychain",
            KeySource::Passphrase(_) => "KeySource::Passphrase(<redacted>)",
            KeySource::Key(_) => "KeySource::Key(<redacted>)",
        })
    }
}

/// The key for a database about to be created at `db_path`. With the keychain, a new random
/// key is stored there first, so a database never exists whose key was not kept.
pub fn key_for_new(db_path: &Path, source: &KeySource) -> Result<DbKey> {
    match source {
        KeySource::Keychain => {
            let key = DbKey::generate()?;
            keychain::store(&keychain::account_for(db_path), &key)?;
            Ok(key)
        }
        KeySource::Passphrase(passphrase) => passphrase::create(db_path, passphrase),
        KeySource::Key(key) => Ok(key.clone()),
    }
}

/// Undoes what [`key_for_new`] left behind when creating the database then failed.
pub fn forget_new_key(db_path: &Path, source: &KeySource) {
    match source {
        KeySource::Keychain => {
            let _ = keychain::delete(&keychain::account_for(db_path));
        }
        KeySource::Passphrase(_) => {
            let _ = std::fs::remove_file(passphrase::salt_path(db_path));
        }
        KeySource::Key(_) => {}
    }
}

/// The key of the existing database at `db_path`.
pub fn key_for_existing(db_path: &Path, source: &KeySource) -> Result<DbKey> {
    match source {
        KeySource::Keychain => {
            if passphrase::is_passphrase_protected(db_path) {
                return Err(Error::new(
                    ErrorCode::WrongKey,
                    format!(
                        "{} is protected by a passphrase, not by the keychain: give the passphrase",
                        db_path.display()
                    ),
                ));
            }
            keychain::load(&keychain::account_for(db_path))?.ok_or_else(|| {
                Error::new(
                    ErrorCode::Keychain,
                    format!("the OS keychain holds no key for {} (was it created on another machine or under another path?)", db_path.display()),
                )
            })
        }
        KeySource::Passphrase(passphrase) => passphrase::derive(db_path, passphrase),
        KeySource::Key(key) => Ok(key.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_redacted_debug() {
        let key = DbKey::generate().unwrap();
        assert_eq!(DbKey::from_hex(&key.to_hex()).unwrap(), key);
        assert_eq!(format!("{key:?}"), "DbKey(<redacted>)");
        assert_ne!(DbKey::generate().unwrap(), key, "two random keys are equal");
    }

    #[test]
    fn bad_hex_is_refused() {
        assert!(DbKey::from_hex("abcd").is_err());
        assert!(DbKey::from_hex(&"zz".repeat(32)).is_err());
    }
}
