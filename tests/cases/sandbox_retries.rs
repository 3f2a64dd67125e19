//! `sandbox` following Sinch's callback retry policy through the real binary:
//! growing delays with fresh signatures, dropped 4xx, refused connections,
//! pending callbacks at SIGTERM, and a full retry queue.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::sandbox::{SECRET, callbacks, sandbox, send_ok, sp};
use crate::support::{Endpoint, Env, Listen, dead_url, reference_sign, wait_until};

/// Sends one Delivered report (per_recipient_final) to `url` at speed 50.
fn one_callback(env: &Env, url: &str) -> Listen {
    let sb = sandbox(env, &["--secret", SECRET, "--speed", "50"]);
    send_ok(
        sp(env, &sb),
        &[
            "--to",
            "+15550000000",
            "--body",
            "x",
            "--delivery-report",
            "per-recipient-final",
            "--callback-url",
            url,
        ],
    );
    sb
}

#[test]
fn a_receiver_answering_503_twice_gets_three_signed_attempts_with_growing_delays() {
    let env = Env::new();
    let app = Endpoint::start(|n, _, _| if n < 2 { 503 } else { 200 });
    let sb = one_callback(&env, &app.url);
    wait_until("3 attempts", || app.seen().len() >= 3);
    std::thread::sleep(Duration::from_millis(600));
    let cbs = callbacks(&sb);
    let plan: Vec<(i64, &str, Option<i64>)> = cbs
        .iter()
        .map(|c| {
            (
                c["attempt"].as_i64().unwrap(),
                c["next"].as_str().unwrap(),
                c["retry_in_ms"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        plan,
        [
            (1, "retry", Some(100)),
            (2, "retry", Some(200)),
            (3, "delivered", None)
        ]
    );
    let seen = app.seen();
    assert_eq!(seen.len(), 3, "no attempt after the 200");
    let mut nonces = std::collections::HashSet::new();
    for r in &seen {
        assert_eq!(r.body, seen[0].body, "the same report each time");
        let nonce = r.header("x-sinch-webhook-signature-nonce").unwrap();
        let ts = r.header("x-sinch-webhook-signature-timestamp").unwrap();
        assert_eq!(
            r.header("x-sinch-webhook-signature"),
            Some(reference_sign(SECRET, &r.body, nonce, ts).as_str())
        );
        nonces.insert(nonce.to_owned());
    }
    assert_eq!(nonces.len(), 3, "each attempt freshly signed");
}

#[test]
fn a_400_is_dropped_after_one_attempt_and_a_429_is_retried() {
    let env = Env::new();
    let refuses = Endpoint::start(|_, _, _| 400);
    let sb = one_callback(&env, &refuses.url);
    wait_until("the attempt", || callbacks(&sb).len() == 1);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(refuses.seen().len(), 1);
    assert_eq!(callbacks(&sb)[0]["next"], "dropped");
    let busy = Endpoint::start(|n, _, _| if n == 0 { 429 } else { 200 });
    let sb = one_callback(&env, &busy.url);
    wait_until("2 attempts", || callbacks(&sb).len() == 2);
    let next: Vec<Value> = callbacks(&sb).iter().map(|c| c["next"].clone()).collect();
    assert_eq!(next, [json!("retry"), json!("delivered")]);
}

#[test]
fn connection_refused_is_retried_and_sigterm_drops_pending_callbacks_cleanly() {
    let env = Env::new();
    let url = format!("{}/cb", dead_url());
    let sb = one_callback(&env, &url);
    wait_until("2 refused attempts", || callbacks(&sb).len() >= 2);
    let first = &callbacks(&sb)[0];
    assert_eq!(
        (first["answer"].clone(), first["next"].clone()),
        (Value::Null, json!("retry"))
    );
    assert!(
        first["error"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("refused"),
        "{first}"
    );
    let done = sb.stop();
    assert!(done.status.success(), "{}", done.stderr_text());
    assert!(
        done.stderr_text().contains("1 pending callback not sent"),
        "{}",
        done.stderr_text()
    );
}

#[test]
fn a_retry_that_does_not_fit_the_queue_is_reported() {
    let env = Env::new();
    let slow = Endpoint::start(|_, _, _| {
        std::thread::sleep(Duration::from_millis(500));
        503
    });
    let sb = sandbox(&env, &["--max-pending", "1", "--speed", "100"]);
    let args = [
        "--to",
        "+15550000000",
        "--body",
        "x",
        "--delivery-report",
        "per-recipient-final",
    ];
    send_ok(
        sp(&env, &sb),
        &[&args[..], &["--callback-url", &slow.url]].concat(),
    );
    wait_until("the first attempt", || !callbacks(&sb).is_empty());
    // While the second attempt waits on the slow receiver, a scheduled batch takes the one slot.
    let later = [
        &args[..],
        &["--callback-url", &slow.url, "--send-at", "+1h"],
    ]
    .concat();
    wait_until("a free slot", || {
        sp(&env, &sb)
            .arg("send")
            .args(&later)
            .output()
            .unwrap()
            .status
            .success()
    });
    wait_until("the second attempt", || callbacks(&sb).len() >= 2);
    assert_eq!(callbacks(&sb)[1]["next"], "queue_full");
}
