//! The encrypted store: SQLCipher really linked, nothing in plain bytes, wrong keys refused
//! without touching the file.

use std::collections::BTreeMap;

use creditdesk::ErrorCode;
use creditdesk::domain::{CustomerDraft, CustomerNumber};
use creditdesk::keys::DbKey;
use creditdesk::money::Currency;
use creditdesk::store::{CustomerFields, Store};

use crate::util::new_db;

const SECRET_NAME: &str = "Zyxwvut Plaintextcheck Bvba";

/// A customer named `SECRET_NAME`, whose name must never appear in plain bytes.
async fn add_secret_customer(store: &Store) {
    let mut w = store.writer().await.unwrap();
    let draft = CustomerDraft::new(
        CustomerNumber::parse("C-SECRET").unwrap(),
        SECRET_NAME,
        Currency::EUR,
    )
    .unwrap();
    w.upsert_customers(&[draft], CustomerFields::ALL)
        .await
        .unwrap();
    w.commit().await.unwrap();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn files_of(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlcipher_is_linked() {
    let db = new_db().await;
    let version = db.store.cipher_version().await.unwrap();
    assert!(
        version.starts_with('4'),
        "unexpected SQLCipher version {version}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_plaintext_in_the_main_file_or_the_wal() {
    let db = new_db().await;
    add_secret_customer(&db.store).await;

    // While open, the write sits in the WAL.
    let wal = std::fs::read(db.path.with_extension("db-wal"))
        .expect("WAL mode leaves a -wal file while open");
    assert!(
        !wal.is_empty(),
        "the WAL is empty: the write did not go through it"
    );
    assert!(
        !contains(&wal, SECRET_NAME.as_bytes()),
        "customer name in plain bytes in the WAL"
    );
    let main = std::fs::read(&db.path).unwrap();
    assert!(
        !main.starts_with(b"SQLite format 3"),
        "plain SQLite header: the file is not encrypted"
    );
    assert!(!contains(&main, SECRET_NAME.as_bytes()));

    db.store.close().await;
    let main = std::fs::read(&db.path).unwrap();
    assert!(!main.starts_with(b"SQLite format 3"));
    assert!(
        !contains(&main, SECRET_NAME.as_bytes()),
        "customer name in plain bytes after checkpoint"
    );
    assert!(!contains(&main, b"CREATE TABLE"), "schema in plain bytes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_key_reopens_the_data() {
    let db = new_db().await;
    let mut w = db.store.writer().await.unwrap();
    let draft =
        CustomerDraft::new(CustomerNumber::parse("C-1").unwrap(), "Acme", Currency::EUR).unwrap();
    w.upsert_customers(&[draft], CustomerFields::ALL)
        .await
        .unwrap();
    w.commit().await.unwrap();
    db.store.close().await;

    let reopened = Store::open(&db.path, &db.key).await.unwrap();
    assert_eq!(
        reopened
            .customer_by_number("C-1")
            .await
            .unwrap()
            .details
            .name,
        "Acme"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_fails_cleanly_and_changes_nothing() {
    let db = new_db().await;
    db.store.close().await;
    let before = files_of(db.dir.path());

    let err = Store::open(&db.path, &DbKey::generate().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::WrongKey);
    assert!(err.message.contains("wrong key"), "{}", err.message);
    assert_eq!(
        files_of(db.dir.path()),
        before,
        "a failed open changed the files"
    );

    // And the right key still works afterwards.
    Store::open(&db.path, &db.key).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_never_overwrites_and_open_needs_a_file() {
    let db = new_db().await;
    db.store.close().await;
    let company =
        creditdesk::domain::Company::placeholder(creditdesk::domain::Country::BE, Currency::EUR);
    let err = Store::create(&db.path, &db.key, &company)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    let err = Store::open(&db.dir.path().join("missing.db"), &db.key)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(!db.dir.path().join("missing.db").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_database_is_refused_as_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, vec![7u8; 8192]).unwrap();
    let err = Store::open(&path, &DbKey::generate().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::WrongKey);
    assert_eq!(std::fs::read(&path).unwrap(), vec![7u8; 8192]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_passphrase_protected_database_round_trip() {
    use creditdesk::keys::{KeySource, key_for_existing, key_for_new};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("travel.db");
    let source = KeySource::Passphrase(zeroize::Zeroizing::new("a long travel passphrase".into()));
    let key = key_for_new(&path, &source).unwrap();
    let company =
        creditdesk::domain::Company::placeholder(creditdesk::domain::Country::FR, Currency::EUR);
    Store::create(&path, &key, &company)
        .await
        .unwrap()
        .close()
        .await;

    let again = key_for_existing(&path, &source).unwrap();
    let store = Store::open(&path, &again).await.unwrap();
    assert_eq!(
        store.company().await.unwrap().country,
        creditdesk::domain::Country::FR
    );
    store.close().await;

    let wrong = KeySource::Passphrase(zeroize::Zeroizing::new("not the passphrase".into()));
    let err = Store::open(&path, &key_for_existing(&path, &wrong).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::WrongKey);
    // The keychain is not asked for a passphrase database: the error says what to give.
    let err = key_for_existing(&path, &KeySource::Keychain).unwrap_err();
    assert!(err.message.contains("passphrase"), "{}", err.message);
}

/// A backup is the whole database, encrypted under its own passphrase: it opens with that
/// passphrase only, holds no plain text, and replaces an older backup only once complete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_opens_with_its_own_passphrase_only() {
    use creditdesk::keys::passphrase;
    use zeroize::Zeroizing;
    let db = crate::util::new_db().await;
    add_secret_customer(&db.store).await;
    // Backups are made from a database opened again later, not only from a new one (whose
    // connections may create files).
    db.store.clone().close().await;
    let store = Store::open(&db.path, &db.key).await.unwrap();
    let db = crate::util::TestDb { store, ..db };

    let target = db.dir.path().join("backups/monday.creditdesk");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, b"last week's backup").unwrap();
    let secret = || Zeroizing::new("a long backup passphrase".to_string());

    let short = creditdesk::backup::backup(&db.store, &target, Zeroizing::new("short".into()))
        .await
        .unwrap_err();
    assert_eq!(short.code, ErrorCode::InvalidInput);
    assert_eq!(std::fs::read(&target).unwrap(), b"last week's backup");
    let onto_itself = creditdesk::backup::backup(&db.store, &db.path, secret())
        .await
        .unwrap_err();
    assert_eq!(onto_itself.code, ErrorCode::InvalidInput);

    let backup = creditdesk::backup::backup(&db.store, &target, secret())
        .await
        .unwrap();
    assert_eq!(backup.path, target);
    assert_eq!(backup.salt_path, passphrase::salt_path(&target));
    assert!(backup.salt_path.is_file());
    let bytes = std::fs::read(&target).unwrap();
    assert_eq!(backup.bytes, bytes.len() as u64);
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!contains(&bytes, SECRET_NAME.as_bytes()));
    assert!(!contains(&bytes, b"CREATE TABLE"));
    let leftovers: Vec<_> = std::fs::read_dir(target.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let wrong = passphrase::derive(&target, "not the backup passphrase").unwrap();
    assert_eq!(
        Store::open(&target, &wrong).await.unwrap_err().code,
        ErrorCode::WrongKey
    );
    let key = passphrase::derive(&target, "a long backup passphrase").unwrap();
    let copy = Store::open(&target, &key).await.unwrap();
    assert_eq!(
        copy.status().await.unwrap(),
        db.store.status().await.unwrap()
    );
    assert_eq!(
        copy.company().await.unwrap(),
        db.store.company().await.unwrap()
    );
    copy.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preferences_have_defaults_are_validated_and_kept() {
    use creditdesk::store::{DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES, Preferences};
    let db = crate::util::new_db().await;
    assert_eq!(
        db.store.preferences().await.unwrap().idle_lock_minutes,
        DEFAULT_IDLE_LOCK_MINUTES
    );
    let too_long = Preferences {
        idle_lock_minutes: MAX_IDLE_LOCK_MINUTES + 1,
    };
    assert_eq!(
        db.store.save_preferences(&too_long).await.unwrap_err().code,
        ErrorCode::InvalidInput
    );
    for minutes in [0, 5, MAX_IDLE_LOCK_MINUTES] {
        let p = Preferences {
            idle_lock_minutes: minutes,
        };
        db.store.save_preferences(&p).await.unwrap();
        assert_eq!(db.store.preferences().await.unwrap(), p);
    }
}
