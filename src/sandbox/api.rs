//! The sandbox's HTTP face: routing, body limits, authorisation (API tokens
//! and OAuth2 bearer tokens, the 401 with `WWW-Authenticate` for an expired
//! one), the token endpoint, the inbound hook, and one event per call.
//! Batch operations live in `batches`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body as _, Incoming};
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use secrecy::ExposeSecret;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::batches;
use super::event::{ApiCall, Event};
use super::scheduler::What;
use super::token::{self, TokenError};
use super::validate::{ApiError, MAX_BODY_CHARS, msisdn};
use super::{Credential, State};
use crate::webhook::callback::sinch_time;

/// Largest request body read.
const MAX_BODY: usize = 2 << 20;
/// Time a client gets to send its body.
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// An answer on its way out.
pub(super) struct Reply {
    pub status: u16,
    // Serialised up front: keeps the error variant of every handler small.
    pub body: Bytes,
    pub headers: Vec<(&'static str, String)>,
    pub error_code: Option<String>,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Bytes::from(serde_json::to_vec(&body).unwrap_or_default()),
            headers: vec![],
            error_code: None,
        }
    }

    fn with_header(mut self, name: &'static str, value: String) -> Reply {
        self.headers.push((name, value));
        self
    }

    fn oauth_error(status: u16, error: &str, description: &str) -> Reply {
        Reply {
            error_code: Some(error.to_owned()),
            ..Reply::json(
                status,
                json!({"error": error, "error_description": description}),
            )
        }
    }

    fn into_response(self) -> Response<Full<Bytes>> {
        let mut r = Response::new(Full::new(self.body));
        *r.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        r.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                r.headers_mut().insert(name, v);
            }
        }
        r
    }
}

impl From<ApiError> for Reply {
    fn from(e: ApiError) -> Reply {
        Reply {
            error_code: Some(e.code.to_owned()),
            ..Reply::json(e.status, e.body())
        }
    }
}

/// 405 naming the methods the path takes.
pub(super) fn not_allowed(allow: &str) -> Reply {
    Reply::from(ApiError {
        status: 405,
        code: "method_not_allowed",
        text: format!("Use {allow} on this path"),
    })
    .with_header("allow", allow.to_owned())
}

/// Handles one request and reports it to the sink.
pub(super) async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let method = req.method().to_string();
    let path = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_owned(), ToString::to_string);
    let reply = route(&state, req).await.unwrap_or_else(|r| r);
    (state.sink)(&Event::Api(ApiCall {
        time: sinch_time(jiff::Timestamp::now()),
        method,
        path,
        status: reply.status,
        error_code: reply.error_code.clone(),
        latency_ms: (started.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0,
    }));
    Ok(reply.into_response())
}

/// Reads the whole body, bounded in size and time.
pub(super) async fn read_body(body: Incoming) -> Result<Bytes, Reply> {
    let too_large = || {
        Reply::from(ApiError {
            status: 413,
            code: "payload_too_large",
            text: format!("The request body is over the {MAX_BODY} byte limit"),
        })
    };
    // A Content-Length over the limit is refused before any of the body is read.
    if body.size_hint().lower() > MAX_BODY as u64 {
        return Err(too_large());
    }
    match tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e))
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some() =>
        {
            Err(too_large())
        }
        Ok(Err(_)) => {
            Err(ApiError::bad("syntax_invalid_json", "The request body could not be read").into())
        }
        Err(_) => Err(Reply::from(ApiError {
            status: 408,
            code: "request_timeout",
            text: "The request body did not arrive in time".into(),
        })),
    }
}

async fn route(state: &State, req: Request<Incoming>) -> Result<Reply, Reply> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["oauth2", "token"] if parts.method == Method::POST => {
            let body = read_body(body).await?;
            Ok(issue_token(state, &parts.headers, &body))
        }
        ["_sandbox", "inbound"] if parts.method == Method::POST => {
            let body = read_body(body).await?;
            inbound(state, &body)
        }
        ["oauth2", "token"] | ["_sandbox", "inbound"] => Ok(not_allowed("POST")),
        ["xms", "v1", owner, rest @ ..] if !owner.is_empty() => {
            authorize(state, owner, &parts.headers)?;
            let json_body = parts
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_none_or(|v| v.to_ascii_lowercase().contains("json"));
            let request = batches::Call {
                method: &parts.method,
                owner,
                rest,
                query: &query,
            };
            batches::dispatch(state, request, body, json_body).await
        }
        _ => Err(ApiError::not_found(format!("No such resource: {path}")).into()),
    }
}

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

fn unauthorized(text: &str, challenge: &str) -> Reply {
    Reply::from(ApiError {
        status: 401,
        code: "unauthorized",
        text: text.to_owned(),
    })
    .with_header("www-authenticate", challenge.to_owned())
}

/// Checks `Authorization: Bearer` for `owner` (service plan or project id).
fn authorize(state: &State, owner: &str, headers: &HeaderMap) -> Result<(), Reply> {
    let challenge = "Bearer realm=\"sinchctl-sandbox\"";
    let Some(tok) = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(token::bearer)
    else {
        return Err(unauthorized(
            "An Authorization: Bearer header is required",
            challenge,
        ));
    };
    let now = jiff::Timestamp::now().as_second();
    if token::looks_issued(tok) {
        match state.issuer.check(tok, now) {
            Ok(key_id) => {
                let allowed = state.credentials.is_empty()
                    || state.credentials.iter().any(|c| matches!(c,
                        Credential::Project { project_id, key_id: k, .. } if project_id == owner && *k == key_id));
                return if allowed {
                    Ok(())
                } else {
                    Err(unauthorized(
                        &format!("This access key is not allowed for project {owner}"),
                        challenge,
                    ))
                };
            }
            Err(TokenError::Expired) => {
                return Err(unauthorized(
                    "The access token has expired; fetch a new one from the token endpoint",
                    "Bearer error=\"invalid_token\", error_description=\"Jwt expired\"",
                ));
            }
            Err(TokenError::Invalid) => {}
        }
    }
    let allowed = state.credentials.is_empty()
        || state.credentials.iter().any(|c| {
            matches!(c, Credential::ServicePlan { id, token } if id == owner && same(token.expose_secret(), tok))
        });
    if allowed {
        Ok(())
    } else {
        Err(unauthorized(
            &format!("The token is not valid for service plan or project {owner}"),
            challenge,
        ))
    }
}

/// `POST /oauth2/token`: HTTP Basic key id and secret, `grant_type=client_credentials`.
fn issue_token(state: &State, headers: &HeaderMap, body: &[u8]) -> Reply {
    let basic = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(token::basic_credentials);
    let basic_challenge = |reply: Reply| {
        reply.with_header(
            "www-authenticate",
            "Basic realm=\"sinchctl-sandbox\"".into(),
        )
    };
    let Some((key_id, key_secret)) = basic else {
        return basic_challenge(Reply::oauth_error(
            401,
            "invalid_client",
            "Send the access key id and secret with HTTP Basic authentication",
        ));
    };
    let known = state.credentials.is_empty()
        || state.credentials.iter().any(|c| {
            matches!(c, Credential::Project { key_id: k, key_secret: s, .. } if *k == key_id && same(s.expose_secret(), &key_secret))
        });
    if !known {
        return basic_challenge(Reply::oauth_error(
            401,
            "invalid_client",
            "Unknown access key id or wrong secret",
        ));
    }
    let form = String::from_utf8_lossy(body);
    let grant = form
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "grant_type")
        .map(|(_, v)| v.to_owned());
    match grant.as_deref() {
        Some("client_credentials") => {}
        Some(_) => {
            return Reply::oauth_error(
                400,
                "unsupported_grant_type",
                "Only client_credentials is supported",
            );
        }
        None => return Reply::oauth_error(400, "invalid_request", "grant_type is required"),
    }
    let now = jiff::Timestamp::now().as_second();
    Reply::json(
        200,
        json!({
            "access_token": state.issuer.issue(&key_id, now),
            "token_type": "bearer",
            "expires_in": state.issuer.ttl_secs(),
            "scope": "",
        }),
    )
}

/// `POST /_sandbox/inbound {"from","to","body"}`: delivers a signed `mo_text`.
fn inbound(state: &State, body: &[u8]) -> Result<Reply, Reply> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad(
            "syntax_invalid_json",
            format!("The request body is not valid JSON: {e}"),
        )
    })?;
    let field = |k: &str| v.get(k).and_then(Value::as_str);
    let from = field("from")
        .and_then(msisdn)
        .ok_or_else(|| ApiError::format("'from' must be a phone number"))?;
    let to = field("to")
        .filter(|t| !t.trim().is_empty() && t.len() <= 64)
        .ok_or_else(|| ApiError::constraint("'to' must be your number or short code"))?;
    let text = field("body").ok_or_else(|| ApiError::constraint("'body' is required"))?;
    if text.chars().count() > MAX_BODY_CHARS {
        return Err(ApiError::constraint(format!(
            "'body' must be at most {MAX_BODY_CHARS} characters"
        ))
        .into());
    }
    let url = field("callback_url")
        .map(str::to_owned)
        .or_else(|| state.callback_url.clone())
        .ok_or_else(|| ApiError {
            status: 403,
            code: "missing_callback_url",
            text: "No callback URL: start the sandbox with --callback-url (the service plan's default)".into(),
        })?;
    let id = ulid::Ulid::new().to_string();
    let fields = crate::simulate::payload::Fields {
        from: from.clone(),
        to: msisdn(to).unwrap_or_else(|| to.to_owned()),
        text: text.to_owned(),
        at: sinch_time(jiff::Timestamp::now()),
        ..Default::default()
    };
    let payload = crate::simulate::payload::mo_text(&fields, &id);
    let echo: Value = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    let job = What::Raw {
        body: payload,
        url,
        kind: "mo_text".into(),
        from,
    };
    if !state
        .queue
        .push_all(vec![(tokio::time::Instant::now(), job)])
    {
        return Err(batches::queue_full().into());
    }
    Ok(Reply::json(202, echo))
}
