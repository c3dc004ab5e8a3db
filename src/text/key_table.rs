//! A small hash table of words packed into integers, for the lookups made at every word of
//! every article (stop words and site-rule openings while cleaning, function words while
//! detecting the language).
//!
//! Written here rather than taken from a crate: a general hash map hashes and compares whole
//! strings (or runs a general hasher over the integer), several times the work of the one
//! multiply and one comparison a probe costs here.

/// The bytes `text[start..end]` (at most eight) as one integer, little-endian, zero-padded
/// above: the word `start..end` packed.
///
/// Read with one eight-byte load from `text` where the text allows: from the word's start when
/// it is eight bytes long, else the eight bytes ending at its end, shifted down. Packing a
/// shorter word byte by byte into a zeroed array and reading that back as an integer stalled at
/// every word of the fold walk (the wide load cannot be forwarded from the narrow stores).
/// A word that ends within the first eight bytes of `text` is packed byte by byte.
#[inline]
pub(crate) fn pack8_at(text: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end.checked_sub(start).filter(|&n| n <= 8)?;
    let eight = |at: usize| {
        text.get(at..)
            .and_then(|t| t.first_chunk::<8>())
            .map(|b| u64::from_le_bytes(*b))
    };
    let loaded = match len {
        0 => Some(0),
        8 => eight(start),
        // The word's bytes are the top `len` of the eight; 1 ≤ len ≤ 7, so the shift < 64.
        _ => end
            .checked_sub(8)
            .and_then(eight)
            .map(|w| w >> ((8 - len) * 8)),
    };
    loaded.or_else(|| {
        let word = text.get(start..end)?;
        let mut packed = [0u8; 8];
        packed.get_mut(..len)?.copy_from_slice(word);
        Some(u64::from_le_bytes(packed))
    })
}

/// [`pack8_at`] of up to sixteen bytes, in two halves: `None` beyond sixteen.
#[inline]
pub(crate) fn pack16_at(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start).filter(|&n| n <= 16)?;
    let split = start + len.min(8);
    let low = pack8_at(text, start, split)?;
    let high = pack8_at(text, split, end)?;
    Some(u128::from(low) | (u128::from(high) << 64))
}

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

    /// The bytes packed one by one into a zeroed array, the plain statement of [`pack16_at`].
    fn packed_byte_by_byte(word: &[u8]) -> Option<u128> {
        let mut packed = [0u8; 16];
        packed.get_mut(..word.len())?.copy_from_slice(word);
        Some(u128::from_le_bytes(packed))
    }

    proptest::proptest! {
        /// The loads read exactly the word's bytes, wherever it lies in the text (at its
        /// start, at its end, in a text shorter than eight bytes) and whatever its length.
        #[test]
        fn packing_by_loads_equals_packing_by_bytes(
            text in proptest::collection::vec(1u8..=255, 0..40),
            start in 0usize..40,
            len in 0usize..20,
        ) {
            let start = start.min(text.len());
            let end = (start + len).min(text.len());
            let word = &text[start..end];
            proptest::prop_assert_eq!(pack16_at(&text, start, end), packed_byte_by_byte(word));
            let eight = (word.len() <= 8).then(|| packed_byte_by_byte(word).map(|k| k as u64));
            proptest::prop_assert_eq!(pack8_at(&text, start, end), eight.flatten());
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
