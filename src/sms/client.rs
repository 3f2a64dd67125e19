//! The SMS REST API client: one request with the right bearer token, the
//! only retries that cannot duplicate a batch, and an optional trace of
//! each HTTP exchange (secrets redacted) for `-vv`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use reqwest::Method;
use serde_json::Value;

use super::auth::Auth;
use super::errors::{Asker, render_error};
use super::setup::ClientConfig;
use super::token::TokenCache;
use crate::config::{ExposeSecret, SecretString};
use crate::error::AppError;

/// How many times a request whose connection failed before anything was
/// sent is tried in all (documented in `send --help`).
pub const CONNECT_ATTEMPTS: u32 = 3;

/// Receives one line per HTTP exchange step.
pub type Trace = Arc<dyn Fn(&str) + Send + Sync>;

/// A response: status and body text.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: String,
}

/// The client for one profile's SMS API.
pub struct Client {
    http: reqwest::Client,
    /// Credentials in use.
    pub auth: Auth,
    /// SMS host, without a trailing slash.
    pub base: String,
    auth_url: String,
    tokens: Option<TokenCache>,
    trace: Option<Trace>,
}

impl Client {
    /// Builds a client; `trace` receives the HTTP exchanges.
    pub fn new(config: ClientConfig, trace: Option<Trace>) -> Result<Client> {
        let auth_url = config.auth_url.to_string();
        let tokens = match &config.auth {
            Auth::OAuth { key_id, .. } => {
                Some(TokenCache::new(config.cache_dir.clone(), key_id, &auth_url))
            }
            Auth::ServicePlan { .. } => None,
        };
        Ok(Client {
            http: super::http::http_client(config.timeout)?,
            base: config.base.as_str().trim_end_matches('/').to_owned(),
            auth: config.auth,
            auth_url,
            tokens,
            trace,
        })
    }

    /// `{base}/xms/v1/{id}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("{}/xms/v1/{}{path}", self.base, self.auth.path_id())
    }

    /// Who is asking, for error hints.
    pub fn asker(&self) -> Asker<'_> {
        Asker {
            mode: self.auth.describe(),
            id: self.auth.path_id(),
            base: &self.base,
        }
    }

    fn note(&self, line: impl FnOnce() -> String) {
        if let Some(t) = &self.trace {
            t(&line());
        }
    }

    async fn fetch_token(&self, tokens: &TokenCache) -> Result<SecretString> {
        let Auth::OAuth {
            key_id, key_secret, ..
        } = &self.auth
        else {
            return Err(anyhow::anyhow!(
                "internal: token requested in service plan mode"
            ));
        };
        self.note(|| format!("> POST {} (authorization: Basic <redacted>)", self.auth_url));
        let started = Instant::now();
        let resp = self
            .http
            .post(&self.auth_url)
            .basic_auth(key_id, Some(key_secret.expose_secret()))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("grant_type=client_credentials")
            .send()
            .await
            .map_err(|e| {
                AppError::Remote(format!(
                    "cannot reach the token endpoint {}: {}",
                    self.auth_url,
                    super::http::root_cause(&e)
                ))
            })?;
        let status = resp.status().as_u16();
        self.note(|| format!("< {status} in {} ms", started.elapsed().as_millis()));
        let body = read_capped(resp).await;
        tokens.accept(status, &body, &self.auth_url)
    }

    async fn bearer(&self, fresh: bool) -> Result<SecretString> {
        if let Some(token) = self.auth.static_token() {
            return Ok(token.clone());
        }
        let Some(tokens) = &self.tokens else {
            return Err(anyhow::anyhow!("internal: no token cache in OAuth2 mode"));
        };
        match (fresh, tokens.get()) {
            (false, Some(t)) => Ok(t),
            _ => self.fetch_token(tokens).await,
        }
    }

    /// Sends one request and reads the answer; `Err` only when no answer came.
    async fn once(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
        token: &SecretString,
    ) -> std::result::Result<reqwest::Response, reqwest::Error> {
        let mut req = self
            .http
            .request(method.clone(), url)
            .bearer_auth(token.expose_secret())
            .header("accept", "application/json");
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(serde_json::to_vec(b).unwrap_or_default());
        }
        self.note(|| format!("> {method} {url} (authorization: Bearer <redacted>)"));
        let started = Instant::now();
        let result = req.send().await;
        self.note(|| match &result {
            Ok(r) => format!(
                "< {} in {} ms",
                r.status().as_u16(),
                started.elapsed().as_millis()
            ),
            Err(e) => format!(
                "< no answer after {} ms: {}",
                started.elapsed().as_millis(),
                super::http::root_cause(e)
            ),
        });
        result
    }

    /// Sends one API request. Retries only when that cannot duplicate work:
    /// a connection that failed before anything was sent (at most
    /// [`CONNECT_ATTEMPTS`] tries), or 429/503 with `Retry-After` (at most 3
    /// attempts); an expired OAuth token is refreshed once.
    pub async fn call(&self, method: Method, url: &str, body: Option<&Value>) -> Result<Answer> {
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let token = self.bearer(refreshed).await?;
            let resp = match self.once(&method, url, body, &token).await {
                Ok(r) => r,
                Err(e) if e.is_connect() && attempt < CONNECT_ATTEMPTS => {
                    tokio::time::sleep(Duration::from_millis(250 * u64::from(attempt))).await;
                    continue;
                }
                Err(e) => return Err(no_answer(&method, url, &e, attempt).into()),
            };
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let expired = status == 401
                && header("www-authenticate")
                    .is_some_and(|v| v.to_ascii_lowercase().contains("expired"));
            let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
            let text = read_capped(resp).await;
            if expired
                && !refreshed
                && let Some(tokens) = &self.tokens
            {
                tokens.forget();
                refreshed = true;
                continue;
            }
            if matches!(status, 429 | 503)
                && attempt < 3
                && let Some(secs) = retry_after.filter(|s| *s <= 60)
            {
                tokio::time::sleep(Duration::from_secs(secs)).await;
                continue;
            }
            return Ok(Answer { status, body: text });
        }
    }

    /// Like [`Client::call`] but turns a non-2xx answer into an error and parses JSON.
    pub async fn json(&self, method: Method, url: &str, body: Option<&Value>) -> Result<Value> {
        let a = self.call(method, url, body).await?;
        if !(200..300).contains(&a.status) {
            return Err(AppError::Remote(render_error(a.status, &a.body, self.asker())).into());
        }
        if a.body.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&a.body).map_err(|e| {
            AppError::Remote(format!("the SMS API answered with invalid JSON: {e}")).into()
        })
    }
}

/// The most of an answer's body that is read; the API's answers are a few KiB.
pub const MAX_ANSWER: usize = 4 << 20;

/// An answer's body as text, at most [`MAX_ANSWER`] bytes (the rest is
/// dropped, so a broken or hostile server cannot exhaust memory).
async fn read_capped(mut resp: reqwest::Response) -> String {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        let room = MAX_ANSWER - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() == MAX_ANSWER {
            break;
        }
    }
    String::from_utf8_lossy(&body).into_owned()
}

/// The error for a request that got no answer.
fn no_answer(method: &Method, url: &str, e: &reqwest::Error, attempts: u32) -> AppError {
    let cause = super::http::root_cause(e);
    let what = if e.is_timeout() {
        "no answer in time (--request-timeout); the request may have been processed (check with `sinchctl status` before resending)".to_owned()
    } else if e.is_connect() {
        format!("cannot connect after {attempts} attempts")
    } else {
        "the connection broke; the request may have been processed (check with `sinchctl status` before resending)".to_owned()
    };
    AppError::Remote(format!("{method} {url}: {what}: {cause}"))
}
