//! Sending prepared requests: reqwest for one-off sends (http and https), and
//! a keep-alive HTTP/1.1 connection driven by hyper directly for load runs
//! against `http://` URLs.

use std::time::{Duration, Instant};

use anyhow::Result;
use secrecy::{ExposeSecret, SecretSlice};

use super::expect::{Expect, Outcome, Silence};
use super::mutation::{Mutation, Prepared, prepare};
use super::plan::Step;
use crate::webhook::signature::new_nonce;

/// The status of one answer (`None`: no answer), the time it took, and why there was none.
#[derive(Debug, Clone)]
pub struct Answer {
    /// HTTP status.
    pub status: Option<u16>,
    /// Time from sending to the answer or the failure.
    pub latency: Duration,
    /// Why there was no answer.
    pub error: Option<String>,
    /// What kind of silence it was, when there was no answer.
    pub silence: Option<Silence>,
}

impl Answer {
    fn new(status: Option<u16>, latency: Duration, error: Option<(Silence, String)>) -> Answer {
        let (silence, error) = error.unzip();
        Answer {
            status,
            latency,
            error,
            silence,
        }
    }
}

/// How much of an answer's body is read before it is dropped; only the status
/// counts, and a hostile endpoint must not make us buffer gigabytes.
const MAX_ANSWER: usize = 64 * 1024;

/// The HTTP client for one-off sends: the answer to a callback is its status,
/// so a redirect is reported as such, never followed.
fn client(timeout: Duration) -> Result<reqwest::Client> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("sinchctl/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

/// Reads at most [`MAX_ANSWER`] bytes of `resp`'s body, then drops the rest.
async fn drain(mut resp: reqwest::Response) {
    let mut read = 0;
    while let Ok(Some(chunk)) = resp.chunk().await {
        read += chunk.len();
        if read >= MAX_ANSWER {
            break;
        }
    }
}

/// Sends signed requests to one endpoint.
#[derive(Debug)]
pub struct Sender {
    client: reqwest::Client,
    /// The endpoint.
    pub url: url::Url,
    // A redacting type, so `{:?}` of a sender never shows the secret.
    secret: SecretSlice<u8>,
    /// Time each request may take.
    pub timeout: Duration,
}

impl Sender {
    /// A sender to `url` signing with `secret`.
    pub fn new(url: url::Url, secret: SecretSlice<u8>, timeout: Duration) -> Result<Sender> {
        Ok(Sender {
            client: client(timeout)?,
            url,
            secret,
            timeout,
        })
    }

    /// Signs `body` with this sender's secret, a fresh nonce and the current time.
    pub fn prepare(&self, body: &[u8], mutation: Mutation) -> Prepared {
        prepare(
            self.secret.expose_secret(),
            body,
            &new_nonce(),
            now_unix(),
            mutation,
        )
    }

    /// Sends one prepared request.
    pub async fn send(&self, p: &Prepared) -> Answer {
        self.send_to(&self.url, p).await
    }

    /// Sends one prepared request to `url` instead of this sender's URL.
    pub async fn send_to(&self, url: &url::Url, p: &Prepared) -> Answer {
        let mut req = self.client.post(url.clone()).body(p.body.clone());
        for (n, v) in &p.headers {
            req = req.header(n, v);
        }
        let started = Instant::now();
        let (status, error) = match req.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                drain(resp).await;
                (Some(status), None)
            }
            Err(e) => (None, Some(describe_error(&e, url.as_str()))),
        };
        Answer::new(status, started.elapsed(), error)
    }

    /// Signs `body` freshly (new nonce, now), applies `mutation`, sends.
    pub async fn signed(
        &self,
        label: &str,
        body: &[u8],
        mutation: Mutation,
        expect: Expect,
    ) -> (Outcome, Prepared) {
        let p = self.prepare(body, mutation);
        let outcome = self.resend(label, &p, expect).await;
        (outcome, p)
    }

    /// Sends each step freshly signed, in order, pausing `delay` between them;
    /// `report` sees each outcome as it comes.
    pub async fn send_steps(
        &self,
        steps: &[Step],
        expect: Expect,
        delay: Duration,
        report: &mut impl FnMut(&Outcome),
    ) -> Vec<Outcome> {
        let mut outcomes = Vec::with_capacity(steps.len());
        for (i, step) in steps.iter().enumerate() {
            if i > 0 && !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let (o, _) = self
                .signed(&step.label, &step.body, Mutation::None, expect)
                .await;
            report(&o);
            outcomes.push(o);
        }
        outcomes
    }

    /// Sends `p` as it is (same nonce and signature).
    pub async fn resend(&self, label: &str, p: &Prepared, expect: Expect) -> Outcome {
        let a = self.send(p).await;
        Outcome {
            label: label.to_owned(),
            status: a.status,
            latency: a.latency,
            expect,
            error: a.error,
            silence: a.silence,
            nonce: p.nonce.clone(),
        }
    }
}

/// Unix seconds now.
pub fn now_unix() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn describe_error(e: &reqwest::Error, url: &str) -> (Silence, String) {
    let cur = crate::sms::http::root_cause(e);
    if e.is_timeout() {
        (Silence::TimedOut, format!("no answer from {url} in time"))
    } else if e.is_connect() {
        (
            Silence::Unreachable,
            format!("cannot connect to {url} ({cur}); is your server running?"),
        )
    } else {
        (Silence::Dropped, format!("request to {url} failed: {cur}"))
    }
}

type Conn = hyper::client::conn::http1::SendRequest<http_body_util::Full<bytes::Bytes>>;

/// One keep-alive HTTP/1.1 connection driven by hyper directly: no pool, so
/// the client costs little next to the endpoint under test. Reconnects when
/// the server closes the connection.
pub struct DirectConn {
    addr: String,
    authority: String,
    path: String,
    send: Option<Conn>,
}

impl DirectConn {
    /// A connection to an `http://` URL (`None` for other schemes).
    pub fn for_url(u: &url::Url) -> Option<DirectConn> {
        if u.scheme() != "http" {
            return None;
        }
        let host = u.host_str()?.to_owned();
        let port = u.port_or_known_default()?;
        let authority = match u.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.clone(),
        };
        let path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        };
        Some(DirectConn {
            addr: format!(
                "{}:{port}",
                host.trim_start_matches('[').trim_end_matches(']')
            ),
            authority,
            path,
            send: None,
        })
    }

    async fn connect(&mut self) -> Result<(), (Silence, String)> {
        let stream = tokio::net::TcpStream::connect(&self.addr)
            .await
            .map_err(|e| {
                let text = format!(
                    "cannot connect to {} ({e}); is your server running?",
                    self.addr
                );
                (Silence::Unreachable, text)
            })?;
        let _ = stream.set_nodelay(true);
        let (send, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(|e| {
                    let text = format!("HTTP handshake with {} failed: {e}", self.addr);
                    (Silence::Dropped, text)
                })?;
        tokio::spawn(conn);
        self.send = Some(send);
        Ok(())
    }

    async fn exchange(&mut self, p: &Prepared) -> Result<u16, (Silence, String)> {
        // A connection the server closed (keep-alive ended) is replaced before sending.
        let usable = match self.send.as_mut() {
            Some(s) => s.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            self.connect().await?;
        }
        let send = self
            .send
            .as_mut()
            .ok_or((Silence::Dropped, "no connection".to_owned()))?;
        let mut req = hyper::Request::post(&self.path).header("host", &self.authority);
        for (n, v) in &p.headers {
            req = req.header(n, v);
        }
        let req = req
            .body(http_body_util::Full::new(bytes::Bytes::from(
                p.body.clone(),
            )))
            .map_err(|e| (Silence::Dropped, format!("cannot build the request: {e}")))?;
        let resp = send.send_request(req).await.map_err(|e| {
            self.send = None;
            (
                Silence::Dropped,
                format!("request to {} failed: {e}", self.addr),
            )
        })?;
        let status = resp.status().as_u16();
        let limited = http_body_util::Limited::new(resp.into_body(), MAX_ANSWER);
        if http_body_util::BodyExt::collect(limited).await.is_err() {
            // An answer over the cap (or broken) leaves the connection unusable.
            self.send = None;
        }
        Ok(status)
    }

    /// Sends one prepared request, waiting at most `timeout`.
    pub async fn send(&mut self, p: &Prepared, timeout: Duration) -> Answer {
        let started = Instant::now();
        let (status, error) = match tokio::time::timeout(timeout, self.exchange(p)).await {
            Ok(Ok(status)) => (Some(status), None),
            Ok(Err(e)) => (None, Some(e)),
            Err(_) => {
                self.send = None;
                let text = format!("no answer from {} in time", self.addr);
                (None, Some((Silence::TimedOut, text)))
            }
        };
        Answer::new(status, started.elapsed(), error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let url = url::Url::parse("http://127.0.0.1:9/").unwrap();
        let secret = b"s3cr3t-XYZ".to_vec();
        let shown = format!(
            "{:?}",
            Sender::new(url, secret.clone().into(), Duration::from_secs(1)).unwrap()
        );
        let as_bytes = format!("{secret:?}");
        let inner = &as_bytes[1..as_bytes.len() - 1];
        assert!(!shown.contains("s3cr3t-XYZ"), "{shown}");
        assert!(!shown.contains(inner), "{shown}");
        assert!(
            shown.contains("[REDACTED]"),
            "the field is there, redacted: {shown}"
        );
    }
}
