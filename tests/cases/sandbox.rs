//! `sandbox` through the real binary: every outcome reaches `listen`
//! verified, `send`/`status`/`report`/`cancel` in both auth modes, token
//! expiry, Sinch's retry policy, `send --wait` exit codes, inbound, and
//! the API's validation error shapes.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{Endpoint, Env, Listen, http, reference_sign, stderr_of, stdout_of};

const SECRET: &str = "sandbox-hmac-secret-123";

/// Starts `sinchctl sandbox --port 0 --json ARGS`.
fn sandbox(env: &Env, args: &[&str]) -> Listen {
    let mut cmd = env.std_cmd();
    cmd.args(["sandbox", "--port", "0", "--json"]).args(args);
    Listen::spawn(cmd)
}

fn base(sb: &Listen) -> String {
    format!("http://{}", sb.addr())
}

/// `sinchctl` with service plan credentials pointed at the sandbox.
fn sp(env: &Env, sb: &Listen) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("SINCH_SERVICE_PLAN_ID", "plan-1")
        .env("SINCH_API_TOKEN", "api-token-1")
        .env("SINCH_SMS_BASE_URL", base(sb));
    cmd
}

/// `sinchctl` with OAuth2 credentials pointed at the sandbox.
fn oauth(env: &Env, sb: &Listen) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("SINCH_PROJECT_ID", "proj-1")
        .env("SINCH_KEY_ID", "key-1")
        .env("SINCH_KEY_SECRET", "key-secret-1")
        .env("SINCH_SMS_BASE_URL", base(sb))
        .env("SINCH_AUTH_URL", format!("{}/oauth2/token", base(sb)));
    cmd
}

/// The sandbox's NDJSON lines so far, each checked against
/// tests/schema/sandbox.schema.json (the contract of `sandbox --json`).
fn events(sb: &Listen) -> Vec<Value> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/sandbox.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    sb.lines()
        .iter()
        .map(|l| {
            let v: Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
            let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:?} in {l}");
            v
        })
        .collect()
}

fn callbacks(sb: &Listen) -> Vec<Value> {
    events(sb)
        .into_iter()
        .filter(|e| e["type"] == "callback")
        .collect()
}

/// Waits (up to 20 s) until `done` holds.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn send_ok(mut cmd: assert_cmd::Command, args: &[&str]) -> String {
    let out = cmd.arg("send").args(args).output().unwrap();
    assert!(out.status.success(), "send failed: {}", stderr_of(&out));
    stdout_of(&out).trim().to_owned()
}

#[test]
fn every_outcome_reaches_listen_verified_in_the_promised_order() {
    let env = Env::new();
    // Per recipient: 0,2,7,8 three reports; 1 three; 3 two; 4 three; 5 four; 6 two = 26.
    let l = env.listen(&[
        "--secret",
        SECRET,
        "--json",
        "--exit-after",
        "26",
        "--timeout",
        "30s",
    ]);
    let sb = sandbox(
        &env,
        &[
            "--secret",
            SECRET,
            "--callback-url",
            &format!("http://{}/", l.addr()),
        ],
    );
    let to: Vec<String> = (0..9).map(|d| format!("+1555000000{d}")).collect();
    let id = send_ok(
        sp(&env, &sb),
        &[
            "--to",
            &to.join(","),
            "--body",
            "hi",
            "--delivery-report",
            "per-recipient",
        ],
    );
    let done = l.finish();
    assert!(done.status.success(), "{}", done.stderr_text());
    let lines = done.json_lines();
    let requests: Vec<&Value> = lines.iter().filter(|v| v["type"] == "request").collect();
    assert_eq!(requests.len(), 26);
    assert!(
        requests.iter().all(|r| r["verdict"] == "verified"),
        "every callback verified"
    );
    let history = |rcpt: &str| -> Vec<(String, String)> {
        requests
            .iter()
            .flat_map(|r| r["events"].as_array().cloned().unwrap_or_default())
            .filter(|e| e["recipient"] == rcpt)
            .map(|e| {
                (
                    e["status"].as_str().unwrap_or("").to_owned(),
                    e["observation"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let statuses = |rcpt: &str| {
        history(rcpt)
            .into_iter()
            .map(|(s, _)| s)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        statuses("15550000000"),
        ["Queued", "Dispatched", "Delivered"]
    );
    assert_eq!(statuses("15550000003"), ["Queued", "Rejected"]);
    assert_eq!(
        statuses("15550000004"),
        ["Queued", "Delivered", "Dispatched"]
    );
    assert_eq!(history("15550000004")[2].1, "late");
    assert_eq!(
        statuses("15550000005"),
        ["Queued", "Dispatched", "Delivered", "Delivered"]
    );
    assert_eq!(history("15550000005")[3].1, "duplicate");
    assert_eq!(statuses("15550000006"), ["Queued", "Dispatched"]);
    let summary = lines.last().unwrap();
    let finals: std::collections::BTreeMap<String, (String, i64)> = summary["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["recipient"].as_str().unwrap().to_owned(),
                (
                    m["status"].as_str().unwrap().to_owned(),
                    m["code"].as_i64().unwrap(),
                ),
            )
        })
        .collect();
    let expected = [
        ("0", "Delivered", 0),
        ("1", "Failed", 402),
        ("2", "Expired", 0),
        ("3", "Rejected", 0),
        ("4", "Delivered", 0),
        ("5", "Delivered", 0),
        ("6", "Dispatched", 401),
        ("7", "Delivered", 0),
        ("8", "Delivered", 0),
    ];
    for (digit, status, code) in expected {
        assert_eq!(
            finals[&format!("1555000000{digit}")],
            (status.to_owned(), code),
            "recipient ending {digit}"
        );
    }
    // The pull API tells the same story.
    let out = sp(&env, &sb)
        .args(["report", &id, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["total_message_count"], 9);
    for st in report["statuses"].as_array().unwrap() {
        for r in st["recipients"].as_array().unwrap() {
            let (status, code) = &finals[r.as_str().unwrap()];
            assert_eq!(
                (st["status"].as_str().unwrap(), st["code"].as_i64().unwrap()),
                (status.as_str(), *code)
            );
        }
    }
    let out = sp(&env, &sb)
        .args(["report", &id, "--recipient", "+15550000001", "--json"])
        .output()
        .unwrap();
    let one: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (one["status"].as_str(), one["code"].as_i64()),
        (Some("Failed"), Some(402))
    );
    // The sandbox logged every API call and callback attempt.
    wait_until("26 logged attempts", || callbacks(&sb).len() >= 26);
    let cbs = callbacks(&sb);
    assert_eq!(cbs.len(), 26);
    assert!(
        cbs.iter()
            .all(|c| c["next"] == "delivered" && c["signed"] == true && c["attempt"] == 1)
    );
    let port = sb.port;
    let stopped = sb.stop();
    assert!(stopped.status.success());
    let err = stopped.stderr_text();
    assert!(err.contains("api POST /xms/v1/plan-1/batches 201"), "{err}");
    assert!(
        err.contains(&format!(
            "export SINCH_SMS_BASE_URL=http://127.0.0.1:{port} SINCH_AUTH_URL=http://127.0.0.1:{port}/oauth2/token"
        )),
        "{err}"
    );
}

#[test]
fn batch_reports_and_per_recipient_final() {
    let env = Env::new();
    let app = Endpoint::start(|_, _, _| 200);
    let sb = sandbox(&env, &["--callback-url", &app.url, "--speed", "100"]);
    let full = send_ok(
        sp(&env, &sb),
        &[
            "--to",
            "+15550000000,+15550000001",
            "--body",
            "x",
            "--delivery-report",
            "full",
        ],
    );
    let summary = send_ok(
        sp(&env, &sb),
        &[
            "--to",
            "+15550000000",
            "--body",
            "x",
            "--delivery-report",
            "summary",
            "--client-reference",
            "ref-7",
        ],
    );
    let finals = send_ok(
        sp(&env, &sb),
        &[
            "--to",
            "+15550000004,+15550000005",
            "--body",
            "x",
            "--delivery-report",
            "per-recipient-final",
        ],
    );
    wait_until("5 callbacks", || app.seen().len() >= 5);
    std::thread::sleep(Duration::from_millis(300));
    let seen = app.seen();
    assert_eq!(seen.len(), 5, "two batch reports and three final reports");
    let body_of = |id: &str| {
        seen.iter()
            .map(|r| r.json())
            .filter(|v| v["batch_id"] == id)
            .collect::<Vec<_>>()
    };
    let f = &body_of(&full)[0];
    assert_eq!(f["type"], "delivery_report_sms");
    assert_eq!(f["total_message_count"], 2);
    assert_eq!(
        f["statuses"],
        json!([{"code": 0, "count": 1, "recipients": ["15550000000"], "status": "Delivered"},
               {"code": 402, "count": 1, "recipients": ["15550000001"], "status": "Failed"}])
    );
    let s = &body_of(&summary)[0];
    assert_eq!(
        s["statuses"],
        json!([{"code": 0, "count": 1, "status": "Delivered"}])
    );
    assert_eq!(s["client_reference"], "ref-7");
    let f: Vec<String> = body_of(&finals)
        .iter()
        .map(|v| format!("{} {}", v["recipient"], v["status"]))
        .collect();
    assert_eq!(f.len(), 3);
    assert!(f.iter().all(|l| l.ends_with("\"Delivered\"")), "{f:?}");
    // The list of final reports, filtered like the API's.
    let auth = [("authorization", "Bearer api-token-1")];
    let list = |q: &str| -> Value {
        let r = http(
            &sb.addr(),
            "GET",
            &format!("/xms/v1/plan-1/delivery_reports{q}"),
            &auth,
            b"",
        )
        .unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).unwrap()
    };
    assert_eq!(list("")["count"], 5);
    let failed = list("?status=Failed&code=402");
    assert_eq!(
        (
            failed["count"].as_i64(),
            failed["delivery_reports"][0]["recipient"].as_str()
        ),
        (Some(1), Some("15550000001"))
    );
    assert_eq!(
        list("?page=1&page_size=3")["delivery_reports"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Without signature headers: no --secret.
    assert!(
        seen.iter()
            .all(|r| r.header("x-sinch-webhook-signature").is_none())
    );
}

#[test]
fn send_status_report_cancel_in_both_auth_modes() {
    let env = Env::new();
    let sb = sandbox(
        &env,
        &[
            "--credentials",
            "service-plan=plan-1:api-token-1",
            "--credentials",
            "project=proj-1:key-1:key-secret-1",
        ],
    );
    let sp_id = send_ok(sp(&env, &sb), &["--to", "+15550000000", "--body", "hi"]);
    let oa_id = send_ok(oauth(&env, &sb), &["--to", "+15550000000", "--body", "hi"]);
    for (mut cmd, id) in [(sp(&env, &sb), &sp_id), (oauth(&env, &sb), &oa_id)] {
        let out = cmd.args(["status", id, "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            (v["id"].as_str(), v["canceled"].as_bool()),
            (Some(id.as_str()), Some(false))
        );
    }
    // A batch belongs to its service plan or project.
    let out = oauth(&env, &sb).args(["status", &sp_id]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr_of(&out).contains("404"), "{}", stderr_of(&out));
    // Wrong credentials get the real 401, in both modes.
    let out = sp(&env, &sb)
        .env("SINCH_API_TOKEN", "wrong")
        .args(["send", "--to", "+15550000000", "--body", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr_of(&out).contains("401"), "{}", stderr_of(&out));
    let out = oauth(&env, &sb)
        .env("SINCH_KEY_ID", "key-unknown")
        .args(["send", "--to", "+15550000000", "--body", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("invalid_client") || stderr_of(&out).contains("401"),
        "{}",
        stderr_of(&out)
    );
    // As the real token endpoint: a wrong key is a 401 with its Basic challenge.
    let wrong = format!("Basic {}", base64_of("key-unknown:nope"));
    let (s, v, reply) = post(
        &sb,
        "/oauth2/token",
        &[("authorization", &wrong)],
        "grant_type=client_credentials",
    );
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    assert!(
        reply
            .header("www-authenticate")
            .is_some_and(|h| h.starts_with("Basic")),
        "{reply:?}"
    );
    // Cancel a scheduled batch: status and report agree; a second cancel is refused.
    let later = send_ok(
        oauth(&env, &sb),
        &[
            "--to",
            "+15550000000,+15550000001",
            "--body",
            "later",
            "--send-at",
            "+1h",
        ],
    );
    let out = oauth(&env, &sb).args(["cancel", &later]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).trim(), later);
    let out = oauth(&env, &sb)
        .args(["status", &later, "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["canceled"], true);
    let out = oauth(&env, &sb)
        .args(["report", &later, "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["statuses"],
        json!([{"code": 407, "count": 2, "recipients": ["15550000000", "15550000001"], "status": "Cancelled"}])
    );
    let out = oauth(&env, &sb).args(["cancel", &later]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("can no longer be cancelled"),
        "{}",
        stderr_of(&out)
    );
    // A finished batch cannot be cancelled either.
    wait_until("the first batch to finish", || {
        let out = sp(&env, &sb)
            .args(["report", &sp_id, "--json"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("Delivered")
    });
    let out = sp(&env, &sb).args(["cancel", &sp_id]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    // Dry run answers per recipient.
    let out = sp(&env, &sb)
        .args([
            "send",
            "--to",
            "+15550000000,+15550000001",
            "--body",
            "Привет",
            "--dry-run",
            "--json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            v["number_of_recipients"].as_i64(),
            v["per_recipient"][0]["encoding"].as_str()
        ),
        (Some(2), Some("UNICODE"))
    );
}

#[test]
fn an_expired_token_makes_send_refresh_once() {
    let env = Env::new();
    let sb = sandbox(&env, &["--token-ttl", "1s"]);
    send_ok(oauth(&env, &sb), &["--to", "+15550000000", "--body", "one"]);
    // Make the cached token look valid for an hour (as with a skewed clock), then let it expire.
    let dir = env.path("cache/sinchctl");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let mut cached: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    cached["expires_at"] = json!(crate::support::now_unix() + 3600);
    std::fs::write(&file, cached.to_string()).unwrap();
    std::thread::sleep(Duration::from_millis(2100));
    send_ok(oauth(&env, &sb), &["--to", "+15550000000", "--body", "two"]);
    let calls: Vec<(String, i64)> = events(&sb)
        .iter()
        .filter(|e| e["type"] == "api")
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["status"].as_i64().unwrap(),
            )
        })
        .collect();
    let want = |p: &str, s: i64| (p.to_owned(), s);
    assert_eq!(
        calls,
        [
            want("/oauth2/token", 200),
            want("/xms/v1/proj-1/batches", 201),
            want("/xms/v1/proj-1/batches", 401),
            want("/oauth2/token", 200),
            want("/xms/v1/proj-1/batches", 201),
        ]
    );
}

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
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/cb", closed.local_addr().unwrap());
    drop(closed);
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

#[test]
fn send_wait_exit_codes_follow_the_outcomes() {
    let env = Env::new();
    let sb = sandbox(&env, &["--speed", "20"]);
    let wait = |to: &str, timeout: &str| {
        sp(&env, &sb)
            .args([
                "send",
                "--to",
                to,
                "--body",
                "x",
                "--wait",
                "--poll-interval",
                "100ms",
                "--timeout",
                timeout,
            ])
            .output()
            .unwrap()
    };
    let out = wait("+15550000000,+15550000007", "20s");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let out = wait("+15550000000,+15550000001", "20s");
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("15550000001 Failed"),
        "{}",
        stderr_of(&out)
    );
    let out = wait("+15550000006", "2s");
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("Dispatched"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn inbound_reaches_listen_verified() {
    let env = Env::new();
    let l = env.listen(&[
        "--secret",
        SECRET,
        "--json",
        "--exit-after",
        "1",
        "--timeout",
        "20s",
    ]);
    let sb = sandbox(
        &env,
        &[
            "--secret",
            SECRET,
            "--callback-url",
            &format!("http://{}/", l.addr()),
        ],
    );
    let out = env
        .cmd()
        .args([
            "sandbox",
            "inbound",
            "--from",
            "+15550000002",
            "--to",
            "+15550000000",
            "--body",
            "STOP",
        ])
        .env("SINCH_SMS_BASE_URL", base(&sb))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let id = stdout_of(&out).trim().to_owned();
    assert_eq!(id.len(), 26, "a ULID: {id}");
    let done = l.finish();
    let lines = done.json_lines();
    assert_eq!(lines[0]["verdict"], "verified");
    assert_eq!(lines[0]["kind"], "mo_text");
    let body: Value = serde_json::from_str(lines[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        (
            body["id"].as_str(),
            body["from"].as_str(),
            body["body"].as_str()
        ),
        (Some(id.as_str()), Some("15550000002"), Some("STOP"))
    );
    // Without a callback URL there is nowhere to deliver: the sandbox says so.
    let bare = sandbox(&env, &[]);
    let out = env
        .cmd()
        .args([
            "sandbox",
            "inbound",
            "--sandbox-url",
            &base(&bare),
            "--from",
            "+15550000002",
            "--to",
            "1234",
            "--body",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("--callback-url"),
        "{}",
        stderr_of(&out)
    );
}

fn post(
    sb: &Listen,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value, crate::support::Reply) {
    let reply = http(&sb.addr(), "POST", path, headers, body.as_bytes()).unwrap();
    let v = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    (reply.status, v, reply)
}

#[test]
fn validation_errors_have_the_api_shapes() {
    let env = Env::new();
    let sb = sandbox(&env, &[]);
    let auth = [
        ("authorization", "Bearer t"),
        ("content-type", "application/json"),
    ];
    let path = "/xms/v1/plan/batches";
    let many: Vec<String> = (0..1001).map(|i| format!("\"+1555{i:07}\"")).collect();
    let cases = [
        ("{not json", 400, "syntax_invalid_json"),
        (r#"{"body":"x"}"#, 400, "syntax_constraint_violation"),
        (
            r#"{"to":["nope"],"body":"x"}"#,
            400,
            "syntax_invalid_parameter_format",
        ),
        (
            &format!(r#"{{"to":[{}],"body":"x"}}"#, many.join(",")),
            400,
            "syntax_constraint_violation",
        ),
        (
            r#"{"to":["+15550000000"]}"#,
            400,
            "syntax_constraint_violation",
        ),
        (
            &format!(r#"{{"to":["+15550000000"],"body":"{}"}}"#, "a".repeat(2001)),
            400,
            "syntax_constraint_violation",
        ),
        (
            r#"{"to":["+15550000000"],"body":"x","send_at":"tomorrow"}"#,
            400,
            "syntax_invalid_parameter_format",
        ),
        (
            r#"{"to":["+15550000000"],"body":"x","expire_at":"2020-01-01T00:00:00Z"}"#,
            400,
            "syntax_constraint_violation",
        ),
        (
            r#"{"to":["+15550000009"],"body":"x"}"#,
            400,
            "syntax_invalid_parameter_format",
        ),
        (
            r#"{"to":["+15550000000"],"body":"x","delivery_report":"full"}"#,
            403,
            "missing_callback_url",
        ),
    ];
    for (body, status, code) in cases {
        let (s, v, _) = post(&sb, path, &auth, body);
        assert_eq!((s, v["code"].as_str()), (status, Some(code)), "{body:.80}");
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "text"], "{{code, text}} only");
        assert!(!v["text"].as_str().unwrap().is_empty());
    }
    let get =
        |path: &str, headers: &[(&str, &str)]| http(&sb.addr(), "GET", path, headers, b"").unwrap();
    let r = get("/xms/v1/plan/batches/01NOPE", &auth);
    assert_eq!(r.status, 404);
    let r = get("/xms/v1/plan/batches", &[]);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").is_some());
    let (s, _, _) = post(
        &sb,
        path,
        &[
            ("authorization", "Bearer t"),
            ("content-type", "text/plain"),
        ],
        "x",
    );
    assert_eq!(s, 415);
    let (s, v, _) = post(&sb, "/oauth2/token", &[], "grant_type=client_credentials");
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_client")));
    let (s, v, _) = post(
        &sb,
        "/oauth2/token",
        &[("authorization", "Basic a2V5OnNlY3JldA==")],
        "grant_type=password",
    );
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    for odd in [
        "/",
        "/xms",
        "/xms/v1//batches",
        "/xms/v1/p/batches/x/delivery_report/%ZZ",
        "/%00",
    ] {
        let r = get(odd, &auth);
        assert!((400..500).contains(&r.status), "{odd}: {}", r.status);
    }
    let r = http(&sb.addr(), "PATCH", "/xms/v1/plan/batches", &auth, b"").unwrap();
    assert_eq!(r.status, 405);
    // A send_at at the end of time is accepted and held without trouble.
    let far = r#"{"to":["+15550000000"],"body":"x","send_at":"9999-12-30T00:00:00Z"}"#;
    let (status, held, _) = post(&sb, path, &auth, far);
    assert_eq!(status, 201);
    let list: Value = serde_json::from_str(&get("/xms/v1/plan/batches", &auth).body).unwrap();
    assert_eq!(
        (list["count"].as_i64(), list["batches"][0]["id"].clone()),
        (Some(1), held["id"].clone())
    );
    // A Content-Length over the limit is answered 413 at once, before any body arrives.
    assert_eq!(oversized_without_body(&sb.addr(), path), 413);
    // The sandbox survived all of it.
    assert_eq!(get("/xms/v1/plan/batches", &auth).status, 200);
}

/// Sends only the headers of a POST announcing 1 GB; the status of the answer.
fn oversized_without_body(addr: &str, path: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    // Far below the sandbox's 30 s body timeout: a 413 must not wait for the body.
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer t\r\n\
         content-type: application/json\r\ncontent-length: 1000000000\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = vec![0; 4096];
    let n = stream.read(&mut raw).expect("an answer before the body");
    crate::support::parse_reply(&raw[..n]).unwrap().status
}

#[test]
fn batches_are_capped_and_the_oldest_finished_one_makes_room() {
    let env = Env::new();
    let sb = sandbox(&env, &["--max-batches", "1", "--speed", "100"]);
    let first = send_ok(sp(&env, &sb), &["--to", "+15550000000", "--body", "x"]);
    wait_until("the first batch to finish", || {
        let out = sp(&env, &sb)
            .args(["report", &first, "--json"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("Delivered")
    });
    let later = send_ok(
        sp(&env, &sb),
        &["--to", "+15550000000", "--body", "x", "--send-at", "+1h"],
    );
    let out = sp(&env, &sb).args(["status", &first]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "the finished batch made room");
    let out = sp(&env, &sb)
        .args(["send", "--to", "+15550000000", "--body", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr_of(&out).contains("429"), "{}", stderr_of(&out));
    let out = sp(&env, &sb).args(["status", &later]).output().unwrap();
    assert!(out.status.success(), "the unfinished batch is kept");
}

#[test]
fn numeric_flags_are_range_checked() {
    let env = Env::new();
    for args in [
        ["--speed", "0"],
        ["--speed", "abc"],
        ["--token-ttl", "0s"],
        ["--token-ttl", "2d"],
        ["--max-batches", "0"],
        ["--max-pending", "0"],
        ["--callback-timeout", "1ms"],
        ["--port", "70000"],
        ["--callback-url", "localhost:8080"],
    ] {
        let out = env.cmd().arg("sandbox").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}
