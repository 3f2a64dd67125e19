//! The callback scheduler: a bounded queue of due callbacks, delivered with
//! at most a few in flight, each attempt freshly signed, and retried like
//! Sinch (5xx, 429 and no answer after 5 s, 10 s, 20 s ... scaled by speed;
//! any other 4xx dropped).

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use secrecy::ExposeSecret;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::State;
use super::event::{CallbackAttempt, Event, Next};
use super::store::Filter;
use crate::simulate::retry::{retry_delay, sinch_retries};
use crate::simulate::{Mutation, prepare};
use crate::webhook::callback::sinch_time;

/// Attempts per callback: the first and Sinch's 15 retries (5 s to 81 920 s).
pub const MAX_ATTEMPTS: u32 = 16;
/// Callbacks being delivered at once.
pub const MAX_IN_FLIGHT: usize = 32;

/// What a queued callback delivers.
#[derive(Debug, Clone)]
pub enum What {
    /// A recipient report about one step of one recipient.
    Recipient {
        /// Batch id.
        batch: String,
        /// Recipient index.
        recipient: usize,
        /// Step id.
        step: u32,
    },
    /// The batch report of a finished batch.
    BatchReport {
        /// Batch id.
        batch: String,
        /// Report generation it was scheduled for.
        generation: u32,
    },
    /// A ready body (inbound messages).
    Raw {
        /// Body.
        body: Vec<u8>,
        /// Target.
        url: String,
        /// Callback type, for the log.
        kind: String,
        /// Sender, for the log.
        from: String,
    },
}

#[derive(Debug)]
struct Job {
    due: Instant,
    seq: u64,
    attempt: u32,
    what: What,
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        (self.due, self.seq) == (other.due, other.seq)
    }
}
impl Eq for Job {}
impl PartialOrd for Job {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Job {
    // Reversed: the heap pops the earliest due job first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.due, other.seq).cmp(&(self.due, self.seq))
    }
}

/// The pending callbacks, bounded by a cap.
#[derive(Debug)]
pub struct Queue {
    heap: Mutex<BinaryHeap<Job>>,
    wake: Notify,
    cap: usize,
    seq: AtomicU64,
}

impl Queue {
    /// An empty queue holding at most `cap` callbacks.
    pub fn new(cap: usize) -> Self {
        Queue {
            heap: Mutex::new(BinaryHeap::new()),
            wake: Notify::new(),
            cap: cap.max(1),
            seq: AtomicU64::new(0),
        }
    }

    /// Callbacks waiting.
    pub fn len(&self) -> usize {
        self.heap.lock().map(|h| h.len()).unwrap_or(0)
    }

    /// Queues all of `jobs` (first attempts), or none when they do not fit.
    pub fn push_all(&self, jobs: Vec<(Instant, What)>) -> bool {
        self.push_attempts(jobs.into_iter().map(|(due, what)| (due, 1, what)))
    }

    fn push_attempts(&self, jobs: impl ExactSizeIterator<Item = (Instant, u32, What)>) -> bool {
        let Ok(mut heap) = self.heap.lock() else {
            return false;
        };
        if heap.len() + jobs.len() > self.cap {
            return false;
        }
        for (due, attempt, what) in jobs {
            let seq = self.seq.fetch_add(1, AtomicOrdering::Relaxed);
            heap.push(Job {
                due,
                seq,
                attempt,
                what,
            });
        }
        drop(heap);
        self.wake.notify_one();
        true
    }

    fn next_due(&self) -> Option<Instant> {
        self.heap.lock().ok()?.peek().map(|j| j.due)
    }

    fn pop_due(&self, now: Instant, max: usize) -> Vec<Job> {
        let Ok(mut heap) = self.heap.lock() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while out.len() < max && heap.peek().is_some_and(|j| j.due <= now) {
            out.extend(heap.pop());
        }
        out
    }
}

/// Delivers due callbacks until `stop` turns true; then aborts those in
/// flight and returns how many were not sent (waiting, or cut off in flight).
pub async fn run(state: std::sync::Arc<State>, mut stop: watch::Receiver<bool>) -> usize {
    let mut inflight = JoinSet::new();
    loop {
        while inflight.try_join_next().is_some() {}
        let room = MAX_IN_FLIGHT.saturating_sub(inflight.len());
        let next = state.queue.next_due();
        let sleep = async {
            match next {
                Some(t) => tokio::time::sleep_until(t).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = stop.changed() => break,
            () = state.queue.wake.notified() => {}
            _ = inflight.join_next(), if !inflight.is_empty() => {}
            () = sleep, if room > 0 => {}
        }
        if *stop.borrow() {
            break;
        }
        for group in by_message(state.queue.pop_due(Instant::now(), room)) {
            let state = state.clone();
            inflight.spawn(async move {
                for job in group {
                    attempt(state.clone(), job).await;
                }
            });
        }
    }
    inflight.abort_all();
    let mut cut = 0;
    while let Some(done) = inflight.join_next().await {
        cut += usize::from(done.is_err_and(|e| e.is_cancelled()));
    }
    state.queue.len() + cut
}

/// Groups jobs due together by message, keeping their order, so the reports
/// of one recipient go out one after the other (an intended out-of-order
/// report stays the only reordering).
fn by_message(jobs: Vec<Job>) -> Vec<Vec<Job>> {
    let key = |j: &Job| match &j.what {
        What::Recipient {
            batch, recipient, ..
        } => Some((batch.clone(), Some(*recipient))),
        What::BatchReport { batch, .. } => Some((batch.clone(), None)),
        What::Raw { .. } => None,
    };
    type Key = Option<(String, Option<usize>)>;
    let mut groups: Vec<(Key, Vec<Job>)> = Vec::new();
    for job in jobs {
        let k = key(&job);
        match groups.iter_mut().find(|(g, _)| k.is_some() && *g == k) {
            Some((_, group)) => group.push(job),
            None => groups.push((k, vec![job])),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// A callback ready to send, with what the log says about it.
struct Ready {
    body: Vec<u8>,
    url: String,
    kind: String,
    batch_id: Option<String>,
    recipient: Option<String>,
    status: Option<String>,
    code: Option<i64>,
}

/// Builds the body from the current state; `None` when it no longer applies
/// (batch dropped or cancelled, report superseded).
fn ready(state: &State, what: &What) -> Option<Ready> {
    let now = jiff::Timestamp::now();
    let store = state.store.lock().ok()?;
    match what {
        What::Recipient {
            batch,
            recipient,
            step,
        } => {
            let b = store.by_id(batch)?;
            let s = b.step(*recipient, *step)?;
            Some(Ready {
                body: b.recipient_report(*recipient, s),
                url: b.callback_url.clone()?,
                kind: "recipient_delivery_report_sms".into(),
                batch_id: Some(b.id.clone()),
                recipient: b.recipients.get(*recipient).map(|r| r.msisdn.clone()),
                status: Some(s.status.to_owned()),
                code: Some(s.code),
            })
        }
        What::BatchReport { batch, generation } => {
            let b = store.by_id(batch)?;
            (b.report_gen == *generation).then_some(())?;
            Some(Ready {
                body: b.batch_report(now, b.request.delivery_report == "full", &Filter::default()),
                url: b.callback_url.clone()?,
                kind: "delivery_report_sms".into(),
                batch_id: Some(b.id.clone()),
                recipient: None,
                status: None,
                code: None,
            })
        }
        What::Raw {
            body,
            url,
            kind,
            from,
        } => Some(Ready {
            body: body.clone(),
            url: url.clone(),
            kind: kind.clone(),
            batch_id: None,
            recipient: Some(from.clone()),
            status: None,
            code: None,
        }),
    }
}

async fn attempt(state: std::sync::Arc<State>, job: Job) {
    let Some(r) = ready(&state, &job.what) else {
        return;
    };
    let secret = state.secret.as_ref().map(|s| s.expose_secret());
    let nonce = crate::webhook::signature::new_nonce();
    let now = jiff::Timestamp::now().as_second();
    let mutation = if secret.is_some() {
        Mutation::None
    } else {
        Mutation::NoSignature
    };
    let prepared = prepare(secret.unwrap_or_default(), &r.body, &nonce, now, mutation);
    let mut req = state.client.post(&r.url);
    for (name, value) in &prepared.headers {
        req = req.header(name.as_str(), value.as_str());
    }
    let (answer, error) = match req.body(prepared.body).send().await {
        Ok(resp) => (Some(resp.status().as_u16()), None),
        Err(e) => (None, Some(crate::sms::http::root_cause(&e))),
    };
    let mut retry_in = None;
    let next = match answer {
        Some(s) if (200..300).contains(&s) => Next::Delivered,
        s if sinch_retries(s) => {
            if job.attempt >= MAX_ATTEMPTS {
                Next::GaveUp
            } else {
                let delay = retry_delay(job.attempt - 1, 1.0 / state.speed);
                let again = (Instant::now() + delay, job.attempt + 1, job.what.clone());
                if state.queue.push_attempts(std::iter::once(again)) {
                    retry_in = Some(delay);
                    Next::Retry
                } else {
                    Next::QueueFull
                }
            }
        }
        _ => Next::Dropped,
    };
    (state.sink)(&Event::Callback(CallbackAttempt {
        time: sinch_time(jiff::Timestamp::now()),
        kind: r.kind,
        batch_id: r.batch_id,
        recipient: r.recipient,
        status: r.status,
        code: r.code,
        url: r.url,
        attempt: job.attempt,
        answer,
        error,
        next,
        retry_in_ms: retry_in.map(|d| d.as_millis() as u64),
        signed: secret.is_some(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> What {
        What::Raw {
            body: vec![],
            url: String::new(),
            kind: String::new(),
            from: String::new(),
        }
    }

    #[test]
    fn the_queue_is_bounded_and_pops_in_due_order() {
        let q = Queue::new(3);
        let t = Instant::now();
        let later = t + std::time::Duration::from_secs(1);
        assert!(q.push_all(vec![(later, raw()), (t, raw())]));
        assert!(
            !q.push_all(vec![(t, raw()), (t, raw())]),
            "over the cap: none queued"
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q.next_due(), Some(t));
        assert_eq!(q.pop_due(t, 10).len(), 1);
        assert_eq!(q.pop_due(later, 10).len(), 1);
        assert_eq!(q.len(), 0);
    }
}
