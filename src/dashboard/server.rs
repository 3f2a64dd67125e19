//! The dashboard's HTTP side: its own hyper listener on loopback, the
//! embedded page, the event stream, request details, and the send and
//! replay actions behind the guard.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited, StreamBody, combinators::BoxBody};
use hyper::body::{Body as _, Frame, Incoming};
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use tokio::net::TcpListener;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use crate::dashboard::Dashboard;
use crate::dashboard::actions::{self, Failed, ReplayForm, SendForm};
use crate::dashboard::guard::{Refusal, TOKEN_HEADER};
use crate::dashboard::hub::sse_frame;

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// Most connections served at once (pages, their event streams, actions).
const MAX_CONNECTIONS: usize = 64;

/// Largest action request body (a send form with 1000 recipients fits easily).
const MAX_FORM: usize = 256 << 10;
/// Longest wait for a form's body once its headers arrived.
const FORM_TIMEOUT: Duration = Duration::from_secs(10);

type Body = BoxBody<Bytes, Infallible>;
type Resp = Response<Body>;

fn full(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Resp {
    let mut r = Response::new(Full::new(body.into()).boxed());
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    r
}

fn json(status: StatusCode, value: &impl Serialize) -> Resp {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    full(status, "application/json", body)
}

fn error(status: u16, reason: &str) -> Resp {
    json(
        StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
        &serde_json::json!({ "error": reason }),
    )
}

/// 405 with the `Allow` header HTTP requires.
fn not_allowed(allow: &'static str) -> Resp {
    let mut r = error(405, "method not allowed");
    r.headers_mut()
        .insert(hyper::header::ALLOW, HeaderValue::from_static(allow));
    r
}

fn refused(r: Refusal) -> Resp {
    error(r.status, r.reason)
}

/// Serves the dashboard until `stop` changes; open event streams end with it.
pub async fn serve(
    listener: TcpListener,
    dash: Arc<Dashboard>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10));
    let pinger = tokio::spawn(ping(dash.clone()));
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                // Beyond the cap a connection is closed at once: a page reconnects later.
                let Ok(slot) = slots.clone().try_acquire_owned() else {
                    continue;
                };
                let dash = dash.clone();
                let svc = service_fn(move |req| handle(dash.clone(), req));
                let conn = builder.serve_connection(TokioIo::new(stream), svc);
                let mut stop = stop.clone();
                tokio::spawn(async move {
                    tokio::select! {
                        _ = conn => {}
                        _ = stop.changed() => {}
                    }
                    drop(slot);
                });
            }
            _ = stop.changed() => break,
        }
    }
    pinger.abort();
}

/// Keeps idle event streams alive through proxies and lets pages notice a dead server.
async fn ping(dash: Arc<Dashboard>) {
    let mut every = tokio::time::interval(Duration::from_secs(15));
    loop {
        every.tick().await;
        dash.hub.ping();
    }
}

async fn handle(dash: Arc<Dashboard>, req: Request<Incoming>) -> Result<Resp, Infallible> {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Err(r) = dash.guard.host_ok(header("host")) {
        return Ok(refused(r));
    }
    let path = req.uri().path().to_owned();
    let resp = match (req.method(), path.as_str()) {
        (&Method::GET, "/") => page(&dash),
        (&Method::GET, "/app.js") => full(StatusCode::OK, "text/javascript; charset=utf-8", SCRIPT),
        (&Method::GET, "/app.css") => full(StatusCode::OK, "text/css; charset=utf-8", STYLE),
        (&Method::GET, "/events") => {
            let token = query_param(req.uri().query(), "token");
            match dash.guard.token_ok(token.as_deref()) {
                Ok(()) => events(&dash),
                Err(r) => refused(r),
            }
        }
        (&Method::GET, p) if p.starts_with("/api/requests/") => {
            match dash.guard.token_ok(header(TOKEN_HEADER)) {
                Ok(()) => detail(&dash, &p["/api/requests/".len()..]),
                Err(r) => refused(r),
            }
        }
        (&Method::POST, "/api/send" | "/api/replay") => action(dash, req).await,
        (_, "/" | "/app.js" | "/app.css" | "/events") => not_allowed("GET"),
        (_, "/api/send" | "/api/replay") => not_allowed("POST"),
        _ => error(404, "not found"),
    };
    Ok(resp)
}

fn page(dash: &Dashboard) -> Resp {
    let html = INDEX.replace("{{TOKEN}}", dash.guard.token());
    let mut r = full(StatusCode::OK, "text/html; charset=utf-8", html);
    r.headers_mut().insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    r
}

fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    query?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

fn events(dash: &Dashboard) -> Resp {
    let (snapshot, rx) = dash.hub.subscribe();
    let config = sse_frame("config", &dash.page_config());
    let head = tokio_stream::iter([config, snapshot]);
    // A page that falls CLIENT_BUFFER changes behind is cut off; its
    // EventSource reconnects and starts again from a fresh snapshot.
    let live = BroadcastStream::new(rx).map_while(Result::ok);
    let stream = head
        .chain(live)
        .map(|b| Ok::<_, Infallible>(Frame::data(b)));
    let mut r = Response::new(BodyExt::boxed(StreamBody::new(stream)));
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn detail(dash: &Dashboard, id: &str) -> Resp {
    match id.parse::<u64>().ok().and_then(|id| dash.hub.request(id)) {
        Some(d) => json(StatusCode::OK, &d),
        None => error(404, "no such request (only the most recent ones are kept)"),
    }
}

async fn action(dash: Arc<Dashboard>, req: Request<Incoming>) -> Resp {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Err(r) = dash
        .guard
        .action_ok(header("host"), header("origin"), header(TOKEN_HEADER))
    {
        return refused(r);
    }
    let is_send = req.uri().path() == "/api/send";
    let body = req.into_body();
    // Refused before any of it is read when its length is announced.
    if body.size_hint().lower() > MAX_FORM as u64 {
        return error(413, "request too large");
    }
    let body =
        match tokio::time::timeout(FORM_TIMEOUT, Limited::new(body, MAX_FORM).collect()).await {
            Ok(Ok(b)) => b.to_bytes(),
            Ok(Err(_)) => return error(413, "request too large"),
            Err(_) => return error(408, "the request body did not arrive in time"),
        };
    let outcome = if is_send {
        match serde_json::from_slice::<SendForm>(&body) {
            Ok(form) => actions::send(&dash.sending, &dash.hub, form)
                .await
                .map(|s| json(StatusCode::OK, &s)),
            Err(e) => Err(Failed(400, format!("bad form: {e}"))),
        }
    } else {
        match serde_json::from_slice::<ReplayForm>(&body) {
            Ok(form) => dash
                .replay
                .run(&dash.hub, form)
                .await
                .map(|s| json(StatusCode::OK, &s)),
            Err(e) => Err(Failed(400, format!("bad form: {e}"))),
        }
    };
    outcome.unwrap_or_else(|Failed(status, why)| error(status, &why))
}
