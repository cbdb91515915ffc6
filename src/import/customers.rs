//! Importing the customer list.

use crate::domain::{Address, Channel, Country, CustomerDraft, CustomerNumber, Language};
use crate::error::Result;
use crate::money::Currency;
use crate::store::{Counted, CustomerFields, Store};

use super::table::{Record, Table};
use super::{
    ImportKind, ImportOptions, ImportPhase, ImportProgress, ImportReport, Problems, Remember,
    Sheet, chunks, finish,
};

pub(super) async fn import(
    store: &Store,
    table: &Table,
    options: &ImportOptions,
    remember: &Remember,
    base_currency: Currency,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ImportReport> {
    let sheet = Sheet::new(table, ImportKind::Customers, options)?;
    let mut problems = Problems::new(&table.file);
    sheet.check_unique("customer_number", "customer", &mut problems)?;
    let total = table.records.len();
    let mut drafts = Vec::with_capacity(total);
    for (i, record) in table.records.iter().enumerate() {
        if let Some(draft) = problems.keep(draft(&sheet, record, base_currency))? {
            drafts.push(draft);
        }
        if i % 10_000 == 0 {
            progress(ImportProgress {
                phase: ImportPhase::Checking,
                done: i,
                total,
            });
        }
    }
    problems.verdict()?;
    let has = |f: &str| sheet.columns.has(f);
    let fields = CustomerFields {
        vat_number: has("vat_number"),
        address: has("address_line1") || has("address_line2") || has("postal_code") || has("city"),
        country: has("country"),
        language: has("language") || has("country"),
        currency: has("currency"),
        payment_terms_days: has("payment_terms_days"),
        credit_limit: has("credit_limit"),
        preferred_channel: false,
        email: has("email"),
        phone: has("phone"),
        owner: has("owner"),
    };

    let mut writer = store.writer().await?;
    let before = writer.count(Counted::Customers).await?;
    for (done, chunk) in chunks(&drafts) {
        writer.upsert_customers(chunk, fields).await?;
        progress(ImportProgress {
            phase: ImportPhase::Writing,
            done,
            total,
        });
    }
    finish(
        writer,
        &sheet,
        ImportKind::Customers,
        Counted::Customers,
        before,
        remember,
        options,
    )
    .await
}

fn draft(sheet: &Sheet, record: &Record, base_currency: Currency) -> Result<CustomerDraft> {
    let wrap = |field: &'static str| move |e: crate::Error| sheet.error(record, field, &e.message);
    let number = CustomerNumber::parse(sheet.required_text(record, "customer_number")?)
        .map_err(wrap("customer_number"))?;
    let currency = sheet.currency(record, base_currency)?;
    let mut c = CustomerDraft::new(number, sheet.required_text(record, "name")?, currency)
        .map_err(wrap("name"))?;
    c.vat_number = sheet.text(record, "vat_number").to_string();
    c.address = Address {
        line1: sheet.text(record, "address_line1").to_string(),
        line2: sheet.text(record, "address_line2").to_string(),
        postal_code: sheet.text(record, "postal_code").to_string(),
        city: sheet.text(record, "city").to_string(),
    };
    c.country = match sheet.text(record, "country") {
        "" => None,
        code => Some(Country::parse(code).map_err(wrap("country"))?),
    };
    c.language = match sheet.text(record, "language") {
        "" => c
            .country
            .map(|k| k.default_language())
            .unwrap_or(Language::En),
        text => Language::parse(text).map_err(wrap("language"))?,
    };
    if let Some(limit) = sheet.amount(record, "credit_limit", currency)? {
        c.set_credit_limit(limit).map_err(wrap("credit_limit"))?;
    }
    let terms = sheet.text(record, "payment_terms_days");
    if !terms.is_empty() {
        c.payment_terms_days =
            terms
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= 365)
                .ok_or_else(|| {
                    sheet.error(
                        record,
                        "payment_terms_days",
                        &format!("'{terms}' is not a number of days (0 to 365)"),
                    )
                })?;
    }
    c.email = sheet.text(record, "email").to_string();
    if !c.email.is_empty() && !c.email.contains('@') {
        return Err(sheet.error(
            record,
            "email",
            &format!("'{}' is not an e-mail address", c.email),
        ));
    }
    c.phone = sheet.text(record, "phone").to_string();
    c.owner = sheet.text(record, "owner").to_string();
    for iban in sheet
        .text(record, "iban")
        .split([';', '|'])
        .filter(|s| !s.trim().is_empty())
    {
        c.add_iban(iban).map_err(wrap("iban"))?;
    }
    c.preferred_channel = if c.email.is_empty() {
        Channel::Letter
    } else {
        Channel::Email
    };
    Ok(c)
}
