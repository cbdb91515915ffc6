//! A customer's behaviour profile: how it pays, judged from its history as of a date.
//!
//! Lateness is recency-weighted (an invoice due half a year ago counts half as much as one due
//! today), so a customer that changed its ways is seen as it is now. Every figure says how
//! many invoices it rests on, and the evidence (days late per invoice) goes with it, so the
//! credit manager can check what the segment is built on.

use chrono::{Days, NaiveDate};

use super::history::{CustomerHistory, InvoiceRecord, PromiseRecord};

/// Half-life of an invoice's weight in the weighted lateness, in days.
pub const HALF_LIFE_DAYS: f64 = 180.0;
/// A payment within this many days after a reminder counts as "paid after a reminder".
pub const AFTER_REMINDER_DAYS: i64 = 14;
/// Days of grace after a promised date before the promise counts as broken.
pub const PROMISE_GRACE_DAYS: u64 = 3;
/// The trend compares the last half-year with the one before, each needing this many invoices.
const TREND_MIN_INVOICES: usize = 3;

/// `count` of `of`: a share that says what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Share {
    pub count: u32,
    pub of: u32,
}

impl Share {
    /// Whole percent, rounded half up; `None` when it rests on nothing.
    pub fn percent(&self) -> Option<u32> {
        (self.of > 0).then(|| (self.count * 200 + self.of) / (self.of * 2))
    }
}

/// Where a promise to pay stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseState {
    /// The promised amount arrived by the promised day (and its grace).
    Kept,
    /// The promised day (and its grace) passed without the money.
    Broken,
    /// Not yet due: dunning waits for it.
    Live,
}

/// How a promise stands on `as_of`, from the money received since it was made.
pub fn promise_state(history: &CustomerHistory, promise: &PromiseRecord) -> PromiseState {
    let received = history.received_between(
        promise.made_on,
        promise_deadline(promise.due).min(history.as_of),
    );
    judge_promise(promise.due, promise.amount_minor, received, history.as_of)
}

/// The last day money can arrive for a promise due on `due` to count as kept.
pub fn promise_deadline(due: NaiveDate) -> NaiveDate {
    due + Days::new(PROMISE_GRACE_DAYS)
}

/// How a promise of `amount_minor` due on `due` stands on `as_of`, given the money received
/// from the day it was made to its deadline (or `as_of`, if sooner).
pub fn judge_promise(
    due: NaiveDate,
    amount_minor: i64,
    received: i64,
    as_of: NaiveDate,
) -> PromiseState {
    if received >= amount_minor {
        PromiseState::Kept
    } else if promise_deadline(due) < as_of {
        PromiseState::Broken
    } else {
        PromiseState::Live
    }
}

/// One invoice's lateness: the evidence of the profile.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LatenessPoint {
    pub invoice: String,
    pub due_date: NaiveDate,
    /// Days from the due date to full payment; for an item still open, to the day asked about
    /// (so far).
    pub days_late: i64,
    pub paid: bool,
}

/// Promises made in the window, by how they stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct PromiseCounts {
    pub kept: u32,
    pub broken: u32,
    pub live: u32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BehaviourProfile {
    pub as_of: NaiveDate,
    /// Invoices due in the window that are paid or overdue: what the figures rest on.
    pub invoices: u32,
    /// The customer's first invoice ever.
    pub first_invoice_on: Option<NaiveDate>,
    /// Recency-weighted mean days late (negative: early); `None` without invoices.
    pub days_late: Option<f64>,
    /// Recency-weighted standard deviation of the days late.
    pub spread: Option<f64>,
    /// Mean days late over the last half-year less the half-year before: positive is
    /// getting later. `None` when either half-year has too few invoices.
    pub trend: Option<f64>,
    /// Invoices paid late that were paid within two weeks after a reminder.
    pub paid_after_reminder: Share,
    /// Invoices paid in several parts, or partly paid and still open.
    pub partial_payments: Share,
    pub promises: PromiseCounts,
    /// Invoices that were disputed.
    pub disputed: Share,
    /// Disputes still open.
    pub open_disputes: u32,
    /// Days late per invoice, oldest first.
    pub evidence: Vec<LatenessPoint>,
}

impl BehaviourProfile {
    /// Kept promises of those that came due; `None` when none came due.
    pub fn promise_reliability(&self) -> Share {
        Share {
            count: self.promises.kept,
            of: self.promises.kept + self.promises.broken,
        }
    }

    pub fn from_history(history: &CustomerHistory) -> BehaviourProfile {
        let as_of = history.as_of;
        let judged: Vec<(&InvoiceRecord, i64)> = history
            .invoices
            .iter()
            .filter_map(|invoice| days_late(invoice, as_of).map(|days| (invoice, days)))
            .collect();

        let weighted: Vec<(f64, f64)> = judged
            .iter()
            .map(|(invoice, days)| {
                let age = (as_of - invoice.due_date).num_days().max(0) as f64;
                (0.5_f64.powf(age / HALF_LIFE_DAYS), *days as f64)
            })
            .collect();
        let total_weight: f64 = weighted.iter().map(|(w, _)| w).sum();
        let (days_late, spread) = if total_weight > 0.0 {
            let mean = weighted.iter().map(|(w, d)| w * d).sum::<f64>() / total_weight;
            let variance = weighted
                .iter()
                .map(|(w, d)| w * (d - mean).powi(2))
                .sum::<f64>()
                / total_weight;
            (Some(round1(mean)), Some(round1(variance.sqrt())))
        } else {
            (None, None)
        };

        let half_year_ago = as_of - Days::new(182);
        let year_ago = as_of - Days::new(365);
        let recent: Vec<f64> = judged
            .iter()
            .filter(|(i, _)| i.due_date > half_year_ago)
            .map(|(_, d)| *d as f64)
            .collect();
        let earlier: Vec<f64> = judged
            .iter()
            .filter(|(i, _)| i.due_date > year_ago && i.due_date <= half_year_ago)
            .map(|(_, d)| *d as f64)
            .collect();
        let trend = (recent.len() >= TREND_MIN_INVOICES && earlier.len() >= TREND_MIN_INVOICES)
            .then(|| round1(mean(&recent) - mean(&earlier)));

        let paid_late: Vec<&InvoiceRecord> = judged
            .iter()
            .filter(|(i, d)| i.settled_on.is_some() && *d > 0)
            .map(|(i, _)| *i)
            .collect();
        let paid_after_reminder = Share {
            count: paid_late
                .iter()
                .filter(|i| paid_after_a_reminder(i, &history.reminders))
                .count() as u32,
            of: paid_late.len() as u32,
        };
        let partial_payments = Share {
            count: judged
                .iter()
                .filter(|(i, _)| i.payments >= 2 || (i.settled_on.is_none() && i.payments >= 1))
                .count() as u32,
            of: judged.len() as u32,
        };

        let mut promises = PromiseCounts::default();
        for promise in &history.promises {
            match promise_state(history, promise) {
                PromiseState::Kept => promises.kept += 1,
                PromiseState::Broken => promises.broken += 1,
                PromiseState::Live => promises.live += 1,
            }
        }

        let disputed_invoices = history
            .invoices
            .iter()
            .filter(|i| history.disputes.iter().any(|d| d.invoice_id == Some(i.id)))
            .count() as u32;
        let open_disputes = history
            .disputes
            .iter()
            .filter(|d| d.resolved_on.is_none())
            .count() as u32;

        BehaviourProfile {
            as_of,
            invoices: judged.len() as u32,
            first_invoice_on: history.first_invoice_on,
            days_late,
            spread,
            trend,
            paid_after_reminder,
            partial_payments,
            promises,
            disputed: Share {
                count: disputed_invoices,
                of: history.invoices.len() as u32,
            },
            open_disputes,
            evidence: judged
                .iter()
                .map(|(invoice, days)| LatenessPoint {
                    invoice: invoice.number.clone(),
                    due_date: invoice.due_date,
                    days_late: *days,
                    paid: invoice.settled_on.is_some(),
                })
                .collect(),
        }
    }
}

/// Days late of a paid invoice, or of an overdue one so far; `None` for one not yet due.
fn days_late(invoice: &InvoiceRecord, as_of: NaiveDate) -> Option<i64> {
    match invoice.settled_on {
        Some(paid) => Some((paid - invoice.due_date).num_days()),
        None if invoice.due_date < as_of => Some((as_of - invoice.due_date).num_days()),
        None => None,
    }
}

fn paid_after_a_reminder(invoice: &InvoiceRecord, reminders: &[NaiveDate]) -> bool {
    let Some(paid) = invoice.settled_on else {
        return false;
    };
    reminders.iter().any(|reminded| {
        *reminded > invoice.due_date
            && *reminded <= paid
            && (paid - *reminded).num_days() <= AFTER_REMINDER_DAYS
    })
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
