//! Invoices and credit notes: the open items a customer owes (or is owed).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;

use super::ids::{CustomerId, InvoiceId};
use super::text::InvoiceNumber;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    Invoice,
    /// A negative item; it may be allocated against invoices.
    CreditNote,
}

impl InvoiceKind {
    pub fn code(&self) -> &'static str {
        match self {
            InvoiceKind::Invoice => "invoice",
            InvoiceKind::CreditNote => "credit_note",
        }
    }

    pub fn from_code(code: &str) -> Result<InvoiceKind> {
        match code {
            "invoice" => Ok(InvoiceKind::Invoice),
            "credit_note" => Ok(InvoiceKind::CreditNote),
            other => Err(Error::internal(format!(
                "unknown invoice kind '{other}' in the database"
            ))),
        }
    }
}

/// An invoice as an import or a form provides it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InvoiceDraft {
    pub number: InvoiceNumber,
    pub customer_id: CustomerId,
    pub kind: InvoiceKind,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Positive for an invoice, negative for a credit note.
    pub amount: Money,
    /// Structured payment reference (RF or OGM) if the ERP gave one.
    pub reference: String,
    pub po_number: String,
    pub description: String,
    pub disputed: bool,
}

impl InvoiceDraft {
    /// Builds a draft, checking what must hold for any invoice: due on or after issue, and the
    /// sign of the amount matching the kind (an amount of zero is never an open item).
    pub fn new(
        number: InvoiceNumber,
        customer_id: CustomerId,
        issue_date: NaiveDate,
        due_date: NaiveDate,
        amount: Money,
    ) -> Result<InvoiceDraft> {
        if amount.is_zero() {
            return Err(Error::invalid(format!(
                "invoice {number} has an amount of zero"
            )));
        }
        if due_date < issue_date {
            return Err(Error::invalid(format!(
                "invoice {number} is due ({due_date}) before it was issued ({issue_date})"
            )));
        }
        let kind = if amount.is_negative() {
            InvoiceKind::CreditNote
        } else {
            InvoiceKind::Invoice
        };
        Ok(InvoiceDraft {
            number,
            customer_id,
            kind,
            issue_date,
            due_date,
            amount,
            reference: String::new(),
            po_number: String::new(),
            description: String::new(),
            disputed: false,
        })
    }
}

/// An invoice as stored, with its open amount derived from its allocations.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Invoice {
    pub id: InvoiceId,
    #[serde(flatten)]
    pub details: InvoiceDraft,
    pub open_amount: Money,
}

/// Where an invoice stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum InvoiceStatus {
    Paid,
    NotDue { days_to_due: i64 },
    Overdue { days_overdue: i64 },
}

impl Invoice {
    pub fn status(&self, as_of: NaiveDate) -> InvoiceStatus {
        if self.open_amount.is_zero() {
            return InvoiceStatus::Paid;
        }
        let days = (as_of - self.details.due_date).num_days();
        if days > 0 {
            InvoiceStatus::Overdue { days_overdue: days }
        } else {
            InvoiceStatus::NotDue { days_to_due: -days }
        }
    }
}

/// The open amount of an item: its amount less what has been allocated to it (payments, bank
/// entries, credit notes). Allocations in another currency are refused, not converted.
pub fn open_amount<'a>(
    amount: &Money,
    allocations: impl IntoIterator<Item = &'a Money>,
) -> Result<Money> {
    let allocated = Money::sum(amount.currency, allocations)?;
    amount.checked_sub(&allocated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    #[test]
    fn kind_follows_the_sign() {
        let n = InvoiceNumber::parse("F1").unwrap();
        let inv = InvoiceDraft::new(
            n.clone(),
            CustomerId(1),
            d("2026-01-01"),
            d("2026-01-31"),
            eur(100),
        )
        .unwrap();
        assert_eq!(inv.kind, InvoiceKind::Invoice);
        let cn = InvoiceDraft::new(
            n.clone(),
            CustomerId(1),
            d("2026-01-01"),
            d("2026-01-01"),
            eur(-100),
        )
        .unwrap();
        assert_eq!(cn.kind, InvoiceKind::CreditNote);
        assert!(
            InvoiceDraft::new(
                n.clone(),
                CustomerId(1),
                d("2026-01-01"),
                d("2026-01-31"),
                eur(0)
            )
            .is_err()
        );
        let early = InvoiceDraft::new(n, CustomerId(1), d("2026-02-01"), d("2026-01-31"), eur(100))
            .unwrap_err();
        assert!(early.message.contains("before it was issued"));
    }

    #[test]
    fn open_amount_is_amount_less_allocations() {
        let open = open_amount(&eur(10_000), &[eur(2_500), eur(500)]).unwrap();
        assert_eq!(open, eur(7_000));
        let mixed = open_amount(&eur(10_000), &[Money::from_minor(1, Currency::GBP)]);
        assert!(mixed.is_err());
    }

    #[test]
    fn status_as_of_a_date() {
        let draft = InvoiceDraft::new(
            InvoiceNumber::parse("F1").unwrap(),
            CustomerId(1),
            d("2026-01-01"),
            d("2026-01-31"),
            eur(100),
        )
        .unwrap();
        let inv = Invoice {
            id: InvoiceId(1),
            details: draft,
            open_amount: eur(100),
        };
        assert_eq!(
            inv.status(d("2026-01-20")),
            InvoiceStatus::NotDue { days_to_due: 11 }
        );
        assert_eq!(
            inv.status(d("2026-02-10")),
            InvoiceStatus::Overdue { days_overdue: 10 }
        );
        let paid = Invoice {
            open_amount: eur(0),
            ..inv
        };
        assert_eq!(paid.status(d("2026-02-10")), InvoiceStatus::Paid);
    }
}
