//! Benchmark: `sinchctl listen` against a minimal hyper server doing the same
//! verification (HMAC, timestamp window, nonce set), both as separate
//! processes on 127.0.0.1, driven by the same client in the same run.
//!
//! Method (issue 11): with two or more cores and `taskset` available, each
//! server is pinned to core 0 and the load generator to core 1, so the
//! server is the bottleneck; unpinned rows are kept too. The order of
//! baseline and `listen` alternates between runs, every point is run
//! `SINCHCTL_BENCH_RUNS` times (default 3) and reported as median [min–max];
//! a server's CPU is read only once its output is complete (every line written).
//!
//! CPU time is read from /proc in clock ticks (10 ms): with 50,000 callbacks
//! per measurement that is 0.2 µs per callback, about 2% of the baseline.
//!
//! Run with `cargo bench --bench listen`. Knobs: `SINCHCTL_BENCH_REQUESTS`
//! (per measurement, default 50000), `SINCHCTL_BENCH_RUNS` (default 3),
//! `SINCHCTL_BENCH_CONCURRENCY` (default 64), `SINCHCTL_BENCH_RSS_POINTS`
//! (callbacks for the peak-RSS rows, default `100000,300000,1000000`; empty
//! skips them; the largest point is also run with `--no-verify`, which keeps
//! no replay cache, to show what the rest of `listen` holds).

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
enum Mix {
    /// One Delivered report per message.
    Delivered,
    /// Dispatched, then Delivered, for each message.
    DispatchedThenDelivered,
    /// Dispatched only, with `--max-tracked` a third of the messages (a full cap of unfinished ones).
    DispatchedFullCap,
}

impl Mix {
    fn name(self) -> &'static str {
        match self {
            Mix::Delivered => "delivered",
            Mix::DispatchedThenDelivered => "disp+deliv",
            Mix::DispatchedFullCap => "disp-fullcap",
        }
    }

    /// Status and recipient number of callback `i`.
    fn callback(self, i: usize) -> (&'static str, usize) {
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
enum Placement {
    Pinned,
    Shared,
}

fn main() {
    if std::env::args().any(|a| a == "--baseline-server") {
        baseline_server();
        return;
    }
    let requests = env_num("SINCHCTL_BENCH_REQUESTS", 50_000);
    let runs = env_num("SINCHCTL_BENCH_RUNS", 3).max(1);
    let concurrency = env_num("SINCHCTL_BENCH_CONCURRENCY", 64);
    let out_dir = std::env::temp_dir().join(format!("sinchctl-bench-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let can_pin = cores() >= 2 && Command::new("taskset").arg("-V").output().is_ok();
    println!(
        "sinchctl listen vs minimal hyper server, 127.0.0.1, {requests} signed callbacks per run, \
         {concurrency} keep-alive connections, {runs} runs per row (median [min-max])"
    );
    println!(
        "{:<13} {:<13} {:<15} {:>24} {:>22} {:>20} {:>9}",
        "cores conns", "mix", "server", "callbacks/s", "CPU µs/callback", "p99 ms", "peak RSS"
    );
    let half = (concurrency / 2).max(1);
    let mut rows = vec![
        (Placement::Shared, Mix::Delivered, &[][..], half),
        (Placement::Shared, Mix::Delivered, &[][..], concurrency),
        (
            Placement::Shared,
            Mix::Delivered,
            &["--record"][..],
            concurrency,
        ),
    ];
    if can_pin {
        rows.push((Placement::Pinned, Mix::Delivered, &[][..], concurrency));
        rows.push((
            Placement::Pinned,
            Mix::Delivered,
            &["--record"][..],
            concurrency,
        ));
        rows.push((
            Placement::Pinned,
            Mix::DispatchedThenDelivered,
            &[][..],
            concurrency,
        ));
        rows.push((
            Placement::Pinned,
            Mix::DispatchedFullCap,
            &[][..],
            concurrency,
        ));
    } else {
        println!("(taskset or a second core missing: pinned rows skipped)");
    }
    for (placement, mix, extra, concurrency) in rows {
        let point = Point {
            placement,
            mix,
            extra,
            requests,
            concurrency,
            dir: &out_dir,
        };
        compare(&point, runs);
    }
    let points: Vec<usize> = std::env::var("SINCHCTL_BENCH_RSS_POINTS")
        .unwrap_or_else(|_| "100000,300000,1000000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let largest = points.iter().copied().max();
    for n in points {
        rss_point(&out_dir, n, &[], concurrency, runs);
    }
    if let Some(n) = largest {
        rss_point(&out_dir, n, &["--no-verify"], concurrency, runs);
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// Peak RSS of `listen ARGS` after `n` unique callbacks, `runs` times: median [min-max].
fn rss_point(dir: &std::path::Path, n: usize, args: &[&str], concurrency: usize, runs: usize) {
    let started = Instant::now();
    let mut mib: Vec<f64> = (0..runs)
        .map(|_| {
            let out = dir.join("rss.out");
            let server = Server::listen(&out, args, Placement::Shared);
            let _ = load(
                server.port,
                concurrency,
                n,
                Mix::Delivered,
                Placement::Shared,
            );
            wait_for_lines(&out, n);
            peak_rss_kib(server.child.id()) as f64 / 1024.0
        })
        .collect();
    mib.sort_by(f64::total_cmp);
    let settings = if args.is_empty() {
        "the default settings".to_owned()
    } else {
        args.join(" ")
    };
    println!(
        "peak RSS of listen after {n} unique callbacks with {settings}: {:.1} MiB [{:.1}-{:.1}] ({runs} runs, {:.0}s)",
        mib[mib.len() / 2],
        mib[0],
        mib[mib.len() - 1],
        started.elapsed().as_secs_f64()
    );
}

/// One row's settings.
struct Point<'a> {
    placement: Placement,
    mix: Mix,
    extra: &'a [&'a str],
    requests: usize,
    concurrency: usize,
    dir: &'a std::path::Path,
}

/// Runs baseline and listen `runs` times each, alternating which goes first.
fn compare(p: &Point<'_>, runs: usize) {
    let (mut base, mut listen) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let measure_base = || measure(Server::baseline(p.placement), p, None);
        let measure_listen = || {
            let out = p.dir.join(format!("out-{run}.ndjson"));
            let rec = p.dir.join(format!("rec-{run}.ndjson"));
            let _ = std::fs::remove_file(&rec);
            let mut args: Vec<String> = Vec::new();
            if p.extra.contains(&"--record") {
                args.extend(["--record".into(), rec.display().to_string()]);
            }
            if p.mix == Mix::DispatchedFullCap {
                args.extend(["--max-tracked".into(), (p.requests / 3).max(1).to_string()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            measure(Server::listen(&out, &args, p.placement), p, Some(out))
        };
        if run.is_multiple_of(2) {
            base.push(measure_base());
            listen.push(measure_listen());
        } else {
            listen.push(measure_listen());
            base.push(measure_base());
        }
    }
    let cores = if p.placement == Placement::Pinned {
        format!("1 pinned c{}", p.concurrency)
    } else {
        format!("shared c{}", p.concurrency)
    };
    let label = if p.extra.is_empty() {
        "listen"
    } else {
        "listen --record"
    };
    for (name, r) in [("baseline", &base), (label, &listen)] {
        println!(
            "{:<13} {:<13} {:<15} {:>24} {:>22} {:>20} {:>7.1}MiB",
            cores,
            p.mix.name(),
            name,
            spread(r, |m| m.rate, 0),
            spread(r, |m| m.cpu_us, 1),
            spread(r, |m| m.p99.as_secs_f64() * 1000.0, 2),
            median(r, |m| m.rss_kib as f64) / 1024.0
        );
    }
    let ratio = |f: fn(&Measured) -> f64| median(&listen, f) / median(&base, f);
    println!(
        "{:<13} {:<13} listen/baseline: rate {:.2}, CPU per callback {:.2}x, p99 {:.2}x",
        cores,
        p.mix.name(),
        ratio(|m| m.rate),
        ratio(|m| m.cpu_us),
        ratio(|m| m.p99.as_secs_f64())
    );
}

/// Loads a server, waits for its output to be complete, then reads its CPU and RSS.
fn measure(server: Server, p: &Point<'_>, output: Option<std::path::PathBuf>) -> Measured {
    let cpu0 = cpu_ticks(server.child.id());
    let mut m = load(server.port, p.concurrency, p.requests, p.mix, p.placement);
    if let Some(out) = output {
        wait_for_lines(&out, p.requests);
    }
    m.cpu_us =
        (cpu_ticks(server.child.id()) - cpu0) as f64 * 1e6 / ticks_per_sec() / p.requests as f64;
    m.rss_kib = peak_rss_kib(server.child.id());
    m
}

fn median(v: &[Measured], f: impl Fn(&Measured) -> f64) -> f64 {
    let mut x: Vec<f64> = v.iter().map(f).collect();
    x.sort_by(f64::total_cmp);
    x[x.len() / 2]
}

fn spread(v: &[Measured], f: impl Fn(&Measured) -> f64, digits: usize) -> String {
    let x: Vec<f64> = v.iter().map(&f).collect();
    let (lo, hi) = x
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &y| (a.min(y), b.max(y)));
    format!("{:.digits$} [{lo:.digits$}-{hi:.digits$}]", median(v, f))
}

/// Waits until `path` holds at least `n` lines; a measurement whose output
/// never completes (120 s) is not reported at all.
fn wait_for_lines(path: &std::path::Path, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut lines = 0;
    while Instant::now() < deadline {
        lines = std::fs::read(path)
            .map(|b| b.iter().filter(|&&c| c == b'\n').count())
            .unwrap_or(0);
        if lines >= n {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "INCOMPLETE: {} holds {lines} of {n} lines after 120 s",
        path.display()
    );
}

fn cores() -> usize {
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

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
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

    fn baseline(placement: Placement) -> Server {
        let mut cmd = Server::command(&std::env::current_exe().unwrap(), placement);
        cmd.arg("--baseline-server").stdout(Stdio::null());
        Server::spawn(cmd)
    }

    fn listen(output: &std::path::Path, extra: &[&str], placement: Placement) -> Server {
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

struct Measured {
    rate: f64,
    p99: Duration,
    cpu_us: f64,
    rss_kib: u64,
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
fn load(port: u16, concurrency: usize, total: usize, mix: Mix, placement: Placement) -> Measured {
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
