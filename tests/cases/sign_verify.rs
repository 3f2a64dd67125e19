//! `sign` and `verify` through the real binary: known-answer vectors, the
//! three output formats (curl executed against an independent local server),
//! every rejection reason and every likely-cause hint.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use crate::support::{Env, fixture, now_unix, reference_sign, stderr_of, stdout_of};

const NONCE_A: &str = "01FJA8B4A7BM43YGWSG9GBV067";
const TS_A: &str = "1634579353";
const NONCE_B: &str = "01JHFFHWYY7HSS4FWTMDTQEK8V";
const TS_B: &str = "1736760161";

/// (fixture, secret, nonce, timestamp, expected signature) from signature-vectors.md.
const VECTORS: &[(&str, &str, &str, &str, &str)] = &[
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

fn headers_args(sig: &str, nonce: &str, ts: &str) -> Vec<String> {
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
fn verify_json(
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

#[test]
fn known_answer_vectors_sign_and_verify() {
    let env = Env::new();
    for &(file, secret, nonce, ts, expected) in VECTORS {
        let out = env
            .cmd()
            .args([
                "sign",
                "--secret",
                secret,
                "--nonce",
                nonce,
                "--timestamp",
                ts,
            ])
            .args([
                "--body-file",
                crate::support::fixture_path(file).to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", stderr_of(&out));
        let expected_text = format!(
            "x-sinch-webhook-signature: {expected}\nx-sinch-webhook-signature-nonce: {nonce}\n\
             x-sinch-webhook-signature-timestamp: {ts}\nx-sinch-webhook-signature-algorithm: HmacSHA256\n"
        );
        assert_eq!(stdout_of(&out), expected_text, "{file}");

        env.cmd()
            .args(["verify", "--ignore-time", "--secret", secret])
            .args(headers_args(expected, nonce, ts))
            .write_stdin(fixture(file))
            .assert()
            .success()
            .stdout("valid\n");
    }
}

#[test]
fn vector_negatives_are_rejected() {
    let env = Env::new();
    let v3 = fixture("v3_body.json");
    let v3_sig = "wKmZBGo4Cf+y9cZoPHhiVw6ziKeubLGqN4OdG8jlaPo=";
    // Wrong secret.
    let (code, json, _) = verify_json(
        &env,
        "wrong_secret",
        &headers_args(v3_sig, NONCE_A, TS_A),
        &v3,
        &["--ignore-time"],
    );
    assert_eq!((code, json["reason"].as_str()), (3, Some("mismatch")));
    // The derived signatures for the body without its trailing LF, and with CRLF, must not verify the real body.
    for derived in [
        "zM65Zo1IpiWXTsz1f2qE39IZlmh8UaYV6KEiGuOVy5U=",
        "hhYSCOn15RaAB2k4FgPRrzuK/tGkaKKUee5AhjE6Y8I=",
    ] {
        let (code, _, _) = verify_json(
            &env,
            "foo_secret1234",
            &headers_args(derived, NONCE_A, TS_A),
            &v3,
            &["--ignore-time"],
        );
        assert_eq!(code, 3, "{derived}");
    }
    // V8: all-A signature, HmacSHA512, empty secret.
    let v8 = fixture("v8_body.json");
    let (_, json, _) = verify_json(
        &env,
        "my_secret_key",
        &headers_args(
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            NONCE_B,
            TS_B,
        ),
        &v8,
        &["--ignore-time"],
    );
    assert_eq!(json["reason"], "mismatch");
    let mut h = headers_args(
        "ehhrg9MUuhpJUCo2drsI3zoqWViaojp8d6RahfBY3cg=",
        NONCE_B,
        TS_B,
    );
    h[7] = "x-sinch-webhook-signature-algorithm: HmacSHA512".into();
    let (code, json, stderr) = verify_json(&env, "my_secret_key", &h, &v8, &["--ignore-time"]);
    assert_eq!(
        (code, json["reason"].as_str()),
        (3, Some("unsupported_algorithm"))
    );
    assert!(stderr.contains("HmacSHA512"), "{stderr}");
    env.cmd()
        .args(["verify", "--ignore-time", "--secret", ""])
        .args(headers_args(
            "ehhrg9MUuhpJUCo2drsI3zoqWViaojp8d6RahfBY3cg=",
            NONCE_B,
            TS_B,
        ))
        .write_stdin(v8)
        .assert()
        .code(2);
}

#[test]
fn header_names_are_case_insensitive() {
    let env = Env::new();
    let sig = "ehhrg9MUuhpJUCo2drsI3zoqWViaojp8d6RahfBY3cg=";
    for style in [str::to_uppercase as fn(&str) -> String, title_case] {
        let args: Vec<String> = headers_args(sig, NONCE_B, TS_B)
            .into_iter()
            .map(|a| match a.split_once(": ") {
                Some((name, value)) => format!("{}: {value}", style(name)),
                None => a,
            })
            .collect();
        env.cmd()
            .args(["verify", "--ignore-time", "--secret", "my_secret_key"])
            .args(&args)
            .write_stdin(fixture("v8_body.json"))
            .assert()
            .success()
            .stdout("valid\n");
    }
}

fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn round_trip_headers_format() {
    let env = Env::new();
    let body = b"{\"type\":\"mo_text\",\"body\":\"line 1\\nline 2\"}\n";
    let out = env
        .cmd()
        .args(["sign", "--secret", "round-trip-secret"])
        .write_stdin(body.to_vec())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut args = Vec::new();
    for line in stdout_of(&out).lines() {
        args.push("-H".to_owned());
        args.push(line.to_owned());
    }
    assert_eq!(args.len(), 8);
    env.cmd()
        .args(["verify", "--secret", "round-trip-secret"])
        .args(&args)
        .write_stdin(body.to_vec())
        .assert()
        .success()
        .stdout("valid\n");
}

#[test]
fn round_trip_json_format() {
    let env = Env::new();
    let body = "{\"text\":\"héllo 👋\"}";
    let out = env
        .cmd()
        .args(["sign", "--format", "json", "--body", body])
        .env("SINCH_WEBHOOK_SECRET", "json-format-secret")
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["body"], body);
    let headers = doc["headers"].as_object().unwrap();
    assert_eq!(headers.len(), 4);
    let sig = headers["x-sinch-webhook-signature"].as_str().unwrap();
    let nonce = headers["x-sinch-webhook-signature-nonce"].as_str().unwrap();
    let ts = headers["x-sinch-webhook-signature-timestamp"]
        .as_str()
        .unwrap();
    assert_eq!(headers["x-sinch-webhook-signature-algorithm"], "HmacSHA256");
    assert_eq!(nonce.len(), 26);
    assert!((ts.parse::<i64>().unwrap() - now_unix()).abs() < 60);
    assert_eq!(
        sig,
        reference_sign("json-format-secret", body.as_bytes(), nonce, ts)
    );
    let args: Vec<String> = headers
        .iter()
        .flat_map(|(k, v)| ["-H".to_owned(), format!("{k}: {}", v.as_str().unwrap())])
        .collect();
    env.cmd()
        .args(["verify", "--secret", "json-format-secret", "--body", body])
        .args(&args)
        .assert()
        .success();
}

/// A one-shot HTTP server on 127.0.0.1 that saves the raw request and
/// answers 204 when the signature checks out with the test's own HMAC code, 401 otherwise.
fn one_shot_server(secret: &'static str) -> (String, std::thread::JoinHandle<(bool, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/sinch/callback?x=1",
        listener.local_addr().unwrap()
    );
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut raw = Vec::new();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            raw.extend_from_slice(line.as_bytes());
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((n, v)) = line.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let get = |n: &str| {
            headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let len: usize = get("content-length").parse().unwrap();
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        raw.extend_from_slice(&body);
        let expected = reference_sign(
            secret,
            &body,
            &get("x-sinch-webhook-signature-nonce"),
            &get("x-sinch-webhook-signature-timestamp"),
        );
        let ok = expected == get("x-sinch-webhook-signature")
            && get("x-sinch-webhook-signature-algorithm") == "HmacSHA256";
        let status = if ok {
            "204 No Content"
        } else {
            "401 Unauthorized"
        };
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )
        .unwrap();
        (ok, raw)
    });
    (url, handle)
}

#[test]
fn round_trip_curl_format_against_independent_server() {
    let env = Env::new();
    // Quotes, a dollar sign, backslashes, a trailing newline: the quoting must keep every byte.
    let body = "{\"text\":\"it's $HOME `x` \\\\ \\\"q\\\"\"}\n";
    let body_path = env.path("body.json");
    std::fs::write(&body_path, body).unwrap();
    let (url, server) = one_shot_server("curl-format-secret");
    let out = env
        .cmd()
        .args([
            "sign",
            "--format",
            "curl",
            "--url",
            &url,
            "--secret",
            "curl-format-secret",
            "--body-file",
        ])
        .arg(&body_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let script = stdout_of(&out);
    let curl = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    let (ok, raw) = server.join().unwrap();
    assert!(
        ok,
        "the server rejected the curl request:\n{script}\ncurl said: {}",
        stderr_of(&curl)
    );
    assert!(
        stdout_of(&curl).starts_with("HTTP/1.1 204"),
        "{}",
        stdout_of(&curl)
    );
    assert!(raw.ends_with(body.as_bytes()));

    // The raw capture verifies offline, as `nc -l` would have saved it.
    let capture = env.path("capture.http");
    std::fs::write(&capture, &raw).unwrap();
    env.cmd()
        .args(["verify", "--secret", "curl-format-secret", "--request"])
        .arg(&capture)
        .assert()
        .success()
        .stdout("valid\n");
}

#[test]
fn curl_format_needs_url_and_refuses_nul_bytes() {
    let env = Env::new();
    env.cmd()
        .args(["sign", "--format", "curl", "--secret", "s", "--body", "x"])
        .assert()
        .code(2);
    let out = env
        .cmd()
        .args([
            "sign",
            "--format",
            "curl",
            "--url",
            "http://127.0.0.1:1/",
            "--secret",
            "s",
            "--body-file",
            "-",
        ])
        .write_stdin(b"a\0b".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("NUL"));
}

#[test]
fn body_is_used_byte_for_byte() {
    let env = Env::new();
    let body = b"  spaced \r\n\n";
    let out = env
        .cmd()
        .args([
            "sign",
            "--secret",
            "bytes-secret",
            "--nonce",
            "n",
            "--timestamp",
            "5",
        ])
        .write_stdin(body.to_vec())
        .output()
        .unwrap();
    let expected = reference_sign("bytes-secret", body, "n", "5");
    assert!(stdout_of(&out).starts_with(&format!("x-sinch-webhook-signature: {expected}\n")));
}

/// A fresh, validly signed V4-like callback for the rejection tests.
fn fresh(secret: &str, body: &[u8]) -> (String, String, String) {
    let ts = now_unix().to_string();
    let nonce = "01JHFFHWYY7HSS4FWTMDTQEK8V".to_owned();
    (reference_sign(secret, body, &nonce, &ts), nonce, ts)
}

#[test]
fn every_rejection_reason() {
    let env = Env::new();
    let secret = "reasons-secret";
    let body = fixture("v4_body.json");
    let (sig, nonce, ts) = fresh(secret, &body);
    let full = headers_args(&sig, &nonce, &ts);
    let (code, json, _) = verify_json(&env, secret, &full, &body, &[]);
    assert_eq!((code, json["valid"].as_bool()), (0, Some(true)));

    // Each required header missing in turn.
    for (i, name) in [
        "x-sinch-webhook-signature",
        "x-sinch-webhook-signature-nonce",
        "x-sinch-webhook-signature-timestamp",
    ]
    .iter()
    .enumerate()
    {
        let mut h = full.clone();
        h.drain(i * 2..i * 2 + 2);
        let (code, json, stderr) = verify_json(&env, secret, &h, &body, &[]);
        assert_eq!(
            (code, json["reason"].as_str()),
            (3, Some("missing_header")),
            "{name}"
        );
        assert!(
            stderr.contains(&format!("missing header {name}")),
            "{stderr}"
        );
    }
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            headers_args(&sig, &nonce, "12.5"),
            "timestamp_not_integer",
            "not a whole number",
        ),
        (
            headers_args(&sig, &nonce, &(now_unix() - 301).to_string()),
            "mismatch",
            "signature mismatch",
        ),
        (
            headers_args("not base64!", &nonce, &ts),
            "signature_not_base64",
            "not standard base64",
        ),
        (
            headers_args(&reference_sign("other", &body, &nonce, &ts), &nonce, &ts),
            "mismatch",
            "secret most likely differs",
        ),
    ];
    for (h, reason, text) in cases {
        let (code, json, stderr) = verify_json(&env, secret, &h, &body, &[]);
        assert_eq!((code, json["reason"].as_str()), (3, Some(reason)));
        assert!(stderr.contains(text), "{reason}: {stderr}");
    }

    // Stale and future need valid signatures over their own timestamps.
    for (offset, reason, text) in [
        (-301i64, "stale", "old, more than the 300s"),
        (400, "future", "in the future"),
    ] {
        let t = (now_unix() + offset).to_string();
        let s = reference_sign(secret, &body, &nonce, &t);
        let (code, json, stderr) =
            verify_json(&env, secret, &headers_args(&s, &nonce, &t), &body, &[]);
        assert_eq!((code, json["reason"].as_str()), (3, Some(reason)));
        assert!(
            stderr.contains(text) && stderr.contains("--ignore-time"),
            "{stderr}"
        );
    }
    // --max-age widens the window; --ignore-time skips it.
    let t = (now_unix() - 1000).to_string();
    let s = reference_sign(secret, &body, &nonce, &t);
    assert_eq!(
        verify_json(
            &env,
            secret,
            &headers_args(&s, &nonce, &t),
            &body,
            &["--max-age", "2000"]
        )
        .0,
        0
    );
    assert_eq!(
        verify_json(
            &env,
            secret,
            &headers_args(&s, &nonce, &t),
            &body,
            &["--ignore-time"]
        )
        .0,
        0
    );
    // A millisecond timestamp is called out.
    let t = (now_unix() * 1000).to_string();
    let s = reference_sign(secret, &body, &nonce, &t);
    let (_, json, _) = verify_json(&env, secret, &headers_args(&s, &nonce, &t), &body, &[]);
    assert!(
        json["message"].as_str().unwrap().contains("milliseconds"),
        "{json}"
    );
}

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

#[test]
fn verify_reads_listen_records_and_reports_capture_problems() {
    let env = Env::new();
    let body = fixture("v4_body.json");
    let record = serde_json::json!({
        "received_at": "2025-01-13T09:22:41.000Z",
        "verdict": "verified",
        "method": "POST",
        "path": "/",
        "headers": [
            ["X-Sinch-Webhook-Signature", "ZoHei66PPN/kZjw7hFVfGhJOnml3iGNCMWoyQVcE5o0="],
            ["X-Sinch-Webhook-Signature-Nonce", NONCE_B],
            ["X-Sinch-Webhook-Signature-Timestamp", TS_B],
        ],
        "body": String::from_utf8(body).unwrap(),
    });
    let path = env.path("record.json");
    std::fs::write(&path, format!("{record}\n")).unwrap();
    env.cmd()
        .args([
            "verify",
            "--ignore-time",
            "--secret",
            "SMSWebhooksSecret",
            "--request",
        ])
        .arg(&path)
        .assert()
        .success()
        .stdout("valid\n");
    // Without --ignore-time the 2025 capture is stale.
    let out = env
        .cmd()
        .args(["verify", "--secret", "SMSWebhooksSecret", "--request"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr_of(&out).contains("old, more than"));

    // A file of several records (a --record or --record-rejected file): --line picks one.
    let mut broken = record.clone();
    broken["body"] = serde_json::json!("{\"changed\": true}");
    std::fs::write(&path, format!("{broken}\n{record}\n")).unwrap();
    let verify_line = |extra: &[&str]| {
        env.cmd()
            .args(["verify", "--ignore-time", "--secret", "SMSWebhooksSecret"])
            .args(extra)
            .arg("--request")
            .arg(&path)
            .output()
            .unwrap()
    };
    let out = verify_line(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("2 records; pick one with --line N"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(verify_line(&["--line", "1"]).status.code(), Some(3));
    let out = verify_line(&["--line", "2"]);
    assert_eq!(
        (out.status.code(), stdout_of(&out).as_str()),
        (Some(0), "valid\n")
    );
    let out = verify_line(&["--line", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--line 3 is out of range: the file holds 2 records"));

    std::fs::write(&path, "POST / HTTP/1.1\r\nContent-Length: 99\r\n\r\n{}").unwrap();
    let out = env
        .cmd()
        .args(["verify", "--secret", "s", "--request"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("truncated"), "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args(["verify", "--secret", "s", "-H", "no colon here"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("Name: value"));
}

#[test]
fn verify_request_with_an_overflowing_chunk_size_is_a_usage_error() {
    let env = Env::new();
    for size in ["ffffffffffffffff", "fffffffffffffffe", "10000000000000000"] {
        let path = env.path("chunked.http");
        std::fs::write(
            &path,
            format!(
                "POST /cb HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n{size}\r\nabc\r\n0\r\n\r\n"
            ),
        )
        .unwrap();
        let out = env
            .cmd()
            .args(["verify", "--secret", "s", "--request"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{size}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains("chunk"), "{}", stderr_of(&out));
    }
}

#[test]
fn verify_max_age_is_ranged() {
    let env = Env::new();
    for value in [
        "0",
        "31536001",
        "18446744073709551615",
        "9223372036854775808",
        "-1",
        "inf",
        "NaN",
    ] {
        let out = env
            .cmd()
            .args(["verify", "--secret", "s", "--body", "x", "--max-age", value])
            .args(["-H", "x-sinch-webhook-signature: AAAA"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{value}: {}", stderr_of(&out));
    }
}
