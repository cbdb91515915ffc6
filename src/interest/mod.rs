//! Legal late-payment interest and fixed compensation, by the creditor's country.
//!
//! - [`rates`]: the dated reference-rate tables shipped with the app (sources beside them), and
//!   the effective table with the user's rows (kept in the database) laid over them.
//! - [`rules`]: per country, the reference series, the points above it, the day the reference
//!   is read, and the compensation.
//! - [`compute()`]: simple interest day by day, in periods split at half-year boundaries,
//!   actual/365, each period rounded half-up to the minor unit; the total is their sum.
//!
//! Shown on letters, never booked as an invoice.

pub mod compute;
pub mod rates;
pub mod rules;

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use compute::{InterestPeriod, LegalInterest, compute};
pub use rates::{EffectiveRates, EffectiveRow, RateOrigin, RateRow, Series};
pub use rules::Rule;

use crate::domain::Country;
use crate::error::{Error, Result};
use crate::money::{Currency, Money};

/// [`compute()`] under the rule of a creditor established in `country`.
pub fn compute_for_country(
    country: Country,
    principal: Money,
    due: NaiveDate,
    as_of: NaiveDate,
    rates: &EffectiveRates,
) -> Result<LegalInterest> {
    compute(Rule::for_country(country)?, principal, due, as_of, rates)
}

/// An amount typed by a person ("1234.56"), in `currency`.
pub fn parse_amount(text: &str, currency: Currency) -> Result<Money> {
    let text = text.trim();
    Decimal::from_str(text)
        .map(|amount| Money::new(amount, currency))
        .map_err(|_| Error::invalid(format!("amount: '{text}' is not a number (e.g. 1234.56)")))
}

/// A date typed by a person, `YYYY-MM-DD`; `what` names the field in the error.
pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(format!(
            "{what}: '{}' is not a date (YYYY-MM-DD)",
            text.trim()
        ))
    })
}

/// A rate typed by a person ("4.25", percent).
pub fn parse_rate(text: &str) -> Result<Decimal> {
    let text = text.trim().trim_end_matches('%').trim();
    Decimal::from_str(text)
        .map_err(|_| Error::invalid(format!("rate: '{text}' is not a percentage (e.g. 4.25)")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn money(amount: &str, currency: Currency) -> Money {
        Money::new(amount.parse().unwrap(), currency)
    }

    struct Case {
        country: &'static str,
        amount: &'static str,
        currency: Currency,
        due: &'static str,
        as_of: &'static str,
        /// (from, to, days, rate, interest) per period.
        periods: &'static [(&'static str, &'static str, u32, &'static str, &'static str)],
        interest: &'static str,
        compensation: &'static str,
    }

    /// Hand-computed, one per rule, each across a half-year boundary, with the shipped rates.
    /// interest = amount × rate / 100 × days / 365, rounded half-up per period.
    const CASES: &[Case] = &[
        // France: ECB rate on 1 Jan 2024 = 4.50 (since 2023-09-20) + 10 = 14.50 %;
        //   16 May–30 Jun 2024 = 16 + 30 = 46 days: 10,000 × 14.50 % × 46/365 = 182.7397 → 182.74
        // ECB rate on 1 Jul 2024 = 4.25 (since 2024-06-12) + 10 = 14.25 %;
        //   1 Jul–20 Aug = 31 + 20 = 51 days: 10,000 × 14.25 % × 51/365 = 199.1096 → 199.11
        // total 381.85 over 97 days; €40.
        Case {
            country: "FR",
            amount: "10000.00",
            currency: Currency::EUR,
            due: "2024-05-15",
            as_of: "2024-08-20",
            periods: &[
                ("2024-05-16", "2024-06-30", 46, "14.50", "182.74"),
                ("2024-07-01", "2024-08-20", 51, "14.25", "199.11"),
            ],
            interest: "381.85",
            compensation: "40",
        },
        // Netherlands: ECB rate on 1 Jan 2025 = 3.15 (since 2024-12-18) + 8 = 11.15 %;
        //   11–30 Jun 2025 = 20 days: 5,000 × 11.15 % × 20/365 = 30.5479 → 30.55
        // ECB rate on 1 Jul 2025 = 2.15 (since 2025-06-11) + 8 = 10.15 %;
        //   1–15 Jul = 15 days: 5,000 × 10.15 % × 15/365 = 20.8562 → 20.86
        // total 51.41; scale: 15 % × 2,500 + 10 % × 2,500 = 375 + 250 = 625.00.
        Case {
            country: "NL",
            amount: "5000.00",
            currency: Currency::EUR,
            due: "2025-06-10",
            as_of: "2025-07-15",
            periods: &[
                ("2025-06-11", "2025-06-30", 20, "11.15", "30.55"),
                ("2025-07-01", "2025-07-15", 15, "10.15", "20.86"),
            ],
            interest: "51.41",
            compensation: "625.00",
        },
        // Germany: Basiszinssatz 1 Jan 2023 = 1.62 + 9 = 10.62 %;
        //   21–30 Jun 2023 = 10 days: 20,000 × 10.62 % × 10/365 = 58.1918 → 58.19
        // Basiszinssatz 1 Jul 2023 = 3.12 + 9 = 12.12 %;
        //   1–10 Jul = 10 days: 20,000 × 12.12 % × 10/365 = 66.4110 → 66.41
        // total 124.60; €40.
        Case {
            country: "DE",
            amount: "20000",
            currency: Currency::EUR,
            due: "2023-06-20",
            as_of: "2023-07-10",
            periods: &[
                ("2023-06-21", "2023-06-30", 10, "10.62", "58.19"),
                ("2023-07-01", "2023-07-10", 10, "12.12", "66.41"),
            ],
            interest: "124.60",
            compensation: "40",
        },
        // UK: H2 2023 takes Bank Rate on 30 Jun 2023 = 5.00 (since 2023-06-22; the 5.25 of
        //   3 Aug comes too late) + 8 = 13.00 %; 2–31 Dec 2023 = 30 days:
        //   12,000 × 13.00 % × 30/365 = 128.2192 → 128.22
        // H1 2024 takes Bank Rate on 31 Dec 2023 = 5.25 + 8 = 13.25 %; 1–31 Jan 2024 = 31 days:
        //   12,000 × 13.25 % × 31/365 = 135.0411 → 135.04
        // total 263.26; debt ≥ £10,000 → £100.
        Case {
            country: "GB",
            amount: "12000.00",
            currency: Currency::GBP,
            due: "2023-12-01",
            as_of: "2024-01-31",
            periods: &[
                ("2023-12-02", "2023-12-31", 30, "13.00", "128.22"),
                ("2024-01-01", "2024-01-31", 31, "13.25", "135.04"),
            ],
            interest: "263.26",
            compensation: "100",
        },
        // Belgium, EU rule: ECB rate on 1 Jul 2022 = 0.00 (the 0.50 of 27 Jul comes too late)
        //   + 8 = 8.00 %; 16–31 Dec 2022 = 16 days: 1,234.56 × 8 % × 16/365 = 4.3294 → 4.33
        // ECB rate on 1 Jan 2023 = 2.50 (since 2022-12-21) + 8 = 10.50 %; 1–20 Jan = 20 days:
        //   1,234.56 × 10.50 % × 20/365 = 7.1029 → 7.10
        // total 11.43; €40.
        Case {
            country: "BE",
            amount: "1234.56",
            currency: Currency::EUR,
            due: "2022-12-15",
            as_of: "2023-01-20",
            periods: &[
                ("2022-12-16", "2022-12-31", 16, "8.00", "4.33"),
                ("2023-01-01", "2023-01-20", 20, "10.50", "7.10"),
            ],
            interest: "11.43",
            compensation: "40",
        },
    ];

    #[test]
    fn hand_computed_cases_per_country() {
        let rates = EffectiveRates::shipped();
        for c in CASES {
            let country = Country::parse(c.country).unwrap();
            let r = compute_for_country(
                country,
                money(c.amount, c.currency),
                d(c.due),
                d(c.as_of),
                &rates,
            )
            .unwrap();
            let got: Vec<(String, String, u32, String, String)> = r
                .periods
                .iter()
                .map(|p| {
                    (
                        p.from.to_string(),
                        p.to.to_string(),
                        p.days,
                        p.rate.to_string(),
                        p.interest.amount_text(),
                    )
                })
                .collect();
            let want: Vec<(String, String, u32, String, String)> = c
                .periods
                .iter()
                .map(|(f, t, n, rate, i)| {
                    (
                        f.to_string(),
                        t.to_string(),
                        *n,
                        rate.to_string(),
                        i.to_string(),
                    )
                })
                .collect();
            assert_eq!(got, want, "{}", c.country);
            assert_eq!(r.interest, money(c.interest, c.currency), "{}", c.country);
            assert_eq!(
                r.compensation,
                money(c.compensation, c.currency),
                "{}",
                c.country
            );
            assert_eq!(r.days, c.periods.iter().map(|p| p.2).sum::<u32>());
            assert_eq!(
                r.total,
                r.interest.checked_add(&r.compensation).unwrap(),
                "{}",
                c.country
            );
            assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        }
    }

    #[test]
    fn not_late_is_nothing_owed() {
        let rates = EffectiveRates::shipped();
        let r = compute(
            Rule::France,
            money("500", Currency::EUR),
            d("2024-03-01"),
            d("2024-03-01"),
            &rates,
        )
        .unwrap();
        assert_eq!((r.days, r.periods.len()), (0, 0));
        assert!(r.interest.is_zero() && r.compensation.is_zero() && r.total.is_zero());
        // One day late: the whole compensation and one day of interest:
        // 500 × (4.50 + 10) % × 1/365 = 0.1986 → 0.20.
        let r = compute(
            Rule::France,
            money("500", Currency::EUR),
            d("2024-03-01"),
            d("2024-03-02"),
            &rates,
        )
        .unwrap();
        assert_eq!(r.days, 1);
        assert_eq!(r.interest, money("0.20", Currency::EUR));
        assert_eq!(r.compensation, money("40", Currency::EUR));
    }

    #[test]
    fn bad_input_is_refused() {
        let rates = EffectiveRates::shipped();
        let eur = |a| money(a, Currency::EUR);
        let run = |rule, m, due, as_of| compute(rule, m, d(due), d(as_of), &rates).unwrap_err();
        let e = run(Rule::Eu, eur("100"), "2024-05-10", "2024-05-09");
        assert!(e.message.contains("before the due date"), "{}", e.message);
        for bad in ["0", "-5"] {
            let e = run(Rule::Eu, eur(bad), "2024-05-10", "2024-06-01");
            assert!(e.message.contains("positive"), "{}", e.message);
        }
        let e = run(Rule::Eu, eur("1.005"), "2024-05-10", "2024-06-01");
        assert_eq!(e.code, ErrorCode::InvalidInput);
        let e = run(
            Rule::Eu,
            money("100", Currency::GBP),
            "2024-05-10",
            "2024-06-01",
        );
        assert_eq!(e.code, ErrorCode::CurrencyMismatch);
        // Before the first shipped row: a clear error, not a guess.
        let e = run(Rule::Eu, eur("100"), "2005-01-10", "2005-02-01");
        assert!(e.message.contains("no ECB"), "{}", e.message);
        assert!(parse_amount("12,50x", Currency::EUR).is_err());
        assert!(
            parse_date("2024-13-01", "due")
                .unwrap_err()
                .message
                .contains("due")
        );
        assert_eq!(parse_rate(" 4.25 % ").unwrap().to_string(), "4.25");
    }

    /// A user row on the date of a shipped row replaces it in the computation.
    #[test]
    fn a_user_row_overrides_a_shipped_one() {
        let user = RateRow {
            series: Series::EcbMro,
            valid_from: d("2024-06-12"),
            rate: "4.00".parse().unwrap(),
            source: "test".into(),
        };
        let rates = EffectiveRates::with_user_rows(&[user]);
        // 10,000 × (4.00 + 10) % × 51/365 = 195.6164 → 195.62 (shipped 4.25 gave 199.11).
        let r = compute(
            Rule::France,
            money("10000", Currency::EUR),
            d("2024-06-30"),
            d("2024-08-20"),
            &rates,
        )
        .unwrap();
        assert_eq!(r.periods.len(), 1);
        assert_eq!(r.periods[0].reference_origin, RateOrigin::User);
        assert_eq!(r.interest, money("195.62", Currency::EUR));
    }

    /// A German half-year past the table's end uses the last known rate, and says so.
    #[test]
    fn a_missing_german_half_year_is_flagged() {
        let rates = EffectiveRates::shipped();
        let last = rates
            .series(Series::BundesbankBase)
            .last()
            .unwrap()
            .row
            .valid_from;
        let due = last.checked_add_months(chrono::Months::new(6)).unwrap();
        let r = compute(
            Rule::Germany,
            money("1000", Currency::EUR),
            due,
            due + chrono::Days::new(10),
            &rates,
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    }

    fn rule_and_currency() -> impl Strategy<Value = (Rule, Currency)> {
        prop_oneof![
            Just((Rule::Eu, Currency::EUR)),
            Just((Rule::France, Currency::EUR)),
            Just((Rule::Netherlands, Currency::EUR)),
            Just((Rule::Germany, Currency::EUR)),
            Just((Rule::UnitedKingdom, Currency::GBP)),
        ]
    }

    fn day(offset: u32) -> NaiveDate {
        d("2013-01-01") + chrono::Days::new(u64::from(offset))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Interest is never negative, and the periods' days add up to the days late.
        #[test]
        fn never_negative((rule, cur) in rule_and_currency(), minor in 1i64..10_000_000_000,
                          due in 0u32..5000, late in 0u32..2000) {
            let r = compute(rule, Money::from_minor(minor, cur), day(due), day(due + late),
                            &EffectiveRates::shipped()).unwrap();
            prop_assert!(!r.interest.is_negative());
            prop_assert!(r.periods.iter().all(|p| !p.interest.is_negative()));
            prop_assert_eq!(r.days, late);
            prop_assert_eq!(r.periods.iter().map(|p| p.days).sum::<u32>(), late);
        }

        /// Monotonic in as_of: one more day late never owes less.
        #[test]
        fn monotonic_in_as_of((rule, cur) in rule_and_currency(), minor in 1i64..10_000_000_000,
                              due in 0u32..5000, late in 0u32..2000) {
            let rates = EffectiveRates::shipped();
            let p = Money::from_minor(minor, cur);
            let a = compute(rule, p, day(due), day(due + late), &rates).unwrap();
            let b = compute(rule, p, day(due), day(due + late + 1), &rates).unwrap();
            prop_assert!(b.interest.amount >= a.interest.amount);
            prop_assert!(b.total.amount >= a.total.amount);
        }

        /// Additive over splitting as_of. Exactly, when the split day ends a half-year (the
        /// periods are then the same ones); within one minor unit anywhere else (one period
        /// rounded once becomes two periods rounded each).
        #[test]
        fn additive_over_splitting((rule, cur) in rule_and_currency(), minor in 1i64..10_000_000_000,
                                   due in 0u32..4000, first in 0u32..1000, second in 0u32..1000) {
            let rates = EffectiveRates::shipped();
            let p = Money::from_minor(minor, cur);
            let (due, d1) = (day(due), day(due + first));
            let d2 = d1 + chrono::Days::new(u64::from(second));
            let whole = compute(rule, p, due, d2, &rates).unwrap().interest;
            let split = compute(rule, p, due, d1, &rates).unwrap().interest
                .checked_add(&compute(rule, p, d1, d2, &rates).unwrap().interest).unwrap();
            let gap = (whole.amount - split.amount).abs();
            prop_assert!(gap <= Decimal::new(1, 2), "{} vs {}", whole, split);
            // Split at the end of d1's half-year instead: exact.
            let end = compute::half_year_end(d1);
            let d3 = end + chrono::Days::new(u64::from(second));
            let whole = compute(rule, p, due, d3, &rates).unwrap().interest;
            let split = compute(rule, p, due, end, &rates).unwrap().interest
                .checked_add(&compute(rule, p, end, d3, &rates).unwrap().interest).unwrap();
            prop_assert_eq!(whole, split);
        }
    }
}
