//! `simulate suite`, the conformance checks, through the real binary:
//! passing against `listen` with a JUnit report, and failing exactly the
//! right checks against careless endpoints.

use crate::support::{Endpoint, Env, stdout_of};

const SECRET: &str = "simulate-test-secret-99";

fn suite_report(env: &Env, url: &str, junit: &std::path::Path) -> (i32, Vec<serde_json::Value>) {
    let out = env.simulate(
        SECRET,
        url,
        &["suite", "--json", "--junit", junit.to_str().unwrap()],
    );
    let lines = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (out.status.code().unwrap(), lines)
}

fn failed_checks(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l["type"] == "check" && l["passed"] == false)
        .map(|l| l["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn suite_passes_against_listen_and_writes_junit() {
    let env = Env::new();
    let l = env.listen_json(SECRET, &[]);
    let url = format!("http://{}/sinch", l.addr());
    let junit = env.path("suite.xml");
    let (code, lines) = suite_report(&env, &url, &junit);
    assert_eq!(code, 0, "{lines:?}");
    assert!(
        failed_checks(&lines).is_empty(),
        "{:?}",
        failed_checks(&lines)
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 13);
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
    // Human output: a table with a reason per check.
    let out = env.simulate(SECRET, &url, &["suite"]);
    assert!(out.status.success());
    assert!(
        stdout_of(&out).contains("13 of 13 checks passed"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn suite_fails_the_right_checks_against_careless_endpoints() {
    let env = Env::new();
    let junit = env.path("careless.xml");
    // Accepts everything.
    let yes = Endpoint::start(|_, _, _| 200);
    let (code, lines) = suite_report(&env, &yes.url, &junit);
    assert_eq!(code, 7);
    let mut failed = failed_checks(&lines);
    failed.sort();
    assert_eq!(
        failed,
        [
            "future timestamp rejected",
            "missing signature headers rejected",
            "oversized body refused",
            "replayed callback rejected",
            "stale timestamp rejected",
            "tampered body rejected",
            "wrong secret rejected",
        ]
    );
    let doc_text = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&doc_text).expect("well-formed XML");
    assert_eq!(doc.root_element().attribute("failures"), Some("7"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        7
    );

    // Answers 400 to anything that is not JSON (and accepts the rest).
    let picky = Endpoint::start(|_, _, body| {
        if serde_json::from_slice::<serde_json::Value>(body).is_ok() {
            200
        } else {
            400
        }
    });
    let (code, lines) = suite_report(&env, &picky.url, &junit);
    assert_eq!(code, 7);
    assert!(
        failed_checks(&lines).contains(&"signed but malformed body not answered 4xx".to_owned())
    );
    assert!(!failed_checks(&lines).contains(&"duplicate report answered 2xx twice".to_owned()));
}

#[test]
fn suite_against_nothing_listening_stops_with_one_connect_error() {
    let env = Env::new();
    let junit = env.path("down.xml");
    let url = crate::support::dead_url();
    let out = env.simulate(SECRET, &url, &["suite", "--junit", junit.to_str().unwrap()]);
    let err = crate::support::stderr_of(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("error: cannot connect to") && err.contains("is your server running?"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    // No table of fake results, and not one check "passed".
    assert!(!stdout_of(&out).contains("pass"), "{}", stdout_of(&out));
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1, "{xml}");
    assert_eq!(cases[0].attribute("name"), Some("endpoint reachable"));
    assert_eq!(doc.root_element().attribute("errors"), Some("1"));
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));
}

#[test]
fn a_check_whose_requests_get_no_answer_never_passes() {
    // Accepts connections and never reads or answers: every request times out.
    let mute = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sinch", mute.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in mute.incoming().flatten() {
            held.push(stream);
        }
    });
    let env = Env::new();
    let out = env.simulate(SECRET, &url, &["suite", "--json", "--timeout", "100ms"]);
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}",
        crate::support::stderr_of(&out)
    );
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let passed: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["type"] == "check" && l["passed"] == true)
        .collect();
    assert!(passed.is_empty(), "no answer passed a check: {passed:?}");
    assert_eq!(failed_checks(&lines).len(), 13, "{lines:?}");
}

#[test]
fn a_window_is_not_reported_when_its_probes_get_no_answer() {
    let env = Env::new();
    // Answers a callback signed now; says nothing at all to one signed 30 s or more off.
    let app = Endpoint::serve(|r| {
        let ts: i64 = r
            .header("x-sinch-webhook-signature-timestamp")
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        if (crate::support::now_unix() - ts).abs() >= 30 {
            std::thread::sleep(std::time::Duration::from_millis(800));
        }
        crate::support::Resp::status(200)
    });
    let url = format!("{}/sinch", app.base());
    let out = env.simulate(SECRET, &url, &["suite", "--json", "--timeout", "300ms"]);
    let text = stdout_of(&out);
    assert!(
        text.contains("\"type\":\"check\""),
        "the checks ran: {text}"
    );
    assert!(
        !text.contains("time_window"),
        "silence is not a refusal, so no window is made up: {text}"
    );
}
