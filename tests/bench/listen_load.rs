//! The listen benchmark's machinery: the load generator (signed callbacks
//! over keep-alive connections), the server processes it drives and what is
//! read from /proc about them, and the hand-written hyper baseline server.

use std::collections::HashSet;
use std::convert::Infallible;
use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use hmac::{KeyInit, Mac};
use http_body_util::{BodyExt, Full};
use hyper::{Request, Response, StatusCode};

const SECRET: &str = "bench-secret-0123456789";

/// The traffic of one measurement.
#[derive(Clone, Copy, PartialEq)]
pub enum Mix {
    /// One Delivered report per message.
    Delivered,
    /// Dispatched, then Delivered, for each message.
    DispatchedThenDelivered,
    /// Dispatched only, with `--max-tracked` a third of the messages (a full cap of unfinished ones).
    DispatchedFullCap,
}

impl Mix {
    /// The mix's name in the report.
    pub fn name(self) -> &'static str {
        match self {
            Mix::Delivered => "delivered",
            Mix::DispatchedThenDelivered => "disp+deliv",
            Mix::DispatchedFullCap => "disp-fullcap",
        }
    }

    /// Status and recipient number of callback `i`.
    pub fn callback(self, i: usize) -> (&'static str, usize) {
        match self {
            Mix::Delivered => ("Delivered", i),
            Mix::DispatchedThenDelivered if i.is_multiple_of(2) => ("Dispatched", i / 2),
            Mix::DispatchedThenDelivered => ("Delivered", i / 2),
            Mix::DispatchedFullCap => ("Dispatched", i),
        }
    }
}

/// Where the server and the load generator run.
#[derive(Clone, Copy, PartialEq)]
pub enum Placement {
    Pinned,
    Shared,
}

/// How many cores this process may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Pins this process (every thread) to core 1 for the load generator.
fn pin_self_to_load_core() {
    let _ = Command::new("taskset")
        .args(["-a", "-p", "-c", "1", &std::process::id().to_string()])
        .stdout(Stdio::null())
        .status();
}

/// Lets this process use every core again.
fn unpin_self() {
    let all = format!("0-{}", cores() - 1);
    let _ = Command::new("taskset")
        .args(["-a", "-p", "-c", &all, &std::process::id().to_string()])
        .stdout(Stdio::null())
        .status();
}

/// A server process; killed on drop.
pub struct Server {
    /// The server process.
    pub child: Child,
    /// The port it read back and announced.
    pub port: u16,
}

impl Server {
    fn spawn(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn server");
        let mut first = String::new();
        std::io::BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let port = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("readiness line");
        Server { child, port }
    }

    /// The command, pinned to core 0 when asked.
    fn command(program: &std::path::Path, placement: Placement) -> Command {
        if placement == Placement::Pinned {
            let mut cmd = Command::new("taskset");
            cmd.args(["-c", "0"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    /// This benchmark run again as the hyper baseline server.
    pub fn baseline(placement: Placement) -> Server {
        let mut cmd = Server::command(&std::env::current_exe().unwrap(), placement);
        cmd.arg("--baseline-server").stdout(Stdio::null());
        Server::spawn(cmd)
    }

    /// `sinchctl listen --json --quiet EXTRA`, its NDJSON written to `output`.
    pub fn listen(output: &std::path::Path, extra: &[&str], placement: Placement) -> Server {
        let bin = std::path::Path::new(env!("CARGO_BIN_EXE_sinchctl"));
        let mut cmd = Server::command(bin, placement);
        cmd.args(["listen", "--port", "0", "--json", "--quiet"])
            .args(extra)
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            // An empty config, so the user's own cannot change what is measured.
            .env("SINCHCTL_CONFIG", empty_config(output))
            .stdout(std::fs::File::create(output).unwrap());
        Server::spawn(cmd)
    }
}

/// An empty config file next to `output`.
fn empty_config(output: &std::path::Path) -> std::path::PathBuf {
    let path = output.with_file_name("empty-config.toml");
    std::fs::write(&path, "").unwrap();
    path
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's peak resident set size (VmHWM) in KiB; 0 when unknown.
pub fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn sign(body: &[u8], nonce: &str, ts: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    mac.update(format!(".{nonce}.{ts}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// One measurement of a server under load.
pub struct Measured {
    /// Callbacks per second.
    pub rate: f64,
    /// 99th percentile latency.
    pub p99: Duration,
    /// Server CPU time per callback, in microseconds.
    pub cpu_us: f64,
    /// Server peak RSS in KiB.
    pub rss_kib: u64,
}

/// User + system CPU time of a process so far, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    get(11) + get(12)
}

/// Clock ticks per second of /proc CPU times.
pub fn ticks_per_sec() -> f64 {
    // CLK_TCK is 100 on every Linux this runs on; read it from getconf when available.
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Sends `total` uniquely signed callbacks with `concurrency` workers over
/// keep-alive connections and measures throughput and latency.
pub fn load(
    port: u16,
    concurrency: usize,
    total: usize,
    mix: Mix,
    placement: Placement,
) -> Measured {
    if placement == Placement::Pinned {
        pin_self_to_load_core();
    }
    let measured = run_load(port, concurrency, total, mix);
    unpin_self();
    measured
}

fn run_load(port: u16, concurrency: usize, total: usize, mix: Mix) -> Measured {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
        let url = format!("http://127.0.0.1:{port}/");
        let run = format!("{:x}", std::process::id() as u64 * 1_000_003 + Instant::now().elapsed().as_nanos() as u64);
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
        let started = Instant::now();
        let workers: Vec<_> = (0..concurrency)
            .map(|_| {
                let (client, url, next, latencies, run) = (client.clone(), url.clone(), next.clone(), latencies.clone(), run.clone());
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= total {
                            break;
                        }
                        let (status, recipient) = mix.callback(i);
                        let body = format!(
                            r#"{{"type":"recipient_delivery_report_sms","batch_id":"01JBENCH{run}","recipient":"4670{recipient:07}","code":0,"status":"{status}","at":"2025-01-01T00:00:0{}.000Z"}}"#,
                            i % 2
                        );
                        let nonce = format!("{run}-{i}");
                        let ts = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs().to_string();
                        let sig = sign(body.as_bytes(), &nonce, &ts);
                        let t0 = Instant::now();
                        let resp = client
                            .post(&url)
                            .header("content-type", "application/json")
                            .header("x-sinch-webhook-signature", sig)
                            .header("x-sinch-webhook-signature-nonce", nonce)
                            .header("x-sinch-webhook-signature-timestamp", ts)
                            .header("x-sinch-webhook-signature-algorithm", "HmacSHA256")
                            .body(body)
                            .send()
                            .await
                            .expect("request");
                        assert_eq!(resp.status().as_u16(), 200, "server refused a valid callback");
                        let _ = resp.bytes().await;
                        mine.push(t0.elapsed());
                    }
                    latencies.lock().unwrap().extend(mine);
                })
            })
            .collect();
        for w in workers {
            w.await.unwrap();
        }
        let elapsed = started.elapsed();
        let mut l = latencies.lock().unwrap().clone();
        l.sort();
        let pct = |p: f64| l[((l.len() as f64 * p) as usize).min(l.len() - 1)];
        Measured { rate: total as f64 / elapsed.as_secs_f64(), p99: pct(0.99), cpu_us: 0.0, rss_kib: 0 }
    })
}

/// The baseline: what a careful user would write with hyper by hand.
pub fn baseline_server() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        eprintln!("Listening on http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(HashSet::<String>::new()));
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let _ = stream.set_nodelay(true);
            let seen = seen.clone();
            tokio::spawn(async move {
                let svc = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                    let seen = seen.clone();
                    async move {
                        let header = |n: &str| {
                            req.headers()
                                .get(n)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("")
                                .to_owned()
                        };
                        let (sig, nonce, ts) = (
                            header("x-sinch-webhook-signature"),
                            header("x-sinch-webhook-signature-nonce"),
                            header("x-sinch-webhook-signature-timestamp"),
                        );
                        let body = req
                            .into_body()
                            .collect()
                            .await
                            .map(|c| c.to_bytes())
                            .unwrap_or_default();
                        let now = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .unwrap()
                            .as_secs() as i64;
                        let fresh = ts.parse::<i64>().is_ok_and(|t| (now - t).abs() <= 300);
                        let ok = fresh
                            && sign(&body, &nonce, &ts) == sig
                            && seen.lock().unwrap().insert(nonce);
                        let status = if ok {
                            StatusCode::OK
                        } else {
                            StatusCode::UNAUTHORIZED
                        };
                        let mut r = Response::new(Full::new(Bytes::from_static(b"ok\n")));
                        *r.status_mut() = status;
                        Ok::<_, Infallible>(r)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
}
