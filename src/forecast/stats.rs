//! Weighted order statistics of days (not money: lateness in days and the weights of
//! observations are plain numbers).

/// The weighted `q`-quantile of `values` in any order, with weightless ones left out: the
/// plain form the tests hold the fast ones to (the model sorts its own lists once and reads
/// them with `weighted_quantile_sorted` and `merged_quantiles`).
#[cfg(test)]
pub fn weighted_quantile(values: &[(f64, f64)], q: f64) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values.iter().copied().filter(|(_, w)| *w > 0.0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    weighted_quantile_sorted(&sorted, q)
}

/// The weighted `q`-quantile (0..=1) of (value, weight) pairs sorted by value; `None` when
/// empty or weightless. The lower weighted quantile: the smallest value whose cumulative
/// weight reaches `q` of the total, so the median minimises the weighted absolute error.
pub fn weighted_quantile_sorted(sorted: &[(f64, f64)], q: f64) -> Option<f64> {
    let total: f64 = sorted.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let target = q.clamp(0.0, 1.0) * total;
    let mut cumulative = 0.0;
    for (value, weight) in sorted {
        cumulative += weight;
        if cumulative >= target - 1e-9 {
            return Some(*value);
        }
    }
    sorted.last().map(|(v, _)| *v)
}

/// The running sums of the weights of sorted (value, weight) pairs: `sums[j]` is the weight of
/// the first `j`, added in order (so `sums[len]` is the total `weighted_quantile_sorted` adds up).
pub fn running_sums(sorted: &[(f64, f64)]) -> Vec<f64> {
    let mut sums = Vec::with_capacity(sorted.len() + 1);
    let mut sum = 0.0;
    sums.push(sum);
    for (_, weight) in sorted {
        sum += weight;
        sums.push(sum);
    }
    sums
}

/// The weighted `qs`-quantiles (`qs` ascending) of the pairs of `small` (sorted) merged with
/// `large[from..]` (sorted; `sums` its `running_sums`), the weights of the latter scaled to add
/// up to `total` over all of `large` — what `weighted_quantile_sorted` gives on that merge
/// sorted stably with `small` first, without building it: the time goes by `small`'s length
/// and the log of `large`'s, so a customer's few invoices pool with a portfolio of millions
/// cheaply. Sums are taken in another order than that walk's: equal up to rounding far below
/// its 1e-9 tolerance.
pub fn merged_quantiles(
    small: &[(f64, f64)],
    large: &[(f64, f64)],
    sums: &[f64],
    from: usize,
    total: f64,
    qs: &[f64],
) -> Vec<Option<f64>> {
    let end_all = large.len();
    let large_sum = sums[end_all];
    // Weightless, the large list is left out (as `scaled` leaves it out).
    let from = if large_sum <= 0.0 || total <= 0.0 {
        end_all
    } else {
        from
    };
    // The scaled weight of large[from..j].
    let large_cum = |j: usize| large_cum_of(sums[j], sums[from], total, large_sum);
    let sum_small: f64 = small.iter().map(|(_, w)| w).sum();
    let grand = sum_small + large_cum(end_all);
    if grand <= 0.0 {
        return vec![None; qs.len()];
    }
    let target = |q: f64| q.clamp(0.0, 1.0) * grand - 1e-9;
    let mut out: Vec<Option<f64>> = Vec::with_capacity(qs.len());
    let mut next = 0;
    let mut cum_small = 0.0;
    let mut j = from;
    // The quantiles crossed within large[j..end], `cum_small` before it.
    let in_run =
        |j: usize, end: usize, cum_small: f64, next: &mut usize, out: &mut Vec<Option<f64>>| {
            while *next < qs.len() && end > j {
                let t = target(qs[*next]);
                if cum_small + large_cum(end) < t {
                    break;
                }
                let k = j + sums[j + 1..=end].partition_point(|s| {
                    cum_small + large_cum_of(*s, sums[from], total, large_sum) < t
                });
                out.push(Some(large[k].0));
                *next += 1;
            }
        };
    for &(value, weight) in small {
        let end = j + large[j..].partition_point(|(v, _)| v.total_cmp(&value).is_lt());
        in_run(j, end, cum_small, &mut next, &mut out);
        j = end;
        cum_small += weight;
        while next < qs.len() && cum_small + large_cum(j) >= target(qs[next]) {
            out.push(Some(value));
            next += 1;
        }
    }
    in_run(j, end_all, cum_small, &mut next, &mut out);
    let last = match (small.last(), large[from..].last()) {
        (Some(a), Some(b)) => Some(if b.0.total_cmp(&a.0).is_lt() {
            a.0
        } else {
            b.0
        }),
        (a, b) => a.or(b).map(|p| p.0),
    };
    out.resize(qs.len(), last);
    out
}

/// The scaled weight of the pairs between the running sums `base` and `sum`.
fn large_cum_of(sum: f64, base: f64, total: f64, large_sum: f64) -> f64 {
    if large_sum <= 0.0 || total <= 0.0 {
        0.0
    } else {
        (sum - base) * total / large_sum
    }
}

/// The median of unweighted values: the lower one of an even count (what
/// `weighted_quantile` gives with equal weights), found by selection, not a sort.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut copy = values.to_vec();
    let (_, middle, _) = copy.select_nth_unstable_by((values.len() - 1) / 2, f64::total_cmp);
    Some(*middle)
}

/// The slope (per day) of the weighted least-squares line through (day, value) points.
pub fn weighted_slope(points: &[(f64, f64, f64)]) -> Option<f64> {
    let total: f64 = points.iter().map(|(_, _, w)| w).sum();
    if total <= 0.0 {
        return None;
    }
    let mean_x = points.iter().map(|(x, _, w)| x * w).sum::<f64>() / total;
    let mean_y = points.iter().map(|(_, y, w)| y * w).sum::<f64>() / total;
    let sxx: f64 = points
        .iter()
        .map(|(x, _, w)| w * (x - mean_x).powi(2))
        .sum();
    let sxy: f64 = points
        .iter()
        .map(|(x, y, w)| w * (x - mean_x) * (y - mean_y))
        .sum();
    (sxx > 0.0).then(|| sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_hand() {
        // Values 1..=5, equal weights: the median is 3; the 10th percentile is 1, the 90th 5.
        let v: Vec<(f64, f64)> = (1..=5).map(|i| (f64::from(i), 1.0)).collect();
        assert_eq!(weighted_quantile(&v, 0.5), Some(3.0));
        assert_eq!(weighted_quantile(&v, 0.1), Some(1.0));
        assert_eq!(weighted_quantile(&v, 0.9), Some(5.0));
        // A heavy last value pulls the median to it: weights 1,1,1,1,10 of 14; 7 is reached
        // only at the last.
        let mut heavy = v.clone();
        heavy[4].1 = 10.0;
        assert_eq!(weighted_quantile(&heavy, 0.5), Some(5.0));
        assert_eq!(weighted_quantile(&[], 0.5), None);
        assert_eq!(median(&[4.0, 1.0, 9.0, 2.0]), Some(2.0));
    }

    /// The merged quantiles are those of the merge built and walked, on lists with ties
    /// (whole days) and without, any start in the large list.
    #[test]
    fn merged_quantiles_are_those_of_the_merge() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let qs: Vec<f64> = (0..=20).map(|k| f64::from(k) / 20.0).collect();
        for case in 0..2_000 {
            let whole = case % 2 == 0;
            let mut list = |n: usize| {
                let mut v: Vec<(f64, f64)> = (0..n)
                    .map(|_| {
                        let x: f64 = rng.random_range(-40.0..60.0);
                        let w = if case % 3 == 0 {
                            1.0
                        } else {
                            rng.random_range(0.001..1.0)
                        };
                        (if whole { x.round() } else { x }, w)
                    })
                    .collect();
                v.sort_by(|a, b| a.0.total_cmp(&b.0));
                v
            };
            let small = list(case % 7);
            let large = list(case % 50);
            let from = if large.is_empty() {
                0
            } else {
                case % (large.len() + 1)
            };
            let total = [2.0, 5.5, 30.0][case % 3];
            let large_sum: f64 = large.iter().map(|(_, w)| w).sum();
            let mut merged = small.clone();
            if large_sum > 0.0 {
                merged.extend(
                    large[from..]
                        .iter()
                        .map(|(v, w)| (*v, w * total / large_sum)),
                );
            }
            merged.sort_by(|a, b| a.0.total_cmp(&b.0));
            let sums = running_sums(&large);
            let fast = merged_quantiles(&small, &large, &sums, from, total, &qs);
            let slow: Vec<Option<f64>> = qs
                .iter()
                .map(|q| weighted_quantile_sorted(&merged, *q))
                .collect();
            assert_eq!(fast, slow, "case {case}: {small:?} + {:?}", &large[from..]);
        }
    }

    /// The median by selection is the weighted median with equal weights.
    #[test]
    fn median_is_the_equal_weight_quantile() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for n in 0..200 {
            let values: Vec<f64> = (0..n).map(|_| rng.random_range(-30..60) as f64).collect();
            let pairs: Vec<(f64, f64)> = values.iter().map(|v| (*v, 1.0)).collect();
            assert_eq!(
                median(&values),
                weighted_quantile(&pairs, 0.5),
                "{values:?}"
            );
        }
    }

    #[test]
    fn slope_of_a_line() {
        let points: Vec<(f64, f64, f64)> = (0..10)
            .map(|x| (f64::from(x), 2.0 * f64::from(x) + 1.0, 1.0))
            .collect();
        assert!((weighted_slope(&points).unwrap() - 2.0).abs() < 1e-12);
        assert_eq!(weighted_slope(&[(1.0, 1.0, 1.0)]), None);
    }
}
