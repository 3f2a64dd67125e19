//! `send` against a fake SMS API on 127.0.0.1: the exact request in both
//! auth modes, the token cache and its refresh, bodies from flags and stdin,
//! dry runs, credential flags, and the next step shown on a terminal.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::json;

use crate::support::sms_api::{KEY_SECRET, TOKEN, batch_answer, fake_api, oauth_env, sp_env};
use crate::support::{Endpoint, Env, Req, Resp, mode_of, stderr_of, stdout_of};

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
    // Counts of one are singular.
    let out = sp_env(&env, &api, "us")
        .args(["-v", "send", "--to", "+46700000001", "--body", "a"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains("1 recipient; GSM-7 encoding, 1 septet, 1 part per recipient"),
        "{err}"
    );
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

/// A value passes the same check whether it comes from a flag, the
/// environment or the file (as `config set` applies), before any request.
#[test]
fn flag_env_and_file_values_meet_the_config_checks() {
    let env = Env::new();
    let api = fake_api();
    let send = ["send", "--to", "+46700000001", "--body", "hi"];
    let long = "ThisIsWayTooLongSender";
    let out = sp_env(&env, &api, "us")
        .args(send)
        .args(["--from", long])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("from (from flag)") && err.contains("up to 11 letters"),
        "{err}"
    );
    let out = sp_env(&env, &api, "us")
        .env("SINCH_FROM", long)
        .args(send)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("(from env SINCH_FROM)"),
        "{}",
        stderr_of(&out)
    );
    // status does not use the sender, so a bad one does not stop it.
    let out = sp_env(&env, &api, "us")
        .env("SINCH_FROM", long)
        .args(["status", "01JSENTBATCH0000000000000A"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
    // The id refused by `config init` is refused as a flag too.
    let out = sp_env(&env, &api, "us")
        .args(send)
        .args(["--service-plan-id", "ID"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("service_plan_id (from flag)") && err.contains("\"ID\" does not look like"),
        "{err}"
    );
    // And from the file.
    env.write_config(
        "[profiles.default]\nfrom = \"ThisIsWayTooLongSender\"\n",
        0o600,
    );
    let out = sp_env(&env, &api, "us").args(send).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("(from file [profiles.default])"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(api.seen().len(), 1, "only the status request was sent");
}
