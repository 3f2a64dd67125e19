//! Signing a simulated request, and the negative-case mutations applied to
//! it: each breaks exactly one thing a correct endpoint must check.

use super::expect::Expect;
use crate::webhook::signature::{self, ALGORITHM, NONCE, SIGNATURE, TIMESTAMP};

/// How far `Stale` and `Future` move the timestamp: far outside any plausible
/// time window (Sinch recommends minutes), so an inclusive 10-minute window passes.
pub const FAR_SKEW_SECS: i64 = 3600;

/// A deliberate defect in how a request is signed or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// Correctly signed.
    None,
    /// The body changed after signing.
    Tamper,
    /// Signed with another secret.
    WrongSecret,
    /// Timestamp one hour in the past.
    Stale,
    /// Timestamp one hour in the future.
    Future,
    /// Correctly signed with the timestamp moved by this many seconds (negative: past).
    Skew(i64),
    /// No signature headers at all.
    NoSignature,
    /// One header left out.
    MissingHeader(&'static str),
    /// Algorithm header says HmacSHA512.
    BadAlgorithm,
}

impl Mutation {
    /// A short name for output.
    pub fn name(self) -> String {
        match self {
            Mutation::None => "valid".into(),
            Mutation::Tamper => "tampered".into(),
            Mutation::WrongSecret => "wrong-secret".into(),
            Mutation::Stale => "stale".into(),
            Mutation::Future => "future".into(),
            Mutation::Skew(s) => format!("timestamp {s:+}s"),
            Mutation::NoSignature => "no-signature".into(),
            Mutation::MissingHeader(h) => format!("missing {h}"),
            Mutation::BadAlgorithm => "bad-algorithm".into(),
        }
    }

    /// What a correct endpoint answers.
    pub fn expectation(self) -> Expect {
        match self {
            Mutation::None | Mutation::Skew(_) => Expect::Class(2),
            // Sinch always sends the algorithm header, but a verifier may ignore it.
            Mutation::MissingHeader(ALGORITHM) => {
                Expect::AnyOf(&[Expect::Class(2), Expect::Class(4)])
            }
            _ => Expect::Class(4),
        }
    }

    fn timestamp(self, now: i64) -> i64 {
        match self {
            Mutation::Stale => now.saturating_sub(FAR_SKEW_SECS),
            Mutation::Future => now.saturating_add(FAR_SKEW_SECS),
            Mutation::Skew(s) => now.saturating_add(s),
            _ => now,
        }
    }
}

/// Resolves a `--missing-header` value: a full header name or its last part.
pub fn header_name(name: &str) -> Option<&'static str> {
    let n = name.trim().to_ascii_lowercase();
    let short = n.strip_prefix("x-sinch-webhook-").unwrap_or(&n);
    match short.strip_prefix("signature-").unwrap_or(short) {
        "signature" => Some(SIGNATURE),
        "nonce" => Some(NONCE),
        "timestamp" => Some(TIMESTAMP),
        "algorithm" => Some(ALGORITHM),
        _ => None,
    }
}

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Headers to send (content-type first).
    pub headers: Vec<(String, String)>,
    /// Body to send.
    pub body: Vec<u8>,
    /// The nonce used, if signed.
    pub nonce: String,
}

/// Signs `body` like Sinch at `now` (unix seconds) with `nonce`: the request a
/// correct endpoint accepts.
pub fn sign(secret: &[u8], body: &[u8], nonce: &str, now: i64) -> Prepared {
    prepare(secret, body, nonce, now, Mutation::None)
}

/// Signs `body` at `now` with `nonce`, then applies `mutation`.
pub fn prepare(secret: &[u8], body: &[u8], nonce: &str, now: i64, mutation: Mutation) -> Prepared {
    let ts = mutation.timestamp(now).to_string();
    let key: Vec<u8> = match mutation {
        Mutation::WrongSecret => [secret, b"-not-the-right-one"].concat(),
        _ => secret.to_vec(),
    };
    let signed = signature::SignedHeaders::new(&key, body, nonce, &ts);
    let mut headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    if mutation != Mutation::NoSignature {
        for (name, value) in signed.pairs() {
            if mutation == Mutation::MissingHeader(name) {
                continue;
            }
            let value = if name == ALGORITHM && mutation == Mutation::BadAlgorithm {
                "HmacSHA512"
            } else {
                value
            };
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    let body = if mutation == Mutation::Tamper {
        tamper(body)
    } else {
        body.to_vec()
    };
    Prepared {
        headers,
        body,
        nonce: nonce.to_owned(),
    }
}

/// Changes a body minimally: the first digit is bumped, else a space is appended.
fn tamper(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    match out.iter().position(u8::is_ascii_digit) {
        Some(i) => out[i] = if out[i] == b'9' { b'0' } else { out[i] + 1 },
        None => out.push(b' '),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_break_exactly_what_they_say() {
        use crate::webhook::signature::{FoundHeaders, Freshness, Rejection, verify};
        let body = b"{\"code\":0}";
        let check = |m: Mutation| {
            let p = prepare(b"s", body, "N", 10_000, m);
            let found =
                FoundHeaders::from_pairs(p.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
            verify(
                b"s",
                &found,
                &p.body,
                Freshness::Within {
                    now: 10_000,
                    max_age: 600,
                },
            )
        };
        assert!(check(Mutation::None).is_ok());
        assert!(check(Mutation::Skew(-600)).is_ok());
        assert!(check(Mutation::Skew(601)).is_err());
        assert_eq!(check(Mutation::Tamper), Err(Rejection::Mismatch));
        assert_eq!(check(Mutation::WrongSecret), Err(Rejection::Mismatch));
        assert!(matches!(
            check(Mutation::Stale),
            Err(Rejection::Stale { .. })
        ));
        assert!(matches!(
            check(Mutation::Future),
            Err(Rejection::Future { .. })
        ));
        assert_eq!(
            check(Mutation::NoSignature),
            Err(Rejection::MissingHeader(SIGNATURE))
        );
        assert_eq!(
            check(Mutation::MissingHeader(NONCE)),
            Err(Rejection::MissingHeader(NONCE))
        );
        assert!(check(Mutation::MissingHeader(ALGORITHM)).is_ok());
        assert_eq!(
            check(Mutation::BadAlgorithm),
            Err(Rejection::UnsupportedAlgorithm("HmacSHA512".into()))
        );
        assert_eq!(
            sign(b"s", body, "N", 1),
            prepare(b"s", body, "N", 1, Mutation::None)
        );
    }

    #[test]
    fn header_names() {
        assert_eq!(header_name("nonce"), Some(NONCE));
        assert_eq!(
            header_name("X-Sinch-Webhook-Signature-Timestamp"),
            Some(TIMESTAMP)
        );
        assert_eq!(header_name("signature"), Some(SIGNATURE));
        assert_eq!(header_name("bogus"), None);
    }
}
