//! `sinchctl simulate`: sends signed test callbacks (one, a scenario, a
//! negative case or a load run) and checks each answer against what a
//! correct endpoint returns; `simulate suite` runs the conformance checks.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use serde_json::json;

use crate::cli::SimulateArgs;
use crate::commands::{Ctx, now_unix};
use crate::error::{AppError, Exit, usage};
use crate::output::{Painter, Ui, stdout_line};
use crate::simulate::payload::{
    self as sim, Expect, Fields, Kind, Mutation, Prepared, Scenario, StatusCount, default_code,
    odd_pair, prepare,
};
use crate::webhook::signature::{ALGORITHM, NONCE, SIGNATURE, TIMESTAMP, new_nonce};

const APP_ID: &str = "01HSINCHCTLSIMULATEDAPP00";
const PROJECT_ID: &str = "00000000-0000-4000-8000-00000000000a";

/// One request's result.
#[derive(Debug, Clone)]
struct Outcome {
    label: String,
    status: Option<u16>,
    latency: Duration,
    expect: Expect,
    error: Option<String>,
    nonce: String,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.expect.matches(self.status)
    }
}

/// Everything needed to send.
struct Sender {
    client: reqwest::Client,
    url: String,
    secret: Vec<u8>,
    timeout: Duration,
}

/// One keep-alive HTTP/1.1 connection driven by hyper directly, for load
/// runs against `http://` URLs: no pool, so the client costs little next to
/// the endpoint under test. Reconnects when the server closes the connection.
struct DirectConn {
    addr: String,
    authority: String,
    path: String,
    send: Option<hyper::client::conn::http1::SendRequest<http_body_util::Full<bytes::Bytes>>>,
}

impl DirectConn {
    fn for_url(url: &str) -> Option<DirectConn> {
        let u: reqwest::Url = url.parse().ok()?;
        if u.scheme() != "http" {
            return None;
        }
        let host = u.host_str()?.to_owned();
        let port = u.port_or_known_default()?;
        let authority = match u.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.clone(),
        };
        let path = match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        };
        Some(DirectConn {
            addr: format!(
                "{}:{port}",
                host.trim_start_matches('[').trim_end_matches(']')
            ),
            authority,
            path,
            send: None,
        })
    }

    async fn connect(&mut self) -> Result<(), String> {
        let stream = tokio::net::TcpStream::connect(&self.addr)
            .await
            .map_err(|e| {
                format!(
                    "cannot connect to {} ({e}); is your server running?",
                    self.addr
                )
            })?;
        let _ = stream.set_nodelay(true);
        let (send, conn) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(|e| format!("HTTP handshake with {} failed: {e}", self.addr))?;
        tokio::spawn(conn);
        self.send = Some(send);
        Ok(())
    }

    async fn send(
        &mut self,
        p: &Prepared,
        timeout: Duration,
    ) -> (Option<u16>, Duration, Option<String>) {
        let started = Instant::now();
        let attempt = async {
            // A connection the server closed (keep-alive ended) is replaced before sending.
            let usable = match self.send.as_mut() {
                Some(s) => s.ready().await.is_ok(),
                None => false,
            };
            if !usable {
                self.connect().await?;
            }
            let send = self.send.as_mut().ok_or("no connection")?;
            let mut req = hyper::Request::post(&self.path).header("host", &self.authority);
            for (n, v) in &p.headers {
                req = req.header(n, v);
            }
            let req = req
                .body(http_body_util::Full::new(bytes::Bytes::from(
                    p.body.clone(),
                )))
                .map_err(|e| format!("cannot build the request: {e}"))?;
            let resp = send.send_request(req).await.map_err(|e| {
                self.send = None;
                format!("request to {} failed: {e}", self.addr)
            })?;
            let status = resp.status().as_u16();
            let _ = http_body_util::BodyExt::collect(resp.into_body()).await;
            Ok::<u16, String>(status)
        };
        match tokio::time::timeout(timeout, attempt).await {
            Ok(Ok(status)) => (Some(status), started.elapsed(), None),
            Ok(Err(e)) => (None, started.elapsed(), Some(e)),
            Err(_) => {
                self.send = None;
                (
                    None,
                    started.elapsed(),
                    Some(format!("no answer from {} in time", self.addr)),
                )
            }
        }
    }
}

impl Sender {
    async fn send(&self, p: &Prepared) -> (Option<u16>, Duration, Option<String>) {
        let mut req = self.client.post(&self.url).body(p.body.clone());
        for (n, v) in &p.headers {
            req = req.header(n, v);
        }
        let started = Instant::now();
        match req.send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let _ = resp.bytes().await;
                (Some(status), started.elapsed(), None)
            }
            Err(e) => (None, started.elapsed(), Some(describe_error(&e, &self.url))),
        }
    }

    /// Signs `body` freshly (new nonce, now), applies `mutation`, sends.
    async fn signed(
        &self,
        label: &str,
        body: &[u8],
        mutation: Mutation,
        expect: Expect,
    ) -> (Outcome, Prepared) {
        let p = prepare(&self.secret, body, &new_nonce(), now_unix(), mutation);
        let outcome = self.resend(label, &p, expect).await;
        (outcome, p)
    }

    async fn resend(&self, label: &str, p: &Prepared, expect: Expect) -> Outcome {
        let (status, latency, error) = self.send(p).await;
        Outcome {
            label: label.to_owned(),
            status,
            latency,
            expect,
            error,
            nonce: p.nonce.clone(),
        }
    }
}

fn describe_error(e: &reqwest::Error, url: &str) -> String {
    let cur = crate::sms::http::root_cause(e);
    if e.is_timeout() {
        format!("no answer from {url} in time")
    } else if e.is_connect() {
        format!("cannot connect to {url} ({cur}); is your server running?")
    } else {
        format!("request to {url} failed: {cur}")
    }
}

/// Runs `sinchctl simulate`.
pub async fn run(ctx: &Ctx, args: SimulateArgs) -> Result<Exit> {
    let (secret, _) = ctx.webhook_secret(args.secret.secret.clone())?;
    if args.kind == Kind::Suite
        && (args.scenario.is_some() || args.count.is_some() || args.duration.is_some())
    {
        return Err(usage(
            "`simulate suite` runs its own checks; drop --scenario/--count/--duration",
        ));
    }
    if args.concurrency == 0 {
        return Err(usage("--concurrency must be at least 1"));
    }
    let url: reqwest::Url = args.url.parse().map_err(|e| {
        usage(format!(
            "--url {:?} is not a URL ({e}); write e.g. http://127.0.0.1:8080/sinch",
            args.url
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(usage(format!("--url {:?} must be http or https", args.url)));
    }
    let custom_body = match &args.body_file {
        Some(path) => Some(crate::commands::read_body(&crate::cli::BodyArgs {
            body: None,
            body_file: Some(path.clone()),
        })?),
        None => None,
    };
    let sender = Sender {
        client: crate::sms::http::http_client(args.timeout)?,
        url: args.url.clone(),
        secret: crate::config::ExposeSecret::expose_secret(&secret)
            .as_bytes()
            .to_vec(),
        timeout: args.timeout,
    };
    if args.kind == Kind::Suite {
        suite(ctx.ui, &sender, &args).await
    } else if args.count.is_some() || args.duration.is_some() {
        load(ctx.ui, sender, &args, custom_body).await
    } else {
        sends(ctx.ui, &sender, &args, custom_body).await
    }
}

fn fields(args: &SimulateArgs) -> Fields {
    Fields {
        batch_id: args.batch_id.clone().unwrap_or_else(new_nonce),
        recipient: args.recipient.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        status: args.status.clone(),
        code: args.code,
        client_reference: args.client_reference.clone(),
        at: args
            .at
            .clone()
            .unwrap_or_else(|| crate::webhook::callback::sinch_time(jiff::Timestamp::now())),
        text: args.text.clone(),
    }
}

/// The body of one callback of `kind` with `status`.
fn body_for(kind: Kind, f: &Fields, status: &str, code: Option<i64>, at: &str) -> Vec<u8> {
    match kind {
        Kind::RecipientDr | Kind::Suite => {
            sim::recipient_dr(f, status, code.unwrap_or_else(|| default_code(status)), at)
        }
        Kind::BatchDr => sim::batch_dr(
            f,
            &[StatusCount {
                status: status.to_owned(),
                code: code.unwrap_or_else(|| default_code(status)),
                recipients: vec![f.recipient.clone()],
            }],
        ),
        Kind::Mo => sim::mo_text(f, &new_nonce()),
        Kind::ConversationDr => {
            let mut f = f.clone();
            f.at = at.to_owned();
            sim::conversation_dr(&f, status, APP_ID, PROJECT_ID)
        }
        Kind::ConversationMo => sim::conversation_mo(f, &new_nonce(), APP_ID, PROJECT_ID),
    }
}

fn mutation(args: &SimulateArgs) -> Result<Mutation> {
    Ok(if args.tamper {
        Mutation::Tamper
    } else if args.wrong_secret {
        Mutation::WrongSecret
    } else if args.stale {
        Mutation::Stale
    } else if args.future {
        Mutation::Future
    } else if args.no_signature {
        Mutation::NoSignature
    } else if args.bad_algorithm {
        Mutation::BadAlgorithm
    } else if let Some(name) = &args.missing_header {
        Mutation::MissingHeader(sim::header_name(name).ok_or_else(|| {
            usage(format!(
                "--missing-header {name:?} is not a signature header; use one of: {SIGNATURE}, {NONCE}, {TIMESTAMP}, {ALGORITHM} \
                 (or signature, nonce, timestamp, algorithm)"
            ))
        })?)
    } else {
        Mutation::None
    })
}

/// A time `secs` seconds after `at` (RFC 3339), for ordering scenario events.
fn later(at: &str, secs: i64) -> String {
    match at.parse::<jiff::Timestamp>() {
        Ok(t) => crate::webhook::callback::sinch_time(
            t.checked_add(jiff::SignedDuration::from_secs(secs))
                .unwrap_or(t),
        ),
        Err(_) => at.to_owned(),
    }
}

/// Single sends, negative cases and scenarios.
async fn sends(
    ui: Ui,
    sender: &Sender,
    args: &SimulateArgs,
    custom_body: Option<Vec<u8>>,
) -> Result<Exit> {
    let f = fields(args);
    let kind = args.kind;
    let conv = matches!(kind, Kind::ConversationDr | Kind::ConversationMo);
    let mutation = mutation(args)?;
    let default_status = if conv { "DELIVERED" } else { "Delivered" };
    let status = args
        .status
        .clone()
        .unwrap_or_else(|| default_status.to_owned());
    if !conv && matches!(kind, Kind::RecipientDr | Kind::BatchDr) {
        if !sim::SMS_STATUSES.contains(&status.as_str()) {
            ui.warn(&format!(
                "status {status:?} is not one Sinch sends for SMS ({})",
                sim::SMS_STATUSES.join(", ")
            ));
        }
        if let Some(code) = args.code
            && let Some(w) = odd_pair(&status, code)
        {
            ui.warn(&w);
        }
    }
    if kind == Kind::ConversationDr && !sim::CONVERSATION_STATUSES.contains(&status.as_str()) {
        ui.warn(&format!(
            "status {status:?} is not a Conversation delivery status ({})",
            sim::CONVERSATION_STATUSES.join(", ")
        ));
    }
    let name = kind_name(kind);
    let mut outcomes = Vec::new();
    let report = |o: &Outcome| print_outcome(&ui, args.json, o);

    if let Some(scenario) = args.scenario {
        if custom_body.is_some() {
            return Err(usage("--scenario builds its own bodies; drop --body-file"));
        }
        if !matches!(kind, Kind::RecipientDr | Kind::ConversationDr) && scenario != Scenario::Batch
        {
            return Err(usage(
                "scenarios apply to recipient-dr and conversation-dr (batch to recipient-dr)",
            ));
        }
        let expect = args.expect.clone().unwrap_or(Expect::Class(2));
        let (first, second) = if conv {
            ("QUEUED_ON_CHANNEL", "DELIVERED")
        } else {
            ("Dispatched", "Delivered")
        };
        let failed = if conv { "FAILED" } else { "Failed" };
        let t0 = f.at.clone();
        let t1 = later(&t0, 3);
        // Each plan entry: (label, body).
        let plan: Vec<(String, Vec<u8>)> = match scenario {
            Scenario::Delivered => vec![
                (
                    format!("{name} {first}"),
                    body_for(kind, &f, first, None, &t0),
                ),
                (
                    format!("{name} {second}"),
                    body_for(kind, &f, second, None, &t1),
                ),
            ],
            Scenario::Failed => vec![
                (
                    format!("{name} {first}"),
                    body_for(kind, &f, first, None, &t0),
                ),
                (
                    format!("{name} {failed}"),
                    body_for(kind, &f, failed, args.code, &t1),
                ),
            ],
            Scenario::Expired if !conv => vec![
                (
                    format!("{name} {first}"),
                    body_for(kind, &f, first, None, &t0),
                ),
                (
                    format!("{name} Expired"),
                    body_for(kind, &f, "Expired", args.code, &t1),
                ),
            ],
            Scenario::Rejected if !conv => vec![(
                format!("{name} Rejected"),
                body_for(kind, &f, "Rejected", args.code, &t0),
            )],
            Scenario::Expired | Scenario::Rejected => {
                return Err(usage(
                    "expired and rejected are SMS statuses; use them with recipient-dr",
                ));
            }
            Scenario::OutOfOrder => vec![
                (
                    format!("{name} {second} (sent first)"),
                    body_for(kind, &f, second, None, &t1),
                ),
                (
                    format!("{name} {first} (older, sent late)"),
                    body_for(kind, &f, first, None, &t0),
                ),
            ],
            Scenario::Duplicate => {
                let body = body_for(kind, &f, &status, args.code, &t0);
                vec![
                    (format!("{name} {status}"), body.clone()),
                    (format!("{name} {status} (duplicate)"), body),
                ]
            }
            Scenario::Batch => batch_plan(&f, args.recipients.max(1), &t0, &t1),
            Scenario::Retry => {
                let body =
                    custom_body.unwrap_or_else(|| body_for(kind, &f, &status, args.code, &t0));
                outcomes.extend(retry(sender, &name, &body, args, &report).await);
                return finish(outcomes);
            }
        };
        for (i, (label, body)) in plan.into_iter().enumerate() {
            if i > 0 && !args.delay.is_zero() {
                tokio::time::sleep(args.delay).await;
            }
            let (o, _) = sender
                .signed(&label, &body, Mutation::None, expect.clone())
                .await;
            report(&o);
            outcomes.push(o);
        }
        return finish(outcomes);
    }

    let body = custom_body.unwrap_or_else(|| body_for(kind, &f, &status, args.code, &f.at));
    let label = format!(
        "{name} {}",
        if args.body_file.is_some() {
            "custom body".to_owned()
        } else {
            status.clone()
        }
    );
    if args.replay {
        let (first, prepared) = sender
            .signed(
                &format!("{label} (original)"),
                &body,
                Mutation::None,
                Expect::Class(2),
            )
            .await;
        report(&first);
        outcomes.push(first);
        let again = sender
            .resend(
                &format!("{label} (replayed)"),
                &prepared,
                args.expect.clone().unwrap_or(Expect::Class(4)),
            )
            .await;
        report(&again);
        outcomes.push(again);
    } else {
        let expect = args
            .expect
            .clone()
            .unwrap_or_else(|| mutation.expectation());
        let label = if mutation == Mutation::None {
            label
        } else {
            format!("{label} ({})", mutation.name())
        };
        let (o, _) = sender.signed(&label, &body, mutation, expect).await;
        report(&o);
        outcomes.push(o);
    }
    finish(outcomes)
}

fn kind_name(kind: Kind) -> String {
    match kind {
        Kind::RecipientDr | Kind::Suite => "recipient_delivery_report_sms",
        Kind::BatchDr => "delivery_report_sms",
        Kind::Mo => "mo_text",
        Kind::ConversationDr => "MESSAGE_DELIVERY",
        Kind::ConversationMo => "MESSAGE_INBOUND",
    }
    .to_owned()
}

/// Per-recipient Dispatched and Delivered reports, then the full batch report.
fn batch_plan(f: &Fields, n: usize, t0: &str, t1: &str) -> Vec<(String, Vec<u8>)> {
    let base: u64 = f.recipient.parse().unwrap_or(46_700_000_001);
    let recipients: Vec<String> = (0..n as u64).map(|i| (base + i).to_string()).collect();
    let mut plan = Vec::new();
    for r in &recipients {
        let rf = Fields {
            recipient: r.clone(),
            ..f.clone()
        };
        plan.push((
            format!("recipient_delivery_report_sms {r} Dispatched"),
            sim::recipient_dr(&rf, "Dispatched", 401, t0),
        ));
        plan.push((
            format!("recipient_delivery_report_sms {r} Delivered"),
            sim::recipient_dr(&rf, "Delivered", 0, t1),
        ));
    }
    let summary = [StatusCount {
        status: "Delivered".into(),
        code: 0,
        recipients,
    }];
    plan.push((
        format!("delivery_report_sms {n} recipients"),
        sim::batch_dr(f, &summary),
    ));
    plan
}

/// Sends like Sinch: after a 5xx, 429 or no answer, waits 5 s × 2^n × scale
/// and resends, freshly signed, until 2xx, another 4xx, or --max-retries.
async fn retry(
    sender: &Sender,
    name: &str,
    body: &[u8],
    args: &SimulateArgs,
    report: &impl Fn(&Outcome),
) -> Vec<Outcome> {
    let expect = args.expect.clone().unwrap_or(Expect::Class(2));
    let mut outcomes = Vec::new();
    for attempt in 0..=args.max_retries {
        if attempt > 0 {
            tokio::time::sleep(sim::retry_delay(attempt - 1, args.retry_scale)).await;
        }
        let label = format!("{name} attempt {}", attempt + 1);
        let (o, _) = sender
            .signed(&label, body, Mutation::None, expect.clone())
            .await;
        report(&o);
        let again = sim::sinch_retries(o.status);
        outcomes.push(o);
        if !again {
            break;
        }
    }
    // Only the last attempt decides: earlier 5xx answers are what the scenario is about.
    let last = outcomes.len() - 1;
    for o in &mut outcomes[..last] {
        o.expect = Expect::AnyOf(vec![
            Expect::Class(5),
            Expect::Code(429),
            Expect::NotSuccess,
        ]);
    }
    outcomes
}

fn status_text(p: &Painter, o: &Outcome) -> String {
    match o.status {
        Some(s) if (200..300).contains(&s) => p.green(&s.to_string()),
        Some(s) if (400..500).contains(&s) => p.yellow(&s.to_string()),
        Some(s) => p.red(&s.to_string()),
        None => p.red("no answer"),
    }
}

fn print_outcome(ui: &Ui, json: bool, o: &Outcome) {
    let line = if json {
        json!({
            "type": "request",
            "label": o.label,
            "status": o.status,
            "latency_ms": (o.latency.as_secs_f64() * 1_000_000.0).round() / 1000.0,
            "expected": o.expect.to_string(),
            "ok": o.ok(),
            "nonce": o.nonce,
            "error": o.error,
        })
        .to_string()
    } else {
        let p = &ui.out;
        let verdict = if o.ok() { p.green("✓") } else { p.red("✗") };
        let err = o
            .error
            .as_deref()
            .map(|e| format!("  {}", p.red(e)))
            .unwrap_or_default();
        format!(
            "{:<52} → {:<9} {:>8.1}ms  {verdict} expected {}{err}",
            o.label,
            status_text(p, o),
            o.latency.as_secs_f64() * 1000.0,
            o.expect
        )
    };
    let _ = stdout_line(&line);
}

/// Turns the outcomes into the exit code.
fn finish(outcomes: Vec<Outcome>) -> Result<Exit> {
    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| !o.ok()).collect();
    if failed.is_empty() {
        return Ok(Exit::Ok);
    }
    if failed.iter().all(|o| o.status.is_none()) {
        let why = failed[0].error.clone().unwrap_or_default();
        return Err(AppError::Remote(why).into());
    }
    let first = failed[0];
    Err(AppError::Expectation(format!(
        "{} of {} requests were not answered as expected; first: {} got {}, expected {}",
        failed.len(),
        outcomes.len(),
        first.label,
        first
            .status
            .map_or_else(|| "no answer".to_owned(), |s| s.to_string()),
        first.expect
    ))
    .into())
}

/// Load: many valid callbacks with unique nonces, bounded by count and/or time.
async fn load(
    ui: Ui,
    sender: Sender,
    args: &SimulateArgs,
    custom_body: Option<Vec<u8>>,
) -> Result<Exit> {
    let total = args.count;
    let deadline = args.duration.map(|d| Instant::now() + d);
    let expect = args.expect.clone().unwrap_or(Expect::Class(2));
    let f = fields(args);
    let base: u64 = f.recipient.parse().unwrap_or(46_700_000_001);
    let show_bar = !args.json && !ui.quiet && std::io::stderr().is_terminal();
    let bar = match (show_bar, total) {
        (false, _) => indicatif::ProgressBar::hidden(),
        (true, Some(n)) => indicatif::ProgressBar::new(n),
        (true, None) => {
            indicatif::ProgressBar::new(args.duration.unwrap_or_default().as_secs().max(1))
        }
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {wide_bar} {pos}/{len} {per_sec} {elapsed_precise}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let sender = Arc::new(sender);
    let next = Arc::new(AtomicU64::new(0));
    let results = Arc::new(Mutex::new(Vec::<(
        Option<u16>,
        Duration,
        bool,
        Option<String>,
    )>::new()));
    let body_template = Arc::new(custom_body);
    let started = Instant::now();
    let workers: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (sender, next, results, bar, f, expect, body_template) = (
                sender.clone(),
                next.clone(),
                results.clone(),
                bar.clone(),
                f.clone(),
                expect.clone(),
                body_template.clone(),
            );
            let kind = args.kind;
            let status = args.status.clone().unwrap_or_else(|| {
                if matches!(kind, Kind::ConversationDr) {
                    "DELIVERED"
                } else {
                    "Delivered"
                }
                .to_owned()
            });
            let code = args.code;
            tokio::spawn(async move {
                let mut mine = Vec::new();
                let mut conn = DirectConn::for_url(&sender.url);
                loop {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if total.is_some_and(|n| i >= n) {
                        break;
                    }
                    let body = match body_template.as_ref() {
                        Some(b) => b.clone(),
                        None => {
                            let rf = Fields {
                                recipient: (base + i).to_string(),
                                ..f.clone()
                            };
                            body_for(kind, &rf, &status, code, &rf.at)
                        }
                    };
                    let p = prepare(
                        &sender.secret,
                        &body,
                        &new_nonce(),
                        now_unix(),
                        Mutation::None,
                    );
                    let (st, latency, err) = match conn.as_mut() {
                        Some(c) => c.send(&p, sender.timeout).await,
                        None => sender.send(&p).await,
                    };
                    let ok = expect.matches(st);
                    mine.push((st, latency, ok, err));
                    if total.is_some() {
                        bar.inc(1);
                    } else {
                        bar.set_position(started.elapsed().as_secs());
                    }
                }
                if let Ok(mut r) = results.lock() {
                    r.extend(mine);
                }
            })
        })
        .collect();
    for w in workers {
        w.await.context("a load worker failed")?;
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let results = results
        .lock()
        .map_err(|_| anyhow::anyhow!("internal error: lock poisoned"))?
        .clone();
    let mut latencies: Vec<Duration> = results.iter().map(|r| r.1).collect();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let mut histogram = std::collections::BTreeMap::<String, u64>::new();
    for r in &results {
        *histogram
            .entry(r.0.map_or_else(|| "error".to_owned(), |s| s.to_string()))
            .or_default() += 1;
    }
    let errors: u64 = results.iter().filter(|r| r.0.is_none()).count() as u64;
    let unmet = results.iter().filter(|r| !r.2).count();
    let rate = results.len() as f64 / elapsed.as_secs_f64().max(1e-9);
    let ms = |d: Duration| (d.as_secs_f64() * 1_000_000.0).round() / 1000.0;
    if args.json {
        stdout_line(
            &json!({
                "type": "load_summary",
                "requests": results.len(),
                "seconds": (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
                "requests_per_second": rate.round(),
                "latency_ms": {"p50": ms(pct(0.50)), "p90": ms(pct(0.90)), "p99": ms(pct(0.99)), "max": ms(latencies.last().copied().unwrap_or_default())},
                "statuses": histogram,
                "errors": errors,
                "expected": expect.to_string(),
                "unexpected": unmet,
            })
            .to_string(),
        )?;
    } else {
        let hist: Vec<String> = histogram.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        stdout_line(&format!(
            "{} requests in {:.2}s: {:.0} req/s\nlatency p50 {:.2}ms  p90 {:.2}ms  p99 {:.2}ms  max {:.2}ms\nstatuses {}\nerrors {errors}  not {expect}: {unmet}",
            results.len(),
            elapsed.as_secs_f64(),
            rate,
            ms(pct(0.50)),
            ms(pct(0.90)),
            ms(pct(0.99)),
            ms(latencies.last().copied().unwrap_or_default()),
            hist.join(", "),
        ))?;
    }
    if let Some(err) = results.iter().find_map(|r| r.3.clone())
        && errors as usize == results.len()
    {
        return Err(AppError::Remote(err).into());
    }
    if unmet > 0 {
        return Err(AppError::Expectation(format!(
            "{unmet} of {} requests were not answered {expect}",
            results.len()
        ))
        .into());
    }
    Ok(Exit::Ok)
}

/// One conformance check's result.
struct CheckResult {
    name: &'static str,
    required: bool,
    passed: bool,
    detail: String,
    why: &'static str,
    seconds: f64,
}

fn show(o: &Outcome) -> String {
    o.status.map_or_else(
        || format!("no answer ({})", o.error.as_deref().unwrap_or("?")),
        |s| s.to_string(),
    )
}

/// Checks that every outcome met its expectation; the detail lists the answers.
fn all_met(outcomes: &[Outcome]) -> (bool, String) {
    let passed = outcomes.iter().all(Outcome::ok);
    let detail = outcomes
        .iter()
        .map(|o| format!("{}: {} (expected {})", o.label, show(o), o.expect))
        .collect::<Vec<_>>()
        .join("; ");
    (passed, detail)
}

/// The conformance suite.
async fn suite(ui: Ui, s: &Sender, args: &SimulateArgs) -> Result<Exit> {
    let mut results = Vec::new();
    let fresh = |status: &str, secs: i64| {
        let f = Fields {
            batch_id: new_nonce(),
            recipient: args.recipient.clone(),
            at: later(
                &crate::webhook::callback::sinch_time(jiff::Timestamp::now()),
                secs,
            ),
            client_reference: Some("sinchctl-suite".into()),
            ..Fields::default()
        };
        sim::recipient_dr(&f, status, default_code(status), &f.at)
    };
    let two = Expect::Class(2);
    let four = Expect::Class(4);
    macro_rules! check {
        ($name:expr, $required:expr, $why:expr, $body:expr) => {{
            let started = Instant::now();
            let (passed, detail): (bool, String) = $body;
            results.push(CheckResult {
                name: $name,
                required: $required,
                passed,
                detail,
                why: $why,
                seconds: started.elapsed().as_secs_f64(),
            });
        }};
    }

    check!(
        "valid callback accepted",
        true,
        "Sinch only stops retrying on 2xx: a valid callback answered otherwise is retried for hours or dropped",
        {
            let (o, _) = s
                .signed("valid", &fresh("Delivered", 0), Mutation::None, two.clone())
                .await;
            all_met(&[o])
        }
    );
    check!(
        "acknowledged quickly",
        true,
        "slow acknowledgements make Sinch time out and retry, producing duplicates",
        {
            let (o, _) = s
                .signed("valid", &fresh("Delivered", 0), Mutation::None, two.clone())
                .await;
            let quick = o.latency <= args.budget;
            (
                o.ok() && quick,
                format!(
                    "answered {} in {:.0}ms (budget {:.0}ms)",
                    show(&o),
                    o.latency.as_secs_f64() * 1000.0,
                    args.budget.as_secs_f64() * 1000.0
                ),
            )
        }
    );
    for (name, mutation, why) in [
        (
            "tampered body rejected",
            Mutation::Tamper,
            "the signature covers the raw body; accepting a changed body lets anyone forge statuses",
        ),
        (
            "wrong secret rejected",
            Mutation::WrongSecret,
            "a callback signed with another secret did not come from your Sinch account",
        ),
        (
            "stale timestamp rejected",
            Mutation::Stale,
            "without a time window a captured callback can be replayed forever",
        ),
        (
            "future timestamp rejected",
            Mutation::Future,
            "a timestamp far ahead extends a forged callback's life; check both directions",
        ),
    ] {
        check!(name, true, why, {
            let (o, _) = s
                .signed(
                    &mutation.name(),
                    &fresh("Delivered", 0),
                    mutation,
                    four.clone(),
                )
                .await;
            all_met(&[o])
        });
    }
    check!(
        "missing signature headers rejected",
        true,
        "an unsigned request must never be treated as a Sinch callback",
        {
            let mut outs = Vec::new();
            for m in [
                Mutation::NoSignature,
                Mutation::MissingHeader(SIGNATURE),
                Mutation::MissingHeader(NONCE),
                Mutation::MissingHeader(TIMESTAMP),
            ] {
                outs.push(
                    s.signed(&m.name(), &fresh("Delivered", 0), m, four.clone())
                        .await
                        .0,
                );
            }
            all_met(&outs)
        }
    );
    check!(
        "replayed callback rejected",
        true,
        "the same nonce twice is a replay; remember nonces for the time window",
        {
            let (first, p) = s
                .signed(
                    "original",
                    &fresh("Delivered", 0),
                    Mutation::None,
                    two.clone(),
                )
                .await;
            let again = s.resend("replayed", &p, four.clone()).await;
            all_met(&[first, again])
        }
    );
    check!(
        "duplicate report handled idempotently",
        true,
        "Sinch may deliver the same report twice; both must be acknowledged (2xx) and processed once",
        {
            let body = fresh("Delivered", 0);
            let a = s
                .signed("first", &body, Mutation::None, two.clone())
                .await
                .0;
            let b = s
                .signed("duplicate", &body, Mutation::None, two.clone())
                .await
                .0;
            all_met(&[a, b])
        }
    );
    check!(
        "out-of-order reports accepted",
        true,
        "reports can arrive out of order; a late Dispatched must not be refused (or regress Delivered)",
        {
            let f = Fields {
                batch_id: new_nonce(),
                recipient: args.recipient.clone(),
                at: crate::webhook::callback::sinch_time(jiff::Timestamp::now()),
                ..Fields::default()
            };
            let delivered = sim::recipient_dr(&f, "Delivered", 0, &later(&f.at, 3));
            let dispatched = sim::recipient_dr(&f, "Dispatched", 401, &f.at);
            let a = s
                .signed("Delivered first", &delivered, Mutation::None, two.clone())
                .await
                .0;
            let b = s
                .signed("Dispatched late", &dispatched, Mutation::None, two.clone())
                .await
                .0;
            all_met(&[a, b])
        }
    );
    check!(
        "signed but malformed body not answered 4xx",
        true,
        "a 4xx stops Sinch's retries for good; answer 2xx (and log) or 5xx (retry later)",
        {
            let o = s
                .signed(
                    "malformed",
                    b"{\"type\": not json",
                    Mutation::None,
                    Expect::AnyOf(vec![two.clone(), Expect::Class(5)]),
                )
                .await
                .0;
            all_met(&[o])
        }
    );
    check!(
        "oversized body refused",
        true,
        "an endpoint that reads unbounded bodies can be exhausted by one request",
        {
            let mut big = b"{\"type\":\"recipient_delivery_report_sms\",\"padding\":\"".to_vec();
            big.extend(std::iter::repeat_n(b'a', 10 << 20));
            big.extend_from_slice(b"\"}");
            let o = s
                .signed("10 MiB body", &big, Mutation::None, Expect::NotSuccess)
                .await
                .0;
            all_met(&[o])
        }
    );
    check!(
        "conversation callback accepted",
        false,
        "only if the endpoint also receives Conversation API webhooks (MESSAGE_DELIVERY)",
        {
            let f = Fields {
                batch_id: new_nonce(),
                recipient: args.recipient.clone(),
                at: crate::webhook::callback::sinch_time(jiff::Timestamp::now()),
                ..Fields::default()
            };
            let o = s
                .signed(
                    "MESSAGE_DELIVERY",
                    &sim::conversation_dr(&f, "DELIVERED", APP_ID, PROJECT_ID),
                    Mutation::None,
                    two.clone(),
                )
                .await
                .0;
            all_met(&[o])
        }
    );

    let required_failed = results.iter().filter(|r| r.required && !r.passed).count();
    if args.json {
        for r in &results {
            stdout_line(&json!({"type": "check", "name": r.name, "required": r.required, "passed": r.passed, "detail": r.detail, "why": r.why}).to_string())?;
        }
        stdout_line(&json!({"type": "suite_summary", "url": s.url, "checks": results.len(), "required_failed": required_failed, "passed": required_failed == 0}).to_string())?;
    } else {
        let p = &ui.out;
        let mut text = format!("conformance of {}\n", s.url);
        for r in &results {
            let mark = match (r.passed, r.required) {
                (true, _) => p.green("pass"),
                (false, true) => p.red("FAIL"),
                (false, false) => p.yellow("warn"),
            };
            text.push_str(&format!("  {mark}  {:<42} {}\n", r.name, p.dim(r.why)));
            if !r.passed {
                text.push_str(&format!("        {}\n", r.detail));
            }
        }
        text.push_str(&format!(
            "{} of {} checks passed{}\n",
            results.iter().filter(|r| r.passed).count(),
            results.len(),
            if required_failed == 0 {
                String::new()
            } else {
                format!("; {required_failed} required checks failed")
            }
        ));
        crate::output::stdout_bytes(text.as_bytes())?;
    }
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(&s.url, &results))
            .with_context(|| format!("cannot write the JUnit report {}", path.display()))?;
        ui.info(&format!("wrote JUnit report {}", path.display()));
    }
    if required_failed > 0 {
        return Err(AppError::Expectation(format!(
            "{required_failed} required conformance checks failed against {}",
            s.url
        ))
        .into());
    }
    Ok(Exit::Ok)
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The suite as JUnit XML: one testcase per check; an optional check that
/// fails is reported as skipped so it does not fail the build.
fn junit(url: &str, results: &[CheckResult]) -> String {
    let failures = results.iter().filter(|r| r.required && !r.passed).count();
    let skipped = results.iter().filter(|r| !r.required && !r.passed).count();
    let time: f64 = results.iter().map(|r| r.seconds).sum();
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sinchctl simulate suite\" tests=\"{}\" failures=\"{failures}\" time=\"{time:.3}\">\n  <testsuite name=\"webhook conformance {}\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" errors=\"0\" time=\"{time:.3}\">\n",
        results.len(),
        xml_escape(url),
        results.len()
    );
    for r in results {
        xml.push_str(&format!(
            "    <testcase classname=\"sinchctl.suite\" name=\"{}\" time=\"{:.3}\">\n",
            xml_escape(r.name),
            r.seconds
        ));
        match (r.passed, r.required) {
            (true, _) => {}
            (false, true) => xml.push_str(&format!(
                "      <failure message=\"{}\">{}</failure>\n",
                xml_escape(&r.detail),
                xml_escape(r.why)
            )),
            (false, false) => xml.push_str(&format!(
                "      <skipped message=\"optional: {}\"/>\n",
                xml_escape(&r.detail)
            )),
        }
        xml.push_str(&format!(
            "      <system-out>{}</system-out>\n    </testcase>\n",
            xml_escape(r.why)
        ));
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot; "
        );
    }

    #[test]
    fn scenario_times_move_forward() {
        assert_eq!(
            later("2025-01-01T00:00:00.000Z", 3),
            "2025-01-01T00:00:03.000Z"
        );
        assert_eq!(later("not a time", 3), "not a time");
    }

    #[test]
    fn batch_plan_reports_every_recipient_then_the_summary() {
        let f = Fields {
            batch_id: "B".into(),
            recipient: "46700000001".into(),
            ..Fields::default()
        };
        let plan = batch_plan(
            &f,
            3,
            "2025-01-01T00:00:00.000Z",
            "2025-01-01T00:00:03.000Z",
        );
        assert_eq!(plan.len(), 7);
        assert!(plan[6].0.contains("3 recipients"));
        assert!(String::from_utf8_lossy(&plan[6].1).contains("46700000003"));
    }
}
