//! The collections rules over the demo company, whose customers were drawn with a known
//! behaviour: the segments must find those behaviours again from the history alone.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;
use crate::demo::{self, DemoOptions};
use crate::keys::DbKey;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

async fn demo_store(dir: &tempfile::TempDir, options: &DemoOptions) -> Store {
    let key = DbKey::generate().unwrap();
    let store = Store::create(&dir.path().join("demo.db"), &key, &demo::company())
        .await
        .unwrap();
    demo::populate(&store, options, &mut |_, _| {})
        .await
        .unwrap();
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn segments_find_the_demo_behaviours_again() {
    let dir = tempfile::tempdir().unwrap();
    let options = DemoOptions::new(as_of());
    let store = demo_store(&dir, &options).await;
    let drawn = demo::drawn_behaviours(&options).unwrap();
    let segments = all_segments(&store, as_of()).await.unwrap();
    let by_number: HashMap<String, Segment> = {
        let mut map = HashMap::new();
        for (id, (_, assignment)) in &segments {
            let customer = store.customer(*id).await.unwrap();
            map.insert(customer.details.number.to_string(), assignment.segment);
        }
        map
    };
    // Per behaviour: how many customers, how many found again.
    let mut tally: HashMap<&str, (u32, u32)> = HashMap::new();
    let mut confusions: HashMap<(&str, &str), u32> = HashMap::new();
    for (number, behaviour) in &drawn {
        let found = by_number[number].code();
        let entry = tally.entry(behaviour).or_default();
        entry.0 += 1;
        if found == *behaviour {
            entry.1 += 1;
        } else {
            *confusions.entry((behaviour, found)).or_default() += 1;
        }
    }
    let mut report: Vec<_> = tally.iter().collect();
    report.sort();
    eprintln!("found/drawn per behaviour: {report:?}\nconfusions: {confusions:?}");
    for (behaviour, (drawn, found)) in &tally {
        assert!(
            found * 100 >= drawn * 75,
            "{behaviour}: only {found} of {drawn} found again; confusions {confusions:?}"
        );
    }
    let total_found: u32 = tally.values().map(|(_, f)| f).sum();
    assert!(total_found * 100 >= drawn.len() as u32 * 85, "{report:?}");
}
