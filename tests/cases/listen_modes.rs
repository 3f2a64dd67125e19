//! `listen` through the real binary: forwarding to a local app, the CI
//! exit modes (exit-after, until final, fail-on, timeouts), refusing to
//! start without a secret, and --record failure and fsync.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::{Env, fixture, http, post_signed};

use super::listen::{SECRET, rdr, record_lines};

/// A local app for --forward-to: answers 202 and reports what it received.
fn app() -> (String, std::thread::JoinHandle<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = s.read(&mut buf).unwrap();
            raw.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&raw).to_string();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if body.len() >= len {
                    break;
                }
            }
        }
        s.write_all(
            b"HTTP/1.1 202 Accepted\r\ncontent-length: 6\r\nconnection: close\r\n\r\nqueued",
        )
        .unwrap();
        raw
    });
    (url, handle)
}

#[test]
fn forward_to_a_local_app_up_and_down() {
    let env = Env::new();
    let (url, app) = app();
    let l = env.listen_with(&["--forward-to", &url], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let body = fixture("v3_body.json");
    let reply = post_signed(&l.addr(), "/", SECRET, &body);
    assert_eq!((reply.status, reply.body.as_str()), (202, "queued"));
    let raw = String::from_utf8(app.join().unwrap()).unwrap();
    let (head, got_body) = raw.split_once("\r\n\r\n").unwrap();
    assert_eq!(
        got_body.as_bytes(),
        &body[..],
        "the exact raw body is forwarded"
    );
    let head = head.to_ascii_lowercase();
    for h in [
        "x-sinch-webhook-signature:",
        "x-sinch-webhook-signature-nonce:",
        "x-sinch-webhook-signature-timestamp:",
        "x-sinch-webhook-signature-algorithm: hmacsha256",
        "content-type: application/json",
    ] {
        assert!(head.contains(h), "{h} not forwarded:\n{head}");
    }
    assert!(l.wait_lines(1)[0].contains("→ app 202"));
    drop(l);

    // App down: 502 and a red line.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let l = env.listen_with(
        &["--forward-to", &dead, "--color", "always"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let reply = post_signed(&l.addr(), "/", SECRET, &body);
    assert_eq!(reply.status, 502, "{}", reply.body);
    let line = &l.wait_lines(1)[0];
    assert!(
        line.contains("unreachable") && line.contains("\u{1b}[31m"),
        "{line}"
    );
}

#[test]
fn exit_after_n_callbacks() {
    let env = Env::new();
    let l = env.listen_with(
        &["--exit-after", "2", "--timeout", "60s"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    http(&l.addr(), "POST", "/", &[], b"{}").unwrap(); // rejected: does not count
    post_signed(&l.addr(), "/", SECRET, &fixture("callbacks/mo_text.json"));
    let done = l.finish();
    assert_eq!(done.status.code(), Some(0), "{}", done.stderr_text());
    assert_eq!(done.stdout.len(), 3);
}

#[test]
fn until_final_and_fail_on_failed() {
    let env = Env::new();
    let l = env.listen_with(
        &[
            "--until",
            "final",
            "--fail-on",
            "failed",
            "--timeout",
            "60s",
        ],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    post_signed(
        &l.addr(),
        "/",
        SECRET,
        &rdr(
            "01JUNTIL000000000000000000",
            "1",
            "Dispatched",
            401,
            "2025-01-01T00:00:01.000Z",
        ),
    );
    std::thread::sleep(Duration::from_millis(300));
    let mut l = l;
    assert!(
        l.child.try_wait().unwrap().is_none(),
        "listen stopped before every message was final"
    );
    post_signed(
        &l.addr(),
        "/",
        SECRET,
        &rdr(
            "01JUNTIL000000000000000000",
            "1",
            "Failed",
            402,
            "2025-01-01T00:00:05.000Z",
        ),
    );
    let done = l.finish();
    assert_eq!(done.status.code(), Some(6), "{}", done.stderr_text());
    assert!(done.stderr_text().contains("failure status"));

    let l = env.listen_with(
        &[
            "--until",
            "final",
            "--fail-on",
            "failed",
            "--timeout",
            "60s",
        ],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    post_signed(
        &l.addr(),
        "/",
        SECRET,
        &rdr(
            "01JUNTIL000000000000000001",
            "1",
            "Delivered",
            0,
            "2025-01-01T00:00:05.000Z",
        ),
    );
    assert_eq!(l.finish().status.code(), Some(0));
}

#[test]
fn timeout_before_the_condition_has_its_own_exit_code() {
    let env = Env::new();
    let l = env.listen_with(
        &[
            "--exit-after",
            "5",
            "--timeout",
            "1s",
            "--fail-on",
            "rejected",
        ],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    let done = l.finish();
    assert_eq!(done.status.code(), Some(5), "{}", done.stderr_text());
    assert!(
        done.stderr_text()
            .contains("timed out after 1s waiting for 5 accepted callbacks (got 1)")
    );
    // A bare --timeout just bounds the run.
    let done = env
        .listen_with(&["--timeout", "1s"], &[("SINCH_WEBHOOK_SECRET", SECRET)])
        .finish();
    assert_eq!(done.status.code(), Some(0));
    // --fail-on rejected.
    let l = env.listen_with(
        &["--timeout", "2s", "--fail-on", "rejected"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    http(&l.addr(), "POST", "/", &[], b"{}").unwrap();
    assert_eq!(l.finish().status.code(), Some(3));
}

#[test]
fn no_secret_refuses_to_start_and_no_verify_is_loud() {
    let env = Env::new();
    let out = env.cmd().args(["listen", "--port", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for way in [
        "--secret",
        "SINCH_WEBHOOK_SECRET",
        "webhook_secret",
        "--no-verify",
    ] {
        assert!(err.contains(way), "{way} missing: {err}");
    }
    let l = env.listen(&["--no-verify"]);
    assert_eq!(
        http(
            &l.addr(),
            "POST",
            "/",
            &[],
            br#"{"type":"mo_text","id":"1","from":"2","to":"3","body":"hi","received_at":"x"}"#
        )
        .unwrap()
        .status,
        200
    );
    let line = &l.wait_lines(1)[0];
    assert!(line.contains("UNVERIFIED"), "{line}");
    let done = l.stop();
    assert!(done.stderr_text().contains("NOT checked"));
}

#[test]
fn unwritable_record_answers_503() {
    let env = Env::new();
    let l = env.listen_with(
        &["--record", "/dev/full"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 503);
    let line = &l.wait_lines(1)[0];
    assert!(line.contains("cannot write the record"), "{line}");
}

#[test]
fn bad_host_is_a_usage_error() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["listen", "--host", "not-an-ip", "--secret", "s"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an IP address"));
}

#[test]
fn fsync_records_before_acknowledging() {
    let env = Env::new();
    let rec = env.path("synced.ndjson");
    let l = env.listen_with(
        &["--record", rec.to_str().unwrap(), "--fsync"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let body = fixture("v4_body.json");
    assert_eq!(post_signed(&l.addr(), "/", SECRET, &body).status, 200);
    // Read while listen still runs: the line is on disk before the 200 was sent.
    let recs = record_lines(&rec);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["verdict"], "verified");
    assert_eq!(recs[0]["body"].as_str().unwrap().as_bytes(), &body[..]);
    // `verify` takes the recorded line as a capture.
    let line = env.path("one.json");
    std::fs::write(&line, std::fs::read(&rec).unwrap()).unwrap();
    env.cmd()
        .args(["verify", "--secret", SECRET, "--request"])
        .arg(&line)
        .assert()
        .success()
        .stdout("valid\n");
}

#[test]
fn fsync_really_syncs_before_answering() {
    // /dev/null takes writes but refuses fdatasync (EINVAL): with --fsync the
    // callback cannot be acknowledged, without it it can. If --fsync were
    // ignored, both would be 200.
    let env = Env::new();
    let body = fixture("v4_body.json");
    let l = env.listen_with(
        &["--record", "/dev/null"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    assert_eq!(post_signed(&l.addr(), "/", SECRET, &body).status, 200);
    drop(l);
    let l = env.listen_with(
        &["--record", "/dev/null", "--fsync"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let reply = post_signed(&l.addr(), "/", SECRET, &body);
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(l.wait_lines(1)[0].contains("cannot write the record"));
}
