//! Shared state split into shards behind their own locks, so concurrent
//! callbacks rarely wait on each other: the tracker by message id (every
//! report for one id lands in the same shard, so duplicate, late and final
//! verdicts are the same as with one tracker; the summary merges them) and
//! the replay cache by nonce.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::listen::tracker::{Observation, Tracker};
use crate::webhook::callback::Event;
use crate::webhook::replay::{NonceCache, Reservation};

/// Below this many tracked messages per shard, fewer shards are used (one
/// for small caps, so `--max-tracked` folds exactly as with one tracker).
const MIN_SHARD_CAP: usize = 4096;
/// Most shards.
const MAX_SHARDS: usize = 16;

/// `T` split into up to [`MAX_SHARDS`] locked parts, one for every `per`
/// units of `cap`, picked by a keyed hash of a string key.
struct Sharded<T> {
    parts: Box<[Mutex<T>]>,
    hasher: RandomState,
}

impl<T> Sharded<T> {
    fn new(cap: usize, per: usize, make: impl Fn(usize) -> T) -> Self {
        let n = (cap / per).clamp(1, MAX_SHARDS);
        Sharded {
            parts: (0..n).map(|_| Mutex::new(make(n))).collect(),
            hasher: RandomState::new(),
        }
    }

    fn get(&self, key: &str) -> &Mutex<T> {
        let i = (self.hasher.hash_one(key) % self.parts.len() as u64) as usize;
        &self.parts[i]
    }

    fn len(&self) -> usize {
        self.parts.len()
    }
}

/// Shards of one listener's tracker.
pub struct Shards {
    shards: Sharded<Tracker>,
    tracked: AtomicUsize,
    unfinished: AtomicUsize,
}

impl Shards {
    /// Splits `cap` tracked messages evenly over the shards.
    pub fn new(cap: usize) -> Self {
        let clock = Arc::new(AtomicU64::new(0));
        let shards = Sharded::new(cap, MIN_SHARD_CAP, |n| {
            Tracker::with_clock(cap.div_ceil(n), clock.clone())
        });
        Shards {
            shards,
            tracked: AtomicUsize::new(0),
            unfinished: AtomicUsize::new(0),
        }
    }

    /// Runs `f` on the shard for `id`, keeping the global counts current.
    fn with<T>(&self, id: &str, f: impl FnOnce(&mut Tracker) -> T) -> Option<T> {
        let mut t = self.shards.get(id).lock().ok()?;
        let before = (t.tracked(), t.unfinished());
        let out = f(&mut t);
        let after = (t.tracked(), t.unfinished());
        adjust(&self.tracked, before.0, after.0);
        adjust(&self.unfinished, before.1, after.1);
        Some(out)
    }

    /// Records the events of one callback (all for one id: a callback
    /// reports on one batch or message).
    pub fn observe(&self, events: &[Event]) -> Vec<Observation> {
        let id = events
            .first()
            .and_then(|e| e.id.as_deref())
            .unwrap_or_default();
        self.with(id, |t| t.observe(events)).unwrap_or_default()
    }

    /// Counts a rejected request.
    pub fn reject(&self, reason: &str) {
        self.with(reason, |t| t.reject(reason));
    }

    /// Counts a verified callback whose forward failed.
    pub fn forward_failed(&self) {
        self.with("", |t| t.forward_failed += 1);
    }

    /// Counts a verified body that was not understood.
    pub fn unparsed(&self) {
        self.with("", |t| t.unparsed += 1);
    }

    /// Whether at least one message is tracked and every one is final.
    pub fn all_final(&self) -> bool {
        self.tracked.load(Ordering::SeqCst) > 0 && self.unfinished.load(Ordering::SeqCst) == 0
    }

    /// Takes every shard's state out, merged, for the summary.
    pub fn take(&self) -> Tracker {
        Tracker::merge(
            self.shards
                .parts
                .iter()
                .filter_map(|s| s.lock().ok().map(|mut t| std::mem::take(&mut *t))),
        )
    }
}

/// Below this many nonces per shard, one shard is used.
const MIN_NONCE_SHARD: usize = 16_384;

/// The replay cache split by nonce. The cap is global and exact: a shard
/// admits a new nonce only after taking a slot from the shared count.
pub struct Nonces {
    shards: Sharded<NonceCache>,
    held: AtomicUsize,
    cap: usize,
}

impl Nonces {
    /// At most `cap` nonces, in expiry slices `width` seconds wide.
    pub fn new(cap: usize, width: u64) -> Self {
        Nonces {
            // Each shard may hold the whole cap; the shared count enforces it.
            shards: Sharded::new(cap, MIN_NONCE_SHARD, |_| NonceCache::new(cap, width)),
            held: AtomicUsize::new(0),
            cap: cap.max(1),
        }
    }

    /// See [`NonceCache::reserve`]; a poisoned shard refuses (503), never accepts.
    pub fn reserve(&self, nonce: &str, expires_at: i64, now: i64) -> Reservation {
        let answer = self.try_reserve(nonce, expires_at, now);
        if answer != Reservation::Full || self.shards.len() == 1 {
            return answer;
        }
        // Other shards may hold expired nonces nobody has dropped yet.
        for shard in &*self.shards.parts {
            if let Ok(mut c) = shard.lock() {
                let before = c.len();
                c.expire(now);
                self.held.fetch_sub(before - c.len(), Ordering::SeqCst);
            }
        }
        self.try_reserve(nonce, expires_at, now)
    }

    fn try_reserve(&self, nonce: &str, expires_at: i64, now: i64) -> Reservation {
        let Ok(mut c) = self.shards.get(nonce).lock() else {
            return Reservation::Full;
        };
        let before = c.len();
        let answer = c.reserve(nonce, expires_at, now);
        // reserve drops expired slices first, then adds the nonce if fresh.
        let fresh = usize::from(answer == Reservation::Fresh);
        let expired = (before + fresh).saturating_sub(c.len());
        self.held.fetch_sub(expired, Ordering::SeqCst);
        if answer == Reservation::Fresh && self.held.fetch_add(1, Ordering::SeqCst) >= self.cap {
            self.held.fetch_sub(1, Ordering::SeqCst);
            c.release(nonce);
            return Reservation::Full;
        }
        answer
    }

    /// See [`NonceCache::release`].
    pub fn release(&self, nonce: &str) {
        if let Ok(mut c) = self.shards.get(nonce).lock()
            && c.release(nonce)
        {
            self.held.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A nonce reserved for a callback being handled. Dropping it releases the
/// reservation, so a callback that was not accepted (refused by the app, a
/// failed record, a caller that hung up mid-answer) can be retried with the
/// same signature; [`Held::keep`] spends it once the answer is a 2xx.
pub struct Held<'a> {
    nonces: &'a Nonces,
    nonce: Option<String>,
}

impl<'a> Held<'a> {
    /// Holds `nonce`, already reserved in `nonces`.
    pub fn new(nonces: &'a Nonces, nonce: String) -> Self {
        Held {
            nonces,
            nonce: Some(nonce),
        }
    }

    /// The callback was accepted: the nonce stays spent until it expires.
    pub fn keep(mut self) {
        self.nonce = None;
    }
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if let Some(nonce) = self.nonce.take() {
            self.nonces.release(&nonce);
        }
    }
}

fn adjust(counter: &AtomicUsize, before: usize, after: usize) {
    if after > before {
        counter.fetch_add(after - before, Ordering::SeqCst);
    } else if before > after {
        counter.fetch_sub(before - after, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::callback::Family;

    fn ev(batch: usize, status: &str) -> Vec<Event> {
        vec![Event {
            family: Some(Family::Sms),
            kind: "recipient_delivery_report_sms".into(),
            id: Some(format!("B{batch}")),
            recipient: Some("1".into()),
            status: Some(status.into()),
            ..Event::default()
        }]
    }

    #[test]
    fn shards_give_the_same_verdicts_and_summary_as_one_tracker() {
        let shards = Shards::new(100_000);
        assert_eq!(shards.shards.len(), MAX_SHARDS);
        let mut one = Tracker::with_cap(100_000);
        for i in 0..1_000 {
            for status in ["Dispatched", "Delivered", "Delivered", "Dispatched"] {
                assert_eq!(shards.observe(&ev(i, status)), one.observe(&ev(i, status)));
            }
            assert_eq!(shards.all_final(), one.all_final());
        }
        shards.observe(&ev(5_000, "Queued"));
        assert!(!shards.all_final());
        shards.reject("mismatch");
        let merged = shards.take();
        assert_eq!(merged.tracked(), 1_001);
        assert_eq!((merged.duplicates, merged.late), (one.duplicates, one.late));
        assert_eq!(merged.rejected.get("mismatch"), Some(&1));
        let ids: Vec<&str> = merged.messages().map(|(k, _)| k.id.as_str()).collect();
        let first_seen: Vec<String> = (0..1_000).map(|i| format!("B{i}")).collect();
        assert_eq!(
            &ids[..1_000],
            first_seen,
            "first-seen order survives the merge"
        );
    }

    #[test]
    fn at_the_cap_shards_fold_the_same_totals_and_overflow_a_little_early() {
        let cap = MAX_SHARDS * MIN_SHARD_CAP;
        let shards = Shards::new(cap);
        assert_eq!(shards.shards.len(), MAX_SHARDS);
        let mut one = Tracker::with_cap(cap);
        // Twice the cap of final messages: both fold the excess; totals agree.
        for i in 0..2 * cap {
            shards.observe(&ev(i, "Delivered"));
            one.observe(&ev(i, "Delivered"));
        }
        let merged = shards.take();
        assert_eq!(merged.by_status(), one.by_status());
        assert_eq!(merged.tracked(), one.tracked());
        assert_eq!(merged.overflow, 0);
        // Exactly the cap of unfinished messages: one tracker keeps them all; a
        // shard that got more than its share (cap / 16) counts the rest as overflow.
        let shards = Shards::new(cap);
        let mut one = Tracker::with_cap(cap);
        for i in 0..cap {
            shards.observe(&ev(i, "Dispatched"));
            one.observe(&ev(i, "Dispatched"));
        }
        let merged = shards.take();
        assert_eq!(one.overflow, 0);
        assert_eq!(merged.tracked() as u64 + merged.overflow, cap as u64);
        let counted: u64 = merged.by_status().values().sum();
        assert_eq!(
            counted + merged.overflow,
            cap as u64,
            "overflow is counted apart"
        );
        eprintln!("{} of {cap} overflowed early", merged.overflow);
        assert!(merged.overflow < cap as u64 / 10, "{}", merged.overflow);
    }

    #[test]
    fn small_caps_use_one_shard() {
        assert_eq!(Shards::new(2).shards.len(), 1);
        assert_eq!(Nonces::new(3, 1).shards.len(), 1);
    }

    #[test]
    fn sharded_nonces_refuse_replays_and_fill_exactly_to_the_cap() {
        let cap = 1_000_000;
        let nonces = Nonces::new(cap, 10);
        assert_eq!(nonces.shards.len(), MAX_SHARDS);
        let fill = |prefix: &str, expires, now| {
            (0..cap)
                .filter(|i| {
                    nonces.reserve(&format!("{prefix}{i}"), expires, now) == Reservation::Fresh
                })
                .count()
        };
        let fresh = fill("n", 100, 0);
        assert_eq!(fresh, cap, "the cap is global and exact");
        assert_eq!(nonces.reserve("one more", 100, 0), Reservation::Full);
        assert_ne!(nonces.reserve("n7", 100, 1), Reservation::Fresh);
        nonces.release("n7");
        assert_eq!(nonces.reserve("n7", 100, 1), Reservation::Fresh);
        // Once the window passed, every shard makes room again: the whole cap.
        assert_eq!(fill("m", 1_000, 500), cap);
    }
}
