//! A fast hasher for the analysis' own maps and sets (unit names, shared titles,
//! restated targets): a word of the key at a time, one multiply each, as rustc's
//! FxHash does, instead of SipHash's rounds. No result depends on a table's order
//! (the std tables are ordered by a random seed per process already).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct Fast(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fast {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fast {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fast>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fast>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_put_in() {
        let mut set: FastSet<String> = FastSet::default();
        for n in 0..2000 {
            set.insert(format!("单位{n}"));
        }
        assert_eq!(set.len(), 2000);
        assert!(set.contains("单位1999") && !set.contains("单位2000"));
        let mut map: FastMap<(char, char), usize> = FastMap::default();
        *map.entry(('局', '委')).or_default() += 2;
        assert_eq!(map.get(&('局', '委')), Some(&2));
    }
}
