//! Transport types of collections: behaviour profile and segment, dunning policies, the
//! worklist and a dunning run. Enums mirror the core's on purpose (boundary types; a core
//! enum that grows fails the conversion at compile time).

use creditdesk::collections::SegmentTotal;
use creditdesk::collections::policy::{DunningAction, DunningPolicy, DunningStep, Template};
use creditdesk::collections::profile::{BehaviourProfile, Share};
use creditdesk::collections::run::Done;
use creditdesk::collections::segment::{Reason, ReasonCode, Segment, SegmentAssignment};
use creditdesk::collections::worklist::{
    ActionDue, Alert, Pause, PausedCustomer, PausedItem, WorkEntry, WorkItem, Worklist,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiResult;
use crate::types::MoneyDto;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn id(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SegmentDto {
    Punctual,
    Forgetful,
    SystematicLate,
    Struggling,
    Disputing,
    New,
}

impl From<Segment> for SegmentDto {
    fn from(s: Segment) -> Self {
        match s {
            Segment::Punctual => SegmentDto::Punctual,
            Segment::Forgetful => SegmentDto::Forgetful,
            Segment::SystematicLate => SegmentDto::SystematicLate,
            Segment::Struggling => SegmentDto::Struggling,
            Segment::Disputing => SegmentDto::Disputing,
            Segment::New => SegmentDto::New,
        }
    }
}

impl From<SegmentDto> for Segment {
    fn from(s: SegmentDto) -> Self {
        match s {
            SegmentDto::Punctual => Segment::Punctual,
            SegmentDto::Forgetful => Segment::Forgetful,
            SegmentDto::SystematicLate => Segment::SystematicLate,
            SegmentDto::Struggling => Segment::Struggling,
            SegmentDto::Disputing => Segment::Disputing,
            SegmentDto::New => Segment::New,
        }
    }
}

/// `count` of `of`, and the whole percent (absent when it rests on nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ShareDto {
    pub count: u32,
    pub of: u32,
    pub percent: Option<u32>,
}

impl From<Share> for ShareDto {
    fn from(s: Share) -> Self {
        ShareDto {
            count: s.count,
            of: s.of,
            percent: s.percent(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReasonCodeDto {
    FewInvoices,
    RecentCustomer,
    Disputes,
    OverCreditLimit,
    GettingLater,
    BrokenPromises,
    PartialPayments,
    LateOnAverage,
    PaysAfterReminders,
    SomewhatLate,
    OnTime,
    SetByHand,
}

impl From<ReasonCode> for ReasonCodeDto {
    fn from(c: ReasonCode) -> Self {
        match c {
            ReasonCode::FewInvoices => ReasonCodeDto::FewInvoices,
            ReasonCode::RecentCustomer => ReasonCodeDto::RecentCustomer,
            ReasonCode::Disputes => ReasonCodeDto::Disputes,
            ReasonCode::OverCreditLimit => ReasonCodeDto::OverCreditLimit,
            ReasonCode::GettingLater => ReasonCodeDto::GettingLater,
            ReasonCode::BrokenPromises => ReasonCodeDto::BrokenPromises,
            ReasonCode::PartialPayments => ReasonCodeDto::PartialPayments,
            ReasonCode::LateOnAverage => ReasonCodeDto::LateOnAverage,
            ReasonCode::PaysAfterReminders => ReasonCodeDto::PaysAfterReminders,
            ReasonCode::SomewhatLate => ReasonCodeDto::SomewhatLate,
            ReasonCode::OnTime => ReasonCodeDto::OnTime,
            ReasonCode::SetByHand => ReasonCodeDto::SetByHand,
        }
    }
}

/// Why a segment: the measured value beside the rule's threshold (`text` is the English
/// wording; the UI words it from `code`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReasonDto {
    pub code: ReasonCodeDto,
    pub value: String,
    pub threshold: String,
    pub text: String,
}

impl From<&Reason> for ReasonDto {
    fn from(r: &Reason) -> Self {
        ReasonDto {
            code: r.code.into(),
            value: r.value.clone(),
            threshold: r.threshold.clone(),
            text: r.text(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SegmentAssignmentDto {
    /// The segment in force.
    pub segment: SegmentDto,
    /// What the rules say (differs from `segment` when set by hand).
    pub by_rules: SegmentDto,
    pub reasons: Vec<ReasonDto>,
    /// Set by hand: the note and the day.
    pub manual_note: Option<String>,
    pub manual_since: Option<String>,
}

impl From<&SegmentAssignment> for SegmentAssignmentDto {
    fn from(a: &SegmentAssignment) -> Self {
        SegmentAssignmentDto {
            segment: a.segment.into(),
            by_rules: a.by_rules.into(),
            reasons: a.reasons.iter().map(Into::into).collect(),
            manual_note: a.manual.as_ref().map(|m| m.note.clone()),
            manual_since: a.manual.as_ref().map(|m| date(m.set_on)),
        }
    }
}

/// One invoice's lateness, the evidence of the profile (`days_late` so far for one still open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LatenessPointDto {
    pub invoice: String,
    pub due_date: String,
    pub days_late: i32,
    pub paid: bool,
}

/// A customer's behaviour profile and segment as of a day. Day counts are statistics, not
/// money: plain numbers, rounded to one decimal by the core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileDto {
    pub as_of: String,
    pub invoices: u32,
    pub first_invoice_on: Option<String>,
    pub days_late: Option<f64>,
    pub spread: Option<f64>,
    pub trend: Option<f64>,
    pub paid_after_reminder: ShareDto,
    pub partial_payments: ShareDto,
    pub promise_reliability: ShareDto,
    pub promises_kept: u32,
    pub promises_broken: u32,
    pub promises_live: u32,
    pub disputed: ShareDto,
    pub open_disputes: u32,
    pub evidence: Vec<LatenessPointDto>,
    pub segment: SegmentAssignmentDto,
}

impl ProfileDto {
    pub fn new(p: &BehaviourProfile, a: &SegmentAssignment) -> ProfileDto {
        ProfileDto {
            as_of: date(p.as_of),
            invoices: p.invoices,
            first_invoice_on: p.first_invoice_on.map(date),
            days_late: p.days_late,
            spread: p.spread,
            trend: p.trend,
            paid_after_reminder: p.paid_after_reminder.into(),
            partial_payments: p.partial_payments.into(),
            promise_reliability: p.promise_reliability().into(),
            promises_kept: p.promises.kept,
            promises_broken: p.promises.broken,
            promises_live: p.promises.live,
            disputed: p.disputed.into(),
            open_disputes: p.open_disputes,
            evidence: p
                .evidence
                .iter()
                .map(|e| LatenessPointDto {
                    invoice: e.invoice.clone(),
                    due_date: date(e.due_date),
                    days_late: i32::try_from(e.days_late).unwrap_or(i32::MAX),
                    paid: e.paid,
                })
                .collect(),
            segment: a.into(),
        }
    }
}

/// Set a customer's segment by hand (`segment`), or back to the rules (`null`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SetSegmentRequest {
    pub customer_id: u32,
    pub segment: Option<SegmentDto>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SegmentTotalDto {
    pub segment: SegmentDto,
    pub customers: u32,
    pub customers_overdue: u32,
    pub overdue: MoneyDto,
}

impl From<&SegmentTotal> for SegmentTotalDto {
    fn from(t: &SegmentTotal) -> Self {
        SegmentTotalDto {
            segment: t.segment.into(),
            customers: t.customers,
            customers_overdue: t.customers_overdue,
            overdue: (&t.overdue).into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DunningActionDto {
    Email,
    Letter,
    Call,
    Escalation,
}

impl From<DunningAction> for DunningActionDto {
    fn from(a: DunningAction) -> Self {
        match a {
            DunningAction::Email => DunningActionDto::Email,
            DunningAction::Letter => DunningActionDto::Letter,
            DunningAction::Call => DunningActionDto::Call,
            DunningAction::Escalation => DunningActionDto::Escalation,
        }
    }
}

impl From<DunningActionDto> for DunningAction {
    fn from(a: DunningActionDto) -> Self {
        match a {
            DunningActionDto::Email => DunningAction::Email,
            DunningActionDto::Letter => DunningAction::Letter,
            DunningActionDto::Call => DunningAction::Call,
            DunningActionDto::Escalation => DunningAction::Escalation,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TemplateDto {
    Reminder,
    SecondReminder,
    FormalNotice,
}

impl From<Template> for TemplateDto {
    fn from(t: Template) -> Self {
        match t {
            Template::Reminder => TemplateDto::Reminder,
            Template::SecondReminder => TemplateDto::SecondReminder,
            Template::FormalNotice => TemplateDto::FormalNotice,
        }
    }
}

impl From<TemplateDto> for Template {
    fn from(t: TemplateDto) -> Self {
        match t {
            TemplateDto::Reminder => Template::Reminder,
            TemplateDto::SecondReminder => Template::SecondReminder,
            TemplateDto::FormalNotice => Template::FormalNotice,
        }
    }
}

/// One step: `offset_days` after the due date (negative: before) → an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DunningStepDto {
    pub offset_days: i32,
    pub action: DunningActionDto,
    pub template: TemplateDto,
    /// A decimal string in the invoice's currency, or null.
    pub fee: Option<String>,
    pub claim_interest: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DunningPolicyDto {
    pub segment: SegmentDto,
    pub steps: Vec<DunningStepDto>,
}

impl From<&DunningPolicy> for DunningPolicyDto {
    fn from(p: &DunningPolicy) -> Self {
        DunningPolicyDto {
            segment: p.segment.into(),
            steps: p
                .steps
                .iter()
                .map(|s| DunningStepDto {
                    offset_days: s.offset_days,
                    action: s.action.into(),
                    template: s.template.into(),
                    fee: s.fee.map(|f| f.to_string()),
                    claim_interest: s.claim_interest,
                })
                .collect(),
        }
    }
}

impl DunningPolicyDto {
    /// The core's policy; a fee that is not a decimal number is refused by step.
    pub fn to_core(&self) -> ApiResult<DunningPolicy> {
        let steps = self
            .steps
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let fee = match s.fee.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
                    None => None,
                    Some(text) => Some(text.parse::<Decimal>().map_err(|_| {
                        creditdesk::Error::invalid(format!(
                            "step {}: the fee '{text}' is not an amount",
                            index + 1
                        ))
                    })?),
                };
                Ok(DunningStep {
                    offset_days: s.offset_days,
                    action: s.action.into(),
                    template: s.template.into(),
                    fee,
                    claim_interest: s.claim_interest,
                })
            })
            .collect::<ApiResult<Vec<_>>>()?;
        Ok(DunningPolicy {
            segment: self.segment.into(),
            steps,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionDueDto {
    pub step: u32,
    pub steps_in_policy: u32,
    pub action: DunningActionDto,
    pub template: TemplateDto,
    pub fee: Option<MoneyDto>,
    pub claim_interest: bool,
    pub offset_days: i32,
    /// The policy asked for an e-mail, the customer has no address: a letter instead.
    pub email_missing: bool,
}

impl From<&ActionDue> for ActionDueDto {
    fn from(a: &ActionDue) -> Self {
        ActionDueDto {
            step: a.step,
            steps_in_policy: a.steps_in_policy,
            action: a.action.into(),
            template: a.template.into(),
            fee: a.fee.as_ref().map(Into::into),
            claim_interest: a.claim_interest,
            offset_days: a.offset_days,
            email_missing: a.email_missing,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkItemDto {
    pub invoice_id: u32,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub days_late: i32,
    pub open: MoneyDto,
    /// The step due for it today; null: listed because it is overdue.
    pub step_due: Option<u32>,
    pub last_step: Option<u32>,
}

impl From<&WorkItem> for WorkItemDto {
    fn from(i: &WorkItem) -> Self {
        WorkItemDto {
            invoice_id: id(i.invoice_id.0),
            number: i.number.clone(),
            issue_date: date(i.issue_date),
            due_date: date(i.due_date),
            days_late: i32::try_from(i.days_late).unwrap_or(i32::MAX),
            open: (&i.open).into(),
            step_due: i.step_due,
            last_step: i.last_step,
        }
    }
}

/// Why dunning waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PauseDto {
    Disputed,
    Stopped { since: String, reason: String },
    CustomerStopped { since: String, reason: String },
    Promise { amount: MoneyDto, due: String },
}

impl From<&Pause> for PauseDto {
    fn from(p: &Pause) -> Self {
        match p {
            Pause::Disputed => PauseDto::Disputed,
            Pause::Stopped { since, reason } => PauseDto::Stopped {
                since: date(*since),
                reason: reason.clone(),
            },
            Pause::CustomerStopped { since, reason } => PauseDto::CustomerStopped {
                since: date(*since),
                reason: reason.clone(),
            },
            Pause::Promise { amount, due } => PauseDto::Promise {
                amount: amount.into(),
                due: date(*due),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PausedItemDto {
    pub invoice_id: u32,
    pub number: String,
    pub open: MoneyDto,
    pub why: PauseDto,
}

impl From<&PausedItem> for PausedItemDto {
    fn from(p: &PausedItem) -> Self {
        PausedItemDto {
            invoice_id: id(p.invoice_id.0),
            number: p.number.clone(),
            open: (&p.open).into(),
            why: (&p.why).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum AlertDto {
    BrokenPromise {
        made_on: String,
        due: String,
        promised: MoneyDto,
        received: MoneyDto,
    },
}

impl From<&Alert> for AlertDto {
    fn from(a: &Alert) -> Self {
        match a {
            Alert::BrokenPromise {
                made_on,
                due,
                promised,
                received,
                ..
            } => AlertDto::BrokenPromise {
                made_on: date(*made_on),
                due: date(*due),
                promised: promised.into(),
                received: received.into(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkEntryDto {
    pub customer_id: u32,
    pub customer_number: String,
    pub customer_name: String,
    pub segment: SegmentDto,
    pub language: String,
    pub action: Option<ActionDueDto>,
    pub items: Vec<WorkItemDto>,
    pub paused_items: Vec<PausedItemDto>,
    pub alerts: Vec<AlertDto>,
    pub total: MoneyDto,
}

impl From<&WorkEntry> for WorkEntryDto {
    fn from(e: &WorkEntry) -> Self {
        WorkEntryDto {
            customer_id: id(e.customer_id.0),
            customer_number: e.customer_number.clone(),
            customer_name: e.customer_name.clone(),
            segment: e.segment.into(),
            language: e.language.clone(),
            action: e.action.as_ref().map(Into::into),
            items: e.items.iter().map(Into::into).collect(),
            paused_items: e.paused_items.iter().map(Into::into).collect(),
            alerts: e.alerts.iter().map(Into::into).collect(),
            total: (&e.total).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PausedCustomerDto {
    pub customer_id: u32,
    pub customer_number: String,
    pub customer_name: String,
    pub overdue: MoneyDto,
    pub why: PauseDto,
}

impl From<&PausedCustomer> for PausedCustomerDto {
    fn from(p: &PausedCustomer) -> Self {
        PausedCustomerDto {
            customer_id: id(p.customer_id.0),
            customer_number: p.customer_number.clone(),
            customer_name: p.customer_name.clone(),
            overdue: (&p.overdue).into(),
            why: (&p.why).into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorklistDto {
    pub as_of: String,
    pub customers: Vec<WorkEntryDto>,
    pub paused: Vec<PausedCustomerDto>,
}

impl From<&Worklist> for WorklistDto {
    fn from(w: &Worklist) -> Self {
        WorklistDto {
            as_of: date(w.as_of),
            customers: w.customers.iter().map(Into::into).collect(),
            paused: w.paused.iter().map(Into::into).collect(),
        }
    }
}

/// Do the reviewed entries of these customers on `as_of` (default today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DunningRunRequest {
    pub as_of: Option<String>,
    pub customer_ids: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DoneDto {
    pub customer_id: u32,
    pub customer_number: String,
    pub action: Option<DunningActionDto>,
    pub step: Option<u32>,
    pub items: Vec<String>,
}

impl From<&Done> for DoneDto {
    fn from(d: &Done) -> Self {
        DoneDto {
            customer_id: id(d.customer_id.0),
            customer_number: d.customer_number.clone(),
            action: d.action.map(Into::into),
            step: d.step,
            items: d.items.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DunningRunDto {
    pub done: Vec<DoneDto>,
    /// The letters written, one PDF per customer (letter and e-mail actions).
    pub letters: Vec<String>,
    /// All letters of the run in one PDF, to print.
    pub batch_pdf: Option<String>,
    /// E-mails queued in the outbox.
    pub emails_queued: u32,
}

/// Stop dunning for a customer, or one of its invoices (`invoice_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StopDunningRequest {
    pub customer_id: u32,
    pub invoice_id: Option<u32>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DunningStopDto {
    pub id: u32,
    pub invoice_id: Option<u32>,
    pub since: String,
    pub reason: String,
}

impl From<&creditdesk::store::DunningStop> for DunningStopDto {
    fn from(s: &creditdesk::store::DunningStop) -> Self {
        DunningStopDto {
            id: id(s.id),
            invoice_id: s.invoice_id.map(|i| id(i.0)),
            since: date(s.since),
            reason: s.reason.clone(),
        }
    }
}
