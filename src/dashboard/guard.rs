//! What keeps other web sites away from the dashboard: a loopback-only bind,
//! a per-process random token, and `Host`/`Origin` checks (any page open in
//! the same browser can send requests to localhost, and DNS rebinding can
//! make a foreign name resolve to 127.0.0.1).

use std::net::SocketAddr;

use subtle::ConstantTimeEq as _;

/// The header state-changing requests carry the token in.
pub const TOKEN_HEADER: &str = "x-sinchctl-token";

/// Why a request was refused: status and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: u16,
    /// What was wrong.
    pub reason: &'static str,
}

/// The token and the names the dashboard answers to.
pub struct Guard {
    token: String,
    hosts: Vec<String>,
    origins: Vec<String>,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("token", &"<redacted>")
            .field("hosts", &self.hosts)
            .finish()
    }
}

/// Refuses any address other machines could reach.
pub fn check_loopback(addr: &SocketAddr) -> Result<(), String> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(format!(
            "the dashboard shows phone numbers and message text, so it only binds to loopback; {} is not (use 127.0.0.1)",
            addr.ip()
        ))
    }
}

impl Guard {
    /// A guard for a dashboard bound to `addr`, with a fresh random token.
    pub fn new(addr: SocketAddr) -> anyhow::Result<Self> {
        let mut raw = [0u8; 32];
        getrandom::fill(&mut raw)
            .map_err(|e| anyhow::anyhow!("cannot get random bytes for the dashboard token: {e}"))?;
        let token = raw.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Self::with_token(addr, token))
    }

    fn with_token(addr: SocketAddr, token: String) -> Self {
        let port = addr.port();
        let mut names = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        let own = addr.to_string();
        if !names.contains(&own) {
            names.push(own);
        }
        Guard {
            token,
            origins: names.iter().map(|n| format!("http://{n}")).collect(),
            hosts: names,
        }
    }

    /// The token, for embedding in the page.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether a `Host` header names this dashboard (refuses rebinding names).
    pub fn host_ok(&self, host: Option<&str>) -> Result<(), Refusal> {
        match host {
            Some(h) if self.hosts.iter().any(|n| n.eq_ignore_ascii_case(h)) => Ok(()),
            _ => Err(Refusal {
                status: 421,
                reason: "this dashboard only answers to 127.0.0.1 or localhost with its port",
            }),
        }
    }

    /// Whether `given` is the token, in constant time.
    pub fn token_ok(&self, given: Option<&str>) -> Result<(), Refusal> {
        let ok = given.is_some_and(|g| {
            g.len() == self.token.len() && bool::from(g.as_bytes().ct_eq(self.token.as_bytes()))
        });
        if ok {
            Ok(())
        } else {
            Err(Refusal {
                status: 403,
                reason: "missing or wrong dashboard token; reload the page",
            })
        }
    }

    /// The checks for a state-changing request: host, then origin, then token.
    pub fn action_ok(
        &self,
        host: Option<&str>,
        origin: Option<&str>,
        token: Option<&str>,
    ) -> Result<(), Refusal> {
        self.host_ok(host)?;
        let same_origin =
            origin.is_some_and(|o| self.origins.iter().any(|n| n.eq_ignore_ascii_case(o)));
        if !same_origin {
            return Err(Refusal {
                status: 403,
                reason: "requests that change something must come from the dashboard page itself (Origin)",
            });
        }
        self.token_ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::with_token("127.0.0.1:4041".parse().unwrap(), "t0k".into())
    }

    #[test]
    fn only_loopback_binds() {
        assert!(check_loopback(&"127.0.0.1:0".parse().unwrap()).is_ok());
        assert!(check_loopback(&"[::1]:0".parse().unwrap()).is_ok());
        assert!(check_loopback(&"0.0.0.0:0".parse().unwrap()).is_err());
        assert!(check_loopback(&"192.0.2.1:4041".parse().unwrap()).is_err());
    }

    #[test]
    fn hosts_and_origins() {
        let g = guard();
        assert!(g.host_ok(Some("127.0.0.1:4041")).is_ok());
        assert!(g.host_ok(Some("LOCALHOST:4041")).is_ok());
        assert!(g.host_ok(Some("evil.example:4041")).is_err());
        assert!(g.host_ok(Some("127.0.0.1:4042")).is_err());
        assert!(g.host_ok(None).is_err());
        let host = Some("127.0.0.1:4041");
        let own = Some("http://127.0.0.1:4041");
        let table: [(Option<&str>, Option<&str>, Option<u16>); 8] = [
            (own, Some("t0k"), None),
            (Some("http://localhost:4041"), Some("t0k"), None),
            (Some("https://evil.example"), Some("t0k"), Some(403)),
            (None, Some("t0k"), Some(403)),
            (Some("null"), Some("t0k"), Some(403)),
            (own, Some("t0x"), Some(403)),
            (own, Some(""), Some(403)),
            (own, None, Some(403)),
        ];
        for (origin, token, refused) in table {
            let got = g.action_ok(host, origin, token).err().map(|r| r.status);
            assert_eq!(got, refused, "{origin:?} {token:?}");
        }
        let rebound = g.action_ok(Some("evil.example:4041"), own, Some("t0k"));
        assert_eq!(rebound.unwrap_err().status, 421);
    }

    #[test]
    fn fresh_tokens_differ_and_never_print() {
        let addr = "127.0.0.1:1".parse().unwrap();
        let (a, b) = (Guard::new(addr).unwrap(), Guard::new(addr).unwrap());
        assert_ne!(a.token(), b.token());
        assert_eq!(a.token().len(), 64);
        assert!(!format!("{a:?}").contains(a.token()));
    }
}
