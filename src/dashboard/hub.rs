//! The dashboard's state: a bounded picture of what `listen` saw (recent
//! requests with their bodies, tracked messages with their history, inbound
//! messages, counts) and the fan-out of every change to the open pages.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use bytes::Bytes;
use serde::Serialize;
use tokio::sync::broadcast;

use crate::listen::tracker::{classify, rank};
use crate::webhook::callback::Event;

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

/// What `listen` decided about one request, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The peer address.
    pub peer: String,
    /// The original client from `X-Forwarded-For`, when a proxy or tunnel set it.
    pub forwarded_for: Option<String>,
    /// Method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// The status `listen` answered.
    pub status: u16,
    /// `verified`, `unverified`, `rejected` or `forward_failed`.
    pub verdict: String,
    /// Stable name of a refusal (`mismatch`, `replayed`, `wrong_method`, ...).
    pub reason_code: Option<String>,
    /// The one-line reason for a refusal or a failed forward.
    pub reason: Option<String>,
    /// The likely cause of a signature mismatch.
    pub cause: Option<String>,
}

/// One request as `listen` handled it, handed to the dashboard.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// When it arrived.
    pub received_at: jiff::Timestamp,
    /// What was decided.
    pub verdict: Verdict,
    /// Headers in order, names lower-case.
    pub headers: Vec<(String, String)>,
    /// Raw body.
    pub body: Bytes,
    /// What the body turned out to be (empty when refused or not a callback).
    pub events: Vec<Event>,
}

/// A request row on the page.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRow {
    /// Sequence number, the handle for details and replay.
    pub id: u64,
    /// Arrival time (RFC 3339).
    pub at: String,
    /// What was decided.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// A few words on the content (kinds and statuses).
    pub summary: String,
    /// Body size in bytes.
    pub size: usize,
}

/// A request with its headers and raw body, for the detail view and replay.
#[derive(Debug, Clone, Serialize)]
pub struct RequestDetail {
    /// The row.
    #[serde(flatten)]
    pub row: RequestRow,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Body as text (lossy for binary bodies).
    pub body: String,
    /// Raw body bytes, for replay.
    #[serde(skip)]
    pub raw: Bytes,
}

/// One entry of a message's status history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Status as reported.
    pub status: String,
    /// Code, as text.
    pub code: Option<String>,
    /// When Sinch says it happened.
    pub at: Option<String>,
    /// When the report arrived.
    pub received_at: String,
}

/// A tracked message on the page.
#[derive(Debug, Clone, Serialize)]
pub struct MessageRow {
    /// `id` or `id recipient`: the row's key.
    pub key: String,
    /// Batch or message id.
    pub id: String,
    /// Recipient, when known.
    pub recipient: Option<String>,
    /// Current status.
    pub status: String,
    /// Class of the status (`intermediate`, `success`, `failure`, `unknown`, `sent`).
    pub class: String,
    /// Current code.
    pub code: Option<String>,
    /// What the code means.
    pub code_meaning: Option<String>,
    /// Client reference.
    pub client_reference: Option<String>,
    /// When the last report arrived.
    pub last_report: Option<String>,
    /// Reports received.
    pub reports: u32,
    /// Status history, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// An inbound message on the page.
#[derive(Debug, Clone, Serialize)]
pub struct InboundRow {
    /// Inbound id.
    pub id: Option<String>,
    /// Sender.
    pub from: Option<String>,
    /// Destination.
    pub to: Option<String>,
    /// Text.
    pub text: Option<String>,
    /// When it was received by Sinch.
    pub at: Option<String>,
    /// Kind (`mo_text`, `message`, ...).
    pub kind: String,
}

/// The summary counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    /// Requests seen.
    pub requests: u64,
    /// Requests answered 2xx.
    pub accepted: u64,
    /// Requests refused, by reason code.
    pub rejected: BTreeMap<String, u64>,
    /// Callbacks whose forward failed.
    pub forward_failed: u64,
    /// Messages by status class.
    pub by_class: BTreeMap<String, u64>,
    /// Inbound messages.
    pub inbound: u64,
    /// Messages no longer shown one by one.
    pub dropped_messages: u64,
}

/// Everything a page needs when it (re)connects.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    /// Recent requests, oldest first.
    pub requests: Vec<RequestRow>,
    /// Tracked messages.
    pub messages: Vec<MessageRow>,
    /// Recent inbound messages, oldest first.
    pub inbound: Vec<InboundRow>,
    /// Summary counts.
    pub counts: Counts,
}

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

/// A message's key: the id, and the recipient without `+` or `00` (reports
/// and the send form spell numbers differently).
fn key_of(id: &str, recipient: Option<&str>) -> String {
    match recipient {
        Some(r) => {
            let digits = r.trim().trim_start_matches('+');
            format!("{id} {}", digits.strip_prefix("00").unwrap_or(digits))
        }
        None => id.to_owned(),
    }
}

impl MessageRow {
    fn new(key: String, id: &str, recipient: Option<&str>, status: &str) -> Self {
        MessageRow {
            key,
            id: id.to_owned(),
            recipient: recipient.map(str::to_owned),
            status: status.to_owned(),
            class: class_name(status),
            code: None,
            code_meaning: None,
            client_reference: None,
            last_report: None,
            reports: 0,
            history: Vec::new(),
        }
    }
}

fn class_name(status: &str) -> String {
    serde_json::to_value(classify(status))
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
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
