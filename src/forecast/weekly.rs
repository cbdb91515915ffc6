//! The weekly cash-in forecast: each invoice's open amount spread over its equally likely
//! payment days, added up per week, with a band.
//!
//! Each invoice lands in a week with probability p (its share of days in that week). The
//! week's expected cash is Σ open × p; taking invoices as independent, its variance is
//! Σ open² × p × (1 − p), and the band is the expected amount ± 1.2816 standard deviations
//! (the 10th and 90th percentiles of a normal law), never below zero.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::{Decimal, MathematicalOps};

use crate::money::{Currency, Money};

/// Weeks forecast.
pub const WEEKS: usize = 13;
/// The z-score of the 90th percentile.
const Z_90: Decimal = Decimal::from_parts(12816, 0, 0, false, 4);

/// One week's cash-in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WeekForecast {
    /// A Monday.
    pub week_start: NaiveDate,
    pub expected: Money,
    pub low: Money,
    pub high: Money,
    /// Invoices expected (by their expected date) in the week.
    pub invoices: u32,
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Adds up invoices, each given as (open amount, equally likely payment days, expected day),
/// into `WEEKS` weeks from the Monday of `as_of`'s week, and what is expected after them.
pub fn weeks<'a>(
    as_of: NaiveDate,
    currency: Currency,
    invoices: impl Iterator<Item = (Decimal, &'a [NaiveDate], NaiveDate)>,
) -> (Vec<WeekForecast>, Money) {
    let start = monday_of(as_of);
    let mut expected = [Decimal::ZERO; WEEKS];
    let mut variance = [Decimal::ZERO; WEEKS];
    let mut counts = [0u32; WEEKS];
    let mut later = Decimal::ZERO;
    let week_of = |day: NaiveDate| ((day - start).num_days().max(0) / 7) as usize;
    for (open, days, expected_day) in invoices {
        if days.is_empty() {
            continue;
        }
        let mut in_week = [0u32; WEEKS];
        let mut after = 0u32;
        for day in days {
            match in_week.get_mut(week_of(*day)) {
                Some(n) => *n += 1,
                None => after += 1,
            }
        }
        let total = Decimal::from(days.len() as u32);
        for week in 0..WEEKS {
            if in_week[week] == 0 {
                continue;
            }
            let p = Decimal::from(in_week[week]) / total;
            expected[week] += open * p;
            variance[week] += open * open * p * (Decimal::ONE - p);
        }
        later += open * Decimal::from(after) / total;
        if let Some(n) = counts.get_mut(week_of(expected_day)) {
            *n += 1;
        }
    }
    let digits = currency.minor_digits();
    let money = |amount: Decimal| Money {
        amount: amount.round_dp(digits),
        currency,
    };
    // Each week is the difference of rounded running totals, so the weeks and `later` add
    // up to the open amounts to the cent, however the shares fell.
    let mut running = Decimal::ZERO;
    let mut rounded_before = Decimal::ZERO;
    let mut out = Vec::with_capacity(WEEKS);
    for week in 0..WEEKS {
        running += expected[week];
        let rounded = running.round_dp(digits);
        let amount = rounded - rounded_before;
        rounded_before = rounded;
        let spread = variance[week].sqrt().unwrap_or_default() * Z_90;
        out.push(WeekForecast {
            week_start: start + Days::new(7 * week as u64),
            expected: money(amount),
            low: money((amount - spread).max(Decimal::ZERO)),
            high: money(amount + spread),
            invoices: counts[week],
        });
    }
    let later = (running + later).round_dp(digits) - rounded_before;
    (out, money(later))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn amounts_spread_by_hand() {
        // As of Wednesday 2026-11-25: weeks start Monday 11-23.
        // Invoice A, 1,000.00: 2 of 4 days in week 0, 2 in week 1 → 500 + 500;
        // variance in each: 1,000² × ½ × ½ = 250,000, sd 500, band ± 640.80.
        // Invoice B, 300.00: all days in week 1 → 300, no variance. Invoice C, 50.00: after
        // week 12 → later.
        let a = [
            d("2026-11-25"),
            d("2026-11-27"),
            d("2026-11-30"),
            d("2026-12-02"),
        ];
        let b = [d("2026-12-01"); 4];
        let c = [d("2027-03-01"); 4];
        let (weeks, later) = weeks(
            d("2026-11-25"),
            Currency::EUR,
            [
                (Decimal::new(100000, 2), &a[..], a[1]),
                (Decimal::new(30000, 2), &b[..], b[0]),
                (Decimal::new(5000, 2), &c[..], c[0]),
            ]
            .into_iter(),
        );
        assert_eq!(weeks.len(), WEEKS);
        assert_eq!(weeks[0].week_start, d("2026-11-23"));
        assert_eq!(weeks[0].expected.amount, Decimal::new(50000, 2));
        assert_eq!(weeks[0].low.amount, Decimal::ZERO);
        assert_eq!(weeks[0].high.amount, Decimal::new(114080, 2));
        assert_eq!(weeks[0].invoices, 1);
        assert_eq!(weeks[1].expected.amount, Decimal::new(80000, 2));
        assert_eq!(weeks[1].low.amount, Decimal::new(15920, 2));
        assert_eq!(weeks[1].invoices, 1);
        assert_eq!(later.amount, Decimal::new(5000, 2));
        let total: Decimal =
            weeks.iter().map(|w| w.expected.amount).sum::<Decimal>() + later.amount;
        assert_eq!(total, Decimal::new(135000, 2));
    }
}
