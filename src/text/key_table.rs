//! A small hash table of words packed into integers, for the lookups made at every word of
//! every article (stop words and site-rule openings while cleaning, function words while
//! detecting the language).
//!
//! Written here rather than taken from a crate: a general hash map hashes and compares whole
//! strings (or runs a general hasher over the integer), several times the work of the one
//! multiply and one comparison a probe costs here.

/// An integer a word is packed into: its bytes, zero-padded. The zero key marks an empty slot,
/// so no word packs to it.
pub(crate) trait PackedKey: Copy + Eq + Default {
    /// The key's bits folded into one `u64` to hash.
    fn mix(self) -> u64;
}

impl PackedKey for u64 {
    #[inline]
    fn mix(self) -> u64 {
        self
    }
}

impl PackedKey for u128 {
    #[inline]
    fn mix(self) -> u64 {
        // The two halves folded together; the casts keep exactly the low 64 bits of each.
        (self as u64) ^ ((self >> 64) as u64).rotate_left(17)
    }
}

/// Packed keys and a value for each, open-addressed (linear probing), at most a quarter full so
/// that a probe nearly always ends at its first slot.
#[derive(Debug, Clone)]
pub(crate) struct KeyTable<K, V> {
    keys: Vec<K>,
    values: Vec<V>,
    /// `keys.len() - 1`; the length is a power of two.
    mask: usize,
    /// How far right a hash is shifted to give a slot.
    shift: u32,
}

impl<K: PackedKey, V: Copy + Default> KeyTable<K, V> {
    /// The table of `entries`; a key given more than once keeps `merge(earlier, later)` of its
    /// values. Zero keys are left out.
    pub(crate) fn new(
        entries: impl IntoIterator<Item = (K, V)>,
        merge: impl Fn(V, V) -> V,
    ) -> Self {
        let entries: Vec<(K, V)> = entries
            .into_iter()
            .filter(|(k, _)| *k != K::default())
            .collect();
        let slots = (entries.len() * 4).next_power_of_two().max(64);
        let mut table = Self {
            keys: vec![K::default(); slots],
            values: vec![V::default(); slots],
            mask: slots - 1,
            shift: 64 - slots.trailing_zeros(),
        };
        for (key, value) in entries {
            let mut slot = table.slot(key);
            while table
                .keys
                .get(slot)
                .is_some_and(|&k| k != K::default() && k != key)
            {
                slot = (slot + 1) & table.mask;
            }
            let fresh = table.keys.get(slot) == Some(&K::default());
            if let (Some(k), Some(v)) = (table.keys.get_mut(slot), table.values.get_mut(slot)) {
                *v = if fresh { value } else { merge(*v, value) };
                *k = key;
            }
        }
        table
    }

    /// The slot a key is looked for from: the top bits of a multiplicative hash.
    #[inline]
    fn slot(&self, key: K) -> usize {
        // Below the table's length, a `usize`, so the cast loses nothing.
        (key.mix().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The value of `key`, if it is in the table.
    #[inline]
    pub(crate) fn get(&self, key: K) -> Option<V> {
        if key == K::default() {
            return None;
        }
        let mut slot = self.slot(key);
        loop {
            match self.keys.get(slot) {
                Some(&k) if k == key => return self.values.get(slot).copied(),
                Some(&k) if k == K::default() => return None,
                None => return None,
                Some(_) => slot = (slot + 1) & self.mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The table holds exactly its entries, with repeated keys merged in order.
        #[test]
        fn holds_exactly_its_entries(
            entries in proptest::collection::vec((0u64..300, 0u8..8), 0..200),
            probes in proptest::collection::vec(0u64..400, 0..50),
        ) {
            let table = KeyTable::new(entries.iter().copied(), |a, b| a | b);
            for probe in probes.iter().copied().chain(entries.iter().map(|&(k, _)| k)) {
                let expected = entries
                    .iter()
                    .filter(|&&(k, _)| k == probe && k != 0)
                    .map(|&(_, v)| v)
                    .reduce(|a, b| a | b);
                proptest::prop_assert_eq!(table.get(probe), expected, "{}", probe);
            }
        }
    }

    #[test]
    fn wide_keys_and_first_value_wins() {
        let a = 1u128 << 100;
        let table = KeyTable::new([(a, Some(1)), (a, Some(2)), (7u128, Some(3))], |x, y| {
            x.or(y)
        });
        assert_eq!(table.get(a), Some(Some(1)));
        assert_eq!(table.get(7), Some(Some(3)));
        assert_eq!(table.get(8), None);
        assert_eq!(table.get(0), None);
    }
}
