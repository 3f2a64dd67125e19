//! The `listen` server: a hyper 1 HTTP/1.1 receiver that checks path,
//! method and size, verifies signatures and replays, records before it
//! acknowledges, optionally forwards, and hands every request to a printer.

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};

use crate::webhook::capture::Record;
use crate::webhook::replay::NonceCache;
use crate::webhook::signature::{self, FoundHeaders, Freshness};

/// How the server behaves; fixed for its lifetime.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only this path is served (others get 404); `None` serves every path.
    pub path: Option<String>,
    /// The webhook secret; `None` accepts everything unverified (`--no-verify`).
    pub secret: Option<Vec<u8>>,
    /// Timestamp tolerance in seconds, both directions.
    pub max_age: u64,
    /// Largest body accepted, in bytes.
    pub max_body: usize,
    /// Time allowed for a request's headers to arrive.
    pub header_timeout: Duration,
    /// Time allowed for a request's body to arrive.
    pub request_timeout: Duration,
    /// Most nonces remembered for replay detection.
    pub max_nonces: usize,
    /// Append every accepted callback to this file before acknowledging it.
    pub record: Option<PathBuf>,
    /// fsync the record file before acknowledging.
    pub fsync: bool,
    /// Pass accepted callbacks on to this URL and answer with its status.
    pub forward_to: Option<String>,
    /// Time allowed for the forward target to answer.
    pub forward_timeout: Duration,
    /// Stop after this many accepted callbacks.
    pub exit_after: Option<u64>,
}

/// What the server decided about a request.
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
    },
}

/// What happened when forwarding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forwarded {
    /// The app answered with this status.
    Answered(u16),
    /// The app could not be reached or did not answer in time.
    Failed(String),
}

/// One handled request, for the printer.
#[derive(Debug, Clone)]
pub struct Delivery {
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
    /// Forwarding outcome, with `--forward-to`.
    pub forwarded: Option<Forwarded>,
    /// A problem writing the record, when that made the answer 503.
    pub record_error: Option<String>,
    /// Time from arrival to answer.
    pub latency: Duration,
}

/// State shared by every connection.
pub struct Shared {
    opts: Options,
    nonces: Mutex<NonceCache>,
    record: Option<Mutex<std::fs::File>>,
    client: Option<reqwest::Client>,
    tx: mpsc::UnboundedSender<Delivery>,
    accepted: AtomicU64,
    /// Notified when `exit_after` accepted callbacks were answered.
    pub done: Arc<Notify>,
}

impl Shared {
    /// Opens the record file (append) and builds the forward client.
    pub fn new(opts: Options, tx: mpsc::UnboundedSender<Delivery>) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        let record = match &opts.record {
            Some(path) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .with_context(|| format!("cannot open record file {}", path.display()))?,
            )),
            None => None,
        };
        let client = match &opts.forward_to {
            Some(_) => Some(crate::sms::http::http_client(opts.forward_timeout)?),
            None => None,
        };
        Ok(Shared {
            nonces: Mutex::new(NonceCache::new(opts.max_nonces)),
            opts,
            record,
            client,
            tx,
            accepted: AtomicU64::new(0),
            done: Arc::new(Notify::new()),
        })
    }

    /// Callbacks answered with 2xx so far.
    pub fn accepted(&self) -> u64 {
        self.accepted.load(Ordering::SeqCst)
    }

    /// Nonces currently remembered (for the benchmark's memory report).
    pub fn nonces_len(&self) -> usize {
        self.nonces.lock().map(|n| n.len()).unwrap_or(0)
    }
}

type Resp = Response<Full<Bytes>>;

fn text(status: StatusCode, body: &str) -> Resp {
    let mut r = Response::new(Full::new(Bytes::from(format!("{body}\n"))));
    *r.status_mut() = status;
    r.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// Accepts connections until `shutdown` resolves, then stops accepting and
/// waits (at most `drain`) for requests in flight to finish.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()>,
    drain: Duration,
) -> bool {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(shared.opts.header_timeout);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(conn) => conn,
                    Err(_) => {
                        // Out of descriptors or a reset before accept: back off briefly, keep serving.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                let svc = service_fn(move |req| handle(shared.clone(), peer, req));
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), svc));
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => true,
        () = tokio::time::sleep(drain) => false,
    }
}

async fn handle(
    shared: Arc<Shared>,
    peer: SocketAddr,
    req: Request<Incoming>,
) -> Result<Resp, Infallible> {
    let started = Instant::now();
    let received_at = jiff::Timestamp::now();
    let opts = &shared.opts;
    let (parts, incoming) = req.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), ToString::to_string);
    let mut delivery = Delivery {
        received_at,
        peer,
        method: parts.method.to_string(),
        path,
        // Moved, not copied: the headers are needed for verifying, recording and forwarding.
        headers: parts.headers,
        body: Bytes::new(),
        verdict: Verdict::Verified,
        status: 200,
        forwarded: None,
        record_error: None,
        latency: Duration::ZERO,
    };
    let reject = |d: &mut Delivery, status: StatusCode, code: &str, message: String| {
        d.verdict = Verdict::Rejected {
            code: code.to_owned(),
            message: message.clone(),
        };
        d.status = status.as_u16();
        d.latency = started.elapsed();
        let _ = shared.tx.send(d.clone());
        let mut r = text(status, &message);
        if status == StatusCode::METHOD_NOT_ALLOWED {
            r.headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
        }
        if status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::REQUEST_TIMEOUT {
            // The rest of the body is never read, so the connection cannot be reused.
            r.headers_mut()
                .insert(hyper::header::CONNECTION, HeaderValue::from_static("close"));
        }
        Ok(r)
    };

    if let Some(only) = &opts.path
        && parts.uri.path() != only
    {
        let msg = format!("not found: this receiver serves {only}");
        return reject(&mut delivery, StatusCode::NOT_FOUND, "wrong_path", msg);
    }
    if parts.method != Method::POST {
        let msg = format!(
            "method {} not allowed: Sinch callbacks are POST",
            parts.method
        );
        return reject(
            &mut delivery,
            StatusCode::METHOD_NOT_ALLOWED,
            "wrong_method",
            msg,
        );
    }
    let declared = delivery
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > opts.max_body as u64) {
        let msg = format!(
            "body too large: {} bytes, limit {}",
            declared.unwrap_or(0),
            opts.max_body
        );
        return reject(
            &mut delivery,
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            msg,
        );
    }
    let body = match tokio::time::timeout(
        opts.request_timeout,
        Limited::new(incoming, opts.max_body).collect(),
    )
    .await
    {
        Err(_) => {
            let msg = format!(
                "body not received within {}s",
                opts.request_timeout.as_secs()
            );
            return reject(&mut delivery, StatusCode::REQUEST_TIMEOUT, "timeout", msg);
        }
        Ok(Err(e))
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            let msg = format!("body too large: over the {} byte limit", opts.max_body);
            return reject(
                &mut delivery,
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                msg,
            );
        }
        Ok(Err(e)) => {
            return reject(
                &mut delivery,
                StatusCode::BAD_REQUEST,
                "bad_body",
                format!("cannot read body: {e}"),
            );
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    delivery.body = body.clone();

    delivery.verdict = match &opts.secret {
        None => Verdict::Unverified,
        Some(secret) => {
            let found = FoundHeaders::from_pairs(
                delivery
                    .headers
                    .iter()
                    .filter_map(|(n, v)| v.to_str().ok().map(|v| (n.as_str(), v))),
            );
            let now = received_at.as_second();
            match signature::verify(
                secret,
                &found,
                &body,
                Freshness::Within {
                    now,
                    max_age: opts.max_age,
                },
            ) {
                Err(rejection) => {
                    return reject(
                        &mut delivery,
                        StatusCode::UNAUTHORIZED,
                        rejection.code(),
                        rejection.to_string(),
                    );
                }
                Ok(v) => {
                    let expires = v.timestamp.saturating_add(opts.max_age as i64 + 1);
                    let fresh = shared
                        .nonces
                        .lock()
                        .map(|mut n| n.check_and_insert(&v.nonce, expires, now))
                        .unwrap_or(false);
                    if !fresh {
                        let msg = format!("replayed nonce {}", v.nonce);
                        return reject(&mut delivery, StatusCode::UNAUTHORIZED, "replayed", msg);
                    }
                    Verdict::Verified
                }
            }
        }
    };

    if let Some(record) = &shared.record
        && let Err(e) = write_record(record, &delivery, opts.fsync).await
    {
        delivery.record_error = Some(e.to_string());
        delivery.status = 503;
        delivery.latency = started.elapsed();
        let _ = shared.tx.send(delivery);
        // 503 makes Sinch retry, so the callback is not lost.
        return Ok(text(
            StatusCode::SERVICE_UNAVAILABLE,
            "cannot record the callback; retry later",
        ));
    }

    let mut response = text(StatusCode::OK, "ok");
    if let (Some(client), Some(url)) = (&shared.client, &opts.forward_to) {
        let (outcome, resp) = forward(client, url, &delivery).await;
        delivery.forwarded = Some(outcome);
        response = resp;
    }
    delivery.status = response.status().as_u16();
    delivery.latency = started.elapsed();
    let accepted = response.status().is_success();
    let _ = shared.tx.send(delivery);
    if accepted {
        let n = shared.accepted.fetch_add(1, Ordering::SeqCst) + 1;
        if opts.exit_after.is_some_and(|limit| n >= limit) {
            shared.done.notify_one();
        }
    }
    Ok(response)
}

/// Appends one JSON line for `d` with a single write (O_APPEND keeps
/// concurrent lines whole); with `fsync` also syncs before returning.
async fn write_record(
    file: &Mutex<std::fs::File>,
    d: &Delivery,
    fsync: bool,
) -> std::io::Result<()> {
    let (body, body_base64) = Record::body_fields(&d.body);
    let record = Record {
        received_at: crate::webhook::callback::sinch_time(d.received_at),
        verdict: if d.verdict == Verdict::Unverified {
            "unverified"
        } else {
            "verified"
        }
        .to_owned(),
        method: d.method.clone(),
        path: d.path.clone(),
        headers: header_pairs(&d.headers),
        body,
        body_base64,
    };
    let mut line = serde_json::to_vec(&record).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let write = |file: &Mutex<std::fs::File>| -> std::io::Result<()> {
        let mut f = file
            .lock()
            .map_err(|_| std::io::Error::other("record file lock poisoned"))?;
        f.write_all(&line)?;
        if fsync { f.sync_data() } else { Ok(()) }
    };
    if fsync {
        // A sync can take milliseconds; keep it off the async workers.
        tokio::task::block_in_place(|| write(file))
    } else {
        write(file)
    }
}

async fn forward(client: &reqwest::Client, url: &str, d: &Delivery) -> (Forwarded, Resp) {
    let mut req = client.post(url).body(d.body.clone());
    for (name, value) in &d.headers {
        if name.as_str().starts_with("x-sinch-") || name == CONTENT_TYPE {
            req = req.header(name.as_str(), value.as_bytes());
        }
    }
    match req.send().await {
        Ok(resp) => {
            let status = resp.status().as_u16();
            let body = resp.bytes().await.unwrap_or_default();
            let mut r = Response::new(Full::new(body));
            *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            (Forwarded::Answered(status), r)
        }
        Err(e) => {
            let (status, why) = if e.is_timeout() {
                (
                    StatusCode::GATEWAY_TIMEOUT,
                    "the app did not answer in time".to_owned(),
                )
            } else {
                (
                    StatusCode::BAD_GATEWAY,
                    format!(
                        "the app is unreachable ({})",
                        crate::sms::http::root_cause(&e)
                    ),
                )
            };
            (Forwarded::Failed(why.clone()), text(status, &why))
        }
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
