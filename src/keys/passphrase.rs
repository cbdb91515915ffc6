//! A key derived from a passphrase with Argon2id, for machines without a keychain.
//!
//! The salt and the Argon2 parameters live in a small text file beside the database
//! (`<db>.salt`), so the same passphrase gives the same key on the next open.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, ErrorCode, Result};

use super::{DbKey, KEY_LEN};

const SALT_LEN: usize = 16;
/// OWASP's recommendation for Argon2id (19 MiB, 2 passes, 1 lane) at the time of writing.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;
const MIN_PASSPHRASE_CHARS: usize = 8;

/// The salt file of a database: `<db>.salt`.
pub fn salt_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".salt");
    PathBuf::from(name)
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct KdfParams {
    salt: [u8; SALT_LEN],
    memory_kib: u32,
    passes: u32,
    lanes: u32,
}

impl KdfParams {
    fn fresh() -> Result<KdfParams> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt)
            .map_err(|e| Error::internal(format!("the OS random source failed: {e}")))?;
        Ok(KdfParams {
            salt,
            memory_kib: MEMORY_KIB,
            passes: PASSES,
            lanes: LANES,
        })
    }

    fn to_text(&self) -> String {
        format!(
            "argon2id v=19 m={} t={} p={} salt={}\n",
            self.memory_kib,
            self.passes,
            self.lanes,
            hex::encode(self.salt)
        )
    }

    fn parse(text: &str, file: &Path) -> Result<KdfParams> {
        let bad = || {
            Error::new(
                ErrorCode::InvalidInput,
                format!("{}: not a Creditdesk salt file", file.display()),
            )
        };
        let mut fields = text.split_whitespace();
        if fields.next() != Some("argon2id") || fields.next() != Some("v=19") {
            return Err(bad());
        }
        let mut value = |prefix: &str| {
            fields
                .next()
                .and_then(|f| f.strip_prefix(prefix))
                .ok_or_else(bad)
                .map(str::to_string)
        };
        let memory_kib = value("m=")?.parse().map_err(|_| bad())?;
        let passes = value("t=")?.parse().map_err(|_| bad())?;
        let lanes = value("p=")?.parse().map_err(|_| bad())?;
        let mut salt = [0u8; SALT_LEN];
        hex::decode_to_slice(value("salt=")?, &mut salt).map_err(|_| bad())?;
        Ok(KdfParams {
            salt,
            memory_kib,
            passes,
            lanes,
        })
    }

    fn derive(&self, passphrase: &str) -> Result<DbKey> {
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(KEY_LEN))
            .map_err(|e| Error::invalid(format!("bad Argon2 parameters: {e}")))?;
        let mut out = [0u8; KEY_LEN];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.as_bytes(), &self.salt, &mut out)
            .map_err(|e| Error::internal(format!("Argon2 failed: {e}")))?;
        Ok(DbKey::from_bytes(out))
    }
}

/// The key for a new database protected by `passphrase`; writes the salt file beside it.
pub fn create(db_path: &Path, passphrase: &str) -> Result<DbKey> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(format!(
            "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    let params = KdfParams::fresh()?;
    let key = params.derive(passphrase)?;
    std::fs::write(salt_path(db_path), params.to_text())?;
    Ok(key)
}

/// The key of an existing passphrase-protected database, from its salt file. A wrong
/// passphrase gives a wrong key, which the store then refuses with `wrong_key`.
pub fn derive(db_path: &Path, passphrase: &str) -> Result<DbKey> {
    let file = salt_path(db_path);
    let text = std::fs::read_to_string(&file).map_err(|e| {
        Error::new(
            ErrorCode::NotFound,
            format!(
                "{}: {e} (this database is not protected by a passphrase?)",
                file.display()
            ),
        )
    })?;
    KdfParams::parse(&text, &file)?.derive(passphrase)
}

/// True when the database has a salt file, i.e. its key comes from a passphrase.
pub fn is_passphrase_protected(db_path: &Path) -> bool {
    salt_path(db_path).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_passphrase_same_key_other_passphrase_other_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("books.db");
        let key = create(&db, "correct horse battery").unwrap();
        assert_eq!(derive(&db, "correct horse battery").unwrap(), key);
        assert_ne!(derive(&db, "correct horse batterY").unwrap(), key);
        assert!(is_passphrase_protected(&db));
        let text = std::fs::read_to_string(salt_path(&db)).unwrap();
        assert!(
            text.starts_with("argon2id v=19 m=19456 t=2 p=1 salt="),
            "{text}"
        );
    }

    #[test]
    fn short_passphrase_and_bad_salt_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("books.db");
        assert!(create(&db, "short").is_err());
        std::fs::write(salt_path(&db), "garbage").unwrap();
        assert_eq!(
            derive(&db, "whatever long").unwrap_err().code,
            ErrorCode::InvalidInput
        );
    }
}
