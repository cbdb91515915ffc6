//! Weighted order statistics of days (not money: lateness in days and the weights of
//! observations are plain numbers).

/// The weighted `q`-quantile (0..=1) of `values` as (value, weight) pairs; `None` when empty
/// or weightless. The lower weighted quantile: the smallest value whose cumulative weight
/// reaches `q` of the total, so the median minimises the weighted absolute error.
pub fn weighted_quantile(values: &[(f64, f64)], q: f64) -> Option<f64> {
    let mut sorted: Vec<(f64, f64)> = values.iter().copied().filter(|(_, w)| *w > 0.0).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    weighted_quantile_sorted(&sorted, q)
}

/// As `weighted_quantile`, over values already sorted by value.
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

/// The median of unweighted values.
pub fn median(values: &[f64]) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = values.iter().map(|v| (*v, 1.0)).collect();
    weighted_quantile(&pairs, 0.5)
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

    #[test]
    fn slope_of_a_line() {
        let points: Vec<(f64, f64, f64)> = (0..10)
            .map(|x| (f64::from(x), 2.0 * f64::from(x) + 1.0, 1.0))
            .collect();
        assert!((weighted_slope(&points).unwrap() - 2.0).abs() < 1e-12);
        assert_eq!(weighted_slope(&[(1.0, 1.0, 1.0)]), None);
    }
}
