//! Interactions: the events a credit manager records or the app produces on a customer's
//! timeline (notes, calls, promises to pay, disputes, letters, e-mails, alerts).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;

use super::ids::{CustomerId, InteractionId, InvoiceId};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InteractionKind {
    Note,
    Call,
    Email,
    Letter,
    /// A promise to pay `amount` by `due`.
    Promise {
        amount: Money,
        due: NaiveDate,
    },
    /// The invoice is contested; dunning pauses for it until `resolved_on`.
    Dispute {
        invoice_id: InvoiceId,
        reason: String,
        resolved_on: Option<NaiveDate>,
    },
    LevelChange,
    Alert,
}

impl InteractionKind {
    pub fn code(&self) -> &'static str {
        match self {
            InteractionKind::Note => "note",
            InteractionKind::Call => "call",
            InteractionKind::Email => "email",
            InteractionKind::Letter => "letter",
            InteractionKind::Promise { .. } => "promise",
            InteractionKind::Dispute { .. } => "dispute",
            InteractionKind::LevelChange => "level_change",
            InteractionKind::Alert => "alert",
        }
    }
}

/// An interaction to record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InteractionDraft {
    pub customer_id: CustomerId,
    pub date: NaiveDate,
    pub kind: InteractionKind,
    pub text: String,
}

impl InteractionDraft {
    pub fn note(customer_id: CustomerId, date: NaiveDate, text: &str) -> Result<Self> {
        Self::with_text(customer_id, date, InteractionKind::Note, text)
    }

    pub fn call(customer_id: CustomerId, date: NaiveDate, text: &str) -> Result<Self> {
        Self::with_text(customer_id, date, InteractionKind::Call, text)
    }

    /// A promise must be for a positive amount, due on or after the day it was made.
    pub fn promise(
        customer_id: CustomerId,
        date: NaiveDate,
        amount: Money,
        due: NaiveDate,
        text: &str,
    ) -> Result<Self> {
        if amount.is_zero() || amount.is_negative() {
            return Err(Error::invalid(format!(
                "a promise to pay must be for a positive amount, not {amount}"
            )));
        }
        if due < date {
            return Err(Error::invalid(format!(
                "a promise made on {date} cannot be due on {due}, before it was made"
            )));
        }
        Ok(InteractionDraft {
            customer_id,
            date,
            kind: InteractionKind::Promise { amount, due },
            text: text.trim().to_string(),
        })
    }

    pub fn dispute(
        customer_id: CustomerId,
        date: NaiveDate,
        invoice_id: InvoiceId,
        reason: &str,
    ) -> Result<Self> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::invalid("a dispute needs a reason"));
        }
        Ok(InteractionDraft {
            customer_id,
            date,
            kind: InteractionKind::Dispute {
                invoice_id,
                reason: reason.to_string(),
                resolved_on: None,
            },
            text: String::new(),
        })
    }

    /// An interaction the app records itself (a letter sent, an e-mail, an alert...).
    pub fn recorded(
        customer_id: CustomerId,
        date: NaiveDate,
        kind: InteractionKind,
        text: &str,
    ) -> Result<Self> {
        Self::with_text(customer_id, date, kind, text)
    }

    fn with_text(
        customer_id: CustomerId,
        date: NaiveDate,
        kind: InteractionKind,
        text: &str,
    ) -> Result<Self> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::invalid(format!("a {} needs some text", kind.code())));
        }
        Ok(InteractionDraft {
            customer_id,
            date,
            kind,
            text: text.to_string(),
        })
    }
}

/// A recorded interaction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Interaction {
    pub id: InteractionId,
    #[serde(flatten)]
    pub details: InteractionDraft,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn promises_are_validated() {
        let eur = |m| Money::from_minor(m, Currency::EUR);
        assert!(
            InteractionDraft::promise(CustomerId(1), d("2026-03-01"), eur(0), d("2026-03-10"), "")
                .is_err()
        );
        assert!(
            InteractionDraft::promise(
                CustomerId(1),
                d("2026-03-01"),
                eur(500),
                d("2026-02-10"),
                ""
            )
            .is_err()
        );
        let p = InteractionDraft::promise(
            CustomerId(1),
            d("2026-03-01"),
            eur(500),
            d("2026-03-10"),
            " by transfer ",
        )
        .unwrap();
        assert_eq!(p.text, "by transfer");
        assert_eq!(p.kind.code(), "promise");
    }

    #[test]
    fn notes_and_disputes_need_text() {
        assert!(InteractionDraft::note(CustomerId(1), d("2026-03-01"), "  ").is_err());
        assert!(
            InteractionDraft::dispute(CustomerId(1), d("2026-03-01"), InvoiceId(3), "").is_err()
        );
    }
}
