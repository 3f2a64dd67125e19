//! The listener's configuration: everything fixed for its lifetime, typed
//! and already validated (the command line edge does the checking).

use std::fmt;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::listen::events::Notices;
use secrecy::{ExposeSecret, SecretSlice};

use crate::output::Painter;

/// A webhook secret whose `Debug` never shows the value (and whose bytes
/// are zeroed when dropped).
pub struct Secret(SecretSlice<u8>, Option<String>);

impl Secret {
    /// Wraps the secret bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret(SecretSlice::from(bytes.into()), None)
    }

    /// Names where the secret came from (e.g. `env SINCH_WEBHOOK_SECRET`), for
    /// explaining a mismatch.
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.1 = Some(source.into());
        self
    }

    /// Where the secret came from, when known.
    pub fn source(&self) -> Option<&str> {
        self.1.as_deref()
    }

    /// The bytes, for computing a MAC.
    pub fn expose(&self) -> &[u8] {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// Where accepted callbacks are appended before they are acknowledged.
#[derive(Debug, Clone)]
pub struct RecordConfig {
    /// The file (created 0600; must be a regular file).
    pub path: PathBuf,
    /// Sync the file before acknowledging.
    pub fsync: bool,
}

/// The app accepted callbacks are passed on to.
#[derive(Debug, Clone)]
pub struct ForwardConfig {
    /// An http(s) URL with a host.
    pub url: url::Url,
    /// Time the app gets to answer (then 504).
    pub timeout: Duration,
}

/// How each request is shown on the output stream.
#[derive(Debug, Clone)]
pub enum LineFormat {
    /// Coloured lines for people, times in `tz`.
    Human {
        /// Colour for the stream.
        painter: Painter,
        /// Time zone for the times shown.
        tz: jiff::tz::TimeZone,
    },
    /// One JSON object per request.
    Json,
}

/// The stream lines are written to, and their format.
pub struct OutputConfig {
    /// Line format.
    pub format: LineFormat,
    /// The stream (stdout for the command); a write error ends the listener.
    pub writer: Box<dyn Write + Send>,
}

impl fmt::Debug for OutputConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutputConfig")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

/// Sizes, times and counts that bound the listener's work and memory.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest body accepted, in bytes.
    pub max_body: usize,
    /// Time allowed for a request's headers to arrive.
    pub header_timeout: Duration,
    /// Time allowed for a request's body to arrive.
    pub request_timeout: Duration,
    /// Most nonces remembered; when full of live ones new callbacks get 503.
    pub max_nonces: usize,
    /// Most messages tracked one by one.
    pub max_tracked: usize,
    /// Most connections open at once.
    pub max_connections: usize,
}

/// Everything a [`crate::listen::Listener`] needs.
#[derive(Debug)]
pub struct ListenerConfig {
    /// Address to bind (port 0: any free one).
    pub bind: SocketAddr,
    /// Only this path is served (others get 404); `None` serves every path.
    pub path: Option<String>,
    /// The webhook secret; `None` accepts everything unverified.
    pub secret: Option<Secret>,
    /// Timestamp tolerance in seconds, both directions.
    pub max_age: u64,
    /// Bounds.
    pub limits: Limits,
    /// Append accepted callbacks here before acknowledging.
    pub record: Option<RecordConfig>,
    /// Append refused requests whose body was read (bad signature, stale,
    /// replayed) here, for `verify --request`.
    pub record_rejected: Option<RecordConfig>,
    /// Pass accepted callbacks on to this app.
    pub forward: Option<ForwardConfig>,
    /// Stop after this many accepted callbacks.
    pub exit_after: Option<u64>,
    /// Stop once every tracked message is final.
    pub until_final: bool,
    /// Write a line per request here.
    pub output: Option<OutputConfig>,
    /// Where notices for people go (a full replay cache, a public host).
    pub notices: Notices,
}

/// `url` without any `user:password`, for showing.
pub fn display_url(url: &url::Url) -> String {
    crate::config::without_userinfo(url.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_credentials_are_not_shown() {
        assert_eq!(format!("{:?}", Secret::new("s3cr3t")), "Secret(<redacted>)");
        let url = url::Url::parse("http://user:pw@127.0.0.1:3000/hook").unwrap();
        assert_eq!(display_url(&url), "http://127.0.0.1:3000/hook");
    }
}
