//! Value parsers for flags: durations and sizes (from [`crate::units`]) and
//! the ranged parsers of the SMS and webhook commands' numeric flags.

use std::time::Duration;

pub use crate::units::{
    int_in, parse_duration, parse_duration_in, parse_f64_in, parse_size, parse_size_in,
};

/// `--request-timeout` of the SMS commands: 1s to 10m.
pub fn request_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_secs(1), Duration::from_secs(600))
}

/// `send --timeout`: 1s to 24h.
pub fn wait_timeout(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_secs(1), Duration::from_secs(86_400))
}

/// `send --poll-interval`: 10ms to 1h.
pub fn poll_interval(text: &str) -> Result<Duration, String> {
    parse_duration_in(text, Duration::from_millis(10), Duration::from_secs(3600))
}

/// Clap's parser for a URL flag: absolute http or https URLs only.
pub fn http_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text.trim())
        .map_err(|e| format!("{text:?} is not a URL ({e}); write e.g. https://host/path"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!("{text:?} is not an http(s) URL with a host"));
    }
    Ok(url)
}

/// `text` with the `user:password@` part of every URL in it replaced by
/// `***@`, so a rejected URL flag is never echoed with its credentials.
pub fn hide_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#' | '\'' | '"' | '\x1b') || c.is_whitespace())
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(user_end) => {
                out.push_str("***");
                rest = &tail[user_end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_hidden_wherever_a_url_appears() {
        assert_eq!(
            hide_userinfo("invalid value 'ftp://user:hunter2@host/x' for '--forward-to <URL>'"),
            "invalid value 'ftp://***@host/x' for '--forward-to <URL>'"
        );
        assert_eq!(
            hide_userinfo("\"http://u:p@\" is not a URL; http://a@b:1 too"),
            "\"http://***@\" is not a URL; http://***@b:1 too"
        );
        let plain = "use e.g. http://127.0.0.1:3000/hook or mailto:x@y";
        assert_eq!(hide_userinfo(plain), plain);
    }
}
