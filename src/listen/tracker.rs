//! Status tracking: follows each message
//! (batch id + recipient, or message id), spots duplicates and late
//! arrivals without ever regressing a state, and summarises. Pure: no I/O.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::webhook::callback::{Code, Event};

pub use crate::webhook::status::{Class, classify, is_final, rank};

/// How an event relates to what was seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Observation {
    /// First event for this message.
    New,
    /// The message progressed.
    Update,
    /// Same status and code as already seen.
    Duplicate,
    /// Older than the current state; the state was kept.
    Late,
    /// Not a delivery status (inbound message, other notification).
    Untracked,
}

/// A tracked message: batch id + recipient, or a Conversation message/event id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Key {
    /// Batch, message or event id.
    pub id: String,
    /// Recipient; none for a summary batch report or a Conversation id.
    pub recipient: Option<String>,
}

/// The current state of one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    /// Current status (for a summary batch report, e.g. `Delivered×1 Aborted×1`).
    pub status: String,
    /// Its class.
    pub class: Class,
    /// Its code, if any.
    pub code: Option<Code>,
    /// Event time of the current state, if given.
    #[serde(skip)]
    pub at: Option<jiff::Timestamp>,
    /// How many reports arrived for it, duplicates and late ones included.
    pub reports: u32,
    /// When it was first seen, in tracker order.
    #[serde(skip)]
    seq: u64,
    /// Whether it has an entry in the candidates for folding (at most one,
    /// however often a summary report flips it between final and not).
    #[serde(skip)]
    queued: bool,
}

/// Default cap on individually tracked messages.
pub const DEFAULT_MAX_TRACKED: usize = 100_000;

/// Follows every message seen and counts what happened. At most `cap`
/// messages are kept one by one; beyond that the final ones that finished
/// first are folded into per-status counts, so memory stays bounded on long
/// runs. Every operation is O(1) or O(log n), whatever fills the cap.
#[derive(Debug)]
pub struct Tracker {
    // First-seen order, for listing.
    order: BTreeMap<u64, Key>,
    // Messages in the order they became final: the candidates for folding.
    // Checked when taken (a message may have been folded or changed since).
    finals: VecDeque<(u64, Key)>,
    // Shared by the shards of one listener so their first-seen orders merge.
    clock: Arc<AtomicU64>,
    cap: usize,
    #[cfg(test)]
    probes: u64,
    /// Final messages folded into counts to respect the cap, by status.
    pub folded: BTreeMap<String, u64>,
    /// Whether a folded message had failed.
    folded_failed: bool,
    /// New messages not tracked because the cap was full of unfinished ones.
    pub overflow: u64,
    states: HashMap<Key, State>,
    // Kept up to date so `all_final` is O(1) per callback, not a scan.
    intermediate: usize,
    /// Reports equal to the current state.
    pub duplicates: u64,
    /// Reports older than the current state.
    pub late: u64,
    /// Inbound messages (MO, Conversation MESSAGE_INBOUND).
    pub inbound: u64,
    /// Other callbacks without a status (Conversation notifications).
    pub other: u64,
    /// Verified callbacks whose body was not understood.
    pub unparsed: u64,
    /// Rejected requests by reason code.
    pub rejected: BTreeMap<String, u64>,
    /// Verified callbacks answered 502/504 because `--forward-to` failed
    /// (not rejected: Sinch retries them).
    pub forward_failed: u64,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker::with_cap(DEFAULT_MAX_TRACKED)
    }
}

impl Tracker {
    /// A tracker keeping at most `cap` messages individually.
    pub fn with_cap(cap: usize) -> Self {
        Tracker::with_clock(cap, Arc::default())
    }

    /// A tracker numbering first sightings from `clock`, shared with the
    /// other shards of the same listener.
    pub fn with_clock(cap: usize, clock: Arc<AtomicU64>) -> Self {
        Tracker {
            order: BTreeMap::new(),
            finals: VecDeque::new(),
            clock,
            cap: cap.max(1),
            #[cfg(test)]
            probes: 0,
            folded: BTreeMap::new(),
            folded_failed: false,
            overflow: 0,
            states: HashMap::new(),
            intermediate: 0,
            duplicates: 0,
            late: 0,
            inbound: 0,
            other: 0,
            unparsed: 0,
            rejected: BTreeMap::new(),
            forward_failed: 0,
        }
    }

    /// Makes room for one more message by folding the final message that
    /// finished first into counts; false when every tracked message is still
    /// unfinished. Amortised O(1): each candidate is looked at once.
    fn make_room(&mut self) -> bool {
        while let Some((seq, key)) = self.finals.pop_front() {
            #[cfg(test)]
            {
                self.probes += 1;
            }
            let Some(state) = self.states.get_mut(&key).filter(|s| s.seq == seq) else {
                continue;
            };
            state.queued = false;
            if state.class != Class::Intermediate
                && let Some(state) = self.states.remove(&key)
            {
                self.order.remove(&seq);
                self.folded_failed |= state.class == Class::Failure;
                *self.folded.entry(state.status).or_default() += 1;
                return true;
            }
        }
        false
    }

    /// Notes that a message became final: queues it as a candidate for
    /// folding unless it already is one, so the queue holds at most one
    /// entry per tracked message.
    fn became_final(&mut self, seq: u64, key: Key) {
        match self.states.get_mut(&key) {
            Some(state) if state.queued => return,
            Some(state) => state.queued = true,
            None => {}
        }
        self.finals.push_back((seq, key));
        if self.finals.len() > 2 * self.cap + 16 {
            // Only reachable through entries of messages gone since; drop them.
            let states = &self.states;
            self.finals
                .retain(|(seq, key)| states.get(key).is_some_and(|s| s.seq == *seq));
        }
    }

    /// Records the events of one callback; returns one observation per event.
    pub fn observe(&mut self, events: &[Event]) -> Vec<Observation> {
        // A summary batch report without recipient lists is one state for the batch.
        let summary = events.len() > 1
            && events
                .iter()
                .all(|e| e.recipients.is_empty() && e.recipient.is_none() && e.status.is_some());
        if summary {
            let status = events
                .iter()
                .map(|e| {
                    format!(
                        "{}×{}",
                        e.status.as_deref().unwrap_or("?"),
                        e.count.unwrap_or(1)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ");
            let class = events
                .iter()
                .map(|e| classify(e.status.as_deref().unwrap_or("")))
                .max()
                .unwrap_or(Class::Unknown);
            let key = Key {
                id: events[0].id.clone().unwrap_or_default(),
                recipient: None,
            };
            let obs = self.update(key, status, class, None, None, 3);
            return vec![obs; events.len()];
        }
        events.iter().map(|e| self.observe_one(e)).collect()
    }

    fn observe_one(&mut self, e: &Event) -> Observation {
        let Some(status) = e.status.clone() else {
            if e.from.is_some() || e.kind.starts_with("mo_") || e.kind == "message" {
                self.inbound += 1;
            } else {
                self.other += 1;
            }
            return Observation::Untracked;
        };
        let id = e.id.clone().unwrap_or_default();
        let at =
            e.at.as_deref()
                .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        let class = classify(&status);
        let r = rank(&status);
        if !e.recipients.is_empty() {
            // A full batch report: one state per listed recipient.
            let obs: Vec<Observation> = e
                .recipients
                .iter()
                .map(|rcpt| {
                    let key = Key {
                        id: id.clone(),
                        recipient: Some(rcpt.clone()),
                    };
                    self.update(key, status.clone(), class, e.code.clone(), at, r)
                })
                .collect();
            return obs
                .into_iter()
                .find(|o| *o != Observation::Duplicate)
                .unwrap_or(Observation::Duplicate);
        }
        let recipient = if e.family == Some(crate::webhook::callback::Family::Sms) {
            e.recipient.clone()
        } else {
            None
        };
        self.update(Key { id, recipient }, status, class, e.code.clone(), at, r)
    }

    fn update(
        &mut self,
        key: Key,
        status: String,
        class: Class,
        code: Option<Code>,
        at: Option<jiff::Timestamp>,
        rank_new: u8,
    ) -> Observation {
        let Some(current) = self.states.get_mut(&key) else {
            if self.states.len() >= self.cap && !self.make_room() {
                self.overflow += 1;
                return Observation::Untracked;
            }
            let seq = self.clock.fetch_add(1, Ordering::Relaxed);
            let intermediate = class == Class::Intermediate;
            self.order.insert(seq, key.clone());
            let state = State {
                status,
                class,
                code,
                at,
                reports: 1,
                seq,
                queued: false,
            };
            self.states.insert(key.clone(), state);
            if intermediate {
                self.intermediate += 1;
            } else {
                self.became_final(seq, key);
            }
            return Observation::New;
        };
        current.reports += 1;
        if current.status == status && current.code == code {
            self.duplicates += 1;
            return Observation::Duplicate;
        }
        let older = matches!((at, current.at), (Some(new), Some(old)) if new < old);
        if older || rank_new < rank(&current.status) {
            self.late += 1;
            return Observation::Late;
        }
        let was_intermediate = current.class == Class::Intermediate;
        current.status = status;
        current.class = class;
        current.code = code;
        current.at = at.or(current.at);
        let seq = current.seq;
        match (was_intermediate, class == Class::Intermediate) {
            (true, false) => {
                self.intermediate -= 1;
                self.became_final(seq, key);
            }
            (false, true) => self.intermediate += 1,
            _ => {}
        }
        Observation::Update
    }

    /// Counts a rejected request.
    pub fn reject(&mut self, reason: &str) {
        *self.rejected.entry(reason.to_owned()).or_default() += 1;
    }

    /// Messages tracked one by one.
    pub fn tracked(&self) -> usize {
        self.states.len()
    }

    /// Tracked messages not final yet.
    pub fn unfinished(&self) -> usize {
        self.intermediate
    }

    /// Folds shards (holding disjoint messages) into one tracker for the summary.
    pub fn merge(parts: impl IntoIterator<Item = Tracker>) -> Tracker {
        let mut all = Tracker::with_cap(0);
        all.cap = 0;
        let add = |into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>| {
            for (k, v) in from {
                *into.entry(k).or_default() += v;
            }
        };
        for t in parts {
            all.order.extend(t.order);
            all.states.extend(t.states);
            all.cap += t.cap;
            add(&mut all.folded, t.folded);
            add(&mut all.rejected, t.rejected);
            all.folded_failed |= t.folded_failed;
            all.overflow += t.overflow;
            all.intermediate += t.intermediate;
            all.duplicates += t.duplicates;
            all.late += t.late;
            all.inbound += t.inbound;
            all.other += t.other;
            all.unparsed += t.unparsed;
            all.forward_failed += t.forward_failed;
        }
        all
    }

    /// Whether at least one message is tracked and every one is final
    /// (the sharded tracker keeps this as counters; tests compare).
    #[cfg(test)]
    pub fn all_final(&self) -> bool {
        !self.states.is_empty() && self.intermediate == 0
    }

    /// Whether any message ended in a failure status.
    pub fn any_failed(&self) -> bool {
        self.folded_failed || self.states.values().any(|s| s.class == Class::Failure)
    }

    /// Messages in the order they were first seen.
    pub fn messages(&self) -> impl Iterator<Item = (&Key, &State)> {
        self.order
            .values()
            .filter_map(|k| self.states.get(k).map(|s| (k, s)))
    }

    /// Number of messages by current status (folded ones included).
    pub fn by_status(&self) -> BTreeMap<String, u64> {
        let mut out = self.folded.clone();
        for s in self.states.values() {
            *out.entry(s.status.clone()).or_default() += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::callback::{Family, Parsed, parse};

    fn rdr(status: &str, code: i64, at: &str) -> Vec<Event> {
        let body = format!(
            r#"{{"type":"recipient_delivery_report_sms","batch_id":"B","recipient":"1","status":"{status}","code":{code},"at":"{at}"}}"#
        );
        match parse(body.as_bytes()) {
            Parsed::Events(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classes() {
        assert_eq!(classify("Dispatched"), Class::Intermediate);
        assert_eq!(classify("QUEUED_ON_CHANNEL"), Class::Intermediate);
        assert_eq!(classify("READ"), Class::Success);
        for s in [
            "Failed",
            "Rejected",
            "Expired",
            "Aborted",
            "Cancelled",
            "Deleted",
        ] {
            assert_eq!(classify(s), Class::Failure, "{s}");
        }
        assert_eq!(classify("Unknown"), Class::Unknown);
        assert!(is_final("Unknown") && !is_final("Queued"));
    }

    #[test]
    fn progress_duplicates_and_late_arrivals() {
        let mut t = Tracker::default();
        assert_eq!(
            t.observe(&rdr("Dispatched", 401, "2025-01-01T00:00:01.000Z")),
            vec![Observation::New]
        );
        assert!(!t.all_final());
        assert_eq!(
            t.observe(&rdr("Delivered", 0, "2025-01-01T00:00:05.000Z")),
            vec![Observation::Update]
        );
        assert_eq!(
            t.observe(&rdr("Delivered", 0, "2025-01-01T00:00:05.000Z")),
            vec![Observation::Duplicate]
        );
        // An intermediate status after a final one is late and does not regress.
        assert_eq!(
            t.observe(&rdr("Dispatched", 401, "2025-01-01T00:00:09.000Z")),
            vec![Observation::Late]
        );
        // An older timestamp is late too.
        assert_eq!(
            t.observe(&rdr("Failed", 402, "2025-01-01T00:00:02.000Z")),
            vec![Observation::Late]
        );
        let (_, state) = t.messages().next().unwrap();
        assert_eq!((state.status.as_str(), state.reports), ("Delivered", 5));
        assert_eq!((t.duplicates, t.late), (1, 2));
        assert!(t.all_final() && !t.any_failed());
    }

    #[test]
    fn out_of_order_final_first() {
        let mut t = Tracker::default();
        t.observe(&rdr("Delivered", 0, "2025-01-01T00:00:05.000Z"));
        assert_eq!(
            t.observe(&rdr("Dispatched", 401, "2025-01-01T00:00:01.000Z")),
            vec![Observation::Late]
        );
        assert_eq!(t.by_status().get("Delivered"), Some(&1));
    }

    #[test]
    fn conversation_read_after_delivered_is_progress() {
        let ev = |status: &str| {
            vec![Event {
                family: Some(Family::Conversation),
                kind: "message_delivery_report".into(),
                id: Some("M".into()),
                status: Some(status.into()),
                ..Event::default()
            }]
        };
        let mut t = Tracker::default();
        t.observe(&ev("QUEUED_ON_CHANNEL"));
        assert_eq!(t.observe(&ev("DELIVERED")), vec![Observation::Update]);
        assert_eq!(t.observe(&ev("READ")), vec![Observation::Update]);
        assert_eq!(t.observe(&ev("DELIVERED")), vec![Observation::Late]);
    }

    #[test]
    fn summary_batch_report_and_inbound() {
        let body = br#"{"type":"delivery_report_sms","batch_id":"B","total_message_count":2,"statuses":[{"code":0,"status":"Delivered","count":1},{"code":402,"status":"Aborted","count":1}]}"#;
        let Parsed::Events(events) = parse(body) else {
            panic!()
        };
        let mut t = Tracker::default();
        assert_eq!(t.observe(&events), vec![Observation::New, Observation::New]);
        assert!(t.any_failed() && t.all_final());
        assert_eq!(
            t.messages().next().unwrap().1.status,
            "Delivered×1 Aborted×1"
        );
        let Parsed::Events(mo) = parse(
            br#"{"type":"mo_text","id":"I","from":"1","to":"2","body":"x","received_at":"x"}"#,
        ) else {
            panic!()
        };
        assert_eq!(t.observe(&mo), vec![Observation::Untracked]);
        assert_eq!(t.inbound, 1);
    }

    /// One recipient report of batch B.
    fn recipient_report(recipient: &str, status: &str) -> Vec<Event> {
        vec![Event {
            family: Some(Family::Sms),
            kind: "recipient_delivery_report_sms".into(),
            id: Some("B".into()),
            recipient: Some(recipient.into()),
            status: Some(status.into()),
            ..Event::default()
        }]
    }

    #[test]
    fn the_cap_folds_the_oldest_final_messages() {
        let mut t = Tracker::with_cap(2);
        let ev = recipient_report;
        t.observe(&ev("1", "Failed"));
        t.observe(&ev("2", "Dispatched"));
        assert_eq!(t.observe(&ev("3", "Delivered")), vec![Observation::New]);
        assert_eq!(t.messages().count(), 2);
        assert_eq!(t.folded.get("Failed"), Some(&1));
        assert!(t.any_failed(), "a folded failure still counts");
        assert_eq!(t.by_status().values().sum::<u64>(), 3);
        // Both slots hold unfinished messages: the next new one is counted, not tracked.
        let mut t = Tracker::with_cap(1);
        t.observe(&ev("1", "Dispatched"));
        assert_eq!(
            t.observe(&ev("2", "Dispatched")),
            vec![Observation::Untracked]
        );
        assert_eq!(t.overflow, 1);
    }

    #[test]
    fn a_new_message_costs_o1_with_a_full_cap_of_unfinished_ones() {
        let ev = |r: usize, status: &str| recipient_report(&r.to_string(), status);
        let mut t = Tracker::with_cap(20_000);
        for r in 0..60_000 {
            t.observe(&ev(r, "Dispatched"));
        }
        assert_eq!((t.messages().count(), t.overflow), (20_000, 40_000));
        // The old make_room scanned all 20,000 per new message; now nothing is scanned.
        assert_eq!(t.probes, 0);
        // Mixed: finishing and adding messages looks at each candidate once.
        for r in 0..20_000 {
            t.observe(&ev(r, "Delivered"));
            t.observe(&ev(100_000 + r, "Dispatched"));
        }
        assert!(
            t.probes <= 20_000,
            "{} probes for 20,000 new messages",
            t.probes
        );
        assert_eq!(t.folded.get("Delivered"), Some(&20_000));
        assert_eq!(t.messages().count(), 20_000);
        assert!(t.finals.len() <= 2 * 20_000 + 16);
    }

    /// A summary batch report of batch `id`: two of the same status.
    fn summary_report(id: &str, status: &str) -> Vec<Event> {
        let one = Event {
            family: Some(Family::Sms),
            kind: "delivery_report_sms".into(),
            id: Some(id.into()),
            status: Some(status.into()),
            count: Some(1),
            ..Event::default()
        };
        vec![one.clone(), one]
    }

    #[test]
    fn a_summary_flipping_final_and_back_keeps_one_folding_candidate() {
        let cap = 100;
        let mut t = Tracker::with_cap(cap);
        for i in 0..cap - 1 {
            t.observe(&summary_report(&format!("F{i}"), "Delivered"));
        }
        for i in 0..10_000 {
            let status = if i % 2 == 0 {
                "Delivered"
            } else {
                "Dispatched"
            };
            let obs = t.observe(&summary_report("FLIP", status));
            assert_eq!(
                obs[0],
                [Observation::New, Observation::Update][usize::from(i > 0)]
            );
            assert!(
                t.finals.len() <= cap,
                "{} candidates queued",
                t.finals.len()
            );
        }
        assert_eq!(t.probes, 0, "nothing scanned while under the cap");
        // At the cap, new messages fold the oldest finals: each costs O(1).
        for i in 0..1_000 {
            t.observe(&summary_report(&format!("N{i}"), "Delivered"));
        }
        assert!(t.probes <= 1_000 + cap as u64, "{} probes", t.probes);
        assert!(t.finals.len() <= cap);
        assert_eq!(t.messages().count(), cap);
    }

    mod prop {
        use super::super::*;
        use crate::webhook::callback::Family;
        use proptest::prelude::*;

        const STATUSES: &[&str] = &[
            "Queued",
            "Dispatched",
            "Delivered",
            "Failed",
            "Expired",
            "Unknown",
            "Aborted",
        ];

        proptest! {
            #[test]
            fn incremental_finality_matches_a_scan_and_states_never_regress(
                steps in proptest::collection::vec((0usize..4, 0usize..STATUSES.len(), 0u32..100), 1..60)
            ) {
                let mut t = Tracker::default();
                for (msg, status, secs) in steps {
                    let ev = Event {
                        family: Some(Family::Sms),
                        kind: "recipient_delivery_report_sms".into(),
                        id: Some("B".into()),
                        recipient: Some(format!("r{msg}")),
                        status: Some(STATUSES[status].into()),
                        at: Some(format!("2025-01-01T00:{:02}:{:02}.000Z", secs / 60, secs % 60)),
                        ..Event::default()
                    };
                    let before = t.states.get(&Key { id: "B".into(), recipient: Some(format!("r{msg}")) }).map(|s| rank(&s.status));
                    t.observe(&[ev]);
                    let after = rank(&t.states[&Key { id: "B".into(), recipient: Some(format!("r{msg}")) }].status);
                    if let Some(before) = before {
                        prop_assert!(after >= before, "state regressed");
                    }
                    let scan = !t.states.is_empty() && t.states.values().all(|s| s.class != Class::Intermediate);
                    prop_assert_eq!(t.all_final(), scan);
                }
            }
        }
    }
}
