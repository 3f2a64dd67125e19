//! Load runs: many valid callbacks with unique nonces from N concurrent
//! workers, bounded by a count and/or a duration. Memory stays bounded
//! whatever the run's length: answers are tallied, latencies go into a histogram.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use hdrhistogram::Histogram;

use super::expect::Expect;
use super::mutation::Mutation;
use super::transport::{Answer, DirectConn, Sender};

/// The most requests of one run (`--count`).
pub const MAX_COUNT: u64 = 100_000_000;
/// The longest run (`--duration`).
pub const MAX_DURATION: Duration = Duration::from_secs(24 * 3600);
/// The most requests in flight (`--concurrency`).
pub const MAX_CONCURRENCY: usize = 1024;

/// What to run.
#[derive(Debug, Clone, Copy)]
pub struct LoadConfig {
    /// Stop after this many requests.
    pub count: Option<u64>,
    /// Stop after this long.
    pub duration: Option<Duration>,
    /// Requests in flight at once (at least 1).
    pub concurrency: usize,
    /// What each answer must be.
    pub expect: Expect,
}

/// The body of request number `i`.
pub type BodyFn = Arc<dyn Fn(u64) -> Vec<u8> + Send + Sync>;
/// Called after each request with the number of requests done so far.
pub type ProgressFn = Arc<dyn Fn(u64) + Send + Sync>;

/// Latency percentiles.
#[derive(Debug, Clone, Copy, Default)]
pub struct Latency {
    /// Median.
    pub p50: Duration,
    /// 90th percentile.
    pub p90: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest.
    pub max: Duration,
}

/// What a load run observed.
#[derive(Debug, Clone)]
pub struct LoadReport {
    /// Requests sent.
    pub requests: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Latency percentiles over every request.
    pub latency: Latency,
    /// Answers by status (`error` for no answer).
    pub statuses: BTreeMap<String, u64>,
    /// Requests without an answer.
    pub errors: u64,
    /// Requests whose answer did not meet the expectation.
    pub unexpected: u64,
    /// The first reason a request got no answer.
    pub first_error: Option<String>,
}

impl LoadReport {
    /// Requests per second over the run.
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// One worker's tally.
struct Tally {
    latencies: Histogram<u64>,
    statuses: BTreeMap<String, u64>,
    requests: u64,
    errors: u64,
    unexpected: u64,
    first_error: Option<String>,
}

impl Tally {
    fn new() -> Result<Tally> {
        Ok(Tally {
            // Microseconds, from 1 µs to one hour, 3 significant digits.
            latencies: Histogram::new_with_bounds(1, 3_600_000_000, 3)
                .context("internal error: latency histogram")?,
            statuses: BTreeMap::new(),
            requests: 0,
            errors: 0,
            unexpected: 0,
            first_error: None,
        })
    }

    fn add(&mut self, a: Answer, expect: Expect) {
        self.requests += 1;
        self.latencies
            .saturating_record(a.latency.as_micros().try_into().unwrap_or(u64::MAX));
        let key = a
            .status
            .map_or_else(|| "error".to_owned(), |s| s.to_string());
        *self.statuses.entry(key).or_default() += 1;
        if !expect.matches(a.status) {
            self.unexpected += 1;
        }
        if a.status.is_none() {
            self.errors += 1;
            if self.first_error.is_none() {
                self.first_error = a.error;
            }
        }
    }

    fn merge(&mut self, other: Tally) {
        let _ = self.latencies.add(&other.latencies);
        for (k, v) in other.statuses {
            *self.statuses.entry(k).or_default() += v;
        }
        self.requests += other.requests;
        self.errors += other.errors;
        self.unexpected += other.unexpected;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    fn report(self, elapsed: Duration) -> LoadReport {
        let h = &self.latencies;
        let at = |q: f64| {
            Duration::from_micros(if h.is_empty() {
                0
            } else {
                h.value_at_quantile(q)
            })
        };
        LoadReport {
            requests: self.requests,
            elapsed,
            latency: Latency {
                p50: at(0.50),
                p90: at(0.90),
                p99: at(0.99),
                max: Duration::from_micros(if h.is_empty() { 0 } else { h.max() }),
            },
            statuses: self.statuses,
            errors: self.errors,
            unexpected: self.unexpected,
            first_error: self.first_error,
        }
    }
}

/// Shared by the workers of one run.
struct Shared {
    sender: Arc<Sender>,
    cfg: LoadConfig,
    body: BodyFn,
    progress: ProgressFn,
    next: AtomicU64,
    done: AtomicU64,
    deadline: Option<Instant>,
}

async fn worker(s: Arc<Shared>) -> Result<Tally> {
    let mut tally = Tally::new()?;
    let mut conn = DirectConn::for_url(&s.sender.url);
    loop {
        if s.deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let i = s.next.fetch_add(1, Ordering::Relaxed);
        if s.cfg.count.is_some_and(|n| i >= n) {
            break;
        }
        let p = s.sender.prepare(&(s.body)(i), Mutation::None);
        let answer = match conn.as_mut() {
            Some(c) => c.send(&p, s.sender.timeout).await,
            None => s.sender.send(&p).await,
        };
        tally.add(answer, s.cfg.expect);
        (s.progress)(s.done.fetch_add(1, Ordering::Relaxed) + 1);
    }
    Ok(tally)
}

/// Runs the load: `cfg.concurrency` workers send `body(i)` for i = 0, 1, ...
/// until the count is reached or the time is up.
pub async fn run(
    sender: Arc<Sender>,
    cfg: LoadConfig,
    body: BodyFn,
    progress: ProgressFn,
) -> Result<LoadReport> {
    let started = Instant::now();
    let shared = Arc::new(Shared {
        sender,
        cfg,
        body,
        progress,
        next: AtomicU64::new(0),
        done: AtomicU64::new(0),
        deadline: cfg.duration.map(|d| started + d.min(MAX_DURATION)),
    });
    let workers: Vec<_> = (0..cfg.concurrency.clamp(1, MAX_CONCURRENCY))
        .map(|_| tokio::spawn(worker(shared.clone())))
        .collect();
    let mut total = Tally::new()?;
    for w in workers {
        total.merge(w.await.context("a load worker failed")??);
    }
    Ok(total.report(started.elapsed()))
}
