//! `listen`'s output queue through the real binary: when stdout is a pipe
//! nobody reads, memory stays bounded and answers wait (backpressure); once
//! the reader resumes every line comes out, whole, and a SIGTERM sent while
//! the backlog was held still writes every line before the summary.

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::support::{Env, now_unix, reference_sign, signature_nonce};

const SECRET: &str = "listen-output-secret-7";
const CALLBACKS: usize = 1600;
const SENDERS: usize = 8;

fn rss_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A 32 KiB signed body, distinct per callback.
fn body(i: usize) -> Vec<u8> {
    format!(
        r#"{{"type":"mo_text","id":"01JOUTPUT{i:017}","from":"46700000001","to":"12345","body":"{}","received_at":"2025-01-13T09:22:40.914Z"}}"#,
        "x".repeat(32 * 1024)
    )
    .into_bytes()
}

/// Waits until `count` stops moving for a second (at most 30 s) and returns it.
fn settled(count: &AtomicUsize) -> usize {
    let mut last = usize::MAX;
    let mut still = 0;
    for _ in 0..150 {
        std::thread::sleep(Duration::from_millis(200));
        let now = count.load(Ordering::SeqCst);
        still = if now == last { still + 1 } else { 0 };
        if still == 5 || now == CALLBACKS {
            return now;
        }
        last = now;
    }
    count.load(Ordering::SeqCst)
}

/// A listener whose stdout nobody reads, flooded until its answers stall.
struct Stalled {
    child: std::process::Child,
    addr: String,
    answered: Arc<AtomicUsize>,
    stalled_at: usize,
    senders: Vec<std::thread::JoinHandle<()>>,
    stderr: std::thread::JoinHandle<String>,
}

/// The hidden drain-time knob (milliseconds), so a test can stall past it.
const DRAIN_ENV: &str = "SINCHCTL_LISTEN_DRAIN_MS";

/// One signed callback with a client read timeout; `None` when the
/// connection failed or the client gave up waiting.
fn post(addr: &str, i: usize, timeout: Duration) -> Option<u16> {
    post_as(
        addr,
        &body(i),
        &signature_nonce(),
        &now_unix().to_string(),
        timeout,
    )
}

/// Posts `body` signed with `nonce` and `ts`; the status, or None when no
/// answer came within `timeout`.
fn post_as(addr: &str, body: &[u8], nonce: &str, ts: &str, timeout: Duration) -> Option<u16> {
    use std::io::Write;
    let sig = reference_sign(SECRET, body, nonce, ts);
    let mut stream = std::net::TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(timeout)).ok()?;
    let head = format!(
        "POST / HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n\
         x-sinch-webhook-signature: {sig}\r\nx-sinch-webhook-signature-nonce: {nonce}\r\n\
         x-sinch-webhook-signature-timestamp: {ts}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    crate::support::parse_reply(&raw).ok().map(|r| r.status)
}

fn stalled_listener(env: &Env) -> Stalled {
    stalled_listener_with(env, &[], Duration::from_secs(30))
}

/// Like [`stalled_listener`], with extra environment and a client timeout
/// (a client that gives up moves on to its next callback).
fn stalled_listener_with(env: &Env, vars: &[(&str, &str)], timeout: Duration) -> Stalled {
    let mut child = env
        .std_cmd()
        .args(["listen", "--port", "0", "--json"])
        .envs(vars.iter().copied())
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut ready = String::new();
    err.read_line(&mut ready).unwrap();
    let addr = ready
        .trim()
        .strip_prefix("Listening on http://")
        .unwrap_or_else(|| panic!("{ready}"))
        .to_owned();
    let stderr = std::thread::spawn(move || {
        let mut rest = String::new();
        let _ = err.read_to_string(&mut rest);
        rest
    });
    let answered = Arc::new(AtomicUsize::new(0));
    let senders: Vec<_> = (0..SENDERS)
        .map(|s| {
            let (addr, answered) = (addr.clone(), answered.clone());
            std::thread::spawn(move || {
                for i in (s..CALLBACKS).step_by(SENDERS) {
                    match post(&addr, i, timeout) {
                        Some(200) => {
                            answered.fetch_add(1, Ordering::SeqCst);
                        }
                        // Stopping: refused at the door (or answered 503 unshown).
                        Some(503) => break,
                        Some(status) => panic!("answered {status}"),
                        // Gave up waiting: the next one; refused connections end the loop.
                        None if std::net::TcpStream::connect(&addr).is_ok() => {}
                        None => break,
                    }
                }
            })
        })
        .collect();

    // Nobody reads stdout: answers stop once the bounded queue and the pipe are full.
    let stalled_at = settled(&answered);
    assert!(
        stalled_at < CALLBACKS,
        "every callback was answered although nobody read the output"
    );
    Stalled {
        child,
        addr,
        answered,
        stalled_at,
        senders,
        stderr,
    }
}

#[test]
fn a_stalled_reader_bounds_memory_slows_answers_then_gets_every_line() {
    let env = Env::new();
    let stalled = stalled_listener(&env);
    let rss = rss_kib(stalled.child.id(), "VmRSS:");
    // About 100 MiB of lines are pending (each shows the 32 KiB text twice); the queue
    // holds at most 4 MiB of them.
    assert!(rss < 40 * 1024, "RSS {rss} KiB while the reader is stalled");
    let (answered, stalled_at) = (stalled.answered.clone(), stalled.stalled_at);
    // SIGTERM with the backlog still held, read at once: nothing may be lost.
    let summary = stop_stalled_and_check(stalled, Duration::ZERO);
    let answered = answered.load(Ordering::SeqCst);
    assert!(
        answered >= stalled_at,
        "the held requests were answered once the reader resumed"
    );
    assert_eq!(
        summary["accepted"], answered,
        "one line per answered callback, none lost"
    );
}

#[test]
fn a_second_signal_quits_when_the_output_is_never_read() {
    let env = Env::new();
    let mut stalled = stalled_listener(&env);
    let pid = stalled.child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        stalled.child.try_wait().unwrap().is_none(),
        "the first signal waits for the output to drain"
    );
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = stalled.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
    let err = stalled.stderr.join().unwrap();
    assert!(err.contains("second signal"), "{err}");
    drop(stalled.child.stdout.take());
    for s in stalled.senders {
        let _ = s.join();
    }
}

/// Reads everything after a SIGTERM sent `stall` before reading, and checks
/// that lines, 200 answers and the summary agree; returns the summary.
fn stop_stalled_and_check(stalled: Stalled, stall: Duration) -> serde_json::Value {
    let Stalled {
        mut child,
        answered,
        senders,
        stderr,
        ..
    } = stalled;
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    std::thread::sleep(stall);
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    for s in senders {
        s.join().unwrap();
    }
    let err = stderr.join().unwrap();
    assert!(child.wait().unwrap().success(), "{err}");
    assert!(!err.contains("cut off"), "nothing was cut off: {err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("cut line ({e})")))
        .collect();
    let shown_ok = lines
        .iter()
        .filter(|l| l["type"] == "request" && l["status"] == 200)
        .count();
    // Callers that hung up while their line waited for room: shown as 499,
    // with the event they carried (it did arrive).
    let hung_up = lines
        .iter()
        .filter(|l| l["type"] == "request" && l["status"] == 499)
        .filter(|l| l["events"].as_array().is_some_and(|e| !e.is_empty()))
        .count();
    let summary = lines.last().unwrap().clone();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["accepted"], shown_ok, "accepted == 200 lines");
    assert_eq!(
        summary["inbound"],
        shown_ok + hung_up,
        "every counted callback was shown"
    );
    eprintln!(
        "{shown_ok} lines of 200, {} answers of 200 received",
        answered.load(Ordering::SeqCst)
    );
    summary
}

#[test]
fn a_reader_stalled_past_the_drain_time_loses_no_acknowledged_line() {
    let env = Env::new();
    let stalled = stalled_listener_with(&env, &[(DRAIN_ENV, "300")], Duration::from_secs(60));
    let answered = stalled.answered.clone();
    // The reader stays away well past the drain time.
    let summary = stop_stalled_and_check(stalled, Duration::from_secs(2));
    let answered = answered.load(Ordering::SeqCst);
    assert_eq!(
        summary["accepted"], answered,
        "200 answers == summary.accepted"
    );
}

#[test]
fn clients_giving_up_while_the_reader_stalls_are_shown_before_counted() {
    let env = Env::new();
    // Clients give up after 1 s and go on with new callbacks.
    let stalled = stalled_listener_with(&env, &[(DRAIN_ENV, "300")], Duration::from_secs(1));
    std::thread::sleep(Duration::from_secs(2));
    let summary = stop_stalled_and_check(stalled, Duration::from_secs(1));
    assert!(summary["accepted"].as_u64().unwrap() > 0);
    assert!(
        summary["rejected"]["hung_up"].as_u64().unwrap_or(0) > 0,
        "clients gave up while their lines waited: {summary}"
    );
}

#[test]
fn a_caller_that_gave_up_while_its_line_waited_can_retry_the_same_signature() {
    let env = Env::new();
    let mut stalled = stalled_listener(&env);
    // The output queue is full: this one waits for room, and its caller gives up.
    let (body, nonce, ts) = (
        body(CALLBACKS + 1),
        signature_nonce(),
        now_unix().to_string(),
    );
    let addr = stalled.addr.clone();
    assert_eq!(
        post_as(&addr, &body, &nonce, &ts, Duration::from_secs(1)),
        None
    );
    // The reader comes back; the identical request (same signature) is accepted,
    // since the first was never acknowledged.
    let mut out = stalled.child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = out.read_to_string(&mut text);
        text
    });
    assert_eq!(
        post_as(&addr, &body, &nonce, &ts, Duration::from_secs(30)),
        Some(200)
    );
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &stalled.child.id().to_string()])
        .status();
    let text = reader.join().unwrap();
    for s in stalled.senders {
        let _ = s.join();
    }
    let _ = stalled.child.wait();
    let id = format!("01JOUTPUT{:017}", CALLBACKS + 1);
    let mine: Vec<&str> = text.lines().filter(|l| l.contains(&id)).collect();
    // Lines are written in order of completion: either may come first.
    assert_eq!(mine.len(), 2, "{mine:?}");
    let hung = mine
        .iter()
        .filter(|l| l.contains("\"status\":499") && l.contains("hung_up"))
        .count();
    let ok = mine.iter().filter(|l| l.contains("\"status\":200")).count();
    assert_eq!((hung, ok), (1, 1), "{mine:?}");
}
