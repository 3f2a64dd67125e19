//! `simulate` through the real binary: round trips into `listen` for every
//! kind and scenario, every negative case, Sinch-like retries, custom
//! bodies, a load run, and `--delay`/`--at`.

use crate::support::{Endpoint, Env, Finished, Listen, stderr_of, stdout_of};

const SECRET: &str = "simulate-test-secret-99";

fn listen(env: &Env, extra: &[&str]) -> Listen {
    env.listen_json(SECRET, extra)
}

/// Runs simulate against `url` and returns its output.
fn simulate(env: &Env, url: &str, args: &[&str]) -> std::process::Output {
    env.simulate(SECRET, url, args)
}

fn url(l: &Listen) -> String {
    format!("http://{}/sinch", l.addr())
}

fn requests(done: &Finished) -> Vec<serde_json::Value> {
    done.json_lines()
        .into_iter()
        .filter(|l| l["type"] == "request")
        .collect()
}

#[test]
fn every_kind_round_trips_into_listen() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let cases = [
        ("recipient-dr", "recipient_delivery_report_sms", "sms"),
        ("batch-dr", "delivery_report_sms", "sms"),
        ("mo", "mo_text", "sms"),
        ("conversation-dr", "message_delivery_report", "conversation"),
        ("conversation-mo", "message", "conversation"),
    ];
    for (kind, ..) in cases {
        let out = simulate(
            &env,
            &url(&l),
            &[kind, "--client-reference", "ref-7", "--text", "hej"],
        );
        assert!(
            out.status.success(),
            "{kind}: {}{}",
            stdout_of(&out),
            stderr_of(&out)
        );
    }
    let done = l.stop();
    let lines = requests(&done);
    assert_eq!(lines.len(), cases.len());
    for ((kind, expected, family), line) in cases.iter().zip(&lines) {
        assert_eq!(line["verdict"], "verified", "{kind}");
        assert_eq!(
            (line["kind"].as_str(), line["family"].as_str()),
            (Some(*expected), Some(*family)),
            "{kind}"
        );
        assert!(line["warning"].is_null(), "{kind}: {}", line["warning"]);
    }
    // Payload details as the spec shapes them.
    let rdr: serde_json::Value = serde_json::from_str(lines[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(rdr["code"], 0);
    assert_eq!(rdr["client_reference"], "ref-7");
    let at = rdr["at"].as_str().unwrap();
    assert!(
        at.ends_with('Z') && at.len() == 24,
        "milliseconds and Z: {at}"
    );
    assert_eq!(rdr["batch_id"].as_str().unwrap().len(), 26);
    assert_eq!(lines[2]["events"][0]["text"], "hej");
    assert_eq!(lines[3]["trigger"], "MESSAGE_DELIVERY");
    assert_eq!(lines[4]["trigger"], "MESSAGE_INBOUND");
    // Conversation inbound names both sides (sender_id is your number).
    let inbound = &lines[4]["events"][0];
    assert_eq!(
        (inbound["from"].as_str(), inbound["to"].as_str()),
        (Some("46700000002"), Some("46700000000"))
    );
}

#[test]
fn every_scenario_round_trips_into_listen() {
    let env = Env::new();
    // (args, expected (status, observation) per request as listen saw them)
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            vec!["--scenario", "delivered"],
            vec![("Dispatched", "new"), ("Delivered", "update")],
        ),
        (
            vec!["--scenario", "failed"],
            vec![("Dispatched", "new"), ("Failed", "update")],
        ),
        (
            vec!["--scenario", "expired"],
            vec![("Dispatched", "new"), ("Expired", "update")],
        ),
        (vec!["--scenario", "rejected"], vec![("Rejected", "new")]),
        (
            vec!["--scenario", "out-of-order"],
            vec![("Delivered", "new"), ("Dispatched", "late")],
        ),
        (
            vec!["--scenario", "duplicate"],
            vec![("Delivered", "new"), ("Delivered", "duplicate")],
        ),
        (
            vec!["conversation-dr", "--scenario", "failed"],
            vec![("QUEUED_ON_CHANNEL", "new"), ("FAILED", "update")],
        ),
        (
            vec!["conversation-dr", "--scenario", "out-of-order"],
            vec![("DELIVERED", "new"), ("QUEUED_ON_CHANNEL", "late")],
        ),
    ];
    for (args, expected) in cases {
        let l = listen(&env, &[]);
        let out = simulate(&env, &url(&l), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        let done = l.stop();
        let seen: Vec<(String, String)> = requests(&done)
            .iter()
            .map(|r| {
                let e = &r["events"][0];
                (
                    e["status"].as_str().unwrap_or("").to_owned(),
                    e["observation"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(seen, expected, "{args:?}");
    }
    // Failed carries a failure code; the batch scenario ends with the summary for every recipient.
    let l = listen(&env, &[]);
    assert!(
        simulate(
            &env,
            &url(&l),
            &["--scenario", "batch", "--recipients", "4"]
        )
        .status
        .success()
    );
    let done = l.stop();
    let lines = requests(&done);
    assert_eq!(lines.len(), 9);
    let last = &lines[8];
    assert_eq!(last["kind"], "delivery_report_sms");
    assert_eq!(last["events"][0]["count"], 4);
    let summary = done.json_lines().pop().unwrap();
    assert_eq!(summary["messages"].as_array().unwrap().len(), 4);
    assert_eq!(summary["by_status"]["Delivered"], 4);
}

#[test]
fn retry_scenario_behaves_like_sinch() {
    let env = Env::new();
    // 503, 429, then 200: three attempts, success.
    let flaky = Endpoint::start(|n, _, _| [503, 429, 200][n.min(2)]);
    let out = simulate(
        &env,
        &flaky.url,
        &["--scenario", "retry", "--retry-scale", "0.001", "--json"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<u64> = lines
        .iter()
        .map(|l| l["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![503, 429, 200]);
    // Each resend is freshly signed.
    assert_ne!(lines[0]["nonce"], lines[1]["nonce"]);
    // A 400 stops retries at once, and the callback is lost: exit 7.
    let refusing = Endpoint::start(|_, _, _| 400);
    let out = simulate(
        &env,
        &refusing.url,
        &["--scenario", "retry", "--retry-scale", "0.001"],
    );
    assert_eq!(out.status.code(), Some(7), "{}", stdout_of(&out));
    assert_eq!(refusing.hits.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Always 500: gives up after --max-retries resends.
    let down = Endpoint::start(|_, _, _| 500);
    let out = simulate(
        &env,
        &down.url,
        &[
            "--scenario",
            "retry",
            "--retry-scale",
            "0.001",
            "--max-retries",
            "3",
        ],
    );
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(down.hits.load(std::sync::atomic::Ordering::SeqCst), 4);
}

#[test]
fn every_negative_case_is_refused_by_listen() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec!["--tamper"], vec!["mismatch"]),
        (vec!["--wrong-secret"], vec!["mismatch"]),
        (vec!["--stale"], vec!["stale"]),
        (vec!["--future"], vec!["future"]),
        (vec!["--replay"], vec!["", "replayed"]),
        (vec!["--no-signature"], vec!["missing_header"]),
        (
            vec!["--missing-header", "signature"],
            vec!["missing_header"],
        ),
        (vec!["--missing-header", "nonce"], vec!["missing_header"]),
        (
            vec!["--missing-header", "x-sinch-webhook-signature-timestamp"],
            vec!["missing_header"],
        ),
        (vec!["--missing-header", "algorithm"], vec![""]),
        (vec!["--bad-algorithm"], vec!["unsupported_algorithm"]),
    ];
    let mut expected_reasons = Vec::new();
    for (args, reasons) in &cases {
        let out = simulate(&env, &url(&l), args);
        assert!(
            out.status.success(),
            "{args:?} did not get the expected answer: {}",
            stdout_of(&out)
        );
        expected_reasons.extend(reasons.iter().copied());
    }
    let done = l.stop();
    let got: Vec<String> = requests(&done)
        .iter()
        .map(|r| r["reason"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(got, expected_reasons);
}

#[test]
fn unmet_expectations_and_unreachable_endpoints_exit_non_zero() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let out = simulate(&env, &url(&l), &["--expect", "5xx"]);
    assert_eq!(out.status.code(), Some(7));
    assert!(stdout_of(&out).contains('✗'));
    assert!(
        stderr_of(&out).contains("expected 5xx"),
        "{}",
        stderr_of(&out)
    );
    // An endpoint that accepts a tampered body fails the expectation.
    let lax = Endpoint::start(|_, _, _| 200);
    assert_eq!(
        simulate(&env, &lax.url, &["--tamper"]).status.code(),
        Some(7)
    );
    // Nobody listening: exit 4 with a hint.
    let dead = format!("{}/", crate::support::dead_url());
    let out = simulate(&env, &dead, &[]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("is your server running?"),
        "{}",
        stderr_of(&out)
    );
    // Bad flags are usage errors.
    assert_eq!(
        simulate(&env, &dead, &["--missing-header", "bogus"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        simulate(&env, &dead, &["--tamper", "--stale"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(simulate(&env, "ftp://x/", &[]).status.code(), Some(2));
}

#[test]
fn custom_bodies_and_odd_pairs() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let body = env.path("body.json");
    std::fs::write(&body, crate::support::fixture("callbacks/mo_media.json")).unwrap();
    let out = simulate(&env, &url(&l), &["--body-file", body.to_str().unwrap()]);
    assert!(out.status.success());
    let out = simulate(&env, &url(&l), &["--status", "Delivered", "--code", "402"]);
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("not a pair Sinch sends"),
        "{}",
        stderr_of(&out)
    );
    let done = l.stop();
    let lines = requests(&done);
    assert_eq!(lines[0]["kind"], "mo_media");
    assert_eq!(
        lines[0]["body"].as_str().unwrap().as_bytes(),
        &crate::support::fixture("callbacks/mo_media.json")[..]
    );
    assert_eq!(lines[1]["events"][0]["code"], 402);
}

#[test]
fn load_run_of_2000_is_counted_and_recorded_exactly() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let l = listen(&env, &["--record", rec.to_str().unwrap()]);
    let out = simulate(
        &env,
        &url(&l),
        &["--count", "2000", "--concurrency", "16", "--json"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).is_empty(),
        "no progress bar when stderr is not a terminal: {}",
        stderr_of(&out)
    );
    let summary: serde_json::Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert_eq!(summary["requests"], 2000);
    assert_eq!(summary["statuses"]["200"], 2000);
    assert_eq!(summary["unexpected"], 0);
    for p in ["p50", "p90", "p99", "max"] {
        assert!(summary["latency_ms"][p].as_f64().unwrap() > 0.0);
    }
    let done = l.stop();
    let recorded = std::fs::read_to_string(&rec).unwrap().lines().count();
    assert_eq!(recorded, 2000);
    assert_eq!(done.json_lines().pop().unwrap()["accepted"], 2000);
    // A duration-bounded run stops by itself.
    let l = listen(&env, &[]);
    let out = simulate(
        &env,
        &url(&l),
        &["--duration", "500ms", "--concurrency", "2"],
    );
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("req/s"));
}

#[test]
fn delay_and_at_are_honoured() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let started = std::time::Instant::now();
    let out = simulate(
        &env,
        &url(&l),
        &[
            "--scenario",
            "delivered",
            "--delay",
            "300ms",
            "--at",
            "2025-03-01T12:00:00.000Z",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(300),
        "the pause between events was skipped"
    );
    let done = l.stop();
    let ats: Vec<String> = requests(&done)
        .iter()
        .map(|r| r["events"][0]["at"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        ats,
        ["2025-03-01T12:00:00.000Z", "2025-03-01T12:00:03.000Z"]
    );
}
