//! `listen` explains what it refuses: the likely cause of a signature
//! mismatch on the line, when a replayed nonce was signed (and that a tunnel
//! inspector's replay does exactly this), and a failed forward as such.

use crate::support::dashboard::free_port;
use crate::support::{Env, fixture, http, now_unix, reference_sign, signature_nonce};

const SECRET: &str = "explain-secret-0123456789";

/// Posts `body` with a signature made over `signed` (what the sender signed).
fn post(addr: &str, body: &[u8], sig: &str, nonce: &str, ts: &str) -> u16 {
    http(
        addr,
        "POST",
        "/",
        &[
            ("content-type", "application/json"),
            ("x-sinch-webhook-signature", sig),
            ("x-sinch-webhook-signature-nonce", nonce),
            ("x-sinch-webhook-signature-timestamp", ts),
            ("x-sinch-webhook-signature-algorithm", "HmacSHA256"),
        ],
        body,
    )
    .unwrap()
    .status
}

#[test]
fn a_mismatch_line_names_the_planted_cause() {
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let ts = now_unix().to_string();
    let compact = br#"{"type":"mo_text","id":"X","from":"1","to":"2","body":"hi"}"#;
    let pretty =
        serde_json::to_vec_pretty(&serde_json::from_slice::<serde_json::Value>(compact).unwrap())
            .unwrap();
    let cases: Vec<(Vec<u8>, String, &str)> = vec![
        {
            let n = signature_nonce();
            let sig = reference_sign(SECRET, &body, &n, &ts);
            (
                [&body[..], b"\n"].concat(),
                format!("{sig}|{n}"),
                "something added a newline",
            )
        },
        {
            let n = signature_nonce();
            let sig = reference_sign(SECRET, compact, &n, &ts);
            (
                pretty.clone(),
                format!("{sig}|{n}"),
                "re-serialised compactly",
            )
        },
        {
            let n = signature_nonce();
            // body.timestamp.nonce instead of body.nonce.timestamp
            let sig = reference_sign(SECRET, &body, &ts, &n);
            (body.clone(), format!("{sig}|{n}"), "wrong order")
        },
        {
            let n = signature_nonce();
            let sig = reference_sign("someone-elses-secret", &body, &n, &ts);
            (
                body.clone(),
                format!("{sig}|{n}"),
                "the sender used another secret (yours comes from env SINCH_WEBHOOK_SECRET)",
            )
        },
    ];
    for (sent, sig_nonce, _) in &cases {
        let (sig, nonce) = sig_nonce.split_once('|').unwrap();
        assert_eq!(post(&l.addr(), sent, sig, nonce, &ts), 401);
    }
    let lines = l.wait_lines(cases.len());
    for (line, (_, _, expected)) in lines.iter().zip(&cases) {
        assert!(line.contains("signature mismatch"), "{line}");
        assert!(line.contains(expected), "{expected} missing from: {line}");
    }
    let out = l.stop();
    assert!(!out.stdout_text().contains(SECRET));
}

#[test]
fn a_replayed_nonce_says_when_it_was_first_seen_and_names_the_inspector() {
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    // Signed two minutes ago: the line must give the first sighting (seconds
    // ago), not the signing time.
    let (n, ts) = (signature_nonce(), (now_unix() - 120).to_string());
    let sig = reference_sign(SECRET, &body, &n, &ts);
    assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 200);
    assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 401);
    let lines = l.wait_lines(2);
    let line = &lines[1];
    assert!(line.contains(&format!("replayed nonce {n}")), "{line}");
    let ago = line
        .split("first seen at ")
        .nth(1)
        .and_then(|rest| rest.split_once(" ("))
        .and_then(|(_, rest)| rest.split_once("s ago)"))
        .map(|(secs, _)| secs.to_owned());
    let secs: Option<u64> = ago.and_then(|s| s.parse().ok());
    assert!(
        secs.is_some_and(|s| s < 60),
        "first-seen seconds ago: {line}"
    );
    assert!(line.contains("tunnel inspector"), "{line}");
    assert!(line.contains("sinchctl replay"), "{line}");
}

#[test]
fn a_failed_forward_is_shown_and_summarised_as_such() {
    let env = Env::new();
    let down = format!("http://127.0.0.1:{}/hook", free_port());
    let l = env.listen_with(
        &["--no-ngrok", "--forward-to", &down],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let (n, ts) = (signature_nonce(), now_unix().to_string());
    let sig = reference_sign(SECRET, &body, &n, &ts);
    assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 502);
    let lines = l.wait_lines(1);
    assert!(lines[0].contains("502 forward failed"), "{lines:?}");
    assert!(
        !lines[0].contains("Delivered"),
        "not shown as delivered: {lines:?}"
    );
    let out = l.stop();
    let err = out.stderr_text();
    // Counted as forward failed, not as rejected (the signature was valid).
    assert!(
        err.contains(
            "summary: 0 callbacks accepted, 0 rejected, 1 forward failed, 0 messages tracked"
        ),
        "{err}"
    );
    assert!(!err.contains("rejected: forward_failed"), "{err}");
}

#[test]
fn a_failed_forward_is_counted_apart_in_the_json_summary() {
    let env = Env::new();
    let down = format!("http://127.0.0.1:{}/hook", free_port());
    let l = env.listen_with(
        &["--no-ngrok", "--json", "--forward-to", &down],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    for _ in 0..2 {
        let (n, ts) = (signature_nonce(), now_unix().to_string());
        let sig = reference_sign(SECRET, &body, &n, &ts);
        assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 502);
    }
    let lines = l.stop().json_lines();
    crate::cases::listen::assert_schema(&lines);
    let summary = lines.last().unwrap();
    assert_eq!(summary["forward_failed"], 2, "{summary}");
    assert_eq!(summary["rejected"], serde_json::json!({}), "{summary}");
    assert_eq!(summary["accepted"], 0, "{summary}");
}

#[test]
fn listen_counts_are_singular_for_one() {
    let env = Env::new();
    let l = env.listen_with(
        &["--no-ngrok", "--fail-on", "rejected"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let (n, ts) = (signature_nonce(), now_unix().to_string());
    let sig = reference_sign(SECRET, &body, &n, &ts);
    assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 200);
    assert_eq!(post(&l.addr(), &body, "bad", &signature_nonce(), &ts), 401);
    let done = l.stop();
    let err = done.stderr_text();
    assert_eq!(done.status.code(), Some(3), "{err}");
    for expected in [
        "summary: 1 callback accepted, 1 rejected, 1 message tracked",
        "(1 report)",
        "1 request was rejected (--fail-on rejected)",
    ] {
        assert!(err.contains(expected), "{expected} missing from:\n{err}");
    }
    let done = env
        .listen_with(
            &["--no-ngrok", "--exit-after", "1", "--timeout", "1s"],
            &[("SINCH_WEBHOOK_SECRET", SECRET)],
        )
        .finish();
    let err = done.stderr_text();
    assert!(
        err.contains("waiting for 1 accepted callback (got 0)"),
        "{err}"
    );
}

#[test]
fn a_conversation_inbound_message_without_sender_names_the_app() {
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    // Sinch's documented shape: no sender_id, so the message went to the app.
    let body = fixture("callbacks/conversation_message.json");
    let (n, ts) = (signature_nonce(), now_unix().to_string());
    let sig = reference_sign(SECRET, &body, &n, &ts);
    assert_eq!(post(&l.addr(), &body, &sig, &n, &ts), 200);
    let lines = l.wait_lines(1);
    assert!(
        lines[0].contains("from 46700000001 to app 01EB37HMH1M6SV18BSNS3G135H"),
        "{lines:?}"
    );
    assert!(
        !lines[0].contains('?'),
        "nothing unknown shown as ?: {lines:?}"
    );
    drop(l);
}

#[test]
fn record_rejected_keeps_refused_requests_for_verify() {
    let env = Env::new();
    let file = env.path("rejected.ndjson");
    let file_arg = file.to_str().unwrap();
    let l = env.listen_with(
        &["--no-ngrok", "--record-rejected", file_arg],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let (n, ts) = (signature_nonce(), now_unix().to_string());
    let sig = reference_sign(SECRET, &body, &n, &ts);
    let with_newline = [&body[..], b"\n"].concat();
    assert_eq!(post(&l.addr(), &with_newline, &sig, &n, &ts), 401);
    let (n2, ts2) = (signature_nonce(), now_unix().to_string());
    let good = reference_sign(SECRET, &body, &n2, &ts2);
    assert_eq!(post(&l.addr(), &body, &good, &n2, &ts2), 200);
    l.wait_lines(2);
    let done = l.stop();
    assert!(
        done.stderr_text().contains("rejected to"),
        "{}",
        done.stderr_text()
    );
    assert_eq!(crate::support::mode_of(&file), 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 1, "only the refused one: {text}");
    let line: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(line["verdict"], "rejected");
    assert_eq!(line["reason"], "mismatch");
    assert_eq!(line["status"], 401);
    let out = env
        .cmd()
        .args(["verify", "--request", file_arg])
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = crate::support::stderr_of(&out);
    assert!(err.contains("something added a newline"), "{err}");
}

/// The raw HMAC-SHA256 of `body.nonce.timestamp`, for planting encodings.
fn raw_digest(secret: &[u8], body: &[u8], nonce: &str, ts: &str) -> Vec<u8> {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(&[body, format!(".{nonce}.{ts}").as_bytes()].concat());
    mac.finalize().into_bytes().to_vec()
}

/// Makes the signature header from (nonce, timestamp).
type Signer = Box<dyn Fn(&str, &str) -> String>;

/// Posts each `(sent body, signature over what, expected words)` to a fresh
/// listen with `secret` and checks each mismatch line names its cause.
fn planted(secret: &str, cases: Vec<(Vec<u8>, Signer, &str)>) {
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", secret)]);
    let ts = now_unix().to_string();
    for (sent, sign, _) in &cases {
        let nonce = signature_nonce();
        assert_eq!(post(&l.addr(), sent, &sign(&nonce, &ts), &nonce, &ts), 401);
    }
    let lines = l.wait_lines(cases.len());
    for (line, (_, _, expected)) in lines.iter().zip(&cases) {
        assert!(
            line.contains("401 rejected") && line.contains("likely cause"),
            "{line}"
        );
        assert!(line.contains(expected), "{expected} missing from: {line}");
    }
    l.stop();
}

#[test]
fn every_diagnosis_reachable_through_listen_is_named_on_its_line() {
    use base64::Engine as _;
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let crlf: Vec<u8> = b"{\r\n  \"type\": \"mo_text\",\r\n  \"body\": \"hi\"\r\n}".to_vec();
    let lf: Vec<u8> = crlf.iter().copied().filter(|&b| b != b'\r').collect();
    let compact = br#"{"type":"mo_text","body":"hi"}"#.to_vec();
    let spaced = br#"{"type": "mo_text", "body": "hi"}"#.to_vec();
    let b = body.clone();
    let sign_as = move |signed: Vec<u8>, secret: &'static str| -> Signer {
        Box::new(move |n: &str, ts: &str| reference_sign(secret, &signed, n, ts))
    };
    let (b1, b2, b3) = (b.clone(), b.clone(), b.clone());
    planted(
        SECRET,
        vec![
            (
                b.clone(),
                sign_as([&b[..], b"\n"].concat(), SECRET),
                "your copy lost it",
            ),
            (compact, sign_as(spaced, SECRET), "Python's"),
            (lf, sign_as(crlf, SECRET), "CRLF line endings"),
            (
                b.clone(),
                sign_as(b.clone(), "explain-secret-0123456789\n"),
                "secret ends in",
            ),
            (
                b.clone(),
                Box::new(move |n: &str, ts: &str| {
                    let d = raw_digest(SECRET.as_bytes(), &b1, n, ts);
                    d.iter().map(|x| format!("{x:02x}")).collect()
                }),
                "as hex",
            ),
            (
                b.clone(),
                Box::new(move |n: &str, ts: &str| {
                    let d = raw_digest(SECRET.as_bytes(), &b2, n, ts);
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(d)
                }),
                "url-safe base64",
            ),
            (
                b.clone(),
                Box::new(move |n: &str, ts: &str| {
                    let ms = (ts.parse::<i64>().unwrap() * 1000).to_string();
                    reference_sign(SECRET, &b3, n, &ms)
                }),
                "timestamp in milliseconds",
            ),
        ],
    );
    // The receiver's secret carries stray whitespace; the sender's does not.
    planted(
        "  padded-secret-0123456789 \n",
        vec![(
            b.clone(),
            sign_as(b.clone(), "padded-secret-0123456789"),
            "surrounding whitespace",
        )],
    );
    // The receiver's secret is base64 text; the sender used the decoded bytes.
    let decoded = "signing-key-0123456789";
    let encoded = base64::engine::general_purpose::STANDARD.encode(decoded);
    let leaked: &'static str = Box::leak(encoded.into_boxed_str());
    planted(
        leaked,
        vec![(
            b.clone(),
            sign_as(b.clone(), decoded),
            "base64-decoded first",
        )],
    );
}
