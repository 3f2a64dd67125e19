//! What the sandbox reports as it works: one event per API call and per
//! callback attempt, as an NDJSON line or a human line.

use serde::Serialize;

use crate::output::Painter;

/// One API call answered.
#[derive(Debug, Clone, Serialize)]
pub struct ApiCall {
    /// When it was answered (RFC 3339, ms).
    pub time: String,
    /// HTTP method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Status sent back.
    pub status: u16,
    /// The `code` of an error answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// Milliseconds spent.
    pub latency_ms: f64,
}

/// What happens after a callback attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Next {
    /// 2xx: done.
    Delivered,
    /// 5xx, 429 or no answer: tried again later.
    Retry,
    /// Another 4xx: dropped for good, as Sinch does.
    Dropped,
    /// The last retry failed too.
    GaveUp,
    /// Would be retried, but the callback queue is full (`--max-pending`).
    QueueFull,
}

/// One callback attempt.
#[derive(Debug, Clone, Serialize)]
pub struct CallbackAttempt {
    /// When the answer came (RFC 3339, ms).
    pub time: String,
    /// Callback `type` (e.g. `recipient_delivery_report_sms`).
    pub kind: String,
    /// Batch id, for delivery reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_id: Option<String>,
    /// Recipient (or inbound sender).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Reported status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Reported code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// Target URL.
    pub url: String,
    /// Attempt number, from 1.
    pub attempt: u32,
    /// The receiver's HTTP status, if it answered.
    pub answer: Option<u16>,
    /// Why there was no answer (connection refused, timeout).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What happens next.
    pub next: Next,
    /// Delay before the next attempt, when retried.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<u64>,
    /// Whether it carried signature headers.
    pub signed: bool,
}

/// Something the sandbox did.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// An API call.
    Api(ApiCall),
    /// A callback attempt.
    Callback(CallbackAttempt),
}

impl Event {
    /// The NDJSON line.
    pub fn json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The human line for stderr.
    pub fn human_line(&self, p: &Painter) -> String {
        match self {
            Event::Api(a) => {
                let status = a.status.to_string();
                let status = if a.status < 400 {
                    p.green(&status)
                } else {
                    p.yellow(&status)
                };
                let code = a
                    .error_code
                    .as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default();
                format!(
                    "{} {} {} {status}{code} {}",
                    p.dim(&a.time),
                    p.bold("api"),
                    format_args!("{} {}", a.method, a.path),
                    p.dim(&format!("{:.1}ms", a.latency_ms))
                )
            }
            Event::Callback(c) => {
                let what = [c.recipient.as_deref(), c.status.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                let code = c.code.map(|c| format!(" code {c}")).unwrap_or_default();
                let answer = match (c.answer, &c.error) {
                    (Some(s), _) => s.to_string(),
                    (None, Some(e)) => e.clone(),
                    (None, None) => "no answer".into(),
                };
                let next = match c.next {
                    Next::Delivered => p.green("delivered"),
                    Next::Retry => p.yellow(&format!(
                        "retry in {:.1}s",
                        c.retry_in_ms.unwrap_or(0) as f64 / 1000.0
                    )),
                    Next::Dropped => p.red("dropped (4xx is not retried)"),
                    Next::GaveUp => p.red("gave up (last retry)"),
                    Next::QueueFull => p.red("dropped: the callback queue is full (--max-pending)"),
                };
                format!(
                    "{} {} {} {what}{code} attempt {} -> {answer}: {next}",
                    p.dim(&c.time),
                    p.bold("callback"),
                    c.kind,
                    c.attempt
                )
            }
        }
    }
}

/// Where events go; called synchronously, so it must be quick.
pub type Sink = std::sync::Arc<dyn Fn(&Event) + Send + Sync>;
