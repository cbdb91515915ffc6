//! Generated portfolios with known payment behaviour, to validate the forecast on: customers
//! of several kinds (punctual, systematically late, erratic), some getting later or sooner
//! over the years, a portfolio-wide season (summer and year-end holidays), disputes that
//! delay payment, promises kept or broken by habit, and customers too new to have much
//! history. Deterministic from the seed. `Scenario::book` is a `Book` as of the backtest day
//! with the truth (every invoice's payment day) in it.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::collections::profile::PromiseState;
use crate::domain::{CustomerId, InvoiceId};
use crate::money::{Currency, Money};

use super::book::{Book, BookInvoice, BookPromise};

/// Extra days of lateness by calendar month of the due date (January first): summer and
/// year-end holidays.
const SEASON: [f64; 12] = [4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 10.0, 2.0, 0.0, 0.0, 7.0];

/// A generated portfolio and the day to backtest it on.
pub struct Scenario {
    pub book: Book,
    pub as_of: NaiveDate,
    pub horizon_days: u32,
}

/// How one customer pays.
struct Behaviour {
    /// Days late at the start of the history.
    level: f64,
    /// Days of lateness gained per year.
    drift: f64,
    /// Scale of the day-to-day noise (Laplace).
    noise: f64,
    /// How sensitive to the season (0: not at all).
    season: f64,
    /// Share of its invoices disputed, and the days a dispute adds.
    disputes: f64,
    dispute_days: f64,
    /// Share of promises it keeps.
    keeps_promises: f64,
    /// Invoices a month.
    rate: f64,
    terms: u64,
    /// Days after the start of history its first invoice comes.
    starts_after: i64,
    segment: Option<&'static str>,
}

fn laplace(rng: &mut ChaCha8Rng, scale: f64) -> f64 {
    let u: f64 = rng.random_range(-0.5..0.5);
    -scale * u.signum() * (1.0 - 2.0 * u.abs()).max(1e-12).ln()
}

fn behaviour(rng: &mut ChaCha8Rng, history_days: i64) -> Behaviour {
    let kind = rng.random_range(0..100);
    let (level, noise, segment) = match kind {
        0..40 => (
            rng.random_range(-3.0..3.0),
            rng.random_range(1.0..4.0),
            "punctual",
        ),
        40..70 => (
            rng.random_range(5.0..20.0),
            rng.random_range(2.0..6.0),
            "forgetful",
        ),
        70..90 => (
            rng.random_range(20.0..50.0),
            rng.random_range(3.0..8.0),
            "systematic_late",
        ),
        _ => (
            rng.random_range(0.0..30.0),
            rng.random_range(8.0..20.0),
            "struggling",
        ),
    };
    let drift = if rng.random_bool(0.3) {
        rng.random_range(-12.0..25.0)
    } else {
        0.0
    };
    let new = rng.random_bool(0.12);
    Behaviour {
        level,
        drift,
        noise,
        season: if rng.random_bool(0.7) { 1.0 } else { 0.0 },
        disputes: if rng.random_bool(0.25) {
            rng.random_range(0.05..0.3)
        } else {
            0.01
        },
        dispute_days: rng.random_range(10.0..45.0),
        keeps_promises: if rng.random_bool(0.6) { 0.9 } else { 0.2 },
        rate: rng.random_range(0.5..4.0),
        terms: [14, 30, 30, 45, 60][rng.random_range(0..5)],
        starts_after: if new {
            history_days - rng.random_range(20..120)
        } else {
            rng.random_range(0..200)
        },
        segment: (!new && rng.random_bool(0.7)).then_some(segment),
    }
}

impl Scenario {
    /// `customers` customers over three years; the backtest day is half a year before the
    /// end, with a half-year horizon.
    pub fn generate(seed: u64, customers: usize) -> Scenario {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let start = NaiveDate::from_ymd_opt(2022, 1, 1).expect("a day");
        let history_days: i64 = 365 * 3 - 182;
        let as_of = start + Days::new(history_days as u64);
        let end = as_of + Days::new(182);
        let mut book = Book::new(as_of, Currency::EUR);
        let mut next_id = 1;
        let mut promises = Vec::new();
        let mut segments = HashMap::new();
        let mut customer_names = HashMap::new();
        for c in 0..customers {
            let customer = CustomerId(c as i64 + 1);
            let b = behaviour(&mut rng, history_days);
            customer_names.insert(customer, format!("Customer {}", c + 1));
            if let Some(segment) = b.segment {
                segments.insert(customer, segment.to_string());
            }
            let mut day = start + Days::new(b.starts_after.max(0) as u64);
            while day <= end {
                let gap = (30.0 / b.rate * rng.random_range(0.5..1.5)).max(1.0);
                day = day + Days::new(gap.round() as u64);
                if day > end {
                    break;
                }
                let due = day + Days::new(b.terms);
                let years = (due - start).num_days() as f64 / 365.0;
                let disputed = rng.random_bool(b.disputes);
                let late = b.level
                    + b.drift * years
                    + b.season * SEASON[due.month0() as usize]
                    + if disputed { b.dispute_days } else { 0.0 }
                    + laplace(&mut rng, b.noise);
                let mut settled = add(due, late).max(day);
                // An overdue invoice open on the backtest day may carry a promise to pay; the
                // customers who keep promises pay on the promised day.
                if day <= as_of && settled > as_of && due < as_of && rng.random_bool(0.4) {
                    let promised = as_of + Days::new(rng.random_range(3..21));
                    if rng.random_bool(b.keeps_promises) {
                        settled = promised;
                    }
                    promises.push(BookPromise {
                        customer,
                        invoice: Some(InvoiceId(next_id)),
                        made_on: as_of - Days::new(2),
                        due: promised,
                        amount_minor: 0,
                        state: PromiseState::Live,
                    });
                }
                let id = InvoiceId(next_id);
                next_id += 1;
                let amount = Money::from_minor(rng.random_range(10_000..500_000), Currency::EUR);
                book.add(BookInvoice {
                    id,
                    number: format!("S{seed}-{}", id.0),
                    customer,
                    issue_date: day,
                    due_date: due,
                    amount,
                    open: if settled > as_of {
                        amount
                    } else {
                        Money::zero(Currency::EUR)
                    },
                    settled_on: Some(settled),
                    disputed,
                });
            }
            // Its record of promises before the day: how it keeps them.
            for _ in 0..rng.random_range(0..4) {
                let kept = rng.random_bool(b.keeps_promises);
                promises.push(BookPromise {
                    customer,
                    invoice: None,
                    made_on: as_of - Days::new(rng.random_range(60..400)),
                    due: as_of - Days::new(50),
                    amount_minor: 0,
                    state: if kept {
                        PromiseState::Kept
                    } else {
                        PromiseState::Broken
                    },
                });
            }
        }
        Scenario {
            book: Book {
                promises,
                segments,
                customer_names,
                ..book
            },
            as_of,
            horizon_days: 182,
        }
    }
}

fn add(day: NaiveDate, days: f64) -> NaiveDate {
    let days = days.round() as i64;
    if days >= 0 {
        day + Days::new(days as u64)
    } else {
        day - Days::new(days.unsigned_abs())
    }
}
