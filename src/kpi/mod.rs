//! Receivables KPIs as of any date (DESIGN §8): DSO by countback and standard, best possible
//! DSO, average days delinquent, collection effectiveness, ageing, overdue, share current —
//! for the portfolio, or per owner, country or segment.
//!
//! The sums are taken in SQL over the invoices of the company's base currency (amounts in two
//! currencies are never added); `formulas` says what they mean. "As of" replays the past: an
//! item counts with its amount less the allocations made by that day and not undone by then.

pub mod formulas;
pub mod trend;

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use sqlx::Row;

use crate::error::Result;
use crate::money::{Currency, Money};
use crate::store::Store;

use formulas::PeriodSales;

/// Periods of one month counted back for the countback DSO.
pub const COUNTBACK_MONTHS: u32 = 12;
/// The window of the standard and best possible DSO.
pub const DSO_WINDOW_DAYS: u32 = 90;
/// The period of the collection effectiveness index.
pub const CEI_DAYS: u32 = 30;

/// Ageing buckets by days past due as of the day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ageing {
    /// Not yet due (due today counts as current).
    pub current: Money,
    pub days_1_30: Money,
    pub days_31_60: Money,
    pub days_61_90: Money,
    pub days_over_90: Money,
}

/// How the portfolio is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Portfolio,
    Owner,
    Country,
    /// The customer's segment as of the day (DESIGN §6), by the rules or set by hand.
    Segment,
}

impl Dimension {
    /// The SQL expression of the group key over `i` (invoices): the portfolio is one group;
    /// every other dimension is summed per customer in SQL and the customers' sums added up
    /// by their owner, country or segment in `kpis` (joining the customers in SQL cost 28 s
    /// at two million invoices, the sums per customer 4 s).
    fn key_sql(self) -> &'static str {
        match self {
            Dimension::Portfolio => "''",
            Dimension::Owner | Dimension::Country | Dimension::Segment => {
                "CAST(i.customer_id AS TEXT)"
            }
        }
    }
}

/// The KPIs of one group as of one day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Kpis {
    /// The owner or country; empty for the portfolio.
    pub group: String,
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub receivables: Money,
    pub open_items: i64,
    pub overdue: Money,
    pub overdue_items: i64,
    /// Percent of the receivables not yet due.
    pub share_current: Option<Decimal>,
    pub dso_countback: Option<Decimal>,
    pub dso_standard: Option<Decimal>,
    pub bpdso: Option<Decimal>,
    /// Average days delinquent: standard DSO less best possible DSO.
    pub add: Option<Decimal>,
    /// Percent.
    pub cei: Option<Decimal>,
    pub ageing: Ageing,
    /// Credit sales of the last 90 days.
    pub sales_90_days: Money,
}

#[derive(Default, Clone)]
struct Open {
    /// Minor units by bucket: current, 1–30, 31–60, 61–90, 90+.
    buckets: [i64; 5],
    items: i64,
    overdue_items: i64,
}

/// The SQL of `open_as_of`: ?1 the day, ?2 the currency (the benchmarks run it elsewhere).
///
/// The items not settled by the day are read as two ranges of partial indexes (never settled;
/// settled after the day: `migrations/…_kpi_indexes.sql`). Their open amount on the day is
/// today's (`open_minor`, kept by the store) with the allocations made after the day, or
/// undone after it, put back (`back`: none when the day is today).
pub fn open_as_of_sql(dimension: Dimension) -> String {
    format!(
        "WITH back AS MATERIALIZED (
           SELECT invoice_id, SUM(minor) AS minor FROM (
             SELECT invoice_id, amount_minor AS minor FROM allocations
              WHERE allocated_on > ?1 AND reversed_on IS NULL
             UNION ALL
             SELECT invoice_id, -amount_minor FROM allocations
              WHERE reversed_on > ?1 AND allocated_on <= ?1)
            GROUP BY invoice_id),
         items AS (
           SELECT id, customer_id, due_date, open_minor FROM invoices
            WHERE settled_on IS NULL AND currency = ?2 AND issue_date <= ?1
           UNION ALL
           SELECT id, customer_id, due_date, open_minor FROM invoices
            WHERE settled_on > ?1 AND currency = ?2 AND issue_date <= ?1)
         SELECT grp, bucket, SUM(open) AS open, COUNT(*) AS n FROM (
           SELECT {key} AS grp,
                  CASE WHEN i.due_date >= ?1 THEN 0
                       WHEN julianday(?1) - julianday(i.due_date) <= 30 THEN 1
                       WHEN julianday(?1) - julianday(i.due_date) <= 60 THEN 2
                       WHEN julianday(?1) - julianday(i.due_date) <= 90 THEN 3
                       ELSE 4 END AS bucket,
                  i.open_minor + COALESCE(b.minor, 0) AS open
             FROM items i LEFT JOIN back b ON b.invoice_id = i.id)
         WHERE open <> 0 GROUP BY grp, bucket",
        key = dimension.key_sql(),
    )
}

/// Open amounts by group and ageing bucket as of `day`.
async fn open_as_of(
    store: &Store,
    dimension: Dimension,
    currency: Currency,
    day: NaiveDate,
) -> Result<std::collections::BTreeMap<String, Open>> {
    let sql = open_as_of_sql(dimension);
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(day)
        .bind(currency.code())
        .fetch_all(store.pool())
        .await?;
    let mut groups: std::collections::BTreeMap<String, Open> = Default::default();
    for row in rows {
        let group: String = row.try_get("grp")?;
        let bucket: i64 = row.try_get("bucket")?;
        let n: i64 = row.try_get("n")?;
        let entry = groups.entry(group).or_default();
        entry.buckets[bucket.clamp(0, 4) as usize] += row.try_get::<i64, _>("open")?;
        entry.items += n;
        if bucket > 0 {
            entry.overdue_items += n;
        }
    }
    Ok(groups)
}

/// The start of each window ending at `as_of` (exclusive bounds): 12 months back, newest first,
/// then the 90-day and 30-day windows.
fn windows(as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut starts: Vec<NaiveDate> = (1..=COUNTBACK_MONTHS)
        .map(|k| {
            as_of
                .checked_sub_months(Months::new(k))
                .unwrap_or(NaiveDate::MIN)
        })
        .collect();
    starts.push(as_of - Days::new(u64::from(DSO_WINDOW_DAYS)));
    starts.push(as_of - Days::new(u64::from(CEI_DAYS)));
    starts
}

/// The windows of `windows(as_of)` as (start, end] ranges of issue days: month k ends where
/// month k − 1 starts (the first at `as_of`); the 90- and 30-day windows end at `as_of`.
fn window_ranges(as_of: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let starts = windows(as_of);
    let months = COUNTBACK_MONTHS as usize;
    starts
        .iter()
        .enumerate()
        .map(|(k, start)| {
            let end = if k == 0 || k >= months {
                as_of
            } else {
                starts[k - 1]
            };
            (*start, end)
        })
        .collect()
}

/// The SQL of `sales` as of `as_of`: ?1 the currency; the windows' dates are written into it
/// (formatted from `NaiveDate`s, never taken from user text). Each window is one range of the
/// sales index (`amount_minor <> 0` is its mark: a zero adds nothing to a sum, and no other
/// query says it, so no other query is planned on that index).
pub fn sales_sql(dimension: Dimension, as_of: NaiveDate) -> String {
    let ranges: Vec<String> = window_ranges(as_of)
        .iter()
        .enumerate()
        .map(|(k, (start, end))| {
            format!(
                "SELECT {k} AS w, customer_id, amount_minor FROM invoices
                  WHERE kind = 'invoice' AND amount_minor <> 0 AND currency = ?1
                    AND issue_date > '{start}' AND issue_date <= '{end}'"
            )
        })
        .collect();
    format!(
        "SELECT {key} AS grp, i.w AS w, SUM(i.amount_minor) AS sold
           FROM ({ranges}) i
          GROUP BY grp, i.w",
        key = dimension.key_sql(),
        ranges = ranges.join(" UNION ALL "),
    )
}

/// Credit sales (invoices, by issue date) per group in each window of `windows(as_of)`.
async fn sales(
    store: &Store,
    dimension: Dimension,
    currency: Currency,
    as_of: NaiveDate,
) -> Result<std::collections::BTreeMap<String, Vec<i64>>> {
    let windows = windows(as_of).len();
    let sql = sales_sql(dimension, as_of);
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(currency.code())
        .fetch_all(store.pool())
        .await?;
    let mut out: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for row in rows {
        let group: String = row.try_get("grp")?;
        let window: i64 = row.try_get("w")?;
        let sold: i64 = row.try_get("sold")?;
        if let Some(sum) = out
            .entry(group)
            .or_insert_with(|| vec![0; windows])
            .get_mut(window as usize)
        {
            *sum += sold;
        }
    }
    Ok(out)
}

/// The KPIs as of `as_of`, one per group of `dimension` (one for the portfolio), in the
/// company's base currency.
pub async fn kpis(store: &Store, as_of: NaiveDate, dimension: Dimension) -> Result<Vec<Kpis>> {
    let currency = store.company().await?.base_currency;
    // Three queries, each on a connection (and a thread) of its own.
    let (mut now, mut before, mut sold) = tokio::try_join!(
        open_as_of(store, dimension, currency, as_of),
        open_as_of(
            store,
            dimension,
            currency,
            as_of - Days::new(u64::from(CEI_DAYS)),
        ),
        sales(store, dimension, currency, as_of),
    )?;
    // The sums per customer, added up by the customer's group.
    let groups_of_customers: Option<std::collections::HashMap<i64, String>> = match dimension {
        Dimension::Portfolio => None,
        Dimension::Owner | Dimension::Country => Some(
            store
                .customer_groups()
                .await?
                .into_iter()
                .map(|(id, owner, country)| {
                    let group = if dimension == Dimension::Owner {
                        owner
                    } else {
                        country
                    };
                    (id.0, group)
                })
                .collect(),
        ),
        Dimension::Segment => Some(
            crate::collections::all_segments(store, as_of)
                .await?
                .into_iter()
                .map(|(id, (_, assignment))| (id.0, assignment.segment.code().to_string()))
                .collect(),
        ),
    };
    if let Some(group_of_customer) = groups_of_customers {
        let group_of = |customer: &String| {
            customer
                .parse::<i64>()
                .ok()
                .and_then(|id| group_of_customer.get(&id).cloned())
                .unwrap_or_default()
        };
        now = fold_open(now, group_of);
        before = fold_open(before, group_of);
        sold = fold_sales(sold, group_of);
    }
    let mut groups: std::collections::BTreeSet<String> = now.keys().cloned().collect();
    groups.extend(sold.keys().cloned());
    if dimension == Dimension::Portfolio {
        groups.insert(String::new());
    }
    let no_sales = vec![0; windows(as_of).len()];
    Ok(groups
        .into_iter()
        .map(|group| {
            let open = now.get(&group).cloned().unwrap_or_default();
            let start = before.get(&group).cloned().unwrap_or_default();
            let windows_sold = sold.get(&group).unwrap_or(&no_sales);
            group_kpis(group, as_of, currency, &open, &start, windows_sold)
        })
        .collect())
}

/// One group's KPIs as of `as_of` from its sums: its open items on the day and at the start
/// of the CEI period, and its credit sales in each window of `windows(as_of)`.
fn group_kpis(
    group: String,
    as_of: NaiveDate,
    currency: Currency,
    open: &Open,
    start: &Open,
    windows_sold: &[i64],
) -> Kpis {
    let months = COUNTBACK_MONTHS as usize;
    let money = |minor: i64| Money::from_minor(minor, currency);
    let dec = |minor: i64| money(minor).amount;
    let receivables: i64 = open.buckets.iter().sum();
    let current = open.buckets[0];
    let overdue = receivables - current;
    let periods: Vec<PeriodSales> = window_ranges(as_of)
        .iter()
        .take(months)
        .zip(windows_sold)
        .map(|((start, end), sold)| PeriodSales {
            sales: dec(*sold),
            days: (*end - *start).num_days() as u32,
        })
        .collect();
    let sales_90 = windows_sold[months];
    let sales_30 = windows_sold[months + 1];
    let dso_standard = formulas::days_of_sales(dec(receivables), dec(sales_90), DSO_WINDOW_DAYS);
    let bpdso = formulas::days_of_sales(dec(current), dec(sales_90), DSO_WINDOW_DAYS);
    Kpis {
        group,
        as_of,
        currency,
        receivables: money(receivables),
        open_items: open.items,
        overdue: money(overdue),
        overdue_items: open.overdue_items,
        share_current: (receivables > 0)
            .then(|| dec(current) / dec(receivables) * Decimal::ONE_HUNDRED),
        dso_countback: formulas::dso_countback(dec(receivables), &periods),
        dso_standard,
        bpdso,
        add: dso_standard.zip(bpdso).map(|(s, b)| s - b),
        cei: formulas::cei(
            dec(start.buckets.iter().sum()),
            dec(sales_30),
            dec(receivables),
            dec(current),
        ),
        ageing: Ageing {
            current: money(open.buckets[0]),
            days_1_30: money(open.buckets[1]),
            days_31_60: money(open.buckets[2]),
            days_61_90: money(open.buckets[3]),
            days_over_90: money(open.buckets[4]),
        },
        sales_90_days: money(sales_90),
    }
}

/// Per-customer open sums added up by `group_of` (sums of amounts and counts add).
fn fold_open(
    by_customer: std::collections::BTreeMap<String, Open>,
    group_of: impl Fn(&String) -> String,
) -> std::collections::BTreeMap<String, Open> {
    let mut out: std::collections::BTreeMap<String, Open> = Default::default();
    for (customer, open) in by_customer {
        let total = out.entry(group_of(&customer)).or_default();
        for (sum, add) in total.buckets.iter_mut().zip(open.buckets) {
            *sum += add;
        }
        total.items += open.items;
        total.overdue_items += open.overdue_items;
    }
    out
}

/// Per-customer sales windows added up by `group_of`.
fn fold_sales(
    by_customer: std::collections::BTreeMap<String, Vec<i64>>,
    group_of: impl Fn(&String) -> String,
) -> std::collections::BTreeMap<String, Vec<i64>> {
    let mut out: std::collections::BTreeMap<String, Vec<i64>> = Default::default();
    for (customer, windows) in by_customer {
        let total = out
            .entry(group_of(&customer))
            .or_insert_with(|| vec![0; windows.len()]);
        for (sum, add) in total.iter_mut().zip(windows) {
            *sum += add;
        }
    }
    out
}

/// The portfolio's KPIs at the end of each of the last `months` months and on `as_of`, oldest
/// first: the trend lines of the dashboard and the KPI page (month ends before `as_of`, then
/// `as_of` itself).
pub async fn monthly(store: &Store, as_of: NaiveDate, months: u32) -> Result<Vec<Kpis>> {
    let mut days: Vec<NaiveDate> = (1..=months)
        .rev()
        .filter_map(|k| {
            let in_month = as_of.checked_sub_months(Months::new(k - 1))?;
            // The last day of the month before `in_month`.
            in_month.with_day(1)?.pred_opt()
        })
        .collect();
    days.push(as_of);
    let currency = store.company().await?.base_currency;
    // Read once for all the days (`trend`): the same sums as `kpis` day by day.
    let data = store.kpi_trend_data(currency, &days).await?;
    Ok(days
        .iter()
        .zip(trend::per_day(&data, &days))
        .map(|(day, (open, start, sold))| {
            group_kpis(String::new(), *day, currency, &open, &start, &sold)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The monthly trend reads once for all its days; each day's KPIs are those `kpis` gives
    /// for that day alone, to the minor unit, on the demo's history (payments, credit notes,
    /// partial payments), on a month's end and in the middle of a month.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_monthly_trend_is_the_kpis_of_each_day() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        let store = Store::scratch_demo(dir.path(), today, 40).await;
        // Some allocations undone 20 days after they were made (as a reconciliation undone
        // does): the replay puts them back only between the two days.
        let undone = sqlx::query(
            "UPDATE allocations SET reversed_on = MIN(date(allocated_on, '+20 days'), ?1)
              WHERE id % 7 = 0",
        )
        .bind(today)
        .execute(store.pool())
        .await
        .unwrap()
        .rows_affected();
        assert!(undone > 100, "{undone}");
        for as_of in [today, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()] {
            let trend = monthly(&store, as_of, 12).await.unwrap();
            assert_eq!(trend.len(), 13);
            assert_eq!(trend.last().unwrap().as_of, as_of);
            for day in &trend {
                let alone = kpis(&store, day.as_of, Dimension::Portfolio)
                    .await
                    .unwrap()
                    .pop()
                    .unwrap();
                assert_eq!(*day, alone, "as of {}", day.as_of);
            }
            // Not a trend of zeros: the demo has open items and sales on every day.
            assert!(
                trend
                    .iter()
                    .all(|k| k.open_items > 0 && k.dso_countback.is_some())
            );
        }
    }

    /// At millions of invoices the KPIs are fast only if each query reads ranges of the
    /// indexes made for it and nothing else: a column added to a query but not to its index
    /// would scan a table again. This holds the plans to that, for every dimension.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_kpi_queries_read_only_their_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::scratch(dir.path()).await;
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for dimension in [
            Dimension::Portfolio,
            Dimension::Owner,
            Dimension::Country,
            Dimension::Segment,
        ] {
            let open = store
                .query_plan(&open_as_of_sql(dimension), &["2026-11-23", "EUR"])
                .await;
            for index in [
                "USING COVERING INDEX invoices_unsettled_kpi",
                "USING COVERING INDEX invoices_settled_kpi",
                "USING COVERING INDEX allocations_active_by_date",
                "USING COVERING INDEX allocations_undone_by_date",
            ] {
                assert!(
                    open.contains(index),
                    "{dimension:?}: {index} not in\n{open}"
                );
            }
            let sales = store.query_plan(&sales_sql(dimension, day), &["EUR"]).await;
            assert_eq!(
                sales
                    .matches("USING COVERING INDEX invoices_sales_kpi")
                    .count(),
                windows(day).len(),
                "{dimension:?}:\n{sales}"
            );
            for text in [&open, &sales] {
                for table in ["invoices", "allocations"] {
                    assert!(
                        !text.contains(&format!("SCAN {table}")),
                        "{dimension:?} scans {table}:\n{text}"
                    );
                }
            }
        }
    }
}
