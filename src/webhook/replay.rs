//! The replay cache: remembers a fixed-size keyed fingerprint of each nonce
//! for as long as its timestamp could still pass the freshness check, in
//! one-second expiry slices dropped whole. Never forgets a live nonce: when
//! full it refuses instead. Pure: the caller passes the clock.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};

/// A keyed 128-bit fingerprint of a nonce (two independent SipHash keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(u64, u64);

impl Hash for Fingerprint {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Already a keyed hash: no need to hash it again.
        state.write_u64(self.0);
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
    Replayed,
    /// Every slot holds a nonce still inside its window: refuse, do not forget one.
    Full,
}

/// Nonces seen recently, at most `cap` of them.
#[derive(Debug)]
pub struct NonceCache {
    expiry: HashMap<Fingerprint, i64, BuildHasherDefault<PassThrough>>,
    // Expiry second -> fingerprints expiring then; may hold stale entries of released nonces.
    slices: BTreeMap<i64, Vec<Fingerprint>>,
    sliced: usize,
    cap: usize,
    keys: (RandomState, RandomState),
}

impl NonceCache {
    /// A cache holding at most `cap` nonces.
    pub fn new(cap: usize) -> Self {
        NonceCache {
            expiry: HashMap::default(),
            slices: BTreeMap::new(),
            sliced: 0,
            cap: cap.max(1),
            keys: (RandomState::new(), RandomState::new()),
        }
    }

    fn fingerprint(&self, nonce: &str) -> Fingerprint {
        Fingerprint(self.keys.0.hash_one(nonce), self.keys.1.hash_one(nonce))
    }

    /// Holds `nonce` until `expires_at` (unix seconds) unless it is a replay
    /// or the cache is full of live nonces.
    pub fn reserve(&mut self, nonce: &str, expires_at: i64, now: i64) -> Reservation {
        self.expire(now);
        let fp = self.fingerprint(nonce);
        if self.expiry.get(&fp).is_some_and(|&exp| exp > now) {
            return Reservation::Replayed;
        }
        if self.expiry.len() >= self.cap {
            return Reservation::Full;
        }
        self.expiry.insert(fp, expires_at);
        self.slices.entry(expires_at).or_default().push(fp);
        self.sliced += 1;
        if self.sliced > 2 * self.cap + 64 {
            self.compact();
        }
        Reservation::Fresh
    }

    /// Forgets a reserved nonce whose callback was not accepted, so a retry
    /// carrying the same signature can succeed.
    pub fn release(&mut self, nonce: &str) {
        let fp = self.fingerprint(nonce);
        self.expiry.remove(&fp);
    }

    /// Drops every slice whose second has passed, whole.
    fn expire(&mut self, now: i64) {
        while let Some(entry) = self.slices.first_entry() {
            if *entry.key() > now {
                break;
            }
            let (second, fps) = entry.remove_entry();
            self.sliced -= fps.len();
            for fp in fps {
                if self.expiry.get(&fp) == Some(&second) {
                    self.expiry.remove(&fp);
                }
            }
        }
    }

    /// Removes slice entries of released nonces (kept lazily until now).
    fn compact(&mut self) {
        let expiry = &self.expiry;
        self.slices.retain(|second, fps| {
            fps.retain(|fp| expiry.get(fp) == Some(second));
            !fps.is_empty()
        });
        self.sliced = self.slices.values().map(Vec::len).sum();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.expiry.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Reservation::*;

    #[test]
    fn replays_are_caught_until_expiry() {
        let mut c = NonceCache::new(10);
        assert_eq!(c.reserve("a", 100, 0), Fresh);
        assert_eq!(c.reserve("a", 100, 50), Replayed);
        // After its window the nonce is forgotten (its timestamp would fail anyway).
        assert_eq!(c.reserve("a", 300, 100), Fresh);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn a_full_cache_refuses_and_never_forgets_a_live_nonce() {
        let mut c = NonceCache::new(100);
        for i in 0..100 {
            assert_eq!(c.reserve(&format!("n{i}"), 1_000, 0), Fresh);
        }
        for i in 100..200 {
            assert_eq!(c.reserve(&format!("n{i}"), 1_000, 1), Full);
        }
        for i in 0..100 {
            assert_eq!(c.reserve(&format!("n{i}"), 1_000, 2), Replayed, "n{i}");
        }
        // Once the window passed, room comes back.
        assert_eq!(c.reserve("late", 2_000, 1_000), Fresh);
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn a_released_nonce_can_be_used_again() {
        let mut c = NonceCache::new(4);
        assert_eq!(c.reserve("a", 100, 0), Fresh);
        c.release("a");
        assert_eq!(c.reserve("a", 100, 1), Fresh);
        assert_eq!(c.reserve("a", 100, 2), Replayed);
    }

    #[test]
    fn released_entries_do_not_pile_up() {
        let mut c = NonceCache::new(10);
        for i in 0..10_000 {
            let n = format!("n{i}");
            assert_eq!(c.reserve(&n, 1_000, 0), Fresh);
            c.release(&n);
        }
        assert!(c.sliced <= 2 * 10 + 64, "{}", c.sliced);
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn expired_slices_are_dropped_on_insert() {
        let mut c = NonceCache::new(1_000);
        for i in 0..500 {
            c.reserve(&format!("n{i}"), 10 + i % 3, 0);
        }
        c.reserve("late", 100, 20);
        assert_eq!((c.len(), c.slices.len(), c.sliced), (1, 1, 1));
    }
}
