//! `sinchctl demo`: the whole loop offline in one process. Starts the
//! sandbox and a verifying listener on free loopback ports with a generated
//! secret, sends a batch with one recipient per outcome through the real SMS
//! client, streams what arrives, and checks every outcome.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use reqwest::Method;
use serde_json::{Value, json};

use crate::cli::DemoArgs;
use crate::commands::Ctx;
use crate::config::{ExposeSecret, SecretString};
use crate::error::{AppError, Exit};
use crate::listen::{
    Limits, LineFormat, Listener, ListenerConfig, Notices, OutputConfig, Secret, view,
};
use crate::output::Ui;
use crate::sandbox::tour::{self, Check};
use crate::sandbox::{Config, Credential, Event, Sandbox};
use crate::sms::{Auth, Client, ClientConfig, token_url};

const PLAN: &str = "demo-plan";
const PATH: &str = "/sinch";

/// Runs `sinchctl demo`.
pub async fn run(ctx: &Ctx, args: DemoArgs) -> Result<Exit> {
    let ui = ctx.ui;
    // Handled from the start, so Ctrl-C during setup also ends in a clean stop.
    let mut interrupted = tokio::spawn(crate::commands::sandbox::signal());
    // Made up for this run only; never printed.
    let secret = SecretString::from(format!("demo-{}", ulid::Ulid::new()));
    let token = format!("token-{}", ulid::Ulid::new());
    let listener = Listener::start(listener_config(&secret, ui)).await?;
    let sandbox = Sandbox::start(sandbox_config(&secret, &token, args.speed, ui)).await?;
    let callback_url = format!("http://{}{PATH}", listener.local_addr());
    banner(ui, &sandbox, &callback_url);
    let client = client(&sandbox, &token)?;
    refused_send(&client, ui).await?;
    let batch = json!({
        "to": tour::DIGITS.iter().map(|d| tour::recipient(*d)).collect::<Vec<_>>(),
        "from": "+15550100999",
        "body": "Hello from sinchctl demo",
        "delivery_report": "per_recipient",
        "callback_url": callback_url,
        "client_reference": "demo",
    });
    let sent = client
        .json(Method::POST, &client.url("/batches"), Some(&batch))
        .await?;
    let id = sent["id"].as_str().unwrap_or_default().to_owned();
    ui.info(&format!(
        "  sent batch {id} to {} recipients, one per outcome; statuses as they arrive:",
        tour::DIGITS.len()
    ));
    // Why the wait ended early, if it did.
    let cut_short = tokio::select! {
        _ = listener.stopped() => None,
        () = tokio::time::sleep(args.timeout) => Some(CutShort::Timeout),
        _ = &mut interrupted => Some(CutShort::Interrupted),
    };
    let report_url = format!(
        "{}?type=full",
        client.url(&format!("/batches/{id}/delivery_report"))
    );
    let pulled = client
        .json(Method::GET, &report_url, None)
        .await
        .map(|v| tour::pulled_states(&v))
        .unwrap_or_default();
    let summary = listener.shutdown().await;
    sandbox.shutdown().await;
    if summary.output_closed {
        // The reader went away (`| head`): end quietly, as every command does.
        return Ok(Exit::Ok);
    }
    ui.info("");
    ui.info(&view::summary_text(
        &summary.tracker,
        summary.accepted,
        &ui.err,
    ));
    let checks = tour::checks(&summary.tracker, summary.accepted, &id, &pulled);
    // Interrupted, the checks would only list what had no time to happen.
    if !matches!(cut_short, Some(CutShort::Interrupted)) {
        show_checks(ui, &checks);
    }
    let failed = checks.iter().filter(|c| !c.ok).count();
    verdict(ui, cut_short, failed, checks.len(), args.timeout)
}

fn banner(ui: Ui, sandbox: &Sandbox, callback_url: &str) {
    ui.info(
        &ui.err
            .bold("sinchctl demo: the whole loop on this machine, no account needed"),
    );
    ui.info(&format!(
        "  sandbox SMS API  {}  (signs callbacks with a secret made up for this run)",
        sandbox.base_url()
    ));
    ui.info(&format!(
        "  listen           {callback_url}  (verifies every signature)"
    ));
}

/// The end of a run: 130 when interrupted, 5 on timeout, 7 when a check failed.
fn verdict(
    ui: Ui,
    cut_short: Option<CutShort>,
    failed: usize,
    checks: usize,
    timeout: Duration,
) -> Result<Exit> {
    match cut_short {
        Some(CutShort::Interrupted) => {
            ui.warn("demo: interrupted; the sandbox and the listener were stopped");
            Ok(Exit::Interrupted)
        }
        Some(CutShort::Timeout) => Err(AppError::Timeout(format!(
            "demo: not every callback arrived within {}",
            crate::units::show_duration(timeout)
        ))
        .into()),
        None if failed > 0 => {
            Err(AppError::Expectation(format!("demo: {failed} of {checks} checks failed")).into())
        }
        None => {
            explain(ui);
            Ok(Exit::Ok)
        }
    }
}

/// Why the wait for callbacks ended before all of them arrived.
enum CutShort {
    /// `--timeout` passed first (exit 5).
    Timeout,
    /// SIGINT or SIGTERM (exit 130).
    Interrupted,
}

fn listener_config(secret: &SecretString, ui: Ui) -> ListenerConfig {
    ListenerConfig {
        bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        path: Some(PATH.to_owned()),
        secret: Some(Secret::new(secret.expose_secret().as_bytes())),
        max_age: crate::webhook::signature::DEFAULT_MAX_AGE,
        limits: Limits {
            max_body: 1 << 20,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_nonces: 10_000,
            max_tracked: 1_000,
            max_connections: 64,
        },
        record: None,
        record_rejected: None,
        forward: None,
        // Every report the sandbox promises for the batch; the one stuck
        // message never becomes final, so "all final" cannot be the signal.
        exit_after: Some(tour::expected_callbacks()),
        until_final: false,
        output: Some(OutputConfig {
            format: LineFormat::Human {
                painter: ui.out,
                tz: jiff::tz::TimeZone::system(),
            },
            writer: Box::new(std::io::stdout()),
        }),
        // Everything is on loopback with room to spare: a warning would be news.
        notices: Notices::new(move |notice| {
            if notice.is_warning() {
                ui.warn(&notice.text());
            }
        }),
    }
}

fn sandbox_config(secret: &SecretString, token: &str, speed: f64, ui: Ui) -> Config {
    Config {
        port: 0,
        secret: Some(secret.expose_secret().as_bytes().to_vec().into()),
        callback_url: None,
        speed,
        token_ttl: Duration::from_secs(3600),
        credentials: vec![Credential::ServicePlan {
            id: PLAN.into(),
            token: token.into(),
        }],
        max_batches: 16,
        max_pending: 1_000,
        callback_timeout: Duration::from_secs(5),
        // API calls are worth showing; callback attempts show up as listen's lines,
        // except the ones that did not get through.
        sink: Arc::new(move |e: &Event| {
            let show = match e {
                Event::Api(_) => true,
                Event::Callback(c) => c.next != crate::sandbox::Next::Delivered,
            };
            if show {
                ui.info(&format!("  {}", e.human_line(&ui.err)));
            }
        }),
    }
}

/// The real SMS client, configured for the sandbox and nothing else
/// (no config file, no environment, no token cache).
fn client(sandbox: &Sandbox, token: &str) -> Result<Client> {
    let base = url::Url::parse(&sandbox.base_url())?;
    let config = ClientConfig {
        auth: Auth::ServicePlan {
            id: PLAN.into(),
            token: SecretString::from(token.to_owned()),
        },
        auth_url: token_url(base.clone()),
        base,
        timeout: Duration::from_secs(10),
        cache_dir: None,
    };
    Client::new(config, None)
}

/// Shows the API refusing a batch at send time (recipient ending in 9).
async fn refused_send(client: &Client, ui: Ui) -> Result<()> {
    let to = tour::recipient(tour::REFUSED_DIGIT);
    let body = json!({"to": [to], "body": "refused"});
    let answer = client
        .call(Method::POST, &client.url("/batches"), Some(&body))
        .await?;
    let v: Value = serde_json::from_str(&answer.body).unwrap_or_default();
    if answer.status != 400 {
        return Err(AppError::Expectation(format!(
            "demo: a batch to {to} should be refused with 400, got {}",
            answer.status
        ))
        .into());
    }
    ui.info(&format!(
        "  a batch to {to} is refused at send time: 400 {}",
        v["code"].as_str().unwrap_or("?")
    ));
    Ok(())
}

fn show_checks(ui: Ui, checks: &[Check]) {
    let p = ui.err;
    ui.info(&p.bold("checks:"));
    for c in checks {
        let mark = if c.ok { p.green("ok  ") } else { p.red("FAIL") };
        let detail = if c.ok {
            c.seen.clone()
        } else {
            format!("expected {}, saw {}", c.expected, c.seen)
        };
        ui.info(&format!("  {mark} {:<26} {detail}", c.what));
    }
}

fn explain(ui: Ui) {
    ui.info(&ui.err.bold("what just happened"));
    for line in [
        "  sinchctl's SMS client sent a batch to a local copy of the Sinch SMS REST API.",
        "  The sandbox posted signed delivery reports to the batch's callback_url, and",
        "  `listen` verified each HMAC signature, refused nothing, and tracked every",
        "  message: late and duplicate reports did not move a status backwards.",
        "",
    ] {
        ui.info(line);
    }
    ui.info(&ui.err.bold("next steps with a real account"));
    for line in [
        "  sinchctl config init                      # service plan id + API token",
        "  sinchctl listen                           # then: ngrok http 8080",
        "  sinchctl send --to +46... --body hi --delivery-report per-recipient \\",
        "      --callback-url https://<your-ngrok-domain>/ --wait",
        "  Try it offline first: `sinchctl sandbox --help` lists every outcome.",
    ] {
        ui.info(line);
    }
}
