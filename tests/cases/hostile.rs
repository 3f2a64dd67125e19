//! Hostile HTTP answers and inputs, through the real binary: a redirect is
//! reported, never followed; a huge answer body is not buffered whole (by
//! `simulate`, `send` or `status`); endless input files are refused.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::support::{Env, stdout_of};

/// A server answering every connection with `head` followed by `body_len`
/// bytes of body; counts the connections it accepted and the body bytes the
/// client took before it closed the connection.
fn hostile_server(head: &'static str, body_len: usize) -> (String, Arc<AtomicUsize>) {
    let (url, hits, _) = counting_server(head, body_len);
    (url, hits)
}

fn counting_server(
    head: &'static str,
    body_len: usize,
) -> (String, Arc<AtomicUsize>, std::sync::mpsc::Receiver<usize>) {
    let (tx, rx) = std::sync::mpsc::sync_channel(16);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 65536];
            let _ = conn.read(&mut buf);
            let _ = conn.write_all(head.as_bytes());
            let chunk = vec![b'a'; 65536];
            let mut sent = 0;
            while sent < body_len && conn.write_all(&chunk).is_ok() {
                sent += chunk.len();
            }
            let _ = tx.try_send(sent);
        }
    });
    (url, hits, rx)
}

fn simulate(env: &Env, url: &str) -> std::process::Output {
    env.cmd()
        .args(["simulate", "--timeout", "5s", "--url", url])
        .env("SINCH_WEBHOOK_SECRET", "hostile-secret-1")
        .output()
        .unwrap()
}

#[test]
fn simulate_reports_a_redirect_and_does_not_follow_it() {
    let env = Env::new();
    let (target, target_hits) = hostile_server(
        "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        0,
    );
    let head: &'static str = Box::leak(
        format!(
            "HTTP/1.1 302 Found\r\nlocation: {target}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )
        .into_boxed_str(),
    );
    let (url, _) = hostile_server(head, 0);
    let out = simulate(&env, &url);
    assert_eq!(out.status.code(), Some(7), "a 302 is an unexpected status");
    assert!(stdout_of(&out).contains("302"), "{}", stdout_of(&out));
    assert_eq!(target_hits.load(Ordering::SeqCst), 0, "redirect followed");
}

#[test]
fn simulate_takes_the_status_of_an_endless_answer_without_reading_it_all() {
    let env = Env::new();
    // An answer that never ends: read to the end, it would run into --timeout.
    let head = "HTTP/1.1 200 OK\r\ncontent-length: 1000000000000000\r\nconnection: close\r\n\r\n";
    let (url, _, taken) = counting_server(head, usize::MAX);
    let out = simulate(&env, &url);
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    assert!(stdout_of(&out).contains("200"));
    // Socket buffers hold a few MiB; reading on to the timeout takes gigabytes.
    let sent = taken.recv().unwrap();
    assert!(
        sent < 64 << 20,
        "the client read {sent} bytes of the answer"
    );
}

#[test]
fn send_and_status_read_only_the_start_of_an_endless_answer() {
    let env = Env::new();
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000000000000\r\nconnection: close\r\n\r\n";
    for args in [
        &["send", "--to", "+46700000001", "--body", "hi"][..],
        &["status", "01BATCH"],
    ] {
        let (url, _, taken) = counting_server(head, usize::MAX);
        let out = env
            .service_plan("plan1", "hostile-token-1", &url)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{args:?}: {out:?}");
        assert!(stdout_of(&out).is_empty());
        // The client stops at its 4 MiB cap; socket buffers add a few MiB.
        let sent = taken.recv().unwrap();
        assert!(sent < 64 << 20, "{args:?}: the client read {sent} bytes");
    }
}

#[test]
fn endless_input_files_are_refused_not_read_to_the_end() {
    let env = Env::new();
    let cases: [(&[&str], i32); 3] = [
        (&["verify", "--secret", "s", "--request", "/dev/zero"], 2),
        (
            &[
                "replay",
                "/dev/zero",
                "--secret",
                "s",
                "--url",
                "http://127.0.0.1:9/",
            ],
            2,
        ),
        (&["--config", "/dev/zero", "config", "show"], 1),
    ];
    for (args, code) in cases {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("larger than"), "{args:?}: {err}");
    }
}
