//! Explaining a signature mismatch: re-tries the usual mistakes (body
//! newline, re-serialised JSON, line endings, secret whitespace, timestamp
//! unit, field order, encodings) and names the one that would have matched.
//! Pure: no I/O.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use subtle::ConstantTimeEq;

use crate::webhook::signature::{digest, sign};

/// A mistake that explains why a signature did not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikelyCause {
    /// Matches the body without its trailing newline.
    BodyNewlineAdded,
    /// Matches the body with a trailing newline added.
    BodyNewlineLost,
    /// Matches the JSON body re-serialised compactly.
    JsonCompacted,
    /// Matches the JSON body re-serialised with spaces after `:` and `,`.
    JsonSpaced,
    /// Matches the JSON body pretty-printed.
    JsonPretty,
    /// Matches the body with CRLF line endings turned into LF.
    CrlfBecameLf,
    /// Matches the body with LF line endings turned into CRLF.
    LfBecameCrlf,
    /// Matches with the secret's surrounding whitespace removed.
    SecretWhitespace,
    /// Matches with a newline appended to the secret.
    SecretMissingNewline,
    /// Matches with the timestamp in milliseconds.
    TimestampMillis,
    /// Matches with the timestamp in seconds although the header carries milliseconds.
    TimestampSeconds,
    /// Matches `body.timestamp.nonce` (wrong order).
    FieldOrder,
    /// Matches when the secret is base64-decoded first (the Voice/Verification scheme).
    SecretBase64Decoded,
    /// The header holds the right digest as hex.
    HexDigest,
    /// The header holds the right digest in url-safe base64.
    UrlSafeBase64,
}

impl LikelyCause {
    /// A stable machine-readable name.
    pub fn code(self) -> &'static str {
        match self {
            LikelyCause::BodyNewlineAdded => "body_newline_added",
            LikelyCause::BodyNewlineLost => "body_newline_lost",
            LikelyCause::JsonCompacted => "json_compacted",
            LikelyCause::JsonSpaced => "json_spaced",
            LikelyCause::JsonPretty => "json_pretty",
            LikelyCause::CrlfBecameLf => "crlf_became_lf",
            LikelyCause::LfBecameCrlf => "lf_became_crlf",
            LikelyCause::SecretWhitespace => "secret_whitespace",
            LikelyCause::SecretMissingNewline => "secret_missing_newline",
            LikelyCause::TimestampMillis => "timestamp_millis",
            LikelyCause::TimestampSeconds => "timestamp_seconds",
            LikelyCause::FieldOrder => "field_order",
            LikelyCause::SecretBase64Decoded => "secret_base64_decoded",
            LikelyCause::HexDigest => "hex_digest",
            LikelyCause::UrlSafeBase64 => "url_safe_base64",
        }
    }

    /// What went wrong and what to do, in one or two sentences.
    pub fn explain(self) -> &'static str {
        match self {
            LikelyCause::BodyNewlineAdded => {
                "the signature matches the body without its trailing newline: something added a newline \
                 (an editor, `echo`, a heredoc); verify the exact bytes, e.g. with `printf %s`"
            }
            LikelyCause::BodyNewlineLost => {
                "the signature matches the body with a trailing newline: the signed body ended in \\n and \
                 your copy lost it; keep the raw bytes"
            }
            LikelyCause::JsonCompacted => {
                "the signature matches the JSON re-serialised compactly: the body you have was re-formatted \
                 after signing (a framework parsed and re-serialised it); verify the raw request bytes"
            }
            LikelyCause::JsonSpaced => {
                "the signature matches the JSON re-serialised with spaces after ':' and ',' (Python's \
                 json.dumps style): verify the raw request bytes, not a re-serialised object"
            }
            LikelyCause::JsonPretty => {
                "the signature matches the JSON pretty-printed: the body was re-formatted after signing; \
                 verify the raw request bytes"
            }
            LikelyCause::CrlfBecameLf => {
                "the signature matches the body with CRLF line endings: the body was signed with \\r\\n and \
                 your copy has \\n (git autocrlf, an editor); keep the raw bytes"
            }
            LikelyCause::LfBecameCrlf => {
                "the signature matches the body with LF line endings: your copy has \\r\\n where \\n was \
                 signed; keep the raw bytes"
            }
            LikelyCause::SecretWhitespace => {
                "the signature matches the secret without its surrounding whitespace: trim the secret \
                 (check the config file or the environment variable for stray spaces or newlines)"
            }
            LikelyCause::SecretMissingNewline => {
                "the signature matches the secret with a trailing newline: the sender's secret ends in \\n \
                 (often `echo secret > file`); remove it there"
            }
            LikelyCause::TimestampMillis => {
                "the signature matches the timestamp in milliseconds: the sender signed milliseconds but \
                 sent seconds; Sinch signs and sends unix seconds"
            }
            LikelyCause::TimestampSeconds => {
                "the signature matches the timestamp in seconds: the header carries milliseconds; \
                 Sinch signs and sends unix seconds"
            }
            LikelyCause::FieldOrder => {
                "the signature matches body.timestamp.nonce: the sender joined the parts in the wrong \
                 order; Sinch signs body.nonce.timestamp"
            }
            LikelyCause::SecretBase64Decoded => {
                "the signature matches with the secret base64-decoded first: that is the Voice/Verification \
                 scheme; webhook HMAC uses the secret's UTF-8 bytes as they are"
            }
            LikelyCause::HexDigest => {
                "the header holds the right digest as hex: Sinch sends standard base64 (with = padding)"
            }
            LikelyCause::UrlSafeBase64 => {
                "the header holds the right digest in url-safe base64 (- and _): Sinch sends standard \
                 base64 (+ and /) with = padding"
            }
        }
    }
}

/// The inputs of a failed verification.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The secret the verifier used.
    pub secret: &'a [u8],
    /// The body the verifier used.
    pub body: &'a [u8],
    /// The nonce header.
    pub nonce: &'a str,
    /// The timestamp header.
    pub timestamp: &'a str,
    /// The signature header as sent.
    pub signature: &'a str,
}

/// Finds the first usual mistake that would make `attempt` verify.
pub fn likely_cause(attempt: &Attempt<'_>) -> Option<LikelyCause> {
    let Attempt {
        secret,
        body,
        nonce,
        timestamp,
        signature,
    } = *attempt;
    let matches = |secret: &[u8], body: &[u8], nonce: &str, timestamp: &str| {
        let expected = sign(secret, body, nonce, timestamp);
        bool::from(expected.as_bytes().ct_eq(signature.as_bytes()))
    };

    // Encoding of the header itself.
    let right = digest(secret, body, nonce, timestamp);
    if signature.eq_ignore_ascii_case(&hex(&right)) {
        return Some(LikelyCause::HexDigest);
    }
    if signature == URL_SAFE.encode(right) || signature == URL_SAFE_NO_PAD.encode(right) {
        return Some(LikelyCause::UrlSafeBase64);
    }

    // The body.
    for (variant, cause) in body_variants(body) {
        if matches(secret, &variant, nonce, timestamp) {
            return Some(cause);
        }
    }

    // The secret.
    if let Ok(text) = std::str::from_utf8(secret) {
        let trimmed = text.trim();
        if trimmed.len() != text.len() && matches(trimmed.as_bytes(), body, nonce, timestamp) {
            return Some(LikelyCause::SecretWhitespace);
        }
        if matches(format!("{text}\n").as_bytes(), body, nonce, timestamp) {
            return Some(LikelyCause::SecretMissingNewline);
        }
        if let Ok(decoded) = STANDARD.decode(text.trim())
            && matches(&decoded, body, nonce, timestamp)
        {
            return Some(LikelyCause::SecretBase64Decoded);
        }
    }

    // The timestamp unit and the field order.
    if let Ok(ts) = timestamp.parse::<i64>() {
        if let Some(ms) = ts.checked_mul(1000)
            && matches(secret, body, nonce, &ms.to_string())
        {
            return Some(LikelyCause::TimestampMillis);
        }
        if matches(secret, body, nonce, &(ts / 1000).to_string()) {
            return Some(LikelyCause::TimestampSeconds);
        }
    }
    if matches(secret, body, timestamp, nonce) {
        return Some(LikelyCause::FieldOrder);
    }
    None
}

/// Bodies the sender may have signed, given the body the verifier has.
fn body_variants(body: &[u8]) -> Vec<(Vec<u8>, LikelyCause)> {
    let mut out = Vec::new();
    if let Some(stripped) = body.strip_suffix(b"\n") {
        let stripped = stripped.strip_suffix(b"\r").unwrap_or(stripped);
        out.push((stripped.to_vec(), LikelyCause::BodyNewlineAdded));
    }
    out.push(([body, b"\n"].concat(), LikelyCause::BodyNewlineLost));
    out.push(([body, b"\r\n"].concat(), LikelyCause::BodyNewlineLost));
    if body.contains(&b'\n') {
        if body.windows(2).any(|w| w == b"\r\n") {
            let lf = replace(body, b"\r\n", b"\n");
            // `sed 's/$/\r/'` and some editors also end the last line with a lone `\r`.
            if let Some(trimmed) = lf.strip_suffix(b"\r") {
                out.push((trimmed.to_vec(), LikelyCause::LfBecameCrlf));
            }
            out.push((lf, LikelyCause::LfBecameCrlf));
        } else {
            out.push((replace(body, b"\n", b"\r\n"), LikelyCause::CrlfBecameLf));
        }
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        if let Ok(compact) = serde_json::to_vec(&value) {
            out.push((compact, LikelyCause::JsonCompacted));
        }
        out.push((spaced_json(&value).into_bytes(), LikelyCause::JsonSpaced));
        for indent in [&b"  "[..], b"    ", b"\t"] {
            let mut buf = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            if serde::Serialize::serialize(&value, &mut ser).is_ok() {
                out.push((buf.clone(), LikelyCause::JsonPretty));
                buf.push(b'\n');
                out.push((buf, LikelyCause::JsonPretty));
            }
        }
    }
    out.retain(|(variant, _)| variant != body);
    out
}

/// JSON with `", "` and `": "` separators, as Python's `json.dumps` writes it.
fn spaced_json(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(spaced_json).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), spaced_json(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
        other => other.to_string(),
    }
}

fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + haystack.len() / 16);
    let mut rest = haystack;
    while let Some(pos) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..pos]);
        out.extend_from_slice(to);
        rest = &rest[pos + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"SMSWebhooksSecret";
    const NONCE: &str = "01JHFFHWYY7HSS4FWTMDTQEK8V";
    const TS: &str = "1736760161";
    const V4_BODY: &str = r#"{"at":"2025-01-13T09:22:40.914Z","batch_id":"01JHFFHQ0P99JPPNQPJDV7JTBP","client_reference":"a client reference","code":0,"operator_status_at":"2025-01-13T09:22:00Z","recipient":"33662162466","status":"Delivered","type":"recipient_delivery_report_sms"}"#;

    fn cause(secret: &[u8], body: &[u8], ts: &str, sig: &str) -> Option<LikelyCause> {
        likely_cause(&Attempt {
            secret,
            body,
            nonce: NONCE,
            timestamp: ts,
            signature: sig,
        })
    }

    #[test]
    fn spec_derived_negatives_are_explained() {
        let body = V4_BODY.as_bytes();
        // V4 "body + trailing \n" was signed; we hold the body without it.
        assert_eq!(
            cause(
                SECRET,
                body,
                TS,
                "lT5J/hHDbJmvuF2nuqRr4uF0JXotKYoU6dLJs0h8bsw="
            ),
            Some(LikelyCause::BodyNewlineLost)
        );
        // The correct signature, but our copy gained a newline.
        let with_nl = [body, b"\n"].concat();
        assert_eq!(
            cause(
                SECRET,
                &with_nl,
                TS,
                "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="
            ),
            Some(LikelyCause::BodyNewlineAdded)
        );
        assert_eq!(
            cause(
                SECRET,
                body,
                TS,
                "GfGLFLjIRoQiH26jG1UYnTqFzlAtlCDv0Pcxk50pL/g="
            ),
            Some(LikelyCause::FieldOrder)
        );
        assert_eq!(
            cause(
                SECRET,
                body,
                TS,
                "usRDrFI+XvA+hq5O23ZrGLAXa9MEsMj5YJs1G2y10YU="
            ),
            Some(LikelyCause::JsonSpaced)
        );
        assert_eq!(
            cause(
                SECRET,
                body,
                TS,
                "6681de8bae8f3cdfe4663c3b84555f1a124e9e6977886342316a32415704e68d"
            ),
            Some(LikelyCause::HexDigest)
        );
        assert_eq!(
            cause(
                SECRET,
                body,
                TS,
                "ZoHei66PPN_kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="
            ),
            Some(LikelyCause::UrlSafeBase64)
        );
    }

    #[test]
    fn compact_and_pretty_json() {
        let pretty = "{\n  \"a\": 1,\n  \"b\": [true, null]\n}";
        let compact_sig = sign(SECRET, br#"{"a":1,"b":[true,null]}"#, NONCE, TS);
        assert_eq!(
            cause(SECRET, pretty.as_bytes(), TS, &compact_sig),
            Some(LikelyCause::JsonCompacted)
        );
        let pretty_sig = sign(SECRET, b"{\n    \"a\": 1\n}\n", NONCE, TS);
        assert_eq!(
            cause(SECRET, br#"{"a":1}"#, TS, &pretty_sig),
            Some(LikelyCause::JsonPretty)
        );
    }

    #[test]
    fn line_endings() {
        let lf = b"{\n\"a\": 1\n}";
        let crlf = b"{\r\n\"a\": 1\r\n}";
        assert_eq!(
            cause(SECRET, lf, TS, &sign(SECRET, crlf, NONCE, TS)),
            Some(LikelyCause::CrlfBecameLf)
        );
        assert_eq!(
            cause(SECRET, crlf, TS, &sign(SECRET, lf, NONCE, TS)),
            Some(LikelyCause::LfBecameCrlf)
        );
        // Pretty-printed JSON run through `sed 's/$/\r/'`: the last line gets a `\r` too,
        // and the cause is still the line endings, not the JSON formatting.
        let pretty = b"{\n  \"a\": 1\n}";
        let sedded = b"{\r\n  \"a\": 1\r\n}\r";
        assert_eq!(
            cause(SECRET, sedded, TS, &sign(SECRET, pretty, NONCE, TS)),
            Some(LikelyCause::LfBecameCrlf)
        );
    }

    #[test]
    fn secret_and_timestamp_mistakes() {
        let body = b"{}";
        let sig = sign(SECRET, body, NONCE, TS);
        assert_eq!(
            cause(b" SMSWebhooksSecret\n", body, TS, &sig),
            Some(LikelyCause::SecretWhitespace)
        );
        let sig_nl = sign(b"SMSWebhooksSecret\n", body, NONCE, TS);
        assert_eq!(
            cause(SECRET, body, TS, &sig_nl),
            Some(LikelyCause::SecretMissingNewline)
        );
        let ms = sign(SECRET, body, NONCE, "1736760161000");
        assert_eq!(
            cause(SECRET, body, TS, &ms),
            Some(LikelyCause::TimestampMillis)
        );
        assert_eq!(
            cause(SECRET, body, "1736760161000", &sig),
            Some(LikelyCause::TimestampSeconds)
        );
        let b64_secret = b"c2VjcmV0"; // "secret"
        let voice = sign(b"secret", body, NONCE, TS);
        assert_eq!(
            cause(b64_secret, body, TS, &voice),
            Some(LikelyCause::SecretBase64Decoded)
        );
    }

    #[test]
    fn a_wrong_secret_has_no_cause() {
        let sig = sign(b"other", V4_BODY.as_bytes(), NONCE, TS);
        assert_eq!(cause(SECRET, V4_BODY.as_bytes(), TS, &sig), None);
    }

    #[test]
    fn spaced_json_matches_python() {
        let v: serde_json::Value = serde_json::from_str(r#"{"a":[1,{"b":"c"}],"d":null}"#).unwrap();
        assert_eq!(spaced_json(&v), r#"{"a": [1, {"b": "c"}], "d": null}"#);
    }
}
