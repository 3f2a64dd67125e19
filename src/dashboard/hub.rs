//! The dashboard's state: a bounded picture of what `listen` saw (recent
//! requests with their bodies, tracked messages with their history, inbound
//! messages, counts) and the fan-out of every change to the open pages.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::listen::tracker::rank;
use crate::webhook::callback::Event;

pub use super::rows::{
    Counts, HistoryEntry, InboundRow, Incoming, MessageRow, RequestDetail, RequestRow, Snapshot,
    Verdict,
};
use super::rows::{class_name, key_of};

/// Most requests kept (older ones drop off the page).
pub const MAX_REQUESTS: usize = 500;
/// Most body bytes kept across those requests; the oldest go first.
pub const MAX_BODY_BYTES: usize = 32 << 20;
/// Most messages shown one by one.
pub const MAX_MESSAGES: usize = 5_000;
/// Most status changes kept per message.
pub const MAX_HISTORY: usize = 32;
/// Most inbound messages kept.
pub const MAX_INBOUND: usize = 500;
/// Changes a page may fall behind before its stream is closed (it then
/// reconnects and starts from a fresh snapshot).
pub const CLIENT_BUFFER: usize = 256;

#[derive(Default)]
struct State {
    next_id: u64,
    requests: VecDeque<RequestDetail>,
    body_bytes: usize,
    messages: HashMap<String, MessageRow>,
    order: VecDeque<String>,
    inbound: VecDeque<InboundRow>,
    counts: Counts,
}

/// The state plus the channel to every open page.
pub struct Hub {
    state: Mutex<State>,
    tx: broadcast::Sender<Bytes>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

/// One server-sent event frame.
pub fn sse_frame(event: &str, data: &impl Serialize) -> Bytes {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".to_owned());
    Bytes::from(format!("event: {event}\ndata: {json}\n\n"))
}

impl Hub {
    /// An empty hub.
    pub fn new() -> Self {
        let (tx, _) = broadcast::channel(CLIENT_BUFFER);
        Hub {
            state: Mutex::new(State::default()),
            tx,
        }
    }

    /// The current picture and a subscription to every later change, taken
    /// together so a page neither misses nor repeats a change.
    pub fn subscribe(&self) -> (Bytes, broadcast::Receiver<Bytes>) {
        let Ok(s) = self.state.lock() else {
            return (Bytes::new(), self.tx.subscribe());
        };
        let snap = Snapshot {
            requests: s.requests.iter().map(|r| r.row.clone()).collect(),
            messages: s
                .order
                .iter()
                .filter_map(|k| s.messages.get(k).cloned())
                .collect(),
            inbound: s.inbound.iter().cloned().collect(),
            counts: s.counts.clone(),
        };
        (sse_frame("snapshot", &snap), self.tx.subscribe())
    }

    /// Sends a comment line down every open stream.
    pub fn ping(&self) {
        let _ = self.tx.send(Bytes::from_static(b": ping\n\n"));
    }

    /// A kept request by id.
    pub fn request(&self, id: u64) -> Option<RequestDetail> {
        let s = self.state.lock().ok()?;
        s.requests.iter().find(|r| r.row.id == id).cloned()
    }

    /// Takes in one handled request.
    pub fn record(&self, inc: Incoming) {
        let Ok(mut s) = self.state.lock() else { return };
        s.next_id += 1;
        let row = RequestRow {
            id: s.next_id,
            at: crate::webhook::callback::sinch_time(inc.received_at),
            verdict: inc.verdict,
            summary: summary(&inc.events),
            size: inc.body.len(),
        };
        count_request(&mut s.counts, &row.verdict);
        let received = row.at.clone();
        let _ = self.tx.send(sse_frame("request", &row));
        for e in &inc.events {
            if is_inbound(e) {
                self.add_inbound(&mut s, e);
            } else if let Some(id) = &e.id
                && e.status.is_some()
            {
                for recipient in recipients_of(e) {
                    let row = s.apply(id, recipient, e, &received);
                    let _ = self.tx.send(sse_frame("message", &row));
                }
            }
        }
        s.keep_request(RequestDetail {
            headers: inc.headers,
            body: String::from_utf8_lossy(&inc.body).into_owned(),
            raw: inc.body,
            row,
        });
        let _ = self.tx.send(sse_frame("counts", &s.counts));
    }

    /// Shows a batch sent from the page at once, one row per recipient.
    pub fn sent(&self, batch_id: &str, to: &[String], client_reference: Option<&str>) {
        let Ok(mut s) = self.state.lock() else { return };
        for r in to {
            let key = key_of(batch_id, Some(r));
            if s.messages.contains_key(&key) {
                continue;
            }
            let mut row = MessageRow::new(key.clone(), batch_id, Some(r), "Sent");
            row.class = "sent".to_owned();
            row.code_meaning = Some("accepted by the SMS API; waiting for reports".to_owned());
            row.client_reference = client_reference.map(str::to_owned);
            s.insert_message(key, row.clone());
            let _ = self.tx.send(sse_frame("message", &row));
        }
        s.recount_classes();
        let _ = self.tx.send(sse_frame("counts", &s.counts));
    }

    fn add_inbound(&self, s: &mut State, e: &Event) {
        let row = InboundRow {
            id: e.id.clone(),
            from: e.from.clone(),
            to: e.to.clone(),
            text: e.text.clone(),
            at: e.at.clone(),
            kind: e.kind.clone(),
        };
        s.counts.inbound += 1;
        if s.inbound.len() >= MAX_INBOUND {
            s.inbound.pop_front();
        }
        s.inbound.push_back(row.clone());
        let _ = self.tx.send(sse_frame("inbound", &row));
    }
}

impl State {
    fn keep_request(&mut self, detail: RequestDetail) {
        self.body_bytes += detail.raw.len();
        self.requests.push_back(detail);
        while self.requests.len() > MAX_REQUESTS
            || (self.body_bytes > MAX_BODY_BYTES && self.requests.len() > 1)
        {
            if let Some(old) = self.requests.pop_front() {
                self.body_bytes -= old.raw.len();
            }
        }
    }

    fn insert_message(&mut self, key: String, row: MessageRow) {
        if self.messages.len() >= MAX_MESSAGES
            && let Some(old) = self.order.pop_front()
        {
            self.messages.remove(&old);
            self.counts.dropped_messages += 1;
        }
        self.order.push_back(key.clone());
        self.messages.insert(key, row);
    }

    /// Applies one status event to a message row and returns the row.
    fn apply(
        &mut self,
        id: &str,
        recipient: Option<&str>,
        e: &Event,
        received: &str,
    ) -> MessageRow {
        let key = key_of(id, recipient);
        let status = e.status.clone().unwrap_or_default();
        if !self.messages.contains_key(&key) {
            let row = MessageRow::new(key.clone(), id, recipient, &status);
            self.insert_message(key.clone(), row);
        }
        let Some(row) = self.messages.get_mut(&key) else {
            return MessageRow::new(key.clone(), &key, None, "");
        };
        row.reports += 1;
        row.last_report = Some(received.to_owned());
        if e.client_reference.is_some() {
            row.client_reference.clone_from(&e.client_reference);
        }
        // A late report goes into the history but never moves the status back.
        if row.class == "sent" || rank(&status) >= rank(&row.status) || row.reports == 1 {
            row.status.clone_from(&status);
            row.class = class_name(&status);
            row.code = e.code.as_ref().map(ToString::to_string);
            row.code_meaning.clone_from(&e.code_meaning);
        }
        if row.history.len() >= MAX_HISTORY {
            row.history.remove(0);
        }
        row.history.push(HistoryEntry {
            status,
            code: e.code.as_ref().map(ToString::to_string),
            at: e.at.clone(),
            received_at: received.to_owned(),
        });
        let out = row.clone();
        self.recount_classes();
        out
    }

    fn recount_classes(&mut self) {
        let mut by: BTreeMap<String, u64> = BTreeMap::new();
        for row in self.messages.values() {
            *by.entry(row.class.clone()).or_default() += 1;
        }
        self.counts.by_class = by;
    }
}

fn count_request(c: &mut Counts, row: &Verdict) {
    c.requests += 1;
    match row.verdict.as_str() {
        "rejected" => {
            let code = row
                .reason_code
                .clone()
                .unwrap_or_else(|| format!("status {}", row.status));
            *c.rejected.entry(code).or_default() += 1;
        }
        "forward_failed" => c.forward_failed += 1,
        _ if (200..300).contains(&row.status) => c.accepted += 1,
        _ => {}
    }
}

fn is_inbound(e: &Event) -> bool {
    e.kind.starts_with("mo_") || e.kind == "message"
}

/// The recipients an event speaks for: its own, those listed, or none.
fn recipients_of(e: &Event) -> Vec<Option<&str>> {
    if let Some(r) = &e.recipient {
        vec![Some(r.as_str())]
    } else if !e.recipients.is_empty() {
        e.recipients.iter().map(|r| Some(r.as_str())).collect()
    } else {
        vec![None]
    }
}

fn summary(events: &[Event]) -> String {
    let mut parts: Vec<String> = events
        .iter()
        .take(3)
        .map(|e| match &e.status {
            Some(s) => format!("{} {s}", e.kind),
            None => e.kind.clone(),
        })
        .collect();
    if events.len() > 3 {
        parts.push(format!("+{} more", events.len() - 3));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(verdict: &str, code: Option<&str>) -> Verdict {
        Verdict {
            peer: "127.0.0.1:1".into(),
            forwarded_for: None,
            method: "POST".into(),
            path: "/".into(),
            status: if verdict == "rejected" { 401 } else { 200 },
            verdict: verdict.into(),
            reason_code: code.map(str::to_owned),
            reason: None,
            cause: None,
        }
    }

    fn report(id: &str, recipient: &str, status: &str) -> Incoming {
        Incoming {
            received_at: jiff::Timestamp::now(),
            verdict: verdict("verified", None),
            headers: vec![],
            body: Bytes::from_static(b"{}"),
            events: vec![Event {
                kind: "recipient_delivery_report_sms".into(),
                id: Some(id.into()),
                recipient: Some(recipient.into()),
                status: Some(status.into()),
                ..Event::default()
            }],
        }
    }

    fn snapshot(hub: &Hub) -> serde_json::Value {
        let (frame, _) = hub.subscribe();
        let text = String::from_utf8(frame.to_vec()).unwrap();
        let data = text.split_once("data: ").unwrap().1.trim();
        serde_json::from_str(data).unwrap()
    }

    #[test]
    fn a_sent_batch_and_its_reports_share_one_row_that_never_regresses() {
        let hub = Hub::new();
        hub.sent("B1", &["+46700000001".into()], Some("ref"));
        hub.record(report("B1", "46700000001", "Delivered"));
        hub.record(report("B1", "46700000001", "Dispatched"));
        let s = snapshot(&hub);
        let messages = s["messages"].as_array().unwrap();
        assert_eq!(messages.len(), 1, "{messages:?}");
        let m = &messages[0];
        assert_eq!(
            m["status"], "Delivered",
            "a late Dispatched keeps the final state"
        );
        assert_eq!(m["class"], "success");
        assert_eq!(m["client_reference"], "ref");
        assert_eq!(m["reports"], 2);
        assert_eq!(m["history"].as_array().unwrap().len(), 2);
        assert_eq!(s["counts"]["by_class"]["success"], 1);
    }

    #[test]
    fn requests_and_bodies_are_bounded() {
        let hub = Hub::new();
        for _ in 0..MAX_REQUESTS + 10 {
            hub.record(report("B", "1", "Queued"));
        }
        assert_eq!(
            snapshot(&hub)["requests"].as_array().unwrap().len(),
            MAX_REQUESTS
        );
        assert!(hub.request(1).is_none() && hub.request(11).is_some());
        let big = Bytes::from(vec![b'x'; MAX_BODY_BYTES / 2 + 1]);
        for _ in 0..3 {
            let mut inc = report("B", "1", "Queued");
            inc.body = big.clone();
            hub.record(inc);
        }
        let kept = hub.state.lock().unwrap().body_bytes;
        assert!(kept <= MAX_BODY_BYTES, "{kept}");
        assert_eq!(
            snapshot(&hub)["counts"]["requests"],
            (MAX_REQUESTS + 13) as u64
        );
    }

    #[test]
    fn refusals_are_counted_by_reason_and_inbound_listed() {
        let hub = Hub::new();
        let mut bad = report("B", "1", "Delivered");
        bad.verdict = verdict("rejected", Some("mismatch"));
        bad.events.clear();
        hub.record(bad);
        let mut mo = report("M", "1", "x");
        mo.events[0] = Event {
            kind: "mo_text".into(),
            from: Some("46700000002".into()),
            text: Some("hi".into()),
            ..Event::default()
        };
        hub.record(mo);
        let s = snapshot(&hub);
        assert_eq!(s["counts"]["rejected"]["mismatch"], 1);
        assert_eq!(s["counts"]["accepted"], 1);
        assert_eq!(s["inbound"][0]["text"], "hi");
        assert!(s["messages"].as_array().unwrap().is_empty());
    }

    #[test]
    fn a_page_that_falls_behind_is_told_so() {
        let hub = Hub::new();
        let (_, mut rx) = hub.subscribe();
        for _ in 0..CLIENT_BUFFER {
            hub.record(report("B", "1", "Queued"));
        }
        assert!(matches!(
            rx.try_recv(),
            Err(broadcast::error::TryRecvError::Lagged(_))
        ));
    }
}
