//! What the listener reports: each handled request with its verdict, what
//! the body turned out to be and the tracker's verdicts; why it stopped;
//! and the one stop signal every part of it shares.

use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::watch;

use crate::listen::forward::Forwarded;
use crate::listen::tracker::Observation;
use crate::webhook::callback::Parsed;

/// What the listener decided about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signature verified.
    Verified,
    /// Accepted without checking (`--no-verify`).
    Unverified,
    /// Refused; `code` is a stable reason name, `message` the one-line reason.
    Rejected {
        /// Stable reason name (e.g. `mismatch`, `replayed`, `too_large`).
        code: String,
        /// One-line reason.
        message: String,
        /// For a signature mismatch, its likely cause, when one was found.
        cause: Option<String>,
    },
}

impl Verdict {
    /// A rejection's reason as answered and shown: the message, then the
    /// likely cause when there is one.
    pub fn reason_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            Verdict::Rejected {
                message,
                cause: Some(cause),
                ..
            } => Some(format!("{message}; likely cause: {cause}").into()),
            Verdict::Rejected { message, .. } => Some(message.as_str().into()),
            _ => None,
        }
    }
}

/// One handled HTTP request: what arrived and what was answered.
#[derive(Debug, Clone)]
pub struct Handled {
    /// When it arrived.
    pub received_at: jiff::Timestamp,
    /// Peer address.
    pub peer: SocketAddr,
    /// Method.
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Headers in order (names lower-case).
    pub headers: hyper::HeaderMap,
    /// Body bytes (empty when it was not read).
    pub body: Bytes,
    /// The decision.
    pub verdict: Verdict,
    /// The status sent back.
    pub status: u16,
    /// Forwarding outcome, with a forward target.
    pub forwarded: Option<Forwarded>,
    /// A problem writing the record, when that made the answer 503.
    pub record_error: Option<String>,
    /// Time from arrival to answer.
    pub latency: Duration,
}

/// The status shown for a request whose caller hung up before the answer
/// (nothing was answered; 499 is the usual name for it).
pub const HUNG_UP: u16 = 499;

impl Handled {
    /// Marks a request whose caller closed the connection before the answer:
    /// nothing was acknowledged, so a retry with the same signature is accepted.
    pub fn hang_up(&mut self) {
        self.verdict = Verdict::Rejected {
            code: "hung_up".to_owned(),
            message: "the caller closed the connection before the answer; a retry with the same signature is accepted".to_owned(),
            cause: None,
        };
        self.status = HUNG_UP;
    }
}

/// A handled request with what its body turned out to be: the event the
/// listener publishes to subscribers and renders as lines.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The handled request.
    pub request: Handled,
    /// Parsed body; `None` when the request was not accepted.
    pub parsed: Option<Parsed>,
    /// Tracker verdict per event (empty unless parsed into events).
    pub observations: Vec<Observation>,
}

/// Why the listener stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Its owner asked (e.g. on SIGINT/SIGTERM).
    Requested,
    /// The owner's time limit passed.
    Timeout,
    /// The configured number of callbacks was accepted.
    ExitAfter,
    /// Every tracked message reached a final status.
    AllFinal,
    /// The output stream stopped taking lines (`| head`).
    OutputClosed,
}

/// The one coordination cell: the first stop reason set wins, and everyone
/// waiting on it wakes up.
#[derive(Clone)]
pub struct StopSignal(watch::Sender<Option<Stop>>);

impl Default for StopSignal {
    fn default() -> Self {
        StopSignal(watch::Sender::new(None))
    }
}

impl StopSignal {
    /// Asks to stop for `why`, unless a reason was already given.
    pub fn request(&self, why: Stop) {
        self.0.send_if_modified(|current| {
            let first = current.is_none();
            if first {
                *current = Some(why);
            }
            first
        });
    }

    /// The reason, once one was given.
    pub fn reason(&self) -> Option<Stop> {
        *self.0.borrow()
    }

    /// Waits until a reason is given and returns it.
    pub async fn stopped(&self) -> Stop {
        let mut rx = self.0.subscribe();
        match rx.wait_for(Option::is_some).await {
            Ok(reason) => reason.unwrap_or(Stop::Requested),
            Err(_) => Stop::Requested,
        }
    }
}

/// Something the listener wants its embedder to tell people; the listener
/// never writes to the terminal itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The replay cache is full of live nonces, so new callbacks get 503;
    /// sent at the 1st, 2nd, 3rd, 5th, 9th, 17th... refusal, not for each.
    ReplayCacheFull {
        /// The cache's size (`--max-nonces`).
        cap: usize,
        /// Callbacks refused so far.
        refused: u64,
    },
    /// Requests arrive through a tunnel or proxy with this public host; sent once.
    PublicHost(String),
}

impl Notice {
    /// Whether people should treat it as a warning.
    pub fn is_warning(&self) -> bool {
        matches!(self, Notice::ReplayCacheFull { .. })
    }

    /// The line for people (without any `warning:` prefix).
    pub fn text(&self) -> String {
        match self {
            Notice::ReplayCacheFull { cap, refused } => format!(
                "replay cache full: {cap} nonces still inside their window; retry later (raise --max-nonces); answering 503 so Sinch retries ({refused} refused so far)"
            ),
            Notice::PublicHost(host) => {
                format!("  public host   {host} (requests arrive through a tunnel or proxy)")
            }
        }
    }
}

/// Where the listener sends its [`Notice`]s (called on the handling task:
/// keep it quick); cheap to clone. The default drops them.
#[derive(Clone)]
pub struct Notices(std::sync::Arc<dyn Fn(&Notice) + Send + Sync>);

impl Notices {
    /// Calls `to` with every notice.
    pub fn new(to: impl Fn(&Notice) + Send + Sync + 'static) -> Self {
        Notices(std::sync::Arc::new(to))
    }

    /// Delivers one notice.
    pub fn send(&self, notice: &Notice) {
        (self.0)(notice);
    }
}

impl Default for Notices {
    fn default() -> Self {
        Notices::new(|_| {})
    }
}

impl std::fmt::Debug for Notices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Notices")
    }
}

/// Headers as `(name, value)` text pairs (values that are not UTF-8 are decoded lossily).
pub fn header_pairs(headers: &hyper::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}
