//! Backups: an encrypted copy of the whole database under a passphrase of its own.
//!
//! The working database's key may live in this laptop's keychain, which a stolen or broken
//! laptop takes with it; a backup protected by a passphrase opens anywhere the passphrase is
//! known (`creditdesk --db FILE --passphrase-env VAR …`, or as the app's database). Like every
//! passphrase database, it needs its `.salt` file beside it.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::passphrase;
use crate::store::Store;

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// The key derivation's salt and parameters: the backup does not open without it.
    pub salt_path: PathBuf,
    /// Size of the backup file.
    pub bytes: u64,
}

/// Writes a backup of `store` to `target`, replacing any file there (the user chose it),
/// but only once the copy is complete: a failure leaves `target` as it was.
pub async fn backup(store: &Store, target: &Path, passphrase: Zeroizing<String>) -> Result<Backup> {
    let name = target
        .file_name()
        .ok_or_else(|| Error::invalid(format!("{} is not a file name", target.display())))?;
    if same_file(target, store.path()) {
        return Err(Error::invalid(
            "a backup cannot replace the database it copies; choose another file",
        ));
    }
    let mut partial_name = name.to_os_string();
    partial_name.push(".partial");
    let partial = target.with_file_name(partial_name);
    remove_if_there(&partial)?;
    // Argon2 takes a moment on purpose: off the async workers.
    let key = {
        let partial = partial.clone();
        tokio::task::spawn_blocking(move || passphrase::create(&partial, &passphrase))
            .await
            .map_err(|e| Error::internal(format!("key derivation failed: {e}")))??
    };
    let written = async {
        store.export_to(&partial, &key).await?;
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, target)?;
        std::fs::rename(
            passphrase::salt_path(&partial),
            passphrase::salt_path(target),
        )?;
        Ok::<_, Error>(())
    }
    .await;
    if let Err(e) = written {
        let _ = remove_if_there(&partial);
        let _ = remove_if_there(&passphrase::salt_path(&partial));
        return Err(e);
    }
    Ok(Backup {
        path: target.to_path_buf(),
        salt_path: passphrase::salt_path(target),
        bytes: std::fs::metadata(target)?.len(),
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn remove_if_there(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}
