//! Two years of one customer's invoices, payments and conversations, drawn from its profile.
//!
//! Planned before anything is written: items refer to each other by position, and the
//! database ids are filled in when the plan is written. Nothing is dated after `as_of`
//! except the due dates of items still open and of promises not yet due.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::{CustomerId, InvoiceDraft, InvoiceNumber, Language};
use crate::error::{Error, Result};
use crate::money::Money;

use super::behaviour::Behaviour;
use super::catalogue;
use super::customer::{HISTORY_DAYS, Profile, shift};
use super::dice::Dice;
use super::numbers;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Series {
    Invoice,
    CreditNote,
}

/// Invoice and credit note numbers: one sequence per series and calendar year, shared by all
/// customers and following the issue dates, as an ERP hands them out.
///
/// Customers are drawn one after the other, so numbering takes two passes over the same
/// draws: the first counts the items of each day ([`Numbering::start_numbering`] ends it),
/// the second gives each item its number from where its day starts.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    counts: BTreeMap<(Series, NaiveDate), u64>,
    next: Option<BTreeMap<(Series, NaiveDate), u64>>,
}

impl Numbering {
    /// Ends the counting pass: from now on, items get their final numbers.
    pub fn start_numbering(&mut self) {
        let mut next = BTreeMap::new();
        let mut running: BTreeMap<(Series, i32), u64> = BTreeMap::new();
        for (&(series, day), &count) in &self.counts {
            let seq = running.entry((series, day.year())).or_insert(1);
            next.insert((series, day), *seq);
            *seq += count;
        }
        self.next = Some(next);
    }

    fn take(&mut self, series: Series, day: NaiveDate) -> Result<u64> {
        match &mut self.next {
            None => {
                let count = self.counts.entry((series, day)).or_insert(0);
                *count += 1;
                Ok(*count)
            }
            Some(next) => {
                let seq = next.get_mut(&(series, day)).ok_or_else(|| {
                    Error::internal(format!(
                        "the demo's second pass issued an item on {day} the first did not"
                    ))
                })?;
                *seq += 1;
                Ok(*seq - 1)
            }
        }
    }

    /// The number of an invoice issued on `issue`, e.g. `2025-000123`, and its structured
    /// reference.
    fn invoice(&mut self, issue: NaiveDate) -> Result<(InvoiceNumber, String)> {
        let year = issue.year();
        let seq = self.take(Series::Invoice, issue)?;
        let number = InvoiceNumber::parse(&format!("{year}-{seq:06}"))?;
        let reference = numbers::ogm(u64::from(year.unsigned_abs() % 100) * 100_000_000 + seq);
        Ok((number, reference))
    }

    /// The number of a credit note issued on `issue`, e.g. `CN2025-00042`.
    fn credit_note(&mut self, issue: NaiveDate) -> Result<InvoiceNumber> {
        let year = issue.year();
        let seq = self.take(Series::CreditNote, issue)?;
        InvoiceNumber::parse(&format!("CN{year}-{seq:05}"))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct PaymentPlan {
    pub date: NaiveDate,
    pub minor: i64,
    pub reference: String,
}

#[derive(Debug, Clone)]
pub(crate) struct ItemPlan {
    /// The customer id is filled in when written.
    pub draft: InvoiceDraft,
    pub payments: Vec<PaymentPlan>,
    /// Contested once, settled since: the invoice must not stay flagged as disputed.
    pub dispute_resolved: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Event {
    Note(String),
    Call(String),
    Promise {
        minor: i64,
        due: NaiveDate,
        text: String,
    },
    Dispute {
        /// Position of the contested item in the customer's items.
        item: usize,
        reason: &'static str,
        resolved_on: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct EventPlan {
    pub date: NaiveDate,
    pub event: Event,
}

#[derive(Debug, Default)]
pub(crate) struct History {
    pub items: Vec<ItemPlan>,
    /// In date order.
    pub events: Vec<EventPlan>,
}

struct Planner<'a> {
    dice: &'a mut Dice,
    profile: &'a Profile,
    numbering: &'a mut Numbering,
    as_of: NaiveDate,
    start: NaiveDate,
    orders: u64,
    history: History,
}

/// Plans the history of a customer with `profile` up to `as_of`.
pub(crate) fn plan_history(
    dice: &mut Dice,
    profile: &Profile,
    as_of: NaiveDate,
    numbering: &mut Numbering,
) -> Result<History> {
    let mut planner = Planner {
        dice,
        profile,
        numbering,
        as_of,
        start: shift(as_of, -HISTORY_DAYS),
        orders: 0,
        history: History::default(),
    };
    planner.invoices()?;
    planner.account_notes();
    let mut history = planner.history;
    history.events.sort_by_key(|e| e.date);
    Ok(history)
}

/// The next working day on or after `date`.
fn working_day(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => shift(date, 2),
        Weekday::Sun => shift(date, 1),
        _ => date,
    }
}

impl Planner<'_> {
    fn days(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        (to - from).num_days()
    }

    /// How far into the history `date` lies, per mille.
    fn t_pm(&self, date: NaiveDate) -> i64 {
        (self.days(self.start, date) * 1000 / HISTORY_DAYS).clamp(0, 1000)
    }

    fn money(&self, minor: i64) -> Money {
        Money::from_minor(minor, self.profile.currency)
    }

    fn event(&mut self, date: NaiveDate, event: Event) {
        debug_assert!(date <= self.as_of);
        self.history.events.push(EventPlan { date, event });
    }

    fn invoices(&mut self) -> Result<()> {
        let interval = self.profile.interval_days;
        let first = self.profile.since.max(self.start);
        let offset = if self.profile.since >= self.start {
            self.dice.range(0, 6)
        } else {
            self.dice.range(0, interval - 1)
        };
        let mut next = shift(first, offset);
        while next <= self.as_of {
            let issue = working_day(next);
            if issue > self.as_of {
                break;
            }
            self.invoice(issue)?;
            let jitter = interval / 8;
            next = shift(next, interval + self.dice.range(-jitter, jitter));
        }
        Ok(())
    }

    fn invoice(&mut self, issue: NaiveDate) -> Result<()> {
        let profile = self.profile;
        let due = shift(issue, profile.terms_days);
        let units = profile.typical_amount * self.dice.range(60, 140) / 100;
        let minor = units.max(50) * 100 + self.dice.range(0, 99);
        let (number, reference) = self.numbering.invoice(issue)?;
        let mut draft = InvoiceDraft::new(number, CustomerId(0), issue, due, self.money(minor))?;
        draft.reference = reference;
        self.orders += 1;
        draft.po_number = profile.po.number(issue.year(), self.orders);
        draft.description = catalogue::invoice_description(self.dice);
        let item = self.history.items.len();
        self.history.items.push(ItemPlan {
            draft,
            payments: Vec::new(),
            dispute_resolved: false,
        });

        let t = self.t_pm(issue);
        if self.dice.chance(profile.habit.dispute_pm()) && self.dispute(item)? {
            return Ok(());
        }
        self.settle(item, t);
        if self.dice.chance(8) {
            self.goods_returned(item)?;
        }
        Ok(())
    }

    fn number(&self, item: usize) -> String {
        self.history.items[item].draft.number.to_string()
    }

    /// The reference a customer writes on its transfer for `item`.
    fn payment_reference(&mut self, item: usize) -> String {
        let draft = &self.history.items[item].draft;
        if self
            .dice
            .chance(self.profile.habit.structured_reference_pm())
        {
            return draft.reference.clone();
        }
        let word = match self.profile.language {
            Language::Nl => "Factuur",
            Language::Fr => "Facture",
            Language::De => "Rechnung",
            Language::En => "Invoice",
        };
        match self.dice.below(3) {
            0 => format!("{word} {}", draft.number),
            1 => format!("{} {}", draft.number, draft.po_number)
                .trim()
                .to_string(),
            _ => draft.number.to_string(),
        }
    }

    fn pay(&mut self, item: usize, date: NaiveDate, minor: i64) {
        if date <= self.as_of {
            let reference = self.payment_reference(item);
            self.history.items[item].payments.push(PaymentPlan {
                date,
                minor,
                reference,
            });
        }
    }

    /// The ordinary course of an invoice: paid in one go or in parts, on time or late, with
    /// a reminder call or a promise on the way.
    fn settle(&mut self, item: usize, t: i64) {
        let habit = &self.profile.habit;
        let draft = &self.history.items[item].draft;
        let (issue, due) = (draft.issue_date, draft.due_date);
        let amount = draft.amount.to_minor().unwrap_or_default();
        // Nobody in the demo pays an invoice before the day it falls due is near: an item not
        // yet due on `as_of` is open.
        if due > self.as_of {
            return;
        }
        let delay = habit.delay(self.dice, t);
        let paid_on = shift(due, delay).max(shift(issue, 1));

        let mut parts = Vec::new();
        if amount >= 20_000 && habit.pays_in_parts(self.dice, t) {
            let count = self.dice.range(2, 3);
            let mut rest = amount;
            let mut date = paid_on;
            for k in 0..count {
                let part = if k == count - 1 {
                    rest
                } else {
                    rest * self.dice.range(30, 60) / 100
                };
                parts.push((date, part));
                rest -= part;
                if habit.leaves_rest_unpaid(self.dice, t) {
                    break;
                }
                date = shift(date, self.dice.range(14, 40));
            }
        } else {
            parts.push((paid_on, amount));
        }

        let late = self.days(due, parts[0].0);
        if late > 21 && self.dice.chance(habit.promise_pm()) {
            self.promise(item, t, &parts);
        } else if late >= 10 && self.dice.chance(habit.reminder_call_pm()) {
            let latest = (late - 1).min(20);
            let called = shift(due, self.dice.range(8.min(latest), latest));
            if called <= self.as_of {
                let text = self.reminder_call_text(item);
                self.event(called, Event::Call(text));
            }
        }
        for (date, minor) in parts {
            self.pay(item, date, minor);
        }
    }

    fn reminder_call_text(&mut self, item: usize) -> String {
        let number = self.number(item);
        match self.profile.habit.behaviour {
            Behaviour::Forgetful => {
                format!("Reminder call about {number}: overlooked, they will pay it this week.")
            }
            Behaviour::LatePayer => {
                format!("Called about {number}: it is in their next payment run, as usual.")
            }
            Behaviour::Struggling => {
                format!("Called about {number}: the manager was not available; left a message.")
            }
            _ => format!("Reminder call about {number}: approved, payment on its way."),
        }
    }

    /// A promise to pay made while the invoice is long overdue; kept when the (first) payment
    /// arrives by the promised day, else broken.
    fn promise(&mut self, item: usize, t: i64, parts: &[(NaiveDate, i64)]) {
        let draft = &self.history.items[item].draft;
        let (due, amount, number) = (draft.due_date, draft.amount, draft.number.to_string());
        let amount = amount.to_minor().unwrap_or_default();
        let (first_date, first_minor) = parts[0];
        let earliest = shift(due, 14);
        let latest = shift(first_date, -1).min(self.as_of);
        if earliest > latest {
            return;
        }
        let made = shift(earliest, self.dice.range(0, self.days(earliest, latest)));
        let kept =
            first_date <= self.as_of && self.dice.chance(self.profile.habit.keeps_promise_pm(t));
        let text = match self.profile.habit.behaviour {
            Behaviour::Struggling => *self.dice.pick(&[
                "Asked for more time; promised to pay {} by transfer.",
                "Cash is tight this month; promised to pay {} once their customer has paid.",
                "Promised by phone to pay {}.",
            ]),
            _ => "Promised by phone to pay {}.",
        }
        .replace("{}", &number);
        if kept {
            let promised = shift(first_date, self.dice.range(0, 3))
                .min(self.as_of)
                .max(made);
            self.event(
                made,
                Event::Promise {
                    minor: first_minor,
                    due: promised,
                    text,
                },
            );
        } else {
            let mut promised = shift(made, self.dice.range(5, 14));
            if promised >= first_date {
                promised = shift(first_date, -1);
                if promised < made {
                    return;
                }
            }
            self.event(
                made,
                Event::Promise {
                    minor: amount,
                    due: promised,
                    text,
                },
            );
            let noticed = shift(promised, self.dice.range(2, 6));
            if noticed < first_date && noticed <= self.as_of {
                self.event(
                    noticed,
                    Event::Call(format!(
                        "Promise to pay {number} by {promised} not kept; they say the payment run was postponed."
                    )),
                );
            }
        }
    }

    /// A contested invoice. Returns false if the dispute would only be raised after `as_of`
    /// (the invoice then takes its ordinary course).
    fn dispute(&mut self, item: usize) -> Result<bool> {
        let draft = &self.history.items[item].draft;
        let (issue, due, number) = (draft.issue_date, draft.due_date, draft.number.to_string());
        let amount = draft.amount.to_minor()?;
        let raised = shift(
            issue,
            self.dice.range(2, self.profile.terms_days.min(30) + 10),
        );
        if raised > self.as_of {
            return Ok(false);
        }
        let reason = catalogue::dispute_reason(self.dice);
        let resolved = shift(raised, self.dice.range(7, 60));
        if resolved > self.as_of {
            self.history.items[item].draft.disputed = true;
            self.event(
                raised,
                Event::Dispute {
                    item,
                    reason: reason.reason,
                    resolved_on: None,
                },
            );
            return Ok(true);
        }
        self.history.items[item].dispute_resolved = true;
        self.event(
            raised,
            Event::Dispute {
                item,
                reason: reason.reason,
                resolved_on: Some(resolved),
            },
        );
        if reason.credited {
            let credit = (amount * self.dice.range(5, 30) / 100).max(100);
            let text = format!(
                "Credit on invoice {number}: {}",
                reason.reason.to_lowercase()
            );
            let cn = self.credit_note(resolved, credit, text)?;
            let money = self.money(credit);
            self.event(
                resolved,
                Event::Note(format!(
                    "Dispute on {number} settled: credit note {cn} of {money} issued."
                )),
            );
        } else {
            self.event(
                resolved,
                Event::Note(format!(
                    "Dispute on {number} closed: sent the signed delivery note and order confirmation; they will pay."
                )),
            );
        }
        let paid_on = shift(resolved.max(due), self.dice.range(2, 15));
        if paid_on <= self.as_of {
            self.pay(item, paid_on, amount);
        }
        Ok(true)
    }

    /// Part of an order sent back: a credit note a few weeks after the invoice.
    fn goods_returned(&mut self, item: usize) -> Result<()> {
        let draft = &self.history.items[item].draft;
        let issued = shift(draft.issue_date, self.dice.range(7, 30));
        if issued > self.as_of {
            return Ok(());
        }
        let credit = (draft.amount.to_minor()? * self.dice.range(10, 40) / 100).max(100);
        let text = format!(
            "Return of goods on invoice {} (RMA {})",
            draft.number,
            self.dice.range(1000, 9999)
        );
        self.credit_note(issued, credit, text)?;
        Ok(())
    }

    /// Issues a credit note of `credit` (positive, in minor units) on `issued`, refunded some
    /// weeks later if that is before `as_of`. Returns its number.
    fn credit_note(&mut self, issued: NaiveDate, credit: i64, text: String) -> Result<String> {
        let number = self.numbering.credit_note(issued)?;
        let mut draft = InvoiceDraft::new(
            number.clone(),
            CustomerId(0),
            issued,
            issued,
            self.money(-credit),
        )?;
        draft.description = text;
        let refunded = shift(issued, self.dice.range(10, 30));
        let payments = if refunded <= self.as_of {
            vec![PaymentPlan {
                date: refunded,
                minor: -credit,
                reference: format!("Refund of credit note {number}"),
            }]
        } else {
            Vec::new()
        };
        self.history.items.push(ItemPlan {
            draft,
            payments,
            dispute_resolved: false,
        });
        Ok(number.to_string())
    }

    /// Notes about the account as a whole.
    fn account_notes(&mut self) {
        let first = self.profile.since.max(self.start);
        let span = self.days(first, self.as_of);
        match self.profile.habit.behaviour {
            Behaviour::New => {
                self.event(
                    self.profile.since,
                    Event::Note(
                        "New customer: account opened after a credit check; terms and limit agreed."
                            .into(),
                    ),
                );
            }
            Behaviour::LatePayer => {
                let on = shift(first, self.dice.range(0, span));
                self.event(
                    on,
                    Event::Note(
                        "They pay in one batch at the end of the month after next, whatever the due date."
                            .into(),
                    ),
                );
            }
            Behaviour::Struggling => {
                let from = self.profile.habit.decline_from_pm() + 100;
                let on = shift(self.start, from * HISTORY_DAYS / 1000).max(first);
                self.event(
                    on,
                    Event::Note(
                        "Reports cash-flow problems after losing a large client; follow closely."
                            .into(),
                    ),
                );
                let asked = shift(self.as_of, -self.dice.range(5, 40)).max(first);
                self.event(
                    asked,
                    Event::Call(
                        "Asked for a payment plan for the overdue invoices; waiting for their proposal."
                            .into(),
                    ),
                );
            }
            _ => {}
        }
        for _ in 0..self.dice.range(0, 2) {
            let on = shift(first, self.dice.range(0, span));
            let text = catalogue::generic_note(self.dice).to_string();
            self.event(on, Event::Note(text));
        }
    }
}
