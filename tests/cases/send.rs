//! `send`, `status`, `report` and `cancel` against a fake SMS API on
//! 127.0.0.1: exact requests in both auth modes, the token cache, errors,
//! safe retries, local checks, `--wait` and its exit codes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::support::{Endpoint, Env, Req, Resp, mode_of, stderr_of, stdout_of};

const TOKEN: &str = "sp-api-token-abcdef123456";
const KEY_SECRET: &str = "oauth-key-secret-zyx987654";

fn batch_answer(req: &Req) -> Resp {
    let mut v = req.json();
    v["id"] = json!("01JSENTBATCH0000000000000A");
    v["created_at"] = json!("2025-01-13T09:22:40.914Z");
    v["canceled"] = json!(false);
    Resp::json(201, v)
}

/// A fake API answering batch POSTs and OAuth token requests.
fn fake_api() -> Endpoint {
    Endpoint::serve(|r| {
        if r.path == "/oauth2/token" {
            Resp::json(
                200,
                json!({"access_token": format!("jwt-{}", r.n), "token_type": "bearer", "expires_in": 3600, "scope": ""}),
            )
        } else if r.method == "POST" && r.path.ends_with("/batches") {
            batch_answer(r)
        } else {
            Resp::status(404)
        }
    })
}

fn sp_env(env: &Env, api: &Endpoint, region: &str) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("SINCH_SERVICE_PLAN_ID", "plan-123")
        .env("SINCH_API_TOKEN", TOKEN)
        .env("SINCH_REGION", region)
        .env("SINCH_SMS_BASE_URL", api.base());
    cmd
}

fn oauth_env(env: &Env, api: &Endpoint) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("SINCH_PROJECT_ID", "proj-42")
        .env("SINCH_KEY_ID", "key-id-1")
        .env("SINCH_KEY_SECRET", KEY_SECRET)
        .env("SINCH_SMS_BASE_URL", api.base())
        .env("SINCH_AUTH_URL", format!("{}/oauth2/token", api.base()));
    cmd
}

#[test]
fn service_plan_mode_sends_the_exact_request() {
    let env = Env::new();
    for region in ["us", "eu", "au"] {
        let api = fake_api();
        let out = sp_env(&env, &api, region)
            .args([
                "send",
                "--to",
                "+46700000001,+46 70 000 00 02",
                "--to",
                "+15551234567",
                "--from",
                "Sinchctl",
            ])
            .args([
                "--body",
                "hello",
                "--delivery-report",
                "per-recipient",
                "--callback-url",
                "https://cb.test/sinch",
            ])
            .args([
                "--client-reference",
                "order-42",
                "--flash",
                "--max-parts",
                "2",
                "--send-at",
                "2030-01-01T10:00:00Z",
                "--expire-at",
                "+1h",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert_eq!(
            stdout_of(&out),
            "01JSENTBATCH0000000000000A\n",
            "the batch id alone on stdout"
        );
        let seen = api.seen();
        assert_eq!(seen.len(), 1);
        let r = &seen[0];
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("POST", "/xms/v1/plan-123/batches")
        );
        assert_eq!(
            r.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(r.header("content-type"), Some("application/json"));
        let mut body = r.json();
        assert!(body["expire_at"].as_str().unwrap().ends_with('Z'));
        body.as_object_mut().unwrap().remove("expire_at");
        assert_eq!(
            body,
            json!({
                "type": "mt_text",
                "to": ["+46700000001", "+46700000002", "+15551234567"],
                "from": "Sinchctl",
                "body": "hello",
                "delivery_report": "per_recipient",
                "callback_url": "https://cb.test/sinch",
                "client_reference": "order-42",
                "send_at": "2030-01-01T10:00:00.000Z",
                "flash_message": true,
                "max_number_of_message_parts": 2
            })
        );
    }
    // The default host per region and mode is what config show reports.
    let out = env
        .cmd()
        .args(["config", "show", "--json"])
        .env("SINCH_REGION", "br")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["settings"]["sms_base_url"]["value"],
        "https://br.sms.api.sinch.com"
    );
}

#[test]
fn oauth_mode_fetches_one_token_and_caches_it_privately() {
    let env = Env::new();
    let api = fake_api();
    for _ in 0..2 {
        let out = oauth_env(&env, &api)
            .args([
                "send",
                "--to",
                "+46700000001",
                "--body",
                "hi",
                "--from",
                "+46700000000",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let seen = api.seen();
    let tokens: Vec<&Req> = seen.iter().filter(|r| r.path == "/oauth2/token").collect();
    assert_eq!(tokens.len(), 1, "two sends, one token request");
    let t = tokens[0];
    assert_eq!(t.method, "POST");
    assert_eq!(
        String::from_utf8_lossy(&t.body),
        "grant_type=client_credentials"
    );
    assert_eq!(
        t.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    use base64::Engine as _;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("key-id-1:{KEY_SECRET}"));
    assert_eq!(
        t.header("authorization"),
        Some(format!("Basic {basic}").as_str())
    );
    let batches: Vec<&Req> = seen
        .iter()
        .filter(|r| r.path == "/xms/v1/proj-42/batches")
        .collect();
    assert_eq!(batches.len(), 2);
    for b in batches {
        assert_eq!(b.header("authorization"), Some("Bearer jwt-0"));
    }
    // The cache is private and holds no key secret.
    let cache = env.path("cache/sinchctl");
    let files: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(mode_of(&files[0].path()), 0o600);
    let text = std::fs::read_to_string(files[0].path()).unwrap();
    assert!(text.contains("jwt-0") && !text.contains(KEY_SECRET));
}

#[test]
fn an_expired_token_is_refreshed_once() {
    let env = Env::new();
    let batch_posts = Arc::new(AtomicUsize::new(0));
    let api = {
        let batch_posts = batch_posts.clone();
        Endpoint::serve(move |r| {
            if r.path == "/oauth2/token" {
                return Resp::json(
                    200,
                    json!({"access_token": format!("jwt-{}", r.n), "expires_in": 3600}),
                );
            }
            if batch_posts.fetch_add(1, Ordering::SeqCst) == 0 {
                return Resp::status(401).with_header("www-authenticate", "Bearer error=\"invalid_token\", error_description=\"The access token expired\"");
            }
            batch_answer(r)
        })
    };
    let out = oauth_env(&env, &api)
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let seen = api.seen();
    assert_eq!(seen.iter().filter(|r| r.path == "/oauth2/token").count(), 2);
    let posts: Vec<&Req> = seen
        .iter()
        .filter(|r| r.path.ends_with("/batches"))
        .collect();
    assert_eq!(posts.len(), 2);
    assert_ne!(
        posts[0].header("authorization"),
        posts[1].header("authorization")
    );

    // Expired again after the refresh: no loop, the 401 is reported.
    let always = Endpoint::serve(|r| {
        if r.path == "/oauth2/token" {
            Resp::json(200, json!({"access_token": "jwt", "expires_in": 3600}))
        } else {
            Resp::status(401).with_header(
                "www-authenticate",
                "Bearer error=\"invalid_token\", error_description=\"expired\"",
            )
        }
    });
    let out = oauth_env(&env, &always)
        .env("XDG_CACHE_HOME", env.path("cache2"))
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        always
            .seen()
            .iter()
            .filter(|r| r.path.ends_with("/batches"))
            .count(),
        2
    );
}

#[test]
fn api_errors_are_rendered_with_hints_and_exit_4() {
    let env = Env::new();
    let cases: [(u16, &str, &str); 6] = [
        (
            400,
            r#"{"code":"syntax_invalid_parameter_format","text":"'foo' is not a valid identifier"}"#,
            "not a valid identifier",
        ),
        (401, "", "service plan + API token"),
        (
            403,
            r#"{"code":"unknown_group","text":"Unknown group"}"#,
            "not allowed for this account",
        ),
        (404, "", "region"),
        (429, "", "slow down"),
        (500, "boom", "may or may not have been processed"),
    ];
    for (status, body, hint) in cases {
        let api = Endpoint::serve(move |_| Resp {
            status,
            headers: vec![],
            body: body.to_owned(),
        });
        let out = sp_env(&env, &api, "eu")
            .args(["send", "--to", "+46700000001", "--body", "hi"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{status}");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("answered {status}")) && err.contains(hint),
            "{status}: {err}"
        );
        assert!(stdout_of(&out).is_empty(), "no id on failure");
        assert!(!err.contains(TOKEN));
        // Never a second POST: the server may have created the batch.
        assert_eq!(api.seen().len(), 1, "{status}: exactly one POST");
    }
}

#[test]
fn only_safe_retries() {
    let env = Env::new();
    // 503 with Retry-After is retried; the batch is sent once it answers 201.
    let api = Endpoint::serve(|r| {
        if r.n == 0 {
            Resp::status(503).with_header("retry-after", "0")
        } else {
            batch_answer(r)
        }
    });
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(api.seen().len(), 2);
    // 503 without Retry-After is not.
    let api = Endpoint::serve(|_| Resp::status(503));
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(api.seen().len(), 1);
    // Nobody listening: a connection error, exit 4.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = env
        .cmd()
        .env("SINCH_SERVICE_PLAN_ID", "p")
        .env("SINCH_API_TOKEN", TOKEN)
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--base-url",
            &dead,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn local_checks_fail_before_any_request() {
    let env = Env::new();
    let api = fake_api();
    for (to, why) in [
        ("0701234567", "starts with 0"),
        ("+46abc", "other than digits"),
        ("+123", "7 to 15"),
    ] {
        let out = sp_env(&env, &api, "us")
            .args(["send", "--to", to, "--body", "hi"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{to}");
        assert!(stderr_of(&out).contains(why), "{to}: {}", stderr_of(&out));
    }
    let many: Vec<String> = (0..1001).map(|i| format!("+4670{i:07}")).collect();
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", &many.join(","), "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("1 to 1000"));
    assert!(api.seen().is_empty());
    // Missing credentials: exactly what is missing, and only ways that exist
    // (flags for ids, never for secrets: those come from env, file or stdin).
    let out = env
        .cmd()
        .env("SINCH_PROJECT_ID", "p")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    for s in [
        "api_token",
        "SINCH_API_TOKEN",
        "config set api_token -",
        "--service-plan-id",
        "--key-id",
        "key_secret",
        "[profiles.default]",
    ] {
        assert!(err.contains(s), "{s}: {err}");
    }
    assert!(
        !err.contains("--api-token") && !err.contains("--key-secret"),
        "{err}"
    );
}

#[test]
fn unicode_stdin_body_reports_ucs2_and_parts() {
    let env = Env::new();
    let api = fake_api();
    let body = "Привет! ".repeat(10); // 80 UTF-16 units: UCS-2, 2 parts of 67
    let out = sp_env(&env, &api, "us")
        .args(["-v", "send", "--to", "+46700000001"])
        .write_stdin(body.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("UCS-2") && err.contains("80 UTF-16 units, 2 parts"),
        "{err}"
    );
    assert!(!err.contains(TOKEN));
    assert_eq!(api.seen()[0].json()["body"], body.as_str());
}

#[test]
fn dry_run_uses_the_dry_run_endpoint() {
    let env = Env::new();
    let api = Endpoint::serve(|r| {
        Resp::json(
            200,
            json!({"number_of_recipients": 1, "number_of_messages": 2, "per_recipient": [{"recipient": "46700000001", "number_of_parts": 2, "body": r.json()["body"], "encoding": "UNICODE"}]}),
        )
    });
    let out = sp_env(&env, &api, "us")
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "Привет",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        stdout_of(&out).contains("2 parts, UNICODE"),
        "{}",
        stdout_of(&out)
    );
    let r = &api.seen()[0];
    assert_eq!(
        r.path,
        "/xms/v1/plan-123/batches/dry_run?per_recipient=true&number_of_recipients=1"
    );
}

/// A fake API whose delivery report walks through `steps` (one per poll).
fn reporting_api(steps: Vec<serde_json::Value>) -> Endpoint {
    let polls = Arc::new(Mutex::new(0usize));
    Endpoint::serve(move |r| {
        if r.method == "POST" {
            return batch_answer(r);
        }
        let mut n = polls.lock().unwrap();
        let step = steps[(*n).min(steps.len() - 1)].clone();
        *n += 1;
        if step.is_null() {
            Resp::status(404)
        } else {
            Resp::json(200, step)
        }
    })
}

fn report(statuses: serde_json::Value) -> serde_json::Value {
    json!({"type": "delivery_report_sms", "batch_id": "01JSENTBATCH0000000000000A", "total_message_count": 2, "statuses": statuses})
}

#[test]
fn wait_until_final_and_its_exit_codes() {
    let env = Env::new();
    let wait = [
        "send",
        "--to",
        "+46700000001,+46700000002",
        "--body",
        "hi",
        "--wait",
        "--poll-interval",
        "50ms",
        "--timeout",
        "10s",
    ];
    // Not yet processed (404), then progress, then all Delivered: exit 0.
    let api = reporting_api(vec![
        serde_json::Value::Null,
        report(
            json!([{"code": 401, "status": "Dispatched", "count": 2, "recipients": ["46700000001", "46700000002"]}]),
        ),
        report(
            json!([{"code": 0, "status": "Delivered", "count": 2, "recipients": ["46700000001", "+46700000002"]}]),
        ),
    ]);
    let out = sp_env(&env, &api, "us").args(wait).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "01JSENTBATCH0000000000000A\n");
    let polls: Vec<Req> = api
        .seen()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect();
    assert_eq!(polls.len(), 3);
    assert_eq!(
        polls[0].path,
        "/xms/v1/plan-123/batches/01JSENTBATCH0000000000000A/delivery_report?type=full"
    );
    // One Failed: exit 6.
    let api = reporting_api(vec![report(json!([
        {"code": 0, "status": "Delivered", "count": 1, "recipients": ["46700000001"]},
        {"code": 402, "status": "Aborted", "count": 1, "recipients": ["46700000002"]}
    ]))]);
    let out = sp_env(&env, &api, "us").args(wait).output().unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("+46700000002 Aborted (code 402: message unroutable"),
        "{}",
        stderr_of(&out)
    );
    // Never final: exit 5 at the timeout.
    let api = reporting_api(vec![report(
        json!([{"code": 401, "status": "Dispatched", "count": 2, "recipients": ["46700000001", "46700000002"]}]),
    )]);
    let mut args = wait.to_vec();
    let n = args.len();
    args[n - 1] = "1s";
    let out = sp_env(&env, &api, "us").args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("sinchctl report 01JSENTBATCH0000000000000A"));
}

#[test]
fn status_report_and_cancel() {
    let env = Env::new();
    let api = Endpoint::serve(|r| match (r.method.as_str(), r.path.as_str()) {
        ("GET", "/xms/v1/plan-123/batches/B1") => Resp::json(
            200,
            json!({"id": "B1", "type": "mt_text", "to": ["46700000001"], "from": "Sinchctl", "body": "hi", "canceled": "False", "created_at": "2025-01-13T09:22:40.914Z"}),
        ),
        ("GET", "/xms/v1/plan-123/batches/B1/delivery_report?type=full") => Resp::json(
            200,
            report(
                json!([{"code": 0, "status": "Delivered", "count": 1, "recipients": ["46700000001"]}]),
            ),
        ),
        ("GET", "/xms/v1/plan-123/batches/B1/delivery_report/46700000001") => Resp::json(
            200,
            json!({"type": "recipient_delivery_report_sms", "batch_id": "B1", "recipient": "46700000001", "code": "402", "status": "Aborted", "at": "2025-01-13T09:22:40.914Z"}),
        ),
        ("DELETE", "/xms/v1/plan-123/batches/B1") => {
            Resp::json(200, json!({"id": "B1", "canceled": true}))
        }
        _ => Resp::json(404, json!({"code": "not_found", "text": "no such batch"})),
    });
    let run = |args: &[&str]| sp_env(&env, &api, "us").args(args).output().unwrap();
    let out = run(&["status", "B1"]);
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.contains("canceled          false") && text.contains("46700000001 (1 recipient)"),
        "{text}"
    );
    let out = run(&["status", "B1", "--json"]);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["id"],
        "B1"
    );
    let out = run(&["report", "B1"]);
    assert!(
        stdout_of(&out).contains("Delivered") && stdout_of(&out).contains("46700000001"),
        "{}",
        stdout_of(&out)
    );
    let out = run(&["report", "B1", "--recipient", "+46700000001"]);
    assert!(
        stdout_of(&out).contains("code 402 (message unroutable"),
        "{}",
        stdout_of(&out)
    );
    let out = run(&["cancel", "B1"]);
    assert!(out.status.success());
    assert_eq!(stdout_of(&out), "B1\n");
    let out = run(&["status", "NOPE"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr_of(&out).contains("no such batch"));
    let methods: Vec<String> = api.seen().iter().map(|r| r.method.clone()).collect();
    assert!(methods.contains(&"DELETE".to_owned()));
}

#[test]
fn a_post_without_an_answer_is_sent_once_and_may_have_been_processed() {
    let env = Env::new();
    // Reads the whole POST, then never answers within --request-timeout.
    let api = Endpoint::serve(|r| {
        std::thread::sleep(std::time::Duration::from_secs(4));
        batch_answer(r)
    });
    let out = sp_env(&env, &api, "us")
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--request-timeout",
            "1s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("may have been processed"), "{err}");
    assert!(stdout_of(&out).is_empty());
    assert_eq!(
        api.hits.load(Ordering::SeqCst),
        1,
        "exactly one POST reached the server"
    );
}

#[test]
fn a_redirect_is_never_followed_so_a_batch_is_posted_once() {
    let env = Env::new();
    // The redirect points back at the same server: a client that followed it
    // would POST (or GET) a second time and this server would see it.
    let api = Endpoint::serve(|r| {
        let back = format!(
            "http://{}/xms/v1/plan-123/batches",
            r.header("host").unwrap_or("127.0.0.1")
        );
        Resp::status(302).with_header("location", &back)
    });
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(stdout_of(&out).is_empty());
    assert!(stderr_of(&out).contains("302"), "{}", stderr_of(&out));
    assert_eq!(api.seen().len(), 1, "the 302 was not followed");
}

#[test]
fn a_refused_connection_is_tried_three_times_and_traced_with_vv() {
    let env = Env::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = env
        .cmd_with(&[
            ("SINCH_SERVICE_PLAN_ID", "plan-123"),
            ("SINCH_API_TOKEN", TOKEN),
        ])
        .args([
            "-vv",
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--base-url",
            &dead,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr_of(&out);
    let tries = err.lines().filter(|l| l.starts_with("> POST ")).count();
    assert_eq!(tries, 3, "{err}");
    assert!(err.contains("cannot connect after 3 attempts"), "{err}");
    assert!(
        err.contains("authorization: Bearer <redacted>") && !err.contains(TOKEN),
        "{err}"
    );
}

#[test]
fn vv_shows_each_exchange_with_status_and_no_secret() {
    let env = Env::new();
    let api = fake_api();
    let out = oauth_env(&env, &api)
        .args(["-vv", "send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!(
            "> POST {}/oauth2/token (authorization: Basic <redacted>)",
            api.base()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("> POST {}/xms/v1/proj-42/batches", api.base())),
        "{err}"
    );
    assert!(err.lines().any(|l| l.starts_with("< 201 in ")), "{err}");
    assert!(!err.contains(KEY_SECRET) && !err.contains("jwt-0"), "{err}");
}

#[test]
fn numeric_flags_at_their_extremes_are_usage_errors() {
    let env = Env::new();
    let api = fake_api();
    let extremes = [
        "0",
        "-1",
        "18446744073709551615",
        "9223372036854775807",
        "inf",
        "NaN",
        "1e308",
        "",
    ];
    let send = ["send", "--to", "+46700000001", "--body", "hi"];
    let flags: [(&[&str], &str); 6] = [
        (&send, "--timeout"),
        (&send, "--poll-interval"),
        (&send, "--request-timeout"),
        (&send, "--max-parts"),
        (&["status", "B1"], "--request-timeout"),
        (&["report", "B1"], "--request-timeout"),
    ];
    for (cmd, flag) in flags {
        for value in extremes {
            let mut args = cmd.to_vec();
            if cmd[0] == "send" {
                args.push("--wait");
            }
            let arg = format!("{flag}={value}");
            args.push(&arg);
            let out = sp_env(&env, &api, "us").args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        }
    }
    for args in [
        &["cancel", "B1", "--request-timeout", "11m"][..],
        &[
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--max-parts",
            "256",
        ],
        &[
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--send-at",
            "+18446744073709551615",
        ],
        &["status", "../../etc"],
    ] {
        let out = sp_env(&env, &api, "us").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
    assert!(api.seen().is_empty(), "no request for a refused flag");
}

#[test]
fn piped_body_loses_one_trailing_newline_and_the_batch_says_mt_text() {
    let env = Env::new();
    let api = fake_api();
    for (input, sent) in [("hi\n", "hi"), ("hi\n\n", "hi\n"), ("hi\r\n", "hi")] {
        let out = sp_env(&env, &api, "us")
            .args(["send", "--to", "+46700000001"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let body = api.seen().last().unwrap().json();
        assert_eq!(
            (body["body"].as_str(), body["type"].as_str()),
            (Some(sent), Some("mt_text"))
        );
    }
    // --body is sent as given.
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi\n"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(api.seen().last().unwrap().json()["body"], "hi\n");
    // The help says so, and does not also claim byte-for-byte (that is sign's rule).
    let help = env.cmd().args(["send", "--help"]).output().unwrap();
    let help = stdout_of(&help);
    assert!(help.contains("drop one trailing newline"), "{help}");
    assert!(!help.contains("byte for byte"), "{help}");
    let help = stdout_of(&env.cmd().args(["sign", "--help"]).output().unwrap());
    assert!(help.contains("byte for byte"), "{help}");
}

#[test]
fn config_check_against_a_fake_api() {
    let env = Env::new();
    let check = |api_base: &str, vars: &[(&str, &str)]| {
        env.cmd_with(vars)
            .env("SINCH_SMS_BASE_URL", api_base)
            .args(["config", "check"])
            .output()
            .unwrap()
    };
    let sp = [
        ("SINCH_SERVICE_PLAN_ID", "plan-123"),
        ("SINCH_API_TOKEN", TOKEN),
    ];
    // ok: one harmless request, list batches with page size 1.
    let api = Endpoint::serve(|_| {
        Resp::json(
            200,
            json!({"page": 0, "page_size": 1, "count": 0, "batches": []}),
        )
    });
    let out = check(&api.base(), &sp);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("ok: the credentials work"), "{text}");
    assert!(
        text.contains("service_plan_id") && text.contains("env SINCH_SERVICE_PLAN_ID"),
        "{text}"
    );
    assert!(!text.contains(TOKEN) && !stderr_of(&out).contains(TOKEN));
    let seen = api.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("GET", "/xms/v1/plan-123/batches?page=0&page_size=1")
    );
    // 401 and 404: exit 4 with the hint for each.
    assert!(
        text.contains("region") && text.contains("from default"),
        "{text}"
    );
    assert!(
        text.contains("sms_base_url") && text.contains("from env SINCH_SMS_BASE_URL"),
        "{text}"
    );
    for (status, hint) in [
        (401, "credentials were refused"),
        (404, "has no such service plan or project"),
    ] {
        let api = Endpoint::serve(move |_| Resp::status(status));
        let out = check(&api.base(), &sp);
        assert_eq!(out.status.code(), Some(4));
        assert!(
            stderr_of(&out).contains(hint),
            "{status}: {}",
            stderr_of(&out)
        );
    }
    // Unreachable.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = check(&dead, &sp);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("cannot connect") && stderr_of(&out).contains("hint: "),
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("cannot be reached"),
        "{}",
        stderr_of(&out)
    );
    // OAuth2: a token endpoint answering 404 means the URL is wrong.
    let api = Endpoint::serve(|_| Resp::status(404));
    let out = oauth_env(&env, &api)
        .args(["config", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("the token URL is wrong"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("check key_id and key_secret"));
}

#[test]
fn an_auth_url_given_as_an_origin_gets_the_token_path() {
    let env = Env::new();
    let api = fake_api();
    let out = oauth_env(&env, &api)
        .env("SINCH_AUTH_URL", api.base())
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(api.seen()[0].path, "/oauth2/token");
    // The ids have flags now; the secret still comes from the environment.
    let api = fake_api();
    let out = env
        .cmd_with(&[("SINCH_KEY_SECRET", KEY_SECRET)])
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--project-id",
            "proj-9",
            "--key-id",
            "key-9",
        ])
        .args(["--base-url", &api.base(), "--auth-url", &api.base()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        api.seen()
            .iter()
            .any(|r| r.path == "/xms/v1/proj-9/batches")
    );
    let api = fake_api();
    let out = env
        .cmd_with(&[("SINCH_API_TOKEN", TOKEN)])
        .args([
            "send",
            "--to",
            "+46700000001",
            "--body",
            "hi",
            "--service-plan-id",
            "plan-9",
        ])
        .args(["--base-url", &api.base()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(api.seen()[0].path, "/xms/v1/plan-9/batches");
}

#[test]
fn send_on_a_terminal_ends_with_the_next_step() {
    if !crate::support::script_available() {
        return;
    }
    let env = Env::new();
    let api = fake_api();
    let command = format!(
        "{} send --to +46700000001 --body hi --base-url {}",
        crate::support::bin().display(),
        api.base()
    );
    let std = env.std_cmd();
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .envs(
            std.get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("SINCH_SERVICE_PLAN_ID", "plan-123")
        .env("SINCH_API_TOKEN", TOKEN)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let screen = stdout_of(&out);
    assert!(out.status.success(), "{screen}");
    assert!(
        screen.contains("follow it: sinchctl report 01JSENTBATCH0000000000000A"),
        "{screen}"
    );
    // Into a pipe (the other tests), stderr has no such hint.
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert!(!stderr_of(&out).contains("follow it"));
}

#[test]
fn huge_answers_and_bodies_stay_bounded() {
    let env = Env::new();
    let api = Endpoint::serve(|_| Resp {
        status: 500,
        headers: vec![],
        body: "x".repeat(10 << 20),
    });
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).len() < 2000,
        "the error quotes only the start of the answer"
    );
    let big = env.path("big.txt");
    std::fs::write(&big, vec![b'a'; (64 << 20) + 1]).unwrap();
    let out = sp_env(&env, &api, "us")
        .args(["send", "--to", "+46700000001", "--body-file"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("larger than 64 MiB"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn vv_traces_status_report_and_cancel_without_the_token() {
    let env = Env::new();
    let api = fake_api();
    let id = "01M8AF3AFCDADX90HH4QAHBPJR";
    let batch = format!("{}/xms/v1/plan-123/batches/{id}", api.base());
    for (cmd, method, url) in [
        ("status", "GET", batch.clone()),
        ("report", "GET", format!("{batch}/delivery_report")),
        ("cancel", "DELETE", batch.clone()),
    ] {
        let out = sp_env(&env, &api, "us")
            .args(["-vv", cmd, id])
            .output()
            .unwrap();
        // The fake API knows no batches: 404, exit 4, and the exchange is traced.
        assert_eq!(out.status.code(), Some(4), "{cmd}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("> {method} {url}")),
            "{cmd}: {method} {url} not traced: {err}"
        );
        assert!(err.contains("Bearer <redacted>"), "{cmd}: {err}");
        assert!(
            err.lines().any(|l| l.starts_with("< 404 in ")),
            "{cmd}: {err}"
        );
        assert!(!err.contains(TOKEN), "{cmd}: {err}");
    }
}
