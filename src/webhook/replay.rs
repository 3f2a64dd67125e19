//! The replay cache: remembers nonces of verified callbacks for as long as
//! their timestamp could still pass the freshness check, capped in count so
//! memory stays bounded. Pure: the caller passes the clock.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};

/// Nonces seen recently, stored as 128-bit keyed hashes (fixed size per entry).
#[derive(Debug)]
pub struct NonceCache {
    seen: HashMap<u128, i64>,
    order: VecDeque<(i64, u128)>,
    cap: usize,
    hashers: (RandomState, RandomState),
    /// Nonces dropped by the cap while still inside their window.
    pub evicted_live: u64,
}

impl NonceCache {
    /// A cache holding at most `cap` nonces.
    pub fn new(cap: usize) -> Self {
        NonceCache {
            seen: HashMap::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
            hashers: (RandomState::new(), RandomState::new()),
            evicted_live: 0,
        }
    }

    fn key(&self, nonce: &str) -> u128 {
        (u128::from(self.hashers.0.hash_one(nonce)) << 64)
            | u128::from(self.hashers.1.hash_one(nonce))
    }

    /// Records `nonce` until `expires_at` (unix seconds); returns false when
    /// it was already seen and has not expired, i.e. a replay.
    pub fn check_and_insert(&mut self, nonce: &str, expires_at: i64, now: i64) -> bool {
        self.expire(now);
        let key = self.key(nonce);
        if self.seen.get(&key).is_some_and(|&exp| exp > now) {
            return false;
        }
        self.seen.insert(key, expires_at);
        self.order.push_back((expires_at, key));
        while self.seen.len() > self.cap {
            let Some((exp, old)) = self.order.pop_front() else {
                break;
            };
            if self.seen.get(&old) == Some(&exp) {
                self.seen.remove(&old);
                if exp > now {
                    self.evicted_live += 1;
                }
            }
        }
        true
    }

    fn expire(&mut self, now: i64) {
        while let Some(&(exp, key)) = self.order.front() {
            if exp > now {
                break;
            }
            self.order.pop_front();
            if self.seen.get(&key) == Some(&exp) {
                self.seen.remove(&key);
            }
        }
    }

    /// Nonces currently remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no nonce is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replays_are_caught_until_expiry() {
        let mut c = NonceCache::new(10);
        assert!(c.check_and_insert("a", 100, 0));
        assert!(!c.check_and_insert("a", 100, 50));
        // After its window the nonce is forgotten (its timestamp would fail anyway).
        assert!(c.check_and_insert("a", 300, 100));
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn memory_is_bounded_by_the_cap() {
        let mut c = NonceCache::new(100);
        for i in 0..10_000 {
            assert!(c.check_and_insert(&format!("n{i}"), 1_000, 0));
        }
        assert_eq!(c.len(), 100);
        assert_eq!(c.evicted_live, 9_900);
        assert!(c.order.len() <= 100);
    }

    #[test]
    fn expired_entries_are_dropped_on_insert() {
        let mut c = NonceCache::new(1_000);
        for i in 0..500 {
            c.check_and_insert(&format!("n{i}"), 10, 0);
        }
        c.check_and_insert("late", 100, 20);
        assert_eq!(c.len(), 1);
    }
}
