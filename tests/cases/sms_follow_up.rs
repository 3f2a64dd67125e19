//! Following a batch through the real binary against a fake SMS API:
//! `send --wait` and its exit codes, `status`, `report`, `cancel`, and
//! their `-vv` traces.

use std::sync::{Arc, Mutex};

use serde_json::json;

use crate::support::sms_api::{TOKEN, batch_answer, fake_api, sp_env};
use crate::support::{Endpoint, Env, Req, Resp, stderr_of, stdout_of};

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
    // A number the batch was not sent to: the hint says so, not "wrong batch id".
    let out = run(&["report", "B1", "--recipient", "+46700000002"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr_of(&out).contains("+46700000002 may not be a recipient of batch B1"),
        "{}",
        stderr_of(&out)
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
