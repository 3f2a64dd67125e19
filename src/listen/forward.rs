//! `--forward-to`: passes an accepted callback (raw body, signature headers)
//! to the app, never follows a redirect, and caps the answer passed back.

use std::time::Duration;

use anyhow::{Context as _, Result};
use bytes::Bytes;
use hyper::HeaderMap;
use hyper::header::CONTENT_TYPE;

use crate::listen::config::ForwardConfig;

/// Most bytes of the app's answer passed back to the caller.
pub const MAX_ANSWER: usize = 64 * 1024;

/// What happened when forwarding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forwarded {
    /// The app answered with this status.
    Answered(u16),
    /// The app could not be reached, did not answer in time, redirected or
    /// answered too much.
    Failed(String),
}

/// The answer to give the caller after forwarding.
pub struct Answer {
    /// What happened.
    pub outcome: Forwarded,
    /// Status for the caller.
    pub status: u16,
    /// Body for the caller.
    pub body: Bytes,
}

/// A client bound to one app URL.
pub struct Forwarder {
    client: reqwest::Client,
    url: url::Url,
}

impl Forwarder {
    /// Builds the client: no redirects, the configured timeout.
    pub fn new(config: &ForwardConfig) -> Result<Forwarder> {
        // reqwest is built without a default crypto provider; a second install is a no-op.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("sinchctl/", env!("CARGO_PKG_VERSION")))
            .build()
            .context("cannot build the HTTP client for --forward-to")?;
        Ok(Forwarder {
            client,
            url: config.url.clone(),
        })
    }

    /// Posts `body` with the signature headers and content type of `headers`.
    pub async fn forward(&self, headers: &HeaderMap, body: Bytes) -> Answer {
        let mut req = self.client.post(self.url.clone()).body(body);
        for (name, value) in headers {
            if name.as_str().starts_with("x-sinch-") || name == CONTENT_TYPE {
                req = req.header(name.as_str(), value.as_bytes());
            }
        }
        match req.send().await {
            Ok(resp) => read_answer(resp).await,
            Err(e) if e.is_timeout() => failed(504, "the app did not answer in time".to_owned()),
            Err(e) => failed(
                502,
                format!(
                    "the app is unreachable ({})",
                    crate::sms::http::root_cause(&e)
                ),
            ),
        }
    }
}

fn failed(status: u16, why: String) -> Answer {
    Answer {
        body: Bytes::from(format!("{why}\n")),
        outcome: Forwarded::Failed(why),
        status,
    }
}

async fn read_answer(mut resp: reqwest::Response) -> Answer {
    let status = resp.status().as_u16();
    if resp.status().is_redirection() {
        return failed(
            502,
            format!(
                "the app answered {status} (a redirect, not followed; point --forward-to at the final URL)"
            ),
        );
    }
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > MAX_ANSWER => {
                return failed(
                    502,
                    format!("the app's answer is over {} KiB", MAX_ANSWER / 1024),
                );
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return failed(504, "the app did not finish its answer in time".to_owned());
            }
            Err(e) => {
                return failed(
                    502,
                    format!(
                        "the app's answer broke off ({})",
                        crate::sms::http::root_cause(&e)
                    ),
                );
            }
        }
    }
    Answer {
        outcome: Forwarded::Answered(status),
        status,
        body: Bytes::from(body),
    }
}
