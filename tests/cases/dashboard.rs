//! `listen --ui`: the dashboard on its own loopback listener, its guard
//! (token, Origin, Host), the live event stream, send and replay.

use serde_json::json;

use crate::support::dashboard::Dash;
use crate::support::{Endpoint, Env, Req, Resp, fixture, http, post_signed, stderr_of};

const SECRET: &str = "dash-secret-0123456789";
const API_TOKEN: &str = "sp-api-token-dashboard-42";

fn listen_ui(env: &Env, extra: &[&str], vars: &[(&str, &str)]) -> crate::support::Listen {
    let mut args = vec!["--ui", "--ui-port", "0", "--no-ngrok"];
    args.extend_from_slice(extra);
    let mut all = vec![("SINCH_WEBHOOK_SECRET", SECRET)];
    all.extend_from_slice(vars);
    env.listen_with(&args, &all)
}

#[test]
fn dashboard_refuses_addresses_other_machines_reach() {
    let env = Env::new();
    // Refused at parse time: nothing is ever bound to these.
    let any_v4 = std::net::Ipv4Addr::UNSPECIFIED.to_string();
    for host in [any_v4.as_str(), "192.0.2.10", "::"] {
        let out = env
            .cmd()
            .args(["listen", "--port", "0", "--ui", "--ui-host", host])
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{host}");
        let err = stderr_of(&out);
        assert!(err.contains("loopback"), "{err}");
        assert!(
            !err.contains("Listening on"),
            "refused before binding: {err}"
        );
    }
    let out = env
        .cmd()
        .args(["listen", "--port", "0", "--ui-port", "0"])
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--ui-port needs --ui");
}

#[test]
fn callback_port_never_serves_the_page() {
    let env = Env::new();
    let l = listen_ui(&env, &[], &[]);
    let dash = Dash::of(&l);
    assert_ne!(dash.addr, l.addr());
    for path in ["/", "/app.js", "/app.css", "/events"] {
        let r = http(&l.addr(), "GET", path, &[], b"").unwrap();
        assert_eq!(r.status, 405, "{path} on the callback port: {r:?}");
        assert!(!r.body.contains("<html") && !r.body.contains(&dash.token));
    }
    let page = http(&dash.addr, "GET", "/", &[], b"").unwrap();
    assert!(page.body.contains("<html") && page.body.contains("/app.js"));
    assert!(!page.body.contains(SECRET));
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'")
    );
    for (path, kind) in [("/app.js", "javascript"), ("/app.css", "css")] {
        let r = http(&dash.addr, "GET", path, &[], b"").unwrap();
        assert_eq!(r.status, 200);
        assert!(r.header("content-type").unwrap().contains(kind));
        assert!(
            !r.body.contains("http://") || path == "/app.js",
            "no external resources"
        );
    }
    let err = l.stop().stderr_text();
    assert!(!err.contains(&dash.token), "the token is never printed");
}

#[test]
fn actions_need_the_token_the_page_origin_and_a_local_host() {
    let env = Env::new();
    let l = listen_ui(&env, &[], &[]);
    let dash = Dash::of(&l);
    let origin = dash.origin();
    let body = json!({"to": "+46700000001", "body": "hi", "id": 1, "target": "listen"}).to_string();
    let host_hdr = dash.addr.clone();
    for path in ["/api/send", "/api/replay"] {
        let cases: [(&str, Headers<'_>, u16); 4] = [
            ("no token", vec![("origin", &origin)], 403),
            (
                "wrong token",
                vec![("origin", &origin), ("x-sinchctl-token", "0000")],
                403,
            ),
            ("no origin", vec![("x-sinchctl-token", &dash.token)], 403),
            (
                "foreign origin",
                vec![
                    ("origin", "https://evil.example"),
                    ("x-sinchctl-token", &dash.token),
                ],
                403,
            ),
        ];
        for (what, headers, status) in cases {
            let r = http(&dash.addr, "POST", path, &headers, body.as_bytes()).unwrap();
            assert_eq!(r.status, status, "{path} with {what}: {r:?}");
        }
        // DNS rebinding: the right token and origin, but a foreign Host.
        let raw = format!(
            "POST {path} HTTP/1.1\r\nhost: evil.example:{}\r\norigin: {origin}\r\nx-sinchctl-token: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            host_hdr.rsplit(':').next().unwrap(),
            dash.token,
            body.len()
        );
        let r = raw_request(&dash.addr, &raw);
        assert_eq!(r.status, 421, "{path} with a foreign Host: {r:?}");
        // A huge announced body is refused before any of it is read.
        let raw = format!(
            "POST {path} HTTP/1.1\r\nhost: {host_hdr}\r\norigin: {origin}\r\nx-sinchctl-token: {}\r\ncontent-length: 1000000000\r\nconnection: close\r\n\r\n",
            dash.token,
        );
        let r = raw_request(&dash.addr, &raw);
        assert_eq!(r.status, 413, "{path} announcing 1 GB: {r:?}");
    }
    // With everything right the guard lets them through to the action itself.
    let sent = dash.action("/api/send", &json!({"to": "+46700000001", "body": "hi"}));
    assert_eq!(sent.status, 409, "no credentials: {sent:?}");
    assert!(sent.body.contains("credentials"), "{}", sent.body);
    let replay = dash.action("/api/replay", &json!({"id": 99, "target": "listen"}));
    assert_eq!(replay.status, 404, "{replay:?}");
    // Reading needs the token too.
    assert_eq!(
        http(&dash.addr, "GET", "/events", &[], b"").unwrap().status,
        403
    );
    assert_eq!(
        http(&dash.addr, "GET", "/api/requests/1", &[], b"")
            .unwrap()
            .status,
        403
    );
    assert_eq!(
        http(&dash.addr, "GET", "/nope", &[], b"").unwrap().status,
        404
    );
    // A wrong method gets 405 with the Allow header HTTP asks for.
    for (method, path, allow) in [("DELETE", "/api/send", "POST"), ("POST", "/", "GET")] {
        let r = http(&dash.addr, method, path, &[], b"").unwrap();
        assert_eq!(
            (r.status, r.header("allow")),
            (405, Some(allow)),
            "{method} {path}"
        );
    }
}

type Headers<'a> = Vec<(&'a str, &'a str)>;

fn raw_request(addr: &str, raw: &str) -> crate::support::Reply {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    // Shorter than the dashboard's 10 s body timeout: answers must not wait for a body.
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    crate::support::parse_reply(&out).unwrap()
}

#[test]
fn callbacks_appear_live_with_verdicts_and_replay_is_freshly_signed() {
    let env = Env::new();
    let l = listen_ui(&env, &[], &[]);
    let dash = Dash::of(&l);
    let events = dash.events();
    events.wait_for(&["event: config", "event: snapshot"]);

    let dr = fixture("callbacks/recipient_delivery_report_sms.json");
    assert_eq!(post_signed(&l.addr(), "/", SECRET, &dr).status, 200);
    assert_eq!(
        post_signed(&l.addr(), "/", "another-secret", &dr).status,
        401
    );
    let mo = fixture("callbacks/mo_text.json");
    assert_eq!(post_signed(&l.addr(), "/", SECRET, &mo).status, 200);
    events.wait_for(&["\"verdict\":\"rejected\"", "event: inbound", "Delivered"]);

    let requests = events.frames("request");
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert_eq!(requests[0]["verdict"], "verified");
    assert_eq!(requests[1]["verdict"], "rejected");
    assert_eq!(requests[1]["reason_code"], "mismatch");
    assert!(requests[1]["reason"].as_str().unwrap().contains("mismatch"));
    let messages = events.frames("message");
    assert_eq!(messages[0]["status"], "Delivered");
    assert_eq!(messages[0]["class"], "success");
    assert_eq!(messages[0]["reports"], 1);
    let counts = events.frames("counts");
    let last = counts.last().unwrap();
    assert_eq!(last["requests"], 3);
    assert_eq!(last["rejected"]["mismatch"], 1);
    assert_eq!(last["inbound"], 1);

    // Details carry headers and the raw body, byte for byte.
    let id = requests[0]["id"].as_u64().unwrap().to_string();
    let detail = http(
        &dash.addr,
        "GET",
        &format!("/api/requests/{id}"),
        &[("x-sinchctl-token", &dash.token)],
        b"",
    )
    .unwrap();
    let d: serde_json::Value = serde_json::from_str(&detail.body).unwrap();
    assert_eq!(d["body"].as_str().unwrap().as_bytes(), &dr[..]);
    assert!(
        d["headers"]
            .to_string()
            .contains("x-sinch-webhook-signature-nonce")
    );

    // Replay to listen itself: same body, fresh nonce, so listen accepts it.
    let r = dash.action(
        "/api/replay",
        &json!({"id": requests[0]["id"], "target": "listen"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let answer: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(answer["status"], 200, "{answer}");
    events.wait_for(&["\"reports\":2"]);
    let again = events.frames("request");
    assert_eq!(again.len(), 4);
    assert_eq!(again[3]["verdict"], "verified");
    let r = dash.action("/api/replay", &json!({"id": 1, "target": "forward"}));
    assert_eq!(r.status, 409, "no forward target: {r:?}");
    assert!(!events.text().contains(SECRET));
}

#[test]
fn the_original_client_behind_a_tunnel_is_shown() {
    let env = Env::new();
    let l = listen_ui(&env, &[], &[]);
    let dash = Dash::of(&l);
    let events = dash.events();
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let r = http(
        &l.addr(),
        "POST",
        "/",
        &[("x-forwarded-for", "203.0.113.9, 10.0.0.1")],
        &body,
    )
    .unwrap();
    assert_eq!(r.status, 401);
    events.wait_for(&["\"forwarded_for\":\"203.0.113.9\""]);
}

fn fake_sms_api() -> Endpoint {
    Endpoint::serve(|r: &Req| {
        if r.method == "POST" && r.path == "/xms/v1/plan-7/batches" {
            let mut v = r.json();
            v["id"] = json!("01JDASHBATCH00000000000000");
            Resp::json(201, v)
        } else {
            Resp::status(404)
        }
    })
}

#[test]
fn the_send_form_sends_through_the_sms_client_and_shows_the_batch_at_once() {
    let env = Env::new();
    let api = fake_sms_api();
    let base = api.base();
    let l = listen_ui(
        &env,
        &[],
        &[
            ("SINCH_SERVICE_PLAN_ID", "plan-7"),
            ("SINCH_API_TOKEN", API_TOKEN),
            ("SINCH_SMS_BASE_URL", &base),
            ("SINCH_FROM", "+15550001111"),
        ],
    );
    let dash = Dash::of(&l);
    let events = dash.events();
    let text = events.wait_for(&["\"send_enabled\":true"]);
    assert!(!text.contains(API_TOKEN));
    let r = dash.action(
        "/api/send",
        &json!({"to": "+46700000001, +46700000002", "body": "hello", "delivery_report": "per_recipient",
                "callback_url": "https://abc.ngrok-free.app/", "client_reference": "ref-1"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let sent: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(sent["batch_id"], "01JDASHBATCH00000000000000");
    events.wait_for(&[
        "01JDASHBATCH00000000000000 46700000002",
        "\"class\":\"sent\"",
    ]);
    let seen = api.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].header("authorization"),
        Some(&*format!("Bearer {API_TOKEN}"))
    );
    let sent_body = seen[0].json();
    assert_eq!(sent_body["to"], json!(["+46700000001", "+46700000002"]));
    assert_eq!(sent_body["from"], "+15550001111");
    assert_eq!(sent_body["delivery_report"], "per_recipient");
    assert_eq!(sent_body["callback_url"], "https://abc.ngrok-free.app/");
    assert_eq!(sent_body["client_reference"], "ref-1");
    for bad in [
        json!({"to": "not a number", "body": "x"}),
        json!({"to": "+46700000001", "body": ""}),
        json!({"to": "+46700000001", "body": "x", "delivery_report": "loud"}),
        json!({"to": "+46700000001", "body": "x", "callback_url": "ftp://x"}),
        json!({"nonsense": true}),
    ] {
        let r = dash.action("/api/send", &bad);
        assert_eq!(r.status, 400, "{bad}: {r:?}");
    }
    assert_eq!(api.seen().len(), 1, "refused forms never reach the API");
}

#[test]
fn replay_to_the_forward_target_is_freshly_signed_and_its_credentials_stay_hidden() {
    let env = Env::new();
    let app = Endpoint::start(|_, _, _| 200);
    let target = app.url.replace("http://", "http://user:app-password@");
    let l = listen_ui(&env, &["--forward-to", &target], &[]);
    let dash = Dash::of(&l);
    let events = dash.events();
    let text = events.wait_for(&["\"forward_to\":"]);
    assert!(!text.contains("app-password"), "{text}");
    let dr = fixture("callbacks/recipient_delivery_report_sms.json");
    assert_eq!(post_signed(&l.addr(), "/", SECRET, &dr).status, 200);
    events.wait_for(&["event: request"]);
    let id = events.frames("request")[0]["id"].clone();
    let r = dash.action("/api/replay", &json!({"id": id, "target": "forward"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert!(!r.body.contains("app-password"), "{}", r.body);
    let seen = app.seen();
    assert_eq!(seen.len(), 2, "forwarded once, replayed once");
    let nonce = |r: &Req| {
        r.header("x-sinch-webhook-signature-nonce")
            .unwrap()
            .to_owned()
    };
    assert_ne!(nonce(&seen[0]), nonce(&seen[1]), "a fresh nonce");
    assert_eq!(seen[1].body, dr, "the same body, byte for byte");
    let ts = seen[1]
        .header("x-sinch-webhook-signature-timestamp")
        .unwrap();
    let expected = crate::support::reference_sign(SECRET, &dr, &nonce(&seen[1]), ts);
    assert_eq!(
        seen[1].header("x-sinch-webhook-signature"),
        Some(&*expected)
    );
}

#[test]
fn a_mismatch_shows_its_likely_cause_apart() {
    let env = Env::new();
    let l = listen_ui(&env, &[], &[]);
    let dash = Dash::of(&l);
    let events = dash.events();
    let body = fixture("callbacks/recipient_delivery_report_sms.json");
    let (nonce, ts) = (
        crate::support::signature_nonce(),
        crate::support::now_unix().to_string(),
    );
    let sig = crate::support::reference_sign(SECRET, &body, &nonce, &ts);
    let sent = [&body[..], b"\n"].concat();
    let headers = [
        ("x-sinch-webhook-signature", sig.as_str()),
        ("x-sinch-webhook-signature-nonce", nonce.as_str()),
        ("x-sinch-webhook-signature-timestamp", ts.as_str()),
    ];
    assert_eq!(
        http(&l.addr(), "POST", "/", &headers, &sent)
            .unwrap()
            .status,
        401
    );
    events.wait_for(&["\"cause\":\"the signature matches"]);
    // The request may land before the stream opened: then it is in the snapshot.
    let rows: Vec<serde_json::Value> = events
        .frames("snapshot")
        .iter()
        .flat_map(|s| s["requests"].as_array().cloned().unwrap_or_default())
        .chain(events.frames("request"))
        .collect();
    let row = rows
        .first()
        .unwrap_or_else(|| panic!("no request row in:\n{}", events.text()));
    assert_eq!(row["reason"], "signature mismatch");
    assert!(
        row["cause"]
            .as_str()
            .unwrap()
            .contains("something added a newline")
    );
}

#[test]
fn a_batch_sent_from_the_page_to_the_sandbox_fills_in_as_reports_arrive() {
    let env = Env::new();
    let mut cmd = env.std_cmd();
    cmd.args([
        "sandbox", "--port", "0", "--speed", "100", "--secret", SECRET,
    ]);
    let sandbox = crate::support::Listen::spawn(cmd);
    let base = format!("http://{}", sandbox.addr());
    let l = listen_ui(
        &env,
        &[],
        &[
            ("SINCH_SERVICE_PLAN_ID", "plan-sandbox"),
            ("SINCH_API_TOKEN", API_TOKEN),
            ("SINCH_SMS_BASE_URL", &base),
        ],
    );
    let dash = Dash::of(&l);
    let events = dash.events();
    let callback = format!("http://{}/", l.addr());
    let r = dash.action(
        "/api/send",
        &json!({"to": "+46700000010, +46700000011", "body": "hi", "delivery_report": "per_recipient",
                "callback_url": callback}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let batch = serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["batch_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // ...0 is delivered, ...1 fails with code 402 (the sandbox's outcome table).
    events.wait_for(&["\"status\":\"Delivered\"", "\"status\":\"Failed\""]);
    let rows: Vec<serde_json::Value> = events
        .frames("message")
        .into_iter()
        .filter(|m| m["id"] == batch.as_str())
        .collect();
    let last = |r: &str| {
        rows.iter()
            .rev()
            .find(|m| m["key"] == format!("{batch} {r}").as_str())
            .cloned()
            .unwrap()
    };
    assert_eq!(last("46700000010")["class"], "success");
    let failed = last("46700000011");
    assert_eq!(failed["class"], "failure");
    assert_eq!(failed["code"], "402");
}

#[test]
fn open_hands_the_dashboard_url_to_the_browser() {
    let env = Env::new();
    let seen = env.path("opened.txt");
    let script = env.path("browser.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", seen.display()),
    )
    .unwrap();
    crate::support::set_mode(&script, 0o755);
    let script = script.to_str().unwrap().to_owned();
    let l = listen_ui(&env, &["--open"], &[("BROWSER", &script)]);
    let dash = Dash::of(&l);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut opened = String::new();
    while !opened.ends_with('/') && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
        opened = std::fs::read_to_string(&seen).unwrap_or_default();
    }
    assert_eq!(opened.trim_end_matches('/'), dash.origin());
    assert!(l.stop().stdout.is_empty(), "nothing on stdout");
}
