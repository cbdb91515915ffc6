//! The portfolio's KPIs on many days at once (the monthly trend of the dashboard and the KPI
//! page). Asked day by day, each past day reads the items open then and every allocation made
//! since: at two million invoices thirteen days took 16 s. Here the items, the allocations and
//! the daily credit sales are read once for all the days (`Store::kpi_trend_data`), and each
//! day's sums are taken from them in memory: the same sums `open_as_of` and `sales` take in
//! SQL, to the minor unit (a test holds them equal).

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Open, window_ranges};

/// An item (invoice or credit note, in the base currency) not settled by the earliest day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendItem {
    pub id: i64,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub settled_on: Option<NaiveDate>,
    /// Open today, in minor units.
    pub open_minor: i64,
}

/// An allocation made, or undone, after the earliest day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendAllocation {
    pub invoice_id: i64,
    pub allocated_on: NaiveDate,
    pub reversed_on: Option<NaiveDate>,
    pub amount_minor: i64,
}

impl TrendAllocation {
    /// What it puts back on its invoice's open amount today to give the amount open on `day`:
    /// made after the day and in force, it was not paid then; made by the day and undone
    /// after it, it was paid then (what `open_as_of_sql` replays).
    fn back_on(&self, day: NaiveDate) -> i64 {
        match self.reversed_on {
            None if self.allocated_on > day => self.amount_minor,
            Some(reversed) if reversed > day && self.allocated_on <= day => -self.amount_minor,
            _ => 0,
        }
    }
}

/// What the trend is computed from.
#[derive(Debug, Clone, Default)]
pub struct TrendData {
    /// Items issued by the last day and not settled by the first (in no order: each finds its
    /// allocations by its id).
    pub items: Vec<TrendItem>,
    /// Allocations made or undone after the first day, by invoice id.
    pub allocations: Vec<TrendAllocation>,
    /// Credit sales by issue day, in day order.
    pub daily_sales: Vec<(NaiveDate, i64)>,
}

/// The earliest day any of `days` reads: its CEI start.
pub fn first_day(days: &[NaiveDate]) -> Option<NaiveDate> {
    days.iter().map(|day| cei_start(*day)).min()
}

/// The earliest issue day the sales windows of `days` start after.
pub fn first_sale_day(days: &[NaiveDate]) -> Option<NaiveDate> {
    days.iter()
        .flat_map(|day| window_ranges(*day))
        .map(|(start, _)| start)
        .min()
}

fn cei_start(day: NaiveDate) -> NaiveDate {
    day - chrono::Days::new(u64::from(super::CEI_DAYS))
}

/// For each of `days`: the open items on it, on its CEI start, and its sales windows (as
/// `windows` lists them).
pub(super) fn per_day(data: &TrendData, days: &[NaiveDate]) -> Vec<(Open, Open, Vec<i64>)> {
    // The days whose open items are needed: each day and its CEI start.
    let wanted: Vec<NaiveDate> = days
        .iter()
        .flat_map(|day| [*day, cei_start(*day)])
        .collect();
    let opens = open_on(data, &wanted);
    days.iter()
        .enumerate()
        .map(|(k, day)| {
            (
                opens[2 * k].clone(),
                opens[2 * k + 1].clone(),
                sales_in_windows(&data.daily_sales, *day),
            )
        })
        .collect()
}

/// The open items on each of `days`, summed by ageing bucket, as `open_as_of` sums them.
fn open_on(data: &TrendData, days: &[NaiveDate]) -> Vec<Open> {
    let sum = |mut totals: Vec<Open>, other: Vec<Open>| {
        for (total, add) in totals.iter_mut().zip(other) {
            for (bucket, amount) in total.buckets.iter_mut().zip(add.buckets) {
                *bucket += amount;
            }
            total.items += add.items;
            total.overdue_items += add.overdue_items;
        }
        totals
    };
    data.items
        .par_iter()
        .fold(
            || vec![Open::default(); days.len()],
            |mut totals, item| {
                let from = data.allocations.partition_point(|a| a.invoice_id < item.id);
                let allocations = data.allocations[from..]
                    .iter()
                    .take_while(|a| a.invoice_id == item.id);
                for (total, day) in totals.iter_mut().zip(days) {
                    if item.issue_date > *day || item.settled_on.is_some_and(|s| s <= *day) {
                        continue;
                    }
                    let open =
                        item.open_minor + allocations.clone().map(|a| a.back_on(*day)).sum::<i64>();
                    if open == 0 {
                        continue;
                    }
                    let bucket = bucket(*day, item.due_date);
                    total.buckets[bucket] += open;
                    total.items += 1;
                    if bucket > 0 {
                        total.overdue_items += 1;
                    }
                }
                totals
            },
        )
        .reduce(|| vec![Open::default(); days.len()], sum)
}

/// The ageing bucket of an item due on `due` as of `day`: current, 1–30, 31–60, 61–90, 90+
/// days past due.
fn bucket(day: NaiveDate, due: NaiveDate) -> usize {
    if due >= day {
        return 0;
    }
    match (day - due).num_days() {
        ..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

/// The credit sales in each window of `windows(day)`: issue days in (start, end].
fn sales_in_windows(daily_sales: &[(NaiveDate, i64)], day: NaiveDate) -> Vec<i64> {
    // Sales issued up to and including a day.
    let up_to = |day: NaiveDate| -> i64 {
        let end = daily_sales.partition_point(|(issued, _)| *issued <= day);
        daily_sales[..end].iter().map(|(_, sold)| sold).sum()
    };
    window_ranges(day)
        .into_iter()
        .map(|(start, end)| up_to(end) - up_to(start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn allocations_are_put_back_as_the_sql_replays_them() {
        let paid = TrendAllocation {
            invoice_id: 1,
            allocated_on: d("2026-03-10"),
            reversed_on: None,
            amount_minor: 500,
        };
        // Paid on 03-10: still open on 03-09, paid on 03-10 and after.
        assert_eq!(paid.back_on(d("2026-03-09")), 500);
        assert_eq!(paid.back_on(d("2026-03-10")), 0);
        let undone = TrendAllocation {
            reversed_on: Some(d("2026-04-01")),
            ..paid
        };
        // Paid on 03-10, undone on 04-01: paid between the two, open before and after.
        assert_eq!(undone.back_on(d("2026-03-09")), 0);
        assert_eq!(undone.back_on(d("2026-03-10")), -500);
        assert_eq!(undone.back_on(d("2026-03-31")), -500);
        assert_eq!(undone.back_on(d("2026-04-01")), 0);
    }

    #[test]
    fn buckets_by_days_past_due() {
        let day = d("2026-03-31");
        assert_eq!(bucket(day, d("2026-03-31")), 0);
        assert_eq!(bucket(day, d("2026-03-30")), 1);
        assert_eq!(bucket(day, d("2026-03-01")), 1);
        assert_eq!(bucket(day, d("2026-02-28")), 2);
        assert_eq!(bucket(day, d("2026-01-30")), 2);
        assert_eq!(bucket(day, d("2026-01-29")), 3);
        assert_eq!(bucket(day, d("2025-12-31")), 3);
        assert_eq!(bucket(day, d("2025-12-30")), 4);
    }
}
