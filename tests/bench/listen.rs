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

use std::process::Command;
use std::time::{Duration, Instant};

#[path = "listen_load.rs"]
mod load;

use load::{
    Measured, Mix, Placement, Server, baseline_server, cores, cpu_ticks, load, peak_rss_kib,
    ticks_per_sec,
};

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

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
