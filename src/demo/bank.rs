//! The demo's last bank statement: money received in the days before "today" and not yet
//! reconciled, in the ways customers really pay — the structured reference as printed, the
//! invoice number in free text (sometimes mistyped), two invoices in one transfer, part of an
//! invoice, an invoice less the bank's fees, an amount from someone unknown — and a few
//! payments out. `creditdesk reconcile` (or the Reconciliation screen) takes it from there.

use chrono::{Days, NaiveDate};

use crate::bank::{Statement, StatementEntry, StatementFormat};
use crate::error::Result;
use crate::money::Money;
use crate::reconcile::OpenItem;
use crate::store::Store;

use super::dice::Dice;

/// The dice stream of the statement (customers use streams 0..n).
const STREAM: u64 = u64::MAX - 7;

/// How the payer wrote the transfer.
#[derive(Debug, Clone, Copy)]
enum Kind {
    StructuredReference,
    NumberInText,
    MistypedNumber,
    TwoInvoices,
    Partial,
    LessFees,
    AmountOnly,
    /// A transfer nobody can place: a deposit, a refund from a supplier, a wrong account.
    Unknown,
}

const PLAN: [(Kind, usize); 8] = [
    (Kind::StructuredReference, 12),
    (Kind::NumberInText, 8),
    (Kind::MistypedNumber, 3),
    (Kind::TwoInvoices, 3),
    (Kind::Partial, 3),
    (Kind::LessFees, 3),
    (Kind::AmountOnly, 4),
    (Kind::Unknown, 2),
];

/// Writes the statement; returns how many entries it holds. The same store and options give
/// the same statement.
pub async fn write_statement(store: &Store, as_of: NaiveDate, seed: u64) -> Result<usize> {
    let ledger = store.reconciliation_ledger().await?;
    let company = store.company().await?;
    let mut items: Vec<&OpenItem> = ledger
        .items()
        .iter()
        .filter(|i| !i.open.is_negative() && i.open.currency == company.base_currency)
        .collect();
    items.sort_by(|a, b| a.number.cmp(&b.number));
    let mut dice = Dice::new(seed, STREAM);
    let mut used = std::collections::HashSet::new();
    let mut entries = Vec::new();
    for (kind, count) in PLAN {
        for _ in 0..count {
            if items.len() <= used.len() + 2 {
                break;
            }
            let mut pick = || loop {
                let i = dice.below(items.len() as u64) as usize;
                if used.insert(i) {
                    return items[i];
                }
            };
            let item = pick();
            let Some(payer) = ledger.customer(item.customer_id) else {
                continue;
            };
            let day = as_of - Days::new(dice.range(1, 6) as u64);
            let iban = payer.ibans.first().cloned().unwrap_or_default();
            let mut entry = entry(entries.len(), day, item.open, &payer.name, &iban);
            match kind {
                Kind::StructuredReference => entry.reference = item.reference.clone(),
                Kind::NumberInText => {
                    entry.remittance = format!(
                        "{} {}",
                        dice.pick(&["Invoice", "Fact.", "factuur nr", "Rechnung", "inv"]),
                        item.number
                    )
                }
                Kind::MistypedNumber => {
                    entry.remittance = format!("payment {}", mistyped(&item.number))
                }
                Kind::TwoInvoices => {
                    let other = items
                        .iter()
                        .enumerate()
                        .find(|(i, o)| {
                            !used.contains(i)
                                && o.customer_id == item.customer_id
                                && o.invoice_id != item.invoice_id
                        })
                        .map(|(i, o)| (i, *o));
                    if let Some((i, other)) = other {
                        used.insert(i);
                        if let Ok(total) = item.open.checked_add(&other.open) {
                            entry.amount = total;
                            entry.remittance = format!("{} + {}", item.number, other.number);
                        }
                    } else {
                        entry.remittance = item.number.clone();
                    }
                }
                Kind::Partial => {
                    entry.amount = Money::new(
                        (item.open.amount / rust_decimal::Decimal::TWO).round_dp(2),
                        item.open.currency,
                    );
                    entry.remittance = format!("partial payment {}", item.number);
                }
                Kind::LessFees => {
                    entry.amount = Money::new(
                        item.open.amount - rust_decimal::Decimal::new(250, 2),
                        item.open.currency,
                    );
                }
                Kind::AmountOnly => {
                    entry.name = "J. Peeters".to_string();
                    entry.iban = String::new();
                    entry.remittance = "payment".to_string();
                }
                Kind::Unknown => {
                    entry.name = "Stichting Lichtpunt".to_string();
                    entry.iban = "NL20INGB0001234567".to_string();
                    entry.remittance = "borg / deposit".to_string();
                    entry.amount = Money::new(
                        rust_decimal::Decimal::new(dice.range(10_000, 99_999), 2),
                        item.open.currency,
                    );
                }
            }
            entries.push(entry);
        }
    }
    for (name, minor, text) in [
        ("Immo Noorderlaan NV", -485_000, "Huur november"),
        ("SD Worx", -2_312_075, "Lonen oktober"),
    ] {
        let mut out = entry(
            entries.len(),
            as_of - Days::new(3),
            Money::from_minor(minor, company.base_currency),
            name,
            "",
        );
        out.remittance = text.to_string();
        entries.push(out);
    }
    entries.sort_by(|a, b| {
        a.booking_date
            .cmp(&b.booking_date)
            .then(a.entry.cmp(&b.entry))
    });
    let count = entries.len();
    let statement = Statement {
        id: format!("{}-{}", as_of.format("%Y"), as_of.format("%j")),
        account: company.iban.clone(),
        balances: Vec::new(),
        entries,
    };
    let mut writer = store.writer().await?;
    writer
        .write_statement(
            "demo statement",
            StatementFormat::Camt053,
            &statement,
            as_of,
        )
        .await?;
    writer.commit().await?;
    Ok(count)
}

fn entry(n: usize, day: NaiveDate, amount: Money, name: &str, iban: &str) -> StatementEntry {
    StatementEntry {
        entry: format!("DEMO-{}-{:03}", day.format("%Y%m%d"), n + 1),
        booking_date: day,
        value_date: day,
        amount,
        name: name.to_string(),
        iban: iban.to_string(),
        reference: String::new(),
        remittance: String::new(),
        end_to_end: String::new(),
        reversal: false,
        pending: false,
        transaction_code: "PMNT/RCDT/ESCT".to_string(),
    }
}

/// The number with its last two different neighbouring digits swapped, as a hurried typist
/// does.
fn mistyped(number: &str) -> String {
    let mut chars: Vec<char> = number.chars().collect();
    if let Some(i) = (1..chars.len()).rev().find(|&i| {
        chars[i] != chars[i - 1] && chars[i].is_ascii_digit() && chars[i - 1].is_ascii_digit()
    }) {
        chars.swap(i, i - 1);
    }
    chars.into_iter().collect()
}
