//! The key in the real OS keychain (Secret Service on Linux: the test command runs the tests
//! inside a private D-Bus session with an unlocked gnome-keyring, see scripts/with-keyring).

use creditdesk::domain::{Company, Country};
use creditdesk::keys::{DbKey, KeySource, key_for_existing, key_for_new, keychain};
use creditdesk::money::Currency;
use creditdesk::store::Store;

#[test]
fn store_load_delete_round_trip() {
    let account = format!("creditdesk-test-{}", std::process::id());
    let key = DbKey::generate().unwrap();
    keychain::store(&account, &key)
        .expect("the OS keychain must be reachable (run the tests through scripts/test)");
    assert_eq!(keychain::load(&account).unwrap(), Some(key));
    keychain::delete(&account).unwrap();
    assert_eq!(keychain::load(&account).unwrap(), None);
    keychain::delete(&account).unwrap(); // deleting twice is fine
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_database_keeps_its_key_in_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laptop.db");
    let create_path = path.clone();
    let key = tokio::task::spawn_blocking(move || key_for_new(&create_path, &KeySource::Keychain))
        .await
        .unwrap()
        .unwrap();
    Store::create(
        &path,
        &key,
        &Company::placeholder(Country::NL, Currency::EUR),
    )
    .await
    .unwrap()
    .close()
    .await;

    let open_path = path.clone();
    let found =
        tokio::task::spawn_blocking(move || key_for_existing(&open_path, &KeySource::Keychain))
            .await
            .unwrap()
            .unwrap();
    assert_eq!(found, key);
    let store = Store::open(&path, &found).await.unwrap();
    assert_eq!(store.company().await.unwrap().country, Country::NL);
    store.close().await;

    keychain::delete(&keychain::account_for(&path)).unwrap();
    let gone = key_for_existing(&path, &KeySource::Keychain).unwrap_err();
    assert_eq!(gone.code, creditdesk::ErrorCode::Keychain);
}
