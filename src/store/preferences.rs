//! The `preferences` table: settings kept with the data, each validated when saved and read
//! with its default when never set.

use sqlx::SqlitePool;

use crate::error::{Error, Result};

use super::Store;

/// Minutes without use after which a passphrase-protected database locks, by default.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 15;
/// The longest idle time a user may choose (a working day); 0 means never.
pub const MAX_IDLE_LOCK_MINUTES: u32 = 8 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preferences {
    /// Minutes without use before a passphrase-protected database locks; 0: never.
    pub idle_lock_minutes: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
        }
    }
}

impl Preferences {
    pub fn validated(self) -> Result<Preferences> {
        if self.idle_lock_minutes > MAX_IDLE_LOCK_MINUTES {
            return Err(Error::invalid(format!(
                "the idle time before locking is at most {MAX_IDLE_LOCK_MINUTES} minutes (0: never), not {}",
                self.idle_lock_minutes
            )));
        }
        Ok(self)
    }
}

const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";

/// The stored text of one preference, if it was ever set.
pub(super) async fn value(pool: &SqlitePool, name: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, String>("SELECT value FROM preferences WHERE name = ?")
            .bind(name)
            .fetch_optional(pool)
            .await?,
    )
}

/// Stores one preference's text, replacing what was there.
pub(super) async fn set_value(pool: &SqlitePool, name: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO preferences (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .bind(name)
    .bind(value)
    .execute(pool)
    .await?;
    Ok(())
}

impl Store {
    pub async fn preferences(&self) -> Result<Preferences> {
        let defaults = Preferences::default();
        let idle_lock_minutes = match value(self.pool(), IDLE_LOCK_MINUTES).await? {
            // A value this version cannot read (written by hand, or by a later version) falls
            // back to the default rather than locking the user out of their settings.
            Some(text) => text.parse().unwrap_or(defaults.idle_lock_minutes),
            None => defaults.idle_lock_minutes,
        };
        Ok(Preferences { idle_lock_minutes })
    }

    pub async fn save_preferences(&self, preferences: &Preferences) -> Result<()> {
        let p = preferences.validated()?;
        set_value(
            self.pool(),
            IDLE_LOCK_MINUTES,
            &p.idle_lock_minutes.to_string(),
        )
        .await
    }
}
