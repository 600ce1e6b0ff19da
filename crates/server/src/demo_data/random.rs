//! A small seeded random generator (`SplitMix64`), so that demo data is the same for the same
//! seed on every machine, without a dependency.

/// A deterministic stream of pseudo-random numbers.
#[derive(Debug, Clone)]
pub struct Random {
    state: u64,
}

impl Random {
    /// A stream started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A stream of its own for item `index` of the data generated from `seed`, so that each
    /// item comes out the same however the items are batched.
    pub fn for_item(seed: u64, index: u64) -> Self {
        let mut mixer = Self::new(seed ^ index.wrapping_mul(0xa076_1d64_78bd_642f));
        Self::new(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`; `bound` must not be zero.
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = u64::try_from(bound).expect("usize fits in u64");
        usize::try_from(self.next_u64() % bound).expect("below a usize bound")
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        // The top 53 bits make every double in [0, 1) with that spacing equally likely.
        #[allow(clippy::cast_precision_loss)]
        let value = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        value
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`, all equally likely.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items`, each as likely as its weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = u32::try_from(self.below(total as usize)).expect("below a u32 total");
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::Random;

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let first: Vec<u64> = (0..5).map(|_| Random::new(7).next_u64()).collect();
        assert!(first.iter().all(|n| *n == first[0]));
        let mut a = Random::for_item(7, 3);
        let mut b = Random::for_item(7, 3);
        assert_eq!(a.next_u64(), b.next_u64());
        assert_ne!(
            Random::for_item(7, 3).next_u64(),
            Random::for_item(7, 4).next_u64()
        );
    }

    #[test]
    fn numbers_stay_in_their_ranges() {
        let mut random = Random::new(1);
        for _ in 0..1000 {
            assert!(random.below(3) < 3);
            assert!((2..=4).contains(&random.between(2, 4)));
            assert!((0.0..1.0).contains(&random.unit()));
            assert!(matches!(random.weighted(&[('a', 1), ('b', 0)]), 'a'));
        }
    }
}
