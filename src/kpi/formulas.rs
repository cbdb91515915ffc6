//! The receivables KPIs as formulas over a few sums (DESIGN §8). Pure: the store computes the
//! sums as of a date; these say what the numbers mean. Days are `Decimal`, rounded to one
//! decimal only when shown.

use rust_decimal::Decimal;

/// Credit sales of one period and how many days it spans (newest period first in a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodSales {
    pub sales: Decimal,
    pub days: u32,
}

/// DSO by the countback method: walk back from the newest period, taking whole periods while
/// the receivables cover their sales, then the fraction of the period the rest covers.
/// `None` when there are no sales to count back against; when the periods run out before
/// the receivables do, the days of every period (a lower bound).
pub fn dso_countback(receivables: Decimal, periods: &[PeriodSales]) -> Option<Decimal> {
    if periods.iter().all(|p| p.sales <= Decimal::ZERO) {
        return None;
    }
    let mut left = receivables.max(Decimal::ZERO);
    let mut days = Decimal::ZERO;
    for p in periods {
        if left <= Decimal::ZERO {
            break;
        }
        let span = Decimal::from(p.days);
        if p.sales <= Decimal::ZERO {
            days += span;
            continue;
        }
        if left >= p.sales {
            days += span;
            left -= p.sales;
        } else {
            days += left / p.sales * span;
            left = Decimal::ZERO;
        }
    }
    Some(days)
}

/// `amount / sales × days`: the standard DSO (all receivables) and the best possible DSO (only
/// those not yet due) over the same window. `None` without sales.
pub fn days_of_sales(amount: Decimal, sales: Decimal, days: u32) -> Option<Decimal> {
    (sales > Decimal::ZERO).then(|| amount / sales * Decimal::from(days))
}

/// Collection effectiveness index, percent: what was collected in the period out of what
/// could have been (receivables at the start plus sales, less what is still current at the
/// end). `None` when nothing could have been collected.
pub fn cei(
    beginning: Decimal,
    sales: Decimal,
    ending: Decimal,
    ending_current: Decimal,
) -> Option<Decimal> {
    let collectible = beginning + sales - ending_current;
    (collectible > Decimal::ZERO)
        .then(|| (beginning + sales - ending) / collectible * Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn month(sales: &str) -> PeriodSales {
        PeriodSales {
            sales: d(sales),
            days: 30,
        }
    }

    /// The example, by hand: 212,000 open against monthly sales of 100,000, 80,000,
    /// 70,000 (newest first): two whole months (30 + 30 days) cover 180,000, the remaining
    /// 32,000 is 32/70 of the third month: 60 + 13.714… = 73.714… days.
    #[test]
    fn countback_walks_whole_months_then_a_fraction() {
        let dso = dso_countback(
            d("212000"),
            &[month("100000"), month("80000"), month("70000")],
        )
        .unwrap();
        assert_eq!(dso.round_dp(1), d("73.7"));
        assert_eq!(dso.round_dp(6), d("73.714286"));
    }

    #[test]
    fn countback_within_the_first_month_and_beyond_the_last() {
        // 50,000 of 100,000: half the month.
        assert_eq!(
            dso_countback(d("50000"), &[month("100000"), month("80000")]),
            Some(d("15"))
        );
        // More open than all the sales: every period counts (a lower bound).
        assert_eq!(
            dso_countback(d("500000"), &[month("100000"), month("80000")]),
            Some(d("60"))
        );
        // A month without sales is passed over whole.
        assert_eq!(
            dso_countback(d("100000"), &[month("0"), month("200000")]),
            Some(d("45"))
        );
        assert_eq!(dso_countback(d("10"), &[month("0")]), None);
        assert_eq!(dso_countback(d("0"), &[month("100")]), Some(d("0")));
    }

    /// Standard DSO: 212,000 open, 250,000 sold in 90 days → 76.32 days; best possible DSO
    /// with 150,000 of it not yet due → 54 days; the average days delinquent is the difference.
    #[test]
    fn standard_and_best_possible_dso() {
        let standard = days_of_sales(d("212000"), d("250000"), 90).unwrap();
        let best = days_of_sales(d("150000"), d("250000"), 90).unwrap();
        assert_eq!(standard, d("76.32"));
        assert_eq!(best, d("54"));
        assert_eq!(standard - best, d("22.32"));
        assert_eq!(days_of_sales(d("1"), d("0"), 90), None);
    }

    /// CEI: 100,000 open at the start, 80,000 sold, 90,000 open at the end of which 60,000
    /// current: collected 90,000 of a collectible 120,000 → 75 %.
    #[test]
    fn collection_effectiveness() {
        assert_eq!(
            cei(d("100000"), d("80000"), d("90000"), d("60000")),
            Some(d("75"))
        );
        assert_eq!(cei(d("0"), d("0"), d("0"), d("0")), None);
    }
}
