//! The dated reference-rate tables: the ones shipped with the app (below, with their sources),
//! and the effective table once the user's own rows (kept in the database) are laid over them.
//!
//! A row says "from `valid_from` on, this series stands at `rate` percent", until the next row.
//! The app is offline: new rates come out twice a year, so the user can add a row, or override
//! a shipped one, in Settings; removing the user's row restores the shipped value.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// A reference rate published by a central bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// The ECB's rate on its main refinancing operations (fixed rate tenders).
    EcbMro,
    /// The Bundesbank's Basiszinssatz (§ 247 BGB), set on 1 January and 1 July.
    BundesbankBase,
    /// The Bank of England's Bank Rate ("base rate").
    BoeBase,
}

impl Series {
    pub const ALL: [Series; 3] = [Series::EcbMro, Series::BundesbankBase, Series::BoeBase];

    /// The code stored in the database and used over the CLI and IPC.
    pub fn code(self) -> &'static str {
        match self {
            Series::EcbMro => "ecb_mro",
            Series::BundesbankBase => "bundesbank_base",
            Series::BoeBase => "boe_base",
        }
    }

    /// A name for people.
    pub fn title(self) -> &'static str {
        match self {
            Series::EcbMro => "ECB main refinancing operations rate",
            Series::BundesbankBase => "Bundesbank base rate (Basiszinssatz, § 247 BGB)",
            Series::BoeBase => "Bank of England Bank Rate",
        }
    }

    pub fn parse(code: &str) -> Result<Series> {
        let code = code.trim();
        Series::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(code))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "'{code}' is not a reference rate series (one of {})",
                    Series::ALL.map(Series::code).join(", ")
                ))
            })
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Series {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Series::parse(s)
    }
}

/// The lowest and highest rate (percent) a row may hold: wide enough for any central bank rate
/// seen in these series (the Basiszinssatz was -0.88 % for years), narrow enough to catch a
/// rate typed in basis points or as a fraction.
pub const MIN_RATE: Decimal = Decimal::from_parts(5, 0, 0, true, 0);
pub const MAX_RATE: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
/// The longest source text kept with a row.
pub const MAX_SOURCE_CHARS: usize = 500;

/// One row of a rate table: from `valid_from` on, `series` stands at `rate` percent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RateRow {
    pub series: Series,
    pub valid_from: NaiveDate,
    /// Percent per year, e.g. `4.25`.
    #[serde(with = "rust_decimal::serde::str")]
    pub rate: Decimal,
    /// Who published it, and where (publisher + URL).
    pub source: String,
}

impl RateRow {
    /// A row as the user may keep it: a rate between -5 and 50 percent with at most 4
    /// decimals, a source of reasonable length (trimmed; may be empty).
    pub fn validated(mut self) -> Result<RateRow> {
        if self.rate < MIN_RATE || self.rate > MAX_RATE {
            return Err(Error::invalid(format!(
                "a reference rate is a percentage between {MIN_RATE} and {MAX_RATE}, not {}",
                self.rate
            )));
        }
        if self.rate.normalize().scale() > 4 {
            return Err(Error::invalid(format!(
                "a reference rate has at most 4 decimals, not {}",
                self.rate
            )));
        }
        self.rate = percent(self.rate);
        self.source = self.source.trim().to_string();
        if self.source.chars().count() > MAX_SOURCE_CHARS {
            return Err(Error::invalid(format!(
                "the source of a rate is at most {MAX_SOURCE_CHARS} characters"
            )));
        }
        Ok(self)
    }
}

/// A rate as shown and kept: no trailing zeros beyond two decimals (`4.25`, `0.00`, `1.2345`).
pub fn percent(rate: Decimal) -> Decimal {
    let mut rate = rate.normalize();
    if rate.scale() < 2 {
        rate.rescale(2);
    }
    rate
}

/// Where a row of the effective table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RateOrigin {
    Shipped,
    User,
}

/// A row of the effective table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EffectiveRow {
    #[serde(flatten)]
    pub row: RateRow,
    pub origin: RateOrigin,
    /// For a user row on the date of a shipped row: the shipped rate it overrides.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub shipped_rate: Option<Decimal>,
}

/// The rate tables in force: the shipped rows, with the user's rows added or overriding the
/// shipped row of the same (series, valid_from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveRates {
    rows: BTreeMap<(Series, NaiveDate), EffectiveRow>,
}

impl EffectiveRates {
    /// The tables as shipped with the app, with no user row.
    pub fn shipped() -> EffectiveRates {
        Self::with_user_rows(&[])
    }

    /// The shipped tables with `user` rows laid over them.
    pub fn with_user_rows(user: &[RateRow]) -> EffectiveRates {
        let mut rows: BTreeMap<(Series, NaiveDate), EffectiveRow> = shipped_rows()
            .iter()
            .map(|r| {
                (
                    (r.series, r.valid_from),
                    EffectiveRow {
                        row: r.clone(),
                        origin: RateOrigin::Shipped,
                        shipped_rate: None,
                    },
                )
            })
            .collect();
        for r in user {
            let key = (r.series, r.valid_from);
            let shipped_rate = rows
                .get(&key)
                .filter(|e| e.origin == RateOrigin::Shipped)
                .map(|e| e.row.rate);
            rows.insert(
                key,
                EffectiveRow {
                    row: r.clone(),
                    origin: RateOrigin::User,
                    shipped_rate,
                },
            );
        }
        EffectiveRates { rows }
    }

    /// The rows of one series, oldest first.
    pub fn series(&self, series: Series) -> Vec<&EffectiveRow> {
        self.rows
            .range((series, NaiveDate::MIN)..=(series, NaiveDate::MAX))
            .map(|(_, r)| r)
            .collect()
    }

    /// The row in force on `date`: the latest one starting on or before it.
    pub fn in_force(&self, series: Series, date: NaiveDate) -> Result<&EffectiveRow> {
        self.rows
            .range((series, NaiveDate::MIN)..=(series, date))
            .next_back()
            .map(|(_, r)| r)
            .ok_or_else(|| {
                let first = self
                    .series(series)
                    .first()
                    .map(|r| format!("; the table starts on {}", r.row.valid_from))
                    .unwrap_or_default();
                Error::invalid(format!(
                    "no {} ({}) is known for {date}{first}: add it in the reference rates",
                    series.title(),
                    series.code()
                ))
            })
    }
}

/// The shipped rows, parsed once from [`SHIPPED`].
pub fn shipped_rows() -> &'static [RateRow] {
    static ROWS: LazyLock<Vec<RateRow>> = LazyLock::new(|| {
        SHIPPED
            .iter()
            .map(|(series, date, rate, source)| RateRow {
                series: *series,
                valid_from: date.parse().expect("shipped rate dates are ISO dates"),
                rate: rate.parse().expect("shipped rates are decimals"),
                source: (*source).to_string(),
            })
            .collect()
    });
    &ROWS
}

// ---------------------------------------------------------------------------------------------
// The shipped tables. One row per change ("with effect from"); for the Basiszinssatz one row
// per half-year, as the Bundesbank announces it. Checked against the sources named on each row.
// ---------------------------------------------------------------------------------------------

const ECB: &str = "European Central Bank, Key ECB interest rates, main refinancing operations, with effect from \
     (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html; \
     same table at Banka Slovenije https://www.bsi.si/en/ecb-interest-rates)";
const ECB_2025: &str = "European Central Bank, Key ECB interest rates, main refinancing operations, with effect from \
     (https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html); \
     held at 2.15 % through the decision of 5 February 2026";
const ECB_2026: &str = "European Central Bank, monetary policy decision of 11 June 2026: +25 bp, MRO 2.40 % \
     (https://www.ecb.europa.eu/press/pr/date/2026/html/ecb.mp260611~4d41bd5e83.en.html); \
     effective date taken as the settlement of the next operation, Wednesday 17 June 2026 — check";
const BUBA: &str = "Deutsche Bundesbank, Basiszinssatz nach § 247 BGB \
     (https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820)";
const BUBA_2026_01: &str = "Deutsche Bundesbank, Bekanntgabe des Basiszinssatzes zum 1. Januar 2026: unverändert 1,27 % \
     (https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820)";
const BUBA_2026_07: &str = "Derived by § 247 (1) BGB: 1.27 + (2.40 - 2.15), the ECB MRO rate having risen by 0.25 \
     points before 1 July 2026; not checked against the Bundesbank's announcement \
     (https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820) — check";
const BOE: &str = "Bank of England, Official Bank Rate history \
     (https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp)";
const BOE_2025: &str = "Bank of England, Monetary Policy Summary of 18 December 2025: Bank Rate 3.75 % \
     (https://www.bankofengland.co.uk/monetary-policy-summary-and-minutes/2025/december-2025); \
     held at 3.75 % through the decision of 18 June 2026";

use Series::{BoeBase, BundesbankBase, EcbMro};

/// (series, valid_from, rate in percent, source).
#[rustfmt::skip]
pub const SHIPPED: &[(Series, &str, &str, &str)] = &[
    // ECB main refinancing operations rate (the rate in force on 1 January 2013 first).
    (EcbMro, "2012-07-11", "0.75", ECB),
    (EcbMro, "2013-05-08", "0.50", ECB),
    (EcbMro, "2013-11-13", "0.25", ECB),
    (EcbMro, "2014-06-11", "0.15", ECB),
    (EcbMro, "2014-09-10", "0.05", ECB),
    (EcbMro, "2016-03-16", "0.00", ECB),
    (EcbMro, "2022-07-27", "0.50", ECB),
    (EcbMro, "2022-09-14", "1.25", ECB),
    (EcbMro, "2022-11-02", "2.00", ECB),
    (EcbMro, "2022-12-21", "2.50", ECB),
    (EcbMro, "2023-02-08", "3.00", ECB),
    (EcbMro, "2023-03-22", "3.50", ECB),
    (EcbMro, "2023-05-10", "3.75", ECB),
    (EcbMro, "2023-06-21", "4.00", ECB),
    (EcbMro, "2023-08-02", "4.25", ECB),
    (EcbMro, "2023-09-20", "4.50", ECB),
    (EcbMro, "2024-06-12", "4.25", ECB),
    (EcbMro, "2024-09-18", "3.65", ECB),
    (EcbMro, "2024-10-23", "3.40", ECB),
    (EcbMro, "2024-12-18", "3.15", ECB),
    (EcbMro, "2025-02-05", "2.90", ECB),
    (EcbMro, "2025-03-12", "2.65", ECB),
    (EcbMro, "2025-04-23", "2.40", ECB),
    (EcbMro, "2025-06-11", "2.15", ECB_2025),
    (EcbMro, "2026-06-17", "2.40", ECB_2026),
    // Bundesbank Basiszinssatz, one row per half-year.
    (BundesbankBase, "2013-01-01", "-0.13", BUBA),
    (BundesbankBase, "2013-07-01", "-0.38", BUBA),
    (BundesbankBase, "2014-01-01", "-0.63", BUBA),
    (BundesbankBase, "2014-07-01", "-0.73", BUBA),
    (BundesbankBase, "2015-01-01", "-0.83", BUBA),
    (BundesbankBase, "2015-07-01", "-0.83", BUBA),
    (BundesbankBase, "2016-01-01", "-0.83", BUBA),
    (BundesbankBase, "2016-07-01", "-0.88", BUBA),
    (BundesbankBase, "2017-01-01", "-0.88", BUBA),
    (BundesbankBase, "2017-07-01", "-0.88", BUBA),
    (BundesbankBase, "2018-01-01", "-0.88", BUBA),
    (BundesbankBase, "2018-07-01", "-0.88", BUBA),
    (BundesbankBase, "2019-01-01", "-0.88", BUBA),
    (BundesbankBase, "2019-07-01", "-0.88", BUBA),
    (BundesbankBase, "2020-01-01", "-0.88", BUBA),
    (BundesbankBase, "2020-07-01", "-0.88", BUBA),
    (BundesbankBase, "2021-01-01", "-0.88", BUBA),
    (BundesbankBase, "2021-07-01", "-0.88", BUBA),
    (BundesbankBase, "2022-01-01", "-0.88", BUBA),
    (BundesbankBase, "2022-07-01", "-0.88", BUBA),
    (BundesbankBase, "2023-01-01", "1.62", BUBA),
    (BundesbankBase, "2023-07-01", "3.12", BUBA),
    (BundesbankBase, "2024-01-01", "3.62", BUBA),
    (BundesbankBase, "2024-07-01", "3.37", BUBA),
    (BundesbankBase, "2025-01-01", "2.27", BUBA),
    (BundesbankBase, "2025-07-01", "1.27", BUBA),
    (BundesbankBase, "2026-01-01", "1.27", BUBA_2026_01),
    (BundesbankBase, "2026-07-01", "1.52", BUBA_2026_07),
    // Bank of England Bank Rate (the rate in force on 31 December 2012 first).
    (BoeBase, "2009-03-05", "0.50", BOE),
    (BoeBase, "2016-08-04", "0.25", BOE),
    (BoeBase, "2017-11-02", "0.50", BOE),
    (BoeBase, "2018-08-02", "0.75", BOE),
    (BoeBase, "2020-03-11", "0.25", BOE),
    (BoeBase, "2020-03-19", "0.10", BOE),
    (BoeBase, "2021-12-16", "0.25", BOE),
    (BoeBase, "2022-02-03", "0.50", BOE),
    (BoeBase, "2022-03-17", "0.75", BOE),
    (BoeBase, "2022-05-05", "1.00", BOE),
    (BoeBase, "2022-06-16", "1.25", BOE),
    (BoeBase, "2022-08-04", "1.75", BOE),
    (BoeBase, "2022-09-22", "2.25", BOE),
    (BoeBase, "2022-11-03", "3.00", BOE),
    (BoeBase, "2022-12-15", "3.50", BOE),
    (BoeBase, "2023-02-02", "4.00", BOE),
    (BoeBase, "2023-03-23", "4.25", BOE),
    (BoeBase, "2023-05-11", "4.50", BOE),
    (BoeBase, "2023-06-22", "5.00", BOE),
    (BoeBase, "2023-08-03", "5.25", BOE),
    (BoeBase, "2024-08-01", "5.00", BOE),
    (BoeBase, "2024-11-07", "4.75", BOE),
    (BoeBase, "2025-02-06", "4.50", BOE),
    (BoeBase, "2025-05-08", "4.25", BOE),
    (BoeBase, "2025-08-07", "4.00", BOE),
    (BoeBase, "2025-12-18", "3.75", BOE_2025),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_shipped_row_parses_is_valid_and_sourced() {
        let rows = shipped_rows();
        assert_eq!(rows.len(), SHIPPED.len());
        for r in rows {
            assert_eq!(
                r.clone().validated().unwrap().rate.to_string(),
                r.rate.to_string()
            );
            assert!(r.source.contains("https://"), "{r:?} has no URL");
        }
        // Every series covers the reference day of the first half-year of 2013.
        let t = EffectiveRates::shipped();
        for (s, day) in [
            (Series::EcbMro, "2013-01-01"),
            (Series::BundesbankBase, "2013-01-01"),
            (Series::BoeBase, "2012-12-31"),
        ] {
            t.in_force(s, d(day)).unwrap();
        }
    }

    #[test]
    fn shipped_rows_are_unique_per_series_and_date() {
        let t = EffectiveRates::shipped();
        let n: usize = Series::ALL.iter().map(|s| t.series(*s).len()).sum();
        assert_eq!(n, SHIPPED.len());
    }

    /// The Basiszinssatz follows the ECB rate by § 247 (1) BGB: each half-year it moves by the
    /// points the MRO rate in force on the half-year's first day moved since the last change.
    /// Checks the two shipped tables against each other from 2013 on.
    #[test]
    fn basiszinssatz_follows_the_ecb_rate() {
        let t = EffectiveRates::shipped();
        let rows = t.series(Series::BundesbankBase);
        for pair in rows.windows(2) {
            let (a, b) = (&pair[0].row, &pair[1].row);
            let ecb = |day| t.in_force(Series::EcbMro, day).unwrap().row.rate;
            // The reference is the MRO rate before the half-year's first day.
            let moved =
                ecb(b.valid_from.pred_opt().unwrap()) - ecb(a.valid_from.pred_opt().unwrap());
            assert_eq!(
                b.rate - a.rate,
                moved,
                "{} → {}",
                a.valid_from,
                b.valid_from
            );
        }
    }

    #[test]
    fn the_rate_in_force_is_the_latest_row_on_or_before_the_date() {
        let t = EffectiveRates::shipped();
        let on = |s, day: &str| t.in_force(s, d(day)).unwrap().row.rate.to_string();
        assert_eq!(on(Series::EcbMro, "2024-06-11"), "4.50");
        assert_eq!(on(Series::EcbMro, "2024-06-12"), "4.25");
        assert_eq!(on(Series::BoeBase, "2023-12-31"), "5.25");
        assert_eq!(on(Series::BundesbankBase, "2024-07-01"), "3.37");
        let err = t.in_force(Series::EcbMro, d("2000-01-01")).unwrap_err();
        assert!(err.message.contains("2012-07-11"), "{}", err.message);
    }

    #[test]
    fn user_rows_add_and_override_and_removing_restores() {
        let user = RateRow {
            series: Series::EcbMro,
            valid_from: d("2024-06-12"),
            rate: "4.30".parse().unwrap(),
            source: "typed by hand".into(),
        };
        let added = RateRow {
            series: Series::BoeBase,
            valid_from: d("2030-01-01"),
            rate: "1".parse().unwrap(),
            source: String::new(),
        };
        let t = EffectiveRates::with_user_rows(&[user.clone(), added.clone()]);
        let row = t.in_force(Series::EcbMro, d("2024-07-01")).unwrap();
        assert_eq!((row.origin, row.row.rate), (RateOrigin::User, user.rate));
        assert_eq!(row.shipped_rate, Some("4.25".parse().unwrap()));
        let new = t.in_force(Series::BoeBase, d("2030-02-01")).unwrap();
        assert_eq!((new.origin, new.shipped_rate), (RateOrigin::User, None));
        assert_eq!(
            t.series(Series::EcbMro).len(),
            EffectiveRates::shipped().series(Series::EcbMro).len()
        );
        // Without the user rows, the shipped value is back.
        let back = EffectiveRates::with_user_rows(&[added]);
        let row = back.in_force(Series::EcbMro, d("2024-07-01")).unwrap();
        assert_eq!(
            (row.origin, row.row.rate.to_string()),
            (RateOrigin::Shipped, "4.25".into())
        );
    }

    #[test]
    fn rows_are_validated() {
        let row = |rate: &str| RateRow {
            series: Series::EcbMro,
            valid_from: d("2027-01-01"),
            rate: rate.parse().unwrap(),
            source: "  ECB  ".into(),
        };
        for good in ["-5", "0", "4.25", "50", "1.2345"] {
            let v = row(good).validated().unwrap();
            assert_eq!(v.source, "ECB");
        }
        for bad in ["-5.01", "50.01", "425", "1.23456"] {
            assert!(row(bad).validated().is_err(), "{bad} accepted");
        }
        let long = RateRow {
            source: "x".repeat(MAX_SOURCE_CHARS + 1),
            ..row("1")
        };
        assert!(long.validated().is_err());
    }

    #[test]
    fn series_codes_round_trip() {
        for s in Series::ALL {
            assert_eq!(Series::parse(s.code()).unwrap(), s);
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        let err = Series::parse("fed_funds").unwrap_err();
        assert!(err.message.contains("ecb_mro"), "{}", err.message);
    }
}
