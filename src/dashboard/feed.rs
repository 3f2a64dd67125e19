//! How the dashboard follows a [`Listener`](crate::listen::Listener): the
//! task that takes every request the listener publishes, and the mapping
//! of a [`Seen`] request to what the page shows about it.

use std::sync::Arc;

use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinHandle;

use crate::dashboard::Running;
use crate::dashboard::hub::{self, Incoming};
use crate::listen::{Forwarded, Seen, Verdict, tunnel};
use crate::webhook::callback::Parsed;

impl Running {
    /// Shows every request `seen` delivers until the listener closes the
    /// channel; the returned task ends then.
    pub fn follow(&self, mut seen: broadcast::Receiver<Arc<Seen>>) -> JoinHandle<()> {
        let feed = self.feed();
        tokio::spawn(async move {
            loop {
                match seen.recv().await {
                    Ok(s) => feed.record(incoming(&s)),
                    // The page shows what it can; counts stay right in listen's own summary.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                }
            }
        })
    }
}

/// What the dashboard is told about one handled request.
pub fn incoming(seen: &Seen) -> Incoming {
    let (d, parsed) = (&seen.request, seen.parsed.as_ref());
    let (verdict, reason_code, reason, cause) = match (&d.verdict, &d.forwarded, &d.record_error) {
        (
            Verdict::Rejected {
                code,
                message,
                cause,
            },
            _,
            _,
        ) => (
            "rejected",
            Some(code.clone()),
            Some(message.clone()),
            cause.clone(),
        ),
        (_, _, Some(e)) => (
            "rejected",
            Some("record_failed".to_owned()),
            Some(e.clone()),
            None,
        ),
        (_, Some(Forwarded::Failed(why)), _) => ("forward_failed", None, Some(why.clone()), None),
        (Verdict::Verified, _, _) => ("verified", None, None, None),
        (Verdict::Unverified, _, _) => ("unverified", None, None, None),
    };
    let events = match parsed {
        Some(Parsed::Events(e)) => e.clone(),
        _ => Vec::new(),
    };
    Incoming {
        received_at: d.received_at,
        verdict: hub::Verdict {
            peer: d.peer.to_string(),
            forwarded_for: d
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(tunnel::forwarded_for),
            method: d.method.clone(),
            path: d.path.clone(),
            status: d.status,
            verdict: verdict.to_owned(),
            reason_code,
            reason,
            cause,
        },
        headers: crate::listen::header_pairs(&d.headers),
        body: d.body.clone(),
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listen::Handled;

    fn seen(verdict: Verdict) -> Seen {
        Seen {
            request: Handled {
                received_at: jiff::Timestamp::UNIX_EPOCH,
                peer: "127.0.0.1:9".parse().unwrap(),
                method: "POST".into(),
                path: "/".into(),
                headers: hyper::HeaderMap::new(),
                body: bytes::Bytes::from_static(b"{}"),
                verdict,
                status: 401,
                forwarded: None,
                record_error: None,
                latency: std::time::Duration::ZERO,
            },
            parsed: None,
            observations: Vec::new(),
        }
    }

    #[test]
    fn a_mismatch_with_a_cause_maps_to_reason_and_cause() {
        let inc = incoming(&seen(Verdict::Rejected {
            code: "mismatch".into(),
            message: "signature does not match".into(),
            cause: Some("the body was re-serialised".into()),
        }));
        let v = &inc.verdict;
        assert_eq!(v.verdict, "rejected");
        assert_eq!(v.reason_code.as_deref(), Some("mismatch"));
        assert_eq!(v.reason.as_deref(), Some("signature does not match"));
        assert_eq!(v.cause.as_deref(), Some("the body was re-serialised"));
        let plain = incoming(&seen(Verdict::Rejected {
            code: "stale".into(),
            message: "too old".into(),
            cause: None,
        }));
        assert_eq!(plain.verdict.cause, None);
    }
}
