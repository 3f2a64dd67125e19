//! The request pipeline, one small step per function: route (path, method,
//! declared size) → read the body → verify and hold the nonce → forward →
//! record → answer; then track, render and publish what was seen.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};

use crate::listen::config::{Limits, Secret};
use crate::listen::events::{Handled, Notice, Verdict};
use crate::listen::forward::Forwarder;
use crate::listen::record::Recorder;
use crate::listen::shards::{Held, Nonces};
use crate::listen::viewer::{Shown, Viewer};
use crate::webhook::capture::Record;
use crate::webhook::diagnose::{Attempt, likely_cause};
use crate::webhook::replay::Reservation;
use crate::webhook::signature::{self, FoundHeaders, Freshness, Rejection};

/// The answer type of every request.
pub type Resp = Response<Full<Bytes>>;

/// A request refused before it was accepted.
struct Refusal {
    status: StatusCode,
    code: &'static str,
    message: String,
    cause: Option<String>,
}

impl Refusal {
    fn new(status: StatusCode, code: &'static str, message: String) -> Self {
        Refusal {
            status,
            code,
            message,
            cause: None,
        }
    }
}

/// What the pipeline checks against, fixed for its lifetime.
pub struct Checks {
    /// Only this path is served.
    pub path: Option<String>,
    /// The webhook secret; `None` accepts unverified.
    pub secret: Option<Secret>,
    /// Timestamp tolerance in seconds.
    pub max_age: u64,
    /// Bounds.
    pub limits: Limits,
}

/// Everything a request passes through; shared by every connection.
pub struct Pipeline {
    checks: Checks,
    nonces: Nonces,
    recorder: Option<Recorder>,
    rejected: Option<Recorder>,
    forwarder: Option<Forwarder>,
    /// Tracking, rendering and publishing of each handled request.
    pub viewer: Viewer,
    refused_full: AtomicU64,
}

impl Pipeline {
    /// Assembles the stages.
    pub fn new(
        checks: Checks,
        recorder: Option<Recorder>,
        forwarder: Option<Forwarder>,
        viewer: Viewer,
    ) -> Self {
        Pipeline {
            // About 32 slices over the window either way: small tables (so growing one
            // is cheap in memory), cheap expiry, a lookup probes a few dozen at most.
            nonces: Nonces::new(checks.limits.max_nonces, (checks.max_age / 16).max(1)),
            checks,
            recorder,
            rejected: None,
            forwarder,
            viewer,
            refused_full: AtomicU64::new(0),
        }
    }

    /// Also appends refused requests whose body was read to `rejected`.
    pub fn keep_rejected(mut self, rejected: Option<Recorder>) -> Self {
        self.rejected = rejected;
        self
    }

    /// Callbacks refused with 503 because the replay cache was full of live nonces.
    pub fn refused_full(&self) -> u64 {
        self.refused_full.load(Ordering::Relaxed)
    }
}

/// The one GET the callback port answers: 200 `ok`, whatever `--path` is.
pub const HEALTH_PATH: &str = "/_sinchctl/health";

fn text(status: StatusCode, body: &str) -> Resp {
    let mut r = Response::new(Full::new(Bytes::from(format!("{body}\n"))));
    *r.status_mut() = status;
    r.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// Handles one request: answers it, then hands what happened to the viewer
/// (which may wait for room in the output queue: that is the backpressure).
pub async fn handle(
    p: std::sync::Arc<Pipeline>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Resp, Infallible> {
    let started = Instant::now();
    if matches!(*req.method(), Method::GET | Method::HEAD) && req.uri().path() == HEALTH_PATH {
        // For scripts and container health checks: not a callback, so not shown or counted.
        return Ok(text(StatusCode::OK, "ok"));
    }
    let (parts, incoming) = req.into_parts();
    let h = Handled {
        received_at: jiff::Timestamp::now(),
        peer,
        method: parts.method.to_string(),
        path: parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string),
        // Moved, not copied: needed for verifying, recording and forwarding.
        headers: parts.headers,
        body: Bytes::new(),
        verdict: Verdict::Verified,
        status: 200,
        forwarded: None,
        record_error: None,
        latency: Duration::ZERO,
    };
    let mut flight = InFlight {
        p: p.clone(),
        started,
        h: Some(h),
    };
    let Some(h) = flight.h.as_mut() else {
        return Ok(text(StatusCode::INTERNAL_SERVER_ERROR, "internal error"));
    };
    let (mut resp, held) = match p
        .process(h, &parts.method, parts.uri.path(), incoming)
        .await
    {
        Ok(answer) => answer,
        Err(refusal) => (refuse(h, refusal), None),
    };
    h.status = resp.status().as_u16();
    h.latency = started.elapsed();
    if let Some(h) = flight.h.take() {
        let shown = match p.viewer.show_now(h) {
            Shown::Done(shown) => shown,
            // Its own task: if the caller hangs up while the line waits for
            // room, the request is still shown and counted, as hung up.
            Shown::Waiting(w) => {
                let here = CallerHere::default();
                let (p, gone) = (p.clone(), here.gone.clone());
                let finish = tokio::spawn(async move { p.viewer.finish_show(w, &gone).await });
                let shown = finish.await.unwrap_or(false);
                here.answered();
                shown
            }
        };
        // Kept only now, once the answer is about to leave: a caller that hung
        // up while the line waited never got it, so its nonce stays free.
        if let Some(held) = held
            && shown
        {
            held.keep();
        }
        if !shown && resp.status().is_success() {
            // Stopping: not shown, so not acknowledged either; Sinch retries it.
            resp = text(
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting down: retry later",
            );
        }
    }
    Ok(resp)
}

/// A request being handled. When the caller hangs up before the answer,
/// hyper drops the handling mid-way; the request is then still shown and
/// counted (its nonce was already released by its hold).
struct InFlight {
    p: std::sync::Arc<Pipeline>,
    started: Instant,
    h: Option<Handled>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let Some(mut h) = self.h.take() else { return };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        h.hang_up();
        h.latency = self.started.elapsed();
        let p = self.p.clone();
        runtime.spawn(async move { p.viewer.show(h).await });
    }
}

/// Says, when dropped before [`CallerHere::answered`], that the caller went
/// away while its line waited for room in the output queue.
#[derive(Default)]
struct CallerHere {
    gone: std::sync::Arc<std::sync::atomic::AtomicBool>,
    answered: bool,
}

impl CallerHere {
    fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for CallerHere {
    fn drop(&mut self) {
        if !self.answered {
            self.gone.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

fn refuse(h: &mut Handled, r: Refusal) -> Resp {
    h.verdict = Verdict::Rejected {
        code: r.code.to_owned(),
        message: r.message,
        cause: r.cause,
    };
    let mut resp = text(r.status, &h.verdict.reason_text().unwrap_or_default());
    if r.status == StatusCode::METHOD_NOT_ALLOWED {
        resp.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("POST"));
    }
    if r.status == StatusCode::PAYLOAD_TOO_LARGE || r.status == StatusCode::REQUEST_TIMEOUT {
        // The rest of the body is never read, so the connection cannot be reused.
        resp.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    resp
}

impl Pipeline {
    async fn process(
        &self,
        h: &mut Handled,
        method: &Method,
        path: &str,
        incoming: Incoming,
    ) -> Result<(Resp, Option<Held<'_>>), Refusal> {
        self.route(method, path, &h.headers)?;
        h.body = self.read_body(incoming).await?;
        let held = match self.verify(h) {
            Ok(held) => held,
            Err(refusal) => {
                if let Some(rejected) = &self.rejected {
                    let line = record_line(h, refusal.status.as_u16(), Some(refusal.code));
                    // The answer is a refusal either way; a lost line costs no callback.
                    let _ = rejected.append(line).await;
                }
                return Err(refusal);
            }
        };
        let resp = self.deliver(h).await;
        // Not accepted (or the caller hangs up before the answer): dropping
        // `held` releases the nonce, so a retry with the same signature can succeed.
        let held = held.filter(|_| resp.status().is_success());
        Ok((resp, held))
    }

    fn route(&self, method: &Method, path: &str, headers: &HeaderMap) -> Result<(), Refusal> {
        let limits = &self.checks.limits;
        if let Some(only) = &self.checks.path
            && path != only
        {
            let msg = format!("not found: this receiver serves {only}");
            return Err(Refusal::new(StatusCode::NOT_FOUND, "wrong_path", msg));
        }
        if method != Method::POST {
            let msg = format!("method {method} not allowed: Sinch callbacks are POST");
            return Err(Refusal::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "wrong_method",
                msg,
            ));
        }
        let declared = headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if let Some(len) = declared.filter(|&len| len > limits.max_body as u64) {
            let msg = format!("body too large: {len} bytes, limit {}", limits.max_body);
            return Err(Refusal::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                msg,
            ));
        }
        Ok(())
    }

    async fn read_body(&self, incoming: Incoming) -> Result<Bytes, Refusal> {
        let limits = &self.checks.limits;
        let read = Limited::new(incoming, limits.max_body).collect();
        match tokio::time::timeout(limits.request_timeout, read).await {
            Err(_) => {
                let within = crate::units::show_duration(limits.request_timeout);
                let msg = format!("body not received within {within}");
                Err(Refusal::new(StatusCode::REQUEST_TIMEOUT, "timeout", msg))
            }
            Ok(Err(e))
                if e.downcast_ref::<http_body_util::LengthLimitError>()
                    .is_some() =>
            {
                let msg = format!("body too large: over the {} byte limit", limits.max_body);
                Err(Refusal::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    msg,
                ))
            }
            Ok(Err(e)) => {
                let msg = format!("cannot read body: {e}");
                Err(Refusal::new(StatusCode::BAD_REQUEST, "bad_body", msg))
            }
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
        }
    }

    /// Checks the signature and holds the nonce; the hold releases it unless
    /// the callback ends up accepted.
    fn verify(&self, h: &mut Handled) -> Result<Option<Held<'_>>, Refusal> {
        let Some(secret) = &self.checks.secret else {
            h.verdict = Verdict::Unverified;
            return Ok(None);
        };
        let found = FoundHeaders::from_pairs(
            h.headers
                .iter()
                .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str(), v))),
        );
        let now = h.received_at.as_second();
        let max_age = self.checks.max_age;
        let fresh = Freshness::Within { now, max_age };
        let v = signature::verify(secret.expose(), &found, &h.body, fresh)
            .map_err(|r| signature_refusal(secret, &found, &h.body, &r))?;
        // max_age is at most a day (checked at parse time), so this cannot overflow.
        let expires = v.timestamp.saturating_add(max_age as i64 + 1);
        match self.nonces.reserve(&v.nonce, expires, now) {
            Reservation::Fresh => Ok(Some(Held::new(&self.nonces, v.nonce))),
            Reservation::Replayed { first_seen } => {
                let msg = replayed_message(&v.nonce, first_seen, now);
                Err(Refusal::new(StatusCode::UNAUTHORIZED, "replayed", msg))
            }
            Reservation::Full => Err(self.cache_full()),
        }
    }

    fn cache_full(&self) -> Refusal {
        let n = self.refused_full.fetch_add(1, Ordering::Relaxed);
        let cap = self.checks.limits.max_nonces;
        let msg = format!(
            "replay cache full: {cap} nonces still inside their window; retry later (raise --max-nonces)"
        );
        if n.is_power_of_two() || n == 0 {
            let refused = n + 1;
            self.viewer
                .notices()
                .send(&Notice::ReplayCacheFull { cap, refused });
        }
        Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "replay_cache_full", msg)
    }

    /// Forwards (when asked), then records with the status about to be
    /// answered; a record that cannot be written makes the answer 503.
    async fn deliver(&self, h: &mut Handled) -> Resp {
        let mut resp = text(StatusCode::OK, "ok");
        if let Some(forwarder) = &self.forwarder {
            let answer = forwarder.forward(&h.headers, h.body.clone()).await;
            let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
            resp = Response::new(Full::new(answer.body));
            *resp.status_mut() = status;
            h.forwarded = Some(answer.outcome);
        }
        if let Some(recorder) = &self.recorder
            && let Err(e) = recorder
                .append(record_line(h, resp.status().as_u16(), None))
                .await
        {
            h.record_error = Some(e.to_string());
            // 503 makes Sinch retry, so the callback is not lost.
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot record the callback; retry later",
            );
        }
        resp
    }
}

/// Bodies larger than this are not diagnosed: the diagnosis re-computes a
/// few dozen HMACs and re-serialises the JSON.
const DIAGNOSE_MAX_BODY: usize = 16 << 10;

/// A signature refusal; a mismatch names its likely cause as `verify` does.
fn signature_refusal(secret: &Secret, found: &FoundHeaders, body: &[u8], r: &Rejection) -> Refusal {
    let mut refusal = Refusal::new(StatusCode::UNAUTHORIZED, r.code(), r.to_string());
    if matches!(r, Rejection::Mismatch | Rejection::SignatureNotBase64) {
        let attempt = Attempt {
            secret: secret.expose(),
            body,
            nonce: found.nonce.as_deref().unwrap_or_default(),
            timestamp: found.timestamp.as_deref().unwrap_or_default(),
            signature: found.signature.as_deref().unwrap_or_default(),
        };
        let cause = (body.len() <= DIAGNOSE_MAX_BODY)
            .then(|| likely_cause(&attempt))
            .flatten();
        match (cause, secret.source()) {
            (Some(c), _) => refusal.cause = Some(c.explain().to_owned()),
            (None, Some(source)) if matches!(r, Rejection::Mismatch) => refusal.message.push_str(&format!(
                "; the sender used another secret (yours comes from {source}) or the body was changed on the way"
            )),
            _ => {}
        }
    }
    refusal
}

/// Why a replayed nonce is refused, and what usually causes it.
fn replayed_message(nonce: &str, first_seen: i64, now: i64) -> String {
    let when = jiff::Timestamp::from_second(first_seen)
        .map(crate::webhook::callback::sinch_time)
        .unwrap_or_else(|_| first_seen.to_string());
    let ago = crate::webhook::signature::human_secs(now.saturating_sub(first_seen).unsigned_abs());
    format!(
        "replayed nonce {nonce}: first seen at {when} ({ago} ago); \
         a tunnel inspector's \"replay\" resends the same headers, which is exactly this: \
         use `sinchctl replay` or the dashboard's replay for a fresh signature"
    )
}

/// One record line (with its newline): the capture plus the answered status.
fn record_line(h: &Handled, status: u16, rejected: Option<&str>) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        #[serde(flatten)]
        record: &'a Record,
        status: u16,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<&'a str>,
    }
    let (body, body_base64) = Record::body_fields(&h.body);
    let record = Record {
        received_at: crate::webhook::callback::sinch_time(h.received_at),
        verdict: match (rejected, &h.verdict) {
            (Some(_), _) => "rejected",
            (None, Verdict::Unverified) => "unverified",
            (None, _) => "verified",
        }
        .to_owned(),
        method: h.method.clone(),
        path: h.path.clone(),
        headers: crate::listen::events::header_pairs(&h.headers),
        body,
        body_base64,
    };
    let mut line = serde_json::to_vec(&Line {
        record: &record,
        status,
        reason: rejected,
    })
    .unwrap_or_default();
    line.push(b'\n');
    line
}
