//! `verify` through the real binary: vector negatives, header-name case,
//! every rejection reason, `listen` records and raw HTTP captures as input,
//! and the `--max-age` range.

use crate::support::vectors::{NONCE_A, NONCE_B, TS_A, TS_B, headers_args, verify_json};
use crate::support::{Env, fixture, now_unix, reference_sign, stderr_of, stdout_of};

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

#[test]
fn verify_reads_what_sign_format_json_prints() {
    let env = Env::new();
    let path = env.path("signed.json");
    let out = env
        .cmd()
        .args(["sign", "--secret", "round-trip-secret", "--format", "json"])
        .write_stdin(fixture("v4_body.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    std::fs::write(&path, &out.stdout).unwrap();
    env.cmd()
        .args(["verify", "--secret", "round-trip-secret", "--request"])
        .arg(&path)
        .assert()
        .success()
        .stdout("valid\n");
    // Piped straight in, with `-`.
    let out = env
        .cmd()
        .args(["sign", "--secret", "round-trip-secret", "--format", "json"])
        .write_stdin(fixture("v4_body.json"))
        .output()
        .unwrap();
    env.cmd()
        .args(["verify", "--secret", "round-trip-secret", "--request", "-"])
        .write_stdin(out.stdout)
        .assert()
        .success()
        .stdout("valid\n");
    // Something else entirely: the error says which shapes are read, in words.
    std::fs::write(&path, r#"{"headers": 5}"#).unwrap();
    let out = env
        .cmd()
        .args(["verify", "--secret", "s", "--request"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out)
            .contains("neither a `listen --record` line nor `sign --format json` output"),
        "{}",
        stderr_of(&out)
    );
}
