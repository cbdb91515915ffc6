use std::collections::{BTreeSet, HashMap};
use std::time::Instant;

use chrono::{Days, NaiveDate};

use super::*;
use crate::domain::{InvoiceKind, Language, validate_iban};
use crate::keys::DbKey;
use crate::store::{TimelineKind, TimelineQuery};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

async fn build(dir: &tempfile::TempDir, file: &str, options: &DemoOptions) -> (Store, DemoSummary) {
    let key = DbKey::generate().unwrap();
    let store = Store::create(&dir.path().join(file), &key, &company())
        .await
        .unwrap();
    let mut calls = Vec::new();
    let summary = populate(&store, options, &mut |done, total| {
        calls.push((done, total))
    })
    .await
    .unwrap();
    assert_eq!(calls.first(), Some(&(0, options.customers)));
    assert_eq!(calls.last(), Some(&(options.customers, options.customers)));
    (store, summary)
}

#[test]
fn the_company_is_belgian_and_its_bank_details_validate() {
    let c = company();
    assert_eq!(c.country, Country::BE);
    assert_eq!(c.base_currency, Currency::EUR);
    assert!(c.iban.starts_with("BE"));
    assert_eq!(validate_iban(&c.iban).unwrap(), c.iban);
    let vat: u64 = c.vat_number[2..].parse().unwrap();
    assert_eq!(97 - (vat / 100) % 97, vat % 100, "{}", c.vat_number);
    assert!(!c.signature.is_empty() && !c.bic.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn same_options_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = DemoOptions::new(as_of());
    options.customers = 120;
    let (a, sa) = build(&dir, "a.db", &options).await;
    let (b, sb) = build(&dir, "b.db", &options).await;
    assert_eq!(sa, sb);
    assert_eq!(a.status().await.unwrap(), b.status().await.unwrap());
    let summaries = a.customer_summaries(as_of()).await.unwrap();
    assert_eq!(summaries, b.customer_summaries(as_of()).await.unwrap());
    for s in summaries.iter().step_by(7) {
        assert_eq!(
            a.customer(s.id).await.unwrap(),
            b.customer(s.id).await.unwrap()
        );
        assert_eq!(
            a.contacts(s.id).await.unwrap(),
            b.contacts(s.id).await.unwrap()
        );
        assert_eq!(
            a.invoices_of(s.id).await.unwrap(),
            b.invoices_of(s.id).await.unwrap()
        );
        let q = TimelineQuery::first_page(as_of(), 1000);
        assert_eq!(
            a.timeline(s.id, &q).await.unwrap(),
            b.timeline(s.id, &q).await.unwrap()
        );
    }

    // Another seed, another company.
    options.seed += 1;
    let (c, _) = build(&dir, "c.db", &options).await;
    assert_ne!(summaries, c.customer_summaries(as_of()).await.unwrap());
}

/// Ageing bucket of an item open on `as_of`: 0 current, 1 for 1–30 days overdue, …, 4 for 90+.
fn bucket(due: NaiveDate) -> usize {
    match (as_of() - due).num_days() {
        ..=0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_standard_demo_is_realistic() {
    let dir = tempfile::tempdir().unwrap();
    let options = DemoOptions::new(as_of());
    let started = Instant::now();
    let (store, summary) = build(&dir, "demo.db", &options).await;
    let elapsed = started.elapsed();
    eprintln!("demo of {summary:?} built in {elapsed:?}");

    assert_eq!(summary.customers, 300);
    let status = store.status().await.unwrap();
    assert_eq!(status.customers, 300);
    assert_eq!(status.invoices as usize, summary.invoices);
    assert_eq!(status.payments as usize, summary.payments);
    assert!((3_000..15_000).contains(&summary.invoices), "{summary:?}");
    assert!(summary.payments > summary.invoices / 2, "{summary:?}");
    assert!(store.inconsistent_open_amounts().await.unwrap().is_empty());

    let mut countries = BTreeSet::new();
    let mut languages = BTreeSet::new();
    let mut buckets = [0usize; 5];
    let mut kinds: HashMap<TimelineKind, usize> = HashMap::new();
    let mut names = BTreeSet::new();
    let mut credit_notes = 0;
    let mut open_disputes = 0;
    let all_but_due = TimelineQuery {
        kinds: TimelineKind::ALL
            .into_iter()
            .filter(|k| *k != TimelineKind::DuePassed)
            .collect(),
        ..TimelineQuery::first_page(as_of(), 1)
    };
    let far = TimelineQuery {
        as_of: as_of() + Days::new(3650),
        ..all_but_due.clone()
    };
    for s in store.customer_summaries(as_of()).await.unwrap() {
        let customer = store.customer(s.id).await.unwrap();
        let d = &customer.details;
        let country = d.country.expect("every demo customer has a country");
        countries.insert(country.code().to_string());
        languages.insert(d.language.code());
        names.insert(d.name.clone());
        assert_eq!(d.currency == Currency::GBP, country == Country::GB);
        match country.code() {
            "NL" => assert_eq!(d.language, Language::Nl),
            "FR" => assert_eq!(d.language, Language::Fr),
            "GB" => assert_eq!(d.language, Language::En),
            "DE" => assert_eq!(d.language, Language::De),
            _ => {}
        }
        assert!(!d.ibans.is_empty());
        for iban in &d.ibans {
            assert!(validate_iban(iban).is_ok(), "{iban}");
        }
        assert!(d.credit_limit.is_some() && !d.owner.is_empty() && !d.email.is_empty());
        assert!(!d.address.line1.is_empty() && !d.address.postal_code.is_empty());
        let contacts = store.contacts(s.id).await.unwrap();
        assert!((1..=3).contains(&contacts.len()));
        assert_eq!(contacts.iter().filter(|c| c.is_billing).count(), 1);

        for inv in store.invoices_of(s.id).await.unwrap() {
            let i = &inv.details;
            assert!(i.issue_date <= as_of());
            assert_eq!(i.amount.currency, d.currency);
            if i.kind == InvoiceKind::CreditNote {
                credit_notes += 1;
                continue;
            }
            if !inv.open_amount.is_zero() {
                buckets[bucket(i.due_date)] += 1;
                open_disputes += usize::from(i.disputed);
            } else {
                assert!(!i.disputed, "{} is paid and still disputed", i.number);
                assert!(i.due_date <= as_of(), "{} paid before it was due", i.number);
            }
        }
        for p in store.payments_of(s.id).await.unwrap() {
            assert!(p.details.date <= as_of());
        }

        let page = store
            .timeline(s.id, &TimelineQuery::first_page(as_of(), 1000))
            .await
            .unwrap();
        assert!(page.total <= 1000);
        for e in &page.events {
            *kinds.entry(e.kind).or_default() += 1;
        }
        // Nothing happens after `as_of`.
        let now = store.timeline(s.id, &all_but_due).await.unwrap().total;
        let later = store.timeline(s.id, &far).await.unwrap().total;
        assert_eq!(now, later, "customer {} has events after as_of", s.number);
    }
    eprintln!(
        "open items per ageing bucket: {buckets:?}; credit notes {credit_notes}; open disputes {open_disputes}"
    );
    eprintln!("timeline events: {kinds:?}");

    assert_eq!(
        countries,
        ["BE", "DE", "FR", "GB", "NL"].map(String::from).into()
    );
    assert_eq!(languages, ["de", "en", "fr", "nl"].into());
    assert!(names.len() >= 295, "only {} distinct names", names.len());
    for (b, count) in buckets.iter().enumerate() {
        assert!(*count >= 5, "ageing bucket {b} has only {count} open items");
    }
    for kind in [
        TimelineKind::InvoiceIssued,
        TimelineKind::CreditNoteIssued,
        TimelineKind::DuePassed,
        TimelineKind::Payment,
        TimelineKind::Note,
        TimelineKind::Call,
        TimelineKind::Promise,
        TimelineKind::Dispute,
    ] {
        assert!(
            kinds.get(&kind).copied().unwrap_or(0) >= 5,
            "too few {kind:?} events: {kinds:?}"
        );
    }
    assert!(credit_notes > 0 && open_disputes > 0);
}
