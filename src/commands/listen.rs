//! `sinchctl listen`: runs the verifying receiver, prints what arrives on a
//! printer thread (so output never delays an acknowledgement), stops on a
//! signal or a CI condition, and prints a summary.

use std::io::Write;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context as _, Result};
use tokio::sync::{Notify, mpsc};

use crate::cli::{FailOn, ListenArgs, Until};
use crate::commands::Ctx;
use crate::error::{AppError, Exit};
use crate::listen::server::{self, Delivery, Options, Shared, Verdict};
use crate::listen::tracker::Tracker;
use crate::listen::view::{self, Seen};
use crate::output::Ui;
use crate::webhook::callback::{self, Parsed};

/// Why the server stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Signal,
    ExitAfter,
    AllFinal,
    Timeout,
    OutputClosed,
}

/// Runs `sinchctl listen`.
pub async fn run(ctx: &Ctx, args: ListenArgs) -> Result<Exit> {
    let secret = if args.no_verify {
        None
    } else {
        let (secret, source) = ctx.webhook_secret(args.secret.secret.clone()).map_err(|e| {
            e.context("listen verifies every callback, so it needs the webhook secret (or --no-verify for tinkering)")
        })?;
        Some((
            crate::config::ExposeSecret::expose_secret(&secret).to_owned(),
            source,
        ))
    };
    let host: IpAddr = args.host.parse().map_err(|_| {
        crate::error::usage(format!(
            "--host {:?} is not an IP address; use e.g. 127.0.0.1 or ::1",
            args.host
        ))
    })?;
    serve(ctx.ui, args, host, secret).await
}

async fn serve(
    ui: Ui,
    args: ListenArgs,
    host: IpAddr,
    secret: Option<(String, crate::config::Source)>,
) -> Result<Exit> {
    let listener = tokio::net::TcpListener::bind((host, args.port)).await.with_context(|| {
        format!("cannot listen on {host}:{}; is another program using the port? pick another with --port, or --port 0 for any free one", args.port)
    })?;
    let addr = listener.local_addr()?;
    let path = args.path.clone().unwrap_or_else(|| "/".to_owned());
    // The first stderr line is the readiness signal scripts wait for; it is printed even with --quiet.
    crate::output::eprintln_safe(&format!("Listening on http://{addr}"));
    ui.info(&format!(
        "  callback_url  http://{addr}{path}   (behind ngrok: https://<your-ngrok-domain>{path})"
    ));
    match &secret {
        Some((_, source)) => ui.info(&format!(
            "  secret        from {source}; signatures verified, timestamps within {}s, replays refused",
            args.max_age
        )),
        None => ui.warn(&ui.err.red(
            "--no-verify: signatures are NOT checked; anyone who can reach this port can post callbacks",
        )),
    }
    ui.info(&format!(
        "  ngrok         run `ngrok http {}` and use its https URL + {path} as the callback URL",
        addr.port()
    ));
    ui.info(&format!(
        "  limits        body {} bytes, headers {}s, body {}s, replay cache {} nonces",
        args.max_body,
        args.header_timeout.as_secs(),
        args.request_timeout.as_secs(),
        args.max_nonces
    ));
    if let Some(rec) = &args.record {
        ui.info(&format!(
            "  record        {}{}",
            rec.display(),
            if args.fsync { " (fsync)" } else { "" }
        ));
    }
    if let Some(url) = &args.forward_to {
        ui.info(&format!("  forward       {url}"));
    }
    if let Some(warning) = bind_warning(host) {
        ui.warn(&warning);
    }

    let (tx, rx) = mpsc::unbounded_channel();
    let opts = Options {
        path: args.path.clone(),
        secret: secret.map(|(s, _)| s.into_bytes()),
        max_age: args.max_age,
        max_body: args.max_body,
        header_timeout: args.header_timeout,
        request_timeout: args.request_timeout,
        max_nonces: args.max_nonces,
        record: args.record.clone(),
        fsync: args.fsync,
        forward_to: args.forward_to.clone(),
        forward_timeout: args.forward_timeout,
        exit_after: args.exit_after,
    };
    let shared = Arc::new(Shared::new(opts, tx)?);
    let tracker = Arc::new(Mutex::new(Tracker::with_cap(args.max_tracked)));
    let printer_stop = Arc::new(Notify::new());
    let printer = {
        let (tracker, stop, json, until) =
            (tracker.clone(), printer_stop.clone(), args.json, args.until);
        tokio::task::spawn_blocking(move || print_loop(rx, ui, json, until, &tracker, &stop))
    };

    let reason = Arc::new(Mutex::new(Stop::Signal));
    let shutdown = {
        let (reason, done, printer_stop, timeout) = (
            reason.clone(),
            shared.done.clone(),
            printer_stop.clone(),
            args.timeout,
        );
        async move {
            let why = tokio::select! {
                () = signal() => Stop::Signal,
                () = done.notified() => Stop::ExitAfter,
                () = printer_stop.notified() => Stop::AllFinal,
                () = async { match timeout { Some(t) => tokio::time::sleep(t).await, None => std::future::pending().await } } => Stop::Timeout,
            };
            if let Ok(mut r) = reason.lock() {
                *r = why;
            }
        }
    };
    let drained = server::serve(listener, shared.clone(), shutdown, Duration::from_secs(10)).await;
    if !drained {
        ui.warn("some requests were still in flight after 10s and were cut off");
    }
    let accepted = shared.accepted();
    drop(shared);
    // The printer ends once every sender is gone; do not hang on a cut-off connection.
    let output_closed = tokio::time::timeout(Duration::from_secs(5), printer)
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or(false);
    let mut stop = *reason
        .lock()
        .map_err(|_| anyhow::anyhow!("internal error: lock poisoned"))?;
    if stop == Stop::AllFinal && output_closed {
        stop = Stop::OutputClosed;
    }

    let tracker = tracker
        .lock()
        .map_err(|_| anyhow::anyhow!("internal error: lock poisoned"))?;
    if args.json && !output_closed {
        let _ = crate::output::stdout_line(&view::summary_json(&tracker, accepted).to_string());
    }
    if !ui.quiet {
        crate::output::eprintln_safe(&view::summary_text(&tracker, accepted, &ui.err));
    }

    if stop == Stop::Timeout && (args.exit_after.is_some() || args.until.is_some()) {
        let waited = match (args.exit_after, args.until) {
            (Some(n), _) => format!("{n} accepted callbacks (got {accepted})"),
            _ => "every message to reach a final status".to_owned(),
        };
        return Err(AppError::Timeout(format!(
            "timed out after {}s waiting for {waited}",
            args.timeout.unwrap_or_default().as_secs()
        ))
        .into());
    }
    if args.fail_on.contains(&FailOn::Failed) && tracker.any_failed() {
        return Err(AppError::DeliveryFailed(
            "a message ended in a failure status (--fail-on failed)".into(),
        )
        .into());
    }
    if args.fail_on.contains(&FailOn::Rejected) && !tracker.rejected.is_empty() {
        let n: u64 = tracker.rejected.values().sum();
        return Err(AppError::SignatureInvalid(format!(
            "{n} requests were rejected (--fail-on rejected)"
        ))
        .into());
    }
    Ok(Exit::Ok)
}

/// The warning for an address other machines can reach.
fn bind_warning(host: IpAddr) -> Option<String> {
    (!host.is_loopback()).then(|| {
        format!("listening on {host}, which other machines can reach; ngrok only needs 127.0.0.1 (--host 127.0.0.1)")
    })
}

async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Runs on a blocking thread: parses, tracks and prints each delivery.
/// Returns whether stdout was closed under it.
fn print_loop(
    mut rx: mpsc::UnboundedReceiver<Delivery>,
    ui: Ui,
    json: bool,
    until: Option<Until>,
    tracker: &Mutex<Tracker>,
    stop: &Notify,
) -> bool {
    let tz = jiff::tz::TimeZone::system();
    let stdout = std::io::stdout();
    let mut closed = false;
    let mut announced_final = false;
    let mut text = String::new();
    while let Some(first) = rx.blocking_recv() {
        // Take whatever else is already queued so a burst costs one write.
        let mut batch = vec![first];
        while batch.len() < 256 {
            match rx.try_recv() {
                Ok(d) => batch.push(d),
                Err(_) => break,
            }
        }
        text.clear();
        let mut all_final = false;
        for d in &batch {
            let accepted =
                !matches!(d.verdict, Verdict::Rejected { .. }) && d.record_error.is_none();
            let parsed = accepted.then(|| callback::parse(&d.body));
            let observations = {
                let Ok(mut t) = tracker.lock() else { continue };
                let obs = match (&d.verdict, &parsed) {
                    (Verdict::Rejected { code, .. }, _) => {
                        t.reject(code);
                        Vec::new()
                    }
                    (_, Some(Parsed::Events(events))) => t.observe(events),
                    (_, Some(_)) => {
                        t.unparsed += 1;
                        Vec::new()
                    }
                    _ => Vec::new(),
                };
                all_final = t.all_final();
                obs
            };
            if !closed {
                let seen = Seen {
                    delivery: d,
                    parsed: parsed.as_ref(),
                    observations: &observations,
                };
                if json {
                    text.push_str(&view::json_line(&seen));
                    text.push('\n');
                } else {
                    for line in view::human_lines(&seen, &ui.out, &tz) {
                        text.push_str(&line);
                        text.push('\n');
                    }
                }
            }
        }
        if !closed && !text.is_empty() {
            let mut out = stdout.lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                // The reader went away (`| head`): stop listening quietly.
                closed = true;
                stop.notify_one();
            }
        }
        if until == Some(Until::Final) && all_final && !announced_final {
            announced_final = true;
            stop.notify_one();
        }
        // Napping after a batch means that under load senders find no parked
        // thread to wake, so printing costs the server no wake-up syscalls.
        std::thread::sleep(Duration::from_millis(2));
    }
    closed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_loopback_addresses_warn() {
        assert!(bind_warning("127.0.0.1".parse().unwrap()).is_none());
        assert!(bind_warning("::1".parse().unwrap()).is_none());
        let w = bind_warning("0.0.0.0".parse().unwrap()).unwrap();
        assert!(w.contains("other machines"), "{w}");
        assert!(bind_warning("192.0.2.10".parse().unwrap()).is_some());
    }
}
