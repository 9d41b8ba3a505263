//! A tiny seeded generator (SplitMix64) so that the demo catalog is the same on every
//! machine and every run, without a dependency: `rand`'s generators are free to change
//! their output between versions, which would reshuffle every demo screenshot.

/// SplitMix64 (Steele, Lea and Flood, 2014): one add and two multiply-xorshifts per draw.
/// Not for secrets; plenty for picking titles and prices.
#[derive(Debug, Clone)]
pub(super) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub(super) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift: the bias is below 2⁻³²
    /// for the small ranges used here.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub(super) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// An index in `0..len` (0 when `len` is 0).
    pub(super) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// True `percent` times out of a hundred.
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A float in `[0, 1)`.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// One item of a table. The tables are non-empty constants (a test checks them), so
    /// `None` only ever comes from an empty slice built at run time.
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.index(items.len()))
    }

    /// One string of a constant table, or `""` for an empty one.
    pub(super) fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        self.pick(items).copied().unwrap_or_default()
    }

    /// Shuffles the first `count` places of `items` (a partial Fisher–Yates), so that
    /// they are a uniform sample without repetition.
    pub(super) fn sample_in_place<T>(&mut self, items: &mut [T], count: usize) {
        let len = items.len();
        for i in 0..count.min(len) {
            let j = i + self.index(len - i);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let mut a = SplitMix64::new(42);
        let mut b = SplitMix64::new(42);
        let first: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(first, second);
        // The reference output of SplitMix64 seeded with 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..10_000 {
            assert!(rng.below(6) < 6);
            assert!((3..=9).contains(&rng.between(3, 9)));
            let unit = rng.unit();
            assert!((0.0..1.0).contains(&unit));
        }
        assert_eq!(rng.between(5, 5), 5);
        assert_eq!(rng.below(0), 0);
        assert!(rng.pick::<u8>(&[]).is_none());
    }

    #[test]
    fn a_sample_has_no_repeats() {
        let mut rng = SplitMix64::new(9);
        let mut items: Vec<u32> = (0..10).collect();
        rng.sample_in_place(&mut items, 6);
        let mut head = items[..6].to_vec();
        head.sort_unstable();
        head.dedup();
        assert_eq!(head.len(), 6);
    }
}
