//! Importing the payment history: settlements of invoices already in the database.

use std::collections::HashMap;

use crate::domain::{CustomerId, PaymentDraft};
use crate::error::Result;
use crate::store::{Counted, PaymentRecord, Store};

use super::table::Table;
use super::{
    ImportKind, ImportOptions, ImportPhase, ImportProgress, ImportReport, Problems, Remember,
    Sheet, chunks, finish,
};

pub(super) async fn import(
    store: &Store,
    table: &Table,
    options: &ImportOptions,
    remember: &Remember,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ImportReport> {
    let sheet = Sheet::new(table, ImportKind::Payments, options)?;
    let total = table.records.len();
    let mut records = Vec::with_capacity(total);
    // Identical rows (same invoice, day, amount and reference) are distinct payments:
    // the n-th occurrence gets its own key, the same on every re-import.
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    // Customer number by id, read once rather than once per row.
    let owners: HashMap<CustomerId, String> = store
        .customer_directory()
        .await?
        .into_iter()
        .map(|(number, (id, _))| (id, number))
        .collect();
    let mut problems = Problems::new(&table.file);
    for (i, record) in table.records.iter().enumerate() {
        let checked: Result<PaymentRecord> = async {
            let customer_number = sheet.required_text(record, "customer_number")?;
            let invoice_number = sheet.required_text(record, "invoice_number")?;
            let invoice = store
                .invoice_by_number(invoice_number)
                .await
                .map_err(|e| sheet.error(record, "invoice_number", &e.message))?;
            let owner = owners
                .get(&invoice.details.customer_id)
                .map(String::as_str)
                .unwrap_or_default();
            if owner != customer_number {
                return Err(sheet.error(
                record,
                "customer_number",
                &format!(
                    "invoice {invoice_number} belongs to customer {owner}, not {customer_number}"
                ),
            ));
            }
            let date = sheet.required_date(record, "payment_date")?;
            let amount =
                sheet.required_amount(record, "amount", invoice.details.amount.currency)?;
            if amount.is_zero() {
                return Err(sheet.error(record, "amount", "a payment of zero"));
            }
            let reference = sheet.text(record, "reference").to_string();
            let key = format!(
                "payment:{customer_number}|{invoice_number}|{date}|{}|{reference}",
                amount.amount.normalize()
            );
            let n = occurrences.entry(key.clone()).or_insert(0);
            *n += 1;
            Ok(PaymentRecord {
                payment: PaymentDraft {
                    customer_id: invoice.details.customer_id,
                    invoice_id: Some(invoice.id),
                    date,
                    amount,
                    reference,
                },
                source_key: format!("{key}#{n}"),
            })
        }
        .await;
        if let Some(record) = problems.keep(checked)? {
            records.push(record);
        }
        if i % 1_000 == 0 {
            progress(ImportProgress {
                phase: ImportPhase::Checking,
                done: i,
                total,
            });
        }
    }
    problems.verdict()?;
    let mut writer = store.writer().await?;
    let before = writer.count(Counted::Payments).await?;
    for (done, chunk) in chunks(&records) {
        writer.record_payments(chunk).await?;
        progress(ImportProgress {
            phase: ImportPhase::Writing,
            done,
            total,
        });
    }
    let mut report = finish(
        writer,
        &sheet,
        ImportKind::Payments,
        Counted::Payments,
        before,
        remember,
        options,
    )
    .await?;
    report.payments_recorded = total;
    Ok(report)
}
