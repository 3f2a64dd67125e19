//! SMS API failures through the real binary: error answers with hints,
//! only safe retries, unanswered and redirected POSTs, refused connections,
//! local checks and flag ranges, bounded answers, and `config check`.

use std::sync::atomic::Ordering;

use serde_json::json;

use crate::support::sms_api::{KEY_SECRET, TOKEN, batch_answer, fake_api, oauth_env, sp_env};
use crate::support::{Endpoint, Env, Resp, dead_url, stderr_of, stdout_of};

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
    let dead = dead_url();
    let out = env
        .cmd()
        .env("SINCH_SERVICE_PLAN_ID", "plan-p")
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
    let dead = dead_url();
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
    let dead = dead_url();
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
