//! The demo's only source of chance: a seeded ChaCha8 stream per customer.
//!
//! Every draw goes through `next_u64` of [`ChaCha8Rng`], whose output is fixed for a seed and
//! a stream on every platform, so the same options always give the same company. Each
//! customer draws from its own stream: the first 300 customers of a large database are the
//! same as those of the small demo.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub(crate) struct Dice(ChaCha8Rng);

impl Dice {
    pub fn new(seed: u64, stream: u64) -> Dice {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Dice(rng)
    }

    /// A number in `0..n` (`n` > 0). The multiply-shift mapping has a bias of at most n/2^64.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi, "empty range {lo}..={hi}");
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True `per_mille` times in a thousand.
    pub fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < u64::from(per_mille)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// One item, each as likely as its weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            let weight = u64::from(*weight);
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        unreachable!("the roll is below the total of the weights")
    }

    /// `count` decimal digits, leading zeros included.
    pub fn digits(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_and_stream_same_draws() {
        let draws = |stream| {
            let mut d = Dice::new(7, stream);
            (0..20).map(|_| d.range(-5, 5)).collect::<Vec<_>>()
        };
        assert_eq!(draws(1), draws(1));
        assert_ne!(draws(1), draws(2));
    }

    #[test]
    fn ranges_are_inclusive_and_weights_respected() {
        let mut d = Dice::new(1, 0);
        let mut seen = [false; 3];
        for _ in 0..200 {
            let v = d.range(1, 3);
            seen[(v - 1) as usize] = true;
        }
        assert_eq!(seen, [true; 3]);
        for _ in 0..100 {
            assert_eq!(*d.weighted(&[("never", 0), ("always", 5)]), "always");
        }
        assert_eq!(d.digits(6).len(), 6);
    }
}
