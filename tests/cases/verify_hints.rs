//! `verify` naming the likely cause of a mismatch through the real binary:
//! every hint, from a re-encoded or re-ordered body to a mistyped secret.

use crate::support::vectors::{NONCE_B, headers_args, verify_json};
use crate::support::{Env, fixture, reference_sign};

#[test]
fn every_likely_cause_hint() {
    let env = Env::new();
    let secret = "hints-secret-value";
    let body = fixture("v4_body.json");
    let ts = "1736760161";
    let pretty =
        serde_json::to_vec_pretty(&serde_json::from_slice::<serde_json::Value>(&body).unwrap())
            .unwrap();
    let spaced = String::from_utf8(body.clone())
        .unwrap()
        .replace("\":", "\": ")
        .replace(",\"", ", \"");
    let with_nl = [&body[..], b"\n"].concat();
    let lf = b"{\n\"a\": 1\n}".to_vec();
    let crlf = b"{\r\n\"a\": 1\r\n}".to_vec();
    // (body we verify, signature the sender made, secret we use, timestamp header, expected cause)
    let cases: Vec<(Vec<u8>, String, &str, String, &str)> = vec![
        (
            with_nl.clone(),
            reference_sign(secret, &body, NONCE_B, ts),
            secret,
            ts.into(),
            "body_newline_added",
        ),
        (
            body.clone(),
            reference_sign(secret, &with_nl, NONCE_B, ts),
            secret,
            ts.into(),
            "body_newline_lost",
        ),
        (
            pretty.clone(),
            reference_sign(secret, &body, NONCE_B, ts),
            secret,
            ts.into(),
            "json_compacted",
        ),
        (
            body.clone(),
            reference_sign(secret, spaced.as_bytes(), NONCE_B, ts),
            secret,
            ts.into(),
            "json_spaced",
        ),
        (
            body.clone(),
            reference_sign(secret, &pretty, NONCE_B, ts),
            secret,
            ts.into(),
            "json_pretty",
        ),
        (
            lf.clone(),
            reference_sign(secret, &crlf, NONCE_B, ts),
            secret,
            ts.into(),
            "crlf_became_lf",
        ),
        (
            crlf.clone(),
            reference_sign(secret, &lf, NONCE_B, ts),
            secret,
            ts.into(),
            "lf_became_crlf",
        ),
        (
            body.clone(),
            reference_sign(secret, &body, NONCE_B, ts),
            " hints-secret-value\n",
            ts.into(),
            "secret_whitespace",
        ),
        (
            body.clone(),
            reference_sign("hints-secret-value\n", &body, NONCE_B, ts),
            secret,
            ts.into(),
            "secret_missing_newline",
        ),
        (
            body.clone(),
            reference_sign(secret, &body, NONCE_B, "1736760161000"),
            secret,
            ts.into(),
            "timestamp_millis",
        ),
        (
            body.clone(),
            reference_sign(secret, &body, NONCE_B, ts),
            secret,
            "1736760161000".into(),
            "timestamp_seconds",
        ),
        (
            body.clone(),
            reference_sign(secret, &body, ts, NONCE_B),
            secret,
            ts.into(),
            "field_order",
        ),
        (
            body.clone(),
            reference_sign("raw", &body, NONCE_B, ts),
            "cmF3",
            ts.into(),
            "secret_base64_decoded",
        ),
    ];
    for (verify_body, sig, use_secret, ts_header, cause) in cases {
        let (code, json, stderr) = verify_json(
            &env,
            use_secret,
            &headers_args(&sig, NONCE_B, &ts_header),
            &verify_body,
            &["--ignore-time"],
        );
        assert_eq!(code, 3, "{cause}");
        assert_eq!(json["likely_cause"]["code"], cause, "{json}");
        assert!(stderr.contains("likely cause:"), "{cause}: {stderr}");
    }
    // Encodings of the header itself.
    let right = reference_sign(secret, &body, NONCE_B, ts);
    let raw = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, &right).unwrap();
    let hex_sig: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let url_safe = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE, &raw);
    for (sig, cause) in [(hex_sig, "hex_digest"), (url_safe, "url_safe_base64")] {
        let (code, json, _) = verify_json(
            &env,
            secret,
            &headers_args(&sig, NONCE_B, ts),
            &body,
            &["--ignore-time"],
        );
        assert_eq!(code, 3);
        assert_eq!(json["likely_cause"]["code"], cause, "{json}");
    }
}
