//! The signature known-answer vectors (from signature-vectors.md) and
//! helpers to run `verify` with their headers, for the sign/verify tests.

use super::{Env, stderr_of, stdout_of};

/// The nonce and timestamp of vectors 1 to 3.
pub const NONCE_A: &str = "01FJA8B4A7BM43YGWSG9GBV067";
pub const TS_A: &str = "1634579353";
/// The nonce and timestamp of vectors 4 and 8.
pub const NONCE_B: &str = "01JHFFHWYY7HSS4FWTMDTQEK8V";
pub const TS_B: &str = "1736760161";

/// (fixture, secret, nonce, timestamp, expected signature) from signature-vectors.md.
pub const VECTORS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "v1_body.json",
        "foo_secret1234",
        NONCE_A,
        TS_A,
        "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=",
    ),
    (
        "v2_body.json",
        "foo_secret1234",
        NONCE_A,
        TS_A,
        "Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=",
    ),
    (
        "v3_body.json",
        "foo_secret1234",
        NONCE_A,
        TS_A,
        "wKmZBGo4Cf+y9cZoPHhiVw6ziKeubLGqN4OdG8jlaPo=",
    ),
    (
        "v4_body.json",
        "SMSWebhooksSecret",
        NONCE_B,
        TS_B,
        "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0=",
    ),
    (
        "v8_body.json",
        "my_secret_key",
        NONCE_B,
        TS_B,
        "ehhrg9MUuhpJUCo2drsI3zoqWViaojp8d6RahfBY3cg=",
    ),
];

/// `-H` arguments carrying a signature, its nonce, timestamp and algorithm.
pub fn headers_args(sig: &str, nonce: &str, ts: &str) -> Vec<String> {
    vec![
        "-H".into(),
        format!("x-sinch-webhook-signature: {sig}"),
        "-H".into(),
        format!("x-sinch-webhook-signature-nonce: {nonce}"),
        "-H".into(),
        format!("x-sinch-webhook-signature-timestamp: {ts}"),
        "-H".into(),
        "x-sinch-webhook-signature-algorithm: HmacSHA256".into(),
    ]
}

/// Runs `verify --json` and returns (exit code, parsed stdout, stderr).
pub fn verify_json(
    env: &Env,
    secret: &str,
    headers: &[String],
    body: &[u8],
    extra: &[&str],
) -> (i32, serde_json::Value, String) {
    let out = env
        .cmd()
        .args(["verify", "--json", "--secret", secret])
        .args(headers)
        .args(extra)
        .write_stdin(body.to_vec())
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {}", stdout_of(&out)));
    (out.status.code().unwrap(), json, stderr_of(&out))
}
