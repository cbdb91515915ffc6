//! Segments (DESIGN §6): which kind of payer a customer is, by explainable rules over its
//! behaviour profile and its risk, or as set by hand.
//!
//! The rules are tried in order; the first that holds decides, and its reasons (each a
//! measured value beside the threshold it passed) are shown to the user. A segment set by
//! hand wins, and says so.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::money::Money;

use super::profile::BehaviourProfile;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Punctual,
    /// Pays, but only once reminded.
    Forgetful,
    /// Pays, consistently long after the due date.
    SystematicLate,
    /// Later and later, partial payments, broken promises, over its credit limit.
    Struggling,
    Disputing,
    /// Too little history to judge.
    New,
}

impl Segment {
    pub const ALL: [Segment; 6] = [
        Segment::Punctual,
        Segment::Forgetful,
        Segment::SystematicLate,
        Segment::Struggling,
        Segment::Disputing,
        Segment::New,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Segment::Punctual => "punctual",
            Segment::Forgetful => "forgetful",
            Segment::SystematicLate => "systematic_late",
            Segment::Struggling => "struggling",
            Segment::Disputing => "disputing",
            Segment::New => "new",
        }
    }

    pub fn parse(code: &str) -> Result<Segment> {
        Segment::ALL
            .into_iter()
            .find(|s| s.code() == code.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = Segment::ALL.iter().map(Segment::code).collect();
                Error::invalid(format!(
                    "'{code}' is not a segment (one of {})",
                    known.join(", ")
                ))
            })
    }
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The thresholds of the rules. Named, so the reasons can quote them.
pub mod thresholds {
    /// Fewer invoices than this (paid or overdue, last two years): new.
    pub const MIN_INVOICES: u32 = 4;
    /// A first invoice more recent than this many days: new.
    pub const NEW_FOR_DAYS: i64 = 90;
    /// Share of invoices disputed, percent, from which a customer is disputing...
    pub const DISPUTED_PERCENT: u32 = 15;
    /// ...with at least this many disputes.
    pub const MIN_DISPUTES: u32 = 2;
    /// Days later per half-year (with at least `STRUGGLING_LATE_DAYS` late): struggling.
    pub const GETTING_LATER_DAYS: f64 = 15.0;
    pub const STRUGGLING_LATE_DAYS: f64 = 15.0;
    /// Broken promises (with fewer than half kept): struggling.
    pub const BROKEN_PROMISES: u32 = 2;
    /// Share of invoices paid in parts, percent: struggling.
    pub const PARTIAL_PERCENT: u32 = 25;
    /// Weighted mean days late from which a customer is a systematic late payer.
    pub const SYSTEMATIC_LATE_DAYS: f64 = 30.0;
    /// Weighted mean days late above which a customer is not punctual.
    pub const PUNCTUAL_DAYS: f64 = 5.0;
    /// Share of late payments that came right after a reminder, percent: forgetful.
    pub const AFTER_REMINDER_PERCENT: u32 = 40;
}

/// Why a rule holds: a measured value beside the threshold it passed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reason {
    pub code: ReasonCode,
    pub value: String,
    pub threshold: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    /// `value` invoices to judge on, fewer than `threshold`.
    FewInvoices,
    /// First invoice `value` days ago, less than `threshold`.
    RecentCustomer,
    /// `value` % of invoices disputed, at least `threshold` %.
    Disputes,
    /// Overdue `value` above the credit limit `threshold`.
    OverCreditLimit,
    /// `value` days later than the half-year before, at least `threshold`.
    GettingLater,
    /// `value` promises broken, at least `threshold`, fewer than half kept.
    BrokenPromises,
    /// `value` % of invoices paid in parts, at least `threshold` %.
    PartialPayments,
    /// `value` days late on average, at least `threshold`.
    LateOnAverage,
    /// `value` % of late invoices paid right after a reminder, at least `threshold` %.
    PaysAfterReminders,
    /// `value` days late on average, more than `threshold`.
    SomewhatLate,
    /// `value` days late on average, at most `threshold`.
    OnTime,
    /// Set by hand; `value` is the note.
    SetByHand,
}

impl Reason {
    fn new(code: ReasonCode, value: impl ToString, threshold: impl ToString) -> Reason {
        Reason {
            code,
            value: value.to_string(),
            threshold: threshold.to_string(),
        }
    }

    /// In English, for the CLI and logs; the UI words it in the user's language.
    pub fn text(&self) -> String {
        let (v, t) = (&self.value, &self.threshold);
        match self.code {
            ReasonCode::FewInvoices => format!("only {v} invoices to judge on (fewer than {t})"),
            ReasonCode::RecentCustomer => format!("first invoice {v} days ago (less than {t})"),
            ReasonCode::Disputes => format!("{v} % of its invoices disputed (at least {t} %)"),
            ReasonCode::OverCreditLimit => format!("overdue {v} is above its credit limit {t}"),
            ReasonCode::GettingLater => {
                format!("pays {v} days later than the half-year before (at least {t})")
            }
            ReasonCode::BrokenPromises => {
                format!("{v} promises to pay broken (at least {t}, fewer than half kept)")
            }
            ReasonCode::PartialPayments => {
                format!("{v} % of its invoices paid in parts (at least {t} %)")
            }
            ReasonCode::LateOnAverage => format!("{v} days late on average (at least {t})"),
            ReasonCode::PaysAfterReminders => {
                format!("{v} % of its late invoices paid right after a reminder (at least {t} %)")
            }
            ReasonCode::SomewhatLate => format!("{v} days late on average (more than {t})"),
            ReasonCode::OnTime => format!("{v} days late on average (at most {t})"),
            ReasonCode::SetByHand => format!("set by hand: {v}"),
        }
    }
}

/// What a customer owes beside its credit limit: the risk side of the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    pub overdue: Money,
    pub credit_limit: Option<Money>,
}

/// A segment chosen by hand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ManualSegment {
    pub segment: Segment,
    pub note: String,
    pub set_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SegmentAssignment {
    /// The segment in force: the one set by hand if any, else the rules'.
    pub segment: Segment,
    pub reasons: Vec<Reason>,
    /// What the rules say, even when overridden.
    pub by_rules: Segment,
    pub manual: Option<ManualSegment>,
}

/// The segment the rules give, with the reasons.
pub fn by_rules(profile: &BehaviourProfile, exposure: &Exposure) -> (Segment, Vec<Reason>) {
    use thresholds::*;

    let fresh = profile
        .first_invoice_on
        .map(|first| (profile.as_of - first).num_days())
        .filter(|days| *days < NEW_FOR_DAYS);
    if let Some(days) = fresh {
        return (
            Segment::New,
            vec![Reason::new(ReasonCode::RecentCustomer, days, NEW_FOR_DAYS)],
        );
    }
    if profile.invoices < MIN_INVOICES {
        return (
            Segment::New,
            vec![Reason::new(
                ReasonCode::FewInvoices,
                profile.invoices,
                MIN_INVOICES,
            )],
        );
    }

    if let Some(percent) = profile.disputed.percent()
        && percent >= DISPUTED_PERCENT
        && profile.disputed.count >= MIN_DISPUTES
    {
        return (
            Segment::Disputing,
            vec![Reason::new(ReasonCode::Disputes, percent, DISPUTED_PERCENT)],
        );
    }

    let late = profile.days_late.unwrap_or(0.0);
    let mut struggling = Vec::new();
    if let Some(limit) = &exposure.credit_limit
        && exposure.overdue.currency == limit.currency
        && exposure.overdue.amount > limit.amount
    {
        struggling.push(Reason::new(
            ReasonCode::OverCreditLimit,
            exposure.overdue,
            limit,
        ));
    }
    if let Some(trend) = profile.trend
        && trend >= GETTING_LATER_DAYS
        && late >= STRUGGLING_LATE_DAYS
    {
        struggling.push(Reason::new(
            ReasonCode::GettingLater,
            trend,
            GETTING_LATER_DAYS,
        ));
    }
    let reliability = profile.promise_reliability();
    if profile.promises.broken >= BROKEN_PROMISES && reliability.count * 2 < reliability.of {
        struggling.push(Reason::new(
            ReasonCode::BrokenPromises,
            profile.promises.broken,
            BROKEN_PROMISES,
        ));
    }
    if let Some(percent) = profile.partial_payments.percent()
        && percent >= PARTIAL_PERCENT
    {
        struggling.push(Reason::new(
            ReasonCode::PartialPayments,
            percent,
            PARTIAL_PERCENT,
        ));
    }
    if !struggling.is_empty() {
        return (Segment::Struggling, struggling);
    }

    if late >= SYSTEMATIC_LATE_DAYS {
        return (
            Segment::SystematicLate,
            vec![Reason::new(
                ReasonCode::LateOnAverage,
                late,
                SYSTEMATIC_LATE_DAYS,
            )],
        );
    }
    if let Some(percent) = profile.paid_after_reminder.percent()
        && percent >= AFTER_REMINDER_PERCENT
        && late > PUNCTUAL_DAYS / 2.0
    {
        return (
            Segment::Forgetful,
            vec![Reason::new(
                ReasonCode::PaysAfterReminders,
                percent,
                AFTER_REMINDER_PERCENT,
            )],
        );
    }
    if late > PUNCTUAL_DAYS {
        return (
            Segment::Forgetful,
            vec![Reason::new(ReasonCode::SomewhatLate, late, PUNCTUAL_DAYS)],
        );
    }
    (
        Segment::Punctual,
        vec![Reason::new(ReasonCode::OnTime, late, PUNCTUAL_DAYS)],
    )
}

/// The segment in force: `manual` if set, else the rules'.
pub fn assign(
    profile: &BehaviourProfile,
    exposure: &Exposure,
    manual: Option<ManualSegment>,
) -> SegmentAssignment {
    let (rules, reasons) = by_rules(profile, exposure);
    match manual {
        Some(manual) => SegmentAssignment {
            segment: manual.segment,
            reasons: vec![Reason::new(ReasonCode::SetByHand, &manual.note, "")],
            by_rules: rules,
            manual: Some(manual),
        },
        None => SegmentAssignment {
            segment: rules,
            reasons,
            by_rules: rules,
            manual: None,
        },
    }
}
