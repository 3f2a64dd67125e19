//! `sinchctl sandbox`: runs the offline SMS API until SIGINT/SIGTERM,
//! printing one line per API call and callback attempt; `sandbox inbound`
//! asks a running one to deliver an inbound message.

use std::sync::Arc;

use anyhow::Result;
use serde_json::json;

use crate::cli::{InboundArgs, SandboxArgs, SandboxCommand, SandboxServeArgs};
use crate::commands::Ctx;
use crate::config::{ExposeSecret, SettingKey as Key};
use crate::error::{AppError, Exit};
use crate::output::{Ui, eprintln_safe};
use crate::sandbox::{Config, Event, OUTCOME_TABLE, Sandbox};

/// Runs `sinchctl sandbox`.
pub async fn run(ctx: &Ctx, args: SandboxArgs) -> Result<Exit> {
    match args.command {
        Some(SandboxCommand::Inbound(a)) => inbound(ctx, a).await,
        None => serve(ctx, args.serve).await,
    }
}

/// Lines queued for the printer thread before a sender waits.
const QUEUED_LINES: usize = 8192;

/// Prints the sandbox's lines from a thread of its own (human lines on
/// stderr, NDJSON on stdout with `--json`), so a slow terminal or pipe holds
/// back a bounded queue rather than the server's tasks.
struct Printer {
    tx: std::sync::mpsc::SyncSender<Option<Event>>,
    thread: std::thread::JoinHandle<()>,
}

impl Printer {
    fn start(ui: Ui, json: bool) -> Printer {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Option<Event>>(QUEUED_LINES);
        let thread = std::thread::spawn(move || {
            // `None` is the owner's "flush and stop"; lines after it are not printed.
            while let Ok(Some(e)) = rx.recv() {
                if json {
                    // A closed stdout must not stop the sandbox; stderr still shows everything.
                    let _ = crate::output::stdout_line(&e.json_line());
                }
                ui.info(&e.human_line(&ui.err));
            }
        });
        Printer { tx, thread }
    }

    fn sink(&self) -> crate::sandbox::Sink {
        let tx = self.tx.clone();
        Arc::new(move |e: &Event| {
            let _ = tx.send(Some(e.clone()));
        })
    }

    /// Prints every line queued so far, then stops the thread.
    fn finish(self) {
        let _ = self.tx.send(None);
        let _ = self.thread.join();
    }
}

async fn serve(ctx: &Ctx, a: SandboxServeArgs) -> Result<Exit> {
    let settings = ctx.settings(&[(
        Key::WebhookSecret,
        a.secret
            .secret
            .as_ref()
            .map(|s| s.expose_secret().to_owned()),
    )])?;
    let secret = settings
        .secret(Key::WebhookSecret)
        .map(|s| s.expose_secret().to_owned());
    let printer = Printer::start(ctx.ui, a.json);
    let cfg = Config {
        port: a.port,
        secret: secret.clone().map(|s| s.into_bytes().into()),
        callback_url: a.callback_url.as_ref().map(url::Url::to_string),
        speed: a.speed,
        token_ttl: a.token_ttl,
        credentials: a.credentials.clone(),
        max_batches: usize::try_from(a.max_batches).unwrap_or(usize::MAX),
        max_pending: usize::try_from(a.max_pending).unwrap_or(usize::MAX),
        callback_timeout: a.callback_timeout,
        sink: printer.sink(),
    };
    let sandbox = match Sandbox::start(cfg).await {
        Ok(s) => s,
        Err(e) => {
            printer.finish();
            return Err(e);
        }
    };
    announce(ctx.ui, &a, &sandbox, secret.is_some());
    signal().await;
    let stopped = sandbox.shutdown().await;
    // Joining waits only for lines already queued.
    let _ = tokio::task::spawn_blocking(move || printer.finish()).await;
    ctx.ui.info(&format!(
        "stopped; {} pending callback{} not sent",
        stopped.pending,
        if stopped.pending == 1 { "" } else { "s" }
    ));
    Ok(Exit::Ok)
}

/// The startup lines; the first is the readiness signal.
fn announce(ui: Ui, a: &SandboxServeArgs, sandbox: &Sandbox, signed: bool) {
    let base = sandbox.base_url();
    // The first stderr line is the readiness signal scripts wait for; printed even with --quiet.
    eprintln_safe(&format!("Listening on {base}"));
    ui.info(&format!(
        "  point sinchctl at it: export SINCH_SMS_BASE_URL={base} SINCH_AUTH_URL={}",
        sandbox.auth_url()
    ));
    ui.info(&format!(
        "  credentials         {}",
        if a.credentials.is_empty() {
            "any service plan id + token, or any project + key id/secret".to_owned()
        } else {
            format!("only the {} given with --credentials", a.credentials.len())
        }
    ));
    ui.info(&format!(
        "  callbacks           {}; {}",
        a.callback_url
            .as_ref()
            .map_or("to each batch's callback_url (no default --callback-url)".to_owned(), |u| {
                format!("to the batch's callback_url, else {u}")
            }),
        if signed {
            "signed with the webhook secret".to_owned()
        } else {
            ui.err.yellow("UNSIGNED (no --secret): use `listen --no-verify`, or pass the same --secret to both")
        }
    ));
    ui.info(&format!(
        "  time                {}x Sinch's: statuses after {:.2}s/{:.2}s, retries after {:.2}s, {:.2}s, {:.2}s ...",
        a.speed,
        1.0 / a.speed,
        2.0 / a.speed,
        5.0 / a.speed,
        10.0 / a.speed,
        20.0 / a.speed
    ));
    for line in OUTCOME_TABLE.lines() {
        ui.info(&format!("  {line}"));
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

async fn inbound(ctx: &Ctx, a: InboundArgs) -> Result<Exit> {
    let base = match &a.sandbox_url {
        Some(u) => u.to_string(),
        None => ctx
            .settings(&[])?
            .value(Key::SmsBaseUrl)
            .unwrap_or("http://127.0.0.1:8081")
            .to_owned(),
    };
    let url = format!("{}/_sandbox/inbound", base.trim_end_matches('/'));
    let mut body = json!({"from": a.from, "to": a.to, "body": a.body});
    if let Some(cb) = &a.callback_url {
        body["callback_url"] = json!(cb.to_string());
    }
    let client = crate::sms::http::http_client(std::time::Duration::from_secs(10))?;
    let resp = client.post(&url).json(&body).send().await.map_err(|e| {
        AppError::Remote(format!(
            "cannot reach the sandbox at {url}: {}; is `sinchctl sandbox` running (--sandbox-url)?",
            crate::sms::http::root_cause(&e)
        ))
    })?;
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    if !(200..300).contains(&status) {
        let why = v["text"]
            .as_str()
            .map_or_else(|| text.clone(), str::to_owned);
        return Err(AppError::Remote(format!("the sandbox answered {status}: {why}")).into());
    }
    crate::output::stdout_line(v["id"].as_str().unwrap_or_default())?;
    ctx.ui.info(&format!(
        "queued inbound mo_text from {} to {}",
        a.from, a.to
    ));
    Ok(Exit::Ok)
}
