//! Values derived from the whole database (a forecast, a backtest), kept while the database
//! does not change: at millions of invoices each costs a second or two, and the app asks for
//! the same one page after page.

use std::any::Any;
use std::sync::{Arc, Mutex};

/// One value of each kind (the part of a key before its first '/'): the latest asked for.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    entries: Mutex<Vec<Entry>>,
}

struct Entry {
    key: String,
    /// The database's `data_version` when the value was made.
    version: i64,
    value: Arc<dyn Any + Send + Sync>,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("key", &self.key)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

fn kind(key: &str) -> &str {
    key.split('/').next().unwrap_or(key)
}

impl Memo {
    /// The value kept for `key`, if it was made at `version` and is a `T`.
    pub(crate) fn get<T: Send + Sync + 'static>(&self, key: &str, version: i64) -> Option<Arc<T>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|e| e.key == key && e.version == version)
            .and_then(|e| e.value.clone().downcast::<T>().ok())
    }

    /// Keeps `value` for `key`, in place of the value of the same kind.
    pub(crate) fn put<T: Send + Sync + 'static>(&self, key: &str, version: i64, value: Arc<T>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|e| kind(&e.key) != kind(key));
        entries.push(Entry {
            key: key.to_string(),
            version,
            value,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_value_per_kind_at_its_version() {
        let memo = Memo::default();
        memo.put("forecast/2026-11-23", 7, Arc::new(1u32));
        assert_eq!(
            memo.get::<u32>("forecast/2026-11-23", 7).as_deref(),
            Some(&1)
        );
        // Another version (the database changed), another key, another type: nothing.
        assert!(memo.get::<u32>("forecast/2026-11-23", 8).is_none());
        assert!(memo.get::<u32>("forecast/2026-11-24", 7).is_none());
        assert!(memo.get::<u64>("forecast/2026-11-23", 7).is_none());
        // Another kind is kept beside it; the same kind replaces it.
        memo.put("backtest/2026-05-25/182", 7, Arc::new(2u32));
        memo.put("forecast/2026-11-24", 7, Arc::new(3u32));
        assert!(memo.get::<u32>("forecast/2026-11-23", 7).is_none());
        assert_eq!(
            memo.get::<u32>("forecast/2026-11-24", 7).as_deref(),
            Some(&3)
        );
        assert_eq!(
            memo.get::<u32>("backtest/2026-05-25/182", 7).as_deref(),
            Some(&2)
        );
    }
}
