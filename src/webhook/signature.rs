//! Sinch webhook signatures: signing and verifying the HMAC-SHA256 scheme of
//! Conversation API and HMAC-enabled SMS callbacks. Pure: no I/O, no clock.
//!
//! `signature = base64(HMAC-SHA256(utf8(secret), body + "." + nonce + "." + timestamp))`,
//! carried in four `x-sinch-webhook-signature*` headers.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Header carrying the base64 signature.
pub const SIGNATURE: &str = "x-sinch-webhook-signature";
/// Header carrying the nonce.
pub const NONCE: &str = "x-sinch-webhook-signature-nonce";
/// Header carrying the unix timestamp (seconds).
pub const TIMESTAMP: &str = "x-sinch-webhook-signature-timestamp";
/// Header naming the algorithm.
pub const ALGORITHM: &str = "x-sinch-webhook-signature-algorithm";
/// The only algorithm Sinch uses.
pub const HMAC_SHA256: &str = "HmacSHA256";
/// Default tolerance for the timestamp, both directions, in seconds.
pub const DEFAULT_MAX_AGE: u64 = 300;

type HmacSha256 = Hmac<Sha256>;

/// The keyed MAC over `body.nonce.timestamp`, fed piecewise so the body is never copied.
pub(crate) fn mac(secret: &[u8], body: &[u8], nonce: &str, timestamp: &str) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(body);
    mac.update(b".");
    mac.update(nonce.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac
}

/// The raw 32-byte digest over `body.nonce.timestamp`.
pub fn digest(secret: &[u8], body: &[u8], nonce: &str, timestamp: &str) -> [u8; 32] {
    mac(secret, body, nonce, timestamp)
        .finalize()
        .into_bytes()
        .into()
}

/// The signature Sinch would send: standard, padded base64 of the digest.
pub fn sign(secret: &[u8], body: &[u8], nonce: &str, timestamp: &str) -> String {
    STANDARD.encode(digest(secret, body, nonce, timestamp))
}

/// The four headers of a signed callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// Base64 signature.
    pub signature: String,
    /// The nonce that was signed.
    pub nonce: String,
    /// The timestamp that was signed.
    pub timestamp: String,
}

impl SignedHeaders {
    /// Signs `body` and returns the headers to send with it.
    pub fn new(secret: &[u8], body: &[u8], nonce: &str, timestamp: &str) -> Self {
        SignedHeaders {
            signature: sign(secret, body, nonce, timestamp),
            nonce: nonce.to_owned(),
            timestamp: timestamp.to_owned(),
        }
    }

    /// `(lower-case name, value)` pairs in the order Sinch documents them.
    pub fn pairs(&self) -> [(&'static str, &str); 4] {
        [
            (SIGNATURE, &self.signature),
            (NONCE, &self.nonce),
            (TIMESTAMP, &self.timestamp),
            (ALGORITHM, HMAC_SHA256),
        ]
    }
}

/// A fresh nonce that looks like Sinch's: a 26-character ULID in Crockford base32.
pub fn new_nonce() -> String {
    ulid::Ulid::new().to_string()
}

/// The signature headers found on a request: the first value of each,
/// header names matched case-insensitively.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FoundHeaders {
    /// `x-sinch-webhook-signature`
    pub signature: Option<String>,
    /// `x-sinch-webhook-signature-nonce`
    pub nonce: Option<String>,
    /// `x-sinch-webhook-signature-timestamp`
    pub timestamp: Option<String>,
    /// `x-sinch-webhook-signature-algorithm`
    pub algorithm: Option<String>,
}

impl FoundHeaders {
    /// Picks the signature headers out of `(name, value)` pairs; for a
    /// repeated header the first value wins, as in the official SDKs.
    pub fn from_pairs<'a, I>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut found = FoundHeaders::default();
        for (name, value) in pairs {
            let slot = if name.eq_ignore_ascii_case(SIGNATURE) {
                &mut found.signature
            } else if name.eq_ignore_ascii_case(NONCE) {
                &mut found.nonce
            } else if name.eq_ignore_ascii_case(TIMESTAMP) {
                &mut found.timestamp
            } else if name.eq_ignore_ascii_case(ALGORITHM) {
                &mut found.algorithm
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(value.to_owned());
            }
        }
        found
    }
}

/// Whether and how to check the timestamp against the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Reject timestamps more than `max_age` seconds before or after `now` (unix seconds).
    Within {
        /// The current time, unix seconds.
        now: i64,
        /// Allowed distance in either direction, seconds.
        max_age: u64,
    },
    /// Do not look at the clock (old captures).
    Ignore,
}

/// Why a callback's signature was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// A required header is absent or empty.
    MissingHeader(&'static str),
    /// The algorithm header names something other than `HmacSHA256`.
    UnsupportedAlgorithm(String),
    /// The timestamp header is not a whole number.
    TimestampNotInteger(String),
    /// The timestamp is older than the tolerance.
    Stale {
        /// Seconds between the timestamp and now.
        age: u64,
        /// The tolerance in force.
        max_age: u64,
    },
    /// The timestamp is further in the future than the tolerance.
    Future {
        /// Seconds the timestamp is ahead of now.
        ahead: u64,
        /// The tolerance in force.
        max_age: u64,
    },
    /// The signature header is not standard padded base64.
    SignatureNotBase64,
    /// The signature does not match the body, nonce, timestamp and secret.
    Mismatch,
}

impl Rejection {
    /// A stable machine-readable name for the reason (used in JSON output).
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::MissingHeader(_) => "missing_header",
            Rejection::UnsupportedAlgorithm(_) => "unsupported_algorithm",
            Rejection::TimestampNotInteger(_) => "timestamp_not_integer",
            Rejection::Stale { .. } => "stale",
            Rejection::Future { .. } => "future",
            Rejection::SignatureNotBase64 => "signature_not_base64",
            Rejection::Mismatch => "mismatch",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::MissingHeader(name) => write!(f, "missing header {name}"),
            Rejection::UnsupportedAlgorithm(alg) => write!(
                f,
                "unsupported algorithm {:?} in {ALGORITHM} (expected {HMAC_SHA256})",
                truncate(alg, 40)
            ),
            Rejection::TimestampNotInteger(ts) => write!(
                f,
                "timestamp {:?} is not a whole number of unix seconds",
                truncate(ts, 40)
            ),
            Rejection::Stale { age, max_age } => write!(
                f,
                "timestamp is {} old, more than the {max_age}s tolerance",
                human_secs(*age)
            ),
            Rejection::Future { ahead, max_age } => {
                write!(
                    f,
                    "timestamp is {} in the future, more than the {max_age}s tolerance",
                    human_secs(*ahead)
                )?;
                // A 13-digit timestamp is almost always milliseconds.
                if *ahead > 1_000_000_000_000 - 2_000_000_000 {
                    write!(f, " (it looks like milliseconds; Sinch uses seconds)")?;
                }
                Ok(())
            }
            Rejection::SignatureNotBase64 => {
                write!(
                    f,
                    "signature is not standard base64 (A-Z a-z 0-9 + / with = padding)"
                )
            }
            Rejection::Mismatch => write!(f, "signature mismatch"),
        }
    }
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The nonce (for replay tracking).
    pub nonce: String,
    /// The timestamp, unix seconds.
    pub timestamp: i64,
}

/// Checks a callback's signature headers against its raw body.
///
/// Checks run in this order: required headers present (signature, nonce,
/// timestamp; the algorithm header is optional but must be `HmacSHA256` when
/// present, compared case-insensitively), timestamp is an integer, signature
/// is base64, signature matches (constant time), and finally freshness. A
/// forged request is thus reported as a mismatch rather than as stale.
pub fn verify(
    secret: &[u8],
    headers: &FoundHeaders,
    body: &[u8],
    freshness: Freshness,
) -> Result<Verified, Rejection> {
    let required = |value: &Option<String>, name: &'static str| match value.as_deref() {
        Some(v) if !v.is_empty() => Ok(v.to_owned()),
        _ => Err(Rejection::MissingHeader(name)),
    };
    let signature = required(&headers.signature, SIGNATURE)?;
    let nonce = required(&headers.nonce, NONCE)?;
    let timestamp_text = required(&headers.timestamp, TIMESTAMP)?;
    if let Some(alg) = &headers.algorithm
        && !alg.eq_ignore_ascii_case(HMAC_SHA256)
    {
        return Err(Rejection::UnsupportedAlgorithm(alg.clone()));
    }
    let timestamp = parse_timestamp(&timestamp_text)
        .ok_or_else(|| Rejection::TimestampNotInteger(timestamp_text.clone()))?;
    let given = STANDARD
        .decode(signature.as_bytes())
        .map_err(|_| Rejection::SignatureNotBase64)?;
    mac(secret, body, &nonce, &timestamp_text)
        .verify_slice(&given)
        .map_err(|_| Rejection::Mismatch)?;
    if let Freshness::Within { now, max_age } = freshness {
        check_fresh(timestamp, now, max_age)?;
    }
    Ok(Verified { nonce, timestamp })
}

/// Parses a timestamp header: an optionally signed decimal integer, nothing else.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Rejects a timestamp more than `max_age` seconds away from `now`, either way.
pub fn check_fresh(timestamp: i64, now: i64, max_age: u64) -> Result<(), Rejection> {
    let delta = i128::from(now) - i128::from(timestamp);
    let clamp = |d: i128| u64::try_from(d).unwrap_or(u64::MAX);
    if delta > i128::from(max_age) {
        Err(Rejection::Stale {
            age: clamp(delta),
            max_age,
        })
    } else if -delta > i128::from(max_age) {
        Err(Rejection::Future {
            ahead: clamp(-delta),
            max_age,
        })
    } else {
        Ok(())
    }
}

/// Seconds as a short human duration: `42s`, `7m12s`, `3h05m`, `2d04h`.
pub fn human_secs(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m{:02}s", secs / 60, secs % 60),
        3600..86400 => format!("{}h{:02}m", secs / 3600, secs % 3600 / 60),
        _ => format!("{}d{:02}h", secs / 86400, secs % 86400 / 3600),
    }
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V4_BODY: &str = r#"{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}"#;

    fn headers(sig: &str, nonce: &str, ts: &str) -> FoundHeaders {
        FoundHeaders::from_pairs([
            (SIGNATURE, sig),
            (NONCE, nonce),
            (TIMESTAMP, ts),
            (ALGORITHM, HMAC_SHA256),
        ])
    }

    #[test]
    fn signed_data_is_body_nonce_timestamp() {
        // NODE's computeSignedData("body","nonce","timestamp") == "body.nonce.timestamp".
        let direct = {
            let mut m = HmacSha256::new_from_slice(b"k").unwrap();
            m.update(b"body.nonce.timestamp");
            STANDARD.encode(m.finalize().into_bytes())
        };
        assert_eq!(sign(b"k", b"body", "nonce", "timestamp"), direct);
    }

    #[test]
    fn v4_known_answer_and_derived_negatives() {
        let sig = sign(
            b"SMSWebhooksSecret",
            V4_BODY.as_bytes(),
            "01JHFFHWYY7HSS4FWTMDTQEK8V",
            "1736760161",
        );
        assert_eq!(sig, "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=");
        let h = |s: &str| headers(s, "01JHFFHWYY7HSS4FWTMDTQEK8V", "1736760161");
        let check = |s: &str| {
            verify(
                b"SMSWebhooksSecret",
                &h(s),
                V4_BODY.as_bytes(),
                Freshness::Ignore,
            )
        };
        assert!(check(&sig).is_ok());
        assert_eq!(
            check("ZoHei66PPN_kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="),
            Err(Rejection::SignatureNotBase64)
        );
        assert_eq!(
            check("6681de8bae8f3cdfe4663c3b84555f1a124e9e6977886342316a32415704e68d"),
            Err(Rejection::Mismatch)
        );
        assert_eq!(
            check("invalid-signature"),
            Err(Rejection::SignatureNotBase64)
        );
        assert_eq!(
            check("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            Err(Rejection::Mismatch)
        );
    }

    #[test]
    fn missing_headers_are_named_in_order() {
        let full = headers("x", "n", "1");
        for (strip, name) in [(0, SIGNATURE), (1, NONCE), (2, TIMESTAMP)] {
            let mut h = full.clone();
            match strip {
                0 => h.signature = None,
                1 => h.nonce = Some(String::new()),
                _ => h.timestamp = None,
            }
            assert_eq!(
                verify(b"s", &h, b"", Freshness::Ignore),
                Err(Rejection::MissingHeader(name))
            );
        }
    }

    #[test]
    fn algorithm_is_optional_but_checked() {
        let body = b"{}";
        let sig = sign(b"s", body, "n", "10");
        let mut h = headers(&sig, "n", "10");
        h.algorithm = None;
        assert!(verify(b"s", &h, body, Freshness::Ignore).is_ok());
        h.algorithm = Some("hmacsha256".into());
        assert!(verify(b"s", &h, body, Freshness::Ignore).is_ok());
        h.algorithm = Some("HmacSHA512".into());
        assert_eq!(
            verify(b"s", &h, body, Freshness::Ignore),
            Err(Rejection::UnsupportedAlgorithm("HmacSHA512".into()))
        );
    }

    #[test]
    fn timestamp_must_be_an_integer() {
        for bad in [
            "12.5",
            " 12",
            "1e9",
            "abc",
            "2024-01-01T00:00:00Z",
            "-",
            "+5",
        ] {
            let h = headers("x", "n", bad);
            assert_eq!(
                verify(b"s", &h, b"", Freshness::Ignore),
                Err(Rejection::TimestampNotInteger(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(parse_timestamp("-12"), Some(-12));
    }

    #[test]
    fn freshness_both_directions_with_inclusive_bound() {
        assert!(check_fresh(1000, 1300, 300).is_ok());
        assert!(check_fresh(1300, 1000, 300).is_ok());
        assert_eq!(
            check_fresh(999, 1300, 300),
            Err(Rejection::Stale {
                age: 301,
                max_age: 300
            })
        );
        assert_eq!(
            check_fresh(1301, 1000, 300),
            Err(Rejection::Future {
                ahead: 301,
                max_age: 300
            })
        );
        assert!(check_fresh(i64::MIN, i64::MAX, 300).is_err());
    }

    #[test]
    fn stale_is_reported_only_for_a_valid_signature() {
        let sig = sign(b"s", b"b", "n", "1000");
        let fresh = Freshness::Within {
            now: 5000,
            max_age: 300,
        };
        assert_eq!(
            verify(b"s", &headers(&sig, "n", "1000"), b"b", fresh),
            Err(Rejection::Stale {
                age: 4000,
                max_age: 300
            })
        );
        assert_eq!(
            verify(b"wrong", &headers(&sig, "n", "1000"), b"b", fresh),
            Err(Rejection::Mismatch)
        );
    }

    #[test]
    fn milliseconds_timestamp_gets_a_hint() {
        let msg = Rejection::Future {
            ahead: 1_734_000_000_000,
            max_age: 300,
        }
        .to_string();
        assert!(msg.contains("milliseconds"), "{msg}");
    }

    #[test]
    fn first_value_wins_and_names_are_case_insensitive() {
        let h = FoundHeaders::from_pairs([
            ("X-SINCH-WEBHOOK-SIGNATURE-NONCE", "first"),
            ("x-sinch-webhook-signature-nonce", "second"),
        ]);
        assert_eq!(h.nonce.as_deref(), Some("first"));
    }

    #[test]
    fn nonce_looks_like_sinch() {
        let n = new_nonce();
        assert_eq!(n.len(), 26);
        assert!(
            n.bytes()
                .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b)),
            "{n}"
        );
        assert_ne!(n, new_nonce());
    }

    #[test]
    fn human_durations() {
        assert_eq!(human_secs(42), "42s");
        assert_eq!(human_secs(432), "7m12s");
        assert_eq!(human_secs(3 * 3600 + 300), "3h05m");
        assert_eq!(human_secs(2 * 86400 + 4 * 3600), "2d04h");
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn found(sig: &str, nonce: &str, ts: &str) -> FoundHeaders {
            FoundHeaders::from_pairs([
                (SIGNATURE, sig),
                (NONCE, nonce),
                (TIMESTAMP, ts),
                (ALGORITHM, HMAC_SHA256),
            ])
        }

        /// Replaces the character at `idx % len` with a different ASCII character.
        fn flip_char(s: &str, idx: usize, alphabet: &[u8]) -> String {
            let mut bytes = s.as_bytes().to_vec();
            let i = idx % bytes.len();
            let pos = alphabet.iter().position(|b| *b == bytes[i]).unwrap_or(0);
            bytes[i] = alphabet[(pos + 1) % alphabet.len()];
            String::from_utf8(bytes).unwrap()
        }

        const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        const ALNUM: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        const DIGITS: &[u8] = b"0123456789";

        proptest! {
            #[test]
            fn sign_then_verify_round_trips(
                secret in proptest::collection::vec(any::<u8>(), 0..64),
                body in proptest::collection::vec(any::<u8>(), 0..512),
                nonce in "[0-9A-Z]{1,40}",
                ts in 0i64..4_000_000_000,
                skew in -300i64..=300,
            ) {
                let ts_text = ts.to_string();
                let sig = sign(&secret, &body, &nonce, &ts_text);
                let fresh = Freshness::Within { now: ts + skew, max_age: 300 };
                let v = verify(&secret, &found(&sig, &nonce, &ts_text), &body, fresh).unwrap();
                prop_assert_eq!(v.nonce, nonce);
                prop_assert_eq!(v.timestamp, ts);
            }

            #[test]
            fn any_single_change_fails(
                secret in "[ -~]{1,32}",
                body in proptest::collection::vec(any::<u8>(), 1..256),
                nonce in "[0-9A-Z]{26}",
                ts in 1_000_000_000i64..2_000_000_000,
                which in 0usize..4,
                idx in any::<usize>(),
                bit in 0u8..8,
            ) {
                let ts_text = ts.to_string();
                let sig = sign(secret.as_bytes(), &body, &nonce, &ts_text);
                let (mut b, mut n, mut t, mut s) = (body.clone(), nonce.clone(), ts_text.clone(), sig.clone());
                match which {
                    0 => { let i = idx % b.len(); b[i] ^= 1 << bit; }
                    1 => n = flip_char(&n, idx, ALNUM),
                    2 => t = flip_char(&t, idx, DIGITS),
                    _ => s = flip_char(&s, idx, B64),
                }
                prop_assert!(verify(secret.as_bytes(), &found(&s, &n, &t), &b, Freshness::Ignore).is_err());
            }

            #[test]
            fn arbitrary_headers_never_panic(
                sig in any::<Option<String>>(),
                nonce in any::<Option<String>>(),
                ts in any::<Option<String>>(),
                alg in any::<Option<String>>(),
                body in proptest::collection::vec(any::<u8>(), 0..64),
                now in any::<i64>(),
                max_age in any::<u64>(),
            ) {
                let h = FoundHeaders { signature: sig.clone(), nonce: nonce.clone(), timestamp: ts.clone(), algorithm: alg };
                let result = verify(b"secret", &h, &body, Freshness::Within { now, max_age });
                if let Err(r) = result { let _ = r.to_string(); }
                let _ = crate::webhook::diagnose::likely_cause(&crate::webhook::diagnose::Attempt {
                    secret: b"secret",
                    body: &body,
                    nonce: nonce.as_deref().unwrap_or(""),
                    timestamp: ts.as_deref().unwrap_or(""),
                    signature: sig.as_deref().unwrap_or(""),
                });
            }

            #[test]
            fn arbitrary_captures_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
                let _ = crate::webhook::capture::parse(&bytes);
            }
        }
    }
}
