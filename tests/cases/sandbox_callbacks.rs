//! `sandbox` delivering to receivers through the real binary: every outcome
//! reaches `listen` verified in order, batch and per-recipient-final reports,
//! the list of final reports, and inbound messages.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::sandbox::{SECRET, base, callbacks, sandbox, send_ok, sp};
use crate::support::{Endpoint, Env, http, stderr_of, stdout_of, wait_until};

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
