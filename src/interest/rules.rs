//! The legal late-payment rules by the creditor's country: which reference rate, how many
//! points above it, on which day the reference is read, and the fixed compensation.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::domain::Country;
use crate::error::{Error, ErrorCode, Result};
use crate::money::{Currency, Money};

use super::rates::Series;

/// A legal late-payment regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Directive 2011/7/EU as transposed by a euro-area country not listed below (e.g. BE):
    /// ECB MRO rate on the first calendar day of the half-year + 8 points; €40 per invoice.
    Eu,
    /// France, Code de commerce L441-10: ECB MRO rate on 1 January / 1 July + 10 points;
    /// €40 "indemnité forfaitaire pour frais de recouvrement" (D441-5).
    France,
    /// Netherlands, art. 6:119a BW (wettelijke handelsrente): ECB MRO rate on 1 January /
    /// 1 July + 8 points; compensation by the statutory cost scale (art. 6:96 BW, Besluit
    /// vergoeding voor buitengerechtelijke incassokosten), at least €40.
    Netherlands,
    /// Germany, § 288 (2) BGB: Basiszinssatz (§ 247 BGB) + 9 points; €40 Pauschale
    /// (§ 288 (5) BGB).
    Germany,
    /// United Kingdom, Late Payment of Commercial Debts (Interest) Act 1998: Bank of England
    /// base rate in force on 31 December / 30 June + 8 points for the following six months;
    /// compensation £40 / £70 / £100 by the size of the debt (s. 5A).
    UnitedKingdom,
}

/// Euro-area members (2026) without a rule of their own here: the EU rule with the ECB rate
/// applies. (Bulgaria adopted the euro on 1 January 2026.)
const EURO_AREA_EU_RULE: [&str; 18] = [
    "AT", "BE", "BG", "CY", "EE", "ES", "FI", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "PT",
    "SI", "SK",
];
/// EU members outside the euro area: their reference rate is their own central bank's, which
/// the app does not ship.
const EU_OUTSIDE_EURO: [&str; 6] = ["CZ", "DK", "HU", "PL", "RO", "SE"];
/// Another common code for Greece.
const GREECE_EL: &str = "EL";

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::Eu,
        Rule::France,
        Rule::Netherlands,
        Rule::Germany,
        Rule::UnitedKingdom,
    ];

    /// The rule of a creditor established in `country`.
    pub fn for_country(country: Country) -> Result<Rule> {
        let code = country.code();
        match code {
            "FR" => Ok(Rule::France),
            "NL" => Ok(Rule::Netherlands),
            "DE" => Ok(Rule::Germany),
            "GB" => Ok(Rule::UnitedKingdom),
            c if EURO_AREA_EU_RULE.contains(&c) || c == GREECE_EL => Ok(Rule::Eu),
            c if EU_OUTSIDE_EURO.contains(&c) => Err(Error::invalid(format!(
                "legal interest for a creditor in {c} uses the national central bank's reference rate, \
                 which Creditdesk does not ship; supported: {}",
                Self::supported_countries()
            ))),
            c => Err(Error::invalid(format!(
                "no legal late-payment interest rule is known for a creditor in {c}; supported: {}",
                Self::supported_countries()
            ))),
        }
    }

    /// The supported creditor countries, in words.
    pub fn supported_countries() -> String {
        format!(
            "FR, NL, DE, GB, and under the EU rule (Directive 2011/7/EU) {}",
            EURO_AREA_EU_RULE.join(", ")
        )
    }

    /// The countries whose creditors this rule serves.
    pub fn countries(self) -> Vec<&'static str> {
        match self {
            Rule::Eu => EURO_AREA_EU_RULE.to_vec(),
            Rule::France => vec!["FR"],
            Rule::Netherlands => vec!["NL"],
            Rule::Germany => vec!["DE"],
            Rule::UnitedKingdom => vec!["GB"],
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Rule::Eu => "eu",
            Rule::France => "fr",
            Rule::Netherlands => "nl",
            Rule::Germany => "de",
            Rule::UnitedKingdom => "gb",
        }
    }

    /// The legal basis, for a letter or a settings screen.
    pub fn title(self) -> &'static str {
        match self {
            Rule::Eu => "Directive 2011/7/EU: ECB rate + 8 points, €40 per invoice",
            Rule::France => {
                "Code de commerce art. L441-10: ECB rate + 10 points, indemnité forfaitaire €40"
            }
            Rule::Netherlands => {
                "BW art. 6:119a (wettelijke handelsrente): ECB rate + 8 points, incassokosten by the statutory scale"
            }
            Rule::Germany => "BGB § 288 (2): Basiszinssatz + 9 points, Pauschale €40 (§ 288 (5))",
            Rule::UnitedKingdom => {
                "Late Payment of Commercial Debts (Interest) Act 1998: Bank of England base rate + 8 points, £40/£70/£100"
            }
        }
    }

    /// The reference rate series.
    pub fn series(self) -> Series {
        match self {
            Rule::Germany => Series::BundesbankBase,
            Rule::UnitedKingdom => Series::BoeBase,
            Rule::Eu | Rule::France | Rule::Netherlands => Series::EcbMro,
        }
    }

    /// The points added to the reference rate.
    pub fn points(self) -> Decimal {
        match self {
            Rule::France => Decimal::from(10),
            Rule::Germany => Decimal::from(9),
            Rule::Eu | Rule::Netherlands | Rule::UnitedKingdom => Decimal::from(8),
        }
    }

    /// The day whose reference rate holds for the half-year starting on `half_year_start`
    /// (1 January or 1 July): that day itself, but for the UK the day before (the rate in force
    /// on 31 December / 30 June).
    pub fn reference_day(self, half_year_start: NaiveDate) -> NaiveDate {
        match self {
            Rule::UnitedKingdom => half_year_start.pred_opt().unwrap_or(half_year_start),
            _ => half_year_start,
        }
    }

    /// The day-count convention: every rule counts actual days over a 365-day year, leap
    /// years included (the UK Act's daily rate is the annual rate / 365; French, Dutch and
    /// German practice and the EU directive state an annual rate per calendar day elapsed).
    pub fn day_count(self) -> &'static str {
        "actual/365"
    }

    /// The currency the compensation is fixed in.
    pub fn compensation_currency(self) -> Currency {
        match self {
            Rule::UnitedKingdom => Currency::GBP,
            _ => Currency::EUR,
        }
    }

    /// Checks that this rule can compensate a debt in `currency` (no exchange rate is used).
    pub fn check_currency(self, currency: Currency) -> Result<()> {
        let fixed = self.compensation_currency();
        if currency != fixed {
            return Err(Error::new(
                ErrorCode::CurrencyMismatch,
                format!(
                    "the {} rule fixes the compensation in {fixed}; a debt in {currency} cannot be \
                     compensated without an exchange rate, which Creditdesk does not apply",
                    self.code().to_uppercase()
                ),
            ));
        }
        Ok(())
    }

    /// The fixed compensation for recovery costs of one late invoice of `amount`.
    pub fn compensation(self, amount: &Money) -> Result<Money> {
        self.check_currency(amount.currency)?;
        let c = amount.currency;
        let fixed = |units: i64| Money::new(Decimal::from(units), c);
        Ok(match self {
            Rule::Eu | Rule::France | Rule::Germany => fixed(40),
            Rule::Netherlands => Money::new(nl_cost_scale(amount.amount), c).round_half_up(),
            Rule::UnitedKingdom => {
                if amount.amount < Decimal::from(1_000) {
                    fixed(40)
                } else if amount.amount < Decimal::from(10_000) {
                    fixed(70)
                } else {
                    fixed(100)
                }
            }
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Dutch statutory scale of extrajudicial collection costs (Besluit vergoeding voor
/// buitengerechtelijke incassokosten, art. 2; https://wetten.overheid.nl/BWBR0030769):
/// 15 % of the first €2,500 (at least €40), 10 % of the next €2,500, 5 % of the next €5,000,
/// 1 % of the next €190,000, 0.5 % above, at most €6,775. Unrounded.
pub fn nl_cost_scale(principal: Decimal) -> Decimal {
    const BANDS: [(i64, i64); 4] = [(2_500, 150), (2_500, 100), (5_000, 50), (190_000, 10)];
    let mut left = principal.max(Decimal::ZERO);
    let mut total = Decimal::ZERO;
    for (width, per_thousand) in BANDS {
        let part = left.min(Decimal::from(width));
        total += part * Decimal::new(per_thousand, 3);
        left -= part;
    }
    total += left * Decimal::new(5, 3);
    total
        .max(Decimal::from(40))
        .min(Decimal::from(6_775))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur(s: &str) -> Money {
        Money::new(s.parse().unwrap(), Currency::EUR)
    }
    fn gbp(s: &str) -> Money {
        Money::new(s.parse().unwrap(), Currency::GBP)
    }

    #[test]
    fn countries_map_to_rules() {
        let rule = |c: &str| Rule::for_country(Country::parse(c).unwrap());
        assert_eq!(rule("FR").unwrap(), Rule::France);
        assert_eq!(rule("nl").unwrap(), Rule::Netherlands);
        assert_eq!(rule("DE").unwrap(), Rule::Germany);
        assert_eq!(rule("UK").unwrap(), Rule::UnitedKingdom);
        for eu in ["BE", "AT", "IT", "ES", "IE", "LU", "GR"] {
            assert_eq!(rule(eu).unwrap(), Rule::Eu, "{eu}");
        }
        for (c, names) in [
            ("US", "no legal"),
            ("CH", "no legal"),
            ("PL", "national central bank"),
        ] {
            let err = rule(c).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput);
            assert!(
                err.message.contains(c) && err.message.contains(names),
                "{}",
                err.message
            );
            assert!(err.message.contains("FR, NL, DE, GB"), "{}", err.message);
        }
    }

    /// Dutch scale, by hand:
    /// - 100.00: 15 % = 15.00 → minimum 40.00
    /// - 266.67: 15 % = 40.0005 → 40.00 (just above the minimum)
    /// - 2,500: 375.00; 5,000: 375 + 250 = 625.00; 10,000: 625 + 250 = 875.00
    /// - 12,345.67: 875 + 1 % × 2,345.67 = 875 + 23.4567 = 898.4567 → 898.46
    /// - 200,000: 875 + 1,900 = 2,775.00
    /// - 1,000,000: 2,775 + 0.5 % × 800,000 = 6,775.00 (the maximum, exactly)
    /// - 2,000,000: 2,775 + 9,000 = 11,775 → maximum 6,775.00
    #[test]
    fn netherlands_cost_scale() {
        for (amount, expected) in [
            ("100.00", "40.00"),
            ("266.67", "40.00"),
            ("300.00", "45.00"),
            ("2500.00", "375.00"),
            ("5000.00", "625.00"),
            ("10000.00", "875.00"),
            ("12345.67", "898.46"),
            ("200000.00", "2775.00"),
            ("1000000.00", "6775.00"),
            ("2000000.00", "6775.00"),
        ] {
            let c = Rule::Netherlands.compensation(&eur(amount)).unwrap();
            assert_eq!(c.amount_text(), expected, "{amount}");
            assert_eq!(c.currency, Currency::EUR);
        }
    }

    /// UK bands at their edges: under £1,000 → £40; £1,000 up to £9,999.99 → £70; £10,000 and
    /// more → £100.
    #[test]
    fn united_kingdom_bands() {
        for (amount, expected) in [
            ("0.01", "40"),
            ("999.99", "40"),
            ("1000.00", "70"),
            ("9999.99", "70"),
            ("10000.00", "100"),
            ("250000.00", "100"),
        ] {
            let c = Rule::UnitedKingdom.compensation(&gbp(amount)).unwrap();
            assert_eq!(c, gbp(expected), "{amount}");
        }
    }

    #[test]
    fn flat_forty_euros_and_no_exchange_rate() {
        for rule in [Rule::Eu, Rule::France, Rule::Germany] {
            assert_eq!(rule.compensation(&eur("12.50")).unwrap(), eur("40"));
            assert_eq!(rule.compensation(&eur("1000000")).unwrap(), eur("40"));
            let err = rule.compensation(&gbp("100")).unwrap_err();
            assert_eq!(err.code, ErrorCode::CurrencyMismatch);
            assert!(err.message.contains("GBP") && err.message.contains("EUR"));
        }
        let err = Rule::UnitedKingdom.compensation(&eur("100")).unwrap_err();
        assert_eq!(err.code, ErrorCode::CurrencyMismatch);
    }
}
