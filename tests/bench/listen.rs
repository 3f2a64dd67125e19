//! Benchmark: `sinchctl listen` against a minimal hyper server doing the same
//! verification (HMAC, timestamp window, nonce set), both as separate
//! processes on 127.0.0.1, driven by the same client in the same run.
//!
//! Run with `cargo bench --bench listen`. Environment knobs:
//! `SINCHCTL_BENCH_REQUESTS` (per measurement, default 20000) and
//! `SINCHCTL_BENCH_NONCES` (for the memory figure, default 1000000; 0 skips it).

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

fn main() {
    if std::env::args().any(|a| a == "--baseline-server") {
        baseline_server();
        return;
    }
    let requests: usize = env_num("SINCHCTL_BENCH_REQUESTS", 20_000);
    let nonces: usize = env_num("SINCHCTL_BENCH_NONCES", 1_000_000);
    let out_dir = std::env::temp_dir().join(format!("sinchctl-bench-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();

    println!(
        "sinchctl listen vs minimal hyper server, 127.0.0.1, {requests} signed callbacks per point"
    );
    println!(
        "{:<12} {:<9} {:>10} {:>9} {:>9} {:>14}",
        "concurrency", "server", "req/s", "p50", "p99", "server CPU"
    );
    let mut ratios = Vec::new();
    for concurrency in std::env::var("XP_C")
        .ok()
        .map(|c| vec![c.parse::<usize>().unwrap()])
        .unwrap_or(vec![32usize, 64])
    {
        let measure = |server: Server| {
            let cpu0 = cpu_ticks(server.child.id());
            let mut r = load(server.port, concurrency, requests);
            r.cpu_us = (cpu_ticks(server.child.id()) - cpu0) as f64 * 1e6
                / ticks_per_sec()
                / requests as f64;
            r
        };
        let base = measure(Server::baseline());
        let listen = measure(Server::listen(
            &out_dir.join(format!("out-{concurrency}.ndjson")),
            &[],
        ));
        for (name, r) in [("baseline", &base), ("listen", &listen)] {
            println!(
                "{:<12} {:<9} {:>10.0} {:>9} {:>9} {:>8.1}µs/req",
                concurrency,
                name,
                r.rate,
                fmt_ms(r.p50),
                fmt_ms(r.p99),
                r.cpu_us
            );
        }
        ratios.push((
            concurrency,
            listen.rate / base.rate,
            listen.p50.as_secs_f64() / base.p50.as_secs_f64(),
            listen.p99.as_secs_f64() / base.p99.as_secs_f64(),
            base.cpu_us / listen.cpu_us,
        ));
    }
    for (c, rate, p50, p99, eff) in &ratios {
        println!(
            "ratio listen/baseline at concurrency {c}: throughput {rate:.2}, p50 latency {p50:.2}, \
             p99 latency {p99:.2}, CPU per request {eff:.2} (higher is better for listen)"
        );
    }

    if nonces > 0 {
        let server = Server::listen(
            &out_dir.join("nonces.out"),
            &["--max-nonces", &nonces.to_string()],
        );
        let idle = peak_rss_kib(server.child.id());
        let started = Instant::now();
        let _ = load(server.port, 64, nonces);
        let peak = peak_rss_kib(server.child.id());
        println!(
            "peak RSS of listen after {nonces} unique nonces: {:.1} MiB (at start {:.1} MiB; {:.0} bytes per remembered nonce; {:.0}s)",
            peak as f64 / 1024.0,
            idle as f64 / 1024.0,
            (peak.saturating_sub(idle)) as f64 * 1024.0 / nonces as f64,
            started.elapsed().as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn fmt_ms(d: Duration) -> String {
    format!("{:.2}ms", d.as_secs_f64() * 1000.0)
}

/// A server process; killed on drop.
struct Server {
    child: Child,
    port: u16,
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

    fn baseline() -> Server {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.arg("--baseline-server").stdout(Stdio::null());
        Server::spawn(cmd)
    }

    fn listen(output: &std::path::Path, extra: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinchctl"));
        cmd.args(["listen", "--port", "0", "--json", "--quiet"])
            .args(extra)
            .env("SINCH_WEBHOOK_SECRET", SECRET)
            .env_remove("SINCHCTL_CONFIG")
            .env("SINCHCTL_CONFIG", "/nonexistent/sinchctl-bench.toml")
            .stdout(std::fs::File::create(output).unwrap());
        Server::spawn(cmd)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn peak_rss_kib(pid: u32) -> u64 {
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

struct Result_ {
    rate: f64,
    p50: Duration,
    p99: Duration,
    cpu_us: f64,
}

/// User + system CPU time of a process so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
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

fn ticks_per_sec() -> f64 {
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
fn load(port: u16, concurrency: usize, total: usize) -> Result_ {
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
                        let body = format!(
                            r#"{{"type":"recipient_delivery_report_sms","batch_id":"01JBENCH{run}","recipient":"4670{i:07}","code":0,"status":"Delivered","at":"2025-01-01T00:00:00.000Z"}}"#
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
        Result_ { rate: total as f64 / elapsed.as_secs_f64(), p50: pct(0.50), p99: pct(0.99), cpu_us: 0.0 }
    })
}

/// The baseline: what a careful user would write with hyper by hand.
fn baseline_server() {
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
