//! HTTP client construction: reqwest with rustls and the ring provider,
//! shared by `listen --forward-to`, `simulate` and the Sinch API client.

use std::time::Duration;

use anyhow::{Context as _, Result};

/// A reqwest client with a total per-request timeout.
pub fn http_client(timeout: Duration) -> Result<reqwest::Client> {
    // reqwest is built without a default crypto provider; installing one
    // twice is harmless, the second attempt just returns Err.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(timeout)
        // A followed redirect can turn one POST into several batches: never follow.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("sinchctl/", env!("CARGO_PKG_VERSION")))
        .build()
        .context("cannot build the HTTP client")
}

/// The innermost cause of an error chain, e.g. "Connection refused (os error 111)".
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
