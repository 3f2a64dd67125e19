//! `sign` through the real binary: known-answer vectors, and the three output
//! formats round-tripped (curl executed against an independent local server),
//! with the body used byte for byte.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use crate::support::vectors::{VECTORS, headers_args};
use crate::support::{Env, fixture, now_unix, reference_sign, stderr_of, stdout_of};

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
