//! How an amount fits a set of items, and the bounded search for the items of one customer
//! that add up to it. Amounts are integer minor units here (exact, and fast to add).

/// Sets of items (indices into the candidates) whose open amounts add up to `target`, at
/// least `min_size` of them, searched depth-first among `open` in the order given (oldest due
/// first). Stops after `max_steps` steps or once `max_found` sets are found. Credit notes
/// (negative amounts) may take part.
pub fn subsets_summing_to(
    open: &[i64],
    target: i64,
    min_size: usize,
    max_steps: usize,
    max_found: usize,
) -> Vec<Vec<usize>> {
    // For pruning: what the items from k on can still add, at most and at least.
    let n = open.len();
    let mut pos_after = vec![0i64; n + 1];
    let mut neg_after = vec![0i64; n + 1];
    for k in (0..n).rev() {
        pos_after[k] = pos_after[k + 1] + open[k].max(0);
        neg_after[k] = neg_after[k + 1] + open[k].min(0);
    }
    struct Search<'a> {
        open: &'a [i64],
        pos_after: Vec<i64>,
        neg_after: Vec<i64>,
        target: i64,
        min_size: usize,
        steps: usize,
        max_steps: usize,
        max_found: usize,
        chosen: Vec<usize>,
        found: Vec<Vec<usize>>,
    }
    impl Search<'_> {
        fn go(&mut self, k: usize, sum: i64) {
            if self.found.len() >= self.max_found || self.steps >= self.max_steps {
                return;
            }
            self.steps += 1;
            if sum == self.target && self.chosen.len() >= self.min_size {
                self.found.push(self.chosen.clone());
            }
            if k == self.open.len() {
                return;
            }
            if sum + self.pos_after[k] < self.target || sum + self.neg_after[k] > self.target {
                return;
            }
            for j in k..self.open.len() {
                self.chosen.push(j);
                self.go(j + 1, sum + self.open[j]);
                self.chosen.pop();
                if self.found.len() >= self.max_found || self.steps >= self.max_steps {
                    return;
                }
            }
        }
    }
    let mut s = Search {
        open,
        pos_after,
        neg_after,
        target,
        min_size,
        steps: 0,
        max_steps,
        max_found,
        chosen: Vec::new(),
        found: Vec::new(),
    };
    s.go(0, 0);
    s.found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_combinations_that_add_up() {
        let open = [100, 250, 400, -50, 75];
        let found = subsets_summing_to(&open, 350, 2, 100_000, 10);
        // 100+250, 400-50, 100+250+... : every set adds up.
        for set in &found {
            assert_eq!(set.iter().map(|&k| open[k]).sum::<i64>(), 350);
            assert!(set.len() >= 2);
        }
        assert!(found.contains(&vec![0, 1]));
        assert!(found.contains(&vec![2, 3]));
        assert!(subsets_summing_to(&open, 1, 2, 100_000, 10).is_empty());
    }

    #[test]
    fn the_search_is_bounded() {
        let open: Vec<i64> = (1..=40).collect();
        let found = subsets_summing_to(&open, 400, 2, 1_000, 2);
        assert!(found.len() <= 2);
    }
}
