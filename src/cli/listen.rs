//! Arguments of `listen`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::parse::{parse_duration, parse_size};
use super::webhook::SecretArgs;

/// Conditions that end `listen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Until {
    /// Every tracked message reached a final status.
    Final,
}

/// What makes `listen` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A message ended in a failure status (Failed, Rejected, Expired, Aborted, ...): exit 6.
    Failed,
    /// A request was rejected (bad, stale or replayed signature, ...): exit 3.
    Rejected,
}

/// Arguments of `sinchctl listen`.
#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Address to bind; anything but loopback exposes the receiver beyond this machine.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: String,

    /// Port to bind; 0 picks a free one (the first stderr line names it).
    #[arg(long, default_value_t = 8080, value_name = "PORT")]
    pub port: u16,

    /// Serve only this path (others get 404); default: every path.
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// The secret to verify with.
    #[command(flatten)]
    pub secret: SecretArgs,

    /// Accept every request without checking signatures (tinkering only; lines are marked UNVERIFIED).
    #[arg(long, conflicts_with = "secret")]
    pub no_verify: bool,

    /// Reject timestamps further than this many seconds from now, either way.
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::signature::DEFAULT_MAX_AGE)]
    pub max_age: u64,

    /// Largest body accepted (bytes, or with KiB/MiB); larger ones get 413 unread.
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = parse_size)]
    pub max_body: usize,

    /// Time a client gets to send its request headers.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: std::time::Duration,

    /// Time a client gets to send its request body.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub request_timeout: std::time::Duration,

    /// Most nonces remembered for replay detection (each is kept only for the --max-age window).
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_nonces: usize,

    /// Most messages tracked one by one; beyond it the oldest final ones are only counted.
    #[arg(long, value_name = "N", default_value_t = crate::listen::tracker::DEFAULT_MAX_TRACKED)]
    pub max_tracked: usize,

    /// Print one JSON object per request on stdout (NDJSON), then a summary object.
    #[arg(long)]
    pub json: bool,

    /// Append every accepted callback (headers, raw body, time, verdict) to FILE as a JSON
    /// line before acknowledging it; if it cannot be written the answer is 503.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// fsync the record file before each acknowledgement.
    #[arg(long, requires = "record")]
    pub fsync: bool,

    /// Pass each accepted callback (raw body, signature headers) to this URL and answer
    /// with its status.
    #[arg(long, value_name = "URL")]
    pub forward_to: Option<String>,

    /// Time the --forward-to app gets to answer (then 504).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_duration)]
    pub forward_timeout: std::time::Duration,

    /// Exit 0 after N accepted callbacks.
    #[arg(long, value_name = "N")]
    pub exit_after: Option<u64>,

    /// Exit once every tracked message reached a final status.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub until: Option<Until>,

    /// Stop after this long (e.g. 90s, 5m); exit 5 if --exit-after/--until was not reached.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// Exit non-zero at the end when this happened (repeatable).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Vec<FailOn>,

    /// Serve a live dashboard on 127.0.0.1 (its own port, never the callback port);
    /// its URL is printed on stderr.
    #[arg(long)]
    pub ui: bool,

    /// Address of the dashboard; only loopback addresses are accepted (it shows phone
    /// numbers and message text).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1", value_parser = loopback_ip, requires = "ui")]
    pub ui_host: std::net::IpAddr,

    /// Port of the dashboard, 0-65535 (0 picks a free one).
    #[arg(long, value_name = "PORT", default_value_t = crate::dashboard::DEFAULT_PORT, requires = "ui")]
    pub ui_port: u16,

    /// Open the dashboard in the default browser.
    #[arg(long, requires = "ui")]
    pub open: bool,

    /// The ngrok agent API asked for the public URL of a tunnel to this port.
    #[arg(long, value_name = "URL", default_value = crate::listen::tunnel::DEFAULT_API)]
    pub ngrok_api: String,

    /// Do not ask an ngrok agent for the public URL.
    #[arg(long)]
    pub no_ngrok: bool,
}

/// Parses a dashboard address and refuses any that other machines could reach.
fn loopback_ip(text: &str) -> Result<std::net::IpAddr, String> {
    let ip: std::net::IpAddr = text
        .parse()
        .map_err(|_| format!("{text:?} is not an IP address; use 127.0.0.1 or ::1"))?;
    let addr = std::net::SocketAddr::new(ip, 0);
    crate::dashboard::guard::check_loopback(&addr)?;
    Ok(ip)
}
