//! `listen` against hostile input, through the real binary: a full replay
//! cache, nonces of failed answers, extreme flag values, descriptor
//! exhaustion, readiness only after checks, redirects and bad forward URLs,
//! record file mode and links.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::{
    Endpoint, Env, Listen, Resp, bin, fixture, mode_of, now_unix, post_signed, post_signed_at,
    signature_nonce,
};

const SECRET: &str = "listen-hardening-secret-42";

fn listen(env: &Env, args: &[&str]) -> Listen {
    env.listen_with(args, &[("SINCH_WEBHOOK_SECRET", SECRET)])
}

#[test]
fn a_full_replay_cache_answers_503_and_never_lets_a_replay_through() {
    let env = Env::new();
    let l = listen(&env, &["--max-nonces", "3", "--json"]);
    let body = fixture("v4_body.json");
    let ts = now_unix();
    let nonces: Vec<String> = (0..5).map(|_| signature_nonce()).collect();
    let post = |n: &str| post_signed_at(&l.addr(), "/", SECRET, &body, n, ts).status;
    let first: Vec<u16> = nonces.iter().map(|n| post(n)).collect();
    assert_eq!(first, [200, 200, 200, 503, 503]);
    // Every accepted nonce is still remembered: the replays are refused, not accepted.
    for round in 0..3 {
        let again: Vec<u16> = nonces.iter().map(|n| post(n)).collect();
        assert_eq!(again, [401, 401, 401, 503, 503], "round {round}");
    }
    let done = l.stop();
    let summary = done.json_lines().pop().unwrap();
    assert_eq!(summary["accepted"], 3);
    assert_eq!(summary["rejected"]["replay_cache_full"], 8);
    assert_eq!(summary["rejected"]["replayed"], 9);
    let err = done.stderr_text();
    assert!(err.contains("replay cache full"), "{err}");
    assert!(err.contains("raise --max-nonces"), "{err}");
}

#[test]
fn a_failed_answer_leaves_the_nonce_usable_and_records_carry_the_status() {
    let env = Env::new();
    let app = Endpoint::start(|n, _, _| if n == 0 { 500 } else { 200 });
    let rec = env.path("rec.ndjson");
    let l = listen(
        &env,
        &["--forward-to", &app.url, "--record", rec.to_str().unwrap()],
    );
    let body = fixture("v4_body.json");
    let (nonce, ts) = (signature_nonce(), now_unix());
    let post = || post_signed_at(&l.addr(), "/", SECRET, &body, &nonce, ts).status;
    assert_eq!(post(), 500, "the app's failure is passed on");
    assert_eq!(
        post(),
        200,
        "Sinch's retry with the same signature succeeds"
    );
    assert_eq!(post(), 401, "once accepted, the nonce is spent");
    let statuses: Vec<u64> = std::fs::read_to_string(&rec)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["status"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(statuses, [500, 200]);
    drop(l);

    // A record that cannot be written (503) leaves the nonce free too.
    let l = listen(&env, &["--record", "/dev/full"]);
    let (nonce, ts) = (signature_nonce(), now_unix());
    for _ in 0..2 {
        let reply = post_signed_at(&l.addr(), "/", SECRET, &body, &nonce, ts);
        assert_eq!(reply.status, 503, "not refused as a replay: {}", reply.body);
    }
}

#[test]
fn extreme_flag_values_are_usage_errors() {
    let env = Env::new();
    let cases: &[&[&str]] = &[
        &["--max-age", "9223372036854775808"],
        &["--max-age", "18446744073709551615"],
        &["--max-age", "86401"],
        &["--max-age", "0"],
        &["--max-age=-1"],
        &["--max-body", "0"],
        &["--max-body", "18446744073709551615"],
        &["--header-timeout", "18446744073709551615"],
        &["--request-timeout", "0"],
        &["--forward-timeout", "inf"],
        &["--timeout", "NaN"],
        &["--timeout", "99999999999s"],
        &["--max-nonces", "0"],
        &["--max-nonces", "18446744073709551615"],
        &["--max-tracked", "0"],
        &["--max-connections", "0"],
        &["--exit-after", "0"],
        &["--port", "65536"],
    ];
    for args in cases {
        let out = env
            .cmd()
            .args(["listen", "--secret", "s"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let flag = args[0].split('=').next().unwrap();
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}

#[test]
fn idle_connections_cannot_lock_out_a_valid_callback_under_a_low_fd_limit() {
    let env = Env::new();
    let script = "ulimit -n 64 && exec \"$0\" \"$@\"";
    let mut cmd = std::process::Command::new("sh");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .args(["-c", script])
        .arg(bin())
        .args(["listen", "--port", "0"]);
    let l = Listen::spawn(cmd);
    // 100 idle connections: more than the process may even open.
    let idle: Vec<TcpStream> = (0..100)
        .filter_map(|_| TcpStream::connect(l.addr()).ok())
        .collect();
    assert!(idle.len() > 64, "the kernel queues them all");
    std::thread::sleep(Duration::from_millis(300));
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    drop(idle);
    let done = l.stop();
    let err = done.stderr_text();
    assert!(err.contains(" connections"), "the cap is shown: {err}");
    assert!(err.contains("summary: 1 callback accepted"), "{err}");
}

/// Runs listen expecting it to fail before becoming ready.
fn refused_start(env: &Env, args: &[&str]) -> (Option<i32>, String) {
    let mut child = env
        .std_cmd()
        .args(["listen", "--port", "0", "--secret", SECRET])
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("listen {args:?} blocked instead of refusing to start");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn readiness_is_printed_only_after_every_check() {
    let env = Env::new();
    let fifo = env.path("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, err) = refused_start(&env, &["--record", fifo.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cannot open record file") || err.contains("regular file"),
        "{err}"
    );
    assert!(!err.contains("Listening on"), "{err}");
    let missing = env.path("no/such/dir/rec.ndjson");
    let (code, err) = refused_start(&env, &["--record", missing.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cannot open record file") && !err.contains("Listening on"),
        "{err}"
    );
    // The dashboard's port is checked before the readiness line too.
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy = held.local_addr().unwrap().port().to_string();
    let (code, err) = refused_start(&env, &["--ui", "--ui-port", &busy]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("cannot start the dashboard") && err.contains("--ui-port"),
        "{err}"
    );
    assert!(!err.contains("Listening on"), "{err}");
}

#[test]
fn redirects_are_not_followed() {
    let env = Env::new();
    let app = Endpoint::serve(|_| Resp::status(302).with_header("location", "/elsewhere"));
    let l = listen(&env, &["--forward-to", &app.url, "--color", "always"]);
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 502, "{}", reply.body);
    assert!(reply.body.contains("redirect"), "{}", reply.body);
    let line = &l.wait_lines(1)[0];
    assert!(
        line.contains("302") && line.contains("\u{1b}[31m"),
        "{line}"
    );
    let seen = app.seen();
    assert_eq!(seen.len(), 1, "the redirect was not re-requested");
    assert_eq!(seen[0].method, "POST");
}

#[test]
fn the_apps_answer_is_capped() {
    let env = Env::new();
    let app = Endpoint::serve(|_| Resp {
        status: 200,
        headers: vec![],
        body: "x".repeat(200 * 1024),
    });
    let l = listen(&env, &["--forward-to", &app.url]);
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 502);
    assert!(reply.body.contains("over 64 KiB"), "{}", reply.body);
}

#[test]
fn forward_urls_are_checked_at_start_and_shown_without_credentials() {
    let env = Env::new();
    for bad in [
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        "not a url",
        "http://",
    ] {
        let out = env
            .cmd()
            .args(["listen", "--secret", "s", "--forward-to", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {out:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("Listening on"));
    }
    let app = Endpoint::start(|_, _, _| 200);
    // No scheme means http, as in the webhook tools people know; credentials are never shown.
    let target = app.url.replace("http://", "user:hunter2@");
    let l = listen(&env, &["--forward-to", &target]);
    let reply = post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(app.seen().len(), 1);
    let err = l.stop().stderr_text();
    assert!(err.contains("forward       http://127.0.0.1:"), "{err}");
    assert!(!err.contains("hunter2") && !err.contains("user:"), "{err}");
}

#[test]
fn record_files_are_private() {
    let env = Env::new();
    let rec = env.path("private.ndjson");
    let l = listen(&env, &["--record", rec.to_str().unwrap()]);
    assert_eq!(
        post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json")).status,
        200
    );
    assert_eq!(mode_of(&rec), 0o600);
    drop(l);
    // An existing file others can read is made private before it gets more lines.
    let old = env.path("shared.ndjson");
    std::fs::write(&old, "").unwrap();
    crate::support::set_mode(&old, 0o644);
    let l = listen(&env, &["--record", old.to_str().unwrap()]);
    assert_eq!(
        post_signed(&l.addr(), "/", SECRET, &fixture("v4_body.json")).status,
        200
    );
    assert_eq!(mode_of(&old), 0o600);
    drop(l);
    // A symbolic link is refused before the readiness line; its target keeps its mode.
    let target = env.path("target.txt");
    std::fs::write(&target, "data\n").unwrap();
    crate::support::set_mode(&target, 0o644);
    let link = env.path("link.ndjson");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = env
        .cmd()
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .args(["listen", "--port", "0", "--no-ngrok", "--record"])
        .arg(&link)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("symbolic link") && !err.contains("Listening on"),
        "{err}"
    );
    assert_eq!(mode_of(&target), 0o644);
}

#[test]
fn held_connections_stay_usable_for_keep_alive() {
    // The connection cap closes only idle connections, and only at the cap:
    // a keep-alive client below it keeps its connection.
    let env = Env::new();
    let l = listen(&env, &["--max-connections", "4"]);
    let mut s = TcpStream::connect(l.addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    for _ in 0..3 {
        s.write_all(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n").unwrap();
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 405"));
    }
}

#[test]
fn a_low_soft_fd_limit_is_raised_to_the_hard_one() {
    let env = Env::new();
    // Only the soft limit is lowered: listen raises it back to the hard one at start,
    // so its connection cap is sized from the hard limit, far above 256.
    let script = "ulimit -Sn 256 && exec \"$0\" \"$@\"";
    let hard: u64 = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "ulimit -Hn"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .parse()
    .unwrap_or(u64::MAX);
    assert!(
        hard >= 1024,
        "this test needs a hard fd limit of at least 1024, got {hard}"
    );
    let mut cmd = std::process::Command::new("sh");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("SINCH_WEBHOOK_SECRET", SECRET)
        .args(["-c", script])
        .arg(bin())
        .args(["listen", "--port", "0"]);
    let l = Listen::spawn(cmd);
    let err = l.stop().stderr_text();
    let cap: u64 = err
        .split(" connections")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no connection cap in the startup lines: {err}"));
    assert!(
        cap > 256,
        "the cap {cap} was sized from the lowered soft limit: {err}"
    );
}

#[test]
fn a_caller_that_hangs_up_mid_answer_can_retry_with_the_same_signature() {
    use std::sync::atomic::Ordering;
    let env = Env::new();
    // The first forward is slow; the caller gives up on it. Later ones are fast.
    let app = Endpoint::start(|n, _, _| {
        if n == 0 {
            std::thread::sleep(Duration::from_secs(3));
        }
        200
    });
    let l = listen(&env, &["--forward-to", &app.url, "--json"]);
    let body = fixture("v4_body.json");
    let (nonce, ts) = (signature_nonce(), now_unix());
    let sig = crate::support::reference_sign(SECRET, &body, &nonce, &ts.to_string());
    let mut raw = format!(
        "POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         x-sinch-webhook-signature: {sig}\r\nx-sinch-webhook-signature-nonce: {nonce}\r\n\
         x-sinch-webhook-signature-timestamp: {ts}\r\nx-sinch-webhook-signature-algorithm: HmacSHA256\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(&body);
    let mut caller = TcpStream::connect(l.addr()).unwrap();
    caller.write_all(&raw).unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while app.hits.load(Ordering::SeqCst) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        app.hits.load(Ordering::SeqCst),
        1,
        "the forward never started"
    );
    // Hang up while listen waits on the app.
    drop(caller);
    let lines = l.wait_lines(1);
    let shown: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(shown["reason"], "hung_up", "{shown}");
    assert_eq!(shown["status"], 499, "{shown}");
    // Sinch's retry carries the identical headers: it must be accepted, once.
    let retry = post_signed_at(&l.addr(), "/", SECRET, &body, &nonce, ts);
    assert_eq!(retry.status, 200, "{}", retry.body);
    let replay = post_signed_at(&l.addr(), "/", SECRET, &body, &nonce, ts);
    assert_eq!(replay.status, 401, "{}", replay.body);
    let summary = l.stop().json_lines().pop().unwrap();
    assert_eq!(summary["accepted"], 1, "{summary}");
    assert_eq!(summary["rejected"]["hung_up"], 1, "{summary}");
}

#[test]
fn a_full_replay_cache_is_told_through_the_ui_and_quiet_hides_the_live_warning() {
    let body = fixture("v4_body.json");
    for quiet in [false, true] {
        let env = Env::new();
        let mut args = vec!["--max-nonces", "1", "--json"];
        if quiet {
            args.push("-q");
        }
        let l = listen(&env, &args);
        let statuses: Vec<u16> = (0..5)
            .map(|_| post_signed(&l.addr(), "/", SECRET, &body).status)
            .collect();
        assert_eq!(statuses, [200, 503, 503, 503, 503]);
        let done = l.stop();
        let summary = done.json_lines().pop().unwrap();
        assert_eq!(summary["rejected"]["replay_cache_full"], 4, "quiet {quiet}");
        let count = |needle: &str| done.stderr.iter().filter(|l| l.contains(needle)).count();
        // Rate limited: at the 1st, 2nd and 3rd refusal (then 5th, 9th...), not the 4th.
        let live = count("answering 503 so Sinch retries");
        assert_eq!(live, if quiet { 0 } else { 3 }, "{}", done.stderr_text());
        // The closing warning is shown even with --quiet, as every warning is.
        let closing = count("callbacks were answered 503 because the replay cache was full");
        assert_eq!(closing, 1, "{}", done.stderr_text());
    }
}

#[test]
fn a_sigterm_right_after_the_readiness_line_still_stops_gracefully() {
    use std::io::{BufRead, Read};
    let env = Env::new();
    // Signal handling is set up before `Listening on` is printed: a script
    // that stops listen as soon as it is ready gets the summary, not a kill.
    for _ in 0..20 {
        let mut child = env
            .std_cmd()
            .args(["listen", "--port", "0", "--no-ngrok"])
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut ready = String::new();
        err.read_line(&mut ready).unwrap();
        assert!(ready.starts_with("Listening on"), "{ready}");
        let pid = rustix::process::Pid::from_raw(child.id() as i32).unwrap();
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
        let mut rest = String::new();
        err.read_to_string(&mut rest).unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{status:?}: {rest}");
        assert!(rest.contains("summary: 0 callbacks accepted"), "{rest}");
    }
}
