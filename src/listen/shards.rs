//! The tracker split by message id into shards behind their own locks, so
//! concurrent callbacks for different messages rarely wait on each other.
//! Every report for one id lands in the same shard, so duplicate, late and
//! final verdicts are the same as with one tracker; the summary merges them.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::listen::tracker::{Observation, Tracker};
use crate::webhook::callback::Event;

/// Below this many tracked messages per shard, fewer shards are used (one
/// for small caps, so `--max-tracked` folds exactly as with one tracker).
const MIN_SHARD_CAP: usize = 4096;
/// Most shards.
const MAX_SHARDS: usize = 16;

/// Shards of one listener's tracker.
pub struct Shards {
    shards: Box<[Mutex<Tracker>]>,
    hasher: RandomState,
    tracked: AtomicUsize,
    unfinished: AtomicUsize,
}

impl Shards {
    /// Splits `cap` tracked messages evenly over the shards.
    pub fn new(cap: usize) -> Self {
        let n = (cap / MIN_SHARD_CAP).clamp(1, MAX_SHARDS);
        let clock = Arc::new(AtomicU64::new(0));
        let shards = (0..n)
            .map(|_| Mutex::new(Tracker::with_clock(cap.div_ceil(n), clock.clone())))
            .collect();
        Shards {
            shards,
            hasher: RandomState::new(),
            tracked: AtomicUsize::new(0),
            unfinished: AtomicUsize::new(0),
        }
    }

    fn shard(&self, id: &str) -> &Mutex<Tracker> {
        let i = (self.hasher.hash_one(id) % self.shards.len() as u64) as usize;
        &self.shards[i]
    }

    /// Runs `f` on the shard for `id`, keeping the global counts current.
    fn with<T>(&self, id: &str, f: impl FnOnce(&mut Tracker) -> T) -> Option<T> {
        let mut t = self.shard(id).lock().ok()?;
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
                .iter()
                .filter_map(|s| s.lock().ok().map(|mut t| std::mem::take(&mut *t))),
        )
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
    fn small_caps_use_one_shard() {
        assert_eq!(Shards::new(2).shards.len(), 1);
    }
}
