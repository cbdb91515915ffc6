//! Importing invoices (and credit notes), with their settlement when an ERP history export
//! carries a paid date, or their open amount when it carries that.

use std::collections::HashMap;

use crate::domain::{
    CustomerDraft, CustomerId, CustomerNumber, InvoiceDraft, InvoiceNumber, PaymentDraft,
};
use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::{Counted, CustomerFields, PaymentRecord, Store};

use super::table::{Record, Table};
use super::{
    ImportKind, ImportOptions, ImportPhase, ImportProgress, ImportReport, Problems, Remember,
    Sheet, chunks, finish,
};

/// One checked row: the invoice, and what the export says was paid of it.
struct Row {
    draft: InvoiceDraft,
    customer_number: String,
    settlement: Option<PaymentDraft>,
    /// Already paid per the export's open amount column (without a paid date).
    paid_before: Option<Money>,
}

pub(super) async fn import(
    store: &Store,
    table: &Table,
    options: &ImportOptions,
    remember: &Remember,
    base_currency: Currency,
    progress: &mut (dyn FnMut(ImportProgress) + Send),
) -> Result<ImportReport> {
    let sheet = Sheet::new(table, ImportKind::Invoices, options)?;
    let mut problems = Problems::new(&table.file);
    sheet.check_unique("invoice_number", "invoice", &mut problems)?;

    let mut directory: HashMap<String, (CustomerId, Currency)> = store.customer_directory().await?;
    // Customers to create, by number, with the currency of their first invoice.
    let mut missing: Vec<(String, Currency)> = Vec::new();
    let total = table.records.len();
    let mut rows = Vec::with_capacity(total);
    let mut check = |record: &Record| -> Result<Row> {
        let customer_number = sheet.required_text(record, "customer_number")?;
        let (customer_id, currency) = match directory.get(customer_number) {
            Some(&(id, customer_currency)) => {
                let currency = sheet.currency(record, customer_currency)?;
                if currency != customer_currency {
                    return Err(sheet.error(record, "currency", &format!("invoice in {currency}, but customer {customer_number} is invoiced in {customer_currency}")));
                }
                (id, currency)
            }
            None if options.create_missing_customers => {
                let currency = sheet.currency(record, base_currency)?;
                CustomerNumber::parse(customer_number)
                    .map_err(|e| sheet.error(record, "customer_number", &e.message))?;
                // A placeholder id: the real one is known once the customer is written.
                let placeholder = CustomerId(-(missing.len() as i64) - 1);
                missing.push((customer_number.to_string(), currency));
                directory.insert(customer_number.to_string(), (placeholder, currency));
                (placeholder, currency)
            }
            None => {
                return Err(sheet.error(
                    record,
                    "customer_number",
                    &format!("no customer '{customer_number}' in the database (import customers first, or let the import create them)"),
                ));
            }
        };
        row(&sheet, record, customer_id, customer_number, currency)
    };
    for (i, record) in table.records.iter().enumerate() {
        if let Some(row) = problems.keep(check(record))? {
            rows.push(row);
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

    let mut writer = store.writer().await?;
    let before = writer.count(Counted::Invoices).await?;
    if !missing.is_empty() {
        let drafts = missing
            .iter()
            .map(|(number, currency)| {
                CustomerDraft::new(CustomerNumber::parse(number)?, number, *currency)
            })
            .collect::<Result<Vec<_>>>()?;
        let ids = writer
            .upsert_customers(&drafts, CustomerFields::default())
            .await?;
        let real: HashMap<&str, CustomerId> =
            missing.iter().map(|(n, _)| n.as_str()).zip(ids).collect();
        for row in rows.iter_mut().filter(|r| r.draft.customer_id.0 < 0) {
            row.draft.customer_id = real[row.customer_number.as_str()];
        }
    }
    let carries_disputed = sheet.columns.has("disputed");
    let mut payments_recorded = 0;
    for (done, chunk) in chunks(&rows) {
        let drafts: Vec<&InvoiceDraft> = chunk.iter().map(|r| &r.draft).collect();
        writer.write_invoices(&drafts, carries_disputed).await?;
        // Ids are read back only for the rows that record something against their invoice.
        let paid: Vec<&Row> = chunk
            .iter()
            .filter(|r| r.settlement.is_some() || r.paid_before.is_some())
            .collect();
        let numbers: Vec<&str> = paid.iter().map(|r| r.draft.number.as_str()).collect();
        let ids = writer.invoice_ids(&numbers).await?;
        let mut settlements = Vec::new();
        for (row, id) in paid.into_iter().zip(&ids) {
            if let Some(settlement) = &row.settlement {
                let mut payment = settlement.clone();
                payment.customer_id = row.draft.customer_id;
                payment.invoice_id = Some(*id);
                settlements.push(PaymentRecord {
                    payment,
                    source_key: format!("invoice-paid:{}", row.draft.number),
                });
            }
            if let Some(paid) = row.paid_before {
                writer
                    .set_opening_balance(*id, paid, row.draft.issue_date)
                    .await?;
            }
        }
        payments_recorded += settlements.len();
        writer.record_payments(&settlements).await?;
        progress(ImportProgress {
            phase: ImportPhase::Writing,
            done,
            total,
        });
    }
    let mut report = finish(
        writer,
        &sheet,
        ImportKind::Invoices,
        Counted::Invoices,
        before,
        remember,
        options,
    )
    .await?;
    report.customers_created = missing.len();
    report.payments_recorded = payments_recorded;
    Ok(report)
}

fn row(
    sheet: &Sheet,
    record: &Record,
    customer_id: CustomerId,
    customer_number: &str,
    currency: Currency,
) -> Result<Row> {
    let number = InvoiceNumber::parse(sheet.required_text(record, "invoice_number")?)
        .map_err(|e| sheet.error(record, "invoice_number", &e.message))?;
    let issue = sheet.required_date(record, "issue_date")?;
    let due = sheet.required_date(record, "due_date")?;
    let amount = sheet.required_amount(record, "amount", currency)?;
    let mut draft = InvoiceDraft::new(number, customer_id, issue, due, amount).map_err(|e| {
        let field = if amount.is_zero() {
            "amount"
        } else {
            "due_date"
        };
        sheet.error(record, field, &e.message)
    })?;
    draft.reference = sheet.text(record, "reference").to_string();
    draft.po_number = sheet.text(record, "po_number").to_string();
    draft.description = sheet.text(record, "description").to_string();
    draft.disputed = sheet.flag(record, "disputed")?;

    let open = sheet.amount(record, "open_amount", currency)?;
    if let Some(open) = open
        && (open.amount.abs() > amount.amount.abs()
            || open.amount.is_sign_negative() != amount.amount.is_sign_negative()
                && !open.is_zero())
    {
        return Err(sheet.error(
            record,
            "open_amount",
            &format!("open amount {open} does not fit the invoice amount {amount}"),
        ));
    }
    let paid_before_open = open.map(|o| amount.checked_sub(&o)).transpose()?;
    let settlement = match sheet.date(record, "paid_date")? {
        Some(date) => {
            let paid = match sheet.amount(record, "paid_amount", currency)? {
                Some(paid) => paid,
                None => paid_before_open.unwrap_or(amount),
            };
            Some(PaymentDraft {
                customer_id,
                invoice_id: None,
                date,
                amount: paid,
                reference: String::new(),
            })
        }
        None => None,
    };
    let paid_before = if settlement.is_none() {
        paid_before_open
    } else {
        None
    };
    Ok(Row {
        draft,
        customer_number: customer_number.to_string(),
        settlement,
        paid_before,
    })
}
