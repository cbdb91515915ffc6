//! Dunning policies: for each segment, the steps taken for an open invoice, each "N days
//! before or after the due date → an action, with a template and an optional fee".
//!
//! Every segment has a policy shipped with the app ([`DunningPolicy::default_for`]); the user
//! edits it, and the edited policy is kept in the database (`dunning_policies`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::segment::Segment;

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DunningAction {
    /// An e-mail with the letter attached, queued in the outbox.
    Email,
    /// A letter to print and post.
    Letter,
    /// A call for the credit manager to make.
    Call,
    /// Handing the account on (management, a collection agency, a lawyer).
    Escalation,
}

impl DunningAction {
    pub fn code(&self) -> &'static str {
        match self {
            DunningAction::Email => "email",
            DunningAction::Letter => "letter",
            DunningAction::Call => "call",
            DunningAction::Escalation => "escalation",
        }
    }

    pub fn parse(code: &str) -> Result<DunningAction> {
        match code {
            "email" => Ok(DunningAction::Email),
            "letter" => Ok(DunningAction::Letter),
            "call" => Ok(DunningAction::Call),
            "escalation" => Ok(DunningAction::Escalation),
            other => Err(Error::invalid(format!(
                "'{other}' is not a dunning action (email, letter, call or escalation)"
            ))),
        }
    }
}

/// The wording of a step's letter or e-mail, from friendly to formal: the letters' tone.
pub use crate::letters::Tone as Template;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningStep {
    /// Days after the due date (negative: before it).
    pub offset_days: i32,
    pub action: DunningAction,
    pub template: Template,
    /// A fee charged with this step, in the invoice's currency.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub fee: Option<Decimal>,
    /// Whether the letter claims legal interest and compensation.
    #[serde(default)]
    pub claim_interest: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DunningPolicy {
    pub segment: Segment,
    /// In the order they are taken: offsets strictly increasing.
    pub steps: Vec<DunningStep>,
}

/// The earliest and latest a step may be, in days from the due date.
pub const OFFSET_RANGE: std::ops::RangeInclusive<i32> = -60..=365;

impl DunningPolicy {
    /// Checks the steps; a policy without steps is allowed (no dunning for that segment).
    pub fn validated(self) -> Result<DunningPolicy> {
        for (index, step) in self.steps.iter().enumerate() {
            let n = index + 1;
            if !OFFSET_RANGE.contains(&step.offset_days) {
                return Err(Error::invalid(format!(
                    "step {n}: {} days from the due date is outside {} to {}",
                    step.offset_days,
                    OFFSET_RANGE.start(),
                    OFFSET_RANGE.end()
                )));
            }
            if let Some(fee) = step.fee
                && (fee.is_sign_negative() || fee.normalize().scale() > 2)
            {
                return Err(Error::invalid(format!(
                    "step {n}: the fee {fee} must be a positive amount with at most 2 decimals"
                )));
            }
            if index > 0 && step.offset_days <= self.steps[index - 1].offset_days {
                return Err(Error::invalid(format!(
                    "step {n} ({} days) must come after step {index} ({} days)",
                    step.offset_days,
                    self.steps[index - 1].offset_days
                )));
            }
        }
        Ok(self)
    }

    /// The policy shipped with the app for `segment`, tuned to how such customers pay.
    pub fn default_for(segment: Segment) -> DunningPolicy {
        use DunningAction::*;
        use Template::*;
        let step = |offset_days, action, template, claim_interest| DunningStep {
            offset_days,
            action,
            template,
            fee: None,
            claim_interest,
        };
        let steps = match segment {
            // Rarely late: a gentle nudge, then firmer letters.
            Segment::Punctual => vec![
                step(7, Email, Reminder, false),
                step(21, Letter, SecondReminder, false),
                step(40, Letter, FormalNotice, true),
                step(60, Escalation, FormalNotice, true),
            ],
            // Pays once reminded: remind before the due date and right after it.
            Segment::Forgetful => vec![
                step(-3, Email, Reminder, false),
                step(3, Email, Reminder, false),
                step(14, Letter, SecondReminder, false),
                step(30, Letter, FormalNotice, true),
                step(45, Escalation, FormalNotice, true),
            ],
            // Late by habit: start early and call, the letter alone does not move them.
            Segment::SystematicLate => vec![
                step(1, Email, Reminder, false),
                step(10, Call, SecondReminder, false),
                step(20, Letter, SecondReminder, false),
                step(30, Letter, FormalNotice, true),
                step(45, Escalation, FormalNotice, true),
            ],
            // Cash trouble: talk first, then formal quickly, escalate before it grows.
            Segment::Struggling => vec![
                step(1, Call, Reminder, false),
                step(7, Letter, SecondReminder, false),
                step(21, Letter, FormalNotice, true),
                step(30, Escalation, FormalNotice, true),
            ],
            // Contests invoices: a call finds the dispute early; disputed items pause anyway.
            Segment::Disputing => vec![
                step(5, Email, Reminder, false),
                step(15, Call, Reminder, false),
                step(30, Letter, SecondReminder, false),
                step(45, Letter, FormalNotice, true),
                step(60, Escalation, FormalNotice, true),
            ],
            // Unknown yet: courteous, with a call to get to know them.
            Segment::New => vec![
                step(-5, Email, Reminder, false),
                step(5, Email, Reminder, false),
                step(15, Call, SecondReminder, false),
                step(30, Letter, FormalNotice, true),
                step(45, Escalation, FormalNotice, true),
            ],
        };
        DunningPolicy { segment, steps }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_policies_are_valid() {
        for segment in Segment::ALL {
            let policy = DunningPolicy::default_for(segment);
            assert!(!policy.steps.is_empty(), "{segment}");
            policy.validated().unwrap();
        }
    }

    #[test]
    fn steps_must_come_in_order_and_fees_be_positive() {
        let mut policy = DunningPolicy::default_for(Segment::Punctual);
        policy.steps[1].offset_days = 7;
        let e = policy.validated().unwrap_err();
        assert!(
            e.message
                .contains("step 2 (7 days) must come after step 1 (7 days)"),
            "{e}"
        );

        let mut policy = DunningPolicy::default_for(Segment::Punctual);
        policy.steps[0].fee = Some(Decimal::new(-500, 2));
        let e = policy.validated().unwrap_err();
        assert!(e.message.contains("step 1: the fee -5.00"), "{e}");

        let mut policy = DunningPolicy::default_for(Segment::Punctual);
        policy.steps[0].fee = Some(Decimal::new(1234, 3));
        assert!(policy.validated().is_err());

        let mut policy = DunningPolicy::default_for(Segment::Punctual);
        policy.steps[3].offset_days = 400;
        assert!(
            policy
                .validated()
                .unwrap_err()
                .message
                .contains("outside -60 to 365")
        );
    }

    #[test]
    fn a_policy_round_trips_through_json() {
        let mut policy = DunningPolicy::default_for(Segment::Struggling);
        policy.steps[2].fee = Some(Decimal::new(1500, 2));
        let json = serde_json::to_string(&policy.steps).unwrap();
        assert!(json.contains(r#""fee":"15.00""#), "{json}");
        let back: Vec<DunningStep> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, policy.steps);
    }
}
