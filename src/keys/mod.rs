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

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{Error, Result};

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
