//! `listen` behind a tunnel: the public callback URL read from a (fake) ngrok
//! agent API on 127.0.0.1 (one tunnel, several, none, no agent), the
//! forwarded client and public host on the lines, and the health route.

use serde_json::json;

use crate::support::dashboard::{Dash, free_port};
use crate::support::{Endpoint, Env, Listen, Resp, http};

const SECRET: &str = "tunnel-secret-0123456789";

fn agent(tunnels: serde_json::Value) -> Endpoint {
    let answer = json!({ "tunnels": tunnels, "uri": "/api/tunnels" });
    Endpoint::serve(move |r| {
        if r.method == "GET" && r.path == "/api/tunnels" {
            Resp::json(200, answer.clone())
        } else {
            Resp::status(404)
        }
    })
}

fn listen(env: &Env, port: u16, extra: &[&str]) -> Listen {
    let mut cmd = env.std_cmd();
    cmd.args(["listen", "--port", &port.to_string()])
        .args(extra)
        .env("SINCH_WEBHOOK_SECRET", SECRET);
    Listen::spawn(cmd)
}

/// Stderr once the startup lines are out.
fn startup(l: Listen) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !l.stderr_lines().iter().any(|s| s.contains("limits"))
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    l.stop().stderr_text()
}

#[test]
fn one_tunnel_gives_the_public_callback_url() {
    let env = Env::new();
    let port = free_port();
    let api = agent(json!([
        {"name": "cl (http)", "public_url": "http://abcd.ngrok-free.app", "proto": "http",
         "config": {"addr": format!("http://localhost:{port}"), "inspect": true}},
        {"name": "cl", "public_url": "https://abcd.ngrok-free.app", "proto": "https",
         "config": {"addr": format!("localhost:{port}"), "inspect": true}, "metrics": {}},
        {"name": "other", "public_url": "https://zzzz.ngrok-free.app", "proto": "https",
         "config": {"addr": "9"}}
    ]));
    let url = format!("{}/api/tunnels", api.base());
    let err = startup(listen(
        &env,
        port,
        &["--ngrok-api", &url, "--path", "/sinch/cb"],
    ));
    assert!(
        err.contains("callback_url  https://abcd.ngrok-free.app/sinch/cb"),
        "{err}"
    );
    assert!(!err.contains("zzzz"), "{err}");
    assert_eq!(api.seen().len(), 1, "asked once");
}

#[test]
fn several_or_no_matching_tunnels_are_said_in_one_line() {
    let env = Env::new();
    let port = free_port();
    let api = agent(json!([
        {"public_url": "https://a.ngrok.app", "proto": "https", "config": {"addr": port.to_string()}},
        {"public_url": "https://b.ngrok.app", "proto": "https", "config": {"addr": format!("127.0.0.1:{port}")}}
    ]));
    let url = format!("{}/api/tunnels", api.base());
    let err = startup(listen(&env, port, &["--ngrok-api", &url]));
    let line: Vec<&str> = err.lines().filter(|l| l.contains("ngrok")).collect();
    assert_eq!(line.len(), 1, "{err}");
    assert!(line[0].contains("2 tunnels forward to port"), "{err}");
    assert!(line[0].contains("https://a.ngrok.app") && line[0].contains("https://b.ngrok.app"));

    let other = free_port();
    let err = startup(listen(&env, other, &["--ngrok-api", &url]));
    assert!(
        err.contains(&format!("no tunnel forwards to port {other}")),
        "{err}"
    );
    assert!(err.contains(&format!("ngrok http {other}")), "{err}");

    let empty = agent(json!([]));
    let url = format!("{}/api/tunnels", empty.base());
    let err = startup(listen(&env, free_port(), &["--ngrok-api", &url]));
    assert!(err.contains("runs no tunnel"), "{err}");
}

#[test]
fn no_agent_or_no_ngrok_falls_back_to_the_hint() {
    let env = Env::new();
    let down = format!("http://127.0.0.1:{}/api/tunnels", free_port());
    let port = free_port();
    let err = startup(listen(&env, port, &["--ngrok-api", &down]));
    assert!(err.contains("no agent at"), "{err}");
    assert!(err.contains(&format!("ngrok http {port}")), "{err}");

    let not_json = Endpoint::serve(|_| Resp::status(200));
    let url = format!("{}/api/tunnels", not_json.base());
    let err = startup(listen(&env, free_port(), &["--ngrok-api", &url]));
    assert!(err.contains("not the tunnel list"), "{err}");

    let api = agent(json!([]));
    let url = format!("{}/api/tunnels", api.base());
    let err = startup(listen(
        &env,
        free_port(),
        &["--no-ngrok", "--ngrok-api", &url],
    ));
    assert!(err.contains("not asked (--no-ngrok)"), "{err}");
    assert!(api.seen().is_empty(), "--no-ngrok never asks");
}

#[test]
fn the_dashboard_prefills_the_tunnel_url() {
    let env = Env::new();
    let port = free_port();
    let api = agent(json!([
        {"public_url": "https://pref.ngrok-free.app", "proto": "https", "config": {"addr": format!("http://localhost:{port}")}}
    ]));
    let url = format!("{}/api/tunnels", api.base());
    let l = listen(&env, port, &["--ngrok-api", &url, "--ui", "--ui-port", "0"]);
    let dash = Dash::of(&l);
    let events = dash.events();
    events.wait_for(&["\"callback_url\":\"https://pref.ngrok-free.app/\""]);
}

#[test]
fn health_route_answers_ok_and_other_gets_stay_405() {
    let env = Env::new();
    let l = env.listen_with(
        &["--path", "/cb", "--no-ngrok"],
        &[("SINCH_WEBHOOK_SECRET", SECRET)],
    );
    let health = http(&l.addr(), "GET", "/_sinchctl/health", &[], b"").unwrap();
    assert_eq!(health.status, 200);
    assert_eq!(health.body.trim_end(), "ok");
    for (method, path, status) in [
        ("GET", "/cb", 405),
        ("GET", "/_sinchctl/health/x", 404),
        ("HEAD", "/cb", 405),
        ("HEAD", "/_sinchctl/health", 200),
        ("POST", "/_sinchctl/health", 404),
    ] {
        let r = http(&l.addr(), method, path, &[], b"").unwrap();
        assert_eq!(r.status, status, "{method} {path}");
    }
    let done = l.stop();
    // Was flaky: a SIGTERM that came before listen had set up its signal
    // handling killed it with lines unwritten (fixed: handlers come first).
    assert!(done.status.success(), "{}", done.stderr_text());
    assert_eq!(
        done.stdout.len(),
        4,
        "health checks are not shown: {:?}",
        done.stdout
    );
    assert!(!done.stdout_text().contains("GET /_sinchctl/health "));
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    assert_eq!(
        http(&l.addr(), "GET", "/_sinchctl/health", &[], b"")
            .unwrap()
            .status,
        200
    );
    assert_eq!(http(&l.addr(), "GET", "/", &[], b"").unwrap().status, 405);
}

#[test]
fn lines_show_the_forwarded_client_and_the_public_host_once() {
    let env = Env::new();
    let l = env.listen_with(&["--no-ngrok"], &[("SINCH_WEBHOOK_SECRET", SECRET)]);
    let headers = [
        ("x-forwarded-for", "203.0.113.9, 10.0.0.1"),
        ("x-forwarded-host", "abcd.ngrok-free.app"),
        ("content-type", "application/json"),
    ];
    for _ in 0..2 {
        let r = http(&l.addr(), "POST", "/", &headers, b"{}").unwrap();
        assert_eq!(r.status, 401);
    }
    let lines = l.wait_lines(2);
    assert!(
        lines[0].contains("from 203.0.113.9 (forwarded by 127.0.0.1:"),
        "{lines:?}"
    );
    let err = l.stop().stderr_text();
    assert_eq!(
        err.matches("public host   abcd.ngrok-free.app").count(),
        1,
        "{err}"
    );
}

#[test]
fn a_malformed_agent_api_url_is_a_usage_error() {
    let env = Env::new();
    for bad in ["garbage", "ftp://127.0.0.1:4040/api/tunnels", ""] {
        let out = env
            .cmd()
            .args(["listen", "--secret", "s", "--port", "0", "--ngrok-api", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--ngrok-api"), "{err}");
        assert!(!err.contains("Listening on"), "{err}");
    }
}

/// A fake agent API whose answer never ends (no length: it runs until
/// the reader hangs up, or 64 MiB); returns its address and bytes written.
fn endless_agent() -> (String, std::thread::JoinHandle<usize>) {
    use std::io::{Read, Write};
    let server = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap().to_string();
    let writer = std::thread::spawn(move || {
        let Ok((mut conn, _)) = server.accept() else {
            return 0;
        };
        let mut head = [0u8; 4096];
        let _ = conn.read(&mut head);
        let mut sent = 0;
        let start = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{\"tunnels\":[";
        if conn.write_all(start).is_err() {
            return sent;
        }
        let spaces = vec![b' '; 64 << 10];
        while sent < 64 << 20 && conn.write_all(&spaces).is_ok() {
            sent += spaces.len();
        }
        sent
    });
    (addr, writer)
}

#[test]
fn a_huge_agent_answer_is_cut_off_at_one_mib() {
    let env = Env::new();
    let (addr, writer) = endless_agent();
    let url = format!("http://{addr}/api/tunnels");
    let port = free_port();
    let err = startup(listen(&env, port, &["--ngrok-api", &url]));
    assert!(err.contains("its answer is over 1024 KiB"), "{err}");
    assert!(err.contains(&format!("ngrok http {port}")), "{err}");
    let sent = writer.join().unwrap();
    assert!(
        sent < 64 << 20,
        "listen stopped reading early ({sent} bytes sent)"
    );
}
