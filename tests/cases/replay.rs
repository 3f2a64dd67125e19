//! `replay` through the real binary: every kind of recorded callback resent
//! into a running `listen` (fresh signature, byte-identical body), refused
//! when resent verbatim (replayed nonce), `--set` edits that `listen` records,
//! raw HTTP captures, and selection errors.

use crate::support::{Env, Listen, fixture, post_signed, stderr_of, stdout_of};

const SECRET: &str = "replay-test-secret-77";

fn listen(env: &Env, extra: &[&str]) -> Listen {
    env.listen_json(SECRET, extra)
}

fn replay(env: &Env, args: &[&str]) -> std::process::Output {
    env.cmd()
        .arg("replay")
        .args(args)
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap()
}

fn requests(lines: &[serde_json::Value]) -> Vec<serde_json::Value> {
    lines
        .iter()
        .filter(|l| l["type"] == "request")
        .cloned()
        .collect()
}

fn nonces(record_file: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(record_file)
        .unwrap()
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            r["headers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|h| h[0] == "x-sinch-webhook-signature-nonce")
                .map(|h| h[1].as_str().unwrap().to_owned())
                .unwrap()
        })
        .collect()
}

/// Every callback fixture, recorded by a listen.
fn record_every_kind(env: &Env, rec: &std::path::Path) -> (Listen, Vec<Vec<u8>>) {
    let a = listen(env, &["--record", rec.to_str().unwrap()]);
    let mut names: Vec<_> = std::fs::read_dir(crate::support::fixture_path("callbacks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let bodies: Vec<Vec<u8>> = names
        .iter()
        .map(|n| fixture(&format!("callbacks/{n}")))
        .collect();
    for (name, body) in names.iter().zip(&bodies) {
        let reply = post_signed(&a.addr(), "/sinch", SECRET, body);
        assert_eq!(reply.status, 200, "{name}");
    }
    (a, bodies)
}

#[test]
fn every_record_kind_is_accepted_freshly_signed_and_refused_verbatim() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let (a, bodies) = record_every_kind(&env, &rec);
    assert!(bodies.len() >= 10);
    let rec2 = env.path("rec2.ndjson");
    let b = listen(&env, &["--record", rec2.to_str().unwrap()]);
    let out = replay(
        &env,
        &[
            rec.to_str().unwrap(),
            "--all",
            "--json",
            "--url",
            &format!("http://{}/sinch", b.addr()),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
    assert_eq!(stdout_of(&out).lines().count(), bodies.len());
    let seen = requests(&b.stop().json_lines());
    assert_eq!(seen.len(), bodies.len());
    for (line, body) in seen.iter().zip(&bodies) {
        assert_eq!(line["verdict"], "verified", "{line}");
        assert_eq!(
            line["body"].as_str().unwrap().as_bytes(),
            &body[..],
            "byte-identical body"
        );
    }
    // Fresh nonces, never the recorded ones.
    let (old, new) = (nonces(&rec), nonces(&rec2));
    assert_eq!(old.len(), new.len());
    assert!(old.iter().all(|n| !new.contains(n)));

    // Verbatim to the listen that saw the originals: every one refused as a replay (expected 4xx: exit 0).
    let out = replay(
        &env,
        &[
            rec.to_str().unwrap(),
            "--all",
            "--verbatim",
            "--url",
            &format!("http://{}/sinch", a.addr()),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
    let refused = requests(&a.stop().json_lines());
    let replays: Vec<&serde_json::Value> = refused.iter().skip(bodies.len()).collect();
    assert_eq!(replays.len(), bodies.len());
    assert!(
        replays
            .iter()
            .all(|r| r["reason"] == "replayed" && r["status"] == 401),
        "{replays:?}"
    );

    // Verbatim to a listen that never saw them: accepted, which is not the expected 4xx: exit 7.
    let c = listen(&env, &[]);
    let out = replay(
        &env,
        &[
            rec.to_str().unwrap(),
            "--index",
            "1",
            "--verbatim",
            "--url",
            &format!("http://{}/sinch", c.addr()),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(7),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
}

#[test]
fn set_edits_the_body_before_signing() {
    let env = Env::new();
    let rec = env.path("rec.ndjson");
    let a = listen(&env, &["--record", rec.to_str().unwrap()]);
    let sim = env
        .cmd()
        .args([
            "simulate",
            "--batch-id",
            "01JREPLAYSETBATCH000000000",
            "--url",
        ])
        .arg(format!("http://{}/sinch", a.addr()))
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(sim.status.success(), "{}", stderr_of(&sim));
    drop(a);
    let b = listen(&env, &[]);
    let out = replay(
        &env,
        &[
            rec.to_str().unwrap(),
            "--id",
            "01JREPLAYSETBATCH000000000",
            "--set",
            "/status=Failed",
            "--set",
            "/code=34",
            "--set",
            "/client_reference=from replay",
            "--url",
            &format!("http://{}/sinch", b.addr()),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
    // The line names the status actually sent, and says the body was edited.
    let shown = stdout_of(&out);
    assert!(
        shown.contains(
            "#1 recipient_delivery_report_sms 01JREPLAYSETBATCH000000000 Failed (edited)"
        ),
        "{shown}"
    );
    assert!(!shown.contains("Delivered"), "{shown}");
    let seen = requests(&b.stop().json_lines());
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["verdict"], "verified");
    let e = &seen[0]["events"][0];
    assert_eq!(
        (e["status"].as_str(), e["code"].as_i64()),
        (Some("Failed"), Some(34))
    );
    assert_eq!(e["client_reference"], "from replay");
}

#[test]
fn raw_captures_replay_and_bad_choices_are_usage_errors() {
    let env = Env::new();
    let l = listen(&env, &[]);
    let body = fixture("callbacks/mo_text.json");
    let raw = env.path("captured.http");
    let mut bytes = format!(
        "POST /sinch HTTP/1.1\r\nHost: example\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(&body);
    std::fs::write(&raw, &bytes).unwrap();
    let out = replay(
        &env,
        &[
            raw.to_str().unwrap(),
            "--url",
            &format!("http://{}/sinch", l.addr()),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
    let seen = requests(&l.stop().json_lines());
    assert_eq!(seen[0]["body"].as_str().unwrap().as_bytes(), &body[..]);

    let rec = env.path("two.ndjson");
    let (a, _) = record_every_kind(&env, &rec);
    drop(a);
    let url = "http://127.0.0.1:9/";
    for args in [
        vec![rec.to_str().unwrap(), "--url", url],
        vec![rec.to_str().unwrap(), "--index", "0", "--url", url],
        vec![rec.to_str().unwrap(), "--index", "999", "--url", url],
        vec![
            rec.to_str().unwrap(),
            "--index",
            "18446744073709551615",
            "--url",
            url,
        ],
        vec![rec.to_str().unwrap(), "--id", "nope", "--url", url],
        vec![
            rec.to_str().unwrap(),
            "--all",
            "--set",
            "status=Failed",
            "--url",
            url,
        ],
        vec![
            rec.to_str().unwrap(),
            "--all",
            "--verbatim",
            "--set",
            "/status=Failed",
            "--url",
            url,
        ],
        vec![rec.to_str().unwrap(), "--all", "--url", "ftp://x/"],
        vec![
            rec.to_str().unwrap(),
            "--all",
            "--timeout",
            "18446744073709551615",
            "--url",
            url,
        ],
        vec![
            raw.to_str().unwrap(),
            "--set",
            "/nope/deeper=1",
            "--url",
            url,
        ],
    ] {
        let out = replay(&env, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
    }
    // Nothing listening: exit 4, like simulate.
    let out = replay(&env, &[rec.to_str().unwrap(), "--index", "2", "--url", url]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
}
