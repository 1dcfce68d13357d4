//! A fast hasher for small keys (ids, channel names, integer pairs) in the metrics index and
//! the store's validation.
//!
//! The standard SipHash resists hash flooding from untrusted input; the keys here come from
//! the user's own store and are hashed hundreds of thousands of times per build, so the simple
//! multiply-rotate scheme of rustc's FxHash serves better.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// A multiply carries entropy only upward, and the table picks buckets by the low bits, so
    /// finish with a full avalanche (MurmurHash3's fmix64). Without it, version-7 ids made in
    /// the same millisecond differ mostly in their high bits and pile into a few buckets.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn ids_from_one_millisecond_spread_over_buckets() {
        // Ids made back to back share their timestamp; the low bits of their hashes must differ
        // anyway, or a table of them degrades into a list.
        let build = BuildHasherDefault::<FxHasher>::default();
        let mut low: Vec<u64> = (0..1024)
            .map(|_| build.hash_one(uuid::Uuid::now_v7()) & 1023)
            .collect();
        low.sort_unstable();
        low.dedup();
        assert!(
            low.len() > 500,
            "only {} distinct buckets of 1024",
            low.len()
        );
    }
}
