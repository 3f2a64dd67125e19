//! Arguments of `listen`: typed (IP address, URL, bounded durations, sizes
//! and counts), so every value is checked at parse time with a usage error.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::parse::{parse_duration_in, parse_size_in};
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
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR", value_parser = parse_host)]
    pub host: IpAddr,

    /// Port to bind; 0 picks a free one (the first stderr line names it).
    #[arg(long, default_value_t = 8080, value_name = "PORT", value_parser = super::parse::int_in::<u16>(0, 65_535))]
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

    /// Reject timestamps further than this many seconds from now, either way (1 to 86400).
    #[arg(long, value_name = "SECONDS", default_value_t = crate::webhook::signature::DEFAULT_MAX_AGE,
          value_parser = super::parse::int_in::<u64>(1, 86_400))]
    pub max_age: u64,

    /// Largest body accepted (bytes, or with KiB/MiB; 1B to 64MiB); larger ones get 413 unread.
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = parse_max_body)]
    pub max_body: usize,

    /// Time a client gets to send its request headers (100ms to 10m).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_short_duration)]
    pub header_timeout: Duration,

    /// Time a client gets to send its request body (100ms to 10m).
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_short_duration)]
    pub request_timeout: Duration,

    /// Most nonces remembered for replay detection (1 to 10000000); each is kept for its
    /// --max-age window. When it is full of nonces still inside their window, new callbacks
    /// get 503 (Sinch retries later) so a replay is never let through.
    #[arg(long, value_name = "N", default_value_t = 1_000_000,
          value_parser = super::parse::int_in::<u64>(1, 10_000_000))]
    pub max_nonces: u64,

    /// Most messages tracked one by one (1 to 10000000); beyond it the final ones that finished
    /// first are only counted. From 8192 up the cap is split evenly over up to 16 parts (by
    /// message id), so one part can fill, fold or overflow a little before the total is reached.
    #[arg(long, value_name = "N", default_value_t = crate::listen::tracker::DEFAULT_MAX_TRACKED as u64,
          value_parser = super::parse::int_in::<u64>(1, 10_000_000))]
    pub max_tracked: u64,

    /// Most connections open at once (1 to 1000000; default: from the open-file limit, with
    /// headroom). At the cap the oldest idle connection is closed to admit a new one.
    #[arg(long, value_name = "N", value_parser = super::parse::int_in::<u64>(1, 1_000_000))]
    pub max_connections: Option<u64>,

    /// Print one JSON object per request on stdout (NDJSON), then a summary object.
    /// Either way at most 4MiB of output lines wait for a slow reader; beyond that answers
    /// slow down, and no line is dropped.
    #[arg(long)]
    pub json: bool,

    /// Append every accepted callback (headers, raw body, time, verdict, status) to FILE as
    /// a JSON line before acknowledging it; if it cannot be written the answer is 503.
    /// Created with mode 0600 (an existing file is made 0600); must be a regular file, not a
    /// symbolic link.
    /// At most 4MiB of lines wait for the file; beyond that answers slow down.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,

    /// Append every request refused after its body was read (bad, stale or replayed
    /// signature) to FILE as a JSON line with its reason; `sinchctl verify --request`
    /// reads such a line to diagnose it.
    #[arg(long, value_name = "FILE")]
    pub record_rejected: Option<PathBuf>,

    /// fsync the record file before each acknowledgement. Concurrent callbacks share one
    /// write and one sync (group commit); grouping happens mainly with --fsync.
    #[arg(long, requires = "record")]
    pub fsync: bool,

    /// Pass each accepted callback (raw body, signature headers) to this http(s) URL and
    /// answer with its status (`localhost:3000/hook` means http://). Redirects are not
    /// followed (502); the app's answer is passed back up to 64KiB.
    #[arg(long, value_name = "URL", value_parser = parse_forward_url)]
    pub forward_to: Option<url::Url>,

    /// Time the --forward-to app gets to answer (then 504; 100ms to 10m).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = parse_short_duration)]
    pub forward_timeout: Duration,

    /// Exit 0 after N accepted callbacks (1 to 1000000000000).
    #[arg(long, value_name = "N", value_parser = super::parse::int_in::<u64>(1, 1_000_000_000_000))]
    pub exit_after: Option<u64>,

    /// Exit once every tracked message reached a final status.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub until: Option<Until>,

    /// Stop after this long (e.g. 90s, 5m; 100ms to 30 days); exit 5 if --exit-after/--until
    /// was not reached.
    #[arg(long, value_name = "DURATION", value_parser = parse_run_timeout)]
    pub timeout: Option<Duration>,

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
    #[arg(long, value_name = "PORT", default_value_t = crate::dashboard::DEFAULT_PORT, requires = "ui",
          value_parser = super::parse::int_in::<u16>(0, 65_535))]
    pub ui_port: u16,

    /// Open the dashboard in the default browser.
    #[arg(long, requires = "ui")]
    pub open: bool,

    /// The ngrok agent API asked for the public URL of a tunnel to this port.
    #[arg(long, value_name = "URL", default_value = crate::listen::tunnel::DEFAULT_API,
          value_parser = super::parse::http_url)]
    pub ngrok_api: url::Url,

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

fn parse_host(text: &str) -> Result<IpAddr, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not an IP address; use e.g. 127.0.0.1 or ::1"))
}

fn parse_short_duration(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_millis(100), Duration::from_secs(600))
}

fn parse_run_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(
        text,
        Duration::from_millis(100),
        Duration::from_secs(30 * 86_400),
    )
}

fn parse_max_body(text: &str) -> Result<usize, String> {
    parse_size_in(text, 1, 0x400_0000)
}

/// Parses a forward target: http or https with a host; a bare `host:port/path`
/// means http, as in the webhook tools people know.
pub fn parse_forward_url(text: &str) -> Result<url::Url, String> {
    let t = text.trim();
    let explicit = url::Url::parse(t).ok().filter(|u| {
        // `localhost:3000/x` parses as scheme "localhost"; a digit after the colon means a port.
        let rest = t.get(u.scheme().len() + 1..).unwrap_or_default();
        let port_like = rest.starts_with(|c: char| c.is_ascii_digit());
        // `user:pw@host/x`: user information, not a scheme.
        let userinfo =
            !rest.starts_with('/') && rest.split('/').next().is_some_and(|h| h.contains('@'));
        !port_like && !userinfo
    });
    let url = match explicit {
        Some(u) => u,
        None if t.contains("://") || t.is_empty() => {
            return Err(format!(
                "{text:?} is not a URL; use e.g. http://127.0.0.1:3000/hook"
            ));
        }
        None => url::Url::parse(&format!("http://{t}")).map_err(|e| {
            format!("{text:?} is not a URL ({e}); use e.g. http://127.0.0.1:3000/hook")
        })?,
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "{}: scheme is not supported; --forward-to takes an http:// or https:// URL",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "{text:?} has no host; use e.g. http://127.0.0.1:3000/hook"
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_urls() {
        let ok = |t: &str| parse_forward_url(t).unwrap().to_string();
        assert_eq!(ok("localhost:3000/path"), "http://localhost:3000/path");
        assert_eq!(ok("127.0.0.1:3000"), "http://127.0.0.1:3000/");
        assert_eq!(ok("u:p@127.0.0.1:3000/h"), "http://u:p@127.0.0.1:3000/h");
        assert_eq!(ok("https://app.example/h"), "https://app.example/h");
        for bad in [
            "ftp://x/y",
            "file:///etc/passwd",
            "file:/etc/passwd",
            "http://",
            "not a url",
            "",
            "data:text/plain,hi",
        ] {
            assert!(parse_forward_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds() {
        assert!(parse_short_duration("18446744073709551615").is_err());
        assert!(parse_short_duration("0").is_err());
        assert!(parse_short_duration("10s").is_ok());
        assert!(parse_max_body("0").is_err());
        assert!(parse_max_body("65MiB").is_err());
        assert!(
            parse_host("nope")
                .unwrap_err()
                .contains("not an IP address")
        );
    }
}
