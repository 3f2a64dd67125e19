//! ngrok tunnel detection: asks a running ngrok agent's local API which
//! public URL forwards to `listen`'s port. It only reads; it never starts,
//! installs or configures anything.

use std::time::Duration;

use serde::Deserialize;

/// Where the ngrok agent serves its API unless `web_addr` was changed.
pub const DEFAULT_API: &str = "http://127.0.0.1:4040/api/tunnels";

/// How long the agent gets to answer; it is local, so this is generous.
pub const API_TIMEOUT: Duration = Duration::from_secs(2);
/// Most bytes of the agent's answer read (a real one is a few KiB).
pub const MAX_AGENT_ANSWER: usize = 1 << 20;

/// The agent's answer; unknown fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct TunnelList {
    /// Every tunnel the agent runs.
    #[serde(default)]
    pub tunnels: Vec<Tunnel>,
}

/// One tunnel as the agent lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Tunnel {
    /// The public URL, e.g. `https://abcd.ngrok-free.app`.
    #[serde(default)]
    pub public_url: String,
    /// `https`, `http`, `tcp`, ...
    #[serde(default)]
    pub proto: String,
    /// Where it forwards to.
    #[serde(default)]
    pub config: TunnelConfig,
}

/// A tunnel's local side.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TunnelConfig {
    /// The local address: `localhost:8080`, `http://localhost:8080`, `127.0.0.1:8080` or `8080`.
    #[serde(default)]
    pub addr: String,
}

/// What the agent said about `listen`'s port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// Exactly one public URL forwards to the port.
    Found(String),
    /// Several public URLs forward to the port (sorted).
    Several(Vec<String>),
    /// The agent runs, but no tunnel forwards to the port; the ports it does forward.
    NoneMatch(Vec<u16>),
    /// No agent answered (or it answered something else); the reason.
    Unavailable(String),
}

impl Detection {
    /// The public callback URL (with `path` appended) when exactly one tunnel matched.
    pub fn callback_url(&self, path: &str) -> Option<String> {
        match self {
            Detection::Found(url) => Some(join(url, path)),
            _ => None,
        }
    }

    /// The one line `listen` prints about the tunnel, e.g.
    /// `ngrok  https://abcd.ngrok-free.app/callbacks (from the agent at ...)`.
    pub fn line(&self, api: &str, port: u16, path: &str) -> String {
        match self {
            Detection::Found(url) => format!(
                "callback_url  {}   (ngrok tunnel, from {api})",
                join(url, path)
            ),
            Detection::Several(urls) => format!(
                "ngrok         {} tunnels forward to port {port} ({}); use one of them + {path}",
                urls.len(),
                urls.join(", ")
            ),
            Detection::NoneMatch(ports) if ports.is_empty() => format!(
                "ngrok         the agent at {api} runs no tunnel; start one with `ngrok http {port}`"
            ),
            Detection::NoneMatch(ports) => format!(
                "ngrok         no tunnel forwards to port {port} (the agent forwards to {}); start one with `ngrok http {port}`",
                ports
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Detection::Unavailable(why) => format!(
                "ngrok         no agent at {api} ({why}); run `ngrok http {port}` and use its https URL + {path}"
            ),
        }
    }
}

/// `base` + `path` without doubling or dropping the slash between them.
fn join(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

/// The original client in an `X-Forwarded-For` value: its first entry, when
/// that is an IP address (with or without a port); anything else is ignored.
pub fn forwarded_for(value: &str) -> Option<String> {
    let first = value.split(',').next()?.trim();
    let ok =
        first.parse::<std::net::IpAddr>().is_ok() || first.parse::<std::net::SocketAddr>().is_ok();
    ok.then(|| first.to_owned())
}

/// The public host a tunnel or proxy received a request on: `X-Forwarded-Host`,
/// else a `Host` that is a name other than localhost. Only plain host
/// characters are accepted, since the result is printed on a terminal.
pub fn public_host(forwarded_host: Option<&str>, host: Option<&str>) -> Option<String> {
    let plain = |h: &&str| {
        !h.is_empty()
            && h.len() <= 253
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
    };
    let forwarded = forwarded_host
        .and_then(|v| v.split(',').next())
        .map(str::trim)
        .filter(plain);
    let named = host.map(str::trim).filter(plain).filter(|h| {
        let name = h.rsplit_once(':').map_or(*h, |(n, _)| n);
        name.parse::<std::net::IpAddr>().is_err()
            && !name.eq_ignore_ascii_case("localhost")
            && !h.starts_with('[')
    });
    forwarded.or(named).map(str::to_owned)
}

/// The port in a tunnel's `config.addr`, in every spelling the agent uses:
/// `8080`, `localhost:8080`, `127.0.0.1:8080`, `[::1]:8080`, `http://localhost:8080/`.
/// A URL without a port gets its scheme's default.
pub fn port_of(addr: &str) -> Option<u16> {
    let addr = addr.trim();
    let (scheme, rest) = match addr.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r),
        None => (None, addr),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.bytes().all(|b| b.is_ascii_digit()) && !authority.is_empty() {
        return authority.parse().ok();
    }
    let port = match authority.rsplit_once(':') {
        // `[::1]` alone has colons but no port.
        Some((host, port)) if !host.ends_with('[') && !port.contains(']') => Some(port),
        _ => None,
    };
    match (port, scheme.as_deref()) {
        (Some(p), _) => p.parse().ok(),
        (None, Some("https")) => Some(443),
        (None, Some("http")) => Some(80),
        _ => None,
    }
}

/// Picks the tunnels that forward to `port`, preferring `https` public URLs.
pub fn pick(list: &TunnelList, port: u16) -> Detection {
    let matching: Vec<&Tunnel> = list
        .tunnels
        .iter()
        .filter(|t| port_of(&t.config.addr) == Some(port) && !t.public_url.is_empty())
        .collect();
    let https: Vec<&Tunnel> = matching
        .iter()
        .copied()
        .filter(|t| t.proto == "https" || t.public_url.starts_with("https://"))
        .collect();
    let chosen = if https.is_empty() { matching } else { https };
    let mut urls: Vec<String> = chosen.iter().map(|t| t.public_url.clone()).collect();
    urls.sort();
    urls.dedup();
    match urls.len() {
        0 => {
            let mut ports: Vec<u16> = list
                .tunnels
                .iter()
                .filter_map(|t| port_of(&t.config.addr))
                .collect();
            ports.sort_unstable();
            ports.dedup();
            Detection::NoneMatch(ports)
        }
        1 => Detection::Found(urls.remove(0)),
        _ => Detection::Several(urls),
    }
}

/// Asks the agent at `api` (a full URL such as [`DEFAULT_API`]) about `port`.
pub async fn detect(api: &str, port: u16) -> Detection {
    let client = match crate::sms::http::http_client(API_TIMEOUT) {
        Ok(c) => c,
        Err(e) => return Detection::Unavailable(format!("{e:#}")),
    };
    let resp = match client.get(api).send().await {
        Ok(r) => r,
        Err(e) if e.is_timeout() => return Detection::Unavailable("no answer in time".into()),
        Err(e) => return Detection::Unavailable(crate::sms::http::root_cause(&e)),
    };
    if !resp.status().is_success() {
        return Detection::Unavailable(format!("it answered {}", resp.status().as_u16()));
    }
    match read_list(resp).await {
        Ok(list) => pick(&list, port),
        Err(why) => Detection::Unavailable(why),
    }
}

/// The agent's tunnel list, reading at most [`MAX_AGENT_ANSWER`] bytes of
/// it: a broken or hostile agent cannot make `listen` buffer a huge answer.
async fn read_list(mut resp: reqwest::Response) -> Result<TunnelList, String> {
    let too_large = || format!("its answer is over {} KiB", MAX_AGENT_ANSWER / 1024);
    if resp
        .content_length()
        .is_some_and(|n| n > MAX_AGENT_ANSWER as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| crate::sms::http::root_cause(&e))?
    {
        if body.len() + chunk.len() > MAX_AGENT_ANSWER {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    serde_json::from_slice(&body).map_err(|_| "its answer is not the tunnel list".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(json: &str) -> TunnelList {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn ports_in_every_spelling() {
        for (addr, port) in [
            ("8080", Some(8080)),
            ("localhost:8080", Some(8080)),
            ("127.0.0.1:8080", Some(8080)),
            ("http://localhost:8080", Some(8080)),
            ("http://localhost:8080/", Some(8080)),
            ("https://127.0.0.1:8443/x", Some(8443)),
            ("[::1]:8080", Some(8080)),
            ("http://[::1]:9000", Some(9000)),
            ("http://localhost", Some(80)),
            ("https://localhost", Some(443)),
            ("[::1]", None),
            ("localhost", None),
            ("", None),
            ("localhost:99999", None),
        ] {
            assert_eq!(port_of(addr), port, "{addr}");
        }
    }

    #[test]
    fn prefers_https_and_dedups() {
        let l = list(
            r#"{"tunnels":[
              {"name":"a (http)","public_url":"http://a.ngrok-free.app","proto":"http","config":{"addr":"http://localhost:8080"}},
              {"name":"a","public_url":"https://a.ngrok-free.app","proto":"https","config":{"addr":"localhost:8080","inspect":true}},
              {"name":"b","public_url":"https://b.ngrok-free.app","proto":"https","config":{"addr":"9090"}}
            ],"uri":"/api/tunnels","new_field":1}"#,
        );
        assert_eq!(
            pick(&l, 8080),
            Detection::Found("https://a.ngrok-free.app".into())
        );
        assert_eq!(pick(&l, 7000), Detection::NoneMatch(vec![8080, 9090]));
        let d = pick(&l, 8080);
        assert_eq!(
            d.callback_url("/cb").as_deref(),
            Some("https://a.ngrok-free.app/cb")
        );
    }

    #[test]
    fn several_and_none() {
        let l = list(
            r#"{"tunnels":[
              {"public_url":"https://a.ngrok.app","proto":"https","config":{"addr":"127.0.0.1:8080"}},
              {"public_url":"https://b.ngrok.app","proto":"https","config":{"addr":"8080"}}
            ]}"#,
        );
        let d = pick(&l, 8080);
        assert_eq!(
            d,
            Detection::Several(vec![
                "https://a.ngrok.app".into(),
                "https://b.ngrok.app".into()
            ])
        );
        assert!(d.line("api", 8080, "/").contains("2 tunnels"));
        assert_eq!(d.callback_url("/"), None);
        let empty = pick(&list(r#"{"tunnels":[]}"#), 8080);
        assert_eq!(empty, Detection::NoneMatch(vec![]));
        assert!(empty.line("api", 8080, "/").contains("runs no tunnel"));
    }

    #[test]
    fn http_only_tunnel_is_used_when_no_https() {
        let l = list(
            r#"{"tunnels":[{"public_url":"http://a.ngrok.app","proto":"http","config":{"addr":"8080"}}]}"#,
        );
        assert_eq!(
            pick(&l, 8080),
            Detection::Found("http://a.ngrok.app".into())
        );
    }

    #[test]
    fn forwarded_for_takes_the_first_address() {
        assert_eq!(forwarded_for("203.0.113.7").as_deref(), Some("203.0.113.7"));
        assert_eq!(
            forwarded_for(" 2001:db8::1 , 10.0.0.1").as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(
            forwarded_for("203.0.113.7:5555").as_deref(),
            Some("203.0.113.7:5555")
        );
        assert_eq!(forwarded_for("<script>"), None);
        assert_eq!(forwarded_for(""), None);
    }

    #[test]
    fn public_host_from_forwarded_or_named_host() {
        assert_eq!(
            public_host(Some("abcd.ngrok-free.app"), Some("127.0.0.1:8080")).as_deref(),
            Some("abcd.ngrok-free.app")
        );
        assert_eq!(
            public_host(None, Some("abcd.ngrok-free.app")).as_deref(),
            Some("abcd.ngrok-free.app")
        );
        assert_eq!(public_host(None, Some("127.0.0.1:8080")), None);
        assert_eq!(public_host(None, Some("localhost:8080")), None);
        assert_eq!(public_host(None, Some("[::1]:8080")), None);
        assert_eq!(public_host(Some("evil\u{1b}[31m"), None), None);
    }

    #[test]
    fn join_keeps_one_slash() {
        assert_eq!(join("https://a.app/", "/cb"), "https://a.app/cb");
        assert_eq!(join("https://a.app", "cb"), "https://a.app/cb");
        assert_eq!(join("https://a.app", "/"), "https://a.app/");
    }
}
