//! What the page shows, as JSON: request rows and details, message rows
//! with their history, inbound messages, counts and the snapshot a page
//! starts from; plus the feed type `listen` hands in.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde::Serialize;

use crate::listen::tracker::classify;
use crate::webhook::callback::Event;

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

/// A message's key: the id, and the recipient without `+` or `00` (reports
/// and the send form spell numbers differently).
pub(super) fn key_of(id: &str, recipient: Option<&str>) -> String {
    match recipient {
        Some(r) => {
            let digits = r.trim().trim_start_matches('+');
            format!("{id} {}", digits.strip_prefix("00").unwrap_or(digits))
        }
        None => id.to_owned(),
    }
}

impl MessageRow {
    pub(super) fn new(key: String, id: &str, recipient: Option<&str>, status: &str) -> Self {
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

pub(super) fn class_name(status: &str) -> String {
    serde_json::to_value(classify(status))
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}
