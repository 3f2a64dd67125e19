//! `listen` through the real binary on 127.0.0.1, port 0: callbacks signed
//! by the seed's recipe in the test itself, every rejection, limits, replay,
//! concurrency, signals and crash safety of --record (families and the JSON
//! contract: listen_json.rs; forwarding and exit modes: listen_modes.rs).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::{
    Env, fixture, http, now_unix, post_signed, post_signed_at, reference_sign, signature_nonce,
};

pub(crate) const SECRET: &str = "listen-test-secret-1234";

pub(crate) fn record_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad record line ({e}): {l}")))
        .collect()
}

fn nonce_of(record: &serde_json::Value) -> String {
    record["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0] == "x-sinch-webhook-signature-nonce")
        .map(|h| h[1].as_str().unwrap().to_owned())
        .unwrap()
}

/// Checks every line against tests/schema/listen.schema.json, the contract of `listen --json`.
pub(crate) fn assert_schema(lines: &[serde_json::Value]) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/listen.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for line in lines {
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?} in {line}");
    }
    // The schema is strict: a field it does not know fails.
    let mut extra = lines[0].clone();
    extra["surprise"] = serde_json::json!(1);
    assert!(!validator.is_valid(&extra));
}

pub(crate) fn rdr(batch: &str, recipient: &str, status: &str, code: i64, at: &str) -> Vec<u8> {
    format!(
        r#"{{"at":"{at}","batch_id":"{batch}","client_reference":"ref-1","code":{code},"recipient":"{recipient}","status":"{status}","type":"recipient_delivery_report_sms"}}"#
    )
    .into_bytes()
}

#[test]
fn seed_recipe_callback_is_accepted_and_shown() {
    let env = Env::new();
    let l = env.listen_with(&[], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    // The seed tutorial's curl recipe: HMAC over body.nonce.timestamp, computed here.
    let reply = post_signed(
        &l.addr(),
        "/webhooks/sinch/delivery",
        SECRET,
        &fixture("v4_body.json"),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let lines = l.wait_lines(1);
    assert!(
        lines[0].contains("recipient_delivery_report_sms"),
        "{lines:?}"
    );
    assert!(lines[0].contains("01JHFFHQ0P99JPPNQPJDV7JTBP") && lines[0].contains("33662162466"));
    assert!(
        lines[0].contains("Delivered")
            && lines[0].contains("code 0")
            && lines[0].contains("ref=a client reference")
    );
    assert!(!lines[0].contains('\u{1b}'), "no colour into a pipe");
    let done = l.stop();
    assert!(done.status.success());
    let err = done.stderr_text();
    for expected in [
        "callback_url",
        "from env SINCH_WEBHOOK_SECRET",
        "ngrok http",
        "limits",
        "summary: 1 callback accepted",
    ] {
        assert!(err.contains(expected), "{expected} missing from:\n{err}");
    }
    assert!(!err.contains(SECRET));
}

#[test]
fn every_rejection_gets_its_status_and_is_not_recorded() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let l = env.listen_with(
        &[
            "--path",
            "/sinch",
            "--max-body",
            "1KiB",
            "--record",
            rec.to_str().unwrap(),
            "--json",
        ],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let addr = l.addr();
    let body = fixture("v4_body.json");
    let ts = now_unix();
    let good_nonce = signature_nonce();
    assert_eq!(
        post_signed_at(&addr, "/sinch", SECRET, &body, &good_nonce, ts).status,
        200
    );

    let sig = |b: &[u8], n: &str, t: i64| reference_sign(SECRET, b, n, &t.to_string());
    let headers = |s: &str, n: &str, t: &str| {
        vec![
            ("x-sinch-webhook-signature".to_owned(), s.to_owned()),
            ("x-sinch-webhook-signature-nonce".to_owned(), n.to_owned()),
            (
                "x-sinch-webhook-signature-timestamp".to_owned(),
                t.to_owned(),
            ),
        ]
    };
    let post = |h: Vec<(String, String)>, b: &[u8]| {
        let h: Vec<(&str, &str)> = h.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        http(&addr, "POST", "/sinch", &h, b).unwrap()
    };

    // (what, reply, expected status, expected reason)
    let n1 = signature_nonce();
    let mut cases = vec![
        (
            "no signature headers",
            post(vec![], &body),
            401,
            "missing_header",
        ),
        (
            "wrong secret",
            post(
                headers(
                    &reference_sign("nope", &body, &n1, &ts.to_string()),
                    &n1,
                    &ts.to_string(),
                ),
                &body,
            ),
            401,
            "mismatch",
        ),
        (
            "tampered body",
            post(
                headers(&sig(&body, &n1, ts), &n1, &ts.to_string()),
                b"{\"x\":1}",
            ),
            401,
            "mismatch",
        ),
    ];
    let stale = ts - 400;
    let n2 = signature_nonce();
    cases.push((
        "stale",
        post(
            headers(&sig(&body, &n2, stale), &n2, &stale.to_string()),
            &body,
        ),
        401,
        "stale",
    ));
    let future = ts + 400;
    cases.push((
        "future",
        post(
            headers(&sig(&body, &n2, future), &n2, &future.to_string()),
            &body,
        ),
        401,
        "future",
    ));
    cases.push((
        "replay",
        post_signed_at(&addr, "/sinch", SECRET, &body, &good_nonce, ts),
        401,
        "replayed",
    ));
    let mut bad_alg = headers(&sig(&body, &n2, ts), &n2, &ts.to_string());
    bad_alg.push((
        "x-sinch-webhook-signature-algorithm".into(),
        "HmacSHA512".into(),
    ));
    cases.push((
        "bad algorithm",
        post(bad_alg, &body),
        401,
        "unsupported_algorithm",
    ));
    cases.push((
        "wrong path",
        http(&addr, "POST", "/other", &[], &body).unwrap(),
        404,
        "wrong_path",
    ));
    let get = http(&addr, "GET", "/sinch", &[], b"").unwrap();
    assert_eq!(get.header("allow"), Some("POST"));
    cases.push(("GET", get, 405, "wrong_method"));
    cases.push((
        "too large",
        post(headers("x", "n", "1"), &vec![b'a'; 2048]),
        413,
        "too_large",
    ));

    for (what, reply, status, _) in &cases {
        assert_eq!(reply.status, *status, "{what}: {}", reply.body);
        assert!(
            !reply.body.contains("Delivered"),
            "{what}: nothing is echoed"
        );
        assert_eq!(
            reply.body.trim().lines().count(),
            1,
            "{what}: one-line reason"
        );
    }
    let done = l.stop();
    let lines = done.json_lines();
    assert_schema(&lines);
    let reasons: Vec<&str> = lines
        .iter()
        .filter(|l| l["verdict"] == "rejected")
        .map(|l| l["reason"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = cases.iter().map(|c| c.3).collect();
    assert_eq!(reasons, expected);
    // Only the one valid callback was recorded.
    let recs = record_lines(&rec);
    assert_eq!(recs.len(), 1);
    assert_eq!(nonce_of(&recs[0]), good_nonce);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["rejected"]["replayed"], 1);
    assert!(
        done.stderr_text().contains("rejected: "),
        "{}",
        done.stderr_text()
    );
}

#[test]
fn oversized_body_is_refused_without_reading_it() {
    let env = Env::new();
    let l = env.listen_with(&["--max-body", "1KiB"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let mut s = TcpStream::connect(l.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    // Announce 50 MB, send 10 bytes, and wait: the answer must come anyway.
    s.write_all(b"POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 50000000\r\n\r\n0123456789")
        .unwrap();
    let mut buf = [0u8; 512];
    let n = s.read(&mut buf).unwrap();
    let reply = crate::support::parse_reply(&buf[..n]).unwrap();
    assert_eq!(reply.status, 413);
    // A chunked body over the limit is cut off as it streams.
    let big = format!("{:x}\r\n{}\r\n0\r\n\r\n", 4096, "a".repeat(4096));
    let mut s = TcpStream::connect(l.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(
        format!("POST / HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n{big}").as_bytes(),
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    assert_eq!(crate::support::parse_reply(&raw).unwrap().status, 413);
}

#[test]
fn a_stalled_client_does_not_block_valid_callbacks() {
    let env = Env::new();
    let l = env.listen_with(
        &["--header-timeout", "2s", "--request-timeout", "2s"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    // One client stalls in its headers, another in its body.
    let mut stalled_head = TcpStream::connect(l.addr()).unwrap();
    stalled_head
        .write_all(b"POST / HTTP/1.1\r\nhost: x\r\nx-partial")
        .unwrap();
    let mut stalled_body = TcpStream::connect(l.addr()).unwrap();
    stalled_body
        .write_all(b"POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{\"a\":")
        .unwrap();
    // Meanwhile a valid callback is answered.
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 200);
    // The stalled ones are cut off by the timeouts instead of holding resources forever.
    for (name, mut s) in [("headers", stalled_head), ("body", stalled_body)] {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut raw = Vec::new();
        let started = Instant::now();
        let _ = s.read_to_end(&mut raw);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{name}: the connection was never closed"
        );
        if name == "body" {
            assert_eq!(crate::support::parse_reply(&raw).unwrap().status, 408);
        }
    }
}

#[test]
fn concurrent_callbacks_are_each_recorded_exactly_once() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let l = env.listen_with(
        &["--record", rec.to_str().unwrap(), "--json"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let addr = l.addr();
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let body = rdr(
                    "01JCONCURRENT0000000000000",
                    &format!("4670000{i:04}"),
                    "Delivered",
                    0,
                    "2025-01-01T00:00:00.000Z",
                );
                let nonce = format!("C{i:025}");
                let reply = post_signed_at(&addr, "/", SECRET, &body, &nonce, now_unix());
                (nonce, reply.status)
            })
        })
        .collect();
    let mut sent: Vec<String> = handles
        .into_iter()
        .map(|h| {
            let (nonce, status) = h.join().unwrap();
            assert_eq!(status, 200);
            nonce
        })
        .collect();
    let done = l.stop();
    let mut recorded: Vec<String> = record_lines(&rec).iter().map(nonce_of).collect();
    assert_eq!(recorded.len(), 200);
    recorded.sort();
    sent.sort();
    assert_eq!(recorded, sent);
    let summary = done.json_lines().pop().unwrap();
    assert_eq!(summary["accepted"], 200);
    assert_eq!(summary["messages"].as_array().unwrap().len(), 200);
}

#[test]
fn sigterm_stops_gracefully_with_a_summary() {
    let env = Env::new();
    let l = env.listen_with(&[], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let a = l.addr();
    // Progress, a duplicate, a late intermediate status, and a second recipient that failed.
    for (recipient, status, code, at) in [
        ("1", "Dispatched", 401, "2025-01-01T00:00:01.000Z"),
        ("1", "Delivered", 0, "2025-01-01T00:00:05.000Z"),
        ("1", "Delivered", 0, "2025-01-01T00:00:05.000Z"),
        ("1", "Dispatched", 401, "2025-01-01T00:00:02.000Z"),
        ("2", "Failed", 402, "2025-01-01T00:00:05.000Z"),
    ] {
        post_signed(
            &a,
            "/",
            SECRET,
            &rdr("01JSUMMARY0000000000000000", recipient, status, code, at),
        );
    }
    http(&a, "POST", "/", &[], b"{}").unwrap();
    let lines = l.wait_lines(6);
    assert!(lines[2].contains("(duplicate)"), "{lines:?}");
    assert!(lines[3].contains("late"), "{lines:?}");
    let done = l.stop();
    assert!(done.status.success(), "{:?}", done.status);
    let err = done.stderr_text();
    for expected in [
        "summary: 5 callbacks accepted, 1 rejected, 2 messages tracked",
        "by status: Delivered 1, Failed 1",
        "rejected: missing_header 1",
        "duplicates: 1  late: 1",
    ] {
        assert!(err.contains(expected), "{expected:?} missing from:\n{err}");
    }
}

#[test]
fn sigkill_during_a_flood_loses_no_acknowledged_callback() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let l = env.listen_with(
        &["--record", rec.to_str().unwrap(), "--json"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let addr = l.addr();
    let acked = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let (addr, acked, stop) = (addr.clone(), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) && i < 5_000 {
                    i += 1;
                    let nonce = format!("K{w:02}{i:023}");
                    let body = rdr(
                        "01JFLOOD000000000000000000",
                        &format!("{w}{i}"),
                        "Delivered",
                        0,
                        "2025-01-01T00:00:00.000Z",
                    );
                    let sig = reference_sign(SECRET, &body, &nonce, &now_unix().to_string());
                    let ts = now_unix().to_string();
                    let headers = [
                        ("x-sinch-webhook-signature", sig.as_str()),
                        ("x-sinch-webhook-signature-nonce", nonce.as_str()),
                        ("x-sinch-webhook-signature-timestamp", ts.as_str()),
                    ];
                    match http(&addr, "POST", "/", &headers, &body) {
                        Ok(r) if r.status == 200 => acked.lock().unwrap().push(nonce),
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    // Let the flood run, then kill -9 in the middle of it.
    let deadline = Instant::now() + Duration::from_secs(20);
    while acked.lock().unwrap().len() < 300 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    l.signal("KILL");
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for w in workers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 300,
        "the flood did not get going: {}",
        acked.len()
    );
    let lines: Vec<String> = record_lines(&rec).iter().map(nonce_of).collect();
    let recorded: std::collections::HashSet<String> = lines.iter().cloned().collect();
    assert_eq!(recorded.len(), lines.len(), "a callback was recorded twice");
    let missing: Vec<&String> = acked.iter().filter(|n| !recorded.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged callbacks missing from the record, e.g. {:?}",
        missing.len(),
        missing.first()
    );
    drop(l);
}
