//! The payment-date model: when will each open invoice be paid, as a distribution of days
//! around its due date, learnt from the invoices paid by the forecast day.
//!
//! Lateness (days from due date to full payment) is explained in parts, each estimated in a
//! way that resists outliers (medians, not means, since the error measured is absolute):
//!
//! - **disputes**: across the portfolio, how much later a disputed invoice is paid than the
//!   same customer's undisputed ones (the median difference; never negative);
//! - **month of year**: across the portfolio, how much later than each customer's own level
//!   the invoices due in each calendar month were paid, shrunk toward zero when few;
//! - **the customer's level**: the recency-weighted median of what is left (half-life
//!   `HALF_LIFE_DAYS`), blended with its segment's (or the portfolio's) level when it has
//!   few paid invoices (`PRIOR_INVOICES` invoices' worth of weight);
//! - **trend**: a customer getting later (or sooner) by the weighted slope of its last year,
//!   half of it carried forward, within `TREND_CAP_DAYS`.
//!
//! The spread around the level is the customer's own residuals pooled with its group's, read
//! as 19 equally likely days (the 5th to 95th percentiles), widened by `SPREAD_WIDENING` from
//! the middle one (measured: unwidened, the 10th–90th range held 70 % of payments). An invoice already open on the day
//! keeps only the days still to come. A live promise wins over all this when the customer
//! keeps four in five of its promises (the portfolio's share standing in for two promises of
//! its own); a promise of part of the amount only puts the full payment after its day.
//!
//! The constants are round values set beforehand, not searched for; the model is measured on
//! generated portfolios (`scenario`, seeds 100–104), the IBM file and the demo (BENCHMARKS.md).
//! Only the promise rule changed after a measurement, to mend a fault the demo showed.

use chrono::{Datelike, Days, NaiveDate};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::collections::profile::PromiseState;
use crate::domain::{CustomerId, InvoiceId};
use crate::money::Money;

use super::book::{Book, BookInvoice, BookPromise, PaidInvoice};
use super::stats::{
    median, merged_quantiles, running_sums, weighted_quantile_sorted, weighted_slope,
};

/// An observation's weight halves with every this many days since it was paid.
pub const HALF_LIFE_DAYS: f64 = 120.0;
/// A customer's own history counts as much as this many invoices of its group's.
pub const PRIOR_INVOICES: f64 = 2.0;
/// Paid invoices from which the customer's own behaviour is said to be the basis.
pub const OWN_HISTORY_INVOICES: u32 = 5;
/// A segment needs this many paid invoices to be a customer's fallback group.
pub const SEGMENT_MIN_INVOICES: u32 = 30;
/// Month effects are shrunk by n / (n + this).
const MONTH_SHRINK: f64 = 30.0;
/// The dispute effect needs this many disputed invoices of customers with undisputed ones.
const DISPUTE_MIN_INVOICES: usize = 5;
/// A trend needs this many paid invoices in the last year, over at least `TREND_MIN_SPAN` days.
const TREND_MIN_INVOICES: usize = 6;
const TREND_MIN_SPAN: f64 = 120.0;
/// Share of the trend carried forward, and its bound in days.
const TREND_DAMPING: f64 = 0.5;
const TREND_CAP_DAYS: f64 = 20.0;
/// An invoice open at most this many days past its expected day, and later than any paid
/// before, is expected any day now; further past, the date is a guess.
const SOON_DAYS: f64 = 30.0;
/// A customer's promise is believed when its share of promises kept, counting the portfolio's
/// share as `PROMISE_PRIOR` promises of its own, is at least this.
pub const PROMISE_BELIEVED_SHARE: f64 = 0.8;
const PROMISE_PRIOR: f64 = 2.0;
/// The spread of past residuals around their middle understates the spread of the next
/// payment (the level is itself estimated from a few dozen invoices, and behaviour drifts):
/// the 10th–90th percentile range held 70–73 % of the payments in backtests. Widened by this
/// factor, chosen on generated portfolios (seeds 1–5, not the seeds reported), it holds about
/// 80 % (BENCHMARKS.md: on the reported seeds, the IBM file, the demo and the stress data).
pub const SPREAD_WIDENING: f64 = 1.3;
/// The days an invoice's payment is spread over: the 5th, 10th … 95th percentiles.
pub const POINTS: usize = 19;

/// What a forecast date rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The customer's own paid invoices.
    Customer,
    /// Little own history, blended with its segment's.
    Segment,
    /// Little or no own history, blended with the whole portfolio's.
    Portfolio,
    /// A live promise to pay.
    Promise,
    /// Open longer than anything seen paid: a guess.
    BeyondHistory,
}

impl Basis {
    pub fn code(&self) -> &'static str {
        match self {
            Basis::Customer => "customer",
            Basis::Segment => "segment",
            Basis::Portfolio => "portfolio",
            Basis::Promise => "promise",
            Basis::BeyondHistory => "beyond_history",
        }
    }
}

/// One invoice's expected payment.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    pub expected: NaiveDate,
    pub low: NaiveDate,
    pub high: NaiveDate,
    /// `POINTS` equally likely payment days, in order (what the weekly bands add up).
    pub days: Vec<NaiveDate>,
    pub basis: Basis,
    pub reason: String,
}

/// A paid invoice as the model sees it.
#[derive(Clone, Copy)]
struct Observation {
    customer: CustomerId,
    due: NaiveDate,
    lateness: f64,
    disputed: bool,
    weight: f64,
}

/// A customer's behaviour: its adjusted lateness values are the run of the model's
/// `customer_values` from `start`, `invoices` long, sorted (one list for all customers: a
/// hundred thousand customers' lists cost more to make and free than to fill).
#[derive(Debug, Clone, Copy)]
struct CustomerFit {
    invoices: u32,
    start: u32,
    level: f64,
    /// Days of lateness gained per day, and the day (days since CE) it is measured from.
    trend: Option<(f64, f64)>,
}

/// A group's behaviour (a segment's, the portfolio's): its adjusted lateness values.
#[derive(Debug, Clone, Default)]
struct Fit {
    invoices: u32,
    level: f64,
    /// (adjusted lateness − level, weight), sorted.
    residuals: Vec<(f64, f64)>,
    /// Adjusted lateness values, sorted, with weights (for invoices already overdue).
    values: Vec<(f64, f64)>,
    /// The running sums of the weights of `values` (and `residuals`), which every prediction
    /// of the group's customers pools with.
    sums: Vec<f64>,
    /// The running counts of the invoices behind `values`: each value is kept once, with the
    /// weights of its invoices added up.
    counts: Vec<u32>,
}

impl Fit {
    /// A segment's or the portfolio's fit. Its values are whole days less a few effects, so
    /// a million invoices hold a few thousand values: each is kept once, with its weights
    /// added up (in two runs of the order given, then the two sums: equal, up to rounding,
    /// to what a stable sort would have added). The weighted quantiles are the same (equal
    /// values are one run in the sorted list either way), only the distinct values are
    /// sorted, and each prediction's searches stay in a small, cached list.
    fn group(values: &[(f64, f64)]) -> Fit {
        // Counted in two halves at once, the second's sums then added to the first's.
        let count = |values: &[(f64, f64)]| {
            let mut by_value: FxHashMap<u64, (f64, u32)> = FxHashMap::default();
            for (value, weight) in values {
                let entry = by_value.entry(value.to_bits()).or_insert((0.0, 0));
                entry.0 += weight;
                entry.1 += 1;
            }
            by_value
        };
        let (first, second) = values.split_at(values.len() / 2);
        let (mut by_value, second) = rayon::join(|| count(first), || count(second));
        for (bits, (weight, n)) in second {
            let entry = by_value.entry(bits).or_insert((0.0, 0));
            entry.0 += weight;
            entry.1 += n;
        }
        let mut distinct: Vec<(f64, f64, u32)> = by_value
            .into_iter()
            .map(|(bits, (weight, n))| (f64::from_bits(bits), weight, n))
            .collect();
        distinct.sort_by(|a, b| a.0.total_cmp(&b.0));
        let values: Vec<(f64, f64)> = distinct.iter().map(|(v, w, _)| (*v, *w)).collect();
        let mut counts = Vec::with_capacity(distinct.len() + 1);
        counts.push(0u32);
        for (_, _, n) in &distinct {
            counts.push(counts.last().copied().unwrap_or(0) + n);
        }
        let level = weighted_quantile_sorted(&values, 0.5).unwrap_or(0.0);
        Fit {
            invoices: counts.last().copied().unwrap_or(0),
            level,
            residuals: values.iter().map(|(v, w)| (v - level, *w)).collect(),
            sums: running_sums(&values),
            values,
            counts,
        }
    }
}

/// The model fitted on what was paid by `as_of`.
pub struct Model {
    as_of: NaiveDate,
    /// Days a dispute adds.
    dispute_days: f64,
    /// Days added by the calendar month of the due date (January first).
    month_days: [f64; 12],
    customers: FxHashMap<CustomerId, CustomerFit>,
    /// The customers' adjusted lateness values with their weights (see `CustomerFit`).
    customer_values: Vec<(f64, f64)>,
    segments: FxHashMap<String, Fit>,
    portfolio: Fit,
    segment_of: FxHashMap<CustomerId, String>,
    /// Promises kept and broken by customer, as of the day.
    promise_record: FxHashMap<CustomerId, (u32, u32)>,
    /// The share of the promises that came due which were kept, over the portfolio.
    promises_kept_share: f64,
    /// What the live promises cover, by invoice.
    promised: FxHashMap<InvoiceId, Cover>,
    /// Invoices with an open dispute (interaction) on the day, and customers with an open
    /// account-wide dispute.
    disputed_invoices: FxHashSet<InvoiceId>,
    disputed_accounts: FxHashSet<CustomerId>,
}

fn day_number(day: NaiveDate) -> f64 {
    f64::from(day.num_days_from_ce())
}

fn add_days(day: NaiveDate, days: f64) -> NaiveDate {
    let days = days.round() as i64;
    if days >= 0 {
        day.checked_add_days(Days::new(days as u64)).unwrap_or(day)
    } else {
        day.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(day)
    }
}

fn month_index(day: NaiveDate) -> usize {
    day.month0() as usize
}

/// The English name of `day`'s month.
fn month_name(day: NaiveDate) -> &'static str {
    u8::try_from(day.month())
        .ok()
        .and_then(|month| chrono::Month::try_from(month).ok())
        .map_or("", |month| month.name())
}

impl Model {
    /// Fits the model on the invoices of `book` paid by `as_of` (the book's day or before).
    pub fn fit(book: &Book, as_of: NaiveDate) -> Model {
        // An observation's weight by its age in days (ages repeat: one power per day of a
        // store's book; computed for older ones, which a book made by hand may hold).
        let weight_of_age: Vec<f64> = (0..=super::book::HISTORY_DAYS)
            .map(|age| 0.5f64.powf(age as f64 / HALF_LIFE_DAYS))
            .collect();
        // A store's book holds only invoices paid by the day: then the observations are made in
        // place, in parallel (a filter would gather them in pieces and copy them).
        let paid: std::borrow::Cow<[PaidInvoice]> =
            if book.paid.iter().all(|invoice| invoice.settled_on <= as_of) {
                std::borrow::Cow::Borrowed(&book.paid)
            } else {
                book.paid
                    .iter()
                    .filter(|invoice| invoice.settled_on <= as_of)
                    .copied()
                    .collect()
            };
        let observations: Vec<Observation> = paid
            .par_iter()
            .map(|invoice| {
                let settled = invoice.settled_on;
                let age = (as_of - settled).num_days();
                Observation {
                    customer: invoice.customer,
                    due: invoice.due_date,
                    lateness: (settled - invoice.due_date).num_days() as f64,
                    disputed: invoice.disputed,
                    weight: usize::try_from(age)
                        .ok()
                        .and_then(|age| weight_of_age.get(age).copied())
                        .unwrap_or_else(|| 0.5f64.powf(age as f64 / HALF_LIFE_DAYS)),
                }
            })
            .collect();
        // One slice per customer, each in the book's order: every per-customer estimate below
        // reads its own slice, on both cores. A store's book comes in customer order.
        let observations = if observations.is_sorted_by_key(|o| o.customer) {
            observations
        } else {
            grouped_by_customer(observations)
        };
        let by_customer: Vec<&[Observation]> = observations
            .chunk_by(|a, b| a.customer == b.customer)
            .collect();

        let dispute_days = dispute_effect(&by_customer);
        let without_dispute =
            |o: &Observation| o.lateness - if o.disputed { dispute_days } else { 0.0 };

        // Customer levels before the month effects, to measure those against (a scratch list
        // per thread: no list per customer).
        let levels: Vec<Option<f64>> = by_customer
            .par_iter()
            .map_init(Vec::new, |values: &mut Vec<(f64, f64)>, own| {
                if own.len() < 3 {
                    return None;
                }
                values.clear();
                values.extend(own.iter().map(|o| (without_dispute(o), o.weight)));
                values.sort_by(|a, b| a.0.total_cmp(&b.0));
                weighted_quantile_sorted(values, 0.5)
            })
            .collect();
        let month_residuals: Vec<(usize, f64)> = by_customer
            .par_iter()
            .zip(levels.par_iter())
            .flat_map_iter(|(own, level)| {
                own.iter()
                    .filter_map(move |o| Some((month_index(o.due), without_dispute(o) - (*level)?)))
            })
            .collect();
        let mut by_month: [Vec<f64>; 12] = Default::default();
        for (month, residual) in month_residuals {
            by_month[month].push(residual);
        }
        let mut month_days = [0.0; 12];
        for (month, residuals) in by_month.iter().enumerate() {
            if let Some(m) = median(residuals) {
                let n = residuals.len() as f64;
                month_days[month] = m * n / (n + MONTH_SHRINK);
            }
        }

        // Every observation's adjusted lateness with its weight, in the observations' order:
        // the groups read it so, then each customer's run is sorted in place.
        let adjusted = |o: &Observation| without_dispute(o) - month_days[month_index(o.due)];
        let mut customer_values: Vec<(f64, f64)> = observations
            .par_iter()
            .map(|o| (adjusted(o), o.weight))
            .collect();
        let mut by_segment: FxHashMap<&str, Vec<(f64, f64)>> = FxHashMap::default();
        let mut start = 0;
        for own in &by_customer {
            if let Some(segment) = book.segments.get(&own[0].customer) {
                by_segment
                    .entry(segment)
                    .or_default()
                    .extend_from_slice(&customer_values[start..start + own.len()]);
            }
            start += own.len();
        }
        let segments = by_segment
            .into_iter()
            .map(|(segment, values)| (segment.to_string(), Fit::group(&values)))
            .filter(|(_, fit)| fit.invoices >= SEGMENT_MIN_INVOICES)
            .collect();
        let portfolio = Fit::group(&customer_values);

        let year_ago = day_number(as_of) - 365.0;
        let mut runs: Vec<&mut [(f64, f64)]> = Vec::with_capacity(by_customer.len());
        let mut rest = customer_values.as_mut_slice();
        for own in &by_customer {
            let (run, after) = rest.split_at_mut(own.len());
            runs.push(run);
            rest = after;
        }
        let mut start = 0u32;
        let starts: Vec<u32> = by_customer
            .iter()
            .map(|own| {
                let this = start;
                start += own.len() as u32;
                this
            })
            .collect();
        let customers: FxHashMap<CustomerId, CustomerFit> = runs
            .into_par_iter()
            .zip(by_customer.par_iter())
            .zip(starts.par_iter())
            .map_init(
                Vec::new,
                |points: &mut Vec<(f64, f64, f64)>, ((run, own), start)| {
                    run.sort_by(|a, b| a.0.total_cmp(&b.0));
                    points.clear();
                    points.extend(
                        own.iter()
                            .filter(|o| day_number(o.due) >= year_ago)
                            .map(|o| (day_number(o.due), adjusted(o), o.weight)),
                    );
                    let fit = CustomerFit {
                        invoices: run.len() as u32,
                        level: weighted_quantile_sorted(run, 0.5).unwrap_or(0.0),
                        start: *start,
                        trend: trend(points),
                    };
                    (own[0].customer, fit)
                },
            )
            .collect();

        let mut promise_record: FxHashMap<CustomerId, (u32, u32)> = FxHashMap::default();
        let mut live: Vec<&BookPromise> = Vec::new();
        for promise in book.promises.iter().filter(|p| p.made_on <= as_of) {
            let record = promise_record.entry(promise.customer).or_default();
            match promise.state {
                PromiseState::Kept => record.0 += 1,
                PromiseState::Broken => record.1 += 1,
                PromiseState::Live => live.push(promise),
            }
        }
        let promised = covers(book, &live);
        let open_disputes = book.disputes.iter().filter(|d| {
            d.raised_on <= as_of && d.resolved_on.is_none_or(|resolved| resolved > as_of)
        });
        let mut disputed_invoices = FxHashSet::default();
        let mut disputed_accounts = FxHashSet::default();
        for dispute in open_disputes {
            match dispute.invoice {
                Some(invoice) => disputed_invoices.insert(invoice),
                None => disputed_accounts.insert(dispute.customer),
            };
        }

        Model {
            as_of,
            dispute_days,
            month_days,
            customers,
            customer_values,
            segments,
            portfolio,
            segment_of: book.segments.iter().map(|(c, s)| (*c, s.clone())).collect(),
            promises_kept_share: {
                let (kept, broken) = promise_record
                    .values()
                    .fold((0u32, 0u32), |(k, b), (kept, broken)| {
                        (k + kept, b + broken)
                    });
                if kept + broken == 0 {
                    1.0
                } else {
                    f64::from(kept) / f64::from(kept + broken)
                }
            },
            promise_record,
            promised,
            disputed_invoices,
            disputed_accounts,
        }
    }

    /// A customer's adjusted lateness values, sorted, with their weights.
    fn values_of(&self, fit: &CustomerFit) -> &[(f64, f64)] {
        let start = fit.start as usize;
        &self.customer_values[start..start + fit.invoices as usize]
    }

    /// The day the model was fitted for.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Whether the invoice is disputed as far as is known on the model's day.
    pub fn is_disputed(&self, invoice: &BookInvoice) -> bool {
        invoice.disputed
            || self.disputed_invoices.contains(&invoice.id)
            || self.disputed_accounts.contains(&invoice.customer)
    }

    /// When `invoice` will be paid, said on a day when it can be paid from `earliest` on.
    pub fn predict(&self, invoice: &BookInvoice, earliest: NaiveDate) -> Prediction {
        self.predict_with(&self.spread(invoice.customer), invoice, earliest)
    }

    /// What every prediction for `customer`'s invoices shares: its level blended with its
    /// group's, and the spread around it (a forecast makes it once per customer).
    pub(super) fn spread(&self, customer: CustomerId) -> Spread<'_> {
        let own = self.customers.get(&customer);
        let own_invoices = own.map_or(0, |f| f.invoices);
        let segment = self.segment_of.get(&customer);
        let (group, group_name) = match segment.and_then(|s| self.segments.get(s).map(|f| (f, s))) {
            Some((fit, name)) => (fit, Some(name.as_str())),
            None => (&self.portfolio, None),
        };
        let basis = if own_invoices >= OWN_HISTORY_INVOICES {
            Basis::Customer
        } else if group_name.is_some() {
            Basis::Segment
        } else {
            Basis::Portfolio
        };
        // Location: the customer's level blended with its group's.
        let n = f64::from(own_invoices);
        let level = match own {
            Some(fit) => (n * fit.level + PRIOR_INVOICES * group.level) / (n + PRIOR_INVOICES),
            None => group.level,
        };
        // Spread: own residuals and the group's, weighing n and PRIOR_INVOICES invoices.
        let own_values = own.map_or(&[][..], |fit| self.values_of(fit));
        let own_residuals = own.map_or_else(Vec::new, |fit| scaled(own_values, fit.level, n));
        let mut offsets = [0.0; POINTS];
        for (offset, quantile) in offsets.iter_mut().zip(merged_quantiles(
            &own_residuals,
            &group.residuals,
            &group.sums,
            0,
            PRIOR_INVOICES,
            &QUANTILES,
        )) {
            *offset = quantile.unwrap_or(0.0);
        }
        // Spread out from the middle day (which stays: the expected date does not move).
        let middle = offsets[POINTS / 2];
        for offset in &mut offsets {
            *offset = middle + SPREAD_WIDENING * (*offset - middle);
        }
        Spread {
            own,
            own_values,
            group,
            basis,
            level,
            offsets,
            reason: reason_head(basis, own_invoices, level, group_name),
        }
    }

    /// `predict` with the customer's `spread` made already.
    pub(super) fn predict_with(
        &self,
        spread: &Spread<'_>,
        invoice: &BookInvoice,
        earliest: NaiveDate,
    ) -> Prediction {
        let Spread {
            own,
            group,
            basis,
            level,
            ..
        } = *spread;
        let n = f64::from(own.map_or(0, |f| f.invoices));
        // The invoice's own effects move the customer's days.
        let disputed = self.is_disputed(invoice);
        let dispute = if disputed { self.dispute_days } else { 0.0 };
        let month = self.month_days[month_index(invoice.due_date)];
        let trend = own
            .and_then(|fit| fit.trend)
            .map(|(slope, anchor)| {
                (slope * (day_number(invoice.due_date) - anchor) * TREND_DAMPING)
                    .clamp(-TREND_CAP_DAYS, TREND_CAP_DAYS)
            })
            .unwrap_or(0.0);
        let shift = dispute + month + trend;
        let mut days: Vec<NaiveDate> = spread
            .offsets
            .iter()
            .map(|r| add_days(invoice.due_date, level + shift + r))
            .filter(|d| *d >= earliest)
            .collect();
        let mut reason = spread.reason.clone();
        self.push_effects(&mut reason, disputed, month, trend, invoice);
        let mut basis = basis;
        if days.len() < 3 {
            // Already later than this customer usually pays: what the invoices paid as late
            // as this one already is say how much later it comes.
            let overdue = (earliest - invoice.due_date).num_days() as f64 - shift;
            let own_later: Vec<(f64, f64)> = spread
                .own_values
                .iter()
                .copied()
                .filter(|(v, _)| *v >= overdue)
                .collect();
            let from = group.values.partition_point(|(v, _)| *v < overdue);
            let group_later = if group.sums.last().is_some_and(|sum| *sum > 0.0) {
                group.counts[group.values.len()] - group.counts[from]
            } else {
                0
            };
            if own_later.len() + group_later as usize >= 3 {
                days = merged_quantiles(
                    &own_later,
                    &group.values,
                    &group.sums,
                    from,
                    PRIOR_INVOICES.max(n),
                    &QUANTILES,
                )
                .into_iter()
                .flatten()
                .map(|v| add_days(invoice.due_date, v + shift).max(earliest))
                .collect();
                reason.push_str(&format!(
                    "; already {} days past due, so as late as its latest payers",
                    (earliest - invoice.due_date).num_days().max(0)
                ));
            } else if earliest <= add_days(invoice.due_date, level + shift + SOON_DAYS) {
                // Only just past its usual day: any day now.
                days = spread_between(earliest, earliest + Days::new(3), earliest + Days::new(14));
                reason.push_str("; already past its usual day, so expected any day now");
            } else {
                basis = Basis::BeyondHistory;
                days = spread_between(earliest, earliest + Days::new(14), earliest + Days::new(60));
                reason = format!(
                    "Open {} days past due, longer than any invoice paid so far: a guess of two weeks",
                    (earliest - invoice.due_date).num_days().max(0)
                );
            }
        }

        if let Some(promise) = self
            .promised
            .get(&invoice.id)
            .filter(|cover| cover.due >= earliest)
        {
            let (kept, broken) = self
                .promise_record
                .get(&invoice.customer)
                .copied()
                .unwrap_or((0, 0));
            // A promise wins when the customer keeps (nearly) all of them; without a record
            // of its own, when the portfolio's customers do.
            let record = if kept + broken == 0 {
                "its first promise".to_string()
            } else {
                format!("{kept} of {} promises kept", kept + broken)
            };
            let share = (f64::from(kept) + PROMISE_PRIOR * self.promises_kept_share)
                / (f64::from(kept + broken) + PROMISE_PRIOR);
            let believed = share >= PROMISE_BELIEVED_SHARE;
            if !believed {
                reason.push_str(&format!(
                    "; its promise for {} is not counted: {broken} of {} promises broken",
                    promise.due,
                    kept + broken
                ));
            } else if let Some(part) = promise.part {
                // Part of it promised: that part comes on the day, the rest (what is
                // forecast: the invoice paid in full) not before.
                for day in &mut days {
                    *day = (*day).max(promise.due);
                }
                reason.push_str(&format!(
                    "; {part} of it promised for {} ({record}), the rest not before",
                    promise.due
                ));
            } else {
                let high = promise.due + Days::new(7);
                return Prediction {
                    expected: promise.due,
                    low: promise.due,
                    high,
                    days: spread_between(promise.due, promise.due, high),
                    basis: Basis::Promise,
                    reason: format!("Promised for {} ({record})", promise.due),
                };
            }
        }
        if invoice.open.amount < invoice.amount.amount && invoice.open.amount.is_sign_positive() {
            reason.push_str("; partly paid already");
        }

        days.sort_unstable();
        // The lower quantile of equally likely days (`weighted_quantile_sorted` with equal
        // weights): the first day by which `q` of them have come.
        let pick = |q: f64| {
            let count = days.len() as f64;
            let reached = (q * count - 1e-9).ceil().max(1.0) as usize;
            reached
                .min(days.len())
                .checked_sub(1)
                .and_then(|k| days.get(k))
                .copied()
                .unwrap_or(earliest)
        };
        let expected = pick(0.5);
        let low = pick(0.1).min(expected);
        let high = pick(0.9).max(expected);
        let days = resample(&days);
        Prediction {
            expected,
            low,
            high,
            days,
            basis,
            reason,
        }
    }

    /// Adds to `text` what moves this invoice's days from its customer's: a dispute, the
    /// customer's trend, the month it falls due in.
    fn push_effects(
        &self,
        text: &mut String,
        disputed: bool,
        month: f64,
        trend: f64,
        invoice: &BookInvoice,
    ) {
        use std::fmt::Write;
        // Writing to a String cannot fail. Whole days are written as integers (the same
        // text as a rounded float's, made faster: this runs for every open invoice).
        let whole = |days: f64| days.round() as i64;
        if disputed && self.dispute_days >= 1.0 {
            let _ = write!(
                text,
                "; {} days more while disputed",
                whole(self.dispute_days)
            );
        }
        if trend.abs() >= 2.0 {
            let _ = write!(
                text,
                "; {} {} days, as its recent payments {}",
                if trend > 0.0 { "plus" } else { "less" },
                whole(trend.abs()),
                if trend > 0.0 {
                    "come later and later"
                } else {
                    "come sooner and sooner"
                }
            );
        }
        if month.abs() >= 2.0 {
            let _ = write!(
                text,
                "; invoices due in {} are paid {} days {}",
                month_name(invoice.due_date),
                whole(month.abs()),
                if month > 0.0 { "later" } else { "sooner" }
            );
        }
    }
}

/// What the predictions for one customer's invoices share (`Model::spread`).
#[derive(Clone)]
pub(super) struct Spread<'m> {
    own: Option<&'m CustomerFit>,
    /// The customer's adjusted lateness values, sorted.
    own_values: &'m [(f64, f64)],
    group: &'m Fit,
    basis: Basis,
    /// Lateness in days, before the invoice's own effects.
    level: f64,
    /// The `POINTS` equally likely offsets from the level.
    offsets: [f64; POINTS],
    /// The reason's first part: what the level rests on.
    reason: String,
}

/// The quantiles an invoice's payment is spread over: the 5th, 10th … 95th percentiles.
const QUANTILES: [f64; POINTS] = {
    let mut qs = [0.0; POINTS];
    let mut k = 0;
    while k < POINTS {
        qs[k] = (k + 1) as f64 / (POINTS + 1) as f64;
        k += 1;
    }
    qs
};

/// The first part of a reason: what a customer's level rests on.
fn reason_head(basis: Basis, own_invoices: u32, level: f64, group: Option<&str>) -> String {
    let days = |d: f64| {
        let d = d.round() as i64;
        match d {
            0 => "on the due date".to_string(),
            d if d > 0 => format!("{d} days after the due date"),
            d => format!("{} days before the due date", -d),
        }
    };
    match basis {
        Basis::Customer => format!(
            "Pays {} as a rule (its {own_invoices} paid invoices, recent ones weighing most)",
            days(level)
        ),
        Basis::Segment => format!(
            "Only {own_invoices} paid invoice{}: blended with its segment '{}', {}",
            if own_invoices == 1 { "" } else { "s" },
            group.unwrap_or_default(),
            days(level)
        ),
        _ if own_invoices == 0 => format!(
            "No paid invoice yet: the portfolio's usual delay, {}",
            days(level)
        ),
        _ => format!(
            "Only {own_invoices} paid invoice{}: blended with the portfolio, {}",
            if own_invoices == 1 { "" } else { "s" },
            days(level)
        ),
    }
}

/// What a live promise says about one invoice.
#[derive(Debug, Clone)]
struct Cover {
    due: NaiveDate,
    /// The part of the invoice's open amount promised; `None`: all of it.
    part: Option<Money>,
}

/// The invoices each live promise covers. A promise about an invoice covers it. A promise
/// about the account covers the invoices open when it was made and due by its day, oldest
/// first, as far as its amount goes (all of them when it names none): never invoices issued
/// after it.
fn covers(book: &Book, live: &[&BookPromise]) -> FxHashMap<InvoiceId, Cover> {
    // Only the open invoices of customers with a live promise are looked at.
    let promising: FxHashSet<CustomerId> = live.iter().map(|p| p.customer).collect();
    let mut open_by_customer: FxHashMap<CustomerId, Vec<&BookInvoice>> = FxHashMap::default();
    for invoice in book
        .unpaid
        .iter()
        .filter(|i| i.open.amount > rust_decimal::Decimal::ZERO && promising.contains(&i.customer))
    {
        open_by_customer
            .entry(invoice.customer)
            .or_default()
            .push(invoice);
    }
    let mut out = FxHashMap::default();
    for promise in live {
        let mut candidates: Vec<&BookInvoice> = open_by_customer
            .get(&promise.customer)
            .map(|invoices| {
                invoices
                    .iter()
                    .copied()
                    .filter(|i| match promise.invoice {
                        Some(id) => i.id == id,
                        None => i.issue_date <= promise.made_on && i.due_date <= promise.due,
                    })
                    .collect()
            })
            .unwrap_or_default();
        candidates.sort_by_key(|i| (i.due_date, i.id));
        let mut left = (promise.amount_minor > 0).then_some(promise.amount_minor);
        for invoice in candidates {
            let currency = invoice.open.currency;
            let part = match left {
                None => None,
                Some(0) => break,
                Some(minor) => {
                    let open = invoice.open.to_minor().unwrap_or(i64::MAX);
                    left = Some((minor - open).max(0));
                    (minor < open).then(|| Money::from_minor(minor, currency))
                }
            };
            out.entry(invoice.id).or_insert(Cover {
                due: promise.due,
                part,
            });
        }
    }
    out
}

/// The observations with each customer's together, in the order of the customers' first
/// observations, each customer's in the order given (a counting sort: no comparisons).
fn grouped_by_customer(observations: Vec<Observation>) -> Vec<Observation> {
    let Some(first) = observations.first().copied() else {
        return observations;
    };
    let mut group_of: FxHashMap<CustomerId, usize> = FxHashMap::default();
    let mut sizes: Vec<usize> = Vec::new();
    let groups: Vec<usize> = observations
        .iter()
        .map(|o| {
            let group = *group_of.entry(o.customer).or_insert_with(|| {
                sizes.push(0);
                sizes.len() - 1
            });
            sizes[group] += 1;
            group
        })
        .collect();
    let mut next: Vec<usize> = sizes
        .iter()
        .scan(0, |start, size| {
            let this = *start;
            *start += size;
            Some(this)
        })
        .collect();
    let mut out = vec![first; observations.len()];
    for (o, group) in observations.into_iter().zip(groups) {
        out[next[group]] = o;
        next[group] += 1;
    }
    out
}

/// The dispute effect: the median of (a disputed invoice's lateness − its customer's median
/// over undisputed invoices), where the customer has at least two undisputed ones.
fn dispute_effect(by_customer: &[&[Observation]]) -> f64 {
    let differences: Vec<f64> = by_customer
        .par_iter()
        .filter(|own| own.iter().any(|o| o.disputed))
        .flat_map_iter(|own| {
            let undisputed: Vec<f64> = own
                .iter()
                .filter(|o| !o.disputed)
                .map(|o| o.lateness)
                .collect();
            let usual = (undisputed.len() >= 2)
                .then(|| median(&undisputed))
                .flatten();
            own.iter()
                .filter(|o| o.disputed)
                .filter_map(move |o| Some(o.lateness - usual?))
        })
        .collect();
    if differences.len() < DISPUTE_MIN_INVOICES {
        return 0.0;
    }
    median(&differences).unwrap_or(0.0).max(0.0)
}

/// A customer's trend: (slope per day, damped and bounded later; the weighted mean day).
fn trend(points: &[(f64, f64, f64)]) -> Option<(f64, f64)> {
    if points.len() < TREND_MIN_INVOICES {
        return None;
    }
    let first = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let last = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    if last - first < TREND_MIN_SPAN {
        return None;
    }
    let total: f64 = points.iter().map(|p| p.2).sum();
    let anchor = points.iter().map(|p| p.0 * p.2).sum::<f64>() / total;
    Some((weighted_slope(points)?, anchor))
}

/// `values` less `level`, with their weights scaled to add up to `total`.
fn scaled(values: &[(f64, f64)], level: f64, total: f64) -> Vec<(f64, f64)> {
    let sum: f64 = values.iter().map(|(_, w)| w).sum();
    if sum <= 0.0 || total <= 0.0 {
        return Vec::new();
    }
    values
        .iter()
        .map(|(v, w)| (v - level, w * total / sum))
        .collect()
}

/// `POINTS` days: half of them on `middle`, the rest evenly from `low` to `high`.
fn spread_between(low: NaiveDate, middle: NaiveDate, high: NaiveDate) -> Vec<NaiveDate> {
    let span = (high - low).num_days().max(0) as f64;
    let mut days: Vec<NaiveDate> = (0..POINTS / 2)
        .map(|k| add_days(low, span * k as f64 / (POINTS / 2) as f64))
        .collect();
    days.extend(std::iter::repeat_n(middle, POINTS - days.len() - 1));
    days.push(high);
    days.sort();
    days
}

/// `days` (sorted, at least one) as exactly `POINTS` equally likely days.
fn resample(days: &[NaiveDate]) -> Vec<NaiveDate> {
    if days.len() == POINTS || days.is_empty() {
        return days.to_vec();
    }
    (0..POINTS)
        .map(|k| days[(k * days.len()) / POINTS])
        .collect()
}
