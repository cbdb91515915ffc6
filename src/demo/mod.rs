//! The demo company: a Belgian wholesaler and a realistic, deterministic book of customers
//! (`creditdesk demo`), and at scale the stress database of the benchmarks.
//!
//! Customers in NL, BE, FR, DE and the UK, each with two years of invoices and payments that
//! follow one of the behaviours of DESIGN §6 (punctual, forgetful, systematically late,
//! struggling, disputing, new), with calls, notes, promises and disputes on the way.
//!
//! Deterministic: the same [`DemoOptions`] give the same data, byte for byte. Nothing reads
//! the clock; "today" is `as_of`. Customers are drawn and written in chunks inside one
//! transaction, so memory stays bounded however many customers are asked for.

mod bank;
mod behaviour;
mod catalogue;
mod customer;
mod dice;
mod history;
mod names;
mod numbers;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::domain::{
    Address, Company, Country, CustomerId, InteractionDraft, InteractionKind, InvoiceDraft,
    InvoiceId, PaymentDraft,
};
use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::{CustomerFields, PaymentRecord, Store, Writer};

use customer::CustomerPlan;
use dice::Dice;
use history::{Event, History, Numbering};

/// Customers drawn and written together; bounds the memory a large demo needs.
const CHUNK: usize = 500;

/// The seed of the standard demo.
const DEFAULT_SEED: u64 = 2026;

/// What to build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub customers: usize,
    /// "Today" for the demo: the history ends here.
    pub as_of: NaiveDate,
    pub seed: u64,
    /// Also write a last bank statement, not yet reconciled (see `bank`).
    pub bank_statement: bool,
}

impl DemoOptions {
    /// The standard demo: 300 customers, a fixed seed.
    pub fn new(as_of: NaiveDate) -> Self {
        DemoOptions {
            customers: 300,
            as_of,
            seed: DEFAULT_SEED,
            bank_statement: true,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoSummary {
    pub customers: usize,
    /// Invoices and credit notes.
    pub invoices: usize,
    pub payments: usize,
    pub interactions: usize,
    pub bank_entries: usize,
}

/// The demo's own company: a Belgian B2B wholesaler of electrical and lighting supplies.
pub fn company() -> Company {
    // A KBC account: bank code 735, the account, and the Belgian check digits.
    let account = 7_350_412_893_u64;
    let bban = format!("{account}{:02}", account % 97);
    Company {
        name: "Brightwave Supplies NV".into(),
        address: Address {
            line1: "Noorderlaan 133".into(),
            line2: String::new(),
            postal_code: "2030".into(),
            city: "Antwerpen".into(),
        },
        country: Country::BE,
        vat_number: numbers::belgian_vat(4_718_265),
        iban: numbers::iban("BE", &bban),
        bic: "KREDBEBB".into(),
        base_currency: Currency::EUR,
        email: "credit@brightwave-supplies.be".into(),
        phone: "+32 3 541 27 90".into(),
        signature: "Sofie Verbeke, Credit Department".into(),
    }
}

/// Writes the demo into `store`, a new empty database, in one transaction, calling
/// `progress(done, total)` after each chunk of customers.
///
/// Customers are drawn twice (a cheap first pass numbers the invoices in date order), then
/// drawn again and written chunk by chunk: memory holds one chunk, however large the demo.
pub async fn populate(
    store: &Store,
    options: &DemoOptions,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<DemoSummary> {
    let total = options.customers;
    progress(0, total);
    // A first pass over the same draws counts the invoices of each day, so that invoice
    // numbers can follow the dates (see `Numbering`). Planning costs little beside writing.
    let mut numbering = Numbering::default();
    let mut taken = HashSet::new();
    for index in 0..total {
        draw(options, index, &mut taken, &mut numbering)?;
    }
    numbering.start_numbering();
    taken.clear();

    let mut writer = store.writer().await?;
    let mut summary = DemoSummary::default();
    for start in (0..total).step_by(CHUNK) {
        let end = (start + CHUNK).min(total);
        let chunk = (start..end)
            .map(|index| draw(options, index, &mut taken, &mut numbering))
            .collect::<Result<Vec<_>>>()?;
        write_chunk(&mut writer, chunk, &mut summary).await?;
        progress(end, total);
    }
    writer.commit().await?;
    if options.bank_statement {
        summary.bank_entries = bank::write_statement(store, options.as_of, options.seed).await?;
    }
    Ok(summary)
}

/// The behaviour each demo customer was drawn with, by customer number, named as the segment
/// the collections rules should find again from its history (for tests).
#[cfg(test)]
pub(crate) fn drawn_behaviours(options: &DemoOptions) -> Result<Vec<(String, &'static str)>> {
    use behaviour::Behaviour;
    let mut numbering = Numbering::default();
    let mut taken = HashSet::new();
    (0..options.customers)
        .map(|index| {
            let (plan, _) = draw(options, index, &mut taken, &mut numbering)?;
            let segment = match plan.profile.habit.behaviour {
                Behaviour::Punctual => "punctual",
                Behaviour::Forgetful => "forgetful",
                Behaviour::LatePayer => "systematic_late",
                Behaviour::Struggling => "struggling",
                Behaviour::Disputing => "disputing",
                Behaviour::New => "new",
            };
            Ok((plan.draft.number.to_string(), segment))
        })
        .collect()
}

/// The `index`th customer and its history. Each customer draws from its own stream, so
/// customer i is the same whatever the total (but for a name already taken).
fn draw(
    options: &DemoOptions,
    index: usize,
    taken: &mut HashSet<String>,
    numbering: &mut Numbering,
) -> Result<(CustomerPlan, History)> {
    let mut dice = Dice::new(options.seed, index as u64 + 1);
    let plan = customer::plan_customer(index, options.as_of, &mut dice, taken)?;
    let history = history::plan_history(&mut dice, &plan.profile, options.as_of, numbering)?;
    Ok((plan, history))
}

async fn write_chunk(
    writer: &mut Writer,
    chunk: Vec<(CustomerPlan, History)>,
    summary: &mut DemoSummary,
) -> Result<()> {
    let drafts: Vec<_> = chunk.iter().map(|(plan, _)| plan.draft.clone()).collect();
    let customer_ids = writer
        .upsert_customers(&drafts, CustomerFields::ALL)
        .await?;
    drop(drafts);
    summary.customers += customer_ids.len();

    for ((plan, _), id) in chunk.iter().zip(&customer_ids) {
        for c in &plan.contacts {
            writer
                .add_contact(*id, &c.name, &c.role, &c.email, &c.phone, c.is_billing)
                .await?;
        }
    }

    let mut items: Vec<InvoiceDraft> = Vec::new();
    for ((_, history), id) in chunk.iter().zip(&customer_ids) {
        items.extend(history.items.iter().map(|item| InvoiceDraft {
            customer_id: *id,
            ..item.draft.clone()
        }));
    }
    let item_ids = writer.upsert_invoices(&items, true).await?;
    summary.invoices += item_ids.len();

    // Each customer's items are a run of `items`, in order.
    let mut first_item = Vec::with_capacity(chunk.len());
    let mut records = Vec::new();
    let mut at = 0;
    for ((plan, history), id) in chunk.iter().zip(&customer_ids) {
        first_item.push(at);
        for (k, item) in history.items.iter().enumerate() {
            for (n, p) in item.payments.iter().enumerate() {
                records.push(PaymentRecord {
                    payment: PaymentDraft {
                        customer_id: *id,
                        invoice_id: Some(item_ids[at + k]),
                        date: p.date,
                        amount: Money::from_minor(p.minor, plan.profile.currency),
                        reference: p.reference.clone(),
                    },
                    source_key: format!("demo:{}:{}", item.draft.number, n + 1),
                });
            }
        }
        at += history.items.len();
    }
    writer.record_payments(&records).await?;
    summary.payments += records.len();
    drop(records);

    for (((plan, history), id), first) in chunk.iter().zip(&customer_ids).zip(&first_item) {
        let item_id = |k: usize| item_ids[first + k];
        for e in &history.events {
            let draft = interaction(*id, plan.profile.currency, e, item_id)?;
            writer.record_interaction(&draft).await?;
        }
        summary.interactions += history.events.len();
    }

    // Recording a dispute flags its invoice as disputed, settled or not; clear the flag of
    // the invoices whose dispute is over.
    let settled: Vec<InvoiceDraft> = items
        .into_iter()
        .zip(chunk.iter().flat_map(|(_, h)| h.items.iter()))
        .filter(|(_, item)| item.dispute_resolved)
        .map(|(draft, _)| InvoiceDraft {
            disputed: false,
            ..draft
        })
        .collect();
    if !settled.is_empty() {
        writer.upsert_invoices(&settled, true).await?;
    }
    Ok(())
}

fn interaction(
    customer: CustomerId,
    currency: Currency,
    event: &history::EventPlan,
    item_id: impl Fn(usize) -> InvoiceId,
) -> Result<InteractionDraft> {
    let date = event.date;
    match &event.event {
        Event::Note(text) => InteractionDraft::note(customer, date, text),
        Event::Call(text) => InteractionDraft::call(customer, date, text),
        Event::Promise { minor, due, text } => InteractionDraft::promise(
            customer,
            date,
            Money::from_minor(*minor, currency),
            *due,
            text,
        ),
        Event::Dispute {
            item,
            reason,
            resolved_on,
        } => {
            let mut draft = InteractionDraft::dispute(customer, date, item_id(*item), reason)?;
            if let InteractionKind::Dispute {
                resolved_on: slot, ..
            } = &mut draft.kind
            {
                *slot = *resolved_on;
            }
            Ok(draft)
        }
    }
}

#[cfg(test)]
mod tests;
