//! The replay cache: remembers a fixed-size keyed fingerprint of each nonce
//! for as long as its timestamp could still pass the freshness check, in
//! expiry slices dropped whole, with the time it was first seen. Never
//! forgets a live nonce: when full it refuses instead. Pure: the caller
//! passes the clock.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};

/// A keyed 96-bit fingerprint of a nonce (from two independent SipHash
/// keys); three `u32`s so that with its first-seen age an entry is 16 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(u32, u32, u32);

impl Hash for Fingerprint {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Already a keyed hash: no need to hash it again.
        state.write_u64(u64::from(self.0) << 32 | u64::from(self.1));
    }
}

/// Passes a fingerprint's first half through as the table hash.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The answer of [`NonceCache::reserve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// First time seen: the nonce is now held (release it if the callback is not accepted).
    Fresh,
    /// Seen before (or in flight) and still inside its window.
    Replayed {
        /// When it was first seen (unix seconds).
        first_seen: i64,
    },
    /// Every slot holds a nonce still inside its window: refuse, do not forget one.
    Full,
}

/// Fingerprint to seconds from its first sighting to its slice's end.
type Set = HashMap<Fingerprint, u32, BuildHasherDefault<PassThrough>>;

/// Fingerprints whose windows end before `end` (unix seconds).
#[derive(Debug)]
struct Slice {
    end: i64,
    set: Set,
}

/// Nonces seen recently, at most `cap` of them, in slices of `width`
/// seconds of expiry: 16 bytes per nonce (fingerprint and first-seen age) plus table slack, and a whole slice
/// is dropped at once when its time has passed. A nonce is kept until the
/// end of its slice, at most `width` seconds longer than its window.
#[derive(Debug)]
pub struct NonceCache {
    slices: VecDeque<Slice>,
    len: usize,
    cap: usize,
    width: i64,
    keys: (RandomState, RandomState),
}

impl NonceCache {
    /// A cache holding at most `cap` nonces, in expiry slices `width` seconds wide.
    pub fn new(cap: usize, width: u64) -> Self {
        NonceCache {
            slices: VecDeque::new(),
            len: 0,
            cap: cap.max(1),
            width: i64::try_from(width.max(1)).unwrap_or(i64::MAX),
            keys: (RandomState::new(), RandomState::new()),
        }
    }

    fn fingerprint(&self, nonce: &str) -> Fingerprint {
        let (a, b) = (self.keys.0.hash_one(nonce), self.keys.1.hash_one(nonce));
        // Truncations on purpose: 96 of the 128 bits are kept.
        Fingerprint((a >> 32) as u32, a as u32, b as u32)
    }

    /// Holds `nonce` until `expires_at` (unix seconds) unless it is a replay
    /// or the cache is full of live nonces.
    pub fn reserve(&mut self, nonce: &str, expires_at: i64, now: i64) -> Reservation {
        self.expire(now);
        let fp = self.fingerprint(nonce);
        if let Some((end, age)) = self
            .slices
            .iter()
            .find_map(|s| s.set.get(&fp).map(|age| (s.end, *age)))
        {
            let first_seen = end.saturating_sub(i64::from(age));
            return Reservation::Replayed { first_seen };
        }
        if self.len >= self.cap {
            return Reservation::Full;
        }
        let end = expires_at
            .div_euclid(self.width)
            .saturating_add(1)
            .saturating_mul(self.width);
        // Slices stay sorted by end; there are at most a few dozen of them.
        let at = self.slices.partition_point(|s| s.end < end);
        if self.slices.get(at).is_none_or(|s| s.end != end) {
            let set = Set::default();
            self.slices.insert(at, Slice { end, set });
        }
        if let Some(slice) = self.slices.get_mut(at) {
            let age = u32::try_from(end.saturating_sub(now).max(0)).unwrap_or(u32::MAX);
            slice.set.insert(fp, age);
            self.len += 1;
        }
        Reservation::Fresh
    }

    /// Forgets a reserved nonce whose callback was not accepted, so a retry
    /// carrying the same signature can succeed; false if it was not held.
    pub fn release(&mut self, nonce: &str) -> bool {
        let fp = self.fingerprint(nonce);
        let Some(slice) = self.slices.iter_mut().find(|s| s.set.contains_key(&fp)) else {
            return false;
        };
        slice.set.remove(&fp);
        self.len -= 1;
        true
    }

    /// Drops every slice whose time has passed, whole.
    pub fn expire(&mut self, now: i64) {
        while self.slices.front().is_some_and(|s| s.end <= now) {
            if let Some(slice) = self.slices.pop_front() {
                self.len -= slice.set.len();
            }
        }
    }

    /// Nonces held.
    pub fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Reservation::*;

    #[test]
    fn replays_are_caught_until_expiry() {
        let mut c = NonceCache::new(10, 1);
        assert_eq!(c.reserve("a", 100, 0), Fresh);
        assert_eq!(c.reserve("a", 100, 50), Replayed { first_seen: 0 });
        assert_eq!(
            c.reserve("a", 100, 100),
            Replayed { first_seen: 0 },
            "kept to the end of its slice"
        );
        // After its window the nonce is forgotten (its timestamp would fail anyway).
        assert_eq!(c.reserve("a", 300, 101), Fresh);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn wide_slices_keep_a_nonce_at_least_its_window() {
        let mut c = NonceCache::new(10, 60);
        assert_eq!(c.reserve("a", 100, 7), Fresh);
        assert_eq!(c.reserve("a", 100, 99), Replayed { first_seen: 7 });
        assert_eq!(c.reserve("a", 100, 119), Replayed { first_seen: 7 });
        assert_eq!(c.reserve("a", 300, 120), Fresh);
    }

    #[test]
    fn a_full_cache_refuses_and_never_forgets_a_live_nonce() {
        let mut c = NonceCache::new(100, 8);
        for i in 0..100 {
            assert_eq!(c.reserve(&format!("n{i}"), 1_000 + i, 0), Fresh);
        }
        for i in 100..200 {
            assert_eq!(c.reserve(&format!("n{i}"), 1_000, 1), Full);
        }
        for i in 0..100 {
            let again = c.reserve(&format!("n{i}"), 1_000 + i, 2);
            assert_eq!(again, Replayed { first_seen: 0 }, "n{i}");
        }
        // Once the window passed, room comes back.
        assert_eq!(c.reserve("late", 2_000, 1_200), Fresh);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn a_released_nonce_can_be_used_again() {
        let mut c = NonceCache::new(4, 1);
        assert_eq!(c.reserve("a", 100, 0), Fresh);
        c.release("a");
        assert_eq!(c.len(), 0);
        assert_eq!(c.reserve("a", 100, 1), Fresh);
        assert_eq!(c.reserve("a", 100, 2), Replayed { first_seen: 1 });
    }

    #[test]
    fn expired_slices_are_dropped_whole() {
        let mut c = NonceCache::new(1_000, 1);
        for i in 0..500 {
            c.reserve(&format!("n{i}"), 10 + i % 3, 0);
        }
        assert_eq!(c.slices.len(), 3);
        c.reserve("late", 100, 20);
        assert_eq!((c.len(), c.slices.len()), (1, 1));
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;
        use std::collections::HashMap;

        proptest! {
            /// Against a model that remembers everything: a nonce reserved and not
            /// released is never Fresh again while its window is open, and the
            /// cache never holds more than its cap.
            #[test]
            fn no_replay_inside_the_window_whatever_the_cap(
                cap in 1usize..8,
                width in 1u64..20,
                steps in proptest::collection::vec((0u8..12, 0i64..40, 0i64..50, any::<bool>()), 1..200)
            ) {
                let mut c = NonceCache::new(cap, width);
                let mut held: HashMap<String, i64> = HashMap::new();
                let mut now = 0;
                for (n, advance, window, release) in steps {
                    now += advance / 8;
                    let nonce = format!("n{n}");
                    let answer = c.reserve(&nonce, now + window, now);
                    if held.get(&nonce).is_some_and(|&exp| exp > now) {
                        prop_assert_ne!(answer, Reservation::Fresh, "replay of {} accepted", nonce);
                    }
                    if answer == Reservation::Fresh {
                        if release {
                            c.release(&nonce);
                            held.remove(&nonce);
                        } else {
                            held.insert(nonce, now + window);
                        }
                    }
                    prop_assert!(c.len() <= cap);
                }
            }
        }
    }
}
