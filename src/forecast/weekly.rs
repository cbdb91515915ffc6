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
    /// Invoices expected (by their expected date) in the week, in every currency (the amounts
    /// are the base currency's only).
    pub invoices: u32,
}

/// The Monday of `day`'s week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// Adds up invoices, each given as (open amount, equally likely payment days), into `WEEKS`
/// weeks from the Monday of `as_of`'s week, and what is expected after them. The weeks'
/// `invoices` are left at zero for the caller to count (it sees every currency).
///
/// The sums are exact, in minor units: with n of an invoice's T days in a week, its expected
/// share is open × n / T and its variance open² × n × (T − n) / T²; the numerators are added
/// up per T (nearly always `model::POINTS`), and divided once at the end.
pub fn weeks<'a>(
    as_of: NaiveDate,
    currency: Currency,
    invoices: impl Iterator<Item = (Decimal, &'a [NaiveDate])>,
) -> (Vec<WeekForecast>, Money) {
    let start = monday_of(as_of);
    let digits = currency.minor_digits();
    // The day after each week: a day's week is the number of them on or before it (`WEEKS`:
    // later). Comparing days is cheaper than counting the days between them.
    let ends: [NaiveDate; WEEKS] =
        std::array::from_fn(|week| start + Days::new(7 * (week as u64 + 1)));
    let week_of = |day: NaiveDate| ends.partition_point(|end| *end <= day);
    // Per number of days T: Σ open × n per week (and after), Σ open² × n × (T − n) per week.
    let mut sums: std::collections::BTreeMap<u32, ([i128; WEEKS + 1], [u128; WEEKS])> =
        Default::default();
    for (open, days) in invoices {
        if days.is_empty() {
            continue;
        }
        let open = minor_units(open, digits);
        let total = days.len() as u32;
        let mut in_week = [0u32; WEEKS + 1];
        for day in days {
            in_week[week_of(*day)] += 1;
        }
        let (expected, variance) = sums.entry(total).or_insert(([0; WEEKS + 1], [0; WEEKS]));
        for (week, n) in in_week.iter().enumerate().filter(|(_, n)| **n > 0) {
            expected[week] += open * i128::from(*n);
            if week < WEEKS {
                variance[week] += open.unsigned_abs().pow(2) * u128::from(n * (total - n));
            }
        }
    }
    let mut expected = [Decimal::ZERO; WEEKS + 1];
    let mut variance_of_week = [Decimal::ZERO; WEEKS];
    for (total, (numerators, variances)) in &sums {
        let total = Decimal::from(*total);
        for (sum, numerator) in expected.iter_mut().zip(numerators) {
            *sum += from_minor(*numerator, digits) / total;
        }
        for (sum, numerator) in variance_of_week.iter_mut().zip(variances) {
            // Σ open² n (T − n) / T², in squared major units. The root is taken in hundredths
            // of a minor unit: a whole minor unit, floored for each T, left the band up to a
            // few cents short with many T (found by the property test below).
            let (root, root_digits) = match numerator.checked_mul(10_000) {
                Some(scaled) => (scaled.isqrt(), digits + 2),
                None => (numerator.isqrt(), digits),
            };
            let sd = Decimal::from(root) / total / Decimal::from(10u64.pow(root_digits));
            *sum += sd * sd;
        }
    }
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
        let spread = variance_of_week[week].sqrt().unwrap_or_default() * Z_90;
        out.push(WeekForecast {
            week_start: start + Days::new(7 * week as u64),
            expected: money(amount),
            low: money((amount - spread).max(Decimal::ZERO)),
            high: money(amount + spread),
            invoices: 0,
        });
    }
    let later = (running + expected[WEEKS]).round_dp(digits) - rounded_before;
    (out, money(later))
}

/// An amount in minor units (rounded to them first: a money amount already is).
fn minor_units(amount: Decimal, digits: u32) -> i128 {
    let rounded = amount.round_dp(digits);
    rounded.mantissa() * 10i128.pow(digits - rounded.scale().min(digits))
}

/// Minor units back to an amount; beyond `Decimal`'s 96 bits (10²⁸ minor units, more money
/// than exists) it stops at the largest.
fn from_minor(minor: i128, digits: u32) -> Decimal {
    Decimal::try_from_i128_with_scale(minor, digits).unwrap_or(if minor < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    })
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
                (Decimal::new(100000, 2), &a[..]),
                (Decimal::new(30000, 2), &b[..]),
                (Decimal::new(5000, 2), &c[..]),
            ]
            .into_iter(),
        );
        assert_eq!(weeks.len(), WEEKS);
        assert_eq!(weeks[0].week_start, d("2026-11-23"));
        assert_eq!(weeks[0].expected.amount, Decimal::new(50000, 2));
        assert_eq!(weeks[0].low.amount, Decimal::ZERO);
        assert_eq!(weeks[0].high.amount, Decimal::new(114080, 2));
        assert_eq!(weeks[1].expected.amount, Decimal::new(80000, 2));
        assert_eq!(weeks[1].low.amount, Decimal::new(15920, 2));
        assert_eq!(later.amount, Decimal::new(5000, 2));
        let total: Decimal =
            weeks.iter().map(|w| w.expected.amount).sum::<Decimal>() + later.amount;
        assert_eq!(total, Decimal::new(135000, 2));
    }

    proptest::proptest! {
        /// Whatever the amounts and days: the weeks and `later` add up to the open amounts to
        /// the cent; each week is within a cent of Σ open × n / T; the band holds the
        /// expected amount and never goes below zero; and its half-width is 1.2816 standard
        /// deviations, within a cent.
        #[test]
        fn weeks_add_up_and_bands_hold(
            invoices in proptest::collection::vec(
                (1i64..=500_000_000, proptest::collection::vec(0u64..120, 1..=19)),
                0..40,
            )
        ) {
            let as_of = d("2026-11-25");
            let start = monday_of(as_of);
            let days: Vec<(Decimal, Vec<NaiveDate>)> = invoices
                .iter()
                .map(|(minor, offsets)| {
                    (Decimal::new(*minor, 2), offsets.iter().map(|o| as_of + Days::new(*o)).collect())
                })
                .collect();
            let (weeks, later) = weeks(
                as_of,
                Currency::EUR,
                days.iter().map(|(open, d)| (*open, d.as_slice())),
            );
            let total: Decimal = days.iter().map(|(open, _)| *open).sum();
            let sum: Decimal = weeks.iter().map(|w| w.expected.amount).sum::<Decimal>() + later.amount;
            proptest::prop_assert_eq!(sum, total);
            // A cent, and the last digits of a 28-digit division.
            let cent = Decimal::new(1, 2) + Decimal::new(1, 20);
            for (k, week) in weeks.iter().enumerate() {
                let from = start + Days::new(7 * k as u64);
                let to = from + Days::new(7);
                let mut exact = Decimal::ZERO;
                let mut variance = Decimal::ZERO;
                for (open, d) in &days {
                    let n = d.iter().filter(|day| **day >= from && **day < to).count();
                    let (n, t) = (Decimal::from(n as u64), Decimal::from(d.len() as u64));
                    exact += open * n / t;
                    variance += open * open * n * (t - n) / (t * t);
                }
                proptest::prop_assert!((week.expected.amount - exact).abs() <= cent, "week {k}: {} against {exact}", week.expected.amount);
                proptest::prop_assert!(week.low.amount >= Decimal::ZERO);
                proptest::prop_assert!(week.low.amount <= week.expected.amount);
                proptest::prop_assert!(week.high.amount >= week.expected.amount);
                let half = variance.sqrt().unwrap() * Z_90;
                proptest::prop_assert!(
                    (week.high.amount - week.expected.amount - half).abs() <= cent,
                    "week {k}: high {} expected {} half-width {half}",
                    week.high.amount,
                    week.expected.amount
                );
            }
        }
    }
}
