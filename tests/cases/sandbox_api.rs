//! `sandbox` as the SMS API through the real binary: `send`/`status`/
//! `report`/`cancel` in both auth modes, token expiry, `send --wait` exit
//! codes, the API's validation error shapes, limits and flag ranges.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::sandbox::{events, oauth, sandbox, send_ok, sp};
use crate::support::{Env, Listen, http, stderr_of, stdout_of, wait_until};

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
        stderr_of(&out).contains("has already been cancelled"),
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
    // A large batch: the counts, then only the recipients not delivered.
    let many: Vec<String> = (0..30)
        .map(|i| format!("+1555{:06}{}", i, if i < 2 { 1 } else { 0 }))
        .collect();
    let out = wait(&many.join(","), "20s");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(err.contains("all final: Delivered 28, Failed 2"), "{err}");
    assert_eq!(err.matches("  Failed").count(), 2, "{err}");
    assert!(
        !err.contains("  Delivered"),
        "delivered ones are counted, not listed: {err}"
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
    // The edges: exactly 1000 recipients is allowed; an expire_at before a
    // future send_at is not, with the API's error shape.
    let thousand: Vec<String> = (0..1000).map(|i| format!("\"+1555{i:06}0\"")).collect();
    let (s, v, _) = post(
        &sb,
        path,
        &auth,
        &format!(r#"{{"to":[{}],"body":"x"}}"#, thousand.join(",")),
    );
    assert_eq!(
        (s, v["to"].as_array().map(Vec::len)),
        (201, Some(1000)),
        "{v}"
    );
    let (s, v, _) = post(
        &sb,
        path,
        &auth,
        r#"{"to":["+15550000000"],"body":"x","send_at":"2999-01-02T00:00:00Z","expire_at":"2999-01-01T00:00:00Z"}"#,
    );
    assert_eq!(
        (s, v["code"].as_str()),
        (400, Some("syntax_constraint_violation")),
        "{v}"
    );
    assert!(
        v["text"].as_str().unwrap().contains("after 'send_at'"),
        "{v}"
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
