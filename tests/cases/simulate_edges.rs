//! `simulate` at its edges through the real binary: the `--json` contract
//! (JSON Schema), every numeric flag at its extremes, the suite's time
//! window probe, `--print`, and the messages a newcomer meets.

use crate::support::{Endpoint, Env, stderr_of, stdout_of};

const SECRET: &str = "simulate-edges-secret-42";

fn simulate(env: &Env, url: &str, args: &[&str]) -> std::process::Output {
    env.simulate(SECRET, url, args)
}

fn listen(env: &Env, extra: &[&str]) -> crate::support::Listen {
    env.listen_json(SECRET, extra)
}

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn schema() -> jsonschema::Validator {
    crate::support::schema("simulate.schema.json")
}

#[test]
fn json_output_follows_the_schema() {
    let env = Env::new();
    let v = schema();
    let l = listen(&env, &[]);
    let url = format!("http://{}/sinch", l.addr());
    let dead = format!("{}/", crate::support::dead_url());
    let runs: Vec<(String, Vec<&str>)> = vec![
        (url.clone(), vec!["--json"]),
        (url.clone(), vec!["--json", "--replay"]),
        (
            url.clone(),
            vec!["--json", "--scenario", "batch", "--recipients", "2"],
        ),
        (
            url.clone(),
            vec!["--json", "--count", "20", "--concurrency", "2"],
        ),
        (url.clone(), vec!["suite", "--json"]),
        (dead, vec!["--json"]),
    ];
    let mut types = std::collections::BTreeSet::new();
    for (url, args) in runs {
        // `suite` must come first on the command line.
        let out = if args[0] == "suite" {
            env.cmd()
                .args(["simulate", "suite", "--json", "--url", &url])
                .env("SINCH_WEBHOOK_SECRET", SECRET)
                .output()
                .unwrap()
        } else {
            simulate(&env, &url, &args)
        };
        let lines = json_lines(&out);
        assert!(!lines.is_empty(), "{args:?}: {}", stderr_of(&out));
        for line in lines {
            let errors: Vec<String> = v.iter_errors(&line).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{args:?}: {line}: {errors:?}");
            types.insert(line["type"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(
        types.into_iter().collect::<Vec<_>>(),
        [
            "check",
            "load_summary",
            "request",
            "suite_summary",
            "time_window"
        ]
    );
    // The schema is a contract that can fail: a request line without `ok` is refused.
    let bad = serde_json::json!({"type": "request", "label": "x", "status": 200, "latency_ms": 1.0,
        "expected": "2xx", "nonce": "n", "error": null});
    assert!(!v.is_valid(&bad));
}

#[test]
fn numeric_flags_at_their_extremes_are_usage_errors() {
    let env = Env::new();
    let url = "http://127.0.0.1:9/";
    let max = "18446744073709551615";
    let i63 = "9223372036854775807";
    let cases: Vec<Vec<&str>> = vec![
        vec!["--duration", max],
        vec!["--duration", i63],
        vec!["--duration", "0s"],
        vec!["--duration", "-1s"],
        vec!["--scenario", "retry", "--retry-scale", "inf"],
        vec!["--scenario", "retry", "--retry-scale", "NaN"],
        vec!["--scenario", "retry", "--retry-scale", "1e308"],
        vec!["--scenario", "retry", "--retry-scale", "-1"],
        vec!["--scenario", "batch", "--recipients", max],
        vec!["--scenario", "batch", "--recipients", "100000000"],
        vec!["--scenario", "batch", "--recipients", "1001"],
        vec!["--scenario", "batch", "--recipients", "0"],
        vec!["--count", "0"],
        vec!["--count", max],
        vec!["--count", "-1"],
        vec!["--concurrency", "0"],
        vec!["--concurrency", max],
        vec!["--max-retries", max],
        vec!["--max-retries", "21"],
        vec!["--timeout", max],
        vec!["--timeout", "0s"],
        vec!["--delay", max],
        vec!["--delay", "NaN"],
        vec!["--code", max],
        vec!["--code", "-9223372036854775808"],
        vec!["--expect", "99999"],
    ];
    for args in &cases {
        let out = simulate(&env, url, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(!stderr_of(&out).contains("panicked"), "{args:?}");
    }
    for budget in [max, i63, "0s", "inf"] {
        let out = env
            .cmd()
            .args(["simulate", "suite", "--url", url, "--budget", budget])
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "--budget {budget}");
    }
    // The largest accepted values are accepted (nothing listens: exit 4, not 2 or 101).
    let out = simulate(
        &env,
        url,
        &[
            "--scenario",
            "batch",
            "--recipients",
            "1000",
            "--timeout",
            "10m",
            "--delay",
            "0s",
        ],
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
}

#[test]
fn invalid_kind_and_scenario_combinations_are_refused() {
    let env = Env::new();
    let url = "http://127.0.0.1:9/";
    for kind in ["mo", "conversation-dr", "conversation-mo", "batch-dr"] {
        let out = simulate(&env, url, &[kind, "--scenario", "batch"]);
        assert_eq!(out.status.code(), Some(2), "{kind}: {}", stderr_of(&out));
    }
    for args in [
        vec!["conversation-dr", "--scenario", "expired"],
        vec!["mo", "--scenario", "delivered"],
        vec!["--scenario", "delivered", "--tamper"],
        vec!["suite", "--scenario", "delivered"],
        vec!["suite", "--count", "3"],
    ] {
        let out = simulate(&env, url, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
}

#[test]
fn suite_passes_a_receiver_with_an_inclusive_ten_minute_window_and_finds_its_edges() {
    let env = Env::new();
    // listen's window is inclusive: |now - timestamp| <= --max-age passes.
    let l = listen(&env, &["--max-age", "600"]);
    let url = format!("http://{}/sinch", l.addr());
    let out = env
        .cmd()
        .args(["simulate", "suite", "--json", "--url", &url])
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    let lines = json_lines(&out);
    let failed: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["type"] == "check" && l["passed"] == false)
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(out.status.code(), Some(0));
    let window = lines.iter().find(|l| l["type"] == "time_window").unwrap();
    for side in ["past", "future"] {
        let accepted = window[side]["accepted_s"].as_u64().unwrap();
        let refused = window[side]["refused_s"].as_u64().unwrap();
        // The edge is 600 s; a second boundary passing between signing and checking may shift it by one.
        assert!((599..=600).contains(&accepted), "{side}: {window}");
        assert_eq!(refused, accepted + 1, "{side}: {window}");
    }
    // People get the edges in one line.
    let out = env
        .cmd()
        .args(["simulate", "suite", "--url", &url])
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("time window: accepts 6"),
        "{}",
        stdout_of(&out)
    );
    // A receiver without any window: the edge is not found within 1 h.
    let yes = Endpoint::start(|_, _, _| 200);
    let out = env
        .cmd()
        .args(["simulate", "suite", "--json", "--url", &yes.url])
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    let lines = json_lines(&out);
    let window = lines.iter().find(|l| l["type"] == "time_window").unwrap();
    assert!(window["past"]["refused_s"].is_null(), "{window}");
    assert_eq!(window["past"]["accepted_s"], 3600);
}

#[test]
fn print_writes_the_bodies_and_sends_nothing() {
    let env = Env::new();
    let sink = Endpoint::start(|_, _, _| 200);
    let out = simulate(
        &env,
        &sink.url,
        &[
            "--print",
            "--batch-id",
            "B1",
            "--at",
            "2025-01-01T00:00:00.000Z",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let body: serde_json::Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert_eq!(body["type"], "recipient_delivery_report_sms");
    assert_eq!(body["batch_id"], "B1");
    assert_eq!(body["operator_status_at"], "2025-01-01T00:00:00.000Z");
    // A scenario prints one body per line; no secret is needed to print.
    let out = env
        .cmd()
        .args([
            "simulate",
            "--print",
            "--scenario",
            "batch",
            "--recipients",
            "2",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 5);
    // What --print shows is what `sign --body-file` signs.
    let body = env.path("dlr.json");
    let printed = simulate(&env, &sink.url, &["--print", "mo", "--text", "hej"]);
    std::fs::write(&body, stdout_of(&printed).trim_end()).unwrap();
    let signed = env
        .cmd()
        .args([
            "sign",
            "--body-file",
            body.to_str().unwrap(),
            "--secret",
            SECRET,
        ])
        .output()
        .unwrap();
    assert!(signed.status.success(), "{}", stderr_of(&signed));
    assert_eq!(sink.hits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[test]
fn messages_point_the_right_way() {
    let env = Env::new();
    // A receiver that serves another path: the 404 comes with a hint about --url.
    let other = Endpoint::start(|_, _, _| 404);
    let out = simulate(&env, &other.url, &[]);
    assert_eq!(out.status.code(), Some(7));
    assert!(
        stderr_of(&out).contains("may serve another path"),
        "{}",
        stderr_of(&out)
    );
    assert!(stderr_of(&out).contains("--url"), "{}", stderr_of(&out));
    // Inbound messages are labelled with sender and recipient, not a delivery status.
    let sink = Endpoint::start(|_, _, _| 200);
    for (kind, label) in [
        ("mo", "mo_text from 46700000002 to 46700000000"),
        (
            "conversation-mo",
            "MESSAGE_INBOUND from 46700000002 to 46700000000",
        ),
    ] {
        let out = simulate(&env, &sink.url, &[kind]);
        assert!(
            stdout_of(&out).contains(label),
            "{kind}: {}",
            stdout_of(&out)
        );
        assert!(
            !stdout_of(&out).contains("Delivered"),
            "{kind}: {}",
            stdout_of(&out)
        );
    }
    // The Conversation inbound body names the recipient (sender_id).
    let seen = sink.seen();
    let conv: serde_json::Value = serde_json::from_slice(&seen[1].body).unwrap();
    assert_eq!(conv["message"]["sender_id"], "46700000000");
    // Singular and plural.
    let out = simulate(&env, &sink.url, &["--count", "1"]);
    assert!(
        stdout_of(&out).starts_with("1 request in"),
        "{}",
        stdout_of(&out)
    );
    assert!(stdout_of(&out).contains("0 errors"), "{}", stdout_of(&out));
    let out = simulate(
        &env,
        &sink.url,
        &["--scenario", "batch", "--recipients", "1"],
    );
    assert!(
        stdout_of(&out).contains("delivery_report_sms 1 recipient "),
        "{}",
        stdout_of(&out)
    );
    let refusing = Endpoint::start(|_, _, _| 500);
    let out = simulate(&env, &refusing.url, &[]);
    assert!(
        stderr_of(&out).contains("1 of 1 request was not"),
        "{}",
        stderr_of(&out)
    );
}

/// `--duration` on a real terminal (a pty from `script`): the progress bar
/// shows the elapsed time against the duration, the requests so far and their rate.
#[test]
fn duration_progress_shows_elapsed_time_and_request_rate() {
    if !crate::support::script_available() {
        return;
    }
    let env = Env::new();
    let sink = Endpoint::start(|_, _, _| 200);
    let command = format!(
        "{} simulate --duration 1500ms --concurrency 1 --url {}",
        crate::support::bin().display(),
        sink.url
    );
    let cmd = env.std_cmd();
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .envs(
            cmd.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(" of 1500ms"),
        "elapsed against the whole duration, not whole seconds: {text:?}"
    );
    assert!(text.contains("requests, "), "requests so far: {text:?}");
    assert!(text.contains(" req/s"), "{text:?}");
}

/// The table keeps its columns with long labels, the kind is named as typed,
/// and the "no webhook secret" help is one aligned block.
#[test]
fn output_stays_aligned_and_speaks_the_users_words() {
    let env = Env::new();
    let refusing = Endpoint::start(|_, _, _| 401);
    let mut lines = Vec::new();
    for args in [
        &["--wrong-secret"][..],
        &["--missing-header", "nonce"],
        &["conversation-mo", "--missing-header", "nonce"],
        &["--bad-algorithm"],
    ] {
        let out = simulate(&env, &refusing.url, args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        lines.extend(stdout_of(&out).lines().map(str::to_owned));
    }
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("(missing x-sinch-webhook-signature-nonce)")),
        "a long label is on a line of its own: {lines:#?}"
    );
    let columns: Vec<usize> = lines
        .iter()
        .filter_map(|l| l.chars().position(|c| c == '→'))
        .collect();
    assert_eq!(columns.len(), 4, "{lines:#?}");
    assert!(columns.iter().all(|c| *c == columns[0]), "{lines:#?}");

    let out = simulate(&env, &refusing.url, &["mo", "--scenario", "batch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("recipient-dr and conversation-dr, not mo\n"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("mo_text"), "{}", stderr_of(&out));

    let out = env
        .cmd()
        .args(["simulate", "--url", &refusing.url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = stderr_of(&out);
    let block: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("set it with one of:"))
        .skip(1)
        .collect();
    assert_eq!(block.len(), 3, "{help}");
    for l in &block {
        assert!(l.starts_with("  ") && !l.starts_with("   "), "{help}");
    }
    assert_eq!(
        block[0].find("(flag"),
        block[1].find("(environment)"),
        "{help}"
    );
}
